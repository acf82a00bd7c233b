package extract

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// entity is one real entity of the article: its mentions clustered.
type entity struct {
	typ     graph.EntityType
	key     string         // NameKey of the canonical name
	forms   map[string]int // full names as written -> weight
	name    string
	aliases map[string]bool
	titles  map[string]bool
	roles   []role
	orgs    []string
	ments   []*mention
	strong  bool // mentioned in body text or a caption, not only a headline
	order   int
	gender  gender // what the text tells of the person's sex, for pronouns
	// named is what the given name alone tells ("Ilse Vogt"), when the text
	// tells nothing: it breaks a tie between people a pronoun may refer to
	// (pronounPick), and vetoes no one, since a name one language gives
	// women another may give men.
	named gender
}

// role is a title held in a country or organization, for resolving role
// mentions ("the Spanish leader") to the person.
type role struct {
	country string
	title   string // lowercase
}

func (e *entity) keep() bool { return e.strong && e.name != "" }

func (e *entity) claim() graph.EntityClaim {
	c := graph.EntityClaim{Name: e.name, Type: e.typ}
	seen := map[string]bool{graph.NameKey(e.name): true}
	var aliases []string
	if e.typ == graph.Person && e.titles["Pope"] && !strings.Contains(e.name, " ") {
		// A pope's name is the title and the name he took ("Pope
		// Gregory"), as sources write it; the name alone is a short form.
		// Sovereigns are named without theirs ("Emperor A" is A).
		e.aliases["Pope "+e.name] = true
	}
	// In sorted order, so that of two spellings with one key ("Guaidó",
	// "Guaido") the same one is kept on every run, not the one map
	// iteration happens to give first.
	for _, a := range slices.Sorted(maps.Keys(e.aliases)) {
		if k := graph.NameKey(a); !seen[k] {
			seen[k] = true
			aliases = append(aliases, a)
		}
	}
	sort.Strings(aliases)
	c.Aliases = aliases
	for t := range e.titles {
		c.Titles = append(c.Titles, t)
	}
	sort.Strings(c.Titles)
	var ev []graph.Evidence
	for _, m := range e.ments {
		if m.s.body() {
			ev = append(ev, m.s.evidence())
		}
	}
	c.Evidence = mergeEvidence(nil, ev) // once: merging per mention was quadratic
	return c
}

// resolveEntities clusters the mentions of the article into entities:
// full names first, then surnames and short forms, misspellings of a full
// name, and the places and institutions under their canonical names.
func (d *doc) resolveEntities() {
	d.possessiveLandmarks()
	d.listedPlaces()
	d.findMinistries()
	var all []*mention
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		all = append(all, s.ments...)
	}
	d.retypePersons(all)
	d.retypeEventPlaces(all)
	short := d.companyShortForms(all)
	all = d.genericShortForms(all, short)
	for a, full := range bracketAcronyms(all) {
		if _, ok := d.x.lex.Org(a); !ok {
			short[a] = full
		}
	}
	d.makerNames(all)
	byKey := map[string]*entity{}
	get := func(typ graph.EntityType, name string) *entity {
		k := typ.String() + "|" + graph.NameKey(name)
		e := byKey[k]
		if e == nil {
			e = &entity{typ: typ, key: graph.NameKey(name), forms: map[string]int{}, aliases: map[string]bool{},
				titles: map[string]bool{}, order: len(d.ents)}
			byKey[k] = e
			d.ents = append(d.ents, e)
		}
		return e
	}
	attach := func(e *entity, m *mention, form string) {
		m.ent = e
		e.ments = append(e.ments, m)
		w := 1
		if m.s.body() {
			w = 2
			e.strong = true
		}
		if m.typ == graph.Place && isPossessive(m.s.toks, m.b) {
			// "Korea's Acme wins ...": a headline names the country an
			// actor belongs to, a fact the story stands on.
			if p, ok := d.x.lex.Place(m.name); ok && p.Kind == lexicon.Country {
				e.strong = true
			}
		}
		e.forms[form] += w
		if form != m.name {
			e.aliases[m.name] = true
		}
		if m.written != "" {
			e.aliases[m.written] = true
		}
		if m.title != "" {
			e.titles[fullTitle(d.x.lex, m)] = true
			e.roles = append(e.roles, role{country: m.country, title: roleTitle(m.title)})
		}
		e.orgs = append(e.orgs, m.orgs...)
	}
	// Places and organizations: canonical names from the lexicon.
	named := d.namedCountries(all)
	for _, m := range all {
		switch m.typ {
		case graph.Place:
			name := m.name
			if p, ok := d.x.lex.Place(name); ok {
				name = p.Name
			} else if c, ok := shortOfficial(d.x.lex.ShortOfficial(name), named); ok {
				name = c // "the People's Republic", named in full before
			} else if m.venue {
				if short, ok := d.venueDescriptor(m); ok {
					name = short
				} else {
					name = venueName(name)
				}
			} else {
				name = stripThe(name)
			}
			attach(get(graph.Place, name), m, name)
		case graph.Organization:
			name := stripThe(m.name)
			if o, ok := d.x.lex.Org(name); ok {
				name = o.Name
			} else if full, ok := short[name]; ok {
				name = full
			}
			attach(get(graph.Organization, name), m, name)
		}
	}
	// Persons with full names, then misspellings merged into the commoner form.
	var single []*mention
	for _, m := range all {
		if m.typ != graph.Person {
			continue
		}
		if len(strings.Fields(m.name)) < 2 {
			single = append(single, m)
			continue
		}
		attach(get(graph.Person, m.name), m, m.name)
	}
	d.mergeMisspellings()
	d.mergeShortNames()
	// Single names: the full name of the article containing it, the most
	// recently mentioned one when several do.
	names := d.personWords()
	for _, m := range single {
		if e := d.fullNameFor(names, m); e != nil {
			attach(e, m, e.bestForm()) // its best form only weighs more
			continue
		}
		e := get(graph.Person, m.name)
		attach(e, m, m.name)
		names.set(e)
	}
	d.mergeMisspellings() // again, for one-word names: "Sutrino" and "Sutrisno"
	// A name is one entity throughout the article: untagged repeats of a
	// person's names become mentions too.
	d.spreadPersons()
	for _, e := range d.ents {
		if d.expired() {
			return
		}
		e.name = e.bestForm()
		if e.typ == graph.Place || e.typ == graph.Organization {
			for _, a := range d.x.lex.Aliases(e.name) {
				if containsWord(d.text, a) {
					e.aliases[a] = true
				}
			}
		}
	}
	d.affiliations()
	d.inferGenders()
	d.subjStarts = nil // read again over the settled mentions
}

// gender is what an article tells of a person's sex: a title ("Mrs",
// "queen", "spokeswoman") or the pronouns that refer back to them. It
// keeps "she" from resolving to a man named just before.
type gender uint8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

