package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// Two sources report the same meeting, one of them without the year; the
// store resolves them into one meeting with both sources.
func Example() {
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	for _, a := range []*graph.Article{
		{
			Source:   graph.Source{Key: "a", Hash: "1"},
			Entities: []graph.EntityClaim{{Name: "Ada Lovelace", Type: graph.Person}, {Name: "Charles Babbage", Type: graph.Person}, {Name: "London", Type: graph.Place}},
			Meetings: []graph.MeetingClaim{{Participants: []string{"Ada Lovelace", "Charles Babbage"}, Date: graph.Date{Year: 1833, Month: 6, Day: 5}, City: "London"}},
		},
		{
			Source:   graph.Source{Key: "b", Hash: "2"},
			Entities: []graph.EntityClaim{{Name: "Ada Lovelace", Type: graph.Person, Aliases: []string{"Lovelace"}}, {Name: "Charles Babbage", Type: graph.Person}},
			Meetings: []graph.MeetingClaim{{Participants: []string{"Ada Lovelace", "Charles Babbage"}, Date: graph.Date{Month: 6, Day: 5}}},
		},
	} {
		ch, err := s.PutArticle(ctx, a)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %v: +%d nodes, +%d edges\n", ch.Source, ch.Action, ch.NodesAdded, ch.EdgesAdded)
	}

	ada, _ := s.LookupEntities(ctx, "lovelace", graph.Person)
	ms, _ := s.Meetings(ctx, graph.MeetingFilter{Participants: []graph.ID{ada[0].ID}})
	for _, m := range ms {
		es, _ := s.EntitiesByID(ctx, append(m.Participants, m.City))
		var who []string
		for _, p := range m.Participants {
			who = append(who, es[p].Name)
		}
		slices.Sort(who)
		fmt.Println(m.Date, strings.Join(who, " and "), "in", es[m.City].Name, "from", len(m.Sources), "sources")
	}
	// Output:
	// a added: +4 nodes, +8 edges
	// b added: +0 nodes, +3 edges
	// 1833-06-05 Ada Lovelace and Charles Babbage in London from 2 sources
}
