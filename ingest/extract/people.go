package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// This file resolves what stands for a person at a token: a name, a
// pronoun, a role ("the Spanish leader", "Spain's top diplomat") or a plural
// anaphor ("the two leaders").

var pronouns = set("he she him her his himself herself")

// ref is what was found at a token: the entity (nil when the text points at
// someone the article does not name) and the token after it.
type ref struct {
	ent  *entity
	end  int
	kind refKind
}

type refKind uint8

const (
	refNone refKind = iota
	refName
	refPronoun
	refRole
)

// personAt reads a person reference starting at token i of s.
func (d *doc) personAt(s *sent, i int) ref {
	if i >= len(s.toks) {
		return ref{}
	}
	for _, m := range s.ments {
		if m.a == i && m.typ == graph.Person {
			return ref{ent: m.ent, end: m.b, kind: refName}
		}
	}
	if pronouns[s.toks[i].low] && s.toks[i].low != "her" || s.toks[i].low == "her" && (i+1 >= len(s.toks) || !s.toks[i+1].isCap()) {
		return ref{ent: d.antecedent(s, i), end: i + 1, kind: refPronoun}
	}
	if country, title, end := d.roleAt(s, i); end > i {
		return ref{ent: d.resolveRole(country, title), end: end, kind: refRole}
	}
	if e, end := d.orgHeadAt(s, i); end > i {
		return ref{ent: e, end: end, kind: refRole}
	}
	if end := agedNoun(s, i); end > i {
		return ref{ent: d.previousSubject(s), end: end, kind: refRole}
	}
	if end := d.epithetAt(s, i); end > i {
		// Whom the text was about: the subject of the sentences before,
		// as for a pronoun whose gender the epithet does not tell.
		return ref{ent: d.earlierSubject(s, "", 1), end: end, kind: refRole}
	}
	return ref{}
}

// epithetNouns describe a person by what they do or have, the way news
// refers back to someone just named: "A flew in on Monday. The tycoon
// toured ...". Titles are read as roles (roleAt), not here.
var epithetNouns = set("billionaire tycoon magnate mogul entrepreneur businessman businesswoman investor " +
	"philanthropist singer actor actress rapper musician comedian superstar footballer striker " +
	"midfielder goalkeeper athlete sprinter golfer novelist author filmmaker astronaut " +
	"activist cleric dissident " +
	"runner thrower boxer wrestler cricketer batsman batter bowler swimmer cyclist jockey skier gymnast " +
	"weightlifter marathoner defender winger quarterback pitcher skater climber " +
	"poet painter sculptor designer chef songwriter popstar megastar presenter " +
	"economist historian scientist physicist")

// nameNouns stand before a person's name like an epithet ("his
// counterpart Ana Ruiz") but, relative to someone else, never refer back
// on their own ("The counterpart ..." is not the person just named), so
// epithetAt does not read them.
var nameNouns = set("counterpart")

// epithetAt reads "The billionaire" opening s, and returns the token
// after it, or -1. Only as the subject that opens a sentence does the
// epithet refer back to the person the text was about.
func (d *doc) epithetAt(s *sent, i int) int {
	if i+1 >= len(s.toks) || s.toks[i].low != "the" || !firstWord(s, i) && !afterQuote(s, i) {
		return -1
	}
	n := i + 1
	if n+1 < len(s.toks) && isWordLower(s.toks[n]) && !epithetNouns[s.toks[n].low] && epithetNouns[s.toks[n+1].low] {
		n++ // one adjective: "the popular singer"
	}
	w := s.toks[n].low
	if !epithetNouns[w] || d.x.lex.IsTitle(w) {
		return -1
	}
	if n+1 < len(s.toks) && (s.toks[n+1].isCap() || s.toks[n+1].low == "'s" || s.toks[n+1].low == "of") {
		return -1 // "The singer Ana Ruiz", "the billionaire's", "the actor of"
	}
	if !firstWord(s, i) && (n+1 >= len(s.toks) || !speechVerbs[s.toks[n+1].low] && !quoteVerbs[s.toks[n+1].low]) {
		return -1 // after a quote only as its attribution: "“…,” the singer said"
	}
	return n + 1
}

// orgLeaders are the nouns news uses for whoever leads an organization
// named before them: "the UN chief", "the Acme boss".
var orgLeaders = set("chief head boss chairman chairwoman chair ceo director director-general secretary-general")

