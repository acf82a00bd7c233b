package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// This file holds the speaker rules that statements.go calls out to: whom
// a sentence is about as its grammatical subject, for resolving "he said"
// and "she said" (in English a pronoun subject most often continues the
// subject of the sentence before it, the centering of discourse, not
// whoever that sentence named last) and the gender a resolved pronoun
// tells; speakers named by a description or an organization's role ("the
// former boxer", "the company's chief executive"); and reports that
// need no speech verb next to their words (appeals, first-person words
// whose quotation marks a page lost).

// adverbialOpeners open an adverbial phrase or clause that may stand before
// a sentence's subject, set off by a comma: "During the talks, A …",
// "In a post on X, she …", "After the meeting, he …".
var adverbialOpeners = set("during in on at after before following despite amid amidst throughout " +
	"when while as since upon later earlier separately meanwhile elsewhere asked")

// openingAdverbialEnd is the first token after an opening adverbial of s
// and its comma ("During his exchange with reporters on Monday, A …",
// "Speaking in Dublin, she …"), or after a leading conjunction ("And she
// …"); 0 when s opens otherwise. The adverbial holds at most twelve words
// and no quotation.
func (d *doc) openingAdverbialEnd(s *sent) int {
	k := 0
	if len(s.toks) > 0 && (s.toks[0].low == "and" || s.toks[0].low == "but" || s.toks[0].low == "so") {
		k = 1
	}
	if k >= len(s.toks) || s.toks[k].kind != text.Word || mentionOver(s, k) != nil {
		return k
	}
	if w := s.toks[k].low; !adverbialOpeners[w] && !sentenceAdverb(s.toks[k]) && (len(w) < 6 || !strings.HasSuffix(w, "ing")) {
		return k // not "Recalling the years in office, she …"
	}
	for j := k + 1; j < len(s.toks) && j <= k+13; j++ {
		switch t := s.toks[j]; {
		case t.low == ",":
			return j + 1
		case t.kind == text.Quote || t.low == "." || t.low == ";" || t.low == ":":
			return k
		}
	}
	return k
}

// subjectStart is where the subject of s starts: past an opening adverbial
// (openingAdverbialEnd) and an apposition to a name ending it
// (adverbialApposition). It is read once per sentence: pronouns look back
// at the same few sentences again and again.
func (d *doc) subjectStart(s *sent) int {
	if s.i >= len(d.sents) || d.sents[s.i] != s {
		return d.adverbialApposition(s, d.openingAdverbialEnd(s))
	}
	if len(d.subjStarts) != len(d.sents) {
		d.subjStarts = make([]int, len(d.sents))
	}
	if k := d.subjStarts[s.i]; k > 0 {
		return k - 1
	}
	k := d.adverbialApposition(s, d.openingAdverbialEnd(s))
	d.subjStarts[s.i] = k + 1
	return k
}

// leadSubject is the person s opens with as its subject, past an opening
// adverbial and a title written before the name, listed or not ("Mayor
// A", "Taoiseach A", "Ireland's deputy leader A"); nil when s opens with
// anything else, with two people ("A and B met"), or with a possessor
// ("A's remarks were …").
func (d *doc) leadSubject(s *sent) *entity {
	k := d.subjectStart(s)
	if k >= len(s.toks) {
		return nil
	}
	if r := d.personAt(s, k); r.kind == refRole && r.ent != nil && r.end < len(s.toks) && !isPossessive(s.toks, r.end) {
		// "During the talks, the prime minister …": a role the article
		// resolves to the one person holding it.
		if w := s.toks[r.end]; w.kind == text.Word && w.low != "and" && w.low != "or" {
			return r.ent
		}
	}
	var m *mention
	for _, c := range s.ments {
		if c.a >= k && (m == nil || c.a < m.a) {
			m = c
		}
	}
	if m == nil || m.typ != graph.Person || m.ent == nil || m.a-k > 5 {
		return nil
	}
	if m.a != k && (m.title == "" || m.ta != k) {
		// Words before the name: capitalized ones, a possessive, or
		// lowercase title words ("Ireland's deputy prime minister A").
		for j := k; j < m.a; j++ {
			t := s.toks[j]
			if !t.isCap() && !isPossessive(s.toks, j) && !d.x.lex.MayStartTitle(t.low) && !titleModifiers[t.low] && !d.x.lex.IsTitle(t.low) {
				return nil
			}
		}
	}
	e := m.b
	if e < len(s.toks) && s.toks[e].low == "," {
		// "A, the minister, …": an apposition after the name.
		j := e + 1
		for j < len(s.toks) && j <= e+8 && s.toks[j].low != "," {
			j++
		}
		if j < len(s.toks) && s.toks[j].low == "," {
			e = j + 1
		}
	}
	if e >= len(s.toks) || isPossessive(s.toks, m.b) {
		return nil
	}
	if w := s.toks[e].low; w == "and" || w == "or" || w == "&" || s.toks[e].kind != text.Word {
		return nil
	}
	return m.ent
}

