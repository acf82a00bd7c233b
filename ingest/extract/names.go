package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// This file completes person names the tagger cuts short by one word,
// as double surnames often are ("María García López"), retypes titled
// names the tagger took for organizations, and finds multi-word demonyms
// ("South Korean") before titles. Hyphens and particles are joined in
// titles.go.

// extendNames lengthens a person mention of two or three words over one
// untagged capitalized word right after it that can only be part of a
// name: "García López" in "President María García López on Monday".
func (d *doc) extendNames(s *sent, out []*mention) {
	n := len(s.toks)
	owned := make([]bool, n)
	owner := make([]*mention, n)
	for _, m := range out {
		for i := m.a; i < m.b; i++ {
			owned[i] = true
			owner[i] = m
		}
	}
	for _, m := range out {
		if m.typ != graph.Person || m.b-m.a < 2 || m.b-m.a > 3 || m.b >= n {
			continue
		}
		if o := owner[m.b]; o != nil {
			// "Park Tae Un": a one-word organization or place the tagger
			// cut from a name, which the lexicon does not know as written
			// (an acronym is known only in capitals).
			if o == m || o.b-o.a != 1 || o.venue || o.typ == graph.Person || !d.plainNameWord(s.toks[o.a]) {
				continue
			}
			o.b = o.a
			owned[m.b] = false
		}
		if owned[m.b] {
			continue
		}
		t := s.toks[m.b]
		if !d.personNameWord(t) || headlineVerb(t.low, true) || closedWord(s, m.b) {
			continue
		}
		if m.b+1 < n && isPossessive(s.toks, m.b+1) {
			continue // "Ana Ruiz Acme's" is a name and an owner
		}
		owned[m.b] = true
		m.b++
		m.name = joinToks(s.toks[m.a:m.b])
	}
}

// patronymParticles join a given name to the father's name after it:
// "Reem bint Tariq", "Omar bin Salem", "Siti binti Ahmad", "Nurul
// binte Rashid".
var patronymParticles = set("bin bint binti binte ibn bte")

// joinPatronyms lengthens a person mention back over a patronym's particle
// and the given name before it, which the tagger left out or typed apart
// ("Reem" tagged MISC in "Reem bint Tariq Al Hosani"): the word before
// the particle is the person's own name when it is capitalized and the
// lexicon knows it as nothing else.
func (d *doc) joinPatronyms(s *sent, out []*mention) {
	toks := s.toks
	if !hasWord(toks, patronymParticles) {
		return
	}
	owner := tokenOwners(len(toks), out)
	for _, m := range out {
		if m.typ != graph.Person || m.b <= m.a || m.a < 2 || m.venue {
			continue
		}
		p, h := toks[m.a-1], toks[m.a-2]
		if p.text != p.low || !patronymParticles[p.low] || owner[m.a-1] != nil {
			continue
		}
		if h.kind != text.Word || !h.isCap() || notNames[h.low] || strings.ToUpper(h.text) == h.text || !d.givenNameWord(h) ||
			headlineVerb(h.low, true) || closedWord(s, m.a-2) {
			continue
		}
		if o := owner[m.a-2]; o != nil && o.b > o.a && (o.a != m.a-2 || o.b != m.a-1 || o.venue) {
			continue // a longer name of its own ends there
		} else if o != nil {
			o.b = o.a
		}
		m.a -= 2
		owner[m.a], owner[m.a+1] = m, m
		m.name = joinToks(toks[m.a:m.b])
	}
}

// hasWord reports whether a token's lowercase form is one of words: the
// rules that need such a word leave the other sentences before they
// allocate.
func hasWord(toks []tok, words map[string]bool) bool {
	for _, t := range toks {
		if words[t.low] {
			return true
		}
	}
	return false
}

// divisionNouns name an electoral or local division whose name may join
// two places with "and": "the constituency of Holborn Vale and St Ives",
// "the borough of Kensington and Chelsea".
var divisionNouns = set("constituency borough ward riding")

