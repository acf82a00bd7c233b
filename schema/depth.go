package schema

import (
	"strings"

	"github.com/graphql-go/graphql/language/ast"
)

// queryDepth is the deepest field nesting of any operation in doc: "{ a }"
// has depth 1, "{ a { b } }" 2. Fragments count where they are spread;
// introspection fields count as leaves.
func queryDepth(doc *ast.Document) int {
	frags := map[string]*ast.FragmentDefinition{}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			frags[f.Name.Value] = f
		}
	}
	w := depthWalker{frags: frags, memo: map[string]int{}, active: map[string]bool{}}
	deepest := 0
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			deepest = max(deepest, w.selectionSet(op.SelectionSet))
		}
	}
	return deepest
}

type depthWalker struct {
	frags  map[string]*ast.FragmentDefinition
	memo   map[string]int  // fragment name -> depth of its selection set
	active map[string]bool // fragments being walked, to stop at cycles
}

func (w *depthWalker) selectionSet(ss *ast.SelectionSet) int {
	if ss == nil {
		return 0
	}
	deepest := 0
	for _, sel := range ss.Selections {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			d = 1
			if s.Name == nil || !strings.HasPrefix(s.Name.Value, "__") {
				d += w.selectionSet(s.SelectionSet)
			}
		case *ast.InlineFragment:
			d = w.selectionSet(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Name != nil {
				d = w.fragment(s.Name.Value)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func (w *depthWalker) fragment(name string) int {
	if d, ok := w.memo[name]; ok {
		return d
	}
	f, ok := w.frags[name]
	if !ok || w.active[name] {
		return 0 // validation reports unknown and cyclic fragments
	}
	w.active[name] = true
	d := w.selectionSet(f.SelectionSet)
	delete(w.active, name)
	w.memo[name] = d
	return d
}
