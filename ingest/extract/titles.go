package extract

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// This file reads titles written around a name rather than before it:
// appositions ("A, the trade minister of Peru,", "Spain's finance
// minister, X,") and "as" phrases ("X took office as Poland's climate
// minister").

// apposition is a title phrase read around a name.
type apposition struct {
	title   string
	country string
	orgs    []string
	end     int // the token after the phrase
}

// appositionTitles gives each person mention of s without a title the
// title an apposition or an "as" phrase states.
func (d *doc) appositionTitles(s *sent) {
	toks := s.toks
	n := len(toks)
	for mi, m := range s.ments {
		if m.typ != graph.Person || m.title != "" {
			continue
		}
		// "A, the trade minister of Peru," / "A, Spain's top diplomat,"
		if m.b+1 < n && toks[m.b].low == "," {
			if ap, ok := d.titlePhrase(s, m.b+1, false); ok {
				m.setTitle(ap)
				continue
			}
		}
		// "Spain's finance minister, X, said"
		if m.a >= 2 && toks[m.a-1].low == "," && (m.b >= n || toks[m.b].low == "," || toks[m.b].low == "." || speechVerbs[toks[m.b].low]) {
			// Twelve tokens: "the Secretary-General of the United Nations,".
			for st := max(0, m.a-12); st < m.a-1; st++ {
				if st > 0 && (toks[st-1].kind == text.Word && toks[st-1].low != "and" && toks[st-1].low != "but" ||
					toks[st].span.Start == toks[st-1].span.End) {
					continue // the phrase must open the sentence or follow punctuation and a space
				}
				if ap, ok := d.titlePhrase(s, st, false); ok && ap.end == m.a-1 {
					m.setTitle(ap)
					break
				}
			}
			if m.title != "" {
				continue
			}
		}
		// "A took office as Spain's energy minister"
		for k := m.b; k < n && k < m.b+8; k++ {
			if k > m.b {
				if o := mentionAt(s, k); o != nil && o.typ == graph.Person {
					break
				}
			}
			if toks[k].low == "." || toks[k].low == ";" || toks[k].kind == text.Quote {
				break
			}
			if toks[k].low != "as" {
				continue
			}
			if mi+1 < len(s.ments) && s.ments[mi+1].typ == graph.Person && s.ments[mi+1].a < k {
				break
			}
			if ap, ok := d.titlePhrase(s, k+1, true); ok {
				m.setTitle(ap)
			}
			break
		}
	}
}

func (m *mention) setTitle(ap apposition) {
	m.title, m.country = ap.title, ap.country
	if len(ap.orgs) > 0 {
		m.orgs = append(m.orgs, ap.orgs...)
	}
}

// phraseEnds are the words that may follow a title phrase inside a clause.
var phraseEnds = set(", . ; : ) and said says told added")

