package schema

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// The Badger store is what the schema reads and what the mutations change.
var (
	_ Store   = (*store.Store)(nil)
	_ viewer  = (*store.Store)(nil)
	_ Curator = (*store.Curator)(nil)
)

// TestRealStore runs the headline query, node(id:) and graph over the Badger
// store, to check that the schema reads the store's semantics right.
func TestRealStore(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	article := func(key, text string, with string, day int) *graph.Article {
		ev := []graph.Evidence{{Span: graph.Span{Start: 0, End: len(text)}, Text: text}}
		return &graph.Article{
			Source: graph.Source{Key: key, URL: "https://example.com/" + key, Title: "Article " + key,
				Published: graph.Date{Year: 2023, Month: 6, Day: day}},
			Text: text,
			Entities: []graph.EntityClaim{
				{Name: "Antony Blinken", Type: graph.Person, Aliases: []string{"Blinken"}, Evidence: ev},
				{Name: with, Type: graph.Person, Evidence: ev},
				{Name: "Beijing", Type: graph.Place, Evidence: ev},
			},
			Meetings: []graph.MeetingClaim{{Participants: []string{"Antony Blinken", with},
				Date: graph.Date{Year: 2023, Month: 6, Day: day}, City: "Beijing", Evidence: ev}},
		}
	}
	for _, a := range []*graph.Article{
		article("a1", "Blinken met Xi Jinping in Beijing on June 19.", "Xi Jinping", 19),
		article("a2", "Blinken met Qin Gang in Beijing on June 18.", "Qin Gang", 18),
	} {
		if _, err := s.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	ex := newExec(t, s)
	res := ex.Do(ctx, Request{Query: headline})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	b, _ := json.Marshal(res.Data)
	for _, want := range []string{`"date":"2023-06-18"`, `"date":"2023-06-19"`, `{"name":"Qin Gang"}`, `{"name":"Xi Jinping"}`,
		`"city":{"name":"Beijing"}`, `"sources":[{"title":"Article a1","url":"https://example.com/a1"}]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("headline lacks %s\n%s", want, b)
		}
	}

	var out struct {
		Meetings struct {
			Edges []struct {
				Node struct{ ID string } `json:"node"`
			} `json:"edges"`
		} `json:"meetings"`
	}
	run(t, ex, `{ meetings { edges { node { id } } } }`, nil, &out)
	if len(out.Meetings.Edges) != 2 {
		t.Fatalf("got %d meetings, want 2", len(out.Meetings.Edges))
	}
	var node struct {
		Node struct {
			ID           string  `json:"id"`
			Participants []named `json:"participants"`
		} `json:"node"`
	}
	id := out.Meetings.Edges[0].Node.ID
	run(t, ex, `query($id: ID!) { node(id: $id) { id ... on Meeting { participants { name } } } }`, map[string]any{"id": id}, &node)
	if node.Node.ID != id || len(node.Node.Participants) != 2 {
		t.Errorf("node(%s) = %+v", id, node.Node)
	}

	var g struct {
		Graph struct {
			Nodes []struct{ Label string } `json:"nodes"`
			Edges []struct{ Type string }  `json:"edges"`
		} `json:"graph"`
	}
	run(t, ex, `{ graph(center: "blinken") { nodes { label } edges { type } } }`, nil, &g)
	if len(g.Graph.Nodes) < 4 || len(g.Graph.Edges) == 0 {
		t.Errorf("graph around Blinken: %+v", g.Graph)
	}
	run(t, ex, `{ graph { nodes { label } edges { type } } }`, nil, &g)
	if len(g.Graph.Nodes) < 4 {
		t.Errorf("overview graph: %+v", g.Graph)
	}
	t.Logf("graph: %+v", g.Graph)
}
