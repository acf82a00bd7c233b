package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// Meetings told without a meeting verb: two people side by side in the
// same place ("Standing beside B, A said ..."), or a meeting of theirs
// named in passing while one speaks to the other ("Before their talks at P, A
// assured B that ..."). Each needs both people named, or
// one named and the other a role the article resolves to one person; a
// pronoun is never enough.

// standVerbs are the postures of a joint appearance.
var standVerbs = set("standing stood sitting sat seated")

// addressVerbs speak to someone present: "A told B", "A assured B".
var addressVerbs = set("told assured urged warned reminded thanked asked pressed informed")

// coPresence reads "Standing next to B, A ..." and "A stood beside B" in
// s: A and B appeared together, a held meeting. It reports whether it
// added one.
func (d *doc) coPresence(s *sent) bool {
	n := len(s.toks)
	for i := 0; i+2 < n; i++ {
		if !standVerbs[s.toks[i].low] {
			continue
		}
		k := i + 1
		switch s.toks[k].low {
		case "next":
			if s.toks[k+1].low != "to" {
				continue
			}
			k += 2
		case "beside", "alongside":
			k++
		default:
			continue
		}
		b := d.sideRef(s, k)
		if b == nil {
			continue
		}
		var a *entity
		if i == 0 {
			// "Standing beside B, A said": the subject after the phrase.
			a = d.subjectAfterComma(s, k)
		} else if r := d.namedBefore(s, i); r != nil {
			a = r
		}
		if a == nil || a == b || d.negated(s, i) || hasPlanCue(s, i) {
			continue
		}
		d.addMeeting(s, i, []*entity{a, b})
		d.meetings[len(d.meetings)-1].status = graph.Held
		return true
	}
	return false
}

// sideRef is the person at token k after "next to": a name, or a role
// with an article and up to two adjectives ("an uneasy Dutch prime
// minister") that the article resolves to one person.
func (d *doc) sideRef(s *sent, k int) *entity {
	if k >= len(s.toks) {
		return nil
	}
	if r := d.personAt(s, k); r.kind == refPronoun {
		return nil
	}
	if ps := d.personList(s, k); len(ps) > 0 {
		for j := k; j < len(s.toks) && j <= k+6; j++ {
			if r := d.personAt(s, j); r.kind != refNone && r.ent == ps[0] {
				if r.kind == refName && r.end == j+1 && d.sharedSurname(s.toks[j].text, r.ent) {
					return nil // "beside Smith" with two Smiths in the story
				}
				return r.ent
			}
		}
		return nil
	}
	w := s.toks[k].low
	if w != "a" && w != "an" && w != "the" && w != "his" && w != "her" && w != "their" {
		return nil
	}
	j := k + 1
	for a := 0; a < 2 && j < len(s.toks) && isWordLower(s.toks[j]) && !d.x.lex.IsTitle(s.toks[j].low); a++ {
		j++
	}
	country := ""
	if e := d.demonymAt(s, j); e > j {
		country, _ = d.x.lex.Demonym(joinToks(s.toks[j:e]))
		j = e
	}
	title, end := "", -1
	for w := 1; w <= d.x.lex.MaxTitleWords() && j+w <= len(s.toks); w++ {
		if t := lowJoin(s.toks[j : j+w]); d.x.lex.IsTitle(t) {
			title, end = t, j+w
		}
	}
	if end < 0 || end < len(s.toks) && d.personAt(s, end).kind == refName {
		return nil // "the prime minister A" is read as a name above
	}
	return d.resolveRole(country, title)
}

// subjectAfterComma is the named person opening the main clause after a
// fronted phrase that runs past token k: "Standing next to B, A said".
func (d *doc) subjectAfterComma(s *sent, k int) *entity {
	for c := k; c < len(s.toks) && c <= k+12; c++ {
		if s.toks[c].low != "," {
			continue
		}
		for j := c + 1; j < len(s.toks) && j <= c+4; j++ {
			if r := d.personAt(s, j); r.kind == refName {
				return r.ent
			} else if r.kind != refNone {
				return nil
			}
		}
		return nil
	}
	return nil
}

// namedBefore is the person named last before token i in its clause, if
// named (not a pronoun).
func (d *doc) namedBefore(s *sent, i int) *entity {
	a, _ := clause(s, i)
	for k := i - 1; k >= a && k >= i-8; k-- {
		if r := d.personAt(s, k); r.kind != refNone && r.end <= i {
			if r.kind != refName {
				return nil
			}
			return r.ent
		}
	}
	return nil
}

