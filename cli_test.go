package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/internal/corpus"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
)

// Tests of the command line itself (issue 14): flag parsing, help,
// version, completion, exit codes, progress and interruption. Commands run
// in process through run or env.execute.

// sampleDB ingests the sample articles into a new database and returns its
// path.
func sampleDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "g.db")
	mustCLI(t, "ingest", "--db", db, filepath.Join("testdata", "articles"))
	return db
}

func TestFlagsAfterArguments(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	// Flags after the arguments, and flags between them.
	_, errs := mustCLI(t, "ingest", filepath.Join("testdata", "articles"), "--db", db, "--workers=2")
	if !strings.Contains(errs, "5 added") {
		t.Fatalf("ingest with flags last: %s", errs)
	}
	if _, err := os.Stat("newsgraph.db"); err == nil {
		t.Error("ingest wrote ./newsgraph.db although --db came after the path")
	}
	out, _ := mustCLI(t, "query", "query($n: Int) { sources(first: $n) { totalCount } }", "--db", db, "--vars", `{"n": 1}`)
	var res struct {
		Data struct {
			Sources struct{ TotalCount int }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Data.Sources.TotalCount != 5 {
		t.Errorf("query with flags last: %v\n%s", err, out)
	}
	// "--" ends the flags: what follows is an argument even if it looks
	// like a flag.
	code, _, errs := cli(t, "delete", "--db", db, "--", "--not-a-flag")
	if code != exitRejected || !strings.Contains(errs, `"--not-a-flag"`) {
		t.Errorf("delete -- --not-a-flag: exit %d, %s", code, errs)
	}
}

func TestHelpOnStdout(t *testing.T) {
	var e env
	names := []string{""} // the root
	for _, c := range e.commands() {
		names = append(names, c.Name())
	}
	names = append(names, "completion", "completion bash", "completion zsh", "completion fish")
	for _, name := range names {
		for _, form := range []string{"--help", "-h", "help"} {
			args := strings.Fields(name)
			if form == "help" {
				args = append([]string{"help"}, args...)
			} else {
				args = append(args, form)
			}
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, out, errs := cli(t, args...)
				if code != exitOK || errs != "" {
					t.Fatalf("exit %d, stderr %q", code, errs)
				}
				want := "Usage: newsgraph " + name
				if name == "" {
					want = "Usage:\n  newsgraph ingest"
				}
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			})
		}
	}
}

