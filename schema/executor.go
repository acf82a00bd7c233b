// Package schema is newsgraph's GraphQL API: the schema of DESIGN.md
// ("GraphQL (stable core)") and its resolvers over the graph store. An
// Executor parses, validates and depth-checks each query once (an LRU keeps
// the result), then runs it with a per-request loader that batches the
// store lookups of each level of the response, so a page of 100 meetings
// costs a handful of store calls, not hundreds.
package schema

import (
	"context"
	"fmt"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"

	"github.com/newsgraph/newsgraph/graph"
)

// Store is what the schema reads from the graph; *graph.Store implements it.
type Store interface {
	// Node returns the node with ID id, or an error wrapping graph.ErrNotFound.
	Node(ctx context.Context, id graph.ID) (graph.Node, error)
	// EntitiesByID returns the entities among ids that exist.
	EntitiesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error)
	// SourcesByID returns the sources among ids that exist.
	SourcesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error)
	// LookupEntities finds entities by canonical name or alias, any case;
	// t == graph.EntityUnknown matches any type. Most-cited first.
	LookupEntities(ctx context.Context, name string, t graph.EntityType) ([]*graph.Entity, error)
	Entities(ctx context.Context, f graph.EntityFilter) ([]*graph.Entity, error)
	Meetings(ctx context.Context, f graph.MeetingFilter) ([]*graph.Meeting, error)
	Statements(ctx context.Context, f graph.StatementFilter) ([]*graph.Statement, error)
	Events(ctx context.Context) ([]*graph.Event, error)
	Sources(ctx context.Context) ([]*graph.Source, error)
	// Edges returns the edges incident to the node with ID id.
	Edges(ctx context.Context, id graph.ID) ([]graph.Edge, error)
}

var _ Store = (*graph.Store)(nil)

// Options are the limits of an Executor.
type Options struct {
	// MaxFirst is the largest `first` a connection accepts; larger is an
	// error. A connection without `first` returns DefaultFirst items, or
	// MaxFirst if that is smaller.
	MaxFirst int
	// MaxDepth is the deepest selection nesting a query may have; deeper
	// queries are rejected before execution. Introspection fields
	// (__schema, __type) do not count: the schema bounds them.
	MaxDepth int
	// CacheSize is the number of parsed and validated queries kept, keyed
	// by query text; 0 disables the cache.
	CacheSize int
}

// DefaultFirst is the page size of a connection queried without `first`.
const DefaultFirst = 20

// DefaultOptions returns MaxFirst 100, MaxDepth 12 and CacheSize 256.
func DefaultOptions() Options {
	return Options{MaxFirst: 100, MaxDepth: 12, CacheSize: 256}
}

// Request is a GraphQL request as the standard JSON body carries it.
type Request struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

// Executor runs GraphQL requests against a Store. It is safe for
// concurrent use.
type Executor struct {
	store  Store
	opt    Options
	schema graphql.Schema
	cache  *docCache
}

// New builds the schema over store. Zero fields of opt take their
// DefaultOptions values, except CacheSize, where a negative value disables
// the cache.
func New(store Store, opt Options) (*Executor, error) {
	def := DefaultOptions()
	if opt.MaxFirst <= 0 {
		opt.MaxFirst = def.MaxFirst
	}
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = def.MaxDepth
	}
	switch {
	case opt.CacheSize == 0:
		opt.CacheSize = def.CacheSize
	case opt.CacheSize < 0:
		opt.CacheSize = 0
	}
	b := &builder{store: store, opt: opt}
	s, err := b.build()
	if err != nil {
		return nil, fmt.Errorf("build schema: %w", err)
	}
	return &Executor{store: store, opt: opt, schema: s, cache: newDocCache(opt.CacheSize)}, nil
}

// Schema returns the executable schema, e.g. for printing or introspection.
func (e *Executor) Schema() graphql.Schema { return e.schema }

// Do runs r. Errors in the result carry messages safe for clients; the
// causes of internal ones are available to logs through InternalErrors.
func (e *Executor) Do(ctx context.Context, r Request) *graphql.Result {
	p, errs := e.prepare(r.Query)
	if errs != nil {
		return &graphql.Result{Errors: errs}
	}
	if p.depth > e.opt.MaxDepth {
		return &graphql.Result{Errors: []gqlerrors.FormattedError{gqlerrors.NewFormattedError(
			fmt.Sprintf("query depth %d exceeds the limit of %d", p.depth, e.opt.MaxDepth))}}
	}
	ctx = withLoader(ctx, newLoader(e.store))
	return graphql.Execute(graphql.ExecuteParams{
		Schema:        e.schema,
		AST:           p.doc,
		OperationName: r.OperationName,
		Args:          r.Variables,
		Context:       ctx,
	})
}

// prepare parses and validates query, or takes the result from the cache.
// It does what graphql.Do does before graphql.Execute, minus extensions,
// which the schema has none of.
func (e *Executor) prepare(query string) (parsed, []gqlerrors.FormattedError) {
	if p, ok := e.cache.get(query); ok {
		return p, nil
	}
	src := source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"})
	doc, err := parser.Parse(parser.ParseParams{Source: src})
	if err != nil {
		return parsed{}, gqlerrors.FormatErrors(err)
	}
	v := graphql.ValidateDocument(&e.schema, doc, nil)
	if !v.IsValid {
		return parsed{}, v.Errors
	}
	p := parsed{doc: doc, depth: queryDepth(doc)}
	e.cache.add(query, p)
	return p, nil
}
