package extract

import (
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// alsoMet dates and places a held meeting told with "also" ("A also met
// B", "A also held talks with B") that says neither when nor where: it
// continues the account of the meeting of A told just before, and took
// place on that day, in that city. What was said at the first may take
// several paragraphs before the "also".
func (d *doc) alsoMet() {
	for k, o := range d.meetings {
		if o.status != graph.Held || !o.date.IsZero() || !o.vague[0].IsZero() || o.city != nil || !alsoBefore(o.s, o.trigger) {
			continue
		}
		var prev []*entity // the people of the meeting continued
		for j := k - 1; j >= 0; j-- {
			p := d.meetings[j]
			if p.status != graph.Held || o.s.i-p.s.i > 10 {
				break
			}
			if prev == nil {
				if !sharesPerson(p.parts, o.parts) || sameSet(p.parts, o.parts) {
					continue
				}
				prev = p.parts
			} else if !sameSet(p.parts, prev) {
				break
			}
			if o.date.IsZero() && o.vague[0].IsZero() {
				o.date, o.endDate, o.dateText, o.vague = p.date, p.endDate, p.dateText, p.vague
			}
			if o.city == nil {
				o.city = p.city
			}
		}
	}
}

// alsoBefore reports an "also" among the few words before trigger i, or
// before the light verb of a meeting noun there: "also met", "also held
// talks".
func alsoBefore(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch s.toks[k].low {
		case "also":
			return true
		case ",", ";", "and", "but":
			return false
		}
	}
	return false
}

// inheritFromOrphans gives a meeting without a date or city those of a
// meeting without named participants one or two sentences before, when
// the meeting refers back to it: "The presidents met in Astana on Monday.
// A hosted B and C for the talks."
func (d *doc) inheritFromOrphans(orphans []*meetingObs) {
	for _, o := range d.meetings {
		if d.expired() {
			return
		}
		if !o.date.IsZero() && o.city != nil {
			continue
		}
		a, b := clause(o.s, o.trigger)
		back := false
		for k := a + 1; k < b; k++ {
			if o.s.toks[k-1].low == "the" && nounTriggers[o.s.toks[k].low] {
				back = true
			}
		}
		if !back {
			continue
		}
		for _, p := range orphans {
			if p.s.i >= o.s.i || o.s.i-p.s.i > 2 {
				continue
			}
			if o.date.IsZero() {
				o.date, o.endDate, o.dateText, o.vague = p.date, p.endDate, p.dateText, p.vague
			}
			if o.city == nil {
				o.city = p.city
			}
		}
	}
}

