package schema

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// loader batches and memoizes the store lookups of one request. Resolvers
// of a field that needs entities or sources register the IDs (want) and
// return a thunk; graphql-go runs thunks breadth first, after every sibling
// of the level has registered, so the first thunk of a level fetches the
// whole level with one EntitiesByID or SourcesByID call and the rest hit
// the memo.
type loader struct {
	store  Store
	budget *nodeBudget // nil: no limit on the objects resolved

	mu          sync.Mutex
	entities    map[graph.ID]*graph.Entity // nil value: looked up, missing
	wantEnt     map[graph.ID]struct{}
	sources     map[graph.ID]*graph.Source
	wantSrc     map[graph.ID]struct{}
	events      map[graph.ID]*graph.Event // all events, loaded on first use
	nodes       map[graph.ID]graph.Node
	lookups     map[lookupKey][]*graph.Entity
	texts       map[graph.ID]string
	eventsError error
}

type lookupKey struct {
	name string
	t    graph.EntityType
}

func newLoader(s Store) *loader {
	return &loader{
		store:    s,
		entities: map[graph.ID]*graph.Entity{},
		wantEnt:  map[graph.ID]struct{}{},
		sources:  map[graph.ID]*graph.Source{},
		wantSrc:  map[graph.ID]struct{}{},
		nodes:    map[graph.ID]graph.Node{},
		lookups:  map[lookupKey][]*graph.Entity{},
		texts:    map[graph.ID]string{},
	}
}

type loaderKey struct{}

func withLoader(ctx context.Context, l *loader) context.Context {
	return context.WithValue(ctx, loaderKey{}, l)
}

// loaderFrom returns the request's loader. Outside Executor.Do (resolvers
// called directly in tests) it returns a fresh one bound to s.
func loaderFrom(ctx context.Context, s Store) *loader {
	if l, ok := ctx.Value(loaderKey{}).(*loader); ok {
		return l
	}
	return newLoader(s)
}

// reads returns what the request of ctx reads: the read view of a query,
// the store itself for a mutation (which must read what it wrote).
func (b *builder) reads(ctx context.Context) Store { return loaderFrom(ctx, b.store).store }

// nodeBudgetFrom returns the object budget of the request ctx belongs to,
// or nil (no limit) outside Executor.Do.
func nodeBudgetFrom(ctx context.Context) *nodeBudget {
	if l, ok := ctx.Value(loaderKey{}).(*loader); ok {
		return l.budget
	}
	return nil
}

// wantEntities registers ids for the next entity batch.
func (l *loader) wantEntities(ids ...graph.ID) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		if _, done := l.entities[id]; !done && id != 0 {
			l.wantEnt[id] = struct{}{}
		}
	}
}

// entityList returns the entities with ids, in order, skipping missing ones.
func (l *loader) entityList(ctx context.Context, ids []graph.ID) ([]*graph.Entity, error) {
	if err := l.loadEntities(ctx, ids); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]*graph.Entity, 0, len(ids))
	for _, id := range ids {
		if e := l.entities[id]; e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// entity returns the entity with id, or nil if there is none.
func (l *loader) entity(ctx context.Context, id graph.ID) (*graph.Entity, error) {
	if id == 0 {
		return nil, nil
	}
	if err := l.loadEntities(ctx, []graph.ID{id}); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.entities[id], nil
}

// entitiesThunk registers ids and returns a thunk that yields their entities.
func (l *loader) entitiesThunk(ctx context.Context, ids []graph.ID) func() (any, error) {
	l.wantEntities(ids...)
	return func() (any, error) { return l.entityList(ctx, ids) }
}

// entityThunk registers id and returns a thunk that yields its entity or nil.
func (l *loader) entityThunk(ctx context.Context, id graph.ID) func() (any, error) {
	l.wantEntities(id)
	return func() (any, error) {
		e, err := l.entity(ctx, id)
		if e == nil || err != nil {
			return nil, err
		}
		return e, nil
	}
}

// loadEntities makes sure every id is memoized, fetching everything
// registered so far in one call if any is not.
func (l *loader) loadEntities(ctx context.Context, ids []graph.ID) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	missing := false
	for _, id := range ids {
		if _, done := l.entities[id]; !done && id != 0 {
			l.wantEnt[id] = struct{}{}
			missing = true
		}
	}
	if !missing {
		return nil // what others registered waits for a thunk that needs it
	}
	batch := sortedIDs(l.wantEnt)
	clear(l.wantEnt)
	got, err := l.store.EntitiesByID(ctx, batch)
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		return fmt.Errorf("load %d entities: %w", len(batch), err)
	}
	for _, id := range batch {
		l.entities[id] = got[id]
	}
	return nil
}

