package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// speechVerbs introduce what someone said, quoted or reported.
var speechVerbs = set("said says say stated states stressed stresses emphasized emphasised emphasizes emphasises " +
	"urged urges noted notes added adds warned warns insisted insists argued argues told tells " +
	"underlined underlines underscored underscores reiterated reiterates declared declares announced " +
	"claimed claims acknowledged admitted explained asserted asserts maintained maintains vowed vows " +
	"pledged pledges affirmed affirms denied denies accused accuses blamed blames wrote writes " +
	"remarked replied responded recalled predicted cautioned conceded " +
	"saying expressed voiced pointed described")

// sayAdverbs may stand between a speaker and the verb: "A further urged".
var sayAdverbs = set("also further again then later repeatedly previously earlier once recently , in addition has had have")

// quote is a quoted passage of a paragraph.
type quote struct {
	open, close tokPos // positions of the quote marks
	speaker     *entity
	attributed  bool
}

type tokPos struct {
	s *sent
	i int
}

// findStatements reads direct quotes (speaker before, after or between the
// quoted parts, across sentences of a paragraph) and reported speech.
func (d *doc) findStatements() {
	usedVerb := map[tokPos]bool{}
	for _, para := range d.paragraphs() {
		quotes := d.quotes(para)
		var last *entity
		for qi := range quotes {
			q := &quotes[qi]
			sp, verb, ok := d.attributionAfter(q.close)
			if !ok {
				sp, verb, ok = d.attributionBefore(q.open)
			}
			if ok {
				q.speaker, q.attributed = sp, true
				usedVerb[verb] = true
			} else if last != nil && q.open.i == 0 {
				// A quote opening a sentence continues the last speaker's.
				q.speaker, q.attributed = last, true
			}
			if q.attributed {
				last = q.speaker
			}
			if !q.attributed || q.speaker == nil {
				continue
			}
			txt, ev := d.quoteText(*q)
			if len(strings.Fields(txt)) < 3 {
				continue
			}
			st := graph.StatementClaim{Speaker: q.speaker.bestForm(), Text: txt, Direct: true, Evidence: ev}
			if verb.s != nil {
				st.Date = d.dateNear(verb)
			}
			d.statements = append(d.statements, st)
		}
	}
	for _, s := range d.sents {
		if !s.body() {
			continue
		}
		d.reported(s, usedVerb)
	}
}

// paragraphs groups the sentences by paragraph.
func (d *doc) paragraphs() [][]*sent {
	var out [][]*sent
	for _, s := range d.sents {
		if !s.body() {
			continue
		}
		if n := len(out); n > 0 && out[n-1][0].para == s.para {
			out[n-1] = append(out[n-1], s)
			continue
		}
		out = append(out, []*sent{s})
	}
	return out
}

// quotes finds the quoted passages of a paragraph; curly quotes pair by
// direction, straight quotes by alternation.
func (d *doc) quotes(para []*sent) []quote {
	var out []quote
	var open *tokPos
	for _, s := range para {
		for i, t := range s.toks {
			switch t.text {
			case "\u201c":
				if open == nil {
					open = &tokPos{s, i}
				}
			case "\u201d":
				if open != nil {
					out = append(out, quote{open: *open, close: tokPos{s, i}})
					open = nil
				}
			case "\"":
				if open == nil {
					open = &tokPos{s, i}
				} else {
					out = append(out, quote{open: *open, close: tokPos{s, i}})
					open = nil
				}
			}
		}
	}
	return out
}

// attributionAfter reads ", A said" / ", said A" / "A told reporters" /
// "media reported him saying" right after a closing quote.
func (d *doc) attributionAfter(p tokPos) (*entity, tokPos, bool) {
	s := p.s
	i := p.i + 1
	// The quote must end a clause: its last word is followed by , ? ! or .
	if p.i > 0 {
		prev := s.toks[p.i-1].low
		if prev != "," && prev != "?" && prev != "!" && prev != "." && (i >= len(s.toks) || s.toks[i].low != ",") {
			return nil, tokPos{}, false
		}
	}
	if i < len(s.toks) && s.toks[i].low == "," {
		i++
	}
	end := min(len(s.toks), i+8)
	for k := i; k < end; k++ {
		t := s.toks[k]
		if t.text == "\u201c" || t.text == "\"" || t.low == "." {
			break
		}
		if speechVerbs[t.low] {
			// "said A" / "said the minister"
			if r := d.personAt(s, k+1); r.kind != refNone {
				return r.ent, tokPos{s, k}, true
			}
			// "A said", "A told reporters", "media reported him saying"
			for j := k - 1; j >= i; j-- {
				if r := d.personAt(s, j); r.kind != refNone && r.end <= k+1 {
					return r.ent, tokPos{s, k}, true
				}
			}
			if k+2 < len(s.toks) && pronouns[s.toks[k+1].low] {
				return d.antecedent(s, k+1), tokPos{s, k}, true
			}
		}
		if (t.low == "him" || t.low == "her") && k+1 < len(s.toks) && (s.toks[k+1].low == "saying" || s.toks[k+1].low == "as") {
			return d.antecedent(s, k), tokPos{s, k}, true
		}
	}
	return nil, tokPos{}, false
}

