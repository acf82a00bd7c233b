package schema

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// hostileDoc is a document written to make parsing or validation slow.
type hostileDoc struct {
	name    string
	query   func() string
	wantErr string // a refusal, or "" for a document the limits let through
}

// repeatf writes format n times, with 0, 1, ... n-1 for each %[1]d.
func repeatf(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// hostileDocs are the documents of the attack run of issue 13, and the
// worst ones the default limits let through.
var hostileDocs = []hostileDoc{
	{"30,000 variable definitions", func() string {
		return "query(" + repeatf(30_000, "$v%d: Int ") + ") { sources { totalCount } }"
	}, "over the limit"},
	{"4,000 unused variables", func() string {
		return "query(" + repeatf(4_000, "$v%d: Int ") + ") { sources { totalCount } }"
	}, "over the limit"},
	{"60,000 @include in 1 MiB", func() string {
		return "{ sources { totalCount " + strings.Repeat("@include(if: true) ", 60_000) + "} }"
	}, "over the limit"},
	{"1 MiB of misspelt fields", func() string { return "{ " + strings.Repeat("nope ", 1<<20/5) + "}" }, "over the limit"},
	{"1 MiB in one string", func() string {
		return `{ entity(name: "` + strings.Repeat("x", 1<<20) + `") { name } }`
	}, ""},
	{"1 MiB of comments", func() string { return strings.Repeat("# {{{ $v @x\n", 1<<20/12) + "{ sources { totalCount } }" }, ""},
	{"2,000 duplicate arguments", func() string {
		return "{ sources(" + repeatf(2_000, "first: %d ") + ") { totalCount } }"
	}, "over the limit"},
	{"an object of 3,000 fields", func() string {
		return "{ sources(first: {" + strings.Repeat("a: 1 ", 3_000) + "}) { totalCount } }"
	}, "over the limit"},
	// At the limits: each is refused by validation, with every error.
	{"100 unused variables", func() string {
		return "query(" + repeatf(100, "$v%d: Int ") + ") { sources { totalCount } }"
	}, `Variable "$v99" is never used`},
	{"100 directives on one field", func() string {
		return "{ sources { totalCount " + strings.Repeat("@include(if: 1) ", 100) + "} }"
	}, `Argument "if" has invalid value 1`},
	{"500 misspelt fields", func() string { return "{ " + strings.Repeat("nope ", 500) + "}" }, `Cannot query field "nope"`},
	{"250 same-named fields", func() string { return "{ " + strings.Repeat("a: sources(first: 1) { totalCount } ", 250) + "}" }, ""},
	{"250 conflicting aliases", func() string { return "{ " + repeatf(250, "a: sources(first: %[1]d) { t%[1]d: totalCount } ") + "}" }, "conflict"},
	{"1,000 argument values", func() string {
		return "{ sources(first: [" + strings.Repeat("1 ", 999) + "]) { totalCount } }"
	}, `Argument "first" has invalid value`},
	{"250 fragments spread", func() string {
		return "{" + repeatf(250, " ...F%d") + "}" + repeatf(250, " fragment F%d on Query { __typename }")
	}, ""},
	{"a fragment spread 250 times", func() string {
		return "{ entities { edges { node { " + repeatf(249, "a%d: meetings { ...M } ") + "} } } } fragment M on MeetingConnection { edges { node { date } } }"
	}, "over the limit"},
}

// TestHostileDocuments runs the documents of the attack run (issue 13):
// each must be refused, or answered, with the message expected, and
// quickly. Before the limits on tokens, variables, directives and
// argument values, and before errors were located in one pass, several
// took minutes; the bound here is a watchdog for that, far above the
// milliseconds BenchmarkHostileDocuments measures.
func TestHostileDocuments(t *testing.T) {
	ex := newExec(t, fixture())
	for _, tc := range hostileDocs {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.query()
			done := make(chan string, 1)
			go func() {
				res := ex.Do(context.Background(), Request{Query: q})
				var msgs []string
				for _, e := range res.Errors {
					msgs = append(msgs, e.Message)
				}
				done <- strings.Join(msgs, "\n")
			}()
			select {
			case msgs := <-done:
				if tc.wantErr == "" && msgs != "" || !strings.Contains(msgs, tc.wantErr) {
					t.Errorf("errors = %.300q, want %q", msgs, tc.wantErr)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%d bytes still parsing or validating after 10 s", len(q))
			}
		})
	}
}

