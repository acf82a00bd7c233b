package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// Helpers shared by the crash, concurrency and soak tests: a deterministic
// corpus generator that varies the seed articles, a once-built newsgraph
// binary, and a per-source fingerprint of what the store holds.

// corpusArticle is one generated article, as a JSONL line carries it.
type corpusArticle struct {
	ID        string `json:"id"`
	URL       string `json:"url"` // names the version, so versions always differ`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
}

var (
	seedsOnce sync.Once
	seedTexts []string
	seedsErr  error
)

// seedArticles returns the texts of testdata/articles, in name order.
func seedArticles(tb testing.TB) []string {
	tb.Helper()
	seedsOnce.Do(func() {
		names, err := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
		if err != nil {
			seedsErr = err
			return
		}
		slices.Sort(names)
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				seedsErr = err
				return
			}
			seedTexts = append(seedTexts, string(b))
		}
		if len(seedTexts) == 0 {
			seedsErr = fmt.Errorf("no seed articles in testdata/articles")
		}
	})
	if seedsErr != nil {
		tb.Fatal(seedsErr)
	}
	return seedTexts
}

var paraSep = regexp.MustCompile(`\n[ \t]*\n+`)

// varyArticle derives a new article from seed text, keeping the order of
// what survives (page furniture such as "Recent Posts" must stay where the
// cleaner expects it): the first paragraph stays, each other one is
// dropped with probability 1/4 (at least two are kept), one pair of
// neighbours may swap, and in some paragraphs the first two sentences
// swap. The same rng state gives the same text.
func varyArticle(rng *rand.Rand, seed string) string {
	paras := paraSep.Split(strings.TrimSpace(seed), -1)
	kept := paras[:1:1]
	for i, p := range paras[1:] {
		left := len(paras) - 1 - i // paragraphs not yet looked at, p included
		if rng.IntN(4) == 0 && left > 2-(len(kept)-1) {
			continue
		}
		if rng.IntN(3) == 0 {
			if s := strings.SplitN(p, ". ", 3); len(s) == 3 {
				p = s[1] + ". " + s[0] + ". " + s[2]
			}
		}
		kept = append(kept, p)
	}
	if len(kept) > 3 && rng.IntN(2) == 0 {
		i := 1 + rng.IntN(len(kept)-2)
		kept[i], kept[i+1] = kept[i+1], kept[i]
	}
	return strings.Join(kept, "\n\n") + "\n"
}

// genCorpus returns n articles with ids prefix-000, prefix-001, ...; version
// selects another variation of each (same ids), so version 2 re-ingested
// over version 1 updates every article. Deterministic for (n, seed, version).
func genCorpus(tb testing.TB, prefix string, n int, seed uint64, version int) []corpusArticle {
	tb.Helper()
	out := make([]corpusArticle, n)
	for i := range out {
		out[i] = genArticle(tb, prefix, i, seed, version)
	}
	return out
}

// genArticle returns version version of article i of genCorpus.
func genArticle(tb testing.TB, prefix string, i int, seed uint64, version int) corpusArticle {
	tb.Helper()
	seeds := seedArticles(tb)
	rng := rand.New(rand.NewPCG(seed, uint64(i)<<8|uint64(version)))
	a := corpusArticle{
		ID:   fmt.Sprintf("%s-%03d", prefix, i),
		URL:  fmt.Sprintf("https://news.example/%s-%03d?v=%d", prefix, i, version),
		Text: varyArticle(rng, seeds[rng.IntN(len(seeds))]),
	}
	if rng.IntN(3) == 0 {
		a.Published = fmt.Sprintf("2023-06-%02d", 15+rng.IntN(6))
	}
	return a
}

