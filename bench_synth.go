package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/spf13/pflag"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/synth"
)

// `newsgraph bench --synthetic N` measures newsgraph at scale: it generates
// N articles (package synth), ingests them end to end into a fresh store
// on disk as `newsgraph ingest` does, adds one more article as a batch of
// its own, re-ingests the unchanged corpus, then starts `newsgraph serve`
// on the store in a process of its own and loads it over HTTP on
// loopback.

// synthOptions are the flags of the synthetic benchmark.
type synthOptions struct {
	articles    int
	seed        uint64
	workers     int
	dir         string // where the corpus and stores go ("": the system's temporary folder)
	keep        bool   // leave them there
	stagePasses int    // passes of the single-thread stage table
	queryTime   time.Duration
	concurrency int
	asJSON      bool
	prof        profileFlags
}

// synthFlags are the bench command's flags for the synthetic benchmark.
type synthFlags struct {
	articles    *int
	seed        *uint64
	keep        *bool
	queryTime   *time.Duration
	concurrency *int
	prof        profileFlags
}

// addSynthFlags adds the synthetic benchmark's own flags to the bench
// command; it shares --workers, --store-dir, --json and --iterations.
func addSynthFlags(fs *pflag.FlagSet) synthFlags {
	return synthFlags{
		articles:    fs.Int("synthetic", 0, "generate `N` articles and measure ingest, re-ingest and queries over HTTP at that scale (instead of --articles)"),
		seed:        fs.Uint64("seed", 1, "the synthetic corpus: the same seed and N give the same articles"),
		keep:        fs.Bool("keep", false, "keep the synthetic corpus and stores (under --store-dir) instead of removing them"),
		queryTime:   fs.Duration("query-time", 5*time.Second, "how long each synthetic query runs"),
		concurrency: fs.Int("concurrency", 16, "synthetic queries in flight at once"),
		prof:        addProfileFlags(fs),
	}
}

// options are the synthetic benchmark's options, and whether it was asked
// for. It shares the bench command's --workers, --iterations (passes of
// its stage table; 5 unless given), --store-dir and --json.
func (f synthFlags) options(fs *pflag.FlagSet, workers, iters int, dir string, asJSON bool) (synthOptions, bool, error) {
	set := map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })
	if *f.articles == 0 {
		for _, name := range []string{"seed", "keep", "query-time", "concurrency"} {
			if set[name] {
				return synthOptions{}, false, usagef("--%s needs --synthetic N", name)
			}
		}
		return synthOptions{}, false, nil
	}
	switch {
	case *f.articles < 1:
		return synthOptions{}, true, usagef("--synthetic must be at least 1")
	case *f.concurrency < 1:
		return synthOptions{}, true, usagef("--concurrency must be at least 1")
	case *f.queryTime <= 0:
		return synthOptions{}, true, usagef("--query-time must be positive")
	case set["articles"]:
		return synthOptions{}, true, usagef("--synthetic generates its articles: drop --articles")
	}
	passes := 5
	if set["iterations"] {
		passes = iters
	}
	return synthOptions{articles: *f.articles, seed: *f.seed, workers: workers, dir: dir, keep: *f.keep,
		stagePasses: passes, queryTime: *f.queryTime, concurrency: *f.concurrency, asJSON: asJSON, prof: f.prof}, true, nil
}

