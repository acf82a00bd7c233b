package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// This file is where meetings are merged across articles. Every source's
// meeting claims between the same participants with the same status form
// a series (one G row per source). Two outlets often list one meeting's
// participants differently ("A met B" and "A met B and his wife C"), and
// one announces as planned what another, written later, reports held, so
// a series is clustered together with every series that may report the
// same meetings (mayMerge: one list contains the other, and the statuses
// may merge), transitively: a group.
// clusterGroup groups a group's claims into meetings by compatible dates,
// cities and participant lists, and resolveMeeting merges each cluster's
// claims into one Meeting with the union of the participants, keeping
// disagreements as Conflicts. Each meeting is owned by the series whose
// participants are that union: the meeting's ID, H, M and Q rows are that
// series'. Like the rest of resolution, the result depends on the set of
// claims, never on the order they were stored in, and deleting a source
// splits what only it joined.

// seriesName is the identity of a meeting series: its sorted participants
// and its status. Every meeting of a series has the same participants.
func seriesName(participants []graph.ID, st graph.MeetingStatus) string {
	var b strings.Builder
	for i, p := range participants {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.String())
	}
	b.WriteByte('|')
	b.WriteString(st.String())
	return b.String()
}

// seriesID is the key of a series' rows. It is never a node ID: meetings
// get theirs from the series and their date (meetingID).
func seriesID(participants []graph.ID, st graph.MeetingStatus) graph.ID {
	return graph.NewID(graph.KindMeeting, seriesName(participants, st))
}

// meetingID is the ID of a meeting of a series at date d, at month
// precision so that a source adding the day does not change it. dateKey
// overrides the month when two meetings of a series share a month.
func meetingID(series string, dateKey string) graph.ID {
	return graph.NewID(graph.KindMeeting, series+"|"+dateKey)
}

// monthKey is d truncated to month precision, as a string.
func monthKey(d graph.Date) string { return graph.Date{Year: d.Year, Month: d.Month}.String() }

// series is every source's claims for one meeting series.
type series struct {
	id           graph.ID
	name         string
	participants []graph.ID
	status       graph.MeetingStatus
	claims       []seriesClaim
}

type seriesClaim struct {
	s         *series
	src       graph.ID
	published graph.Date // the source's
	idx       int        // position in the source's series row
	row       meetingRow
}

type srcSeries struct {
	src graph.ID
	row seriesRow
}

func newSeries(id graph.ID, rows []srcSeries) *series {
	s := &series{id: id}
	for _, r := range rows {
		s.participants = r.row.Participants
		s.status = r.row.Status
		for i, c := range r.row.Claims {
			s.claims = append(s.claims, seriesClaim{s: s, src: r.src, published: r.row.Published, idx: i, row: c})
		}
	}
	s.name = seriesName(s.participants, s.status)
	return s
}

// cluster is the claims of a group that report one meeting.
type cluster struct {
	id      graph.ID
	owner   *series // the series with every participant of the cluster's claims
	members []graph.ID
	series  []*series // the members, in the order they joined
	date    graph.Date
	claims  []seriesClaim
	sources []graph.ID
	cities  []graph.ID // the cities its claims name
	// statuses are its claims' statuses, at most two: planned and one
	// other (see statusesMerge).
	statuses []graph.MeetingStatus
	created  int
}

// statusesMerge reports whether claims of statuses a and b may report one
// meeting: the same status, or one of them planned — an article written
// before the meeting announces what one written after it reports held (or
// called off). Held and cancelled or postponed never merge.
func statusesMerge(a, b graph.MeetingStatus) bool {
	return a == b || a == graph.Planned || b == graph.Planned
}

// status is the cluster's: what its sources say happened, held, cancelled
// or postponed, over what was planned.
func (cl *cluster) status() graph.MeetingStatus {
	for _, st := range cl.statuses {
		if st != graph.Planned {
			return st
		}
	}
	return graph.Planned
}

