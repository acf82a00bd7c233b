package extract

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// Capitalized words that English writes like names but that name no person,
// organization or place of the story: a faith's adjective, a state's postal
// code after its city, the last word of a country's name on its own, a
// common noun's acronym, the kind of a city before its name, an object
// named after a place, a saint's given name.

// faithAdjectives name a religion's followers or what belongs to it:
// "the Buddhist leader", "Catholic groups". Like a demonym, no entity.
var faithAdjectives = set("buddhist catholic muslim moslem christian hindu jewish sikh jain protestant islamic " +
	"anglican evangelical lutheran methodist baptist presbyterian pentecostal orthodox shia shiite sunni " +
	"taoist confucian mormon zoroastrian bahai baha'i")

// faithAdjective reports whether w is a faith's adjective or its plural
// noun ("Buddhists", "Catholics").
func faithAdjective(w string) bool {
	return faithAdjectives[w] || strings.HasSuffix(w, "s") && faithAdjectives[strings.TrimSuffix(w, "s")]
}

// faithWords reports whether every word of toks is a faith's adjective or a
// demonym, at least one of them a faith's: "Buddhist", "Tibetan Buddhist".
func (d *doc) faithWords(toks []tok) bool {
	faith := false
	for _, t := range toks {
		switch {
		case faithAdjective(t.low):
			faith = true
		case t.kind == text.Word:
			if _, dem := d.x.lex.Demonym(t.text); !dem {
				return false
			}
		}
	}
	return faith
}

// usStateCodes are the postal codes of the US states and the capital
// district: after a city and a comma ("Springfield, IL", "Washington, DC")
// they only say where the city is.
var usStateCodes = set("al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv " +
	"nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy")

// stateCodeAfterCity reports whether toks[a:b] is a state's postal code
// written after a city and a comma.
func stateCodeAfterCity(toks []tok, a, b int) bool {
	w := strings.ReplaceAll(joinToks(toks[a:b]), ".", "")
	w = strings.ReplaceAll(w, " ", "")
	if len(w) != 2 || strings.ToUpper(w) != w || !usStateCodes[strings.ToLower(w)] {
		return false
	}
	return a >= 2 && toks[a-1].low == "," && toks[a-2].kind == text.Word && toks[a-2].isCap()
}

// nameTails are the last words of country and body names ("United States",
// "United Nations", "United Kingdom"), which on their own name nothing:
// "Relations with States", "the Kingdom welcomed".
var nameTails = set("states nations kingdom republic")

// commonAcronyms are acronyms of common nouns, which a text writes in
// capitals but which name no body: "CDs", "a DVD", "GDP".
var commonAcronyms = set("cd cds dvd dvds tv tvs pc pcs id ids gdp ceo ceos cfo cto coo suv suvs ev evs atm atms " +
	"dna rna hiv vip vips vvip vvips ngo ngos mou mous faq hq diy dj djs mp3 usb lcd led sms pdf cv ai agi")

// commonAcronymWord reports whether a lone token is one of commonAcronyms,
// possessive or plural as written ("CD's", "NGOs"), in capitals or with a
// small letter inside as some are written ("MoU", "MoUs"): a plural's small
// "s" is left out before the case is asked.
func commonAcronymWord(t tok) bool {
	w := strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s")
	if !commonAcronyms[strings.ToLower(w)] || w == "" {
		return false
	}
	if len(w) > 2 && strings.HasSuffix(w, "s") {
		w = w[:len(w)-1]
	}
	r := []rune(w)
	return strings.ToUpper(w) == w || unicode.IsUpper(r[0]) && unicode.IsUpper(r[len(r)-1])
}

// cityKindAdjectives stand before a settlement word in the official style
// of a city or region: "the Autonomous City of X", "the Special
// Administrative Region of X", "the Federal District of X".
var cityKindAdjectives = set("autonomous special administrative federal capital metropolitan national free " +
	"independent self-governing")

// cityKindPrefix returns the token after "of" when toks[a:b] starts with
// the official kind of a city ("Autonomous City of"), or a when it does not.
func cityKindPrefix(toks []tok, a, b int) int {
	k := a
	for k < b && k < len(toks) && cityKindAdjectives[toks[k].low] && toks[k].isCap() {
		k++
	}
	if k == a || k >= len(toks) || !settlementWords[toks[k].low] || !toks[k].isCap() {
		return a
	}
	k++
	for k < len(toks) && settlementWords[toks[k].low] && toks[k].isCap() {
		k++ // "Special Administrative Region"
	}
	if k+1 < len(toks) && toks[k].low == "of" && toks[k+1].isCap() {
		return k + 1
	}
	return a
}

