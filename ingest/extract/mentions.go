package extract

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// mention is a named mention of an entity in a sentence.
type mention struct {
	s       *sent
	a, b    int // token range [a, b)
	typ     graph.EntityType
	name    string // the name as written, titles stripped
	title   string // the title before the name ("Secretary of State")
	country string // the country a demonym or possessive before the title names
	orgs    []string
	venue   bool
	ta      int    // the token where the title before the name starts
	written string // the form as written, when name is a canonical form
	ent     *entity
}

// start is the token where the mention begins, with the title written
// before the name ("Defence Minister A" begins at "Defence").
func (m *mention) start() int {
	if m.title != "" && m.ta < m.a {
		return m.ta
	}
	return m.a
}

// nameModal reports whether token i of s is a surname that is also a
// month or a modal ("Theresa May met", "Ana June said"): capitalized
// inside a sentence, right after a capitalized word and before a lowercase
// one, so neither a date ("May 5", "in May 2016") nor a title-case
// headline's "Will Meet".
func nameModal(s *sent, i int) bool {
	if i < 1 || i+1 >= len(s.toks) || !surnameWords[s.toks[i].low] || !s.toks[i].isCap() || !s.toks[i-1].isCap() ||
		s.toks[i-1].kind != text.Word || closedWord(s, i-1) {
		return false
	}
	t := s.toks[i+1]
	return t.kind == text.Word && t.text == t.low
}

// surnameWords are months and modals that are also surnames.
var surnameWords = set("may june april august march will")

// notNames are capitalized words a tagger may take for names: days, months,
// sentence adverbs, determiners, pronouns and interrogatives.
var notNames = set("monday tuesday wednesday thursday friday saturday sunday " +
	"january february march april may june july august september october november december " +
	"the a an this that these those what who whom whose which when where why how " +
	"meanwhile however moreover also but and or yet so then still instead indeed " +
	"he she it they we i you his her its their our my your him them us " +
	"mr mrs ms dr sir madam mister today yesterday tomorrow tonight " +
	"follow share subscribe comment comments related read more advertisement photo video " +
	"world")

// settlementWords name a kind of town: "the seaside resort of X", "the port
// city of X" name the town X.
var settlementWords = set("resort town city village port capital enclave island province region district " +
	"municipality county hamlet suburb oasis territory outskirts")

// headlineVerbs are the verbs of title-case headlines ("A Meets B", "A
// Tells B", "A Hosts B") that are never the last word of a body's name, so
// they end any name the tagger runs over them.
var headlineVerbs = set("meets tells says hosts visits urges calls holds welcomes slams backs vows warns " +
	"discusses receives pledges signs arrives agrees announces seeks hails accuses praises thanks invites " +
	"congratulates lands greets unveils rejects condemns defends denies confirms insists reaffirms stresses")

// moreHeadlineVerbs are further verbs of title-case headlines ("A Inks Deal
// With B", "A Lauds B") that may also be a word of a body's name ("Hope
// Shares Foundation", "Global Opens Trust"): they end a person's name, or
// any name in a headline, but not an organization's name in prose.
var moreHeadlineVerbs = set("secures wins loses gets makes takes gives opens launches pushes joins quits returns reveals shares sends " +
	"offers expects eyes faces fails hits nears promises raises shows starts targets touts weighs " +
	"outlines lauds felicitates inaugurates attends addresses appoints approves asks assures " +
	"becomes blasts briefs brings considers criticises criticizes demands delivers discloses dismisses explains " +
	"extends helps inks lashes lifts mulls presents proposes reiterates resigns snubs speaks " +
	"sues supports suspends threatens unites upholds withdraws clinches bags grabs scores")

// headlineVerb reports whether a lowercased word is a headline's verb that
// ends a name: any of them when wide (a person's name, or a title-case
// headline), else only those never inside a body's name.
func headlineVerb(low string, wide bool) bool {
	return headlineVerbs[low] || wide && moreHeadlineVerbs[low]
}

// closedWords are auxiliaries, prepositions and conjunctions that title
// case capitalizes ("A Has Talks With B", "Trump On Trade"): never the
// first or last word of a name, nor inside a person's. Organizations keep
// theirs inside ("Council on Foreign Relations"); "of", "and" and "the"
// are not here, being inside many names.
var closedWords = set("has have had is was are were be been will would can could should may might must does did do " +
	"to on in at with for from by as after before about into over under during against amid between without " +
	"but or nor if than while")

// closedWord reports whether token i is a function word capitalized only
// by style: at the start of the sentence, or anywhere in a title-case
// line. Elsewhere a capital marks a name ("Moon Jae In").
func closedWord(s *sent, i int) bool {
	if !closedWords[s.toks[i].low] {
		return false
	}
	return firstWord(s, i) || titleCased(s)
}

// firstWord reports whether token i is the first word of s.
func firstWord(s *sent, i int) bool {
	for _, t := range s.toks[:i] {
		if t.kind == text.Word {
			return false
		}
	}
	return true
}

// titleCased reports whether s is written in title case: every word of
// three letters or more capitalized, but the function words style guides
// leave lowercase, and at least three of them. A sentence of prose has a
// lowercase verb or noun somewhere.
func titleCased(s *sent) bool {
	long := 0
	for _, t := range s.toks {
		if t.kind != text.Word || len(t.text) < 3 || closedWords[t.low] || notNames[t.low] || !unicode.IsLetter([]rune(t.text)[0]) {
			continue
		}
		if !t.isCap() {
			return false
		}
		long++
	}
	return long >= 3
}

// calendarWords are the days and months, never part of a venue's name.
var calendarWords = set("monday tuesday wednesday thursday friday saturday sunday " +
	"january february march april may june july august september october november december")

// venueModifiers are lowercase words that may sit inside a venue's name.
var venueModifiers = set("state guest national presidential royal grand great city town county " +
	"convention exhibition conference international official summer winter people of the")

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// mentions finds the named mentions of s from the tagger's labels, the
// gazetteer, venue patterns and title patterns.
func (d *doc) mentions(s *sent, labels []ner.Label) []*mention {
	ms := &mentionSet{taken: make([]*mention, len(s.toks))}
	d.venueMentions(s, ms)
	d.churchMentions(s, ms)
	d.taggedMentions(s, ms, labels)
	d.gazetteerMentions(s, ms)
	d.hostMentions(s, ms)
	d.acronymMentions(s, ms)
	d.serviceMentions(s, ms)
	d.lowBodyMentions(s, ms)
	d.governmentMentions(s, ms)
	d.titleOfficeMentions(s, ms)
	d.makerMentions(s, ms)
	d.titledMentions(s, ms)
	out := ms.list
	d.joinNames(s, out)
	d.joinPatronyms(s, out)
	d.joinPlaceParticles(s, out)
	d.joinHyphenated(s, out)
	d.orgsAfterTitles(s, out)
	d.growOrgNames(s, out)
	d.finishBodyNames(s, out)
	d.institutionNames(s, out)
	d.divisionNames(s, out)
	d.companyNames(s, out)
	d.bodyNames(s, out)
	d.bracketAffiliations(s, out)
	d.portfolioNames(s, out)
	d.pressOfficeNames(s, out)
	d.spouseNames(s, out)
	d.extendNames(s, out)
	d.joinNameHeads(s, out)
	d.titledPersons(s, out)
	d.postNominalPersons(s, out)
	d.stateNames(s, out)
	kept := d.keptMentions(s, out)
	sortMentions(kept)
	kept = d.dropCommonPhrases(s, kept)
	kept = d.dropKindNames(s, kept)
	kept = dropTitlePlaces(s, kept)
	d.functionWordSurnames(s, kept)
	kept = datedNames(s, kept)
	abbr := d.placeTitleAbbrevs(kept)
	s.ments = kept
	for _, m := range kept {
		if m.typ == graph.Person {
			d.titleBefore(m)
			if a, ok := abbr[m]; ok && m.title == "" {
				m.title, m.ta = s.toks[a].text, a
			}
		}
	}
	d.dropInsideTitles(s)
	d.appositionTitles(s)
	d.locativePlaces(s)
	return s.ments // titleBefore may add the employer it finds
}

