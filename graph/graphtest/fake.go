package graphtest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// Fake is a graph.Reader that answers from a Snapshot held in memory, with
// the semantics of the Badger store (Run checks both): the reads for tests
// of the layers above the store. Lists come in the Snapshot's order, so a
// Snapshot a store returned gives the store's orders. It counts its calls,
// and Hook can delay or fail them. It is safe for concurrent use; the
// Snapshot must not change while it is used.
type Fake struct {
	snap *graph.Snapshot
	// Hook, when set, runs first in every call with the method's name
	// ("Node", "Meetings", ...); an error from it fails the call.
	Hook func(ctx context.Context, method string) error
	// Texts are the sources' cleaned texts, for SourceText.
	Texts map[graph.ID]string

	mu    sync.Mutex
	calls map[string]int
	total int
}

var _ graph.Reader = (*Fake)(nil)

// NewFake returns a Fake answering from snap.
func NewFake(snap *graph.Snapshot) *Fake {
	return &Fake{snap: snap, calls: map[string]int{}}
}

// Calls is the number of calls of method so far; "" counts every method.
func (f *Fake) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if method == "" {
		return f.total
	}
	return f.calls[method]
}

// enter counts a call, then fails it if ctx is done or Hook says so.
func (f *Fake) enter(ctx context.Context, method string) error {
	f.mu.Lock()
	f.calls[method]++
	f.total++
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.Hook != nil {
		return f.Hook(ctx, method)
	}
	return nil
}

// node finds id among the snapshot's nodes.
func (f *Fake) node(id graph.ID) (graph.Node, bool) {
	for _, e := range f.snap.Entities {
		if e.ID == id {
			return e, true
		}
	}
	for _, m := range f.snap.Meetings {
		if m.ID == id {
			return m, true
		}
	}
	for _, s := range f.snap.Statements {
		if s.ID == id {
			return s, true
		}
	}
	for _, e := range f.snap.Events {
		if e.ID == id {
			return e, true
		}
	}
	for _, s := range f.snap.Sources {
		if s.ID == id {
			return s, true
		}
	}
	return nil, false
}

// Node implements graph.Reader.
func (f *Fake) Node(ctx context.Context, id graph.ID) (graph.Node, error) {
	if err := f.enter(ctx, "Node"); err != nil {
		return nil, err
	}
	if n, ok := f.node(id); ok {
		return n, nil
	}
	return nil, fmt.Errorf("node %v: %w", id, graph.ErrNotFound)
}

// EntitiesByID implements graph.Reader.
func (f *Fake) EntitiesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error) {
	if err := f.enter(ctx, "EntitiesByID"); err != nil {
		return nil, err
	}
	out := make(map[graph.ID]*graph.Entity, len(ids))
	for _, e := range f.snap.Entities {
		if slices.Contains(ids, e.ID) {
			out[e.ID] = e
		}
	}
	return out, nil
}

// SourcesByID implements graph.Reader.
func (f *Fake) SourcesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error) {
	if err := f.enter(ctx, "SourcesByID"); err != nil {
		return nil, err
	}
	out := make(map[graph.ID]*graph.Source, len(ids))
	for _, s := range f.snap.Sources {
		if slices.Contains(ids, s.ID) {
			out[s.ID] = s
		}
	}
	return out, nil
}

// LookupEntities implements graph.Reader.
func (f *Fake) LookupEntities(ctx context.Context, name string, t graph.EntityType) ([]*graph.Entity, error) {
	if err := f.enter(ctx, "LookupEntities"); err != nil {
		return nil, err
	}
	out := []*graph.Entity{}
	k := graph.NameKey(name)
	if k == "" {
		return out, nil
	}
	for _, e := range f.snap.Entities {
		if t != graph.EntityUnknown && e.Type != t {
			continue
		}
		if graph.NameKey(e.Name) == k || slices.ContainsFunc(e.Aliases, func(a string) bool { return graph.NameKey(a) == k }) {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b *graph.Entity) int { return cmp.Compare(len(b.Sources), len(a.Sources)) })
	return out, nil
}

