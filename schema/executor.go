// Package schema is newsgraph's GraphQL API: the schema of DESIGN.md
// ("GraphQL (stable core)") and its resolvers over the graph store. An
// Executor parses, validates and depth-checks each query once (an LRU keeps
// the result), then runs it with a per-request loader that batches the
// store lookups of each level of the response, so a page of 100 meetings
// costs a handful of store calls, not hundreds.
package schema

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"

	"github.com/newsgraph/newsgraph/graph"
)

// Store is what the schema reads from the graph; *store.Store implements it.
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
	// MeetingsPage returns Meetings(f)[after:][:first] and how many
	// Meetings(f) returns, reading no more than the page needs.
	MeetingsPage(ctx context.Context, f graph.MeetingFilter, after, first int) ([]*graph.Meeting, int, error)
	Statements(ctx context.Context, f graph.StatementFilter) ([]*graph.Statement, error)
	Events(ctx context.Context) ([]*graph.Event, error)
	Sources(ctx context.Context) ([]*graph.Source, error)
	// Edges returns the edges incident to the node with ID id.
	Edges(ctx context.Context, id graph.ID) ([]graph.Edge, error)
	// EdgesOf returns the edges of id that f selects, reading only what
	// they need.
	EdgesOf(ctx context.Context, id graph.ID, f graph.EdgeFilter) ([]graph.Edge, error)
	// EdgesOfMany is EdgesOf of each of ids that exists, in one read.
	EdgesOfMany(ctx context.Context, ids []graph.ID, f graph.EdgeFilter) (map[graph.ID][]graph.Edge, error)
	// SourceText returns the cleaned text of a source, which its evidence
	// spans point into, or an error wrapping graph.ErrNotFound.
	SourceText(ctx context.Context, id graph.ID) (string, error)
}

// viewer is a Store that can serve many reads from one snapshot
// (*store.Store can). Queries read through one view each, so that a write
// between two of their reads does not show half through; mutations read
// the store itself, so that they read what they wrote.
type viewer interface {
	View(opt graph.ReadOptions) graph.View
}

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
	// by query text; 0 disables the cache. Queries longer than 64 KiB are
	// not kept.
	CacheSize int
	// MaxCost is the highest estimated cost of an operation; costlier ones
	// are rejected before execution. The estimate comes from the query and
	// its variables: each field costs 1, and the subtree of a connection
	// counts once per item requested (first, else DefaultFirst), that of
	// graph once per node (limit, else 200); fragments are expanded and
	// aliased copies count apart. Default DefaultMaxCost; negative disables.
	MaxCost int
	// MaxNodes is the most objects (entities, meetings, edges, connections,
	// sources, ...) one response may hold; execution stops with an error when
	// it resolves more. Default DefaultMaxNodes; negative disables.
	MaxNodes int
	// Curator, when set, adds the Mutation type (deleteSource and the
	// corrections) that changes the graph through it.
	Curator Curator
	// MaxFields is the most fields and fragment spreads a query may spell
	// out, counted before validation. Default DefaultMaxFields; negative
	// disables.
	MaxFields int
	// MaxTokens is the most lexical tokens (names, numbers, strings,
	// punctuators) a query text may have, counted before parsing.
	// Default DefaultMaxTokens; negative disables.
	MaxTokens int
	// MaxVariables is the most variable definitions a document may have.
	// Default DefaultMaxVariables; negative disables.
	MaxVariables int
	// MaxDirectives is the most directives (@include, @skip, ...) a
	// document may have. Default DefaultMaxDirectives; negative disables.
	MaxDirectives int
	// MaxArguments is the most argument values a document may have: each
	// argument of a field or directive, each item of a list and each field
	// of an object in them, and each variable's default value.
	// Default DefaultMaxArguments; negative disables.
	MaxArguments int
}

// DefaultFirst is the page size of a connection queried without `first`.
const DefaultFirst = 20