// admits reports whether claim c's status fits the cluster's, and, when c
// is undated and every claim of the cluster has another status, whether
// its source's publication fits the cluster's date: a planned meeting
// takes place after the article announcing it, within a season; a held,
// cancelled or postponed one is reported after (or around) its date. From
// a source without a publication date, it joins only when it names the
// weekday the cluster's day falls on ("will meet on Thursday", "met
// Thursday"), or, held, tells no time at all and the cluster is only
// announced. An undated claim of another status joins an undated
// cluster, the only evidence being the participants, as an undated claim
// of the same status always does.
func (cl *cluster) admits(c seriesClaim) bool {
	for _, st := range cl.statuses {
		if !statusesMerge(st, c.s.status) {
			return false
		}
	}
	if !c.row.Date.IsZero() || cl.date.IsZero() || slices.Contains(cl.statuses, c.s.status) {
		return true
	}
	if cl.untimedHeld(c) {
		return true
	}
	d0, d1, ok := daysOf(cl.date)
	p0, p1, ok2 := daysOf(c.published)
	if ok && !ok2 {
		// No publication date: the weekday the claim names is the
		// only time it gives, and it must be the cluster's day.
		wd, has := claimWeekday(c.row)
		return has && onWeekday(cl.date, wd)
	}
	if !ok || !ok2 {
		return false
	}
	const season = 92 * 24 * time.Hour
	switch c.s.status {
	case graph.Planned:
		return !d1.Before(p0) && d0.Sub(p1) <= season
	case graph.Held:
		return !p1.Before(d0) && p0.Sub(d1) <= season
	}
	return d1.Sub(p0) >= -season && d0.Sub(p1) <= season
}

// untimedHeld reports whether claim c is held, undated, tells no time at
// all and comes from a source without a publication date, and the dated
// cluster cl is only announced (c's status, held, is not among its
// statuses, which must merge with it: all planned). Such a claim reports
// what the announcements planned, as it would were they undated: "will
// meet B today" on a dated page, "met B" on an undated one. clusterGroup
// lets it join only when exactly one such cluster fits.
func (cl *cluster) untimedHeld(c seriesClaim) bool {
	if c.s.status != graph.Held || !c.row.Date.IsZero() || c.row.DateText != "" || slices.Contains(cl.statuses, c.s.status) {
		return false
	}
	_, _, dated := daysOf(cl.date)
	_, _, published := daysOf(c.published)
	return dated && !published
}

// lists reports whether a series of the cluster's claims has s's
// participants: an announcement joins the meeting that some of its
// reports list as it does, whatever list the others give.
func (cl *cluster) lists(s *series) bool {
	return slices.ContainsFunc(cl.series, func(m *series) bool { return slices.Equal(m.participants, s.participants) })
}

