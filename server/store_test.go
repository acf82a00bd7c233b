package server

import (
	"fmt"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/schema"
)

// newMemStore is a small in-memory schema.Store: n meetings, each between
// two people of its own at a place of its own, reported by a source of its
// own. It is graphtest's Fake (which passes the store's conformance suite):
// its Hook, when set, runs in every call and may block or fail it; Calls
// counts them.
func newMemStore(n int) *graphtest.Fake {
	snap := &graph.Snapshot{}
	for i := range n {
		src := &graph.Source{ID: graph.SourceID(fmt.Sprint("s", i)), Key: fmt.Sprint("s", i),
			URL: fmt.Sprintf("https://example.com/%d", i), Title: fmt.Sprint("Article ", i)}
		snap.Sources = append(snap.Sources, src)
		var ids []graph.ID
		for j, t := range []graph.EntityType{graph.Person, graph.Person, graph.Place} {
			e := &graph.Entity{ID: graph.EntityID(t, fmt.Sprint("e", i, "-", j)), Name: fmt.Sprintf("Entity %d-%d", i, j),
				Type: t, Sources: []graph.ID{src.ID}}
			if i == 0 && j == 0 {
				e.Name, e.Aliases = "Ada Example", []string{"Ada"}
			}
			snap.Entities = append(snap.Entities, e)
			ids = append(ids, e.ID)
		}
		m := &graph.Meeting{ID: graph.NewID(graph.KindMeeting, fmt.Sprint(i)),
			Participants: ids[:2], Place: ids[2], Date: graph.Date{Year: 2023, Month: 1 + i%12, Day: 1 + i%28},
			Sources: []graph.ID{src.ID}}
		snap.Meetings = append(snap.Meetings, m)
		for _, id := range ids {
			snap.Edges = append(snap.Edges, graph.Edge{From: id, To: m.ID, Type: graph.ParticipatedIn, Sources: m.Sources})
		}
	}
	return graphtest.NewFake(snap)
}

// newSchemaExec builds the real executor over s with the default limits.
func newSchemaExec(t testing.TB, s schema.Store) *schema.Executor {
	t.Helper()
	ex, err := schema.New(s, schema.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return ex
}
