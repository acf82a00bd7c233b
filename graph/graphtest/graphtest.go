// Package graphtest is the conformance suite every graph.Reader must pass,
// as Cayley's graph/graphtest is for its quad stores, and Fake, the one
// in-memory Reader the tests of the layers above the store use. Run
// stores the suite's articles through the implementation under test and
// checks every read: each result against the documented semantics and
// orders, against the implementation's own Snapshot, and against facts the
// articles state. The Badger store (graph/store) and Fake both run it.
package graphtest

import (
	"cmp"
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// Open returns a Reader holding arts (all valid), or fails t.
type Open func(t *testing.T, arts []*graph.Article) graph.Reader

// Articles are what Run stores: three sources reporting two meetings of
// Marta Lindqvist in Corvo, one of them (with Hu Wenbo) by two sources
// that disagree on its venue, a statement, two events, one disrupting the
// other, and a relation.
func Articles() []*graph.Article {
	art := func(key string, d graph.Date, text string) *graph.Article {
		return &graph.Article{Source: graph.Source{Key: key, URL: "https://news.example/" + key,
			Title: "Article " + key, Publisher: "Example News", Published: d}, Text: text}
	}
	ev := func(a *graph.Article) []graph.Evidence {
		return []graph.Evidence{{Span: graph.Span{Start: 0, End: len(a.Text)}, Text: a.Text}}
	}
	person := func(a *graph.Article, name string, aliases ...string) {
		a.Entities = append(a.Entities, graph.EntityClaim{Name: name, Type: graph.Person, Aliases: aliases, Evidence: ev(a)})
	}
	place := func(a *graph.Article, name string) {
		a.Entities = append(a.Entities, graph.EntityClaim{Name: name, Type: graph.Place, Evidence: ev(a)})
	}
	june := func(day int) graph.Date { return graph.Date{Year: 2023, Month: 6, Day: day} }
	a1 := art("a1", june(19), "Secretary of State Marta Lindqvist met Hu Wenbo at the Harbour Hall in Corvo on June 19.")
	person(a1, "Marta Lindqvist", "Lindqvist")
	person(a1, "Hu Wenbo")
	place(a1, "Harbour Hall")
	place(a1, "Corvo")
	a1.Entities = append(a1.Entities, graph.EntityClaim{Name: "State Chancellery", Type: graph.Organization, Evidence: ev(a1)})
	a1.Meetings = []graph.MeetingClaim{{Participants: []string{"Marta Lindqvist", "Hu Wenbo"}, Date: june(19),
		Place: "Harbour Hall", City: "Corvo", Evidence: ev(a1)}}
	a1.Relations = []graph.RelationClaim{
		{Type: graph.AffiliatedWith, From: "Marta Lindqvist", To: "State Chancellery", Title: "Secretary of State", Evidence: ev(a1)},
		{Type: graph.LocatedIn, From: "Harbour Hall", To: "Corvo", Evidence: ev(a1)}}
	a1.Statements = []graph.StatementClaim{{Speaker: "Marta Lindqvist", Text: "We agreed to stabilize the relationship.",
		Direct: true, Date: june(19), Evidence: ev(a1)}}

	a2 := art("a2", june(18), "Lindqvist met Zhou Lan in Corvo on June 18, months after the ferry strike delayed her trip.")
	person(a2, "Marta Lindqvist", "Lindqvist")
	person(a2, "Zhou Lan")
	place(a2, "Corvo")
	a2.Meetings = []graph.MeetingClaim{{Participants: []string{"Marta Lindqvist", "Zhou Lan"}, Date: june(18), City: "Corvo", Evidence: ev(a2)}}
	a2.Events = []graph.EventClaim{
		{Name: "Lindqvist's trip to Corvania", Kind: "trip", Date: graph.Date{Year: 2023, Month: 6}, Place: "Corvo",
			Participants: []string{"Marta Lindqvist"}, DisruptedBy: []string{"ferry strike"}, Evidence: ev(a2)},
		{Name: "ferry strike", Kind: "incident", Date: graph.Date{Year: 2023, Month: 2}, Evidence: ev(a2)}}

	a3 := art("a3", graph.Date{}, "Marta Lindqvist and Hu Wenbo met at the Old Palace Guesthouse in Corvo on Monday.")
	person(a3, "Marta Lindqvist")
	person(a3, "Hu Wenbo", "Hu")
	place(a3, "Old Palace Guesthouse")
	place(a3, "Corvo")
	a3.Meetings = []graph.MeetingClaim{{Participants: []string{"Marta Lindqvist", "Hu Wenbo"}, Date: june(19),
		Place: "Old Palace Guesthouse", City: "Corvo", Evidence: ev(a3)}}
	return []*graph.Article{a1, a2, a3}
}

// Run checks the Reader open gives for Articles.
func Run(t *testing.T, open Open) {
	ctx := context.Background()
	r := open(t, Articles())
	snap, err := r.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ent := func(t *testing.T, typ graph.EntityType, name string) *graph.Entity {
		t.Helper()
		id := graph.EntityID(typ, name)
		for _, e := range snap.Entities {
			if e.ID == id {
				return e
			}
		}
		t.Fatalf("no %v %q in the snapshot", typ, name)
		return nil
	}

	t.Run("Snapshot", func(t *testing.T) {
		if len(snap.Sources) != 3 || len(snap.Meetings) != 2 || len(snap.Statements) != 1 || len(snap.Events) != 2 {
			t.Fatalf("%d sources, %d meetings, %d statements, %d events; want 3, 2, 1, 2",
				len(snap.Sources), len(snap.Meetings), len(snap.Statements), len(snap.Events))
		}
		sorted(t, "entities", snap.Entities, func(a, b *graph.Entity) int {
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
		sorted(t, "meetings", snap.Meetings, func(a, b *graph.Meeting) int {
			return cmp.Or(byDate(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
		})
		sorted(t, "sources", snap.Sources, func(a, b *graph.Source) int { return cmp.Compare(a.Key, b.Key) })
		sorted(t, "events", snap.Events, func(a, b *graph.Event) int {
			return cmp.Or(byDate(a.Date, b.Date), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
		sorted(t, "edges", snap.Edges, compareEdgeEnds)
		wenbo := ent(t, graph.Person, "Hu Wenbo")
		if !slices.Equal(wenbo.Aliases, []string{"Hu"}) || len(wenbo.Sources) != 2 {
			t.Errorf("Hu Wenbo: aliases %q, %d sources; want [Hu] and 2", wenbo.Aliases, len(wenbo.Sources))
		}
	})

	t.Run("Node", func(t *testing.T) {
		var nodes []graph.Node
		for _, e := range snap.Entities {
			nodes = append(nodes, e)
		}
		for _, m := range snap.Meetings {
			nodes = append(nodes, m)
		}
		for _, s := range snap.Statements {
			nodes = append(nodes, s)
		}
		for _, e := range snap.Events {
			nodes = append(nodes, e)
		}
		for _, s := range snap.Sources {
			nodes = append(nodes, s)
		}
		for _, want := range nodes {
			got, err := r.Node(ctx, want.NodeID())
			if err != nil {
				t.Errorf("Node(%v): %v", want.NodeID(), err)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Node(%v) = %+v\nsnapshot has %+v", want.NodeID(), got, want)
			}
		}
		missing := graph.EntityID(graph.Person, "Nobody At All")
		if _, err := r.Node(ctx, missing); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Node(missing) error %v, want graph.ErrNotFound", err)
		}
		if _, err := r.Edges(ctx, missing); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Edges(missing) error %v, want graph.ErrNotFound", err)
		}
	})

	t.Run("ByID", func(t *testing.T) {
		marta, place := ent(t, graph.Person, "Marta Lindqvist"), ent(t, graph.Place, "Corvo")
		missing := graph.EntityID(graph.Person, "Nobody At All")
		es, err := r.EntitiesByID(ctx, []graph.ID{marta.ID, missing, place.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := map[graph.ID]*graph.Entity{marta.ID: marta, place.ID: place}
		if !reflect.DeepEqual(es, want) {
			t.Errorf("EntitiesByID = %v, want %v", es, want)
		}
		src := snap.Sources[0]
		ss, err := r.SourcesByID(ctx, []graph.ID{src.ID, missing})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ss, map[graph.ID]*graph.Source{src.ID: src}) {
			t.Errorf("SourcesByID = %v, want only %v", ss, src.ID)
		}
	})

	t.Run("LookupEntities", func(t *testing.T) {
		marta := ent(t, graph.Person, "Marta Lindqvist")
		for _, c := range []struct {
			name string
			typ  graph.EntityType
			want []*graph.Entity
		}{
			{"LINDQVIST", graph.EntityUnknown, []*graph.Entity{marta}},
			{"marta  lindqvist", graph.Person, []*graph.Entity{marta}},
			{"Lindqvist", graph.Place, []*graph.Entity{}},
			{"hu", graph.EntityUnknown, []*graph.Entity{ent(t, graph.Person, "Hu Wenbo")}},
			{"", graph.EntityUnknown, []*graph.Entity{}},
		} {
			got, err := r.LookupEntities(ctx, c.name, c.typ)
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("LookupEntities(%q, %v) = %v, want %v", c.name, c.typ, names(got), names(c.want))
			}
		}
	})

	t.Run("Entities", func(t *testing.T) {
		for _, f := range []graph.EntityFilter{{}, {Type: graph.Person}, {Type: graph.Place}, {Search: "HU"},
			{Search: "lindq"}, {Type: graph.Organization, Search: "state"}, {Search: "no such name"}} {
			got, err := r.Entities(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want := filter(snap.Entities, f.Match)
			if got == nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Entities(%+v) = %v, want %v", f, names(got), names(want))
			}
		}
		if got, _ := r.Entities(ctx, graph.EntityFilter{Search: "lindq"}); len(got) != 1 {
			t.Errorf("Entities(search lindq) = %v, want Marta Lindqvist (an alias matches too)", names(got))
		}
	})

	t.Run("Meetings", func(t *testing.T) {
		marta, wenbo := ent(t, graph.Person, "Marta Lindqvist"), ent(t, graph.Person, "Hu Wenbo")
		zhou, corvo := ent(t, graph.Person, "Zhou Lan"), ent(t, graph.Place, "Corvo")
		gh := ent(t, graph.Place, "Harbour Hall")
		june := func(d int) graph.Date { return graph.Date{Year: 2023, Month: 6, Day: d} }
		filters := []graph.MeetingFilter{{}, {Participants: []graph.ID{marta.ID}}, {Participants: []graph.ID{wenbo.ID}},
			{Participants: []graph.ID{marta.ID}, With: []graph.ID{zhou.ID}}, {Places: []graph.ID{corvo.ID}},
			{Places: []graph.ID{gh.ID}}, {From: june(19)}, {To: june(18)}, {From: graph.Date{Year: 2023, Month: 6}},
			{From: graph.Date{Year: 2024}}, {Participants: []graph.ID{marta.ID, wenbo.ID}},
			{Participants: []graph.ID{marta.ID}, From: june(19)}, {Participants: []graph.ID{zhou.ID}, To: graph.Date{Year: 2023}}}
		wantLen := []int{2, 2, 1, 1, 2, 1, 1, 1, 2, 0, 2, 1, 1}
		for i, f := range filters {
			got, err := r.Meetings(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want := filter(snap.Meetings, f.Match)
			if got == nil || !reflect.DeepEqual(got, want) || len(got) != wantLen[i] {
				t.Errorf("Meetings(%+v): %d meetings, want %d (the snapshot's %d)", f, len(got), wantLen[i], len(want))
			}
			for _, pg := range [][2]int{{0, 1}, {1, 1}, {1, 5}, {0, 100}, {2, 1}, {7, 3}} {
				page, total, err := r.MeetingsPage(ctx, f, pg[0], pg[1])
				if err != nil {
					t.Fatal(err)
				}
				wantPage := want[min(pg[0], len(want)):min(pg[0]+pg[1], len(want))]
				if page == nil || total != len(want) || !reflect.DeepEqual(page, wantPage) {
					t.Errorf("MeetingsPage(%+v, after %d, first %d): %d of %d, want %d of %d",
						f, pg[0], pg[1], len(page), total, len(wantPage), len(want))
				}
			}
		}
		ms, _ := r.Meetings(ctx, graph.MeetingFilter{Participants: []graph.ID{wenbo.ID}})
		if len(ms) == 1 {
			m := ms[0]
			if len(m.Sources) != 2 || m.Date != june(19) || m.City != corvo.ID || len(m.Conflicts) != 1 || m.Conflicts[0].Field != "place" {
				t.Errorf("the Hu meeting: %d sources, date %v, city %v, conflicts %+v; want 2 sources, 2023-06-19, Corvo, a place conflict",
					len(m.Sources), m.Date, m.City, m.Conflicts)
			}
		}
	})

	t.Run("Statements", func(t *testing.T) {
		marta := ent(t, graph.Person, "Marta Lindqvist")
		for _, f := range []graph.StatementFilter{{}, {Speakers: []graph.ID{marta.ID}}, {Search: "STABILIZE"},
			{Search: "nothing like it"}, {Speakers: []graph.ID{ent(t, graph.Person, "Zhou Lan").ID}}} {
			got, err := r.Statements(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if want := filter(snap.Statements, f.Match); got == nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Statements(%+v): %d, want %d", f, len(got), len(want))
			}
		}
	})

	t.Run("EventsAndSources", func(t *testing.T) {
		evs, err := r.Events(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(evs, snap.Events) {
			t.Errorf("Events differ from the snapshot's")
		}
		for _, e := range evs {
			if e.Name == "Lindqvist's trip to Corvania" && len(e.DisruptedBy) != 1 {
				t.Errorf("the trip is disrupted by %v, want the ferry strike", e.DisruptedBy)
			}
		}
		srcs, err := r.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, s := range srcs {
			keys = append(keys, s.Key)
		}
		if !reflect.DeepEqual(srcs, snap.Sources) || !slices.Equal(keys, []string{"a1", "a2", "a3"}) {
			t.Errorf("Sources = %v, want a1, a2, a3 as in the snapshot", keys)
		}
	})

	t.Run("Edges", func(t *testing.T) {
		ids := map[graph.ID]bool{}
		for _, e := range snap.Edges {
			ids[e.From], ids[e.To] = true, true
		}
		if len(ids) == 0 {
			t.Fatal("no edges in the snapshot")
		}
		for id := range ids {
			got, err := r.Edges(ctx, id)
			if err != nil {
				t.Errorf("Edges(%v): %v", id, err)
				continue
			}
			want := filter(snap.Edges, func(e graph.Edge) bool { return e.From == id || e.To == id })
			if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
				t.Errorf("Edges(%v): %d edges, the snapshot has %d", id, len(got), len(want))
			}
			// EdgesOf: by type, by the other end, both.
			others := map[graph.ID]bool{}
			for i, e := range want {
				if i%2 == 0 {
					others[e.From], others[e.To] = true, true
				}
			}
			for _, f := range []graph.EdgeFilter{{}, {Types: []graph.EdgeType{graph.MetWith}},
				{Types: []graph.EdgeType{graph.MentionedIn, graph.Said, graph.ParticipatedIn}}, {Others: others},
				{Types: []graph.EdgeType{graph.HeldIn, graph.AffiliatedWith, graph.LocatedIn}, Others: others}, {Others: map[graph.ID]bool{}}} {
				got, err := r.EdgesOf(ctx, id, f)
				if err != nil {
					t.Errorf("EdgesOf(%v, %+v): %v", id, f, err)
					continue
				}
				want := filter(want, func(e graph.Edge) bool { return f.Match(id, e) })
				if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
					t.Errorf("EdgesOf(%v, %+v): %d edges, the snapshot has %d", id, f, len(got), len(want))
				}
			}
		}
		// EdgesOfMany: every node's EdgesOf at once, an ID twice, one that
		// is no node.
		list := make([]graph.ID, 0, len(ids)+2)
		for id := range ids {
			list = append(list, id)
		}
		slices.Sort(list)
		missing := graph.EntityID(graph.Person, "Nobody At All")
		list = append(list, list[0], missing)
		for _, f := range []graph.EdgeFilter{{}, {Types: []graph.EdgeType{graph.MetWith, graph.HeldIn}},
			{Others: map[graph.ID]bool{list[0]: true, list[len(list)/2]: true}}, {Types: []graph.EdgeType{graph.ParticipatedIn}, Others: ids}} {
			got, err := r.EdgesOfMany(ctx, list, f)
			if err != nil {
				t.Errorf("EdgesOfMany(%+v): %v", f, err)
				continue
			}
			if _, ok := got[missing]; ok || len(got) != len(ids) {
				t.Errorf("EdgesOfMany(%+v): %d nodes, want the %d with edges and not %v", f, len(got), len(ids), missing)
			}
			for id := range ids {
				want, err := r.EdgesOf(ctx, id, f)
				if err != nil {
					t.Errorf("EdgesOf(%v, %+v): %v", id, f, err)
					continue
				}
				if es, ok := got[id]; !ok || len(es) != len(want) || len(es) > 0 && !reflect.DeepEqual(es, want) {
					t.Errorf("EdgesOfMany(%+v)[%v]: %d edges (present %v), EdgesOf has %d", f, id, len(es), ok, len(want))
				}
			}
		}
		marta := ent(t, graph.Person, "Marta Lindqvist")
		es, _ := r.Edges(ctx, marta.ID)
		types := map[graph.EdgeType]int{}
		for _, e := range es {
			types[e.Type]++
		}
		if types[graph.MetWith] != 2 || types[graph.Said] != 1 || types[graph.AffiliatedWith] != 1 || types[graph.MentionedIn] != 3 {
			t.Errorf("edges of Lindqvist by type %v; want 2 MET_WITH, 1 SAID, 1 AFFILIATED_WITH, 3 MENTIONED_IN", types)
		}
	})

	t.Run("Cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		id := snap.Entities[0].ID
		for name, call := range map[string]func() error{
			"Node":           func() error { _, err := r.Node(cctx, id); return err },
			"EntitiesByID":   func() error { _, err := r.EntitiesByID(cctx, []graph.ID{id}); return err },
			"SourcesByID":    func() error { _, err := r.SourcesByID(cctx, []graph.ID{id}); return err },
			"LookupEntities": func() error { _, err := r.LookupEntities(cctx, "Lindqvist", 0); return err },
			"Entities":       func() error { _, err := r.Entities(cctx, graph.EntityFilter{}); return err },
			"Meetings":       func() error { _, err := r.Meetings(cctx, graph.MeetingFilter{}); return err },
			"MeetingsPage": func() error {
				_, _, err := r.MeetingsPage(cctx, graph.MeetingFilter{Participants: []graph.ID{id}}, 0, 1)
				return err
			},
			"Statements": func() error { _, err := r.Statements(cctx, graph.StatementFilter{}); return err },
			"Events":     func() error { _, err := r.Events(cctx); return err },
			"Sources":    func() error { _, err := r.Sources(cctx); return err },
			"Edges":      func() error { _, err := r.Edges(cctx, id); return err },
			"EdgesOf": func() error {
				_, err := r.EdgesOf(cctx, id, graph.EdgeFilter{Types: []graph.EdgeType{graph.MetWith}})
				return err
			},
			"EdgesOfMany": func() error {
				_, err := r.EdgesOfMany(cctx, []graph.ID{id}, graph.EdgeFilter{Types: []graph.EdgeType{graph.MetWith}})
				return err
			},
			"Snapshot": func() error { _, err := r.Snapshot(cctx); return err },
		} {
			if err := call(); !errors.Is(err, context.Canceled) {
				t.Errorf("%s with a cancelled context: error %v, want context.Canceled", name, err)
			}
		}
	})
}

// filter returns the items of xs keep selects, never nil.
func filter[T any](xs []T, keep func(T) bool) []T {
	out := []T{}
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func names(es []*graph.Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func sorted[T any](t *testing.T, what string, xs []T, compare func(a, b T) int) {
	t.Helper()
	if !slices.IsSortedFunc(xs, compare) {
		t.Errorf("snapshot %s are not in the documented order", what)
	}
}

// byDate orders known dates chronologically and unknown ones last.
func byDate(a, b graph.Date) int {
	switch ak, bk := a.Precision() > 0, b.Precision() > 0; {
	case ak && !bk:
		return -1
	case !ak && bk:
		return 1
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}

// compareEdgeEnds is the documented order of edges: endpoints, type, title.
func compareEdgeEnds(a, b graph.Edge) int {
	return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Title, b.Title))
}
