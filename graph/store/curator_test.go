package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// TestCuratorGivesUpBeforeWriting: a correction or deletion whose context
// ends while it waits for the one before it changes nothing and returns
// the context's error; the same call with time to spare is applied (issue
// 13, item 3: before, a mutation waited on the lock whatever its deadline
// and was applied minutes after its client had been told it timed out).
func TestCuratorGivesUpBeforeWriting(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutArticle(ctx, corrArticle("a")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c.json")
	c := NewCurator(st, path)
	if err := c.lock(ctx); err != nil { // another mutation is running
		t.Fatal(err)
	}
	k := graph.Correction{Op: graph.OpRename, Entity: "Ana Souza", Name: "Ana M. Souza"}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := c.Correct(short, k); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Correct while another runs past its deadline: %v", err)
	}
	if _, err := c.DeleteSource(short, "a"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("DeleteSource while another runs past its deadline: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("corrections file written by a correction that gave up: %v", err)
	}
	if st.Corrections().Len() != 0 {
		t.Errorf("store has %d corrections", st.Corrections().Len())
	}
	if _, err := st.FindSource(ctx, "a"); err != nil {
		t.Errorf("source deleted by a deletion that gave up: %v", err)
	}
	c.unlock()
	if _, err := c.Correct(ctx, k); err != nil {
		t.Fatal(err)
	}
	if got, err := LoadCorrections(path); err != nil || got.Len() != 1 {
		t.Errorf("after the lock is free: %v %v", got, err)
	}
}

func TestCuratorWritable(t *testing.T) {
	dir := t.TempDir()
	if err := NewCurator(nil, filepath.Join(dir, "c.json")).Writable(); err != nil {
		t.Errorf("writable folder: %v", err)
	}
	if err := NewCurator(nil, filepath.Join(dir, "missing", "c.json")).Writable(); err == nil {
		t.Error("a file in a missing folder is writable?")
	}
	if err := NewCurator(nil, dir).Writable(); err == nil {
		t.Error("a folder as the corrections file is writable?")
	}
	if err := NewCurator(nil, "").Writable(); err != nil {
		t.Errorf("no file: %v", err)
	}
}
