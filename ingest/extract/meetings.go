package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// meetingObs is one report of a meeting in one sentence.
type meetingObs struct {
	s        *sent
	trigger  int
	parts    []*entity
	status   graph.MeetingStatus
	date     graph.Date
	endDate  graph.Date
	dateText string
	dateAt   int           // where dateText starts in the sentence's text
	vague    [2]graph.Date // a range ("last week") to narrow down later
	place    *entity
	city     *entity
	minutes  int
	event    string
}

// Trigger words. withWords take "with" + people; betweenWords take
// "between A and B" (or "of A and B"); transitive verbs take their object
// directly.
var (
	withWords = set("meeting meetings met meet meets talks talk talked talking discussions discussion " +
		"conversations conversation encounter spoke speaks spoken sat sit sits shook shakes shaking " +
		"summit negotiations consultations dialogue visit")
	betweenWords = set("meeting meetings talks discussions summit encounter negotiations consultations")
	transitive   = set("met meets meet meeting hosted hosts host hosting received receives receiving welcomed welcomes greeted")
	intransitive = set("met meet meets talked spoke")
	// nounTriggers name a meeting that "A and B held".
	nounTriggers = set("talks meeting meetings discussions negotiations consultations summit")
	// lightVerbs take a meeting noun as their object: "A and B held talks".
	lightVerbs = set("held hold holds holding had have has having began begin opened open concluded conclude wrapped")
	// passiveAux before a participle makes its agent ("by X") a participant.
	passiveAux = set("was were been being is are be")
	// Words that may stand between a trigger and its "with": adjectives of
	// talks, particles, quote marks.
	triggerGap = set("down hands in person face to privately separately briefly directly also again later virtually " +
		"\" ' , on the sidelines")
	clauseBreaks = set("; before after since while but whereas although though")
	plannedCues  = set("will 'll would could might may due scheduled expected plans plan planned planning " +
		"set upcoming possible potential proposed pave paves paving prospective future intends hopes ahead agreed agree agrees")
	cancelCues   = set("cancelled canceled scrapped derailed scuttled")
	postponeCues = set("postponed delayed")
	// negations before a trigger deny the meeting: "had never met".
	negations = set("never not n't no")
	// pluralMeetings with a list of people are one meeting each: "had
	// conversations with A, B and C".
	pluralMeetings = set("meetings conversations encounters consultations discussions")
	// apart says the objects of one trigger were met one by one.
	apart = set("separately individually respectively")
	// motionVerbs before "to meet" tell of a trip that took place.
	motionVerbs = set("traveled travelled flew went came arrived headed returned journeyed drove sailed")
	// visitVerbs take the city visited for their object: "when A visited P".
	visitVerbs = set("visited visiting")
	// visitNouns before "to P" tell where a visitor was: "on a visit to P".
	visitNouns = set("visit visits trip trips journey tour arrival")
	// arrivalWords before "in P" likewise: "landed in P", "arriving in P".
	arrivalWords = set("arrived arriving arrival landed landing")
	// frontPreps open an adverbial phrase before the main clause: "After
	// talks with A, B said".
	frontPreps = set("after ahead before during following since upon in at on")
)

// maxMeetingWords caps the words read as meeting triggers in one sentence
// (meetingWord). Reading one costs up to the sentence's length, so a
// sentence made of nothing else ("met met met ...", issue 13) cost its
// length squared; news sentences have at most a few.
const maxMeetingWords = 12

// meetingWord reports whether findMeetings reads token i of s as a
// possible meeting trigger: meetingAt finds nothing at any other token.
func meetingWord(s *sent, i int) bool {
	w := s.toks[i].low
	return betweenWords[w] || withWords[w] || transitive[w] || inviteVerbs[w] || nounTriggers[w] ||
		w == "called" && i+1 < len(s.toks) && s.toks[i+1].low == "on"
}

// findMeetings reads every sentence for meetings, then attaches what later
// sentences say of them ("the meeting lasted", "in the capital").
func (d *doc) findMeetings() {
	d.findTrip()
	var orphans []*meetingObs // triggers without named participants
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		if !s.body() {
			continue
		}
		used := map[*entity]bool{}
		found := false
		words := 0
		for i, t := range s.toks {
			if !meetingWord(s, i) {
				continue
			}
			if words++; words > maxMeetingWords {
				break
			}
			parts := d.meetingAt(s, i, used)
			for _, p := range parts {
				if len(p) < 2 || hasNil(p) {
					continue
				}
				if d.negated(s, i) {
					continue
				}
				d.addMeeting(s, i, p)
				found = true
			}
			if len(parts) == 0 && (t.low == "met" || t.low == "meet" || nounTriggers[t.low]) {
				a, b := clause(s, i)
				o := &meetingObs{s: s, trigger: i, status: graph.Held}
				d.fillFromClause(o, s, a, b)
				if !o.date.IsZero() || o.city != nil {
					orphans = append(orphans, o)
				}
			}
		}
		if !found {
			found = d.partiesMeeting(s)
		}
		if !found {
			d.captionMeeting(s)
		}
		d.meetingAnaphora(s, false)
	}
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		if s.body() {
			d.meetingAnaphora(s, true)
		}
	}
	d.inheritFromOrphans(orphans)
	d.followUps()
	d.alsoMet()
}

