package extract

import (
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
)

func sharesPerson(a, b []*entity) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

func sameSet(a, b []*entity) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}

// coSubjects is the subject subj of trigger i with the people it is
// listed with: "A and B met with C" has A and B for subjects. The list
// opens the sentence or a clause, ends with subj, and only auxiliaries and
// adverbs stand between it and the trigger.
func (d *doc) coSubjects(s *sent, i int, subj *entity, objs []*entity) []*entity {
	one := []*entity{subj}
	end := -1
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if r := d.personAt(s, k); r.kind == refName && r.ent == subj && r.end <= i {
			end = r.end
			break
		}
	}
	// "criticised A and B for posing with C": the people before the
	// gerund are its subjects.
	forGerund := end >= 0 && end+1 == i && s.toks[end].low == "for" && strings.HasSuffix(s.toks[i].low, "ing")
	if end < 0 || !d.onlyAux(s, end, i) && !forGerund {
		return one
	}
	for st := max(0, end-16); st < end; st++ {
		if st > 0 && s.toks[st-1].kind == text.Word && !listOpeners[s.toks[st-1].low] && !forGerund {
			continue
		}
		list, e := d.personListEnd(s, st)
		if e != end || len(list) < 2 || list[len(list)-1] != subj {
			continue
		}
		for _, p := range list {
			if contains(objs, p) {
				return one
			}
		}
		return list
	}
	return one
}

// listOpeners may stand right before a list of subjects.
var listOpeners = set("that when as while after before and but with")

// betweenAt reads "meeting [in November] between A and B", "a summit of A
// and B" at i.
func (d *doc) betweenAt(s *sent, i int) []*entity {
	for j := i + 1; j < len(s.toks) && j <= i+4; j++ {
		w := s.toks[j].low
		if w != "between" && !(w == "of" && j == i+1) {
			continue
		}
		if ps, end := d.pluralAt(s, j+1); end > 0 && w == "between" {
			if p := d.definitePair(s, i); p != nil {
				return p
			}
			return ps
		}
		if w == "between" && j+1 < len(s.toks) && s.toks[j+1].low == "them" {
			// "the first summit between them": the pair just reported.
			return d.recentPair(s)
		}
		objs := d.personList(s, j+1)
		if len(objs) >= 2 {
			return objs
		}
		return nil
	}
	return nil
}

// definitePair is, for "the meeting between the two men" at i, the two
// people of the last meeting of two the article reported before s, however
// far back: the definite noun refers to a meeting already told, not to the
// last two people named.
func (d *doc) definitePair(s *sent, i int) []*entity {
	if !definiteBefore(s, i) {
		return nil
	}
	for k := len(d.meetings) - 1; k >= 0; k-- {
		if m := d.meetings[k]; m.s.i < s.i && len(m.parts) == 2 && m.status == graph.Held {
			return m.parts
		}
	}
	return nil
}

// withObjects reads "[talks] ... with A, B and C" after trigger i; the
// gap may hold a place ("a summit in Beijing with A").
func (d *doc) withObjects(s *sent, i int) ([]*entity, bool) {
	gap, maxGap := 0, 5
	if talkVerbs[s.toks[i].low] || poseVerbs[s.toks[i].low] {
		maxGap = 14 // "posed for pictures late on Friday outside the town hall with B"
	}
	for j := i + 1; j < len(s.toks) && gap < maxGap; j++ {
		w := s.toks[j].low
		if w == "with" {
			objs := d.personList(s, j+1)
			if len(objs) == 0 {
				objs = d.includedPeople(s, j+1)
			}
			return objs, len(objs) > 0
		}
		if w == "in" || w == "at" {
			if m := mentionAt(s, j+1); m != nil && m.typ == graph.Place {
				j = m.b - 1
				gap++
				continue
			}
		}
		if !triggerGap[w] && !timeWords[w] && !(maxGap > 5 && topicWord(s, j)) {
			return nil, false
		}
		gap++
	}
	return nil, false
}

// poseVerbs take a picture's purpose before their "with": "posed for a
// photo with B".
var poseVerbs = set("posed posing poses")

// photoNouns are what people pose for together.
var photoNouns = set("photo photos picture pictures photograph photographs")