// synthResult is what the synthetic benchmark measured; --json prints it.
type synthResult struct {
	Machine    string `json:"machine"`
	Articles   int    `json:"articles"`
	Words      int    `json:"words"`
	Seed       uint64 `json:"seed"`
	Workers    int    `json:"workers"`
	GOMAXPROCS int    `json:"gomaxprocs"`

	GenerateSeconds      float64 `json:"generate_seconds"`
	IngestSeconds        float64 `json:"ingest_seconds"`
	IngestWordsPerSec    float64 `json:"ingest_words_per_sec"`
	IngestArticlesPerSec float64 `json:"ingest_articles_per_sec"`
	// CPUUtilization is the process's CPU time over the ingest's wall
	// time: 2 means two cores busy throughout.
	CPUUtilization  float64 `json:"cpu_utilization"`
	CPUMsPerArticle float64 `json:"cpu_ms_per_article"`
	PeakRSSBytes    int64   `json:"peak_rss_bytes"` // while ingesting
	// Steps is where the ingest's time went (per-article steps summed
	// over the workers, so their shares are of the sum, not of wall time).
	Steps []synthStep `json:"steps"`
	// ExtractStages is the single-thread stage table on a sample of the
	// corpus, as `newsgraph bench` measures the sample articles.
	ExtractStages []benchStage `json:"extract_stages"`
	Nodes         int          `json:"nodes"`
	Edges         int          `json:"edges"`
	DBBytes       int64        `json:"db_bytes"` // disk blocks the store uses after closing

	OneArticleBatchMs float64 `json:"one_article_batch_ms"`
	ReingestSeconds   float64 `json:"reingest_seconds"`
	ReingestSpeedup   float64 `json:"reingest_speedup"`

	ColdStartMs       float64        `json:"cold_start_ms"` // serve started until /healthz answers
	HealthzMs         float64        `json:"healthz_ms"`    // median of single requests, no load
	Queries           []synthQuery   `json:"queries"`
	CeilingReqPerSec  float64        `json:"ceiling_req_per_sec"` // { __typename } on the same server
	ServePeakRSSBytes int64          `json:"serve_peak_rss_bytes"`
	SameAnswer        *sameAnswerRun `json:"same_answer,omitempty"`
	TotalSeconds      float64        `json:"total_seconds"`
}

type synthStep struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
	Share   float64 `json:"share"`
}

// synthQuery is one query run at the benchmark's concurrency.
type synthQuery struct {
	Name        string  `json:"name"`
	Subject     string  `json:"subject,omitempty"`
	AnswerBytes int     `json:"answer_bytes"`
	Meetings    int     `json:"meetings,omitempty"` // the subject's meetings in the graph
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	P50Ms       float64 `json:"p50_ms"`
	P99Ms       float64 `json:"p99_ms"`
	ReqPerSec   float64 `json:"req_per_sec"`
}

// sameAnswerRun compares the headline query about a person in few meetings
// on the full graph with the same query on a graph of only the articles
// its answer cites: the answer is the same, the graph around it is not.
type sameAnswerRun struct {
	Query        string     `json:"query"`
	Articles     int        `json:"articles"` // in the small graph
	Same         bool       `json:"same_bytes"`
	Small        synthQuery `json:"small_graph"`
	SlowdownFull float64    `json:"slowdown"` // small req/s over full req/s
}

// The synthetic queries. Each names its subject $p.
const (
	synthHeadline = benchQuery
	synthEntity   = `query Entity($p: String!) { entity(name: $p) { id name type aliases titles } }`
	synthGraph    = `query Graph($p: String!) { graph(center: $p, depth: 2) { nodes { id label kind type } edges { source target type label } } }`
	synthCeiling  = `{ __typename }`
	synthCount    = `query Count($p: String!) { meetings(participant: $p, first: 1) { totalCount } }`
)

// benchSynthetic runs the synthetic benchmark and prints its result.
func (e *env) benchSynthetic(ctx context.Context, o synthOptions) error {
	start := time.Now()
	cpuOnly := o.prof // the heap profile is written after the first ingest
	cpuOnly.mem = new(string)
	stopProfile, err := cpuOnly.start()
	if err != nil {
		return err
	}
	res, err := e.runSynthetic(ctx, o)
	err = errors.Join(err, stopProfile())
	if err != nil {
		return err
	}
	res.TotalSeconds = time.Since(start).Seconds()
	if o.asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return res.print(e.stdout)
}

