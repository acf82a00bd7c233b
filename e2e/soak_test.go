package e2e

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

var soak = flag.Duration("soak", 0, "run TestSoak for this long (0 skips it)")

// soakQueries are what the soak loop asks after every batch.
var soakQueries = []string{
	corpus.Query,
	`{ entities(type: PERSON, first: 50) { totalCount edges { node { name aliases titles
	     meetings(first: 10) { totalCount edges { node { date participants { name } } } } } } } }`,
	`{ events(first: 50) { edges { node { name kind date disruptedBy { name } disrupted { name } } } } }`,
	`{ graph(depth: 2, limit: 200) { nodes { id } edges { type } } }`,
}

// TestSoak mixes ingest of new and modified articles, deletes and queries
// on an on-disk store until -soak elapses (skipped without it). It checks
// the store's invariants every 25 batches and that the stored sources are
// the ones written; and that memory stays flat: the heap in use after a GC,
// sampled every 10s (more often in short soaks), has a median at most 1.5x
// as high in the second half of the run after warm-up (the first fifth)
// as in the first half, and goroutines do not pile up.
func TestSoak(t *testing.T) {
	if *soak <= 0 {
		t.Skip("soak test: run with -soak DURATION, e.g. go test -run Soak -soak 10m")
	}
	dur := *soak
	if dl, ok := t.Deadline(); ok && time.Until(dl)-time.Minute < dur {
		// go test's -timeout (10m by default) would kill the run.
		dur = time.Until(dl) - time.Minute
		t.Logf("soaking %v only, to end before -timeout; pass -timeout %v for the whole %v", dur.Round(time.Second), *soak+2*time.Minute, *soak)
	}
	ctx := context.Background()
	opt := store.DefaultOptions(filepath.Join(t.TempDir(), "db"))
	st, err := store.Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := ingest.New(ingest.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := schema.New(st, schema.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	const pool, batch, versions = 80, 8, 6
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(99, 1))
	stored := map[string]bool{} // ids in the store
	var samples []uint64        // heap in use after a GC
	var routines []int          // goroutines
	sample := min(10*time.Second, dur/24)
	start := time.Now()
	warm := start.Add(dur / 5)
	next := start
	var totals ingest.Report
	deletes, queries, checks, batches := 0, 0, 0, 0
	for time.Since(start) < dur {
		if now := time.Now(); !now.Before(next) {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			samples = append(samples, ms.HeapInuse)
			routines = append(routines, runtime.NumGoroutine())
			t.Logf("%v: heap in use %.1f MiB, %d goroutines, %d sources stored, %d batches, %d deletes, %d queries",
				now.Sub(start).Round(time.Second), float64(ms.HeapInuse)/(1<<20), runtime.NumGoroutine(), len(stored), batches, deletes, queries)
			next = next.Add(sample)
		}
		// Ingest a batch: new articles, and new versions of stored ones.
		var arts []corpus.Article
		for range batch {
			arts = append(arts, corpus.GenerateArticle(t, "soak", rng.IntN(pool), 99, 1+rng.IntN(versions)))
		}
		path := filepath.Join(dir, fmt.Sprintf("batch-%d.jsonl", batches%4))
		corpus.WriteJSONL(t, path, arts)
		rep, err := p.Ingest(ctx, st, []string{path})
		if err != nil {
			t.Fatalf("batch %d: %v", batches, err)
		}
		if rep.Rejected > 0 {
			t.Fatalf("batch %d: rejected %v", batches, rep.Rejections)
		}
		totals.Added += rep.Added
		totals.Updated += rep.Updated
		totals.Unchanged += rep.Unchanged
		for _, a := range arts {
			stored[a.ID] = true
		}
		batches++
		// Delete a few.
		for range 2 {
			id := fmt.Sprintf("soak-%03d", rng.IntN(pool))
			_, err := st.DeleteSource(ctx, id)
			switch {
			case err == nil:
				if !stored[id] {
					t.Fatalf("deleted %s, which was not stored", id)
				}
				delete(stored, id)
				deletes++
			case errors.Is(err, graph.ErrNotFound):
				if stored[id] {
					t.Fatalf("delete %s: %v, but it was stored", id, err)
				}
			default:
				t.Fatalf("delete %s: %v", id, err)
			}
		}
		for _, q := range soakQueries {
			res := ex.Do(ctx, schema.Request{Query: q})
			if len(res.Errors) > 0 {
				t.Fatalf("batch %d: query %s: %v", batches, q, res.Errors)
			}
			queries++
		}
		if batches%25 == 0 {
			if err := st.Check(ctx); err != nil {
				t.Fatalf("batch %d: %v", batches, err)
			}
			srcs, err := st.Sources(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, s := range srcs {
				got = append(got, s.Key)
			}
			for id := range stored {
				want = append(want, id)
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("batch %d: stored sources %v, want %v", batches, got, want)
			}
			checks++
		}
	}
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	samples = append(samples, ms.HeapInuse)
	routines = append(routines, runtime.NumGoroutine())
	t.Logf("%v: %d batches (%d added, %d updated, %d unchanged), %d deletes, %d queries, %d checks",
		time.Since(start).Round(time.Second), batches, totals.Added, totals.Updated, totals.Unchanged, deletes, queries, checks+1)
	var mib []string
	base := len(samples)
	for i, s := range samples {
		mib = append(mib, fmt.Sprintf("%.1f", float64(s)/(1<<20)))
		if base == len(samples) && !start.Add(time.Duration(i)*sample).Before(warm) {
			base = i
		}
	}
	t.Logf("heap in use after GC (MiB), every %v: %v; goroutines %v", sample, mib, routines)
	// Badger's memtables (32 MiB arenas, allocated whole) come and go as
	// they fill and flush, and a flush or compaction briefly holds tables
	// being built, so single samples swing by tens of MiB: compare the
	// medians of the first and second halves of the samples after warm-up.
	after := samples[base:]
	if len(after) < 6 {
		t.Logf("too few samples after warm-up to judge memory")
		return
	}
	median := func(xs []uint64) float64 {
		xs = slices.Clone(xs)
		slices.Sort(xs)
		return float64(xs[len(xs)/2]) / (1 << 20)
	}
	first, second := median(after[:len(after)/2]), median(after[len(after)/2:])
	t.Logf("heap after warm-up: median %.1f MiB, then %.1f MiB", first, second)
	if second > 1.5*first {
		t.Errorf("heap grew from a median of %.1f MiB to %.1f MiB", first, second)
	}
	if r0, r1 := routines[base], routines[len(routines)-1]; r1 > r0+20 {
		t.Errorf("goroutines grew from %d to %d", r0, r1)
	}
}
