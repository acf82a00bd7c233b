package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// This file joins the people a sentence says were present at a meeting
// told just before ("Also present were A and B", "it was also attended by
// A", "the signing was witnessed by A") to that meeting. News lists hosts'
// officials, aides and envoys there too, who merely accompany and are not
// the meeting's people; so only two kinds of attendee join: a leader (head
// of state or government, monarch, crown prince) and a spouse or fiancé(e)
// named as such, who is received with the guest.

// attendeeTitles are the titles of a leader outside the "leader" role
// class (roleClass) whose presence makes them one of a meeting's people.
var attendeeTitles = set("crown prince emperor empress queen emir sultan monarch")

// partnerNouns stand right before the name of a partner: "his wife A",
// "Mr B's fiancée A".
var partnerNouns = set(partnerWords)

// partnerWords name a spouse or a partner to be married, accented or not.
const partnerWords = spouseWords + " fiancée fiancee fiancé fiance"

// attendCue returns where the people present are read in s: from the
// token after "attended by", "witnessed by" or "in the presence of", or
// from 0 for "[also] present" ("Also present at the meeting were A", "A
// was also present"); -1 when s has no such cue.
func attendCue(s *sent) int {
	t := s.toks
	for k := 1; k < len(t); k++ {
		switch w := t[k].low; {
		case w == "by" && (t[k-1].low == "attended" || t[k-1].low == "witnessed"):
			return k + 1
		case w == "presence" && k >= 2 && t[k-1].low == "the" && t[k-2].low == "in" && k+1 < len(t) && t[k+1].low == "of":
			return k + 2
		case w == "present" && (t[k-1].low == "also" || t[k-1].low == "were" || t[k-1].low == "was"):
			return 0
		}
	}
	return -1
}

// joinAttendees adds the leaders and partners s names as present to the
// meeting told last, in s or the eight sentences before it (the remarks of
// the meeting may come between).
func (d *doc) joinAttendees(s *sent) {
	from := attendCue(s)
	if from < 0 || len(d.meetings) == 0 {
		return
	}
	o := d.meetings[len(d.meetings)-1]
	if o.s == nil || s.i-o.s.i > 8 || o.status != graph.Held && o.status != graph.Planned {
		return
	}
	for _, m := range s.ments {
		if m.a < from || m.typ != graph.Person || m.ent == nil || contains(o.parts, m.ent) {
			continue
		}
		if partnerAt(s, m.a) || attendingLeader(m.ent) {
			o.parts = append(o.parts, m.ent)
		}
	}
}

// partnerAt reports a partner noun right before the name at a.
func partnerAt(s *sent, a int) bool {
	return a > 0 && partnerNouns[s.toks[a-1].low]
}

// attendingLeader reports whether the article gives e a leader's title.
func attendingLeader(e *entity) bool {
	for _, r := range e.roles {
		if roleClass(r.title) == "leader" || attendeeTitles[r.title] {
			return true
		}
	}
	return false
}

// wifeForms open the name news gives a wife by her husband's surname:
// "Madame Duval", "Mrs Brandt".
var wifeForms = set("mrs madame mme")

// unnamedPartner adds to the people of the meeting at trigger i of s the
// partner its clause (ending at token b) mentions without a name ("met with A and his wife",
// "A, who was accompanied by his wife"), when the article names her
// elsewhere by A's surname after "Mrs" or "Madame", and only one such
// person.
func (d *doc) unnamedPartner(s *sent, i, b int, parts []*entity) []*entity {
	for k := i + 1; k+1 < b; k++ {
		if w := s.toks[k].low; (w != "his" && w != "her") || !partnerNouns[s.toks[k+1].low] {
			continue
		}
		if k+2 < len(s.toks) && d.personAt(s, k+2).kind == refName {
			return parts // "his wife B": named where she is mentioned
		}
		var of *entity // the participant named last before the possessive
		for _, m := range s.ments {
			if m.typ == graph.Person && m.ent != nil && m.b <= k && contains(parts, m.ent) {
				of = m.ent
			}
		}
		if of == nil {
			return parts
		}
		if p := d.wifeOf(of); p != nil && !contains(parts, p) {
			return append(append([]*entity{}, parts...), p)
		}
		return parts
	}
	return parts
}

// wifeOf is the one person the article names "Mrs" or "Madame" with the
// surname of e, or nil.
func (d *doc) wifeOf(e *entity) *entity {
	f := strings.Fields(e.bestForm())
	if len(f) < 2 {
		return nil
	}
	surname := strings.ToLower(f[len(f)-1])
	var found *entity
	for _, p := range d.ents {
		if p == e || p.typ != graph.Person || len(p.ments) == 0 {
			continue
		}
		g := strings.Fields(strings.ToLower(p.bestForm()))
		if len(g) != 2 || !wifeForms[strings.TrimSuffix(g[0], ".")] || g[1] != surname {
			continue
		}
		if found != nil {
			return nil
		}
		found = p
	}
	return found
}