// orgHeadAt reads "the ORG chief" at i and returns the one person of the
// article whose title ties them to that organization ("Director General
// of the ORG A", "ORG CEO A") and the token after the noun; end is -1 when
// there is no such phrase, and the person nil when the article ties no
// one, or more than one, to the organization.
func (d *doc) orgHeadAt(s *sent, i int) (*entity, int) {
	if i+2 >= len(s.toks) || s.toks[i].low != "the" {
		return nil, -1
	}
	var org *entity
	b := -1
	for _, m := range s.ments {
		if m.a == i+1 && m.typ == graph.Organization && m.ent != nil {
			org, b = m.ent, m.b
		}
	}
	if org == nil && !leaderNear(s, i+2, i+4) {
		return nil, -1
	}
	if org == nil {
		// A name the tagger missed here that names an organization of
		// the article elsewhere: "the Acme boss".
		for k := i + 1; k < len(s.toks) && k <= i+3 && s.toks[k].isCap(); k++ {
			if e := d.entityNamed(graph.Organization, joinToks(s.toks[i+1:k+1])); e != nil {
				org, b = e, k+1
			}
		}
	}
	if org == nil || b >= len(s.toks) || !orgLeaders[s.toks[b].low] {
		return nil, -1
	}
	end := b + 1
	if end < len(s.toks) && s.toks[end].isCap() {
		return nil, -1 // "the Acme chief Ana Ruiz": a name with its title
	}
	return d.headOf(org), end
}

// leaderNear reports an orgLeaders noun in tokens [a, b] of s.
func leaderNear(s *sent, a, b int) bool {
	for k := a; k <= b && k < len(s.toks); k++ {
		if orgLeaders[s.toks[k].low] {
			return true
		}
	}
	return false
}

// headOf is the one person of the article tied to org (tiedTo), nil when
// none or more than one is. Once the entities are resolved (d.orgHeads
// set), it is found once per organization.
func (d *doc) headOf(org *entity) *entity {
	if h, ok := d.orgHeads[org]; ok {
		return h
	}
	var found *entity
	for _, e := range d.ents {
		if e.typ != graph.Person || len(e.ments) == 0 || !d.tiedTo(e, org) {
			continue
		}
		if found != nil && found != e {
			found = nil
			break
		}
		found = e
	}
	if d.orgHeads != nil {
		d.orgHeads[org] = found
	}
	return found
}

// tiedTo reports whether the article ties person e to organization org:
// by a title ("Acme CEO A", "Director General of Acme A"), or by a
// mention right after the organization's name or its acronym in brackets
// ("Director General of the Acme Agency (AA) A").
func (d *doc) tiedTo(e, org *entity) bool {
	for _, o := range e.orgs {
		if d.entityNamed(graph.Organization, o) == org {
			return true
		}
	}
	for _, m := range e.ments {
		var prev *mention
		for _, p := range m.s.ments {
			if p.b <= m.a && (prev == nil || p.b > prev.b) {
				prev = p
			}
		}
		if prev == nil || prev.ent != org {
			continue
		}
		// "Acme CEO A"; "of the Acme Agency (AA) A", the acronym's
		// mention ending before ")".
		if prev.b == m.a || m.title != "" && prev.b == m.ta || prev.b+1 == m.a && m.s.toks[prev.b].low == ")" {
			return true
		}
	}
	return false
}

// afterQuote reports whether token i of s follows the closing mark of a
// quotation that ends with a comma, question or exclamation mark: the
// place of its attribution ("“…,” the singer said").
func afterQuote(s *sent, i int) bool {
	if i < 2 || s.toks[i-1].kind != text.Quote {
		return false
	}
	switch s.toks[i-2].low {
	case ",", "?", "!":
		return true
	}
	return false
}

// agedNoun reads "the 29-year-old [singer]" at i, a description news gives
// of someone named just before, and returns the token after it, or -1.
func agedNoun(s *sent, i int) int {
	t := s.toks
	if !theYearOld(t, i) {
		return -1
	}
	j := i + 4
	if j < len(t) && isWordLower(t[j]) && !pronouns[t[j].low] && !clauseBreaks[t[j].low] && t[j].low != "and" && !pastForms[t[j].low] {
		j++ // the noun: "singer"
	}
	return j
}

// theYearOld reports whether tokens i to i+3 of t are "the N-year-old".
func theYearOld(t []tok, i int) bool {
	return i >= 0 && i+3 < len(t) && t[i].low == "the" && t[i+1].kind == text.Number && t[i+2].low == "-" &&
		t[i+3].low == "year-old"
}

