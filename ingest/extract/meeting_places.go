package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// venueAt reports whether the venue at token p is where something
// happens: "at the Kremlin", "in the Oval Office", not "a return to the
// Kremlin" or "the Kremlin said".
func venueAt(s *sent, p int) bool {
	k := p - 1
	if k >= 0 && s.toks[k].low == "the" {
		k--
	}
	if k < 0 {
		return false
	}
	switch s.toks[k].low {
	case "at", "in", "inside", "outside", "on":
		return true
	}
	return false
}

// inOrAt reports "in" or "at" before the place at token p, or, for a
// place the gazetteer knows, "in the", "at the" ("at the Vatican", "in
// The Hague"); "at the" before a name it does not know is a venue's.
func inOrAt(s *sent, p int, known bool) bool {
	k := p - 1
	if k > 0 && s.toks[k].low == "the" && known {
		k--
	}
	return k >= 0 && (s.toks[k].low == "in" || s.toks[k].low == "at")
}

// settlementOf reports whether the place at token p is named as a town
// after "in" or "at": "in the Black Sea resort of Sochi", "at the port
// city of Odesa", "in the lakeside resort town Bled".
func settlementOf(s *sent, p int) bool {
	if p < 3 {
		return false
	}
	w := p - 2 // "the resort of Bled"
	if s.toks[p-1].low != "of" {
		w = p - 1 // "the resort town Bled"
	}
	if w < 1 || !settlementWords[s.toks[w].low] || w == p-1 && s.toks[w].isCap() {
		return false
	}
	for k := w - 1; k >= 0 && k >= w-6; k-- {
		switch s.toks[k].low {
		case "in", "at":
			return true
		case ",", ";", "of":
			return false
		}
	}
	return false
}

// arrivalAt reports whether the place at token p is where someone came
// to meet: "traveled to P", "welcomed A to P" with trigger tr.
func (d *doc) arrivalAt(s *sent, p, tr int) bool {
	if p >= 3 && s.toks[p-1].low == "visit" && s.toks[p-2].low == "to" && inviteVerbs[s.toks[tr].low] && p > tr {
		return true // "invited A to visit P"
	}
	if p >= 3 && s.toks[p-1].low == "the" {
		p-- // "welcomed A to the Kremlin"
	}
	if p < 2 || s.toks[p-1].low != "to" {
		return false
	}
	if w := s.toks[p-2].low; (motionVerbs[w] || motionNonPast[w]) && p < tr {
		return true // "flew to P to meet", "will travel to P next week to meet"
	}
	w := s.toks[tr].low
	return (w == "welcomed" || w == "welcomes" || w == "welcome" || inviteVerbs[w]) && p > tr
}

// namedBuilding reports whether the place mention m, which no venue word
// marks, is a building all the same: a name of several words the gazetteer
// does not know, met "in the" ("in the Casa de Nariño"); "at the" comes
// before monuments and sites as often as before buildings. Met "at"
// without an article, such a name with a lowercase particle inside is a
// building too ("at Casa de Nariño"): a town "at" is rarer than one "in".
func (d *doc) namedBuilding(s *sent, m *mention) bool {
	if m.venue || m.b-m.a < 2 || m.a < 1 {
		return false
	}
	switch {
	case s.toks[m.a-1].low == "at" && m.b-m.a >= 3 && particleInside(s, m):
	case m.a >= 2 && s.toks[m.a-1].low == "the":
		if w := s.toks[m.a-2].low; w != "in" && w != "inside" {
			return false
		}
	default:
		return false
	}
	_, known := d.x.lex.Place(m.ent.bestForm())
	return !known
}

// particleInside reports a lowercase word inside the mention m: "de" in
// "Casa de Nariño", "of" in "Palace of Culture".
func particleInside(s *sent, m *mention) bool {
	for k := m.a + 1; k < m.b-1; k++ {
		if t := s.toks[k]; t.kind == text.Word && !t.isCap() {
			return true
		}
	}
	return false
}

// tripTo reports whether the place at token p is where a trip led: "a
// visit to P", "his trip to P", "arrived in P", "landing in P".
func tripTo(s *sent, p int) bool {
	if p < 2 {
		return false
	}
	prev, word := s.toks[p-1].low, s.toks[p-2].low
	return prev == "to" && (visitNouns[word] || motionVerbs[word]) || prev == "in" && arrivalWords[word]
}

// knownPlace reports whether the gazetteer knows the place e.
func (d *doc) knownPlace(e *entity) bool {
	_, ok := d.x.lex.Place(e.bestForm())
	return ok
}

// isCity reports whether a place entity is a city (known or unknown to the
// gazetteer, but not a country or region, and not a venue).
func (d *doc) isCity(e *entity) bool {
	if p, ok := d.x.lex.Place(e.bestForm()); ok {
		return p.Kind == lexicon.City || p.CityState
	}
	if strings.HasSuffix(strings.ToLower(e.bestForm()), "shire") {
		return false // a county ("Eldershire") or a state ("New Hampshire")
	}
	for _, m := range e.ments {
		if m.venue {
			return false
		}
	}
	return true
}

