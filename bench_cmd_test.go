package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/newsgraph/newsgraph/ingest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// benchRun runs "newsgraph bench args...".
func benchRun(e *env, args ...string) error {
	_, err := e.execute(context.Background(), append([]string{"bench"}, args...))
	return err
}

func TestBenchCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline several times")
	}
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb}
	if err := benchRun(e, "--iterations", "2"); err != nil {
		t.Fatalf("bench: %v, stderr %s", err, errb.String())
	}
	rows := []string{"first ingest", "unchanged re-ingest", "speed-up", "headline query", "p50", "p95", "p99",
		"queries/s", "peak heap", "MiB in use", "from the OS", "words/s", "ms/article", "articles/s"}
	text := out.String()
	t.Logf("bench output:\n%s", text)
	for _, r := range rows {
		if !strings.Contains(text, r) {
			t.Errorf("bench output lacks %q:\n%s", r, text)
		}
	}
	for _, s := range benchRows() {
		found := false
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), s+" ") && len(strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), s))) == 2 {
				found = true
			}
		}
		if !found {
			t.Errorf("no row with two numbers for stage %q:\n%s", s, text)
		}
	}
}

func TestBenchCommandJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline several times")
	}
	dir := t.TempDir()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb}
	if err := benchRun(e, "--iterations", "1", "--json", "--store-dir", dir); err != nil {
		t.Fatalf("bench --json: %v, stderr %s", err, errb.String())
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("--store-dir folder left with %d entries (%v)", len(entries), err)
	}
	var res benchResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if len(res.Stages) != len(benchRows()) || res.Articles == 0 || res.Words == 0 ||
		res.FirstIngest.ArticlesPerSec <= 0 || res.Reingest.ArticlesPerSec <= 0 || res.SpeedUp <= 0 ||
		res.Query.Meetings == 0 || res.Query.QueriesPerSec <= 0 || res.PeakHeapMiB <= 0 || res.Store != dir {
		t.Errorf("incomplete result: %+v", res)
	}
	for i, s := range res.Stages {
		if s.Name != benchRows()[i] || s.WordsPerSec <= 0 || s.MsPerArticle <= 0 {
			t.Errorf("stage %d: %+v", i, s)
		}
	}
}

// benchRows are the stage rows bench prints: the pipeline's stages, then
// the whole extraction and the store write.
func benchRows() []string {
	var out []string
	for _, st := range ingest.Stages() {
		out = append(out, st.Name)
	}
	return append(out, "extract total", "store write")
}

func TestBenchUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"zero iterations", []string{"--iterations", "0"}},
		{"stray argument", []string{"testdata/articles"}},
		{"zero workers", []string{"--workers", "0"}},
		{"unknown flag", []string{"--fast"}},
		{"seed without synthetic", []string{"--seed", "3"}},
		{"negative synthetic", []string{"--synthetic", "-1"}},
		{"synthetic and articles", []string{"--synthetic", "10", "--articles", "testdata/articles"}},
		{"no concurrency", []string{"--synthetic", "10", "--concurrency", "0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			e := &env{stdout: &out, stderr: &errb}
			if err := benchRun(e, tc.args...); !errors.Is(err, errUsage) {
				t.Errorf("bench %v: %v, want a usage error", tc.args, err)
			}
		})
	}
}