// previousSubject is the person the sentence before s (or the one before
// that, the title included) names first: whom "the 29-year-old" describes.
func (d *doc) previousSubject(s *sent) *entity {
	for k := s.i - 1; k >= 0 && k >= s.i-2; k-- {
		for _, m := range d.sents[k].ments {
			if m.typ == graph.Person && m.ent != nil {
				return m.ent
			}
		}
	}
	return nil
}

// roleAt reads a role mention at i: "the [Chinese] [top] diplomat",
// "Spain's [top] diplomat", "Ottawa's top diplomat".
func (d *doc) roleAt(s *sent, i int) (country, title string, end int) {
	lex := d.x.lex
	j := i
	switch {
	case s.toks[j].low == "the":
		j++
		if j < len(s.toks) {
			if e := d.demonymAt(s, j); e > j {
				// "the South Korean leader": demonyms of one to three words.
				country, _ = lex.Demonym(joinToks(s.toks[j:e]))
				j = e
			}
		}
	case isPossessive(s.toks, j+1):
		p, ok := lex.Place(s.toks[j].text)
		if !ok {
			return "", "", -1
		}
		country = p.Country // a capital stands for its country's government
		j += 2
	default:
		return "", "", -1
	}
	for j < len(s.toks) && titleModifiers[s.toks[j].low] {
		j++
	}
	if j < len(s.toks) {
		if c, ok := lex.Demonym(s.toks[j].text); ok && country == "" {
			country = c
			j++
		}
	}
	best := -1
	for w := 1; w <= lex.MaxTitleWords() && j+w <= len(s.toks); w++ {
		if lex.IsTitle(lowJoin(s.toks[j : j+w])) {
			best = j + w
		}
	}
	if best < 0 {
		return "", "", -1
	}
	title = lowJoin(s.toks[j:best])
	if honorifics[title] {
		return "", "", -1
	}
	// "the Chinese president Ana Ruiz" is a name with a title, not a role.
	if best < len(s.toks) {
		for _, m := range s.ments {
			if m.a == best && m.typ == graph.Person {
				return "", "", -1
			}
		}
	}
	return country, title, best
}

var honorifics = set("mr mrs ms dr sir dame lord lady miss mx prof")

// roleClasses groups titles that news uses for the same office.
var roleClasses = map[string]string{
	"leader": "leader", "head of state": "leader", "president": "leader", "head of government": "leader",
	"prime minister": "leader", "premier": "leader", "chancellor": "leader", "king": "leader",
	"pm": "leader", "taoiseach": "leader",
	"top diplomat": "diplomat", "chief diplomat": "diplomat", "diplomat": "diplomat", "foreign minister": "diplomat",
	"secretary of state": "diplomat", "foreign secretary": "diplomat", "senior diplomat": "diplomat",
	"secretary": "secretary", "minister": "minister",
}

func roleClass(t string) string {
	t = strings.ToLower(t)
	for _, m := range []string{"top ", "senior ", "chief ", "former "} {
		if c, ok := roleClasses[t]; ok {
			return c
		}
		t = strings.TrimPrefix(t, m)
	}
	if c, ok := roleClasses[t]; ok {
		return c
	}
	return t
}

// otherCountry reports whether the article ties e to a country other than
// country: a role held there, or a demonym written with a mention.
func (d *doc) otherCountry(e *entity, country string) bool {
	for _, r := range e.roles {
		if r.country != "" && r.country != country {
			return true
		}
	}
	for _, m := range e.ments {
		if m.country != "" && m.country != country {
			return true
		}
	}
	return false
}

// titleHead reports whether the role mention's title is the head of the
// title held: "the minister" for an economy minister, "the governor" for a
// central bank governor.
func titleHead(held, mention string) bool {
	held, mention = strings.ToLower(held), strings.ToLower(mention)
	return strings.HasSuffix(held, " "+mention) && !strings.Contains(mention, " ")
}

// resolveRole finds the one person of the article holding the role: in
// that country, else (when none holds it there) one whose country the
// article does not give ("the Argentine leader" for "President A").
func (d *doc) resolveRole(country, title string) *entity {
	if e := d.resolveRoleIn(country, title, true); e != nil || country == "" {
		return e
	}
	return d.resolveRoleIn(country, title, false)
}

