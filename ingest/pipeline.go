// Package ingest is newsgraph's pipeline: it reads sources (package source),
// cleans them and splits them into sentences and tokens (package text),
// extracts entities, meetings, statements and events (package extract, with
// the tagger of package ner and the dates of package timex), and writes each
// article to the graph store in one transaction. Articles run in parallel up
// to a cap; the store's content-derived IDs make the result independent of
// order and worker count.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// Version names the extraction's behaviour. It is part of every article's
// hash, so a new version re-extracts articles that did not change.
const Version = "extract/10"

// Store is what the pipeline needs of the graph store.
type Store interface {
	PutArticle(ctx context.Context, a *graph.Article) (graph.Change, error)
	SourceHash(ctx context.Context, key string) (string, error)
}

// Options configure a Pipeline. The zero value is usable.
type Options struct {
	// Workers is the number of articles processed at once; 0 means 4.
	Workers int
	// MaxBytes rejects larger articles; 0 means the source package's default.
	MaxBytes int64
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Progress, when set, receives one line per article as it is stored.
	Progress func(done int, c graph.Change)
	// Rejected, when set, is told of each rejected input as it is found
	// (the Report lists them all at the end), so that progress counts it.
	Rejected func(source.Rejection)
	// Timeout bounds the extraction of one article; 0 means 30s.
	Timeout time.Duration
}

// Pipeline turns sources into graph articles. It is safe for concurrent use.
type Pipeline struct {
	// extractor loads the embedded lexicon and entity model on first use
	// (some hundred milliseconds), so that a re-ingest of unchanged
	// articles, which only reads and hashes them, never pays for it.
	extractor func() (*extract.Extractor, error)
	opt       Options
}

// New returns a Pipeline. The embedded lexicon and entity model load when
// the first article needs extracting.
func New(opt Options) (*Pipeline, error) {
	if opt.Workers <= 0 {
		opt.Workers = 4
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	return &Pipeline{extractor: sync.OnceValues(loadExtractor), opt: opt}, nil
}

func loadExtractor() (*extract.Extractor, error) {
	lex, err := lexicon.Load()
	if err != nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	model, err := ner.Load()
	if err != nil {
		return nil, fmt.Errorf("load entity model: %w", err)
	}
	return extract.New(lex, model, extract.Options{}), nil
}

// Hash is the content hash of a raw article: the extraction version, the
// header and the body with line endings and trailing space normalized.
func Hash(r source.Raw) string {
	h := sha256.New()
	body := strings.ReplaceAll(r.Body, "\r\n", "\n")
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(body), "\n") {
		lines = append(lines, strings.TrimRight(l, " \t"))
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", Version, r.Header.ID, r.Header.URL, r.Header.Title, r.Header.Published, r.Header.Publisher)
	io.WriteString(h, strings.Join(lines, "\n"))
	return hex.EncodeToString(h.Sum(nil))
}

// Extract cleans and extracts one raw article, without storing it.
func (p *Pipeline) Extract(ctx context.Context, r source.Raw) (*graph.Article, error) {
	x, err := p.extractor() // loading the model is not the article's budget
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, p.opt.Timeout)
	defer cancel()
	w := &Work{Raw: r}
	for _, st := range Stages() {
		err := st.run(ctx, x, w)
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
			return nil, fmt.Errorf("extraction exceeded its budget of %s", p.opt.Timeout)
		}
		if err != nil {
			return nil, err
		}
	}
	return w.Article, nil
}

// Report is what an ingest did. The node and edge counts are the sums of
// the articles' Changes: a meeting that two articles of the batch
// re-cluster counts in both; a store.Count over the batch gives exact
// figures (the command line uses one).
type Report struct {
	Added, Updated, Unchanged, Rejected int
	NodesAdded, NodesRemoved            int
	EdgesAdded, EdgesRemoved            int
	Rejections                          []source.Rejection
	Changes                             []graph.Change
	// Time is where the batch's time went.
	Time Timings
}

// Timings split a batch's time by step. The per-article steps are summed
// over the articles, which run several at a time, so together they may
// exceed the batch's wall time; reading the inputs (the walker) is not
// among them.
type Timings struct {
	Hash      time.Duration // hashing an article and reading its stored hash
	Extract   time.Duration // cleaning and extraction
	Store     time.Duration // PutArticle, waiting for the store included
	Reconcile time.Duration // matching name variants after the batch (once)
}

