package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/synth"
	testcorpus "github.com/newsgraph/newsgraph/internal/corpus"
)

// synthStore ingests n synthetic articles of seed into an in-memory store.
func synthStore(t *testing.T, n int, seed uint64) (*store.Store, *synth.Corpus) {
	t.Helper()
	ctx := t.Context()
	path, c := testcorpus.SynthJSONL(t, n, seed)
	st, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := ingest.New(ingest.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Ingest(ctx, st, []string{path}); err != nil {
		t.Fatal(err)
	}
	return st, c
}

// oneByOne is a Store whose EdgesOfMany is one EdgesOf per node: the
// reads a walk made before it read a level at once.
type oneByOne struct{ Store }

func (s oneByOne) EdgesOfMany(ctx context.Context, ids []graph.ID, f graph.EdgeFilter) (map[graph.ID][]graph.Edge, error) {
	out := map[graph.ID][]graph.Edge{}
	for _, id := range ids {
		es, err := s.EdgesOf(ctx, id, f)
		if err != nil {
			continue // not found: absent
		}
		out[id] = es
	}
	return out, nil
}

// TestWalkMatchesOneByOne checks on a generated store that the graph
// query's answer is the same, byte for byte, as when the walk read each
// node's edges on its own: the walk against the old walk, kept here as
// neighborhoodOneByOne, and the whole query, overview included, against
// the same schema over a store read one node at a time.
func TestWalkMatchesOneByOne(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a generated corpus")
	}
	ctx := t.Context()
	st, c := synthStore(t, 150, 7)
	var centers []string
	for _, r := range []int{0, 1, 2, 5, 20} {
		centers = append(centers, c.Person(r).Name)
	}
	for _, typ := range []graph.EntityType{graph.Place, graph.Organization} {
		es, err := st.Entities(ctx, graph.EntityFilter{Type: typ})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(es); i += max(1, len(es)/3) {
			centers = append(centers, es[i].Name)
		}
	}
	ms, err := st.Meetings(ctx, graph.MeetingFilter{})
	if err != nil || len(ms) == 0 {
		t.Fatalf("meetings: %d, %v", len(ms), err)
	}
	centers = append(centers, GlobalID(graph.KindMeeting, ms[len(ms)/2].ID))
	filters := []graphArgs{
		{},
		{Types: []nodeType{ntPerson, ntMeeting}},
		{EdgeTypes: []graph.EdgeType{graph.MetWith}},
		{Types: []nodeType{ntPerson, ntPlace, ntMeeting, ntSource}, EdgeTypes: []graph.EdgeType{graph.ParticipatedIn, graph.HeldIn, graph.MentionedIn, graph.AffiliatedWith}},
	}
	b := &builder{store: st}
	tried, truncated := 0, 0
	for _, center := range centers {
		for _, depth := range []int{1, 2, 3} {
			for _, limit := range []int{1, 4, 30, 200} {
				for fi, fa := range filters {
					a := fa
					a.Center, a.Depth, a.Limit = center, depth, limit
					name := fmt.Sprintf("%s/depth %d/limit %d/filter %d", center, depth, limit, fi)
					got, err := b.neighborhood(ctx, a, newGraphFilter(a))
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					want, err := b.neighborhoodOneByOne(ctx, a, newGraphFilter(a))
					if err != nil {
						t.Fatalf("%s: old walk: %v", name, err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: %d nodes, %d edges, truncated %v; the old walk: %d, %d, %v", name,
							len(got.nodes), len(got.edges), got.truncated, len(want.nodes), len(want.edges), want.truncated)
					}
					tried++
					if got.truncated {
						truncated++
					}
				}
			}
		}
	}
	if truncated == 0 || truncated == tried {
		t.Errorf("%d of %d walks truncated; the test needs both", truncated, tried)
	}

	// The whole query through the schema, with and without a center.
	batched, single := newExec(t, st), newExec(t, oneByOne{st})
	q := `query G($c: String, $d: Int, $l: Int) { graph(center: $c, depth: $d, limit: $l) { truncated
  nodes { id label kind type group date } edges { id source target type label meeting } } }`
	for _, vars := range []map[string]any{{"l": 10}, {"l": 300}, {"c": centers[0], "d": 2, "l": 200}, {"c": centers[0], "d": 3, "l": 1000}} {
		var out [2][]byte
		for i, ex := range []*Executor{batched, single} {
			res := ex.Do(ctx, Request{Query: q, Variables: vars})
			if len(res.Errors) > 0 {
				t.Fatalf("%v: %v", vars, res.Errors)
			}
			if out[i], err = json.Marshal(res.Data); err != nil {
				t.Fatal(err)
			}
		}
		if string(out[0]) != string(out[1]) {
			t.Errorf("graph %v: %d bytes, one node at a time %d", vars, len(out[0]), len(out[1]))
		}
	}
}