// maleWords and femaleWords are titles and kin nouns written with a name
// that tell a sex ("Mrs A", "spokeswoman A", "his son A"); the pronouns
// tell it of the person they refer to.
var (
	maleWords = set("mr sir king prince emperor lord duke spokesman chairman congressman " +
		"businessman father son brother husband widower grandfather uncle monsieur signor herr")
	femaleWords = set("mrs ms miss madam madame dame queen princess empress lady duchess spokeswoman " +
		"chairwoman congresswoman businesswoman mother daughter sister wife widow grandmother aunt actress")
	malePronouns   = set("he him his himself")
	femalePronouns = set("she her hers herself")
)

// pronounGender is the sex a pronoun refers to, or genderUnknown.
func pronounGender(w string) gender {
	switch {
	case malePronouns[w]:
		return genderMale
	case femalePronouns[w]:
		return genderFemale
	}
	return genderUnknown
}

// inferGenders sets each person's gender from the titles written with
// the name and, failing those, from the pronouns of sentences that name
// that person alone before the pronoun ("A said her government ...").
func (d *doc) inferGenders() {
	type votes struct{ male, female int }
	count := map[*entity]*votes{}
	vote := func(e *entity, g gender, n int) {
		v := count[e]
		if v == nil {
			v = &votes{}
			count[e] = v
		}
		if g == genderMale {
			v.male += n
		} else {
			v.female += n
		}
	}
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		if !s.body() {
			continue
		}
		q := inQuotes(s)
		var only *entity // the one person named so far in the sentence
		many := false
		for k, t := range s.toks {
			for _, m := range s.ments {
				if m.a != k || m.typ != graph.Person || m.ent == nil {
					continue
				}
				if g := titleGender(m, s.toks); g != genderUnknown {
					vote(m.ent, g, 100) // a title outweighs any pronoun
				}
				if !q[k] {
					if only != nil && only != m.ent {
						many = true
					}
					only = m.ent
				}
			}
			if q[k] || only == nil || many {
				continue
			}
			if g := pronounGender(t.low); g != genderUnknown {
				vote(only, g, 1)
			}
		}
	}
	for e, v := range count {
		switch {
		case v.male > v.female:
			e.gender = genderMale
		case v.female > v.male:
			e.gender = genderFemale
		}
	}
	for _, e := range d.ents {
		if e.typ == graph.Person && e.gender == genderUnknown {
			e.named = d.givenNameGender(e)
		}
	}
}

// givenNameGender is the sex a person's given name tells when the text
// tells none: the first word of a full name written in the order given
// name, family name ("Ilse Vogt"), from the lexicon's names that one sex
// bears only. A one-word name, or a first word that is a title, tells
// nothing.
func (d *doc) givenNameGender(e *entity) gender {
	f := strings.Fields(e.bestForm())
	if len(f) < 2 || d.x.lex.IsTitle(strings.ToLower(f[0])) {
		return genderUnknown
	}
	switch d.x.lex.GivenNameSex(f[0]) {
	case lexicon.Female:
		return genderFemale
	case lexicon.Male:
		return genderMale
	}
	return genderUnknown
}

// titleGender is the sex the title of a person mention tells: the word
// before the name ("Mrs A") or the last word of its title ("spokeswoman").
func titleGender(m *mention, toks []tok) gender {
	words := strings.Fields(strings.ToLower(m.title))
	if m.a > 0 {
		words = append(words, strings.TrimSuffix(toks[m.a-1].low, "."))
	}
	for _, w := range words {
		switch {
		case maleWords[w]:
			return genderMale
		case femaleWords[w]:
			return genderFemale
		}
	}
	return genderUnknown
}

// agrees reports whether a pronoun may refer to e: a person whose gender
// the text does not tell agrees with any pronoun, whatever the given name
// (see nameAgrees).
func (e *entity) agrees(pronoun string) bool {
	g := pronounGender(pronoun)
	if e == nil || g == genderUnknown || e.gender == genderUnknown {
		return true
	}
	return e.gender == g
}

// nameAgrees reports whether e's given name is of the pronoun's sex or
// tells none, when the text does not tell e's: "Ilse Vogt" for "she".
func (e *entity) nameAgrees(pronoun string) bool {
	g := pronounGender(pronoun)
	return e == nil || g == genderUnknown || e.gender != genderUnknown || e.named == genderUnknown || e.named == g
}

// pronounPick breaks ties between the people a pronoun may refer to, in
// the order a search meets them: the first whose given name agrees is
// taken (take reports true); the first whose name tells the other sex is
// kept as the fallback in case no one else turns up ("Ilse Vogt met Karl
// Lind. … he said" is Lind's; "Dominique Roy met the press. … he said" is
// still Roy's, a name borne by both sexes in different languages).
type pronounPick struct {
	pronoun  string
	fallback *entity
}

// take reports whether the pronoun refers to e, a person who agrees with
// it (agrees), or keeps e as the fallback when the given name disagrees.
func (p *pronounPick) take(e *entity) bool {
	if e.nameAgrees(p.pronoun) {
		return true
	}
	if p.fallback == nil {
		p.fallback = e
	}
	return false
}

// retypePersons makes a name one type throughout the article: a single
// word the tagger typed as a place or organization that is part of a
// person's full name elsewhere in the article, or that a title stands
// before elsewhere, is that person.
func (d *doc) retypePersons(all []*mention) {
	parts := map[string]bool{}
	for _, m := range all {
		if m.typ == graph.Person && m.title != "" && !d.known(m.name) {
			parts[m.name] = true // a titled one-word name: "patriarch Ana", then "Ana"
		}
		if m.typ == graph.Person && len(strings.Fields(m.name)) >= 2 {
			for _, f := range strings.Fields(m.name) {
				parts[f] = true
			}
			parts[m.name] = true
		}
	}
	for _, m := range all {
		if m.typ == graph.Person || m.venue {
			continue
		}
		if !parts[m.name] && !(personPosition(m) && slipOfAny(m.name, parts)) {
			continue
		}
		_, place := d.x.lex.Place(m.name)
		_, org := d.x.lex.Org(m.name)
		if (place || org) && !personPosition(m) {
			continue
		}
		m.typ = graph.Person
	}
	// A one-word stage name tagged a person in most sentences and an organization in
	// one: a one-word name the tagger takes for a person at least twice
	// and more often than for anything else is a person throughout.
	per, other := map[string]int{}, map[string]int{}
	for _, m := range all {
		if m.b-m.a != 1 || m.venue {
			continue
		}
		if m.typ == graph.Person {
			per[m.name]++
		} else {
			other[m.name]++
		}
	}
	for _, m := range all {
		if m.b-m.a == 1 && m.typ != graph.Person && !m.venue && per[m.name] >= 2 && per[m.name] > other[m.name] && !d.known(m.name) {
			m.typ = graph.Person
		}
	}
}

