package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// Census is the set of node IDs and edge identities in the graph at one
// moment. Two censuses taken before and after a batch say exactly what the
// batch changed, however many times its articles re-clustered a meeting on
// the way.
type Census struct {
	nodes map[graph.ID]bool
	edges map[edgeIdentity]bool
}

// edgeIdentity is what makes an edge one edge in every export: its ends
// and type, the title of an AFFILIATED_WITH (by NameKey, as the store
// merges titles) and the meeting of a MET_WITH. A pair that met twice has
// two MET_WITH edges; a person with two titles in one organization has two
// AFFILIATED_WITH edges.
type edgeIdentity struct {
	from, to graph.ID
	typ      graph.EdgeType
	title    string
	meeting  graph.ID
}

func identityOf(e graph.Edge) edgeIdentity {
	return edgeIdentity{from: e.From, to: e.To, typ: e.Type, title: graph.NameKey(e.Title), meeting: e.Meeting}
}

// Census counts the graph from one consistent read: every node (entities,
// meetings, statements, events, sources) and every edge, by identity, so
// its counts are the node and edge counts of every export.
func (s *Store) Census(ctx context.Context) (*Census, error) {
	var c *Census
	err := s.view(ctx, func(r *reader) error {
		var err error
		c, err = r.census()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("census: %w", err)
	}
	return c, nil
}

func newCensus() *Census {
	return &Census{nodes: map[graph.ID]bool{}, edges: map[edgeIdentity]bool{}}
}

// census counts the whole graph.
func (r *reader) census() (*Census, error) {
	c := newCensus()
	for _, p := range [][]byte{{prefixNode}, {prefixSource}} {
		err := r.scan(p, false, func(k, _ []byte) error {
			pk, err := parseKey(k)
			if err != nil {
				return err
			}
			if pk.Prefix == prefixSource {
				c.nodes[pk.Src] = true
				return nil
			}
			id, err := r.publicID(pk.Node) // a statement's rows are under its group key
			if err != nil {
				return err
			}
			c.nodes[id] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if err := c.addEdges(r, []byte{prefixEdge}); err != nil {
		return nil, err
	}
	sids, err := r.ids([]byte{prefixSeries}, pickNode)
	if err != nil {
		return nil, err
	}
	for _, sid := range sids {
		if err := c.addSeries(r, sid); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// censusOf counts the part of the graph in sc: of its sources, nodes,
// stored edges and series, those that exist. Counted before and after the
// writes that noted sc, it gives the same differences as counting the
// whole graph, as nothing outside sc changed: a meeting and its edges all
// carry the meeting's ID, which names the series that owns it, and sc
// holds every series of a group a write re-clustered.
func (r *reader) censusOf(sc *scope) (*Census, error) {
	c := newCensus()
	for _, src := range sortedKeys(sc.sources) {
		if _, err := r.txn.Get(sourceKey(src)); err == nil {
			c.nodes[src] = true
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return nil, err
		}
	}
	for _, n := range sortedKeys(sc.nodes) {
		found := false
		err := r.scan(nodePrefix(n), false, func(_, _ []byte) error {
			found = true
			return errStopScan
		})
		if err != nil && !errors.Is(err, errStopScan) {
			return nil, err
		}
		if found {
			id, err := r.publicID(n) // a statement's rows are under its group key
			if err != nil {
				return nil, err
			}
			c.nodes[id] = true
		}
	}
	for f := range sc.edges {
		if err := c.addEdges(r, []byte(f)); err != nil {
			return nil, err
		}
	}
	for _, sid := range sortedKeys(sc.series) {
		if err := c.addSeries(r, sid); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// errStopScan ends a scan early.
var errStopScan = errors.New("stop scan")

// addEdges adds the stored edges under prefix.
func (c *Census) addEdges(r *reader, prefix []byte) error {
	return r.eachStoredEdges(prefix, nil, nil, func(es []graph.Edge) error {
		for _, e := range es {
			c.edges[identityOf(e)] = true
		}
		return nil
	})
}

// addSeries adds the meetings series sid owns and their edges; clustered
// with the rest of its group, as writes cluster them.
func (c *Census) addSeries(r *reader, sid graph.ID) error {
	members, err := r.groupOf(sid, false) // identities only
	if err != nil || len(members) == 0 {
		return err
	}
	for _, cl := range clusterGroup(members) {
		if cl.owner.id != sid {
			continue
		}
		c.nodes[cl.id] = true
		for _, e := range resolveMeeting(cl, nil).edges() {
			c.edges[identityOf(e)] = true
		}
	}
	return nil
}

// Nodes and Edges are the sizes of the census.
func (c *Census) Nodes() int { return len(c.nodes) }

// Edges is the number of distinct edges (from, type, to, title, meeting).
func (c *Census) Edges() int { return len(c.edges) }

// Diff is what changed from c to after.
type Diff struct {
	NodesAdded, NodesRemoved int
	EdgesAdded, EdgesRemoved int
	// Nodes and Edges are the graph's totals after (Count.Finish), or the
	// sizes of after (Census.Diff).
	Nodes, Edges int
}

// Diff compares c (before) with after.
func (c *Census) Diff(after *Census) Diff {
	d := Diff{Nodes: after.Nodes(), Edges: after.Edges()}
	for id := range after.nodes {
		if !c.nodes[id] {
			d.NodesAdded++
		}
	}
	for id := range c.nodes {
		if !after.nodes[id] {
			d.NodesRemoved++
		}
	}
	for e := range after.edges {
		if !c.edges[e] {
			d.EdgesAdded++
		}
	}
	for e := range c.edges {
		if !after.edges[e] {
			d.EdgesRemoved++
		}
	}
	return d
}
