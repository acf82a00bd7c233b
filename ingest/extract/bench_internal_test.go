package extract

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// The stage benchmarks report words per second over the seed articles and
// the construction passages. The tagger's labels are computed once and
// replayed, so that mention finding is measured without the tagger.

// replayTagger returns labels computed before, by the words of a sentence.
type replayTagger struct {
	inner  Tagger
	labels map[string][]ner.Label
}

func (r *replayTagger) Tag(words []string) []ner.Label {
	k := strings.Join(words, "\x00")
	if l, ok := r.labels[k]; ok {
		return l
	}
	l := r.inner.Tag(words)
	r.labels[k] = l
	return l
}

type benchCorpus struct {
	x     *Extractor
	docs  []*text.Doc
	words int
}

func loadBenchCorpus(b *testing.B) benchCorpus {
	b.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		b.Fatal(err)
	}
	m, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	var raws []source.Raw
	dir := filepath.Join("..", "..", "testdata", "articles")
	err = source.Walk(context.Background(), []string{dir}, source.Options{}, func(r source.Raw) error {
		raws = append(raws, r)
		return nil
	}, func(source.Rejection) {})
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "constructions", "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var cases []struct {
			Name, Published, Text string
		}
		if err := json.Unmarshal(data, &cases); err != nil {
			b.Fatal(err)
		}
		for _, c := range cases {
			raws = append(raws, source.Raw{Key: c.Name, Body: c.Text, Header: source.Header{Title: c.Name, Published: c.Published}})
		}
	}
	c := benchCorpus{x: New(lex, &replayTagger{inner: m, labels: map[string][]ner.Label{}}, Options{})}
	for _, r := range raws {
		d, err := text.Clean(r.Body, r.Header)
		if err != nil {
			continue
		}
		c.docs = append(c.docs, d)
		for _, s := range text.Sentences(d) {
			for _, t := range text.Tokenize(s.Text, s.Span.Start) {
				if t.Kind == text.Word {
					c.words++
				}
			}
		}
	}
	// Warm the replay tagger.
	for _, d := range c.docs {
		if _, err := c.x.analyze(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
	return c
}

func (c benchCorpus) report(b *testing.B) {
	b.ReportMetric(float64(c.words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkMentions measures tokenizing and mention finding (names, titles,
// appositions, gazetteer), the tagger's labels replayed.
func BenchmarkMentions(b *testing.B) {
	c := loadBenchCorpus(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range c.docs {
			if _, err := c.x.analyze(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	c.report(b)
}

// BenchmarkCoref measures clustering mentions into entities: surnames,
// partial names, misspellings, document-level types.
func BenchmarkCoref(b *testing.B) {
	c := loadBenchCorpus(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range c.docs {
			b.StopTimer()
			ad, err := c.x.analyze(ctx, d)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			ad.resolveEntities()
		}
	}
	c.report(b)
}

// BenchmarkStatements measures direct quotes and reported speech on
// resolved entities.
func BenchmarkStatements(b *testing.B) {
	c := loadBenchCorpus(b)
	ctx := context.Background()
	var docs []*doc
	for _, d := range c.docs {
		ad, err := c.x.analyze(ctx, d)
		if err != nil {
			b.Fatal(err)
		}
		ad.resolveEntities()
		docs = append(docs, ad)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			d.statements = d.statements[:0]
			d.findStatements()
		}
	}
	c.report(b)
}

// BenchmarkExtract measures the whole extraction, tagger replayed.
func BenchmarkExtract(b *testing.B) {
	c := loadBenchCorpus(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range c.docs {
			if _, err := c.x.Extract(ctx, d, graph.Source{Key: "bench"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	c.report(b)
}
