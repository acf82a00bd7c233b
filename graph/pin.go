package graph

import (
	"context"
	"errors"
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// errReleased is the error of a read through a pinned context after the
// pin was released.
var errReleased = errors.New("read after the pinned snapshot was released")

type pinKey struct{}

// pin is one read transaction shared by the reads of one request.
type pin struct {
	s   *Store
	mu  sync.RWMutex // readers hold R while they use txn; release holds W
	txn *badger.Txn  // nil once released
}

// Pin returns a context under which every read of s (Node, Meetings,
// Snapshot, ...) sees the store as it was when Pin was called, however
// many reads there are and whatever is written meanwhile: one snapshot for
// a whole request. Writes are not affected, and do not see the pin. The
// caller must call release when done; it waits for reads in progress, and
// later reads through ctx fail.
//
// Reads under one pin may run at once (a GraphQL resolver may fetch in
// parallel). They share one read-only Badger transaction: read-only
// transactions keep no pending writes or conflict keys, and their reads
// and iterators only read the immutable snapshot, which is why Badger
// allows several iterators on one of them. A release waits for them all.
// Entity redirects (corrections) are read live, not from the snapshot.
func (s *Store) Pin(ctx context.Context) (pinned context.Context, release func()) {
	p := &pin{s: s, txn: s.db.NewTransaction(false)}
	var once sync.Once
	return context.WithValue(ctx, pinKey{}, p), func() {
		once.Do(func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.txn.Discard()
			p.txn = nil
		})
	}
}

// pinned runs fn on the read transaction pinned in ctx for s, if any, and
// reports whether there was one.
func (s *Store) pinned(ctx context.Context, fn func(*badger.Txn) error) (bool, error) {
	p, ok := ctx.Value(pinKey{}).(*pin)
	if !ok || p.s != s {
		return false, nil
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.txn == nil {
		return true, errReleased
	}
	return true, fn(p.txn)
}
