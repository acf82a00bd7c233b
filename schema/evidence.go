package schema

import "github.com/graphql-go/graphql/language/ast"

// selectsEvidence reports whether any operation or fragment of doc selects
// a field named evidence; without one, the store may skip evidence.
func selectsEvidence(doc *ast.Document) bool {
	var walk func(ss *ast.SelectionSet) bool
	walk = func(ss *ast.SelectionSet) bool {
		if ss == nil {
			return false
		}
		for _, sel := range ss.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				if sel.Name != nil && sel.Name.Value == "evidence" || walk(sel.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if walk(sel.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.OperationDefinition:
			if walk(d.SelectionSet) {
				return true
			}
		case *ast.FragmentDefinition:
			if walk(d.SelectionSet) {
				return true
			}
		}
	}
	return false
}