// datelineCity is the city an article is filed from: "CITY, March 4
// (Agency) -", "City: ..." opening its first body sentence.
func (d *doc) datelineCity() *entity {
	seen := 0
	for _, s := range d.sents {
		if d.expired() {
			return nil
		}
		if !s.body() {
			continue
		}
		if seen++; seen > 3 {
			return nil // a dateline opens the story, after a caption at most
		}
		if len(s.ments) == 0 {
			continue
		}
		m := s.ments[0]
		if m.a != 0 || m.ent == nil || m.typ != graph.Place || !d.isCity(m.ent) || m.b >= len(s.toks) {
			continue
		}
		if w := s.toks[m.b].low; w == "," || w == ":" || w == "-" {
			return m.ent
		}
	}
	return nil
}

// welcomeVerbs report a meeting that happens as a guest arrives: "was
// greeted by B at the airport", "A welcomed B".
var welcomeVerbs = set("greeted greeting welcomed welcoming")

// welcomeOnArrival dates and places a welcome from the arrival the text
// tells just before it or in its own sentence: "A arrived in Capital on
// Monday ... He was greeted by B at the airport" was a meeting in Capital
// on Monday. An arrival with no day of its own is the day's news when it
// opens a dated article or is told in the present perfect ("A has
// arrived in Country").
func (d *doc) welcomeOnArrival(o *meetingObs) {
	if o.status != graph.Held || !welcomeVerbs[o.s.toks[o.trigger].low] || (!o.date.IsZero() || !o.vague[0].IsZero()) && o.city != nil {
		return
	}
	part := map[*entity]bool{}
	for _, p := range o.parts {
		part[p] = true
	}
	lede := d.ledeSents(2)
	airport := strings.Contains(strings.ToLower(o.s.text), "airport")
	body := 0 // body sentences back from the welcome's
	for k := o.s.i; k >= 0 && k >= o.s.i-2; k-- {
		s := d.sents[k]
		if !s.body() {
			continue
		}
		// Two sentences back, only a welcome at the airport surely has
		// the arrival's day: one at a palace may be days later.
		body++
		far := body > 2 && !airport
		end := len(s.toks)
		if s == o.s {
			end = o.trigger // the arrival comes before the welcome
		}
		at := -1
		for i := 0; i < end; i++ {
			if arrivalWords[s.toks[i].low] {
				at = i
				break
			}
		}
		if at < 0 || !d.namesAny(s, at, part) {
			continue
		}
		if prev := d.meetingArrivedAt(s, at, o); prev != nil {
			// "A reached the talks and was greeted there by C": the
			// welcome is on the day, and in the place, of that meeting.
			if o.date.IsZero() && o.vague[0].IsZero() {
				o.date, o.endDate, o.dateText, o.vague = prev.date, graph.Date{}, prev.dateText, prev.vague
			}
			if o.city == nil {
				o.city = prev.city
			}
			return
		}
		if o.city == nil {
			for _, m := range s.ments {
				if m.a > at && m.typ == graph.Place && m.ent != nil && d.isCity(m.ent) && tripTo(s, m.a) {
					o.city = m.ent
					break
				}
			}
		}
		if !far && o.date.IsZero() && o.vague[0].IsZero() {
			var day []timex.Expr
			for _, e := range d.pastDates(s) {
				if !releasedOn(s.text, e.Start) {
					day = append(day, e)
				}
			}
			switch {
			case len(day) == 1 && day[0].Value.Precision() == 3 && day[0].End2.IsZero():
				o.date, o.dateText = day[0].Value, day[0].Text
			case len(day) == 0 && d.ref.Precision() == 3 && (lede[s] || perfectBefore(s, at)):
				o.date = d.ref
			}
		}
		return
	}
}

// ledeSents is the first n body sentences.
func (d *doc) ledeSents(n int) map[*sent]bool {
	out := map[*sent]bool{}
	for _, s := range d.sents {
		if len(out) == n {
			break
		}
		if s.kind == text.Body {
			out[s] = true
		}
	}
	return out
}

// perfectBefore reports "has" or "have" just before token i: "has arrived".
func perfectBefore(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch s.toks[k].low {
		case "has", "have":
			return true
		case "just", "now", "already":
		default:
			return false
		}
	}
	return false
}

// namesAny reports whether s names one of the people in part before
// token i, by name or by a pronoun that stands for them ("after his
// arrival").
func (d *doc) namesAny(s *sent, i int, part map[*entity]bool) bool {
	for _, m := range s.ments {
		if m.a < i && part[m.ent] {
			return true
		}
	}
	for k := 0; k < i; k++ {
		if pronouns[s.toks[k].low] && part[d.pronounRef(s, k)] {
			return true
		}
	}
	return false
}