// divisionNames joins the places written after "the" (or "his", "her"), a
// lowercase division noun and "of" with "and" into the one division they
// name ("the constituency of A and B" is the place "A and B"): a division
// is named once, so the two names are one, whatever types the tagger gave
// its parts of a name it has not seen. The part after "and" ends where the
// mention starting there ends; a person there who goes on to act ("the
// constituency of A and B Ruiz congratulated him") or a body's name
// anywhere inside leaves the words alone. The first mention found inside
// takes the whole name as a place.
func (d *doc) divisionNames(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	if !hasWord(toks, divisionNouns) {
		return
	}
	owner := tokenOwners(n, out)
	capWord := func(i int) bool {
		return i < n && toks[i].kind == text.Word && toks[i].isCap() && !notNames[toks[i].low]
	}
	for k := 1; k+3 < n; k++ {
		if (toks[k-1].low != "the" && !possessiveDeterminers[toks[k-1].low]) || toks[k].text != toks[k].low || !divisionNouns[toks[k].low] || toks[k+1].low != "of" || !capWord(k+2) {
			continue
		}
		a, e := k+2, k+2
		for capWord(e) {
			e++
		}
		if e+1 >= n || (toks[e].low != "and" && toks[e].text != "&") || !capWord(e+1) {
			continue
		}
		e++
		if o := owner[e]; o != nil && o.a == e && o.b > o.a {
			if o.typ == graph.Person && !divisionEnd(toks, o.b) || d.bodyName(s, o) {
				continue // "A and B Ruiz said": a person or body after "and"
			}
			e = o.b
		} else {
			for capWord(e) {
				e++
			}
		}
		fits := func(o *mention) bool { return o.title == "" && !d.bodyName(s, o) }
		if claimSpan(toks, owner, a, e, graph.Place, fits) != nil {
			k = e - 1
		}
	}
}

// claimSpan makes the first mention inside tokens [a, e) the one name of
// type typ over all of them, the other mentions inside emptied: parts of
// one name that the tagger split. It gives up, changing nothing and
// returning nil, when no mention is inside, or one reaches outside the
// span, is a venue, or is refused by fits.
func claimSpan(toks []tok, owner []*mention, a, e int, typ graph.EntityType, fits func(*mention) bool) *mention {
	var m *mention
	for i := a; i < e; i++ {
		o := owner[i]
		if o == nil || o.b <= o.a || o == m {
			continue
		}
		if o.a < a || o.b > e || o.venue || !fits(o) {
			return nil
		}
		if m == nil {
			m = o
		}
	}
	if m == nil {
		return nil
	}
	for i := a; i < e; i++ {
		if o := owner[i]; o != nil && o != m {
			o.b = o.a
		}
		owner[i] = m
	}
	m.a, m.b, m.typ = a, e, typ
	m.name = joinToks(toks[a:e])
	return m
}

// divisionEnd reports whether a division's name may end before token i:
// at the sentence's end, a punctuation mark, or a word that opens an
// adverbial ("in A and B on Friday"), not a verb or possessive that makes
// the name before it a person's.
func divisionEnd(toks []tok, i int) bool {
	return i >= len(toks) || toks[i].kind != text.Word || toks[i].text == toks[i].low && adverbialStarts[toks[i].low]
}

// bodyName reports whether an organization mention is plainly a body's
// name: the lexicon knows it, or it ends in the head of one ("Acme
// Holdings", "Velmar Council").
func (d *doc) bodyName(s *sent, m *mention) bool {
	if m.typ != graph.Organization {
		return false
	}
	if _, ok := d.x.lex.Org(m.name); ok {
		return true
	}
	last := s.toks[m.b-1].low
	return orgHeads[last] || bodyNameHeads[last] || institutionNouns[last]
}

// personNameWord reports whether t may be a further word of a person's
// name in prose: a capitalized word, not an acronym in capitals, a
// function word, a title, demonym, place or body the lexicon knows
// (plainNameWord), nor the head of a company's or an institution's name.
func (d *doc) personNameWord(t tok) bool {
	return t.kind == text.Word && t.isCap() && !notNames[t.low] && strings.ToUpper(t.text) != t.text && d.plainNameWord(t) &&
		!orgHeads[t.low] && !institutionNouns[t.low]
}

// plainNameWord reports whether a capitalized word can only be a further
// part of a name: not a title, demonym, place or institution.
func (d *doc) plainNameWord(t tok) bool { return d.nameWord(t, false) }

// nameWord reports whether a capitalized word may be part of a person's
// name: not a title, demonym, organization or place the lexicon knows,
// but for a city that is no capital when cities is set.
func (d *doc) nameWord(t tok, cities bool) bool {
	lex := d.x.lex
	if lex.IsTitle(t.low) {
		return false
	}
	if _, ok := lex.Demonym(t.text); ok {
		return false
	}
	if p, ok := lex.Place(t.text); ok && !(cities && p.Kind == lexicon.City && !p.Capital) {
		return false
	}
	if _, ok := lex.Org(t.text); ok {
		return false
	}
	return true
}