// daysOf is the first and last day d can name: a year, a month or a day.
// ok is false for a date without a year.
func daysOf(d graph.Date) (first, last time.Time, ok bool) {
	switch d.Precision() {
	case 1:
		first = time.Date(d.Year, time.January, 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(1, 0, -1), true
	case 2:
		first = time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(0, 1, -1), true
	case 3:
		first = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		return first, first, true
	}
	return time.Time{}, time.Time{}, false
}

// maxMergeParticipants bounds the series merged with others: a longer list
// is a summit's, and its participants' bilateral meetings are meetings of
// their own. Such series get no K rows.
const maxMergeParticipants = 8

// mayMerge reports whether two series may report one meeting with
// different participant lists ("A met B" and "A met B and his wife C") or
// statuses (planned, then held): of one status, one list contains the
// other, the shorter one naming at least two participants and at least
// half of the longer one's; of statuses that may merge, the same list (an
// announcement of "A will meet B and C" does not make a held meeting of A
// and B one of three).
func mayMerge(a, b *series) bool {
	if a.id == b.id || !statusesMerge(a.status, b.status) {
		return false
	}
	if a.status != b.status {
		return slices.Equal(a.participants, b.participants) && len(a.participants) <= maxMergeParticipants
	}
	small, large := a.participants, b.participants
	if len(small) > len(large) {
		small, large = large, small
	}
	if len(small) < 2 || len(large) > maxMergeParticipants || 2*len(small) < len(large) {
		return false
	}
	for _, p := range small {
		if _, ok := slices.BinarySearch(large, p); !ok {
			return false
		}
	}
	return true
}

// pairsOf returns every pair of the sorted participants ps, each in order,
// if ps may merge with other series (see maxMergeParticipants): the K rows
// of a series with participants ps.
func pairsOf(ps []graph.ID) [][2]graph.ID {
	if len(ps) > maxMergeParticipants {
		return nil
	}
	var out [][2]graph.ID
	for i, a := range ps {
		for _, b := range ps[i+1:] {
			out = append(out, [2]graph.ID{a, b})
		}
	}
	return out
}

// groupsOf partitions series (sorted by ID) into groups: series linked by
// mayMerge, transitively. Each group is sorted by ID, and groups by their
// first series.
func groupsOf(ss []*series) [][]*series {
	byPair := map[[2]graph.ID][]int{}
	for i, s := range ss {
		for _, pr := range pairsOf(s.participants) {
			byPair[pr] = append(byPair[pr], i)
		}
	}
	sets := newUnionFind(len(ss))
	for i, s := range ss {
		for _, pr := range pairsOf(s.participants) {
			for _, j := range byPair[pr] {
				if j > i && mayMerge(s, ss[j]) {
					sets.union(i, j)
				}
			}
		}
	}
	var out [][]*series
	at := map[int]int{} // root -> index in out
	for i, s := range ss {
		r := sets.find(i)
		k, ok := at[r]
		if !ok {
			k = len(out)
			at[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], s)
	}
	return out
}

// cityCompatible reports whether a claim may report the cluster's meeting
// as far as cities go: it names none, or one the cluster's claims name,
// or it gives the very day the cluster has (sources that agree on the day
// and disagree on the city report one meeting, and the city is disputed).
// Without it, an undated claim of a meeting in Moscow joined the same
// people's meeting in Sochi.
func (cl *cluster) cityCompatible(r meetingRow) bool {
	if r.City == 0 || len(cl.cities) == 0 || slices.Contains(cl.cities, r.City) {
		return true
	}
	return cl.date.Precision() == 3 && r.Date == cl.date
}

// dateRank orders claims for clustering: the most precise dates found the
// clusters, vaguer ones join them.
func dateRank(d graph.Date) int {
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

// clusterGroup groups the claims of a group's series into meetings: claims
// with compatible dates and cities, whose participants are the cluster's or
// may merge with them (mayMerge), are one meeting. A vaguer claim (no day,
// no year, no date) compatible with several meetings joins the one on the
// weekday it names, then one of its own series, then the one with most
// sources, then the earliest (betterCluster). A cluster's participants are those of its widest claim: a claim joins only
// when its list contains or is contained in the cluster's. Clusters get
// their IDs here (see meetingID), from their owner series; a group of one
// series clusters exactly as that series alone.
func clusterGroup(members []*series) []*cluster {
	var claims []seriesClaim
	for _, s := range members {
		claims = append(claims, s.claims...)
	}
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
		if c := cmp.Compare(a.s.id, b.s.id); c != 0 {
			return c
		}
		return cmp.Compare(a.idx, b.idx)
	})
	var out []*cluster
	for _, c := range claims {
		var best *cluster
		untimed := 0 // planned clusters fitting a held claim with no time
		wd, hasWD := claimWeekday(c.row)
		for _, cl := range out {
			if cl.owner != c.s && !mayMerge(cl.owner, c.s) && !cl.lists(c.s) || !cl.admits(c) {
				continue
			}
			if !cl.date.Compatible(c.row.Date) || !cl.cityCompatible(c.row) {
				continue
			}
			if cl.untimedHeld(c) {
				untimed++
			}
			if best == nil || betterCluster(cl, best, c.s, wd, hasWD) {
				best = cl
			}
		}
		if best != nil && untimed > 1 && best.untimedHeld(c) {
			// Nothing tells which of the announced meetings it reports.
			best = nil
		}
		if best == nil {
			best = &cluster{owner: c.s, created: len(out)}
			out = append(out, best)
		}
		if n, m := len(c.s.participants), len(best.owner.participants); n > m || n == m && best.owner.status == graph.Planned && c.s.status != graph.Planned {
			best.owner = c.s // the widest list; what happened over what was planned
		}
		if !slices.Contains(best.statuses, c.s.status) {
			best.statuses = append(best.statuses, c.s.status)
		}
		if !slices.Contains(best.members, c.s.id) {
			best.members = append(best.members, c.s.id)
			best.series = append(best.series, c.s)
		}
		best.claims = append(best.claims, c)
		best.date = best.date.Refine(c.row.Date)
		if c.row.City != 0 && !slices.Contains(best.cities, c.row.City) {
			best.cities = append(best.cities, c.row.City)
		}
		if !slices.Contains(best.sources, c.src) {
			best.sources = append(best.sources, c.src)
		}
	}
	// IDs: month precision, unless two meetings of the owner share the
	// month; then those use their full dates (distinct: clusters of one
	// owner are pairwise incompatible), with a counter as the last resort.
	monthOf := func(cl *cluster) string { return cl.owner.name + "|" + monthKey(cl.date) }
	count := map[string]int{}
	for _, cl := range out {
		count[monthOf(cl)]++
	}
	seen := map[string]int{}
	for _, cl := range out {
		k := monthKey(cl.date)
		if count[monthOf(cl)] > 1 {
			k = cl.date.String()
		}
		seen[cl.owner.name+"|"+k]++
		if n := seen[cl.owner.name+"|"+k]; n > 1 {
			k += "#" + strconv.Itoa(n)
		}
		cl.id = meetingID(cl.owner.name, k)
		slices.Sort(cl.sources)
		slices.Sort(cl.members)
	}
	return out
}

