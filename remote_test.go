package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/corpus"
)

// elapsedRE is the time at the end of an ingest summary.
var elapsedRE = regexp.MustCompile(` in [0-9.]+(µs|ms|s|m[0-9.]*s)$`)

// summaryLines is an ingest's stderr without the elapsed time, rejection
// lines sorted (articles run in parallel, on both sides).
func summaryLines(stderr []byte) []string {
	lines := strings.Split(strings.TrimSpace(string(stderr)), "\n")
	for i, l := range lines {
		lines[i] = elapsedRE.ReplaceAllString(l, "")
	}
	slices.Sort(lines)
	return lines
}

// TestIngestServer ingests the same inputs, good and bad, into a local
// database and through `ingest --server` into a served one: the output
// (rejections by input name, summary) and exit status are the same, on
// the first ingest and on an unchanged re-ingest, and the two databases
// export byte-identical graphs. Without the token the server refuses.
func TestIngestServer(t *testing.T) {
	bin := newsgraphBinary(t)
	ctx := context.Background()
	dir := t.TempDir()
	gen := filepath.Join(dir, "gen.jsonl")
	corpus.WriteJSONL(t, gen, corpus.Generate(t, "remote", 6, 7, 1))
	inputs := []string{"testdata/articles", "testdata/bad/invalid_utf8.txt", "testdata/bad/broken.jsonl", gen}
	local, served := filepath.Join(dir, "local.db"), filepath.Join(dir, "served.db")

	srv, endpoint := startServe(ctx, t, bin, served, "--token", "sesame")
	url := strings.TrimSuffix(endpoint, "/graphql")
	for round, wantCode := range []int{1, 1} {
		_, lerr, lcode := runBinary(ctx, t, bin, append([]string{"ingest", "--db", local}, inputs...)...)
		_, rerr, rcode := runBinary(ctx, t, bin, append([]string{"ingest", "--server", url, "--token", "sesame"}, inputs...)...)
		if lcode != wantCode || rcode != wantCode {
			t.Fatalf("round %d: exit %d local, %d --server, want %d\nlocal:\n%s\n--server:\n%s", round, lcode, rcode, wantCode, lerr, rerr)
		}
		l, r := summaryLines(lerr), summaryLines(rerr)
		if !slices.Equal(l, r) {
			t.Errorf("round %d: --server said\n%s\nwant (local)\n%s", round, strings.Join(r, "\n"), strings.Join(l, "\n"))
		}
		if round == 1 && !strings.Contains(string(rerr), "ingested 0 added, 0 updated") {
			t.Errorf("round %d: re-ingest added articles:\n%s", round, rerr)
		}
	}
	// Only good inputs: exit 0 on both sides.
	_, rerr, rcode := runBinary(ctx, t, bin, "ingest", "--server", url, "--token", "sesame", "testdata/articles")
	if rcode != 0 || !strings.Contains(string(rerr), "5 unchanged") {
		t.Errorf("ingest --server of stored articles: exit %d\n%s", rcode, rerr)
	}
	_, rerr, rcode = runBinary(ctx, t, bin, "ingest", "--server", url, "testdata/articles")
	if rcode != 1 || !strings.Contains(string(rerr), "401") {
		t.Errorf("ingest --server without token: exit %d, want 1 and the 401\n%s", rcode, rerr)
	}
	_, _, rcode = runBinary(ctx, t, bin, "ingest", "--server", url, "--dry-run", "testdata/articles")
	if rcode != 2 {
		t.Errorf("ingest --server --dry-run: exit %d, want 2 (usage)", rcode)
	}
	stopServe(t, srv)

	lout, lerr, lcode := runBinary(ctx, t, bin, "export", "--db", local, "--format", "jsonl")
	rout, rerr, rcode := runBinary(ctx, t, bin, "export", "--db", served, "--format", "jsonl")
	if lcode != 0 || rcode != 0 {
		t.Fatalf("export: exit %d and %d\n%s\n%s", lcode, rcode, lerr, rerr)
	}
	if len(lout) == 0 || !bytes.Equal(lout, rout) {
		t.Errorf("exports differ: local %d bytes, served %d bytes", len(lout), len(rout))
	}
}
