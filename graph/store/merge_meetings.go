package store

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// This file is where meetings are merged across articles. Every source's
// meeting claims between the same participants with the same status form
// a series (one G row per source); clusterSeries groups a series' claims
// into meetings by compatible dates, and resolveMeeting merges each
// cluster's claims into one Meeting, keeping disagreements as Conflicts.
// Like the rest of resolution, the result depends on the set of claims,
// never on the order they were stored in.

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
	src graph.ID
	idx int // position in the source's series row
	row meetingRow
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
			s.claims = append(s.claims, seriesClaim{src: r.src, idx: i, row: c})
		}
	}
	s.name = seriesName(s.participants, s.status)
	return s
}

// cluster is the claims of a series that report one meeting.
type cluster struct {
	id      graph.ID
	date    graph.Date
	claims  []seriesClaim
	sources []graph.ID
	cities  []graph.ID // the cities its claims name
	created int
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
			if !cl.date.Compatible(c.row.Date) || !cl.cityCompatible(c.row) {
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
		if c.row.City != 0 && !slices.Contains(best.cities, c.row.City) {
			best.cities = append(best.cities, c.row.City)
		}
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
	m      *graph.Meeting
	places votes[graph.ID]
	cities votes[graph.ID]
	events votes[graph.ID]
}

// resolveMeeting merges a cluster's claims. For place, city and duration
// the value most sources give wins (ties: the smaller value), and
// disagreement is kept as a Conflict; nameOf names entities in conflicts
// (nil: their IDs). The date is the refinement of every claim's date, which
// clustering made compatible, so dates never conflict.
func resolveMeeting(s *series, cl *cluster, nameOf func(graph.ID) string) *resolvedMeeting {
	m := &graph.Meeting{
		ID:           cl.id,
		Participants: slices.Clone(s.participants),
		Date:         cl.date,
		Status:       s.status,
		Sources:      slices.Clone(cl.sources),
	}
	rm := &resolvedMeeting{m: m}
	var ends votes[graph.Date]
	var durs votes[int]
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
	pick := func(field string, v *votes[graph.ID]) graph.ID {
		if v.empty() {
			return 0
		}
		r := v.ranked(cmp.Compare[graph.ID])
		if len(r) > 1 {
			c := graph.Conflict{Field: field}
			for _, id := range r {
				c.Values = append(c.Values, graph.ConflictValue{Value: nameOf(id), Sources: v.sources(id)})
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