// objectWords end the names of things made by hand, which a tagger may
// read as a person's surname: "a wooden Kestrel Cross".
var objectWords = set("cross crucifix statue icon medal trophy relic")

// objectName reports whether a person span ends in an object word or a
// landmark word and stands after an article: people are not named so.
func objectName(toks []tok, a, b int) bool {
	if b-a < 2 || !objectWords[toks[b-1].low] && !landmarkWords[toks[b-1].low] {
		return false
	}
	for p := a - 1; p >= 0 && p >= a-3; p-- {
		if t := toks[p]; t.low == "a" || t.low == "an" || t.low == "the" {
			return true
		} else if t.kind != text.Word || t.isCap() {
			return false
		}
	}
	return false
}

// saintsGivenName reports whether a one-word person span is a given name in
// "the see of Peter", "the successor of Paul": a saint or an apostle named
// in a church's style after a lowercase noun, no one in the story.
func saintsGivenName(toks []tok, a, b int) bool {
	if b-a != 1 || a < 3 || toks[a-1].low != "of" {
		return false
	}
	n := toks[a-2]
	if n.kind != text.Word || n.isCap() || toks[a-3].low != "the" {
		return false
	}
	if b < len(toks) && toks[b].kind == text.Word && toks[b].isCap() {
		return false
	}
	return saintNouns[n.low]
}

// saintNouns are the nouns of a church's style before a saint's name:
// "the see of Peter", "the chair of Peter", "the tomb of Paul".
var saintNouns = set("see chair throne successor successors tomb barque keys apostle feast")

// notAName reports whether the mention m, though capitalized, names none of
// the story's entities.
func (d *doc) notAName(m *mention) bool {
	toks := m.s.toks
	span := toks[m.a:m.b]
	if d.known(m.name) && m.typ != graph.Person {
		return false
	}
	if _, dem := d.x.lex.Demonym(m.name); dem && !d.known(m.name) {
		return true // "Philippine", "South Korean": an adjective, however tagged
	}
	switch {
	case d.faithWords(span):
		return true
	case stateCodeAfterCity(toks, m.a, m.b):
		return true
	case len(span) == 1 && nameTails[span[0].low], len(span) == 2 && span[0].low == "the" && nameTails[span[1].low]:
		return true
	case len(span) == 1 && commonAcronymWord(span[0]):
		return true
	case len(span) == 1 && deityNames[span[0].low]:
		return true
	case len(span) >= 2 && stormNouns[span[0].low]:
		return true
	case compassCompound(span):
		return true
	case partyCode(toks, m.a, m.b):
		return true
	case len(span) == 1 && combiningForm(toks, m.a):
		return true
	case d.combinedAdjective(span):
		return true
	case accountTag(toks, m.a):
		return true
	case len(span) == 1 && officeAdjectives[span[0].low]:
		return true // "the Royal family", "a Presidential decree"
	case len(span) == 1 && gluedSentenceStart(span[0]):
		return true // "I'm", "We're" capitalized at a clause's start
	case imageSourceGlued(toks, m.b):
		return true
	case holidayName(toks, m.b):
		return true
	case tickerCode(toks, m.a, m.b):
		return true
	case len(span) == 1 && ellipticCompass(toks, m.a):
		return true
	case m.typ == graph.Person && acronymCutShort(toks, m.a, m.b):
		return true
	case m.typ == graph.Person && d.titleOnly(span):
		return true
	case m.typ != graph.Person && !m.venue && d.x.lex.IsTitle(lowJoin(span)):
		return true // "the Taoiseach said": a title alone is a role, no body
	case m.typ == graph.Person && saintsGivenName(toks, m.a, m.b):
		return true
	case m.typ == graph.Person && objectWords[span[len(span)-1].low] && objectName(toks, m.a, m.b):
		return true
	}
	return false
}

// stormNouns open the name of a storm, which is an event, not a person or a
// place: "Typhoon Tinao", "Hurricane Ada".
var stormNouns = set("typhoon hurricane cyclone storm tornado")

