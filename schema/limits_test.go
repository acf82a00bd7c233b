package schema

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"

	"github.com/newsgraph/newsgraph/graph"
)

// cost is the estimated cost of q's operation op with vars.
func cost(t testing.TB, ex *Executor, q, op string, vars map[string]any) int {
	t.Helper()
	p := ex.prepare(q)
	if p.errs != nil {
		t.Fatalf("query %s: %v", q, p.errs)
	}
	o := selectOperation(p.doc, op)
	if o == nil {
		t.Fatalf("query %s: no operation %q", q, op)
	}
	return ex.estimateCost(p.doc, o, vars)
}

const headline100 = `{ meetings(participant: "Blinken", first: 100) { edges { node {
    participants { name } date place { name } city { name } sources { url title } } } } }`

func TestCost(t *testing.T) {
	ex := newExec(t, fixture())
	// The subtree of headline's meetings: edges node participants name date
	// place name city name sources url title = 12 fields.
	tests := []struct {
		name  string
		query string
		op    string
		vars  map[string]any
		want  int
	}{
		{"one field", `{ sources { totalCount } }`, "", nil, 1 + 20*1},
		{"headline default page", headline, "", nil, 1 + 20*12},
		{"headline first 100", headline100, "", nil, 1 + 100*12},
		{"first 0", `{ sources(first: 0) { totalCount edges { cursor } } }`, "", nil, 1},
		{"first over max is clamped", `{ sources(first: 5000) { totalCount } }`, "", nil, 1 + 100},
		{"variable", `query($n: Int) { sources(first: $n) { totalCount } }`, "", map[string]any{"n": 7.0}, 1 + 7},
		{"variable as int", `query($n: Int) { sources(first: $n) { totalCount } }`, "", map[string]any{"n": 7}, 1 + 7},
		{"variable default", `query($n: Int = 3) { sources(first: $n) { totalCount } }`, "", nil, 1 + 3},
		{"variable absent", `query($n: Int) { sources(first: $n) { totalCount } }`, "", nil, 1 + 20},
		{"nested connections multiply",
			`{ entities(first: 10) { edges { node { meetings(first: 5) { edges { node { id } } } } } } }`, "", nil,
			1 + 10*(1+1+(1+5*(1+1+1)))},
		{"aliases count apart", `{ a: sources(first: 10) { totalCount } b: sources(first: 10) { totalCount } }`, "", nil, 2 * (1 + 10)},
		{"named fragment expanded",
			`{ entities(first: 10) { edges { node { ...E } } } } fragment E on Entity { name meetings(first: 4) { totalCount } }`, "", nil,
			1 + 10*(1+1+(1+(1+4*1)))},
		{"fragment used twice counts twice",
			`{ a: entity(name: "x") { ...E } b: entity(name: "y") { ...E } } fragment E on Entity { meetings(first: 4) { totalCount } }`, "", nil,
			2 * (1 + (1 + 4))},
		{"inline fragment on interface", `{ node(id: "x") { id ... on Entity { meetings(first: 50) { totalCount } } } }`, "", nil,
			1 + 1 + (1 + 50)},
		{"graph default limit", `{ graph { nodes { id } edges { id } } }`, "", nil, 1 + 200*(2+2)},
		{"graph limit", `{ graph(limit: 1000) { nodes { id label kind type } } }`, "", nil, 1 + 1000*5},
		{"graph limit variable", `query($l: Int) { graph(limit: $l) { nodes { id } } }`, "", map[string]any{"l": 10}, 1 + 10*2},
		{"operation name picks", `query A { sources(first: 1) { totalCount } } query B { sources(first: 2) { totalCount } }`, "B", nil, 1 + 2},
		{"mutation without a Mutation type", `mutation { __typename a { b } }`, "", nil, 3},
		{"introspection plain", `{ __schema { types { name fields { name } } } }`, "", nil, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cost(t, ex, tt.query, tt.op, tt.vars); got != tt.want {
				t.Errorf("cost = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCostLimit(t *testing.T) {
	nested := `{ entities(first: 100) { edges { node { meetings(first: 100) { edges { node {
		participants { meetings(first: 100) { totalCount } } } } } } } } }`
	withVars := `query($n: Int) { entities(first: $n) { edges { node { meetings(first: $n) { edges { node {
		participants { meetings(first: $n) { totalCount } } } } } } } } }`
	// Aliased copies of graph(limit: 1000) with 6 fields cost 6001 each.
	graphs := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, " g%d: graph(limit: 1000) { nodes { id label } edges { id source } }", i)
		}
		return "{" + b.String() + " }"
	}
	tests := []struct {
		name    string
		query   string
		vars    map[string]any
		maxCost int
		wantErr string // "" for none
	}{
		{"headline first 100 passes the default", headline100, nil, 0, ""},
		{"two nested full pages pass the default",
			`{ entities(first: 100) { edges { node { meetings(first: 100) { edges { node { participants { name } } } } } } } }`, nil, 0, ""},
		{"three nested full pages fail the default", nested, nil, 0, "over the limit of 50000"},
		{"variables are resolved", withVars, map[string]any{"n": 100}, 0, "over the limit of 50000"},
		{"same query small pages", withVars, map[string]any{"n": 5}, 0, ""},
		{"eight aliased graphs pass", graphs(8), nil, 0, ""},
		{"nine aliased graphs fail", graphs(9), nil, 0, "estimated at 54009"},
		{"custom limit", headline100, nil, 1000, "query cost is estimated at 1201, over the limit of 1000"},
		{"negative disables", nested, nil, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fixture()
			opt := DefaultOptions()
			opt.MaxCost = tt.maxCost
			ex, err := New(s, opt)
			if err != nil {
				t.Fatal(err)
			}
			res := ex.Do(context.Background(), Request{Query: tt.query, Variables: tt.vars})
			var msgs []string
			for _, e := range res.Errors {
				msgs = append(msgs, e.Message)
			}
			got := strings.Join(msgs, "\n")
			if tt.wantErr == "" {
				if len(msgs) > 0 {
					t.Errorf("errors = %q", msgs)
				}
				return
			}
			if !strings.Contains(got, tt.wantErr) || !strings.Contains(got, "query cost is estimated at") {
				t.Errorf("errors = %q, want one containing %q", msgs, tt.wantErr)
			}
			if res.Data != nil {
				t.Errorf("rejected query has data %v", res.Data)
			}
			if n := s.Calls("Meetings") + s.Calls("MeetingsPage") + s.Calls("Entities") + s.Calls("Edges") + s.Calls("EdgesOf") + s.Calls("EdgesOfMany"); n != 0 {
				t.Errorf("rejected query made %d store calls", n)
			}
		})
	}
}