// titledPersons retypes a short span the tagger took for an organization
// when a title or a lowercase epithet stands right before it: "managing
// director Ana Ruiz", "patriarch Ana", "athlete Ana Ruiz". The first word
// must be one a given name may be (givenNameWord), and after an epithet
// the last must not be a club's or a body's head: "the striker Kelham
// Rovers" names a club.
func (d *doc) titledPersons(s *sent, out []*mention) {
	for _, m := range out {
		if m.b <= m.a || m.typ != graph.Organization || m.venue || m.b-m.a > 3 {
			continue
		}
		// "patriarch Ana": one word after a title is a person when it can
		// be nothing else, not an acronym or an institution's noun.
		if t := s.toks[m.a]; m.b-m.a == 1 && (strings.ToUpper(t.text) == t.text || !d.plainNameWord(t) || orgHeads[t.low] || institutionNouns[t.low]) {
			continue
		}
		if _, ok := d.x.lex.Org(m.name); ok {
			continue
		}
		if !d.titleBeforeTok(s, m.a) {
			// "the marathoner Ana Ruiz", but "the investor Acme Capital".
			last := s.toks[m.b-1].low
			if !epithetBeforeTok(s, m.a) || orgHeads[last] || bodyNameHeads[last] || institutionNouns[last] || clubHeads[last] {
				continue
			}
		}
		words := d.givenNameWord(s.toks[m.a])
		for _, t := range s.toks[m.a:m.b] {
			if t.kind != text.Word || !t.isCap() || d.x.lex.IsTitle(t.low) {
				words = false
			}
		}
		if words {
			m.typ = graph.Person
		}
	}
}

// clubHeads end the names of sports clubs, which an epithet ("the striker",
// "the winger") may stand before as before a player: "Kelham Rovers",
// "Dunmore Athletic", "Orvia FC".
var clubHeads = set("rovers wanderers rangers united athletic athletico albion hotspur fc afc sc cf city town county " +
	"olympic olympique sporting")

// postNominalPersons retypes as a person an organization or place span that ends in
// letters written after a lawmaker's or an honoured person's name ("Saima
// Rind MNA", "Gwyneth Pryce OBE"): the two to four plain name words before
// the letters are the person, and any words before those ("State for
// Ports" of "Minister of State for Ports Saima Rind MNA") are left to the
// title. stripPostNominal then moves the letters into the title.
func (d *doc) postNominalPersons(s *sent, out []*mention) {
	toks := s.toks
	for _, m := range out {
		if m.typ != graph.Organization && m.typ != graph.Place || m.venue || m.b-m.a < 3 {
			continue
		}
		last := toks[m.b-1]
		if last.kind != text.Word || strings.ToUpper(last.text) != last.text || !d.x.lex.IsTitle(last.low) {
			continue
		}
		if d.known(m.name) {
			continue
		}
		a := m.b - 1
		for a > m.a && m.b-1-a < 4 {
			t := toks[a-1]
			if !d.personNameWord(t) || bodyNameHeads[t.low] || portfolioHeads[t.low] {
				break
			}
			a--
		}
		if m.b-1-a < 2 {
			continue
		}
		m.a, m.typ = a, graph.Person
		m.name = joinToks(toks[m.a:m.b])
	}
}

// epithetBeforeTok reports whether a lowercase epithet ("athlete",
// "billionaire", "javelin thrower") or a word of kinship ("his wife",
// "her younger brother") stands right before token i, where a person's
// name is expected.
func epithetBeforeTok(s *sent, i int) bool {
	if i < 1 {
		return false
	}
	t := s.toks[i-1]
	return t.kind == text.Word && t.text == t.low && (epithetNouns[t.low] || nameNouns[t.low] || kinNouns[t.low])
}

// kinNouns name a relative, before the name of a person: "his wife A B",
// "her younger brother C D".
var kinNouns = set(partnerWords + " son daughter brother sister mother father widow widower " +
	"cousin nephew niece uncle aunt grandson granddaughter")