// poseAsMeeting reports whether the pose verb i is a meeting trigger:
// directly followed by "with" ("posed with B") or by "for" and a photo
// noun ("posed for a photo with B", "posing for pictures"); "posed a
// serious problem for relations with B" is not one.
func poseAsMeeting(s *sent, i int) bool {
	j := i + 1
	if j < len(s.toks) && s.toks[j].low == "with" {
		return true
	}
	if j >= len(s.toks) || s.toks[j].low != "for" {
		return false
	}
	j++
	if j < len(s.toks) && (s.toks[j].low == "a" || s.toks[j].low == "the") {
		j++
	}
	return j < len(s.toks) && photoNouns[s.toks[j].low]
}

// talkVerbs take a topic between them and their "with": "set to talk
// climate change, trade and fisheries with B", "talked trade with B".
var talkVerbs = set("talk talks talked talking")

// topicWord reports whether token j may be part of a topic between a talk
// verb and its "with": a lowercase word, a comma or "and", that is not a
// clause break, one of notTopicWords, or a phone or video word.
func topicWord(s *sent, j int) bool {
	t := s.toks[j]
	if t.low == "," || t.low == "and" {
		return true
	}
	return isWordLower(t) && !clauseBreaks[t.low] && !notTopicWords[t.low] && !phoneWords[t.low] && !negations[t.low]
}

// notTopicWords end a topic before "with": an infinitive, a means ("by
// phone", "over video"), or a noun phrase of its own that the "with"
// belongs to ("about his rivalry with B", "of their feud with B").
var notTopicWords = set("to by over via about of his her their its")

var timeWords = set("monday tuesday wednesday thursday friday saturday sunday yesterday today last week on " +
	"january february march april may june july august september october november december")

// directObjects reads "met [on Monday] A and B" after a transitive verb.
func (d *doc) directObjects(s *sent, i int) []*entity {
	j := i + 1
	for j < len(s.toks) && (timeWords[s.toks[j].low] || s.toks[j].low == "with") {
		j++
	}
	// "received in audience B", "received in a private audience B".
	if j+1 < len(s.toks) && s.toks[j].low == "in" {
		for k := j + 1; k < len(s.toks) && k <= j+3; k++ {
			if w := s.toks[k].low; w == "audience" {
				j = k + 1
				break
			} else if w != "a" && w != "an" && w != "private" && w != "special" && w != "formal" {
				break
			}
		}
	}
	if possessedObject(s, i, j) {
		return nil
	}
	j = spouseNamed(s, j)
	if s.toks[i].low == "visited" {
		return d.personList(s, j) // a person visited is met
	}
	if objs := d.personList(s, j); len(objs) > 0 {
		return objs
	}
	return d.includedPeople(s, j)
}

// possessedObject reports whether the object at j of the verb at i is a
// thing of a person's, not the person: "visited A's ranch", "welcomed A's
// decision", "welcoming A's remarks". Only visiting, hosting and greeting
// verbs: "A met B's wife C" meets C.
func possessedObject(s *sent, i, j int) bool {
	w := s.toks[i].low
	return (w == "visited" || hostVerbs[w] || greetForms[w]) && possessiveAhead(s, j)
}

// spouseNamed skips "B's wife[,]" at j to the spouse's name: "met B's
// wife C" meets C. Any other j is returned as is.
func spouseNamed(s *sent, j int) int {
	for k := j; k+2 < len(s.toks) && k <= j+5; k++ {
		switch w := s.toks[k]; {
		case w.low == "'s" || w.low == "'":
			if !spouseNouns[s.toks[k+1].low] {
				return j
			}
			if k += 2; s.toks[k].low == "," && k+1 < len(s.toks) {
				k++
			}
			return k
		case w.low == "," || w.low == "and" || w.kind != text.Word || isWordLower(w) && w.low != "the":
			return j
		}
	}
	return j
}

// possessiveAhead reports an "'s" in the name or role that starts at j:
// "visited Mr A's ranch", "the king's residence".
func possessiveAhead(s *sent, j int) bool {
	for k := j; k < len(s.toks) && k <= j+5; k++ {
		switch w := s.toks[k]; {
		case w.low == "'s" || w.low == "'":
			return true
		case w.low == "," || w.low == "and" || w.kind != text.Word || isWordLower(w) && w.low != "the":
			return false
		}
	}
	return false
}