// attributionBefore reads "A said: “...”" or "A told reporters, “...”".
func (d *doc) attributionBefore(p tokPos) (*entity, tokPos, bool) {
	s := p.s
	k := p.i - 1
	for k >= 0 && (s.toks[k].low == ":" || s.toks[k].low == "," || s.toks[k].low == "that") {
		k--
	}
	for j := k; j >= 0 && j >= k-2; j-- {
		if !speechVerbs[s.toks[j].low] {
			continue
		}
		if p.i-j > 4 {
			return nil, tokPos{}, false
		}
		if sp, ok := d.speakerBefore(s, j); ok {
			return sp, tokPos{s, j}, true
		}
	}
	return nil, tokPos{}, false
}

// speakerBefore reads the subject of a speech verb at v: "A said",
// "A further urged", "A, whose ..., told", "the minister said".
func (d *doc) speakerBefore(s *sent, v int) (*entity, bool) {
	k := v - 1
	for k >= 0 && sayAdverbs[s.toks[k].low] {
		if s.toks[k].low == "," {
			// Skip a relative clause: "A, whose position ..., told".
			j := k - 1
			for j >= 0 && s.toks[j].low != "," && j > k-25 {
				j--
			}
			if j >= 1 && j+1 < len(s.toks) && (s.toks[j+1].low == "whose" || s.toks[j+1].low == "who" || s.toks[j+1].low == "which") {
				k = j - 1
				continue
			}
		}
		k--
	}
	for j := k; j >= 0 && j >= k-6; j-- {
		r := d.personAt(s, j)
		if r.kind != refNone && r.end == k+1 {
			return r.ent, r.ent != nil
		}
	}
	return nil, false
}

// quoteText is the quoted text between the marks and its sentences.
func (d *doc) quoteText(q quote) (string, []graph.Evidence) {
	start := q.open.s.toks[q.open.i].span.End
	end := q.close.s.toks[q.close.i].span.Start
	if end < start {
		return "", nil
	}
	txt := strings.TrimSpace(d.text[start:end])
	txt = strings.TrimRight(txt, ", ")
	var ev []graph.Evidence
	for i := q.open.s.i; i <= q.close.s.i; i++ {
		ev = mergeEvidence(ev, []graph.Evidence{d.sents[i].evidence()})
	}
	return txt, ev
}

// reported reads "A said (that) ...", "A urged B to ...", "according to A, ...".
func (d *doc) reported(s *sent, usedVerb map[tokPos]bool) {
	q := inQuotes(s)
	for v, t := range s.toks {
		if !speechVerbs[t.low] || q[v] || usedVerb[tokPos{s, v}] || t.low == "saying" {
			continue
		}
		if t.low == "described" || t.low == "expressed" || t.low == "voiced" {
			continue
		}
		sp, ok := d.speakerBefore(s, v)
		if !ok || sp == nil {
			continue
		}
		a := v + 1
		if t.low == "pointed" && a < len(s.toks) && s.toks[a].low == "out" {
			a++
		}
		// "told reporters that", "told B (that)"
		if t.low == "told" || t.low == "tells" {
			if r := d.personAt(s, a); r.kind != refNone {
				a = r.end
			} else if a < len(s.toks) && (s.toks[a].low == "reporters" || s.toks[a].low == "journalists") {
				a++
			}
		}
		// "stated on Monday that ..."
		for k := a; k < len(s.toks) && k < a+5; k++ {
			if s.toks[k].low == "that" {
				a = k
				break
			}
			if !timeWords[s.toks[k].low] && s.toks[k].low != "," {
				break
			}
		}
		if a < len(s.toks) && s.toks[a].low == "that" {
			a++
		}
		if a >= len(s.toks) {
			continue
		}
		b := len(s.toks)
		for k := a; k < len(s.toks); k++ {
			if k+1 < len(s.toks) && s.toks[k].low == "," && (s.toks[k+1].low == "according" || s.toks[k+1].low == "state" || s.toks[k+1].low == "media") {
				b = k
				break
			}
		}
		for b > a && (s.toks[b-1].low == "." || s.toks[b-1].low == ",") {
			b--
		}
		if b-a < 4 {
			continue
		}
		txt := d.text[s.toks[a].span.Start:s.toks[b-1].span.End]
		d.statements = append(d.statements, graph.StatementClaim{
			Speaker: sp.bestForm(), Text: txt, Direct: false, Date: d.dateNear(tokPos{s, v}),
			Evidence: []graph.Evidence{s.evidence()},
		})
		usedVerb[tokPos{s, v}] = true
		return // one reported statement per sentence
	}
	// "according to A"
	for i := 0; i+2 < len(s.toks); i++ {
		if s.toks[i].low != "according" || s.toks[i+1].low != "to" {
			continue
		}
		r := d.personAt(s, i+2)
		if r.kind == refNone || r.ent == nil {
			continue
		}
		txt := strings.TrimSpace(s.text)
		d.statements = append(d.statements, graph.StatementClaim{
			Speaker: r.ent.bestForm(), Text: txt, Evidence: []graph.Evidence{s.evidence()},
		})
		return
	}
}

// dateNear is the date written right after a speech verb ("said Friday").
func (d *doc) dateNear(p tokPos) graph.Date {
	s := p.s
	rel := s.toks[p.i].span.End - s.span.Start
	for _, e := range timex.Find(s.text, d.ref, timex.Past) {
		if e.Start >= rel && e.Start-rel <= 4 {
			return e.Value
		}
	}
	return graph.Date{}
}
