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

// nodeType is a value of the NodeType enum: an entity's type, or the kind
// of any other node. It is what the graph field filters on and what
// GraphNode.group reports.
type nodeType uint8

const (
	ntUnknown nodeType = iota
	ntPerson
	ntOrganization
	ntPlace
	ntMeeting
	ntEvent
	ntStatement
	ntSource
)

var nodeTypeNames = [...]string{"UNKNOWN", "PERSON", "ORGANIZATION", "PLACE", "MEETING", "EVENT", "STATEMENT", "SOURCE"}

func (t nodeType) String() string {
	if int(t) < len(nodeTypeNames) {
		return nodeTypeNames[t]
	}
	return fmt.Sprintf("nodeType(%d)", t)
}

// typeOf is the nodeType of n.
func typeOf(n graph.Node) nodeType {
	switch v := n.(type) {
	case *graph.Entity:
		switch v.Type {
		case graph.Person:
			return ntPerson
		case graph.Organization:
			return ntOrganization
		case graph.Place:
			return ntPlace
		}
	case *graph.Meeting:
		return ntMeeting
	case *graph.Event:
		return ntEvent
	case *graph.Statement:
		return ntStatement
	case *graph.Source:
		return ntSource
	}
	return ntUnknown
}

// dateOf is the date of n: a meeting's, event's or statement's date, a
// source's publication date; entities have none.
func dateOf(n graph.Node) graph.Date {
	switch v := n.(type) {
	case *graph.Meeting:
		return v.Date
	case *graph.Event:
		return v.Date
	case *graph.Statement:
		return v.Date
	case *graph.Source:
		return v.Published
	}
	return graph.Date{}
}

// subgraph is the answer of Query.graph: a node-link view in the shape
// Cytoscape.js (data: {id, source, target}) and vis-network ({id, from,
// to, group}) read. Node IDs are global IDs, so edges can point at them.
type subgraph struct {
	nodes     []gnode
	edges     []gedge
	truncated bool
}

type gnode struct {
	id    graph.ID
	kind  graph.NodeKind
	group nodeType
	label string
	typ   string // entity type, event kind or meeting status
	date  graph.Date
}

type gedge struct {
	from, to graph.ID
	fromKind graph.NodeKind
	toKind   graph.NodeKind
	typ      graph.EdgeType
	label    string
	title    string
	meeting  graph.ID
}

func (e gedge) id() string {
	id := fmt.Sprintf("%s-%s-%s", e.from, e.typ, e.to)
	if e.meeting != 0 {
		id += "-" + e.meeting.String()
	}
	if e.title != "" {
		id += "-" + strings.ReplaceAll(graph.NameKey(e.title), " ", "_")
	}
	return id
}