// includedPeople reads the people a group object names after it: "meet
// bankers later in the day, including A, B and C", "met ministers
// such as A". The group, from j, names no one itself and holds no
// infinitive or relative clause ("met to discuss issues including ..."
// has no object); the people follow "including" or "such as" at once.
func (d *doc) includedPeople(s *sent, j int) []*entity {
	for k := j; k < len(s.toks) && k <= j+12; k++ {
		w := s.toks[k].low
		switch {
		case w == "including":
			return d.personList(s, k+1)
		case w == "such" && k+1 < len(s.toks) && s.toks[k+1].low == "as":
			return d.personList(s, k+2)
		case k == j && w == "to", w == "." || w == ";" || w == ":" || w == "who" || w == "which" || w == "that" || clauseBreaks[w],
			d.personAt(s, k).kind != refNone:
			return nil
		}
	}
	return nil
}

// relativeObject reads the object a relative pronoun stands for: "A,
// whom B met on Monday," has A for the object of met.
func (d *doc) relativeObject(s *sent, i int) []*entity {
	for k := i - 1; k >= 1 && k >= i-8; k-- {
		if s.toks[k].low != "whom" {
			continue
		}
		j := k - 1
		if s.toks[j].low == "," && j > 0 {
			j--
		}
		if m := mentionEndingAt(s, j+1); m != nil && m.typ == graph.Person && m.ent != nil {
			return []*entity{m.ent}
		}
		return nil
	}
	return nil
}

// agents reads the "by A" of a passive participle: "was received [in
// Accra] by A".
func (d *doc) agents(s *sent, i int) []*entity {
	for j := i + 1; j < len(s.toks) && j <= i+6; j++ {
		switch w := s.toks[j].low; {
		case w == "by":
			return d.personList(s, j+1)
		case w == "," || w == ";" || w == "." || w == "to":
			return nil
		}
	}
	return nil
}

// fillers may stand between the people of a list: titles, adjectives,
// organizations and countries before a title, photo positions.
var fillers = set("the a an his their its top senior chief then former new visiting counterpart counterparts " +
	"'s , and & - ( ) left right center centre l r c")

// personList reads people from j: "Foreign Minister A, B, and the Acme CEO C".
func (d *doc) personList(s *sent, j int) []*entity {
	var out []*entity
	seen := map[*entity]bool{}
	n := len(s.toks)
	// A descriptor ("pop star A") opens an item: it follows the list's
	// start, a separator, a determiner or a demonym, never a title ("the
	// Russian leader serves A" is a verb).
	descAt := j
	for j < n {
		t := s.toks[j]
		var r ref
		if t.low == "the" {
			if e, end := d.soleTitleHolder(s, j); e != nil {
				r = ref{ent: e, end: end, kind: refRole} // "received the pope"
			} else if pair, end := d.coupleAt(s, j); pair != nil {
				// "greeted the royal couple": the first spouse here, the
				// second as the reference read, then the list goes on
				if !seen[pair[0]] {
					seen[pair[0]] = true
					out = append(out, pair[0])
				}
				r = ref{ent: pair[1], end: end, kind: refRole}
			}
		}
		if r.kind == refNone && ((fillers[t.low] && t.low != "," && t.low != "and" && !(t.isCap() && d.titleEndingAt(s, j) > j+1)) || t.low == "her" && j+1 < n && d.personAt(s, j+1).kind == refNone && s.toks[j+1].kind == text.Word) {
			// "his Chinese counterpart", "her deputy": a determiner here;
			// "Chief" opening "Chief Executive" is the title's.
			j++
			descAt = j
			continue
		}
		if r.kind == refNone {
			r = d.personAt(s, j)
		}
		if r.kind != refNone {
			if len(out) > 0 && r.end < n && reportVerbs[s.toks[r.end].low] {
				break // "... and B, A added": the reporter, not one more person met
			}
			if r.ent != nil && !seen[r.ent] {
				seen[r.ent] = true
				out = append(out, r.ent)
			}
			j = r.end
			// Continue only over a list separator, or a photo position.
			k := j
			for k < n && (s.toks[k].low == "," || s.toks[k].low == "and" || s.toks[k].low == "(" ||
				s.toks[k].low == ")" || k > j && k+1 < n && s.toks[k-1].low == "(" && s.toks[k+1].low == ")" ||
				k > j && k+1 < n && s.toks[k].kind == text.Number && s.toks[k-1].low == "," && s.toks[k+1].low == ",") {
				// an age between commas: "A, 75, and B"
				k++
			}
			if k == j {
				// An apposition may follow: "A, the top diplomat,".
				break
			}
			j, descAt = k, k
			continue
		}
		if e := d.titleEndingAt(s, j); e > 0 {
			j = e
			if e2 := d.roleApposition(s, e); e2 > 0 {
				j = e2
			}
			continue
		}
		if e := d.descriptorBefore(s, j); e > 0 && j == descAt {
			j = e
			continue
		}
		if e := d.lowTitleAt(s, j); e > 0 {
			j = e
			continue
		}
		if isWordLower(t) && isPossessive(s.toks, j+1) && j+2 < n && (d.lowTitleAt(s, j+2) > 0 || d.x.lex.IsTitle(s.toks[j+2].low)) {
			j += 2 // "the state's economy minister, B": the owner of a title
			continue
		}
		if d.x.lex.IsTitle(t.low) {
			if e := d.roleApposition(s, j+1); e > 0 {
				j = e // "the president of the federation, A"
				continue
			}
		}
		if fillers[t.low] || d.x.lex.IsTitle(t.low) || titleModifiers[t.low] || spouseNouns[t.low] ||
			electTitle(d, t.low) {
			j++
			continue
		}
		if m := mentionAt(s, j); m != nil && (m.typ == graph.Organization || m.typ == graph.Place) && m.b < n {
			// "Acme CEO A", "Spain's A": skip when a title or 's follows,
			// after the acronym in brackets that may come first ("Acme
			// (AC) CEO A").
			b := m.b
			if b+2 < n && s.toks[b].low == "(" && s.toks[b+2].low == ")" {
				b += 3
			}
			if b < n {
				nx := s.toks[b].low
				if d.x.lex.IsTitle(nx) || nx == "'s" || d.titleEndingAt(s, b) > 0 || d.lowTitleAt(s, b) > 0 || d.personAt(s, b).kind == refName {
					j = b
					continue
				}
				if d.descriptorBefore(s, b) > 0 {
					j, descAt = b, b // "Lakeside Studios actor A", "Acme engineer A"
					continue
				}
			}
		}
		if e := d.demonymAt(s, j); e > 0 {
			j, descAt = e, e
			continue
		}
		break
	}
	return out
}

