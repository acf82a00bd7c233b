package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// BenchmarkWalkStatement is one level of a 2-hop walk that meets a
// statement: EdgesOfMany of its speaker and of the statement, with
// evidence, the statement said in n sources. Each read is a new reader
// without the store's shared cache, as the first walk after a write is.
func BenchmarkWalkStatement(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(ctx, Options{InMemory: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ev := []graph.Evidence{{Span: graph.Span{Start: 0, End: 30}, Text: "We will keep working on it."}}
			for i := range n {
				a := &graph.Article{Source: graph.Source{Key: fmt.Sprint("s", i)},
					Entities:   []graph.EntityClaim{{Name: "Ada Quill", Type: graph.Person, Evidence: ev}},
					Statements: []graph.StatementClaim{{Speaker: "Ada Quill", Text: "We will keep working on it.", Direct: true, Evidence: ev}}}
				if _, err := s.PutArticle(ctx, a); err != nil {
					b.Fatal(err)
				}
			}
			speaker := graph.EntityID(graph.Person, "Ada Quill")
			ids := []graph.ID{speaker, graph.StatementID(speaker, "We will keep working on it.")}
			walk := func() int {
				edges := 0
				err := s.db.View(func(txn *badger.Txn) error {
					r := &reader{ctx: ctx, txn: txn, evidence: true,
						entities: map[graph.ID]*graph.Entity{}, series: map[graph.ID][]*resolvedMeeting{}}
					defer r.reuseIterators()()
					for _, id := range ids {
						es, err := r.edgesOf(id, nil, graph.EdgeFilter{})
						if err != nil {
							return err
						}
						edges += len(es)
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				return edges
			}
			if walk() == 0 {
				b.Fatal("no edges")
			}
			b.ReportAllocs()
			for b.Loop() {
				walk()
			}
		})
	}
}
