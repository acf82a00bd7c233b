package schema

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/graph"
)

const (
	maxGraphDepth = 4
	maxGraphLimit = 1000
	maxLabelRunes = 60
)

// subgraph is the answer of Query.graph: a node-link view for tools such as
// Cytoscape or D3. Node IDs are global IDs, so edges can point at them.
type subgraph struct {
	nodes []gnode
	edges []gedge
}

type gnode struct {
	id    graph.ID
	kind  graph.NodeKind
	label string
	typ   string // entity type, event kind or meeting status
}

type gedge struct {
	from, to graph.ID
	fromKind graph.NodeKind
	toKind   graph.NodeKind
	typ      graph.EdgeType
	label    string
}

func (b *builder) buildSubgraphTypes() {
	b.graphNode = graphql.NewObject(graphql.ObjectConfig{
		Name:        "GraphNode",
		Description: "A node of a Subgraph.",
		Fields: graphql.Fields{
			"id":    {Type: nn(graphql.ID), Description: "The node's global ID, as node(id:) takes it.", Resolve: func(p graphql.ResolveParams) (any, error) { n := p.Source.(gnode); return GlobalID(n.kind, n.id), nil }},
			"label": {Type: nn(graphql.String), Description: "The name to show: an entity's name, an event's name, a meeting's participants and date, a statement's opening words.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(gnode).label, nil }},
			"kind":  {Type: nn(graphql.String), Description: "Entity, Meeting, Event or Statement.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(gnode).kind.String(), nil }},
			"type":  {Type: graphql.String, Description: "The entity type, event kind or meeting status.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(p.Source.(gnode).typ), nil }},
		},
	})
	b.graphEdge = graphql.NewObject(graphql.ObjectConfig{
		Name:        "GraphEdge",
		Description: "An edge of a Subgraph, between two of its nodes.",
		Fields: graphql.Fields{
			"id": {Type: nn(graphql.ID), Description: "The edge's ID: source, type and target.", Resolve: func(p graphql.ResolveParams) (any, error) {
				e := p.Source.(gedge)
				return fmt.Sprintf("%s-%s-%s", e.from, e.typ, e.to), nil
			}},
			"source": {Type: nn(graphql.ID), Description: "The global ID of the node the edge starts from.", Resolve: func(p graphql.ResolveParams) (any, error) {
				e := p.Source.(gedge)
				return GlobalID(e.fromKind, e.from), nil
			}},
			"target": {Type: nn(graphql.ID), Description: "The global ID of the node the edge leads to.", Resolve: func(p graphql.ResolveParams) (any, error) {
				e := p.Source.(gedge)
				return GlobalID(e.toKind, e.to), nil
			}},
			"type":  {Type: nn(b.relationType), Description: "The edge type.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(gedge).typ, nil }},
			"label": {Type: graphql.String, Description: "The title of an AFFILIATED_WITH edge, else the type in lower case.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(gedge).label, nil }},
		},
	})
	b.subgraph = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Subgraph",
		Description: "Nodes and edges in the shape visualization tools read.",
		Fields: graphql.Fields{
			"nodes": {Type: listOf(b.graphNode), Description: "The nodes, at most limit.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(p.Source.(*subgraph).nodes), nil }},
			"edges": {Type: listOf(b.graphEdge), Description: "The edges between those nodes.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(p.Source.(*subgraph).edges), nil }},
		},
	})
}

// edgeKey identifies an edge of a subgraph; MET_WITH is symmetric, so its
// key ignores direction.
type edgeKey struct {
	a, b  graph.ID
	t     graph.EdgeType
	title string
}

func keyOf(e graph.Edge) edgeKey {
	a, c := e.From, e.To
	if e.Type == graph.MetWith && c < a {
		a, c = c, a
	}
	return edgeKey{a, c, e.Type, e.Title}
}

func (b *builder) buildSubgraph(ctx context.Context, a graphArgs) (*subgraph, error) {
	if a.Center != "" {
		return b.neighborhood(ctx, a)
	}
	return b.overview(ctx, a)
}

// neighborhood walks the graph breadth first from the entity named center.
func (b *builder) neighborhood(ctx context.Context, a graphArgs) (*subgraph, error) {
	l := loaderFrom(ctx, b.store)
	es, err := l.lookup(ctx, a.Center, graph.EntityUnknown)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return &subgraph{}, nil
	}
	center := es[0].ID
	seen := map[graph.ID]bool{center: true}
	order := []graph.ID{center}
	edges := map[edgeKey]graph.Edge{}
	frontier := []graph.ID{center}
	for d := 0; d < a.Depth && len(frontier) > 0; d++ {
		var next []graph.ID
		for _, id := range frontier {
			es, err := b.edges(ctx, id)
			if err != nil {
				return nil, err
			}
			es = slices.Clone(es)
			other := func(e graph.Edge) graph.ID {
				if e.From == id {
					return e.To
				}
				return e.From
			}
			slices.SortFunc(es, func(x, y graph.Edge) int {
				return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(other(x), other(y)), strings.Compare(x.Title, y.Title))
			})
			for _, e := range es {
				if e.Type == graph.MentionedIn {
					continue
				}
				o := other(e)
				if !seen[o] {
					if len(order) >= a.Limit {
						continue
					}
					seen[o] = true
					order = append(order, o)
					next = append(next, o)
				}
				edges[keyOf(e)] = e
			}
		}
		frontier = next
	}
	return b.assemble(ctx, order, edges, nil)
}

// overview picks the best-connected entities, meetings and events.
func (b *builder) overview(ctx context.Context, a graphArgs) (*subgraph, error) {
	ents, err := b.reads(ctx).Entities(ctx, graph.EntityFilter{})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	ms, err := b.reads(ctx).Meetings(ctx, graph.MeetingFilter{})
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	evs, err := b.reads(ctx).Events(ctx)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	known := map[graph.ID]graph.Node{}
	deg := map[graph.ID]int{}
	link := func(x graph.ID, ys ...graph.ID) {
		for _, y := range ys {
			if x != 0 && y != 0 {
				deg[x]++
				deg[y]++
			}
		}
	}
	for _, e := range ents {
		known[e.ID] = e
	}
	for _, m := range ms {
		known[m.ID] = m
		link(m.ID, m.Participants...)
		link(m.ID, m.Place, m.City, m.Event)
	}
	for _, ev := range evs {
		known[ev.ID] = ev
		link(ev.ID, ev.Participants...)
		link(ev.ID, ev.Place)
		link(ev.ID, ev.DisruptedBy...)
	}
	ids := make([]graph.ID, 0, len(known))
	for id := range known {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y graph.ID) int {
		return cmp.Or(-cmp.Compare(deg[x], deg[y]), cmp.Compare(known[x].NodeKind(), known[y].NodeKind()), cmp.Compare(x, y))
	})
	ids = ids[:min(len(ids), a.Limit)]
	chosen := make(map[graph.ID]bool, len(ids))
	for _, id := range ids {
		chosen[id] = true
	}
	edges := map[edgeKey]graph.Edge{}
	for _, id := range ids {
		// Every edge between chosen nodes touches an entity or an event
		// (meetings link only to those), so meetings need no lookup.
		if known[id].NodeKind() == graph.KindMeeting {
			continue
		}
		es, err := b.edges(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if e.Type != graph.MentionedIn && chosen[e.From] && chosen[e.To] {
				edges[keyOf(e)] = e
			}
		}
	}
	return b.assemble(ctx, ids, edges, known)
}

// edges returns the edges of id; a node gone since it was listed has none.
func (b *builder) edges(ctx context.Context, id graph.ID) ([]graph.Edge, error) {
	es, err := b.reads(ctx).Edges(ctx, id)
	if errors.Is(err, graph.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("edges of %s: %w", id, err)
	}
	return es, nil
}

// assemble labels the nodes ids (known holds those already loaded) and keeps
// the edges between them.
func (b *builder) assemble(ctx context.Context, ids []graph.ID, edges map[edgeKey]graph.Edge, known map[graph.ID]graph.Node) (*subgraph, error) {
	l := loaderFrom(ctx, b.store)
	nodes := make(map[graph.ID]graph.Node, len(ids))
	var rest []graph.ID
	for _, id := range ids {
		if n, ok := known[id]; ok {
			nodes[id] = n
		} else {
			rest = append(rest, id)
		}
	}
	// Most nodes are entities: fetch them in one batch, the rest one by one.
	if err := l.loadEntities(ctx, rest); err != nil {
		return nil, err
	}
	var names []graph.ID
	for _, id := range rest {
		e, err := l.entity(ctx, id)
		if err != nil {
			return nil, err
		}
		if e != nil {
			nodes[id] = e
			continue
		}
		n, err := l.node(ctx, id)
		if err != nil {
			return nil, err
		}
		if n != nil {
			nodes[id] = n
		}
	}
	for _, n := range nodes {
		if m, ok := n.(*graph.Meeting); ok {
			names = append(names, m.Participants...)
		}
	}
	if err := l.loadEntities(ctx, names); err != nil {
		return nil, err
	}
	sg := &subgraph{}
	for _, id := range ids {
		n, ok := nodes[id]
		if !ok {
			continue // dangling: the store's Check reports these
		}
		sg.nodes = append(sg.nodes, b.describe(ctx, l, n))
	}
	for _, e := range edges {
		from, okf := nodes[e.From]
		to, okt := nodes[e.To]
		if !okf || !okt {
			continue
		}
		label := e.Title
		if label == "" {
			label = strings.ToLower(strings.ReplaceAll(e.Type.String(), "_", " "))
		}
		sg.edges = append(sg.edges, gedge{from: e.From, to: e.To, fromKind: from.NodeKind(), toKind: to.NodeKind(), typ: e.Type, label: label})
	}
	slices.SortFunc(sg.edges, func(x, y gedge) int {
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.typ, y.typ), cmp.Compare(x.to, y.to), strings.Compare(x.label, y.label))
	})
	return sg, nil
}

// describe labels n: entities and events by name, meetings "A – B, date",
// statements by their text, shortened.
func (b *builder) describe(ctx context.Context, l *loader, n graph.Node) gnode {
	g := gnode{id: n.NodeID(), kind: n.NodeKind()}
	switch v := n.(type) {
	case *graph.Entity:
		g.label = v.Name
		if v.Type != graph.EntityUnknown {
			g.typ = v.Type.String()
		}
	case *graph.Meeting:
		var parts []string
		for _, id := range v.Participants {
			if e, _ := l.entity(ctx, id); e != nil {
				parts = append(parts, e.Name)
			}
		}
		g.label = strings.Join(parts, " – ")
		if g.label == "" {
			g.label = "meeting"
		}
		if !v.Date.IsZero() {
			g.label += ", " + v.Date.String()
		}
		g.typ = v.Status.String()
	case *graph.Event:
		g.label, g.typ = v.Name, v.Kind
	case *graph.Statement:
		g.label = shorten(v.Text, maxLabelRunes)
	case *graph.Source:
		g.label = cmp.Or(v.Title, v.URL, v.Key)
	}
	return g
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
