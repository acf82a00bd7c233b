package schema

import (
	"sort"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/location"
)

// The checks of this file bound the work graphql-go does on a document
// before it runs anything: a lexical scan counts tokens and bracket nesting
// before the parser sees the text, and a walk of the parsed document counts
// what validation is slow in (fields, variables, directives, argument
// values) before validation starts. graphql-go's own cost grows faster
// than the document in two places: every error it reports recompiles a
// regular expression and scans the whole text for the error's line
// (language/location.GetLocation), so a document made of thousands of
// small mistakes took minutes; and OverlappingFieldsCanBeMerged compares
// fields pairwise. The first is bypassed by parsing without the source
// (errors then carry byte offsets) and computing every line and column
// from one index of the text (relocate); the second is bounded by
// MaxFields.

// lexStats is what scanQuery finds in a query text.
type lexStats struct {
	tokens int // lexical tokens: names, numbers, strings, punctuators
	depth  int // deepest nesting of {, [ and (
}

// scanQuery counts the tokens and bracket nesting of query, skipping
// whitespace, commas and comments; it stops early once tokens exceeds
// maxTokens or the nesting exceeds maxDepth (a limit <= 0 is no limit).
// It is lexical, not a parse: anything malformed is the parser's to
// report, and an unterminated string ends the scan.
func scanQuery(query string, maxTokens, maxDepth int) lexStats {
	var st lexStats
	depth := 0
	over := func() bool {
		return maxTokens > 0 && st.tokens > maxTokens || maxDepth > 0 && st.depth > maxDepth
	}
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			continue
		case c == '#':
			for i < len(query) && query[i] != '\n' && query[i] != '\r' {
				i++
			}
			continue
		case c == '"':
			st.tokens++
			if len(query)-i >= 3 && query[i:i+3] == `"""` {
				end, ok := blockStringEnd(query, i+3)
				if !ok {
					return st
				}
				i = end - 1
				break
			}
			for i++; i < len(query) && query[i] != '"' && query[i] != '\n'; i++ {
				if query[i] == '\\' {
					i++
				}
			}
		case c == '{' || c == '[' || c == '(':
			st.tokens++
			depth++
			st.depth = max(st.depth, depth)
		case c == '}' || c == ']' || c == ')':
			st.tokens++
			depth = max(depth-1, 0)
		case isNameByte(c) || c == '-' || c >= '0' && c <= '9':
			// A name or a number: one token however long.
			st.tokens++
			for i+1 < len(query) && (isNameByte(query[i+1]) || query[i+1] == '.' || query[i+1] == '+' || query[i+1] == '-') {
				i++
			}
		case c == '.':
			st.tokens++
			for i+1 < len(query) && query[i+1] == '.' {
				i++
			}
		case c >= 0x80:
			// A byte-order mark or any other non-ASCII character outside a
			// string: the parser rejects the latter. Count each rune once.
			st.tokens++
			for i+1 < len(query) && query[i+1]&0xC0 == 0x80 {
				i++
			}
		default:
			st.tokens++ // a punctuator: ! $ & : = @ |, or a stray byte
		}
		if over() {
			return st
		}
	}
	return st
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// census counts what a parsed document spells out. Fragments are counted
// where they are defined, not where they are spread.
type census struct {
	fields     int // fields, fragment spreads and inline fragments
	variables  int // variable definitions, over all operations
	directives int // directives anywhere
	arguments  int // arguments of fields and directives, and every value inside them (list items, object fields) and in variable defaults
}

func countDocument(doc *ast.Document) census {
	var c census
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.OperationDefinition:
			c.variables += len(d.VariableDefinitions)
			for _, vd := range d.VariableDefinitions {
				if vd.DefaultValue != nil {
					c.values(vd.DefaultValue)
				}
			}
			c.directiveList(d.Directives)
			c.selectionSet(d.SelectionSet)
		case *ast.FragmentDefinition:
			c.directiveList(d.Directives)
			c.selectionSet(d.SelectionSet)
		}
	}
	return c
}

func (c *census) selectionSet(ss *ast.SelectionSet) {
	if ss == nil {
		return
	}
	for _, sel := range ss.Selections {
		c.fields++
		switch s := sel.(type) {
		case *ast.Field:
			c.argumentList(s.Arguments)
			c.directiveList(s.Directives)
			c.selectionSet(s.SelectionSet)
		case *ast.InlineFragment:
			c.directiveList(s.Directives)
			c.selectionSet(s.SelectionSet)
		case *ast.FragmentSpread:
			c.directiveList(s.Directives)
		}
	}
}

func (c *census) directiveList(ds []*ast.Directive) {
	c.directives += len(ds)
	for _, d := range ds {
		c.argumentList(d.Arguments)
	}
}

func (c *census) argumentList(as []*ast.Argument) {
	for _, a := range as {
		c.values(a.Value)
	}
}

// values counts v and the values inside it. Their nesting is bounded by
// the lexical scan, so the recursion is too.
func (c *census) values(v ast.Value) {
	c.arguments++
	switch v := v.(type) {
	case *ast.ListValue:
		for _, x := range v.Values {
			c.values(x)
		}
	case *ast.ObjectValue:
		for _, f := range v.Fields {
			c.values(f.Value)
		}
	}
}

// check refuses a document whose census exceeds the limits of opt.
func (c census) check(opt Options) error {
	for _, l := range []struct {
		n, limit int
		what     string
	}{
		{c.fields, opt.MaxFields, "fields"},
		{c.variables, opt.MaxVariables, "variable definitions"},
		{c.directives, opt.MaxDirectives, "directives"},
		{c.arguments, opt.MaxArguments, "argument values"},
	} {
		if l.limit > 0 && l.n > l.limit {
			return clientErrorf("query has %d %s, over the limit of %d", l.n, l.what, l.limit)
		}
	}
	return nil
}

// relocate gives the errors of a document parsed without its source their
// lines and columns in query. Without the source, graphql-go reports each
// position as line 1, column offset+1, which relocate reads back; for an
// error that was on line 1 anyway this changes nothing, so relocating
// twice is harmless. One index of the line starts serves every error.
func relocate(errs []gqlerrors.FormattedError, query string) {
	var starts []int // offsets where lines 2, 3, ... start
	indexed := false
	for i := range errs {
		for j, loc := range errs[i].Locations {
			if loc.Line != 1 || loc.Column < 1 {
				continue
			}
			if !indexed {
				starts, indexed = lineStarts(query), true
			}
			pos := loc.Column - 1
			n := sort.SearchInts(starts, pos+1) // lines starting at or before pos
			line, col := 1+n, pos+1
			if n > 0 {
				col = pos - starts[n-1] + 1
			}
			errs[i].Locations[j] = location.SourceLocation{Line: line, Column: col}
		}
	}
}

// lineStarts returns the offsets just past each line terminator (\r\n, \n
// or \r) of s, as graphql-go counts lines.
func lineStarts(s string) []int {
	var out []int
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			out = append(out, i+1)
		case '\n':
			out = append(out, i+1)
		}
	}
	return out
}

// tokenError is the refusal of a query with too many tokens.
func tokenError(limit int) error {
	return clientErrorf("query has more than %d tokens, over the limit: send a smaller document", limit)
}

// nestingError is the refusal of a query nested too deep.
func nestingError(limit int) error {
	return clientErrorf("query nests brackets deeper than %d levels", limit)
}
