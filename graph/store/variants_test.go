package store

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func TestVariantOf(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Helena Vasconcellos", "Helena Vasconcelos", true},
		{"Aravind Mehta", "Arvind Mehta", true}, // one letter inserted, both words long
		{"S. Raghunathan", "Subramaniam Raghunathan", true},
		{"John Smith", "Joan Smith", false},    // short first names differ: two people
		{"Kim Min-jun", "Kim Min-jin", false},  // short given-name parts differ
		{"Ana Souza", "Ana Souza Lima", false}, // other word counts: not spelling
		{"Raghunathan", "Raghunatan", false},   // one word: too little to go on
		{"Jean Dupont", "Jean Dupont", false},  // the same name
		{"Peter Novak", "Pavel Novak", false},  // different first names
	}
	for _, tt := range tests {
		got := variantOf(tokensOf(tt.a), tokensOf(tt.b))
		if got != tt.want {
			t.Errorf("variantOf(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func tokensOf(name string) []string {
	p := &personName{key: graph.NameKey(name)}
	p.tokens = splitKey(p.key)
	return p.tokens
}

// TestReconcileMergesVariants: two articles spell one person two ways;
// both name the same counterpart, so the spellings merge into the one
// more articles use, whatever the order; a third article spelling a
// namesake alongside nobody in common stays apart.
func TestReconcileMergesVariants(t *testing.T) {
	ctx := context.Background()
	mk := func(key, person, other string) *graph.Article {
		text := person + " met " + other + "."
		ev := []graph.Evidence{{Span: graph.Span{Start: 0, End: len(text)}, Text: text}}
		return &graph.Article{
			Source:   graph.Source{Key: key, Published: graph.Date{Year: 2025, Month: 3, Day: 4}},
			Text:     text,
			Entities: []graph.EntityClaim{{Name: person, Type: graph.Person, Evidence: ev}, {Name: other, Type: graph.Person, Evidence: ev}},
			Meetings: []graph.MeetingClaim{{Participants: []string{person, other}, Date: graph.Date{Year: 2025, Month: 3, Day: 4}, Evidence: ev}},
		}
	}
	arts := []*graph.Article{
		mk("a", "Helena Vasconcelos", "Arjun Rao"),
		mk("b", "Helena Vasconcellos", "Arjun Rao"),
		mk("c", "Helena Vasconcelos", "Arjun Rao"),
		mk("d", "Helena Vasconcelas", "Tomas Berg"),
	}
	var exports []string
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}} {
		s, err := Open(ctx, Options{InMemory: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range order {
			if _, err := s.PutArticle(ctx, arts[i]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Reconcile(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.Check(ctx); err != nil {
			t.Fatal(err)
		}
		ms, err := s.Meetings(ctx, graph.MeetingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 2 || len(ms[0].Sources)+len(ms[1].Sources) != 4 {
			t.Errorf("order %v: %d meetings %+v, want the Rao meeting with 3 sources and the Berg one", order, len(ms), ms)
		}
		es, _ := s.LookupEntities(ctx, "Helena Vasconcellos", graph.Person)
		if len(es) != 1 || es[0].Name != "Helena Vasconcelos" {
			t.Errorf("order %v: the variant should lead to the more reported spelling: %+v", order, es)
		}
		if es, _ := s.LookupEntities(ctx, "Helena Vasconcelas", graph.Person); len(es) != 1 || es[0].Name != "Helena Vasconcelas" {
			t.Errorf("order %v: a spelling with nobody in common was merged: %+v", order, es)
		}
		snap, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids string
		for _, e := range snap.Entities {
			ids += e.ID.String() + e.Name + ";"
		}
		exports = append(exports, ids)
		// Deleting the article behind the variant removes the merge.
		if _, err := s.DeleteSource(ctx, "b"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Reconcile(ctx); err != nil {
			t.Fatal(err)
		}
		if len(s.AutoMerges()) != 0 {
			t.Errorf("order %v: merges left after the variant's only article was deleted: %+v", order, s.AutoMerges())
		}
		s.Close()
	}
	if exports[0] != exports[1] || exports[0] != exports[2] {
		t.Errorf("the order of the articles changed the graph:\n%s\n%s\n%s", exports[0], exports[1], exports[2])
	}
}