// Default limits of Options.
const (
	// DefaultMaxCost lets through the headline query at first: 100 (cost
	// 1,201), a full page of entities with a full page of meetings each
	// (about 40,000) and graph(limit: 1000) with every field (about 11,000),
	// and rejects three nested full pages (over a million).
	DefaultMaxCost = 50_000
	// DefaultMaxNodes bounds a response to some megabytes of JSON: a
	// hundred meetings with a dozen objects each are about 1,500.
	DefaultMaxNodes = 10_000
	// DefaultMaxFields is about five times GraphiQL's introspection query;
	// validating that many fields takes some tens of milliseconds.
	DefaultMaxFields = 500
	// DefaultMaxTokens is about twenty times GraphiQL's introspection query
	// (some 500 tokens) and lets 500 fields through with their arguments.
	DefaultMaxTokens = 10_000
	// DefaultMaxVariables, DefaultMaxDirectives and DefaultMaxArguments are
	// far above what hand-written or generated queries use, and low enough
	// that validating a document at all the limits takes some milliseconds.
	DefaultMaxVariables  = 100
	DefaultMaxDirectives = 100
	DefaultMaxArguments  = 1_000
)

// DefaultOptions returns MaxFirst 100, MaxDepth 12, CacheSize 256 and the
// Default* limits.
func DefaultOptions() Options {
	return Options{MaxFirst: 100, MaxDepth: 12, CacheSize: 256,
		MaxCost: DefaultMaxCost, MaxNodes: DefaultMaxNodes, MaxFields: DefaultMaxFields,
		MaxTokens: DefaultMaxTokens, MaxVariables: DefaultMaxVariables,
		MaxDirectives: DefaultMaxDirectives, MaxArguments: DefaultMaxArguments}
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
// DefaultOptions values; a negative CacheSize, MaxCost, MaxNodes,
// MaxFields, MaxTokens, MaxVariables, MaxDirectives or MaxArguments
// disables that cache or limit.
func New(store Store, opt Options) (*Executor, error) {
	def := DefaultOptions()
	if opt.MaxFirst <= 0 {
		opt.MaxFirst = def.MaxFirst
	}
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = def.MaxDepth
	}
	if opt.MaxCost == 0 {
		opt.MaxCost = def.MaxCost
	}
	if opt.MaxNodes == 0 {
		opt.MaxNodes = def.MaxNodes
	}
	for _, l := range []struct {
		v   *int
		def int
	}{
		{&opt.MaxFields, def.MaxFields}, {&opt.MaxTokens, def.MaxTokens}, {&opt.MaxVariables, def.MaxVariables},
		{&opt.MaxDirectives, def.MaxDirectives}, {&opt.MaxArguments, def.MaxArguments},
	} {
		if *l.v == 0 {
			*l.v = l.def
		}
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
// Before execution it enforces MaxDepth and MaxCost on the operation to
// run; during it, MaxNodes, and ctx's deadline, which reaches every store
// call and stops resolvers at their next field.
func (e *Executor) Do(ctx context.Context, r Request) *graphql.Result {
	p := e.prepare(r.Query)
	if p.errs != nil {
		return &graphql.Result{Errors: slices.Clone(p.errs)} // callers may append
	}
	if err := ctx.Err(); err != nil {
		// Parsing and validation are bounded, not interruptible: the
		// deadline is checked once they are done.
		return errorResult(safe(err).Error())
	}
	if p.depth > e.opt.MaxDepth {
		return errorResult(fmt.Sprintf("query depth %d exceeds the limit of %d", p.depth, e.opt.MaxDepth))
	}
	op := selectOperation(p.doc, r.OperationName)
	if op != nil && e.opt.MaxCost > 0 {
		if c := e.estimateCost(p.doc, op, r.Variables); c > e.opt.MaxCost {
			return errorResult(costError(c, e.opt.MaxCost).Error())
		}
	}
	reads := e.store
	if op := selectOperation(p.doc, r.OperationName); op != nil && op.Operation == ast.OperationTypeQuery {
		if v, ok := e.store.(viewer); ok {
			// Evidence is most of the stored bytes; a query that shows
			// none reads faster without it.
			view := v.View(graph.ReadOptions{NoEvidence: !selectsEvidence(p.doc)})
			defer view.Close() // after cancel below: in-flight reads stop first
			reads = view
		}
	}
	if op != nil && op.Operation == ast.OperationTypeMutation {
		if n := rootFields(p.doc, op.SelectionSet); n > 1 {
			return errorResult(fmt.Sprintf("a request may run one mutation, not %d: send each in its own request, so that each answer says whether it was applied", n))
		}
		// A mutation waits for its turn and checks its preconditions
		// under ctx's deadline; once it starts writing it finishes, and
		// its answer is resolved, whatever the deadline (see committing).
		ctx = context.WithValue(context.WithoutCancel(ctx), commitKey{}, ctx)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	// graphql-go returns at the deadline and leaves its goroutine running;
	// cancel stops it at its next field, and closing the gate waits for
	// the store calls under way (before view.Close, deferred above).
	g := newGate(reads)
	defer func() {
		cancel(nil)
		g.close(errGateClosed)
	}()
	l := newLoader(g)
	if e.opt.MaxNodes > 0 {
		l.budget = &nodeBudget{max: int64(e.opt.MaxNodes), abort: cancel}
	}
	res := graphql.Execute(graphql.ExecuteParams{
		Schema:        e.schema,
		AST:           p.doc,
		OperationName: r.OperationName,
		Args:          r.Variables,
		Context:       withLoader(ctx, l),
	})
	if errors.Is(context.Cause(ctx), errTooManyNodes) {
		return errorResult(fmt.Sprintf("response exceeds the limit of %d objects: ask for smaller pages or fewer fields", e.opt.MaxNodes))
	}
	relocate(res.Errors, r.Query)
	return res
}

// commitKey is the context key of the deadline a mutation's writes obey
// until they commit.
type commitKey struct{}

// committing returns the context a mutation resolver gives the Curator:
// the request's own, with its deadline, which the Curator obeys until the
// mutation commits and then ignores. Outside a mutation it returns ctx.
func committing(ctx context.Context) context.Context {
	if c, ok := ctx.Value(commitKey{}).(context.Context); ok {
		return c
	}
	return ctx
}

// rootFields counts the fields ss selects, through fragments, leaving out
// introspection (__typename).
func rootFields(doc *ast.Document, ss *ast.SelectionSet) int {
	frags := map[string]*ast.FragmentDefinition{}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			frags[f.Name.Value] = f
		}
	}
	seen := map[string]bool{}
	var count func(ss *ast.SelectionSet) int
	count = func(ss *ast.SelectionSet) int {
		if ss == nil {
			return 0
		}
		n := 0
		for _, sel := range ss.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name != nil && !strings.HasPrefix(s.Name.Value, "__") {
					n++
				}
			case *ast.InlineFragment:
				n += count(s.SelectionSet)
			case *ast.FragmentSpread:
				if s.Name != nil && !seen[s.Name.Value] {
					seen[s.Name.Value] = true // validation refused cycles
					if f := frags[s.Name.Value]; f != nil {
						n += count(f.SelectionSet)
					}
				}
			}
		}
		return n
	}
	return count(ss)
}

