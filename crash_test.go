package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/internal/corpus"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

var long = flag.Bool("long", false, "crash test: 200 kills of a 300-article corpus")

// TestCrashRecovery kills `newsgraph ingest` with SIGKILL at random moments
// (fixed seed; 4 kills, 20 with NEWSGRAPH_FULL_TESTS, 200 with -long) and checks after every kill that the database opens, passes
// Check, and holds every article whole or not at all: each stored source's
// fingerprint (see fingerprint) equals the one of the version of the article
// its stored hash names. The ingest then restarts and resumes, skipping
// what is stored. The corpusPath comes in two versions with the same ids,
// ingested in turn, so kills also land in the middle of updates. At the end
// the export of the crashed database must equal, byte for byte, that of a
// fresh database given the final version once, uninterrupted.
func TestCrashRecovery(t *testing.T) {
	bin := newsgraphBinary(t)
	ctx := context.Background()
	// Short form by default; CI's (NEWSGRAPH_FULL_TESTS) is 20 kills of a
	// 300-article corpus, -long 200 kills.
	articles, kills := 60, 4
	switch {
	case *long:
		articles, kills = 300, 200
	case testenv.Full():
		articles, kills = 300, 20
	}
	if raceEnabled {
		articles /= 2 // the checks after each kill run in this process
	}
	dir := t.TempDir()
	const versions = 2
	var corpora, refs []string
	for v := 1; v <= versions; v++ {
		p := filepath.Join(dir, fmt.Sprintf("corpusPath-v%d.jsonl", v))
		corpus.WriteJSONL(t, p, corpus.Generate(t, "crash", articles, 7, v))
		corpora = append(corpora, p)
	}

	// What each version of each article looks like: its fingerprint in a
	// database that got that version of the corpusPath uninterrupted. The
	// fingerprint does not depend on the other sources stored; checked on
	// a sample of articles against a store holding the article alone.
	start := time.Now()
	expected := map[string]corpus.Fingerprint{}
	versionOf := map[string]int{}
	var runTime time.Duration // of one uninterrupted ingest
	facts := 0
	for v, p := range corpora {
		ref := filepath.Join(dir, fmt.Sprintf("ref-v%d", v+1))
		rs := time.Now()
		if _, errOut, code := runBinary(ctx, t, bin, "ingest", "--db", ref, p); code != 0 {
			t.Fatalf("reference ingest: exit %d\n%s", code, errOut)
		}
		refs = append(refs, ref)
		runTime = max(runTime, time.Since(rs))
		st, err := store.Open(ctx, store.DefaultOptions(ref))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Check(ctx); err != nil {
			t.Errorf("reference: %v", err)
		}
		snap, err := st.Snapshot(ctx)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		for key, f := range corpus.Fingerprints(snap) {
			facts += len(f) - 1
			hash := corpus.SourceHash(snap, key)
			expected[hash] = f
			versionOf[hash] = v
		}
	}
	if facts < 10*len(expected) {
		t.Fatalf("%d article versions give %d fingerprint facts: too few to tell whole articles from partial ones", len(expected), facts)
	}
	if len(expected) != versions*articles {
		t.Fatalf("%d distinct hashes among %d article versions: the corpusPath varies too little", len(expected), versions*articles)
	}
	sample := filepath.Join(dir, "sample.jsonl")
	var sampled []corpus.Article
	for v := 1; v <= versions; v++ {
		sampled = append(sampled, corpus.Generate(t, "crash", 8, 7, v)...)
	}
	corpus.WriteJSONL(t, sample, sampled)
	for hash, f := range corpus.SoloFingerprints(ctx, t, extractedArticles(ctx, t, bin, sample)) {
		if !slices.Equal(f, expected[hash]) {
			t.Fatalf("an article's fingerprint depends on the other sources stored:\nalone %v\n  all %v", f, expected[hash])
		}
	}
	t.Logf("reference ingests of %d article versions (%d facts) in %v (one run: %v)",
		len(expected), facts, time.Since(start).Round(time.Millisecond), runTime.Round(time.Millisecond))

	db := filepath.Join(dir, "db")
	rng := rand.New(rand.NewPCG(2023, 6))
	phase, killed, terms, completed := 0, 0, 0, 0
	var verifyTime time.Duration
	before := 0 // sources already holding the current version
	for killed < kills {
		corpusPath := corpora[phase%versions]
		current := phase % versions
		// Kills at random moments of up to 40% of a whole run, so that
		// each version takes several kills to get through however fast
		// (or loaded) the machine is.
		delay := time.Duration(rng.Float64() * 0.4 * float64(runTime))
		cmd := exec.Command(bin, "ingest", "--db", db, "--workers", "2", corpusPath)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			// The run finished first: it must have skipped exactly the
			// articles already stored in this version.
			if err != nil {
				t.Fatalf("ingest %s: %v\n%s", corpusPath, err, stderr.Bytes())
			}
			checkSummary(t, stderr.String(), articles, before)
			completed++
			phase++
			before = 0 // versions share no hash
			continue
		case <-time.After(delay):
			// Mostly SIGKILL; sometimes SIGTERM, which must stop the
			// ingest cleanly and soon (not so early that the process
			// has yet to install its signal handler).
			sig := syscall.SIGKILL
			if rng.IntN(5) == 0 && delay > 300*time.Millisecond {
				sig = syscall.SIGTERM
			}
			if err := cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("ingest still running 10s after %v", sig)
			}
			var ee *exec.ExitError
			if sig == syscall.SIGTERM {
				if errors.As(err, &ee) && !ee.Exited() {
					t.Fatalf("ingest died of SIGTERM instead of stopping: %v\n%s", err, stderr.Bytes())
				}
				if err == nil { // finished before it saw the signal
					checkSummary(t, stderr.String(), articles, before)
					completed++
					phase++
					before = 0
					continue
				}
				terms++
				before = verifyCrashedDB(ctx, t, db, expected, versionOf, current)
				continue
			}
			if err == nil {
				// Exited successfully just before the signal.
				checkSummary(t, stderr.String(), articles, before)
				completed++
				phase++
				before = 0
				continue
			}
			if !errors.As(err, &ee) {
				t.Fatal(err)
			}
			if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
				// It failed on its own, before the kill.
				t.Fatalf("ingest %s: %v\n%s", corpusPath, err, stderr.Bytes())
			}
			killed++
		}
		vs := time.Now()
		before = verifyCrashedDB(ctx, t, db, expected, versionOf, current)
		verifyTime += time.Since(vs)
		t.Logf("kill %d after %v: %d of %d articles in version %d stored (verified in %v)",
			killed, delay.Round(time.Millisecond), before, articles, current+1, time.Since(vs).Round(time.Millisecond))
		if t.Failed() {
			t.Fatalf("after %d kills (phase %d, last delay %v)", killed, phase, delay)
		}
	}
	// Finish the current version, then compare with an uninterrupted run.
	final := phase % versions
	_, errOut, code := runBinary(ctx, t, bin, "ingest", "--db", db, corpora[final])
	if code != 0 {
		t.Fatalf("final ingest: exit %d\n%s", code, errOut)
	}
	checkSummary(t, string(errOut), articles, before)
	t.Logf("%d kills, %d SIGTERMs, %d runs completed, %d corpusPath versions ingested; verification %v in all",
		killed, terms, completed+1, phase+1, verifyTime.Round(time.Millisecond))

	got := exportJSONL(ctx, t, bin, db)
	want := exportJSONL(ctx, t, bin, refs[final])
	if !bytes.Equal(got, want) {
		t.Errorf("export of the crashed database differs from an uninterrupted ingest (%d vs %d bytes); first difference: %s",
			len(got), len(want), firstExportDiff(got, want))
	}
}