// Entities implements graph.Reader.
func (f *Fake) Entities(ctx context.Context, filter graph.EntityFilter) ([]*graph.Entity, error) {
	if err := f.enter(ctx, "Entities"); err != nil {
		return nil, err
	}
	out := []*graph.Entity{}
	for _, e := range f.snap.Entities {
		if filter.Match(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Meetings implements graph.Reader.
func (f *Fake) Meetings(ctx context.Context, filter graph.MeetingFilter) ([]*graph.Meeting, error) {
	if err := f.enter(ctx, "Meetings"); err != nil {
		return nil, err
	}
	out := []*graph.Meeting{}
	for _, m := range f.snap.Meetings {
		if filter.Match(m) {
			out = append(out, m)
		}
	}
	return out, nil
}

// MeetingsPage implements graph.Reader.
func (f *Fake) MeetingsPage(ctx context.Context, filter graph.MeetingFilter, after, first int) ([]*graph.Meeting, int, error) {
	if err := f.enter(ctx, "MeetingsPage"); err != nil {
		return nil, 0, err
	}
	var all []*graph.Meeting
	for _, m := range f.snap.Meetings {
		if filter.Match(m) {
			all = append(all, m)
		}
	}
	start := min(max(after, 0), len(all))
	end := min(start+max(first, 0), len(all))
	return append([]*graph.Meeting{}, all[start:end]...), len(all), nil
}

// Statements implements graph.Reader.
func (f *Fake) Statements(ctx context.Context, filter graph.StatementFilter) ([]*graph.Statement, error) {
	if err := f.enter(ctx, "Statements"); err != nil {
		return nil, err
	}
	out := []*graph.Statement{}
	for _, s := range f.snap.Statements {
		if filter.Match(s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// Events implements graph.Reader.
func (f *Fake) Events(ctx context.Context) ([]*graph.Event, error) {
	if err := f.enter(ctx, "Events"); err != nil {
		return nil, err
	}
	return append([]*graph.Event{}, f.snap.Events...), nil
}

// Sources implements graph.Reader.
func (f *Fake) Sources(ctx context.Context) ([]*graph.Source, error) {
	if err := f.enter(ctx, "Sources"); err != nil {
		return nil, err
	}
	return append([]*graph.Source{}, f.snap.Sources...), nil
}

// Edges implements graph.Reader.
func (f *Fake) Edges(ctx context.Context, id graph.ID) ([]graph.Edge, error) {
	if err := f.enter(ctx, "Edges"); err != nil {
		return nil, err
	}
	if _, ok := f.node(id); !ok {
		return nil, fmt.Errorf("edges of %v: %w", id, graph.ErrNotFound)
	}
	var out []graph.Edge
	for _, e := range f.snap.Edges {
		if e.From == id || e.To == id {
			out = append(out, e)
		}
	}
	return out, nil
}

// EdgesOf implements graph.Reader.
func (f *Fake) EdgesOf(ctx context.Context, id graph.ID, filter graph.EdgeFilter) ([]graph.Edge, error) {
	if err := f.enter(ctx, "EdgesOf"); err != nil {
		return nil, err
	}
	if _, ok := f.node(id); !ok {
		return nil, fmt.Errorf("edges of %v: %w", id, graph.ErrNotFound)
	}
	var out []graph.Edge
	for _, e := range f.snap.Edges {
		if (e.From == id || e.To == id) && filter.Match(id, e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// EdgesOfMany implements graph.Reader.
func (f *Fake) EdgesOfMany(ctx context.Context, ids []graph.ID, filter graph.EdgeFilter) (map[graph.ID][]graph.Edge, error) {
	if err := f.enter(ctx, "EdgesOfMany"); err != nil {
		return nil, err
	}
	out := make(map[graph.ID][]graph.Edge, len(ids))
	for _, id := range ids {
		if _, ok := f.node(id); !ok {
			continue
		}
		var es []graph.Edge
		for _, e := range f.snap.Edges {
			if (e.From == id || e.To == id) && filter.Match(id, e) {
				es = append(es, e)
			}
		}
		out[id] = es
	}
	return out, nil
}

// Snapshot implements graph.Reader.
func (f *Fake) Snapshot(ctx context.Context) (*graph.Snapshot, error) {
	if err := f.enter(ctx, "Snapshot"); err != nil {
		return nil, err
	}
	return f.snap, nil
}

// SourceText returns Texts[id], or an error wrapping graph.ErrNotFound.
func (f *Fake) SourceText(ctx context.Context, id graph.ID) (string, error) {
	if err := f.enter(ctx, "SourceText"); err != nil {
		return "", err
	}
	t, ok := f.Texts[id]
	if !ok {
		return "", fmt.Errorf("text of source %v: %w", id, graph.ErrNotFound)
	}
	return t, nil
}
