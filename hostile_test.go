package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeStartChecks: serve refuses at start what used to fail later
// (issue 13): an unwritable corrections file when mutations are on, and
// a token file it cannot read.
func TestServeStartChecks(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "file")
	if err := os.WriteFile(notADir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unwritable corrections", []string{"--token", "t", "--corrections", filepath.Join(dir, "no-such-dir", "c.json")}, exitRejected, "is not writable"},
		{"missing token file", []string{"--token-file", filepath.Join(dir, "nope")}, exitUsage, "--token-file"},
		{"empty token file", []string{"--token-file", notADir + "-empty"}, exitUsage, "--token-file"},
	}
	if err := os.WriteFile(notADir+"-empty", []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Without the check, serve would start serving: the deadline ends it.
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var stderr bytes.Buffer
			args := append([]string{"serve", "--db", filepath.Join(t.TempDir(), "g.db"), "--addr", "127.0.0.1:0"}, tc.args...)
			code := run(ctx, args, strings.NewReader(""), &bytes.Buffer{}, &stderr)
			if ctx.Err() != nil || code != tc.code || !strings.Contains(stderr.String(), tc.msg) {
				t.Errorf("exit %d (deadline: %v), stderr %s; want exit %d with %q", code, ctx.Err(), stderr.String(), tc.code, tc.msg)
			}
		})
	}
}

// TestSigtermStopsPromptly: SIGTERM ends serve under hostile requests, and
// an ingest stuck in a pathological article, within 2 s (issue 13).
func TestSigtermStopsPromptly(t *testing.T) {
	bin := newsgraphBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	stop := func(t *testing.T, cmd *exec.Cmd) time.Duration {
		t.Helper()
		start := time.Now()
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("still running 20 s after SIGTERM")
		}
		el := time.Since(start)
		t.Logf("exited %v after SIGTERM", el.Round(time.Millisecond))
		return el
	}

	t.Run("serve", func(t *testing.T) {
		cmd, endpoint := startServe(ctx, t, bin, filepath.Join(t.TempDir(), "g.db"))
		body := `{"query":"{ sources { totalCount ` + strings.Repeat("@include(if: true) ", 50_000) + `} }"}`
		rctx, rcancel := context.WithCancel(ctx)
		defer rcancel()
		for range 8 {
			go func() {
				for rctx.Err() == nil {
					req, _ := http.NewRequestWithContext(rctx, http.MethodPost, endpoint, strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					if resp, err := http.DefaultClient.Do(req); err == nil {
						resp.Body.Close()
					}
				}
			}()
		}
		time.Sleep(500 * time.Millisecond)
		if el := stop(t, cmd); el > 2*time.Second {
			t.Errorf("serve exited %v after SIGTERM, want under 2 s", el)
		}
	})

	t.Run("ingest of a pathological article", func(t *testing.T) {
		dir := t.TempDir()
		art := filepath.Join(dir, "patho.txt")
		if err := os.WriteFile(art, []byte(strings.Repeat("Smith met with Jones and Brown and Lee on Monday in Paris; ", (2<<20-4096)/60)), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.CommandContext(ctx, bin, "ingest", "--db", filepath.Join(dir, "g.db"), art)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(3 * time.Second) // well into the extraction
		if el := stop(t, cmd); el > 2*time.Second {
			t.Errorf("ingest exited %v after SIGTERM, want under 2 s", el)
		}
	})
}

// TestTokenFile: a token given with --token-file authorizes mutations and
// is not on the command line other users see in ps (issue 13); --help
// says why to prefer it.
func TestTokenFile(t *testing.T) {
	bin := newsgraphBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const token = "file-token-4d1f"
	file := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(file, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, endpoint := startServe(ctx, t, bin, filepath.Join(t.TempDir(), "g.db"), "--token-file", file)
	defer stopServe(t, cmd)
	if b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(cmd.Process.Pid), "cmdline")); err == nil && bytes.Contains(b, []byte(token)) {
		t.Errorf("the token is on the command line: %q", b)
	}
	mutation := `{"query":"mutation { deleteSource(id: \"no-such-article\") { key } }"}`
	if code, body := httpDo(ctx, t, http.MethodPost, endpoint, "wrong", mutation); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d %s, want 401", code, body)
	}
	code, body := httpDo(ctx, t, http.MethodPost, endpoint, token, mutation)
	if code == http.StatusUnauthorized || code == http.StatusForbidden || !bytes.Contains(body, []byte("no-such-article")) {
		t.Errorf("token from the file: %d %s, want the mutation run (and its source not found)", code, body)
	}
	stdout, _, _ := runBinary(ctx, t, bin, "serve", "--help")
	if !bytes.Contains(stdout, []byte("--token-file")) || !bytes.Contains(stdout, []byte(" ps")) {
		t.Errorf("serve --help does not point to --token-file against ps:\n%s", stdout)
	}
}