// Execute runs a request given by its parts, as server.Executor asks.
func (e *Executor) Execute(ctx context.Context, query string, variables map[string]any, operationName string) *graphql.Result {
	return e.Do(ctx, Request{Query: query, Variables: variables, OperationName: operationName})
}

// InternalErrors is the package function InternalErrors, for callers that
// hold the Executor only through an interface (server logs these causes).
func (e *Executor) InternalErrors(r *graphql.Result) []error { return InternalErrors(r) }

// Operation returns the type of the operation a request with query and
// operationName would run: ast.OperationTypeQuery, ast.OperationTypeMutation
// or ast.OperationTypeSubscription ("query", "mutation", "subscription").
// It parses and validates the query as Do does, through the same cache, so
// the answer is the one Do acts on; when Do would run nothing (syntax or
// validation errors, a name that names no operation, several operations
// and no name) it returns an error saying why.
func (e *Executor) Operation(query, operationName string) (string, error) {
	p := e.prepare(query)
	if p.errs != nil {
		return "", fmt.Errorf("invalid query: %s", p.errs[0].Message)
	}
	op := selectOperation(p.doc, operationName)
	if op == nil {
		if operationName != "" {
			return "", fmt.Errorf("no operation named %q", operationName)
		}
		return "", errors.New("several operations and no operation name")
	}
	return op.Operation, nil
}

