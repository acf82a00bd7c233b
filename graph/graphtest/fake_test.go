package graphtest_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/graph/store"
)

// TestFake runs the suite on a Fake of the snapshot the Badger store gives
// for the suite's articles: the fake reads like the store.
func TestFake(t *testing.T) {
	graphtest.Run(t, func(t *testing.T, arts []*graph.Article) graph.Reader {
		ctx := context.Background()
		st, err := store.Open(ctx, store.Options{InMemory: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, a := range arts {
			if _, err := st.PutArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		snap, err := st.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return graphtest.NewFake(snap)
	})
}

// TestFakeCounts checks the call counts and the hook the tests above the
// store rely on.
func TestFakeCounts(t *testing.T) {
	f := graphtest.NewFake(&graph.Snapshot{})
	ctx := context.Background()
	_, _ = f.Sources(ctx)
	_, _ = f.Sources(ctx)
	_, _ = f.Events(ctx)
	if f.Calls("Sources") != 2 || f.Calls("Events") != 1 || f.Calls("") != 3 {
		t.Errorf("calls: Sources %d, Events %d, all %d; want 2, 1, 3", f.Calls("Sources"), f.Calls("Events"), f.Calls(""))
	}
	f.Hook = func(_ context.Context, method string) error {
		if method == "Meetings" {
			return context.DeadlineExceeded
		}
		return nil
	}
	if _, err := f.Meetings(ctx, graph.MeetingFilter{}); err != context.DeadlineExceeded {
		t.Errorf("Meetings with a failing hook: %v", err)
	}
	if _, err := f.Events(ctx); err != nil {
		t.Errorf("Events: %v", err)
	}
}
