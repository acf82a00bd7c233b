package schema

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

const headline = `{ meetings(participant: "Blinken") { edges { node {
    participants { name } date place { name } city { name } sources { url title } } } } }`

func newExec(t testing.TB, s Store) *Executor {
	t.Helper()
	ex, err := New(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// run executes q and decodes its data into out (if not nil); it fails the
// test on errors.
func run(t testing.TB, ex *Executor, q string, vars map[string]any, out any) {
	t.Helper()
	res := ex.Do(context.Background(), Request{Query: q, Variables: vars})
	if len(res.Errors) > 0 {
		t.Fatalf("query %s: errors %v", q, res.Errors)
	}
	if out == nil {
		return
	}
	b, err := json.Marshal(res.Data)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// runErr executes q and returns its error messages.
func runErr(t testing.TB, ex *Executor, q string) []string {
	t.Helper()
	res := ex.Do(context.Background(), Request{Query: q})
	var msgs []string
	for _, e := range res.Errors {
		msgs = append(msgs, e.Message)
	}
	return msgs
}

type named struct {
	Name string `json:"name"`
}

func TestHeadline(t *testing.T) {
	ex := newExec(t, fixture())
	var out struct {
		Meetings struct {
			Edges []struct {
				Node struct {
					Participants []named `json:"participants"`
					Date         string  `json:"date"`
					Place        *named  `json:"place"`
					City         *named  `json:"city"`
					Sources      []struct {
						URL   string `json:"url"`
						Title string `json:"title"`
					} `json:"sources"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"meetings"`
	}
	run(t, ex, headline, nil, &out)
	var got []string
	for _, e := range out.Meetings.Edges {
		n := e.Node
		var names []string
		for _, p := range n.Participants {
			names = append(names, p.Name)
		}
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%d", strings.Join(names, "+"), n.Date, n.Place.Name, n.City.Name, len(n.Sources)))
	}
	want := []string{
		"Antony Blinken+Qin Gang|2023-06-18|Diaoyutai State Guesthouse|Beijing|1",
		"Antony Blinken+Wang Yi|2023-06-19|Diaoyutai State Guesthouse|Beijing|1",
		"Antony Blinken+Xi Jinping|2023-06-19|Great Hall of the People|Beijing|2",
	}
	// Participants come in ID order; compare as sets of names.
	if len(got) != len(want) {
		t.Fatalf("got %d meetings %q, want %d", len(got), got, len(want))
	}
	for i := range want {
		g, w := strings.Split(got[i], "|"), strings.Split(want[i], "|")
		if !sameSet(strings.Split(g[0], "+"), strings.Split(w[0], "+")) || strings.Join(g[1:], "|") != strings.Join(w[1:], "|") {
			t.Errorf("meeting %d = %s, want %s", i, got[i], want[i])
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestNodeRoundTrip(t *testing.T) {
	s := fixture()
	ex := newExec(t, s)
	nodes := []graph.Node{s.snap.Entities[0], s.snap.Meetings[0], s.snap.Events[0], s.snap.Statements[0], s.snap.Sources[0]}
	for _, n := range nodes {
		t.Run(n.NodeKind().String(), func(t *testing.T) {
			id := GlobalID(n.NodeKind(), n.NodeID())
			k, raw, err := ParseGlobalID(id)
			if err != nil || k != n.NodeKind() || raw != n.NodeID() {
				t.Fatalf("ParseGlobalID(%q) = %v, %v, %v", id, k, raw, err)
			}
			var out struct {
				Node struct {
					ID       string `json:"id"`
					Typename string `json:"__typename"`
				} `json:"node"`
			}
			run(t, ex, `query($id: ID!) { node(id: $id) { id __typename } }`, map[string]any{"id": id}, &out)
			if out.Node.ID != id || out.Node.Typename != n.NodeKind().String() {
				t.Errorf("node(%q) = %+v", id, out.Node)
			}
		})
	}
	t.Run("wrong kind", func(t *testing.T) {
		var out struct{ Node *struct{ ID string } }
		id := GlobalID(graph.KindSource, s.snap.Entities[0].ID)
		run(t, ex, fmt.Sprintf(`{ node(id: %q) { id } }`, id), nil, &out)
		if out.Node != nil {
			t.Errorf("node with the wrong kind = %+v, want null", out.Node)
		}
	})
	t.Run("missing", func(t *testing.T) {
		var out struct{ Node *struct{ ID string } }
		run(t, ex, fmt.Sprintf(`{ node(id: %q) { id } }`, GlobalID(graph.KindMeeting, 42)), nil, &out)
		if out.Node != nil {
			t.Errorf("missing node = %+v, want null", out.Node)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		msgs := runErr(t, ex, `{ node(id: "not an id") { id } }`)
		if len(msgs) != 1 || !strings.Contains(msgs[0], "invalid id") {
			t.Errorf("errors = %q, want invalid id", msgs)
		}
	})
}

type page struct {
	Edges []struct {
		Cursor string `json:"cursor"`
	} `json:"edges"`
	PageInfo struct {
		HasNextPage     bool    `json:"hasNextPage"`
		HasPreviousPage bool    `json:"hasPreviousPage"`
		StartCursor     *string `json:"startCursor"`
		EndCursor       *string `json:"endCursor"`
	} `json:"pageInfo"`
	TotalCount int `json:"totalCount"`
}

func TestPagination(t *testing.T) {
	ex := newExec(t, bigFixture(45))
	tests := []struct {
		name     string
		first    string // "" for none
		after    int    // cursor index, -1 for none
		wantLen  int
		wantNext bool
		wantPrev bool
	}{
		{"default page", "", -1, DefaultFirst, true, false},
		{"first 10", "10", -1, 10, true, false},
		{"after 9", "10", 9, 10, true, true},
		{"last partial", "10", 39, 5, false, true},
		{"exactly to the end", "5", 39, 5, false, true},
		{"after the last", "10", 44, 0, false, true},
		{"first 0", "0", -1, 0, true, false},
		{"all", "100", -1, 45, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var args []string
			if tt.first != "" {
				args = append(args, "first: "+tt.first)
			}
			if tt.after >= 0 {
				args = append(args, fmt.Sprintf("after: %q", encodeCursor(tt.after)))
			}
			q := "meetings"
			if len(args) > 0 {
				q += "(" + strings.Join(args, ", ") + ")"
			}
			var out struct{ Meetings page }
			run(t, ex, "{ "+q+" { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }", nil, &out)
			p := out.Meetings
			if len(p.Edges) != tt.wantLen || p.PageInfo.HasNextPage != tt.wantNext || p.PageInfo.HasPreviousPage != tt.wantPrev || p.TotalCount != 45 {
				t.Errorf("%s: %d edges, next %v, prev %v, total %d; want %d, %v, %v, 45",
					q, len(p.Edges), p.PageInfo.HasNextPage, p.PageInfo.HasPreviousPage, p.TotalCount, tt.wantLen, tt.wantNext, tt.wantPrev)
			}
			if len(p.Edges) > 0 && (*p.PageInfo.StartCursor != p.Edges[0].Cursor || *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor) {
				t.Errorf("start/end cursors do not match the edges")
			}
		})
	}
	t.Run("walk", func(t *testing.T) {
		seen, after := 0, ""
		for range 10 {
			var out struct{ Entities page }
			run(t, ex, `query($after: String) { entities(first: 40, after: $after) { edges { cursor } pageInfo { hasNextPage endCursor } totalCount } }`,
				map[string]any{"after": after}, &out)
			seen += len(out.Entities.Edges)
			if !out.Entities.PageInfo.HasNextPage {
				break
			}
			after = *out.Entities.PageInfo.EndCursor
		}
		if seen != 135 {
			t.Errorf("walked %d entities, want 135", seen)
		}
	})
}

func TestArgumentErrors(t *testing.T) {
	ex := newExec(t, fixture())
	tests := []struct{ name, query, want string }{
		{"first too large", `{ meetings(first: 101) { totalCount } }`, `argument "first" must be between 0 and 100`},
		{"first negative", `{ entities(first: -1) { totalCount } }`, `argument "first"`},
		{"nested first too large", `{ entity(name: "Blinken") { meetings(first: 1000) { totalCount } } }`, `argument "first"`},
		{"bad cursor", `{ sources(after: "zzz") { totalCount } }`, `invalid cursor in argument "after"`},
		{"bad date", `{ meetings(from: "2023-13") { totalCount } }`, `"from"`},
		{"bad date variable", `query { meetings(to: "June") { totalCount } }`, `"to"`},
		{"graph depth", `{ graph(center: "Blinken", depth: 5) { nodes { id } } }`, `argument "depth"`},
		{"graph limit", `{ graph(limit: 5000) { nodes { id } } }`, `argument "limit"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := runErr(t, ex, tt.query)
			if len(msgs) == 0 || !strings.Contains(strings.Join(msgs, "\n"), tt.want) {
				t.Errorf("errors = %q, want one containing %q", msgs, tt.want)
			}
		})
	}
}

func TestDateVariable(t *testing.T) {
	ex := newExec(t, fixture())
	res := ex.Do(context.Background(), Request{Query: `query($from: Date) { meetings(from: $from) { totalCount } }`,
		Variables: map[string]any{"from": "2023-02-30"}})
	if len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, "$from") {
		t.Errorf("errors = %v, want one naming $from", res.Errors)
	}
	var out struct{ Meetings page }
	run(t, ex, `query($from: Date) { meetings(from: $from) { totalCount } }`, map[string]any{"from": "2023-06-19"}, &out)
	if out.Meetings.TotalCount != 2 {
		t.Errorf("meetings from 2023-06-19 = %d, want 2", out.Meetings.TotalCount)
	}
}

func TestDepthLimit(t *testing.T) {
	ex := newExec(t, fixture())
	nest := func(n int) string { // n levels of entity -> meetings -> edges -> node -> participants ...
		q := "name"
		for i := 0; i < n; i++ {
			q = "participants { " + q + " }"
			q = "meetings { edges { node { " + q + " } } }"
		}
		return "{ entity(name: \"Blinken\") { " + q + " } }"
	}
	tests := []struct {
		name    string
		query   string
		wantErr bool
	}{
		{"depth 7", nest(1), false},
		{"depth 12", nest(2) /* entity + 2*5 + name */, false},
		{"depth 17", nest(3), true},
		{"fragments count", `{ entity(name: "x") { ...M } } fragment M on Entity { meetings { edges { node { participants { meetings { edges { node { participants { meetings { edges { node { id } } } } } } } } } } } }`, true},
		{"introspection", `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := runErr(t, ex, tt.query)
			gotErr := len(msgs) > 0 && strings.Contains(msgs[0], "exceeds the limit of 12")
			if gotErr != tt.wantErr {
				t.Errorf("errors = %q, want depth error %v", msgs, tt.wantErr)
			}
		})
	}
}

func TestUnknownNames(t *testing.T) {
	ex := newExec(t, fixture())
	tests := []struct{ name, query string }{
		{"participant", `{ meetings(participant: "Nobody At All") { edges { cursor } totalCount pageInfo { hasNextPage } } }`},
		{"with", `{ meetings(participant: "Blinken", with: "Nobody") { edges { cursor } totalCount pageInfo { hasNextPage } } }`},
		{"place", `{ meetings(place: "Atlantis") { edges { cursor } totalCount pageInfo { hasNextPage } } }`},
		{"speaker", `{ statements(speaker: "Nobody") { edges { cursor } totalCount pageInfo { hasNextPage } } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out map[string]page
			run(t, ex, tt.query, nil, &out)
			for _, p := range out {
				if len(p.Edges) != 0 || p.TotalCount != 0 || p.PageInfo.HasNextPage {
					t.Errorf("got %+v, want an empty connection", p)
				}
			}
		})
	}
	var out struct{ Entity *named }
	run(t, ex, `{ entity(name: "Nobody") { name } }`, nil, &out)
	if out.Entity != nil {
		t.Errorf("entity(Nobody) = %+v, want null", out.Entity)
	}
}

func TestFilters(t *testing.T) {
	ex := newExec(t, fixture())
	tests := []struct {
		name  string
		query string
		want  int
	}{
		{"with", `{ x: meetings(participant: "blinken", with: "Xi") { totalCount } }`, 1},
		{"place", `{ x: meetings(place: "Diaoyutai State Guesthouse") { totalCount } }`, 2},
		{"city", `{ x: meetings(place: "Beijing") { totalCount } }`, 3},
		{"to", `{ x: meetings(to: "2023-06-18") { totalCount } }`, 1},
		{"entity meetings with", `{ entity(name: "Xi") { x: meetings(with: "Blinken") { totalCount } } }`, 1},
		{"statements", `{ x: statements(speaker: "Antony Blinken", search: "stabilize") { totalCount } }`, 1},
		{"entities by type", `{ x: entities(type: PLACE) { totalCount } }`, 3},
		{"entities search", `{ x: entities(search: "wang") { totalCount } }`, 1},
		{"events", `{ x: events { totalCount } }`, 2},
		{"sources", `{ x: sources { totalCount } }`, 2},
		{"relations", `{ entity(name: "Blinken") { x: relations(type: AFFILIATED_WITH) { totalCount } } }`, 1},
		{"all relations", `{ entity(name: "Blinken") { x: relations { totalCount } } }`, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ex.Do(context.Background(), Request{Query: tt.query})
			if len(res.Errors) > 0 {
				t.Fatal(res.Errors)
			}
			b, _ := json.Marshal(res.Data)
			if !strings.Contains(string(b), fmt.Sprintf(`"x":{"totalCount":%d}`, tt.want)) {
				t.Errorf("got %s, want totalCount %d", b, tt.want)
			}
		})
	}
}

func TestFields(t *testing.T) {
	ex := newExec(t, fixture())
	q := `{
	  entity(name: "blinken", type: PERSON) { name type aliases
	    relations(type: AFFILIATED_WITH) { edges { node { type title target { __typename ... on Entity { name } } sources { title } } } }
	    statements { edges { node { text direct date speaker { name } } } } }
	  meetings(participant: "Xi") { edges { node { status planned endDate dateText durationMinutes
	    event { name kind disruptedBy { name } } evidence { sentence start end source { title } }
	    conflicts { field values { value sources { title } } } } } }
	  events { edges { node { name disrupted { name } place { name } participants { name } } } }
	}`
	res := ex.Do(context.Background(), Request{Query: q})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	b, _ := json.Marshal(res.Data)
	for _, want := range []string{
		`"aliases":["Blinken"]`, `"type":"PERSON"`,
		`{"sources":[{"title":"Blinken meets Xi"},{"title":"Blinken in Beijing"}],"target":{"__typename":"Entity","name":"State Department"},"title":"Secretary of State","type":"AFFILIATED_WITH"}`,
		`"speaker":{"name":"Antony Blinken"}`, `"planned":false,"status":"HELD"`, `"endDate":null`,
		`"event":{"disruptedBy":[{"name":"balloon incident"}],"kind":"trip","name":"Blinken's trip to China"}`,
		`"evidence":[{"end":24,"sentence":"They met.","source":{"title":"Blinken meets Xi"},"start":15}]`,
		`"conflicts":[{"field":"place","values":[{"sources":[{"title":"Blinken meets Xi"}],"value":"Great Hall of the People"}`,
		`"disrupted":[{"name":"Blinken's trip to China"}]`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("response lacks %s\n%s", want, b)
		}
	}
}

func TestGraph(t *testing.T) {
	ex := newExec(t, fixture())
	type sub struct {
		Graph struct {
			Nodes []struct{ ID, Label, Kind, Type string }           `json:"nodes"`
			Edges []struct{ ID, Source, Target, Type, Label string } `json:"edges"`
		} `json:"graph"`
	}
	tests := []struct {
		name      string
		args      string
		wantNodes int
		wantLabel string
	}{
		{"center depth 1", `center: "Blinken", depth: 1`, 9, "Antony Blinken: We agreed to stabilize the relationship."},
		{"center depth 2", `center: "Blinken"`, 12, "Blinken's trip to China"},
		{"center depth 3", `center: "Blinken", depth: 3`, 14, "Beijing"},
		{"center depth 0", `center: "Blinken", depth: 0`, 1, "Antony Blinken"},
		{"limit", `center: "Blinken", limit: 4`, 4, "Antony Blinken"},
		{"unknown center", `center: "Nobody"`, 0, ""},
		{"overview", ``, 14, "Antony Blinken – Qin Gang, 2023-06-18"},
		{"overview limit", `limit: 1`, 1, "Blinken's trip to China"}, // degree 6
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := "{ graph { nodes { id label kind type } edges { id source target type label } } }"
			if tt.args != "" {
				q = strings.Replace(q, "graph", "graph("+tt.args+")", 1)
			}
			var out sub
			run(t, ex, q, nil, &out)
			g := out.Graph
			ids := map[string]bool{}
			found := tt.wantLabel == ""
			for _, n := range g.Nodes {
				ids[n.ID] = true
				found = found || n.Label == tt.wantLabel
			}
			if len(g.Nodes) != tt.wantNodes || !found {
				t.Errorf("%d nodes %+v; want %d with %q", len(g.Nodes), g.Nodes, tt.wantNodes, tt.wantLabel)
			}
			for _, e := range g.Edges {
				if !ids[e.Source] || !ids[e.Target] {
					t.Errorf("edge %+v points outside the nodes", e)
				}
				if e.Type == "MENTIONED_IN" {
					t.Errorf("edge %+v: sources belong out of the graph", e)
				}
			}
		})
	}
}

func TestLoaderBatching(t *testing.T) {
	q := `{ meetings(first: 100) { edges { node { participants { name sources { title } } place { name } city { name } sources { title } } } } }`
	calls := map[int]map[string]int{}
	for _, n := range []int{5, 50} {
		s := bigFixture(n)
		ex := newExec(t, s)
		var out struct {
			Meetings struct {
				Edges []struct {
					Node struct{ Participants []named } `json:"node"`
				} `json:"edges"`
			} `json:"meetings"`
		}
		run(t, ex, q, nil, &out)
		if len(out.Meetings.Edges) != n || len(out.Meetings.Edges[n-1].Node.Participants) != 2 {
			t.Fatalf("n=%d: got %d meetings", n, len(out.Meetings.Edges))
		}
		calls[n] = map[string]int{"EntitiesByID": s.Calls("EntitiesByID"), "SourcesByID": s.Calls("SourcesByID"), "Node": s.Calls("Node")}
	}
	for _, name := range []string{"EntitiesByID", "SourcesByID", "Node"} {
		// One batch per level of the response that needs the kind: two levels
		// need sources (meetings', then participants').
		if calls[5][name] > 2 || calls[50][name] > 2 {
			t.Errorf("%s calls: %d for 5 meetings, %d for 50; want at most 2", name, calls[5][name], calls[50][name])
		}
	}
	t.Logf("store calls for 50 meetings: %v", calls[50])
}

func TestCache(t *testing.T) {
	s := fixture()
	ex := newExec(t, s)
	for range 3 {
		run(t, ex, headline, nil, nil)
	}
	if hits, misses, n := ex.cache.stats(); hits != 2 || misses != 1 || n != 1 {
		t.Errorf("cache hits %d misses %d size %d; want 2, 1, 1", hits, misses, n)
	}
	// Invalid queries are cached with their errors, so that Operation and
	// Do share the work.
	for range 2 {
		if msgs := runErr(t, ex, `{ nosuchfield }`); len(msgs) != 1 || !strings.Contains(msgs[0], "nosuchfield") {
			t.Errorf("errors = %q", msgs)
		}
	}
	if _, err := ex.Operation(`{ nosuchfield }`, ""); err == nil || !strings.Contains(err.Error(), "nosuchfield") {
		t.Errorf("Operation error = %v", err)
	}
	if hits, _, n := ex.cache.stats(); n != 2 || hits != 4 {
		t.Errorf("cache size %d hits %d after invalid queries, want 2, 4", n, hits)
	}
	// Long queries are not kept.
	runErr(t, ex, "{ sources { totalCount } }"+strings.Repeat(" ", maxCachedQuery))
	if _, _, n := ex.cache.stats(); n != 2 {
		t.Errorf("cache size %d after a long query, want 2", n)
	}

	t.Run("eviction", func(t *testing.T) {
		c := newDocCache(2)
		for _, k := range []string{"a", "b", "a", "c"} { // b is least recently used when c comes
			if _, ok := c.get(k); !ok {
				c.add(k, parsed{})
			}
		}
		_, okA := c.get("a")
		_, okB := c.get("b")
		_, okC := c.get("c")
		if !okA || okB || !okC {
			t.Errorf("after a b a c with size 2: a %v b %v c %v, want true false true", okA, okB, okC)
		}
	})
}

func TestInternalErrors(t *testing.T) {
	s := fixture()
	cause := errors.New("badger: disk on fire")
	s.Hook = func(context.Context, string) error { return cause }
	ex := newExec(t, s)
	res := ex.Do(context.Background(), Request{Query: headline})
	if len(res.Errors) != 1 || res.Errors[0].Message != "internal error" {
		t.Fatalf("errors = %v, want one internal error", res.Errors)
	}
	got := InternalErrors(res)
	if len(got) != 1 || !errors.Is(got[0], cause) {
		t.Errorf("InternalErrors = %v, want the cause", got)
	}
}

func TestCanceled(t *testing.T) {
	ex := newExec(t, fixture())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := ex.Do(ctx, Request{Query: headline})
	if len(res.Errors) == 0 {
		t.Errorf("canceled request gave no error")
	}
}

func TestSchemaRelationTypes(t *testing.T) {
	ex := newExec(t, fixture())
	var out struct {
		Type struct {
			EnumValues []named `json:"enumValues"`
		} `json:"__type"`
	}
	run(t, ex, `{ __type(name: "RelationType") { enumValues { name } } }`, nil, &out)
	var names []string
	for _, v := range out.Type.EnumValues {
		names = append(names, v.Name)
	}
	want := []string{"MET_WITH", "PARTICIPATED_IN", "HELD_IN", "SAID", "DISRUPTED_BY", "AFFILIATED_WITH", "LOCATED_IN", "PART_OF", "MENTIONED_IN"}
	if !sameSet(names, want) {
		t.Errorf("RelationType = %v, want %v", names, want)
	}
}

func BenchmarkMeetingsPage(b *testing.B) {
	ex := newExec(b, bigFixture(100))
	ctx := context.Background()
	q := `{ meetings(first: 100) { edges { node { id participants { name } date place { name } sources { title } } } totalCount } }`
	b.ReportAllocs()
	for b.Loop() {
		if res := ex.Do(ctx, Request{Query: q}); len(res.Errors) > 0 {
			b.Fatal(res.Errors)
		}
	}
}

func BenchmarkParseUncached(b *testing.B) {
	s := fixture()
	ex, err := New(s, Options{CacheSize: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if p := ex.prepare(headline); p.errs != nil {
			b.Fatal(p.errs)
		}
	}
}
