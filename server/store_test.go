package server

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// memStore is a small in-memory schema.Store: n meetings, each between two
// people of its own at a place of its own, reported by a source of its own.
// hook, when set, runs first in every call and may block or fail it.
type memStore struct {
	entities []*graph.Entity
	meetings []*graph.Meeting
	sources  []*graph.Source
	hook     func(ctx context.Context, call string) error
	calls    atomic.Int64
}

var _ schema.Store = (*memStore)(nil)

func newMemStore(n int) *memStore {
	s := &memStore{}
	for i := range n {
		src := &graph.Source{ID: graph.SourceID(fmt.Sprint("s", i)), Key: fmt.Sprint("s", i),
			URL: fmt.Sprintf("https://example.com/%d", i), Title: fmt.Sprint("Article ", i)}
		s.sources = append(s.sources, src)
		var ids []graph.ID
		for j, t := range []graph.EntityType{graph.Person, graph.Person, graph.Place} {
			e := &graph.Entity{ID: graph.EntityID(t, fmt.Sprint("e", i, "-", j)), Name: fmt.Sprintf("Entity %d-%d", i, j),
				Type: t, Sources: []graph.ID{src.ID}}
			if i == 0 && j == 0 {
				e.Name, e.Aliases = "Ada Example", []string{"Ada"}
			}
			s.entities = append(s.entities, e)
			ids = append(ids, e.ID)
		}
		s.meetings = append(s.meetings, &graph.Meeting{ID: graph.NewID(graph.KindMeeting, fmt.Sprint(i)),
			Participants: ids[:2], Place: ids[2], Date: graph.Date{Year: 2023, Month: 1 + i%12, Day: 1 + i%28},
			Sources: []graph.ID{src.ID}})
	}
	return s
}

func (s *memStore) enter(ctx context.Context, call string) error {
	s.calls.Add(1)
	if s.hook != nil {
		return s.hook(ctx, call)
	}
	return ctx.Err()
}

func (s *memStore) Node(ctx context.Context, id graph.ID) (graph.Node, error) {
	if err := s.enter(ctx, "Node"); err != nil {
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
	for _, x := range s.sources {
		if x.ID == id {
			return x, nil
		}
	}
	return nil, fmt.Errorf("node %s: %w", id, graph.ErrNotFound)
}

func (s *memStore) EntitiesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error) {
	if err := s.enter(ctx, "EntitiesByID"); err != nil {
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

func (s *memStore) SourcesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error) {
	if err := s.enter(ctx, "SourcesByID"); err != nil {
		return nil, err
	}
	out := map[graph.ID]*graph.Source{}
	for _, x := range s.sources {
		if slices.Contains(ids, x.ID) {
			out[x.ID] = x
		}
	}
	return out, nil
}

func (s *memStore) LookupEntities(ctx context.Context, name string, t graph.EntityType) ([]*graph.Entity, error) {
	if err := s.enter(ctx, "LookupEntities"); err != nil {
		return nil, err
	}
	k := graph.NameKey(name)
	var out []*graph.Entity
	for _, e := range s.entities {
		if t != graph.EntityUnknown && e.Type != t {
			continue
		}
		if graph.NameKey(e.Name) == k || slices.ContainsFunc(e.Aliases, func(a string) bool { return graph.NameKey(a) == k }) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (s *memStore) Entities(ctx context.Context, f graph.EntityFilter) ([]*graph.Entity, error) {
	if err := s.enter(ctx, "Entities"); err != nil {
		return nil, err
	}
	var out []*graph.Entity
	for _, e := range s.entities {
		if (f.Type == graph.EntityUnknown || e.Type == f.Type) &&
			(f.Search == "" || strings.Contains(strings.ToLower(e.Name), strings.ToLower(f.Search))) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (s *memStore) Meetings(ctx context.Context, f graph.MeetingFilter) ([]*graph.Meeting, error) {
	if err := s.enter(ctx, "Meetings"); err != nil {
		return nil, err
	}
	var out []*graph.Meeting
	for _, m := range s.meetings {
		if f.Participants != nil && !slices.ContainsFunc(m.Participants, func(id graph.ID) bool { return slices.Contains(f.Participants, id) }) {
			continue
		}
		out = append(out, m)
	}
	return out, nil
}

func (s *memStore) Statements(ctx context.Context, _ graph.StatementFilter) ([]*graph.Statement, error) {
	return nil, s.enter(ctx, "Statements")
}

func (s *memStore) Events(ctx context.Context) ([]*graph.Event, error) {
	return nil, s.enter(ctx, "Events")
}

func (s *memStore) Sources(ctx context.Context) ([]*graph.Source, error) {
	if err := s.enter(ctx, "Sources"); err != nil {
		return nil, err
	}
	return s.sources, nil
}

func (s *memStore) Edges(ctx context.Context, id graph.ID) ([]graph.Edge, error) {
	if err := s.enter(ctx, "Edges"); err != nil {
		return nil, err
	}
	var out []graph.Edge
	for _, m := range s.meetings {
		if slices.Contains(m.Participants, id) || m.Place == id {
			out = append(out, graph.Edge{From: id, To: m.ID, Type: graph.ParticipatedIn, Sources: m.Sources})
		}
	}
	return out, nil
}

// newSchemaExec builds the real executor over s with the default limits.
func newSchemaExec(t testing.TB, s schema.Store) *schema.Executor {
	t.Helper()
	ex, err := schema.New(s, schema.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func (s *memStore) SourceText(ctx context.Context, id graph.ID) (string, error) {
	if err := s.enter(ctx, "SourceText"); err != nil {
		return "", err
	}
	return "", fmt.Errorf("text of %s: %w", id, graph.ErrNotFound)
}
