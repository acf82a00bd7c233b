package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// Reads through a view without evidence give what plain reads give, every
// Evidence list nil.
func TestViewWithoutEvidence(t *testing.T) {
	s := newTestStore(t)
	for _, a := range fiveArticles() {
		put(t, s, a)
	}
	ctx := context.Background()
	lean := s.View(graph.ReadOptions{NoEvidence: true})
	defer lean.Close()
	full, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Reads may share what they return (the store keeps what it resolved
	// for the next read): copies lose their evidence, not the originals.
	full = &graph.Snapshot{Entities: withoutEvidence(full.Entities, func(e *graph.Entity) { e.Evidence = nil }),
		Meetings:   withoutEvidence(full.Meetings, func(m *graph.Meeting) { m.Evidence = nil }),
		Statements: withoutEvidence(full.Statements, func(st *graph.Statement) { st.Evidence = nil }),
		Events:     withoutEvidence(full.Events, func(e *graph.Event) { e.Evidence = nil }),
		Sources:    full.Sources, Edges: slices.Clone(full.Edges)}
	for i := range full.Edges {
		full.Edges[i].Evidence = nil
	}
	got, err := lean.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, full) {
		t.Errorf("snapshot without evidence differs from the full one without its evidence")
	}
	a := graph.EntityID(graph.Person, "Antony Blinken")
	for _, tt := range []struct {
		name string
		read func(graph.Reader) (any, error)
	}{
		{"Node", func(r graph.Reader) (any, error) { return r.Node(ctx, a) }},
		{"Meetings", func(r graph.Reader) (any, error) {
			return r.Meetings(ctx, graph.MeetingFilter{Participants: []graph.ID{a}})
		}},
		{"MeetingsPage", func(r graph.Reader) (any, error) {
			page, _, err := r.MeetingsPage(ctx, graph.MeetingFilter{Participants: []graph.ID{a}}, 0, 10)
			return page, err
		}},
		{"Edges", func(r graph.Reader) (any, error) { return r.Edges(ctx, a) }},
		{"LookupEntities", func(r graph.Reader) (any, error) { return r.LookupEntities(ctx, "Blinken", 0) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read(lean)
			if err != nil {
				t.Fatal(err)
			}
			if n := countEvidence(reflect.ValueOf(got)); n != 0 {
				t.Errorf("%d evidence items", n)
			}
			plain, err := tt.read(s)
			if err != nil {
				t.Fatal(err)
			}
			if countEvidence(reflect.ValueOf(plain)) == 0 {
				t.Error("plain read has no evidence")
			}
		})
	}
}

// withoutEvidence returns copies of xs that clear has changed.
func withoutEvidence[T any](xs []*T, clear func(*T)) []*T {
	out := make([]*T, len(xs))
	for i, x := range xs {
		c := *x
		clear(&c)
		out[i] = &c
	}
	return out
}

// countEvidence counts the Evidence values reachable from v.
func countEvidence(v reflect.Value) int {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 0
		}
		return countEvidence(v.Elem())
	case reflect.Slice:
		if v.Type().Elem() == reflect.TypeFor[graph.Evidence]() {
			return v.Len()
		}
		n := 0
		for i := range v.Len() {
			n += countEvidence(v.Index(i))
		}
		return n
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += countEvidence(v.Field(i))
			}
		}
		return n
	}
	return 0
}
