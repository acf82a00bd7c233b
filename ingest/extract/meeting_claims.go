package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// meetingClaims merges the reports of the article into claims: one per
// meeting, split when the article itself gives two venues.
func (d *doc) meetingClaims() []graph.MeetingClaim {
	var groups []*obsGroup
	byKey := map[string][]*obsGroup{}
	key := func(o *meetingObs) string {
		var ns []string
		for _, p := range o.parts {
			ns = append(ns, p.bestForm())
		}
		sort.Strings(ns)
		return strings.Join(ns, "|") + "|" + o.status.String()
	}
	for _, o := range d.meetings {
		if d.expired() {
			return nil
		}
		if d.announcedHeld(o) {
			continue
		}
		k := key(o)
		placed := false
		for _, g := range byKey[k] {
			ok := true
			for _, x := range g.dates {
				if !x.Compatible(o.date) {
					ok = false
				}
			}
			// The news of a dated article's lede is recent: it is not a
			// meeting the article recalls from months before.
			if g.lede && d.longBefore(o.date) || d.newsOfLede(o) && slices.ContainsFunc(g.dates, d.longBefore) {
				ok = false
			}
			// Two cities: two meetings ("met in Sochi ... their last
			// meeting in Moscow").
			if g.city != nil && o.city != nil && g.city != o.city {
				ok = false
			}
			if ok {
				g.add(d, o)
				placed = true
				break
			}
		}
		if !placed {
			g := &obsGroup{}
			g.add(d, o)
			groups = append(groups, g)
			byKey[k] = append(byKey[k], g)
		}
	}
	// An undated lede meeting kept apart from one the article recalls from
	// months before would be merged back into it by the store, which joins
	// an undated claim to a dated one: it gets the month of publication,
	// which it is in (a lede tells of the last week) unless the month has
	// just begun.
	recent := map[*obsGroup]graph.Date{}
	for _, g := range groups {
		if len(g.dates) != 1 || !g.dates[0].IsZero() || d.ref.Precision() < 3 || d.ref.Day <= 7 || !slices.ContainsFunc(g.obs, d.newsOfLede) {
			continue
		}
		for _, h := range byKey[key(g.obs[0])] {
			if h != g && slices.ContainsFunc(h.dates, d.longBefore) {
				recent[g] = graph.Date{Year: d.ref.Year, Month: d.ref.Month}
			}
		}
	}
	for g, m := range recent {
		for _, o := range g.obs {
			o.date = m
		}
	}
	groups = mergeOverlapping(groups, d.expired)
	var out []graph.MeetingClaim
	for _, g := range groups {
		// Split by venue: each venue named gets its own claim.
		byPlace := map[*entity][]*meetingObs{}
		var places []*entity
		var common []*meetingObs
		for _, o := range g.obs {
			if o.place == nil {
				common = append(common, o)
				continue
			}
			if _, ok := byPlace[o.place]; !ok {
				places = append(places, o.place)
			}
			byPlace[o.place] = append(byPlace[o.place], o)
		}
		if len(places) == 0 {
			out = append(out, d.claimOf(common, nil, unionParts(g.obs)))
			continue
		}
		places = foldRooms(places, byPlace)
		for k, p := range places {
			obs := byPlace[p]
			if k == 0 {
				obs = append(obs, common...)
			} else {
				// Later venues share the facts but not the evidence.
				obs = append(obs, stripEvidence(common)...)
			}
			out = append(out, d.claimOf(obs, p, unionParts(g.obs)))
		}
	}
	return out
}

// announcedHeld reports whether o is the announcement of a meeting the
// article also reports held: "A would meet B soon" beside "A and B met on
// Friday" is that meeting told before it happened, not a second one. A plan
// with a date of its own, or to meet "again", is another meeting.
func (d *doc) announcedHeld(o *meetingObs) bool {
	if o.status != graph.Planned || !o.date.IsZero() || !o.vague[0].IsZero() || o.s == nil {
		return false
	}
	for _, t := range o.s.toks {
		if t.low == "again" || t.low == "next" || t.low == "another" {
			return false
		}
	}
	for _, h := range d.meetings {
		if h.status != graph.Held || len(h.parts) < len(o.parts) {
			continue
		}
		all := true
		for _, p := range o.parts {
			all = all && contains(h.parts, p)
		}
		if all {
			return true
		}
	}
	return false
}

// obsGroup is the observations of one meeting in an article: the same
// people and status, compatible dates.
type obsGroup struct {
	obs   []*meetingObs
	dates []graph.Date // the distinct dates of obs: compatibility depends on nothing else
	// lede is whether one of obs is the news of the lede, city the city
	// they name (one at most): what placing a report in the group asks of
	// the reports already in it, kept so that it asks in constant time.
	lede bool
	city *entity
}

