package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// TestCountAgreesWithCensus checks that a Count, which reads only what a
// batch touched, says what counting the whole graph before and after the
// batch says, totals included: batches that add, update, delete and
// re-cluster meetings (also across participant lists), change corrections, and follow writes no Count saw
// (the stored totals are then stale and the graph is counted); both with
// the whole-graph count large batches take and with the scope alone.
func TestCountAgreesWithCensus(t *testing.T) {
	ctx := context.Background()
	arts := fiveArticles()
	merge := &graph.Corrections{Corrections: []graph.Correction{{Op: graph.OpMerge, Entity: "Qin Gang", Into: "Wang Yi"}}}
	batches := []struct {
		name    string
		counted bool // inside a Count
		do      func(t *testing.T, s *store.Store)
	}{
		{"first two", true, func(t *testing.T, s *store.Store) { put(t, s, arts[0]); put(t, s, arts[1]) }},
		{"the rest", true, func(t *testing.T, s *store.Store) {
			for _, a := range arts[2:] {
				put(t, s, a)
			}
		}},
		{"unchanged", true, func(t *testing.T, s *store.Store) { put(t, s, arts[3]) }},
		{"update re-clusters", true, func(t *testing.T, s *store.Store) {
			put(t, s, newArt("4").version("v2").person("Antony Blinken").person("Xi Jinping").
				meet("2023-06-20", "", "", "Antony Blinken", "Xi Jinping").a)
		}},
		{"delete", true, func(t *testing.T, s *store.Store) { deleteSource(t, s, "2") }},
		{"uncounted write", false, func(t *testing.T, s *store.Store) { put(t, s, arts[1]) }},
		{"corrections", true, func(t *testing.T, s *store.Store) {
			if _, err := s.SetCorrections(ctx, merge); err != nil {
				t.Fatal(err)
			}
		}},
		{"add and delete the same", true, func(t *testing.T, s *store.Store) {
			put(t, s, newArt("9").person("Wang Yi").person("Xi Jinping").meet("2023-06-19", "", "", "Wang Yi", "Xi Jinping").a)
			deleteSource(t, s, "9")
		}},
		{"corrections removed", true, func(t *testing.T, s *store.Store) {
			if _, err := s.SetCorrections(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}},
		{"a pair's meeting", true, func(t *testing.T, s *store.Store) { put(t, s, subsetArticles()[0]) }},
		{"a wider list joins it", true, func(t *testing.T, s *store.Store) { put(t, s, subsetArticles()[1]) }},
		{"the pair's report leaves", true, func(t *testing.T, s *store.Store) { deleteSource(t, s, "m1") }},
		{"and comes back", true, func(t *testing.T, s *store.Store) { put(t, s, subsetArticles()[0]) }},
		{"a statement of three sources", true, func(t *testing.T, s *store.Store) {
			for i := range 3 {
				put(t, s, newArt(fmt.Sprint("st", i)).person(countSpeaker).said(countSpeaker, countShortClaim+".", true).a)
			}
		}},
		{"longer words join it", true, func(t *testing.T, s *store.Store) {
			put(t, s, newArt("st-long").person(countSpeaker).said(countSpeaker, countLongClaim, true).a)
		}},
		{"the longer words leave", true, func(t *testing.T, s *store.Store) { deleteSource(t, s, "st-long") }},
		{"a rewrite lengthens them", true, func(t *testing.T, s *store.Store) {
			put(t, s, newArt("st1").version("v2").person(countSpeaker).said(countSpeaker, countLongClaim, false).a)
		}},
	}
	for _, scoped := range []bool{false, true} {
		s := newTestStore(t)
		for _, b := range batches {
			t.Run(fmt.Sprintf("%s/scoped=%v", b.name, scoped), func(t *testing.T) {
				before, err := s.Census(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if !b.counted {
					b.do(t, s)
					return
				}
				c, err := s.BeginCount(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				if scoped {
					store.CountScopedOnly(c)
				}
				b.do(t, s)
				got, err := c.Finish(ctx)
				if err != nil {
					t.Fatal(err)
				}
				after, err := s.Census(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if want := before.Diff(after); got != want {
					t.Errorf("count %+v, census %+v", got, want)
				}
			})
		}
	}
}

// countShortClaim and countLongClaim are one statement in two lengths, by
// countSpeaker: an invented person, as the words are invented.
const (
	countSpeaker    = "Tamsin Orlov"
	countShortClaim = "we will keep working on the deal with our partners"
	countLongClaim  = countShortClaim + " for years to come."
)

func deleteSource(tb testing.TB, s *store.Store, key string) {
	tb.Helper()
	if _, err := s.DeleteSource(context.Background(), key); err != nil {
		tb.Fatalf("delete %s: %v", key, err)
	}
}