// maxAdverbialApposition is how many tokens an apposition after the name
// closing an opening adverbial may take before its comma: a noun phrase
// with a possessive and a few modifiers ("the country's first elected
// woman mayor") fits; a longer stretch is more likely the main clause.
const maxAdverbialApposition = 12

// adverbialApposition skips, from token k where an opening adverbial
// ended, an apposition to the name that closed the adverbial ("During a
// meeting with A, the country's top sprinter, the minister …"), and
// returns the token after its comma, or k.
func (d *doc) adverbialApposition(s *sent, k int) int {
	if k < 2 || s.toks[k-1].low != "," || mentionEndingAt(s, k-1) == nil {
		return k
	}
	for j := k + 1; j < len(s.toks) && j <= k+maxAdverbialApposition; j++ {
		if s.toks[j].low == "," {
			if d.appositiveNP(s, k, j) && j+1 < len(s.toks) {
				return j + 1
			}
			return k
		}
	}
	return k
}

// unmarkedQuoteBefore is the first of the sentences right before s, in
// its paragraph, that speak in the first person with no quotation mark
// and no report of their own: words whose quotation marks the page lost,
// which the attribution after s covers too ("I am glad that …. In fact,
// three of them here alone, he said."). News narrates in the third
// person, so "I" or "we" outside quotation marks is the speaker's. s
// itself when there are none.
func (d *doc) unmarkedQuoteBefore(s *sent) *sent {
	first := s
	for j := s.i - 1; j >= 0 && j >= s.i-2; j-- {
		p := d.sents[j]
		if p.para != s.para || !p.body() || !firstPerson(p) {
			break
		}
		for _, t := range p.toks {
			if t.kind == text.Quote || speechVerbs[t.low] || quoteVerbs[t.low] {
				return first
			}
		}
		first = p
	}
	return first
}

// firstPerson reports whether s has "I" or "we" as a word.
func firstPerson(s *sent) bool {
	for _, t := range s.toks {
		if t.text == "I" || t.low == "we" {
			return true
		}
	}
	return false
}

// describedBefore reads a definite description ending at token k of s,
// "the (former heavyweight) boxer", that repeats the common noun the
// article wrote right before one person's name ("Former heavyweight boxer
// A", "Olympic boxer A"): news refers back to a person by that description. It
// returns the person and the position of "the", or nil when no one or
// more than one person was so described.
func (d *doc) describedBefore(s *sent, k int) (*entity, int) {
	if k < 1 || !descriptorHead(s.toks[k]) {
		return nil, -1
	}
	j := k - 1
	for j >= 0 && j >= k-4 && s.toks[j].low != "the" {
		if s.toks[j].kind != text.Word || s.toks[j].low == "," {
			return nil, -1
		}
		j--
	}
	if j < 0 || s.toks[j].low != "the" {
		return nil, -1
	}
	head := s.toks[k].low
	var found *entity
	for _, p := range d.sents {
		if p == s {
			break
		}
		for _, m := range p.ments {
			if m.typ != graph.Person || m.ent == nil {
				continue
			}
			a := m.start()
			if a < 1 || p.toks[a-1].low != head || !isWordLower(p.toks[a-1]) {
				continue
			}
			if found != nil && found != m.ent {
				return nil, -1
			}
			found = m.ent
		}
	}
	if found == nil {
		return nil, -1
	}
	return found, j
}

// descriptorHead reports whether t may be the head noun of a description
// written before a name ("fighter", "coordinator"): a lowercase word of
// four letters or more that is no function word, verb form or adverb, nor
// a noun that refers back to an organization, a statement or a group.
func descriptorHead(t tok) bool {
	w := t.low
	if !isWordLower(t) || len(w) < 4 || pronouns[w] || closedWords[w] || speechVerbs[w] || finiteWords[w] ||
		backHeads[w] || statementNouns[w] || spokesHeads[w] || outletHeads[w] || pluralHeads[w] {
		return false
	}
	for _, suf := range []string{"ed", "ly", "ing"} {
		if strings.HasSuffix(w, suf) {
			return false
		}
	}
	switch w {
	case "that", "this", "these", "those", "which", "whom", "whose", "with", "also", "then", "when", "where":
		return false
	}
	return true
}

// orgRoleBefore reads "the company's chief executive", "the ministry's
// spokesman" ending at token k of s: an organization named by its kind,
// then a title; the one person of the article holding that title speaks.
// It returns the person and the position of "the", or nil.
func (d *doc) orgRoleBefore(s *sent, k int) (*entity, int) {
	for w := 1; w <= d.x.lex.MaxTitleWords() && w <= k; w++ {
		a := k - w + 1 // the title's first word
		if a < 3 || !isPossessive(s.toks, a-1) || !backHeads[s.toks[a-2].low] || s.toks[a-3].low != "the" {
			continue
		}
		t := lowJoin(s.toks[a : k+1])
		if !d.x.lex.IsTitle(t) || honorifics[t] || spokesHeads[t] {
			continue
		}
		if e := d.resolveRole("", t); e != nil {
			return e, a - 3
		}
		return nil, -1
	}
	return nil, -1
}