// add puts o in g.
func (g *obsGroup) add(d *doc, o *meetingObs) {
	g.obs = append(g.obs, o)
	if !slices.Contains(g.dates, o.date) {
		g.dates = append(g.dates, o.date)
	}
	g.lede = g.lede || d.newsOfLede(o)
	if o.city != nil {
		g.city = o.city
	}
}

// mergeOverlapping joins the groups of one meeting told with different
// people named: "A met B" and "B met A and his wife C" (the fewer people
// are among the more), or "A met B at P" and "C welcomed B at P" (one
// person in common, the same venue), when dates and cities agree and the
// status is the same. The joined group's participants are everyone named.
//
// It joins the pairs that comparing every group with every other in
// order would, first the first pair that matches, then again from the
// start: which groups end up joined, and the order of the claims,
// depend on it. But only groups that share a participant and a status
// can match, so a group is compared with those alone, and after a join
// only the grown group is compared again: comparing every pair after
// every join cost the cube of the number of groups (issue 13). Groups
// that all share one person and never join ("A met B on Monday", "A met
// C on Tuesday", ...) are still compared pair by pair; it stops when
// expired reports the article's budget spent.
func mergeOverlapping(groups []*obsGroup, expired func() bool) []*obsGroup {
	m := newOverlaps(groups)
	m.join(expired)
	return m.joined()
}

// overlaps is the state of mergeOverlapping.
type overlaps struct {
	groups []*obsGroup // in order; nil where a group joined an earlier one
	parts  [][]*entity // unionParts of each group, kept as groups join
	// naming holds, per participant and status, the groups naming the
	// participant, in order: lists[naming[{p, status}]]; lists[0] holds
	// those naming no one (sameMeetingOtherPeople takes them for among any
	// group's people). in holds the lists each group is in.
	naming map[partStatus]int
	lists  [][]int
	in     [][]int
	// seen marks the groups firstMatch has taken for candidates in its
	// call number round.
	seen     []int
	round    int
	compared int // calls of sameMeetingOtherPeople, which the tests bound
}

// partStatus is a participant of a meeting of some status.
type partStatus struct {
	p      *entity
	status graph.MeetingStatus
}

func newOverlaps(groups []*obsGroup) *overlaps {
	m := &overlaps{
		groups: groups,
		parts:  make([][]*entity, len(groups)),
		naming: map[partStatus]int{},
		lists:  [][]int{nil},
		in:     make([][]int, len(groups)),
		seen:   make([]int, len(groups)),
	}
	for i, g := range groups {
		m.parts[i] = unionParts(g.obs)
		if len(m.parts[i]) == 0 {
			m.lists[0] = append(m.lists[0], i)
		}
		for _, p := range m.parts[i] {
			m.addTo(i, partStatus{p, g.obs[0].status})
		}
	}
	return m
}

// addTo puts group i in the list of the groups naming k.
func (m *overlaps) addTo(i int, k partStatus) {
	n, ok := m.naming[k]
	if !ok {
		n = len(m.lists)
		m.naming[k] = n
		m.lists = append(m.lists, nil)
	}
	at, _ := slices.BinarySearch(m.lists[n], i)
	m.lists[n] = slices.Insert(m.lists[n], at, i)
	m.in[i] = append(m.in[i], n)
}

// join joins the groups that tell one meeting, as mergeOverlapping says.
// Before the scan reaches group i, no earlier group matches any other;
// a join of j into i changes only group i, so the next join is of i into
// the first earlier group it now matches, or else of a group into i.
func (m *overlaps) join(expired func() bool) {
	for i := 0; i < len(m.groups); {
		if expired() {
			return
		}
		j := -1
		if m.groups[i] != nil {
			j = m.firstMatch(i, len(m.groups), true)
		}
		if j < 0 {
			i++
			continue
		}
		m.add(i, j)
		for k := m.firstMatch(i, i, false); k >= 0; k = m.firstMatch(i, i, false) {
			if expired() {
				return
			}
			m.add(k, i)
			i = k
		}
	}
}

// firstMatch is the first group before end, other than i, that shares a
// participant and the status of group i and matches it: as the second
// argument of sameMeetingOtherPeople when after, as the first otherwise;
// or -1.
func (m *overlaps) firstMatch(i, end int, after bool) int {
	m.round++
	var cands []int
	take := func(list []int) {
		for _, j := range list {
			if j < end && j != i && m.seen[j] != m.round {
				m.seen[j] = m.round
				cands = append(cands, j)
			}
		}
	}
	if len(m.parts[i]) == 0 && !after {
		// Naming no one, group i is among the people of any group.
		for j := range end {
			take([]int{j})
		}
	}
	for _, n := range slices.Concat([]int{0}, m.in[i]) {
		m.lists[n] = slices.DeleteFunc(m.lists[n], func(j int) bool { return m.groups[j] == nil })
		take(m.lists[n])
	}
	if len(cands) > end/8 {
		// Most groups before end: going through them in order is cheaper
		// than sorting.
		cands = cands[:0]
		for j := range end {
			if m.seen[j] == m.round {
				cands = append(cands, j)
			}
		}
	} else {
		slices.Sort(cands)
	}
	status := m.groups[i].obs[0].status
	for _, j := range cands {
		if m.groups[j] == nil || m.groups[j].obs[0].status != status {
			continue
		}
		m.compared++
		a, b, pa, pb := m.groups[i].obs, m.groups[j].obs, m.parts[i], m.parts[j]
		if !after {
			a, b, pa, pb = b, a, pb, pa
		}
		if sameMeetingOtherPeople(a, b, pa, pb) {
			return j
		}
	}
	return -1
}