// compassWords are the points of the compass.
var compassWords = set("north south east west northeast northwest southeast southwest")

// compassCompound reports whether span is points of the compass joined by
// hyphens, an adjective ("South-South cooperation", "East-West ties").
func compassCompound(span []tok) bool {
	words, dash := 0, false
	for _, t := range span {
		switch {
		case isDash(t.text):
			dash = true
		case compassWords[t.low]:
			words++
		default:
			return false
		}
	}
	return dash && words >= 2
}

// titleOnly reports whether a person span is a title and nothing else,
// its words ranks, titles and the nouns of institutions: "Cabinet
// Secretary", "Deputy Chief".
func (d *doc) titleOnly(span []tok) bool {
	if d.x.lex.IsTitle(lowJoin(span)) {
		return true
	}
	for _, t := range span {
		if t.kind == text.Word && !d.x.lex.IsTitle(t.low) && !titleRanks[t.low] && !institutionNouns[t.low] && !titleModifiers[t.low] {
			return false
		}
	}
	return true
}

// deityNames are the names English gives God, which a tagger may take for a
// person or a place: "thanked God", "praise be to Allah".
var deityNames = set("god allah jehovah yahweh almighty christ")

// buildingHeads end the names of buildings named after people ("the King
// Omar Center", "Ana Ruiz Airport"), and are no one's surname.
var buildingHeads = set("center centre airport stadium plaza museum embassy consulate hotel palace cathedral " +
	"auditorium arena headquarters pavilion theatre theater mosque basilica mausoleum memorial monument")

// namedBuilding reports whether a person span of two words or more ends in
// a building's head word.
func namedBuilding(toks []tok, a, b int) bool {
	return b-a >= 2 && toks[b-1].isCap() && buildingHeads[toks[b-1].low]
}

// portfolioHeads end the name of a government portfolio that the lexicon
// may not list: "Inter-Provincial Coordination", "Diaspora Affairs",
// "Overseas Development".
var portfolioHeads = set("affairs coordination development relations cooperation services resources planning " +
	"reform reforms welfare works protection security management commerce industry industries investment " +
	"production communications information broadcasting education health trade energy environment justice " +
	"labour labor employment transport transportation tourism culture sports youth agriculture fisheries " +
	"housing infrastructure finance defence defense interior technology innovation aviation " +
	"ports shipping maritime railways highways roads mines telecom telecommunications science statistics climate " +
	"petroleum")

// personOffices take a portfolio after "for" or "of" ("Minister for X") or
// before them ("X Minister", "X cabinet secretary").
var personOffices = set("minister ministers secretary secretaries commissioner commissioners")

// bodyOffices take a portfolio after "of" or "for" in a body's name:
// "Ministry of X", "Department for X".
var bodyOffices = set("ministry department bureau directorate")

// portfolioEnd returns the end of a portfolio's name that starts at token
// k: capitalized words, hyphens inside a word and "and" between words, its
// last word one of portfolioHeads; or -1.
func portfolioEnd(s *sent, k int) int {
	toks := s.toks
	n := len(toks)
	end := -1
	for i := k; i < n; i++ {
		t := toks[i]
		switch {
		case t.kind == text.Word && t.isCap() && personOffices[t.low]:
			return end // "Energy and Mines Minister": the office ends the portfolio
		case t.kind == text.Word && t.isCap() && !notNames[t.low]:
			if portfolioHeads[t.low] {
				end = i + 1
			}
		case isDash(t.text) && i > k && i+1 < n && t.span.Start == toks[i-1].span.End && toks[i+1].span.Start == t.span.End:
		case (t.low == "and" || t.low == "&") && i > k && i+1 < n && toks[i+1].isCap():
		default:
			return end
		}
	}
	return end
}

// portfolioStart returns the start of a portfolio's name that ends at
// token j (exclusive), walking back as portfolioEnd walks on; or -1.
func portfolioStart(s *sent, j int) int {
	toks := s.toks
	if j < 1 || !portfolioHeads[toks[j-1].low] || !toks[j-1].isCap() {
		return -1
	}
	a := j - 1
	for a > 0 {
		t := toks[a-1]
		switch {
		case t.kind == text.Word && t.isCap() && !notNames[t.low]:
		case isDash(t.text) && a >= 2 && t.span.End == toks[a].span.Start && toks[a-2].span.End == t.span.Start:
		case (t.low == "and" || t.low == "&") && a >= 2 && toks[a-2].isCap():
		default:
			return a
		}
		a--
	}
	return a
}

