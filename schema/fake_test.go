package schema

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// fakeStore is an in-memory Store that counts its calls.
type fakeStore struct {
	entities   []*graph.Entity
	meetings   []*graph.Meeting
	statements []*graph.Statement
	events     []*graph.Event
	sources    []*graph.Source
	edges      []graph.Edge
	texts      map[graph.ID]string // source texts
	err        error               // returned by every call when set

	mu    sync.Mutex
	calls map[string]int
}

var _ Store = (*fakeStore)(nil)

func (s *fakeStore) count(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.calls == nil {
		s.calls = map[string]int{}
	}
	s.calls[name]++
	return s.err
}

func (s *fakeStore) callCount(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[name]
}

func (s *fakeStore) resetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
}

func (s *fakeStore) Node(_ context.Context, id graph.ID) (graph.Node, error) {
	if err := s.count("Node"); err != nil {
		return nil, err
	}
	for _, e := range s.entities {
		if e.ID == id {
			return e, nil
		}
	}
	for _, m := range s.meetings {
		if m.ID == id {
			return m, nil
		}
	}
	for _, m := range s.statements {
		if m.ID == id {
			return m, nil
		}
	}
	for _, m := range s.events {
		if m.ID == id {
			return m, nil
		}
	}
	for _, m := range s.sources {
		if m.ID == id {
			return m, nil
		}
	}
	return nil, fmt.Errorf("node %s: %w", id, graph.ErrNotFound)
}

func (s *fakeStore) EntitiesByID(_ context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error) {
	if err := s.count("EntitiesByID"); err != nil {
		return nil, err
	}
	out := map[graph.ID]*graph.Entity{}
	for _, e := range s.entities {
		if slices.Contains(ids, e.ID) {
			out[e.ID] = e
		}
	}
	return out, nil
}

func (s *fakeStore) SourcesByID(_ context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error) {
	if err := s.count("SourcesByID"); err != nil {
		return nil, err
	}
	out := map[graph.ID]*graph.Source{}
	for _, e := range s.sources {
		if slices.Contains(ids, e.ID) {
			out[e.ID] = e
		}
	}
	return out, nil
}

func (s *fakeStore) LookupEntities(_ context.Context, name string, t graph.EntityType) ([]*graph.Entity, error) {
	if err := s.count("LookupEntities"); err != nil {
		return nil, err
	}
	k := graph.NameKey(name)
	var out []*graph.Entity
	for _, e := range s.entities {
		if t != graph.EntityUnknown && e.Type != t {
			continue
		}
		match := graph.NameKey(e.Name) == k
		for _, a := range e.Aliases {
			match = match || graph.NameKey(a) == k
		}
		if match {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b *graph.Entity) int { return len(b.Sources) - len(a.Sources) })
	return out, nil
}

