package schema

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// TestMutations runs every mutation against a Badger store with a
// corrections file, and checks the graph and the file after each.
func TestMutations(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	article := func(key, text, a, b string) *graph.Article {
		ev := []graph.Evidence{{Span: graph.Span{Start: 0, End: len(text)}, Text: text}}
		return &graph.Article{
			Source: graph.Source{Key: key, Published: graph.Date{Year: 2024, Month: 3, Day: 5}},
			Text:   text,
			Entities: []graph.EntityClaim{
				{Name: a, Type: graph.Person, Evidence: ev},
				{Name: b, Type: graph.Person, Evidence: ev},
				{Name: "Lagos", Type: graph.Place, Evidence: ev},
			},
			Meetings: []graph.MeetingClaim{{Participants: []string{a, b},
				Date: graph.Date{Year: 2024, Month: 3, Day: 4}, City: "Lagos", Evidence: ev}},
			Statements: []graph.StatementClaim{{Speaker: a, Text: "We agreed on a trade corridor.", Direct: true, Evidence: ev}},
		}
	}
	for _, a := range []*graph.Article{
		article("k1", "Ngozi Adeyemi met Hiroshi Tanaka in Lagos on Monday.", "Ngozi Adeyemi", "Hiroshi Tanaka"),
		article("k2", "Adeyemi Ngozi met Hiroshi Tanaka in Lagos on Monday.", "Adeyemi Ngozi", "Hiroshi Tanaka"),
		article("k3", "Ngozi Adeyemi met Lena Fischer in Lagos on Monday.", "Ngozi Adeyemi", "Lena Fischer"),
	} {
		if _, err := st.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "corrections.json")
	opt := DefaultOptions()
	opt.Curator = store.NewCurator(st, path)
	ex, err := New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	id := func(name string) string {
		es, err := st.LookupEntities(ctx, name, graph.EntityUnknown)
		if err != nil || len(es) == 0 {
			t.Fatalf("no entity %q: %v", name, err)
		}
		return GlobalID(graph.KindEntity, es[0].ID)
	}
	mutate := func(q string, vars map[string]any) map[string]any {
		t.Helper()
		res := ex.Do(ctx, Request{Query: q, Variables: vars})
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %v", q, res.Errors)
		}
		b, _ := json.Marshal(res.Data)
		var out map[string]any
		json.Unmarshal(b, &out)
		return out
	}
	count := func(q string) int {
		t.Helper()
		var out map[string]struct{ TotalCount int }
		run(t, ex, q, nil, &out)
		for _, v := range out {
			return v.TotalCount
		}
		return -1
	}

	// Merge the name written family-name-first into the other.
	oldID := id("Adeyemi Ngozi")
	got := mutate(`mutation($a: ID!, $b: ID!) { mergeEntities(id: $a, into: $b) { op entity { name aliases } sourcesChanged } }`,
		map[string]any{"a": oldID, "b": id("Ngozi Adeyemi")})
	if b, _ := json.Marshal(got); !strings.Contains(string(b), `"aliases":["Adeyemi Ngozi"]`) || !strings.Contains(string(b), `"sourcesChanged":1`) {
		t.Errorf("merge: %s", b)
	}
	if n := count(`{ meetings { totalCount } }`); n != 2 {
		t.Errorf("after the merge %d meetings, want 2 (k1 and k2 report one)", n)
	}
	var node struct {
		Node struct{ Name string } `json:"node"`
	}
	run(t, ex, `query($id: ID!) { node(id: $id) { ... on Entity { name } } }`, map[string]any{"id": oldID}, &node)
	if node.Node.Name != "Ngozi Adeyemi" {
		t.Errorf("node(old id) = %+v, want the survivor", node.Node)
	}
	c, err := store.LoadCorrections(path)
	if err != nil || c.Len() != 1 || c.Corrections[0].Op != graph.OpMerge || c.Corrections[0].Into != "Ngozi Adeyemi" {
		t.Fatalf("corrections file after the merge: %+v, %v", c, err)
	}

	mutate(`mutation($id: ID!) { addAlias(id: $id, alias: "N. Adeyemi") { op } }`, map[string]any{"id": id("Ngozi Adeyemi")})
	if es, _ := st.LookupEntities(ctx, "n adeyemi", graph.EntityUnknown); len(es) != 1 {
		t.Errorf("alias lookup found %d entities", len(es))
	}
	mutate(`mutation($id: ID!) { renameEntity(id: $id, name: "Lena Fischer-Braun") { entity { name } } }`, map[string]any{"id": id("Lena Fischer")})
	mutate(`mutation($id: ID!) { setEntityType(id: $id, type: ORGANIZATION) { entity { type } } }`, map[string]any{"id": id("Hiroshi Tanaka")})
	if es, _ := st.LookupEntities(ctx, "Hiroshi Tanaka", graph.Organization); len(es) != 1 {
		t.Errorf("type change: %d organizations named Hiroshi Tanaka", len(es))
	}

	// Reject the statement, then the meeting of k3, then delete k1.
	var stmts struct {
		Statements struct {
			Edges []struct {
				Node struct{ ID string } `json:"node"`
			} `json:"edges"`
		} `json:"statements"`
	}
	run(t, ex, `{ statements { edges { node { id } } } }`, nil, &stmts)
	if len(stmts.Statements.Edges) != 1 {
		t.Fatalf("statements: %+v", stmts)
	}
	mutate(`mutation($id: ID!) { rejectFact(id: $id) { op } }`, map[string]any{"id": stmts.Statements.Edges[0].Node.ID})
	if n := count(`{ statements { totalCount } }`); n != 0 {
		t.Errorf("%d statements after rejecting the only one", n)
	}
	mutate(`mutation($id: ID!) { rejectEntity(id: $id) { entity { name } } }`, map[string]any{"id": id("Lena Fischer-Braun")})
	if n := count(`{ meetings { totalCount } }`); n != 1 {
		t.Errorf("%d meetings after rejecting a participant of one of two", n)
	}
	got = mutate(`mutation { deleteSource(id: "k1") { key nodesRemoved } }`, nil)
	if b, _ := json.Marshal(got); !strings.Contains(string(b), `"key":"k1"`) {
		t.Errorf("deleteSource: %s", b)
	}
	if n := count(`{ sources { totalCount } }`); n != 2 {
		t.Errorf("%d sources after deleting one of 3", n)
	}
	if err := st.Check(ctx); err != nil {
		t.Error(err)
	}

	// Errors are the client's: unknown source, wrong kind of ID.
	for _, q := range []string{
		`mutation { deleteSource(id: "nope") { key } }`,
		`mutation($id: ID!) { rejectFact(id: $id) { op } }`,
	} {
		res := ex.Do(ctx, Request{Query: q, Variables: map[string]any{"id": id("Ngozi Adeyemi")}})
		if len(res.Errors) == 0 || strings.Contains(res.Errors[0].Message, "internal") {
			t.Errorf("%s: errors %v, want a client error", q, res.Errors)
		}
	}

	// A rebuild from the articles with the file's corrections gives the
	// same graph.
	c, err = store.LoadCorrections(path)
	if err != nil || c.Len() != 6 {
		t.Fatalf("corrections file: %d entries, %v", c.Len(), err)
	}
}
