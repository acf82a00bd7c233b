package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/spf13/pflag"
	"io"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/schema"
)

// benchQuery is the headline question of the design ("who did X meet, when
// and where") with the person as a variable.
const benchQuery = `query Headline($p: String!) { meetings(participant: $p) { edges { node {
  participants { name } date place { name } city { name } sources { url title } } } } }`

// benchResult is what `newsgraph bench` measured; --json prints it.
type benchResult struct {
	Articles   int    `json:"articles"`
	Words      int    `json:"words"` // whitespace-separated words of the article bodies
	Iterations int    `json:"iterations"`
	Store      string `json:"store"` // "memory" or the folder under which stores were made
	Workers    int    `json:"workers"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	// Stages: the median over the iterations of one pass over every article.
	Stages       []benchStage     `json:"stages"`
	FirstIngest  benchIngest      `json:"first_ingest"`
	Reingest     benchIngest      `json:"unchanged_reingest"`
	SpeedUp      float64          `json:"reingest_speedup"` // first ingest time / unchanged re-ingest time (medians)
	Query        benchQueryResult `json:"headline_query"`
	PeakHeapMiB  float64          `json:"peak_heap_inuse_mib"` // highest runtime.MemStats.HeapInuse seen
	PeakSysMiB   float64          `json:"peak_sys_mib"`        // highest runtime.MemStats.Sys seen
	TotalSeconds float64          `json:"total_seconds"`
}

type benchStage struct {
	Name         string  `json:"name"`
	WordsPerSec  float64 `json:"words_per_second"`
	MsPerArticle float64 `json:"ms_per_article"`
}

type benchIngest struct {
	ArticlesPerSec float64 `json:"articles_per_second"`
	MedianMs       float64 `json:"median_ms"` // one ingest of every article
}

type benchQueryResult struct {
	Participant   string  `json:"participant"`
	Meetings      int     `json:"meetings"` // meetings in the answer
	P50Ms         float64 `json:"p50_ms"`
	P95Ms         float64 `json:"p95_ms"`
	P99Ms         float64 `json:"p99_ms"`
	QueriesPerSec float64 `json:"queries_per_second"`
}

// benchCmd measures every pipeline stage, ingest and the headline query
// on a folder of articles and prints a table (or JSON with --json).
func (e *env) benchCmd() *cobra.Command {
	var o benchOptions
	c := &cobra.Command{
		Use:   "bench",
		Short: "times each stage, ingest, re-ingest and the headline query (on the sample articles unless --articles)",
		Args:  noArgs,
	}
	fs := c.Flags()
	fs.StringVar(&o.dir, "articles", "", "`DIR` (or .jsonl) of articles to measure on (default: the five sample articles, built in)")
	fs.IntVar(&o.iters, "iterations", 20, "`N` passes per measurement")
	fs.StringVar(&o.db, "store-dir", "", "make the benchmark's stores on disk in fresh folders under `DIR` (removed afterwards), not in memory")
	fs.IntVar(&o.workers, "workers", 4, "`N` articles processed at once by ingest")
	fs.StringVar(&o.participant, "participant", "", "`NAME` of the person the headline query asks about (default: the one in most meetings)")
	fs.BoolVar(&o.asJSON, "json", false, "print the result as JSON")
	o.syn = addSynthFlags(fs)
	o.flags = fs
	c.RunE = func(c *cobra.Command, _ []string) error { return e.bench(c.Context(), o) }
	return c
}

// benchOptions are bench's flags.
type benchOptions struct {
	dir, db, participant string
	iters, workers       int
	asJSON               bool
	syn                  synthFlags
	flags                *pflag.FlagSet // to tell which flags were given
}

func (e *env) bench(ctx context.Context, o benchOptions) error {
	if o.iters < 1 {
		return usagef("--iterations must be at least 1")
	}
	if o.workers < 1 {
		return usagef("--workers must be at least 1")
	}
	if so, ok, err := o.syn.options(o.flags, o.workers, o.iters, o.db, o.asJSON); ok || err != nil {
		if err != nil {
			return err
		}
		return e.benchSynthetic(ctx, so)
	}
	stopProfile, err := o.syn.prof.start()
	if err != nil {
		return err
	}
	if o.dir == "" {
		dir, err := writeSamples()
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.dir = dir
	}
	b := &benchmark{dir: o.dir, iters: o.iters, db: o.db, workers: o.workers, stderr: e.stderr}
	b.mem.start()
	res, err := b.run(ctx, o.participant)
	b.mem.stop()
	if err = errors.Join(err, stopProfile()); err != nil {
		return err
	}
	res.PeakHeapMiB, res.PeakSysMiB = b.mem.peak()
	if o.asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return res.print(e.stdout)
}

// benchmark holds one run's inputs and the stages' intermediate results.
type benchmark struct {
	dir     string
	iters   int
	db      string
	workers int
	mem     memSampler
	stderr  io.Writer // rejected inputs are named here

	raws  []source.Raw
	words int
	works []*ingest.Work // every article after every stage
	arts  []*graph.Article
}

func (b *benchmark) run(ctx context.Context, participant string) (*benchResult, error) {
	start := time.Now()
	res := &benchResult{Iterations: b.iters, Store: "memory", Workers: b.workers, GOMAXPROCS: runtime.GOMAXPROCS(0)}
	if b.db != "" {
		res.Store = b.db
	}
	err := source.Walk(ctx, []string{b.dir}, source.Options{}, func(r source.Raw) error {
		b.raws = append(b.raws, r)
		return nil
	}, func(r source.Rejection) { fmt.Fprintf(b.stderr, "rejected %s\n", r.Error()) })
	if err != nil {
		return nil, err
	}
	if len(b.raws) == 0 {
		return nil, fmt.Errorf("bench: no articles in %s", b.dir)
	}
	for _, r := range b.raws {
		b.words += len(strings.Fields(r.Body))
	}
	res.Articles, res.Words = len(b.raws), b.words
	p, err := ingest.New(ingest.Options{Workers: b.workers})
	if err != nil {
		return nil, err
	}
	if err := b.prepare(ctx, p); err != nil {
		return nil, err
	}
	b.mem.sample()
	if res.Stages, err = b.stages(ctx, p); err != nil {
		return nil, err
	}

	first, again, st, cleanup, err := b.ingest(ctx, p)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	res.FirstIngest = ingestResult(first, len(b.raws))
	res.Reingest = ingestResult(again, len(b.raws))
	res.SpeedUp = median(first).Seconds() / median(again).Seconds()

	q, err := b.query(ctx, st, participant)
	if err != nil {
		return nil, err
	}
	res.Query = q
	res.TotalSeconds = time.Since(start).Seconds()
	return res, nil
}

// stages times the pipeline's stages, each alone on the output of the
// ones before, then the whole extraction and the store write: b.iters
// passes over every article each, and returns the medians.
func (b *benchmark) stages(ctx context.Context, p *ingest.Pipeline) ([]benchStage, error) {
	type row struct {
		name string
		time func() ([]time.Duration, error)
	}
	var rows []row
	for _, st := range ingest.Stages() {
		rows = append(rows, row{st.Name, func() ([]time.Duration, error) {
			return b.repeat(ctx, func() error { return b.stage(ctx, p, st) })
		}})
	}
	rows = append(rows,
		row{"extract total", func() ([]time.Duration, error) { return b.repeat(ctx, func() error { return b.extract(ctx, p) }) }},
		row{"store write", func() ([]time.Duration, error) { return b.storeWrite(ctx) }})
	var out []benchStage
	for _, r := range rows {
		times, err := r.time()
		if err != nil {
			return nil, fmt.Errorf("bench %s: %w", r.name, err)
		}
		med := median(times).Seconds()
		out = append(out, benchStage{
			Name:         r.name,
			WordsPerSec:  float64(b.words) / med,
			MsPerArticle: 1000 * med / float64(len(b.raws)),
		})
	}
	return out, nil
}

// prepare runs every stage once on every article, keeping what each stage
// left, so that each stage can then be timed alone on the same input.
func (b *benchmark) prepare(ctx context.Context, p *ingest.Pipeline) error {
	b.works = make([]*ingest.Work, len(b.raws))
	b.arts = make([]*graph.Article, len(b.raws))
	for i, r := range b.raws {
		w := &ingest.Work{Raw: r}
		for _, st := range ingest.Stages() {
			if err := st.Run(ctx, p, w); err != nil {
				return fmt.Errorf("bench: %s: %w", r.Path, err)
			}
		}
		b.works[i], b.arts[i] = w, w.Article
	}
	return nil
}

// repeat times f, one pass over every article, b.iters times.
func (b *benchmark) repeat(ctx context.Context, f func() error) ([]time.Duration, error) {
	times := make([]time.Duration, 0, b.iters)
	for range b.iters {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t := time.Now()
		if err := f(); err != nil {
			return nil, err
		}
		times = append(times, time.Since(t))
		b.mem.sample()
	}
	return times, nil
}

// stage runs st on a copy of every article's prepared work: st sets its
// own fields of the copy and reads those of the stages before it.
func (b *benchmark) stage(ctx context.Context, p *ingest.Pipeline, st ingest.Stage) error {
	for _, w := range b.works {
		c := *w
		if err := st.Run(ctx, p, &c); err != nil {
			return err
		}
	}
	return nil
}

func (b *benchmark) extract(ctx context.Context, p *ingest.Pipeline) error {
	for _, r := range b.raws {
		if _, err := p.Extract(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// storeWrite times writing every extracted article into a fresh store, one
// store per iteration; opening and closing it are not timed.
func (b *benchmark) storeWrite(ctx context.Context) ([]time.Duration, error) {
	times := make([]time.Duration, 0, b.iters)
	for range b.iters {
		st, cleanup, err := b.openStore(ctx)
		if err != nil {
			return nil, err
		}
		t := time.Now()
		for _, a := range b.arts {
			if _, err := st.PutArticle(ctx, a); err != nil {
				cleanup()
				return nil, err
			}
		}
		times = append(times, time.Since(t))
		b.mem.sample()
		if err := cleanup(); err != nil {
			return nil, err
		}
	}
	return times, nil
}

// openStore opens a fresh, empty store: in memory, or in a new folder
// under b.db. cleanup closes it and removes the folder.
func (b *benchmark) openStore(ctx context.Context) (*store.Store, func() error, error) {
	if b.db == "" {
		st, err := store.Open(ctx, store.Options{InMemory: true})
		if err != nil {
			return nil, nil, err
		}
		return st, st.Close, nil
	}
	if err := os.MkdirAll(b.db, 0o755); err != nil {
		return nil, nil, fmt.Errorf("bench: %w", err)
	}
	dir, err := os.MkdirTemp(b.db, "bench-")
	if err != nil {
		return nil, nil, fmt.Errorf("bench: %w", err)
	}
	st, err := store.Open(ctx, store.DefaultOptions(dir))
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return st, func() error {
		err := st.Close()
		return errors.Join(err, os.RemoveAll(dir))
	}, nil
}

// ingest times a first ingest of the folder into fresh stores and an
// unchanged re-ingest into the last of them, b.iters times each. It returns
// that store, with every article in it.
func (b *benchmark) ingest(ctx context.Context, p *ingest.Pipeline) (first, again []time.Duration, st *store.Store, cleanup func() error, err error) {
	run := func(st *store.Store, want func(*ingest.Report) bool) (time.Duration, error) {
		t := time.Now()
		rep, err := p.Ingest(ctx, st, []string{b.dir})
		d := time.Since(t)
		b.mem.sample()
		if err != nil {
			return 0, err
		}
		if !want(rep) {
			return 0, fmt.Errorf("bench: ingest gave %d added, %d updated, %d unchanged, %d rejected of %d articles",
				rep.Added, rep.Updated, rep.Unchanged, rep.Rejected, len(b.raws))
		}
		return d, nil
	}
	n := len(b.raws)
	for i := range b.iters {
		if st != nil {
			if err := cleanup(); err != nil {
				return nil, nil, nil, nil, err
			}
		}
		st, cleanup, err = b.openStore(ctx)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		d, err := run(st, func(r *ingest.Report) bool { return r.Added == n })
		if err != nil {
			cleanup()
			return nil, nil, nil, nil, fmt.Errorf("first ingest %d: %w", i+1, err)
		}
		first = append(first, d)
	}
	for i := range b.iters {
		d, err := run(st, func(r *ingest.Report) bool { return r.Unchanged == n })
		if err != nil {
			cleanup()
			return nil, nil, nil, nil, fmt.Errorf("re-ingest %d: %w", i+1, err)
		}
		again = append(again, d)
	}
	return first, again, st, cleanup, nil
}

func ingestResult(times []time.Duration, articles int) benchIngest {
	m := median(times).Seconds()
	return benchIngest{ArticlesPerSec: float64(articles) / m, MedianMs: 1000 * m}
}

// query times the headline query b.iters times through the schema.
func (b *benchmark) query(ctx context.Context, st *store.Store, participant string) (benchQueryResult, error) {
	var q benchQueryResult
	ex, err := schema.New(st, schema.DefaultOptions())
	if err != nil {
		return q, err
	}
	if participant == "" {
		if participant, err = busiest(ctx, ex); err != nil {
			return q, err
		}
	}
	q.Participant = participant
	vars := map[string]any{"p": participant}
	times := make([]time.Duration, 0, b.iters)
	start := time.Now()
	for i := range b.iters {
		t := time.Now()
		res := ex.Do(ctx, schema.Request{Query: benchQuery, Variables: vars})
		times = append(times, time.Since(t))
		if len(res.Errors) > 0 {
			return q, fmt.Errorf("bench: headline query: %v", res.Errors[0])
		}
		if i == 0 {
			q.Meetings = countMeetings(res.Data)
		}
	}
	total := time.Since(start)
	b.mem.sample()
	slices.Sort(times)
	ms := func(p float64) float64 { return float64(percentile(times, p)) / float64(time.Millisecond) }
	q.P50Ms, q.P95Ms, q.P99Ms = ms(50), ms(95), ms(99)
	q.QueriesPerSec = float64(len(times)) / total.Seconds()
	return q, nil
}

// busiest returns the person taking part in the most meetings (the first
// by name at a tie), asked through the schema like any client would.
func busiest(ctx context.Context, ex *schema.Executor) (string, error) {
	res := ex.Do(ctx, schema.Request{Query: `{ meetings(first: 100) { edges { node { participants { name } } } } }`})
	if len(res.Errors) > 0 {
		return "", fmt.Errorf("bench: list meetings: %v", res.Errors[0])
	}
	var out struct {
		Meetings struct {
			Edges []struct {
				Node struct {
					Participants []struct{ Name string }
				}
			}
		}
	}
	raw, err := json.Marshal(res.Data)
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	count := map[string]int{}
	for _, e := range out.Meetings.Edges {
		for _, p := range e.Node.Participants {
			count[p.Name]++
		}
	}
	if len(count) == 0 {
		return "", errors.New("bench: the articles gave no meetings to ask about (pass --participant)")
	}
	names := make([]string, 0, len(count))
	for n := range count {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if count[names[i]] != count[names[j]] {
			return count[names[i]] > count[names[j]]
		}
		return names[i] < names[j]
	})
	return names[0], nil
}

func countMeetings(data any) int {
	m, _ := data.(map[string]any)
	ms, _ := m["meetings"].(map[string]any)
	edges, _ := ms["edges"].([]any)
	return len(edges)
}

// median of durations (the mean of the middle two for an even count).
func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// percentile is the nearest-rank percentile p of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

// memSampler records the highest heap in use and memory obtained from the
// OS, read at every measurement and every 10 ms in between.
type memSampler struct {
	mu        sync.Mutex
	heap, sys uint64
	done      chan struct{}
	wg        sync.WaitGroup
}

func (m *memSampler) start() {
	m.done = make(chan struct{})
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-m.done:
				return
			case <-t.C:
				m.sample()
			}
		}
	}()
}

func (m *memSampler) stop() {
	close(m.done)
	m.wg.Wait()
	m.sample()
}

func (m *memSampler) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.heap = max(m.heap, ms.HeapInuse)
	m.sys = max(m.sys, ms.Sys)
}

func (m *memSampler) peak() (heapMiB, sysMiB float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return float64(m.heap) / (1 << 20), float64(m.sys) / (1 << 20)
}

// print writes the result as a table.
func (r *benchResult) print(w io.Writer) error {
	bw := bufio.NewWriter(w)
	w = bw
	fmt.Fprintf(w, "newsgraph bench: %d articles, %d words, %d iterations, store %s, %d workers, GOMAXPROCS %d\n\n",
		r.Articles, r.Words, r.Iterations, r.Store, r.Workers, r.GOMAXPROCS)
	fmt.Fprintf(w, "%-20s %12s %12s\n", "stage", "words/s", "ms/article")
	for _, s := range r.Stages {
		fmt.Fprintf(w, "%-20s %12.0f %12.3f\n", s.Name, s.WordsPerSec, s.MsPerArticle)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "first ingest         %.1f articles/s (%.1f ms for %d articles)\n",
		r.FirstIngest.ArticlesPerSec, r.FirstIngest.MedianMs, r.Articles)
	fmt.Fprintf(w, "unchanged re-ingest  %.1f articles/s (%.1f ms), speed-up %.1fx\n",
		r.Reingest.ArticlesPerSec, r.Reingest.MedianMs, r.SpeedUp)
	fmt.Fprintf(w, "headline query       p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  %.0f queries/s (%q, %d meetings, n=%d)\n",
		r.Query.P50Ms, r.Query.P95Ms, r.Query.P99Ms, r.Query.QueriesPerSec, r.Query.Participant, r.Query.Meetings, r.Iterations)
	fmt.Fprintf(w, "peak heap            %.1f MiB in use, %.1f MiB from the OS\n", r.PeakHeapMiB, r.PeakSysMiB)
	fmt.Fprintf(w, "\nstage rows: the median of %d passes over every article, each stage alone on the previous stage's output;\n"+
		"words are the whitespace-separated words of the article bodies. total %.1f s\n", r.Iterations, r.TotalSeconds)
	return bw.Flush()
}
