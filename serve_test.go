package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/internal/corpus"
)

// inUse is what a command says when another process holds the database.
const inUse = "is in use by another newsgraph process"

// TestServeAndIngestSameDB runs a second newsgraph process on a database
// another one holds, both ways round: `serve` holding it while `ingest`,
// `query` and `export` try, and an `ingest` (reading stdin, so it stays
// open) holding it while `serve` and another `ingest` try. The second
// process must fail at once with exit status 1 and a message saying the
// database is in use; the first must carry on; Check passes after.
func TestServeAndIngestSameDB(t *testing.T) {
	bin := newsgraphBinary(t)
	ctx := context.Background()
	dir := t.TempDir()
	corpusPath := filepath.Join(dir, "corpus.jsonl")
	arts := corpus.Generate(t, "samedb", 6, 3, 1)
	corpus.WriteJSONL(t, corpusPath, arts)

	t.Run("serve holds", func(t *testing.T) {
		db := filepath.Join(dir, "db1")
		if _, errOut, code := runBinary(ctx, t, bin, "ingest", "--db", db, corpusPath); code != 0 {
			t.Fatalf("ingest: exit %d\n%s", code, errOut)
		}
		srv, endpoint := startServe(ctx, t, bin, db)
		for _, args := range [][]string{
			{"ingest", "--db", db, corpusPath},
			{"ingest", "--db", db, "--dry-run", corpusPath},
			{"query", "--db", db, "{ sources { totalCount } }"},
			{"export", "--db", db, "--format", "jsonl"},
			{"serve", "--db", db, "--addr", "127.0.0.1:0"},
		} {
			expectInUse(ctx, t, bin, args...)
		}
		// The server still answers, and sees what was ingested.
		var out struct {
			Data struct {
				Sources struct{ TotalCount int } `json:"sources"`
			} `json:"data"`
		}
		postGraphQL(ctx, t, endpoint, `{ sources { totalCount } }`, &out)
		if out.Data.Sources.TotalCount != len(arts) {
			t.Errorf("server sees %d sources, want %d", out.Data.Sources.TotalCount, len(arts))
		}
		stopServe(t, srv)
		checkStoreAt(ctx, t, db, len(arts))
	})

	t.Run("ingest holds", func(t *testing.T) {
		db := filepath.Join(dir, "db2")
		cmd := exec.CommandContext(ctx, bin, "ingest", "--db", db, "-")
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		waitLocked(t, cmd.Process.Pid, db)
		for _, args := range [][]string{
			{"serve", "--db", db, "--addr", "127.0.0.1:0"},
			{"serve", "--db", db, "--addr", "127.0.0.1:0", "--ingest", corpusPath},
			{"ingest", "--db", db, corpusPath},
			{"query", "--db", db, "{ sources { totalCount } }"},
		} {
			expectInUse(ctx, t, bin, args...)
		}
		// The first ingest carries on: feed it the corpusPath and close stdin.
		b, err := os.ReadFile(corpusPath)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := stdin.Write(b); err != nil {
			t.Fatal(err)
		}
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("ingest from stdin: %v\n%s", err, stderr.Bytes())
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("ingest from stdin did not finish in 60s\n%s", stderr.Bytes())
		}
		checkStoreAt(ctx, t, db, len(arts))
	})
}

// expectInUse runs the binary and requires a quick exit 1 that says the
// database is in use.
func expectInUse(ctx context.Context, t *testing.T, bin string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	start := time.Now()
	out, errOut, code := runBinary(ctx, t, bin, args...)
	took := time.Since(start)
	switch {
	case ctx.Err() != nil:
		t.Errorf("%s: still running after 20s (hangs on a locked database)", strings.Join(args, " "))
	case code != 1 || !strings.Contains(string(errOut), inUse):
		t.Errorf("%s: exit %d, stderr %q, stdout %.200q; want exit 1 saying the database %s",
			strings.Join(args, " "), code, errOut, out, inUse)
	case took > 5*time.Second:
		t.Errorf("%s: took %v to report the database in use", strings.Join(args, " "), took)
	}
}

var endpointRE = regexp.MustCompile(`endpoint=(http://\S+/graphql)`)

// startServe starts `newsgraph serve` on a free port and returns it with
// its GraphQL endpoint, read from its log; extra are more serve flags.
func startServe(ctx context.Context, t *testing.T, bin, db string, extra ...string) (*exec.Cmd, string) {
	t.Helper()
	log := newLineReader()
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, extra...)...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	line := log.waitFor(wctx, endpointRE.MatchString)
	if line == "" {
		t.Fatalf("serve did not report its address in 30s; log:\n%s", log)
	}
	return cmd, endpointRE.FindStringSubmatch(line)[1]
}

// stopServe stops the server with SIGTERM and waits for a clean exit.
func stopServe(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v; log:\n%s", err, cmd.Stderr)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not stop within 20s of SIGTERM")
	}
}

func postGraphQL(ctx context.Context, t *testing.T, endpoint, query string, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %s: %s", endpoint, resp.Status, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// waitLocked waits until process pid holds db's lock, so the next process
// is sure to find the database in use: Badger writes the holder's pid to
// DIR/LOCK right after it takes the lock.
func waitLocked(t *testing.T, pid int, db string) {
	t.Helper()
	want := fmt.Sprintf("%d\n", pid)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(db, "LOCK")); err == nil && string(b) == want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("process %d did not lock %s within 30s", pid, db)
}

// checkStoreAt opens db, runs Check and counts its sources.
func checkStoreAt(ctx context.Context, t *testing.T, db string, sources int) {
	t.Helper()
	st, err := store.Open(ctx, store.DefaultOptions(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		t.Error(err)
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != sources {
		t.Errorf("%d sources stored, want %d", len(srcs), sources)
	}
}
