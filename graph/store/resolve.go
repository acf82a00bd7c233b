package store

import (
	"cmp"
	"slices"

	"github.com/newsgraph/newsgraph/graph"
)

// This file turns per-source claims into resolved nodes and edges. Every
// function here is pure and deterministic: its result depends on the set of
// claims, never on the order they were stored in, so any ingest order gives
// the same graph.

// votes counts, for each value, the sources that give it. A fact has few
// distinct values, so they are a list searched in order.
type votes[T comparable] struct {
	vals []vote[T]
}

type vote[T comparable] struct {
	val  T
	srcs []graph.ID
	evid []graph.Evidence
}

// find returns the vote for val, or nil.
func (v *votes[T]) find(val T) *vote[T] {
	for i := range v.vals {
		if v.vals[i].val == val {
			return &v.vals[i]
		}
	}
	return nil
}

func (v *votes[T]) add(val T, src graph.ID, ev []graph.Evidence) {
	x := v.find(val)
	if x == nil {
		v.vals = append(v.vals, vote[T]{val: val})
		x = &v.vals[len(v.vals)-1]
	}
	if !slices.Contains(x.srcs, src) {
		x.srcs = append(x.srcs, src)
	}
	x.evid = appendWithSource(x.evid, ev, src)
}

// empty reports whether no value was added.
func (v *votes[T]) empty() bool { return len(v.vals) == 0 }

// ranked returns the values, most sources first, ties broken by less.
func (v *votes[T]) ranked(less func(a, b T) int) []T {
	vs := slices.Clone(v.vals)
	slices.SortFunc(vs, func(a, b vote[T]) int {
		if c := cmp.Compare(len(b.srcs), len(a.srcs)); c != 0 {
			return c
		}
		return less(a.val, b.val)
	})
	out := make([]T, len(vs))
	for i, x := range vs {
		out[i] = x.val
	}
	return out
}

// best returns the first of ranked(less); v must not be empty.
func (v *votes[T]) best(less func(a, b T) int) T {
	b := &v.vals[0]
	for i := 1; i < len(v.vals); i++ {
		x := &v.vals[i]
		if c := cmp.Compare(len(x.srcs), len(b.srcs)); c > 0 || c == 0 && less(x.val, b.val) < 0 {
			b = x
		}
	}
	return b.val
}

// sources returns the sorted sources giving val.
func (v *votes[T]) sources(val T) []graph.ID {
	if x := v.find(val); x != nil {
		return sortedIDs(x.srcs)
	}
	return nil
}

// evidence returns the evidence given for val.
func (v *votes[T]) evidence(val T) []graph.Evidence {
	if x := v.find(val); x != nil {
		return x.evid
	}
	return nil
}

// longestFirst orders names for ties: the longest, then lexicographic.
func longestFirst(a, b string) int {
	if c := cmp.Compare(len(b), len(a)); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

func compareDates(a, b graph.Date) int {
	if c := cmp.Compare(b.Precision(), a.Precision()); c != 0 {
		return c
	}
	return cmp.Compare(a.String(), b.String())
}

func sortedIDs(ids []graph.ID) []graph.ID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// appendWithSource appends ev to dst, each with Source src.
func appendWithSource(dst, ev []graph.Evidence, src graph.ID) []graph.Evidence {
	for _, e := range ev {
		e.Source = src
		dst = append(dst, e)
	}
	return dst
}

func compareEvidence(a, b graph.Evidence) int {
	if c := cmp.Compare(a.Source, b.Source); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.End, b.Span.End); c != 0 {
		return c
	}
	return cmp.Compare(a.Text, b.Text)
}

// normEvidence returns ev sorted and without duplicates, leaving ev as it is.
func normEvidence(ev []graph.Evidence) []graph.Evidence {
	if len(ev) == 0 {
		return nil
	}
	return sortEvidence(slices.Clone(ev))
}

// sortEvidence sorts ev in place and drops duplicates; ev must be the
// caller's own.
func sortEvidence(ev []graph.Evidence) []graph.Evidence {
	if len(ev) == 0 {
		return nil
	}
	slices.SortFunc(ev, compareEvidence)
	return slices.CompactFunc(ev, func(a, b graph.Evidence) bool { return compareEvidence(a, b) == 0 })
}

type srcEntity struct {
	src graph.ID
	row entityRow
}

// resolveEntity merges every source's claim for entity id.
func resolveEntity(id graph.ID, rows []srcEntity) *graph.Entity {
	e := &graph.Entity{ID: id}
	var names votes[string]
	// byKey groups the names by NameKey, in the order first seen; an
	// entity has few distinct names, and each source repeats them, so keys
	// are computed once per distinct name.
	type keyed struct {
		key   string
		forms votes[string]
	}
	var byKey []keyed
	var keys [][2]string // name, NameKey(name)
	keyOf := func(n string) string {
		for _, nk := range keys {
			if nk[0] == n {
				return nk[1]
			}
		}
		k := graph.NameKey(n)
		keys = append(keys, [2]string{n, k})
		return k
	}
	addName := func(n string, src graph.ID) {
		k := keyOf(n)
		if k == "" {
			return
		}
		for i := range byKey {
			if byKey[i].key == k {
				byKey[i].forms.add(n, src, nil)
				return
			}
		}
		byKey = append(byKey, keyed{key: k})
		byKey[len(byKey)-1].forms.add(n, src, nil)
	}
	nev := 0
	for _, r := range rows {
		nev += len(r.row.Evidence)
	}
	ev := make([]graph.Evidence, 0, nev)
	for _, r := range rows {
		e.Type = r.row.Type
		names.add(r.row.Name, r.src, nil)
		addName(r.row.Name, r.src)
		for _, n := range r.row.Aliases {
			addName(n, r.src)
		}
		e.Titles = append(e.Titles, r.row.Titles...)
		e.Sources = append(e.Sources, r.src)
		ev = appendWithSource(ev, r.row.Evidence, r.src)
	}
	if !names.empty() {
		e.Name = names.best(longestFirst)
	}
	canon := keyOf(e.Name)
	for i := range byKey {
		if byKey[i].key != canon {
			e.Aliases = append(e.Aliases, byKey[i].forms.best(longestFirst))
		}
	}
	slices.Sort(e.Aliases)
	slices.Sort(e.Titles)
	e.Titles = slices.Compact(e.Titles)
	e.Sources = sortedIDs(e.Sources)
	e.Evidence = sortEvidence(ev)
	return e
}

