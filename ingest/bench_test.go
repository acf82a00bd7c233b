package ingest_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
)

const benchArticles = "../testdata/articles"

func benchPipeline(b *testing.B) *ingest.Pipeline {
	b.Helper()
	p, err := ingest.New(ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func memStore(b *testing.B) *store.Store {
	b.Helper()
	st, err := store.Open(context.Background(), store.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// ingestAll ingests testdata/articles into st and checks every article got
// the action want.
func ingestAll(b *testing.B, p *ingest.Pipeline, st *store.Store, want graph.ChangeAction) *ingest.Report {
	b.Helper()
	rep, err := p.Ingest(context.Background(), st, []string{benchArticles})
	if err != nil {
		b.Fatal(err)
	}
	n := rep.Added
	if want == graph.Unchanged {
		n = rep.Unchanged
	}
	if n == 0 || n != len(rep.Changes) || rep.Rejected > 0 {
		b.Fatalf("ingest: %d added, %d unchanged, %d rejected", rep.Added, rep.Unchanged, rep.Rejected)
	}
	return rep
}

// BenchmarkIngest is a first ingest of testdata/articles into an empty
// in-memory store (walk, extract, write); one op is the whole folder.
func BenchmarkIngest(b *testing.B) {
	p := benchPipeline(b)
	articles := 0
	for b.Loop() {
		b.StopTimer()
		st := memStore(b)
		b.StartTimer()
		articles += len(ingestAll(b, p, st, graph.Added).Changes)
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkReingestUnchanged re-ingests testdata/articles into a store that
// already holds them: every article is found unchanged by its hash.
func BenchmarkReingestUnchanged(b *testing.B) {
	p := benchPipeline(b)
	st := memStore(b)
	defer st.Close()
	ingestAll(b, p, st, graph.Added)
	articles := 0
	for b.Loop() {
		articles += len(ingestAll(b, p, st, graph.Unchanged).Changes)
	}
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
}
