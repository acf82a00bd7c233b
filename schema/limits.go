package schema

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// The limits of this file and of document.go protect the server from
// expensive queries at each stage: tokens and nesting before parsing (the
// parser recurses per bracket), fields, variables, directives and argument
// values before validation, cost before execution, and objects during it.

// costCap saturates cost arithmetic: far above any limit, far below overflow.
const costCap = 1 << 40

func addCost(a, b int) int { return min(a+b, costCap) }

func mulCost(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > costCap/b {
		return costCap
	}
	return min(a*b, costCap)
}

// nestingLimit is the deepest bracket nesting ({, [, () a query text may
// have before it is parsed: well above anything MaxDepth lets through, and
// low enough that the recursive parser stays cheap.
func nestingLimit(maxDepth int) int { return max(64, 4*maxDepth) }

// TooDeep reports whether the brackets of query nest deeper than limit,
// skipping strings, block strings and comments. It is a lexical scan, not a
// parse: unbalanced brackets are the parser's to report. It guards
// graphql-go's recursive parser, here and in servers that parse queries.
func TooDeep(query string, limit int) bool {
	return scanQuery(query, 0, limit).depth > limit
}

// blockStringEnd returns the index just past the """ that closes a block
// string whose text starts at from; \""" does not close it.
func blockStringEnd(query string, from int) (int, bool) {
	for {
		j := strings.Index(query[from:], `"""`)
		if j < 0 {
			return 0, false
		}
		k := from + j
		if query[k-1] != '\\' {
			return k + 3, true
		}
		from = k + 3
	}
}

// selectOperation returns the operation of doc that graphql-go would run
// for operationName, or nil when it would run none (it then reports why).
func selectOperation(doc *ast.Document, operationName string) *ast.OperationDefinition {
	var found *ast.OperationDefinition
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		if operationName == "" {
			if found != nil {
				return nil // several operations and no name
			}
			found = op
			continue
		}
		if op.Name != nil && op.Name.Value == operationName {
			found = op
		}
	}
	return found
}

// costWalker estimates the cost of an operation from its AST: each field
// costs 1, and the subtree of a field with a size argument (first, last,
// limit) counts once per item it may return. Named and inline fragments are
// expanded where they are used and aliased copies of a field count apart,
// since each is executed.
type costWalker struct {
	schema   *graphql.Schema
	frags    map[string]*ast.FragmentDefinition
	vars     map[string]any
	varDefs  map[string]ast.Value // default values of the operation's variables
	defFirst int                  // page size of a connection without first or last
	maxFirst int
	memo     map[string]int  // fragment name -> cost of its selection set
	active   map[string]bool // fragments being walked: cycles count 0
}

// estimateCost is the cost of op in doc with variables vars.
func (e *Executor) estimateCost(doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) int {
	w := &costWalker{
		schema:   &e.schema,
		frags:    map[string]*ast.FragmentDefinition{},
		vars:     vars,
		varDefs:  map[string]ast.Value{},
		defFirst: min(DefaultFirst, e.opt.MaxFirst),
		maxFirst: e.opt.MaxFirst,
		memo:     map[string]int{},
		active:   map[string]bool{},
	}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			w.frags[f.Name.Value] = f
		}
	}
	for _, vd := range op.VariableDefinitions {
		if vd.Variable != nil && vd.Variable.Name != nil && vd.DefaultValue != nil {
			w.varDefs[vd.Variable.Name.Value] = vd.DefaultValue
		}
	}
	var root *graphql.Object
	switch op.Operation {
	case ast.OperationTypeQuery:
		root = e.schema.QueryType()
	case ast.OperationTypeMutation:
		root = e.schema.MutationType()
	case ast.OperationTypeSubscription:
		root = e.schema.SubscriptionType()
	}
	if root == nil { // execution refuses the operation
		return w.selectionSet(nil, op.SelectionSet)
	}
	return w.selectionSet(root, op.SelectionSet)
}

// selectionSet is the cost of ss selected on parent; a nil parent (below
// an introspection field) makes every field a plain one.
func (w *costWalker) selectionSet(parent graphql.Type, ss *ast.SelectionSet) int {
	if ss == nil {
		return 0
	}
	total := 0
	for _, sel := range ss.Selections {
		switch s := sel.(type) {
		case *ast.Field:
			total = addCost(total, w.field(parent, s))
		case *ast.InlineFragment:
			t := parent
			if s.TypeCondition != nil && s.TypeCondition.Name != nil {
				t = w.schema.Type(s.TypeCondition.Name.Value)
			}
			total = addCost(total, w.selectionSet(t, s.SelectionSet))
		case *ast.FragmentSpread:
			if s.Name != nil {
				total = addCost(total, w.fragment(s.Name.Value))
			}
		}
	}
	return total
}

func (w *costWalker) fragment(name string) int {
	if c, ok := w.memo[name]; ok {
		return c
	}
	f, ok := w.frags[name]
	if !ok || w.active[name] {
		return 0 // validation rejects unknown and cyclic fragments
	}
	w.active[name] = true
	var t graphql.Type
	if f.TypeCondition != nil && f.TypeCondition.Name != nil {
		t = w.schema.Type(f.TypeCondition.Name.Value)
	}
	c := w.selectionSet(t, f.SelectionSet)
	delete(w.active, name)
	w.memo[name] = c
	return c
}

