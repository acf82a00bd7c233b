package schema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// validationRules are graphql-go's specified rules but one:
// OverlappingFieldsCanBeMerged compares the fields of a selection set
// pairwise and reports every conflicting pair, so 250 aliases of one name
// took over a second. checkOverlaps does its job in one pass.
var validationRules = []graphql.ValidationRuleFn{
	graphql.ArgumentsOfCorrectTypeRule,
	graphql.DefaultValuesOfCorrectTypeRule,
	graphql.FieldsOnCorrectTypeRule,
	graphql.FragmentsOnCompositeTypesRule,
	graphql.KnownArgumentNamesRule,
	graphql.KnownDirectivesRule,
	graphql.KnownFragmentNamesRule,
	graphql.KnownTypeNamesRule,
	graphql.LoneAnonymousOperationRule,
	graphql.NoFragmentCyclesRule,
	graphql.NoUndefinedVariablesRule,
	graphql.NoUnusedFragmentsRule,
	graphql.NoUnusedVariablesRule,
	graphql.PossibleFragmentSpreadsRule,
	graphql.ProvidedNonNullArgumentsRule,
	graphql.ScalarLeafsRule,
	graphql.UniqueArgumentNamesRule,
	graphql.UniqueFragmentNamesRule,
	graphql.UniqueInputFieldNamesRule,
	graphql.UniqueOperationNamesRule,
	graphql.UniqueVariableNamesRule,
	graphql.VariablesAreInputTypesRule,
	graphql.VariablesInAllowedPositionRule,
}

// maxExpandedFields bounds the fields checkOverlaps visits with fragments
// expanded where they are spread: a document that expands to more is
// refused (its cost would be far over any MaxCost anyway).
const maxExpandedFields = 100_000

// checkOverlaps enforces what OverlappingFieldsCanBeMerged does: fields
// of one selection set (fragments included) with the same response name
// must be the same field with the same arguments, unless they belong to
// different object types, and their sub-selections are checked together.
// Each response name is compared with its first field only, and reported
// once, so the work is linear in the expanded document. It runs on
// documents without fragment cycles (validation refused those).
func checkOverlaps(s *graphql.Schema, doc *ast.Document) []gqlerrors.FormattedError {
	c := &overlapChecker{schema: s, frags: map[string]*ast.FragmentDefinition{}, active: map[string]bool{}}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			c.frags[f.Name.Value] = f
		}
	}
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		var root graphql.Type // nil, not a nil *Object, when the schema has none
		switch {
		case op.Operation == ast.OperationTypeQuery && s.QueryType() != nil:
			root = s.QueryType()
		case op.Operation == ast.OperationTypeMutation && s.MutationType() != nil:
			root = s.MutationType()
		}
		c.check(root, []*ast.SelectionSet{op.SelectionSet})
		if c.visits > maxExpandedFields {
			return []gqlerrors.FormattedError{gqlerrors.NewFormattedError(
				fmt.Sprintf("query expands to more than %d fields with its fragments: ask for less", maxExpandedFields))}
		}
	}
	return c.errs
}

type overlapChecker struct {
	schema *graphql.Schema
	frags  map[string]*ast.FragmentDefinition
	active map[string]bool // fragments being expanded
	visits int
	errs   []gqlerrors.FormattedError
}

// selected is a field with the type it is selected on.
type selected struct {
	field  *ast.Field
	parent graphql.Type // nil when unknown (validation reports it)
}

// check checks the fields of sets, selected on parent, and then the
// sub-selections of each response name together.
func (c *overlapChecker) check(parent graphql.Type, sets []*ast.SelectionSet) {
	if c.visits > maxExpandedFields {
		return
	}
	var order []string
	groups := map[string][]selected{}
	var collect func(t graphql.Type, ss *ast.SelectionSet)
	collect = func(t graphql.Type, ss *ast.SelectionSet) {
		if ss == nil {
			return
		}
		for _, sel := range ss.Selections {
			c.visits++
			if c.visits > maxExpandedFields {
				return
			}
			switch s := sel.(type) {
			case *ast.Field:
				k := responseKey(s)
				if _, ok := groups[k]; !ok {
					order = append(order, k)
				}
				groups[k] = append(groups[k], selected{field: s, parent: t})
			case *ast.InlineFragment:
				collect(c.typeOf(t, s.TypeCondition), s.SelectionSet)
			case *ast.FragmentSpread:
				if s.Name == nil || c.active[s.Name.Value] {
					continue
				}
				f := c.frags[s.Name.Value]
				if f == nil {
					continue
				}
				c.active[s.Name.Value] = true
				collect(c.typeOf(t, f.TypeCondition), f.SelectionSet)
				delete(c.active, s.Name.Value)
			}
		}
	}
	for _, ss := range sets {
		collect(parent, ss)
	}
	for _, k := range order {
		g := groups[k]
		c.compare(k, g)
		var subs []*ast.SelectionSet
		var child graphql.Type
		for _, x := range g {
			if x.field.SelectionSet != nil {
				subs = append(subs, x.field.SelectionSet)
			}
			if child == nil {
				child = c.fieldType(x)
			}
		}
		if len(subs) > 0 {
			c.check(child, subs)
		}
	}
}

