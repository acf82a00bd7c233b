package store_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/store"
)

// fakeLog is a Changelog in memory that can be told to fail.
type fakeLog struct {
	fail     bool
	attempts []string // message IDs, every try
	ids      []string // message IDs taken, in order
	data     [][]byte
}

func (l *fakeLog) Append(_ context.Context, id string, data []byte) error {
	l.attempts = append(l.attempts, id)
	if l.fail {
		return errors.New("stream unreachable")
	}
	for _, have := range l.ids {
		if have == id {
			return nil // deduplicated, as JetStream does by Nats-Msg-Id
		}
	}
	l.ids = append(l.ids, id)
	l.data = append(l.data, bytes.Clone(data))
	return nil
}

func (l *fakeLog) kinds(t *testing.T) []graph.ChangeSetKind {
	t.Helper()
	var out []graph.ChangeSetKind
	for _, d := range l.data {
		c, err := graph.DecodeChangeSet(d)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c.Kind)
	}
	return out
}

func jsonlOf(t *testing.T, s *store.Store) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Export(context.Background(), s, &b, export.Request{Format: export.JSONL}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestChangelog checks what a writer's store logs: each committed change
// once, in commit order, nothing for an unchanged article; a change whose
// append failed is committed, reported with ErrChangelog, and appended
// under the same message ID before the next change. Applying the log to a
// new store gives the same graph, and applying it again changes nothing.
func TestChangelog(t *testing.T) {
	ctx := context.Background()
	log := &fakeLog{}
	w, err := store.Open(ctx, store.Options{InMemory: true, Changelog: log})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	a := newArt("a").person("Ana Lima").person("Ben Okafor").meet("2023-06-19", "", "", "Ana Lima", "Ben Okafor").a
	b := newArt("b").person("Ana Lima").person("Chen Wei").meet("2023-06-20", "", "", "Ana Lima", "Chen Wei").a
	c := newArt("c").person("Ben Okafor").person("Chen Wei").meet("2023-06-21", "", "", "Ben Okafor", "Chen Wei").a

	put(t, w, a)
	put(t, w, a) // unchanged: nothing logged
	log.fail = true
	if _, err := w.PutArticle(ctx, b); !errors.Is(err, store.ErrChangelog) {
		t.Fatalf("put with the log down: %v, want ErrChangelog", err)
	}
	if _, err := w.SourceHash(ctx, "b"); err != nil {
		t.Fatalf("b not committed: %v", err)
	}
	failedID := log.attempts[len(log.attempts)-1]
	log.fail = false
	put(t, w, c)
	if _, err := w.DeleteSource(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	corr := &graph.Corrections{Version: 1, Corrections: []graph.Correction{{Op: graph.OpMerge, Entity: "Chen Wei", Into: "Ben Okafor"}}}
	if _, err := w.SetCorrections(ctx, corr); err != nil {
		t.Fatal(err)
	}
	want := []graph.ChangeSetKind{graph.PutArticle, graph.PutArticle, graph.PutArticle, graph.DeleteArticle, graph.SetCorrections}
	if got := log.kinds(t); !slices.Equal(got, want) {
		t.Fatalf("logged %v, want %v", got, want)
	}
	if log.ids[1] != failedID {
		t.Errorf("b appended as %q, first tried as %q: a retry must keep the message ID", log.ids[1], failedID)
	}

	r := newTestStore(t)
	apply := func() {
		for i, d := range log.data {
			cs, err := graph.DecodeChangeSet(d)
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Apply(ctx, cs, uint64(i+1)); err != nil {
				t.Fatal(err)
			}
		}
	}
	apply()
	exp := jsonlOf(t, w)
	if got := jsonlOf(t, r); !bytes.Equal(got, exp) {
		t.Fatalf("replica's export differs:\n%s\nwant\n%s", got, exp)
	}
	apply() // again, from the start: a replica restored from a snapshot does so
	if got := jsonlOf(t, r); !bytes.Equal(got, exp) {
		t.Fatalf("after applying twice, the replica's export differs:\n%s\nwant\n%s", got, exp)
	}
	if seq, err := r.Applied(ctx); err != nil || seq != uint64(len(log.data)) {
		t.Errorf("Applied = %d, %v; want %d", seq, err, len(log.data))
	}
}

// TestBackupRestore: a store restored from a backup holds the same graph
// and the position given; a store that holds articles refuses a restore.
func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	w := newTestStore(t)
	put(t, w, newArt("a").person("Ana Lima").person("Ben Okafor").meet("2023-06-19", "", "", "Ana Lima", "Ben Okafor").a)
	var b bytes.Buffer
	if err := w.Backup(ctx, &b); err != nil {
		t.Fatal(err)
	}
	r := newTestStore(t)
	if err := r.Restore(ctx, bytes.NewReader(b.Bytes()), 7); err != nil {
		t.Fatal(err)
	}
	if got, want := jsonlOf(t, r), jsonlOf(t, w); !bytes.Equal(got, want) {
		t.Fatalf("restored export differs")
	}
	if seq, err := r.Applied(ctx); err != nil || seq != 7 {
		t.Errorf("Applied = %d, %v; want 7", seq, err)
	}
	if err := r.Restore(ctx, bytes.NewReader(b.Bytes()), 8); err == nil {
		t.Error("restore into a store with articles: no error")
	}
}