// add joins group j into group i.
func (m *overlaps) add(i, j int) {
	g := m.groups[i]
	g.obs = append(g.obs, m.groups[j].obs...)
	m.groups[j] = nil
	for _, p := range m.parts[j] {
		if !contains(m.parts[i], p) {
			m.parts[i] = append(m.parts[i], p)
			m.addTo(i, partStatus{p, g.obs[0].status})
		}
	}
}

// joined is the groups left, in order.
func (m *overlaps) joined() []*obsGroup {
	var out []*obsGroup
	for _, g := range m.groups {
		if g != nil {
			out = append(out, g)
		}
	}
	return out
}

// sameMeetingOtherPeople reports whether the observations a and b (each one
// group: same people, compatible dates), whose participants are pa and pb
// (unionParts), tell one meeting with different people named; see
// mergeOverlapping.
func sameMeetingOtherPeople(a, b []*meetingObs, pa, pb []*entity) bool {
	if len(pb) > len(pa) || a[0].status != b[0].status || a[0].meal != b[0].meal {
		return false
	}
	common := 0
	for _, p := range pb {
		if contains(pa, p) {
			common++
		}
	}
	subset := common == len(pb)
	samePlace := false
	for _, x := range a {
		for _, y := range b {
			if !x.date.Compatible(y.date) || x.city != nil && y.city != nil && x.city != y.city {
				return false
			}
			if x.place != nil && x.place == y.place {
				samePlace = true
			}
		}
	}
	return subset || common >= 1 && samePlace
}

// unionParts is everyone the observations name as participants, in order.
func unionParts(obs []*meetingObs) []*entity {
	var out []*entity
	for _, o := range obs {
		for _, p := range o.parts {
			if !contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func stripEvidence(obs []*meetingObs) []*meetingObs {
	var out []*meetingObs
	for _, o := range obs {
		c := *o
		c.s = nil
		out = append(out, &c)
	}
	return out
}

// foldRooms gives one meeting told in a building and in a room ("met at
// the White House", "in the Oval Office") the room alone: the more
// specific venue, not a second meeting. The building's reports join the
// room's when the group names exactly one of each (graph.VenueScopeOf).
func foldRooms(places []*entity, byPlace map[*entity][]*meetingObs) []*entity {
	if len(places) != 2 {
		return places
	}
	room, building := places[0], places[1]
	if graph.VenueScopeOf(room.bestForm()) != graph.ScopeRoom {
		room, building = building, room
	}
	if graph.VenueScopeOf(room.bestForm()) != graph.ScopeRoom || graph.VenueScopeOf(building.bestForm()) != graph.ScopeBuilding {
		return places
	}
	byPlace[room] = append(byPlace[room], byPlace[building]...)
	delete(byPlace, building)
	return []*entity{room}
}

func (d *doc) claimOf(obs []*meetingObs, place *entity, parts []*entity) graph.MeetingClaim {
	sort.SliceStable(obs, func(i, j int) bool { return obsPos(obs[i]) < obsPos(obs[j]) })
	c := graph.MeetingClaim{Status: obs[0].status}
	var evs []graph.Evidence
	for _, p := range parts {
		c.Participants = append(c.Participants, p.bestForm())
	}
	sort.Strings(c.Participants)
	if place != nil {
		c.Place = place.bestForm()
	}
	for _, o := range obs {
		if c.Date.Precision() < o.date.Precision() || c.Date.IsZero() {
			if c.Date.Compatible(o.date) {
				c.Date = c.Date.Refine(o.date)
				if o.dateText != "" || !o.date.IsZero() {
					c.DateText = o.dateText
				}
			}
		} else if c.Date.Compatible(o.date) {
			c.Date = c.Date.Refine(o.date)
		}
		if c.EndDate.IsZero() {
			c.EndDate = o.endDate
		}
		if c.City == "" && o.city != nil {
			c.City = o.city.bestForm()
		}
		if c.DurationMinutes == 0 {
			c.DurationMinutes = o.minutes
		}
		if c.Event == "" {
			c.Event = o.event
		}
		if o.s != nil {
			evs = append(evs, o.s.evidence())
		}
	}
	c.Evidence = mergeEvidence(nil, evs) // once: merging per report was quadratic
	return c
}

func obsPos(o *meetingObs) int {
	if o.s == nil {
		return 1 << 30
	}
	return o.s.i*10000 + o.trigger
}