// titleBeforeTok reports whether a title phrase, in any case, ends right
// before token i.
func (d *doc) titleBeforeTok(s *sent, i int) bool {
	for w := 1; w <= d.x.lex.MaxTitleWords() && i-w >= 0; w++ {
		if d.x.lex.IsTitle(lowJoin(s.toks[i-w : i])) {
			return true
		}
	}
	return false
}

// demonymEndingAt finds a demonym of one to three words ending before token
// j ("Chinese", "South Korean", "Sri Lankan"); it returns the country and
// the token the demonym starts at, or -1.
func (d *doc) demonymEndingAt(s *sent, j int) (string, int) {
	for w := 3; w >= 1; w-- {
		if j-w < 0 {
			continue
		}
		if !s.toks[j-w].isCap() {
			continue
		}
		if c, ok := d.x.lex.Demonym(joinToks(s.toks[j-w : j])); ok {
			return c, j - w
		}
	}
	return "", -1
}

// demonymAt finds a demonym of one to three words starting at token j and
// returns the token after it, or -1.
func (d *doc) demonymAt(s *sent, j int) int {
	for w := 3; w >= 1; w-- {
		if j+w > len(s.toks) || !s.toks[j].isCap() {
			continue
		}
		if _, ok := d.x.lex.Demonym(joinToks(s.toks[j : j+w])); ok {
			return j + w
		}
	}
	return -1
}

// isDash reports whether w is a hyphen that may join the parts of a name.
func isDash(w string) bool { return w == "-" || w == "\u2010" || w == "\u2011" }

// joinNameHeads joins to a person mention the first word of the name that
// a title stands before and that the tagger left out or typed apart:
// "Foreign Minister Tarik Ali Baig" tagged as "Tarik" (untagged or a
// place) and "Ali Baig" is the one person Tarik Ali Baig, as is "the
// actor Tarik Ali Baig". Only a word the lexicon does not know as a title,
// place, organization or demonym is joined, and only right after a title
// or an epithet ("actor", "billionaire"), where a name is expected.
func (d *doc) joinNameHeads(s *sent, out []*mention) {
	owner := tokenOwners(len(s.toks), out)
	for _, p := range out {
		if p.typ != graph.Person || p.b <= p.a || p.b-p.a > 3 || p.venue || p.a < 2 {
			continue
		}
		h := p.a - 1
		t := s.toks[h]
		if t.kind != text.Word || !t.isCap() || strings.ToUpper(t.text) == t.text || len([]rune(t.text)) < 2 || strings.ContainsRune(t.text, '.') || notNames[t.low] {
			continue
		}
		if headlineVerb(t.low, true) || institutionNouns[t.low] || titleRanks[t.low] || closedWord(s, h) || !d.givenNameWord(t) || d.x.lex.IsPortfolio(t.low) {
			continue
		}
		if t.span.End >= s.toks[p.a].span.Start { // "Tarik-Ali" is joinHyphenated's
			continue
		}
		o := owner[h]
		if o != nil && (o.a != h || o.b != h+1 || o.venue) {
			continue // a longer name of its own ends there
		}
		if !d.titleBeforeTok(s, h) && !epithetNouns[s.toks[h-1].low] && !nameNouns[s.toks[h-1].low] || d.completesTitle(s, h) {
			continue
		}
		if o != nil {
			o.b = o.a
		}
		owner[h] = p
		p.a = h
		p.name = joinToks(s.toks[p.a:p.b])
	}
}

// completesTitle reports whether token h is the last word of a title the
// lexicon knows, "Chief Executive Officer": the title's word, not the
// name's.
func (d *doc) completesTitle(s *sent, h int) bool {
	for w := 2; w <= d.x.lex.MaxTitleWords() && h-w+1 >= 0; w++ {
		if d.x.lex.IsTitle(lowJoin(s.toks[h-w+1 : h+1])) {
			return true
		}
	}
	return false
}

// givenNameWord reports whether a capitalized word may be a given name
// before a surname: not a title, demonym, organization or country the
// lexicon knows. A city may be ("Florence", "Austin" are given names too):
// between a title and a name nothing else stands.
func (d *doc) givenNameWord(t tok) bool { return d.nameWord(t, true) }

// bodyNameHeads end the names of public bodies, which no person and no
// place is named after: "the Kestrel Football Federation", "Ardena
// Diplomacy Forum", "the Federal Executive Council".
var bodyNameHeads = set("federation confederation council committee commission party ministry association " +
	"agency foundation institute organisation organization forum secretariat directorate")

