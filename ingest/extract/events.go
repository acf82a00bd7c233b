package extract

import (
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// eventObs is one report of an event in one sentence.
type eventObs struct {
	s           *sent
	tok         int
	name, kind  string
	date        graph.Date
	place       *entity
	parts       []*entity
	disruptedBy []string
}

var (
	disruptVerbs = set("disrupted disrupt disrupts derailed derail derails postponed postpone postpones " +
		"cancelled canceled cancel cancels delayed delay delays scuttled scrapped overshadowed upended halted")
	causeLinks = set("by after because following amid over due")
	tripNouns  = set("trip visit travel journey tour plans")
	// eventOfAgents maps the people who make an event to the event.
	eventOfAgents = map[string]string{
		"protesters": "protest", "protestors": "protest", "demonstrators": "demonstration",
		"strikers": "strike", "rioters": "riot", "striking": "strike",
	}
	// Nouns that name an event by themselves; others get " incident".
	eventNouns = set("incident attack attacks crisis war strike strikes storm earthquake protest protests election " +
		"summit scandal shooting explosion outbreak pandemic row dispute standoff coup flood floods fire typhoon hurricane " +
		"cyclone landslide landslides mudslide avalanche clash clashes fighting violence unrest riot riots blizzard " +
		"snowstorm heatwave wildfire wildfires eruption tsunami collapse crash accident outage blackout assassination " +
		"bombing shutdown flooding drought")
	npStops = set("was were is are be been being flying flew which that who over in on at into across from with for " +
		"to and but , . ; : had has have")
	npSkip = set("a an the news of reports report alleged suspected reported apparent so-called that its his her their this")
)

// findEvents finds summits and disruptions.
func (d *doc) findEvents() {
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		if !s.body() {
			continue
		}
		d.summits(s)
		d.disruptions(s)
	}
}

// summits reads "the Group summit in City" after an organization or name.
func (d *doc) summits(s *sent) {
	for i, t := range s.toks {
		if t.low != "summit" || i == 0 {
			continue
		}
		m := mentionEndingAt(s, i)
		if m == nil || m.ent == nil || m.typ != graph.Organization {
			continue
		}
		ev := &eventObs{s: s, tok: i, name: m.ent.bestForm() + " summit", kind: "summit"}
		if i+2 < len(s.toks) && s.toks[i+1].low == "in" {
			if pm := mentionAt(s, i+2); pm != nil && pm.ent != nil && pm.typ == graph.Place {
				ev.place = pm.ent
			}
		}
		a, b := clause(s, i)
		ev.date = d.clauseDate(s, a, b, timex.Past)
		d.events = append(d.events, ev)
	}
}

// disruptions reads "X was postponed after Y", "X disrupted by Y",
// "Y disrupted X", for trips, visits, summits and meetings.
func (d *doc) disruptions(s *sent) {
	for v, t := range s.toks {
		if !disruptVerbs[t.low] {
			continue
		}
		var victim *eventObs
		var cause string
		passive := v > 0 && passiveAux[s.toks[v-1].low]
		if passive {
			victim = d.victimBefore(s, v)
			for k := v + 1; k < len(s.toks) && k <= v+3; k++ {
				if causeLinks[s.toks[k].low] {
					cause = d.causeAfter(s, k+1)
					break
				}
			}
		} else {
			victim = d.victimAfter(s, v)
			cause = d.eventHead(d.nounPhrase(s, 0, v))
		}
		if victim == nil || cause == "" {
			continue
		}
		causeName := cause
		words := strings.Fields(strings.ToLower(cause))
		if !eventNouns[words[len(words)-1]] && !(len(words) > 1 && eventNouns[words[len(words)-2]]) {
			causeName += " incident"
		}
		inc := &eventObs{s: s, tok: v, name: causeName, kind: "incident"}
		inc.date = victim.date
		victim.disruptedBy = append(victim.disruptedBy, causeName)
		d.events = append(d.events, inc, victim)
	}
}

// victimNouns name what a disruption can hit besides a trip.
var victimNouns = set("summit talks meeting meetings negotiations")