// alsoMet dates and places a held meeting told with "also" ("A also met
// B", "A also held talks with B") that says neither when nor where: it
// continues the account of the meeting of A told just before, and took
// place on that day, in that city.
func (d *doc) alsoMet() {
	for k, o := range d.meetings {
		if o.status != graph.Held || !o.date.IsZero() || !o.vague[0].IsZero() || o.city != nil || !alsoBefore(o.s, o.trigger) {
			continue
		}
		var prev []*entity // the people of the meeting continued
		for j := k - 1; j >= 0; j-- {
			p := d.meetings[j]
			if p.status != graph.Held || o.s.i-p.s.i > 5 {
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

// meetingAt reads the meetings reported at token i of s: each is the list
// of its participants.
func (d *doc) meetingAt(s *sent, i int, used map[*entity]bool) [][]*entity {
	t := s.toks[i]
	if betweenWords[t.low] {
		if between := d.betweenAt(s, i); between != nil {
			return [][]*entity{between}
		}
	}
	if t.low == "called" && i+1 < len(s.toks) && s.toks[i+1].low == "on" {
		return d.calledOn(s, i, used)
	}
	if inviteVerbs[t.low] {
		return d.invitedTo(s, i, used)
	}
	if !withWords[t.low] && !transitive[t.low] {
		return nil
	}
	objs, ok := d.withObjects(s, i)
	if !ok && transitive[t.low] {
		switch {
		case passiveAt(s, i):
			objs = d.agents(s, i)
		default:
			objs = d.directObjects(s, i)
		}
		if len(objs) == 0 {
			objs = d.relativeObject(s, i)
		}
		ok = len(objs) > 0
	}
	if !ok {
		if participle(s, i) {
			return d.participleMeeting(s, i)
		}
		if intransitive[t.low] {
			return d.intransitive(s, i)
		}
		if nounTriggers[t.low] {
			return d.heldTalks(s, i)
		}
		return nil
	}
	subj := d.subjectOf(s, i, used, objs)
	if inv, ok := d.invitee(s, i); ok {
		// "A invited B to a meeting with C": B meets C, not A.
		subj = inv
	}
	var parts [][]*entity
	var others []*entity
	for _, o := range objs {
		if subj != nil && o != subj {
			others = append(others, o)
		}
		used[o] = true
	}
	if subj == nil || len(others) == 0 || len(others) < len(objs) && passiveAt(s, i) {
		// A subject found among the agents of a passive is one of the
		// hosts, not the guest: "the emperor and empress were greeted by
		// A and B" with the guests unnamed is no meeting of A and B.
		return nil
	}
	a, b := clause(s, i)
	together := !pluralMeetings[t.low]
	for k := a; k < b; k++ {
		if apart[s.toks[k].low] || (s.toks[k].low == "each" && k > i) {
			together = false
		}
	}
	if together {
		return [][]*entity{append(d.coSubjects(s, i, subj, others), others...)}
	}
	for _, o := range others {
		parts = append(parts, []*entity{subj, o})
	}
	return parts
}

// passiveAt reports whether the participle at i is passive: "was
// received", "were formally greeted".
func passiveAt(s *sent, i int) bool {
	if i > 1 && strings.HasSuffix(s.toks[i-1].low, "ly") {
		i--
	}
	return i > 0 && passiveAux[s.toks[i-1].low]
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
	if end < 0 || !d.onlyAux(s, end, i) {
		return one
	}
	for st := max(0, end-16); st < end; st++ {
		if st > 0 && s.toks[st-1].kind == text.Word && !listOpeners[s.toks[st-1].low] {
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
var listOpeners = set("that when as while after before and but")

// calledOn reads the courtesy visit "A called on B [at PLACE]" at i: a
// held meeting, unless an infinitive follows the person ("called on B to
// resign" is a demand, not a visit).
func (d *doc) calledOn(s *sent, i int, used map[*entity]bool) [][]*entity {
	j := i + 2
	if d.personAt(s, j).kind == refNone && d.titleEndingAt(s, j) <= 0 && d.lowTitleAt(s, j) <= 0 &&
		!fillers[s.toks[j].low] && !d.x.lex.IsTitle(s.toks[j].low) {
		return nil
	}
	objs := d.personList(s, j)
	if len(objs) == 0 {
		return nil
	}
	for k := j; k < len(s.toks); k++ {
		if r := d.personAt(s, k); r.kind != refNone && r.ent == objs[len(objs)-1] {
			if r.end < len(s.toks) && s.toks[r.end].low == "to" {
				return nil
			}
			break
		}
	}
	subj := d.subjectBefore(s, i, used)
	if subj == nil || contains(objs, subj) {
		return nil
	}
	for k := i - 1; k >= 0; k-- {
		// A pronoun's antecedent is a guess without gender: a visit is
		// reported only for a named or titled visitor.
		if r := d.personAt(s, k); r.kind != refNone {
			if r.kind == refPronoun {
				return nil
			}
			break
		}
	}
	for _, o := range objs {
		used[o] = true
	}
	return [][]*entity{append([]*entity{subj}, objs...)}
}

// inviteVerbs ask someone to come: "A invited B to visit City in July"
// is a meeting of A and B planned there.
var inviteVerbs = set("invited invites invite inviting")

// invitedTo reads "A invited B to [visit] City" at i: a planned meeting
// of A and B, when the invitation names a place to come to. An
// invitation "to a meeting with C" is read at its own trigger.
func (d *doc) invitedTo(s *sent, i int, used map[*entity]bool) [][]*entity {
	k := i + 1
	for k < len(s.toks) && k <= i+3 && d.personAt(s, k).kind != refName {
		k++ // an honorific or title before the name
	}
	if inQuotes(s)[i] || d.personAt(s, k).kind != refName {
		return nil
	}
	objs, end := d.personListEnd(s, k)
	if len(objs) == 0 || end < 0 || end+1 >= len(s.toks) || s.toks[end].low != "to" {
		return nil
	}
	j := end + 1
	if s.toks[j].low == "visit" {
		j++
	}
	m := mentionAt(s, j)
	if m == nil || m.ent == nil || m.typ != graph.Place {
		return nil
	}
	subj := d.subjectBefore(s, i, used)
	if subj == nil || contains(objs, subj) {
		return nil
	}
	for _, o := range objs {
		used[o] = true
	}
	return [][]*entity{append([]*entity{subj}, objs...)}
}

// invitee reads "invited X to a meeting" before trigger i: ok when an
// invitation opens the phrase, with X the person invited (nil when X is
// not a named person: "invited their leaders").
func (d *doc) invitee(s *sent, i int) (*entity, bool) {
	if i < 3 || s.toks[i-2].low != "to" {
		return nil, false
	}
	for v := i - 3; v >= 0 && v >= i-10; v-- {
		if !inviteVerbs[s.toks[v].low] {
			continue
		}
		for k := v + 1; k < i-2; k++ {
			if r := d.personAt(s, k); r.kind == refName && r.ent != nil {
				return r.ent, true
			}
		}
		return nil, true
	}
	return nil, false
}

func hasNil(es []*entity) bool {
	for _, e := range es {
		if e == nil {
			return true
		}
	}
	return false
}

// negated reports a negation right before trigger i: "had never met",
// "did not meet".
func (d *doc) negated(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if negations[s.toks[k].low] {
			return true
		}
	}
	return false
}

// betweenAt reads "meeting [in November] between A and B", "a summit of A
// and B" at i.
func (d *doc) betweenAt(s *sent, i int) []*entity {
	for j := i + 1; j < len(s.toks) && j <= i+4; j++ {
		w := s.toks[j].low
		if w != "between" && !(w == "of" && j == i+1) {
			continue
		}
		if ps, end := d.pluralAt(s, j+1); end > 0 && w == "between" {
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

// withObjects reads "[talks] ... with A, B and C" after trigger i; the
// gap may hold a place ("a summit in Beijing with A").
func (d *doc) withObjects(s *sent, i int) ([]*entity, bool) {
	gap := 0
	for j := i + 1; j < len(s.toks) && gap < 5; j++ {
		w := s.toks[j].low
		if w == "with" {
			objs := d.personList(s, j+1)
			return objs, len(objs) > 0
		}
		if w == "in" || w == "at" {
			if m := mentionAt(s, j+1); m != nil && m.typ == graph.Place {
				j = m.b - 1
				gap++
				continue
			}
		}
		if !triggerGap[w] && !timeWords[w] {
			return nil, false
		}
		gap++
	}
	return nil, false
}

var timeWords = set("monday tuesday wednesday thursday friday saturday sunday yesterday today last week on " +
	"january february march april may june july august september october november december")

// directObjects reads "met [on Monday] A and B" after a transitive verb.
func (d *doc) directObjects(s *sent, i int) []*entity {
	j := i + 1
	for j < len(s.toks) && (timeWords[s.toks[j].low] || s.toks[j].low == "with") {
		j++
	}
	return d.personList(s, j)
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
		if (fillers[t.low] && t.low != "," && t.low != "and") || t.low == "her" && j+1 < n && d.personAt(s, j+1).kind == refNone && s.toks[j+1].kind == text.Word {
			// "his Chinese counterpart", "her deputy": a determiner here.
			j++
			descAt = j
			continue
		}
		if r := d.personAt(s, j); r.kind != refNone {
			if r.ent != nil && !seen[r.ent] {
				seen[r.ent] = true
				out = append(out, r.ent)
			}
			j = r.end
			// Continue only over a list separator, or a photo position.
			k := j
			for k < n && (s.toks[k].low == "," || s.toks[k].low == "and" || s.toks[k].low == "(" ||
				s.toks[k].low == ")" || k > j && k+1 < n && s.toks[k-1].low == "(" && s.toks[k+1].low == ")") {
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

// descriptorBefore returns the name's start after one or two lowercase
// words that describe the person named right after them ("pop star A",
// "rocker A"), or -1.
func (d *doc) descriptorBefore(s *sent, j int) int {
	for k := j; k < len(s.toks) && k < j+2; k++ {
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
var notDescriptors = set("for with to of in at on by from or as than that who whom which into over under about")

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
	named := false
	for k := 0; k < i; k++ {
		if r := d.personAt(s, k); r.kind == refName || r.kind == refRole {
			named = true
			break
		}
	}
	if !named && i < 6 && frontPreps[s.toks[0].low] {
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

// intransitive reads "A and B met", "the two leaders met", "A and B are
// scheduled to meet".
func (d *doc) intransitive(s *sent, i int) [][]*entity {
	lo, _ := clause(s, i)
	lo = max(lo, i-30)
	for k := max(lo, i-8); k < i; k++ {
		if ps, end := d.pluralAt(s, k); end > 0 && end <= i && i-end <= 2 {
			return [][]*entity{ps}
		}
	}
	// "they met", "they last met": the two people of the meeting just
	// reported.
	for k := max(lo, i-4); k < i; k++ {
		if s.toks[k].low == "they" && d.onlyAux(s, k+1, i) {
			if m := d.recentPair(s); m != nil {
				return [][]*entity{m}
			}
		}
		// "the leaders last met": the two people of the meeting just
		// reported, as for "they".
		if k+2 <= i && s.toks[k].low == "the" && pluralHeads[s.toks[k+1].low] && d.onlyAux(s, k+2, i) {
			if m := d.recentPair(s); m != nil {
				return [][]*entity{m}
			}
		}
		// "the two leaders" farther from their meeting than pluralAt looks.
		if k+3 <= i && s.toks[k].low == "the" && (s.toks[k+1].low == "two" || s.toks[k+1].low == "both") &&
			pluralHeads[s.toks[k+2].low] && d.onlyAux(s, k+3, i) {
			if m := d.recentPair(s); m != nil {
				return [][]*entity{m}
			}
		}
	}
	// "A and B met": a list of at least two people before the verb, with
	// at most a few auxiliaries and adverbs between.
	for k := lo; k < i; k++ {
		if r := d.personAt(s, k); r.kind == refName {
			list, end := d.personListEnd(s, k)
			if len(list) >= 2 && end <= i && i-end <= 4 && d.onlyAux(s, end, i) {
				return [][]*entity{list}
			}
		}
	}
	return nil
}

// participle reports a participle clause opening at trigger i: "A and B
// agreed to ..., meeting in City on Monday".
func participle(s *sent, i int) bool {
	return s.toks[i].low == "meeting" && i > 0 && s.toks[i-1].low == ","
}

// participleMeeting reads the people of a participle "meeting" without an
// object: the two or more people the sentence opens with.
func (d *doc) participleMeeting(s *sent, i int) [][]*entity {
	for k := 0; k < i && k < 12; k++ {
		if r := d.personAt(s, k); r.kind == refName {
			list, end := d.personListEnd(s, k)
			if len(list) >= 2 && end <= i {
				return [][]*entity{list}
			}
			return nil
		}
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

// heldTalks reads "A and B held talks", "the two leaders had a meeting".
func (d *doc) heldTalks(s *sent, i int) [][]*entity {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if lightVerbs[s.toks[k].low] {
			return d.intransitive(s, k)
		}
	}
	return nil
}

// captionMeeting reads a photo caption without a verb: "A and B at the
// Grand Hall in City on June 3, 2024."
func (d *doc) captionMeeting(s *sent) {
	persons := 0
	for _, m := range s.ments {
		if m.typ == graph.Person {
			persons++
		}
	}
	if persons < 2 {
		return
	}
	list, end := d.personListEnd(s, 0)
	if len(list) < 2 || end < 0 || end >= len(s.toks) {
		return
	}
	if w := s.toks[end].low; w != "at" && w != "in" {
		return
	}
	place := false
	for k := end; k < len(s.toks); k++ {
		t := s.toks[k]
		if m := mentionAt(s, k); m != nil && m.typ == graph.Place {
			place = true
			k = m.b - 1
			continue
		}
		if t.kind == text.Word && !t.isCap() && !captionWords[t.low] {
			return // a verb or a noun: not a bare caption
		}
	}
	if place {
		d.addMeeting(s, end, list)
	}
}

var captionWords = set("at in on the of and during")

// clause returns the token range of the clause around token i. "before"
// and "after" open a clause, not a time ("before the end of the year").
func clause(s *sent, i int) (int, int) {
	a, b := 0, len(s.toks)
	for k := i - 1; k >= 0; k-- {
		if clauseBreaks[s.toks[k].low] && !timeFollows(s, k) {
			a = k
			break
		}
	}
	for k := i + 1; k < len(s.toks); k++ {
		if clauseBreaks[s.toks[k].low] && !timeFollows(s, k) {
			b = k
			break
		}
	}
	return a, b
}

// timeFollows reports whether a temporal expression starts right after
// token k ("before the end of the year", "after March 3", "since June").
func timeFollows(s *sent, k int) bool {
	w := s.toks[k].low
	if (w != "before" && w != "after" && w != "since") || k+1 >= len(s.toks) {
		return false
	}
	rest := s.text[s.toks[k+1].span.Start-s.span.Start:]
	e := timex.Find(rest, graph.Date{}, timex.Unknown)
	return len(e) > 0 && e[0].Start == 0
}

// addMeeting records a meeting of parts reported at trigger i of s.
func (d *doc) addMeeting(s *sent, i int, parts []*entity) {
	a, b := clause(s, i)
	if participle(s, i) {
		a = i // the main verb before the comma is not the meeting's
	}
	o := &meetingObs{s: s, trigger: i, parts: parts, status: graph.Held}
	if inviteVerbs[s.toks[i].low] {
		o.status = graph.Planned
	}
	q := inQuotes(s)
	for k := a; k < b; k++ {
		if q[k] {
			continue // "you will make ..." inside a quote says nothing of this meeting
		}
		w := s.toks[k].low
		switch {
		case cancelCues[w] || (w == "called" && k+1 < b && s.toks[k+1].low == "off"):
			o.status = graph.Cancelled
		case postponeCues[w]:
			o.status = graph.Postponed
		case k < i && plannedCues[w] && o.status == graph.Held && !pastReport(s, a, i):
			o.status = graph.Planned
		case k == i-1 && w == "to" && o.status == graph.Held && !d.afterMotion(s, a, k) && !ordinalTo(s, a, k):
			o.status = graph.Planned
		}
	}
	// "A clash on Sunday derailed talks between A and B", "talks were
	// postponed after a storm hit on Sunday": the cause of a disruption,
	// and its date, are not the meeting's.
	for k := i - 1; k > a; k-- {
		if disruptVerbs[s.toks[k].low] && !passiveAux[s.toks[k-1].low] {
			a = k + 1
			break
		}
	}
	for k := i + 1; k < b; k++ {
		if !disruptVerbs[s.toks[k].low] {
			continue
		}
		for j := k + 1; j < b && j <= k+3; j++ {
			if causeLinks[s.toks[j].low] {
				b = j
				break
			}
		}
		break
	}
	d.fillFromClause(o, s, a, b)
	if nounTriggers[s.toks[i].low] && definiteBefore(s, i) {
		o.dropDateBefore(s, i)
	}
	if o.date.IsZero() {
		d.dateFromMainClause(o, s, a)
	}
	d.meetings = append(d.meetings, o)
}

// dateFromMainClause dates a meeting told in a clause that "N days
// after" or "before" opens at token a, from the day of the main clause:
// in "A hosted B on Wednesday, two days after meeting C", A met C two
// days before that Wednesday.
func (d *doc) dateFromMainClause(o *meetingObs, s *sent, a int) {
	if a == 0 || (s.toks[a].low != "after" && s.toks[a].low != "before") {
		return
	}
	end := s.toks[a].span.End - s.span.Start
	exprs := d.findDates(s.text, timex.Past)
	for k, e := range exprs {
		if e.Kind != timex.Anaphoric || e.End != end || e.Offset == 0 {
			continue
		}
		// The day the main clause gives: the last one before the offset.
		for j := k - 1; j >= 0; j-- {
			if x := exprs[j]; x.Value.Precision() == 3 && x.End2.IsZero() {
				o.date, o.dateText, o.dateAt = x.Value.AddDays(-e.Offset), e.Text, e.Start
				return
			}
		}
		return
	}
}

// dropDateBefore forgets the date of o, a meeting referred to at token i
// of s ("the meeting", "their talks"), when it stands before i: in "In a
// post on Saturday, A called the meeting with B productive" the time dates
// the act that refers, not the meeting.
func (o *meetingObs) dropDateBefore(s *sent, i int) {
	if o.dateText != "" && o.dateAt < s.toks[i].span.Start-s.span.Start {
		o.date, o.dateText, o.endDate, o.vague = graph.Date{}, "", graph.Date{}, [2]graph.Date{}
	}
}

// definiteBefore reports whether the meeting noun at i is definite or
// possessed: "the meeting", "the two-hour meeting", "their talks".
func definiteBefore(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch s.toks[k].low {
		case "the", "their", "his", "her", "this", "that":
			return true
		case "a", "an", ",", "held", "had", "hold", "have":
			return false
		}
	}
	return false
}

// pastForms are simple past forms of meeting verbs and of the light verbs
// of meeting nouns, none of which a modal can govern ("will met" is not
// English): a cue of plans before them belongs to another verb ("amid
// speculation that he may unveil X, A met B").
var pastForms = set("met held had talked spoke hosted welcomed received visited began opened concluded wrapped " +
	"greeted sat joined hugged embraced")

// participleAux make the form after them a participle or an infinitive.
var participleAux = set("have has 've to will 'll shall would could might may must should be been being")

// pastReport reports whether the trigger at i, or the light verb right
// before a meeting noun there, is a simple past form, not after a perfect
// auxiliary ("may have met" is a guess).
func pastReport(s *sent, a, i int) bool {
	v := i
	if nounTriggers[s.toks[i].low] {
		for k := i - 1; k >= a && k >= i-3; k-- {
			if lightVerbs[s.toks[k].low] {
				v = k
				break
			}
		}
	}
	if !pastForms[s.toks[v].low] {
		return false
	}
	// "will be greeted", "may have met", "to be hosted": a participle
	// under an auxiliary, not a simple past.
	for k := v - 1; k >= 0 && k >= v-2; k-- {
		if participleAux[s.toks[k].low] {
			return false
		}
	}
	return true
}

// ordinals before an infinitive tell who has done it: "the first foreign
// leader to meet A" reports a meeting, not a plan.
var ordinals = set("first second third last only latest")

// ordinalTo reports "the first [words] to" before the "to" at k.
func ordinalTo(s *sent, a, k int) bool {
	for j := k - 1; j > a && j >= k-5; j-- {
		if ordinals[s.toks[j].low] && (s.toks[j-1].low == "the" || s.toks[j-1].low == "'s") {
			return true
		}
	}
	return false
}

// afterMotion reports a past verb of motion before the "to" at k: "flew
// to Warsaw on Wednesday to meet" tells of a meeting that took place.
func (d *doc) afterMotion(s *sent, a, k int) bool {
	for j := k - 1; j >= a && j >= k-8; j-- {
		w := s.toks[j].low
		if motionVerbs[w] {
			return true
		}
		// "made a surprise visit to P to have talks", "paid a visit".
		if visitNouns[w] {
			for v := j - 1; v >= a && v >= j-3; v-- {
				if w := s.toks[v].low; w == "made" || w == "paid" {
					return true
				}
			}
		}
		if plannedCues[w] {
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

// fillFromClause reads date, venue, city, duration and event in tokens [a,b).
func (d *doc) fillFromClause(o *meetingObs, s *sent, a, b int) {
	lo, hi := s.toks[a].span.Start-s.span.Start, s.toks[b-1].span.End-s.span.Start
	tense := timex.Past
	if o.status == graph.Planned || o.status == graph.Postponed || o.status == graph.Cancelled {
		// a meeting still to come, or one called off before it happened
		tense = timex.Future
	}
	if o.status == graph.Planned && o.trigger > a && s.toks[o.trigger-1].low == "to" {
		// "agreed on Monday to meet in January": a time before the
		// infinitive dates the agreeing, not the meeting.
		lo = max(lo, s.toks[o.trigger-1].span.Start-s.span.Start)
	}
	best, bestDist := -1, 1<<30
	exprs := d.findDates(s.text, tense)
	trig := s.toks[o.trigger].span.Start - s.span.Start
	if c := reportedFrom(s, a, o.trigger); c > lo {
		// "A said Saturday that he had talks with B last night": the
		// report's day dates the saying when the meeting has its own.
		for _, e := range exprs {
			if e.Start >= c && e.End <= hi {
				lo = c
				break
			}
		}
	}
	for k, e := range exprs {
		if e.Start < lo || e.End > hi || releasedOn(s.text, e.Start) {
			continue
		}
		// A date that resolves beats one that does not, wherever it
		// stands: "this Sunday (28 April 2024)" on an undated page.
		dist := abs(e.Start - trig)
		if e.Value.IsZero() {
			dist += 1 << 20
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best >= 0 {
		e := exprs[best]
		o.dateText, o.dateAt = e.Text, e.Start
		if tense == timex.Past && !e.End2.IsZero() && d.ref.Precision() == 3 && d.ref.Before(e.End2) && !d.ref.Before(e.Value) {
			// Told as past, the meeting was not after the article: "took
			// place over the weekend" on a Saturday was that Saturday.
			e.End2 = d.ref
			if e.Value == e.End2 {
				e.End2 = graph.Date{}
			}
		}
		if !e.End2.IsZero() {
			if (e.Kind == timex.Range || e.Kind == timex.Vague) && e.Value.Year == e.End2.Year && e.Value.Month == e.End2.Month && isVagueRange(e.Text) {
				o.date = graph.Date{Year: e.Value.Year, Month: e.Value.Month}
				o.vague = [2]graph.Date{e.Value, e.End2}
			} else if isVagueRange(e.Text) {
				o.date = graph.Date{Year: e.Value.Year}
				if e.Value.Year != e.End2.Year {
					o.date = graph.Date{}
				}
				o.vague = [2]graph.Date{e.Value, e.End2}
			} else {
				o.date, o.endDate = e.Value, e.End2
			}
		} else {
			o.date = e.Value
		}
		if e.Kind == timex.Anaphoric && e.Value.IsZero() {
			// "A day earlier, A held talks with B": days from the date of
			// the meeting told last.
			if at := d.lastMeetingDay(); !at.IsZero() {
				o.date = at.AddDays(e.Offset)
			}
		}
	}
	for _, du := range timex.Duration(s.text) {
		if du.Start >= lo && du.End <= hi && du.Minutes > 0 && d.isDuration(s, du.Start, du.Text) {
			o.minutes = du.Minutes
			break
		}
	}
	for _, m := range s.ments {
		if m.a < a || m.b > b || m.ent == nil || m.typ != graph.Place {
			continue
		}
		switch {
		case m.venue && (venueAt(s, m.a) || d.arrivalAt(s, m.a, o.trigger)) || d.namedBuilding(s, m):
			if o.place == nil {
				o.place = m.ent
			}
		case d.isCity(m.ent) && (inOrAt(s, m.a, d.knownPlace(m.ent)) || settlementOf(s, m.a)):
			if o.city == nil {
				o.city = m.ent
			}
		case d.isCity(m.ent) && (d.arrivalAt(s, m.a, o.trigger) || m.a > 0 && visitVerbs[s.toks[m.a-1].low]):
			// "flew to Warsaw to meet", "welcomed A to Muscat", "met
			// when A visited Budapest"
			if o.city == nil {
				o.city = m.ent
			}
		}
	}
	if o.city == nil {
		// "On a visit to Beijing, A met B": the visit, told outside the
		// clause, places a meeting the clause does not.
		for _, m := range s.ments {
			if m.typ == graph.Place && m.ent != nil && d.isCity(m.ent) && tripTo(s, m.a) {
				o.city = m.ent
				break
			}
		}
	}
	for _, ev := range d.events {
		if ev.s == s && ev.kind == "summit" && ev.tok >= a && ev.tok < b {
			o.event = ev.name
		}
	}
}

// reportedFrom is where the reported clause holding trigger i starts
// ("A said on Monday that ..."), as an offset into s's text, or -1.
func reportedFrom(s *sent, a, i int) int {
	for k := i - 1; k > a; k-- {
		if s.toks[k].low != "that" {
			continue
		}
		for v := k - 1; v >= a && v >= k-4; v-- {
			if speechVerbs[s.toks[v].low] {
				return s.toks[k].span.Start - s.span.Start
			}
		}
		return -1
	}
	return -1
}

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
// city of Odesa".
func settlementOf(s *sent, p int) bool {
	if p < 3 || s.toks[p-1].low != "of" || !settlementWords[s.toks[p-2].low] {
		return false
	}
	for k := p - 3; k >= 0 && k >= p-8; k-- {
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
	if p < 2 || s.toks[p-1].low != "to" {
		return false
	}
	if motionVerbs[s.toks[p-2].low] {
		return true
	}
	w := s.toks[tr].low
	return (w == "welcomed" || w == "welcomes" || w == "welcome" || inviteVerbs[w]) && p > tr
}

// lastMeetingDay is the day of the last meeting found so far that has one.
func (d *doc) lastMeetingDay() graph.Date {
	for i := len(d.meetings) - 1; i >= 0; i-- {
		if d.meetings[i].date.Precision() == 3 {
			return d.meetings[i].date
		}
	}
	return graph.Date{}
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

func isVagueRange(t string) bool {
	t = strings.ToLower(t)
	return strings.Contains(t, "week") || strings.Contains(t, "month") || strings.Contains(t, "year") || strings.Contains(t, "weekend")
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
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
	for _, m := range e.ments {
		if m.venue {
			return false
		}
	}
	return true
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
		for k := o.s.i + 1; k < len(d.sents) && k <= o.s.i+3; k++ {
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
					if e.Kind == timex.Weekday && e.Value.Precision() == 3 && !e.Value.Before(o.vague[0]) && !o.vague[1].Before(e.Value) {
						o.date, o.vague = e.Value, [2]graph.Date{}
						break
					}
				}
			}
			if o.city == nil && n >= 2 {
				for _, m := range s.ments {
					// A city the people were in: "in Oslo", not "distance
					// itself from Washington".
					if m.typ == graph.Place && m.ent != nil && !m.venue && d.isCity(m.ent) && (inOrAt(s, m.a, true) || settlementOf(s, m.a)) {
						o.city = m.ent
						break
					}
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
	}
}

// dateFromLede dates a held meeting its sentence leaves undated from the
// sentence before, when that sentence names all its participants and
// gives one day (a dateline may repeat it): "A and B agreed on Monday to ... The two leaders met for
// an hour."
func (d *doc) dateFromLede(o *meetingObs) {
	if o.status != graph.Held || !o.date.IsZero() || !o.vague[0].IsZero() || o.s.i == 0 {
		return
	}
	p := d.sents[o.s.i-1]
	if !p.body() {
		return
	}
	named := map[*entity]bool{}
	for _, m := range p.ments {
		named[m.ent] = true
	}
	for _, e := range o.parts {
		if !named[e] {
			return
		}
	}
	var day []timex.Expr
	for _, e := range d.pastDates(p) {
		if e.Value.Precision() == 3 && e.End2.IsZero() {
			day = append(day, e)
		}
	}
	for _, e := range day {
		if e.Value != day[0].Value {
			return // two days: which one is unclear
		}
	}
	if len(day) > 0 {
		// The last, the one in the text rather than in a dateline.
		o.date, o.dateText = day[len(day)-1].Value, day[len(day)-1].Text
	}
}

// newsOfLede reports whether o is an undated meeting told in the first
// two sentences of the body of a dated article: the news the article
// reports.
func (d *doc) newsOfLede(o *meetingObs) bool {
	if !o.date.IsZero() || d.ref.Precision() < 3 || o.status != graph.Held {
		return false
	}
	n := 0
	for _, s := range d.sents {
		if s.kind != text.Body {
			continue
		}
		if s == o.s {
			return true
		}
		if n++; n >= 2 {
			return false
		}
	}
	return false
}

// longBefore reports whether every day t may stand for ends more than a
// week before the publication date.
func (d *doc) longBefore(t graph.Date) bool {
	if t.IsZero() || d.ref.Precision() < 3 {
		return false
	}
	last := graph.Date{Year: t.Year, Month: 12, Day: 31}
	switch {
	case t.Precision() == 3:
		last = t
	case t.Precision() == 2:
		last = graph.Date{Year: t.Year, Month: t.Month, Day: graph.DaysIn(t.Year, t.Month)}
	case t.Year == 0:
		return false
	}
	days, ok := last.DaysUntil(d.ref)
	return ok && days > 7
}

// nearRef reports whether a day-precise date falls within three days
// before the publication date.
func (d *doc) nearRef(t graph.Date) bool {
	days, ok := t.DaysUntil(d.ref)
	return ok && days >= 0 && days <= 3
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

// findTrip finds the trip an article is about: "A's visit to City",
// "A ended a trip to City".
func (d *doc) findTrip() {
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		if !s.body() {
			continue
		}
		for i := 0; i+2 < len(s.toks); i++ {
			w := s.toks[i].low
			if w != "trip" && w != "visit" && w != "tour" && w != "journey" {
				continue
			}
			if s.toks[i+1].low != "to" {
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

// releaseVerbs are how a caption says who handed out a picture.
var releaseVerbs = []string{" provided by ", " released by ", " distributed by ", " issued by "}

// releasedOn reports whether the date starting at byte start of text dates
// the release of a picture, not what it shows: "In this photo provided by
// the government on Saturday, March 31, 2018, A meets B" was taken before.
func releasedOn(text string, start int) bool {
	before := strings.ToLower(text[:start])
	k := -1
	for _, v := range releaseVerbs {
		k = max(k, strings.LastIndex(before, v))
	}
	if k < 0 || start-k > 80 {
		return false
	}
	head := before[:k]
	return strings.Contains(head, "photo") || strings.Contains(head, "image") || strings.Contains(head, "picture") || strings.Contains(head, "video")
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

// isDuration accepts a length of time that measures the meeting: "for
// three hours", "lasted 35 minutes", "a 35-minute meeting"; not "an hour
// before it took place".
func (d *doc) isDuration(s *sent, start int, txt string) bool {
	if strings.Contains(txt, "-") {
		return true
	}
	pos := s.span.Start + start
	k := -1
	for i, t := range s.toks {
		if t.span.Start >= pos {
			k = i
			break
		}
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch s.toks[j].low {
		case "for", "lasted", "lasting", "lasts", "last", "spent", "spend", "took", "of":
			return true
		}
	}
	return false
}
