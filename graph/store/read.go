package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// reader resolves nodes inside one read transaction. It caches resolved
// entities and series for the length of one call.
type reader struct {
	ctx      context.Context
	txn      *badger.Txn
	evidence bool // decode and resolve Evidence lists (see graph.ReadOptions)
	entities map[graph.ID]*graph.Entity
	series   map[graph.ID][]*resolvedMeeting
	// shared, if set, is the store's cache of what reads at the newest
	// snapshot resolved; readTs is txn's read timestamp. Only read-only
	// transactions may set it: a write's reads see its own writes.
	shared *resolvedCache
	readTs uint64
	// iters, if set, keeps one iterator per key prefix byte open for the
	// scans of a batched read (see iterators); nil: each scan opens its own.
	iters *iterators
	// among, if set, is what a batched read knows of the meetings that can
	// link its nodes to its filter's other ends (see meetingsAmongOthers).
	among *meetingsAmongOthers
	// names are the statement IDs of the J rows read (0: none), by
	// statement group key; groups the I rows read (0: none), by statement
	// ID. Neither keeps a statement's words: a read of the whole graph
	// meets every group's key.
	names  map[graph.ID]graph.ID
	groups map[graph.ID]graph.ID
}

// iterators are the open iterators of one batched read, one per key
// prefix byte, each reused by every scan under that byte: opening a Badger
// iterator takes every table's and memtable's reference and builds an
// iterator over each, which costs more than the seek and the rows of most
// nodes, and a walk of the graph reads hundreds of nodes' rows. A scan
// inside another scan under the same byte (none does today) opens its own.
type iterators struct {
	open map[byte]*badger.Iterator
	busy map[byte]bool
}

// reuseIterators makes r's scans share iterators until the returned
// function closes them; call it once per reader.
func (r *reader) reuseIterators() (closeAll func()) {
	r.iters = &iterators{open: map[byte]*badger.Iterator{}, busy: map[byte]bool{}}
	return func() {
		for _, it := range r.iters.open {
			it.Close()
		}
		r.iters = nil
	}
}

// iterator returns an iterator whose keys include every key under prefix
// (a non-empty prefix) and the function to call when done with it.
func (r *reader) iterator(prefix []byte) (*badger.Iterator, func()) {
	if r.iters == nil || r.iters.busy[prefix[0]] {
		it := r.txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		return it, it.Close
	}
	b := prefix[0]
	it, ok := r.iters.open[b]
	if !ok {
		it = r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{b}})
		r.iters.open[b] = it
	}
	r.iters.busy[b] = true
	return it, func() { r.iters.busy[b] = false }
}

// scan calls fn for every key under prefix, with its value when values is
// set. fn must not keep k or v. It stops early when the context is done.
// Values are not prefetched: all live in the LSM tree (Badger's value log
// threshold is 1 MiB, and X rows are split below it), so prefetching would
// only copy each one once more.
func (r *reader) scan(prefix []byte, values bool, fn func(k, v []byte) error) error {
	return r.scanWhere(prefix, values, nil, fn)
}

// scanWhere is scan over the keys want accepts (nil: all); it reads the
// value of no other key. An error of want ends the scan with it.
func (r *reader) scanWhere(prefix []byte, values bool, want func(k []byte) (bool, error), fn func(k, v []byte) error) error {
	return r.scanTypes(prefix, nil, values, want, fn)
}

// scanTypes is scanWhere over the keys under prefix whose next byte, an
// edge type (prefix is a node's E or R rows), is one of types (sorted;
// none: every key). It reads them with one iterator, seeking past the types
// not asked for: opening an iterator and seeking it through every table
// costs more than reading the rows of most nodes, and a walk of the graph
// asks for the edges of hundreds of nodes.
func (r *reader) scanTypes(prefix []byte, types []graph.EdgeType, values bool, want func(k []byte) (bool, error), fn func(k, v []byte) error) error {
	it, done := r.iterator(prefix)
	defer done()
	seek := func(t graph.EdgeType) { it.Seek(append(slices.Clip(prefix), byte(t))) }
	if len(types) == 0 {
		it.Seek(prefix)
	} else {
		seek(types[0])
	}
	for it.ValidForPrefix(prefix) {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		item := it.Item()
		if len(types) > 0 {
			t := graph.EdgeType(item.Key()[len(prefix)])
			if i, found := slices.BinarySearch(types, t); !found {
				if i == len(types) {
					return nil
				}
				seek(types[i])
				continue
			}
		}
		if err := r.visit(item, values, want, fn); err != nil {
			return err
		}
		it.Next()
	}
	return nil
}

// visit calls fn for item if want accepts its key (nil: any), with its
// value when values is set; an error of want stops the scan.
func (r *reader) visit(item *badger.Item, values bool, want func(k []byte) (bool, error), fn func(k, v []byte) error) error {
	if want != nil {
		if ok, err := want(item.Key()); !ok || err != nil {
			return err
		}
	}
	if !values {
		return fn(item.Key(), nil)
	}
	return item.Value(func(v []byte) error { return fn(item.Key(), v) })
}

// ids collects the distinct IDs found by pick in the keys under prefix, in
// key order.
func (r *reader) ids(prefix []byte, pick func(parsedKey) graph.ID) ([]graph.ID, error) {
	var out []graph.ID
	err := r.scan(prefix, false, func(k, _ []byte) error {
		p, err := parseKey(k)
		if err != nil {
			return err
		}
		if id := pick(p); len(out) == 0 || out[len(out)-1] != id {
			out = append(out, id)
		}
		return nil
	})
	return out, err
}

func pickNode(p parsedKey) graph.ID  { return p.Node }
func pickOther(p parsedKey) graph.ID { return p.Other }

