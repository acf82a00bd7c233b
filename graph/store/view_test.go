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