// wantSources registers ids for the next source batch.
func (l *loader) wantSources(ids ...graph.ID) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		if _, done := l.sources[id]; !done && id != 0 {
			l.wantSrc[id] = struct{}{}
		}
	}
}

// sourceList returns the sources with ids, in order, skipping missing ones.
func (l *loader) sourceList(ctx context.Context, ids []graph.ID) ([]*graph.Source, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	missing := false
	for _, id := range ids {
		if _, done := l.sources[id]; !done && id != 0 {
			l.wantSrc[id] = struct{}{}
			missing = true
		}
	}
	if missing {
		batch := sortedIDs(l.wantSrc)
		clear(l.wantSrc)
		got, err := l.store.SourcesByID(ctx, batch)
		if err != nil && !errors.Is(err, graph.ErrNotFound) {
			return nil, fmt.Errorf("load %d sources: %w", len(batch), err)
		}
		for _, id := range batch {
			l.sources[id] = got[id]
		}
	}
	out := make([]*graph.Source, 0, len(ids))
	for _, id := range ids {
		if s := l.sources[id]; s != nil {
			out = append(out, s)
		}
	}
	return out, nil
}

// sourcesThunk registers ids and returns a thunk that yields their sources.
func (l *loader) sourcesThunk(ctx context.Context, ids []graph.ID) func() (any, error) {
	l.wantSources(ids...)
	return func() (any, error) { return l.sourceList(ctx, ids) }
}

// sourceThunk registers id and returns a thunk that yields its source or nil.
func (l *loader) sourceThunk(ctx context.Context, id graph.ID) func() (any, error) {
	l.wantSources(id)
	return func() (any, error) {
		s, err := l.sourceList(ctx, []graph.ID{id})
		if err != nil || len(s) == 0 {
			return nil, err
		}
		return s[0], nil
	}
}

// eventList returns the events with ids, skipping missing ones; the first
// call loads all events
// (one store call per request), since events are few next to meetings.
func (l *loader) eventList(ctx context.Context, ids []graph.ID) ([]*graph.Event, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.events == nil && l.eventsError == nil {
		evs, err := l.store.Events(ctx)
		if err != nil {
			l.eventsError = fmt.Errorf("load events: %w", err)
			return nil, l.eventsError
		}
		l.events = make(map[graph.ID]*graph.Event, len(evs))
		for _, e := range evs {
			l.events[e.ID] = e
		}
	}
	if l.eventsError != nil {
		return nil, l.eventsError
	}
	out := make([]*graph.Event, 0, len(ids))
	for _, id := range ids {
		if e := l.events[id]; e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// node returns the node with id, memoized; nil if there is none.
func (l *loader) node(ctx context.Context, id graph.ID) (graph.Node, error) {
	l.mu.Lock()
	n, ok := l.nodes[id]
	l.mu.Unlock()
	if ok {
		return n, nil
	}
	n, err := l.store.Node(ctx, id)
	if errors.Is(err, graph.ErrNotFound) {
		n, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load node %s: %w", id, err)
	}
	l.mu.Lock()
	l.nodes[id] = n
	l.mu.Unlock()
	return n, nil
}

// lookup resolves a name argument to entity IDs, memoized per request.
func (l *loader) lookup(ctx context.Context, name string, t graph.EntityType) ([]*graph.Entity, error) {
	k := lookupKey{name: graph.NameKey(name), t: t}
	l.mu.Lock()
	es, ok := l.lookups[k]
	l.mu.Unlock()
	if ok {
		return es, nil
	}
	es, err := l.store.LookupEntities(ctx, name, t)
	if errors.Is(err, graph.ErrNotFound) {
		es, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up %q: %w", name, err)
	}
	l.mu.Lock()
	l.lookups[k] = es
	for _, e := range es {
		l.entities[e.ID] = e
	}
	l.mu.Unlock()
	return es, nil
}

// sourceText returns the stored text of source id, memoized: the offsets
// of every evidence sentence of one source convert against one read.
func (l *loader) sourceText(ctx context.Context, id graph.ID) (string, error) {
	l.mu.Lock()
	t, ok := l.texts[id]
	l.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := l.store.SourceText(ctx, id)
	if err != nil {
		return "", fmt.Errorf("text of source %s: %w", id, err)
	}
	l.mu.Lock()
	l.texts[id] = t
	l.mu.Unlock()
	return t, nil
}

func sortedIDs(set map[graph.ID]struct{}) []graph.ID {
	ids := make([]graph.ID, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