func (w *costWalker) field(parent graphql.Type, f *ast.Field) int {
	var def *graphql.FieldDefinition
	if f.Name != nil {
		switch p := parent.(type) {
		case *graphql.Object:
			if p != nil {
				def = p.Fields()[f.Name.Value]
			}
		case *graphql.Interface:
			if p != nil {
				def = p.Fields()[f.Name.Value]
			}
		}
	}
	if def == nil {
		return addCost(1, w.selectionSet(nil, f.SelectionSet))
	}
	child, _ := graphql.GetNamed(def.Type).(graphql.Type)
	return addCost(1, mulCost(w.multiplier(def, f), w.selectionSet(child, f.SelectionSet)))
}

// multiplier is how many times the subtree of f may be resolved: its first
// or last (else the default page size) for a connection, its limit (else
// the argument's default) for a field with one, 1 for any other field.
// Values are clamped to what the resolvers accept, so that an out-of-range
// argument gets the resolver's precise error rather than a cost error.
func (w *costWalker) multiplier(def *graphql.FieldDefinition, f *ast.Field) int {
	page, limit := false, false
	var limitDefault int
	for _, a := range def.Args {
		switch a.Name() {
		case "first", "last":
			page = true
		case "limit":
			limit = true
			limitDefault, _ = a.DefaultValue.(int)
		}
	}
	switch {
	case page:
		n, found := -1, false
		for _, name := range []string{"first", "last"} {
			if v, ok := w.intArg(f, name); ok {
				n, found = max(n, v), true
			}
		}
		if !found {
			return w.defFirst
		}
		return min(max(n, 0), w.maxFirst)
	case limit:
		n, ok := w.intArg(f, "limit")
		if !ok {
			n = limitDefault
		}
		return min(max(n, 0), maxGraphLimit)
	}
	return 1
}

// intArg is the value of f's integer argument name, literal or variable.
func (w *costWalker) intArg(f *ast.Field, name string) (int, bool) {
	for _, a := range f.Arguments {
		if a.Name == nil || a.Name.Value != name {
			continue
		}
		return w.intValue(a.Value)
	}
	return 0, false
}

func (w *costWalker) intValue(v ast.Value) (int, bool) {
	switch v := v.(type) {
	case *ast.IntValue:
		n, err := strconv.Atoi(v.Value)
		return n, err == nil
	case *ast.Variable:
		if v.Name == nil {
			return 0, false
		}
		if x, ok := w.vars[v.Name.Value]; ok {
			return intOf(x)
		}
		if d, ok := w.varDefs[v.Name.Value]; ok {
			return w.intValue(d)
		}
	}
	return 0, false
}

// intOf reads a variable's value as JSON decoding or Go callers give it.
// Non-integral and out-of-range numbers are not ints: execution rejects them.
func intOf(x any) (int, bool) {
	switch n := x.(type) {
	case int:
		return n, true
	case int32:
		return int(n), true
	case int64:
		if n >= math.MinInt32 && n <= math.MaxInt32 {
			return int(n), true
		}
	case float64:
		if n == math.Trunc(n) && n >= math.MinInt32 && n <= math.MaxInt32 {
			return int(n), true
		}
	case json.Number:
		i, err := n.Int64()
		if err == nil && i >= math.MinInt32 && i <= math.MaxInt32 {
			return int(i), true
		}
	}
	return 0, false
}

// errTooManyNodes is the cause with which a request's context is cancelled
// when its response outgrows MaxNodes.
var errTooManyNodes = errors.New("too many objects in response")

// nodeBudget counts the objects resolved for one request.
type nodeBudget struct {
	n     atomic.Int64
	max   int64
	abort context.CancelCauseFunc
}

// spend counts k objects; beyond the budget it cancels the request.
func (b *nodeBudget) spend(k int) error {
	if b == nil || k == 0 {
		return nil
	}
	if b.n.Add(int64(k)) > b.max {
		b.abort(errTooManyNodes)
		return clientErrorf("response exceeds the limit of %d objects", b.max)
	}
	return nil
}

// objectsIn is how many objects a resolver's value holds: the length of a
// list, 0 for nil, else 1.
func objectsIn(v any) int {
	if v == nil {
		return 0
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return rv.Len()
	case reflect.Pointer, reflect.Interface, reflect.Map:
		if rv.IsNil() {
			return 0
		}
	}
	return 1
}

// returnsObjects reports whether a field of type t resolves to objects
// (possibly in lists): those are what MaxNodes counts.
func returnsObjects(t graphql.Type) bool {
	switch graphql.GetNamed(t).(type) {
	case *graphql.Object, *graphql.Interface, *graphql.Union:
		return true
	}
	return false
}

func costError(cost, limit int) error {
	return clientErrorf("query cost is estimated at %d, over the limit of %d: ask for smaller pages (first, limit) or fewer nested connections", cost, limit)
}
