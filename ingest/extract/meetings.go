package extract

import (
	"github.com/newsgraph/newsgraph/graph"
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
	// meal: a lunch or dinner a host gave, an occasion of its own that
	// others may attend, not another account of the talks.
	meal bool
}

// Trigger words. withWords take "with" + people; betweenWords take
// "between A and B" (or "of A and B"); transitive verbs take their object
// directly.
var (
	withWords = set("meeting meetings met meet meets talks talk talked talking discussions discussion " +
		"conversations conversation encounter speak spoke speaks spoken sat sit sits shook shakes shaking " +
		"summit negotiations consultations dialogue visit sit-down seen pictured photographed " +
		"dine dined dines dining lunched breakfasted posed posing poses audience")
	betweenWords = set("meeting meetings talks discussions summit encounter negotiations consultations")
	transitive   = set("met meets meet meeting hosted hosts host hosting received receives receiving welcomed welcomes welcoming " +
		"greeted greets greet greeting visited")
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
	// motionNonPast are the other forms of the verbs of motion: a trip
	// still to come ("will travel to P next week to meet").
	motionNonPast = set("travel travels travelling traveling fly flies flying head heads heading arrive arrives arriving")
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

// planCue reports whether token k of s is a cue of plans. A modal written
// capitalized after a capitalized word and before a lowercase one, inside
// a sentence, is a name ("Prime Minister Olivia May met"), not a modal; a
// title-case headline ("Ruiz Will Meet Boateng") keeps its modal.
func planCue(s *sent, k int) bool {
	t := s.toks[k]
	if !plannedCues[t.low] {
		return false
	}
	if k == 0 || k+1 >= len(s.toks) || !t.isCap() || !modalNames[t.low] {
		return true
	}
	return !s.toks[k-1].isCap() || s.toks[k+1].isCap()
}

// modalNames are the modals that are also names.
var modalNames = set("may will")

// maxMeetingWords caps the words read as meeting triggers in one sentence
// (meetingWord). Reading one costs up to the sentence's length, so a
// sentence made of nothing else ("met met met ...", issue 13) cost its
// length squared; news sentences have at most a few.
const maxMeetingWords = 12

// meetingWord reports whether findMeetings reads token i of s as a
// possible meeting trigger: meetingAt finds nothing at any other token.
func meetingWord(s *sent, i int) bool {
	w := s.toks[i].low
	if poseVerbs[w] {
		return poseAsMeeting(s, i)
	}
	return betweenWords[w] || withWords[w] || transitive[w] || inviteVerbs[w] || nounTriggers[w] || playedHost(s, i) || attendedVerbs[w] || joinVerbs[w] ||
		w == "called" && i+1 < len(s.toks) && s.toks[i+1].low == "on" || courtesyCall(s, i) || giveVerbs[w]
}

// courtesyCall reports "paid a [courtesy] call on" at the noun "call" i:
// a visit, read like "called on".
func courtesyCall(s *sent, i int) bool {
	if s.toks[i].low != "call" || i+1 >= len(s.toks) || s.toks[i+1].low != "on" {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch s.toks[k].low {
		case "paid", "pays", "paying", "pay":
			return true
		case "a", "courtesy", "farewell", "brief", "private":
		default:
			return false
		}
	}
	return false
}

// giveVerbs give someone a tour: "A gave B a tour of P".
var giveVerbs = set("gave gives giving give")

// tourNouns are what a host gives a guest in person.
var tourNouns = set("tour tours")

// gaveTour reads "A gave B a [guided] tour of P" at the verb i: the host
// shows the guest around, a meeting of the two.
func (d *doc) gaveTour(s *sent, i int, used map[*entity]bool) [][]*entity {
	guests, end := d.namedListAt(s, i+1)
	if len(guests) == 0 || end < 0 || end+1 >= len(s.toks) || s.toks[end].low != "a" && s.toks[end].low != "an" {
		return nil
	}
	k := end + 1
	if k+1 < len(s.toks) && !tourNouns[s.toks[k].low] {
		k++ // "a guided tour", "a private tour"
	}
	if !tourNouns[s.toks[k].low] {
		return nil
	}
	host := d.subjectBefore(s, i, used)
	if host == nil || contains(guests, host) {
		return nil
	}
	for _, g := range guests {
		used[g] = true
	}
	return [][]*entity{append([]*entity{host}, guests...)}
}

// playedHost reports "played host to" at i, which is "hosted": "A played
// host to B".
func playedHost(s *sent, i int) bool {
	switch s.toks[i].low {
	case "played", "plays", "play", "playing":
		return i+3 < len(s.toks) && s.toks[i+1].low == "host" && s.toks[i+2].low == "to"
	}
	return false
}

// hostedAt reads the guests of a host from token j after the hosting
// phrase at i ("A played host to B and C"): one meeting of the host and
// the guests.
func (d *doc) hostedAt(s *sent, i, j int, used map[*entity]bool) [][]*entity {
	guests := d.personList(s, j)
	if len(guests) == 0 {
		return nil
	}
	host := d.subjectOf(s, i, used, guests)
	if host == nil || contains(guests, host) {
		return nil
	}
	for _, g := range guests {
		used[g] = true
	}
	return [][]*entity{append([]*entity{host}, guests...)}
}

// joinVerbs take the people joined for a meeting or a meal: "A joined B
// for talks".
var joinVerbs = set("joined joins join joining")

// joinedFor reports "joined B [and C] for [the] talks|dinner" at the verb
// i: A met them. "joined B in condemning" or "joined the talks" is no
// meeting with B.
func joinedFor(d *doc, s *sent, i int) bool {
	_, end := d.personListEnd(s, i+1)
	if end < 0 || end+1 >= len(s.toks) || s.toks[end].low != "for" {
		return false
	}
	for k := end + 1; k < len(s.toks) && k <= end+4; k++ {
		w := s.toks[k].low
		if nounTriggers[w] || mealNouns[w] {
			return true
		}
		if !isWordLower(s.toks[k]) {
			return false
		}
	}
	return false
}

// attendedVerbs take the gathering attended for their object.
var attendedVerbs = set("attended attend attends")

// gatheringNouns are the gatherings whose named attendees meet: a summit,
// or a conference held at a named venue. "A and B also attended the
// meeting" points back at a meeting told elsewhere (attendance).
var gatheringNouns = set("summit conference")

// attendedTogether reads "A, B, C [and others] all attended the summit" at
// the verb i: one meeting of the people named in the subject. The
// gathering follows "the" and at most two lowercase words; a conference
// must be at a named venue ("the conference at Carrow House"), since
// many are too large for their attendees to have met.
func (d *doc) attendedTogether(s *sent, i int) [][]*entity {
	n := len(s.toks)
	k := i + 1
	if k >= n || s.toks[k].low != "the" || i > 0 && s.toks[i-1].low == "also" {
		return nil
	}
	k++
	for c := 0; c < 2 && k < n && isWordLower(s.toks[k]) && !gatheringNouns[s.toks[k].low]; c++ {
		k++
	}
	if k >= n || !gatheringNouns[s.toks[k].low] {
		return nil
	}
	if s.toks[k].low == "conference" {
		m := (*mention)(nil)
		if k+2 < n && (s.toks[k+1].low == "at" || s.toks[k+1].low == "in") {
			m = mentionAt(s, k+2)
		}
		if m == nil || !m.venue {
			return nil
		}
	}
	a, _ := clause(s, i)
	for st := a; st < i; st++ {
		if d.personAt(s, st).kind != refName {
			continue
		}
		list, end := d.personListEnd(s, st)
		if len(list) < 2 || end < 0 || end > i {
			return nil
		}
		// Between the names and the verb: more attendees left unnamed
		// ("and leaders from X, Y and Z, as well as the head of W all"),
		// never another verb or another person.
		for j := end; j < i; j++ {
			w := s.toks[j].low
			if pastForms[w] || reportVerbs[w] || w == "who" || w == "which" || d.personAt(s, j).ent != nil {
				return nil
			}
		}
		return [][]*entity{list}
	}
	return nil
}

// findMeetings reads every sentence for meetings, then attaches what later
// sentences say of them ("the meeting lasted", "in the capital").
func (d *doc) findMeetings() {
	d.pronounRefs = map[[2]int]*entity{}
	defer func() { d.pronounRefs = nil }()
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
				if d.negated(s, i) || remoteTalk(s, i) {
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
		d.joinAttendees(s)
		if !found {
			found = d.theirMeeting(s) || d.coPresence(s) || d.jointConference(s)
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
	d.postDates()
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
	if t.low == "called" && i+1 < len(s.toks) && s.toks[i+1].low == "on" || courtesyCall(s, i) {
		return d.calledOn(s, i, used)
	}
	if giveVerbs[t.low] {
		return d.gaveTour(s, i, used)
	}
	if playedHost(s, i) {
		return d.hostedAt(s, i, i+3, used)
	}
	if joinVerbs[t.low] {
		if joinedFor(d, s, i) {
			return d.hostedAt(s, i, i+1, used)
		}
		return nil
	}
	if attendedVerbs[t.low] {
		return d.attendedTogether(s, i)
	}
	if inviteVerbs[t.low] {
		return d.invitedTo(s, i, used)
	}
	if parts := d.mealHostedBy(s, i, used); parts != nil {
		return parts
	}
	if parts := d.mealHostedFor(s, i, used); parts != nil {
		return parts
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
		if parts := d.roleGuest(s, i, used); parts != nil {
			return parts
		}
		if participle(s, i) {
			return d.participleMeeting(s, i)
		}
		if intransitive[t.low] || shookHands(s, i) {
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
	together := !pluralMeetings[t.low] && !(len(others) >= 2 && itineraryCall(s, a, i))
	for k := a; k < b; k++ {
		if apart[s.toks[k].low] || (s.toks[k].low == "each" && k > i) {
			together = false
		}
	}
	if together {
		parts = [][]*entity{append(d.coSubjects(s, i, subj, others), others...)}
	} else {
		for _, o := range others {
			parts = append(parts, []*entity{subj, o})
		}
	}
	if then := d.thenWith(s, i, b, subj, used); then != nil {
		parts = append(parts, then)
	}
	return parts
}

// itineraryCall reports "A will also meet B and C" at trigger i (clause
// from a): a visit's programme announced call by call, one meeting with
// each of the people listed, unless the sentence brings them together
// ("both", "together", "jointly", "trilateral").
func itineraryCall(s *sent, a, i int) bool {
	if i < 1 || s.toks[i-1].low != "also" {
		return false
	}
	planned := false
	for k := a; k < i; k++ {
		planned = planned || planCue(s, k)
	}
	if !planned {
		return false
	}
	for _, t := range s.toks {
		switch t.low {
		case "both", "together", "jointly", "trilateral", "three-way", "joint":
			return false
		}
	}
	return true
}

// thenWith reads a second meeting of the same subject told after the
// first one's people in its clause (before b): "met B in P on Monday and
// then with C", ", later with C". It is the subject and the people after
// "with", or nil.
func (d *doc) thenWith(s *sent, i, b int, subj *entity, used map[*entity]bool) []*entity {
	for k := i + 2; k+2 < b; k++ {
		w := s.toks[k].low
		if w != "then" && w != "later" && w != "afterwards" {
			continue
		}
		if p := s.toks[k-1].low; p != "and" && p != "," || s.toks[k+1].low != "with" {
			continue
		}
		var out []*entity
		for _, p := range d.personList(s, k+2) {
			if p != subj && !used[p] {
				used[p] = true
				out = append(out, p)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return append([]*entity{subj}, out...)
	}
	return nil
}

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
	if j+1 < len(s.toks) && s.toks[j].low == "the" {
		j++ // "invited B to the UK"
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

// intransitive reads "A and B met", "the two leaders met", "A and B are
// scheduled to meet".
func (d *doc) intransitive(s *sent, i int) [][]*entity {
	if d.toBody(s, i) {
		return nil
	}
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
		// "the leaders last met", "the pair previously met": the two
		// people of the meeting just reported, as for "they".
		if k+2 <= i && s.toks[k].low == "the" && (pluralHeads[s.toks[k+1].low] || s.toks[k+1].low == "pair") && d.onlyAux(s, k+2, i) {
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

// toBody reports "spoke to the National Police", "met with the Senate
// Finance Committee" (an organization's mention) after trigger i: people who addressed an organization together did not
// meet each other.
func (d *doc) toBody(s *sent, i int) bool {
	j := i + 1
	if j >= len(s.toks) || s.toks[j].low != "to" && s.toks[j].low != "with" {
		return false
	}
	j++
	if j < len(s.toks) && s.toks[j].low == "the" {
		j++
	}
	m := mentionAt(s, j)
	return m != nil && m.typ == graph.Organization
}

// shookHands reports "shook hands" at i: "A and B shook hands", "they
// shook hands" tell of the two together, like "met".
func shookHands(s *sent, i int) bool {
	switch s.toks[i].low {
	case "shook", "shake", "shakes", "shaking":
		return i+1 < len(s.toks) && s.toks[i+1].low == "hands"
	}
	return false
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

// heldTalks reads "A and B held talks", "the two leaders had a meeting".
func (d *doc) heldTalks(s *sent, i int) [][]*entity {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if lightVerbs[s.toks[k].low] {
			return d.intransitive(s, k)
		}
	}
	return nil
}

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

// breakBefore reports whether a clause break (clauseBreaks, not one
// opening a time expression) stands anywhere before token i of s,
// including at the sentence's first token: "After A's stay in Lima, B
// spoke" has one.
func breakBefore(s *sent, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if clauseBreaks[s.toks[k].low] && !timeFollows(s, k) {
			return true
		}
	}
	return false
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
	parts = d.unnamedPartner(s, i, b, parts)
	if participle(s, i) {
		a = i // the main verb before the comma is not the meeting's
	}
	o := &meetingObs{s: s, trigger: i, parts: parts, status: graph.Held, meal: mealFor(s, i) > 0}
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
		case k < i && planCue(s, k) && o.status == graph.Held && !pastReport(s, a, i):
			o.status = graph.Planned
		case k > i && planCue(s, k) && o.status == graph.Held && mealHost(s, i):
			// "a dinner hosted by A for B will follow": the meal's own
			// verb comes after it.
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
	d.holidayDate(o, s, s.toks[a].span.Start-s.span.Start, s.toks[b-1].span.End-s.span.Start)
	d.meetings = append(d.meetings, o)
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

// motionBefore finds in [a, to) a verb of motion governing the infinitive
// at token to ("flew to Warsaw on Wednesday to meet", "will travel to the
// capital next week to meet") and returns its index, or -1. past takes
// only past forms, and stops at a plan cue ("will fly to P to meet" is no
// trip that took place); any form otherwise. It stops at another clause
// or another infinitive ("agreed to").
func motionBefore(s *sent, a, to int, past bool) int {
	for k := to - 1; k >= a && k >= to-10; k-- {
		w := s.toks[k].low
		if motionVerbs[w] || !past && motionNonPast[w] {
			return k
		}
		if w == "," || clauseBreaks[w] || w == "to" && k+1 < to && infinitiveTo(s, k) || past && planCue(s, k) {
			return -1
		}
	}
	return -1
}

// afterMotion reports a trip that took place before the "to" at k: a past
// verb of motion ("flew to Warsaw on Wednesday to meet"), or a visit made
// ("made a surprise visit to P to have talks", "paid a visit").
func (d *doc) afterMotion(s *sent, a, k int) bool {
	if motionBefore(s, a, k, true) >= 0 {
		return true
	}
	for j := k - 1; j >= a && j >= k-8; j-- {
		w := s.toks[j].low
		if visitNouns[w] {
			for v := j - 1; v >= a && v >= j-3; v-- {
				if w := s.toks[v].low; w == "made" || w == "paid" {
					return true
				}
			}
		}
		if planCue(s, j) {
			return false
		}
	}
	return false
}

// phoneWords carry talks at a distance: "spoke by phone", "talked on the
// telephone", "telephone talks", "held talks via video link". A call is
// not a meeting.
var phoneWords = set("phone telephone telephonic phone-call videoconference video-conference teleconference " +
	"video videolink video-link")

// videoCalls follow "video" in a call at a distance: "video call", "by
// video link".
var videoCalls = set("call calls link conference")

// remoteTalk reports whether the talks at trigger i were held by phone or
// video: a phone word modifying the trigger ("a phone conversation with
// B", "telephone talks"), or after it in its clause ("spoke again on the
// telephone", "spoke with B by phone").
func remoteTalk(s *sent, i int) bool {
	if i > 0 && phoneWords[s.toks[i-1].low] && s.toks[i-1].low != "video" {
		return true
	}
	if i > 1 && s.toks[i-2].low == "video" && videoCalls[s.toks[i-1].low] {
		return true // "a video call with B"
	}
	for k := i + 1; k < len(s.toks) && k <= i+8; k++ {
		w := s.toks[k].low
		if w == "," || w == ";" || clauseBreaks[w] || w == "and" && k+1 < len(s.toks) && pastForms[s.toks[k+1].low] {
			return false
		}
		if w == "video" && (k+1 >= len(s.toks) || !videoCalls[s.toks[k+1].low]) {
			continue // "to watch a video", not "by video link"
		}
		if phoneWords[w] {
			switch s.toks[k-1].low {
			case "by", "the", "via", "a", "over":
				return true
			}
		}
	}
	return false
}