// companyShortForms finds the short forms an article uses for a company it
// has named in full: "Acme" and "Acme Energy" after "Acme Energy
// Solutions". A short form is the first word or words of one company name
// ending in a company word (orgHeads); the mentions written so, whatever
// their type, are retyped as the organization. It returns short form to
// full name. A party's name without "Party" is its short form too.
func (d *doc) companyShortForms(all []*mention) map[string]string {
	full := map[string]string{}
	for _, m := range all {
		if m.typ != graph.Organization || m.b-m.a < 2 {
			continue
		}
		if _, ok := d.x.lex.Org(m.name); ok {
			continue
		}
		words := strings.Fields(m.name)
		first := 1
		switch last := strings.TrimSuffix(strings.ToLower(words[len(words)-1]), "."); {
		case shortFormHeads[last]:
			first = len(words) - 1 // "New Dawn" for "New Dawn Party", never "New"
		case !orgHeads[last]:
			continue
		}
		for k := first; k < len(words); k++ {
			p := strings.Join(words[:k], " ")
			if old, ok := full[p]; ok && old != m.name && !strings.HasPrefix(old, m.name) && !strings.HasPrefix(m.name, old) {
				full[p] = "" // two companies share it: no short form
				continue
			}
			if len(full[p]) < len(m.name) {
				full[p] = m.name
			}
		}
	}
	for p, f := range full {
		if f == "" {
			delete(full, p)
		}
	}
	// A shorter company name that is itself a prefix maps to the longest.
	for p, f := range full {
		if g, ok := full[f]; ok {
			full[p] = g
		}
	}
	if len(full) == 0 {
		return full
	}
	for _, m := range all {
		if m.venue || m.title != "" {
			continue
		}
		if _, ok := full[m.name]; !ok {
			continue
		}
		if _, ok := d.x.lex.Place(m.name); ok {
			continue
		}
		m.typ = graph.Organization
	}
	return full
}

// shortFormHeads end the names of bodies that the news names again without
// them: "the New Dawn Party" is "New Dawn" in the next sentence.
var shortFormHeads = set("party movement")

// genericShortForms resolves a one-word organization that is a generic
// noun ("the Fund", "the Commission") to the one organization of the
// article whose name ends in it, adding it to short (short form to full
// name); when the article names none, or two, the word names nothing and
// its mentions are dropped, as are those of an acronym the article
// defines for lowercase words ("electric vehicle (EV)"). It returns all
// without the dropped mentions.
func (d *doc) genericShortForms(all []*mention, short map[string]string) []*mention {
	common := map[string]bool{}
	for _, s := range d.sents {
		for i, t := range s.toks {
			if commonAcronym(s.toks, i) {
				common[t.text] = true
			}
		}
	}
	heads := map[string]string{} // lowercase last word -> full name, "" for two
	for _, m := range all {
		if m.typ != graph.Organization || m.b-m.a < 2 || !genericNames[m.s.toks[m.b-1].low] {
			continue
		}
		name := stripThe(m.name)
		if o, ok := d.x.lex.Org(name); ok {
			name = o.Name
		}
		if old, ok := heads[m.s.toks[m.b-1].low]; ok && old != name {
			name = ""
		}
		heads[m.s.toks[m.b-1].low] = name
	}
	drop := map[*mention]bool{}
	var kept []*mention
	for _, m := range all {
		if common[m.name] && !d.known(m.name) {
			drop[m] = true
			continue
		}
		if m.typ == graph.Organization && m.b-m.a == 1 && genericName(m.s.toks[m.a]) && !d.known(m.name) {
			if full := heads[m.s.toks[m.a].low]; full != "" {
				short[m.name] = full
			} else {
				drop[m] = true
				continue
			}
		}
		kept = append(kept, m)
	}
	if len(drop) == 0 {
		return all
	}
	for _, s := range d.sents {
		var ms []*mention
		for _, m := range s.ments {
			if !drop[m] {
				ms = append(ms, m)
			}
		}
		s.ments = ms
	}
	return kept
}

// bracketAcronyms finds the acronyms an article defines in brackets after
// an organization's name, "the Ministry of Trade (MOT)", and returns each
// with the name, when the acronym's letters are the initials of the name's
// capitalized words.
func bracketAcronyms(all []*mention) map[string]string {
	out := map[string]string{}
	for _, m := range all {
		if m.typ != graph.Organization || m.b+2 >= len(m.s.toks) {
			continue
		}
		toks := m.s.toks
		if toks[m.b].low != "(" || toks[m.b+2].low != ")" {
			continue
		}
		a := toks[m.b+1].text
		if len(a) < 2 || strings.ToUpper(a) != a {
			continue
		}
		var initials strings.Builder
		for _, w := range strings.Fields(m.name) {
			if r := []rune(w); unicode.IsUpper(r[0]) {
				initials.WriteRune(r[0])
			}
		}
		if initials.String() == strings.ReplaceAll(a, ".", "") || tickerOf(a, m.name) {
			out[a] = stripThe(m.name)
		}
	}
	return out
}