// portfolioNames handles the names of portfolios the lexicon does not
// list: after "Minister for" or before "Minister" they are part of a
// person's title, and the organizations or places the tagger found inside
// them are dropped ("Minister for Inter-Provincial Coordination" names no
// body "Coordination"); after "Ministry of" they end the ministry's name,
// which is grown over them.
func (d *doc) portfolioNames(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	drop := func(a, b int) {
		for i := a; i < b; i++ {
			o := owner[i]
			if o != nil && o.typ == graph.Person && o.a == i && o.b-b >= 2 && !o.venue {
				// "Minister for Petroleum Ana Ruiz Diaz" tagged from
				// "Petroleum": the portfolio is the title's, the rest the
				// name.
				o.a = b
				o.name = joinToks(toks[o.a:o.b])
				continue
			}
			if o == nil || o.typ == graph.Person || o.venue || o.a < a {
				continue
			}
			if o.b > b {
				d.nameAfterPortfolio(s, o, b)
				continue
			}
			if _, ok := d.x.lex.Place(joinToks(toks[o.a:o.b])); ok {
				continue
			}
			if _, ok := d.x.lex.Org(joinToks(toks[o.a:o.b])); ok {
				continue
			}
			o.b = o.a
		}
	}
	for i := 1; i+1 < n; i++ {
		if p := toks[i].low; p != "for" && p != "of" {
			continue
		}
		k := i + 1
		if toks[k].low == "the" {
			k++
		}
		office, from := toks[i-1].low, k
		if office == "state" && i >= 3 && toks[i-2].low == "of" && personOffices[toks[i-3].low] {
			// "Minister of State for X", "Secretary of State for X": a
			// span the tagger started at "State" is the title's too.
			office, from = toks[i-3].low, i-1
		}
		if !personOffices[office] && !bodyOffices[office] {
			continue
		}
		end := portfolioEnd(s, k)
		if end < 0 {
			continue
		}
		if personOffices[office] {
			drop(from, end)
			// "Minister for Ports and Shipping Ana Ruiz" tagged whole as
			// one organization: the title and the name after it.
			if o := owner[i-1]; o != nil && o.typ == graph.Organization && !o.venue && o.a <= i-1 && o.b > end {
				d.nameAfterPortfolio(s, o, end)
			}
			continue
		}
		// "Ministry of Inter-Provincial" + "Coordination": the ministry's
		// name runs to the portfolio's end.
		m := owner[i-1]
		if m == nil || m.typ != graph.Organization || m.b >= end || m.b < k {
			continue
		}
		drop(m.b, end)
		for j := m.b; j < end; j++ {
			owner[j] = m
		}
		m.b = end
		m.name = joinToks(toks[m.a:m.b])
	}
	// "Foreign and Diaspora Affairs cabinet secretary", "Inter-Provincial
	// Coordination Minister".
	for j := 1; j < n; j++ {
		t := toks[j]
		h := j
		if t.low == "cabinet" && j+1 < n {
			h = j + 1
		}
		if !personOffices[toks[h].low] {
			continue
		}
		if a := portfolioStart(s, j); a >= 0 {
			drop(a, j)
		}
	}
}

// nameAfterPortfolio reads a span the tagger ran from a portfolio's last
// words over the name after it ("Minister for Legal and International
// Affairs Ana Ruiz" tagged "International Affairs Ana Ruiz", an
// organization): when one to three plain name words follow the
// portfolio's end b, they are the person, and the portfolio is title.
func (d *doc) nameAfterPortfolio(s *sent, o *mention, b int) {
	if o.b-b > 3 {
		return
	}
	if _, ok := d.x.lex.Org(joinToks(s.toks[o.a:o.b])); ok {
		return
	}
	for _, t := range s.toks[b:o.b] {
		if !d.personNameWord(t) {
			return
		}
	}
	o.a, o.typ = b, graph.Person
	o.name = joinToks(s.toks[o.a:o.b])
}

