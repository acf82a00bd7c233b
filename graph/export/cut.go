package export

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// MaxDepth is the largest depth Cut and Export accept.
const MaxDepth = 4

// Cut returns the part of s within depth hops of center: the nodes reached
// over edges of every type but MENTIONED_IN, the edges between them, and
// the sources that any of them cites with their MENTIONED_IN edges. The
// lists keep the order of s. A center that s lacks gives an empty snapshot.
func Cut(s *graph.Snapshot, center graph.ID, depth int) *graph.Snapshot {
	adj := map[graph.ID][]graph.ID{}
	for _, e := range s.Edges {
		if e.Type != graph.MentionedIn {
			adj[e.From] = append(adj[e.From], e.To)
			adj[e.To] = append(adj[e.To], e.From)
		}
	}
	out := &graph.Snapshot{Entities: []*graph.Entity{}, Meetings: []*graph.Meeting{}, Statements: []*graph.Statement{},
		Events: []*graph.Event{}, Sources: []*graph.Source{}, Edges: []graph.Edge{}}
	if !hasNode(s, center) {
		return out
	}
	keep := map[graph.ID]bool{center: true}
	frontier := []graph.ID{center}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []graph.ID
		for _, id := range frontier {
			for _, o := range adj[id] {
				if !keep[o] {
					keep[o] = true
					next = append(next, o)
				}
			}
		}
		frontier = next
	}
	cited := map[graph.ID]bool{}
	cite := func(ids []graph.ID) {
		for _, id := range ids {
			cited[id] = true
		}
	}
	for _, e := range s.Entities {
		if keep[e.ID] {
			out.Entities = append(out.Entities, e)
			cite(e.Sources)
		}
	}
	for _, m := range s.Meetings {
		if keep[m.ID] {
			out.Meetings = append(out.Meetings, m)
			cite(m.Sources)
		}
	}
	for _, st := range s.Statements {
		if keep[st.ID] {
			out.Statements = append(out.Statements, st)
			cite(st.Sources)
		}
	}
	for _, ev := range s.Events {
		if keep[ev.ID] {
			out.Events = append(out.Events, ev)
			cite(ev.Sources)
		}
	}
	for _, e := range s.Edges {
		if e.Type != graph.MentionedIn && keep[e.From] && keep[e.To] {
			cite(e.Sources)
		}
	}
	for _, src := range s.Sources {
		if keep[src.ID] || cited[src.ID] {
			out.Sources = append(out.Sources, src)
			keep[src.ID] = true
		}
	}
	for _, e := range s.Edges {
		if keep[e.From] && keep[e.To] {
			out.Edges = append(out.Edges, e)
		}
	}
	return out
}

func hasNode(s *graph.Snapshot, id graph.ID) bool {
	for _, e := range s.Entities {
		if e.ID == id {
			return true
		}
	}
	for _, m := range s.Meetings {
		if m.ID == id {
			return true
		}
	}
	for _, st := range s.Statements {
		if st.ID == id {
			return true
		}
	}
	for _, ev := range s.Events {
		if ev.ID == id {
			return true
		}
	}
	for _, src := range s.Sources {
		if src.ID == id {
			return true
		}
	}
	return false
}

// Store is what Export reads; *store.Store (graph/store) implements it.
type Store interface {
	Snapshot(ctx context.Context) (*graph.Snapshot, error)
	// LookupEntities finds entities by name or alias, most cited first.
	LookupEntities(ctx context.Context, name string, t graph.EntityType) ([]*graph.Entity, error)
}

// Request says what Export writes.
type Request struct {
	Format Format
	// Center, if set, cuts the graph around one node: an entity's name or
	// alias (any case), a node's ref as every format names it
	// ("Meeting:00a1…"), or its GraphQL global ID (the base64 of the ref).
	Center string
	// Depth is the hops kept around Center, 0 to MaxDepth.
	Depth int
}

// ErrBadRequest is wrapped by the errors of Export that the request
// caused: an unknown format (which also wraps ErrUnknownFormat), a depth
// out of range, a center that names no node (which also wraps
// graph.ErrNotFound).
var ErrBadRequest = errors.New("bad export request")

// Export writes the graph of s, or the part Cut keeps around r.Center, in
// r.Format to w.
func Export(ctx context.Context, s Store, w io.Writer, r Request) error {
	write, err := Writer(r.Format)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	if r.Depth < 0 || r.Depth > MaxDepth {
		return fmt.Errorf("%w: depth must be between 0 and %d, got %d", ErrBadRequest, MaxDepth, r.Depth)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if r.Center != "" {
		id, err := centerID(ctx, s, snap, r.Center)
		if err != nil {
			return err
		}
		snap = Cut(snap, id, r.Depth)
	}
	return write(w, snap)
}

// centerID resolves Request.Center.
func centerID(ctx context.Context, s Store, snap *graph.Snapshot, center string) (graph.ID, error) {
	ref := center
	if b, err := base64.StdEncoding.DecodeString(center); err == nil && strings.Contains(string(b), ":") {
		ref = string(b)
	}
	if kind, hex, ok := strings.Cut(ref, ":"); ok {
		if _, err := graph.ParseNodeKind(kind); err == nil {
			if n, err := strconv.ParseUint(hex, 16, 64); err == nil && hasNode(snap, graph.ID(n)) {
				return graph.ID(n), nil
			}
		}
	}
	es, err := s.LookupEntities(ctx, center, graph.EntityUnknown)
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		return 0, fmt.Errorf("export: look up %q: %w", center, err)
	}
	if len(es) == 0 {
		return 0, fmt.Errorf("%w: center %q: %w", ErrBadRequest, center, graph.ErrNotFound)
	}
	return es[0].ID, nil
}