// A fragment cycle is a validation error, caught before graphql-go's
// overlapping-fields rule, which would recurse on it until the process dies;
// the depth and cost walks never see it, and would stop at it anyway.
func TestCostFragmentCycle(t *testing.T) {
	ex := newExec(t, fixture())
	q := `{ entity(name: "x") { ...A } } fragment A on Entity { name ...B } fragment B on Entity { meetings { edges { node { id } } } ...A }`
	for name, q := range map[string]string{
		"self":             `{ entity(name: "x") { ...A } } fragment A on Entity { name ...A }`,
		"two":              q,
		"through a field":  `{ entity(name: "x") { ...A } } fragment A on Entity { meetings { edges { node { participants { ...A } } } } }`,
		"through inline":   `{ entity(name: "x") { ...A } } fragment A on Entity { ... on Entity { ...A } }`,
		"unused":           `{ sources { totalCount } } fragment A on Entity { ...A }`,
		"on the root type": `{ ...Q } fragment Q on Query { sources { totalCount } ...Q }`,
	} {
		t.Run(name, func(t *testing.T) {
			done := make(chan []string, 1)
			go func() { done <- runErr(t, ex, q) }()
			select {
			case msgs := <-done:
				if len(msgs) == 0 || !strings.Contains(strings.Join(msgs, " "), "Cannot spread fragment") {
					t.Errorf("errors = %q, want a fragment cycle error", msgs)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("fragment cycle did not terminate")
			}
		})
	}
	// The walker itself stops at a cycle, should validation ever let one by.
	p, err := parseOnly(q)
	if err != nil {
		t.Fatal(err)
	}
	if c := ex.estimateCost(p, selectOperation(p, ""), nil); c != 1+1+(1+20*3) {
		t.Errorf("cost of cyclic document = %d", c)
	}
	// A fragment bomb (each fragment spreads the previous one twice) is
	// memoized: linear time, saturated cost.
	var b strings.Builder
	b.WriteString(`{ entity(name: "x") { ...F40 } } fragment F0 on Entity { name }`)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, " fragment F%d on Entity { ...F%d ... on Entity { ...F%d } }", i, i-1, i-1)
	}
	p, err = parseOnly(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if c := ex.estimateCost(p, selectOperation(p, ""), nil); c != costCap {
		t.Errorf("fragment bomb cost = %d, want the cap %d", c, costCap)
	}
}