// tickerOf reports whether code may be the stock ticker of the body named
// name: two to five letters, in any case, drawn in order from the name,
// the first letter its first ("Velmora Motors (VLMR)", "Kestrel Systems
// (KSTR)"). bracketAcronyms asks it of a code in capitals in brackets
// after an organization's name, which the text may write again later.
func tickerOf(code, name string) bool {
	if len(code) < 2 || len(code) > 5 {
		return false
	}
	low := strings.ToLower(stripThe(name))
	c := strings.ToLower(code)
	if low == "" || c[0] != low[0] {
		return false
	}
	k := 0
	for i := 0; i < len(low) && k < len(c); i++ {
		if low[i] == c[k] {
			k++
		}
	}
	for _, r := range c {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return k == len(c)
}

// productNouns are the goods and assets a company's name modifies:
// "Acme aircraft", "Acme electric cars", "Acme shares".
var productNouns = set("aircraft airliners jets planes helicopters cars vehicles trucks phones smartphones chips " +
	"batteries engines shares stock products brand factory factories plant plants")

// companyTitles are the titles only a company gives: "Acme CEO Ana Ruiz",
// "Acme's founder".
var companyTitles = set("ceo cfo coo cto chairman chairwoman founder co-founder cofounder boss")

// tradeVerbs say what a company does with its products.
var tradeVerbs = set("sell sells selling sold make makes making build builds building manufacture manufactures " +
	"manufacturing produce produces producing supply supplies supplying export exports exporting")

// makerNames retypes as an organization a one-word name the tagger took for
// a person when the article uses it as a maker's name before its products,
// "a deal for Acme transport aircraft", and never as a titled person or a
// part of a person's full name.
func (d *doc) makerNames(all []*mention) {
	parts := map[string]bool{}
	maker := map[string]bool{}
	for _, m := range all {
		if m.typ != graph.Person && (m.typ != graph.Place || m.b-m.a > 1 || d.known(m.name)) {
			continue // a place the lexicon does not know may be a maker too: "Acme CEO Ana Ruiz"
		}
		if m.typ == graph.Person && (m.b-m.a > 1 || m.title != "") {
			for _, f := range strings.Fields(m.name) {
				parts[f] = true
			}
			continue
		}
		toks := m.s.toks
		after := m.b
		if isPossessive(toks, after) {
			after++ // "Acme's factory", "Acme's CEO"
		}
		for k := after; k < len(toks) && k < after+2; k++ {
			if toks[k].kind != text.Word || toks[k].isCap() && !companyTitles[toks[k].low] {
				break
			}
			if productNouns[toks[k].low] || companyTitles[toks[k].low] {
				maker[m.name] = true // "Acme cars", "Acme CEO Ana Ruiz"
				break
			}
		}
		// "Acme has been trying to sell planes to ...": the subject sells
		// or makes the products.
		for k := m.b; k+1 < len(toks) && k < m.b+10 && toks[k].kind == text.Word; k++ {
			if !tradeVerbs[toks[k].low] {
				continue
			}
			for j := k + 1; j < len(toks) && j < k+4 && toks[j].kind == text.Word && !toks[j].isCap(); j++ {
				if productNouns[toks[j].low] {
					maker[m.name] = true
				}
			}
			break
		}
	}
	for _, m := range all {
		if (m.typ == graph.Person || m.typ == graph.Place && !d.known(m.name)) && m.b-m.a == 1 && maker[m.name] && !parts[m.name] {
			m.typ = graph.Organization
		}
	}
}

// slipOfAny reports whether a one-word name is a slip (one letter off, five
// letters or more, same first letter) of a word in parts: "Bakare" written
// as the subject of "said" in an article naming "Ana Bakere".
func slipOfAny(name string, parts map[string]bool) bool {
	if strings.Contains(name, " ") || len(name) < 5 {
		return false
	}
	for p := range parts {
		if len(p) >= 5 && !strings.Contains(p, " ") && p[0] == name[0] && editDistance(p, name) == 1 {
			return true
		}
	}
	return false
}

// personPosition reports whether a mention stands where only a person
// can: the subject of a speech verb ("Paris said", when Paris is a surname of the article), or after an honorific.
// A place that is also part of a person's name is that person there.
func personPosition(m *mention) bool {
	toks := m.s.toks
	k := m.b
	for k < len(toks) && k < m.b+2 && sayAdverbs[toks[k].low] && toks[k].low != "," {
		k++
	}
	if k < len(toks) && speechVerbs[toks[k].low] && toks[k].low != "saying" {
		return true
	}
	return m.a > 0 && honorifics[strings.TrimSuffix(toks[m.a-1].low, ".")]
}

// bestForm is the most used full name (ties: the longer, then the first in order).
func (e *entity) bestForm() string {
	best, bw := "", -1
	for f, w := range e.forms {
		if w > bw || (w == bw && (len(f) > len(best) || (len(f) == len(best) && f < best))) {
			best, bw = f, w
		}
	}
	return best
}

// personName is a person entity as the merges compare it. Its best form
// and weight are read once: merging never changes them, since a merged
// name joins the winner's forms with weight 0.
type personName struct {
	e    *entity
	form string
	// fields are the words of form folded as name keys fold them (case,
	// accents, "ø" and "ß"): a slip is measured on what was meant.
	fields []string
	weight int
}

// personNames are the person entities of d that still have mentions, in
// order, or nil when the budget ran out.
func (d *doc) personNames() []personName {
	var out []personName
	for _, e := range d.ents {
		if d.expired() {
			return nil
		}
		if e.typ == graph.Person && len(e.ments) > 0 {
			f := e.bestForm()
			fs := strings.Fields(f)
			for i, w := range fs {
				fs[i] = graph.NameKey(w)
			}
			out = append(out, personName{e: e, form: f, fields: fs, weight: e.weight()})
		}
	}
	return out
}

// nameIndex finds the names that may be one edit from a word: each name
// is filed under hashes of its words and of those words with one letter
// deleted (two words one edit apart share one: a substitution deletes the
// same place in both, an insertion is the longer word with it deleted).
// A collision only adds a candidate, which the caller then compares.
type nameIndex map[uint64][]int

// slipKeys are those hashes of w, told apart by kind.
func slipKeys(kind uint64, w string) []uint64 {
	const base = 1_000_003
	rs := []rune(w)
	pre := make([]uint64, len(rs)+1) // pre[i]: hash of rs[:i]
	pow := make([]uint64, len(rs)+1) // pow[i]: base^i
	pow[0] = 1
	for i, r := range rs {
		pre[i+1] = pre[i]*base + uint64(r) + 1
		pow[i+1] = pow[i] * base
	}
	seed := (kind + 1) * 0x9e3779b97f4a7c15
	n := len(rs)
	keys := []uint64{seed ^ (pre[n] + pow[n])}
	for i := range rs {
		// rs without rs[i]: its prefix shifted over the rest, plus the rest.
		h := pre[i]*pow[n-1-i] + pre[n] - pre[i+1]*pow[n-1-i]
		keys = append(keys, seed^(h+pow[n-1]))
	}
	return keys
}

func (ix nameIndex) add(kind uint64, w string, i int) {
	keys := slipKeys(kind, w)
	for k, key := range keys {
		if !slices.Contains(keys[:k], key) { // "Anna": deleting either n is one key
			ix[key] = append(ix[key], i)
		}
	}
}

// candidates appends to out the indexes after i filed under a key of w,
// each once (seen[j] == i marks j found), and returns out.
func (ix nameIndex) candidates(out []int, kind uint64, w string, i int, seen []int) []int {
	for _, key := range slipKeys(kind, w) {
		for _, j := range ix[key] {
			if j > i && seen[j] != i {
				seen[j] = i
				out = append(out, j)
			}
		}
	}
	return out
}

// Kinds of words in a nameIndex.
const (
	slipOneWord  uint64 = iota // a one-word name
	slipSurname                // the last word of a longer name
	slipRestName               // a longer name after its first word, with its first word and length
)

// mergeMisspellings folds person entities whose names differ by a slip
// ("Jon Smiht" into "Jon Smith"): same first token, the rest within edit
// distance 1 and at least five letters long. Each pair that could be one
// is compared in the order of a loop over all pairs, so the merges are
// those of that loop; an index of the names finds the pairs.
func (d *doc) mergeMisspellings() {
	persons := d.personNames()
	ix := nameIndex{}
	for i, p := range persons {
		switch f := p.fields; {
		case len(f) == 1:
			ix.add(slipOneWord, f[0], i)
		case len(f) > 1:
			ix.add(slipSurname, f[len(f)-1], i)
			ix.add(slipRestName, restKey(f), i)
		}
	}
	seen := make([]int, len(persons))
	for i := range seen {
		seen[i] = -1
	}
	var cands []int
	for i := range persons {
		if d.expired() {
			return
		}
		a := &persons[i]
		if len(a.e.ments) == 0 {
			continue
		}
		cands = cands[:0]
		switch f := a.fields; {
		case len(f) == 1:
			cands = ix.candidates(cands, slipOneWord, f[0], i, seen)
			cands = ix.candidates(cands, slipSurname, f[0], i, seen)
		case len(f) > 1:
			cands = ix.candidates(cands, slipOneWord, f[len(f)-1], i, seen)
			cands = ix.candidates(cands, slipRestName, restKey(f), i, seen)
		}
		slices.Sort(cands)
		for _, j := range cands {
			b := &persons[j]
			if len(a.e.ments) == 0 || len(b.e.ments) == 0 {
				continue
			}
			d.namePairs++
			if win, lose, ok := slip(a, b); ok {
				mergeSlip(win, lose)
			}
		}
	}
}

// restKey is what a longer name must share with its slip: the first word,
// the number of words, the rest within one edit.
func restKey(f []string) string {
	return strconv.Itoa(len(f)) + " " + f[0] + "|" + strings.Join(f[1:], " ")
}

// slip reports whether a and b are one person's name and a slip of it, and
// which is kept.
func slip(a, b *personName) (win, lose *entity, ok bool) {
	fa, fb := a.fields, b.fields
	win, lose = a.e, b.e
	if wb := b.weight; wb > a.weight || (wb == a.weight && len(b.form) > len(a.form)) {
		win, lose = b.e, a.e // on a tie, the longer: a slip more often drops a letter
	}
	switch {
	case len(fa) == 1 && len(fb) == 1:
		// One-word names ("Sutrisno", "Sutrino"): longer, and the
		// same first two letters.
		if len(fa[0]) < 6 || len(fb[0]) < 6 || fa[0][:2] != fb[0][:2] || editDistance(fa[0], fb[0]) > 1 {
			return nil, nil, false
		}
	case len(fa) == 1 || len(fb) == 1:
		// A surname alone written otherwise than in the full name
		// ("Bakare" and "Ana Bakere"): the full name wins.
		short, long := fa, fb
		win, lose = b.e, a.e
		if len(fb) == 1 {
			short, long = fb, fa
			win, lose = a.e, b.e
		}
		last := long[len(long)-1]
		if len(short[0]) < 5 || len(last) < 5 || short[0][0] != last[0] || editDistance(short[0], last) > 1 {
			return nil, nil, false
		}
	default:
		if len(fa) != len(fb) || fa[0] != fb[0] {
			return nil, nil, false
		}
		ra, rb := strings.Join(fa[1:], " "), strings.Join(fb[1:], " ")
		if len(ra) < 5 || len(rb) < 5 || editDistance(ra, rb) > 1 {
			return nil, nil, false
		}
	}
	return win, lose, true
}

// mergeSlip folds lose, a slip of win's name, into win.
func mergeSlip(win, lose *entity) {
	for _, m := range lose.ments {
		m.ent = win
		win.ments = append(win.ments, m)
		win.aliases[m.name] = true
	}
	for f := range lose.forms {
		win.forms[f] += 0 // a misspelling never becomes the canonical form
		win.aliases[f] = true
	}
	for t := range lose.titles {
		win.titles[t] = true
	}
	win.roles = append(win.roles, lose.roles...)
	win.strong = win.strong || lose.strong
	lose.ments, lose.forms, lose.strong = nil, map[string]int{}, false
}

// mergeShortNames folds a person written with part of a longer name of the
// article into it: "Ruiz Soto" into "Ana Ruiz Soto", "Costa da Silva" into
// "Rui Costa da Silva". The words must be a
// contiguous run of exactly one longer name. Every word of the short name
// is in the longer one, so only the names sharing its rarest word are
// compared.
func (d *doc) mergeShortNames() {
	persons := d.personNames()
	words := make([][]string, len(persons))
	byWord := map[string][]int{}
	for i, p := range persons {
		words[i] = nameWords(p.form)
		for k, w := range words[i] {
			if !slices.Contains(words[i][:k], w) {
				byWord[w] = append(byWord[w], i)
			}
		}
	}
	all := make([]int, len(persons))
	for i := range all {
		all[i] = i
	}
	for i, p := range persons {
		if d.expired() {
			return
		}
		a, fa := p.e, words[i]
		cands := all // no words: every longer name contains them
		for k, w := range fa {
			if k == 0 || len(byWord[w]) < len(cands) {
				cands = byWord[w]
			}
		}
		var into *entity
		for _, j := range cands {
			b := persons[j].e
			if b == a || len(b.ments) == 0 {
				continue
			}
			d.namePairs++
			fb := words[j]
			if len(fb) <= len(fa) || !containsRun(fb, fa) && !firstAndSurname(fb, fa) {
				continue
			}
			if into != nil {
				into = nil // ambiguous: two longer names contain it
				break
			}
			into = b
		}
		if into == nil {
			continue
		}
		for _, m := range a.ments {
			m.ent = into
			into.ments = append(into.ments, m)
			into.aliases[m.name] = true
		}
		for f := range a.forms {
			into.aliases[f] = true // the full name stays canonical
		}
		for t := range a.titles {
			into.titles[t] = true
		}
		into.roles = append(into.roles, a.roles...)
		into.orgs = append(into.orgs, a.orgs...)
		into.strong = into.strong || a.strong
		a.ments, a.forms, a.strong = nil, map[string]int{}, false
	}
}

// nameWords are the lowercase words of a person's name, an article
// particle joined by a hyphen written apart: "Karim al-Nasser" is "karim al
// nasser", so that "Nasser" and "Karim Al Nasser" are found in it.
func nameWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		low := strings.ToLower(w)
		if articleName(w) {
			k := strings.IndexByte(w, '-')
			out = append(out, low[:k], low[k+1:])
			continue
		}
		out = append(out, low)
	}
	return out
}

