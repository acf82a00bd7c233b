package graph_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func TestPin(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	put(t, s, newArt("a").version("1").person("Ann Lee").person("Bo Chan").
		meet("2023-06-19", "", "", "Ann Lee", "Bo Chan").a)
	pinned, release := s.Pin(ctx)
	if _, err := s.DeleteSource(pinned, "a"); err != nil { // writes ignore the pin
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ctx  context.Context
		want int
	}{
		{"pinned", pinned, 1},
		{"current", ctx, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcs, err := s.Sources(tc.ctx)
			if err != nil {
				t.Fatal(err)
			}
			ms, err := s.Meetings(tc.ctx, graph.MeetingFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(srcs) != tc.want || len(ms) != tc.want {
				t.Errorf("%d sources, %d meetings; want %d of each", len(srcs), len(ms), tc.want)
			}
		})
	}
	release()
	release() // idempotent
	if _, err := s.Sources(pinned); err == nil {
		t.Error("read through a released pin succeeded")
	}
}

func BenchmarkPinnedRead(b *testing.B) {
	ctx := context.Background()
	s := newTestStore(b)
	put(b, s, newArt("a").version("1").person("Ann Lee").person("Bo Chan").
		meet("2023-06-19", "", "", "Ann Lee", "Bo Chan").a)
	pinned, release := s.Pin(ctx)
	defer release()
	for b.Loop() {
		if _, err := s.Meetings(pinned, graph.MeetingFilter{}); err != nil {
			b.Fatal(err)
		}
	}
}
