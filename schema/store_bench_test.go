package schema_test

import (
	"context"
	"os"
	"testing"

	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/schema"
)

// The queries of BenchmarkStoreQueries: the headline question and the 2-hop
// graph, both as `newsgraph bench --synthetic` sends them, about $p.
const (
	storeHeadline = `query Headline($p: String!) { meetings(participant: $p) { edges { node {
  participants { name } date place { name } city { name } sources { url title } } } } }`
	storeGraph = `query Graph($p: String!) { graph(center: $p, depth: 2) { nodes { id label kind type } edges { source target type label } } }`
)

// BenchmarkStoreQueries answers the headline question and graph(center,
// depth: 2) through the schema on a store built elsewhere, at the scale that
// store has: NEWSGRAPH_BENCH_DB is its directory (a store that
// `newsgraph bench --synthetic 10000 --keep` left, under db/), and
// NEWSGRAPH_BENCH_PERSON the person asked about (the bench's busiest
// person). Without them it is skipped. With -cpuprofile it is the profile of
// the queries alone.
func BenchmarkStoreQueries(b *testing.B) {
	dir, person := os.Getenv("NEWSGRAPH_BENCH_DB"), os.Getenv("NEWSGRAPH_BENCH_PERSON")
	if dir == "" || person == "" {
		b.Skip("NEWSGRAPH_BENCH_DB and NEWSGRAPH_BENCH_PERSON not set")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ex, err := schema.New(st, schema.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, query string }{{"headline", storeHeadline}, {"graph depth 2", storeGraph}} {
		b.Run(q.name, func(b *testing.B) {
			req := schema.Request{Query: q.query, Variables: map[string]any{"p": person}}
			if res := ex.Do(ctx, req); len(res.Errors) > 0 {
				b.Fatal(res.Errors)
			}
			b.ReportAllocs()
			for b.Loop() {
				if res := ex.Do(ctx, req); len(res.Errors) > 0 {
					b.Fatal(res.Errors)
				}
			}
		})
	}
}