// firstAndSurname reports whether short is long without some of its middle
// names, "Karim al-Nasser" of "Karim Yusuf al-Nasser": two words or more,
// the same first and last, the rest in order, and a surname of five
// letters or more (short ones, "Park Rae" of "Park Mi Rae", are shared by
// too many).
func firstAndSurname(long, short []string) bool {
	if len(short) < 2 || len(long) <= len(short) || short[0] != long[0] || short[len(short)-1] != long[len(long)-1] ||
		len([]rune(short[len(short)-1])) < 5 {
		return false
	}
	k := 1
	for _, w := range long[1 : len(long)-1] {
		if k < len(short)-1 && w == short[k] {
			k++
		}
	}
	return k == len(short)-1
}

// containsRun reports whether the words of short appear in long, in order
// and next to each other.
func containsRun(long, short []string) bool {
	for i := 0; i+len(short) <= len(long); i++ {
		ok := true
		for j := range short {
			if long[i+j] != short[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (e *entity) weight() int {
	w := 0
	for _, v := range e.forms {
		w += v
	}
	return w
}

// personWords indexes the person entities by the words of their names,
// for fullNameFor: looking each one-word name up among all persons was
// quadratic in the names of an article.
type personWords struct {
	words  map[*entity][]string // nameWords of the entity's best form
	byWord map[string][]*entity // may hold entities that no longer have the word
}

// personWords indexes the person entities of d.
func (d *doc) personWords() *personWords {
	ix := &personWords{words: map[*entity][]string{}, byWord: map[string][]*entity{}}
	for _, e := range d.ents {
		if e.typ == graph.Person {
			ix.set(e)
		}
	}
	return ix
}

// set files e under the words of its best form, which attaching a mention
// may have changed.
func (ix *personWords) set(e *entity) {
	old := ix.words[e]
	ws := nameWords(e.bestForm())
	ix.words[e] = ws
	for k, w := range ws {
		if !slices.Contains(ws[:k], w) && !slices.Contains(old, w) {
			ix.byWord[w] = append(ix.byWord[w], e)
		}
	}
}

// fullNameFor finds the person entity a one-word name refers to.
func (d *doc) fullNameFor(names *personWords, m *mention) *entity {
	if d.expired() {
		return nil
	}
	low := strings.ToLower(m.name)
	var cands []*entity
	for _, e := range names.byWord[low] {
		if len(e.ments) > 0 && slices.Contains(names.words[e], low) {
			cands = append(cands, e)
		}
	}
	slices.SortFunc(cands, func(a, b *entity) int { return a.order - b.order }) // the order of d.ents
	if len(cands) <= 1 {
		if len(cands) == 1 {
			return cands[0]
		}
		return nil
	}
	// Several: the one mentioned last before m.
	var best *entity
	bestPos := -1
	for _, e := range cands {
		for _, em := range e.ments {
			p := em.s.i*10000 + em.a
			if p < m.s.i*10000+m.a && p > bestPos {
				best, bestPos = e, p
			}
		}
	}
	return best
}

// spreadPersons adds mentions for untagged occurrences of a person's names.
func (d *doc) spreadPersons() {
	names := map[string]*entity{}
	// calendar: surnames that are also months or modals ("May", "June"),
	// spread only where a person stands (calendarSurnameAt).
	calendar := map[string]*entity{}
	for _, e := range d.ents {
		if d.expired() {
			return
		}
		if e.typ != graph.Person || len(e.ments) == 0 {
			continue
		}
		fs := strings.Fields(e.bestForm())
		for k, f := range fs {
			if low := strings.ToLower(f); k > 0 && k == len(fs)-1 && surnameWords[low] {
				if old, ok := calendar[f]; ok && old != e {
					calendar[f] = nil
				} else {
					calendar[f] = e
				}
			}
			if len(f) < 2 || notNames[strings.ToLower(f)] {
				continue
			}
			if old, ok := names[f]; ok && old != e {
				names[f] = nil // ambiguous
				continue
			}
			names[f] = e
		}
	}
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		covered := make([]bool, len(s.toks))
		for _, m := range s.ments {
			for i := m.a; i < m.b; i++ {
				covered[i] = true
			}
		}
		added := false
		for i, t := range s.toks {
			if covered[i] || !t.isCap() {
				continue
			}
			e := names[t.text]
			if e == nil && calendar[t.text] != nil && calendarSurnameAt(d.x.lex, s, i) {
				e = calendar[t.text]
			}
			if e == nil {
				continue
			}
			// Take the whole name when it is written out.
			b := i + 1
			for b < len(s.toks) && !covered[b] && names[s.toks[b].text] == e {
				b++
			}
			m := &mention{s: s, a: i, b: b, typ: graph.Person, name: joinToks(s.toks[i:b])}
			for k := i; k < b; k++ {
				covered[k] = true
			}
			s.ments = append(s.ments, m)
			m.ent = e
			e.ments = append(e.ments, m)
			if s.body() {
				e.strong = true
			}
			if len(strings.Fields(m.name)) == 1 {
				e.aliases[m.name] = true
			}
			added = true
		}
		if added {
			sortMentions(s.ments)
			for _, m := range s.ments {
				if m.typ == graph.Person && m.title == "" {
					d.titleBefore(m)
					if m.title != "" && m.ent != nil {
						m.ent.titles[fullTitle(d.x.lex, m)] = true
						m.ent.roles = append(m.ent.roles, role{country: m.country, title: roleTitle(m.title)})
					}
				}
			}
		}
	}
	// Aliases: every one-word name used for the person.
	for _, e := range d.ents {
		if d.expired() {
			return
		}
		for _, m := range e.ments {
			if m.name != e.bestForm() {
				e.aliases[m.name] = true
			}
		}
	}
}

// calendarSurnameAt reports whether token i of s, a surname that is also
// a month or a modal ("May", "June"), names a person there rather than a
// time: after a courtesy title or a capitalized title ("Mrs May", "Prime
// Minister May"), after a speech verb ("said May"), or as a subject or
// possessor before a lowercase word ("May said", "May's visit"), but
// never after a word that opens a date ("in May", "last May", "5 May"),
// nor before a number or a date's continuation ("May 5", "May this
// year"), nor as the modal opening a wish ("May God ...").
func calendarSurnameAt(lex *lexicon.Lexicon, s *sent, i int) bool {
	toks := s.toks
	if i+1 < len(toks) && toks[i+1].kind == text.Number {
		return false
	}
	if i > 0 {
		p := toks[i-1]
		low := strings.TrimSuffix(p.low, ".")
		if honorifics[low] || p.isCap() && lex.IsTitle(low) || speechVerbs[p.low] {
			return true
		}
		if p.kind == text.Number || monthOpeners[p.low] {
			return false
		}
		if (p.low == "and" || p.low == "or") && (i < 2 || !coveredByPerson(s, i-2)) {
			return false // "April and May"
		}
	}
	if i+1 >= len(toks) {
		return false
	}
	n := toks[i+1]
	if n.low == "'s" {
		return true
	}
	return n.kind == text.Word && n.text == n.low && !monthFollowers[n.low] && !pronouns[n.low] &&
		!determiners[n.low]
}

// monthOpeners are the words before a month that make it a time: "in May",
// "last May", "since May", "the May elections".
var monthOpeners = set("in on since until till by from through throughout during last next this early late mid " +
	"of to before after between every each the a an until 'til")

// monthFollowers are the lowercase words that go on a date after a month:
// "May this year", "May last year", "May and June", "May to July".
var monthFollowers = set("last next this that of and or to through until till each every i you we they god")

// coveredByPerson reports whether token k of s is in a person mention.
func coveredByPerson(s *sent, k int) bool {
	m := mentionOver(s, k)
	return m != nil && m.typ == graph.Person
}

// affiliations records AFFILIATED_WITH from "Acme CEO Jane Roe" and "Acme's Jane Roe".
func (d *doc) affiliations() {
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		if !s.body() {
			continue
		}
		for _, m := range s.ments {
			if m.typ != graph.Person || m.ent == nil || len(m.orgs) == 0 {
				continue
			}
			for _, o := range m.orgs {
				oe := d.entityNamed(graph.Organization, o)
				if oe == nil {
					continue
				}
				d.relations = append(d.relations, graph.RelationClaim{
					Type: graph.AffiliatedWith, From: m.ent.bestForm(), To: oe.bestForm(), Title: m.title,
					Evidence: []graph.Evidence{s.evidence()},
				})
			}
		}
		// LOCATED_IN: "the Grand Hall in Capital City", "Capital City, Country".
		for i, m := range s.ments {
			if m.typ != graph.Place || m.ent == nil || i+1 >= len(s.ments) {
				continue
			}
			n := s.ments[i+1]
			if n.typ != graph.Place || n.ent == nil || n.a != m.b+1 {
				continue
			}
			if w := s.toks[m.b].low; w != "in" && w != "," {
				continue
			}
			if !d.contains(n.ent, m.ent) {
				continue
			}
			d.relations = append(d.relations, graph.RelationClaim{Type: graph.LocatedIn, From: m.ent.bestForm(),
				To: n.ent.bestForm(), Evidence: []graph.Evidence{s.evidence()}})
		}
	}
}

// contains reports whether place outer can contain place inner: a venue in
// a city, a city in its country.
func (d *doc) contains(outer, inner *entity) bool {
	pi, iok := d.x.lex.Place(inner.bestForm())
	po, ook := d.x.lex.Place(outer.bestForm())
	switch {
	case !iok: // a venue or unknown place inside a known city or country
		return ook
	case ook && pi.Kind == lexicon.City && po.Kind == lexicon.Country:
		return pi.Country == po.Name
	}
	return false
}

func (d *doc) entityNamed(t graph.EntityType, name string) *entity {
	k := graph.NameKey(name)
	for _, e := range d.ents {
		if d.expired() {
			return nil
		}
		if e.typ != t || len(e.ments) == 0 {
			continue
		}
		if e.key == k || graph.NameKey(e.bestForm()) == k {
			return e
		}
		for _, m := range e.ments {
			if graph.NameKey(m.name) == k {
				return e
			}
		}
	}
	return nil
}

// fullTitle writes a title with its country or organization:
// "President of France", "U.S. Secretary of State", "Acme CEO".
func fullTitle(lex *lexicon.Lexicon, m *mention) string {
	t := m.title
	switch {
	case len(m.orgs) > 0:
		return m.orgs[len(m.orgs)-1] + " " + t
	case m.country == "":
		return t
	case strings.Contains(strings.ToLower(t), " of "):
		return lex.Adjective(m.country) + " " + t
	}
	return titleCase(t) + " of " + m.country
}

func titleCase(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// namedCountries is the set of countries the mentions name.
func (d *doc) namedCountries(all []*mention) map[string]bool {
	out := map[string]bool{}
	for _, m := range all {
		if m.typ != graph.Place {
			continue
		}
		if p, ok := d.x.lex.Place(m.name); ok && p.Kind == lexicon.Country {
			out[p.Name] = true
		}
	}
	return out
}

// shortOfficial picks, of the countries an official name's first words
// may stand for, the one country the article names.
func shortOfficial(candidates []string, named map[string]bool) (string, bool) {
	var pick string
	for _, c := range candidates {
		if named[c] {
			if pick != "" {
				return "", false
			}
			pick = c
		}
	}
	return pick, pick != ""
}

func stripThe(s string) string {
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// venueName is the canonical form of a venue: words capitalized (but "of",
// "the"), "Guest House" written as one word, no leading article.
func venueName(s string) string {
	words := strings.Fields(stripThe(s))
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		lw := strings.ToLower(w)
		if i+1 < len(words) && lw == "guest" && strings.EqualFold(words[i+1], "house") {
			out = append(out, "Guesthouse")
			i++
			continue
		}
		if i > 0 && (lw == "of" || lw == "the" || lw == "and") {
			out = append(out, lw)
			continue
		}
		out = append(out, titleCase(lw))
		if w != lw && strings.ToUpper(w) == w && len(w) > 1 {
			out[len(out)-1] = w // acronyms keep their case
		}
	}
	return strings.Join(out, " ")
}

// facilityWords may open a lowercase descriptor of what a named venue is:
// "the Acme convention center", "the Acme sports arena". Official
// modifiers ("state", "national") make the words part of a formal name
// instead: "the Acme state guesthouse".
var facilityWords = set("convention exhibition conference congress sports shopping trade business events")

// namedFacilities are the kinds of venue a brand name alone stands for:
// "the Acme hotel" is the Acme.
var namedFacilities = set("hotel stadium arena resort")

// venueDescriptor reads a venue written as a name and a lowercase
// descriptor, "the Acme convention center", "the Acme hotel": the name is
// the capitalized words, the descriptor says what kind of place it is.
func (d *doc) venueDescriptor(m *mention) (string, bool) {
	toks := m.s.toks[m.a:m.b]
	p := 0
	for p < len(toks) && (toks[p].isCap() || toks[p].low == "the") {
		p++
	}
	if p == 0 || p == len(toks) || (p == 1 && toks[0].low == "the") {
		return "", false
	}
	tail := toks[p:]
	if !facilityWords[tail[0].low] && !(len(tail) == 1 && namedFacilities[tail[0].low]) {
		return "", false
	}
	for _, t := range tail {
		if t.isCap() || !(facilityWords[t.low] || d.x.lex.IsVenueWord(t.low)) {
			return "", false
		}
	}
	name := stripThe(joinToks(toks[:p]))
	if _, ok := d.x.lex.Place(name); ok {
		return "", false // "the Lima convention center" is not Lima
	}
	if _, ok := d.x.lex.Demonym(name); ok {
		return "", false
	}
	return name, true
}

// findMinistries adds mentions for ministries written in lowercase or with
// the country before them: "Spain's foreign ministry", "the French Ministry
// of Foreign Affairs". Canonical form: "<Adjective> <Subject> Ministry".
func (d *doc) findMinistries() {
	lex := d.x.lex
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		n := len(s.toks)
		for i := 0; i < n; i++ {
			country, j := "", i
			if c, ok := lex.Demonym(s.toks[i].text); ok && s.toks[i].isCap() {
				country, j = c, i+1
			} else if p, ok := lex.Place(s.toks[i].text); ok && p.Kind == lexicon.Country && isPossessive(s.toks, i+1) {
				country, j = p.Name, i+2
			}
			if country == "" || j >= n {
				continue
			}
			subject, end := "", -1
			switch {
			case j+1 < n && isMinistryWord(s.toks[j+1].low) && ministrySubjects[s.toks[j].low] != "":
				subject, end = ministrySubjects[s.toks[j].low], j+2
			case j+2 < n && isMinistryWord(s.toks[j].low) && s.toks[j+1].low == "of":
				k := j + 2
				var sub []string
				for k < n && s.toks[k].isCap() && len(sub) < 3 {
					sub = append(sub, s.toks[k].low)
					k++
				}
				if v := ministrySubjects[strings.Join(sub, " ")]; v != "" {
					subject, end = v, k
				}
			}
			if subject == "" {
				continue
			}
			head := "Ministry"
			for k := j; k < end; k++ {
				if isMinistryWord(s.toks[k].low) {
					head = titleCase(s.toks[k].low)
				}
			}
			name := lex.Adjective(country) + " " + subject + " " + head
			m := &mention{s: s, a: i, b: end, typ: graph.Organization, name: joinToks(s.toks[i:end])}
			// Replace what the tagger made of these tokens; a person name
			// glued after the ministry keeps its own mention.
			var kept []*mention
			for _, o := range s.ments {
				switch {
				case o.b <= m.a || o.a >= m.b:
					kept = append(kept, o)
				case o.a >= m.a && o.b > m.b && o.typ != graph.Place:
					o.a = m.b
					o.name = joinToks(s.toks[o.a:o.b])
					if len(strings.Fields(o.name)) >= 2 {
						o.typ = graph.Person
					}
					kept = append(kept, o)
				}
			}
			s.ments = append(kept, m)
			// "Ministry Ana Ruiz": an untagged two-word name right after it.
			if end+2 <= n && s.toks[end].isCap() && s.toks[end+1].isCap() && mentionAt(s, end) == nil && mentionAt(s, end+1) == nil &&
				(end+2 == n || !s.toks[end+2].isCap()) && s.toks[end].kind == text.Word && s.toks[end+1].kind == text.Word {
				if _, known := lex.Place(s.toks[end].text); !known && !notNames[s.toks[end].low] && !notNames[s.toks[end+1].low] {
					s.ments = append(s.ments, &mention{s: s, a: end, b: end + 2, typ: graph.Person, name: joinToks(s.toks[end : end+2])})
				}
			}
			sortMentions(s.ments)
			m.name = name // canonical; the written form becomes an alias below
			// "Kenya's Ministry of Health": the country's possessive is
			// no part of the name written; a demonym ("Kenyan Health
			// Ministry") is, and so is the possessive before a lowercase
			// description ("Kenya's health ministry").
			w := i
			if j == i+2 && s.toks[j].isCap() {
				w = j
			}
			m.nameWritten(joinToks(s.toks[w:end]))
			i = end - 1
		}
	}
}

// nameWritten keeps the form as written for the alias list.
func (m *mention) nameWritten(w string) { m.orgs = nil; m.written = w }

func isMinistryWord(w string) bool {
	return w == "ministry" || w == "department" || w == "office"
}

var ministrySubjects = map[string]string{
	"foreign": "Foreign", "foreign affairs": "Foreign", "defense": "Defense", "defence": "Defence",
	"finance": "Finance", "interior": "Interior", "home": "Home", "trade": "Trade", "commerce": "Commerce",
	"justice": "Justice", "health": "Health", "education": "Education", "economy": "Economy",
	"state": "State", "agriculture": "Agriculture", "energy": "Energy", "culture": "Culture",
	"industry": "Industry", "environment": "Environment", "economic affairs": "Economic Affairs",
	"external affairs": "External Affairs", "commerce and industry": "Commerce and Industry",
}

// editDistance is the distance of a and b in edits of one letter
// (inserted, deleted, changed) or of two letters next to each other
// swapped (Damerau's optimal string alignment).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	before := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
			// Two letters swapped ("Vreskan" for "Verskan") are one slip
			// of the hand, as one letter wrong is.
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] && ra[i-1] != rb[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		before, prev, cur = prev, cur, before
	}
	return prev[len(rb)]
}