func (e *env) runSynthetic(ctx context.Context, o synthOptions) (*synthResult, error) {
	res := &synthResult{Articles: o.articles, Seed: o.seed, Workers: o.workers, GOMAXPROCS: runtime.GOMAXPROCS(0),
		Machine: fmt.Sprintf("%s/%s, %d CPUs", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())}
	if o.dir != "" {
		if err := os.MkdirAll(o.dir, 0o755); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	dir, err := os.MkdirTemp(o.dir, "newsgraph-bench-")
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if o.keep {
		fmt.Fprintf(e.stderr, "bench: corpus and store in %s\n", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	progress := func(format string, a ...any) {
		if isTerminal(e.stderr) {
			fmt.Fprintf(e.stderr, "bench: "+format+"\n", a...)
		}
	}

	// The corpus, as a user would feed it: one JSONL file.
	t := time.Now()
	corpus, err := synth.New(synth.Options{Articles: o.articles, Seed: o.seed})
	if err != nil {
		return nil, err
	}
	corpusPath := filepath.Join(dir, "corpus.jsonl")
	if res.Words, err = writeCorpus(ctx, corpusPath, corpus.WriteJSONL); err != nil {
		return nil, err
	}
	res.GenerateSeconds = time.Since(t).Seconds()
	progress("generated %d articles, %d words in %.1fs", o.articles, res.Words, res.GenerateSeconds)

	if res.ExtractStages, err = e.synthStages(ctx, corpus, o); err != nil {
		return nil, err
	}

	db := filepath.Join(dir, "db")
	st, err := store.Open(ctx, store.DefaultOptions(db))
	if err != nil {
		return nil, err
	}
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	noCorrections := filepath.Join(dir, "none.corrections.json")
	quiet := &env{stdin: e.stdin, stdout: io.Discard, stderr: e.stderr}
	ingestOnce := func(phase string, total int, paths ...string) (time.Duration, time.Duration, *ingestStats, error) {
		var stats ingestStats
		var err error
		var done atomic.Int64
		stop := reportEvery(e.stderr, benchProgressEvery, phase, total, &done)
		c0, t0 := cpuTime(), time.Now()
		pprof.Do(ctx, pprof.Labels("phase", phase), func(ctx context.Context) {
			err = quiet.runIngest(ctx, st, ingestRun{paths: paths, workers: o.workers, corrections: noCorrections, stats: &stats, done: &done})
		})
		stop()
		wall, cpu := time.Since(t0), cpuTime()-c0
		if err != nil {
			return 0, 0, nil, fmt.Errorf("bench %s: %w", phase, err)
		}
		return wall, cpu, &stats, nil
	}

	// First ingest.
	progress("ingesting into %s", db)
	runtime.GC()
	resetPeakRSS()
	wall, cpu, stats, err := ingestOnce("ingest", o.articles, corpusPath)
	if err != nil {
		return nil, err
	}
	res.PeakRSSBytes = peakRSS(0)
	if r := stats.report; r.Added != o.articles {
		return nil, fmt.Errorf("bench: ingest gave %d added, %d updated, %d unchanged, %d rejected of %d articles",
			r.Added, r.Updated, r.Unchanged, r.Rejected, o.articles)
	}
	res.IngestSeconds = wall.Seconds()
	res.IngestWordsPerSec = float64(res.Words) / wall.Seconds()
	res.IngestArticlesPerSec = float64(o.articles) / wall.Seconds()
	res.CPUUtilization = cpu.Seconds() / wall.Seconds()
	res.CPUMsPerArticle = float64(cpu.Milliseconds()) / float64(o.articles)
	res.Steps = synthSteps(stats)
	if *o.prof.mem != "" {
		// The heap as the ingest left it, the store still open.
		if err := writeHeapProfile(*o.prof.mem); err != nil {
			return nil, err
		}
	}
	census, err := st.Census(ctx)
	if err != nil {
		return nil, err
	}
	res.Nodes, res.Edges = census.Nodes(), census.Edges()
	progress("ingested in %.1fs (%.0f words/s)", res.IngestSeconds, res.IngestWordsPerSec)

	// One more article, a batch of its own.
	onePath := filepath.Join(dir, "one.jsonl")
	if _, err := writeCorpus(ctx, onePath, func(ctx context.Context, w io.Writer) (int, error) {
		a := corpus.Article(o.articles)
		return len(strings.Fields(a.Text)), json.NewEncoder(w).Encode(a)
	}); err != nil {
		return nil, err
	}
	wall, _, stats, err = ingestOnce("one-article batch", 1, onePath)
	if err != nil {
		return nil, err
	}
	if stats.report.Added != 1 {
		return nil, fmt.Errorf("bench: the one-article batch added %d articles", stats.report.Added)
	}
	res.OneArticleBatchMs = float64(wall.Microseconds()) / 1000

	// The corpus again, unchanged.
	wall, _, stats, err = ingestOnce("unchanged re-ingest", o.articles, corpusPath)
	if err != nil {
		return nil, err
	}
	if stats.report.Unchanged != o.articles {
		return nil, fmt.Errorf("bench: re-ingest found %d of %d articles unchanged", stats.report.Unchanged, o.articles)
	}
	res.ReingestSeconds = wall.Seconds()
	res.ReingestSpeedup = res.IngestSeconds / res.ReingestSeconds
	err = st.Close()
	st = nil
	if err != nil {
		return nil, err
	}
	if res.DBBytes, err = diskUsage(db); err != nil {
		return nil, err
	}

	progress("serving %s", db)
	if err := e.synthServe(ctx, o, corpus, dir, db, res); err != nil {
		return nil, err
	}
	return res, nil
}

// writeCorpus writes a JSONL file with write and returns its words.
func writeCorpus(ctx context.Context, path string, write func(context.Context, io.Writer) (int, error)) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	words, err := write(ctx, f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("bench: %w", cerr)
	}
	return words, err
}

// synthSteps is the ingest's time by step, with each step's share.
func synthSteps(s *ingestStats) []synthStep {
	t := s.report.Time
	steps := []synthStep{
		{Name: "hash and compare", Seconds: t.Hash.Seconds()},
		{Name: "extract", Seconds: t.Extract.Seconds()},
		{Name: "store write", Seconds: t.Store.Seconds()},
		{Name: "reconcile names", Seconds: t.Reconcile.Seconds()},
		{Name: "census", Seconds: s.census.Seconds()},
	}
	total := 0.0
	for _, st := range steps {
		total += st.Seconds
	}
	for i := range steps {
		if total > 0 {
			steps[i].Share = steps[i].Seconds / total
		}
	}
	return steps
}

// synthStages times the pipeline's stages one by one, on one thread, on
// the first articles of the corpus.
func (e *env) synthStages(ctx context.Context, c *synth.Corpus, o synthOptions) ([]benchStage, error) {
	b := &benchmark{iters: o.stagePasses, stderr: e.stderr}
	for i := range min(c.Len(), 25) {
		a := c.Article(i)
		b.raws = append(b.raws, source.Raw{Key: a.ID, Path: "synthetic", Line: i + 1, Body: a.Text,
			Header: source.Header{ID: a.ID, URL: a.URL, Title: a.Title, Published: a.Published, Publisher: a.Publisher}})
		b.words += len(strings.Fields(a.Text))
	}
	p, err := ingest.New(ingest.Options{Workers: o.workers})
	if err != nil {
		return nil, err
	}
	if err := b.prepare(ctx, p); err != nil {
		return nil, err
	}
	return b.stages(ctx, p)
}

// diskUsage is the space the files under dir take on disk (Badger
// preallocates its logs sparsely, so their sizes would overstate it).
func diskUsage(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			n += int64(st.Blocks) * 512
		} else {
			n += fi.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	return n, nil
}

// synthServe starts `newsgraph serve` on db in a process of its own and
// measures its cold start, /healthz and the queries, then the same
// headline answer on a graph of only its articles.
func (e *env) synthServe(ctx context.Context, o synthOptions, c *synth.Corpus, dir, db string, res *synthResult) error {
	srv, err := startBenchServer(ctx, db)
	if err != nil {
		return err
	}
	defer srv.stop()
	res.ColdStartMs = float64(srv.coldStart.Microseconds()) / 1000
	if res.HealthzMs, err = srv.healthz(ctx); err != nil {
		return err
	}
	client := newLoadClient(o.concurrency)

	// Subjects: the most reported person, and one in few meetings.
	busy := c.Person(0).Name
	busyMeetings, err := client.meetings(ctx, srv.endpoint, busy)
	if err != nil {
		return err
	}
	few, fewMeetings := "", 0
	for r := c.People() / 2; r < c.People() && r < c.People()/2+200; r++ {
		n, err := client.meetings(ctx, srv.endpoint, c.Person(r).Name)
		if err != nil {
			return err
		}
		if n >= 1 && n <= 3 {
			few, fewMeetings = c.Person(r).Name, n
			break
		}
	}
	type job struct {
		name, query, subject string
		meetings             int
	}
	jobs := []job{
		{"headline, busiest person", synthHeadline, busy, busyMeetings},
		{"headline, person in few meetings", synthHeadline, few, fewMeetings},
		{"entity lookup, busiest person", synthEntity, busy, 0},
		{"graph depth 2, busiest person", synthGraph, busy, 0},
		{"ceiling { __typename }", synthCeiling, "", 0},
	}
	var fewAnswer []byte
	for _, j := range jobs {
		if j.subject == "" && j.query != synthCeiling {
			continue // no person in few meetings was found
		}
		q, answer, err := client.load(ctx, srv.endpoint, j.query, j.subject, o.queryTime)
		if err != nil {
			return fmt.Errorf("bench %s: %w", j.name, err)
		}
		q.Name, q.Subject, q.Meetings = j.name, j.subject, j.meetings
		if j.query == synthCeiling {
			res.CeilingReqPerSec = q.ReqPerSec
			q.Subject = ""
		}
		if j.subject == few && j.query == synthHeadline {
			fewAnswer = answer
		}
		res.Queries = append(res.Queries, q)
	}
	res.ServePeakRSSBytes = peakRSS(srv.cmd.Process.Pid)
	if err := srv.stop(); err != nil {
		return err
	}
	if fewAnswer == nil {
		return nil
	}
	full := res.Queries[1]
	same, err := e.sameAnswer(ctx, o, c, dir, few, fewAnswer, client)
	if err != nil {
		return err
	}
	same.SlowdownFull = same.Small.ReqPerSec / full.ReqPerSec
	res.SameAnswer = same
	return nil
}

// sameAnswer ingests only the articles fewAnswer cites into a new store
// and runs the headline query about few there.
func (e *env) sameAnswer(ctx context.Context, o synthOptions, c *synth.Corpus, dir, few string, fewAnswer []byte, client *loadClient) (*sameAnswerRun, error) {
	var ans struct {
		Data struct {
			Meetings struct {
				Edges []struct {
					Node struct {
						Sources []struct{ URL string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(fewAnswer, &ans); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	var idx []int
	for _, e := range ans.Data.Meetings.Edges {
		for _, s := range e.Node.Sources {
			i, err := strconv.Atoi(s.URL[strings.LastIndexByte(s.URL, '-')+1:])
			if err != nil {
				return nil, fmt.Errorf("bench: source %q is not a synthetic article", s.URL)
			}
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	path := filepath.Join(dir, "small.jsonl")
	if _, err := writeCorpus(ctx, path, func(ctx context.Context, w io.Writer) (int, error) {
		enc := json.NewEncoder(w)
		for _, i := range idx {
			if err := enc.Encode(c.Article(i)); err != nil {
				return 0, err
			}
		}
		return 0, nil
	}); err != nil {
		return nil, err
	}
	db := filepath.Join(dir, "small-db")
	st, err := store.Open(ctx, store.DefaultOptions(db))
	if err != nil {
		return nil, err
	}
	quiet := &env{stdin: e.stdin, stdout: io.Discard, stderr: io.Discard}
	err = quiet.runIngest(ctx, st, ingestRun{paths: []string{path}, workers: o.workers, corrections: filepath.Join(dir, "none.corrections.json")})
	if err = errors.Join(err, st.Close()); err != nil {
		return nil, fmt.Errorf("bench: small graph: %w", err)
	}
	srv, err := startBenchServer(ctx, db)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	q, answer, err := client.load(ctx, srv.endpoint, synthHeadline, few, o.queryTime)
	if err != nil {
		return nil, err
	}
	q.Name, q.Subject = "headline, person in few meetings, small graph", few
	return &sameAnswerRun{Query: "headline, person in few meetings", Articles: len(idx),
		Same: bytes.Equal(answer, fewAnswer), Small: q}, srv.stop()
}

// benchServer is a `newsgraph serve` process.
type benchServer struct {
	cmd       *exec.Cmd
	exited    chan struct{}
	endpoint  string // http://ADDR
	coldStart time.Duration
	log       *tailBuffer
	once      sync.Once
	err       error
}

// startBenchServer starts this executable's serve command on db and waits
// until /healthz answers.
func startBenchServer(ctx context.Context, db string) (*benchServer, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &benchServer{endpoint: "http://" + addr, log: &tailBuffer{max: 8 << 10}, exited: make(chan struct{})}
	s.cmd = exec.CommandContext(ctx, exe, "serve", "--db", db, "--addr", addr)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	t := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start serve: %w", err)
	}
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	deadline := t.Add(2 * time.Minute)
	for {
		select {
		case <-s.exited:
			return nil, fmt.Errorf("bench: serve exited: %s", s.log)
		default:
		}
		resp, err := http.Get(s.endpoint + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.coldStart = time.Since(t)
				return s, nil
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			_ = s.cmd.Process.Kill()
			<-s.exited
			return nil, errors.Join(ctx.Err(), fmt.Errorf("bench: serve did not answer /healthz: %s", s.log))
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// stop stops the server with SIGTERM and waits for it to exit; later
// calls return the first call's result.
func (s *benchServer) stop() error {
	s.once.Do(func() {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(30 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.exited
			s.err = fmt.Errorf("bench: serve did not stop within 30s of SIGTERM: %s", s.log)
		}
	})
	return s.err
}

// healthz is the median time of 21 single /healthz requests, in ms.
func (s *benchServer) healthz(ctx context.Context) (float64, error) {
	var times []time.Duration
	for range 21 {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.endpoint+"/healthz", nil)
		if err != nil {
			return 0, err
		}
		t := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, fmt.Errorf("bench: /healthz: %w", err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		times = append(times, time.Since(t))
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("bench: /healthz: %s", resp.Status)
		}
	}
	return float64(median(times).Microseconds()) / 1000, nil
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	addr := l.Addr().String()
	return addr, l.Close()
}

// tailBuffer keeps the last max bytes written to it (a server's log).
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// loadClient sends GraphQL requests over keep-alive connections.
type loadClient struct {
	http        *http.Client
	concurrency int
}

func newLoadClient(concurrency int) *loadClient {
	tr := &http.Transport{MaxIdleConns: concurrency, MaxIdleConnsPerHost: concurrency, DisableCompression: true}
	return &loadClient{http: &http.Client{Transport: tr}, concurrency: concurrency}
}

// post sends one query and returns the response body.
func (l *loadClient) post(ctx context.Context, endpoint string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint+"/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := l.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return b, fmt.Errorf("%s: %s", resp.Status, bytes.TrimSpace(b))
	}
	return b, nil
}

func queryBody(query, subject string) []byte {
	req := map[string]any{"query": query}
	if subject != "" {
		req["variables"] = map[string]any{"p": subject}
	}
	b, _ := json.Marshal(req) // strings and maps of strings always marshal
	return b
}

// meetings is the number of meetings person takes part in.
func (l *loadClient) meetings(ctx context.Context, endpoint, person string) (int, error) {
	b, err := l.post(ctx, endpoint, queryBody(synthCount, person))
	if err != nil {
		return 0, fmt.Errorf("bench: count meetings of %s: %w", person, err)
	}
	var out struct {
		Data struct {
			Meetings struct{ TotalCount int }
		}
		Errors []json.RawMessage
	}
	if err := json.Unmarshal(b, &out); err != nil || len(out.Errors) > 0 {
		return 0, fmt.Errorf("bench: count meetings of %s: %v %s", person, err, b)
	}
	return out.Data.Meetings.TotalCount, nil
}

// load runs query about subject from l.concurrency clients for d (after a
// warm-up of one request per client) and returns the latencies and the
// first answer. A reply with GraphQL errors counts as an error; any error
// on the first request fails the run.
func (l *loadClient) load(ctx context.Context, endpoint, query, subject string, d time.Duration) (synthQuery, []byte, error) {
	var q synthQuery
	body := queryBody(query, subject)
	answer, err := l.post(ctx, endpoint, body)
	if err == nil && bytes.Contains(answer, []byte(`"errors"`)) {
		err = fmt.Errorf("errors in the answer: %s", answer)
	}
	if err != nil {
		return q, nil, err
	}
	q.AnswerBytes = len(answer)
	var wg sync.WaitGroup
	for range l.concurrency { // warm-up: one request per connection
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = l.post(ctx, endpoint, body) }()
	}
	wg.Wait()
	lat := make([][]time.Duration, l.concurrency)
	errs := make([]int, l.concurrency)
	start := time.Now()
	end := start.Add(d)
	for w := range l.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) && ctx.Err() == nil {
				t := time.Now()
				b, err := l.post(ctx, endpoint, body)
				lat[w] = append(lat[w], time.Since(t))
				if err != nil || !bytes.Equal(b, answer) && bytes.Contains(b, []byte(`"errors"`)) {
					errs[w]++
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := ctx.Err(); err != nil {
		return q, nil, err
	}
	var all []time.Duration
	for w := range lat {
		all = append(all, lat[w]...)
		q.Errors += errs[w]
	}
	slices.Sort(all)
	ms := func(p float64) float64 { return float64(percentile(all, p).Microseconds()) / 1000 }
	q.Requests = len(all)
	q.P50Ms, q.P99Ms = ms(50), ms(99)
	q.ReqPerSec = float64(len(all)) / elapsed.Seconds()
	return q, answer, nil
}

// print writes the result as tables.
func (r *synthResult) print(w io.Writer) error {
	bw := bufio.NewWriter(w)
	w = bw
	mib := func(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
	fmt.Fprintf(w, "newsgraph bench --synthetic %d --seed %d: %d words, %d workers, GOMAXPROCS %d, %s\n\n",
		r.Articles, r.Seed, r.Words, r.Workers, r.GOMAXPROCS, r.Machine)
	fmt.Fprintf(w, "ingest, end to end      %.0f words/s, %.1f articles/s (%.1f s; corpus generated in %.1f s)\n",
		r.IngestWordsPerSec, r.IngestArticlesPerSec, r.IngestSeconds, r.GenerateSeconds)
	fmt.Fprintf(w, "CPU while ingesting     %.2f cores busy, %.2f ms CPU per article\n", r.CPUUtilization, r.CPUMsPerArticle)
	fmt.Fprintf(w, "peak RSS while ingesting %s\n", mib(r.PeakRSSBytes))
	fmt.Fprintf(w, "graph                   %d nodes, %d edges, %s on disk\n", r.Nodes, r.Edges, mib(r.DBBytes))
	fmt.Fprintf(w, "one-article batch       %.1f ms\n", r.OneArticleBatchMs)
	fmt.Fprintf(w, "unchanged re-ingest     %.2f s, speed-up %.1fx\n", r.ReingestSeconds, r.ReingestSpeedup)
	fmt.Fprintf(w, "serve cold start        %.0f ms; /healthz %.2f ms; peak RSS serving %s\n\n",
		r.ColdStartMs, r.HealthzMs, mib(r.ServePeakRSSBytes))
	fmt.Fprintf(w, "%-20s %9s %7s\n", "ingest step", "seconds", "share")
	for _, s := range r.Steps {
		fmt.Fprintf(w, "%-20s %9.1f %6.1f%%\n", s.Name, s.Seconds, 100*s.Share)
	}
	fmt.Fprintf(w, "\n%-20s %12s %12s   (one thread, first %s)\n", "stage", "words/s", "ms/article", "articles of the corpus")
	for _, s := range r.ExtractStages {
		fmt.Fprintf(w, "%-20s %12.0f %12.3f\n", s.Name, s.WordsPerSec, s.MsPerArticle)
	}
	fmt.Fprintf(w, "\n%-38s %9s %9s %9s %8s %8s\n", "query over HTTP", "p50 ms", "p99 ms", "req/s", "bytes", "errors")
	qs := r.Queries
	if r.SameAnswer != nil {
		qs = append(slices.Clone(qs), r.SameAnswer.Small)
	}
	for _, q := range qs {
		fmt.Fprintf(w, "%-38s %9.2f %9.2f %9.0f %8d %8d\n", q.Name, q.P50Ms, q.P99Ms, q.ReqPerSec, q.AnswerBytes, q.Errors)
	}
	if s := r.SameAnswer; s != nil {
		fmt.Fprintf(w, "\nsame answer (%t) on a graph of its %d articles: %.2fx the req/s of the full graph\n",
			s.Same, s.Articles, s.SlowdownFull)
	}
	for _, q := range r.Queries {
		if q.Subject != "" {
			fmt.Fprintf(w, "  %s: %s", q.Name, q.Subject)
			if q.Meetings > 0 {
				fmt.Fprintf(w, " (%d meetings)", q.Meetings)
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "\ntotal %.1f s\n", r.TotalSeconds)
	return bw.Flush()
}

// benchProgressEvery is how often a long bench phase says how far it got.
const benchProgressEvery = 30 * time.Second

// reportEvery writes a line to w every interval until stop is called:
// how many of total articles phase has finished, at what rate, and when it
// would end at that rate. A terminal or a log file alike shows that a long
// run (100k articles take many minutes) is moving, and how fast.
func reportEvery(w io.Writer, interval time.Duration, phase string, total int, done *atomic.Int64) (stop func()) {
	quit := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case now := <-t.C:
				fmt.Fprintln(w, progressLine(phase, int(done.Load()), total, now.Sub(start)))
			}
		}
	}()
	return func() {
		close(quit)
		<-finished
	}
}

// progressLine says how far a phase got after elapsed.
func progressLine(phase string, n, total int, elapsed time.Duration) string {
	rate := float64(n) / elapsed.Seconds()
	line := fmt.Sprintf("bench: %s %d/%d articles (%.0f%%) in %s, %.1f articles/s",
		phase, n, total, 100*float64(n)/float64(max(total, 1)), elapsed.Round(time.Second), rate)
	if rate > 0 && n < total {
		left := time.Duration(float64(total-n) / rate * float64(time.Second))
		line += fmt.Sprintf(", about %s left", left.Round(time.Second))
	}
	return line
}