// victimBefore finds what a passive disruption is about: "his travel
// plans for May were disrupted", "the summit was disrupted", "talks
// between A and B were postponed".
func (d *doc) victimBefore(s *sent, v int) *eventObs {
	a, _ := clause(s, v)
	for k := v - 1; k >= a && k >= v-14; k-- {
		if ev := d.victimAt(s, k, 0, v); ev != nil {
			return ev
		}
	}
	return nil
}

// victimAfter finds what an active disruption is about: "... disrupted
// his travel plans", "... derailed talks between A and B".
func (d *doc) victimAfter(s *sent, v int) *eventObs {
	_, b := clause(s, v)
	for k := v + 1; k < b && k <= v+12; k++ {
		if ev := d.victimAt(s, k, v, len(s.toks)); ev != nil {
			return ev
		}
	}
	return nil
}

// victimAt builds the event named at token k, if it names one.
func (d *doc) victimAt(s *sent, k, a, b int) *eventObs {
	w := s.toks[k].low
	switch {
	case tripNouns[w]:
		return d.tripEvent(s, a, b)
	case w == "summit":
		for _, ev := range d.events {
			if d.expired() {
				return nil
			}
			if ev.s == s && ev.kind == "summit" && ev.tok == k {
				return ev
			}
		}
		return d.meetingEvent(s, k) // "a summit between A and B"
	case victimNouns[w]:
		return d.meetingEvent(s, k)
	}
	return nil
}

// meetingEvent is a meeting as an event, for disruptions: "talks between
// A and B", "A's meeting with B", named "A and B talks".
func (d *doc) meetingEvent(s *sent, k int) *eventObs {
	parts := d.betweenAt(s, k)
	if parts == nil {
		objs, ok := d.withObjects(s, k)
		if !ok {
			return nil
		}
		subj := d.subjectBefore(s, k, nil)
		if subj == nil {
			return nil
		}
		parts = append([]*entity{subj}, objs...)
	}
	if len(parts) < 2 || hasNil(parts) {
		return nil
	}
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.bestForm()
	}
	noun := "meeting"
	if w := s.toks[k].low; w == "talks" || w == "negotiations" || w == "summit" {
		noun = w
	}
	name := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " " + noun
	return &eventObs{s: s, tok: k, name: name, kind: "meeting", parts: parts,
		date: d.clauseDate(s, 0, len(s.toks), timex.Past)}
}

// causeAfter names the cause after a link word: "after a cyclone struck
// the capital", "because of a storm that closed the port".
func (d *doc) causeAfter(s *sent, k int) string {
	n := len(s.toks)
	if k < n && (s.toks[k].low == "of" || s.toks[k].low == "to") {
		k++
	}
	for k < n && (npSkip[s.toks[k].low]) {
		k++
	}
	end := k
	for end < n && !npStops[s.toks[end].low] && s.toks[end].kind != text.Punct && end-k < 6 {
		end++
	}
	if end > k {
		if np := joinToks(s.toks[k:end]); d.eventHead(np) != np || eventNouns[strings.ToLower(s.toks[end-1].text)] {
			return d.eventHead(np)
		}
	}
	// A clause: "after the US shot down a balloon" names its object.
	return d.nounPhrase(s, k, n)
}

// eventHead cuts a phrase after its event noun: "cyclone struck" is
// "cyclone", "fierce river flood" stays whole; a phrase without one is
// returned as it is.
//
// People who make an event name it: "after protesters blocked the road"
// is a protest, "because striking workers walked out" a strike.
func (d *doc) eventHead(np string) string {
	words := strings.Fields(np)
	for i, w := range words {
		if ev, ok := eventOfAgents[strings.ToLower(w)]; ok {
			return ev
		}
		if !eventNouns[strings.ToLower(w)] {
			continue
		}
		j := i + 1
		for j < len(words) && eventNouns[strings.ToLower(words[j])] {
			j++
		}
		if isUpperWord(w) && j < len(words) && isUpperWord(words[j]) && !eventNouns[strings.ToLower(words[j])] {
			j++ // a named storm: "Typhoon Haiyan", "Hurricane Maria"
		}
		return strings.Join(words[:j], " ")
	}
	return np
}

// dueCues tell of a trip that was still to come: "was due to fly".
var dueCues = set("due scheduled slated")

