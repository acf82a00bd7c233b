package ingest_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// stageCorpus is testdata/articles after every stage, so each stage can be
// timed alone on the same input. words counts the whitespace-separated
// words of the article bodies: every stage's words/s uses it, so the rates
// compare (and the ms/op of the stages add up to about the extract total).
type stageCorpus struct {
	pipeline *ingest.Pipeline
	raws     []source.Raw
	words    int
	artWords []int          // words of each article
	works    []*ingest.Work // each article after every stage
	arts     []*graph.Article
}

var loadStageCorpus = sync.OnceValues(func() (*stageCorpus, error) {
	ctx := context.Background()
	c := &stageCorpus{}
	var err error
	if c.pipeline, err = ingest.New(ingest.Options{}); err != nil {
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
		w := &ingest.Work{Raw: r}
		for _, st := range ingest.Stages() {
			if err := st.Run(ctx, c.pipeline, w); err != nil {
				return nil, err
			}
		}
		c.works = append(c.works, w)
		c.arts = append(c.arts, w.Article)
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

// BenchmarkStages times each stage of the pipeline (ingest.Stages) alone
// over testdata/articles, in words of article text per second, then the
// whole extraction and the store write. A stage runs on a copy of each
// article's work, whose fields of the stages before it it reads.
func BenchmarkStages(b *testing.B) {
	ctx := context.Background()
	for _, st := range ingest.Stages() {
		b.Run(st.Name, func(b *testing.B) {
			c := stageCorpusFor(b)
			for b.Loop() {
				for _, w := range c.works {
					cp := *w
					if err := st.Run(ctx, c.pipeline, &cp); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportWords(b, c)
		})
	}
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