func (b *builder) buildSubgraphTypes() {
	vals := graphql.EnumValueConfigMap{}
	for t := ntPerson; t <= ntSource; t++ {
		vals[t.String()] = &graphql.EnumValueConfig{Value: t, Description: "Nodes of type or kind " + t.String() + "."}
	}
	b.nodeType = graphql.NewEnum(graphql.EnumConfig{Name: "NodeType",
		Description: "An entity's type, or the kind of any other node.", Values: vals})
	gn := func(p graphql.ResolveParams) gnode { return p.Source.(gnode) }
	b.graphNode = graphql.NewObject(graphql.ObjectConfig{
		Name:        "GraphNode",
		Description: "A node as Cytoscape.js (under data) and vis-network read it.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":    {Type: nn(graphql.ID), Description: "The node's global ID, as node(id:) takes it.", Resolve: func(p graphql.ResolveParams) (any, error) { n := gn(p); return GlobalID(n.kind, n.id), nil }},
				"label": {Type: nn(graphql.String), Description: "The name to show: an entity's name, an event's name, a meeting's participants and date, a statement's opening words.", Resolve: func(p graphql.ResolveParams) (any, error) { return gn(p).label, nil }},
				"kind":  {Type: nn(graphql.String), Description: "Entity, Meeting, Event, Statement or Source.", Resolve: func(p graphql.ResolveParams) (any, error) { return gn(p).kind.String(), nil }},
				"type":  {Type: graphql.String, Description: "The entity type, event kind or meeting status.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(gn(p).typ), nil }},
				"group": {Type: nn(b.nodeType), Description: "The entity type or node kind: what vis-network groups by and the export stylesheet colours by.", Resolve: func(p graphql.ResolveParams) (any, error) { return gn(p).group, nil }},
				"date":  {Type: b.date, Description: "A meeting's, event's or statement's date, a source's publication date.", Resolve: func(p graphql.ResolveParams) (any, error) { return gn(p).date, nil }},
				"data":  {Type: nn(b.graphNode), Description: "The node itself, so that nodes { data { … } } is a list of Cytoscape.js elements.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source, nil }},
			}
		}),
	})
	ge := func(p graphql.ResolveParams) gedge { return p.Source.(gedge) }
	source := func(p graphql.ResolveParams) (any, error) { e := ge(p); return GlobalID(e.fromKind, e.from), nil }
	target := func(p graphql.ResolveParams) (any, error) { e := ge(p); return GlobalID(e.toKind, e.to), nil }
	b.graphEdge = graphql.NewObject(graphql.ObjectConfig{
		Name:        "GraphEdge",
		Description: "An edge as Cytoscape.js (under data: source, target) and vis-network (from, to) read it.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":     {Type: nn(graphql.ID), Description: "The edge's ID: source, type, target and, for MET_WITH, the meeting.", Resolve: func(p graphql.ResolveParams) (any, error) { return ge(p).id(), nil }},
				"source": {Type: nn(graphql.ID), Description: "The global ID of the node the edge starts from.", Resolve: source},
				"target": {Type: nn(graphql.ID), Description: "The global ID of the node the edge leads to.", Resolve: target},
				"from":   {Type: nn(graphql.ID), Description: "The same as source.", Resolve: source},
				"to":     {Type: nn(graphql.ID), Description: "The same as target.", Resolve: target},
				"type":   {Type: nn(b.relationType), Description: "The edge type.", Resolve: func(p graphql.ResolveParams) (any, error) { return ge(p).typ, nil }},
				"label":  {Type: graphql.String, Description: "The title of an AFFILIATED_WITH edge, else the type in lower case.", Resolve: func(p graphql.ResolveParams) (any, error) { return ge(p).label, nil }},
				"meeting": {Type: graphql.ID, Description: "For MET_WITH, the global ID of the meeting: a pair that met twice has two edges.", Resolve: func(p graphql.ResolveParams) (any, error) {
					if e := ge(p); e.meeting != 0 {
						return GlobalID(graph.KindMeeting, e.meeting), nil
					}
					return nil, nil
				}},
				"data": {Type: nn(b.graphEdge), Description: "The edge itself, so that edges { data { … } } is a list of Cytoscape.js elements.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source, nil }},
			}
		}),
	})
	b.subgraph = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Subgraph",
		Description: "Nodes and edges in the shape visualization tools read.",
		Fields: graphql.Fields{
			"nodes":     {Type: listOf(b.graphNode), Description: "The center first, then breadth first; without a center, the best connected first.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(p.Source.(*subgraph).nodes), nil }},
			"edges":     {Type: listOf(b.graphEdge), Description: "Every edge of an allowed type between two of the nodes, sorted.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(p.Source.(*subgraph).edges), nil }},
			"truncated": {Type: nn(graphql.Boolean), Description: "Whether nodes were left out to keep to limit.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*subgraph).truncated, nil }},
		},
	})
}

// graphFilter is what the graph field's arguments allow.
type graphFilter struct {
	types     map[nodeType]bool
	edgeTypes map[graph.EdgeType]bool
	from, to  graph.Date
}

func newGraphFilter(a graphArgs) graphFilter {
	f := graphFilter{types: map[nodeType]bool{}, edgeTypes: map[graph.EdgeType]bool{}, from: a.From, to: a.To}
	if a.Types == nil {
		for t := ntPerson; t < ntSource; t++ {
			f.types[t] = true
		}
	}
	for _, t := range a.Types {
		f.types[t] = true
	}
	if a.EdgeTypes == nil {
		for _, t := range graph.EdgeTypes() {
			f.edgeTypes[t] = t != graph.MentionedIn
		}
	}
	for _, t := range a.EdgeTypes {
		f.edgeTypes[t] = true
	}
	return f
}

// node reports whether n passes the type and date filters. With a date
// range, a node of a dated kind needs a date within it.
func (f graphFilter) node(n graph.Node) bool {
	if !f.types[typeOf(n)] {
		return false
	}
	if f.from.IsZero() && f.to.IsZero() {
		return true
	}
	if _, ok := n.(*graph.Entity); ok {
		return true
	}
	return dateOf(n).Within(f.from, f.to)
}