func parseOnly(q string) (*ast.Document, error) {
	return parser.Parse(parser.ParseParams{Source: q})
}

func TestMaxNodes(t *testing.T) {
	q := `{ meetings(first: 100) { edges { node { participants { name } place { name } sources { title } } } } }`
	// Per meeting: edge, node, 2 participants, place, source = 6; plus the
	// connection: 1 + 6n.
	tests := []struct {
		name     string
		meetings int
		maxNodes int
		wantErr  bool
	}{
		{"under", 50, 1 + 6*50, false},
		{"over by one", 50, 6 * 50, true},
		{"default allows 100 meetings", 100, 0, false},
		{"negative disables", 100, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := DefaultOptions()
			opt.MaxNodes = tt.maxNodes
			ex, err := New(bigFixture(tt.meetings), opt)
			if err != nil {
				t.Fatal(err)
			}
			res := ex.Do(context.Background(), Request{Query: q})
			if !tt.wantErr {
				if len(res.Errors) > 0 {
					t.Fatalf("errors = %v", res.Errors)
				}
				return
			}
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, fmt.Sprintf("exceeds the limit of %d objects", tt.maxNodes)) {
				t.Errorf("errors = %v, want the object limit", res.Errors)
			}
			if res.Data != nil {
				t.Errorf("aborted response has data")
			}
		})
	}
	if DefaultOptions().MaxNodes != 10_000 || DefaultOptions().MaxCost != 50_000 || DefaultOptions().MaxFields != 500 {
		t.Errorf("defaults = %+v", DefaultOptions())
	}
}

// The object limit also stops a response whose cost estimate is low but
// whose lists are long: sources lists are not connections.
func TestMaxNodesUnpagedLists(t *testing.T) {
	s := fixture()
	e := s.snap.Entities[0]
	for i := range 500 {
		src := &graph.Source{ID: graph.SourceID(fmt.Sprint("x", i)), Key: fmt.Sprint("x", i)}
		s.snap.Sources = append(s.snap.Sources, src)
		e.Sources = append(e.Sources, src.ID)
	}
	opt := DefaultOptions()
	opt.MaxNodes = 100
	ex, err := New(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	res := ex.Do(context.Background(), Request{Query: `{ entity(name: "Blinken") { sources { key } } }`})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "limit of 100 objects") {
		t.Errorf("errors = %v", res.Errors)
	}
}

func TestMaxFieldsAndNesting(t *testing.T) {
	wide := func(n int) string { return "{" + strings.Repeat(" sources { totalCount }", n) + "}" }
	deep := func(n int) string { return strings.Repeat("{ a", n) + strings.Repeat(" }", n) }
	tests := []struct {
		name    string
		query   string
		wantErr string // "" for none
	}{
		{"250 fields", wide(250), ""}, // 500 selections
		{"251 fields", wide(251), "query has 502 fields, over the limit of 500"},
		{"deep brackets", deep(100_000), "deeper than 64 levels"},
		{"deep list value", `{ entity(name: ` + strings.Repeat("[", 65) + strings.Repeat("]", 65) + `) { name } }`, "deeper than 64"},
		{"brackets in strings and comments do not count", `{ entity(name: "` + strings.Repeat("{[(", 100) + `") { name } } # ` + strings.Repeat("{", 100) + "\n" +
			`{ entity(name: """` + strings.Repeat("{", 100) + `\""" still in""") { name } }`, "must be the only defined operation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := newExec(t, fixture())
			start := time.Now()
			msgs := strings.Join(runErr(t, ex, tt.query), "\n")
			if time.Since(start) > 2*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if tt.wantErr == "" {
				if msgs != "" {
					t.Errorf("errors = %q", msgs)
				}
				return
			}
			if !strings.Contains(msgs, tt.wantErr) {
				t.Errorf("errors = %q, want %q", msgs, tt.wantErr)
			}
		})
	}
}