// hasPlanCue reports a cue of plans before token i in its clause: "will
// stand next to".
func hasPlanCue(s *sent, i int) bool {
	a, _ := clause(s, i)
	for k := a; k < i; k++ {
		if planCue(s, k) && s.toks[k].low != "ahead" {
			return true
		}
	}
	return false
}

// possessedMeetingNouns name a meeting that "their" points to.
var possessedMeetingNouns = set("meeting talks bilateral summit sit-down discussions")

// theirMeeting reads a meeting named in a fronted phrase while one of its
// people speaks to the other: "Before their talks at P, A assured B
// that ...", "After their meeting, A thanked B". The meeting is held
// unless its own date is after the article's.
func (d *doc) theirMeeting(s *sent) bool {
	n := len(s.toks)
	if n < 8 || !frontPreps[s.toks[0].low] {
		return false
	}
	k := 1
	if s.toks[k].low == "of" {
		k++ // "ahead of"
	}
	if s.toks[k].low != "their" {
		return false
	}
	noun := -1
	for j := k + 1; j < n && j <= k+4; j++ {
		if possessedMeetingNouns[s.toks[j].low] {
			noun = j
			break
		}
		if !isWordLower(s.toks[j]) {
			return false
		}
	}
	if noun < 0 {
		return false
	}
	comma := -1
	for j := noun + 1; j < n && j <= noun+10; j++ {
		if s.toks[j].low == "," {
			comma = j
			break
		}
	}
	if comma < 0 || comma+2 >= n {
		return false
	}
	var r ref
	for j := comma + 1; j < n && j <= comma+5 && r.kind == refNone; j++ {
		r = d.personAt(s, j) // after a title: "Danish Prime Minister A"
		if r.kind == refName {
			// "After their talks ended, A and B signed ...": the people of
			// the main clause's subject.
			if list, end := d.personListEnd(s, j); len(list) >= 2 && end > 0 && end < n && !reportVerbs[s.toks[end].low] {
				d.heldUnlessAhead(s, noun, list)
				return true
			}
		}
	}
	if r.kind != refName || r.ent == nil || r.end >= n || !addressVerbs[s.toks[r.end].low] {
		return false
	}
	objs := d.personList(s, r.end+1)
	if len(objs) == 0 || objs[0] == r.ent {
		return false
	}
	d.heldUnlessAhead(s, noun, []*entity{r.ent, objs[0]})
	return true
}

// heldUnlessAhead records the meeting of parts told by the noun at token
// noun of s as held, or as planned when its date is after the article's.
func (d *doc) heldUnlessAhead(s *sent, noun int, parts []*entity) {
	d.addMeeting(s, noun, parts)
	o := d.meetings[len(d.meetings)-1]
	o.status = graph.Held
	if !o.date.IsZero() && d.ref.Precision() == 3 && d.ref.Before(o.date) {
		o.status = graph.Planned
	}
}

// sharedSurname reports whether a person of the article other than e
// bears the name w as the last word of a full name: a surname alone is
// then no proof of who stood there.
func (d *doc) sharedSurname(w string, e *entity) bool {
	for _, o := range d.ents {
		if o == e || o.typ != graph.Person {
			continue
		}
		for f := range o.forms {
			if i := strings.LastIndexByte(f, ' '); i > 0 && f[i+1:] == w {
				return true
			}
		}
	}
	return false
}

// conferenceWords name a joint appearance before the press: "a joint
// press conference", "a joint news conference".
var conferenceWords = set("press news")

// jointConference reads "A and B held a joint press conference" and "A
// gave a joint news conference with B": the two side by side before the
// press, a held meeting. It reports whether it added one.
func (d *doc) jointConference(s *sent) bool {
	n := len(s.toks)
	for k := 1; k+2 < n; k++ {
		if s.toks[k].low != "joint" || !conferenceWords[s.toks[k+1].low] || s.toks[k+2].low != "conference" {
			continue
		}
		c := k + 2
		if d.negated(s, c) || hasPlanCue(s, c) {
			return false
		}
		if objs, ok := d.withObjects(s, c); ok {
			subj := d.subjectBefore(s, k, nil)
			if subj == nil || contains(objs, subj) {
				return false
			}
			d.addMeeting(s, c, append([]*entity{subj}, objs...))
			return true
		}
		for v := k - 1; v >= 0 && v >= k-3; v-- {
			switch s.toks[v].low {
			case "held", "gave", "hosted", "addressed", "gives", "give", "hold":
				if ps := d.intransitive(s, v); len(ps) > 0 && len(ps[0]) >= 2 {
					d.addMeeting(s, c, ps[0])
					return true
				}
				return false
			}
		}
		return false
	}
	return false
}