// edgeKey identifies an edge of a subgraph; MET_WITH is symmetric, so its
// key ignores direction.
type edgeKey struct {
	a, b    graph.ID
	t       graph.EdgeType
	title   string
	meeting graph.ID
}

func keyOf(e graph.Edge) edgeKey {
	a, c := e.From, e.To
	if e.Type == graph.MetWith && c < a {
		a, c = c, a
	}
	return edgeKey{a, c, e.Type, e.Title, e.Meeting}
}

func (b *builder) buildSubgraph(ctx context.Context, a graphArgs) (*subgraph, error) {
	f := newGraphFilter(a)
	if a.Center != "" {
		return b.neighborhood(ctx, a, f)
	}
	return b.overview(ctx, a, f)
}

// centerNode resolves the center argument: a global ID, else an entity's
// name or alias. It returns nil when nothing matches.
func (b *builder) centerNode(ctx context.Context, l *loader, center string) (graph.Node, error) {
	if _, id, err := ParseGlobalID(center); err == nil {
		n, err := b.load(ctx, l, id)
		if err != nil || n != nil {
			return n, err
		}
	}
	es, err := l.lookup(ctx, center, graph.EntityUnknown)
	if err != nil || len(es) == 0 {
		return nil, err
	}
	return es[0], nil
}

// load returns the node id (entities through the request's batch), or nil.
func (b *builder) load(ctx context.Context, l *loader, id graph.ID) (graph.Node, error) {
	e, err := l.entity(ctx, id)
	if err != nil || e != nil {
		return e, err
	}
	n, err := l.node(ctx, id)
	if err != nil || n == nil {
		return nil, err
	}
	return n, nil
}

// neighborhood walks the graph breadth first from the center, over edges
// of the allowed types to nodes the filter passes, until depth or limit.
func (b *builder) neighborhood(ctx context.Context, a graphArgs, f graphFilter) (*subgraph, error) {
	l := loaderFrom(ctx, b.store)
	c, err := b.centerNode(ctx, l, a.Center)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return &subgraph{}, nil
	}
	center := c.NodeID()
	nodes := map[graph.ID]graph.Node{center: c}
	order := []graph.ID{center}
	rejected := map[graph.ID]bool{}
	edges := map[edgeKey]graph.Edge{}
	truncated := false
	frontier := []graph.ID{center}
	// Once limit nodes are in, only the edges among them count: the store
	// reads no others (full is the set of them from then on).
	var full map[graph.ID]bool
	among := func() map[graph.ID]bool {
		if full == nil && len(order) >= a.Limit {
			full = make(map[graph.ID]bool, len(nodes))
			for id := range nodes {
				full[id] = true
			}
		}
		return full
	}
	for d := 0; d < a.Depth && len(frontier) > 0; d++ {
		var next []graph.ID
		// Until limit nodes are in, each node's edges decide which nodes
		// come in, so they are read one node at a time (each a batch of
		// one); from then on every
		// read asks for the edges among the same nodes, and the rest of
		// the level is read at once.
		var rest map[graph.ID][]graph.Edge
		for i, id := range frontier {
			var es []graph.Edge
			switch set := among(); {
			case set == nil:
				// A batch of one: the store keeps batches' answers per
				// snapshot, and a walk asked again starts with this read.
				var one map[graph.ID][]graph.Edge
				one, err = b.sortedEdgesOfMany(ctx, []graph.ID{id}, f, nil)
				es = one[id]
			case rest == nil:
				rest, err = b.sortedEdgesOfMany(ctx, frontier[i:], f, set)
			}
			if err != nil {
				return nil, err
			}
			if rest != nil {
				es = rest[id]
			}
			var others []graph.ID
			for _, e := range es {
				others = append(others, other(e, id))
			}
			if err := l.loadEntities(ctx, others); err != nil {
				return nil, err
			}
			for _, e := range es {
				o := other(e, id)
				if _, ok := nodes[o]; !ok && !rejected[o] {
					if len(order) >= a.Limit {
						truncated = true
						continue
					}
					n, err := b.load(ctx, l, o)
					if err != nil {
						return nil, err
					}
					if n == nil || !f.node(n) {
						rejected[o] = true
						continue
					}
					nodes[o] = n
					order = append(order, o)
					next = append(next, o)
				}
				edges[keyOf(e)] = e
			}
		}
		frontier = next
	}
	// The last level's nodes were not walked: add the edges among them.
	set := make(map[graph.ID]bool, len(nodes))
	for id := range nodes {
		set[id] = true
	}
	last, err := b.sortedEdgesOfMany(ctx, frontier, f, set)
	if err != nil {
		return nil, err
	}
	for _, id := range frontier {
		for _, e := range last[id] {
			if _, ok := nodes[other(e, id)]; ok {
				edges[keyOf(e)] = e
			}
		}
	}
	sg, err := b.assemble(ctx, l, order, nodes, edges)
	if err != nil {
		return nil, err
	}
	sg.truncated = truncated
	return sg, nil
}

