package extract_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/text"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	lex, m := loadModels(t)
	return extract.New(lex, m, extract.Options{})
}

// loadModels loads the embedded lexicon and entity model.
func loadModels(t testing.TB) (*lexicon.Lexicon, *ner.Model) {
	t.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	return lex, m
}

func extractFile(t testing.TB, x *extract.Extractor, r source.Raw) *graph.Article {
	t.Helper()
	doc, err := text.Clean(r.Body, r.Header)
	if err != nil {
		t.Fatal(err)
	}
	a, err := x.Extract(context.Background(), doc, graph.Source{Key: r.Key, Published: doc.Published})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestGolden extracts the seed articles and compares with
// testdata/extract/*.golden (go test ./ingest/extract -update rewrites them).
func TestGolden(t *testing.T) {
	x := newExtractor(t)
	dir := filepath.Join("..", "..", "testdata", "articles")
	var raws []source.Raw
	err := source.Walk(context.Background(), []string{dir}, source.Options{}, func(r source.Raw) error {
		raws = append(raws, r)
		return nil
	}, func(r source.Rejection) { t.Errorf("rejected %v", r) })
	if err != nil {
		t.Fatal(err)
	}
	if len(raws) == 0 {
		t.Fatal("no articles")
	}
	for _, r := range raws {
		t.Run(r.Key, func(t *testing.T) {
			a := extractFile(t, x, r)
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			for _, ev := range allEvidence(a) {
				if a.Text[ev.Span.Start:ev.Span.End] != ev.Text {
					t.Errorf("evidence %v does not match the text: %q", ev.Span, ev.Text)
				}
			}
			path := filepath.Join("..", "..", "testdata", "extract", strings.TrimSuffix(filepath.Base(r.Key), ".txt")+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(want) != string(got) {
				t.Errorf("extraction of %s differs from %s; run go test ./ingest/extract -update and review the diff", r.Key, path)
			}
		})
	}
}

func allEvidence(a *graph.Article) []graph.Evidence {
	var out []graph.Evidence
	for _, e := range a.Entities {
		out = append(out, e.Evidence...)
	}
	for _, m := range a.Meetings {
		out = append(out, m.Evidence...)
	}
	for _, s := range a.Statements {
		out = append(out, s.Evidence...)
	}
	for _, e := range a.Events {
		out = append(out, e.Evidence...)
	}
	for _, r := range a.Relations {
		out = append(out, r.Evidence...)
	}
	return out
}
