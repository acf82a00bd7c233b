package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// Helpers of the command's tests: a once-built newsgraph binary, running
// it, and reading its output.

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
