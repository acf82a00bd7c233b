package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/graph/store"
)

// TestOpenAfterKillDuringMemtableCreate reproduces the directory a process
// leaves when killed between creating a memtable file and sizing it: an
// empty .mem file. Badger refuses it on the first open; the store must
// open anyway and keep what was committed.
func TestOpenAfterKillDuringMemtableCreate(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	s, err := store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	put(t, s, newArt("a").person("Dana Whitcombe").a)
	if err := s.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "00099.mem"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(ctx, store.Options{Dir: dir})
	if err != nil {
		t.Fatalf("open with an empty memtable file: %v", err)
	}
	defer s.Close()
	srcs, err := s.Sources(ctx)
	if err != nil || len(srcs) != 1 {
		t.Fatalf("sources after reopening = %d, %v; want the 1 committed", len(srcs), err)
	}
}