// writeJSONL writes arts to path, one JSON object a line.
func writeJSONL(tb testing.TB, path string, arts []corpusArticle) {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// newsgraphBinary builds the command once per test binary into tmp/ (not
// under t.TempDir, which one test's cleanup would remove) and returns its
// path. Tests that need it skip under -short.
func newsgraphBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the newsgraph binary; skipped with -short")
	}
	binOnce.Do(func() {
		dir, err := filepath.Abs("tmp")
		if err != nil {
			binErr = err
			return
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "newsgraph")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, "go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// runBinary runs the binary with args and returns stdout, stderr and the
// exit code (-1 when it did not exit normally).
func runBinary(ctx context.Context, t *testing.T, bin string, args ...string) (stdout, stderr []byte, code int) {
	t.Helper()
	var o, e bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if cmd.ProcessState == nil {
		t.Fatalf("%s %s: %v", bin, strings.Join(args, " "), err)
	}
	code = cmd.ProcessState.ExitCode()
	if err != nil && code < 0 && ctx.Err() == nil {
		t.Fatalf("%s %s: %v\nstderr: %s", bin, strings.Join(args, " "), err, e.Bytes())
	}
	return o.Bytes(), e.Bytes(), code
}

// A fingerprint is the set of everything a store shows of one source that
// does not depend on which other sources it holds: for every entity,
// meeting, statement and event, and for every edge between two non-meeting
// nodes, the (kind or edge type, span) of each evidence sentence of that
// source; plus the source's own metadata. Clustering merges meetings and
// name resolution merges entities across sources, so node IDs and
// meeting-derived edges are left out; evidence spans survive any merge, and
// evidence is only ever attached from a source's own claims. Comparing the
// set with the one a store holding only that article gives shows the
// article is there whole (nothing missing, nothing left from an earlier
// version).
type fingerprint []string

func (f fingerprint) String() string { return strings.Join(f, " ") }

// fingerprints computes the fingerprint of every source in snap, by key.
func fingerprints(snap *graph.Snapshot) map[string]fingerprint {
	keys := map[graph.ID]string{}
	sets := map[graph.ID]map[string]bool{}
	for _, s := range snap.Sources {
		keys[s.ID] = s.Key
		sets[s.ID] = map[string]bool{fmt.Sprintf("source|%s|%s|%s|%s", s.URL, s.Title, s.Published, s.Hash): true}
	}
	add := func(what string, ev []graph.Evidence) {
		for _, e := range ev {
			if set := sets[e.Source]; set != nil {
				set[fmt.Sprintf("%s|%d-%d", what, e.Span.Start, e.Span.End)] = true
			}
		}
	}
	meetings := map[graph.ID]bool{}
	for _, m := range snap.Meetings {
		meetings[m.ID] = true
		add("meeting", m.Evidence)
	}
	for _, e := range snap.Entities {
		add("entity/"+e.Type.String(), e.Evidence)
	}
	for _, s := range snap.Statements {
		add("statement", s.Evidence)
	}
	for _, e := range snap.Events {
		add("event", e.Evidence)
	}
	for _, e := range snap.Edges {
		if !meetings[e.From] && !meetings[e.To] {
			add(e.Type.String(), e.Evidence)
		}
	}
	out := make(map[string]fingerprint, len(sets))
	for id, set := range sets {
		f := make(fingerprint, 0, len(set))
		for k := range set {
			f = append(f, k)
		}
		slices.Sort(f)
		out[keys[id]] = f
	}
	return out
}

// extractedArticles runs `newsgraph extract --text` on a JSONL file and
// decodes the articles (the uninstrumented binary is much faster than
// extracting in a -race test binary).
func extractedArticles(ctx context.Context, t *testing.T, bin, path string) []*graph.Article {
	t.Helper()
	out, errOut, code := runBinary(ctx, t, bin, "extract", "--text", path)
	if code != 0 {
		t.Fatalf("extract %s: exit %d\n%s", path, code, errOut)
	}
	var arts []*graph.Article
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var v struct {
			graph.Article
			Text string `json:"text"`
		}
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("decode extract output: %v", err)
		}
		a := v.Article
		a.Text = v.Text
		a.Source.ID = graph.SourceID(a.Source.Key)
		arts = append(arts, &a)
	}
	return arts
}

// soloFingerprints stores each article alone in an in-memory store and
// returns its fingerprint, keyed by Source.Hash (so several versions of one
// source can be told apart).
func soloFingerprints(ctx context.Context, t *testing.T, arts []*graph.Article) map[string]fingerprint {
	t.Helper()
	st := openMemStore(ctx, t)
	out := make(map[string]fingerprint, len(arts))
	for _, a := range arts {
		if _, err := st.PutArticle(ctx, a); err != nil {
			t.Fatalf("put %s: %v", a.Source.Key, err)
		}
		snap, err := st.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out[a.Source.Hash] = fingerprints(snap)[a.Source.Key]
		if _, err := st.DeleteSource(ctx, a.Source.Key); err != nil {
			t.Fatalf("delete %s: %v", a.Source.Key, err)
		}
	}
	return out
}

// openMemStore opens an in-memory store closed (after a Check) at cleanup.
func openMemStore(ctx context.Context, t *testing.T) *store.Store {
	t.Helper()
	opt := store.DefaultOptions("")
	opt.InMemory = true
	st, err := store.Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(context.Background()); err != nil {
			t.Errorf("store check: %v", err)
		}
		st.Close()
	})
	return st
}

// lineReader returns the lines w receives, for reading a subprocess's log.
type lineReader struct {
	mu    sync.Mutex
	lines []string
	buf   []byte
	seen  chan struct{}
}

func newLineReader() *lineReader { return &lineReader{seen: make(chan struct{}, 1)} }

func (l *lineReader) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			break
		}
		l.lines = append(l.lines, string(l.buf[:i]))
		l.buf = l.buf[i+1:]
	}
	select {
	case l.seen <- struct{}{}:
	default:
	}
	return len(p), nil
}

// String returns everything written so far.
func (l *lineReader) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n") + string(l.buf)
}

// waitFor returns the first line match accepts, or "" when ctx ends.
func (l *lineReader) waitFor(ctx context.Context, match func(string) bool) string {
	for {
		l.mu.Lock()
		for _, s := range l.lines {
			if match(s) {
				l.mu.Unlock()
				return s
			}
		}
		l.mu.Unlock()
		select {
		case <-ctx.Done():
			return ""
		case <-l.seen:
		case <-time.After(50 * time.Millisecond):
		}
	}
}