// verifyCrashedDB opens db, runs Check, compares every source's fingerprint with
// the expected one for its stored hash, and returns how many sources hold
// version current.
func verifyCrashedDB(ctx context.Context, t *testing.T, db string, expected map[string]corpus.Fingerprint, versionOf map[string]int, current int) int {
	t.Helper()
	st, err := store.Open(ctx, store.DefaultOptions(db))
	if err != nil {
		t.Fatalf("open after crash: %v", err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		t.Errorf("after crash: %v", err)
	}
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatalf("snapshot after crash: %v", err)
	}
	n, bad := 0, 0
	for key, got := range corpus.Fingerprints(snap) {
		hash := corpus.SourceHash(snap, key)
		want, ok := expected[hash]
		switch {
		case !ok:
			t.Errorf("source %s: stored hash %s is no version of the article", key, hash)
		case !slices.Equal(got, want):
			bad++
			if bad <= 3 {
				t.Errorf("source %s is not whole:\n got %v\nwant %v", key, got, want)
			}
		}
		if ok && versionOf[hash] == current {
			n++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d sources differ from their article stored alone", bad, len(snap.Sources))
	}
	return n
}

var summaryRE = regexp.MustCompile(`ingested (\d+) added, (\d+) updated, (\d+) unchanged, .*?(\d+) rejected`)

// checkSummary checks an ingest's summary line: all n articles handled,
// none rejected, and exactly the ones stored before skipped as unchanged.
func checkSummary(t *testing.T, stderr string, n, unchanged int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary in ingest output:\n%s", stderr)
	}
	var c [4]int
	for i := range c {
		c[i], _ = strconv.Atoi(m[i+1])
	}
	if c[0]+c[1]+c[2] != n || c[3] != 0 || c[2] != unchanged {
		t.Errorf("ingest summary %q: want %d articles, %d of them unchanged (already stored), none rejected", m[0], n, unchanged)
	}
}

func exportJSONL(ctx context.Context, t *testing.T, bin, db string) []byte {
	t.Helper()
	out, errOut, code := runBinary(ctx, t, bin, "export", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("export %s: exit %d\n%s", db, code, errOut)
	}
	return out
}

// firstExportDiff shows the first differing line of two exports.
func firstExportDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return fmt.Sprintf("line %d:\n got %.400s\nwant %.400s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("one is a prefix of the other (%d vs %d lines)", len(la), len(lb))
}