// Ingest reads every path (files, folders, .jsonl, "-") and stores each
// article in its own transaction. Rejected inputs are listed in the report;
// the error is non-nil only when the run as a whole failed (a cancelled
// context, a store that stopped writing).
func (p *Pipeline) Ingest(ctx context.Context, st Store, paths []string) (*Report, error) {
	return p.IngestFrom(ctx, st, func(ctx context.Context, emit func(source.Raw) error, reject func(source.Rejection)) error {
		return source.Walk(ctx, paths, source.Options{MaxBytes: p.opt.MaxBytes, Stdin: p.opt.Stdin}, emit, reject)
	})
}

// IngestRequest ingests the body of a POST /ingest: JSONL records whose
// "key", when present, is the identity the client computed. Rejected
// records are named "-:LINE".
func (p *Pipeline) IngestRequest(ctx context.Context, st Store, body io.Reader) (*Report, error) {
	return p.IngestFrom(ctx, st, func(ctx context.Context, emit func(source.Raw) error, reject func(source.Rejection)) error {
		return source.Walk(ctx, []string{"-"}, source.Options{MaxBytes: p.opt.MaxBytes, Stdin: body, Keyed: true}, emit, reject)
	})
}

// WalkFunc produces a batch's articles, as source.Walk does: it calls emit
// for each article and reject for each unusable input, one at a time, and
// returns an error only when the whole walk stops.
type WalkFunc func(ctx context.Context, emit func(source.Raw) error, reject func(source.Rejection)) error

// IngestFrom is Ingest over the articles walk produces (the body of a
// POST /ingest, for one).
func (p *Pipeline) IngestFrom(ctx context.Context, st Store, walk WalkFunc) (*Report, error) {
	rep := &Report{}
	var mu sync.Mutex
	reject := func(r source.Rejection) {
		mu.Lock()
		rep.Rejected++
		rep.Rejections = append(rep.Rejections, r)
		mu.Unlock()
		if p.opt.Rejected != nil {
			p.opt.Rejected(r)
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(p.opt.Workers + 1) // one for the walker
	done := 0
	record := func(c graph.Change) {
		mu.Lock()
		switch c.Action {
		case graph.Added:
			rep.Added++
		case graph.Updated:
			rep.Updated++
		case graph.Unchanged:
			rep.Unchanged++
		}
		rep.NodesAdded += c.NodesAdded
		rep.NodesRemoved += c.NodesRemoved
		rep.EdgesAdded += c.EdgesAdded
		rep.EdgesRemoved += c.EdgesRemoved
		rep.Changes = append(rep.Changes, c)
		done++
		n := done
		mu.Unlock()
		if p.opt.Progress != nil {
			p.opt.Progress(n, c)
		}
	}
	spent := func(d *time.Duration, since time.Time) {
		mu.Lock()
		*d += time.Since(since)
		mu.Unlock()
	}
	process := func(r source.Raw) error {
		input := r.Path
		if r.Line > 0 {
			input = fmt.Sprintf("%s:%d", r.Path, r.Line)
		}
		t := time.Now()
		old, err := st.SourceHash(gctx, r.Key)
		same := err == nil && old == Hash(r)
		spent(&rep.Time.Hash, t)
		if same {
			record(graph.Change{Source: r.Key, Action: graph.Unchanged})
			return nil
		} else if err != nil && !errors.Is(err, graph.ErrNotFound) {
			return fmt.Errorf("%s: %w", input, err)
		}
		if _, err := p.extractor(); err != nil {
			return err // the embedded model is broken: no article can pass
		}
		t = time.Now()
		a, err := p.Extract(gctx, r)
		spent(&rep.Time.Extract, t)
		if err != nil {
			if gctx.Err() != nil {
				return gctx.Err()
			}
			reject(source.Rejection{Input: input, Err: err})
			return nil
		}
		t = time.Now()
		c, err := st.PutArticle(gctx, a)
		spent(&rep.Time.Store, t)
		if errors.Is(err, graph.ErrInvalidArticle) {
			reject(source.Rejection{Input: input, Err: err})
			return nil
		}
		if err != nil {
			return fmt.Errorf("store %s: %w", input, err)
		}
		record(c)
		return nil
	}
	g.Go(func() error {
		return walk(gctx, func(r source.Raw) error {
			g.Go(func() error { return process(r) })
			return gctx.Err()
		}, reject)
	})
	if err := g.Wait(); err != nil {
		return rep, err
	}
	if rc, ok := st.(Reconciler); ok {
		// Across the batch, the same person may be spelt two ways.
		t := time.Now()
		_, err := rc.Reconcile(ctx)
		rep.Time.Reconcile = time.Since(t)
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// Reconciler is a Store that merges, after a batch, the spelling variants
// of names across articles (*store.Store does).
type Reconciler interface {
	Reconcile(ctx context.Context) (graph.CorrectionsResult, error)
}
