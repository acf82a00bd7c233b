package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// Invented words for the statement tests.
const (
	longWords  = "Our two harbours share the same tides and the same worries about them, and we will study them together."
	shortWords = "\u201cOur two harbours share the same tides, and the same worries about them!\u201d"
	reported   = "the two harbours share the same tides and the same worries about them"
	thanks     = "Thank you."
	thanksMore = "Thank you for having us here, it was a pleasure."
)

func statements(tb testing.TB, s *store.Store, f graph.StatementFilter) []*graph.Statement {
	tb.Helper()
	sts, err := s.Statements(context.Background(), f)
	if err != nil {
		tb.Fatal(err)
	}
	return sts
}

// quoteArticles: one outlet quotes the whole remark, one its first half
// with other punctuation, one reports it.
func quoteArticles() []*graph.Article {
	return []*graph.Article{
		newArt("q1").person(ana).said(ana, longWords, true).a,
		newArt("q2").person(ana).said(ana, shortWords, true).a,
		newArt("q3").person(ana).said(ana, reported, false).a,
	}
}

// TestStatementsMerge checks that the same words at two lengths, with
// other punctuation, or reported, are one statement with every source,
// the longer words and every evidence sentence; that the speaker's SAID
// edges and the sources' MENTIONED_IN edges name it; and that deleting the
// source with the long words splits what only it joined.
func TestStatementsMerge(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, a := range quoteArticles() {
		put(t, s, a)
	}
	sts := statements(t, s, graph.StatementFilter{})
	if len(sts) != 1 {
		t.Fatalf("%d statements, want 1: %+v", len(sts), sts)
	}
	st := sts[0]
	anaID := graph.EntityID(graph.Person, ana)
	if st.Text != longWords || !st.Direct || st.Speaker != anaID || !slices.Equal(st.Sources, srcIDs("q1", "q2", "q3")) {
		t.Errorf("statement %+v", st)
	}
	if st.ID != graph.StatementID(anaID, longWords) || len(st.Evidence) != 3 {
		t.Errorf("id %v, %d evidence", st.ID, len(st.Evidence))
	}
	if got := statements(t, s, graph.StatementFilter{Speakers: []graph.ID{anaID}}); len(got) != 1 || got[0].ID != st.ID {
		t.Errorf("statements of the speaker: %+v", got)
	}
	if n, err := s.Node(ctx, st.ID); err != nil || n.(*graph.Statement).Text != longWords {
		t.Errorf("node: %v %v", n, err)
	}
	es, err := s.Edges(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	var said, mentioned int
	for _, e := range es {
		switch e.Type {
		case graph.Said:
			said++
			if e.From != anaID || !slices.Equal(e.Sources, srcIDs("q1", "q2", "q3")) {
				t.Errorf("said edge %+v", e)
			}
		case graph.MentionedIn:
			mentioned++
		}
	}
	if said != 1 || mentioned != 3 {
		t.Errorf("%d SAID and %d MENTIONED_IN edges, want 1 and 3: %+v", said, mentioned, es)
	}

	// Without the long words, the short quote and the report still share
	// a long run: one statement, the short quote's words.
	deleteSource(t, s, "q1")
	sts = statements(t, s, graph.StatementFilter{})
	if len(sts) != 1 || sts[0].Text != shortWords || !slices.Equal(sts[0].Sources, srcIDs("q2", "q3")) {
		t.Fatalf("after deleting the long quote: %+v", sts)
	}
	if _, err := s.Node(ctx, st.ID); err == nil {
		t.Errorf("the long statement's node is still there")
	}
}

// TestStatementsSplitOnDelete: a remark that only a third outlet's longer
// quote links to another is its own again once that outlet is deleted.
func TestStatementsSplitOnDelete(t *testing.T) {
	const (
		first  = "We will open the northern harbour to every ship next spring"
		second = "and the southern harbour will follow before the end of the year"
	)
	s := newTestStore(t)
	put(t, s, newArt("a").person(ana).said(ana, first, true).a)
	put(t, s, newArt("b").person(ana).said(ana, second, true).a)
	if n := len(statements(t, s, graph.StatementFilter{})); n != 2 {
		t.Fatalf("%d statements before the bridge, want 2", n)
	}
	put(t, s, newArt("c").person(ana).said(ana, first+", "+second+".", true).a)
	if sts := statements(t, s, graph.StatementFilter{}); len(sts) != 1 || len(sts[0].Sources) != 3 {
		t.Fatalf("with the bridge: %+v", sts)
	}
	deleteSource(t, s, "c")
	sts := statements(t, s, graph.StatementFilter{})
	if len(sts) != 2 {
		t.Fatalf("%d statements after deleting the bridge, want 2: %+v", len(sts), sts)
	}
	for _, st := range sts {
		if len(st.Sources) != 1 || (st.Text != first && st.Text != second) {
			t.Errorf("statement %+v", st)
		}
	}
}

// TestStatementsStayApart: short shared phrases, other speakers and other
// words are other statements.
func TestStatementsStayApart(t *testing.T) {
	tests := []struct {
		name string
		arts []*graph.Article
		want int
	}{
		{"thank you", []*graph.Article{
			newArt("1").person(ana).said(ana, thanks, true).a,
			newArt("2").person(ana).said(ana, thanksMore, true).a,
		}, 2},
		{"a run of five words", []*graph.Article{
			newArt("1").person(ana).said(ana, "The harbour will stay open all winter long.", true).a,
			newArt("2").person(ana).said(ana, "Nobody said the harbour will stay open for ever.", true).a,
		}, 2},
		{"a shared run, short beside the remarks", []*graph.Article{
			newArt("1").person(ana).said(ana, "Our athletes will compete at the summer games in the capital next year, and they will win medals there.", false).a,
			newArt("2").person(ana).said(ana, "The federation has promised that every team will travel to the summer games in the capital next year without visas.", false).a,
		}, 2},
		{"another speaker", []*graph.Article{
			newArt("1").person(ana).said(ana, longWords, true).a,
			newArt("2").person(olaf).said(olaf, shortWords, true).a,
		}, 2},
		{"the same short words", []*graph.Article{
			newArt("1").person(ana).said(ana, thanks, true).a,
			newArt("2").person(ana).said(ana, "thank you", false).a,
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			for _, a := range tt.arts {
				put(t, s, a)
			}
			if got := statements(t, s, graph.StatementFilter{}); len(got) != tt.want {
				t.Errorf("%d statements, want %d: %+v", len(got), tt.want, got)
			}
		})
	}
}

// TestStatementsDeterminism ingests quotes of one remark at several
// lengths, a bridge between two remarks, one source quoting two parts of
// one remark, and a short phrase, in every order (with
// NEWSGRAPH_FULL_TESTS; else every fourth), then deletes and re-puts the
// first; the snapshot must not depend on the order, and every change's
// counts must be the census' difference.
func TestStatementsDeterminism(t *testing.T) {
	ctx := context.Background()
	const (
		first  = "We will open the northern harbour to every ship next spring"
		second = "and the southern harbour will follow before the end of the year"
	)
	arts := func() []*graph.Article {
		return append(quoteArticles(),
			newArt("s1").person(ana).said(ana, first, true).said(ana, thanks, true).a,
			newArt("s2").person(ana).person(olaf).said(ana, second, true).said(olaf, thanks, true).a,
			newArt("s3").person(ana).said(ana, first+", "+second+".", true).said(ana, shortWords, false).a,
		)
	}
	var want string
	stride := 4 // a sample of the 720 orders; all of them in CI
	if testenv.Full() {
		stride = 1
	}
	for i, order := range permutations(len(arts())) {
		if i%stride != 0 {
			continue
		}
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			s := newTestStore(t)
			as := arts()
			counted := func(do func() graph.Change) {
				before, err := s.Census(ctx)
				if err != nil {
					t.Fatal(err)
				}
				ch := do()
				after, err := s.Census(ctx)
				if err != nil {
					t.Fatal(err)
				}
				d := before.Diff(after)
				switch ch.Action { // a change does not count its source node
				case graph.Added:
					d.NodesAdded--
				case graph.Deleted:
					d.NodesRemoved--
				}
				if ch.NodesAdded != d.NodesAdded || ch.NodesRemoved != d.NodesRemoved ||
					ch.EdgesAdded != d.EdgesAdded || ch.EdgesRemoved != d.EdgesRemoved {
					t.Errorf("%s %s: change %+v, census %+v", ch.Action, ch.Source, ch, d)
				}
			}
			for _, i := range order {
				counted(func() graph.Change { return put(t, s, as[i]) })
			}
			got := snapshotJSON(t, s)
			if want == "" {
				want = got
			} else if got != want {
				t.Errorf("snapshot differs")
			}
			k := as[order[0]].Source.Key
			counted(func() graph.Change {
				ch, err := s.DeleteSource(ctx, k)
				if err != nil {
					t.Fatal(err)
				}
				return ch
			})
			counted(func() graph.Change { return put(t, s, as[order[0]]) })
			if snapshotJSON(t, s) != want {
				t.Errorf("delete and re-put: snapshot differs")
			}
		})
	}
}