// geoHeads open the names of features of the land and sea written with
// "of": "the Isle of Grain", "the Bay of Bengal", "Cape of Good Hope".
var geoHeads = set("isle island islands lake mount gulf bay strait straits cape sea mouth")

// placeBodyHeads are the bodyNameHeads a place's name never ends in ("the
// Roman Forum" is a place).
var placeBodyHeads = set("federation confederation council committee commission party ministry association " +
	"agency organisation organization secretariat directorate")

// bodyNames retypes as an organization a person or place span of two words
// or more that ends in the head of a body's name and that the lexicon does
// not know as a place ("the Russian Federation"): "Diplomacy Forum" read as
// a person. A place written right before it, which the tagger cut off or
// which a title's "of" split off ("President of Kestrel Football
// Federation"), is the first word of the body's name.
func (d *doc) bodyNames(s *sent, out []*mention) {
	toks := s.toks
	owner := tokenOwners(len(toks), out)
	for _, m := range out {
		// "the Isle of Grain", "the Gulf of Aden": a feature of the land
		// or the sea named so is a place.
		if m.b-m.a >= 3 && m.typ != graph.Place && !m.venue && geoHeads[toks[m.a].low] && toks[m.a].isCap() && toks[m.a+1].low == "of" &&
			!bodyNameHeads[toks[m.b-1].low] && !orgHeads[toks[m.b-1].low] && !institutionNouns[toks[m.b-1].low] {
			if _, ok := d.x.lex.Org(m.name); !ok {
				m.typ = graph.Place
				continue
			}
		}
		// "the CDU party": the kind of body written after its name in
		// lowercase is no part of the name.
		if m.typ == graph.Organization && m.b-m.a >= 2 && !m.venue {
			if t := toks[m.b-1]; t.kind == text.Word && t.text == t.low && (orgKinds[t.low] || t.low == "party") && toks[m.b-2].isCap() {
				m.b--
				m.name = joinToks(toks[m.a:m.b])
				continue
			}
		}
		if m.b-m.a < 2 || m.venue || (m.typ != graph.Person && m.typ != graph.Place) {
			continue
		}
		last := toks[m.b-1]
		if !last.isCap() || !bodyNameHeads[last.low] || m.typ == graph.Place && !placeBodyHeads[last.low] {
			continue
		}
		if _, ok := d.x.lex.Place(m.name); ok {
			continue
		}
		m.typ = graph.Organization
		if m.a == 0 {
			continue
		}
		o := owner[m.a-1]
		if o == nil || o == m || o.typ != graph.Place || o.venue || o.b != m.a || o.b-o.a > 2 {
			continue
		}
		for i := o.a; i < o.b; i++ {
			owner[i] = m
		}
		m.a, o.b = o.a, o.a
		m.name = joinToks(toks[m.a:m.b])
	}
}

// bracketAffiliations retypes as an organization a name in brackets right
// after a person's, which news writes for a politician's party ("Ana Ruiz
// (New Dawn)"), when the tagger took it for a place the lexicon does not
// know: a known place there is a country or a constituency.
func (d *doc) bracketAffiliations(s *sent, out []*mention) {
	toks := s.toks
	owner := tokenOwners(len(toks), out)
	for _, m := range out {
		if m.typ != graph.Place || m.venue || m.b <= m.a || m.a < 2 || m.b >= len(toks) {
			continue
		}
		if toks[m.a-1].text != "(" || toks[m.b].text != ")" {
			continue
		}
		p := owner[m.a-2]
		if p == nil || p.typ != graph.Person || p.b != m.a-1 {
			continue
		}
		if _, ok := d.x.lex.Place(m.name); ok {
			continue
		}
		m.typ = graph.Organization
	}
}

// lowBodies are a country's offices that news names by its demonym and a
// lowercase noun: "the Kenyan embassy said", "according to the Russian
// foreign ministry".
var lowBodies = set2("embassy", "consulate", "high commission", "foreign ministry", "defence ministry",
	"defense ministry", "interior ministry", "finance ministry", "trade ministry", "press service", "presidential office")

// sourceVerbs follow a source of news.
var sourceVerbs = set("said says told reported added stated announced confirmed noted wrote posted")