// titlePhrase reads "[the|a] [Spain's|the country's|its] [Spanish] [top]
// TITLE [of|at|for the Acme Corp]" from i. loose accepts a following
// preposition of time or place ("as energy minister in 2019").
func (d *doc) titlePhrase(s *sent, i int, loose bool) (apposition, bool) {
	lex := d.x.lex
	toks := s.toks
	n := len(toks)
	var ap apposition
	j := i
	if j < n && (toks[j].low == "the" || toks[j].low == "a" || toks[j].low == "an" || toks[j].low == "its" || toks[j].low == "their") {
		j++
	}
	// A possessor: "Spain's", "the country's", "the World Bank's".
	if j+1 < n && isPossessive(toks, j+1) {
		switch {
		case toks[j].low == "country" || toks[j].low == "nation" || toks[j].low == "government":
			ap.country = d.lastCountry(s, i)
		default:
			if p, ok := lex.Place(toks[j].text); ok {
				ap.country = p.Country
			}
		}
		if ap.country == "" {
			if o := mentionEndingAt(s, j+1); o != nil && o.typ == graph.Organization {
				ap.orgs = append(ap.orgs, o.name)
			} else if o != nil && o.typ == graph.Place {
				if p, ok := lex.Place(o.name); ok {
					ap.country = p.Country
				}
			} else {
				return ap, false
			}
		}
		j += 2
	} else if o := mentionAt(s, j); o != nil && o.b+1 < n && isPossessive(toks, o.b) && o.typ != graph.Person {
		if o.typ == graph.Organization {
			ap.orgs = append(ap.orgs, o.name)
		} else if p, ok := lex.Place(o.name); ok {
			ap.country = p.Country
		}
		j = o.b + 1
	}
	if j < n {
		if c, ok := lex.Demonym(toks[j].text); ok && toks[j].isCap() {
			ap.country = c
			j++
		}
	}
	// Modifiers, then the longest title; a few lowercase words may precede
	// the title ("the central bank governor" is itself a title, "the
	// long-serving finance minister" is not).
	jm := j
	for j < n && titleModifiers[toks[j].low] {
		j++
	}
	// "the top Canadian diplomat"
	if j > jm && j < n && ap.country == "" {
		if c, ok := lex.Demonym(toks[j].text); ok && toks[j].isCap() {
			ap.country = c
			j++
		}
	}
	start, end := -1, -1
	for k := jm; k < n && k <= j+2; k++ {
		for w := 1; w <= lex.MaxTitleWords() && k+w <= n && lex.MayStartTitle(toks[k].low); w++ {
			if lex.IsTitle(lowJoin(toks[k : k+w])) {
				start, end = k, k+w
			}
		}
		if start >= 0 {
			break
		}
		if k >= j && (toks[k].kind != text.Word || toks[k].isCap() && k > j) {
			break
		}
	}
	if start < 0 {
		return ap, false
	}
	var mods []string
	for k := jm; k < start; k++ {
		if titleModifiers[toks[k].low] {
			mods = append(mods, toks[k].low)
		}
	}
	title := lowJoin(toks[start:end])
	if honorifics[title] {
		return ap, false
	}
	for k := j; k < start; k++ {
		if toks[k].kind != text.Word {
			return ap, false
		}
	}
	// "of the World Trade Organization", "at Acme", "for Europe".
	k := end
	if k < n && (toks[k].low == "of" || toks[k].low == "at" || toks[k].low == "for") {
		q := k + 1
		if q < n && toks[q].low == "the" {
			q++
		}
		if o := mentionAt(s, q); o != nil && o.typ != graph.Person {
			switch {
			case o.typ == graph.Organization:
				ap.orgs = append(ap.orgs, o.name)
			case o.typ == graph.Place:
				if p, ok := lex.Place(o.name); ok && p.Kind == lexicon.Country {
					ap.country = p.Country
				} else {
					ap.orgs = append(ap.orgs, o.name)
				}
			}
			k = o.b
		} else {
			for k = q; k < n && k < q+5 && toks[k].kind == text.Word && !phraseEnds[toks[k].low]; k++ {
			}
		}
	}
	if k < n && !phraseEnds[toks[k].low] && !(loose && timePreps[toks[k].low]) {
		return ap, false
	}
	ap.title = strings.Join(append(mods, strings.Fields(joinToks(toks[start:end]))...), " ")
	ap.end = k
	return ap, true
}

// timePreps may follow an "as" title: "as finance minister in 2019".
var timePreps = set("in on since until from last this after before between")

// lastCountry is the country named last before token i of s, in s or the
// three sentences before it: what "the country's" refers to.
func (d *doc) lastCountry(s *sent, i int) string {
	lex := d.x.lex
	for back := 0; back <= 3 && s.i-back >= 0; back++ {
		ps := s
		if back > 0 {
			ps = d.sents[s.i-back]
		}
		for k := len(ps.ments) - 1; k >= 0; k-- {
			m := ps.ments[k]
			if ps == s && m.a >= i {
				continue
			}
			if m.typ != graph.Place {
				continue
			}
			if p, ok := lex.Place(m.name); ok && p.Kind == lexicon.Country {
				return p.Country
			}
		}
	}
	return ""
}

// nameJoiners are the lowercase particles inside personal names: "bin",
// "van", "da", "ould", "dela".
var nameJoiners = set("bin bint binti ibn ben abu al el de del della der den di da das dos do du la le van von ter ten zu y ould dela")

// compoundHeads follow a hyphenated pair of names used as a modifier
// ("the Smith-Jones talks"): then the pair is two people, not one name.
var compoundHeads = set("summit summits talks meeting meetings call calls deal deals agreement pact accord " +
	"relationship ties rivalry handshake encounter administration era dialogue match race debate " +
	"showdown partnership alliance axis line border")

