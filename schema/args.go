package schema

import (
	"github.com/newsgraph/newsgraph/graph"
)

// The typed arguments of the fields. Resolvers decode p.Args into one of
// these first thing; graphql-go has already coerced each value to the Go
// type its GraphQL type parses to (Date -> graph.Date, EntityType ->
// graph.EntityType, RelationType -> graph.EdgeType).

type pageArgs struct {
	First int // items to return
	After int // index of the first item to return
}

type nodeArgs struct{ ID string }

type entityArgs struct {
	Name string
	Type graph.EntityType
}

type entitiesArgs struct {
	Type   graph.EntityType
	Search string
	Page   pageArgs
}

type meetingsArgs struct {
	Participant, With, Place string
	From, To                 graph.Date
	Page                     pageArgs
}

type statementsArgs struct {
	Speaker, Search string
	Page            pageArgs
}

type relationsArgs struct {
	Type graph.EdgeType // EdgeUnknown: any
	Page pageArgs
}

type graphArgs struct {
	Center    string
	Depth     int
	Limit     int
	Types     []nodeType       // nil: every type but SOURCE
	EdgeTypes []graph.EdgeType // nil: every type but MENTIONED_IN
	From, To  graph.Date
}

// argList decodes a list argument of enum values of type T; a missing or
// null argument is nil, an empty list is empty.
func argList[T any](args map[string]any, name string) []T {
	l, ok := args[name].([]any)
	if !ok {
		return nil
	}
	out := make([]T, 0, len(l))
	for _, v := range l {
		if t, ok := v.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

func argString(args map[string]any, name string) string {
	s, _ := args[name].(string)
	return s
}

func argInt(args map[string]any, name string, def int) int {
	if n, ok := args[name].(int); ok {
		return n
	}
	return def
}

func argDate(args map[string]any, name string) graph.Date {
	d, _ := args[name].(graph.Date)
	return d
}

func argEntityType(args map[string]any, name string) graph.EntityType {
	t, _ := args[name].(graph.EntityType)
	return t
}

func argEdgeType(args map[string]any, name string) graph.EdgeType {
	t, _ := args[name].(graph.EdgeType)
	return t
}

// decodePage reads first and after, enforcing 0 <= first <= maxFirst.
func decodePage(args map[string]any, maxFirst int) (pageArgs, error) {
	first := argInt(args, "first", min(DefaultFirst, maxFirst))
	if first < 0 || first > maxFirst {
		return pageArgs{}, clientErrorf("argument \"first\" must be between 0 and %d, got %d", maxFirst, first)
	}
	pa := pageArgs{First: first}
	if c := argString(args, "after"); c != "" {
		i, err := decodeCursor(c)
		if err != nil {
			return pageArgs{}, err
		}
		pa.After = i + 1
	}
	return pa, nil
}

// connection is one page of a list, as every *Connection type serves it.
type connection struct {
	edges   []edge
	total   int
	hasNext bool
	hasPrev bool
}

type edge struct {
	cursor string
	node   any
}

// paginate cuts the page pa out of items.
func paginate[T any](items []T, pa pageArgs) *connection {
	start := min(pa.After, len(items))
	end := min(start+pa.First, len(items))
	return pageConnection(items[start:end], start, len(items))
}

// pageConnection is the connection of page, the items of a list of total
// from the start-th on.
func pageConnection[T any](page []T, start, total int) *connection {
	start = min(start, total)
	c := &connection{total: total, hasNext: start+len(page) < total, hasPrev: start > 0,
		edges: make([]edge, 0, len(page))}
	for i, item := range page {
		c.edges = append(c.edges, edge{cursor: encodeCursor(start + i), node: item})
	}
	return c
}