// soleTitleHolder reads a role opening with "the" at j ("the pope", "the
// patriarch", "the Cuban president") and returns the one person of the
// article who holds that very title (in that country, when the role names
// one), with the token after the role; nil when no one or more than one
// does. People met are read from a role only this strictly: a class of
// roles ("the leader" for a president or a prime minister) may stand for
// someone the article does not name.
func (d *doc) soleTitleHolder(s *sent, j int) (*entity, int) {
	country, title, end := d.roleAt(s, j)
	if end <= j {
		return nil, -1
	}
	var found *entity
	for _, e := range d.ents {
		if e.typ != graph.Person || len(e.ments) == 0 {
			continue
		}
		holds := false
		for _, r := range e.roles {
			if (r.title == title || titleHead(r.title, title)) && (country == "" || r.country == country) {
				holds = true
			}
		}
		if !holds {
			continue
		}
		if found != nil && found != e {
			return nil, -1
		}
		found = e
	}
	return found, end
}

// roleApposition reads, after a title ending at e, the "of PLACE," of a
// role set before the name it stands for: "received the President of
// Chile, A, who" has A for its object, as has "the president of the
// national federation, A". It returns where the name starts,
// or -1.
func (d *doc) roleApposition(s *sent, e int) int {
	n := len(s.toks)
	if e+3 >= n || s.toks[e].low != "of" {
		return -1
	}
	m := mentionAt(s, e+1)
	if m == nil && s.toks[e+1].low == "the" {
		m = mentionAt(s, e+2) // "the President of the Republic of Chile, A"
	}
	if m == nil || (m.typ != graph.Place && m.typ != graph.Organization) || m.b+1 >= n || s.toks[m.b].low != "," {
		return -1
	}
	if r := d.personAt(s, m.b+1); r.kind != refName || r.ent == nil {
		return -1
	}
	return m.b + 1
}

// descriptorBefore returns the name's start after one to three lowercase
// words that describe the person named right after them ("pop star A",
// "rocker A", "number three official A"), or -1.
func (d *doc) descriptorBefore(s *sent, j int) int {
	for k := j; k < len(s.toks) && k < j+3; k++ {
		t := s.toks[k]
		if t.kind != text.Word || t.isCap() || fillers[t.low] || timeWords[t.low] || clauseBreaks[t.low] || notDescriptors[t.low] ||
			d.x.lex.IsTitle(t.low) {
			return -1
		}
		if d.personAt(s, k+1).kind == refName {
			return k + 1
		}
	}
	return -1
}