// meetingAnaphora attaches "the meeting at the Grand Hall, which lasted 35
// minutes" to the meeting last reported.
//
// With named, it reads instead the indefinite references ("after a meeting
// at P") of a sentence that names every participant of a meeting found
// anywhere in the article; findMeetings runs that pass last.
func (d *doc) meetingAnaphora(s *sent, named bool) {
	words := 0
	for i, t := range s.toks {
		if t.low != "meeting" && t.low != "talks" && t.low != "discussions" {
			continue
		}
		if words++; words > maxMeetingWords {
			break
		}
		// Only definite or relative references: "the (35-minute) meeting", "a meeting that lasted".
		def := false
		for k := i - 1; k >= 0 && k >= i-4; k-- {
			if s.toks[k].low == "the" || s.toks[k].low == "this" {
				def = true
				break
			}
		}
		rel := i+1 < len(s.toks) && (s.toks[i+1].low == "that" || s.toks[i+1].low == "which")
		if _, ok := d.withObjects(s, i); ok {
			continue
		}
		if d.betweenAt(s, i) != nil {
			continue
		}
		var last *meetingObs
		switch {
		case (def || rel) && !named:
			last = d.lastMeeting(s)
		case !def && !rel && named:
			// "A, accompanied by B, speaks after a meeting at P": a
			// meeting of people the sentence names all of, told before or
			// after it (captions come first).
			last = d.meetingNamedIn(s)
		}
		if last == nil || last.s == s && last.trigger == i {
			continue
		}
		o := &meetingObs{s: s, trigger: i, parts: last.parts, status: last.status}
		a, b := clause(s, i)
		d.fillFromClause(o, s, a, b)
		o.dropDateBefore(s, i)
		if last.s == s {
			// Same sentence: enrich the report itself.
			if last.place == nil {
				last.place = o.place
			}
			if last.minutes == 0 {
				last.minutes = o.minutes
			}
			continue
		}
		if !last.vague[0].IsZero() && last.date.Precision() < 3 {
			// "A met B last week. The meeting, on Thursday, lasted two
			// hours": the weekday narrows the week.
			for _, e := range d.pastDates(s) {
				if e.Kind == timex.Weekday && e.Start == o.dateAt && e.Value.Precision() == 3 {
					if day, ok := sameWeekdayIn(e.Value, last.vague); ok {
						last.date, last.dateText, last.vague = day, e.Text, [2]graph.Date{}
					}
				}
			}
		}
		if !tookPlace(s, i) {
			// Only "the meeting took place on Saturday" dates it: "the
			// meeting came a day after ..." dates something else.
			o.date, o.endDate, o.dateText, o.vague = graph.Date{}, graph.Date{}, "", [2]graph.Date{}
		}
		if o.place == nil && o.minutes == 0 && o.city == nil && o.date.IsZero() && o.vague[0].IsZero() {
			continue
		}
		d.meetings = append(d.meetings, o)
	}
}

// tookPlace reports "took place", "was held", "happened" right after the
// meeting noun at i.
func tookPlace(s *sent, i int) bool {
	t := s.toks
	if i+1 >= len(t) {
		return false
	}
	switch t[i+1].low {
	case "happened", "occurred":
		return true
	case "took":
		return i+2 < len(t) && t[i+2].low == "place"
	case "was", "were":
		return i+2 < len(t) && t[i+2].low == "held"
	}
	return false
}

// meetingNamedIn is the last meeting found before s whose participants s
// all names.
func (d *doc) meetingNamedIn(s *sent) *meetingObs {
	named := map[*entity]bool{}
	for _, m := range s.ments {
		if m.ent != nil {
			named[m.ent] = true
		}
	}
	for k := len(d.meetings) - 1; k >= 0; k-- {
		o := d.meetings[k]
		if o.s == s || o.status != graph.Held {
			continue
		}
		all := len(o.parts) > 0
		for _, p := range o.parts {
			all = all && named[p]
		}
		if all {
			return o
		}
	}
	return nil
}

func (d *doc) lastMeeting(s *sent) *meetingObs {
	for k := len(d.meetings) - 1; k >= 0; k-- {
		m := d.meetings[k]
		if m.s.i < s.i-4 {
			return nil // meetings are in text order: the rest are older
		}
		if m.s.i <= s.i && m.status == graph.Held {
			return m
		}
	}
	return nil
}