func isUpperWord(w string) bool {
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

// tripEvent builds the trip event of the traveler the sentence speaks of,
// named "<Traveler>'s <Month> trip".
func (d *doc) tripEvent(s *sent, a, b int) *eventObs {
	var traveler *entity
	for k := 0; k < len(s.toks); k++ {
		if r := d.personAt(s, k); r.kind != refNone && r.ent != nil {
			traveler = r.ent
			break
		}
	}
	if traveler == nil {
		return nil
	}
	tense := timex.Past
	for _, t := range s.toks {
		if dueCues[t.low] {
			tense = timex.Future // "had been due to fly on Wednesday": a day still ahead
			break
		}
	}
	date := d.clauseDate(s, 0, len(s.toks), tense)
	name := traveler.bestForm() + "'s"
	if date.Month != 0 {
		name += " " + time.Month(date.Month).String()
	}
	name += " trip"
	ev := &eventObs{s: s, name: name, kind: "trip", date: date, parts: []*entity{traveler}}
	for _, m := range s.ments {
		if m.typ == graph.Place && m.ent != nil && m.a > 0 && (s.toks[m.a-1].low == "to" || s.toks[m.a-1].low == "visit") {
			ev.place = m.ent
		}
	}
	if ev.place != nil {
		ev.name += " to " + ev.place.bestForm() // "A's March trip to City"
	}
	return ev
}

// nounPhrase names the thing in tokens [a,b): after the last article before
// the first stop word, modifiers and nouns up to the next stop word.
func (d *doc) nounPhrase(s *sent, a, b int) string {
	start := -1
	for k := a; k < b; k++ {
		w := s.toks[k].low
		if w == "a" || w == "an" || w == "the" || w == "its" {
			start = k + 1
		}
		if k > a && (w == "over" || w == "flying" || w == "was" || w == "were") {
			break
		}
	}
	if start < 0 {
		start = a
	}
	for start < b && npSkip[s.toks[start].low] {
		start++
	}
	end := start
	for end < b && !npStops[s.toks[end].low] && s.toks[end].kind != text.Punct {
		end++
	}
	if end-start < 1 || end-start > 6 {
		return ""
	}
	return joinToks(s.toks[start:end])
}

func (d *doc) clauseDate(s *sent, a, b int, tense timex.Tense) graph.Date {
	lo, hi := s.toks[a].span.Start-s.span.Start, s.toks[b-1].span.End-s.span.Start
	for _, e := range d.findDates(s.text, tense) {
		if e.Start >= lo && e.End <= hi {
			return e.Value
		}
	}
	return graph.Date{}
}

// claim converts the report into an event claim; names lists the
// entities of the article.
func (ev *eventObs) claim(names map[string]bool) (graph.EventClaim, bool) {
	c := graph.EventClaim{Name: ev.name, Kind: ev.kind, Date: ev.date, DisruptedBy: ev.disruptedBy}
	if ev.place != nil && names[ev.place.bestForm()] {
		c.Place = ev.place.bestForm()
	}
	for _, p := range ev.parts {
		if names[p.bestForm()] {
			c.Participants = append(c.Participants, p.bestForm())
		}
	}
	if ev.s != nil {
		c.Evidence = []graph.Evidence{ev.s.evidence()}
	}
	return c, true
}

// mergeEvents folds the claims of one article that name the same event.
func mergeEvents(in []graph.EventClaim) []graph.EventClaim {
	idx := map[string]int{}
	var out []graph.EventClaim
	for _, c := range in {
		k := c.Kind + "|" + graph.NameKey(c.Name)
		i, ok := idx[k]
		if !ok {
			idx[k] = len(out)
			out = append(out, c)
			continue
		}
		o := &out[i]
		o.Evidence = mergeEvidence(o.Evidence, c.Evidence)
		o.DisruptedBy = union(o.DisruptedBy, c.DisruptedBy)
		o.Participants = union(o.Participants, c.Participants)
		if o.Place == "" {
			o.Place = c.Place
		}
		if o.Date.Precision() < c.Date.Precision() && o.Date.Compatible(c.Date) {
			o.Date = o.Date.Refine(c.Date)
		}
	}
	return out
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range append(append([]string{}, a...), b...) {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}
