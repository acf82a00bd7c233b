package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// scope is what some writes touched: the sources whose rows they replaced,
// the nodes and stored edges (E|from|type|to, every source's rows of it)
// those rows named, and the meeting series they changed. Nothing else in
// the graph can have changed.
type scope struct {
	sources map[graph.ID]bool
	nodes   map[graph.ID]bool
	edges   map[string]bool
	series  map[graph.ID]bool
	// names is the W row changes of the write, for the Store's liveNames.
	names []namesDiff
}

func newScope() *scope {
	return &scope{sources: map[graph.ID]bool{}, nodes: map[graph.ID]bool{}, edges: map[string]bool{}, series: map[graph.ID]bool{}}
}

// add notes one source's write; sc may be nil (nobody counts).
func (sc *scope) add(src graph.ID, nodes map[graph.ID][2]bool, edges map[string][2]bool, series map[graph.ID]bool) {
	if sc == nil {
		return
	}
	sc.sources[src] = true
	for n := range nodes {
		sc.nodes[n] = true
	}
	for f := range edges {
		sc.edges[f] = true
	}
	for sid := range series {
		sc.series[sid] = true
	}
}

// merge adds o to sc.
func (sc *scope) merge(o *scope) {
	for id := range o.sources {
		sc.sources[id] = true
	}
	for id := range o.nodes {
		sc.nodes[id] = true
	}
	for f := range o.edges {
		sc.edges[f] = true
	}
	for id := range o.series {
		sc.series[id] = true
	}
}

// noteWritten gives the scope of a committed write to the open Counts.
// The caller holds writeMu.
func (s *Store) noteWritten(ctx context.Context, sc *scope) {
	s.names.note(sc.names)
	for _, c := range s.counts {
		if c.all {
			continue // counts the whole graph: what the writes touch no longer matters
		}
		c.sc.merge(sc)
		c.countStartIfWhole(ctx)
	}
}

// countStartIfWhole counts the whole graph in the snapshot of the start
// and releases it, once the scope has grown to where Finish would count
// the whole graph anyway. Held through a bulk load, that snapshot kept
// Badger from discarding any version written since (the H rows of series,
// the C and L rows every write rewrites), which grew the LSM tree and the
// memory of the ingest. From then on the Count keeps no scope either: in a
// bulk load it would grow to a key per node and edge of the graph. The
// caller holds writeMu.
func (c *Count) countStartIfWhole(ctx context.Context) {
	if !c.ready || c.all || !c.whole() {
		return
	}
	c.start, c.err = (&reader{ctx: ctx, txn: c.before}).census()
	c.before.Discard()
	c.before = nil
	c.all, c.sc = true, nil
}

// whole reports whether Finish counts the whole graph: the scope is more
// than the share wholeCountShare of it. The caller holds writeMu or has
// detached c.
func (c *Count) whole() bool {
	return c.all || !c.scopedOnly && c.sc.size() > (c.nodes+c.edges)/wholeCountShare
}

// Count says what the writes between BeginCount and Finish changed in the
// graph: nodes and edges added and removed, as a Census before and after
// would, however many times the batch re-clustered a meeting on the way.
// Its cost follows what the writes touched, not the size of the graph: it
// keeps the snapshot of the start and counts, in it and in the end's, only
// the sources, nodes, edges and meeting series the writes touched; once
// they are so many that it counts the whole graph instead (a bulk load), it
// counts the start's whole graph at once and releases its snapshot. The
// totals come from the counts the last Count stored, when no write came
// after it; otherwise BeginCount counts the whole graph once.
//
// A Count is for one goroutine; the Store's writes may run meanwhile from
// any. Finish or Close it: it holds a snapshot open.
type Count struct {
	s  *Store
	sc *scope // guarded by s.writeMu, like before, start, err and ready
	// before is the snapshot of the start; nil once released (start
	// holds its whole count then, all is set and sc is nil), finished or
	// closed.
	before *badger.Txn
	start  *Census
	err    error // of counting the start early
	all    bool  // the start is counted whole; Finish counts the end whole
	// ready: BeginCount has read nodes and edges, the graph's totals in
	// the snapshot of the start; writes may release it from then on.
	ready        bool
	nodes, edges int
	done         bool // finished or closed
	// scopedOnly counts the scope however large it is (tests).
	scopedOnly bool
}

// wholeCountShare: a Count whose scope is more than this share of the
// graph (1/wholeCountShare) counts the whole graph before and after
// instead: a point lookup per touched row costs more than a scan per row.
const wholeCountShare = 8

