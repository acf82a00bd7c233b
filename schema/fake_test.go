package schema

import (
	"fmt"
	"slices"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

// fakeStore is the schema tests' store: graphtest's Fake (which passes the
// store's conformance suite) over a snapshot built by hand, which a test
// may still change before it reads.
type fakeStore struct {
	*graphtest.Fake
	snap *graph.Snapshot
}

var _ Store = (*fakeStore)(nil)

func newFakeStore() *fakeStore {
	snap := &graph.Snapshot{}
	f := graphtest.NewFake(snap)
	f.Texts = map[graph.ID]string{}
	return &fakeStore{Fake: f, snap: snap}
}

// fixtureText is the text of every fixture source: the meetings' evidence
// "They met." starts at byte 15, UTF-16 unit 10, code point 9.
const fixtureText = "Café 😀 — They met. More."

// fixture builds a small graph of the seed articles' story, with the edges
// the real store would derive from it.
func fixture() *fakeStore {
	s := newFakeStore()
	src := func(key, title string) *graph.Source {
		x := &graph.Source{ID: graph.SourceID(key), Key: key, URL: "https://example.com/" + key, Title: title,
			Publisher: "Example News", Published: graph.Date{Year: 2023, Month: 6, Day: 19}}
		s.snap.Sources = append(s.snap.Sources, x)
		s.Texts[x.ID] = fixtureText
		return x
	}
	a, b := src("a1", "Blinken meets Xi"), src("a2", "Blinken in Beijing")
	ent := func(t graph.EntityType, name string, aliases []string, srcs ...*graph.Source) *graph.Entity {
		e := &graph.Entity{ID: graph.EntityID(t, name), Name: name, Type: t, Aliases: aliases}
		for _, x := range srcs {
			e.Sources = append(e.Sources, x.ID)
		}
		s.snap.Entities = append(s.snap.Entities, e)
		return e
	}
	blinken := ent(graph.Person, "Antony Blinken", []string{"Blinken"}, a, b)
	xi := ent(graph.Person, "Xi Jinping", []string{"Xi"}, a, b)
	wang := ent(graph.Person, "Wang Yi", nil, a)
	qin := ent(graph.Person, "Qin Gang", nil, b)
	beijing := ent(graph.Place, "Beijing", nil, a, b)
	gh := ent(graph.Place, "Great Hall of the People", nil, a)
	dyt := ent(graph.Place, "Diaoyutai State Guesthouse", nil, b)
	state := ent(graph.Organization, "State Department", nil, a)

	trip := &graph.Event{ID: graph.NewID(graph.KindEvent, "trip"), Name: "Blinken's trip to China", Kind: "trip",
		Date: graph.Date{Year: 2023, Month: 6}, Place: beijing.ID, Participants: []graph.ID{blinken.ID}, Sources: []graph.ID{a.ID}}
	balloon := &graph.Event{ID: graph.NewID(graph.KindEvent, "balloon"), Name: "balloon incident", Kind: "incident",
		Date: graph.Date{Year: 2023, Month: 2}, Sources: []graph.ID{b.ID}}
	trip.DisruptedBy = []graph.ID{balloon.ID}
	balloon.Disrupted = []graph.ID{trip.ID}
	s.snap.Events = []*graph.Event{trip, balloon}

	meet := func(key string, with *graph.Entity, day int, place *graph.Entity, srcs ...*graph.Source) *graph.Meeting {
		m := &graph.Meeting{ID: graph.NewID(graph.KindMeeting, key), Participants: []graph.ID{blinken.ID, with.ID},
			Date: graph.Date{Year: 2023, Month: 6, Day: day}, Place: place.ID, City: beijing.ID, Event: trip.ID,
			Evidence: []graph.Evidence{{Source: srcs[0].ID, Span: graph.Span{Start: 15, End: 24}, Text: "They met."}}}
		slices.Sort(m.Participants)
		for _, x := range srcs {
			m.Sources = append(m.Sources, x.ID)
		}
		s.snap.Meetings = append(s.snap.Meetings, m)
		for _, p := range m.Participants {
			s.snap.Edges = append(s.snap.Edges, graph.Edge{From: p, To: m.ID, Type: graph.ParticipatedIn, Sources: m.Sources})
		}
		s.snap.Edges = append(s.snap.Edges,
			graph.Edge{From: blinken.ID, To: with.ID, Type: graph.MetWith, Meeting: m.ID, Sources: m.Sources},
			graph.Edge{From: m.ID, To: place.ID, Type: graph.HeldIn, Sources: m.Sources},
			graph.Edge{From: m.ID, To: trip.ID, Type: graph.PartOf, Sources: m.Sources})
		return m
	}
	meet("m1", qin, 18, dyt, b)
	meet("m2", wang, 19, dyt, a)
	m3 := meet("m3", xi, 19, gh, a, b)
	m3.Conflicts = []graph.Conflict{{Field: "place", Values: []graph.ConflictValue{
		{Value: gh.Name, Sources: []graph.ID{a.ID}}, {Value: dyt.Name, Sources: []graph.ID{b.ID}}}}}

	s.snap.Statements = []*graph.Statement{{ID: graph.NewID(graph.KindStatement, "s1"), Speaker: blinken.ID,
		Text: "We agreed to stabilize the relationship.", Direct: true, Date: graph.Date{Year: 2023, Month: 6, Day: 19}, Sources: []graph.ID{a.ID}}}
	s.snap.Edges = append(s.snap.Edges,
		graph.Edge{From: blinken.ID, To: s.snap.Statements[0].ID, Type: graph.Said, Sources: []graph.ID{a.ID}},
		graph.Edge{From: blinken.ID, To: state.ID, Type: graph.AffiliatedWith, Title: "Secretary of State", Sources: []graph.ID{a.ID}},
		graph.Edge{From: blinken.ID, To: state.ID, Type: graph.AffiliatedWith, Title: "Secretary of State", Sources: []graph.ID{b.ID}},
		graph.Edge{From: gh.ID, To: beijing.ID, Type: graph.LocatedIn, Sources: []graph.ID{a.ID}},
		graph.Edge{From: trip.ID, To: balloon.ID, Type: graph.DisruptedBy, Sources: []graph.ID{b.ID}},
		graph.Edge{From: blinken.ID, To: a.ID, Type: graph.MentionedIn, Sources: []graph.ID{a.ID}})
	return s
}

// bigFixture has n meetings, each between two people of its own, at a venue
// of its own, with a source of its own; each entity has a source of its own too.
func bigFixture(n int) *fakeStore {
	s := newFakeStore()
	for i := range n {
		src := &graph.Source{ID: graph.SourceID(fmt.Sprint("s", i)), Key: fmt.Sprint("s", i), Title: fmt.Sprint("Article ", i)}
		s.snap.Sources = append(s.snap.Sources, src)
		var ids []graph.ID
		for j := range 3 {
			t := graph.Person
			if j == 2 {
				t = graph.Place
			}
			own := &graph.Source{ID: graph.SourceID(fmt.Sprint("s", i, "-", j)), Key: fmt.Sprint("s", i, "-", j)}
			s.snap.Sources = append(s.snap.Sources, own)
			e := &graph.Entity{ID: graph.EntityID(t, fmt.Sprint("e", i, "-", j)), Name: fmt.Sprint("Entity ", i, "-", j), Type: t,
				Sources: []graph.ID{src.ID, own.ID}}
			s.snap.Entities = append(s.snap.Entities, e)
			ids = append(ids, e.ID)
		}
		s.snap.Meetings = append(s.snap.Meetings, &graph.Meeting{ID: graph.NewID(graph.KindMeeting, fmt.Sprint(i)),
			Participants: ids[:2], Place: ids[2], Date: graph.Date{Year: 2023, Month: 1 + i%12, Day: 1 + i%28},
			Sources: []graph.ID{src.ID}})
	}
	return s
}