func other(e graph.Edge, id graph.ID) graph.ID {
	if e.From == id {
		return e.To
	}
	return e.From
}

// sortedEdgesOfMany returns the edges of each of ids of the allowed types
// whose other end is in among (nil: anywhere), each list in the order the
// walk visits them (see sortWalk), in one store read; a node gone since it
// was reached has none. The store reads only those edges.
func (b *builder) sortedEdgesOfMany(ctx context.Context, ids []graph.ID, f graphFilter, among map[graph.ID]bool) (map[graph.ID][]graph.Edge, error) {
	ef, ok := f.edgeFilter(among)
	if !ok || len(ids) == 0 {
		return map[graph.ID][]graph.Edge{}, nil
	}
	m, err := b.reads(ctx).EdgesOfMany(ctx, ids, ef)
	if err != nil {
		return nil, fmt.Errorf("edges of %d nodes: %w", len(ids), err)
	}
	for id, es := range m {
		sortWalk(es, id)
	}
	return m, nil
}

// edgeFilter is the store's filter for the edges of the allowed types
// whose other end is in among (nil: anywhere); false if no type is
// allowed (an empty Types would allow all).
func (f graphFilter) edgeFilter(among map[graph.ID]bool) (graph.EdgeFilter, bool) {
	ef := graph.EdgeFilter{Types: []graph.EdgeType{}, Others: among}
	for _, t := range graph.EdgeTypes() {
		if f.edgeTypes[t] {
			ef.Types = append(ef.Types, t)
		}
	}
	return ef, len(ef.Types) > 0
}

// sortWalk sorts the edges of id in the order the walk visits them: by
// type, other end, title, meeting.
func sortWalk(es []graph.Edge, id graph.ID) {
	slices.SortFunc(es, func(x, y graph.Edge) int {
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(other(x, id), other(y, id)),
			strings.Compare(x.Title, y.Title), cmp.Compare(x.Meeting, y.Meeting))
	})
}

