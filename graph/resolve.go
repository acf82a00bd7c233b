package graph

import (
	"cmp"
	"slices"
	"strconv"
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
	srcs []ID
	evid []Evidence
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

func (v *votes[T]) add(val T, src ID, ev []Evidence) {
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
func (v *votes[T]) sources(val T) []ID {
	if x := v.find(val); x != nil {
		return sortedIDs(x.srcs)
	}
	return nil
}

// evidence returns the evidence given for val.
func (v *votes[T]) evidence(val T) []Evidence {
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

func compareDates(a, b Date) int {
	if c := cmp.Compare(b.Precision(), a.Precision()); c != 0 {
		return c
	}
	return cmp.Compare(a.String(), b.String())
}

func sortedIDs(ids []ID) []ID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// appendWithSource appends ev to dst, each with Source src.
func appendWithSource(dst, ev []Evidence, src ID) []Evidence {
	for _, e := range ev {
		e.Source = src
		dst = append(dst, e)
	}
	return dst
}

func compareEvidence(a, b Evidence) int {
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
func normEvidence(ev []Evidence) []Evidence {
	if len(ev) == 0 {
		return nil
	}
	return sortEvidence(slices.Clone(ev))
}

// sortEvidence sorts ev in place and drops duplicates; ev must be the
// caller's own.
func sortEvidence(ev []Evidence) []Evidence {
	if len(ev) == 0 {
		return nil
	}
	slices.SortFunc(ev, compareEvidence)
	return slices.CompactFunc(ev, func(a, b Evidence) bool { return compareEvidence(a, b) == 0 })
}

type srcEntity struct {
	src ID
	row entityRow
}

// resolveEntity merges every source's claim for entity id.
func resolveEntity(id ID, rows []srcEntity) *Entity {
	e := &Entity{ID: id}
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
		k := NameKey(n)
		keys = append(keys, [2]string{n, k})
		return k
	}
	addName := func(n string, src ID) {
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
	ev := make([]Evidence, 0, nev)
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
	src ID
	row statementRow
}

// resolveStatement merges every source's claim for statement id. The text
// most sources give wins (ties: the longest); it is direct when any source
// quotes it directly.
func resolveStatement(id ID, rows []srcStatement) *Statement {
	st := &Statement{ID: id}
	var texts votes[string]
	var dates votes[Date]
	var ev []Evidence
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
	src ID
	row eventRow
}

// resolveEvent merges every source's claim for event id. DisruptedBy and
// Disrupted come from edges and are set by the caller.
func resolveEvent(id ID, rows []srcEvent) *Event {
	e := &Event{ID: id}
	var names votes[string]
	var dates votes[Date]
	var places votes[ID]
	var ev []Evidence
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
		e.Place = places.best(cmp.Compare[ID])
	}
	e.Participants = sortedIDs(e.Participants)
	e.Sources = sortedIDs(e.Sources)
	e.Evidence = sortEvidence(ev)
	return e
}

// series is every source's claims for one meeting series.
type series struct {
	id           ID
	name         string
	participants []ID
	status       MeetingStatus
	claims       []seriesClaim
}

type seriesClaim struct {
	src ID
	idx int // position in the source's series row
	row meetingRow
}

type srcSeries struct {
	src ID
	row seriesRow
}

func newSeries(id ID, rows []srcSeries) *series {
	s := &series{id: id}
	for _, r := range rows {
		s.participants = r.row.Participants
		s.status = r.row.Status
		for i, c := range r.row.Claims {
			s.claims = append(s.claims, seriesClaim{src: r.src, idx: i, row: c})
		}
	}
	s.name = seriesName(s.participants, s.status)
	return s
}

// cluster is the claims of a series that report one meeting.
type cluster struct {
	id      ID
	date    Date
	claims  []seriesClaim
	sources []ID
	created int
}

// dateRank orders claims for clustering: the most precise dates found the
// clusters, vaguer ones join them.
func dateRank(d Date) int {
	switch {
	case d.Precision() > 0:
		return 3 - d.Precision() // day 0, month 1, year 2
	case d.Day != 0:
		return 3 // month and day without year
	case d.Month != 0:
		return 4
	}
	return 5
}

// clusterSeries groups a series' claims into meetings by date: claims with
// compatible dates are one meeting; a vaguer claim (no day, no year, no
// date) compatible with several meetings joins the one with most sources,
// then the earliest. Clusters get their IDs here (see meetingID).
func clusterSeries(s *series) []*cluster {
	claims := slices.Clone(s.claims)
	slices.SortFunc(claims, func(a, b seriesClaim) int {
		if c := cmp.Compare(dateRank(a.row.Date), dateRank(b.row.Date)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.row.Date.String(), b.row.Date.String()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.src, b.src); c != 0 {
			return c
		}
		return cmp.Compare(a.idx, b.idx)
	})
	var out []*cluster
	for _, c := range claims {
		var best *cluster
		for _, cl := range out {
			if !cl.date.Compatible(c.row.Date) {
				continue
			}
			if best == nil || betterCluster(cl, best) {
				best = cl
			}
		}
		if best == nil {
			best = &cluster{created: len(out)}
			out = append(out, best)
		}
		best.claims = append(best.claims, c)
		best.date = best.date.Refine(c.row.Date)
		if !slices.Contains(best.sources, c.src) {
			best.sources = append(best.sources, c.src)
		}
	}
	// IDs: month precision, unless two meetings of the series share the
	// month; then those use their full dates (distinct: clusters are
	// pairwise incompatible), with a counter as the last resort.
	count := map[string]int{}
	for _, cl := range out {
		count[monthKey(cl.date)]++
	}
	seen := map[string]int{}
	for _, cl := range out {
		k := monthKey(cl.date)
		if count[k] > 1 {
			k = cl.date.String()
		}
		seen[k]++
		if seen[k] > 1 {
			k += "#" + strconv.Itoa(seen[k])
		}
		cl.id = meetingID(s.name, k)
		slices.Sort(cl.sources)
	}
	return out
}

func betterCluster(a, b *cluster) bool {
	if len(a.sources) != len(b.sources) {
		return len(a.sources) > len(b.sources)
	}
	if a.date != b.date {
		return a.date.Before(b.date)
	}
	return a.created < b.created
}

// resolvedMeeting is a meeting with the votes behind its fields, from which
// its edges get their provenance.
type resolvedMeeting struct {
	m      *Meeting
	places votes[ID]
	cities votes[ID]
	events votes[ID]
}

// resolveMeeting merges a cluster's claims. For place, city and duration
// the value most sources give wins (ties: the smaller value), and
// disagreement is kept as a Conflict; nameOf names entities in conflicts
// (nil: their IDs). The date is the refinement of every claim's date, which
// clustering made compatible, so dates never conflict.
func resolveMeeting(s *series, cl *cluster, nameOf func(ID) string) *resolvedMeeting {
	m := &Meeting{
		ID:           cl.id,
		Participants: slices.Clone(s.participants),
		Date:         cl.date,
		Status:       s.status,
		Sources:      slices.Clone(cl.sources),
	}
	rm := &resolvedMeeting{m: m}
	var ends votes[Date]
	var durs votes[int]
	var ev []Evidence
	for _, c := range cl.claims {
		r := c.row
		if m.DateText == "" {
			m.DateText = r.DateText
		}
		if !r.EndDate.IsZero() {
			ends.add(r.EndDate, c.src, nil)
		}
		if r.Place != 0 {
			rm.places.add(r.Place, c.src, r.Evidence)
		}
		if r.City != 0 {
			rm.cities.add(r.City, c.src, r.Evidence)
		}
		if r.Event != 0 {
			rm.events.add(r.Event, c.src, r.Evidence)
		}
		if r.DurationMinutes != 0 {
			durs.add(r.DurationMinutes, c.src, nil)
		}
		ev = appendWithSource(ev, r.Evidence, c.src)
	}
	m.Evidence = sortEvidence(ev)
	if !ends.empty() {
		m.EndDate = ends.best(compareDates)
	}
	if nameOf == nil {
		nameOf = ID.String
	}
	pick := func(field string, v *votes[ID]) ID {
		if v.empty() {
			return 0
		}
		r := v.ranked(cmp.Compare[ID])
		if len(r) > 1 {
			c := Conflict{Field: field}
			for _, id := range r {
				c.Values = append(c.Values, ConflictValue{Value: nameOf(id), Sources: v.sources(id)})
			}
			m.Conflicts = append(m.Conflicts, c)
		}
		return r[0]
	}
	m.Place = pick("place", &rm.places)
	m.City = pick("city", &rm.cities)
	if !durs.empty() {
		r := durs.ranked(cmp.Compare[int])
		m.DurationMinutes = r[0]
		if len(r) > 1 {
			c := Conflict{Field: "durationMinutes"}
			for _, d := range r {
				c.Values = append(c.Values, ConflictValue{Value: strconv.Itoa(d), Sources: durs.sources(d)})
			}
			m.Conflicts = append(m.Conflicts, c)
		}
	}
	if !rm.events.empty() {
		m.Event = rm.events.best(cmp.Compare[ID])
	}
	return rm
}

// edges are the meeting's resolved edges: MET_WITH per pair of
// participants, PARTICIPATED_IN, HELD_IN (place, city), PART_OF and
// MENTIONED_IN per source.
func (rm *resolvedMeeting) edges() []Edge {
	m := rm.m
	var out []Edge
	for i, a := range m.Participants {
		for _, b := range m.Participants[i+1:] {
			out = append(out, Edge{From: a, To: b, Type: MetWith, Meeting: m.ID, Sources: m.Sources, Evidence: m.Evidence})
		}
	}
	for _, p := range m.Participants {
		out = append(out, Edge{From: p, To: m.ID, Type: ParticipatedIn, Sources: m.Sources, Evidence: m.Evidence})
	}
	voted := func(t EdgeType, to ID, v *votes[ID]) {
		if to != 0 {
			out = append(out, Edge{From: m.ID, To: to, Type: t, Sources: v.sources(to), Evidence: normEvidence(v.evidence(to))})
		}
	}
	voted(HeldIn, m.Place, &rm.places)
	voted(HeldIn, m.City, &rm.cities)
	voted(PartOf, m.Event, &rm.events)
	for _, src := range m.Sources {
		out = append(out, Edge{From: m.ID, To: src, Type: MentionedIn, Sources: []ID{src}})
	}
	return out
}

type srcEdge struct {
	src ID
	row edgeRow
}

// resolveEdges merges every source's rows for the edge from -t-> to into
// one edge per title (compared by NameKey; the form most sources use wins).
func resolveEdges(from ID, t EdgeType, to ID, rows []srcEdge) []Edge {
	type group struct {
		titles  votes[string]
		sources []ID
		ev      []Evidence
	}
	groups := map[string]*group{}
	var keys []string
	for _, r := range rows {
		items := r.row.Items
		if len(items) == 0 {
			items = []edgeItem{{}}
		}
		for _, it := range items {
			k := NameKey(it.Title)
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
	out := make([]Edge, 0, len(keys))
	for _, k := range keys {
		g := groups[k]
		out = append(out, Edge{From: from, To: to, Type: t, Title: g.titles.best(longestFirst),
			Sources: sortedIDs(g.sources), Evidence: sortEvidence(g.ev)})
	}
	return out
}

// compareEdges orders edges by endpoints, type and title, then provenance,
// so that per-meeting MET_WITH edges of one pair keep a fixed order.
func compareEdges(a, b Edge) int {
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
	if c := cmp.Compare(a.Meeting, b.Meeting); c != 0 {
		return c
	}
	if c := slices.Compare(a.Sources, b.Sources); c != 0 {
		return c
	}
	return slices.CompareFunc(a.Evidence, b.Evidence, compareEvidence)
}

// compareMeetings orders meetings by date (unknown last), then ID.
func compareMeetings(a, b *Meeting) int {
	if c := compareByDate(a.Date, b.Date); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// compareByDate orders known dates chronologically and unknown ones last.
func compareByDate(a, b Date) int {
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