// node resolves an entity, event or statement; ErrNotFound if no source
// claims id. A statement's rows are under its group's key, which its I row
// gives; a group key itself is no node's ID.
func (r *reader) node(id graph.ID) (graph.Node, error) {
	n, err := r.storedNode(id)
	if err == nil {
		if _, ok := n.(*graph.Statement); ok {
			return nil, graph.ErrNotFound
		}
		return n, nil
	}
	if !errors.Is(err, graph.ErrNotFound) {
		return nil, err
	}
	g, ok, err := r.statementGroupOf(id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, graph.ErrNotFound
	}
	return r.storedNode(g)
}

// statementGroupOf returns the key of the statement group whose ID is id
// (its I row); ok is false if there is none.
func (r *reader) statementGroupOf(id graph.ID) (g graph.ID, ok bool, err error) {
	if g, ok := r.groups[id]; ok {
		return g, g != 0, nil
	}
	var ref statementRef
	item, err := r.txn.Get(stmtIDKey(id))
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
	case err == nil:
		if err := item.Value(func(v []byte) error { return decodeValue(v, &ref) }); err != nil {
			return 0, false, fmt.Errorf("statement %v: %w", id, err)
		}
	default:
		return 0, false, fmt.Errorf("statement %v: %w", id, err)
	}
	if r.groups == nil {
		r.groups = map[graph.ID]graph.ID{}
	}
	r.groups[id] = ref.Group
	return ref.Group, ref.Group != 0, nil
}

// groupName returns the J row of statement group key g, nil if there is
// none (g is not a group key). It notes the group's statement ID for
// publicID, not the row: the row holds the statement's words.
func (r *reader) groupName(g graph.ID) (*statementName, error) {
	var n *statementName
	item, err := r.txn.Get(stmtNameKey(g))
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
	case err != nil:
		return nil, fmt.Errorf("statement group %v: %w", g, err)
	default:
		n = &statementName{}
		if err := item.Value(func(v []byte) error { return decodeValue(v, n) }); err != nil {
			return nil, fmt.Errorf("statement group %v: %w", g, err)
		}
	}
	if r.names == nil {
		r.names = map[graph.ID]graph.ID{}
	}
	if n != nil {
		r.names[g] = n.ID
	} else {
		r.names[g] = 0
	}
	return n, nil
}

// publicID returns the ID readers know a stored ID by: a statement group's
// key gives its statement ID, any other ID is itself. Only an ID with
// groupKeyMark in its top byte is looked up.
func (r *reader) publicID(id graph.ID) (graph.ID, error) {
	if !isGroupKey(id) {
		return id, nil
	}
	if sid, ok := r.names[id]; ok {
		if sid == 0 {
			return id, nil
		}
		return sid, nil
	}
	n, err := r.groupName(id)
	if err != nil || n == nil {
		return id, err
	}
	return n.ID, nil
}

// storedNode resolves the node whose rows are under id: an entity, an
// event, or a statement whose group key id is (the statement has its own
// ID, from the group's J row). It decodes each claim row inside the
// iteration, without a copy of the value.
func (r *reader) storedNode(id graph.ID) (graph.Node, error) {
	kind := graph.KindUnknown
	var ents []srcEntity
	var evs []srcEvent
	var stmts []srcStatement
	err := r.scan(nodePrefix(id), true, func(k, v []byte) error {
		p, err := parseKey(k)
		if err != nil {
			return err
		}
		if k := nodeKindOf(v); kind == graph.KindUnknown {
			kind = k
		} else if k != kind {
			return fmt.Errorf("node %v: claims of kinds %v and %v", id, kind, k)
		}
		switch kind {
		case graph.KindEntity:
			ents = append(ents, srcEntity{src: p.Src})
			return decodeNode(v, &ents[len(ents)-1].row, r.evidence)
		case graph.KindEvent:
			evs = append(evs, srcEvent{src: p.Src})
			return decodeNode(v, &evs[len(evs)-1].row, r.evidence)
		case graph.KindStatement:
			stmts = append(stmts, srcStatement{src: p.Src})
			return decodeNode(v, &stmts[len(stmts)-1].row, r.evidence)
		}
		return fmt.Errorf("node %v: unknown stored kind %v", id, kind)
	})
	if err != nil {
		return nil, err
	}
	switch kind {
	case graph.KindEntity:
		e := resolveEntity(id, ents)
		r.entities[id] = e
		return e, nil
	case graph.KindEvent:
		e := resolveEvent(id, evs)
		if e.DisruptedBy, err = r.ids(edgeTypePrefix(id, graph.DisruptedBy), pickOther); err != nil {
			return nil, err
		}
		if e.Disrupted, err = r.ids(newKey(prefixReverse).id(id).b(byte(graph.DisruptedBy)), pickOther); err != nil {
			return nil, err
		}
		return e, nil
	case graph.KindStatement:
		name, err := r.groupName(id)
		if err != nil {
			return nil, err
		}
		if name == nil {
			return nil, fmt.Errorf("statement group %v: no J row: %w", id, errBadKey)
		}
		for i := range stmts {
			stmts[i].row.Text = name.Text
		}
		return resolveStatement(name.ID, stmts), nil
	}
	return nil, graph.ErrNotFound
}

