package store

import (
	"context"
	"errors"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// errReleased is the error of a read through a view after Close.
var errReleased = errors.New("read after the view was closed")

// View reads the store. The Store's own read methods use a View without a
// transaction of its own: each call reads the snapshot current when it
// starts. A View from Store.View holds one read transaction, so that every
// call through it sees the store as it was when the view was opened,
// however many reads there are and whatever is written meanwhile: one
// snapshot for a whole request. Writes do not see it.
//
// Reads through one view may run at once (a GraphQL resolver may fetch in
// parallel). They share one read-only Badger transaction: read-only
// transactions keep no pending writes or conflict keys, and their reads
// and iterators only read the immutable snapshot, which is why Badger
// allows several iterators on one of them. Close waits for them all.
// Entity redirects (corrections) are read live, not from the snapshot.
type View struct {
	s        *Store
	evidence bool // decode and resolve Evidence lists (graph.ReadOptions.NoEvidence)
	pinned   bool
	mu       sync.RWMutex // readers hold R while they use txn; Close holds W
	txn      *badger.Txn  // nil once closed (pinned views only)
}

var (
	_ graph.Reader = (*Store)(nil)
	_ graph.View   = (*View)(nil)
)

// View opens a read view of the store's current snapshot with opt. The
// caller must Close it.
func (s *Store) View(opt graph.ReadOptions) graph.View {
	return &View{s: s, evidence: !opt.NoEvidence, pinned: true, txn: s.db.NewTransaction(false)}
}

// current is the view of the Store's own reads: each call its own snapshot.
func (s *Store) current() *View { return &View{s: s, evidence: true} }

// Close releases the view's snapshot. It waits for the reads in progress;
// later reads fail. Closing twice does nothing.
func (v *View) Close() {
	if !v.pinned {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.txn != nil {
		v.txn.Discard()
		v.txn = nil
	}
}

// view runs fn on a reader over one consistent snapshot: the view's, or,
// for the Store's own reads, the current one.
func (v *View) view(ctx context.Context, fn func(*reader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	read := func(txn *badger.Txn) error {
		return fn(&reader{ctx: ctx, txn: txn, evidence: v.evidence, shared: &v.s.resolved, readTs: txn.ReadTs(),
			entities: map[graph.ID]*graph.Entity{}, series: map[graph.ID][]*resolvedMeeting{}})
	}
	if !v.pinned {
		return v.s.db.View(read)
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.txn == nil {
		return errReleased
	}
	return read(v.txn)
}

// view runs fn on a reader over the current snapshot.
func (s *Store) view(ctx context.Context, fn func(*reader) error) error {
	return s.current().view(ctx, fn)
}

// The Store's reads of graph.Reader, each over the snapshot current when
// it starts (see View for many reads over one).

// Node implements graph.Reader.
func (s *Store) Node(ctx context.Context, id graph.ID) (graph.Node, error) {
	return s.current().Node(ctx, id)
}

// EntitiesByID implements graph.Reader.
func (s *Store) EntitiesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error) {
	return s.current().EntitiesByID(ctx, ids)
}

// SourcesByID implements graph.Reader.
func (s *Store) SourcesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error) {
	return s.current().SourcesByID(ctx, ids)
}

// LookupEntities implements graph.Reader.
func (s *Store) LookupEntities(ctx context.Context, name string, t graph.EntityType) ([]*graph.Entity, error) {
	return s.current().LookupEntities(ctx, name, t)
}

// Entities implements graph.Reader.
func (s *Store) Entities(ctx context.Context, f graph.EntityFilter) ([]*graph.Entity, error) {
	return s.current().Entities(ctx, f)
}

// Meetings implements graph.Reader.
func (s *Store) Meetings(ctx context.Context, f graph.MeetingFilter) ([]*graph.Meeting, error) {
	return s.current().Meetings(ctx, f)
}

// MeetingsPage implements graph.Reader.
func (s *Store) MeetingsPage(ctx context.Context, f graph.MeetingFilter, after, first int) ([]*graph.Meeting, int, error) {
	return s.current().MeetingsPage(ctx, f, after, first)
}

// Statements implements graph.Reader.
func (s *Store) Statements(ctx context.Context, f graph.StatementFilter) ([]*graph.Statement, error) {
	return s.current().Statements(ctx, f)
}

// Events implements graph.Reader.
func (s *Store) Events(ctx context.Context) ([]*graph.Event, error) {
	return s.current().Events(ctx)
}

// Sources implements graph.Reader.
func (s *Store) Sources(ctx context.Context) ([]*graph.Source, error) {
	return s.current().Sources(ctx)
}

// EdgesOf implements graph.Reader.
func (s *Store) EdgesOf(ctx context.Context, id graph.ID, f graph.EdgeFilter) ([]graph.Edge, error) {
	return s.current().EdgesOf(ctx, id, f)
}

// EdgesOfMany implements graph.Reader.
func (s *Store) EdgesOfMany(ctx context.Context, ids []graph.ID, f graph.EdgeFilter) (map[graph.ID][]graph.Edge, error) {
	return s.current().EdgesOfMany(ctx, ids, f)
}

// Edges implements graph.Reader.
func (s *Store) Edges(ctx context.Context, id graph.ID) ([]graph.Edge, error) {
	return s.current().Edges(ctx, id)
}

// Snapshot implements graph.Reader.
func (s *Store) Snapshot(ctx context.Context) (*graph.Snapshot, error) {
	return s.current().Snapshot(ctx)
}