func errorResult(msg string) *graphql.Result {
	return &graphql.Result{Errors: []gqlerrors.FormattedError{gqlerrors.NewFormattedError(msg)}}
}

// maxCachedQuery is the longest query text the cache keeps: longer ones are
// rare, and keeping them would let a client fill memory.
const maxCachedQuery = 64 << 10

// prepare parses and validates query, or takes the result from the cache.
// It does what graphql.Do does before graphql.Execute, minus extensions,
// which the schema has none of, plus the checks that keep parsing and
// validation cheap: bracket nesting before parsing, the number of fields
// before validation. Failures are cached too, so that Operation and Do
// share the work.
func (e *Executor) prepare(query string) parsed {
	if p, ok := e.cache.get(query); ok {
		return p
	}
	p := e.parse(query)
	if len(query) <= maxCachedQuery {
		e.cache.add(query, p)
	}
	return p
}

func (e *Executor) parse(query string) (p parsed) {
	defer func() {
		// graphql-go's validator panics on some documents its parser
		// accepts, such as a variable without a type: "query ($v:) { a }".
		if r := recover(); r != nil {
			p = parsed{errs: []gqlerrors.FormattedError{gqlerrors.NewFormattedError("invalid query: it could not be validated")}}
		}
	}()
	refuse := func(err error) parsed {
		return parsed{errs: []gqlerrors.FormattedError{gqlerrors.NewFormattedError(err.Error())}}
	}
	lim := nestingLimit(e.opt.MaxDepth)
	st := scanQuery(query, e.opt.MaxTokens, lim)
	switch {
	case st.depth > lim:
		return refuse(nestingError(lim))
	case e.opt.MaxTokens > 0 && st.tokens > e.opt.MaxTokens:
		return refuse(tokenError(e.opt.MaxTokens))
	}
	// Without the source, errors carry offsets instead of lines, which
	// graphql-go would find by scanning the whole text once per error;
	// relocate finds them all in one pass.
	src := source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"})
	doc, err := parser.Parse(parser.ParseParams{Source: src, Options: parser.ParseOptions{NoSource: true}})
	if err != nil {
		errs := gqlerrors.FormatErrors(err)
		relocate(errs, query)
		return parsed{errs: errs}
	}
	if err := countDocument(doc).check(e.opt); err != nil {
		return refuse(err)
	}
	// graphql-go's OverlappingFieldsCanBeMerged recurses without end on a
	// fragment cycle, crashing the process with a stack overflow
	// (graphql-go/graphql#742, unfixed in v0.8.1): reject cycles first.
	v := graphql.ValidateDocument(&e.schema, doc, []graphql.ValidationRuleFn{graphql.NoFragmentCyclesRule})
	if v.IsValid {
		v = graphql.ValidateDocument(&e.schema, doc, validationRules)
		if errs := checkOverlaps(&e.schema, doc); len(errs) > 0 {
			v.Errors, v.IsValid = append(v.Errors, errs...), false
		}
	}
	if !v.IsValid {
		relocate(v.Errors, query)
		return parsed{errs: v.Errors}
	}
	return parsed{doc: doc, depth: queryDepth(doc)}
}