type srcStatement struct {
	src graph.ID
	row statementRow
}

// resolveStatement merges every source's claim for statement id. The text
// most sources give wins (ties: the longest); it is direct when any source
// quotes it directly.
func resolveStatement(id graph.ID, rows []srcStatement) *graph.Statement {
	st := &graph.Statement{ID: id}
	var texts votes[string]
	var dates votes[graph.Date]
	var ev []graph.Evidence
	for _, r := range rows {
		st.Speaker = r.row.Speaker
		texts.add(r.row.Text, r.src, nil)
		if !r.row.Date.IsZero() {
			dates.add(r.row.Date, r.src, nil)
		}
		st.Direct = st.Direct || r.row.Direct
		st.Sources = append(st.Sources, r.src)
		ev = appendWithSource(ev, r.row.Evidence, r.src)
	}
	if !texts.empty() {
		st.Text = texts.best(longestFirst)
	}
	if !dates.empty() {
		st.Date = dates.best(compareDates)
	}
	st.Sources = sortedIDs(st.Sources)
	st.Evidence = sortEvidence(ev)
	return st
}

type srcEvent struct {
	src graph.ID
	row eventRow
}

// resolveEvent merges every source's claim for event id. DisruptedBy and
// Disrupted come from edges and are set by the caller.
func resolveEvent(id graph.ID, rows []srcEvent) *graph.Event {
	e := &graph.Event{ID: id}
	var names votes[string]
	var dates votes[graph.Date]
	var places votes[graph.ID]
	var ev []graph.Evidence
	for _, r := range rows {
		e.Kind = r.row.Kind
		names.add(r.row.Name, r.src, nil)
		if !r.row.Date.IsZero() {
			dates.add(r.row.Date, r.src, nil)
		}
		if r.row.Place != 0 {
			places.add(r.row.Place, r.src, nil)
		}
		e.Participants = append(e.Participants, r.row.Participants...)
		e.Sources = append(e.Sources, r.src)
		ev = appendWithSource(ev, r.row.Evidence, r.src)
	}
	if !names.empty() {
		e.Name = names.best(longestFirst)
	}
	if !dates.empty() {
		e.Date = dates.best(compareDates)
	}
	if !places.empty() {
		e.Place = places.best(cmp.Compare[graph.ID])
	}
	e.Participants = sortedIDs(e.Participants)
	e.Sources = sortedIDs(e.Sources)
	e.Evidence = sortEvidence(ev)
	return e
}

type srcEdge struct {
	src graph.ID
	row edgeRow
}

// resolveEdges merges every source's rows for the edge from -t-> to into
// one edge per title (compared by NameKey; the form most sources use wins).
func resolveEdges(from graph.ID, t graph.EdgeType, to graph.ID, rows []srcEdge) []graph.Edge {
	type group struct {
		titles  votes[string]
		sources []graph.ID
		ev      []graph.Evidence
	}
	groups := map[string]*group{}
	var keys []string
	for _, r := range rows {
		items := r.row.Items
		if len(items) == 0 {
			items = []edgeItem{{}}
		}
		for _, it := range items {
			k := graph.NameKey(it.Title)
			g := groups[k]
			if g == nil {
				g = &group{}
				groups[k] = g
				keys = append(keys, k)
			}
			g.titles.add(it.Title, r.src, nil)
			g.sources = append(g.sources, r.src)
			g.ev = appendWithSource(g.ev, it.Evidence, r.src)
		}
	}
	slices.Sort(keys)
	out := make([]graph.Edge, 0, len(keys))
	for _, k := range keys {
		g := groups[k]
		out = append(out, graph.Edge{From: from, To: to, Type: t, Title: g.titles.best(longestFirst),
			Sources: sortedIDs(g.sources), Evidence: sortEvidence(g.ev)})
	}
	return out
}

// compareEdges orders edges by endpoints, type and title, then provenance,
// so that per-meeting MET_WITH edges of one pair keep a fixed order.
func compareEdges(a, b graph.Edge) int {
	if c := cmp.Compare(a.From, b.From); c != 0 {
		return c
	}
	if c := cmp.Compare(a.To, b.To); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	if c := slices.Compare(a.Sources, b.Sources); c != 0 {
		return c
	}
	if c := slices.CompareFunc(a.Evidence, b.Evidence, compareEvidence); c != 0 {
		return c
	}
	// Two meetings of one pair reported by the same sources: by meeting,
	// so that the order does not depend on the order they were read in.
	return cmp.Compare(a.Meeting, b.Meeting)
}

// compareMeetings orders meetings by date (unknown last), then ID.
func compareMeetings(a, b *graph.Meeting) int {
	if c := compareByDate(a.Date, b.Date); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// compareByDate orders known dates chronologically and unknown ones last.
func compareByDate(a, b graph.Date) int {
	ak, bk := a.Precision() > 0, b.Precision() > 0
	switch {
	case ak && !bk:
		return -1
	case !ak && bk:
		return 1
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}
