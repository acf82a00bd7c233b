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
	groups = mergeOverlapping(groups)
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
func mergeOverlapping(groups []*obsGroup) []*obsGroup {
	for {
		merged := false
		for i := 0; i < len(groups) && !merged; i++ {
			for j := 0; j < len(groups) && !merged; j++ {
				if i == j || !sameMeetingOtherPeople(groups[i].obs, groups[j].obs) {
					continue
				}
				groups[i].obs = append(groups[i].obs, groups[j].obs...)
				groups = slices.Delete(groups, j, j+1)
				merged = true
			}
		}
		if !merged {
			return groups
		}
	}
}

// sameMeetingOtherPeople reports whether the observations a and b (each one
// group: same people, compatible dates) tell one meeting with different
// people named; see mergeOverlapping.
func sameMeetingOtherPeople(a, b []*meetingObs) bool {
	pa, pb := unionParts(a), unionParts(b)
	if len(pb) > len(pa) || a[0].status != b[0].status {
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