// followUps narrows vague dates and fills cities from the sentences after a
// meeting that speak of its participants: "A met B last week. ... A said
// Friday ...", "A told B he was the first visitor he had met in Capital".
func (d *doc) followUps() {
	for _, o := range d.meetings {
		if d.expired() {
			return
		}
		d.dateFromLede(o)
		d.sameDayDate(o)
		d.welcomeOnArrival(o)
		// A weekday narrows a vague date from a little farther on than
		// a city is taken: quotes often stand between ("will meet B later
		// this week. ... A arrives on Friday for the meeting").
		for k := o.s.i + 1; k < len(d.sents) && k <= o.s.i+5 && (k <= o.s.i+3 || !o.vague[0].IsZero()); k++ {
			s := d.sents[k]
			if !s.body() {
				continue
			}
			named := map[*entity]bool{}
			for _, m := range s.ments {
				if m.ent != nil {
					named[m.ent] = true
				}
			}
			n := 0
			for _, p := range o.parts {
				if named[p] {
					n++
				}
			}
			if n == 0 {
				continue
			}
			if !o.vague[0].IsZero() {
				for _, e := range d.pastDates(s) {
					if e.Kind != timex.Weekday || e.Value.Precision() != 3 {
						continue
					}
					if e.Value.Within(o.vague[0], o.vague[1]) {
						o.date, o.vague = e.Value, [2]graph.Date{}
						break
					}
					if day, ok := sameWeekdayIn(e.Value, o.vague); ok {
						// "A met B last week. The meeting, on Thursday,
						// ...": the Thursday of last week.
						o.date, o.vague = day, [2]graph.Date{}
						break
					}
				}
			}
			if o.city == nil && n >= 2 && k <= o.s.i+3 {
				for _, m := range s.ments {
					// A city the people were in: "in Oslo", not "distance
					// itself from Washington".
					if m.typ != graph.Place || m.ent == nil || m.venue || !d.isCity(m.ent) || !(inOrAt(s, m.a, true) || settlementOf(s, m.a)) {
						continue
					}
					// Not one after a clause break (";", "after", "but",
					// "while", ...; the sentence's first word too):
					// "welcomed B ... after B's attendance at a summit in
					// London" is not in London.
					if breakBefore(s, m.a) {
						continue
					}
					o.city = m.ent
					break
				}
			}
		}
		if o.city == nil && o.place != nil && o.status == graph.Held && d.nearRef(o.date) {
			// A venue named for a meeting of the last days, in an article
			// filed from a city: the venue is in the dateline city.
			o.city = d.datelineCity()
		}
		if o.city == nil && o.status == graph.Held && d.tripDest != nil && d.traveler != nil {
			for _, p := range o.parts {
				if p == d.traveler && o.place == nil && o.event == "" {
					o.city = d.tripDest
				}
			}
		}
		if o.city == nil && o.place == nil && o.event == "" && o.status == graph.Held && d.nearRef(o.date) {
			// A meeting of the last days that nothing in the article
			// places, in an article filed from a city ("CITY: A called
			// on B on Tuesday"): the dateline's city, as the conventions
			// take it when nothing else locates the meeting.
			o.city = d.datelineCity()
		}
	}
}

// findTrip finds the trip an article is about: "A's visit to City",
// "A ended a trip to City", or, in the first three body sentences, the
// traveler's arrival: "A flew into City", "A landed in City".
func (d *doc) findTrip() {
	body := 0
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		if !s.body() {
			continue
		}
		body++
		for i := 0; i+2 < len(s.toks); i++ {
			w := s.toks[i].low
			arrival := body <= 3 && (arrivalVerbs[w] && (s.toks[i+1].low == "in" || s.toks[i+1].low == "into") ||
				motionVerbs[w] && (s.toks[i+1].low == "to" || s.toks[i+1].low == "into"))
			if w != "trip" && w != "visit" && w != "tour" && w != "journey" && !arrival {
				continue
			}
			if !arrival && s.toks[i+1].low != "to" || arrival && hasPlanCue(s, i) {
				continue
			}
			m := mentionAt(s, i+2)
			if m == nil || m.ent == nil || m.typ != graph.Place || !d.isCity(m.ent) {
				continue
			}
			traveler := d.subjectBefore(s, i, nil)
			if traveler == nil {
				continue
			}
			d.traveler, d.tripDest = traveler, m.ent
			return
		}
	}
}

// arrivalVerbs put a traveler in a city: "arrived in", "landed in".
var arrivalVerbs = set("arrived landed flown jetted touched")

// sameWeekdayIn is the day of span, a week at most, that falls on the
// weekday of t: t itself when inside.
func sameWeekdayIn(t graph.Date, span [2]graph.Date) (graph.Date, bool) {
	n, ok := span[0].DaysUntil(span[1])
	if !ok || n < 0 || n > 6 {
		return graph.Date{}, false
	}
	for x := span[0]; !span[1].Before(x); x = x.AddDays(1) {
		if k, ok := x.DaysUntil(t); ok && k%7 == 0 {
			return x, true
		}
	}
	return graph.Date{}, false
}