func (s *fakeStore) Entities(_ context.Context, f graph.EntityFilter) ([]*graph.Entity, error) {
	if err := s.count("Entities"); err != nil {
		return nil, err
	}
	var out []*graph.Entity
	for _, e := range s.entities {
		if f.Type != graph.EntityUnknown && e.Type != f.Type {
			continue
		}
		if f.Search != "" && !strings.Contains(strings.ToLower(e.Name), strings.ToLower(f.Search)) {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

func anyIn(set, ids []graph.ID) bool {
	for _, id := range ids {
		if slices.Contains(set, id) {
			return true
		}
	}
	return false
}

func (s *fakeStore) Meetings(_ context.Context, f graph.MeetingFilter) ([]*graph.Meeting, error) {
	if err := s.count("Meetings"); err != nil {
		return nil, err
	}
	var out []*graph.Meeting
	for _, m := range s.meetings {
		if f.Participants != nil && !anyIn(m.Participants, f.Participants) {
			continue
		}
		if f.With != nil && !anyIn(m.Participants, f.With) {
			continue
		}
		if f.Places != nil && !anyIn([]graph.ID{m.Place, m.City}, f.Places) {
			continue
		}
		if !f.From.IsZero() && m.Date.Before(f.From) && !m.Date.Compatible(f.From) {
			continue
		}
		if !f.To.IsZero() && f.To.Before(m.Date) && !m.Date.Compatible(f.To) {
			continue
		}
		out = append(out, m)
	}
	return out, nil
}

func (s *fakeStore) Statements(_ context.Context, f graph.StatementFilter) ([]*graph.Statement, error) {
	if err := s.count("Statements"); err != nil {
		return nil, err
	}
	var out []*graph.Statement
	for _, st := range s.statements {
		if f.Speakers != nil && !slices.Contains(f.Speakers, st.Speaker) {
			continue
		}
		if f.Search != "" && !strings.Contains(strings.ToLower(st.Text), strings.ToLower(f.Search)) {
			continue
		}
		out = append(out, st)
	}
	return out, nil
}

func (s *fakeStore) Events(context.Context) ([]*graph.Event, error) {
	if err := s.count("Events"); err != nil {
		return nil, err
	}
	return s.events, nil
}

func (s *fakeStore) Sources(context.Context) ([]*graph.Source, error) {
	if err := s.count("Sources"); err != nil {
		return nil, err
	}
	return s.sources, nil
}

func (s *fakeStore) Edges(_ context.Context, id graph.ID) ([]graph.Edge, error) {
	if err := s.count("Edges"); err != nil {
		return nil, err
	}
	var out []graph.Edge
	for _, e := range s.edges {
		if e.From == id || e.To == id {
			out = append(out, e)
		}
	}
	return out, nil
}

func (s *fakeStore) SourceText(_ context.Context, id graph.ID) (string, error) {
	if err := s.count("SourceText"); err != nil {
		return "", err
	}
	t, ok := s.texts[id]
	if !ok {
		return "", fmt.Errorf("text of %s: %w", id, graph.ErrNotFound)
	}
	return t, nil
}

// fixtureText is the text of every fixture source: the meetings' evidence
// "They met." starts at byte 15, UTF-16 unit 10, code point 9.
const fixtureText = "Café 😀 — They met. More."

// fixture builds a small graph of the seed articles' story, with the edges
// the real store would derive from it.
func fixture() *fakeStore {
	s := &fakeStore{texts: map[graph.ID]string{}}
	src := func(key, title string) *graph.Source {
		x := &graph.Source{ID: graph.SourceID(key), Key: key, URL: "https://example.com/" + key, Title: title,
			Publisher: "Example News", Published: graph.Date{Year: 2023, Month: 6, Day: 19}}
		s.sources = append(s.sources, x)
		s.texts[x.ID] = fixtureText
		return x
	}
	a, b := src("a1", "Blinken meets Xi"), src("a2", "Blinken in Beijing")
	ent := func(t graph.EntityType, name string, aliases []string, srcs ...*graph.Source) *graph.Entity {
		e := &graph.Entity{ID: graph.EntityID(t, name), Name: name, Type: t, Aliases: aliases}
		for _, x := range srcs {
			e.Sources = append(e.Sources, x.ID)
		}
		s.entities = append(s.entities, e)
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
	s.events = []*graph.Event{trip, balloon}

	meet := func(key string, with *graph.Entity, day int, place *graph.Entity, srcs ...*graph.Source) *graph.Meeting {
		m := &graph.Meeting{ID: graph.NewID(graph.KindMeeting, key), Participants: []graph.ID{blinken.ID, with.ID},
			Date: graph.Date{Year: 2023, Month: 6, Day: day}, Place: place.ID, City: beijing.ID, Event: trip.ID,
			Evidence: []graph.Evidence{{Source: srcs[0].ID, Span: graph.Span{Start: 15, End: 24}, Text: "They met."}}}
		slices.Sort(m.Participants)
		for _, x := range srcs {
			m.Sources = append(m.Sources, x.ID)
		}
		s.meetings = append(s.meetings, m)
		for _, p := range m.Participants {
			s.edges = append(s.edges, graph.Edge{From: p, To: m.ID, Type: graph.ParticipatedIn, Sources: m.Sources})
		}
		s.edges = append(s.edges,
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

	s.statements = []*graph.Statement{{ID: graph.NewID(graph.KindStatement, "s1"), Speaker: blinken.ID,
		Text: "We agreed to stabilize the relationship.", Direct: true, Date: graph.Date{Year: 2023, Month: 6, Day: 19}, Sources: []graph.ID{a.ID}}}
	s.edges = append(s.edges,
		graph.Edge{From: blinken.ID, To: s.statements[0].ID, Type: graph.Said, Sources: []graph.ID{a.ID}},
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
	s := &fakeStore{}
	for i := range n {
		src := &graph.Source{ID: graph.SourceID(fmt.Sprint("s", i)), Key: fmt.Sprint("s", i), Title: fmt.Sprint("Article ", i)}
		s.sources = append(s.sources, src)
		var ids []graph.ID
		for j := range 3 {
			t := graph.Person
			if j == 2 {
				t = graph.Place
			}
			own := &graph.Source{ID: graph.SourceID(fmt.Sprint("s", i, "-", j)), Key: fmt.Sprint("s", i, "-", j)}
			s.sources = append(s.sources, own)
			e := &graph.Entity{ID: graph.EntityID(t, fmt.Sprint("e", i, "-", j)), Name: fmt.Sprint("Entity ", i, "-", j), Type: t,
				Sources: []graph.ID{src.ID, own.ID}}
			s.entities = append(s.entities, e)
			ids = append(ids, e.ID)
		}
		s.meetings = append(s.meetings, &graph.Meeting{ID: graph.NewID(graph.KindMeeting, fmt.Sprint(i)),
			Participants: ids[:2], Place: ids[2], Date: graph.Date{Year: 2023, Month: 1 + i%12, Day: 1 + i%28},
			Sources: []graph.ID{src.ID}})
	}
	return s
}
