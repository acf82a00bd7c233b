package store

import (
	"context"
	"fmt"

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
	c := &Census{nodes: map[graph.ID]bool{}, edges: map[edgeIdentity]bool{}}
	err := s.view(ctx, func(r *reader) error {
		for _, p := range [][]byte{{prefixNode}, {prefixSource}} {
			err := r.scan(p, false, func(k, _ []byte) error {
				pk, err := parseKey(k)
				if err != nil {
					return err
				}
				if pk.Prefix == prefixSource {
					c.nodes[pk.Src] = true
				} else {
					c.nodes[pk.Node] = true
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		edges, err := r.storedEdges([]byte{prefixEdge})
		if err != nil {
			return err
		}
		for _, e := range edges {
			c.edges[identityOf(e)] = true
		}
		sids, err := r.ids([]byte{prefixSeries}, pickNode)
		if err != nil {
			return err
		}
		for _, sid := range sids {
			rows, err := loadSeries(r.ctx, r.txn, sid, false) // identities only
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				continue
			}
			sr := newSeries(sid, rows)
			for _, cl := range clusterSeries(sr) {
				c.nodes[cl.id] = true
				for _, e := range resolveMeeting(sr, cl, nil).edges() {
					c.edges[identityOf(e)] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("census: %w", err)
	}
	return c, nil
}

// Nodes and Edges are the sizes of the census.
func (c *Census) Nodes() int { return len(c.nodes) }

// Edges is the number of distinct edges (from, type, to, title, meeting).
func (c *Census) Edges() int { return len(c.edges) }

// Diff is what changed from c to after.
type Diff struct {
	NodesAdded, NodesRemoved int
	EdgesAdded, EdgesRemoved int
}

// Diff compares c (before) with after.
func (c *Census) Diff(after *Census) Diff {
	var d Diff
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