// keptMentions cleans up the mentions found in s: it drops the overlapped
// ones and photo credits, strips titles off persons and filters out what
// is not a name.
func (d *doc) keptMentions(s *sent, found []*mention) []*mention {
	credit := photoCredits(s)
	var kept []*mention
	for _, m := range found {
		if m.b <= m.a || credit[m.a] {
			continue
		}
		// "the King Omar Center": a building named after a person.
		if m.typ == graph.Person && namedBuilding(s.toks, m.a, m.b) {
			m.typ, m.venue = graph.Place, true
			for m.a > 0 && s.toks[m.a-1].isCap() && d.x.lex.IsTitle(s.toks[m.a-1].low) {
				m.a-- // the title is part of the building's name
			}
		}
		// "Villa Aurelia", "Palazzo Vetti", "Schloss Hennow": a building
		// named head first, as many languages name them, is a venue.
		if (m.typ == graph.Person || m.typ == graph.Organization) && headFirstVenue(s.toks, m.a, m.b) && !d.known(m.name) {
			m.typ, m.venue = graph.Place, true
		}
		if m.typ == graph.Person {
			d.stripTitle(m)
			d.stripPostNominal(m)
			if m.b <= m.a {
				continue
			}
		}
		// "Paris-born Ana Ruiz": the adjective made of a place is no part
		// of the name after it.
		for m.b-m.a > 1 && adjectivalName(s.toks[m.a:m.a+1]) {
			m.a++
		}
		// "the Ana Ruiz-led delegation", "an Acme Energy-owned plant": a
		// name made an adjective by its last word names nothing here (the
		// tagger drops such spans; a title before one may not).
		if adjectivalName(s.toks[m.a:m.b]) {
			continue
		}
		// "the Autonomous City of X": the kind of a city is no name; X is.
		if m.typ != graph.Person {
			if c := cityKindPrefix(s.toks, m.a, m.b); c > m.a {
				if c >= m.b {
					continue
				}
				m.a, m.typ = c, graph.Place
			}
		}
		// "the Temple of Heaven", "the Palace of Westminster": a landmark
		// named "<building> of X" is a place, not a body.
		if m.typ == graph.Organization && landmarkOf(s.toks, m.a, m.b) {
			m.typ, m.venue = graph.Place, true
		}
		// "the Kestrel Tower" after an article is a building, not a person.
		if m.typ == graph.Person && landmarkWords[s.toks[m.b-1].low] && objectName(s.toks, m.a, m.b) {
			m.typ = graph.Place
		}
		m.name = joinToks(s.toks[m.a:m.b])
		if !d.plausibleName(m) || d.notAName(m) {
			continue
		}
		// "the Commonwealth Games", "the World Athletics Championships":
		// a body's name opening a competition's names the competition.
		if m.typ == graph.Organization && !m.venue && competitionAfter(s.toks, m.b) {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// competitionNouns end the names of sporting competitions that may open
// with the name of the body that holds them.
var competitionNouns = set("games championship championships olympics paralympics")

// competitionAfter reports whether a capitalized competition noun stands at
// token b, maybe after capitalized words that name the kind of Games
// (eventNounModifiers: "Winter", "Youth"): "X Championship", "X Winter
// Games".
func competitionAfter(toks []tok, b int) bool {
	for b < len(toks) && eventNounModifiers[toks[b].low] && toks[b].isCap() {
		b++
	}
	return b < len(toks) && toks[b].isCap() && competitionNouns[toks[b].low]
}

// mentionSet is the mentions of one sentence while they are found, in the
// order found. A token belongs to at most one: a mention added over
// tokens that an earlier one holds empties the earlier one.
type mentionSet struct {
	taken []*mention // the mention holding each token
	list  []*mention
}

// add records m, emptying every mention it overlaps.
func (ms *mentionSet) add(m *mention) {
	for i := m.a; i < m.b; i++ {
		if old := ms.taken[i]; old != nil {
			old.b = old.a // drop the overlapped mention
		}
	}
	for i := m.a; i < m.b; i++ {
		ms.taken[i] = m
	}
	ms.list = append(ms.list, m)
}

// venueMentions finds venues: "at (the) Grand Hall of the Nation", "at the Lake
// state guesthouse".
func (d *doc) venueMentions(s *sent, ms *mentionSet) {
	lex := d.x.lex
	n := len(s.toks)
	for i := 0; i+1 < n; i++ {
		if s.toks[i].low != "at" && s.toks[i].low != "in" && s.toks[i].low != "inside" {
			continue
		}
		j := i + 1
		if j < n && s.toks[j].low == "the" {
			j++
		}
		if j >= n || !s.toks[j].isCap() {
			continue
		}
		k, hasVenue := j, false
		for k < n {
			t := s.toks[k]
			if calendarWords[t.low] {
				break // "the Elysee Palace Wednesday": a day is no part of a venue
			}
			// "the Al-Noor palace", "Heron's Cove Resort and Spa": a joined
			// hyphen, a possessive and an "and" before a capitalized word
			// stay inside the name.
			if k > j && k+1 < n && s.toks[k+1].isCap() && s.toks[k+1].kind == text.Word &&
				(isDash(t.text) && t.span.Start == s.toks[k-1].span.End && s.toks[k+1].span.Start == t.span.End ||
					isPossessive(s.toks, k) || t.low == "and" && hasVenue) {
				// "at Velden's Stansted airport": a known place's possessive
				// opens the venue's name; one other word's ("A's residence")
				// may be an owner's, so the name stops there; two words'
				// ("Taj Heron's Cove") are part of the name.
				if isPossessive(s.toks, k) && d.known(joinToks(s.toks[j:k])) {
					j = k + 1
				} else if isPossessive(s.toks, k) && k-j < 2 {
					break
				}
				k++
				continue
			}
			if lex.IsVenueWord(t.low) {
				hasVenue = true
			} else if !t.isCap() && !venueModifiers[t.low] {
				break
			}
			if t.kind != text.Word {
				break
			}
			k++
		}
		if c := d.trailingCredit(s, j, k); c > j {
			k = c // "at the Villa Aurelia AFP": a caption's credit
		}
		// Trim trailing function words.
		for k > j && (s.toks[k-1].low == "of" || s.toks[k-1].low == "the") {
			k--
		}
		// "the Grand Palace hotel": a lowercase venue word after a name that
		// already ends in a venue word is a descriptor, not part of the name.
		for p := j + 2; p < k; p++ {
			if !s.toks[p].isCap() && s.toks[p-1].isCap() && lex.IsVenueWord(s.toks[p-1].low) {
				tail := true
				for q := p; q < k; q++ {
					if s.toks[q].isCap() || !lex.IsVenueWord(s.toks[q].low) {
						tail = false
					}
				}
				if tail {
					k = p
				}
				break
			}
		}
		// "the seaside resort of <town>" and "the lakeside resort town <town>"
		// name the town, not a venue.
		for p := j + 1; p+1 < k; p++ {
			if settlementWords[s.toks[p].low] && (s.toks[p+1].low == "of" || !s.toks[p].isCap() && s.toks[p+1].isCap()) {
				hasVenue = false
			}
		}
		if hasVenue && k-j >= 2 {
			name := joinToks(s.toks[j:k])
			if _, isPlace := lex.Place(name); !isPlace {
				ms.add(&mention{s: s, a: j, b: k, typ: graph.Place, name: name, venue: true})
				i = k - 1
			}
		}
	}
}

// churchMentions finds saints' churches: "St Peter's", "St. George's Chapel".
func (d *doc) churchMentions(s *sent, ms *mentionSet) {
	lex := d.x.lex
	n := len(s.toks)
	for i := 0; i < n; i++ {
		if end := saintsPlace(s, i); end > i && ms.taken[i] == nil {
			venue := lex.IsVenueWord(s.toks[end-1].low) || churchWords[s.toks[end-1].low]
			ms.add(&mention{s: s, a: i, b: end, typ: graph.Place, name: joinToks(s.toks[i:end]), venue: venue})
			i = end - 1
		}
	}
}

// taggedMentions keeps the tagger's spans on the tokens still free, trimmed
// of headline verbs and function words, and typed.
func (d *doc) taggedMentions(s *sent, ms *mentionSet, labels []ner.Label) {
	lex := d.x.lex
	n := len(s.toks)
	headline := titleCased(s)
	for i := 0; i < n; {
		l := labels[i]
		if l.Type == ner.None || ms.taken[i] != nil {
			i++
			continue
		}
		j := i + 1
		for j < n && labels[j].Type == l.Type && !labels[j].Begin && ms.taken[j] == nil {
			j++
		}
		// "Theresa May met": a surname that is also a month or a modal,
		// which the tagger leaves out, belongs to the name before it.
		if l.Type == ner.PER && j < n && ms.taken[j] == nil && labels[j].Type == ner.None && nameModal(s, j) {
			j++
		}
		next := j
		// A title-case headline verb is no part of a name: "A Meets B"
		// is two people, "A Tells" one.
		for v := i + 1; v < j; v++ {
			if gluedSentenceStart(s.toks[v]) {
				j = v // the rest of the run opens the next sentence
				break
			}
			if headlineVerb(s.toks[v].low, headline || l.Type == ner.PER) || (l.Type == ner.PER && closedWord(s, v) && !nameModal(s, v)) {
				j, next = v, v+1
				break
			}
		}
		if headlineVerb(s.toks[i].low, headline || l.Type == ner.PER) {
			i = next
			continue
		}
		// "… at the Palace Reuters": a caption's credit closing the line,
		// glued to the name before it, is no part of that name.
		if k := d.trailingCredit(s, i, j); k > i {
			j, next = k, k
		}
		// A name's words are capitalized but for its particles ("bin",
		// "de", "el-"): "PM Imran further said" names Imran.
		if l.Type == ner.PER {
			for v := i + 1; v < j; v++ {
				if t := s.toks[v]; t.kind == text.Word && t.text == t.low && !nameJoiners[t.low] && !articleName(t.text) {
					j = v
					break
				}
			}
		}
		// "Hong Kong-based", "Paris-born": a name made an adjective names
		// nothing the story is about.
		if adjectivalName(s.toks[i:j]) {
			i = next
			continue
		}
		// Nor does a name start or end with a function word ("On",
		// "Has") that title case or a sentence start capitalized.
		for i < j && closedWord(s, i) {
			i++
		}
		for j > i && closedWord(s, j-1) && !(l.Type == ner.PER && nameModal(s, j-1)) {
			j--
		}
		if i == j {
			i = next
			continue
		}
		// "President of Senegal Aminata Diop": the title's country (or
		// body) and the name the tagger ran together are two mentions.
		if c, typ := d.ownerBeforeName(s, i, j); c > i {
			ms.add(&mention{s: s, a: i, b: c, typ: typ, name: joinToks(s.toks[i:c])})
			ms.add(&mention{s: s, a: c, b: j, typ: graph.Person, name: joinToks(s.toks[c:j])})
			i = next
			continue
		}
		// "the North's National Olympic Committee": the owner before a
		// possessive is no part of an organization's name of two words
		// or more (a plural's "Workers' Party" is a name's own).
		if l.Type == ner.ORG {
			for v := j - 3; v > i; v-- {
				if s.toks[v].low == "'s" {
					i = v + 1
					break
				}
			}
		}
		// "an ambassador for Acme for Education and Global Citizen": a
		// span that stops one word into the second of two coordinated
		// bodies is two organizations.
		if l.Type == ner.ORG {
			if v, e := coordinatedOrgs(s, labels, i, j); v > i {
				ms.add(&mention{s: s, a: i, b: v, typ: graph.Organization, name: joinToks(s.toks[i:v])})
				ms.add(&mention{s: s, a: v + 1, b: e, typ: graph.Organization, name: joinToks(s.toks[v+1 : e])})
				i = e
				continue
			}
		}
		m := &mention{s: s, a: i, b: j, name: joinToks(s.toks[i:j])}
		if l.Type != ner.PER && d.titledName(s, i, j) {
			l.Type = ner.PER // "from Queen Ana's library": a title and a name
		}
		if l.Type == ner.ORG && j-i >= 2 && landmarkWords[s.toks[j-1].low] {
			l.Type = ner.LOC // "the Shore Temple", "the National Palace": a building, not a body
		}
		switch l.Type {
		case ner.PER:
			m.typ = graph.Person
		case ner.ORG:
			m.typ = graph.Organization
		case ner.LOC:
			m.typ = graph.Place
		default: // MISC: keep only what the lexicon knows as an institution
			if _, ok := lex.Org(m.name); ok {
				m.typ = graph.Organization
			} else if h := hostBefore(s, i, j); h > i && !d.regionAdjective(s.toks[i:h]) {
				// "the Vellmark Winter Olympics": the host town is a place.
				m.b, m.name, m.typ = h, joinToks(s.toks[i:h]), graph.Place
			}
		}
		if _, ok := lex.Demonym(m.name); ok && m.typ != graph.Person {
			m.typ = graph.EntityUnknown // "Chinese" is an adjective, not an entity
			if p, ok := lex.Place(m.name); ok && p.Kind == lexicon.Country {
				m.typ = graph.Place
			}
		}
		if m.typ != graph.EntityUnknown {
			ms.add(m)
		}
		i = next
	}
}

// gazetteerMentions adds the places and institutions the tagger missed or
// mistyped.
func (d *doc) gazetteerMentions(s *sent, ms *mentionSet) {
	lex := d.x.lex
	n := len(s.toks)
	for i := 0; i < n; i++ {
		if !s.toks[i].isCap() || !lex.MayStartName(s.toks[i].text) {
			continue
		}
		for w := 5; w >= 1; w-- {
			if i+w > n {
				continue
			}
			if s.toks[i+w-1].kind == text.Punct {
				continue // "Aires." is not "Buenos Aires" plus a period
			}
			if last := s.toks[i+w-1]; w > 1 && last.kind == text.Word && last.text == last.low {
				continue // "The sun rose" is no paper "The Sun": a name ends capitalized
			}
			name := joinToks(s.toks[i : i+w])
			typ, venue := graph.EntityUnknown, false
			if p, ok := lex.Place(name); ok {
				typ, venue = graph.Place, p.Kind == lexicon.Venue
			} else if _, ok := lex.Org(name); ok {
				typ = graph.Organization
			}
			if typ == graph.EntityUnknown {
				continue
			}
			if typ == graph.Organization && w > 1 && s.toks[i].low == "the" && firstWord(s, i) && !actsAsSource(s, i+w) {
				continue // "The Sun rose over the bay": a paper's "The" capitalized as the sentence's first word
			}
			// The gazetteer wins over a tagger span of the same extent, and
			// fills gaps; it never cuts a longer tagger span.
			ok := true
			for k := i; k < i+w; k++ {
				if t := ms.taken[k]; t != nil && t.b > t.a && (t.a < i || t.b > i+w) {
					ok = false
				}
			}
			if ok {
				ms.add(&mention{s: s, a: i, b: i + w, typ: typ, name: name, venue: venue})
				i += w - 1
				break
			}
		}
	}
}

// paperVerbs follow a paper or agency named as a source: "The Sun said",
// "The Daily Ledger quoted".
var paperVerbs = set("said says told reported reports added stated announced confirmed noted wrote posted " +
	"quoted cited revealed published learned learnt understands")

// actsAsSource reports whether the name ending before token i is read as a
// paper's (possessive, or a verb of reporting after it), as a body's name
// written with "The" at a sentence's start must be to be more than the
// capitalized first word of prose ("The Sun rose", "The Times changed").
func actsAsSource(s *sent, i int) bool {
	if i >= len(s.toks) {
		return false
	}
	return isPossessive(s.toks, i) || paperVerbs[s.toks[i].low]
}

// acronymMentions joins a national body's acronym to the demonym before it:
// "the German FA".
func (d *doc) acronymMentions(s *sent, ms *mentionSet) {
	n := len(s.toks)
	for i := 0; i+1 < n; i++ {
		j := d.demonymAt(s, i)
		if j < 0 || j >= n || ms.taken[i] != nil {
			continue
		}
		o := ms.taken[j]
		if o == nil || o.a != j || o.b != j+1 || o.typ != graph.Organization || !isAcronym(s.toks[j].text) {
			continue
		}
		o.a = i
		for k := i; k < j; k++ {
			ms.taken[k] = o
		}
		o.name = joinToks(s.toks[o.a:o.b])
	}
}

// serviceMentions finds national services: "the French Air Force", "the
// Royal Navy".
func (d *doc) serviceMentions(s *sent, ms *mentionSet) {
	n := len(s.toks)
	for i := 0; i < n; i++ {
		j := d.demonymAt(s, i)
		if j < 0 {
			if s.toks[i].low != "royal" || !s.toks[i].isCap() {
				continue
			}
			j = i + 1
		}
		for w := 3; w >= 1; w-- {
			if j+w > n || !nationalServices[lowJoin(s.toks[j:j+w])] {
				continue
			}
			free := true
			for k := i; k < j+w; k++ {
				if !s.toks[k].isCap() || (ms.taken[k] != nil && ms.taken[k].b > ms.taken[k].a) {
					free = false
				}
			}
			if free {
				ms.add(&mention{s: s, a: i, b: j + w, typ: graph.Organization, name: joinToks(s.toks[i : j+w])})
				i = j + w - 1
			}
			break
		}
	}
}

// makerMentions finds the makers the tagger missed: "a deal for Acme
// transport aircraft".
func (d *doc) makerMentions(s *sent, ms *mentionSet) {
	n := len(s.toks)
	for i := 1; i+1 < n; i++ {
		t := s.toks[i]
		if ms.taken[i] != nil || t.kind != text.Word || !t.isCap() || notNames[t.low] || s.toks[i-1].kind != text.Word || s.toks[i-1].isCap() {
			continue
		}
		if !d.plainNameWord(t) {
			continue
		}
		for k := i + 1; k < n && k < i+3; k++ {
			if s.toks[k].kind != text.Word || s.toks[k].isCap() {
				break
			}
			if productNouns[s.toks[k].low] {
				ms.add(&mention{s: s, a: i, b: i + 1, typ: graph.Organization, name: t.text})
				break
			}
		}
	}
}

// titledMentions finds the persons after a title that the tagger missed:
// "Foreign Minister Ana Ruiz".
func (d *doc) titledMentions(s *sent, ms *mentionSet) {
	lex := d.x.lex
	n := len(s.toks)
	for i := 0; i < n; i++ {
		end := d.titleEndingAt(s, i)
		if end < 0 || end >= n || ms.taken[end] != nil || !s.toks[end].isCap() {
			continue
		}
		k := end
		for k < n && k-end < 3 && s.toks[k].isCap() && s.toks[k].kind == text.Word && ms.taken[k] == nil && !notNames[s.toks[k].low] {
			if _, dem := lex.Demonym(s.toks[k].text); dem {
				break
			}
			if headlineVerb(s.toks[k].low, true) || closedWord(s, k) {
				break // "PM Visits Orvia": a headline's verb, no name
			}
			k++
		}
		if k > end {
			ms.add(&mention{s: s, a: end, b: k, typ: graph.Person, name: joinToks(s.toks[end:k])})
		}
	}
}

// churchWords name what a saint's name with a possessive may stand before:
// "St. George's Chapel", "St Mary's Cathedral".
var churchWords = set("chapel church basilica cathedral abbey square hospital college school priory")

// saintsPlace reads a saint's place at token i, "St Peter's", "St.
// George's Chapel", "Saint Mary's Cathedral": a saint's name with a
// possessive names a church (or what is named after it), never the saint.
// It returns the token after it, or -1.
func saintsPlace(s *sent, i int) int {
	toks := s.toks
	if i >= len(toks) || (toks[i].text != "St" && toks[i].text != "St." && toks[i].text != "Saint") {
		return -1
	}
	j := i + 1
	if j < len(toks) && toks[j].text == "." && toks[j].span.Start == toks[i].span.End {
		j++
	}
	k := j
	for k < len(toks) && k < j+2 && toks[k].kind == text.Word && toks[k].isCap() {
		k++
	}
	if k == j || !isPossessive(toks, k) {
		return -1
	}
	k++
	for k < len(toks) && toks[k].kind == text.Word && toks[k].isCap() && churchWords[toks[k].low] {
		k++
	}
	return k
}

// landmarkWords end the names of buildings, monuments and industrial
// sites, which are places whatever the tagger typed them ("house",
// "office" and "center" end the names of bodies too, and are left out).
var landmarkWords = set("palace temple cathedral mosque church chapel basilica castle tower wall gate bridge " +
	"stadium arena square monument memorial fort fortress museum shrine pagoda " +
	"factory refinery shipyard smelter")

// headFirstVenues open the names of buildings and sites that English takes
// over from other languages or writes head first: "Villa Aurelia",
// "Palazzo Vetti", "Schloss Hennow", "Château de Vaux".
var headFirstVenues = set("villa palazzo palais palacio palácio château chateau schloss")

// headFirstVenue reports whether toks[a:b] is a building named head first:
// a head word and one to three capitalized words or particles after it,
// none of them the head of a body's or a company's name.
func headFirstVenue(toks []tok, a, b int) bool {
	if b-a < 2 || b-a > 4 || !headFirstVenues[toks[a].low] || !toks[a].isCap() {
		return false
	}
	for _, t := range toks[a+1 : b] {
		if t.kind != text.Word || orgHeads[t.low] || bodyNameHeads[t.low] || institutionNouns[t.low] {
			return false
		}
	}
	return true
}

// adjectiveSuffixes turn a name into an adjective: "Hong Kong-based",
// "Paris-born", "Acme-owned".
var adjectiveSuffixes = []string{"-based", "-born", "-led", "-backed", "-owned", "-run", "-funded", "-made", "-style", "-bound", "-registered", "-headquartered"}

// adjectivalName reports whether a span ends in a name made an adjective.
func adjectivalName(ts []tok) bool {
	if len(ts) == 0 {
		return false
	}
	for _, suf := range adjectiveSuffixes {
		if w := ts[len(ts)-1].low; strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return true
		}
	}
	return false
}

// titledName reports whether tokens [i, j), which the tagger took for a
// place or an organization, are a person's title and a name of one to
// three plain name words: "Queen Ana", "Emperor Taro", "Mr Ruiz". A name the lexicon
// knows ("Prince Edward Island") or one that ends in a venue or company
// word ("King Fahd Stadium") stays what it is.
func (d *doc) titledName(s *sent, i, j int) bool {
	lex := d.x.lex
	// The title may be of several words: "Peace Prize Laureate Ana Ruiz".
	t := d.titleEndingAt(s, i)
	if t <= i || t >= j || j-t > 3 {
		return false
	}
	name := joinToks(s.toks[i:j])
	if _, ok := lex.Place(name); ok {
		return false
	}
	if _, ok := lex.Org(name); ok {
		return false
	}
	for _, t := range s.toks[t:j] {
		if t.kind != text.Word || !t.isCap() || !d.plainNameWord(t) || lex.IsVenueWord(t.low) || orgHeads[t.low] || settlementWords[t.low] {
			return false
		}
	}
	return true
}

// orgHeads are the capitalized words that end a company's or group's name:
// "Acme Energy Solutions", "Initech Holdings", "Globex Motors".
var orgHeads = set("energy solution solutions systems group holdings motors airlines airways bank " +
	"technologies technology industries corporation corp inc ltd limited plc co company " +
	"enterprises partners capital investments electronics pharmaceuticals petroleum steel " +
	"chemicals logistics aerospace networks telecom communications " +
	"foundation institute association society trust fund academy images pictures " +
	"music records studios entertainment media publishing")

// companyNames lengthens a person or organization mention over the company
// words the tagger left out after it ("Acme Energy" + "Solutions") and
// retypes as organizations the person spans that end in a company word or in
// a capitals-only code ("Acme SDI", "Acme Holdings"): people are not named so.
func (d *doc) companyNames(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	for _, m := range out {
		if m.b <= m.a || m.venue || (m.typ != graph.Person && m.typ != graph.Organization) {
			continue
		}
		grown := false
		for m.b < n && toks[m.b].kind == text.Word && toks[m.b].isCap() && orgHeads[toks[m.b].low] &&
			toks[m.b].span.Start > toks[m.b-1].span.End {
			if o := owner[m.b]; o != nil && o != m {
				if o.b-o.a != 1 || o.typ == graph.Place {
					break
				}
				o.b = o.a
			}
			owner[m.b] = m
			m.b++
			grown = true
		}
		// "the Ana Ruiz charity foundation": a name that "the" opens and a
		// lowercase kind of organization follows names that organization.
		if m.typ == graph.Person && m.title == "" && m.a > 0 && toks[m.a-1].low == "the" && m.b < n &&
			toks[m.b].text == toks[m.b].low && orgKinds[toks[m.b].low] {
			m.typ = graph.Organization
		}
		if m.typ == graph.Person && m.b-m.a >= 2 && m.title == "" {
			last := toks[m.b-1]
			code := last.kind == text.Word && len(last.text) >= 2 && len(last.text) <= 5 &&
				strings.ToUpper(last.text) == last.text && strings.ToLower(last.text) != last.text && !romanNumeral(last.text) &&
				!d.x.lex.IsTitle(last.low) // "Ana Ruiz MNA": a lawmaker's letters, no company's code
			if grown || orgHeads[last.low] || code {
				m.typ = graph.Organization
			}
		}
		if grown {
			m.name = joinToks(toks[m.a:m.b])
		}
	}
}

// orgKinds are lowercase nouns for a kind of organization that a name
// may modify: "the Ana Ruiz charity foundation", "the Acme group".
var orgKinds = set("foundation charity institute trust fund company firm group organization organisation agency association")

// romanNumeral reports a regnal or generational numeral: "II", "IV", "XIV".
func romanNumeral(w string) bool {
	return strings.Trim(w, "IVXLC") == ""
}

// nationalServices are the armed and public services a country's demonym
// names: "the French Air Force", "the Japanese Coast Guard".
var nationalServices = set2("air force", "navy", "army", "coast guard", "armed forces", "marine corps",
	"marines", "national guard", "national police", "federal police", "space agency", "central bank")

func set2(phrases ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range phrases {
		m[p] = true
	}
	return m
}

// creditWords open a bracketed photo credit: "(Photo: A/Agency)".
var creditWords = set("photo photos photograph picture pic image images credit file")

// photoCredits marks the tokens of bracketed photo credits, "(Photo: Jane
// Doe/Agency)", "(photo by Jane Doe)": the photographer and the agency are
// credits for the picture, not names the story reports.
// nameSlashOutlet reports whether the tokens from i read "Name Name/Outlet)":
// one to four capitalized words, a slash, one to three more, and the
// closing parenthesis or bracket.
func nameSlashOutlet(s *sent, i int) bool {
	k := nameSlashRun(s, i)
	return k > 0 && k < len(s.toks) && (s.toks[k].low == ")" || s.toks[k].low == "]")
}

// nameSlashRun reads "Name Name/Outlet" from token i and returns the token
// after it, or -1.
func nameSlashRun(s *sent, i int) int {
	j := i
	for j < len(s.toks) && j-i < 4 && s.toks[j].kind == text.Word && s.toks[j].isCap() {
		j++
	}
	if j == i || j >= len(s.toks) || s.toks[j].low != "/" {
		return -1
	}
	k := j + 1
	for k < len(s.toks) && k-j <= 3 && s.toks[k].kind == text.Word && s.toks[k].isCap() {
		k++
	}
	if k == j+1 {
		return -1
	}
	return k
}

// postSignature reports whether s is the signature under an embedded
// post, "— Ana Ruiz (@anaruiz) January 29, 2020" (findPostSign), and
// nothing else. Whoever posted is named by the post, not the story.
func postSignature(s *sent) bool {
	sg, ok := findPostSign(s.text)
	return ok && strings.TrimSpace(s.text[:sg.start]) == ""
}

// captionCredit reports whether an unbracketed "Name Name/Outlet", the
// slash written without spaces, starts at token i and closes the sentence:
// "… January 28, 2020. Ana Ruiz/Pool via AGENCY", "Credit: Ana Ruiz/Agency".
func captionCredit(s *sent, i int) bool {
	if i > 0 && s.toks[i-1].kind == text.Word && !creditWords[s.toks[i-1].low] && s.toks[i-1].low != "by" {
		return false
	}
	k := nameSlashRun(s, i)
	if k < 0 {
		return false
	}
	for j := i + 1; j < k; j++ {
		if s.toks[j].low == "/" && (s.toks[j].span.Start != s.toks[j-1].span.End || s.toks[j+1].span.Start != s.toks[j].span.End) {
			return false
		}
	}
	return k >= len(s.toks) || s.toks[k].low == "via" || s.toks[k].low == "." && k+1 == len(s.toks)
}

func photoCredits(s *sent) []bool {
	if postSignature(s) || creditLine(s) {
		in := make([]bool, len(s.toks))
		for i := range in {
			in[i] = true
		}
		return in
	}
	var in []bool
	for i := 0; i+2 < len(s.toks); i++ {
		// "... Ana RuizImage source, Agency": a scraped image credit
		// runs to the end of the line.
		if strings.HasSuffix(s.toks[i].text, "Image") && s.toks[i+1].low == "source" && s.toks[i+2].low == "," {
			if in == nil {
				in = make([]bool, len(s.toks))
			}
			for k := i + 2; k < len(s.toks); k++ {
				in[k] = true
			}
			break
		}
		if captionCredit(s, i) {
			if in == nil {
				in = make([]bool, len(s.toks))
			}
			for k := i; k < len(s.toks); k++ {
				in[k] = true
			}
			break
		}
		if s.toks[i].low != "(" && s.toks[i].low != "[" {
			continue
		}
		j := i + 1
		for j < len(s.toks) && creditWords[s.toks[j].low] {
			j++
		}
		if j == i+1 && nameSlashOutlet(s, i+1) {
			j = i + 1 // "(Ana Ruiz/Reuters)": a photographer and an agency
		} else if j == i+1 || j >= len(s.toks) || (s.toks[j].low != ":" && s.toks[j].low != "by" && s.toks[j].low != "/") {
			continue
		}
		if in == nil {
			in = make([]bool, len(s.toks))
		}
		for k := j; k < len(s.toks) && s.toks[k].low != ")" && s.toks[k].low != "]"; k++ {
			in[k] = true
		}
	}
	if in == nil {
		return make([]bool, len(s.toks))
	}
	return in
}

// dropInsideTitles drops what the tagger found inside a person's title:
// "Energy" of "Saudi Energy Minister A" is part of the title, not an
// organization; nor is "Defense" of "he was Minister of Defense", with or
// without a name after it.
func (d *doc) dropInsideTitles(s *sent) {
	var kept []*mention
	for _, o := range s.ments {
		inside := false
		if o.typ == graph.Organization {
			for _, m := range s.ments {
				if m.typ == graph.Person && m.title != "" && len(m.orgs) == 0 && o.a >= m.ta && o.b <= m.a &&
					d.x.lex.IsTitle(lowJoin(s.toks[o.a:m.a])) {
					inside = true
				}
			}
			inside = inside || d.endsTitle(s, o)
		}
		if !inside {
			kept = append(kept, o)
		}
	}
	s.ments = kept
}

// endsTitle reports whether an organization the lexicon does not know
// closes a title that starts before it: "Minister of Defense".
func (d *doc) endsTitle(s *sent, o *mention) bool {
	if _, ok := d.x.lex.Org(o.name); ok {
		return false
	}
	for t := o.a - 1; t >= 0 && o.b-t <= d.x.lex.MaxTitleWords(); t-- {
		if d.x.lex.MayStartTitle(s.toks[t].low) && d.x.lex.IsTitle(lowJoin(s.toks[t:o.b])) {
			return true
		}
	}
	return false
}

func isPossessive(toks []tok, i int) bool {
	return i < len(toks) && (toks[i].low == "'s" || toks[i].low == "'")
}

// stripTitle moves leading title words of a person span into m.title.
func (d *doc) stripTitle(m *mention) {
	for m.b-m.a > 1 {
		best := 0
		for w := 1; w <= d.x.lex.MaxTitleWords() && m.a+w < m.b && d.x.lex.MayStartTitle(m.s.toks[m.a].low); w++ {
			if d.x.lex.IsTitle(lowJoin(m.s.toks[m.a : m.a+w])) {
				best = w
			}
		}
		// "Mr.", "Dr." written as one token: the abbreviation is a title.
		if low := m.s.toks[m.a].low; best == 0 && strings.HasSuffix(low, ".") && d.x.lex.IsTitle(strings.TrimSuffix(low, ".")) {
			best = 1
		}
		if best == 0 {
			if _, dem := d.x.lex.Demonym(m.s.toks[m.a].text); dem && m.b-m.a > 2 {
				m.a++
				continue
			}
			return
		}
		m.a += best
	}
}

// stripPostNominal moves the letters written after a name of two words or
// more into m.title when they are a title ("Ana Ruiz MP", "Tomas Berg
// OBE"): a lawmaker's seat or an honour, no part of the name.
func (d *doc) stripPostNominal(m *mention) {
	if m.b-m.a < 3 {
		return
	}
	last := m.s.toks[m.b-1]
	if last.kind != text.Word || len(last.text) < 2 || strings.ToUpper(last.text) != last.text || !d.x.lex.IsTitle(last.low) {
		return
	}
	m.b--
	if m.title == "" {
		m.title, m.ta = last.text, m.a // written after: no title before the name
	}
}

// titleEndingAt returns the index after a title phrase that starts at i, or -1.
func (d *doc) titleEndingAt(s *sent, i int) int { return d.titleEnding(s, i, true) }

// titleEnding is titleEndingAt; portfolio says whether an unlisted
// portfolio may open the title. Right after a title it may not: that is
// where the name stands ("Foreign Minister A B and Defence Minister C"
// has no portfolio "A B and Defence").
func (d *doc) titleEnding(s *sent, i int, portfolio bool) int {
	best := -1
	// "Energy and Mineral Resources Minister": a portfolio the lexicon
	// does not list opens the title after it.
	if portfolio && i < len(s.toks) && s.toks[i].isCap() {
		if e := portfolioEnd(s, i); e > i && e < len(s.toks) && personOffices[s.toks[e].low] {
			if t := d.titleEndingAt(s, e); t > e {
				return t
			}
		}
	}
	if i >= len(s.toks) || !s.toks[i].isCap() || !d.x.lex.MayStartTitle(s.toks[i].low) {
		return -1
	}
	for w := 1; w <= d.x.lex.MaxTitleWords() && i+w <= len(s.toks); w++ {
		if d.x.lex.IsTitle(lowJoin(s.toks[i : i+w])) {
			best = i + w
		}
	}
	// Titles run on, as titleBefore reads them: "Lieutenant Colonel A".
	if best > i {
		if next := d.titleEnding(s, best, false); next > best {
			return next
		}
	}
	return best
}

// titleModifiers may precede a title: "top diplomat", "former president".
// spouseNouns stand before the name of a spouse in a list of people: "A
// and his wife, B".
var spouseNouns = set(spouseWords)

// spouseWords name a spouse.
const spouseWords = "wife husband spouse"

var titleModifiers = set("top senior chief former acting then outgoing incoming new veteran longtime interim de facto")

// titleRanks are the capitalized words of rank that open a title written
// before a name ("Deputy Managing Director", "Executive Chairman", "Supreme
// Leader", "Presidential Secretary"): part of the title, never the name of
// an employer.
var titleRanks = set("deputy vice executive supreme presidential assistant associate principal special " +
	"first permanent honorary managing general")

// institutionNouns name a kind of institution, not one: "State and Party
// Chief X" names no employer called "State" or "Party".
var institutionNouns = set("state party government cabinet council committee ministry department office agency " +
	"bureau commission parliament congress senate assembly court union federation league company group board")

// sharedTitle reads a plural title written before two names, each taking
// it in the singular and, when two demonyms stand before it, one of them
// in order: "French and German Presidents A and B". It reports whether m
// took a title so.
func (d *doc) sharedTitle(m *mention) bool {
	toks := m.s.toks
	lex := d.x.lex
	// plural is the title ending before token j in the plural: its start
	// and singular, or -1.
	plural := func(j int) (int, string) {
		for w := lex.MaxTitleWords(); w >= 1; w-- {
			if j-w < 0 || !toks[j-1].isCap() {
				continue
			}
			last := toks[j-1].low
			if len(last) < 4 || !strings.HasSuffix(last, "s") {
				continue
			}
			words := strings.Fields(lowJoin(toks[j-w : j]))
			words[len(words)-1] = strings.TrimSuffix(last, "s")
			if t := strings.Join(words, " "); lex.IsTitle(t) {
				return j - w, t
			}
		}
		return -1, ""
	}
	var first *mention // the first of the two names
	second := false
	if a, _ := plural(m.a); a >= 0 {
		first = m
	} else if m.a >= 2 && toks[m.a-1].low == "and" {
		if o := mentionEndingAt(m.s, m.a-1); o != nil && o.typ == graph.Person {
			if a, _ := plural(o.a); a >= 0 {
				first, second = o, true
			}
		}
	}
	if first == nil {
		return false
	}
	a, title := plural(first.a)
	if !second {
		// The plural must name two: "and" and a person after the first.
		if first.b+1 >= len(toks) || toks[first.b].low != "and" || !d.personMentionAt(m.s, first.b+1) {
			return false
		}
	}
	m.title = strings.ToUpper(title[:1]) + title[1:]
	m.ta = m.a
	if !second {
		m.ta = a
	}
	// "French and German": the first demonym for the first name.
	if c2, a2 := d.demonymEndingAt(m.s, a); a2 >= 2 && toks[a2-1].low == "and" {
		if c1, a1 := d.demonymEndingAt(m.s, a2-1); a1 >= 0 {
			m.country = c1
			if second {
				m.country = c2
			}
		}
	}
	return true
}

// personMentionAt reports whether a person's mention starts at token i of s.
func (d *doc) personMentionAt(s *sent, i int) bool {
	for _, o := range s.ments {
		if o.a == i && o.typ == graph.Person {
			return true
		}
	}
	return false
}

// titleBefore reads the title, country and organizations written before a
// person mention: "U.S. Secretary of State X", "Acme CEO X", "Spain's top diplomat X".
func (d *doc) titleBefore(m *mention) {
	lex := d.x.lex
	toks := m.s.toks
	j := m.a
	var words []string
	for j > 0 {
		best := 0
		for w := 1; w <= lex.MaxTitleWords() && j-w >= 0; w++ {
			if lex.MayStartTitle(toks[j-w].low) && lex.IsTitle(lowJoin(toks[j-w:j])) {
				best = w
			}
		}
		if best == 0 {
			if (titleModifiers[toks[j-1].low] || titleRanks[toks[j-1].low]) && len(words) > 0 {
				words = append([]string{toks[j-1].text}, words...)
				j--
				continue
			}
			// "Energy and Mineral Resources Minister": a portfolio the
			// lexicon does not list, before a title, is part of it.
			if len(words) > 0 {
				if a := portfolioStart(m.s, j); a >= 0 && a < j {
					words = append(strings.Fields(joinToks(toks[a:j])), words...)
					j = a
					continue
				}
			}
			// "Housing and Construction Minister": portfolios joined
			// before a title are part of it, not employers.
			if len(words) > 0 && toks[j-1].isCap() && lex.IsPortfolio(toks[j-1].low) {
				words = append([]string{toks[j-1].text}, words...)
				j--
				if j >= 2 && (toks[j-1].low == "and" || toks[j-1].low == "&") && toks[j-2].isCap() && lex.IsPortfolio(toks[j-2].low) {
					words = append([]string{toks[j-2].text, toks[j-1].text}, words...)
					j -= 2
				}
				continue
			}
			break
		}
		words = append(strings.Fields(joinToks(toks[j-best:j])), words...)
		j -= best
	}
	if len(words) == 0 && d.sharedTitle(m) {
		return
	}
	if len(words) == 0 {
		// "CNBC's Jane Roe": a possessive organization is an affiliation.
		if j >= 2 && isPossessive(toks, j-1) {
			if o := mentionEndingAt(m.s, j-1); o != nil && o.typ == graph.Organization {
				m.orgs = append(m.orgs, o.name)
			}
		}
		return
	}
	m.title = strings.Join(words, " ")
	m.ta = j
	// Country: "Chinese", "South Korean", "U.S.", "Spain's", "Washington's".
	if j > 0 {
		if c, a := d.demonymEndingAt(m.s, j); a >= 0 {
			m.country = c
			return
		}
		if j >= 2 && isPossessive(toks, j-1) {
			if p, ok := lex.Place(toks[j-2].text); ok {
				m.country = p.Country
				return
			}
		}
	}
	// Organizations: "Acme and Initech CEO X".
	for j > 0 {
		o := mentionEndingAt(m.s, j)
		if o != nil && o.typ == graph.Person {
			break
		}
		if o == nil && toks[j-1].isCap() && toks[j-1].kind == text.Word && !notNames[toks[j-1].low] && !lex.IsTitle(toks[j-1].low) &&
			!institutionNouns[toks[j-1].low] && !faithAdjective(toks[j-1].low) && !portfolioHeads[toks[j-1].low] {
			// An untagged name right before a title is the employer;
			// a portfolio's last word ("for Inter-Provincial
			// Coordination Dr A") is not a name.
			o = &mention{s: m.s, a: j - 1, b: j, typ: graph.Organization, name: toks[j-1].text}
			m.s.ments = append(m.s.ments, o)
			sortMentions(m.s.ments)
		}
		if o == nil || (o.typ != graph.Organization && len(m.orgs) == 0) {
			break
		}
		o.typ = graph.Organization // "Acme and Initech CEO": both are companies
		m.orgs = append(m.orgs, o.name)
		j = o.a
		if j > 0 && (toks[j-1].low == "and" || toks[j-1].low == "&") {
			j--
			continue
		}
		break
	}
}

// mentionOver returns the mention of s that covers token k, or nil (the
// mentions of a sentence do not overlap).
func mentionOver(s *sent, k int) *mention {
	for _, m := range s.ments {
		if m.a <= k && k < m.b {
			return m
		}
	}
	return nil
}

// mentionEndingAt returns the mention of s whose token range ends at i.
func mentionEndingAt(s *sent, i int) *mention {
	for _, m := range s.ments {
		if m.b == i {
			return m
		}
	}
	return nil
}

// plausibleName filters tagger noise: days, months, pronouns, lone titles,
// lowercase words, and single letters.
func (d *doc) plausibleName(m *mention) bool {
	toks := m.s.toks[m.a:m.b]
	if !toks[0].isCap() && toks[0].kind != text.Number {
		return false
	}
	allNot, allTitle := true, true
	for _, t := range toks {
		// "Mr.", "Dr." as one token: an abbreviated courtesy title.
		low := strings.TrimSuffix(t.low, ".")
		if !notNames[low] && t.kind == text.Word {
			allNot = false
		}
		if !d.x.lex.IsTitle(low) && t.kind == text.Word {
			allTitle = false
		}
	}
	if allNot || allTitle {
		return false
	}
	if len([]rune(m.name)) < 2 {
		return false
	}
	if m.typ == graph.Person && len(toks) == 1 && strings.ToUpper(m.name) == m.name && len(m.name) > 3 {
		return false // "BEIJING" datelines, acronyms
	}
	if len(toks) == 1 && m.typ != graph.Organization && genericName(toks[0]) && !d.known(m.name) {
		return false // "the Chapel", "the Forum": a kind of place, not its name
	}
	if c, ok := strings.CutSuffix(m.name, "s"); ok && !d.known(m.name) {
		if _, dem := d.x.lex.Demonym(c); dem {
			return false // "North Koreans" are people of a country, not an entity
		}
	}
	if len(toks) == 1 && holidays[toks[0].low] {
		return false // "the Jewish Sabbath", "after Ramadan": a time, not an entity
	}
	if faithsAndDiseases[toks[len(toks)-1].low] {
		return false // "Sunni Islam", "Covid": neither person, body nor place
	}
	if len(toks) == 1 && strings.ToUpper(m.name) == m.name && (currencyCodes[toks[0].low] || closedWords[toks[0].low] || notNames[toks[0].low] || emphasisWords[toks[0].low]) {
		return false // "USD seven billion", "on ALL products"
	}
	return true
}

// genericName reports whether a word is one of genericNames written as a
// word, not as an acronym ("Spa" is a kind of place, "SPA" an agency).
func genericName(t tok) bool {
	return genericNames[t.low] && strings.ToUpper(t.text) != t.text
}

// known reports whether the lexicon knows name as a place or an institution.
func (d *doc) known(name string) bool {
	_, place := d.x.lex.Place(name)
	_, org := d.x.lex.Org(name)
	return place || org
}

// genericNames are the nouns for a kind of institution or place that a
// text capitalizes when it means one named before ("the Fund", "the
// Stadium"): alone they are no name.
var genericNames = set("alliance partners coalition forum party state committee council commission office agency bureau " +
	"board department ministry government cabinet union federation league company group fund bank foundation " +
	"institute association society trust academy stadium mosque chapel church cathedral temple spa palace hotel " +
	"hall museum square airport tower center centre complex")

// isAcronym reports a word of two to five capitals: "FA", "NATO".
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// faithsAndDiseases are proper nouns for a religion or a disease, which a
// tagger may type as a place or an organization.
var faithsAndDiseases = set("islam christianity judaism hinduism buddhism sikhism catholicism protestantism " +
	"covid covid-19 coronavirus ebola sars mers")

// currencyCodes are the ISO codes of the currencies news quotes most.
var currencyCodes = set("usd eur gbp jpy cny rmb inr rub chf aud cad hkd sgd krw brl mxn zar try sar aed")

// emphasisWords are common words a text writes in capitals for emphasis.
var emphasisWords = set("all any every none not only never now must")

// commonAcronym reports whether token i is an acronym the text defines in
// brackets after lowercase words, a common noun's short form: "electric
// vehicle (EV)".
func commonAcronym(toks []tok, i int) bool {
	if i < 2 || toks[i-1].low != "(" || toks[i].kind != text.Word || strings.ToUpper(toks[i].text) != toks[i].text {
		return false
	}
	letters := []rune(toks[i].low)
	k := len(letters)
	if k < 2 || i-1-k < 0 {
		return false
	}
	for i, t := range toks[i-1-k : i-1] {
		if t.kind != text.Word || t.text != t.low || []rune(t.low)[0] != letters[i] {
			return false
		}
	}
	return true
}

func sortMentions(ms []*mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].a < ms[j-1].a; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// tokenOwners maps each of a sentence's n tokens to the mention covering it
// (nil for none).
func tokenOwners(n int, out []*mention) []*mention {
	owner := make([]*mention, n)
	for _, m := range out {
		for i := m.a; i < m.b; i++ {
			owner[i] = m
		}
	}
	return owner
}

// joinToks joins tokens as written, with a space only where the text had one.
func joinToks(ts []tok) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && t.span.Start > ts[i-1].span.End {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

func lowJoin(ts []tok) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && t.span.Start > ts[i-1].span.End {
			b.WriteByte(' ')
		}
		b.WriteString(t.low)
	}
	return b.String()
}

// countryBeforeName returns where a person's name starts in the span
// [i, j) when the span is a country closing a title ("President of
// Senegal") run together with a name of two or more words, or i when it is
// not.
func (d *doc) countryBeforeName(s *sent, i, j int) int {
	if i < 2 || s.toks[i-1].low != "of" || !d.x.lex.IsTitle(s.toks[i-2].low) {
		return i
	}
	for c := j - 2; c > i; c-- {
		p, ok := d.x.lex.Place(joinToks(s.toks[i:c]))
		if !ok || p.Kind != lexicon.Country {
			continue
		}
		for _, t := range s.toks[c:j] {
			if t.kind != text.Word || !t.isCap() || !d.plainNameWord(t) {
				return i
			}
		}
		return c
	}
	return i
}

// trailingCredit returns where a tagger span [i, j) ends once a news
// outlet closing the sentence is cut off it, or i when there is none: a
// caption runs its credit on after the last name without a bracket ("… at
// the Palace Reuters"). The outlet alone, or a span that is all outlet,
// stays whole.
func (d *doc) trailingCredit(s *sent, i, j int) int {
	for k := j; k < len(s.toks); k++ {
		if s.toks[k].kind == text.Word || s.toks[k].kind == text.Number {
			return i
		}
	}
	for w := 1; w <= 3 && j-w > i; w++ {
		if o, ok := d.x.lex.Org(joinToks(s.toks[j-w : j])); ok && o.Class == lexicon.Media {
			if _, whole := d.x.lex.Org(joinToks(s.toks[i:j])); whole {
				return i
			}
			return j - w
		}
	}
	return i
}

// placeTitleAbbrevs splits "Florida AG Jane Roe"-style spans: a tagger
// organization made of a known place and a title's abbreviation in
// capitals (AG, CM, LG), right before a person, is the place the person
// holds office for, and the abbreviation is the person's title. It
// returns, per person so titled, the abbreviation's token.
func (d *doc) placeTitleAbbrevs(ms []*mention) map[*mention]int {
	var out map[*mention]int
	for k := 0; k+1 < len(ms); k++ {
		o, m := ms[k], ms[k+1]
		if o.typ != graph.Organization || m.typ != graph.Person || o.b != m.a || o.b-o.a < 2 {
			continue
		}
		last := o.s.toks[o.b-1].text
		if len(last) < 2 || len(last) > 3 || !isAcronym(last) {
			continue
		}
		if _, ok := d.x.lex.Org(o.name); ok {
			continue
		}
		place := joinToks(o.s.toks[o.a : o.b-1])
		if _, ok := d.x.lex.Place(place); !ok {
			continue
		}
		if out == nil {
			out = map[*mention]int{}
		}
		out[m] = o.b - 1
		o.b--
		o.typ, o.name, o.written = graph.Place, place, ""
	}
	return out
}

// commonPhrases are English common nouns of several words that ceremony
// and diplomacy capitalize ("inspected the Guard of Honour", "signed
// Memoranda of Understanding"): no name, whatever their case.
var commonPhrases = [][]string{
	{"guard", "of", "honour"}, {"guard", "of", "honor"}, {"guards", "of", "honour"}, {"guards", "of", "honor"},
	{"memorandum", "of", "understanding"}, {"memoranda", "of", "understanding"}, {"memorandums", "of", "understanding"},
	{"letter", "of", "intent"}, {"letters", "of", "intent"}, {"head", "of", "state"}, {"heads", "of", "state"},
	{"head", "of", "government"}, {"heads", "of", "government"}, {"state", "of", "emergency"},
	{"national", "anthem"}, {"red", "carpet"}, {"gun", "salute"}, {"royal", "salute"}, {"wreath", "laying"},
}

// dropCommonPhrases drops the mentions that lie inside a capitalized
// common phrase of s (commonPhrases), unless the lexicon knows them.
func (d *doc) dropCommonPhrases(s *sent, ms []*mention) []*mention {
	var in []bool
	for i := range s.toks {
		for _, p := range commonPhrases {
			if i+len(p) > len(s.toks) || s.toks[i].low != p[0] || !s.toks[i].isCap() {
				continue
			}
			match := true
			for k, w := range p {
				if s.toks[i+k].low != w {
					match = false
					break
				}
			}
			if match {
				if in == nil {
					in = make([]bool, len(s.toks))
				}
				for k := range p {
					in[i+k] = true
				}
			}
		}
	}
	if in == nil {
		return ms
	}
	kept := ms[:0]
	for _, m := range ms {
		if in[m.a] && in[m.b-1] && !d.known(m.name) {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// hostBefore returns where the event words of a tagger span [i, j) that
// names an event after its host town start ("Vellmark Winter Olympics",
// "Vellmark Games"), or i when the span is no such name.
func hostBefore(s *sent, i, j int) int {
	if j-i < 2 || !hostNouns[s.toks[j-1].low] {
		return i
	}
	h := j - 1
	for h > i+1 && eventNounModifiers[s.toks[h-1].low] {
		h--
	}
	for _, t := range s.toks[i:h] {
		if t.kind != text.Word || !t.isCap() || eventNounModifiers[t.low] {
			return i
		}
	}
	return h
}

// regionAdjectives are the adjectives of continents and world regions
// that open the names of Games held across them: "the Asian Games", "the
// Pan American Games", "the Mediterranean Games".
var regionAdjectives = set("asian african european american arab pan oceanian mediterranean caribbean latin " +
	"nordic balkan pacific")

// regionAdjective reports whether toks, the words before an event's noun,
// are a demonym or a region's adjective, which name the players' part of
// the world, not the host town.
func (d *doc) regionAdjective(toks []tok) bool {
	if _, ok := d.x.lex.Demonym(joinToks(toks)); ok {
		return true
	}
	for _, t := range toks {
		if t.kind == text.Word && !regionAdjectives[t.low] && !isDash(t.text) {
			return false
		}
	}
	return true
}

// olympicNouns are the Games named after the town that hosts them.
var olympicNouns = set("olympics paralympics")

// notHosts open the names of Games that no town hosts.
var notHosts = set("special world invictus commonwealth pan")

// hostMentions finds the host town the tagger left untagged before the
// Games it hosts: "the Vellmark Winter Olympics" names the town Vellmark.
func (d *doc) hostMentions(s *sent, ms *mentionSet) {
	for k := 2; k < len(s.toks); k++ {
		if !olympicNouns[s.toks[k].low] || !s.toks[k].isCap() {
			continue
		}
		h := k
		for h > 1 && eventNounModifiers[s.toks[h-1].low] && s.toks[h-1].isCap() {
			h--
		}
		i := h - 1
		t := s.toks[i]
		if ms.taken[i] != nil || t.kind != text.Word || !t.isCap() || firstWord(s, i) || notHosts[t.low] ||
			notNames[t.low] || !d.plainNameWord(t) {
			continue
		}
		if i > 0 && s.toks[i-1].kind == text.Word && s.toks[i-1].isCap() {
			continue // "the Special Summer Olympics": more than a town's name
		}
		ms.add(&mention{s: s, a: i, b: h, typ: graph.Place, name: t.text})
	}
}

// coordinatedOrgs reads a tagger organization [i, j) that ends one word
// into the second of two bodies joined by "and", the rest of that name
// left untagged after it: it returns the "and" and the end of the second
// name, or i, i when the span is no such thing.
func coordinatedOrgs(s *sent, labels []ner.Label, i, j int) (int, int) {
	if j >= len(s.toks) || !s.toks[j].isCap() || s.toks[j].kind != text.Word || labels[j].Type != ner.None {
		return i, i
	}
	v := j - 2
	if v < i+2 || s.toks[v].low != "and" || !s.toks[v+1].isCap() {
		return i, i
	}
	e := j
	for e < len(s.toks) && e < j+3 && s.toks[e].kind == text.Word && s.toks[e].isCap() && labels[e].Type == ner.None && !notNames[s.toks[e].low] {
		e++
	}
	return v, e
}

// kindNouns follow a capitalized word that names a kind of thing, not an
// entity: "Kathak dances", "the Delta variant", "a Sputnik V vaccine".
var kindNouns = set("dance dances dancer dancers variant variants virus strain strains vaccine vaccines " +
	"language languages dialect dialects cuisine dish dishes attire garment garments sari")

// documentNouns end the names of agreements and plans, which are neither
// bodies nor places: "the Staff Level Agreement", "the Helsinki Accords".
var documentNouns = set("agreement agreements treaty accord accords pact protocol memorandum")

// dropKindNames drops the names of kinds (a capitalized word or two, or
// two joined by "and", before a kind noun: "Kathak and Odissi dances")
// and of documents (an organization ending in a document noun, and the
// acronym in brackets after one), unless the lexicon knows them.
func (d *doc) dropKindNames(s *sent, ms []*mention) []*mention {
	drop := map[*mention]bool{}
	for k, m := range ms {
		if m.typ == graph.Person && m.b-m.a >= 2 || d.known(m.name) {
			continue
		}
		if m.typ == graph.Organization && documentNouns[s.toks[m.b-1].low] {
			drop[m] = true
			if k+1 < len(ms) && ms[k+1].a == m.b+1 && s.toks[m.b].low == "(" && isAcronym(strings.TrimSuffix(ms[k+1].name, ".")) {
				drop[ms[k+1]] = true // "the Staff Level Agreement (SLA)"
			}
			continue
		}
		if m.a >= 2 && s.toks[m.a-1].low == "(" && documentNouns[s.toks[m.a-2].low] && s.toks[m.a-2].isCap() &&
			isAcronym(strings.TrimSuffix(m.name, ".")) {
			drop[m] = true // "the Staff Level Agreement (SLA)", the long form untagged
			continue
		}
		e := m.b
		if e < len(s.toks) && s.toks[e].kind != text.Punct && len(s.toks[e].text) <= 2 && s.toks[e].isCap() {
			e++ // "Sputnik V vaccine"
		}
		if e < len(s.toks) && kindNouns[s.toks[e].text] {
			drop[m] = true
			// "Kathak and Odissi dances": both are kinds.
			if k > 0 && ms[k-1].b+1 == m.a && s.toks[m.a-1].low == "and" && !d.known(ms[k-1].name) && ms[k-1].b-ms[k-1].a == 1 {
				drop[ms[k-1]] = true
			}
		}
	}
	if len(drop) == 0 {
		return ms
	}
	kept := ms[:0]
	for _, m := range ms {
		if !drop[m] {
			kept = append(kept, m)
		}
	}
	return kept
}

// peerageTitles are titles held "of" a place: "the Prince of Wales",
// "the Duchess of Kent", "the Princess of Asturias".
var peerageTitles = set("prince princess duke duchess earl countess marquess marchioness viscount viscountess " +
	"baron baroness")

// dropTitlePlaces drops a place that only completes a peerage title ("the
// prince of Wales"): the story is not about that place.
func dropTitlePlaces(s *sent, ms []*mention) []*mention {
	kept := ms[:0]
	for _, m := range ms {
		if m.typ == graph.Place && m.a >= 2 && s.toks[m.a-1].low == "of" && peerageTitles[s.toks[m.a-2].low] {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// holidays are the feasts and days of rest of the major faiths and
// calendars, which a tagger may type as places or bodies.
var holidays = set("sabbath shabbat ramadan eid diwali deepavali passover pesach hanukkah chanukah easter christmas " +
	"lent advent pentecost purim sukkot navratri holi vesak nowruz thanksgiving")

// programmeNouns end the names of a state's programmes, which are not
// bodies: "Vision 2030", "Agenda 2063".
var programmeNouns = set("vision agenda plan strategy programme program blueprint")

// datedEventNouns end the names of events that carry their year: "Expo
// 2030", "the X Horticultural Exhibition 2019".
var datedEventNouns = set("exhibition expo fair festival games olympics cup championship championships " +
	"biennale biennial summit forum conference week")

// datedNames reads an organization followed by a year: a programme
// ("the Kingdom's Vision 2030") is no body and is dropped; an event
// ("X Exhibition 2019") keeps its year in its name.
func datedNames(s *sent, ms []*mention) []*mention {
	kept := ms[:0]
	for _, m := range ms {
		if m.typ == graph.Organization && m.b < len(s.toks) && isYear(s.toks[m.b]) {
			last := s.toks[m.b-1].low
			if programmeNouns[last] {
				continue
			}
			if datedEventNouns[last] {
				m.b++
				m.name = joinToks(s.toks[m.a:m.b])
			}
		}
		kept = append(kept, m)
	}
	return kept
}

// isYear reports whether t is a year of four digits from 1900 to 2099.
func isYear(t tok) bool {
	return t.kind == text.Number && len(t.text) == 4 && (strings.HasPrefix(t.text, "19") || strings.HasPrefix(t.text, "20"))
}

// functionWordSurnames are Korean family names spelled like English
// function words, which the tagger and the name filters drop: "So",
// "An", "Do".
var functionWordSurnames = set("so an do")

// functionWordSurnames joins such a family name, capitalized inside a
// sentence of prose (neither its first word nor title case), to the
// one-word name right after it: "and So Hun, director of ..." is the
// person So Hun, not a place "Hun".
func (d *doc) functionWordSurnames(s *sent, ms []*mention) {
	for _, m := range ms {
		if m.b-m.a != 1 || m.a == 0 || m.typ == graph.Organization || d.known(m.name) {
			continue
		}
		t := s.toks[m.a-1]
		if !functionWordSurnames[t.low] || !t.isCap() || t.text == strings.ToUpper(t.text) || firstWord(s, m.a-1) ||
			titleCased(s) || t.span.End == s.toks[m.a].span.Start {
			continue
		}
		if m.a >= 2 && (s.toks[m.a-2].kind != text.Word || s.toks[m.a-2].isCap()) && s.toks[m.a-2].low != "," && s.toks[m.a-2].low != "and" {
			continue
		}
		m.a--
		m.typ = graph.Person
		m.name = joinToks(s.toks[m.a:m.b])
	}
}