// partyCode reports whether toks[a:b] is the party and state code that US
// news writes in brackets after a lawmaker's name: "(D-MN)", "(R-Texas)",
// "(D)". It names neither a body nor a place of the story.
func partyCode(toks []tok, a, b int) bool {
	if a == 0 || b >= len(toks) || toks[a-1].text != "(" || toks[b].text != ")" {
		return false
	}
	w := joinToks(toks[a:b])
	w = strings.ReplaceAll(w, " ", "")
	if len(w) < 1 || !strings.ContainsRune("DRI", rune(w[0])) {
		return false
	}
	if len(w) == 1 {
		return true
	}
	return len(w) >= 3 && isDash(w[1:2]) && w[2] >= 'A' && w[2] <= 'Z'
}

// combiningForms are the Latin stems of country names that English joins
// to a demonym with a hyphen: "Franco-German talks", "Sino-Indian border".
var combiningForms = set("franco sino anglo indo russo greco italo hispano afro euro austro judeo germano " +
	"luso nippo turco dano sueco polono serbo croato")

// combiningForm reports whether token i is a combining form joined by a
// hyphen to the capitalized word after it: an adjective's first half.
func combiningForm(toks []tok, i int) bool {
	if !combiningForms[toks[i].low] || i+2 >= len(toks) || !isDash(toks[i+1].text) {
		return false
	}
	return toks[i+1].span.Start == toks[i].span.End && toks[i+2].span.Start == toks[i+1].span.End && toks[i+2].isCap()
}

// combinedAdjective reports whether span is a combining form joined by a
// hyphen to a demonym or to another combining form, written as one word:
// "Anglo-Irish relations", "Sino-Kenyan ties", "Franco-Italo-Swiss". It is
// an adjective, whatever the tagger typed it.
func (d *doc) combinedAdjective(span []tok) bool {
	if len(span) < 3 || !combiningForms[span[0].low] {
		return false
	}
	for i := 1; i < len(span); i++ {
		if span[i].span.Start != span[i-1].span.End {
			return false // one word, however tokenized
		}
	}
	for i := 1; i+1 < len(span); i += 2 {
		if !isDash(span[i].text) {
			return false
		}
		rest := span[i+1:]
		if _, ok := d.x.lex.Demonym(joinToks(rest)); ok {
			return true
		}
		if len(rest) == 1 && adjectiveOfPlace(rest[0]) {
			return true // "Anglo-Scottish": a region's adjective the lexicon lacks
		}
		if !combiningForms[span[i+1].low] {
			return false
		}
	}
	return false
}

// placeAdjectiveEndings end the adjectives English makes of places:
// "Scottish", "Bavarian", "Tuscan", "Cantonese", "Caribbean" ("an" covers
// "-ian" and "-ean").
var placeAdjectiveEndings = []string{"ish", "an", "ese"}

// adjectiveOfPlace reports whether a capitalized word ends like an
// adjective made of a place.
func adjectiveOfPlace(t tok) bool {
	if t.kind != text.Word || !t.isCap() || len(t.low) < 5 {
		return false
	}
	for _, e := range placeAdjectiveEndings {
		if strings.HasSuffix(t.low, e) {
			return true
		}
	}
	return false
}

// officeAdjectives are the adjectives of a crown, an office or a house,
// capitalized by style before a lowercase noun ("the Royal family", "a
// Presidential decree", "Papal visit"): alone they name no body.
var officeAdjectives = set("royal imperial presidential papal ministerial parliamentary congressional governmental " +
	"gubernatorial mayoral")

// accountTags open a social account's handle, a hashtag or a stock's
// cashtag: "@AcmeNews", "#SaveTheReef", "$ACME".
var accountTags = set("@ # $")

// accountTag reports whether the name at token a is glued to the sign of a
// handle, hashtag or cashtag before it: a page's embedded post or ticker,
// no entity of the story (the name written without the sign is one).
func accountTag(toks []tok, a int) bool {
	return a > 0 && accountTags[toks[a-1].text] && toks[a-1].span.End == toks[a].span.Start
}

// imageSourceGlued reports whether the name ending before token b has a
// page's image credit glued to its last word, as scraped captions read
// ("... with Prime Minister Ana RuizImage source, Agency"): the token is
// no name, and the credit after it no entity of the story.
func imageSourceGlued(toks []tok, b int) bool {
	if b < 1 || b >= len(toks) || toks[b].low != "source" {
		return false
	}
	w := toks[b-1].text
	head, ok := strings.CutSuffix(w, "Image")
	if !ok || head == "" {
		return false
	}
	r := []rune(head)
	return unicode.IsLower(r[len(r)-1])
}