// governmentMentions finds a government that news names by its country,
// or its country's or region's adjective, and a capitalized "Government",
// as its official style has it: "the Kenyan Government", "the Kenya
// Government", "the South Africa Government", "the Cornish Government",
// but not a longer name that goes on ("the European Government Bond
// market"). The tagger leaves the
// adjective a MISC word. In a title-case line every word is capitalized,
// and the lowercase "the Kenyan government" is a description: neither is
// read.
func (d *doc) governmentMentions(s *sent, ms *mentionSet) {
	toks := s.toks
	n := len(toks)
	if titleCased(s) {
		return
	}
	for i := 1; i+1 < n; i++ {
		if toks[i-1].low != "the" || !toks[i].isCap() {
			continue
		}
		j := d.demonymAt(s, i)
		if j < 0 {
			j = d.countryAt(s, i)
		}
		if j < 0 && adjectiveOfPlace(toks[i]) && !faithAdjective(toks[i].low) {
			j = i + 1
		}
		if j < 0 || j >= n || toks[j].text != "Government" {
			continue
		}
		if j+1 < n && toks[j+1].kind == text.Word && toks[j+1].isCap() {
			continue // "the European Government Bond market": a longer name
		}
		free := true
		for k := i; k <= j; k++ {
			if o := ms.taken[k]; o != nil && o.b > o.a && (o.a < i || o.b > j+1 || o.typ == graph.Person) {
				free = false
			}
		}
		if free {
			ms.add(&mention{s: s, a: i, b: j + 1, typ: graph.Organization, name: joinToks(toks[i : j+1])})
		}
	}
}

// countryAt finds a country's name of one to three words starting at
// token j ("Kenya", "South Africa") and returns the token after it, or -1.
func (d *doc) countryAt(s *sent, j int) int {
	for w := 3; w >= 1; w-- {
		if j+w > len(s.toks) || !s.toks[j].isCap() {
			continue
		}
		if p, ok := d.x.lex.Place(joinToks(s.toks[j : j+w])); ok && p.Kind == lexicon.Country {
			return j + w
		}
	}
	return -1
}

// pressOffices are the capitalized offices that speak for a body whose
// name comes before them: "Acme Press Service", "Kremlin Press Office".
var pressOffices = set2("press service", "press office", "press secretariat", "information service")

// lowBodyMentions finds a country's office named by a demonym and a
// lowercase noun when it acts as a source ("the Kenyan embassy said",
// "according to the Kenyan embassy"), an organization named as written;
// elsewhere ("outside the Kenyan embassy") it is left alone.
func (d *doc) lowBodyMentions(s *sent, ms *mentionSet) {
	toks := s.toks
	n := len(toks)
	for i := 1; i < n; i++ {
		if toks[i-1].low != "the" {
			continue
		}
		j := d.demonymAt(s, i)
		if j < 0 {
			continue
		}
		for w := 2; w >= 1; w-- {
			if j+w > n || !lowBodies[lowJoin(toks[j:j+w])] || toks[j].isCap() {
				continue
			}
			e := j + w
			source := e < n && sourceVerbs[toks[e].low] ||
				i >= 3 && toks[i-3].low == "according" && toks[i-2].low == "to"
			free := true
			for k := i; k < e; k++ {
				if ms.taken[k] != nil && ms.taken[k].b > ms.taken[k].a {
					free = false
				}
			}
			if source && free {
				ms.add(&mention{s: s, a: i, b: e, typ: graph.Organization, name: joinToks(toks[i:e])})
			}
			break
		}
	}
}

// pressOfficeNames lengthens an organization over the capitalized press
// office written right after it: "Acme" + "Press Service".
func (d *doc) pressOfficeNames(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	for _, m := range out {
		if m.typ != graph.Organization || m.b <= m.a || m.b+2 > n || m.venue {
			continue
		}
		if !toks[m.b].isCap() || !toks[m.b+1].isCap() || !pressOffices[lowJoin(toks[m.b:m.b+2])] {
			continue
		}
		if owner[m.b] != nil || owner[m.b+1] != nil {
			continue
		}
		m.b += 2
		m.name = joinToks(toks[m.a:m.b])
	}
}

// titleOffices follow a title's possessive in the name of the office
// that serves it: "the Chief Minister's Office", "the President's
// Secretariat".
var titleOffices = set("office secretariat")