// notDescriptors are the lowercase words before a name that do not
// describe the person: prepositions and conjunctions ("a lunch for A").
var notDescriptors = set("for with to of in at on by from or as than that who whom which into over under about " +
	"during after before since until amid among following despite without within against")

// electTitle reports a title to be taken up: "president-elect",
// "prime-minister-elect" are one token.
func electTitle(d *doc, w string) bool {
	t, ok := strings.CutSuffix(w, "-elect")
	return ok && d.x.lex.IsTitle(strings.ReplaceAll(t, "-", " "))
}

// lowTitleAt returns the index after a title phrase of two or more words
// in any case starting at i ("opposition leader", "managing director"), or -1.
func (d *doc) lowTitleAt(s *sent, i int) int {
	best := -1
	for w := 2; w <= d.x.lex.MaxTitleWords() && i+w <= len(s.toks); w++ {
		if d.x.lex.IsTitle(lowJoin(s.toks[i : i+w])) {
			best = i + w
		}
	}
	return best
}

func mentionAt(s *sent, i int) *mention {
	for _, m := range s.ments {
		if m.a == i {
			return m
		}
	}
	return nil
}

// subjectOf is the person who met objs at trigger i: the one named before
// the trigger, or, when the trigger sits in a phrase that opens the
// sentence ("After talks with A in Kyiv, B announced"), the subject of the
// main clause after the comma.
func (d *doc) subjectOf(s *sent, i int, used map[*entity]bool, objs []*entity) *entity {
	if i >= 2 && (s.toks[i-1].low == "his" || s.toks[i-1].low == "her") && reportVerbs[s.toks[i-2].low] {
		// "C confirmed his meeting with B": the meeting is the
		// possessor's; whoever tells of it is not one of its people.
		var teller *entity
		if m := mentionEndingAt(s, i-2); m != nil {
			teller = m.ent
		}
		if r := d.personAt(s, i-1); r.kind == refPronoun && r.ent != nil && r.ent != teller && !contains(objs, r.ent) {
			return r.ent
		}
		return nil
	}
	if i > 1 && gerundAfter[s.toks[i-1].low] && strings.HasSuffix(s.toks[i].low, "ing") {
		// "A hosted B on Wednesday, two days after meeting C": the one
		// who met C is the subject of the main clause, A.
		for k := 0; k < i-1; k++ {
			if r := d.personAt(s, k); r.kind != refNone {
				if r.ent != nil && !contains(objs, r.ent) {
					return r.ent
				}
				return nil
			}
		}
	}
	if e := d.relativeSubject(s, i); e != nil && !contains(objs, e) {
		return e
	}
	named := false
	for k := 0; k < i; k++ {
		if r := d.personAt(s, k); r.kind == refName || r.kind == refRole {
			named = true
			break
		}
	}
	// "After talks with A, B said"; "Speaking after his meeting with A,
	// B said": the phrase's meeting is the main clause subject's. A name
	// ending in "ing" is no participle ("Nanjing on Monday").
	if !named && i < 6 && (frontPreps[s.toks[0].low] || len(s.toks) > 1 && strings.HasSuffix(s.toks[0].low, "ing") && mentionAt(s, 0) == nil && frontPreps[s.toks[1].low]) {
		comma := -1
		for k := i + 1; k < len(s.toks); k++ {
			if s.toks[k].low == "," {
				// The phrase ends at the first comma not inside the object list.
				if k+1 < len(s.toks) && d.personAt(s, k+1).kind == refName && inList(d, s, k+1, objs) {
					continue
				}
				comma = k
				break
			}
		}
		if comma > 0 {
			for k := comma + 1; k < len(s.toks) && k <= comma+8; k++ {
				if r := d.personAt(s, k); r.kind == refName && r.ent != nil && !contains(objs, r.ent) {
					return r.ent
				}
			}
		}
	}
	return d.subjectBefore(s, i, used)
}

// relativeSubject is the person a "who" before trigger i stands for: in
// "A received B, who later met C" B met C, even though B is the object
// of the first verb. Only auxiliaries and adverbs may stand between "who"
// and the trigger.
func (d *doc) relativeSubject(s *sent, i int) *entity {
	for k := i - 1; k >= 2 && k >= i-4; k-- {
		if s.toks[k].low != "who" {
			continue
		}
		if s.toks[k-1].low != "," || !d.onlyAux(s, k+1, i) {
			return nil
		}
		if m := mentionEndingAt(s, k-1); m != nil && m.typ == graph.Person && m.ent != nil {
			return m.ent
		}
		return nil
	}
	return nil
}

