package schema_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/schema"
)

func ExampleExecutor_Do() {
	ctx := context.Background()
	store, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()
	text := "Ann Lee met Bo Chen in Paris on 3 May 2024."
	ev := []graph.Evidence{{Span: graph.Span{Start: 0, End: len(text)}, Text: text}}
	_, err = store.PutArticle(ctx, &graph.Article{
		Source: graph.Source{Key: "a1", Title: "Talks in Paris"},
		Text:   text,
		Entities: []graph.EntityClaim{
			{Name: "Ann Lee", Type: graph.Person, Evidence: ev},
			{Name: "Bo Chen", Type: graph.Person, Evidence: ev},
			{Name: "Paris", Type: graph.Place, Evidence: ev},
		},
		Meetings: []graph.MeetingClaim{{Participants: []string{"Ann Lee", "Bo Chen"},
			Date: graph.Date{Year: 2024, Month: 5, Day: 3}, City: "Paris", Evidence: ev}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	ex, err := schema.New(store, schema.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	res := ex.Do(ctx, schema.Request{
		Query:     `query($who: String) { meetings(participant: $who) { totalCount edges { node { date city { name } sources { title } } } } }`,
		Variables: map[string]any{"who": "ann lee"},
	})
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
	// Output:
	// {"data":{"meetings":{"edges":[{"node":{"city":{"name":"Paris"},"date":"2024-05-03","sources":[{"title":"Talks in Paris"}]}}],"totalCount":1}}}
}

func ExampleExecutor_Operation() {
	ctx := context.Background()
	store, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()
	ex, err := schema.New(store, schema.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := `query Recent { sources(first: 5) { totalCount } } mutation Fix { __typename }`
	for _, name := range []string{"Recent", "Fix", "", "Other"} {
		op, err := ex.Operation(doc, name)
		fmt.Printf("%q: %q %v\n", name, op, err)
	}
	// Output:
	// "Recent": "query" <nil>
	// "Fix": "mutation" <nil>
	// "": "" several operations and no operation name
	// "Other": "" no operation named "Other"
}