// neighborhoodOneByOne is neighborhood as it was before the walk read a
// level's edges at once (EdgesOfMany): one EdgesOf per node. It is the
// oracle of TestWalkMatchesOneByOne; keep it as it is.
func (b *builder) neighborhoodOneByOne(ctx context.Context, a graphArgs, f graphFilter) (*subgraph, error) {
	l := loaderFrom(ctx, b.store)
	c, err := b.centerNode(ctx, l, a.Center)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return &subgraph{}, nil
	}
	center := c.NodeID()
	nodes := map[graph.ID]graph.Node{center: c}
	order := []graph.ID{center}
	rejected := map[graph.ID]bool{}
	edges := map[edgeKey]graph.Edge{}
	truncated := false
	frontier := []graph.ID{center}
	// Once limit nodes are in, only the edges among them count: the store
	// reads no others (full is the set of them from then on).
	var full map[graph.ID]bool
	among := func() map[graph.ID]bool {
		if full == nil && len(order) >= a.Limit {
			full = make(map[graph.ID]bool, len(nodes))
			for id := range nodes {
				full[id] = true
			}
		}
		return full
	}
	for d := 0; d < a.Depth && len(frontier) > 0; d++ {
		var next []graph.ID
		for _, id := range frontier {
			es, err := b.sortedEdges(ctx, id, f, among())
			if err != nil {
				return nil, err
			}
			var others []graph.ID
			for _, e := range es {
				others = append(others, other(e, id))
			}
			if err := l.loadEntities(ctx, others); err != nil {
				return nil, err
			}
			for _, e := range es {
				o := other(e, id)
				if _, ok := nodes[o]; !ok && !rejected[o] {
					if len(order) >= a.Limit {
						truncated = true
						continue
					}
					n, err := b.load(ctx, l, o)
					if err != nil {
						return nil, err
					}
					if n == nil || !f.node(n) {
						rejected[o] = true
						continue
					}
					nodes[o] = n
					order = append(order, o)
					next = append(next, o)
				}
				edges[keyOf(e)] = e
			}
		}
		frontier = next
	}
	// The last level's nodes were not walked: add the edges among them.
	set := make(map[graph.ID]bool, len(nodes))
	for id := range nodes {
		set[id] = true
	}
	for _, id := range frontier {
		es, err := b.sortedEdges(ctx, id, f, set)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if _, ok := nodes[other(e, id)]; ok {
				edges[keyOf(e)] = e
			}
		}
	}
	sg, err := b.assemble(ctx, l, order, nodes, edges)
	if err != nil {
		return nil, err
	}
	sg.truncated = truncated
	return sg, nil
}

// sortedEdges (the oracle's) returns the edges of id of the allowed types whose other end
// is in among (nil: anywhere), in the order the walk visits them (see
// sortWalk). The store reads only those.
func (b *builder) sortedEdges(ctx context.Context, id graph.ID, f graphFilter, among map[graph.ID]bool) ([]graph.Edge, error) {
	ef, ok := f.edgeFilter(among)
	if !ok {
		return nil, nil
	}
	es, err := b.edges(ctx, id, ef)
	if err != nil {
		return nil, err
	}
	sortWalk(es, id)
	return es, nil
}