// articleName reports a surname with a joined Arabic article: "al-Amin",
// "el-Sayed", "as-Sadr".
func articleName(w string) bool {
	k := strings.IndexByte(w, '-')
	if k < 1 || k > 3 || k+1 >= len(w) {
		return false
	}
	switch strings.ToLower(w[:k]) {
	case "al", "el", "as", "ash", "at", "ad", "az", "an", "ar", "ul":
	default:
		return false
	}
	r := []rune(w[k+1:])
	return unicode.IsUpper(r[0])
}

// joinNames extends person mentions over the parts of a name the tagger
// split: hyphens ("Ruiz-Soto", "Al-Amin"), particles ("Omar bin Ali",
// "Costa da Silva") and joined articles ("al-Amin"). The
// mentions the parts had on their own are dropped (emptied).
func (d *doc) joinNames(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	adjacent := func(i int) bool { return i > 0 && i < n && toks[i].span.Start == toks[i-1].span.End }
	nameWord := func(k int) bool {
		t := toks[k]
		if t.kind != text.Word || notNames[t.low] || owner[k] != nil && owner[k].venue {
			return false
		}
		_, dem := d.x.lex.Demonym(t.text)
		return (t.isCap() || articleName(t.text)) && !dem && !d.x.lex.IsTitle(t.low)
	}
	// take gives tokens [from, to) to m; a person mention reaching beyond
	// to is taken whole.
	take := func(m *mention, from, to int) {
		for i := from; i < to; i++ {
			if o := owner[i]; o != nil && o != m && o.b > o.a {
				if o.typ == graph.Person && o.b > to {
					to = o.b
				}
				if o.a < from && o.typ == graph.Person {
					from = o.a
				}
				o.b = o.a
			}
		}
		for i := from; i < to; i++ {
			owner[i] = m
		}
		m.a, m.b = min(m.a, from), max(m.b, to)
	}
	for _, m := range out {
		if m.typ != graph.Person || m.b <= m.a {
			continue
		}
		for {
			b := m.b
			if b >= n {
				break
			}
			t := toks[b]
			end := -1
			switch {
			case isDash(t.text) && adjacent(b) && b+1 < n && adjacent(b+1) && nameWord(b+1) &&
				(b+2 >= n || !compoundHeads[toks[b+2].low]):
				end = b + 2
			case t.text == t.low && nameJoiners[t.low]:
				k := b
				for k < n && k < b+3 && toks[k].text == toks[k].low && nameJoiners[toks[k].low] {
					k++
				}
				if k < n && nameWord(k) {
					end = k + 1
				}
			case articleName(t.text) && !adjacent(b):
				end = b + 1
			}
			if end < 0 {
				break
			}
			take(m, b, end)
		}
		// "Al-Amin", "Ruiz-Soto": a capitalized part before a hyphen.
		for m.a >= 2 && isDash(toks[m.a-1].text) && adjacent(m.a) && adjacent(m.a-1) && toks[m.a-2].isCap() && toks[m.a-2].kind == text.Word {
			if o := owner[m.a-2]; o != nil && o != m && (o.typ == graph.Person || o.b-o.a != 1) {
				break
			}
			take(m, m.a-2, m.a)
		}
		m.name = joinToks(toks[m.a:m.b])
	}
}

// placeParticles are the lowercase particles inside Romance place names:
// "Rio de Janeiro", "Barra do Sul", "Santa Cruz de la Sierra".
var placeParticles = set("da de do dos das del di du la")

// joinPlaceParticles joins a place mention, a lowercase particle and the
// capitalized words after it into one place the tagger split in two: the
// district "Vila da Serra" is not the places "Vila" and "Serra".
func (d *doc) joinPlaceParticles(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	for _, m := range out {
		if m.typ != graph.Place || m.venue || m.b <= m.a || m.b+1 >= n {
			continue
		}
		if p, ok := d.x.lex.Place(m.name); ok && p.Kind == lexicon.Country {
			continue
		}
		k := m.b
		for k < n && k < m.b+2 && toks[k].text == toks[k].low && placeParticles[toks[k].low] {
			k++
		}
		if k == m.b || k >= n || !toks[k].isCap() || toks[k].kind != text.Word || notNames[toks[k].low] {
			continue
		}
		o := owner[k]
		if o != nil && (o.typ != graph.Place || o.venue || o.a != k) {
			continue
		}
		if _, dem := d.x.lex.Demonym(toks[k].text); dem {
			continue
		}
		end := k + 1
		if o != nil {
			end = o.b
			o.b = o.a
		}
		m.b = end
		m.name = joinToks(toks[m.a:m.b])
	}
}

