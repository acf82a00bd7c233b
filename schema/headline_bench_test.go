package schema_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/schema"
)

// designHeadline is the headline question of DESIGN.md, word for word.
const designHeadline = `{ meetings(participant: "Blinken") { edges { node {
    participants { name } date place { name } city { name } sources { url title } } } } }`

// BenchmarkHeadlineQuery answers the headline question of DESIGN.md through
// the schema, on a store holding testdata/articles.
func BenchmarkHeadlineQuery(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	p, err := ingest.New(ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if rep, err := p.Ingest(ctx, st, []string{filepath.Join("..", "testdata", "articles")}); err != nil || rep.Added == 0 {
		b.Fatalf("ingest: %v %+v", err, rep)
	}
	ex, err := schema.New(st, schema.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	res := ex.Do(ctx, schema.Request{Query: designHeadline})
	if len(res.Errors) > 0 || countMeetings(res.Data) == 0 {
		b.Fatalf("headline query: %d meetings, errors %v", countMeetings(res.Data), res.Errors)
	}
	b.ReportAllocs()
	for b.Loop() {
		if res := ex.Do(ctx, schema.Request{Query: designHeadline}); len(res.Errors) > 0 {
			b.Fatal(res.Errors)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
}

func countMeetings(data any) int {
	m, _ := data.(map[string]any)
	ms, _ := m["meetings"].(map[string]any)
	edges, _ := ms["edges"].([]any)
	return len(edges)
}
