package schema

import (
	"context"
	"fmt"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// errGateClosed is what a store call gets when it starts after its request
// has finished; no one reads its answer.
var errGateClosed = fmt.Errorf("the request has finished: %w", context.Canceled)

// gate is the Store a request's resolvers read through. graphql-go returns
// from Execute as soon as the request's context is done, leaving its own
// goroutine to finish the resolvers still running; Do closes the gate
// before it returns, which refuses the calls that start after that and
// waits for those under way. So no read of a request outlives Do, and the
// read view Do closes is never read after it is closed.
type gate struct {
	s Store

	mu       sync.Mutex
	closed   bool
	err      error // what refused calls return
	inflight int
	idle     *sync.Cond // signalled when inflight drops to 0 once closed
}

func newGate(s Store) *gate {
	g := &gate{s: s}
	g.idle = sync.NewCond(&g.mu)
	return g
}

// enter admits one call, or says why not.
func (g *gate) enter() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return g.err
	}
	g.inflight++
	return nil
}

func (g *gate) exit() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight--
	if g.inflight == 0 && g.closed {
		g.idle.Broadcast()
	}
}

// close refuses further calls with err and waits for those under way,
// which the caller has already cancelled.
func (g *gate) close(err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed, g.err = true, err
	for g.inflight > 0 {
		g.idle.Wait()
	}
}

func (g *gate) Node(ctx context.Context, id graph.ID) (graph.Node, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.Node(ctx, id)
}

func (g *gate) EntitiesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.EntitiesByID(ctx, ids)
}

func (g *gate) SourcesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.SourcesByID(ctx, ids)
}

func (g *gate) LookupEntities(ctx context.Context, name string, t graph.EntityType) ([]*graph.Entity, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.LookupEntities(ctx, name, t)
}

func (g *gate) Entities(ctx context.Context, f graph.EntityFilter) ([]*graph.Entity, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.Entities(ctx, f)
}

func (g *gate) Meetings(ctx context.Context, f graph.MeetingFilter) ([]*graph.Meeting, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.Meetings(ctx, f)
}

func (g *gate) MeetingsPage(ctx context.Context, f graph.MeetingFilter, after, first int) ([]*graph.Meeting, int, error) {
	if err := g.enter(); err != nil {
		return nil, 0, err
	}
	defer g.exit()
	return g.s.MeetingsPage(ctx, f, after, first)
}

func (g *gate) Statements(ctx context.Context, f graph.StatementFilter) ([]*graph.Statement, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.Statements(ctx, f)
}

func (g *gate) Events(ctx context.Context) ([]*graph.Event, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.Events(ctx)
}

func (g *gate) Sources(ctx context.Context) ([]*graph.Source, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.Sources(ctx)
}

func (g *gate) EdgesOf(ctx context.Context, id graph.ID, f graph.EdgeFilter) ([]graph.Edge, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.EdgesOf(ctx, id, f)
}

func (g *gate) EdgesOfMany(ctx context.Context, ids []graph.ID, f graph.EdgeFilter) (map[graph.ID][]graph.Edge, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.EdgesOfMany(ctx, ids, f)
}

func (g *gate) Edges(ctx context.Context, id graph.ID) ([]graph.Edge, error) {
	if err := g.enter(); err != nil {
		return nil, err
	}
	defer g.exit()
	return g.s.Edges(ctx, id)
}

func (g *gate) SourceText(ctx context.Context, id graph.ID) (string, error) {
	if err := g.enter(); err != nil {
		return "", err
	}
	defer g.exit()
	return g.s.SourceText(ctx, id)
}