// joinHyphenated joins into one name the words a hyphen joins without
// spaces when the tagger cut them apart or found only a part: "Al-Azhar"
// is no organization "Al" and another "Azhar", "Mar-a-Lago" no place
// "Lago". Two names the lexicon knows ("India-China ties") stay two, as do
// a pair used as a modifier ("the Acme-Initech deal"); people's names are
// joined by joinNames.
func (d *doc) joinHyphenated(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	joined := func(i int) bool {
		return i > 0 && i+1 < n && isDash(toks[i].text) && toks[i].span.Start == toks[i-1].span.End &&
			toks[i+1].span.Start == toks[i].span.End && toks[i-1].kind == text.Word && toks[i+1].kind == text.Word
	}
	for b := 1; b+1 < n; b++ {
		if !joined(b) {
			continue
		}
		a, e := b-1, b+2
		for e+1 < n && joined(e) {
			e += 2
		}
		b = e - 1
		if !toks[a].isCap() || !toks[e-1].isCap() || (e < n && compoundHeads[toks[e].low]) {
			continue
		}
		var ms []*mention
		ok := true
		for i := a; i < e; i++ {
			if i > a && i < e-1 && i%2 == a%2 && !toks[i].isCap() && len(toks[i].text) > 3 {
				ok = false // "Rio-based": only short particles ("a", "de", "sur") go lowercase inside
			}
			o := owner[i]
			if o == nil || o.b <= o.a || (len(ms) > 0 && ms[len(ms)-1] == o) {
				continue
			}
			if o.typ == graph.Person || o.venue {
				ok = false
			}
			ms = append(ms, o)
		}
		if !ok || len(ms) == 0 || d.knownParts(toks[a:e], owner[a:e]) >= 2 {
			continue
		}
		m := ms[len(ms)-1]
		from, to := min(a, ms[0].a), max(e, m.b)
		for _, o := range ms[:len(ms)-1] {
			o.b = o.a
		}
		m.a, m.b = from, to
		m.name = joinToks(toks[from:to])
		for i := from; i < to; i++ {
			owner[i] = m
		}
	}
}

// knownParts counts the parts of a hyphenated run, each a word or the
// mention owning it, that the lexicon knows on their own as places,
// institutions or demonyms: "India-China", "US-Canadian" and
// "Canada-United States" are two names, not one.
func (d *doc) knownParts(run []tok, owners []*mention) int {
	known := 0
	for i, t := range run {
		name := t.text
		if o := owners[i]; o != nil {
			if i > 0 && owners[i-1] == o {
				continue
			}
			name = o.name
		}
		_, dem := d.x.lex.Demonym(name)
		if dem || d.known(name) {
			known++
		}
	}
	return known
}

// orgsAfterTitles cuts a title off the organization the tagger ran it
// into: "Grand Imam of Al-Azhar", "Secretary General of Acme" name the
// organization after "of"; the title is the person's, read with the person.
func (d *doc) orgsAfterTitles(s *sent, out []*mention) {
	lex := d.x.lex
	for _, m := range out {
		if m.typ != graph.Organization || m.b-m.a < 3 || !lex.MayStartTitle(s.toks[m.a].low) {
			continue
		}
		if _, ok := lex.Org(m.name); ok {
			continue
		}
		for w := min(lex.MaxTitleWords(), m.b-m.a-2); w >= 1; w-- {
			k := m.a + w
			if s.toks[k].low != "of" || !lex.IsTitle(lowJoin(s.toks[m.a:k])) {
				continue
			}
			k++
			if k < m.b && s.toks[k].low == "the" {
				k++
			}
			if k < m.b {
				m.a = k
				m.name = joinToks(s.toks[m.a:m.b])
			}
			break
		}
	}
}

// bodyHeads end the names of bodies that take a purpose or a seat after
// them: "the Council for the Promotion of Trade", "the Verification
// Mission in Colombia".
var bodyHeads = set("council committee commission institute foundation association agency fund organization " +
	"organisation federation union alliance society mission office delegation team service conference")