func TestTooDeep(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"{ a { b } }", false},
		{"{{{", true},
		{`"{{{"`, false},
		{`"\"{{{"`, false},
		{"# {{{\n{", false},
		{`"""{{{"""`, false},
		{`"""\"""{{{"""`, false},
		{`"""{{{`, false},
		{"\"unterminated\n{{{", true},
		{"}}}{{{", true},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := TooDeep(tt.q, 2); got != tt.want {
				t.Errorf("TooDeep(%q, 2) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestOperation(t *testing.T) {
	ex := newExec(t, fixture())
	tests := []struct {
		query, op, want, wantErr string
	}{
		{"{ sources { totalCount } }", "", ast.OperationTypeQuery, ""},
		{"query Q { sources { totalCount } }", "Q", ast.OperationTypeQuery, ""},
		{"query A { sources { totalCount } } query B { events { totalCount } }", "B", ast.OperationTypeQuery, ""},
		{"query A { sources { totalCount } } query B { events { totalCount } }", "", "", "no operation name"},
		{"query A { sources { totalCount } }", "Nope", "", `no operation named "Nope"`},
		{"{ sources { totalCount }", "", "", "invalid query"},
		{"{ nosuch }", "", "", "invalid query"},
		{"query ($A:) { sources { totalCount } }", "", "", "could not be validated"}, // the validator panics on it
		// graphql-go validates a mutation on a schema without Mutation type
		// (execution then refuses it): the server must still see a mutation.
		{"mutation { sources { totalCount } }", "", ast.OperationTypeMutation, ""},
		{"query Q { sources { totalCount } } mutation M { sources { totalCount } }", "M", ast.OperationTypeMutation, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.op, func(t *testing.T) {
			got, err := ex.Operation(tt.query, tt.op)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("Operation = %q, %v; want error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Operation = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// slowStore blocks its Meetings and MeetingsPage calls until their context
// is done.
type slowStore struct {
	*fakeStore
	returned chan error
}

func (s *slowStore) Meetings(ctx context.Context, _ graph.MeetingFilter) ([]*graph.Meeting, error) {
	<-ctx.Done()
	s.returned <- ctx.Err()
	return nil, ctx.Err()
}

func (s *slowStore) MeetingsPage(ctx context.Context, f graph.MeetingFilter, _, _ int) ([]*graph.Meeting, int, error) {
	_, err := s.Meetings(ctx, f)
	return nil, 0, err
}

func TestDeadlineReachesStore(t *testing.T) {
	s := &slowStore{fakeStore: fixture(), returned: make(chan error, 1)}
	ex := newExec(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	res := ex.Do(ctx, Request{Query: headline})
	if len(res.Errors) == 0 {
		t.Fatal("no error after the deadline")
	}
	select {
	case err := <-s.returned:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("store returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("store call never returned")
	}
}

// panicStore panics in EntitiesByID, which a resolver thunk calls.
type panicStore struct{ *fakeStore }

func (panicStore) EntitiesByID(context.Context, []graph.ID) (map[graph.ID]*graph.Entity, error) {
	panic("secret detail from deep inside")
}

func TestResolverPanic(t *testing.T) {
	ex := newExec(t, panicStore{fixture()})
	res := ex.Do(context.Background(), Request{Query: headline})
	b, _ := json.Marshal(res)
	if strings.Contains(string(b), "secret") || len(res.Errors) == 0 || res.Errors[0].Message != "internal error" {
		t.Errorf("result = %s", b)
	}
	got := InternalErrors(res)
	if len(got) == 0 || !strings.Contains(got[0].Error(), "secret detail") || !strings.Contains(got[0].Error(), "Meeting.participants") {
		t.Errorf("InternalErrors = %v", got)
	}
}

func TestExecuteAdapter(t *testing.T) {
	ex := newExec(t, fixture())
	var _ interface {
		Execute(context.Context, string, map[string]any, string) *graphql.Result
		Operation(string, string) (string, error)
		InternalErrors(*graphql.Result) []error
	} = ex
	res := ex.Execute(context.Background(), `query Q($n: Int) { sources(first: $n) { totalCount } }`, map[string]any{"n": 1}, "Q")
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
}

func BenchmarkCost(b *testing.B) {
	ex := newExec(b, fixture())
	p := ex.prepare(headline100)
	op := selectOperation(p.doc, "")
	b.ReportAllocs()
	for b.Loop() {
		if ex.estimateCost(p.doc, op, nil) != 1201 {
			b.Fatal("cost")
		}
	}
}

func BenchmarkTooDeep(b *testing.B) {
	q := strings.Repeat(headline100, 10)
	b.SetBytes(int64(len(q)))
	for b.Loop() {
		if TooDeep(q, 64) {
			b.Fatal("deep")
		}
	}
}