// entity returns the resolved entity id, or an error wrapping
// graph.ErrNotFound if there is none (no claim, or a node of another kind).
// Misses are cached like hits.
func (r *reader) entity(id graph.ID) (*graph.Entity, error) {
	e, ok := r.entities[id]
	if !ok && r.shared != nil {
		if e, ok = r.shared.entity(r.readTs, r.evidence, id); ok {
			r.entities[id] = e
		}
	}
	if ok {
		if e == nil {
			return nil, graph.ErrNotFound
		}
		return e, nil
	}
	// An entity's rows are under its ID: node would also look id up as a
	// statement ID and resolve the statement, to discard it.
	n, err := r.storedNode(id)
	if errors.Is(err, graph.ErrNotFound) {
		r.entities[id] = nil
		if r.shared != nil {
			r.shared.putEntity(r.readTs, r.evidence, id, nil)
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	e, ok = n.(*graph.Entity)
	if r.shared != nil {
		r.shared.putEntity(r.readTs, r.evidence, id, e) // nil: another kind
	}
	if !ok {
		return nil, graph.ErrNotFound
	}
	return e, nil
}

// nameOf names an entity for conflicts; it falls back to the ID.
func (r *reader) nameOf(id graph.ID) string {
	if e, err := r.entity(id); err == nil {
		return e.Name
	}
	return id.String()
}

func (r *reader) source(id graph.ID) (*graph.Source, error) {
	item, err := r.txn.Get(sourceKey(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, graph.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var src graph.Source
	err = item.Value(func(v []byte) error {
		src, _, err = sourceOf(v)
		return err
	})
	if err != nil {
		return nil, err
	}
	src.ID = id
	return &src, nil
}

// sharedSource is source through the store's cache of the newest
// snapshot (see resolvedCache): the value may be shared and must not be
// modified.
func (r *reader) sharedSource(id graph.ID) (*graph.Source, error) {
	if r.shared == nil {
		return r.source(id)
	}
	if src, ok := r.shared.source(r.readTs, id); ok {
		if src == nil {
			return nil, graph.ErrNotFound
		}
		return src, nil
	}
	src, err := r.source(id)
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		return nil, err
	}
	r.shared.putSource(r.readTs, id, src)
	return src, err
}

// eachSource calls fn with every stored source (ID set) and the
// Fingerprint of the corrections its rows apply, in key order, decoding
// only the head of each S row.
func (r *reader) eachSource(fn func(src *graph.Source, corr string) error) error {
	return r.scan([]byte{prefixSource}, true, func(k, v []byte) error {
		p, err := parseKey(k)
		if err != nil {
			return err
		}
		src, corr, err := sourceOf(v)
		if err != nil {
			return err
		}
		src.ID = p.Src
		return fn(&src, corr)
	})
}

// meetings returns the resolved meetings that hold claims of series sid:
// those it owns and those of its group it joined. A meeting with claims of
// several series is in the answer of each: callers reading several series
// drop the repeats (uniqueMeetings).
func (r *reader) meetings(sid graph.ID) ([]*resolvedMeeting, error) {
	if ms, ok := r.series[sid]; ok {
		return ms, nil
	}
	if r.shared != nil {
		if ms, ok := r.shared.meetings(r.readTs, r.evidence, sid); ok {
			r.series[sid] = ms
			return ms, nil
		}
	}
	members, err := r.groupOf(sid, r.evidence)
	if err != nil {
		return nil, err
	}
	if len(members) <= 1 { // alone, as most series are
		var out []*resolvedMeeting
		for _, cl := range clusterGroup(members) {
			out = append(out, resolveMeeting(cl, r.nameOf))
		}
		r.putMeetings(sid, out)
		return out, nil
	}
	// The whole group is resolved at once: every member's answer is here.
	bySeries := map[graph.ID][]*resolvedMeeting{sid: nil}
	for _, s := range members {
		bySeries[s.id] = nil
	}
	for _, cl := range clusterGroup(members) {
		rm := resolveMeeting(cl, r.nameOf)
		for _, m := range cl.members {
			bySeries[m] = append(bySeries[m], rm)
		}
	}
	for id, ms := range bySeries {
		r.putMeetings(id, ms)
	}
	return bySeries[sid], nil
}

// putMeetings caches the resolved meetings of series sid.
func (r *reader) putMeetings(sid graph.ID, ms []*resolvedMeeting) {
	r.series[sid] = ms
	if r.shared != nil {
		r.shared.putMeetings(r.readTs, r.evidence, sid, ms)
	}
}

// meeting finds meeting id through the M index.
func (r *reader) meeting(id graph.ID) (*resolvedMeeting, error) {
	sids, err := r.ids(meetingPrefix(id), pickOther)
	if err != nil {
		return nil, err
	}
	for _, sid := range sids {
		ms, err := r.meetings(sid)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.m.ID == id {
				return m, nil
			}
		}
	}
	return nil, graph.ErrNotFound
}

// anyNode resolves id of any kind.
func (r *reader) anyNode(id graph.ID) (graph.Node, error) {
	n, err := r.node(id)
	if !errors.Is(err, graph.ErrNotFound) {
		return n, err
	}
	if src, err := r.source(id); !errors.Is(err, graph.ErrNotFound) {
		return src, err
	}
	m, err := r.meeting(id)
	if err != nil {
		return nil, err
	}
	return m.m, nil
}

// Node returns the node with id: *Entity, *Meeting, *Event, *Statement or
// *Source. An entity ID that a correction retired (merge, rename, type)
// gives the entity that replaced it. It returns an error wrapping
// ErrNotFound if there is none.
func (v *View) Node(ctx context.Context, id graph.ID) (graph.Node, error) {
	var n graph.Node
	err := v.view(ctx, func(r *reader) error {
		var err error
		n, err = r.anyNode(id)
		if to, ok := v.s.Redirect(id); ok && errors.Is(err, graph.ErrNotFound) {
			n, err = r.anyNode(to)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("node %v: %w", id, err)
	}
	return n, nil
}

// EntitiesByID resolves the entities among ids; the others are absent from
// the map.
func (v *View) EntitiesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error) {
	out := make(map[graph.ID]*graph.Entity, len(ids))
	err := v.view(ctx, func(r *reader) error {
		for _, id := range ids {
			if err := r.ctx.Err(); err != nil {
				return err // a timed-out query stops here, not after the loop
			}
			e, err := r.entity(id)
			if errors.Is(err, graph.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			out[id] = e
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("entities by id: %w", err)
	}
	return out, nil
}

// SourcesByID returns the sources among ids; the others are absent.
func (v *View) SourcesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error) {
	out := make(map[graph.ID]*graph.Source, len(ids))
	err := v.view(ctx, func(r *reader) error {
		for _, id := range ids {
			src, err := r.sharedSource(id)
			if errors.Is(err, graph.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			out[id] = src
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sources by id: %w", err)
	}
	return out, nil
}

// LookupEntities returns the entities of type t (EntityUnknown: any) whose
// canonical name or an alias has the NameKey of name, those with the most
// sources first, then by name. None gives an empty slice.
func (v *View) LookupEntities(ctx context.Context, name string, t graph.EntityType) ([]*graph.Entity, error) {
	out := []*graph.Entity{}
	k := graph.NameKey(name)
	if k == "" {
		return out, nil
	}
	err := v.view(ctx, func(r *reader) error {
		ids, err := r.ids(aliasPrefix(k), pickNode)
		if err != nil {
			return err
		}
		slices.Sort(ids)
		for _, id := range slices.Compact(ids) {
			e, err := r.entity(id)
			if errors.Is(err, graph.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if t == graph.EntityUnknown || e.Type == t {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lookup entities %q: %w", name, err)
	}
	slices.SortFunc(out, func(a, b *graph.Entity) int {
		if c := cmp.Compare(len(b.Sources), len(a.Sources)); c != 0 {
			return c
		}
		return compareEntities(a, b)
	})
	return out, nil
}

func compareEntities(a, b *graph.Entity) int {
	if c := cmp.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// Entities returns the entities f selects, sorted by name, then ID.
func (v *View) Entities(ctx context.Context, f graph.EntityFilter) ([]*graph.Entity, error) {
	out := []*graph.Entity{}
	prefix := kindPrefix(graph.KindEntity)
	if f.Type != graph.EntityUnknown {
		prefix = kindTypePrefix(graph.KindEntity, f.Type)
	}
	err := v.view(ctx, func(r *reader) error {
		ids, err := r.ids(prefix, pickNode)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := r.ctx.Err(); err != nil {
				return err // a timed-out query stops here, not after the loop
			}
			e, err := r.entity(id)
			if errors.Is(err, graph.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if f.Match(e) {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	slices.SortFunc(out, compareEntities)
	return out, nil
}

// Meetings returns the meetings f selects, sorted by date (unknown last),
// then ID. With Participants (or else Places) set, it reads only the series
// those entities take part in.
func (v *View) Meetings(ctx context.Context, f graph.MeetingFilter) ([]*graph.Meeting, error) {
	out := []*graph.Meeting{}
	err := v.view(ctx, func(r *reader) error {
		var sids []graph.ID
		var err error
		switch {
		case len(f.Participants) > 0:
			sids, err = r.seriesOf(f.Participants, roleParticipant)
		case len(f.Places) > 0:
			sids, err = r.seriesOf(f.Places, rolePlace, roleCity)
		default:
			sids, err = r.ids(kindPrefix(graph.KindMeeting), pickNode)
		}
		if err != nil {
			return err
		}
		for _, sid := range sids {
			if err := r.ctx.Err(); err != nil {
				return err // a timed-out query stops here, not after the loop
			}
			ms, err := r.meetings(sid)
			if err != nil {
				return err
			}
			for _, m := range ms {
				if f.Match(m.m) {
					out = append(out, m.m)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	slices.SortFunc(out, compareMeetings)
	// A meeting with claims of several of the series is in each one's
	// answer; sorted, the repeats are neighbours.
	return slices.CompactFunc(out, func(a, b *graph.Meeting) bool { return a.ID == b.ID }), nil
}

// MeetingsPage returns the meetings f selects from the after-th on, at most
// first of them, and how many it selects in all: Meetings(f)[after:][:first]
// and len(Meetings(f)). With Participants set and neither With nor Places,
// it reads the participants' Q rows, which are in the order of the answer
// and hold the dates, and resolves only the series of the page's meetings;
// otherwise it reads what Meetings reads.
func (v *View) MeetingsPage(ctx context.Context, f graph.MeetingFilter, after, first int) ([]*graph.Meeting, int, error) {
	if len(f.Participants) == 0 || len(f.With) > 0 || len(f.Places) > 0 {
		ms, err := v.Meetings(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		return pageOf(ms, after, first), len(ms), nil
	}
	out := []*graph.Meeting{}
	var total int
	err := v.view(ctx, func(r *reader) error {
		type row struct {
			key             []byte // date and meeting: the order of the answer
			meeting, series graph.ID
		}
		var rows []row
		for _, p := range f.Participants {
			prefix := byDatePrefix(p)
			err := r.scan(prefix, false, func(k, _ []byte) error {
				pk, err := parseKey(k)
				if err != nil {
					return err
				}
				if pk.Date.Within(f.From, f.To) {
					rows = append(rows, row{key: k[len(prefix):], meeting: pk.Other, series: pk.Src})
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		if len(f.Participants) > 1 { // a meeting of two of them is one meeting
			slices.SortFunc(rows, func(a, b row) int { return bytes.Compare(a.key, b.key) })
			rows = slices.CompactFunc(rows, func(a, b row) bool { return a.meeting == b.meeting })
		}
		total = len(rows)
		for _, rw := range pageOf(rows, after, first) {
			if err := r.ctx.Err(); err != nil {
				return err // a timed-out query stops here, not after the loop
			}
			ms, err := r.meetings(rw.series)
			if err != nil {
				return err
			}
			i := slices.IndexFunc(ms, func(m *resolvedMeeting) bool { return m.m.ID == rw.meeting })
			if i < 0 {
				return fmt.Errorf("participant index names meeting %v, not in series %v", rw.meeting, rw.series)
			}
			out = append(out, ms[i].m)
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("meetings: %w", err)
	}
	return out, total, nil
}

// pageOf returns items[after:][:first], within bounds; never nil.
func pageOf[T any](items []T, after, first int) []T {
	start := min(max(after, 0), len(items))
	end := min(start+max(first, 0), len(items))
	return append(make([]T, 0, end-start), items[start:end]...)
}

// seriesOf returns the sorted series in which any of nodes plays any of roles.
func (r *reader) seriesOf(nodes []graph.ID, roles ...role) ([]graph.ID, error) {
	var out []graph.ID
	for _, n := range nodes {
		for _, ro := range roles {
			ids, err := r.ids(rolePrefix(n, ro), pickOther)
			if err != nil {
				return nil, err
			}
			out = append(out, ids...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Statements returns the statements f selects, sorted by date (unknown
// last), then ID.
func (v *View) Statements(ctx context.Context, f graph.StatementFilter) ([]*graph.Statement, error) {
	out := []*graph.Statement{}
	search := strings.ToLower(f.Search)
	err := v.view(ctx, func(r *reader) error {
		var ids []graph.ID
		if len(f.Speakers) > 0 {
			for _, sp := range f.Speakers {
				got, err := r.ids(edgeTypePrefix(sp, graph.Said), pickOther)
				if err != nil {
					return err
				}
				ids = append(ids, got...)
			}
			slices.Sort(ids)
			ids = slices.Compact(ids)
		} else {
			var err error
			if ids, err = r.ids(kindPrefix(graph.KindStatement), pickNode); err != nil {
				return err
			}
		}
		for _, id := range ids { // group keys
			if err := r.ctx.Err(); err != nil {
				return err // a timed-out query stops here, not after the loop
			}
			n, err := r.storedNode(id)
			if err != nil {
				return err
			}
			st, ok := n.(*graph.Statement)
			if ok && (search == "" || strings.Contains(strings.ToLower(st.Text), search)) {
				out = append(out, st)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("statements: %w", err)
	}
	slices.SortFunc(out, func(a, b *graph.Statement) int {
		if c := compareByDate(a.Date, b.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// Events returns every event, sorted by date (unknown last), name, then ID.
func (v *View) Events(ctx context.Context) ([]*graph.Event, error) {
	out := []*graph.Event{}
	err := v.view(ctx, func(r *reader) error {
		ids, err := r.ids(kindPrefix(graph.KindEvent), pickNode)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := r.ctx.Err(); err != nil {
				return err // a timed-out query stops here, not after the loop
			}
			n, err := r.node(id)
			if err != nil {
				return err
			}
			if e, ok := n.(*graph.Event); ok {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	slices.SortFunc(out, compareEvents)
	return out, nil
}

func compareEvents(a, b *graph.Event) int {
	if c := compareByDate(a.Date, b.Date); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// Sources returns every source, sorted by Key.
func (v *View) Sources(ctx context.Context) ([]*graph.Source, error) {
	out := []*graph.Source{}
	err := v.view(ctx, func(r *reader) error {
		return r.eachSource(func(src *graph.Source, _ string) error {
			out = append(out, src)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	slices.SortFunc(out, func(a, b *graph.Source) int { return cmp.Compare(a.Key, b.Key) })
	return out, nil
}

// storedEdges resolves the E rows under prefix (which starts with a from
// ID) that want accepts (nil: all), grouping consecutive rows of one
// from-type-to. An error of want ends the scan with it.
func (r *reader) storedEdges(prefix []byte, want func(parsedKey) (bool, error)) ([]graph.Edge, error) {
	return r.storedEdgesOf(prefix, nil, want)
}

// storedEdgesOf is storedEdges of the types given (sorted; none: all),
// when prefix is a from ID's (see scanTypes).
func (r *reader) storedEdgesOf(prefix []byte, types []graph.EdgeType, want func(parsedKey) (bool, error)) ([]graph.Edge, error) {
	var out []graph.Edge
	err := r.eachStoredEdges(prefix, types, want, func(es []graph.Edge) error {
		out = append(out, es...)
		return nil
	})
	return out, err
}

// eachStoredEdges is storedEdges one from-type-to at a time: fn gets the
// edges resolved from each group of rows, so that a scan of the whole
// graph (the census) never holds them all.
func (r *reader) eachStoredEdges(prefix []byte, types []graph.EdgeType, want func(parsedKey) (bool, error), fn func([]graph.Edge) error) error {
	var cur []srcEdge
	var curKey parsedKey
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		from, err := r.publicID(curKey.Node)
		if err != nil {
			return err
		}
		to, err := r.publicID(curKey.Other)
		if err != nil {
			return err
		}
		es := resolveEdges(from, curKey.Type, to, cur)
		cur = nil
		return fn(es)
	}
	var keep func(k []byte) (bool, error)
	if want != nil {
		keep = func(k []byte) (bool, error) {
			p, err := parseKey(k)
			if err != nil {
				return true, nil // a bad key fails below
			}
			return want(p)
		}
	}
	err := r.scanTypes(prefix, types, true, keep, func(k, v []byte) error {
		p, err := parseKey(k)
		if err != nil {
			return err
		}
		if p.Node != curKey.Node || p.Type != curKey.Type || p.Other != curKey.Other {
			if err := flush(); err != nil {
				return err
			}
			curKey = p
		}
		var row edgeRow
		if len(v) > 0 {
			if err := decodeRow(v, &row, r.evidence); err != nil {
				return err
			}
		}
		cur = append(cur, srcEdge{src: p.Src, row: row})
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// Edges returns every resolved edge from or to node id, sorted. It returns
// an error wrapping ErrNotFound if there is no such node.
func (v *View) Edges(ctx context.Context, id graph.ID) ([]graph.Edge, error) {
	return v.EdgesOf(ctx, id, graph.EdgeFilter{})
}

// meetingEdgeTypes are the types of the edges derived from meetings.
var meetingEdgeTypes = []graph.EdgeType{graph.MetWith, graph.ParticipatedIn, graph.HeldIn, graph.PartOf, graph.MentionedIn}

// EdgesOf returns the edges of Edges(id) that f selects. It scans only the
// E and R rows of f's types and decodes only those whose other end f
// accepts, and resolves meetings only when f accepts a meeting edge type.
func (v *View) EdgesOf(ctx context.Context, id graph.ID, f graph.EdgeFilter) ([]graph.Edge, error) {
	var out []graph.Edge
	err := v.view(ctx, func(r *reader) error {
		var err error
		out, err = r.edgesOf(id, edgeTypesOf(f), f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("edges of %v: %w", id, err)
	}
	return out, nil
}

// EdgesOfMany returns EdgesOf(id, f) for each of ids that is a node; the
// others are absent from the map. It reads them all in one snapshot with
// one iterator per kind of row, each serving every node's seeks in ID
// order, and resolves each meeting series once for all of them: a walk
// of the graph asks for the edges of a level's hundreds of nodes at once.
func (v *View) EdgesOfMany(ctx context.Context, ids []graph.ID, f graph.EdgeFilter) (map[graph.ID][]graph.Edge, error) {
	out := make(map[graph.ID][]graph.Edge, len(ids))
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	types := edgeTypesOf(f)
	err := v.view(ctx, func(r *reader) error {
		key := edgeBatchKey(sorted, types, f.Others, r.evidence)
		if r.shared != nil {
			if m, ok := r.shared.batch(r.readTs, key); ok {
				out = m
				return nil
			}
		}
		defer r.reuseIterators()()
		if f.Others != nil {
			among, err := r.meetingsAmong(f.Others)
			if err != nil {
				return err
			}
			r.among = among
		}
		for _, id := range sorted {
			es, err := r.edgesOf(id, types, f)
			if errors.Is(err, graph.ErrNotFound) {
				continue
			}
			if err != nil {
				return fmt.Errorf("edges of %v: %w", id, err)
			}
			out[id] = es
		}
		if r.shared != nil {
			r.shared.putBatch(r.readTs, key, out)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// edgeBatchKey is the question of an EdgesOfMany: its IDs (sorted, once
// each), types (edgeTypesOf), other ends (nil: any) and whether evidence is
// read, as one string.
func edgeBatchKey(ids []graph.ID, types []graph.EdgeType, others map[graph.ID]bool, evidence bool) string {
	b := make([]byte, 0, 8*(len(ids)+len(others))+len(types)+4)
	b = append(b, byte(idx(evidence)))
	b = binary.BigEndian.AppendUint32(b, uint32(len(ids)))
	for _, id := range ids {
		b = binary.BigEndian.AppendUint64(b, uint64(id))
	}
	b = append(b, byte(len(types)))
	for _, t := range types {
		b = append(b, byte(t))
	}
	if others == nil {
		return string(append(b, 0))
	}
	os := make([]graph.ID, 0, len(others))
	for id, in := range others {
		if in {
			os = append(os, id)
		}
	}
	slices.Sort(os)
	b = append(b, 1)
	for _, id := range os {
		b = binary.BigEndian.AppendUint64(b, uint64(id))
	}
	return string(b)
}

// edgeTypesOf returns f's types sorted, once each (none: all).
func edgeTypesOf(f graph.EdgeFilter) []graph.EdgeType {
	types := slices.Clone(f.Types)
	slices.Sort(types)
	return slices.Compact(types)
}

// edgesOf is EdgesOf of id, with f's types as edgeTypesOf gives them, sorted.
func (r *reader) edgesOf(id graph.ID, types []graph.EdgeType, f graph.EdgeFilter) ([]graph.Edge, error) {
	// The other end of a row may be a statement's group key: f names the
	// statement by its ID.
	other := func(p parsedKey) (bool, error) {
		if f.Others == nil {
			return true, nil
		}
		o, err := r.publicID(p.Other)
		if err != nil {
			return false, err
		}
		return f.Others[o], nil
	}
	// key is where id's rows are: a statement's are under its group's key.
	// Only a meeting or a source needs n below, so a statement, which has
	// an I row, is not resolved (resolving it decodes every row of its
	// group).
	var n graph.Node
	key := id
	e, err := r.entity(id) // most nodes are entities, and they may be cached
	if err == nil {
		n = e
	} else if !errors.Is(err, graph.ErrNotFound) {
		return nil, err
	} else if g, ok, err := r.statementGroupOf(id); err != nil {
		return nil, err
	} else if ok {
		key = g
	} else if n, err = r.anyNode(id); err != nil {
		return nil, err
	}
	out, err := r.storedEdgesOf(edgePrefix(key), types, other)
	if err != nil {
		return nil, err
	}
	// Incoming: the R rows name the E rows to read.
	froms := map[[2]graph.ID]bool{}
	err = r.scanTypes(reversePrefix(key), types, false, nil, func(k, _ []byte) error {
		p, err := parseKey(k)
		if err != nil {
			return err
		}
		ok, err := other(p)
		if ok {
			froms[[2]graph.ID{p.Other, graph.ID(p.Type)}] = true
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	keys := make([][2]graph.ID, 0, len(froms))
	for k := range froms {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]graph.ID) int { return slices.Compare(a[:], b[:]) })
	for _, k := range keys {
		in, err := r.storedEdges(newKey(prefixEdge).id(k[0]).b(byte(k[1])).id(key), nil)
		if err != nil {
			return nil, err
		}
		out = append(out, in...)
	}
	// Meeting edges are derived on read.
	if len(types) == 0 || slices.ContainsFunc(types, func(t graph.EdgeType) bool { return slices.Contains(meetingEdgeTypes, t) }) {
		var ms []*resolvedMeeting
		switch n := n.(type) {
		case *graph.Meeting:
			m, err := r.meeting(n.ID)
			if err != nil {
				return nil, err
			}
			ms = append(ms, m)
		case *graph.Source:
			sids, err := r.sourceSeries(id)
			if err != nil {
				return nil, err
			}
			if ms, err = r.meetingsOf(sids); err != nil {
				return nil, err
			}
		default:
			if r.among != nil { // set for f.Others by EdgesOfMany
				if ms, err = r.meetingsToward(id, types); err != nil {
					return nil, err
				}
				break
			}
			sids, err := r.ids(roleNodePrefix(id), pickOther)
			if err != nil {
				return nil, err
			}
			slices.Sort(sids)
			if ms, err = r.meetingsOf(slices.Compact(sids)); err != nil {
				return nil, err
			}
		}
		for _, m := range ms {
			if !m.reaches(f.Others) {
				continue
			}
			for _, e := range m.edges() {
				if (e.From == id || e.To == id) && f.Match(id, e) {
					out = append(out, e)
				}
			}
		}
	}
	slices.SortFunc(out, compareEdges)
	return out, nil
}

// meetingsAmongOthers is what a batched read whose filter names the other
// ends (a walk's nodes) knows of the meetings that can give its nodes an
// edge to one of them: those that are among them, indexed by every entity
// or event they link, and the meetings of each of them as a participant.
// An entity's or event's meeting edges lead to another participant
// (MET_WITH) or to the meeting (every other type), so only these meetings
// can give it an edge to the walk's nodes; a walk's node with thousands of
// meetings (a capital city, a minister) then resolves a handful of them,
// not its every series.
type meetingsAmongOthers struct {
	linking map[graph.ID][]*resolvedMeeting // entity or event -> the meetings among others it is an end of
	with    map[graph.ID][]graph.ID         // meeting -> its participants among others (Q rows)
	of      map[graph.ID][]graph.ID         // participant among others -> its meetings (Q rows)
	owner   map[graph.ID]graph.ID           // meeting -> the series that owns it (Q rows)
	// resolved are the meetings resolved so far for the batch (nil: none
	// such), so that a meeting of many of its nodes is found once.
	resolved map[graph.ID]*resolvedMeeting
}

// meetingsAmong reads, for the IDs of others, which are meetings (their M
// rows) and the meetings each takes part in (their Q rows), and resolves
// the former.
func (r *reader) meetingsAmong(others map[graph.ID]bool) (*meetingsAmongOthers, error) {
	ids := make([]graph.ID, 0, len(others))
	for id := range others {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	a := &meetingsAmongOthers{linking: map[graph.ID][]*resolvedMeeting{},
		with: map[graph.ID][]graph.ID{}, of: map[graph.ID][]graph.ID{},
		owner: map[graph.ID]graph.ID{}, resolved: map[graph.ID]*resolvedMeeting{}}
	for _, id := range ids {
		if err := r.ctx.Err(); err != nil {
			return nil, err
		}
		ms, err := r.meetingsWith(id, a.owner)
		if err != nil {
			return nil, err
		}
		a.of[id] = ms
		for _, m := range ms {
			a.with[m] = append(a.with[m], id)
		}
		series, err := r.ids(meetingPrefix(id), pickOther)
		if err != nil {
			return nil, err
		}
		if len(series) == 0 {
			continue // not a meeting
		}
		rm, err := r.meetingOf(a, id)
		if err != nil {
			return nil, err
		}
		if rm == nil {
			continue
		}
		m := rm.m
		ends := append([]graph.ID{m.Place, m.City, m.Event}, m.Participants...)
		slices.Sort(ends)
		for _, e := range slices.Compact(ends) {
			if e != 0 {
				a.linking[e] = append(a.linking[e], rm)
			}
		}
	}
	return a, nil
}

// meetingOf returns meeting id (nil: there is none), resolved once for
// the batch: through the series that owns it when a Q row named it (no
// seek of the M rows), else as Node does.
func (r *reader) meetingOf(a *meetingsAmongOthers, id graph.ID) (*resolvedMeeting, error) {
	if rm, ok := a.resolved[id]; ok {
		return rm, nil
	}
	var found *resolvedMeeting
	if sid, ok := a.owner[id]; ok {
		ms, err := r.meetings(sid)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.m.ID == id {
				found = m
				break
			}
		}
	}
	if found == nil {
		m, err := r.meeting(id)
		if err != nil && !errors.Is(err, graph.ErrNotFound) {
			return nil, err
		}
		found = m
	}
	a.resolved[id] = found
	return found, nil
}

// meetingsWith returns the meetings participant takes part in, from its Q
// rows, each once, and notes the series owning each in owner.
func (r *reader) meetingsWith(participant graph.ID, owner map[graph.ID]graph.ID) ([]graph.ID, error) {
	var out []graph.ID
	err := r.scan(byDatePrefix(participant), false, func(k, _ []byte) error {
		p, err := parseKey(k)
		if err != nil {
			return err
		}
		out = append(out, p.Other)
		owner[p.Other] = p.Src
		return nil
	})
	slices.Sort(out)
	return slices.Compact(out), err
}

// meetingsToward returns the meetings that can give the entity or event id
// an edge of types (none: any) to one of r.among's others: those among
// them that link id, and, for MET_WITH, those where id meets one of them.
// Each comes once; what the edges are is left to the caller.
func (r *reader) meetingsToward(id graph.ID, types []graph.EdgeType) ([]*resolvedMeeting, error) {
	a := r.among
	out := slices.Clone(a.linking[id])
	if len(types) > 0 && !slices.Contains(types, graph.MetWith) {
		return out, nil
	}
	seen := make(map[graph.ID]bool, len(out))
	for _, rm := range out {
		seen[rm.m.ID] = true
	}
	mine, ok := a.of[id]
	if !ok {
		var err error
		if mine, err = r.meetingsWith(id, a.owner); err != nil {
			return nil, err
		}
	}
	for _, m := range mine {
		if seen[m] || !slices.ContainsFunc(a.with[m], func(p graph.ID) bool { return p != id }) {
			continue
		}
		rm, err := r.meetingOf(a, m)
		if err != nil {
			return nil, err
		}
		if rm == nil {
			continue
		}
		seen[m] = true
		out = append(out, rm)
	}
	return out, nil
}

// reaches reports whether an edge of meeting rm can end in others (nil:
// anywhere): whether the meeting, a participant, its place, city or event
// or a source is in it. A walk that has its nodes asks only for the edges
// among them, and most meetings of a well-connected node have none: this
// skips deriving their edges.
func (rm *resolvedMeeting) reaches(others map[graph.ID]bool) bool {
	if others == nil {
		return true
	}
	m := rm.m
	if others[m.ID] || others[m.Place] || others[m.City] || others[m.Event] {
		return true
	}
	for _, p := range m.Participants {
		if others[p] {
			return true
		}
	}
	for _, src := range m.Sources {
		if others[src] {
			return true
		}
	}
	return false
}

// meetingsOf returns the meetings with claims of any of the series sids,
// each once.
func (r *reader) meetingsOf(sids []graph.ID) ([]*resolvedMeeting, error) {
	var out []*resolvedMeeting
	seen := map[graph.ID]bool{}
	for _, sid := range sids {
		ms, err := r.meetings(sid)
		if err != nil {
			return nil, err
		}
		out = append(out, uniqueMeetings(ms, seen)...)
	}
	return out, nil
}

// uniqueMeetings returns the meetings of ms not in seen, and adds them to
// seen: a meeting with claims of several series is in each one's answer.
func uniqueMeetings(ms []*resolvedMeeting, seen map[graph.ID]bool) []*resolvedMeeting {
	out := ms[:0:0]
	for _, m := range ms {
		if !seen[m.m.ID] {
			seen[m.m.ID] = true
			out = append(out, m)
		}
	}
	return out
}

// sourceSeries returns the series source src has claims in, from its row list.
func (r *reader) sourceSeries(src graph.ID) ([]graph.ID, error) {
	item, err := r.txn.Get(sourceKey(src))
	if err != nil {
		return nil, err
	}
	var row sourceRow
	if err := item.Value(func(v []byte) error { return decodeValue(v, &row) }); err != nil {
		return nil, err
	}
	keys, err := splitRowList(row.Rows)
	if err != nil {
		return nil, err
	}
	var out []graph.ID
	for _, k := range keys {
		if len(k) > 0 && k[0] == prefixSeries {
			p, err := parseKey(k)
			if err != nil {
				return nil, err
			}
			out = append(out, p.Node)
		}
	}
	return out, nil
}

// Snapshot returns the whole graph from one consistent read.
func (v *View) Snapshot(ctx context.Context) (*graph.Snapshot, error) {
	snap := &graph.Snapshot{Entities: []*graph.Entity{}, Meetings: []*graph.Meeting{}, Statements: []*graph.Statement{},
		Events: []*graph.Event{}, Sources: []*graph.Source{}, Edges: []graph.Edge{}}
	err := v.view(ctx, func(r *reader) error {
		ids, err := r.ids([]byte{prefixNode}, pickNode)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := r.ctx.Err(); err != nil {
				return err // a timed-out query stops here, not after the loop
			}
			n, err := r.storedNode(id) // a statement's rows are under its group key
			if err != nil {
				return err
			}
			switch n := n.(type) {
			case *graph.Entity:
				snap.Entities = append(snap.Entities, n)
			case *graph.Event:
				snap.Events = append(snap.Events, n)
			case *graph.Statement:
				snap.Statements = append(snap.Statements, n)
			}
		}
		err = r.eachSource(func(src *graph.Source, _ string) error {
			snap.Sources = append(snap.Sources, src)
			return nil
		})
		if err != nil {
			return err
		}
		sids, err := r.ids([]byte{prefixSeries}, pickNode)
		if err != nil {
			return err
		}
		seen := map[graph.ID]bool{}
		for _, sid := range sids {
			if err := r.ctx.Err(); err != nil {
				return err // a timed-out query stops here, not after the loop
			}
			ms, err := r.meetings(sid)
			if err != nil {
				return err
			}
			for _, m := range uniqueMeetings(ms, seen) {
				snap.Meetings = append(snap.Meetings, m.m)
				snap.Edges = append(snap.Edges, m.edges()...)
			}
		}
		edges, err := r.storedEdges([]byte{prefixEdge}, nil)
		snap.Edges = append(snap.Edges, edges...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	slices.SortFunc(snap.Entities, compareEntities)
	slices.SortFunc(snap.Meetings, compareMeetings)
	slices.SortFunc(snap.Statements, func(a, b *graph.Statement) int {
		if c := compareByDate(a.Date, b.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	slices.SortFunc(snap.Events, compareEvents)
	slices.SortFunc(snap.Sources, func(a, b *graph.Source) int { return cmp.Compare(a.Key, b.Key) })
	slices.SortFunc(snap.Edges, compareEdges)
	return snap, nil
}

// SourceText returns the cleaned text of source id, the text every Evidence
// span of that source points into. It returns an error wrapping ErrNotFound
// if there is no such source.
func (s *Store) SourceText(ctx context.Context, id graph.ID) (string, error) {
	return s.current().SourceText(ctx, id)
}

// SourceText is Store.SourceText read through the view.
func (v *View) SourceText(ctx context.Context, id graph.ID) (string, error) {
	var buf []byte
	err := v.view(ctx, func(r *reader) error {
		return r.scan(articlePrefix(id), true, func(_, v []byte) error {
			buf = append(buf, v...)
			return nil
		})
	})
	if err != nil {
		return "", fmt.Errorf("text of source %v: %w", id, err)
	}
	if len(buf) == 0 {
		return "", fmt.Errorf("text of source %v: %w", id, graph.ErrNotFound)
	}
	var row struct {
		Text string `json:"t"` // articleRow.Text; the article itself is not decoded
	}
	if err := decodeValue(buf, &row); err != nil {
		return "", fmt.Errorf("text of source %v: %w", id, err)
	}
	return row.Text, nil
}
