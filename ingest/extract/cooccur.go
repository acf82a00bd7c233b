package extract

import "github.com/newsgraph/newsgraph/graph"

// The patterns of meetings.go read who met whom from the sentence's
// grammar. News prose has more shapes than they know ("The meeting of
// President of Russia A and President of Turkey B in Sochi lasted three
// hours", "Today, the Prime Minister, A, met with the President of Chile,
// B"), so when they find nothing in a sentence, the sentence is read once
// more as a whole: a meeting word outside quotes, and two or three named
// people in its clause who are not the sentence's reporters, are one
// meeting between them.

// partyTriggers report a meeting between the people of their clause.
var partyTriggers = set("met meet meets meeting talks talked hosted hosts received receives welcomed welcomes greeted " +
	"summit bilateral tete-a-tete")

// reportVerbs after (or before) a person make the person a reporter of
// the sentence, not a party to it: "..., spokesman A said".
var reportVerbs = set("said says told reported added noted announced wrote tweeted posted confirmed stated according")

// maxParties bounds the people of one meeting read this way: a sentence
// naming more is a list of attendees, not a meeting the words pin down.
const maxParties = 3

// partiesMeeting adds the meeting a sentence reports between the named
// people of a meeting word's clause. It reports whether it added one.
func (d *doc) partiesMeeting(s *sent) bool {
	q := inQuotes(s)
	trig := -1
	for i, t := range s.toks {
		if !q[i] && partyTriggers[t.low] && !d.negated(s, i) && !remoteTalk(s, i) {
			trig = i
			break
		}
	}
	if trig < 0 || d.attendance(s, trig) || possessedObject(s, trig, trig+1) {
		return false // "welcomed A's decision": a thing of A's, not A
	}
	a, b := clause(s, trig)
	if e := relativeClauseEnd(s, trig); e > 0 && e < b {
		b = e // "A, who is in P for talks, said ... C": C is not at the talks
	}
	var parts []*entity
	before := false // someone named before the trigger
	for _, m := range s.ments {
		if m.a < a || m.b > b || q[m.a] || m.ent == nil || m.ent.typ != graph.Person || d.reporter(s, m) {
			continue
		}
		before = before || m.a < trig
		if !contains(parts, m.ent) {
			parts = append(parts, m.ent)
		}
	}
	if len(parts) < 2 || len(parts) > maxParties {
		return false
	}
	if !before && passiveAt(s, trig) {
		// "The guests were greeted by A and B": everyone named is a
		// host, one side of the meeting; the other is not named here.
		return false
	}
	d.addMeeting(s, trig, parts)
	return true
}

// relativeClauseEnd returns the comma closing the non-restrictive
// relative clause (", who ... ,", ", which ... ,") that holds token i, or
// -1 when i is not in one.
func relativeClauseEnd(s *sent, i int) int {
	rel := -1
	for k := i - 1; k >= 1; k-- {
		w := s.toks[k].low
		if w == "," || w == ";" {
			return -1
		}
		if (w == "who" || w == "which") && s.toks[k-1].low == "," {
			rel = k
			break
		}
	}
	if rel < 0 {
		return -1
	}
	for k := i + 1; k < len(s.toks); k++ {
		if s.toks[k].low == "," {
			return k
		}
	}
	return -1
}

// reporter reports whether mention m is who reports the sentence: a
// reporting verb right after it ("A said", "A's spokesman said" is the
// spokesman) or right before it ("said A", "according to A").
func (d *doc) reporter(s *sent, m *mention) bool {
	if m.b < len(s.toks) && reportVerbs[s.toks[m.b].low] {
		return true
	}
	k := m.a - 1
	if m.ta > 0 && m.ta < m.a {
		k = m.ta - 1 // "said spokesman A": the title stands before the name
	}
	for k >= 0 && (s.toks[k].low == "," || s.toks[k].low == "to") {
		k--
	}
	return k >= 0 && reportVerbs[s.toks[k].low]
}

// attendVerbs make the people of a sentence attendees of a meeting told
// of elsewhere: "A and B also attended the meeting".
var attendVerbs = set("attended attend attends attending accompanied accompanying joined joining present participated participating sat")

// referringDeterminers before a meeting noun point back to a meeting
// already reported: "the meeting", "their talks".
var referringDeterminers = set("the this that his her their its")

// attendance reports whether the meeting word at i refers back to a
// meeting ("attended the meeting", "during their talks") instead of
// reporting one between the people of the sentence; "the meeting of A
// and B" and "the talks with B" still report one.
func (d *doc) attendance(s *sent, i int) bool {
	a, b := clause(s, i)
	for k := a; k < b; k++ {
		if attendVerbs[s.toks[k].low] {
			return true
		}
	}
	if i == 0 || !referringDeterminers[s.toks[i-1].low] {
		return false
	}
	if i+1 < len(s.toks) {
		switch s.toks[i+1].low {
		case "of", "between", "with":
			return false
		}
	}
	return true
}