// seatedBodies are the bodies named with the place they sit in.
var seatedBodies = set("mission office delegation team")

// bodyModifiers are the capitalized adjectives that open a body's name
// and that a tagger leaves out: "the Presidential Media Bureau".
var bodyModifiers = set("presidential national federal royal central imperial supreme")

// growOrgNames lengthens organization mentions the tagger cut short: over
// a capitalized modifier before them ("Presidential" of "the Presidential
// Media Bureau"); over "for (the) Cap Words" or "on (the) Cap Words" (two
// or more) after a body's head, taking any organization found there
// ("Kestria Council" + "for the" + "Promotion of Coastal" + "Fisheries");
// over "in Place" after a mission, office, delegation or team ("UN
// Observer Mission in Orvia").
func (d *doc) growOrgNames(s *sent, out []*mention) {
	toks := s.toks
	n := len(toks)
	owner := tokenOwners(n, out)
	capWord := func(k int) bool {
		return k < n && toks[k].kind == text.Word && toks[k].isCap() && !notNames[toks[k].low]
	}
	for _, m := range out {
		if m.typ != graph.Organization || m.b <= m.a || m.venue {
			continue
		}
		if m.a > 0 && owner[m.a-1] == nil && toks[m.a-1].isCap() && bodyModifiers[toks[m.a-1].low] {
			m.a--
			owner[m.a] = m
		}
		head := toks[m.b-1].low
		if !bodyHeads[head] || m.b+1 >= n {
			m.name = joinToks(toks[m.a:m.b])
			continue
		}
		k := m.b + 1
		if toks[m.b].low == "in" && seatedBodies[head] {
			if o := owner[k]; o != nil && o.typ == graph.Place && o.a == k && !o.venue {
				for i := o.a; i < o.b; i++ {
					owner[i] = m
				}
				m.b, o.b = o.b, o.a
			}
			m.name = joinToks(toks[m.a:m.b])
			continue
		}
		prep := toks[m.b].low
		if (prep == "for" || prep == "on") && k < n && toks[k].low == "the" {
			k++
		}
		if prep != "for" && prep != "on" || !capWord(k) {
			m.name = joinToks(toks[m.a:m.b])
			continue
		}
		end := k
		for end < n && (capWord(end) || (toks[end].low == "of" || toks[end].low == "and") && capWord(end+1)) {
			if o := owner[end]; o != nil && o != m && (o.typ == graph.Person || o.venue) {
				break
			}
			end++
		}
		// "the Council on Foreign Relations": a subject of two words or
		// more; "the agency on Ruritania" is a body and what it spoke on.
		if prep == "on" && end-k < 2 {
			end = k
		}
		for i := k; i < end; i++ {
			if o := owner[i]; o != nil && o != m {
				o.b = o.a
			}
		}
		if end > k {
			for i := m.b; i < end; i++ {
				owner[i] = m
			}
			m.b = end
		}
		m.name = joinToks(toks[m.a:m.b])
	}
}

// oneWord reports whether a mention is written as one word, its tokens
// joined without spaces: "Mar-a-Lago".
func oneWord(s *sent, m *mention) bool {
	for i := m.a + 1; i < m.b; i++ {
		if s.toks[i].span.Start != s.toks[i-1].span.End {
			return false
		}
	}
	return true
}

// locativePreps put a place after them, hardly a person.
var locativePreps = set("in at near outside inside around across throughout")

// gazeVerbs put a person, not a place, after "at": "smiled at Ruiz".
var gazeVerbs = set("look looked looks looking smiled smiles laughed laughs aimed aims pointed points shouted shouts " +
	"glanced stared jabbed swiped lashed hit hits took takes fired fires waved waves")

// locativePlaces retypes a lone untitled one-word person the tagger found
// right after a preposition of place: "a farm outside Tamale".
func (d *doc) locativePlaces(s *sent) {
	for _, m := range s.ments {
		if m.typ != graph.Person || !oneWord(s, m) || m.a == 0 || m.title != "" || !locativePreps[s.toks[m.a-1].low] {
			continue
		}
		if isPossessive(s.toks, m.b) {
			continue // "in Ruiz's view"
		}
		if s.toks[m.a-1].low == "at" && m.a > 1 && gazeVerbs[s.toks[m.a-2].low] {
			continue // "smiled at Ruiz"
		}
		m.typ = graph.Place
	}
}
