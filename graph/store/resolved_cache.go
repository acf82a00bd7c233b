package store

import (
	"slices"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// maxResolved bounds each map of a resolvedCache; a full map is emptied
// and filled again, which keeps the memory of the cache bounded without
// the bookkeeping of an LRU.
const maxResolved = 20000

// resolvedCache keeps the entities, meeting series and sources that reads resolved
// at the newest snapshot, for the reads that follow at that same snapshot.
// An entity cited by thousands of articles is resolved from thousands of
// claim rows; while nothing is written, every request that names it would
// resolve it again. Entries are valid only for the Badger read timestamp
// they were resolved at: two read-only transactions with one read
// timestamp see the same data, and any commit makes the next reads' read
// timestamp newer, so a write never needs to say what it invalidates. A
// read at an older timestamp (a view opened before a commit) neither uses
// nor fills it. Values are shared by every reader and never modified. It
// is safe for concurrent use.
type resolvedCache struct {
	mu       sync.Mutex
	readTs   uint64
	entities [2]map[graph.ID]*graph.Entity // [1]: with evidence
	series   [2]map[graph.ID][]*resolvedMeeting
	sources  map[graph.ID]*graph.Source // decoded S rows: every answer's sources field reads them
	// batches are EdgesOfMany's answers by their question (edgeBatchKey):
	// a walk of the graph asked again, by the same or another client,
	// reads its nodes' edges once per snapshot. Callers get copies.
	batches map[string]map[graph.ID][]graph.Edge
}

// maxBatches bounds the EdgesOfMany answers kept: each is a walk level's
// edges among its nodes (up to the graph query's limit), and most requests
// repeat a few walks.
const maxBatches = 64

func idx(evidence bool) int {
	if evidence {
		return 1
	}
	return 0
}

// at moves the cache to readTs if that is newer, and reports whether
// readTs is the cache's. Callers hold mu.
func (c *resolvedCache) at(readTs uint64) bool {
	if readTs > c.readTs {
		c.readTs = readTs
		c.entities = [2]map[graph.ID]*graph.Entity{}
		c.series = [2]map[graph.ID][]*resolvedMeeting{}
		c.sources = nil
		c.batches = nil
	}
	return readTs == c.readTs
}

// batch returns the EdgesOfMany answer to question key read at readTs, a
// copy the caller may change, and whether the cache has it.
func (c *resolvedCache) batch(readTs uint64, key string) (map[graph.ID][]graph.Edge, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(readTs) {
		return nil, false
	}
	m, ok := c.batches[key]
	if !ok {
		return nil, false
	}
	return copyBatch(m), true
}

// putBatch keeps a copy of m, the answer to question key at readTs.
func (c *resolvedCache) putBatch(readTs uint64, key string, m map[graph.ID][]graph.Edge) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(readTs) {
		return
	}
	if c.batches == nil || len(c.batches) >= maxBatches {
		c.batches = map[string]map[graph.ID][]graph.Edge{}
	}
	c.batches[key] = copyBatch(m)
}

// copyBatch copies the map and its lists (not the edges' own lists, which
// no reader modifies).
func copyBatch(m map[graph.ID][]graph.Edge) map[graph.ID][]graph.Edge {
	out := make(map[graph.ID][]graph.Edge, len(m))
	for id, es := range m {
		out[id] = slices.Clone(es)
	}
	return out
}

// source returns the source id read at readTs (nil: none exists) and
// whether the cache has it.
func (c *resolvedCache) source(readTs uint64, id graph.ID) (*graph.Source, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(readTs) {
		return nil, false
	}
	src, ok := c.sources[id]
	return src, ok
}

func (c *resolvedCache) putSource(readTs uint64, id graph.ID, src *graph.Source) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(readTs) {
		return
	}
	if c.sources == nil || len(c.sources) >= maxResolved {
		c.sources = map[graph.ID]*graph.Source{}
	}
	c.sources[id] = src
}

// entity returns the entity id resolved at readTs (nil: none exists) and
// whether the cache has it.
func (c *resolvedCache) entity(readTs uint64, evidence bool, id graph.ID) (*graph.Entity, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(readTs) {
		return nil, false
	}
	e, ok := c.entities[idx(evidence)][id]
	return e, ok
}

func (c *resolvedCache) putEntity(readTs uint64, evidence bool, id graph.ID, e *graph.Entity) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(readTs) {
		return
	}
	m := c.entities[idx(evidence)]
	if m == nil || len(m) >= maxResolved {
		m = map[graph.ID]*graph.Entity{}
		c.entities[idx(evidence)] = m
	}
	m[id] = e
}

// meetings returns the resolved meetings of series sid at readTs and
// whether the cache has them.
func (c *resolvedCache) meetings(readTs uint64, evidence bool, sid graph.ID) ([]*resolvedMeeting, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(readTs) {
		return nil, false
	}
	ms, ok := c.series[idx(evidence)][sid]
	return ms, ok
}

func (c *resolvedCache) putMeetings(readTs uint64, evidence bool, sid graph.ID, ms []*resolvedMeeting) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at(readTs) {
		return
	}
	m := c.series[idx(evidence)]
	if m == nil || len(m) >= maxResolved {
		m = map[graph.ID][]*resolvedMeeting{}
		c.series[idx(evidence)] = m
	}
	m[sid] = ms
}

// reset empties the cache; Restore calls it, since loading a backup
// writes versions the current read timestamp may see.
func (c *resolvedCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entities = [2]map[graph.ID]*graph.Entity{}
	c.series = [2]map[graph.ID][]*resolvedMeeting{}
	c.sources = nil
	c.batches = nil
}