// BenchmarkHostileDocuments times parsing and validating each hostile
// document, uncached.
func BenchmarkHostileDocuments(b *testing.B) {
	ex := newExec(b, fixture())
	for _, tc := range hostileDocs {
		q := tc.query()
		b.Run(strings.ReplaceAll(tc.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(q)))
			for b.Loop() {
				ex.parse(q)
			}
		})
	}
}

func TestDocumentLimits(t *testing.T) {
	ex := newExec(t, fixture())
	tests := []struct {
		name, query, wantErr string
	}{
		{"tokens", "{" + strings.Repeat(" a", DefaultMaxTokens) + " }", "more than 10000 tokens"},
		{"variables", "query(" + repeatf(101, "$v%d: Int ") + ") { a }", "query has 101 variable definitions, over the limit of 100"},
		{"directives", "{ a " + strings.Repeat("@skip(if: true) ", 101) + "}", "query has 101 directives, over the limit of 100"},
		{"argument values", "{ a(x: [" + strings.Repeat("1 ", 1000) + "]) }", "query has 1001 argument values, over the limit of 1000"},
		{"fields", "{" + strings.Repeat(" sources { totalCount }", 251) + "}", "query has 502 fields, over the limit of 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := strings.Join(runErr(t, ex, tt.query), "\n")
			if !strings.Contains(msgs, tt.wantErr) {
				t.Errorf("errors = %.200q, want %q", msgs, tt.wantErr)
			}
		})
	}
}

// TestErrorLocations: errors of a document parsed without its source get
// their lines and columns back, in validation and in execution.
func TestErrorLocations(t *testing.T) {
	ex := newExec(t, fixture())
	q := "# comment\r\n{\n  sources { totalCount }\n\n     nope\r  other\n}"
	res := ex.Do(context.Background(), Request{Query: q})
	if len(res.Errors) != 2 {
		t.Fatalf("errors = %v", res.Errors)
	}
	want := [][2]int{{5, 6}, {6, 3}}
	for i, e := range res.Errors {
		if len(e.Locations) != 1 || e.Locations[0].Line != want[i][0] || e.Locations[0].Column != want[i][1] {
			t.Errorf("error %q at %v, want line %d column %d", e.Message, e.Locations, want[i][0], want[i][1])
		}
	}
	// A syntax error is located by the parser itself.
	res = ex.Do(context.Background(), Request{Query: "{\n  sources {\n"})
	if len(res.Errors) != 1 || res.Errors[0].Locations[0].Line != 3 {
		t.Errorf("syntax error at %v", res.Errors)
	}
}

// TestOverlaps: checkOverlaps refuses what graphql-go's
// OverlappingFieldsCanBeMerged refused, once per response name.
func TestOverlaps(t *testing.T) {
	ex := newExec(t, fixture())
	tests := []struct {
		name, query, wantErr string
	}{
		{"same field twice", `{ sources { totalCount } sources { totalCount } }`, ""},
		{"different arguments", `{ a: sources(first: 1) { totalCount } a: sources(first: 2) { totalCount } }`, `Fields "a" conflict because they have differing arguments`},
		{"different fields", `{ x: sources { totalCount } x: events { totalCount } }`, `Fields "x" conflict because sources and events are different fields`},
		{"through a fragment", `{ a: sources(first: 1) { totalCount } ...F } fragment F on Query { a: sources(first: 2) { totalCount } }`, "differing arguments"},
		{"in merged sub-selections", `{ sources { t: totalCount } sources { t: pageInfo { hasNextPage } } }`, `Fields "t" conflict because they return conflicting types Int! and PageInfo!`},
		{"on different object types", `{ node(id: "x") { ... on Entity { n: name } ... on Event { n: name } } }`, ""},
		{"of different types on different objects", `{ node(id: "x") { ... on Entity { n: name } ... on Event { n: kind } } }`, "they return conflicting types String! and String"},
		{"reported once per name", `{ a: sources(first: 1) { totalCount } a: sources(first: 2) { totalCount } a: sources(first: 3) { totalCount } }`, "differing arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var msgs []string
			for _, e := range ex.prepare(tt.query).errs {
				msgs = append(msgs, e.Message)
			}
			joined := strings.Join(msgs, "\n")
			if tt.wantErr == "" && joined != "" || !strings.Contains(joined, tt.wantErr) {
				t.Errorf("errors = %q, want %q", joined, tt.wantErr)
			}
			if tt.wantErr != "" && len(msgs) != 1 {
				t.Errorf("%d errors, want 1: %q", len(msgs), msgs)
			}
		})
	}
}