// inQuotes marks the tokens of s inside quotation marks. The slice is
// the sentence's own (s.quoted): callers read it, never write it.
func inQuotes(s *sent) []bool {
	if len(s.quoted) == len(s.toks) && s.quoted != nil {
		return s.quoted
	}
	q := make([]bool, len(s.toks))
	open := false
	for i, t := range s.toks {
		switch t.text {
		case "\u201c":
			open = true
		case "\u201d":
			open = false
		case "\"":
			open = !open
		default:
			if open && twoApostrophes(s, i) {
				open = false // "…'': a closing mark typed as two apostrophes
				continue
			}
			q[i] = open
		}
	}
	s.quoted = q
	return q
}

// containsWord reports whether w occurs in s between word boundaries.
func containsWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		a, b := i+k, i+k+len(w)
		before := a == 0 || !isWordByte(s[a-1])
		after := b == len(s) || !isWordByte(s[b])
		if before && after {
			return true
		}
		i = a + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// antecedentAt resolves a pronoun at token i of s: the nearest person
// named before it in the sentence, else the subject of one of the three
// sentences before; a person of the other gender is passed over. depth
// bounds the chain of pronouns followed back.
func (d *doc) antecedentAt(s *sent, i, depth int) *entity {
	q := inQuotes(s)
	p := s.toks[i].low
	pick := pronounPick{pronoun: p}
	for k := i - 1; k >= 0; k-- {
		if q[k] {
			continue
		}
		if r := d.personAtNoPronoun(s, k); r.kind != refNone && r.end <= i && r.ent.agrees(p) && pick.take(r.ent) {
			return r.ent
		}
	}
	if e := d.earlierSubject(s, p, depth); e != nil && (e.nameAgrees(p) || pick.fallback == nil) {
		return e
	}
	return pick.fallback
}