// gerundAfter open a clause whose gerund takes the main clause's subject.
var gerundAfter = set("after before since while upon when")

func inList(d *doc, s *sent, k int, objs []*entity) bool {
	return contains(objs, d.personAt(s, k).ent)
}

func contains(es []*entity, e *entity) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// subjectBefore is the person nearest before trigger i that is not an
// object of an earlier trigger in the sentence.
func (d *doc) subjectBefore(s *sent, i int, used map[*entity]bool) *entity {
	q := inQuotes(s)
	// Inside a clause of its own ("... since A returned from talks with
	// B"), a person is the subject even when an earlier clause's trigger
	// had them for its object.
	own, _ := clause(s, i)
	for k := i - 1; k >= 0; k-- {
		if q[k] {
			continue
		}
		r := d.personAt(s, k)
		if r.kind == refNone || r.end > i+1 {
			continue
		}
		if r.ent == nil {
			if r.kind == refRole {
				return nil // someone the article does not name
			}
			continue
		}
		if used[r.ent] && (own == 0 || k <= own) {
			continue
		}
		return r.ent
	}
	return nil
}

// recentPair is the two participants of the last meeting reported in s or
// the five sentences before, when no other person is named since.
func (d *doc) recentPair(s *sent) []*entity {
	for k := len(d.meetings) - 1; k >= 0; k-- {
		m := d.meetings[k]
		if m.s.i > s.i || len(m.parts) != 2 {
			continue
		}
		if s.i-m.s.i > 20 {
			return nil
		}
		// "They" may be others once two other people have come up; one
		// (a spokesman quoted in between) does not make a pair.
		var others []*entity
		for si := m.s.i + 1; si <= s.i; si++ {
			for _, x := range d.sents[si].ments {
				if x.typ == graph.Person && x.ent != nil && !contains(m.parts, x.ent) && !contains(others, x.ent) {
					others = append(others, x.ent)
				}
			}
		}
		if len(others) >= 2 {
			return nil
		}
		return m.parts
	}
	return nil
}

// personListEnd is personList with the token after the last person.
func (d *doc) personListEnd(s *sent, k int) ([]*entity, int) {
	list := d.personList(s, k)
	if len(list) == 0 {
		return nil, -1
	}
	end := -1
	for j := k; j < len(s.toks); j++ {
		if r := d.personAt(s, j); r.kind != refNone && contains(list, r.ent) {
			end = r.end
			j = r.end - 1
			if r.ent == list[len(list)-1] {
				break
			}
		}
	}
	return list, end
}

// onlyAux reports whether tokens [a,b) are lowercase auxiliaries, adverbs
// and time words, nothing that starts another clause.
func (d *doc) onlyAux(s *sent, a, b int) bool {
	for k := a; k < b; k++ {
		t := s.toks[k]
		if t.kind != text.Word || (t.isCap() && !timeWords[t.low]) || clauseBreaks[t.low] {
			return false
		}
	}
	return true
}

// passiveAt reports whether the participle at i is passive: "was
// received", "were formally greeted".
func passiveAt(s *sent, i int) bool {
	if i > 1 && strings.HasSuffix(s.toks[i-1].low, "ly") {
		i--
	}
	return i > 0 && passiveAux[s.toks[i-1].low]
}

// mealNouns are the occasions a host gives for a guest.
var mealNouns = set("lunch luncheon dinner banquet breakfast reception")

// mealHostedBy reads "a [state] banquet hosted by A for B" at the
// participle i: the hosts meet the guests. A meal "hosted by A" with no
// guest named after "for" ("in honour of") is left to other readings.
func (d *doc) mealHostedBy(s *sent, i int, used map[*entity]bool) [][]*entity {
	if !mealHost(s, i) || i+2 >= len(s.toks) {
		return nil
	}
	hosts, end := d.namedListAt(s, i+2)
	if len(hosts) == 0 || end+1 >= len(s.toks) {
		return nil
	}
	j := end
	switch {
	case s.toks[j].low == "for":
		j++
	case j+2 < len(s.toks) && s.toks[j].low == "in" && (s.toks[j+1].low == "honour" || s.toks[j+1].low == "honor") && s.toks[j+2].low == "of":
		j += 3
	default:
		return nil
	}
	guests, _ := d.namedListAt(s, j)
	if len(guests) == 0 {
		return nil
	}
	parts := append([]*entity{}, hosts...)
	for _, g := range guests {
		if !contains(parts, g) {
			parts = append(parts, g)
		}
	}
	if len(parts) < 2 {
		return nil
	}
	for _, p := range parts {
		used[p] = true
	}
	return [][]*entity{parts}
}