// betterCluster reports whether a claim of series s had better join a
// than b: the one whose day falls on the weekday wd the claim names when
// it gives no day of its own (hasWD; "on Tuesday" in an undated article:
// the meeting of that Tuesday, not the Monday one of the same visit), then
// a cluster of its own participants, then more sources, an earlier date,
// the one made first.
func betterCluster(a, b *cluster, s *series, wd time.Weekday, hasWD bool) bool {
	if hasWD {
		if x, y := onWeekday(a.date, wd), onWeekday(b.date, wd); x != y {
			return x
		}
	}
	if (a.owner == s) != (b.owner == s) {
		return a.owner == s
	}
	if len(a.sources) != len(b.sources) {
		return len(a.sources) > len(b.sources)
	}
	if a.date != b.date {
		return a.date.Before(b.date)
	}
	return a.created < b.created
}

// claimWeekday is the one weekday the date text of a claim without a day
// names ("Tuesday", "on Tuesday evening"); none when it names two or has
// a day.
func claimWeekday(r meetingRow) (time.Weekday, bool) {
	if r.Date.Precision() == 3 || r.DateText == "" {
		return 0, false
	}
	found, n := time.Sunday, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(r.DateText), func(r rune) bool { return r < 'a' || r > 'z' }) {
		for d := time.Sunday; d <= time.Saturday; d++ {
			if w == strings.ToLower(d.String()) && (n == 0 || d != found) {
				found = d
				n++
			}
		}
	}
	return found, n == 1
}

// onWeekday reports whether d is a day that falls on weekday wd.
func onWeekday(d graph.Date, wd time.Weekday) bool {
	t, _, ok := daysOf(d)
	return ok && d.Precision() == 3 && t.Weekday() == wd
}

// resolvedMeeting is a meeting with the votes behind its fields, from which
// its edges get their provenance.
type resolvedMeeting struct {
	m      *graph.Meeting
	places votes[graph.ID]
	cities votes[graph.ID]
	events votes[graph.ID]
}

// resolveMeeting merges a cluster's claims; its participants are its
// owner's, every claim's being among them, and when its claims list them
// differently the lists are kept as a "participants" Conflict. For place,
// city and duration the value most sources give wins (ties: the smaller
// value), but for the place a narrower venue that a source gives along with
// it (narrowestVenue: the room over the building), and disagreement is kept
// as a Conflict; nameOf names entities in conflicts (nil: their IDs). The
// date is the refinement of every claim's date, which clustering made
// compatible, so dates never conflict; the status is what happened over
// what was planned (cluster.status).
func resolveMeeting(cl *cluster, nameOf func(graph.ID) string) *resolvedMeeting {
	m := &graph.Meeting{
		ID:           cl.id,
		Participants: slices.Clone(cl.owner.participants),
		Date:         cl.date,
		Status:       cl.status(),
		Sources:      slices.Clone(cl.sources),
	}
	rm := &resolvedMeeting{m: m}
	var ends votes[graph.Date]
	var durs votes[int]
	scopes := func(id graph.ID) graph.VenueScope {
		for _, c := range cl.claims {
			if c.row.Place == id {
				return c.row.PlaceScope
			}
		}
		return graph.ScopeUnknown
	}
	var ev []graph.Evidence
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
		nameOf = graph.ID.String
	}
	pick := func(field string, v *votes[graph.ID]) []graph.ID {
		if v.empty() {
			return nil
		}
		r := v.ranked(cmp.Compare[graph.ID])
		if len(r) > 1 {
			c := graph.Conflict{Field: field}
			for _, id := range r {
				c.Values = append(c.Values, graph.ConflictValue{Value: nameOf(id), Sources: v.sources(id)})
			}
			m.Conflicts = append(m.Conflicts, c)
		}
		return r
	}
	if len(cl.members) > 1 {
		// Series that differ only in status list the same participants.
		if c := participantsConflict(cl, nameOf); len(c.Values) > 1 {
			m.Conflicts = append(m.Conflicts, c)
		}
	}
	if r := pick("place", &rm.places); len(r) > 0 {
		m.Place = narrowestVenue(r, &rm.places, scopes)
	}
	if r := pick("city", &rm.cities); len(r) > 0 {
		m.City = r[0]
	}
	if !durs.empty() {
		r := durs.ranked(cmp.Compare[int])
		m.DurationMinutes = r[0]
		if len(r) > 1 {
			c := graph.Conflict{Field: "durationMinutes"}
			for _, d := range r {
				c.Values = append(c.Values, graph.ConflictValue{Value: strconv.Itoa(d), Sources: durs.sources(d)})
			}
			m.Conflicts = append(m.Conflicts, c)
		}
	}
	if !rm.events.empty() {
		m.Event = rm.events.best(cmp.Compare[graph.ID])
	}
	return rm
}