// appealReport reads "A called on B to …" and "A appealed to B to …": an
// appeal, reported like "A urged B to …", the words from B on. "Called
// on B" without an infinitive, or with one of meeting ("called on the
// president to discuss ties"), is a visit and no report.
func (d *doc) appealReport(s *sent, usedVerb map[tokPos]bool) {
	for v := 0; v+4 < len(s.toks); v++ {
		w, p := s.toks[v].low, s.toks[v+1].low
		if !((w == "called" || w == "calls") && (p == "on" || p == "upon") || (w == "appealed" || w == "appeals") && p == "to") {
			continue
		}
		if inQuotes(s)[v] || usedVerb[tokPos{s, v}] {
			continue
		}
		a := v + 2
		if s.toks[a].kind != text.Word || calendarWords[s.toks[a].low] || timeNouns[s.toks[a].low] {
			continue // "called on Monday for …"
		}
		to := -1
		for k := a + 1; k+1 < len(s.toks) && k <= a+10; k++ {
			t := s.toks[k]
			if t.low == "to" && isWordLower(s.toks[k+1]) && !determiners[s.toks[k+1].low] {
				to = k
				break
			}
			if t.kind != text.Word && t.low != "," && t.low != "'s" {
				break
			}
		}
		if to < 0 || callVisitVerbs[s.toks[to+1].low] {
			continue
		}
		sp, _, ok := d.speakerBefore(s, v)
		if !ok || sp == nil {
			continue
		}
		e := len(s.toks)
		for e > a && (s.toks[e-1].kind == text.Punct || s.toks[e-1].kind == text.Quote) {
			e--
		}
		if e-a < 4 {
			continue
		}
		d.statements = append(d.statements, graph.StatementClaim{
			Speaker: sp.bestForm(), Text: d.text[s.toks[a].span.Start:s.toks[e-1].span.End], Direct: false,
			Date: d.dateNear(tokPos{s, v}), Evidence: []graph.Evidence{s.evidence()},
		})
		usedVerb[tokPos{s, v}] = true
		return
	}
}

// callVisitVerbs after "called on B to" make the call a visit: "called on the
// president to discuss ties".
var callVisitVerbs = set("discuss review explore exchange brief hold meet talk pay present convey deliberate congratulate thank")

// determiners open a noun phrase: "to the conflict" is no infinitive.
var determiners = set("the a an his her their its our my your this that these those all both each every some any")

// roleTitle is the office a title before a name holds, lowercase, without
// the honorifics written after it: "Trade Minister Sheikh A" holds the
// office of trade minister, so that "the minister said" finds A.
func roleTitle(title string) string {
	f := strings.Fields(strings.ToLower(title))
	for len(f) > 1 && (honorifics[strings.TrimSuffix(f[len(f)-1], ".")] || nameHonorifics[f[len(f)-1]]) {
		f = f[:len(f)-1]
	}
	return strings.Join(f, " ")
}

// nameHonorifics stand right before a name, after any office: "Sheikh",
// "Datuk", "Sayyid".
var nameHonorifics = set("sheikh shaikh sheik sayyid sayed sharif datuk dato tun haji hajji alhaji")

// learnGender records the sex of a speaker read from a pronoun next to
// the verb that attributes a quote ("“…,” he said"), when the text told
// none before: a later "she said" then does not go to him.
func (d *doc) learnGender(e *entity, verb tokPos) {
	if e == nil || e.typ != graph.Person || e.gender != genderUnknown || verb.s == nil {
		return
	}
	for _, k := range []int{verb.i - 1, verb.i + 1} {
		if k < 0 || k >= len(verb.s.toks) {
			continue
		}
		if g := pronounGender(verb.s.toks[k].low); g != genderUnknown && (verb.s.toks[k].low == "he" || verb.s.toks[k].low == "she") {
			e.gender = g
			return
		}
	}
}

// speakerVoice reports whether the clause of s before token c reads as
// the speaker's own words rather than the narrator's: it speaks in the
// first person, or it is a fragment with no finite verb ("In fact,
// three of them here alone, he said."). Only then may first-person sentences
// before it be the same speaker's words.
func speakerVoice(s *sent, c int) bool {
	for _, t := range s.toks[:c] {
		if firstPersonWord(t) {
			return true
		}
	}
	for _, t := range s.toks[:c] {
		if finiteWords[t.low] {
			return false
		}
	}
	return true
}

// firstPersonWord reports whether t is "I", "we", "my" or "our": a speaker's
// own voice.
func firstPersonWord(t tok) bool {
	return t.text == "I" || t.low == "we" || t.low == "my" || t.low == "our"
}