// mealHostedFor reads "A hosted a [working] lunch for B" at the verb i,
// with the others the sentence says attended it: "... and it was also
// attended by C". The host, the guest and those who attended met at the
// meal.
func (d *doc) mealHostedFor(s *sent, i int, used map[*entity]bool) [][]*entity {
	m := mealFor(s, i)
	if m < 0 {
		return nil
	}
	var guests []*entity
	if r := d.personAt(s, m+2); r.ent != nil {
		guests = []*entity{r.ent} // "for the president": a role of one named before
	} else if guests = d.personList(s, m+2); len(guests) == 0 {
		return nil
	}
	host := d.subjectOf(s, i, used, guests)
	if host == nil || contains(guests, host) {
		return nil
	}
	parts := append([]*entity{host}, guests...)
	for k := m + 2; k+2 < len(s.toks); k++ {
		if w := s.toks[k].low; (w == "attended" || w == "joined") && s.toks[k+1].low == "by" {
			for _, p := range d.personList(s, k+2) {
				if !contains(parts, p) {
					parts = append(parts, p)
				}
			}
			break
		}
		if s.toks[k].low == ";" {
			break
		}
	}
	for _, p := range parts {
		used[p] = true
	}
	return [][]*entity{parts}
}

// mealFor is the meal noun of "hosted a [working] lunch for" at the verb
// i, or -1.
func mealFor(s *sent, i int) int {
	switch s.toks[i].low {
	case "hosted", "hosts", "hosting":
	default:
		return -1
	}
	for k := i + 1; k < len(s.toks) && k <= i+4; k++ {
		if mealNouns[s.toks[k].low] {
			if k+2 < len(s.toks) && s.toks[k+1].low == "for" {
				return k
			}
			return -1
		}
	}
	return -1
}

// namedListAt reads the people named from token k on, after up to three
// words of title ("President", "King", "visiting"), and the token after
// the last of them.
func (d *doc) namedListAt(s *sent, k int) ([]*entity, int) {
	for j := k; j < len(s.toks) && j <= k+3; j++ {
		if d.personAt(s, j).kind == refName {
			return d.personListEnd(s, j)
		}
	}
	return nil, -1
}

// mealHost reports "a [state] banquet hosted by" at the participle i.
func mealHost(s *sent, i int) bool {
	if s.toks[i].low != "hosted" || i+1 >= len(s.toks) || s.toks[i+1].low != "by" {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if mealNouns[s.toks[k].low] {
			return true
		}
	}
	return false
}

// greetForms are the forms of welcoming and greeting hostVerbs leave out.
var greetForms = set("welcoming greet greets greeting")

// hostVerbs receive guests: their objects are the people a host had in.
var hostVerbs = set("welcomed welcomes received receives hosted hosts greeted")

// leaderNouns name whoever leads a body, whatever the title: "the head of
// the national bank".
var leaderNouns = set("head chief leader boss")