// compare reports the first field of g that cannot be merged with g[0].
func (c *overlapChecker) compare(key string, g []selected) {
	first := g[0]
	firstDef := c.fieldDef(first)
	for _, x := range g[1:] {
		var why string
		def := c.fieldDef(x)
		switch {
		case firstDef != nil && def != nil && !sameShape(firstDef.Type, def.Type):
			why = fmt.Sprintf("they return conflicting types %v and %v", firstDef.Type, def.Type)
		case differentObjects(first.parent, x.parent):
			continue // never both in one object of the response
		case fieldName(first.field) != fieldName(x.field):
			why = fmt.Sprintf("%s and %s are different fields", fieldName(first.field), fieldName(x.field))
		case printArgs(first.field.Arguments) != printArgs(x.field.Arguments):
			why = "they have differing arguments"
		default:
			continue
		}
		c.errs = append(c.errs, gqlerrors.FormatError(gqlerrors.NewError(
			fmt.Sprintf(`Fields "%s" conflict because %s. Use different aliases on the fields to fetch both if this was intentional.`, key, why),
			[]ast.Node{first.field, x.field}, "", nil, nil, nil)))
		return
	}
}

func (c *overlapChecker) typeOf(t graphql.Type, cond *ast.Named) graphql.Type {
	if cond == nil || cond.Name == nil {
		return t
	}
	return c.schema.Type(cond.Name.Value)
}

// fieldType is the named type x's field returns, or nil if unknown.
func (c *overlapChecker) fieldType(x selected) graphql.Type {
	def := c.fieldDef(x)
	if def == nil {
		return nil
	}
	t, _ := graphql.GetNamed(def.Type).(graphql.Type)
	return t
}

// sameShape reports whether fields of types a and b may share a response
// name: the same list and non-null wrapping, and the same scalar or enum
// at the leaves (object types are compared through their sub-selections).
func sameShape(a, b graphql.Type) bool {
	for {
		na, okA := a.(*graphql.NonNull)
		nb, okB := b.(*graphql.NonNull)
		if okA != okB {
			return false
		}
		if okA {
			a, b = na.OfType, nb.OfType
			continue
		}
		la, okA := a.(*graphql.List)
		lb, okB := b.(*graphql.List)
		if okA != okB {
			return false
		}
		if okA {
			a, b = la.OfType, lb.OfType
			continue
		}
		if graphql.IsLeafType(a) || graphql.IsLeafType(b) {
			return a.Name() == b.Name()
		}
		return true
	}
}

// fieldDef is the definition of x's field, or nil if unknown.
func (c *overlapChecker) fieldDef(x selected) *graphql.FieldDefinition {
	var fields graphql.FieldDefinitionMap
	switch p := x.parent.(type) {
	case *graphql.Object:
		if p == nil {
			return nil
		}
		fields = p.Fields()
	case *graphql.Interface:
		if p == nil {
			return nil
		}
		fields = p.Fields()
	default:
		return nil
	}
	return fields[fieldName(x.field)]
}

func differentObjects(a, b graphql.Type) bool {
	x, okA := a.(*graphql.Object)
	y, okB := b.(*graphql.Object)
	return okA && okB && x != nil && y != nil && x != y
}

func fieldName(f *ast.Field) string {
	if f.Name == nil {
		return ""
	}
	return f.Name.Value
}

func responseKey(f *ast.Field) string {
	if f.Alias != nil && f.Alias.Value != "" {
		return f.Alias.Value
	}
	return fieldName(f)
}

// printArgs writes arguments in a canonical form for comparison.
func printArgs(args []*ast.Argument) string {
	if len(args) == 0 {
		return ""
	}
	var b strings.Builder
	for _, a := range args {
		if a.Name != nil {
			b.WriteString(a.Name.Value)
		}
		b.WriteByte(':')
		printValue(&b, a.Value)
		b.WriteByte(',')
	}
	return b.String()
}

func printValue(b *strings.Builder, v ast.Value) {
	switch v := v.(type) {
	case *ast.Variable:
		b.WriteByte('$')
		if v.Name != nil {
			b.WriteString(v.Name.Value)
		}
	case *ast.StringValue:
		b.WriteString(strconv.Quote(v.Value))
	case *ast.ListValue:
		b.WriteByte('[')
		for _, x := range v.Values {
			printValue(b, x)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case *ast.ObjectValue:
		b.WriteByte('{')
		for _, f := range v.Fields {
			if f.Name != nil {
				b.WriteString(f.Name.Value)
			}
			b.WriteByte(':')
			printValue(b, f.Value)
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case nil:
	default:
		fmt.Fprint(b, v.GetValue())
	}
}