// stateFormNouns are the nouns of a state's official form ("Democratic
// Republic of X", "United Kingdom", "Russian Federation"): no one's name
// ends in one.
var stateFormNouns = set("republic kingdom federation emirates commonwealth principality sultanate " +
	"confederation emirate")

// stateNames retypes a person span that ends in a state's form noun, the
// tagger having cut a country's official name in two ("Democratic
// Republic" + "of Ruritania"): with the "of" and the name after it, the
// span is the country when the lexicon knows it so, as it is when the
// lexicon knows the span itself ("United Kingdom"); otherwise it names no
// person and is dropped.
func (d *doc) stateNames(s *sent, out []*mention) {
	toks := s.toks
	for _, m := range out {
		if m.b <= m.a || m.typ != graph.Person || !stateFormNouns[toks[m.b-1].low] || !toks[m.b-1].isCap() {
			continue
		}
		end := -1
		if k := m.b; k+1 < len(toks) && toks[k].low == "of" {
			k++
			if toks[k].low == "the" && k+1 < len(toks) {
				k++
			}
			for e := k; e < len(toks) && e < k+3 && toks[e].kind == text.Word && toks[e].isCap(); e++ {
				if p, ok := d.x.lex.Place(joinToks(toks[m.a : e+1])); ok && p.Kind == lexicon.Country {
					end = e + 1
				}
			}
		}
		if _, ok := d.x.lex.Place(joinToks(toks[m.a:m.b])); end < 0 && ok {
			m.typ = graph.Place // "United Kingdom" typed a person
			continue
		}
		if end < 0 {
			m.b = m.a
			continue
		}
		for _, o := range out {
			if o != m && o.a < end && o.b > m.a {
				o.b = o.a
			}
		}
		m.b, m.typ = end, graph.Place
		m.name = joinToks(toks[m.a:m.b])
	}
}

// holidayName reports whether the name ending before token b is the owner
// in a holiday's name, "St Ana's Day", "New Year's Eve": a day of the
// calendar, no person, body or place of the story.
func holidayName(toks []tok, b int) bool {
	k := b
	if k < len(toks) && isPossessive(toks, k) {
		k++
	} else if k < 1 || !isPossessive(toks, k-1) {
		return false
	}
	return k < len(toks) && (toks[k].text == "Day" || toks[k].text == "Eve")
}

// acronymCutShort reports whether toks[a:b] is the tail of a name spelled
// out before its acronym in brackets, the tagger having left out its
// first words: "Rapid Transit Authority (RTA)" tagged "Transit Authority". The
// initials of the span alone do not make the acronym; with the
// capitalized words before it they do. A person's own initials ("Ana
// Maria Ruiz (AMR)") match the span alone and are left to stand.
func acronymCutShort(toks []tok, a, b int) bool {
	if b+2 >= len(toks) || toks[b].text != "(" || toks[b+2].text != ")" {
		return false
	}
	acr := strings.ReplaceAll(toks[b+1].text, ".", "")
	if len(acr) < 2 || strings.ToUpper(acr) != acr {
		return false
	}
	initials := func(ts []tok) string {
		var w strings.Builder
		for _, t := range ts {
			if t.kind == text.Word && t.isCap() {
				w.WriteString(string([]rune(t.text)[:1]))
			}
		}
		return w.String()
	}
	tail := initials(toks[a:b])
	if tail == acr || !strings.HasSuffix(acr, tail) {
		return false
	}
	for k := a - 1; k >= 0 && k >= a-3; k-- {
		if t := toks[k]; t.kind != text.Word || !t.isCap() {
			return false
		}
		if initials(toks[k:b]) == acr {
			return true
		}
	}
	return false
}

// nameBreakers are pronouns and interrogatives that open a sentence
// and never stand inside a name. A caption or credit run on into the
// next sentence without a stop ("Photo: Agency What we saw ...") glues
// one to the name before it.
var nameBreakers = set("what who whom whose which why how we you they he she " +
	"i'm i've i'd i'll we're we've we'll you're they're he's she's it's what's")

// gluedSentenceStart reports whether a token inside a tagged span is a
// sentence opener, written in lower and upper case: an acronym ("WHO")
// is a name.
func gluedSentenceStart(t tok) bool {
	return nameBreakers[t.low] && t.isCap() && strings.ToUpper(t.text) != t.text
}