// participantsConflict keeps visible that the sources of a meeting merged
// from several series list its participants differently: one value per
// list (names sorted, comma-separated) with the sources that give it, most
// sources first (ties: the list).
func participantsConflict(cl *cluster, nameOf func(graph.ID) string) graph.Conflict {
	var lists votes[string]
	byList := map[*series]string{}
	for _, c := range cl.claims {
		v, ok := byList[c.s]
		if !ok {
			names := make([]string, len(c.s.participants))
			for i, p := range c.s.participants {
				names[i] = nameOf(p)
			}
			slices.Sort(names)
			v = strings.Join(names, ", ")
			byList[c.s] = v
		}
		lists.add(v, c.src, nil)
	}
	c := graph.Conflict{Field: "participants"}
	for _, v := range lists.ranked(strings.Compare) {
		c.Values = append(c.Values, graph.ConflictValue{Value: v, Sources: lists.sources(v)})
	}
	return c
}

// edges are the meeting's resolved edges: MET_WITH per pair of
// participants, PARTICIPATED_IN, HELD_IN (place, city), PART_OF and
// MENTIONED_IN per source.
func (rm *resolvedMeeting) edges() []graph.Edge {
	m := rm.m
	var out []graph.Edge
	for i, a := range m.Participants {
		for _, b := range m.Participants[i+1:] {
			out = append(out, graph.Edge{From: a, To: b, Type: graph.MetWith, Meeting: m.ID, Sources: m.Sources, Evidence: m.Evidence})
		}
	}
	for _, p := range m.Participants {
		out = append(out, graph.Edge{From: p, To: m.ID, Type: graph.ParticipatedIn, Sources: m.Sources, Evidence: m.Evidence})
	}
	voted := func(t graph.EdgeType, to graph.ID, v *votes[graph.ID]) {
		if to != 0 {
			out = append(out, graph.Edge{From: m.ID, To: to, Type: t, Sources: v.sources(to), Evidence: normEvidence(v.evidence(to))})
		}
	}
	voted(graph.HeldIn, m.Place, &rm.places)
	voted(graph.HeldIn, m.City, &rm.cities)
	voted(graph.PartOf, m.Event, &rm.events)
	for _, src := range m.Sources {
		out = append(out, graph.Edge{From: m.ID, To: src, Type: graph.MentionedIn, Sources: []graph.ID{src}})
	}
	return out
}

// derivedSeries is what its group derives for a series: the meetings it
// owns (sorted IDs), the keys of their derived edges (one per meeting,
// type and endpoints) and their Q rows (one per meeting and participant),
// each sorted, and the group's series when there are others.
type derivedSeries struct {
	ids    []graph.ID
	edges  []string
	byDate []string // Q keys
	group  []graph.ID
}

// deriveGroups clusters the series of rows (each one's G rows, ordered by
// source; a series without rows does not exist) group by group and returns
// what each existing series derives. rows must hold whole groups.
func deriveGroups(rows map[graph.ID][]srcSeries) map[graph.ID]*derivedSeries {
	var ss []*series
	for _, sid := range sortedKeys(rows) {
		if len(rows[sid]) > 0 {
			ss = append(ss, newSeries(sid, rows[sid]))
		}
	}
	out := make(map[graph.ID]*derivedSeries, len(ss))
	for _, s := range ss {
		out[s.id] = &derivedSeries{}
	}
	for _, g := range groupsOf(ss) {
		if len(g) > 1 {
			ids := make([]graph.ID, len(g))
			for i, s := range g {
				ids[i] = s.id
			}
			for _, s := range g {
				out[s.id].group = ids
			}
		}
		for _, cl := range clusterGroup(g) {
			d := out[cl.owner.id]
			d.ids = append(d.ids, cl.id)
			for _, e := range resolveMeeting(cl, nil).edges() {
				d.edges = append(d.edges, fmt.Sprintf("%v|%v|%v|%v", cl.id, e.Type, e.From, e.To))
			}
			for _, p := range cl.owner.participants {
				d.byDate = append(d.byDate, string(byDateKey(p, cl.date, cl.id, cl.owner.id)))
			}
		}
	}
	for _, d := range out {
		slices.Sort(d.ids)
		slices.Sort(d.edges)
		slices.Sort(d.byDate)
	}
	return out
}

