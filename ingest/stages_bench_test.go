package ingest_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/text"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// stageCorpus is testdata/articles with every stage's output, so each stage
// can be timed alone on the same input. words counts the whitespace-separated
// words of the article bodies: every stage's words/s uses it, so the rates
// compare (and the ms/op of the stages add up to about the extract total).
type stageCorpus struct {
	pipeline *ingest.Pipeline
	model    *ner.Model
	raws     []source.Raw
	words    int
	artWords []int // words of each article
	docs     []*text.Doc
	sents    [][]text.Sentence
	toks     [][][]string
	arts     []*graph.Article
}

var loadStageCorpus = sync.OnceValues(func() (*stageCorpus, error) {
	ctx := context.Background()
	c := &stageCorpus{}
	var err error
	if c.pipeline, err = ingest.New(ingest.Options{}); err != nil {
		return nil, err
	}
	if c.model, err = ner.Load(); err != nil {
		return nil, err
	}
	err = source.Walk(ctx, []string{"../testdata/articles"}, source.Options{}, func(r source.Raw) error {
		c.raws = append(c.raws, r)
		return nil
	}, func(source.Rejection) {})
	if err != nil {
		return nil, err
	}
	for _, r := range c.raws {
		n := len(strings.Fields(r.Body))
		c.words += n
		c.artWords = append(c.artWords, n)
		d, err := text.Clean(r.Body, r.Header)
		if err != nil {
			return nil, err
		}
		c.docs = append(c.docs, d)
		ss := text.Sentences(d)
		c.sents = append(c.sents, ss)
		var art [][]string
		for _, s := range ss {
			var words []string
			for _, t := range text.Tokenize(s.Text, s.Span.Start) {
				words = append(words, t.Text)
			}
			art = append(art, words)
		}
		c.toks = append(c.toks, art)
		a, err := c.pipeline.Extract(ctx, r)
		if err != nil {
			return nil, err
		}
		c.arts = append(c.arts, a)
	}
	return c, nil
})

func stageCorpusFor(b *testing.B) *stageCorpus {
	b.Helper()
	c, err := loadStageCorpus()
	if err != nil {
		b.Fatal(err)
	}
	if len(c.raws) == 0 {
		b.Fatal("no articles in testdata/articles")
	}
	return c
}

// reportWords reports article words per second and ms per article; one
// op is one pass over every article.
func reportWords(b *testing.B, c *stageCorpus) {
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*c.words)/sec, "words/s")
	b.ReportMetric(1000*sec/float64(b.N*len(c.raws)), "ms/article")
}

// BenchmarkStages times each pipeline stage alone over testdata/articles,
// in words of article text per second.
func BenchmarkStages(b *testing.B) {
	ctx := context.Background()
	b.Run("clean", func(b *testing.B) {
		c := stageCorpusFor(b)
		for b.Loop() {
			for _, r := range c.raws {
				if _, err := text.Clean(r.Body, r.Header); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportWords(b, c)
	})
	b.Run("sentences", func(b *testing.B) {
		c := stageCorpusFor(b)
		for b.Loop() {
			for _, d := range c.docs {
				text.Sentences(d)
			}
		}
		reportWords(b, c)
	})
	b.Run("tokenize", func(b *testing.B) {
		c := stageCorpusFor(b)
		for b.Loop() {
			for _, ss := range c.sents {
				for _, s := range ss {
					text.Tokenize(s.Text, s.Span.Start)
				}
			}
		}
		reportWords(b, c)
	})
	b.Run("ner", func(b *testing.B) {
		c := stageCorpusFor(b)
		for b.Loop() {
			for _, art := range c.toks {
				for _, words := range art {
					c.model.Tag(words)
				}
			}
		}
		reportWords(b, c)
	})
	b.Run("timex", func(b *testing.B) {
		c := stageCorpusFor(b)
		for b.Loop() {
			for i, ss := range c.sents {
				for _, s := range ss {
					timex.Find(s.Text, c.docs[i].Published, timex.Past)
				}
			}
		}
		reportWords(b, c)
	})
	b.Run("extract", func(b *testing.B) {
		c := stageCorpusFor(b)
		for b.Loop() {
			for _, r := range c.raws {
				if _, err := c.pipeline.Extract(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportWords(b, c)
	})
	b.Run("store_write", func(b *testing.B) {
		c := stageCorpusFor(b)
		for b.Loop() {
			b.StopTimer()
			st, err := store.Open(ctx, store.Options{InMemory: true})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for _, a := range c.arts {
				if _, err := st.PutArticle(ctx, a); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if err := st.Close(); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		reportWords(b, c)
	})
}

// BenchmarkExtract is the whole extraction of one article (cleanup,
// sentences, tokens, entities, dates, meetings, statements, events), one
// article per op, cycling through testdata/articles.
func BenchmarkExtract(b *testing.B) {
	c := stageCorpusFor(b)
	ctx := context.Background()
	words := 0
	i := 0
	for b.Loop() {
		k := i % len(c.raws)
		if _, err := c.pipeline.Extract(ctx, c.raws[k]); err != nil {
			b.Fatal(err)
		}
		words += c.artWords[k]
		i++
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
}
