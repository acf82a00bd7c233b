package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// permutations returns every order of xs.
func permutations(xs []string) [][]string {
	if len(xs) <= 1 {
		return [][]string{slices.Clone(xs)}
	}
	var out [][]string
	for i := range xs {
		rest := append(slices.Clone(xs[:i]), xs[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{xs[i]}, p...))
		}
	}
	return out
}

// exportOf ingests batches, in order, into a new in-memory store with the
// given workers and corrections, and returns the JSONL export.
func exportOf(t *testing.T, p *ingest.Pipeline, corr *graph.Corrections, batches ...[]string) []byte {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SetCorrections(ctx, corr); err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		rep, err := p.Ingest(ctx, st, b)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rejected > 0 {
			t.Fatalf("rejected: %v", rep.Rejections)
		}
	}
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w, err := export.Writer("jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w(&buf, snap); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDeterminism ingests the seeds in all 120 orders (with
// NEWSGRAPH_FULL_TESTS, as CI runs it; else every tenth), each with 1 and
// with 4 workers, and every tenth order also in two batches and with
// corrections, and requires byte-identical JSONL exports.
func TestDeterminism(t *testing.T) {
	dir := filepath.Join("..", "testdata", "articles")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range ents {
		files = append(files, filepath.Join(dir, e.Name()))
	}
	if len(files) != 5 {
		t.Fatalf("want the 5 seed articles, found %d", len(files))
	}
	corr := &graph.Corrections{Corrections: []graph.Correction{
		{Op: graph.OpMerge, Entity: "Qin Gang", Into: "Wang Yi"},
		{Op: graph.OpRename, Entity: "Antony Blinken", Name: "Tony Blinken"},
		{Op: graph.OpAlias, Entity: "Beijing", Alias: "Peking"},
	}}
	pipes := map[int]*ingest.Pipeline{}
	for _, w := range []int{1, 4} {
		if pipes[w], err = ingest.New(ingest.Options{Workers: w}); err != nil {
			t.Fatal(err)
		}
	}
	orders := permutations(files)
	if len(orders) != 120 {
		t.Fatalf("%d orders", len(orders))
	}
	stride := 10 // a sample: every tenth order, the ones also tried in batches and corrected
	if testenv.Full() {
		stride = 1
	}
	if testing.Short() {
		orders = orders[:12]
	}
	for _, c := range []struct {
		name  string
		corr  *graph.Corrections
		every int // orders tried: every stride-th, or every tenth
	}{{"plain", nil, stride}, {"corrected", corr, 10}} {
		t.Run(c.name, func(t *testing.T) {
			want := exportOf(t, pipes[1], c.corr, files)
			for i, order := range orders {
				if i%c.every != 0 {
					continue
				}
				for _, w := range []int{1, 4} {
					got := exportOf(t, pipes[w], c.corr, order)
					if !bytes.Equal(got, want) {
						t.Fatalf("order %d %v with %d workers: export differs:\n%s", i, order, w, firstDiffLine(string(want), string(got)))
					}
				}
				if i%10 != 0 {
					continue
				}
				// The same order in two batches, split where the order's
				// index says.
				k := 1 + (i/10)%(len(order)-1)
				if got := exportOf(t, pipes[4], c.corr, order[:k], order[k:]); !bytes.Equal(got, want) {
					t.Fatalf("order %d %v in batches of %d and %d: export differs:\n%s", i, order, k, len(order)-k, firstDiffLine(string(want), string(got)))
				}
			}
		})
	}
}

// firstDiffLine returns the first line where a and b differ, with its number.
func firstDiffLine(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return "(none)"
}