// creditVerbs open a wire story's closing credits: "Reporting by A in B;
// Additional reporting by C; Editing by D", "Writing by E".
var creditVerbs = set("reporting writing editing compiled edited translated translation research graphics")

// creditLine reports whether s is a line of the story's credits, whose
// names are the newsroom's, not the story's, and whose places are where
// the reporters filed from: the wire's "Reporting by ...; Editing by ...",
// "With assistance from ...", "Associated Press writer A contributed".
// ("A contributed to this report" is left alone: the seeds' expectations
// keep such a contributor as an entity.)
func creditLine(s *sent) bool {
	var words []string
	for _, t := range s.toks {
		if t.kind == text.Word {
			words = append(words, t.low)
		}
	}
	for i := 0; i+1 < len(words) && i < 3; i++ {
		if creditVerbs[words[i]] && words[i+1] == "by" {
			return i == 0 || words[0] == "additional" || words[0] == "and"
		}
	}
	// "With assistance from A and B" closes an agency's story.
	if len(words) > 3 && words[0] == "with" && words[1] == "assistance" && words[2] == "from" {
		return true
	}
	// "Associated Press writers A and B contributed (to this report)": the
	// agency's staff, named by their trade.
	if n := len(words); n > 3 && (words[n-1] == "contributed" || slices.Contains(words, "contributed") && words[n-1] == "report") {
		// The trade follows the outlet's capitalized name and nothing
		// else: "Ruiz told reporters that ... contributed" is a story's.
		for _, t := range s.toks {
			if t.kind != text.Word {
				continue
			}
			if staffNouns[t.low] {
				return true
			}
			if !t.isCap() {
				break
			}
		}
	}
	return false
}

// staffNouns name a newsroom's trades in its credits.
var staffNouns = set("writer writers correspondent correspondents reporter reporters photographer photographers " +
	"videojournalist videojournalists")

// exchangeNames are the stock exchanges whose code news writes before a
// company's ticker: "(NYSE: ACME)", "(Nasdaq:ACME)".
var exchangeNames = set("nyse nasdaq lse tsx asx hkex sgx bse nse jse euronext xetra otc amex")

// tickerCode reports whether toks[a:b] is a company's stock ticker in
// brackets after its name: a wire's instrument code, capitals or digits,
// a stop and the exchange's letters ("(ACME.O)", "(7203.T)"), or a code
// after an exchange and a colon ("(NYSE: ACME)"). It names no one.
func tickerCode(toks []tok, a, b int) bool {
	if a == 0 || b >= len(toks) || toks[b].text != ")" {
		return false
	}
	if k := a - 1; toks[k].text == ":" && k >= 2 && exchangeNames[toks[k-1].low] && toks[k-2].text == "(" {
		return b-a == 1
	}
	if toks[a-1].text != "(" || b-a != 1 {
		return false
	}
	code, exch, ok := strings.Cut(toks[a].text, ".")
	if !ok || code == "" || len(code) > 6 || exch == "" || len(exch) > 2 {
		return false
	}
	for _, r := range code + exch {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return exch[0] >= 'A' && exch[0] <= 'Z'
}

// ellipticCompass reports whether token i is a point of the compass whose
// place name is left to the coordinate after it: "North" of "North and
// Central Africa", "South" of "South or East Asia". Alone it names nothing.
func ellipticCompass(toks []tok, i int) bool {
	if !compassWords[toks[i].low] || i+3 >= len(toks) || (toks[i+1].low != "and" && toks[i+1].low != "or") {
		return false
	}
	next := toks[i+2].low
	return (compassWords[next] || next == "central") && toks[i+2].isCap() && toks[i+3].kind == text.Word && toks[i+3].isCap()
}

// bodyLandmarks are the landmark words that also open the names of bodies:
// "the Church of England" is a church, its people and its synod.
var bodyLandmarks = set("church chapel")

// landmarkOf reports whether toks[a:b] is a landmark named by its kind of
// building and "of": "Temple of Heaven", "Palace of Westminster", "Tower
// of London" (but "Church of England", a body).
func landmarkOf(toks []tok, a, b int) bool {
	if b-a < 3 || toks[a+1].low != "of" || !toks[a].isCap() {
		return false
	}
	w := toks[a].low
	return landmarkWords[w] && !bodyLandmarks[w]
}