// earlierSubject is the antecedent of a pronoun opening a clause in s from
// the three sentences before: the first person of the nearest one who is
// no possessor of another ("A's aide B said" is about B) and agrees with
// the pronoun. For "she" a woman the text names as one is preferred to a
// nearer person whose gender it does not tell: most people in the news
// are men, so an unknown is more likely a man ("he" takes the nearest).
func (d *doc) earlierSubject(s *sent, pronoun string, depth int) *entity {
	var unknown *entity
	seenUnknown := false
	want := pronounGender(pronoun)
	pick := pronounPick{pronoun: pronoun}
	for back := 1; back <= 3 && s.i-back >= 0; back++ {
		p := d.sents[s.i-back]
		if !p.body() {
			continue
		}
		q := inQuotes(p)
		// The subject after an opening adverbial first ("During talks
		// with A, the minister said …" is about the minister), then the
		// adverbial itself.
		lead := d.subjectStart(p)
		order := [2][2]int{{lead, len(p.toks)}, {0, lead}}
		for _, rg := range order {
			for k := rg[0]; k < rg[1]; k++ {
				if q[k] {
					continue
				}
				var r ref
				if pronouns[p.toks[k].low] {
					if depth >= 2 || p.toks[k].low == "his" || p.toks[k].low == "her" && k+1 < len(p.toks) && p.toks[k+1].kind == text.Word {
						continue // a possessive determiner is no subject
					}
					r = ref{ent: d.antecedentAt(p, k, depth+1), end: k + 1, kind: refPronoun}
				} else {
					r = d.personAt(p, k)
				}
				if r.kind == refNone {
					continue
				}
				if isPossessive(p.toks, r.end) && d.personWithin(p, r.end+1, r.end+5) {
					k = r.end
					continue
				}
				switch {
				case r.ent == nil: // a role the article does not resolve
					return unknown
				case !r.ent.agrees(pronoun):
				case !pick.take(r.ent):
					// "Ilse Vogt met Karl Lind. … he said": the name tells
					// the sex the text does not; Vogt only if no one else.
				case want != genderFemale || r.ent.gender == want:
					return r.ent
				case r.ent.gender == genderUnknown && !seenUnknown:
					unknown, seenUnknown = r.ent, true
				}
				k = r.end - 1
			}
		}
	}
	if unknown == nil {
		return pick.fallback
	}
	return unknown
}

// personWithin reports whether a person's name starts in tokens [a, b) of
// s with only title words before it: "spokeswoman B", "chief of staff B",
// not "meeting with B".
func (d *doc) personWithin(s *sent, a, b int) bool {
	for _, m := range s.ments {
		if m.typ != graph.Person || m.a < a || m.a >= b {
			continue
		}
		titled := true
		for k := a; k < m.a; k++ {
			if w := s.toks[k]; !w.isCap() && !d.x.lex.IsTitle(w.low) && !titleModifiers[w.low] && w.low != "of" {
				titled = false
			}
		}
		if titled {
			return true
		}
	}
	return false
}