// resolveRoleIn is resolveRole; strict requires the role's country to be
// known and equal.
func (d *doc) resolveRoleIn(country, title string, strict bool) *entity {
	want := roleClass(title)
	var found, exact *entity
	ambiguous, exactAmbiguous := false, false
	for _, e := range d.ents {
		if d.expired() {
			return nil
		}
		if e.typ != graph.Person || len(e.ments) == 0 {
			continue
		}
		match, same := false, false
		if !strict && d.otherCountry(e, country) {
			continue
		}
		for _, r := range e.roles {
			if (roleClass(r.title) == want || titleHead(r.title, title)) && (country == "" || r.country == country || !strict && r.country == "") {
				match = true
				same = same || r.title == title || titleHead(r.title, title)
			}
		}
		if !match {
			continue
		}
		if found != nil && found != e {
			ambiguous = true
		}
		found = e
		if same {
			exactAmbiguous = exactAmbiguous || exact != nil && exact != e
			exact = e
		}
	}
	switch {
	case !ambiguous:
		return found
	case exact != nil && !exactAmbiguous:
		// "the prime minister" among a prime minister and a president:
		// the one holding that very title.
		return exact
	}
	return nil
}

// antecedent resolves a pronoun at token i of s (see antecedentAt).
func (d *doc) antecedent(s *sent, i int) *entity {
	return d.antecedentAt(s, i, 0)
}

// personAtNoPronoun is personAt without pronouns (to stop recursion).
func (d *doc) personAtNoPronoun(s *sent, i int) ref {
	if pronouns[s.toks[i].low] {
		return ref{}
	}
	return d.personAt(s, i)
}

var pluralHeads = set("leaders officials men women sides presidents ministers diplomats envoys heads counterparts")

// entourages are who come along with the leaders of a meeting without
// being its participants: "the two leaders and their delegations".
var entourages = set("delegations teams aides advisers advisors entourages")

// pluralAt reads "the two [world] leaders" or "both leaders" at i, with
// "and their delegations" after it, and returns the last two people who
// met or were named, and the token after the phrase.
func (d *doc) pluralAt(s *sent, i int) ([]*entity, int) {
	t := s.toks
	j := i + 2
	switch {
	case i+2 < len(t) && t[i].low == "the" && (t[i+1].low == "two" || t[i+1].low == "both"):
	case i+1 < len(t) && t[i].low == "both":
		j = i + 1
	default:
		return nil, -1
	}
	for j < len(t) && j < i+5 && !pluralHeads[t[j].low] {
		if !isWordLower(t[j]) {
			return nil, -1
		}
		j++
	}
	if j >= len(t) || !pluralHeads[t[j].low] {
		return nil, -1
	}
	if j+3 < len(t) && t[j+1].low == "and" && t[j+2].low == "their" && entourages[t[j+3].low] {
		j += 3
	}
	// The participants of the last meeting reported before this point.
	for k := len(d.meetings) - 1; k >= 0; k-- {
		m := d.meetings[k]
		if m.s.i <= s.i && s.i-m.s.i <= 2 && len(m.parts) == 2 {
			return m.parts, j + 1
		}
	}
	// Else the last two people named or referred to by a pronoun ("he
	// said at a news conference with his counterpart A").
	var seen []*entity
	for si := s.i; si >= 0 && si >= s.i-2 && len(seen) < 2; si-- {
		ps := d.sents[si]
		hi := len(ps.toks)
		if si == s.i {
			hi = i
		}
		for k := hi - 1; k >= 0 && len(seen) < 2; k-- {
			if e := d.personEndingAt(ps, k); e != nil && (len(seen) == 0 || seen[0] != e) {
				seen = append(seen, e)
			}
		}
	}
	if len(seen) == 2 {
		return []*entity{seen[1], seen[0]}, j + 1
	}
	return nil, -1
}

// personEndingAt is the person a name ending at token k of s, or a
// third-person pronoun at k, refers to; nil if none.
func (d *doc) personEndingAt(s *sent, k int) *entity {
	if m := mentionEndingAt(s, k+1); m != nil && m.typ == graph.Person {
		return m.ent
	}
	if pronouns[s.toks[k].low] {
		return d.pronounRef(s, k)
	}
	return nil
}

// pronounRef is d.antecedent(s, k), found once per pronoun while meetings
// are read (d.pronounRefs is set then): every meeting looks back at the
// same sentences.
func (d *doc) pronounRef(s *sent, k int) *entity {
	if d.pronounRefs == nil {
		return d.antecedent(s, k)
	}
	key := [2]int{s.i, k}
	if e, ok := d.pronounRefs[key]; ok {
		return e
	}
	e := d.antecedent(s, k)
	d.pronounRefs[key] = e
	return e
}

func isWordLower(t tok) bool {
	return t.kind == text.Word && t.low == t.text
}