// titleOfficeMentions finds the office named after a capitalized title
// and its possessive, which the tagger reads as "Office" alone: "a
// statement from Chief Minister's Office said". It is an organization;
// a venue found there first ("at the Chief Minister's Office") stays.
func (d *doc) titleOfficeMentions(s *sent, ms *mentionSet) {
	toks := s.toks
	n := len(toks)
	for k := 1; k+1 < n; k++ {
		if toks[k].low != "'s" || !toks[k+1].isCap() || !titleOffices[toks[k+1].low] {
			continue
		}
		a := -1
		for w := min(k, d.x.lex.MaxTitleWords()); w >= 1; w-- {
			if toks[k-w].isCap() && d.x.lex.IsTitle(lowJoin(toks[k-w:k])) {
				a = k - w
				break
			}
		}
		if a < 0 {
			continue
		}
		free := true
		for i := a; i < k+2; i++ {
			if o := ms.taken[i]; o != nil && o.b > o.a && (o.venue || o.typ == graph.Person || o.b-o.a > 1) {
				free = false
			}
		}
		if free {
			ms.add(&mention{s: s, a: a, b: k + 2, typ: graph.Organization, name: joinToks(toks[a : k+2])})
		}
	}
}

// schoolHeads open the "of" of an institution's name: "the Velmar School
// of Oriental Studies", "Tarvik Institute of Technology".
var schoolHeads = set("school university institute college academy centre center faculty conservatory")

// institutionNames joins the parts of an institution's name that the
// tagger split around its head and "of" ("S. Rajaratnam" + "School of" +
// "International Studies"): the capitalized words before the head (a
// founder's name, a place) and after "of" are one organization, held by
// the first mention found inside (claimSpan).
func (d *doc) institutionNames(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	capTok := func(i int) bool {
		return i >= 0 && i < n && toks[i].kind == text.Word && toks[i].isCap() && !notNames[strings.TrimSuffix(toks[i].low, ".")]
	}
	for k := 0; k+2 < n; k++ {
		if !capTok(k) || !schoolHeads[toks[k].low] || toks[k+1].low != "of" || !capTok(k+2) {
			continue
		}
		end := k + 2
		for end < n && (capTok(end) || (toks[end].low == "and" || toks[end].low == "the") && capTok(end+1)) {
			end++
		}
		a := k
		for a > 0 && capTok(a-1) && !d.x.lex.IsTitle(strings.TrimSuffix(toks[a-1].low, ".")) {
			a--
		}
		claimSpan(toks, owner, a, end, graph.Organization, func(*mention) bool { return true })
		k = end - 1
	}
}

// spouseNames retypes as a person a one-word name the tagger took for an
// organization or a place right after a lowercase spouse noun: "the King
// and his wife Sorella", "with her husband Arne". The lexicon's places and
// bodies stay what they are.
func (d *doc) spouseNames(s *sent, out []*mention) {
	for _, m := range out {
		if m.b-m.a != 1 || m.a == 0 || m.venue || m.typ == graph.Person {
			continue
		}
		if p := s.toks[m.a-1]; !spouseNouns[p.low] || p.text != p.low {
			continue
		}
		if d.known(m.name) {
			continue
		}
		if _, ok := d.x.lex.Demonym(m.name); ok {
			continue
		}
		m.typ = graph.Person
	}
}

// finishBodyNames lengthens an organization span that names a body by its
// office and portfolio ("Department of", "Ministry of") and stops one word
// short of the portfolio's end, as the tagger does on a word it has not
// seen or a misspelled one ("Department of Harbour Maintenence"): one
// untagged capitalized word right after the span, ending the name before
// a comma, a stop or a lowercase word, is its last.
func (d *doc) finishBodyNames(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	for _, m := range out {
		if m.typ != graph.Organization || m.venue || m.b <= m.a || m.b >= n || owner[m.b] != nil {
			continue
		}
		office := false
		for k := m.a; k+1 < m.b; k++ {
			if bodyOffices[toks[k].low] && toks[k+1].low == "of" {
				office = true
			}
		}
		t := toks[m.b]
		if !office || t.kind != text.Word || !t.isCap() || notNames[t.low] || calendarWords[t.low] || strings.ToUpper(t.text) == t.text ||
			!d.plainNameWord(t) || d.x.lex.IsTitle(t.low) {
			continue
		}
		if m.b+1 < n {
			if nx := toks[m.b+1]; nx.kind == text.Word && nx.isCap() {
				continue
			}
		}
		owner[m.b] = m
		m.b++
		m.name = joinToks(toks[m.a:m.b])
	}
}
