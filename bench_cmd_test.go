package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/newsgraph/newsgraph/ingest"
	"os"
	"strings"
	"testing"
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