// meetingArrivedAt is the meeting told before o that the arrival at token
// i of s goes to ("arrived at the meeting", "arrived for the talks"): the
// last one with a participant of o; nil when the arrival is at a place.
func (d *doc) meetingArrivedAt(s *sent, i int, o *meetingObs) *meetingObs {
	if i+3 >= len(s.toks) || s.toks[i+1].low != "at" && s.toks[i+1].low != "for" {
		return nil
	}
	switch s.toks[i+2].low {
	case "the", "their", "his", "her":
	default:
		return nil
	}
	if !nounTriggers[s.toks[i+3].low] && s.toks[i+3].low != "sit-down" {
		return nil
	}
	for k := len(d.meetings) - 1; k >= 0; k-- {
		m := d.meetings[k]
		if m == o || m.s.i > s.i {
			continue
		}
		for _, p := range m.parts {
			if contains(o.parts, p) {
				return m
			}
		}
	}
	return nil
}

// hereAt reports the adverb "here" right after a meeting or arrival word
// in tokens [a,b), outside quotes: "met here", "held talks here",
// "arrived here". In a dispatch it names the city the story is filed from
// (the dateline), which then places the meeting; a dateline alone never
// does, nor a "here" in someone's words.
func hereAt(s *sent, a, b int) bool {
	var q []bool
	for k := max(a, 1); k < b; k++ {
		if s.toks[k].low != "here" {
			continue
		}
		w := s.toks[k-1].low
		if !intransitive[w] && !nounTriggers[w] && !arrivalWords[w] && w != "held" {
			continue
		}
		if q == nil {
			q = inQuotes(s)
		}
		if !q[k] {
			return true
		}
	}
	return false
}

// cityAfterVenue is the city set after a venue by a comma, as captions and
// datelines of events write it: "in the Grand Hall, Vienna", "at the
// Villa Marina, Oslo." Only a city, and only one the comma closes (the end
// of the sentence or another comma or a date follows): "at the palace,
// Vienna's mayor said" names no city of the venue.
func (d *doc) cityAfterVenue(s *sent, venue *mention) *entity {
	k := venue.b
	if k+1 >= len(s.toks) || s.toks[k].low != "," {
		return nil
	}
	m := mentionAt(s, k+1)
	if m == nil || m.ent == nil || m.typ != graph.Place || !d.isCity(m.ent) || m.venue {
		return nil
	}
	e := m.b
	if e < len(s.toks) && isStateCode(s.toks[e].text) {
		e++ // "Washington DC", "Austin, TX" written without a comma
	}
	if e < len(s.toks) {
		switch s.toks[e].low {
		case ".", ",", ";", "on", "in", "(":
		default:
			return nil
		}
	}
	return m.ent
}

// isStateCode reports a short all-capitals word after a city: "DC", "NY".
func isStateCode(w string) bool { return len(w) <= 3 && isAcronym(w) }

// venueNamedBefore reads "at the temple", "in the palace" in tokens [a,b)
// of s: a lowercase venue word after "at the" or "in the" that stands for
// the one venue with that head word the article named before, in this
// sentence or an earlier one ("prayed at the Golden Lotus Temple ...
// was seen with B at the temple"). Two such venues, or none, and it is nil.
// "at the same venue" (sameWords) is the venue named last (lastVenue).
func (d *doc) venueNamedBefore(s *sent, a, b int) *entity {
	for k := a + 2; k < b; k++ {
		t := s.toks[k]
		if k >= 3 && sameWords[t.low] && s.toks[k-1].low == "same" && s.toks[k-2].low == "the" {
			if p := s.toks[k-3].low; p == "at" || p == "in" {
				return d.lastVenue(s, k-3)
			}
		}
		if !isWordLower(t) || !d.x.lex.IsVenueWord(t.low) || s.toks[k-1].low != "the" {
			continue
		}
		if p := s.toks[k-2].low; p != "at" && p != "in" && p != "inside" {
			continue
		}
		if k+1 < len(s.toks) && (s.toks[k+1].low == "of" || s.toks[k+1].isCap()) {
			continue // "at the palace of X", "at the hotel Ritz": a name follows
		}
		var found *entity
		for _, e := range d.ents {
			if e.typ != graph.Place {
				continue
			}
			named := false
			for _, m := range e.ments {
				if (m.s.i < s.i || m.s == s && m.b <= k-2) && m.b > m.a+1 && m.s.toks[m.b-1].low == t.low {
					named = true
					break
				}
			}
			if !named {
				continue
			}
			if found != nil {
				return nil
			}
			found = e
		}
		return found
	}
	return nil
}

// sameWords head "at the same venue": the place named just before.
var sameWords = set("venue place location spot building hotel")

// lastVenue is the venue named last before token k of s, in s or the two
// sentences before it: "... a news conference at the Blue Hall. Earlier,
// they had met at the same venue."
func (d *doc) lastVenue(s *sent, k int) *entity {
	for si := s.i; si >= 0 && si >= s.i-2; si-- {
		ps := d.sents[si]
		var last *mention
		for _, m := range ps.ments {
			if m.typ != graph.Place || m.ent == nil || si == s.i && m.b > k {
				continue
			}
			if m.venue && venueAt(ps, m.a) || d.namedBuilding(ps, m) {
				last = m
			}
		}
		if last != nil {
			return last.ent
		}
	}
	return nil
}
