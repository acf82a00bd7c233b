package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// incrSpeaker is the speaker of the incremental grouping tests.
const incrSpeaker = "Vera Quillon"

// remarkWords returns the words of invented remark r: n words, all its own.
func remarkWords(r, n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("r%dw%d", r, i)
	}
	return w
}

// randomClaim returns a claim on one of remarks remarks of 16 words: a
// window of it, sometimes with a word changed, sometimes spliced with the
// start of another, so that claims join, chain and bridge groups.
func randomClaim(rng *rand.Rand, remarks int) string {
	r := rng.IntN(remarks)
	w := remarkWords(r, 16)
	n := 3 + rng.IntN(14)
	start := rng.IntN(16 - n + 1)
	out := slices.Clone(w[start : start+n])
	switch rng.IntN(6) {
	case 0:
		out[rng.IntN(len(out))] = fmt.Sprintf("x%d", rng.IntN(3))
	case 1:
		out = append(out, remarkWords(rng.IntN(remarks), 16)[:6+rng.IntN(6)]...)
	}
	return strings.Join(out, " ") + "."
}

func randomStatementArticle(rng *rand.Rand, key string, version, remarks int) *graph.Article {
	b := newArt(key).version(fmt.Sprint(version)).person(incrSpeaker)
	for range 1 + rng.IntN(3) {
		b.said(incrSpeaker, randomClaim(rng, remarks), rng.IntN(2) == 0)
	}
	return b.a
}

func sortedStatements(tb testing.TB, s *store.Store) []string {
	var out []string
	for _, st := range statements(tb, s, graph.StatementFilter{}) {
		out = append(out, fmt.Sprintf("%+v", *st))
	}
	slices.Sort(out)
	return out
}

// TestStatementsIncrementalGrouping checks that a speaker's statements,
// after articles are added, rewritten and deleted in random order, are
// those of a store given only the final articles at once: a write that
// regroups only the claims its own touch finds every group it changes.
func TestStatementsIncrementalGrouping(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			const keys, remarks = 40, 6
			s := newTestStore(t)
			final := map[string]*graph.Article{}
			for op := range 160 {
				key := fmt.Sprintf("a%02d", rng.IntN(keys))
				if _, ok := final[key]; ok && rng.IntN(3) == 0 {
					if _, err := s.DeleteSource(ctx, key); err != nil {
						t.Fatal(err)
					}
					delete(final, key)
					continue
				}
				a := randomStatementArticle(rng, key, op, remarks)
				put(t, s, a)
				final[key] = a
			}
			if err := s.Check(ctx); err != nil {
				t.Fatal(err)
			}
			fresh := newTestStore(t)
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range final {
					if !yield(k) {
						return
					}
				}
			}) {
				put(t, fresh, final[k])
			}
			got, want := sortedStatements(t, s), sortedStatements(t, fresh)
			if !slices.Equal(got, want) {
				t.Errorf("statements after random writes differ from those of the final articles:\ngot  %d %q\nwant %d %q", len(got), got, len(want), want)
			}
			if len(want) < 3 {
				t.Errorf("only %d statements: the test groups too little", len(want))
			}
		})
	}
}

// BenchmarkStatementsAddOne measures writing and deleting one article
// with three statements of a speaker who has n statements from n other
// articles, one of which it joins: the cost should not grow with n.
func BenchmarkStatementsAddOne(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			s, err := store.Open(ctx, store.Options{InMemory: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			for i := range n {
				a := newArt(fmt.Sprintf("old%05d", i)).person(incrSpeaker).
					said(incrSpeaker, strings.Join(remarkWords(i, 12), " ")+".", true).a
				put(b, s, a)
			}
			a := newArt("new").person(incrSpeaker).
				said(incrSpeaker, strings.Join(remarkWords(n/2, 12)[:8], " ")+".", true).
				said(incrSpeaker, strings.Join(remarkWords(n+1, 10), " ")+".", false).
				said(incrSpeaker, strings.Join(remarkWords(n+2, 20), " ")+".", true).a
			b.ResetTimer()
			for b.Loop() {
				put(b, s, a)
				if _, err := s.DeleteSource(ctx, "new"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStatementsWordsChange measures adding one article whose claim
// changes the words (so the statement ID) of a statement of n sources of
// one speaker: the cost should not grow with n. Deleting it again, which
// regroups the statement, is not timed.
func BenchmarkStatementsWordsChange(b *testing.B) {
	ctx := context.Background()
	short := strings.Join(remarkWords(0, 12), " ")
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			s, err := store.Open(ctx, store.Options{InMemory: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			for i := range n {
				put(b, s, newArt(fmt.Sprintf("old%05d", i)).person(incrSpeaker).said(incrSpeaker, short+".", true).a)
			}
			a := newArt("new").person(incrSpeaker).said(incrSpeaker, short+" and more words of it.", true).a
			b.ResetTimer()
			for range b.N {
				put(b, s, a)
				b.StopTimer()
				if _, err := s.DeleteSource(ctx, "new"); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}