// roleGuest reads a guest named by role alone at the head of the objects
// of a hosting verb i: "A welcomed the head of the national bank
// and the chair of the exchange, C", told after "A welcomed [title]
// B". A role phrase ("the TITLE of ...") that is an item of its own (no
// name follows it before "and") stands for the one guest the same host
// had in the sentence or two before, when that guest holds such a title
// (any title for a leader noun): the host welcomed both, one meeting of
// three, not two. Otherwise it returns nil: a role the article does not
// make plain is no one.
func (d *doc) roleGuest(s *sent, i int, used map[*entity]bool) [][]*entity {
	n := len(s.toks)
	if !hostVerbs[s.toks[i].low] || i+4 >= n || s.toks[i+1].low != "the" {
		return nil
	}
	k := i + 2
	if k+1 < n && isWordLower(s.toks[k]) && !d.x.lex.IsTitle(s.toks[k].low) && !leaderNouns[s.toks[k].low] {
		k++ // "the new head of"
	}
	role := s.toks[k].low
	if !leaderNouns[role] && !d.x.lex.IsTitle(role) || k+1 >= n || s.toks[k+1].low != "of" {
		return nil
	}
	and := -1
	for j := k + 2; j < n && j <= k+12; j++ {
		w := s.toks[j].low
		if w == "and" {
			and = j
			break
		}
		if w == "," || w == ";" || w == "." || d.personAt(s, j).kind != refNone {
			return nil // the role is a named person's: "the head of X, B,"
		}
	}
	if and < 0 {
		return nil
	}
	named := d.personList(s, and+1)
	if len(named) == 0 {
		return nil
	}
	subj := d.subjectOf(s, i, used, named)
	if subj == nil || contains(named, subj) {
		return nil
	}
	var guest *entity
	for x := len(d.meetings) - 1; x >= 0; x-- {
		m := d.meetings[x]
		if m.s.i >= s.i {
			continue
		}
		if m.s.i < s.i-2 {
			break
		}
		if len(m.parts) == 2 && contains(m.parts, subj) {
			guest = m.parts[0]
			if guest == subj {
				guest = m.parts[1]
			}
			break
		}
	}
	if guest == nil || contains(named, guest) || !holdsRole(guest, role) {
		return nil
	}
	for _, o := range named {
		used[o] = true
	}
	return [][]*entity{append([]*entity{subj, guest}, named...)}
}

// holdsRole reports whether e holds a title with the role word in it, or
// any title for a leader noun ("head").
func holdsRole(e *entity, role string) bool {
	for t := range e.titles {
		if leaderNouns[role] || slices.Contains(strings.Fields(strings.ToLower(t)), role) {
			return true
		}
	}
	return false
}

// coupleNouns refer back to a pair of spouses: "the royal couple", "the
// visiting couple", "the royal guests" (only when a pair was named).
var coupleNouns = set("couple guests visitors")

// coupleAdjectives may stand between "the" and a couple noun: "the royal
// couple", "the visiting guests"; "the other guests" are not the pair.
var coupleAdjectives = set("royal visiting")

// coupleAt reads "the [royal] couple" at j and returns the two people the
// article named as spouses in s or the three sentences before ("A and his
// wife, B"), the last such pair, and the token after the phrase; nil when
// the article names no such pair.
func (d *doc) coupleAt(s *sent, j int) ([]*entity, int) {
	n := len(s.toks)
	k := j + 1
	if s.toks[j].low != "the" {
		return nil, -1
	}
	if k+1 < n && coupleAdjectives[s.toks[k].low] {
		k++ // "the royal couple", "the visiting couple"
	}
	if k >= n || !coupleNouns[s.toks[k].low] {
		return nil, -1
	}
	for si := s.i; si >= 0 && si >= s.i-3; si-- {
		ps := d.sents[si]
		hi := len(ps.toks)
		if si == s.i {
			hi = j
		}
		// The last pair named before hi: its first person's mention
		// the rightmost (mentions are in text order).
		for x := len(ps.ments) - 1; x >= 0; x-- {
			m := ps.ments[x]
			if m.typ != graph.Person || m.a >= hi {
				continue
			}
			if pair := d.spousesAt(ps, m.a, hi); pair != nil {
				return pair, k + 1
			}
		}
	}
	return nil, -1
}

// spousesAt reads "A [of Country] and his wife[,] B" (or "her husband")
// with A's name starting at token a and B's ending by hi.
func (d *doc) spousesAt(s *sent, a, hi int) []*entity {
	r := d.personAtNoPronoun(s, a)
	if r.kind != refName || r.ent == nil {
		return nil
	}
	k := r.end
	if k+1 < hi && s.toks[k].low == "of" {
		// "King A of Country and his wife"
		for _, m := range s.ments {
			if m.a == k+1 && m.typ == graph.Place {
				k = m.b
			}
		}
	}
	if k+3 >= hi || s.toks[k].low != "and" || (s.toks[k+1].low != "his" && s.toks[k+1].low != "her") || !spouseNouns[s.toks[k+2].low] {
		return nil
	}
	k += 3
	if s.toks[k].low == "," {
		k++
	}
	for x := 0; x < 2 && k+1 < hi && d.x.lex.IsTitle(s.toks[k].low); x++ {
		k++ // "his wife, Queen B"
	}
	if b := d.personAtNoPronoun(s, k); b.kind == refName && b.ent != nil && b.ent != r.ent && b.end <= hi {
		return []*entity{r.ent, b.ent}
	}
	return nil
}
