package extract

import (
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// possessiveLandmarks reads sites named after a figure of myth, faith or
// history: "visited Rama's Bridge", "at the Odin's Rock monument". A
// one-word name that the article writes only as the owner of a
// capitalized name after it, never alone, never in a longer person's
// name, is no person of the story: the owner and the name after it are
// one place. A person the story is about is named at least once on his
// own ("Ruiz's Madrid office" comes with "Ruiz said").
func (d *doc) possessiveLandmarks() {
	type site struct {
		s    *sent
		m    *mention
		end  int
		word string
	}
	seen := map[string]int{}
	var sites []site
	for _, s := range d.sents {
		for _, m := range s.ments {
			for _, t := range s.toks[m.a:m.b] {
				if t.kind == text.Word {
					seen[t.low]++
				}
			}
			if m.b-m.a != 1 || m.title != "" || !isPossessive(s.toks, m.b) || !d.mayOwnSite(m) {
				continue
			}
			if m.typ == graph.Place && d.fullPersonAt(s, m.b+1) {
				continue // "Ruritania's Ana Ruiz": a place and a person the tagger found
			}
			if end := d.ownedName(s, m.b+1); end > m.b+1 {
				sites = append(sites, site{s, m, end, s.toks[m.a].low})
			}
		}
	}
	if len(sites) == 0 {
		return
	}
	owned := map[string]int{}
	for _, x := range sites {
		owned[x.word]++
	}
	for _, x := range sites {
		if owned[x.word] != seen[x.word] {
			continue // named elsewhere: a person ("Ruiz's Madrid office")
		}
		if d.localSite(x.s, x.m, x.end) {
			continue
		}
		p := &mention{s: x.s, a: x.m.a, b: x.end, typ: graph.Place, name: joinToks(x.s.toks[x.m.a:x.end])}
		kept := []*mention{p}
		for _, o := range x.s.ments {
			if o.b <= p.a || o.a >= p.b {
				kept = append(kept, o)
			}
		}
		sortMentions(kept)
		x.s.ments = kept
	}
}

// fullPersonAt reports whether a person's mention of two words or more
// starts at token i.
func (d *doc) fullPersonAt(s *sent, i int) bool {
	for _, o := range s.ments {
		if o.a == i && o.typ == graph.Person && o.b-o.a >= 2 {
			return true
		}
	}
	return false
}

// localSite reports whether the name after the owner m, ending at end, is
// a venue's own name, two words or more ending in a building's head word:
// "Tarvik's Orlan Temple" is the Orlan Temple in Tarvik, two places, where
// "Rama's Bridge" is one. The owner, never named alone, is then a locality
// (a place), and the venue's mention, made when the tagger found none, a
// place.
func (d *doc) localSite(s *sent, m *mention, end int) bool {
	a := m.b + 1
	if end-a < 2 {
		return false
	}
	last := s.toks[end-1].low
	if !landmarkWords[last] && !buildingHeads[last] && !d.x.lex.IsVenueWord(last) {
		return false
	}
	var venue *mention
	for _, o := range s.ments {
		switch {
		case o.a == a && o.b == end:
			venue = o
		case o.a < end && o.b > a:
			return false // a mention of its own inside: leave it
		}
	}
	if venue == nil {
		venue = &mention{s: s, a: a, b: end, name: joinToks(s.toks[a:end])}
		s.ments = append(s.ments, venue)
		sortMentions(s.ments)
	}
	venue.typ, venue.venue = graph.Place, true
	m.typ = graph.Place
	return true
}

// mayOwnSite reports whether m may be the figure a site is named after:
// a person, or a place the lexicon does not know (a tagger takes a
// figure's name for either). "Spain's Prado" is a country's museum.
func (d *doc) mayOwnSite(m *mention) bool {
	switch m.typ {
	case graph.Person:
		return true
	case graph.Place:
		return !m.venue && !d.known(m.name)
	}
	return false
}

// ownedName returns the end of the capitalized name that starts at token
// i, after an owner's "'s", or i when there is none or when the name is a
// place or body the lexicon knows ("Ruiz's Madrid"), a title ("the
// emperor's Chief Steward") or a person's full name. A mention starting
// at i sets the end when it runs further.
func (d *doc) ownedName(s *sent, i int) int {
	j := i
	for j < len(s.toks) && s.toks[j].kind == text.Word && s.toks[j].isCap() && !notNames[s.toks[j].low] &&
		!calendarWords[s.toks[j].low] && !closedWord(s, j) {
		j++
	}
	if j == i {
		return i
	}
	// "Ruritania's President Ana Ruiz": a title after the owner opens a
	// person's mention, the owner being the country or body she serves.
	if d.titleEndingAt(s, i) > i {
		return i
	}
	for _, o := range s.ments {
		if o.a == i && o.b > j {
			j = o.b
		}
	}
	name := joinToks(s.toks[i:j])
	if d.known(name) || d.x.lex.IsTitle(lowJoin(s.toks[i:j])) {
		return i
	}
	return j
}

// PlaceGazetteer is a Tagger that also knows place names from its
// gazetteers (*ner.Model does): extraction asks it when a name's type is
// in doubt.
type PlaceGazetteer interface {
	KnownPlace(name string) bool
}

// hostNouns follow the town that hosts a sporting or trade event: "the X
// Winter Olympics", "the X games", "Expo X" aside. Such a name is a place.
var hostNouns = set("olympics games paralympics expo")

// placeEventNouns follow a name that may be the place of an event or a
// document ("the X Declaration", "the X talks") or a body ("the Quad
// summit"): a place only when the article or a gazetteer says so.
var placeEventNouns = set("declaration summit talks accord accords agreement treaty process format " +
	"communique communiqué marathon festival")

// eventNounModifiers may stand between the place and the event noun.
var eventNounModifiers = set("winter summer olympic paralympic youth peace joint")

// actingNext are the words after a name that make it act or own: a body
// speaks and has spokesmen, a town does not ("the X said", "X's").
var actingNext = set("said says told announced reported added stated confirmed denied 's '")

// retypeEventPlaces makes a name the tagger typed an organization a place
// when it names the host of an event ("the X Winter Olympics"), or the
// place of an event or a document ("the X Declaration") or is typed a
// place elsewhere in the article ("at X") while never speaking or owning
// as a body does, and the lexicon does not know it as a body ("the NATO
// summit" stays). Every organization mention of the name follows.
func (d *doc) retypeEventPlaces(all []*mention) {
	placeNamed := map[string]bool{}
	acting := map[string]bool{}
	for _, m := range all {
		k := graph.NameKey(m.name)
		if m.typ == graph.Place {
			placeNamed[k] = true
		}
		if m.typ == graph.Organization && m.b < len(m.s.toks) && actingNext[m.s.toks[m.b].low] {
			acting[k] = true
		}
	}
	gaz, _ := d.x.tagger.(PlaceGazetteer)
	retype := map[string]bool{}
	for _, m := range all {
		if m.typ != graph.Organization || m.venue {
			continue
		}
		if _, org := d.x.lex.Org(m.name); org {
			continue
		}
		k := graph.NameKey(m.name)
		host, event := d.beforeEventNoun(m)
		host = host || residenceApposition(m)
		placeElsewhere := placeNamed[k] && !acting[k]
		if host || placeElsewhere || (event && (placeNamed[k] || d.known(m.name) || (gaz != nil && gaz.KnownPlace(m.name)))) {
			retype[k] = true
		}
	}
	if len(retype) == 0 {
		return
	}
	for _, m := range all {
		if m.typ == graph.Organization && retype[graph.NameKey(m.name)] {
			m.typ = graph.Place
		}
	}
}

// beforeEventNoun reports whether a host noun or an event noun follows
// m, maybe after modifiers: "X Winter Olympics", "X Declaration".
func (d *doc) beforeEventNoun(m *mention) (host, event bool) {
	toks := m.s.toks
	k := m.b
	for k < len(toks) && k < m.b+2 && eventNounModifiers[toks[k].low] {
		k++
	}
	if k >= len(toks) {
		return false, false
	}
	return hostNouns[toks[k].low], placeEventNouns[toks[k].low]
}

// residenceNouns name the kind of building or grounds a place's name
// stands for: "X, his Florida estate", "X, the royal country house".
var residenceNouns = set("estate residence home retreat resort villa mansion ranch compound palace castle " +
	"hotel house manor lodge")

// residenceApposition reports whether m is followed by a residence noun
// ("his X estate") or by an apposition whose head is one within a few
// words ("X, the leader's estate in Y").
func residenceApposition(m *mention) bool {
	toks := m.s.toks
	if m.b < len(toks) && residenceNouns[toks[m.b].text] {
		return true // "his X estate", "at the X resort"
	}
	if m.b < len(toks) && toks[m.b].text == "club" && m.a > 0 && possessiveDeterminers[toks[m.a-1].low] {
		return true // "at his X club": someone's club is grounds, not a body
	}
	if m.b >= len(toks) || toks[m.b].low != "," {
		return false
	}
	for k := m.b + 1; k < len(toks) && k <= m.b+5; k++ {
		t := toks[k]
		if t.kind == text.Punct && t.low != "'s" {
			return false
		}
		if residenceNouns[t.low] && t.text == t.low {
			return true
		}
	}
	return false
}

// possessiveDeterminers own what follows them: "his X club".
var possessiveDeterminers = set("his her their its our my 's")

// listedPlaces types as a place a name the tagger took for a person when
// it stands in a list between places ("visited three sites: A's Gate,
// Panch Hill and the Old Fort") and the article names it nowhere else:
// the members of a list are of one kind, and a person of the story is
// named more than once or with a title.
func (d *doc) listedPlaces() {
	seen := map[string]int{}
	for _, s := range d.sents {
		for _, m := range s.ments {
			for _, t := range s.toks[m.a:m.b] {
				if t.kind == text.Word {
					seen[t.low]++
				}
			}
		}
	}
	for _, s := range d.sents {
		for k, m := range s.ments {
			if m.typ != graph.Person || m.title != "" {
				continue
			}
			once := true
			for _, t := range s.toks[m.a:m.b] {
				if t.kind == text.Word && seen[t.low] > 1 {
					once = false
				}
			}
			if !once {
				continue
			}
			before := k > 0 && s.ments[k-1].typ == graph.Place && listJoin(s, s.ments[k-1].b, m.a)
			after := k+1 < len(s.ments) && s.ments[k+1].typ == graph.Place && listJoin(s, m.b, s.ments[k+1].a)
			if before && after || (before || after) && onlyPersonOfList(s, k) {
				m.typ = graph.Place
			}
		}
	}
}

// listJoin reports whether the tokens [a, b) join two members of a list:
// ",", "and", ", and", each maybe followed by "the".
func listJoin(s *sent, a, b int) bool {
	if b <= a || b-a > 3 {
		return false
	}
	and := false
	for _, t := range s.toks[a:b] {
		switch t.low {
		case ",", "and":
			and = true
		case "the":
		default:
			return false
		}
	}
	return and
}

// onlyPersonOfList reports whether mention k of s is the only person of
// a list of three or more members around it.
func onlyPersonOfList(s *sent, k int) bool {
	a, b := k, k
	for a > 0 && listJoin(s, s.ments[a-1].b, s.ments[a].a) {
		a--
	}
	for b+1 < len(s.ments) && listJoin(s, s.ments[b].b, s.ments[b+1].a) {
		b++
	}
	if b-a+1 < 3 {
		return false
	}
	for i := a; i <= b; i++ {
		if i != k && s.ments[i].typ == graph.Person {
			return false
		}
	}
	return true
}