// size is the number of rows-to-look-up in sc.
func (sc *scope) size() int { return len(sc.sources) + len(sc.nodes) + len(sc.edges) + len(sc.series) }

// censusRow is the C "census" value: the graph's totals.
type censusRow struct {
	Nodes int `json:"nodes"`
	Edges int `json:"edges"`
}

// BeginCount starts counting the writes from now on.
func (s *Store) BeginCount(ctx context.Context) (*Count, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c := &Count{s: s, sc: newScope()}
	// Under writeMu no write is between its reads and its commit, so
	// every write commits either before the snapshot or into c.sc.
	s.writeMu.Lock()
	c.before = s.db.NewTransaction(false)
	s.counts = append(s.counts, c)
	s.writeMu.Unlock()
	r := &reader{ctx: ctx, txn: c.before}
	ok, err := c.storedTotals(r)
	if err == nil && !ok {
		var full *Census
		if full, err = r.census(); err == nil {
			c.nodes, c.edges = full.Nodes(), full.Edges()
		}
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("count the graph: %w", err)
	}
	s.writeMu.Lock()
	c.ready = true
	c.countStartIfWhole(ctx) // writes meanwhile may have grown the scope
	s.writeMu.Unlock()
	return c, nil
}

// storedTotals reads the stored totals into c if they are those of the
// snapshot: written by its newest commit.
func (c *Count) storedTotals(r *reader) (bool, error) {
	item, err := r.txn.Get(censusKey())
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if item.Version() != r.txn.ReadTs() {
		return false, nil
	}
	var row censusRow
	if err := item.Value(func(v []byte) error { return decodeValue(v, &row) }); err != nil {
		return false, fmt.Errorf("stored census: %w", err)
	}
	c.nodes, c.edges = row.Nodes, row.Edges
	return true, nil
}

// Finish stops counting and returns what changed and the graph's totals
// after it; it stores the totals for the next Count.
func (c *Count) Finish(ctx context.Context) (Diff, error) {
	if c.done {
		return Diff{}, errors.New("count: finished already")
	}
	defer c.Close()
	s := c.s
	s.writeMu.Lock()
	c.detach()
	after := s.db.NewTransaction(false)
	s.writeMu.Unlock()
	defer after.Discard()
	if c.err != nil {
		return Diff{}, fmt.Errorf("count the batch: %w", c.err)
	}
	count := (*reader).censusOf
	if c.whole() {
		// Looking up each of many touched rows costs more than reading
		// them all in order (a bulk load touches the whole graph).
		count = func(r *reader, _ *scope) (*Census, error) { return r.census() }
	}
	b := c.start
	if b == nil {
		var err error
		if b, err = count(&reader{ctx: ctx, txn: c.before}, c.sc); err != nil {
			return Diff{}, fmt.Errorf("count the batch: %w", err)
		}
	}
	a, err := count(&reader{ctx: ctx, txn: after}, c.sc)
	if err != nil {
		return Diff{}, fmt.Errorf("count the batch: %w", err)
	}
	d := b.Diff(a)
	d.Nodes = c.nodes + d.NodesAdded - d.NodesRemoved
	d.Edges = c.edges + d.EdgesAdded - d.EdgesRemoved
	if err := s.storeTotals(after.ReadTs(), d); err != nil {
		return Diff{}, err
	}
	return d, nil
}

// storeTotals stores d's totals if they are still the graph's: no write
// committed after the snapshot at readTs they were counted in.
func (s *Store) storeTotals(readTs uint64, d Diff) error {
	v, err := encodeValue(censusRow{Nodes: d.Nodes, Edges: d.Edges})
	if err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	err = s.db.Update(func(txn *badger.Txn) error {
		if txn.ReadTs() != readTs {
			return nil
		}
		return txn.Set(censusKey(), v)
	})
	if err != nil {
		return fmt.Errorf("store the graph's counts: %w", err)
	}
	return nil
}

// detach stops c receiving writes' scopes. The caller holds writeMu.
func (c *Count) detach() {
	c.s.counts = slices.DeleteFunc(c.s.counts, func(o *Count) bool { return o == c })
}

// Close releases the count's snapshot; after Finish it does nothing.
func (c *Count) Close() {
	if c.done {
		return
	}
	c.done = true
	c.s.writeMu.Lock()
	c.detach()
	c.s.writeMu.Unlock()
	if c.before != nil {
		c.before.Discard()
		c.before = nil
	}
}
