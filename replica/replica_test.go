package replica_test

import (
	"bytes"
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	testcorpus "github.com/newsgraph/newsgraph/internal/corpus"
	"github.com/newsgraph/newsgraph/internal/testenv"
	"github.com/newsgraph/newsgraph/replica"
)

// convergeTimeout is how long a replica may take to catch up: generous,
// for -race on a small shared machine; the wait ends as soon as it has.
const convergeTimeout = 3 * time.Minute

// writer is the writer's side of a test: its store appending to the stream.
type writer struct {
	st *store.Store
	w  *replica.Writer
}

func newWriter(t *testing.T, ctx context.Context, opt replica.Options) *writer {
	t.Helper()
	w, err := replica.NewWriter(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	st, err := store.Open(ctx, store.Options{Dir: t.TempDir(), Changelog: w})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &writer{st: st, w: w}
}

// follower is a running replica: its store, and Run's result.
type follower struct {
	dir  string
	st   *store.Store
	r    *replica.Replica
	stop context.CancelFunc
	done chan error
}

// startFollower opens the store in dir (a new one when dir is "") and runs
// a replica on it until stopped.
func startFollower(t *testing.T, opt replica.Options, dir string) *follower {
	return startFollowerFrom(t, opt, dir, 0)
}

// startFollowerFrom is startFollower; snapshot > 0 requires the replica to
// restore the snapshot covering that sequence before it runs.
func startFollowerFrom(t *testing.T, opt replica.Options, dir string, snapshot uint64) *follower {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, err := store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	r, err := replica.NewReplica(ctx, st, opt)
	if err != nil {
		t.Fatal(err)
	}
	if snapshot > 0 {
		ok, err := r.Bootstrap(ctx)
		if err != nil || !ok {
			t.Fatalf("bootstrap: restored %v, %v", ok, err)
		}
		if got := r.Status().Applied; got != snapshot {
			t.Fatalf("bootstrap: at %d, want the snapshot's %d", got, snapshot)
		}
	}
	f := &follower{dir: dir, st: st, r: r, stop: cancel, done: make(chan error, 1)}
	go func() { f.done <- r.Run(ctx) }()
	t.Cleanup(f.close)
	return f
}

// close stops the replica and closes its store; it can be called twice.
func (f *follower) close() {
	if f.stop == nil {
		return
	}
	f.stop()
	<-f.done
	f.r.Close()
	f.st.Close()
	f.stop = nil
}

// jsonl is the store's export in JSON Lines.
func jsonl(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Export(context.Background(), st, &b, export.Request{Format: export.JSONL}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// converge waits until every follower has applied the writer's last change,
// then requires each one's export to equal the writer's, byte for byte.
func converge(t *testing.T, w *writer, fs ...*follower) {
	t.Helper()
	want := w.w.Last()
	deadline := time.Now().Add(convergeTimeout)
	for _, f := range fs {
		for f.r.Status().Applied < want {
			select {
			case err := <-f.done:
				t.Fatalf("replica stopped at %d of %d: %v", f.r.Status().Applied, want, err)
			case <-time.After(20 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("replica applied %d of %d changes in %v", f.r.Status().Applied, want, convergeTimeout)
			}
		}
	}
	exp := jsonl(t, w.st)
	if len(exp) == 0 {
		t.Fatal("writer exports nothing")
	}
	for i, f := range fs {
		if got := jsonl(t, f.st); !bytes.Equal(got, exp) {
			t.Fatalf("replica %d: export differs from the writer's (%d bytes, want %d)", i+1, len(got), len(exp))
		}
		if err := f.st.Check(context.Background()); err != nil {
			t.Fatalf("replica %d: %v", i+1, err)
		}
	}
}

// killAfter is a store that calls kill once, after its n-th article.
type killAfter struct {
	*store.Store
	n    int
	kill func()
	put  atomic.Int64
}

func (k *killAfter) PutArticle(ctx context.Context, a *graph.Article) (graph.Change, error) {
	ch, err := k.Store.PutArticle(ctx, a)
	if k.put.Add(1) == int64(k.n) {
		k.kill()
	}
	return ch, err
}

// ingestAll ingests paths into st and requires every article stored.
func ingestAll(t *testing.T, ctx context.Context, st ingest.Store, paths ...string) *ingest.Report {
	t.Helper()
	p, err := ingest.New(ingest.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := p.Ingest(ctx, st, paths)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestReplicas runs a writer and two replicas on a 3-node JetStream
// cluster: the seeds and synthetic articles reach both, with a NATS node
// shut down mid-ingest; a deletion and a merge reach both; a replica
// stopped during an ingest catches up; a fresh replica bootstraps from the
// snapshot. After each step every replica's export equals the writer's.
func TestReplicas(t *testing.T) {
	n := 40
	if testenv.Full() {
		n = 500
	}
	ctx := context.Background()
	c := startCluster(t, 3)
	opt := replica.Options{URL: c.url(), Stream: "TEST", Replicas: 3}
	w := newWriter(t, ctx, opt)
	r1 := startFollower(t, opt, "")
	r2 := startFollower(t, opt, "")

	ingestAll(t, ctx, w.st, "../testdata/articles")
	converge(t, w, r1, r2)
	t.Logf("seeds: %d changes", w.w.Last())

	// One NATS node down mid-ingest: every article the writer stored
	// (acknowledged) reaches both replicas.
	path, corpus := testcorpus.SynthJSONL(t, n, 1)
	rep := ingestAll(t, ctx, &killAfter{Store: w.st, n: n / 4, kill: func() { c.stop(2) }}, path)
	t.Logf("node 3 went down after %d of %d articles", n/4, n)
	if rep.Added != n || rep.Rejected > 0 {
		t.Fatalf("synthetic ingest: %d added, %d rejected of %d", rep.Added, rep.Rejected, n)
	}
	converge(t, w, r1, r2)
	t.Logf("%d synthetic articles, a node down: %d changes", n, w.w.Last())
	c.start(2)

	// A deletion and a merge correction.
	keys, err := w.st.SourceKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cur := store.NewCurator(w.st, "")
	if _, err := cur.DeleteSource(ctx, keys[0]); err != nil {
		t.Fatal(err)
	}
	from, into := corpus.Person(1).Name, corpus.Person(0).Name
	if _, err := cur.Correct(ctx, graph.Correction{Op: graph.OpMerge, Entity: from, EntityType: graph.Person, Into: into}); err != nil {
		t.Fatal(err)
	}
	converge(t, w, r1, r2)
	if _, err := r1.st.SourceHash(ctx, keys[0]); !errors.Is(err, graph.ErrNotFound) {
		t.Fatalf("deleted %q still on replica 1: %v", keys[0], err)
	}
	if got := r2.st.Corrections().Len(); got != 1 {
		t.Fatalf("replica 2 has %d corrections, want the merge", got)
	}

	// A replica stopped while the writer ingests catches up on restart.
	r2.close()
	more, _ := testcorpus.SynthJSONL(t, max(n/4, 10), 2)
	ingestAll(t, ctx, w.st, more)
	r2 = startFollower(t, opt, r2.dir)
	converge(t, w, r1, r2)

	// A fresh replica starts from the snapshot, then the stream.
	seq, err := w.w.Snapshot(ctx, w.st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cur.DeleteSource(ctx, keys[1]); err != nil {
		t.Fatal(err)
	}
	r3 := startFollowerFrom(t, opt, "", seq)
	converge(t, w, r1, r2, r3)
}
