package store_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func TestView(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	put(t, s, newArt("a").version("1").person("Ann Lee").person("Bo Chan").
		meet("2023-06-19", "", "", "Ann Lee", "Bo Chan").a)
	view := s.View(graph.ReadOptions{})
	if _, err := s.DeleteSource(ctx, "a"); err != nil { // writes ignore the view
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		r    graph.Reader
		want int
	}{
		{"view", view, 1},
		{"current", s, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcs, err := tc.r.Sources(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ms, err := tc.r.Meetings(ctx, graph.MeetingFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(srcs) != tc.want || len(ms) != tc.want {
				t.Errorf("%d sources, %d meetings; want %d of each", len(srcs), len(ms), tc.want)
			}
		})
	}
	view.Close()
	view.Close() // idempotent
	if _, err := view.Sources(ctx); err == nil {
		t.Error("read through a closed view succeeded")
	}
}

func BenchmarkViewRead(b *testing.B) {
	ctx := context.Background()
	s := newTestStore(b)
	put(b, s, newArt("a").version("1").person("Ann Lee").person("Bo Chan").
		meet("2023-06-19", "", "", "Ann Lee", "Bo Chan").a)
	view := s.View(graph.ReadOptions{})
	defer view.Close()
	for b.Loop() {
		if _, err := view.Meetings(ctx, graph.MeetingFilter{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEdgesOfManyKept checks the answers EdgesOfMany keeps per snapshot:
// the same question gives the same edges, a caller changing its answer
// does not change the next, and a write is seen by the next question.
func TestEdgesOfManyKept(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	put(t, s, newArt("a").version("1").person("Ann Lee").person("Bo Chan").
		meet("2023-06-19", "", "", "Ann Lee", "Bo Chan").a)
	ann, bo := graph.EntityID(graph.Person, "Ann Lee"), graph.EntityID(graph.Person, "Bo Chan")
	f := graph.EdgeFilter{Types: []graph.EdgeType{graph.MetWith}, Others: map[graph.ID]bool{ann: true, bo: true}}
	count := func() int {
		t.Helper()
		m, err := s.EdgesOfMany(ctx, []graph.ID{ann, bo}, f)
		if err != nil {
			t.Fatal(err)
		}
		n := len(m[ann])
		m[ann] = nil // a caller's change
		delete(m, bo)
		return n
	}
	if n := count(); n != 1 {
		t.Fatalf("%d MET_WITH edges of Ann Lee, want 1", n)
	}
	if n := count(); n != 1 {
		t.Fatalf("asked again: %d MET_WITH edges of Ann Lee, want 1", n)
	}
	put(t, s, newArt("b").version("1").person("Ann Lee").person("Bo Chan").
		meet("2023-07-02", "", "", "Ann Lee", "Bo Chan").a)
	if n := count(); n != 2 {
		t.Fatalf("after a second meeting: %d MET_WITH edges of Ann Lee, want 2", n)
	}
}