func TestUsageErrors(t *testing.T) {
	db := sampleDB(t)
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no command", nil, "Usage:\n  newsgraph ingest"},
		{"unknown command", []string{"ingset", "x"}, `unknown command "ingset" (did you mean "ingest"?)`},
		{"unknown flag", []string{"ingest", "--fast", "x"}, "unknown flag: --fast"},
		{"flag without value", []string{"query", "{ sources { totalCount } }", "--db"}, "flag needs an argument"},
		{"bad int", []string{"ingest", "--workers", "many", "x"}, "--workers"},
		{"zero workers", []string{"ingest", "--db", db, "--workers", "0", "x"}, "--workers must be at least 1"},
		{"no path", []string{"ingest", "--db", db}, "no PATH given"},
		{"two queries", []string{"query", "--db", db, "{a}", "{b}"}, "want exactly one QUERY"},
		{"no format", []string{"export", "--db", db}, "--format is required"},
		{"unknown format", []string{"export", "--db", db, "--format", "png"}, "png"},
		{"stray argument", []string{"version", "now"}, `unexpected argument "now"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := cli(t, tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if !strings.Contains(errs, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, errs)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	out, _ := mustCLI(t, "version")
	for _, want := range []string{"newsgraph ", "\ncommit ", "\nextraction " + ingest.Version + "\n", "\ngo "} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
	flagOut, _ := mustCLI(t, "--version")
	if flagOut != out {
		t.Errorf("--version prints %q, version prints %q", flagOut, out)
	}
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "__start_newsgraph",
		"zsh":  "#compdef newsgraph",
		"fish": "complete -c newsgraph",
	} {
		out, _ := mustCLI(t, "completion", shell)
		if !strings.Contains(out, want) {
			t.Errorf("completion %s lacks %q", shell, want)
		}
	}
	// The scripts call back into the binary; what it answers is tested
	// here: flag values and command names.
	out, _ := mustCLI(t, "__complete", "export", "--format", "")
	for _, f := range formatNames() {
		if !strings.Contains(out, f+"\n") {
			t.Errorf("completing --format lacks %s:\n%s", f, out)
		}
	}
	out, _ = mustCLI(t, "__complete", "in")
	if !strings.Contains(out, "ingest\t") {
		t.Errorf("completing a command name: %s", out)
	}
}

func TestMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "folder")
	if err := os.Mkdir(notDB, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notDB, "notes.txt"), []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"query", "{ sources { totalCount } }"},
		{"export", "--format", "jsonl"},
		{"delete", "some-id"},
	}
	for _, path := range []string{filepath.Join(dir, "typo.db"), notDB} {
		for _, args := range commands {
			t.Run(args[0]+" "+filepath.Base(path), func(t *testing.T) {
				code, out, errs := cli(t, append(args, "--db", path)...)
				if code != exitRejected || out != "" {
					t.Errorf("exit %d, stdout %q", code, out)
				}
				if !strings.Contains(errs, "no database at "+path) {
					t.Errorf("stderr does not name %s: %s", path, errs)
				}
			})
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a reading command created the missing database: %v", err)
	}
	if ents, _ := os.ReadDir(notDB); len(ents) != 1 {
		t.Errorf("a reading command wrote into a folder that is not a database: %d entries", len(ents))
	}
}

func TestExportFileMode(t *testing.T) {
	db := sampleDB(t)
	out := filepath.Join(t.TempDir(), "graph.dot")
	mustCLI(t, "export", "--db", db, "--format", "dot", "-o", out)
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("export -o wrote mode %v, want 0644", fi.Mode().Perm())
	}
	if fi.Size() == 0 {
		t.Error("export -o wrote an empty file")
	}
}

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressBar(&buf, 5)
	p.add()
	line := buf.String()
	// done/total, the rate, and [elapsed:left].
	if !regexp.MustCompile(`ingest .*\(1/5, \d+ articles/s\) \[\d+s:\d+s\]`).MatchString(line) {
		t.Errorf("progress line %q lacks done/total, rate or ETA", line)
	}
	buf.Reset()
	p = newProgressBar(&buf, -1) // stdin: no total
	p.add()
	if !strings.Contains(buf.String(), "(1, ") || !strings.Contains(buf.String(), "articles/s") {
		t.Errorf("progress line without total: %q", buf.String())
	}
	var nilBar *ingestProgress
	nilBar.add() // a nil progress draws nothing and does not fail
	nilBar.clear()
}

func TestIngestShowsProgressOnTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, progress: true}
	if _, err := e.execute(context.Background(), []string{"ingest", "--db", db, filepath.Join("testdata", "articles")}); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	text := errb.String()
	if !strings.Contains(text, "/5, ") {
		t.Errorf("no done/total in the progress output: %q", text)
	}
	if !strings.HasSuffix(text, "\n") || !strings.Contains(text, "ingested 5 added") {
		t.Errorf("summary missing after the progress line: %q", text)
	}
	// Without a terminal there is no progress line.
	errb.Reset()
	e.progress = false
	if _, err := e.execute(context.Background(), []string{"ingest", "--db", db, filepath.Join("testdata", "articles")}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errb.String(), "articles/s") || strings.Contains(errb.String(), "\r") {
		t.Errorf("progress shown outside a terminal: %q", errb.String())
	}
}

// cancelOnWrite cancels a context at the first write that contains mark.
type cancelOnWrite struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	mark   string
	cancel func()
}

func (w *cancelOnWrite) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if bytes.Contains(p, []byte(w.mark)) {
		w.cancel()
	}
	return w.buf.Write(p)
}

func (w *cancelOnWrite) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func TestInterruptedIngestSummary(t *testing.T) {
	const n = 8
	dir := t.TempDir()
	corpusPath := filepath.Join(dir, "corpus.jsonl")
	corpus.WriteJSONL(t, corpusPath, corpus.Generate(t, "int", n, 7, 1))
	db := filepath.Join(dir, "g.db")

	// Ctrl-C as main delivers it: the context is cancelled with the signal
	// as its cause. It comes when the first article is stored (the first
	// progress line).
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stderr := &cancelOnWrite{mark: "ingest", cancel: func() { cancel(signalError{os.Interrupt}) }}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr, progress: true}
	name, err := e.execute(ctx, []string{"ingest", "--db", db, "--workers", "1", corpusPath})
	if code := e.exitCode(ctx, name, err); code != 130 {
		t.Fatalf("exit %d after Ctrl-C, want 130 (err %v)\n%s", code, err, stderr)
	}
	text := stderr.String()
	if strings.Contains(text, "context canceled") {
		t.Errorf("stderr shows the cancellation instead of a summary:\n%s", text)
	}
	m := regexp.MustCompile(`interrupted; committed before the stop: (\d+) added, 0 updated, 0 unchanged, 0 deleted, 0 rejected; nodes \+\d+ -0 \((\d+)\)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no summary of what was committed:\n%s", text)
	}
	var added int
	fmt.Sscan(m[1], &added)
	if added < 1 || added >= n {
		t.Fatalf("summary says %d of %d articles were stored; the stop came after the first", added, n)
	}

	// The summary is what the database holds, and finishing the run adds
	// exactly the rest.
	st, err := store.Open(context.Background(), store.DefaultOptions(db))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := st.SourceKeys(context.Background())
	if cerr := st.Check(context.Background()); cerr != nil {
		t.Errorf("store after the stop: %v", cerr)
	}
	st.Close()
	if err != nil || len(keys) != added {
		t.Fatalf("database holds %d articles (%v); the summary said %d", len(keys), err, added)
	}
	_, errs := mustCLI(t, "ingest", "--db", db, corpusPath)
	if want := fmt.Sprintf("ingested %d added, 0 updated, %d unchanged", n-added, added); !strings.Contains(errs, want) {
		t.Errorf("finishing the ingest: want %q in\n%s", want, errs)
	}
}

func TestExitCodeOfSignals(t *testing.T) {
	for _, tc := range []struct {
		sig  os.Signal
		want int
	}{{os.Interrupt, 130}, {syscall.SIGTERM, 143}} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(signalError{tc.sig})
		var errb bytes.Buffer
		e := &env{stderr: &errb}
		if got := e.exitCode(ctx, "newsgraph query", fmt.Errorf("read: %w", context.Canceled)); got != tc.want {
			t.Errorf("%v: exit %d, want %d", tc.sig, got, tc.want)
		}
		if !strings.Contains(errb.String(), "newsgraph query: interrupted") {
			t.Errorf("%v: stderr %q", tc.sig, errb.String())
		}
	}
}
