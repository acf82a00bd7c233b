package store_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// TestReconcileRetypesPerson: an article names as a body the person two
// others name; after Reconcile the graph has one person of three sources
// and no organization of that name, whatever the order, and deleting the
// two articles that name the person gives the body back.
func TestReconcileRetypesPerson(t *testing.T) {
	ctx := context.Background()
	const one, host = "Mardikian", "Ilse Marrow"
	arts := []*graph.Article{
		newArt("p1").person(one).person(host).meet("2025-07-01", "", "", one, host).a,
		newArt("p2").person(one).person(host).meet("2025-07-01", "", "", one, host).a,
		newArt("p3").org(one).person(host).a,
	}
	for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}} {
		s := newTestStore(t)
		for _, i := range order {
			put(t, s, arts[i])
		}
		if _, err := s.Reconcile(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.Check(ctx); err != nil {
			t.Fatal(err)
		}
		es, err := s.LookupEntities(ctx, one, graph.EntityUnknown)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || es[0].Type != graph.Person || len(es[0].Sources) != 3 {
			t.Errorf("order %v: %+v, want one person of 3 sources", order, es)
		}
		for _, k := range []string{"p1", "p2"} {
			if _, err := s.DeleteSource(ctx, k); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Reconcile(ctx); err != nil {
			t.Fatal(err)
		}
		if es, _ := s.LookupEntities(ctx, one, graph.EntityUnknown); len(es) != 1 || es[0].Type != graph.Organization {
			t.Errorf("order %v after delete: %+v, want the organization back", order, es)
		}
	}
}
