package store_test

import (
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/graph/store"
)

// TestConformance runs the suite every graph.Reader must pass on the store,
// and on a read view of it.
func TestConformance(t *testing.T) {
	open := func(t *testing.T, arts []*graph.Article) *store.Store {
		s := newTestStore(t)
		for _, a := range arts {
			put(t, s, a)
		}
		return s
	}
	t.Run("Store", func(t *testing.T) {
		graphtest.Run(t, func(t *testing.T, arts []*graph.Article) graph.Reader { return open(t, arts) })
	})
	t.Run("View", func(t *testing.T) {
		graphtest.Run(t, func(t *testing.T, arts []*graph.Article) graph.Reader {
			v := open(t, arts).View(graph.ReadOptions{})
			t.Cleanup(v.Close)
			return v
		})
	})
}