// overview picks the best-connected nodes the filter passes.
func (b *builder) overview(ctx context.Context, a graphArgs, f graphFilter) (*subgraph, error) {
	known := map[graph.ID]graph.Node{}
	deg := map[graph.ID]int{}
	link := func(t graph.EdgeType, x graph.ID, ys ...graph.ID) {
		if !f.edgeTypes[t] {
			return
		}
		for _, y := range ys {
			if x != 0 && y != 0 {
				deg[x]++
				deg[y]++
			}
		}
	}
	ents, err := b.reads(ctx).Entities(ctx, graph.EntityFilter{})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	for _, e := range ents {
		known[e.ID] = e
	}
	if f.types[ntMeeting] {
		ms, err := b.reads(ctx).Meetings(ctx, graph.MeetingFilter{})
		if err != nil {
			return nil, fmt.Errorf("meetings: %w", err)
		}
		for _, m := range ms {
			known[m.ID] = m
			link(graph.ParticipatedIn, m.ID, m.Participants...)
			link(graph.HeldIn, m.ID, m.Place, m.City)
			link(graph.PartOf, m.ID, m.Event)
			link(graph.MentionedIn, m.ID, m.Sources...)
		}
	}
	if f.types[ntEvent] {
		evs, err := b.reads(ctx).Events(ctx)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		for _, ev := range evs {
			known[ev.ID] = ev
			link(graph.ParticipatedIn, ev.ID, ev.Participants...)
			link(graph.HeldIn, ev.ID, ev.Place)
			link(graph.DisruptedBy, ev.ID, ev.DisruptedBy...)
			link(graph.MentionedIn, ev.ID, ev.Sources...)
		}
	}
	if f.types[ntStatement] {
		sts, err := b.reads(ctx).Statements(ctx, graph.StatementFilter{})
		if err != nil {
			return nil, fmt.Errorf("statements: %w", err)
		}
		for _, st := range sts {
			known[st.ID] = st
			link(graph.Said, st.Speaker, st.ID)
			link(graph.MentionedIn, st.ID, st.Sources...)
		}
	}
	if f.types[ntSource] {
		srcs, err := b.reads(ctx).Sources(ctx)
		if err != nil {
			return nil, fmt.Errorf("sources: %w", err)
		}
		for _, src := range srcs {
			known[src.ID] = src
		}
	}
	ids := make([]graph.ID, 0, len(known))
	for id, n := range known {
		if f.node(n) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(x, y graph.ID) int {
		return cmp.Or(-cmp.Compare(deg[x], deg[y]), cmp.Compare(known[x].NodeKind(), known[y].NodeKind()), cmp.Compare(x, y))
	})
	truncated := len(ids) > a.Limit
	ids = ids[:min(len(ids), a.Limit)]
	chosen := make(map[graph.ID]graph.Node, len(ids))
	for _, id := range ids {
		chosen[id] = known[id]
	}
	edges := map[edgeKey]graph.Edge{}
	set := make(map[graph.ID]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	// Every edge touches an entity, an event or a source (meetings and
	// statements link only to those), so theirs need no lookup.
	var ends []graph.ID
	for _, id := range ids {
		if k := known[id].NodeKind(); k != graph.KindMeeting && k != graph.KindStatement {
			ends = append(ends, id)
		}
	}
	byNode, err := b.sortedEdgesOfMany(ctx, ends, f, set)
	if err != nil {
		return nil, err
	}
	for _, id := range ends {
		for _, e := range byNode[id] {
			_, okf := chosen[e.From]
			_, okt := chosen[e.To]
			if okf && okt {
				edges[keyOf(e)] = e
			}
		}
	}
	sg, err := b.assemble(ctx, loaderFrom(ctx, b.store), ids, chosen, edges)
	if err != nil {
		return nil, err
	}
	sg.truncated = truncated
	return sg, nil
}

// edges returns the edges of id f selects; a node gone since it was listed
// has none.
func (b *builder) edges(ctx context.Context, id graph.ID, f graph.EdgeFilter) ([]graph.Edge, error) {
	es, err := b.reads(ctx).EdgesOf(ctx, id, f)
	if errors.Is(err, graph.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("edges of %s: %w", id, err)
	}
	return es, nil
}

// assemble describes the nodes ids, in that order, and the edges between
// them, sorted.
func (b *builder) assemble(ctx context.Context, l *loader, ids []graph.ID, nodes map[graph.ID]graph.Node, edges map[edgeKey]graph.Edge) (*subgraph, error) {
	var names []graph.ID
	for _, n := range nodes {
		if m, ok := n.(*graph.Meeting); ok {
			names = append(names, m.Participants...)
		}
		if st, ok := n.(*graph.Statement); ok {
			names = append(names, st.Speaker)
		}
	}
	if err := l.loadEntities(ctx, names); err != nil {
		return nil, err
	}
	sg := &subgraph{}
	for _, id := range ids {
		sg.nodes = append(sg.nodes, b.describe(ctx, l, nodes[id]))
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
		sg.edges = append(sg.edges, gedge{from: e.From, to: e.To, fromKind: from.NodeKind(), toKind: to.NodeKind(),
			typ: e.Type, label: label, title: e.Title, meeting: e.Meeting})
	}
	slices.SortFunc(sg.edges, func(x, y gedge) int {
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.typ, y.typ), cmp.Compare(x.to, y.to),
			strings.Compare(x.label, y.label), cmp.Compare(x.meeting, y.meeting))
	})
	return sg, nil
}

// describe labels n: entities and events by name, meetings "A – B, date",
// statements "Speaker: text", shortened, sources by title.
func (b *builder) describe(ctx context.Context, l *loader, n graph.Node) gnode {
	g := gnode{id: n.NodeID(), kind: n.NodeKind(), group: typeOf(n), date: dateOf(n)}
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
		if e, _ := l.entity(ctx, v.Speaker); e != nil {
			g.label = e.Name + ": " + g.label
		}
		if v.Direct {
			g.typ = "DIRECT"
		} else {
			g.typ = "INDIRECT"
		}
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
