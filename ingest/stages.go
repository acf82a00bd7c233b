package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// Work is one raw article on its way through the Stages.
type Work struct {
	Raw source.Raw
	// Work is extraction's state: the cleaned document and the source
	// ("clean"), then what each stage of extraction adds.
	extract.Work
}

// Stage is one step an article goes through.
type Stage struct {
	Name string
	run  func(ctx context.Context, x *extract.Extractor, w *Work) error
}

// Run runs the stage on w, on which the stages before it have run, with
// the pipeline's extractor.
func (s Stage) Run(ctx context.Context, p *Pipeline, w *Work) error {
	x, err := p.extractor()
	if err != nil {
		return err
	}
	return s.run(ctx, x, w)
}

// Stages are the stages of the pipeline in the order every article goes
// through them, the one list that Pipeline.Extract runs and the benchmarks
// (BenchmarkStages, newsgraph bench) time one by one: "clean" (markup and
// boilerplate out, title and date found, the source described), then
// extraction's stages (extract.Stages: sentences, tokenize, ner, read).
// Ingest then writes the article to the store in one transaction.
func Stages() []Stage {
	out := []Stage{{"clean", clean}}
	for _, st := range extract.Stages() {
		out = append(out, Stage{st.Name, func(ctx context.Context, x *extract.Extractor, w *Work) error {
			return st.Run(ctx, x, &w.Work)
		}})
	}
	return out
}

// clean is the "clean" stage.
func clean(_ context.Context, _ *extract.Extractor, w *Work) error {
	r := w.Raw
	doc, err := text.Clean(r.Body, r.Header)
	if err != nil {
		return err
	}
	if strings.TrimSpace(doc.Text) == "" {
		return fmt.Errorf("%w: nothing left after removing boilerplate", source.ErrNoText)
	}
	w.Doc = doc
	w.Source = graph.Source{
		ID:        graph.SourceID(r.Key),
		Key:       r.Key,
		URL:       r.Header.URL,
		Title:     doc.Title,
		Publisher: r.Header.Publisher,
		Published: doc.Published,
		Hash:      Hash(r),
	}
	return nil
}