// TestBenchSynthetic runs the synthetic benchmark end to end on a small
// corpus, through the binary (it starts `newsgraph serve` as a process of
// its own), and checks that it measured everything it reports.
func TestBenchSynthetic(t *testing.T) {
	bin := newsgraphBinary(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	prof := filepath.Join(dir, "cpu.prof")
	stdout, stderr, code := runBinary(ctx, t, bin, "bench", "--synthetic", "30", "--json", "--query-time", "200ms",
		"--store-dir", filepath.Join(dir, "stores"), "--iterations", "1", "--cpuprofile", prof)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Articles             int     `json:"articles"`
		Words                int     `json:"words"`
		IngestWordsPerSec    float64 `json:"ingest_words_per_sec"`
		IngestArticlesPerSec float64 `json:"ingest_articles_per_sec"`
		CPUUtilization       float64 `json:"cpu_utilization"`
		PeakRSSBytes         int64   `json:"peak_rss_bytes"`
		DBBytes              int64   `json:"db_bytes"`
		ServePeakRSSBytes    int64   `json:"serve_peak_rss_bytes"`
		OneArticleBatchMs    float64 `json:"one_article_batch_ms"`
		ReingestSpeedup      float64 `json:"reingest_speedup"`
		CeilingReqPerSec     float64 `json:"ceiling_req_per_sec"`
		ColdStartMs          float64 `json:"cold_start_ms"`
		Steps                []struct {
			Share float64 `json:"share"`
		} `json:"steps"`
		Queries []struct {
			Name      string  `json:"name"`
			Requests  int     `json:"requests"`
			Errors    int     `json:"errors"`
			P50Ms     float64 `json:"p50_ms"`
			P99Ms     float64 `json:"p99_ms"`
			ReqPerSec float64 `json:"req_per_sec"`
		} `json:"queries"`
	}
	dec := json.NewDecoder(bytes.NewReader(stdout))
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	var raw map[string]any
	_ = json.Unmarshal(stdout, &raw)
	for _, k := range []string{"articles", "words", "ingest_words_per_sec", "ingest_articles_per_sec", "cpu_utilization",
		"peak_rss_bytes", "db_bytes", "one_article_batch_ms", "reingest_speedup", "ceiling_req_per_sec", "queries"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q in the JSON", k)
		}
	}
	if res.Articles != 30 || res.Words < 30*300 || res.IngestWordsPerSec <= 0 || res.IngestArticlesPerSec <= 0 ||
		res.CPUUtilization <= 0 || res.OneArticleBatchMs <= 0 || res.ReingestSpeedup <= 1 || res.CeilingReqPerSec <= 0 ||
		res.ColdStartMs <= 0 || len(res.Steps) == 0 {
		t.Errorf("incomplete result:\n%s", stdout)
	}
	if runtime.GOOS == "linux" && (res.PeakRSSBytes <= 0 || res.ServePeakRSSBytes <= 0 || res.DBBytes <= 0) {
		t.Errorf("memory or disk not measured:\n%s", stdout)
	}
	if len(res.Queries) < 4 {
		t.Fatalf("%d queries measured, want the headline (twice), entity, graph and ceiling:\n%s", len(res.Queries), stdout)
	}
	for _, q := range res.Queries {
		if q.Requests == 0 || q.Errors != 0 || q.P50Ms <= 0 || q.P99Ms < q.P50Ms || q.ReqPerSec <= 0 {
			t.Errorf("query %q: %+v", q.Name, q)
		}
	}
	if entries, err := os.ReadDir(filepath.Join(dir, "stores")); err != nil || len(entries) != 0 {
		t.Errorf("--store-dir left with %d entries (%v)", len(entries), err)
	}
	if fi, err := os.Stat(prof); err != nil || fi.Size() == 0 {
		t.Errorf("no CPU profile written: %v", err)
	}
}

// designHeadline is the headline question of DESIGN.md, word for word.
const designHeadline = `{ meetings(participant: "Blinken") { edges { node {
    participants { name } date place { name } city { name } sources { url title } } } } }`

func TestBenchQueryMatchesDesign(t *testing.T) {
	// benchQuery is designHeadline with the person as a variable.
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	want := strings.Replace(norm(designHeadline), `"Blinken"`, "$p", 1)
	want = strings.TrimPrefix(want, "{ ")
	got := norm(benchQuery)
	if !strings.HasSuffix(got, want) {
		t.Errorf("benchQuery = %q\nwant it to end with %q", got, want)
	}
}

// TestReportEvery: a long bench phase says how far it got, at what rate
// and how long is left, at each interval, and says nothing after stop.
func TestReportEvery(t *testing.T) {
	var buf lockedBuffer
	var done atomic.Int64
	done.Store(250)
	stop := reportEvery(&buf, 20*time.Millisecond, "ingest", 1000, &done)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(buf.String(), "\n") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	got := buf.String()
	if !strings.HasPrefix(got, "bench: ingest 250/1000 articles (25%) in ") || !strings.Contains(got, "articles/s, about ") {
		t.Fatalf("progress %q", got)
	}
	n := len(got)
	time.Sleep(60 * time.Millisecond)
	if len(buf.String()) != n {
		t.Errorf("wrote after stop: %q", buf.String()[n:])
	}
	if line := progressLine("x", 10, 10, 2*time.Second); line != "bench: x 10/10 articles (100%) in 2s, 5.0 articles/s" {
		t.Errorf("finished phase: %q", line)
	}
}