// affectedSeries returns the series whose derived rows a change of the
// touched series may change, each with its stored G rows (no evidence):
// the touched ones and every series linked to them by mayMerge,
// transitively, found through the K rows of the series stored before the
// change and the rows the change writes (after, by series).
func affectedSeries(ctx context.Context, txn *badger.Txn, touched []graph.ID, after map[graph.ID]*seriesRow) (map[graph.ID][]srcSeries, error) {
	rows := map[graph.ID][]srcSeries{}
	// info is a series' participants and status, nil if it has no rows
	// before or after the change.
	info := func(sid graph.ID) (*series, error) {
		rs, ok := rows[sid]
		if !ok {
			var err error
			if rs, err = loadSeries(ctx, txn, sid, false); err != nil {
				return nil, err
			}
			rows[sid] = rs
		}
		switch {
		case len(rs) > 0:
			return &series{id: sid, participants: rs[0].row.Participants, status: rs[0].row.Status}, nil
		case after[sid] != nil:
			return &series{id: sid, participants: after[sid].Participants, status: after[sid].Status}, nil
		}
		return nil, nil
	}
	in := map[graph.ID]bool{}
	for _, sid := range touched {
		in[sid] = true
	}
	queue := slices.Clone(touched)
	for len(queue) > 0 {
		sid := queue[0]
		queue = queue[1:]
		s, err := info(sid)
		if err != nil || s == nil {
			if err != nil {
				return nil, err
			}
			continue
		}
		for _, pr := range pairsOf(s.participants) {
			cands, err := pairSeries(ctx, txn, pr)
			if err != nil {
				return nil, err
			}
			for _, c := range cands {
				if in[c] {
					continue
				}
				cs, err := info(c)
				if err != nil {
					return nil, err
				}
				if cs != nil && mayMerge(s, cs) {
					in[c] = true
					queue = append(queue, c)
				}
			}
		}
	}
	out := make(map[graph.ID][]srcSeries, len(in))
	for sid := range in {
		out[sid] = rows[sid]
	}
	return out, nil
}

// pairSeries returns the series of the K rows of pair pr.
func pairSeries(ctx context.Context, txn *badger.Txn, pr [2]graph.ID) ([]graph.ID, error) {
	prefix := pairPrefix(pr[0], pr[1])
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false})
	defer it.Close()
	var out []graph.ID
	for it.Rewind(); it.Valid(); it.Next() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := parseKey(it.Item().Key())
		if err != nil {
			return nil, err
		}
		out = append(out, p.Src)
	}
	return out, nil
}

// seriesRows is loadSeries through r's scans, which a batched read makes
// share one iterator.
func (r *reader) seriesRows(sid graph.ID, evidence bool) ([]srcSeries, error) {
	var out []srcSeries
	err := r.scan(seriesPrefix(sid), true, func(k, v []byte) error {
		p, err := parseKey(k)
		if err != nil {
			return err
		}
		var row seriesRow
		if err := decodeRow(v, &row, evidence); err != nil {
			return err
		}
		out = append(out, srcSeries{src: p.Src, row: row})
		return nil
	})
	return out, err
}

// groupOf returns the series whose claims are clustered with those of sid
// (its H row), sid's own included, with their claims (Evidence only when
// evidence is set); none if sid has no claims.
func (r *reader) groupOf(sid graph.ID, evidence bool) ([]*series, error) {
	ids := []graph.ID{sid}
	item, err := r.txn.Get(headKey(sid))
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("read series head: %w", err)
	}
	var h headRow
	if err := item.Value(func(v []byte) error { return decodeValue(v, &h) }); err != nil {
		return nil, fmt.Errorf("series head %v: %w", sid, err)
	}
	if len(h.Group) > 0 {
		ids = h.Group
	}
	var out []*series
	for _, id := range ids {
		rows, err := r.seriesRows(id, evidence)
		if err != nil {
			return nil, err
		}
		if len(rows) > 0 {
			out = append(out, newSeries(id, rows))
		}
	}
	return out, nil
}
