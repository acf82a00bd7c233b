package extract

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// speechVerbs introduce what someone said, quoted or reported.
var speechVerbs = set("said says say stated states stressed stresses emphasized emphasised emphasizes emphasises " +
	"urged urges noted notes added adds warned warns insisted insists argued argues told tells " +
	"underlined underlines underscored underscores reiterated reiterates declared declares announced " +
	"claimed claims acknowledged admitted explained asserted asserts maintained maintains vowed vows " +
	"pledged pledges affirmed affirms denied denies accused accuses blamed blames wrote writes " +
	"remarked replied responded recalled predicted cautioned conceded " +
	"saying expressed voiced pointed described tweeted tweets posted reported reports " +
	thatVerbList)

// thatVerbList are the cues of the attribution literature (PARC 3.0,
// Citron) that report speech only with a "that" clause or a quote after
// them: "A hoped that ...", "the fund concluded that ..."; "A revealed the
// plan" reports no words.
const thatVerbList = "hoped hopes concluded concludes indicated indicates requested requests suggested suggests " +
	"revealed reveals confirmed confirms disclosed discloses complained complains lamented laments " +
	"observed observes commented comments mentioned mentions proclaimed proclaims promised promises " +
	"assured assures informed informs reminded reminds estimated estimates contended contends " +
	"alleged alleges charged boasted boasts joked jokes testified testifies " +
	// VerbNet's say, complain, advise and admit classes and PARC 3.0's
	// frequent cues not listed above.
	"highlighted highlights reaffirmed reaffirms recounted recounts signalled signaled signals hinted hints " +
	"clarified clarifies confessed confesses bragged brags grumbled grumbles protested protests objected objects " +
	"demanded demands proposed proposes recommended recommends advised advises conveyed conveys " +
	"acknowledges admits explains recalls replies responds remarks predicts cautions concedes agreed agrees " +
	// Further cues of VerbNet's advise, promise and say classes and of
	// PARC 3.0 that take a "that" clause: "A reassured B that …".
	"reassured reassures notified notifies briefed briefs speculated speculates forecast forecasts " +
	"swore swears guaranteed guarantees specified specifies implied implies divulged divulges " +
	"repeated repeats opined opines elaborated elaborates reckoned reckons threatened threatens"

var thatVerbs = set(thatVerbList)

// quoteVerbs attribute a quotation next to them but report no words on
// their own: "“…,” she continued", "“…,” A quipped", "A asked: “…”".
var quoteVerbs = set("continued continues quipped quips retorted retorts countered counters exclaimed exclaims " +
	"shouted shouts whispered whispers asked asks answered answers wondered wonders interjected " +
	"praised lauded hailed commended eulogised eulogized " +
	"gushed gushes enthused enthuses mused muses sighed sighs yelled yells muttered mutters murmured murmurs snapped snaps")

// participleList are the present participles of the speech cues above
// (PARC 3.0's and VerbNet's say, complain, advise and admit classes) that
// report words in a clause whose subject is the sentence's: "A spoke to
// reporters, adding that ...", "A left after telling B there will be ...".
// Cues taking an infinitive ("urging B to") or a topic are left out.
const participleList = "saying stating adding telling insisting noting stressing emphasizing emphasising warning arguing writing " +
	"explaining claiming declaring acknowledging admitting asserting maintaining vowing pledging affirming denying " +
	"recalling predicting cautioning conceding reiterating underlining underscoring assuring reassuring informing " +
	"reminding suggesting confirming revealing complaining lamenting observing remarking contending alleging " +
	"boasting signalling signaling hinting clarifying confessing protesting promising"

// participles report speech in a clause whose subject is the sentence's.
var participles = set(participleList)

// participleLinks are the subordinators that may join a reporting
// participle to the clause whose subject speaks: "A left after telling B
// …", "by warning that …" (participleOpens takes a comma and ", and" too:
// "A met B on Monday, and insisting …").
var participleLinks = set("after before while when by upon")

// participleAdverbs may stand between a comma, "and" or a subordinator and
// the reporting participle after it: "…, and also insisting that …".
var participleAdverbs = set("also further again then")

// participleClause reports whether the participle at token v of s has
// said words after it: a "that" clause or a clause ("insisting the plan
// would work", "telling B there will be"), not an infinitive ("pledging
// to …").
func participleClause(s *sent, v int) bool {
	if v+1 >= len(s.toks) || s.toks[v+1].low == "to" {
		return false
	}
	return s.toks[v+1].low == "that" || clauseAhead(s, v+1, false)
}

// participleAfter reports whether a reporting participle with said words
// opens right after the comma at token k of s, after "and" or an adverb:
// "…, and insisting the plan would work".
func participleAfter(s *sent, k int) bool {
	j := k + 1
	if j < len(s.toks) && s.toks[j].low == "and" {
		j++
	}
	for j < len(s.toks) && participleAdverbs[s.toks[j].low] {
		j++
	}
	return j < len(s.toks) && participles[s.toks[j].low] && participleClause(s, j)
}

// participleOpens reports whether the participle at token v of s opens an
// adverbial clause of the sentence: after a comma, or after a
// subordinator or "and" (that one after a comma), past an adverb ("A met
// B, also noting that …").
func participleOpens(s *sent, v int) bool {
	k := v - 1
	for k >= 0 && participleAdverbs[s.toks[k].low] {
		k--
	}
	if k < 1 {
		return false
	}
	switch w := s.toks[k].low; {
	case w == ",":
		return true
	case w == "and":
		return s.toks[k-1].low == ","
	default:
		return participleLinks[w] && s.toks[k-1].kind == text.Word
	}
}

// sayAdverbs may stand between a speaker and the verb: "A further urged".
var sayAdverbs = set("also further again then later repeatedly previously earlier once recently long always often , in addition has had have")

// quote is a quoted passage of a paragraph. A quotation running over
// several paragraphs (its opening mark repeated at each paragraph, closed
// only at the end) is a chain of quotes linked by next and prev.
type quote struct {
	open, close tokPos // positions of the quote marks; close.i == len(toks) when it runs on
	runsOn      bool   // not closed in its paragraph
	next, prev  *quote
	speaker     *entity
	verb        tokPos
	attributed  bool
	inReport    bool   // inside reported speech, which is stored whole
	cont        *quote // the quote this one goes on from, in the paragraph before
}

// lastQuoteOf is the last quote of paragraph pi, or nil.
func lastQuoteOf(byPara [][]*quote, pi int) *quote {
	if pi < 0 || len(byPara[pi]) == 0 {
		return nil
	}
	return byPara[pi][len(byPara[pi])-1]
}

type tokPos struct {
	s *sent
	i int
}

// findStatements reads direct quotes (speaker before, after or between the
// quoted parts, across sentences and paragraphs) and reported speech.
func (d *doc) findStatements() {
	usedVerb := map[tokPos]bool{}
	var headlines []int // statements read from headlines
	paras := d.paragraphs()
	byPara := make([][]*quote, len(paras))
	for pi, para := range paras {
		byPara[pi] = d.quotes(para)
		// A quotation goes on when the paragraph before ended inside it and
		// this one opens with a quote mark.
		if pi > 0 && len(byPara[pi]) > 0 && len(byPara[pi-1]) > 0 {
			prev := byPara[pi-1][len(byPara[pi-1])-1]
			first := byPara[pi][0]
			if prev.runsOn && first.open.s == para[0] && first.open.i == 0 && para[0].para == paras[pi-1][0].para+1 {
				prev.next, first.prev = first, prev
			}
		}
	}
	// quoteOf is the last quote each sentence holds or stands inside.
	quoteOf := map[*sent]*quote{}
	d.quoteOf = quoteOf
	for _, qs := range byPara {
		for _, q := range qs {
			for i := q.open.s.i; i <= q.close.s.i; i++ {
				quoteOf[d.sents[i]] = q
			}
		}
	}
	// Chains first: the attribution may follow the last part or precede
	// the first.
	for _, qs := range byPara {
		for _, q := range qs {
			if q.prev != nil || q.next == nil {
				continue
			}
			tail := q
			for tail.next != nil {
				tail = tail.next
			}
			sp, verb, ok := d.attribution(q.open, tail.close, tail.runsOn)
			if !ok {
				continue
			}
			usedVerb[verb] = true
			d.learnGender(sp, verb)
			for c := q; c != nil; c = c.next {
				c.speaker, c.verb, c.attributed = sp, verb, true
			}
		}
	}
	emitted := map[*quote]int{} // a quote's statement in d.statements
	byVerb := map[tokPos]int{}  // the statement of a quote, by its attributing verb
	for pi, qs := range byPara {
		var last *entity
		var lastQ *quote
		for _, q := range qs {
			if !q.attributed {
				e, verb, ok := d.attribution(q.open, q.close, q.runsOn)
				switch {
				case ok:
					q.speaker, q.verb, q.attributed = e, verb, true
					usedVerb[verb] = true
					d.learnGender(e, verb)
					if d.outerReport(q) {
						// "B said that A urged “…”": the quote is part of
						// B's reported words, stored with them.
						q.inReport = true
					}
				case !q.runsOn && q.open.s == q.close.s:
					if e, verb, ok := d.cueBefore(q.open); ok {
						q.speaker, q.verb, q.attributed = e, verb, true
						usedVerb[verb] = true
					} else if e, verb, ok := d.reportBefore(q.open); ok {
						// "A said the talks “went well”": the quote is part
						// of A's reported words, stored with them.
						q.speaker, q.verb, q.attributed, q.inReport = e, verb, true, true
					} else if e, at, ok := d.accordingTo(q.open.s); ok && (at.i < q.open.i || at.i > q.close.i) {
						// "According to A, this is a “…”.": the quote is part
						// of the sentence stored as A's words.
						q.speaker, q.verb, q.attributed = e, at, true
						q.inReport = quoteInside(q, at.i)
						if !q.inReport && q.open.i == 0 {
							usedVerb[at] = true // "“…,” according to A.": the quote alone
						}
					}
				}
				midSentence := q.open.i > 0 && q.open.s.toks[q.open.i-1].low != "," && !reportBeforeQuote(q.open)
				if e, verb, ok := d.outletAfter(q.close); ok && !q.attributed && !q.runsOn && (last == nil || midSentence) {
					// "“…,” the agency reported." with no one else quoted
					// before it, or inside a sentence of the outlet's own
					// ("B “plans to …,” the agency reported"): the outlet's
					// words.
					q.speaker, q.verb, q.attributed = e, verb, true
				}
				switch {
				case q.attributed:
				case !q.runsOn && ownVerbAfter(q.close):
					// "“…,” said a spokesman for A": the quote has an
					// attribution of its own, whoever it names; it goes on
					// with no one else's words.
				case q.prev != nil && q.prev.attributed:
					// A paragraph going on with a quotation whose speaker
					// was found in the paragraph before it.
					q.speaker, q.attributed = q.prev.speaker, true
				case last != nil && (q.open.i == 0 || lastQ != nil && lastQ.close.s == q.open.s && q.open.i > 0 && q.open.s.toks[q.open.i-1].low == ","):
					// A quote opening a sentence continues the last speaker's,
					// and so does a quote resumed after a comma: “A,” X said, “B.”
					q.speaker, q.attributed = last, true
					if lastQ != nil && lastQ.speaker == last && q.open.s.i-lastQ.close.s.i <= 1 {
						// Right after the attributed part, it is the same
						// quotation going on: one statement.
						q.cont = lastQ
					}
				case q.open.i == 0 && q.open.s.i > 0 && d.opensParagraph(q.open.s):
					prev := d.sents[q.open.s.i-1]
					if !prev.body() || prev.para != q.open.s.para-1 {
						break
					}
					if pq := lastQuoteOf(byPara, pi-1); pq != nil && pq.attributed && pq.close.s == prev {
						// “A,” X said. ¶ “B.”: the quotation goes on; one
						// statement.
						q.speaker, q.attributed, q.cont = pq.speaker, true, pq
					} else if sp := d.recentSpeakerIn(prev, len(prev.toks), &pronounPick{}); sp != nil {
						// X said he would … ¶ “…”: a paragraph that is a
						// quote, after one ending in reported speech.
						q.speaker, q.attributed = sp, true
					} else if sp := d.speakerGoesOn(q.open.s); sp != nil {
						// X said … ¶ She flies home on Friday. ¶ “…”: only
						// sentences about the speaker stand between.
						q.speaker, q.attributed = sp, true
					}
				}
			}
			if q.attributed {
				if lastQ != nil && q.cont == nil && q.verb.s != nil && q.verb == lastQ.verb && q.speaker == lastQ.speaker {
					// “A,” he added, “B.”: one verb attributes both parts,
					// one statement.
					q.cont = lastQ
				}
				last, lastQ = q.speaker, q
			}
			if !q.attributed || q.speaker == nil || q.inReport {
				continue
			}
			txt, ev := d.quoteText(*q)
			if n := len(strings.Fields(txt)); n == 0 || n < 3 && q.verb.s == nil && q.cont == nil && q.prev == nil {
				continue // a short quote needs its own verb: “Completed,” A said
			}
			// A quotation going on over paragraphs is one statement.
			for _, before := range []*quote{q.prev, q.cont} {
				if idx, ok := emitted[before]; ok && before.speaker == q.speaker {
					st := &d.statements[idx]
					st.Text += " … " + txt // the attribution between the parts left out
					st.Evidence = mergeEvidence(st.Evidence, ev)
					emitted[q] = idx
					break
				}
			}
			if _, merged := emitted[q]; merged {
				continue
			}
			st := graph.StatementClaim{Speaker: q.speaker.bestForm(), Text: txt, Direct: true, Evidence: ev}
			if q.verb.s != nil {
				st.Date = d.dateNear(q.verb)
			}
			emitted[q] = len(d.statements)
			if q.verb.s != nil {
				byVerb[q.verb] = len(d.statements)
			}
			d.statements = append(d.statements, st)
			for _, c := range d.coSpeakersAt(q.verb, q.speaker) {
				co := st // "“…,” A and B said": each of them said it
				co.Speaker = c.bestForm()
				d.statements = append(d.statements, co)
			}
		}
	}
	d.embeddedPosts()
	for _, s := range d.sents {
		if d.expired() {
			return
		}
		if s.kind == text.Title || s.kind == text.Heading {
			n := len(d.statements)
			d.headlineQuote(s)
			if len(d.statements) > n {
				headlines = append(headlines, n)
			}
		}
		if !s.body() {
			continue
		}
		d.calledQuote(s, usedVerb)
		d.calledComplement(s, usedVerb)
		d.appealReport(s, usedVerb)
		d.reported(s, usedVerb, byVerb)
	}
	d.dropRepeatedHeadlines(headlines)
}

// dropRepeatedHeadlines removes the statements read from headlines (at
// the indexes given, in order) whose words the body gives too, from the
// same speaker: a headline quoting a remark the story quotes in full is
// that one remark.
func (d *doc) dropRepeatedHeadlines(headlines []int) {
	if len(headlines) == 0 {
		return
	}
	drop := map[int]bool{}
	for _, h := range headlines {
		words := quoteWords(d.statements[h].Text)
		for i, st := range d.statements {
			if i == h || drop[i] || st.Speaker != d.statements[h].Speaker {
				continue
			}
			if strings.Contains(" "+quoteWords(st.Text)+" ", " "+words+" ") {
				drop[h] = true
				break
			}
		}
	}
	kept := d.statements[:0]
	for i, st := range d.statements {
		if !drop[i] {
			kept = append(kept, st)
		}
	}
	d.statements = kept
}

// quoteWords is t lowercased, its words alone, one space apart.
func quoteWords(t string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}), " ")
}

// headlineQuote reads a title or heading that is a quote and its
// speaker's name after a colon: "“...”: A".
func (d *doc) headlineQuote(s *sent) {
	if len(s.toks) < 6 || s.toks[0].kind != text.Quote {
		return
	}
	qs := d.quotes([]*sent{s})
	if len(qs) != 1 || qs[0].runsOn || qs[0].open.i != 0 {
		return
	}
	c := qs[0].close.i
	if c+2 >= len(s.toks) || s.toks[c+1].low != ":" {
		return
	}
	r := d.personAt(s, c+2)
	if r.kind != refName || r.ent == nil || r.end != len(s.toks) {
		return
	}
	txt, ev := d.quoteText(*qs[0])
	if len(strings.Fields(txt)) < 3 {
		return
	}
	d.statements = append(d.statements, graph.StatementClaim{Speaker: r.ent.bestForm(), Text: txt, Direct: true, Evidence: ev})
}

// cueVerbs put a speaker's own words into a description: "A described the
// talks as “…”", "calling it a “…”", "which he called “…”", "hailing the “…”".
var cueVerbs = set("described describing describes called calling calls dubbed dubbing termed terming " +
	"hailed hailing hails praised praising expressed expressing accused accusing accuses")

// cueBefore finds the speaker of a quoted phrase after a cue verb at most
// eight words before it in the same clause.
func (d *doc) cueBefore(p tokPos) (*entity, tokPos, bool) {
	s := p.s
	for j := p.i - 1; j >= 0 && j >= p.i-9; j-- {
		t := s.toks[j]
		if t.kind == text.Quote || t.low == "." || t.low == ";" || t.low == ":" {
			break
		}
		if !cueVerbs[t.low] && !thanksFor(s, j, p.i) && !referredAs(s, j, p.i) {
			continue
		}
		if sp, start, ok := d.speakerBefore(s, j); ok {
			// "A thanked B for the visit, which he called “…”": the
			// pronoun of a relative clause is the main clause's subject.
			if w := s.toks[start].low; pronouns[w] && start > 0 && relativeWords[s.toks[start-1].low] {
				if subj, found := d.clauseSubject(s, start-1); found && subj.agrees(w) && subj.nameAgrees(w) && (pronounGender(w) != genderFemale || subj.gender == genderFemale) {
					sp = subj
				}
			}
			return sp, tokPos{s, j}, true
		}
		if j >= 1 && s.toks[j-1].low == "," && strings.HasSuffix(t.low, "ing") || coordinated(s, j) {
			// ", calling it a “…”"; "A thanked B and described him as “…”"
			if sp, ok := d.clauseSubject(s, j); ok {
				return sp, tokPos{s, j}, true
			}
		}
		return nil, tokPos{}, false
	}
	return nil, tokPos{}, false
}

// thanksFor reports whether token j of s is a verb of thanking or praise
// whose reason, quoted, opens at token q: "thanked B for their “…”",
// "congratulated B on his “…”". The quotation stands right after "for" or
// "on" and a determiner at most, so a name quoted further on ("for his
// stance on the building of the “X Pipeline”") is no cue.
func thanksFor(s *sent, j, q int) bool {
	if !thankVerbs[s.toks[j].low] {
		return false
	}
	k := q - 1
	if k > j && determiners[s.toks[k].low] {
		k-- // "for their", "on the"
	}
	if k <= j+1 {
		return false
	}
	// One thanks someone for something, and congratulates them on it.
	return s.toks[k].low == "for" || s.toks[k].low == "on" && !strings.HasPrefix(s.toks[j].low, "thank")
}

// cuedQuoteAfter reports whether token k of s is a finite cue verb, no
// participle ("described", "calls", "thanked", "congratulates"), with a
// quotation mark within the ten tokens after it that it introduces.
func cuedQuoteAfter(s *sent, k int) bool {
	if k >= len(s.toks) || strings.HasSuffix(s.toks[k].low, "ing") || !cueVerbs[s.toks[k].low] && !thankVerbs[s.toks[k].low] {
		return false
	}
	for q := k + 1; q < len(s.toks) && q <= k+10; q++ {
		if s.toks[q].kind == text.Quote {
			return cueVerbs[s.toks[k].low] || thanksFor(s, k, q)
		}
	}
	return false
}

// referredAs reports whether token j of s is "referred" (or "refers",
// "referring") naming what follows "as" with the quotation at token q:
// "A referred to B as “my friend”", like "described B as “…”".
func referredAs(s *sent, j, q int) bool {
	switch s.toks[j].low {
	case "referred", "refers", "referring":
	default:
		return false
	}
	return q >= 2 && s.toks[q-1].low == "as" && q-j <= 8
}

// thankVerbs thank or congratulate someone for something.
var thankVerbs = set("thanked thanking thanks congratulated congratulating congratulates commended commending")

// reportBefore finds the speaker of a quote inside reported speech: a
// speech verb earlier in the sentence whose subject is named, "A said
// (that) the talks had “…”", "A said she was “…”".
func (d *doc) reportBefore(p tokPos) (*entity, tokPos, bool) {
	s := p.s
	for j := p.i - 1; j >= 0 && j >= p.i-30; j-- {
		t := s.toks[j]
		if t.kind == text.Quote || t.low == "." || t.low == ";" || t.low == ":" {
			break
		}
		if !speechVerbs[t.low] || mediaVerbs[t.low] || participles[t.low] {
			continue
		}
		if sp, _, ok := d.speakerBefore(s, j); ok {
			return sp, tokPos{s, j}, true
		}
		if coordinated(s, j) {
			if sp, ok := d.clauseSubject(s, j); ok {
				return sp, tokPos{s, j}, true
			}
			if sp := d.issuedSubject(s); sp != nil {
				return sp, tokPos{s, j}, true
			}
		}
	}
	return nil, tokPos{}, false
}

// outerReport reports whether quote q, the object of the verb that
// attributes it ("A urged “…”"), stands in a "that" clause reported by
// someone else: "B said that A urged “…”". The quoted words then are B's
// (a press release quoting its own wording), not A's.
func (d *doc) outerReport(q *quote) bool {
	s, v := q.verb.s, q.verb.i
	if s != q.open.s || v >= q.open.i || q.open.i-v > 2 || q.speaker == nil {
		return false
	}
	for k := v + 1; k < q.open.i; k++ {
		if s.toks[k].kind == text.Punct {
			return false // "A said: “…”": A's own words
		}
	}
	for k := v - 2; k >= 1; k-- {
		t := s.toks[k]
		if t.kind == text.Quote || t.low == "." || t.low == ";" || t.low == ":" {
			return false
		}
		if !speechVerbs[t.low] || mediaVerbs[t.low] || s.toks[k+1].low != "that" {
			continue
		}
		sp, _, ok := d.speakerBefore(s, k)
		return ok && sp != nil && sp != q.speaker
	}
	return false
}

// quoteInside reports whether quote q is a part of its sentence's own
// words, around an "according to" at token at: "According to A, the talks
// were “useful”" stores the sentence, while "According to A, “…”" is the
// quote alone.
func quoteInside(q *quote, at int) bool {
	s := q.open.s
	if q.close.s != s {
		return false
	}
	attrEnd := len(s.toks) // the attribution runs to the comma after it
	for k := at; k < len(s.toks); k++ {
		if s.toks[k].low == "," {
			attrEnd = k
			break
		}
	}
	n := 0
	for k, t := range s.toks {
		if t.kind == text.Word && (k < q.open.i || k > q.close.i) && (k < at || k > attrEnd) {
			n++
		}
	}
	return n >= 2
}

// recentSpeaker is whom a pronoun speaking at token i of s stands for when
// the article has been reporting someone's words: the speaker of the last
// speech verb in s before i or in the three sentences before, if that
// person agrees with the pronoun (news quotes one speaker at a stretch;
// the person named last is often only talked about). A speaker whose
// given name alone tells the other sex is passed over: the pronoun's
// antecedent (antecedentAt) weighs the name against the other people.
func (d *doc) recentSpeaker(s *sent, i int, pronoun string) *entity {
	pick := pronounPick{pronoun: pronoun}
	if sp := d.recentSpeakerIn(s, i, &pick); sp != nil {
		return sp
	}
	q := inQuotes(s)
	opening := -1 // openingAdverbialEnd(s), read once when needed
	for k := 0; k < i; k++ {
		if r := d.personAtNoPronoun(s, k); !q[k] && r.kind != refNone {
			if isPossessive(s.toks, r.end) && opening < 0 {
				opening = d.openingAdverbialEnd(s)
			}
			if prepObject(s, k) && !passiveAgent(s, k) || isPossessive(s.toks, r.end) && opening > r.end {
				// "Pointing to A, he added", "Recalling A's years in
				// office, she quipped": A is no subject.
				k = r.end - 1
				continue
			}
			return nil // "A took to social media: “…,” he wrote" is about A
		}
	}
	from := s.i
	if qs := d.quoteOf[s]; qs != nil && qs.open.s.i < s.i {
		from = qs.open.s.i // the quote being attributed opened sentences before
	}
	for back := 1; back <= 3 && from-back >= 0; back++ {
		p := d.sents[from-back]
		if !p.body() {
			continue
		}
		if sp := d.recentSpeakerIn(p, len(p.toks), &pick); sp != nil {
			return sp
		}
		if qt := d.quoteOf[p]; qt != nil && qt.attributed && qt.speaker != nil && qt.close.s == p {
			// The sentence ends a quote: its speaker is the one quoted.
			if sp := qt.speaker; sp.typ == graph.Person && sp.agrees(pronoun) && pick.take(sp) {
				return sp
			}
			return nil
		}
		if back == 1 && (p.para == d.sents[from].para || d.sents[from].para-p.para == 1 && !goesOnVerb(s, i)) {
			e := d.openingSubject(p)
			if e == nil {
				e = d.leadSubject(p)
			}
			if e != nil && e.typ == graph.Person && e.agrees(pronoun) && pick.take(e) {
				// "A praised B's work. “…,” he said.": the sentence
				// just before, reporting no words, is about its subject,
				// and so is the pronoun subject after it.
				return e
			}
		}
	}
	return nil // a name of the other sex only: left to the pronoun's antecedent (antecedentAt)
}

// postPosed reports whether the speech verb at v of s follows its words
// and a comma, with at most adverbials after it: "The talks went well, A
// posted on X."
func postPosed(s *sent, v int) bool {
	if v < 3 {
		return false
	}
	k := v - 1
	for k > 0 && s.toks[k].low != "," && s.toks[k].kind == text.Word && v-k <= maxPostPosedSubject {
		k--
	}
	if s.toks[k].low != "," || k < 3 {
		return false
	}
	n := len(s.toks)
	for n > v+1 && s.toks[n-1].kind == text.Punct {
		n--
	}
	if v+1 >= n {
		return true
	}
	for j := v + 1; j < n; j++ {
		if w := s.toks[j].low; w == "that" || w == "," || s.toks[j].kind == text.Quote {
			return false
		}
	}
	return adverbialStarts[s.toks[v+1].low] && n-v <= maxPostPosedTail
}

// The bounds of a post-posed attribution ("…, the deputy foreign minister
// A said on Monday in Rome."): the subject between the comma and the verb
// is a name with its title, at most six words; the adverbials after the
// verb ("on Monday in a post on X") take fewer than ten tokens, where a
// longer tail is more likely a clause of its own.
const (
	maxPostPosedSubject = 6
	maxPostPosedTail    = 10
)

// relativeAside reports whether a relative clause about the source opens
// at token i of s (", who spoke after the talks"): the attribution before
// it closes the reported words, and the clause is left out with it.
func relativeAside(s *sent, i int) bool {
	return i+1 < len(s.toks) && s.toks[i].low == "," && (s.toks[i+1].low == "who" || s.toks[i+1].low == "which" || s.toks[i+1].low == "whose")
}

// passiveAgent reports whether the name at token k of s is the agent of a
// passive ("announced by A when he said …"): the one acting, whom a
// pronoun after it continues, not an object.
func passiveAgent(s *sent, k int) bool {
	if k < 2 || s.toks[k-1].low != "by" {
		return false
	}
	w := s.toks[k-2]
	return w.kind == text.Word && !w.isCap() && (strings.HasSuffix(w.low, "ed") || irregularParticiples[w.low] || irregularPast[w.low])
}

// goesOnVerb reports whether the first speech verb of s at or after token
// i, within five words, says that a speaker goes on: "he added", "she
// continued". Across a paragraph break such a pronoun goes on with the
// speaker quoted last, not with the subject of the paragraph between.
func goesOnVerb(s *sent, i int) bool {
	for k := max(i, 0); k < len(s.toks) && k <= i+5; k++ {
		switch s.toks[k].low {
		case "added", "adds", "continued", "continues", "went":
			return true
		}
		if speechVerbs[s.toks[k].low] || quoteVerbs[s.toks[k].low] {
			return false
		}
	}
	return false
}

// openingSubject is the person s opens with, after at most a sentence
// adverb and its comma ("Meanwhile, the minister …"), or nil.
func (d *doc) openingSubject(s *sent) *entity {
	k := 0
	if len(s.toks) > 2 && s.toks[0].kind == text.Word && s.toks[1].low == "," {
		k = 2
	}
	if r := d.personAt(s, k); r.kind != refNone && r.kind != refPronoun && !isPossessive(s.toks, r.end) {
		return r.ent
	}
	// "Prime Minister praised …": a capitalized title standing alone, the
	// article left out, as some outlets write it.
	lex := d.x.lex
	for w := lex.MaxTitleWords(); w >= 1; w-- {
		if k+w >= len(s.toks) || !s.toks[k].isCap() || s.toks[k+w].isCap() || s.toks[k+w].kind != text.Word {
			continue
		}
		if t := lowJoin(s.toks[k : k+w]); lex.IsTitle(t) && !honorifics[t] {
			return d.resolveRole("", t)
		}
	}
	return nil
}

// lastSpeakerBefore is the speaker of the sentence just before s, when s
// names nobody before token i and that body sentence of the same or the
// paragraph before reports someone's words, or nil.
func (d *doc) lastSpeakerBefore(s *sent, i int, pronoun string) *entity {
	if s.i == 0 {
		return nil
	}
	for k := 0; k < i; k++ {
		if d.personAtNoPronoun(s, k).kind != refNone {
			return nil
		}
	}
	p := d.sents[s.i-1]
	if !p.body() || s.para-p.para > 1 {
		return nil
	}
	return d.recentSpeakerIn(p, len(p.toks), &pronounPick{pronoun: pronoun})
}

// recentSpeakerIn is the named speaker of the last speech verb of s before
// token i who agrees with pick's pronoun ("" agrees with anyone) and is
// taken by pick, or nil.
func (d *doc) recentSpeakerIn(s *sent, i int, pick *pronounPick) *entity {
	q := inQuotes(s)
	for v := min(i, len(s.toks)) - 1; v >= 1; v-- {
		t := s.toks[v]
		if q[v] || !speechVerbs[t.low] || mediaVerbs[t.low] {
			continue
		}
		var sp *entity
		if r := d.personAfterTitle(s, v+1); r.kind == refName && (s.toks[v-1].kind == text.Quote || s.toks[v-1].low == ",") && !objectVerbs[t.low] {
			sp = r.ent // "“…,” said A"; in "A, who …, told B" B is the hearer
		}
		if sp == nil {
			if e, start, ok := d.speakerBefore(s, v); ok && !pronouns[s.toks[start].low] {
				sp = e // a name or a role; a pronoun's referent is a guess
			}
		}
		if sp != nil && sp.typ == graph.Person && sp.agrees(pick.pronoun) && pick.take(sp) {
			return sp
		}
	}
	return nil
}

// innerReport reads reported words that open with a report of their own,
// "(A added that) B told him (that) …", "(A said) B had said …": the words
// are B's, from the returned token on; nil when they are not.
func (d *doc) innerReport(s *sent, a, b int) (*entity, int) {
	r := d.personAt(s, a)
	if r.kind != refName || r.ent == nil {
		return nil, 0
	}
	k := r.end
	if k < b && (s.toks[k].low == "had" || s.toks[k].low == "has") {
		k++
	}
	if k >= b || !innerVerbs[s.toks[k].low] {
		return nil, 0
	}
	k++
	if k < b && hearerWords[s.toks[k].low] {
		k++
	}
	if k < b && s.toks[k].low == "that" {
		k++
	}
	if b-k < 4 || s.toks[k].kind == text.Punct {
		return nil, 0
	}
	return r.ent, k
}

// hearerPhraseEnd is where the words start after the hearer of an object
// verb written as a noun phrase and no "that" ("told a news conference
// the plan would …", "assured the visiting delegation they would …",
// "told B's delegation the plan …"):
// the next determiner or subject pronoun, or name, within five words,
// that opens a clause; a when none does.
func (d *doc) hearerPhraseEnd(s *sent, a int) int {
	if a >= len(s.toks) || !determiners[s.toks[a].low] && s.toks[a].low != "'s" {
		return a // "told B's delegation the plan …" reads on from "'s"
	}
	for j := a + 1; j < len(s.toks) && j <= a+5; j++ {
		t := s.toks[j]
		if t.kind != text.Word {
			return a
		}
		if determiners[t.low] || subjectPronouns[t.low] || d.personAt(s, j).kind == refName {
			if clauseAhead(s, j, false) {
				return j
			}
			return a
		}
	}
	return a
}

// reportAdverb reports an adverb that may stand between a speech verb and
// its "that": "said afterwards that", "noted repeatedly that", "stated
// publicly that".
func reportAdverb(t tok) bool {
	return t.low != "," && sayAdverbs[t.low] || afterAdverbs[t.low] || mannerAdverb(t)
}

// afterAdverbs are adverbs of time that may follow a speech verb besides
// sayAdverbs ("later", "again") and the "-ly" adverbs of mannerAdverb
// ("publicly", "subsequently").
var afterAdverbs = set("afterwards afterward")

// subjectPronouns open a clause as its subject.
var subjectPronouns = set("he she it they we i you")

// coordinatedSpeakers are the people named before the speaker whose
// name starts at token start, joined to it by "and" or commas as one
// subject ("A and B said", "A, B and C agreed that"), nearest last; nil
// when the speaker stands alone.
func (d *doc) coordinatedSpeakers(s *sent, start int) []*entity {
	if start < 2 || s.toks[start-1].low != "and" {
		return nil
	}
	var out []*entity
	k := start - 1 // the "and" or comma before a name of the list
	for {
		m := d.personMentionBefore(s, k)
		if m == nil || m.ent == nil {
			return nil
		}
		out = append([]*entity{m.ent}, out...)
		k = m.start() - 1
		if k < 1 || s.toks[k].low != "," || d.personMentionBefore(s, k) == nil {
			break // "A, B and C": the list goes on only with commas and names
		}
	}
	// The list opens the sentence (after an adverbial at most) or follows
	// the quote it attributes: "Later, A and B said"; "both A and B said";
	// "“…,” A and B said". Not "a report by A and B said".
	if first := k + 1; first != 0 && first != d.openingAdverbialEnd(s) && s.toks[k].low != "both" && !afterQuote(s, first) {
		return nil
	}
	return out
}

// coSpeakersAt are the people coordinated with sp as the subject of the
// speech verb at verb ("“…,” A and B said"), sp's name standing at most
// three words before the verb.
func (d *doc) coSpeakersAt(verb tokPos, sp *entity) []*entity {
	s := verb.s
	if s == nil || sp == nil || sp.typ != graph.Person {
		return nil
	}
	for _, m := range s.ments {
		if m.ent != sp || m.b > verb.i || m.b < verb.i-3 {
			continue
		}
		for k := m.b; k < verb.i; k++ {
			if !sayAdverbs[s.toks[k].low] || s.toks[k].low == "," {
				return nil
			}
		}
		a := m.start()
		var out []*entity
		for _, c := range d.coordinatedSpeakers(s, a) {
			if c != sp && c.typ == graph.Person {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

// accordingBefore reports whether an "according to" attribution stands
// before token i of s ("According to the communique, both envoys
// pledged …": the communique's words, not the envoys').
func (d *doc) accordingBefore(s *sent, i int) bool {
	_, at, ok := d.accordingTo(s)
	return ok && at.i < i
}

// personMentionBefore is the person mention of s that ends right before token
// k (with the title written before it), or nil.
func (d *doc) personMentionBefore(s *sent, k int) *mention {
	if m := mentionEndingAt(s, k); m != nil && m.typ == graph.Person {
		return m
	}
	return nil
}

// pluralSpeakers reads "the two leaders" or "both leaders" ending right
// before the speech verb at v, and returns the two people it stands for
// and the token where it starts: the two who met in the last meeting
// found before it (pluralAt; none when the meeting stage is switched off,
// Options.SkipMeetings) or else the last two people named.
func (d *doc) pluralSpeakers(s *sent, v int) ([]*entity, int) {
	for i := v - 2; i >= 0 && i >= v-maxPluralPhrase; i-- {
		if w := s.toks[i].low; w != "the" && w != "both" {
			continue
		}
		if ps, end := d.pluralAt(s, i); end == v && len(ps) == 2 {
			return ps, i
		}
		return nil, -1
	}
	return nil, -1
}

// maxPluralPhrase is how many tokens "the two [world] leaders" may take
// before its verb, read back from it: the determiner, the number, up to
// three modifiers ("the two visiting foreign ministers") and the head.
const maxPluralPhrase = 6

// innerVerbs report words inside reported words: "A said B told him …".
var innerVerbs = set("told said tells says")

// hearerWords may stand as the hearer after an inner "told".
var hearerWords = set("him her them me us reporters journalists")

// orgSubject is the organization that opens s as its subject ("The
// commission welcomed …", "NATO said …"), or nil.
func (d *doc) orgSubject(s *sent) *entity {
	for _, m := range s.ments {
		if m.ent != nil && m.typ == graph.Organization && (m.a == 0 || m.a == 1 && s.toks[0].low == "the") {
			return m.ent
		}
	}
	return nil
}

// predicateAt reports whether a predicate opens at token i of s: a finite
// verb, possibly after an adverb ("was the first", "still hopes" is left
// out: only auxiliaries, modals and past tenses are known).
func predicateAt(s *sent, i int) bool {
	if i < len(s.toks) && predicateAdverbs[s.toks[i].low] {
		i++
	}
	if i >= len(s.toks) || s.toks[i].kind != text.Word || s.toks[i].isCap() {
		return false
	}
	w := s.toks[i].low
	return finiteWords[w] || irregularPast[w] || strings.HasSuffix(w, "ed") && len(w) > 4
}

// predicateAdverbs may open a predicate before its verb.
var predicateAdverbs = set("also still not never already now only")

// quoteGoesOn finds the statement of a quote whose attributing verb
// stands right before the participle at v: "“…,” A said, adding …".
func quoteGoesOn(s *sent, v int, byVerb map[tokPos]int) (int, bool) {
	for k := v - 2; k >= 0 && k >= v-8; k-- {
		if s.toks[k].kind == text.Quote {
			return 0, false
		}
		if idx, ok := byVerb[tokPos{s, k}]; ok {
			return idx, true
		}
	}
	return 0, false
}

// contrastWords join two speakers' reports in one sentence: "A said …,
// while B said …".
var contrastWords = set("while whereas but and")

// whoReports reports whether a relative clause after "who" at token i-1
// of s reports words: a speech verb, after at most an adverb or an
// auxiliary, with "that" after it ("who suggested that", "who had said
// that").
func whoReports(s *sent, i int) bool {
	for k := i; k < len(s.toks) && k <= i+2; k++ {
		w := s.toks[k].low
		if speechVerbs[w] && !participles[w] {
			return k+1 < len(s.toks) && s.toks[k+1].low == "that"
		}
		if !sayAdverbs[w] && !mannerAdverb(s.toks[k]) {
			return false
		}
	}
	return false
}

// reportOpens reports whether a clause opening at token i of s is a named
// speaker's report: a person or organization, then a speech verb.
func (d *doc) reportOpens(s *sent, i int) bool {
	for k := i + 1; k < len(s.toks) && k <= i+8; k++ {
		if !speechVerbs[s.toks[k].low] {
			continue
		}
		sp, start, ok := d.speakerBefore(s, k)
		return ok && sp != nil && start == i && !pronouns[s.toks[start].low]
	}
	return false
}

// adverbialThat reports whether an adverbial phrase from token a of s
// leads to "that" within six words: "posted on social media that".
func adverbialThat(s *sent, a int) bool {
	if a >= len(s.toks) || !adverbialStarts[s.toks[a].low] {
		return false
	}
	for k := a + 1; k < len(s.toks) && k <= a+6; k++ {
		if s.toks[k].low == "that" {
			return true
		}
		if s.toks[k].kind != text.Word {
			return false
		}
	}
	return false
}

// participleAside reports whether tokens [a, b) are a reduced relative
// clause set off by commas: a past participle and what goes with it ("known
// for his criticism of the alliance", "elected in 2019", "speaking after
// the talks" is no aside: it may carry the words).
func participleAside(s *sent, a, b int) bool {
	if a >= b || b-a > 20 {
		return false
	}
	w := s.toks[a].low
	if !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing") && !irregularParticiples[w] {
		return false // "A, speaking after the talks, said"
	}
	for k := a; k < b; k++ {
		if t := s.toks[k]; t.kind == text.Quote || speechVerbs[t.low] || t.low == ";" {
			return false
		}
	}
	return true
}

// irregularParticiples open reduced relative clauses: "A, known for …,".
var irregularParticiples = set("known born seen chosen given taken elected named appointed sworn")

// quotedAs finds the passive "was quoted (by B) as" or "was cited (by B)
// as" before a "saying" at v and returns the position of "was", or -1.
func quotedAs(s *sent, v int) int {
	if s.toks[v].low != "saying" || v < 3 || s.toks[v-1].low != "as" {
		return -1
	}
	for k := v - 2; k >= 1 && k >= v-10; k-- {
		if s.toks[k].low == "quoted" || s.toks[k].low == "cited" {
			if w := s.toks[k-1].low; w == "was" || w == "were" || w == "is" || w == "has been" {
				return k - 1
			}
			return -1
		}
		if s.toks[k].kind != text.Word {
			return -1
		}
	}
	return -1
}

// opensParagraph reports whether s is the first sentence of its paragraph.
func (d *doc) opensParagraph(s *sent) bool {
	return s.i == 0 || d.sents[s.i-1].para != s.para
}

// relativeWords open a relative clause: "the visit which he called".
var relativeWords = set("which that what whom")

// namingVerbs name something in a speaker's words: "A called the talks
// “...”", "A dubbed it “...”".
var namingVerbs = set("called calls dubbed dubs termed terms")

// calledQuote reads "A called B “...”": the quoted words are what A said of
// B. The statement is B and the quote.
func (d *doc) calledQuote(s *sent, usedVerb map[tokPos]bool) {
	q := inQuotes(s)
	for v, t := range s.toks {
		if !namingVerbs[t.low] || q[v] || usedVerb[tokPos{s, v}] {
			continue
		}
		// The object, one to six words, then the opening quote mark.
		k := v + 1
		for k < len(s.toks) && k < v+8 && s.toks[k].kind == text.Word && !q[k] {
			k++
		}
		if k == v+1 || k >= len(s.toks) || s.toks[k].kind != text.Quote || k+1 >= len(s.toks) || !q[k+1] {
			continue
		}
		if low := s.toks[v+1].low; low == "for" || low == "on" || low == "off" || low == "upon" {
			continue // "called for", "called on", "called off": not naming
		}
		e := k + 1
		for e < len(s.toks) && q[e] {
			e++
		}
		if e >= len(s.toks) || e-k-1 < 2 {
			continue
		}
		sp, _, ok := d.speakerBefore(s, v)
		if !ok || sp == nil {
			continue
		}
		txt := d.text[s.toks[v+1].span.Start:s.toks[e].span.End]
		d.statements = append(d.statements, graph.StatementClaim{
			Speaker: sp.bestForm(), Text: txt, Direct: false, Date: d.dateNear(tokPos{s, v}),
			Evidence: []graph.Evidence{s.evidence()},
		})
		usedVerb[tokPos{s, v}] = true
		return
	}
}

// calledComplement reads "A called the talks a success", ", calling the
// plan the answer to the crisis" without quote marks: naming something with a
// noun phrase is a report of what A said of it. The second noun phrase
// must open with an article and name no time ("called B the next day" is
// a telephone call).
func (d *doc) calledComplement(s *sent, usedVerb map[tokPos]bool) {
	for v, t := range s.toks {
		if t.low != "called" && t.low != "calling" && t.low != "calls" {
			continue
		}
		if inQuotes(s)[v] || usedVerb[tokPos{s, v}] || v+3 >= len(s.toks) {
			continue
		}
		if callParticles[s.toks[v+1].low] {
			continue // "called for", "calling on": no naming
		}
		det := -1
		for k := v + 2; k < len(s.toks) && k <= v+5; k++ {
			w := s.toks[k]
			if w.low == "a" || w.low == "an" || w.low == "the" {
				det = k
				break
			}
			if w.kind != text.Word || finiteWords[w.low] || w.low == "to" || w.low == "and" || objectPreps[w.low] || adverbialStarts[w.low] {
				break // "called B after the end of …": a telephone call
			}
		}
		if det < 0 {
			continue
		}
		e := det
		for e < len(s.toks) && s.toks[e].low != "," && s.toks[e].low != "." && s.toks[e].low != ";" {
			if s.toks[e].kind == text.Quote || e < det+5 && timeNouns[s.toks[e].low] {
				e = -1
				break
			}
			e++
		}
		if e < 0 || e-det < 2 {
			continue
		}
		var sp *entity
		if t.low == "calling" {
			if v >= 1 && s.toks[v-1].low == "," {
				sp, _ = d.clauseSubject(s, v)
			}
		} else if e, start, ok := d.speakerBefore(s, v); ok && !pronouns[s.toks[start].low] && !relativeBefore(s, v) {
			sp = e // not "A, who once called B a friend, …": background
		}
		if sp == nil {
			continue
		}
		d.statements = append(d.statements, graph.StatementClaim{
			Speaker: sp.bestForm(), Text: d.text[s.toks[v+1].span.Start:s.toks[e-1].span.End], Direct: false,
			Date: d.dateNear(tokPos{s, v}), Evidence: []graph.Evidence{s.evidence()},
		})
		usedVerb[tokPos{s, v}] = true
		return
	}
}

// relativeBefore reports whether a relative "who" or "which" stands at
// most two words before token v of s.
func relativeBefore(s *sent, v int) bool {
	for k := v - 1; k >= 0 && k >= v-3; k-- {
		if w := s.toks[k].low; w == "who" || w == "which" {
			return true
		}
	}
	return false
}

// callParticles after "called" make it another verb: "called for",
// "called on", "called off", "called in".
var callParticles = set("for on off upon in out up back at to")

// timeNouns name a time: "called B the next day" is no naming.
var timeNouns = set("day days week weeks month months year years morning afternoon evening night weekend time " +
	"monday tuesday wednesday thursday friday saturday sunday")

// paragraphs groups the sentences by paragraph.
func (d *doc) paragraphs() [][]*sent {
	var out [][]*sent
	for _, s := range d.sents {
		if d.expired() {
			return nil
		}
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
// direction, straight quotes by alternation. A quote still open at the end
// of the paragraph runs on.
func (d *doc) quotes(para []*sent) []*quote {
	var out []*quote
	var open, single *tokPos
	for _, s := range para {
		skip := -1
		for i, t := range s.toks {
			if i == skip {
				continue
			}
			if open != nil && twoApostrophes(s, i) {
				// “…'' or "…'': two apostrophes, as typewritten text
				// and some wire feeds close a double quotation.
				out = append(out, &quote{open: *open, close: tokPos{s, i}})
				open, skip = nil, i+1
				continue
			}
			if open == nil && (t.text == "'" || t.text == "\u2018" || t.text == "\u2019") {
				// Single quotation marks, as some outlets write all quotes:
				// 'A,' X said. They pair only outside double quotes, open
				// before a word after a space, and close right after the
				// punctuation that ends the quoted clause, so apostrophes
				// ("the players' union") and scare quotes stay out.
				switch {
				case single == nil && t.text != "\u2019" && singleOpens(s, i):
					single = &tokPos{s, i}
				case single != nil && t.text != "\u2018" && (singleCloses(s, i) || curlyCloses(*single, s, i)):
					out = append(out, &quote{open: *single, close: tokPos{s, i}})
					single = nil
				}
				continue
			}
			switch t.text {
			case "\u201c":
				if open == nil {
					open = &tokPos{s, i}
				}
			case "\u201d":
				if open != nil {
					out = append(out, &quote{open: *open, close: tokPos{s, i}})
					open = nil
				}
			case "\"":
				if open == nil {
					open = &tokPos{s, i}
				} else {
					out = append(out, &quote{open: *open, close: tokPos{s, i}})
					open = nil
				}
			}
		}
	}
	if open != nil {
		last := para[len(para)-1]
		out = append(out, &quote{open: *open, close: tokPos{last, len(last.toks)}, runsOn: true})
	}
	return out
}

// insideEarlierQuote reports whether token v of s stands inside a quote
// that opened in an earlier sentence ("“… In fact, he said he would come.”"
// is the quoted speaker's words, not the narrator's report).
func (d *doc) insideEarlierQuote(s *sent, v int) bool {
	qt := d.quoteOf[s]
	return qt != nil && qt.open.s.i < s.i && (qt.close.s.i > s.i || v < qt.close.i)
}

// reportBeforeQuote reports whether a speech or cue verb stands in the
// sentence before the quote opening at p: "He hailed B as a “…”" is his.
func reportBeforeQuote(p tokPos) bool {
	for k := 0; k < p.i; k++ {
		if w := p.s.toks[k].low; speechVerbs[w] || cueVerbs[w] || quoteVerbs[w] {
			return true
		}
	}
	return false
}

// twoApostrophes reports whether tokens i and i+1 of s are two straight
// apostrophes written together right after a word or punctuation: a
// closing double quotation mark typed on a keyboard without one.
func twoApostrophes(s *sent, i int) bool {
	if i <= 0 || i+1 >= len(s.toks) || s.toks[i].text != "'" || s.toks[i+1].text != "'" {
		return false
	}
	return s.toks[i+1].span.Start == s.toks[i].span.End && s.toks[i-1].span.End == s.toks[i].span.Start
}

// singleOpens reports whether the single quotation mark at i of s opens a
// quote: at the start or after a space, and right before a word.
func singleOpens(s *sent, i int) bool {
	if i+1 >= len(s.toks) || s.toks[i+1].kind != text.Word || s.toks[i+1].span.Start != s.toks[i].span.End {
		return false
	}
	return i == 0 || s.toks[i-1].span.End < s.toks[i].span.Start
}

// curlyCloses reports whether the right single quotation mark at i of s
// closes the quote that the left one at open opened, in the British style
// that sets the punctuation outside: "‘… a long talk’, the palace said",
// "he quipped ‘… a king’." A left mark is never an apostrophe, so the
// closing one may follow a word, when a punctuation mark or the sentence's
// end comes right after it ("the players’ union" goes on with a word).
func curlyCloses(open tokPos, s *sent, i int) bool {
	if open.s.toks[open.i].text != "\u2018" || s.toks[i].text != "\u2019" || i == 0 || s.toks[i-1].kind != text.Word || s.toks[i-1].span.End != s.toks[i].span.Start {
		return false
	}
	if i+1 >= len(s.toks) {
		return true
	}
	switch s.toks[i+1].low {
	case ",", ".", ";", ":", "?", "!":
		return true
	}
	return false
}

// singleCloses reports whether the single quotation mark at i of s closes a
// quote: right after a comma or a sentence's end mark, and not right
// before a word.
func singleCloses(s *sent, i int) bool {
	if i == 0 || s.toks[i-1].span.End != s.toks[i].span.Start {
		return false
	}
	switch s.toks[i-1].low {
	case ",", ".", "?", "!":
	default:
		return false
	}
	return i+1 >= len(s.toks) || s.toks[i+1].kind != text.Word || s.toks[i+1].span.Start > s.toks[i].span.End
}

// attributionAfter reads ", A said" / ", said A" / "A told reporters" /
// "media reported him saying" right after a closing quote.
// attribution finds the speaker of a quote opening at open and closing at
// close: after it (unless it runs on past its paragraph), else before it,
// else in the paragraph above.
func (d *doc) attribution(open, close tokPos, runsOn bool) (*entity, tokPos, bool) {
	if !runsOn {
		if e, verb, ok := d.attributionAfter(close); ok {
			return e, verb, true
		}
		if e, verb, ok := d.attributionNext(open, close); ok {
			return e, verb, true
		}
	}
	if e, verb, ok := d.attributionBefore(open); ok {
		return e, verb, true
	}
	return d.attributionAbove(open)
}

func (d *doc) attributionAfter(p tokPos) (*entity, tokPos, bool) {
	s := p.s
	i := p.i + 1
	if twoApostrophes(s, p.i) {
		i++
	}
	// "“...”: A" (a headline or caption naming the speaker after a colon).
	if i+1 < len(s.toks) && s.toks[i].low == ":" {
		if r := d.personAt(s, i+1); r.kind == refName && r.ent != nil && d.onlyAdverbials(s, r.end, true) {
			return r.ent, tokPos{s, i}, true
		}
	}
	// The quote must end a clause: its last word is followed by , ? ! or .
	// (or the quote by a comma or a dash: "“…” — A said").
	if p.i > 0 {
		prev := s.toks[p.i-1].low
		if prev != "," && prev != "?" && prev != "!" && prev != "." && (i >= len(s.toks) || s.toks[i].low != "," && !dashes[s.toks[i].low] && !speechVerbs[s.toks[i].low]) {
			return nil, tokPos{}, false
		}
	}
	if i < len(s.toks) && (s.toks[i].low == "," || dashes[s.toks[i].low]) {
		i++
	}
	// "“…,” per A" (PARC's "per" cue).
	if i+1 < len(s.toks) && s.toks[i].low == "per" {
		if r := d.personAfterTitle(s, i+1); r.kind != refNone && r.ent != nil {
			return r.ent, tokPos{s, i}, true
		}
	}
	end := min(len(s.toks), i+16)
	for k := i; k < end; k++ {
		t := s.toks[k]
		if t.kind == text.Quote || t.low == "." || t.low == ";" {
			break
		}
		if k == i && (t.low == "which" || t.low == "what") {
			break // "“…,” which is …": a clause about the quote, not its speaker
		}
		if k == i && contrastWords[t.low] {
			break // "A said “…”, while B noted “…”": B speaks the next quote
		}
		if (speechVerbs[t.low] || quoteVerbs[t.low] || writtenRead(s, k) || putIt(s, k)) && !mediaVerbs[t.low] {
			// "“…,” A told B": the person after an object verb is the
			// hearer; the speaker stands before it.
			if objectVerbs[t.low] {
				if sp, start, ok := d.speakerBefore(s, k); ok && start >= i {
					return sp, tokPos{s, k}, true
				}
			}
			// "said A" / "said the minister" / "said Prime Minister A";
			// "said he" only inverted, not opening reported words ("…”,
			// said she would …").
			if r := d.personAfterTitle(s, k+1); r.kind != refNone && (r.kind != refPronoun || d.onlyAdverbials(s, r.end, false)) {
				return r.ent, tokPos{s, k}, true
			}
			// "“…,” he said": the last one reported speaking, if that is
			// someone of the pronoun's gender.
			if k-1 >= i && pronouns[s.toks[k-1].low] {
				if sp := d.recentSpeaker(s, p.i, s.toks[k-1].low); sp != nil {
					return sp, tokPos{s, k}, true
				}
			}
			// "A said", "A, the minister, said", "A told reporters"
			if sp, start, ok := d.speakerBefore(s, k); ok && start >= i {
				return sp, tokPos{s, k}, true
			}
			// "“…,” said he" inverted; in "…”, said she would …" the
			// pronoun opens reported words of the verb's own.
			if k+2 < len(s.toks) && pronouns[s.toks[k+1].low] && d.onlyAdverbials(s, k+2, false) {
				return d.antecedent(s, k+1), tokPos{s, k}, true
			}
		}
		if (t.low == "him" || t.low == "her") && k+1 < len(s.toks) && (s.toks[k+1].low == "saying" || s.toks[k+1].low == "as") {
			return d.antecedent(s, k), tokPos{s, k}, true
		}
		if (t.low == "quoted" || t.low == "cited") && k+1 < len(s.toks) {
			// "“…,” the office quoted A as saying": A's words.
			if r := d.personAt(s, k+1); r.kind == refName && r.ent != nil && r.end+1 < len(s.toks) && s.toks[r.end].low == "as" && s.toks[r.end+1].low == "saying" {
				return r.ent, tokPos{s, k}, true
			}
		}
	}
	return nil, tokPos{}, false
}

// ownVerbAfter reports whether a speech verb stands right after the quote
// closing at p, at most eight words on past a comma: "“…,” said B",
// "“…,” a spokesman for A said".
func ownVerbAfter(p tokPos) bool {
	s := p.s
	i := p.i + 1
	if i >= len(s.toks) || s.toks[i].low != "," && (p.i == 0 || s.toks[p.i-1].low != ",") {
		return false
	}
	if s.toks[i].low == "," {
		i++
	}
	for k := i; k < len(s.toks) && k <= i+8; k++ {
		t := s.toks[k]
		if t.kind == text.Quote || t.low == "." || t.low == ";" {
			return false
		}
		if (speechVerbs[t.low] || quoteVerbs[t.low]) && !mediaVerbs[t.low] {
			return true
		}
	}
	return false
}

// dashes set off an attribution after a quote: "“…” — A said".
var dashes = set("\u2014 \u2013 -")

// attributionNext reads the attribution of a quote ending in a question or
// exclamation mark (or a full stop, when the quote opens its sentence)
// that the sentence splitter put into a sentence of its own: "“Are you
// ready?” A asked B." The next sentence of the paragraph
// must hold only the attribution: the speaker, the verb, a hearer and
// adverbials.
func (d *doc) attributionNext(open, close tokPos) (*entity, tokPos, bool) {
	s := close.s
	if close.i == 0 || close.i != len(s.toks)-1 || s.i+1 >= len(d.sents) {
		return nil, tokPos{}, false
	}
	stop := false
	switch w := s.toks[close.i-1].low; {
	case w == "?" || w == "!":
	case w == "." && open.i == 0:
		// "“… for the region.” A said at the end of the meeting.": a
		// full stop where a comma belongs, after a quote that is all
		// of its sentences and that nothing before attributes.
		if _, _, ok := d.attributionBefore(open); ok {
			return nil, tokPos{}, false
		}
		if _, _, ok := d.attributionAbove(open); ok {
			return nil, tokPos{}, false
		}
		stop = true
	default:
		return nil, tokPos{}, false
	}
	n := d.sents[s.i+1]
	if n.para != s.para || !n.body() || len(n.toks) > 14 || n.toks[0].kind == text.Quote {
		return nil, tokPos{}, false
	}
	e, verb, ok := d.attributionAfter(tokPos{n, -1})
	if !ok || verb.s != n || !d.onlyAdverbials(n, verb.i+1, true) && d.personAfterTitle(n, verb.i+1).kind == refNone {
		return nil, tokPos{}, false
	}
	if w := n.toks[verb.i].low; stop && (thatVerbs[w] || quoteVerbs[w]) {
		return nil, tokPos{}, false // "“…” B agreed.": a reply, not an attribution
	}
	return e, verb, true
}

// putIt reports whether token k of s is the "put" of "as A put it", a
// cue that attributes the quote beside it to A.
func putIt(s *sent, k int) bool {
	return k >= 2 && k+1 < len(s.toks) && s.toks[k].low == "put" && s.toks[k+1].low == "it" && s.toks[k-2].low == "as"
}

// wordsOf reads "in the words of A" whose "of" is at j of s.
func wordsOf(d *doc, s *sent, j int) ref {
	if j < 2 || j+1 >= len(s.toks) || s.toks[j].low != "of" || s.toks[j-1].low != "words" || s.toks[j-2].low != "the" {
		return ref{}
	}
	return d.personAt(s, j+1)
}

// writtenRead reports whether token k of s is "read" with a written
// statement as its subject: "“…,” it read", "the statement reads".
func writtenRead(s *sent, k int) bool {
	if k < 1 || s.toks[k].low != "read" && s.toks[k].low != "reads" {
		return false
	}
	w := s.toks[k-1].low
	return w == "it" || statementNouns[w]
}

// attributionBefore reads "A said: “...”", "A told reporters, “...”" and
// "A told reporters in Lima: “...”".
func (d *doc) attributionBefore(p tokPos) (*entity, tokPos, bool) {
	s := p.s
	k := p.i - 1
	if k < 0 {
		return nil, tokPos{}, false
	}
	window := 2
	if l := s.toks[k].low; l == ":" || l == "," {
		window = 10 // "A said in Lima on Monday: “...”"
	}
	if s.toks[k].low == ":" {
		// "A: “…”": a sentence that is a name, a colon and the quote.
		if r := d.personAt(s, 0); r.kind == refName && r.ent != nil && r.end == k {
			return r.ent, tokPos{s, k}, true
		}
	}
	for k >= 0 && (s.toks[k].low == ":" || s.toks[k].low == "," || s.toks[k].low == "that") {
		k--
	}
	for j := k; j >= 0 && j >= k-window; j-- {
		if s.toks[j].kind == text.Quote || s.toks[j].low == "." {
			break
		}
		if m := madeStatement(s, j); m >= 0 && window > 2 {
			j = m // "A made a statement to B: “…”", "A issued a brief statement:"
		} else if r := wordsOf(d, s, j); r.kind == refName && window > 2 {
			return r.ent, tokPos{s, j}, true // "In the words of A, “…”"
		} else if !speechVerbs[s.toks[j].low] && !quoteVerbs[s.toks[j].low] && !participles[s.toks[j].low] && !putIt(s, j) && heardReport(s, j) < 0 || mediaVerbs[s.toks[j].low] {
			continue
		}
		heard := heardReport(s, j) >= 0
		if window == 2 && p.i-j > 4 {
			return nil, tokPos{}, false
		}
		if sp, start, ok := d.speakerBefore(s, j); ok {
			if w := s.toks[start].low; w == "he" || w == "she" {
				// "Pointing to B, he added: “…”": the one the article has
				// been quoting, as after the quote.
				if rs := d.recentSpeaker(s, start, w); rs != nil {
					sp = rs
				}
			}
			return sp, tokPos{s, j}, true
		}
		if heard {
			return nil, tokPos{}, false // "the crowd could be heard saying": no one named
		}
		if participles[s.toks[j].low] {
			if sp, ok := d.clauseSubject(s, j); ok {
				return sp, tokPos{s, j}, true
			}
		}
		if coordinated(s, j) {
			// "A statement by A welcomed the deal and said it “…”"
			if sp := d.issuedSubject(s); sp != nil {
				return sp, tokPos{s, j}, true
			}
		}
		return nil, tokPos{}, false
	}
	return nil, tokPos{}, false
}

// madeStatement is the position of the verb of "made a (direct)
// statement", "issued a statement", "gave a message" when the noun of such
// a phrase stands at j of s (the support-verb forms of a report), or -1.
func madeStatement(s *sent, j int) int {
	if !statementNouns[s.toks[j].low] && !utteranceNouns[s.toks[j].low] {
		return -1
	}
	for m := j - 1; m >= 0 && m >= j-4; m-- {
		t := s.toks[m]
		if supportVerbs[t.low] {
			return m
		}
		if t.kind != text.Word || t.isCap() {
			return -1
		}
	}
	return -1
}

// supportVerbs make a report with a noun of saying: "made a statement",
// "issued a warning", "delivered a message".
var supportVerbs = set("made makes make issued issues issue gave gives give delivered delivers deliver " +
	"released releases sent sends")

// utteranceNouns name something said, as the object of a support verb.
var utteranceNouns = set("remarks comments message appeal plea warning speech")

// attributionAbove reads an attribution ending the paragraph before a
// quote that opens its paragraph: "A said on Monday:" ¶ “...”.
func (d *doc) attributionAbove(p tokPos) (*entity, tokPos, bool) {
	if p.i != 0 || p.s.i == 0 {
		return nil, tokPos{}, false
	}
	prev := d.sents[p.s.i-1]
	if prev.para == p.s.para || !prev.body() || len(prev.toks) == 0 || prev.toks[len(prev.toks)-1].low != ":" {
		return nil, tokPos{}, false
	}
	return d.attributionBefore(tokPos{prev, len(prev.toks)})
}

// personAfterTitle reads a person written after a speech verb, titles
// and all: "Prime Minister A", "Japanese Economy Minister A", "the minister".
func (d *doc) personAfterTitle(s *sent, i int) ref {
	if r := d.personAt(s, i); r.kind != refNone {
		return r
	}
	for _, m := range s.ments {
		if m.typ == graph.Person && m.title != "" && m.ta == i && m.a > i {
			return ref{ent: m.ent, end: m.b, kind: refName} // the title the mention was read with
		}
	}
	j := i
	if j < len(s.toks) {
		if _, ok := d.x.lex.Demonym(s.toks[j].text); ok && s.toks[j].isCap() {
			j++
		} else if j+1 < len(s.toks) && isPossessive(s.toks, j+1) {
			j += 2
		}
	}
	for j < len(s.toks) && titleModifiers[s.toks[j].low] {
		j++
	}
	if e := d.titleEndingAt(s, j); e > j {
		if r := d.personAt(s, e); r.kind == refName {
			return r
		}
	}
	return ref{}
}

// speakerBefore reads the subject of a speech verb at v: "A said",
// "A further urged", "A, whose ..., told", "A, the minister, said", "the
// minister said". start is the first token of the subject.
func (d *doc) speakerBefore(s *sent, v int) (sp *entity, start int, ok bool) {
	if w := quotedAs(s, v); w >= 0 {
		v = w // "A was quoted (by B) as saying": A's words
	}
	k := v - 1
	if j := goesOnTo(s, v); j >= 0 {
		k = j - 1 // "the statement went on to say", "A continued to insist"
	}
	if j := raisedReport(s, v); j >= 0 {
		k = j - 1 // "A is reported to have said", "A was understood to have told"
	}
	if j := heardReport(s, v); j >= 0 {
		k = j - 1 // "A was heard to tell B", "A could be heard saying"
	}
	aside := false // a comma was passed: only a person may speak across it
	for k >= 0 && (sayAdverbs[s.toks[k].low] || mannerAdverb(s.toks[k])) && !nameEnd(s, k) {
		if s.toks[k].low == "," {
			// Skip a relative clause or an apposition: "A, whose position
			// ..., told", "A, the country's top diplomat, said".
			j, quoted := quotedAsideStart(s, inQuotes(s), k)
			if j >= 1 && j == k-2 && (s.toks[k-1].kind == text.Number || sentenceAdverb(s.toks[k-1])) {
				k = j - 1
				continue // "A, 54, said": an age; "A, however, said"
			}
			if j >= 1 && j+1 < k {
				w := s.toks[j+1].low
				if w == "whose" || w == "who" || w == "which" || !quoted && participleAside(s, j+1, k) {
					k = ageBefore(s, j-1)
					continue // "A, known for …, said": a reduced relative clause
				}
				if quoted {
					aside = true
					k--
					continue
				}
				if ap, ok := d.titlePhrase(s, j+1, false); (ok && ap.end == k) || d.appositiveNP(s, j+1, k) {
					k = ageBefore(s, j-1)
					continue // an organization speaks across its apposition
				}
				if asidePreps[w] && k-j-1 <= 4 {
					k = j - 1 // "A, for his part, said"; "ORG, in a statement, said"
					continue
				}
			}
			aside = true
		}
		k--
	}
	if k >= 2 && s.toks[k].low == "who" && s.toks[k-1].low == "," {
		// "A, who told B that ...": the relative pronoun's antecedent.
		k -= 2
		for j := k; j >= 0 && j >= k-6; j-- {
			if r := d.personAt(s, j); r.kind == refName && r.end == k+1 {
				return r.ent, j, r.ent != nil
			}
		}
		return nil, -1, false
	}
	if k >= 2 && s.toks[k].low == "which" && s.toks[k-1].low == "," {
		// "… by ORG, which said …": an organization as the antecedent.
		for _, m := range s.ments {
			if m.typ == graph.Organization && m.ent != nil && m.b == k-1 {
				return m.ent, m.a, true
			}
		}
		return nil, -1, false
	}
	if k >= 1 && s.toks[k-1].low == "the" && s.toks[k].isCap() && mentionOver(s, k) == nil {
		// "the Peruvian said": the one person the article gives a role
		// in that country ("the Vatican said" is the place speaking).
		_, place := d.x.lex.Place(s.toks[k].text)
		if c, ok := d.x.lex.Demonym(s.toks[k].text); ok && !place {
			if e := d.onlyPersonOf(c); e != nil {
				return e, k - 1, true
			}
		}
	}
	if age, j := ageEpithet(s, k); j >= 0 {
		// "the 54-year-old (minister) said": the person the article
		// gives that age, if only one; no one if several are.
		e, n := d.personAged(age)
		if n == 1 {
			return e, j, true
		}
		// No one is given that age: the description refers back to the
		// subject of the sentence before ("A met survivors. … the
		// 34-year-old said").
		if n == 0 && s.i > 0 {
			if e := d.leadSubject(d.sents[s.i-1]); e != nil && d.sents[s.i-1].body() && !d.agedOtherwise(e, age) {
				return e, j, true
			}
		}
		return nil, -1, false
	}
	for j := k; j >= 0 && j >= k-6; j-- {
		r := d.personAt(s, j)
		if r.kind != refNone && r.end == k+1 {
			if r.ent == nil && spokesHeads[s.toks[k].low] {
				break // "a company spokesperson said": no one named
			}
			return r.ent, j, r.ent != nil
		}
	}
	if !aside {
		if e, j := d.orgRoleBefore(s, k); e != nil {
			return e, j, true // "the company's chief executive said"
		}
		if e, j := d.describedBefore(s, k); e != nil {
			return e, j, true // "the former boxer said" after "boxer A"
		}
	}
	// A spokesperson no one names speaks for the organization: "a ORG
	// spokesperson said", "the ministry's spokesman said", "a company
	// spokeswoman said".
	if k >= 1 && spokesHeads[s.toks[k].low] && !aside {
		if m := orgBeforeHead(s, k); m != nil {
			return m.ent, m.a, true
		}
		e := k
		if isPossessive(s.toks, e-1) {
			e--
		}
		// The name the tagger left untagged here, of an organization
		// the article names elsewhere: one or two capitalized words.
		for a := e - 1; a >= 0 && a >= e-2 && s.toks[a].isCap(); a-- {
			if org := d.entityNamed(graph.Organization, d.text[s.toks[a].span.Start:s.toks[e-1].span.End]); org != nil {
				return org, a, true
			}
		}
		if j := k - 1; j >= 1 && backHeads[s.toks[j].low] && (s.toks[j-1].low == "a" || s.toks[j-1].low == "the") {
			if org := d.lastOrgHeaded(s, j-1, s.toks[j].low); org != nil {
				return org, j - 1, true
			}
		}
	}
	// "“…,” it read", "…, it said": the statement named just before speaks
	// for its issuer.
	if k >= 0 && s.toks[k].low == "it" && !aside {
		if is := d.statementIssuer(s, k); is != nil {
			return is, k, true
		}
	}
	// "…, the report said": the report of the outlet that reported last.
	if k >= 1 && s.toks[k].low == "report" && s.toks[k-1].low == "the" && !aside {
		if o := d.lastReporter(s, k-1); o != nil {
			return o, k - 1, true
		}
	}
	// A statement speaks for its author: "the ministry's statement said",
	// "a Kremlin readout said".
	if k >= 1 && statementNouns[s.toks[k].low] && !aside {
		if m := orgBeforeHead(s, k); m != nil {
			return m.ent, m.a, true
		}
		// "the statement said": the statement named before, by its issuer.
		if j := definiteStart(s, k); j >= 0 {
			if is := d.statementIssuer(s, j); is != nil {
				return is, j, true
			}
		}
	}
	// An organization speaks too: "Xinhua reported", "the North's official
	// KCNA news agency said"; so does a seat of power standing for its
	// government: "the Kremlin said", "the Vatican said".
	e := k + 1
	for e > 0 && outletHeads[s.toks[e-1].low] {
		e--
	}
	for _, m := range s.ments {
		if !aside && (m.typ == graph.Organization || d.isSeat(m)) && (m.b == k+1 || m.b == e) && m.ent != nil {
			start := m.a
			if start > 0 && s.toks[start-1].low == "the" {
				start--
			}
			return m.ent, start, true
		}
	}
	// "the ministry said", "the company said": the organization of that
	// kind named last before.
	if k >= 1 && !aside && s.toks[k-1].low == "the" && backHeads[s.toks[k].low] {
		if e := d.lastOrgHeaded(s, k-1, s.toks[k].low); e != nil {
			return e, k - 1, true
		}
	}
	return nil, -1, false
}

// maxQuotedDescription is how many tokens "quoted" may stand before the
// name it quotes: a description and its comma ("quoted the state power
// company's director, A, as saying") fit in eight; further back the verb
// is seldom the one quoting A.
const maxQuotedDescription = 8

// quotedPerson reads the active "B quoted A as saying", "B cited A as
// saying" with the participle at v, and returns A's mention, or nil.
func (d *doc) quotedPerson(s *sent, v int) *mention {
	if s.toks[v].low != "saying" || v < 4 || s.toks[v-1].low != "as" {
		return nil
	}
	end := v - 1
	if s.toks[end-1].low == "," {
		end-- // "quoted the director, A, as saying"
	}
	m := d.personMentionBefore(s, end)
	if m == nil || m.ent == nil {
		return nil
	}
	a := m.start()
	// The verb right before the name, or before its description and a
	// comma ("quoted the plant's director, A, as").
	for k := a - 1; k >= 0 && k >= a-maxQuotedDescription; k-- {
		switch t := s.toks[k]; {
		case t.low == "quoted" || t.low == "cited":
			if k == a-1 || end < v-1 {
				return m
			}
			return nil
		case t.kind != text.Word && t.low != "," || k < a-1 && end == v-1:
			return nil
		}
	}
	return nil
}

// quotedAsideStart is the comma (or the token before the sentence) that
// opens the aside ending at the comma k, read back at most 25 tokens; an
// aside may quote words ("A, who called the talks “very good”, said"),
// which it steps over, and then quoted is true. Another quotation mark
// ends the aside where it stands. q is inQuotes(s).
func quotedAsideStart(s *sent, q []bool, k int) (j int, quoted bool) {
	j = k - 1
	for j >= 0 && s.toks[j].low != "," && j > k-25 {
		if s.toks[j].kind == text.Quote {
			o := quoteOpening(s, q, j)
			if o < 0 || o <= k-25 {
				return j, false
			}
			j, quoted = o-1, true
			continue
		}
		j--
	}
	return j, quoted
}

// quoteOpening is the mark that opens the quotation the mark at token j of
// s closes, or -1 when j closes none. Double marks, straight or curly,
// pair as inQuotes (q) reads them; single curly ones (‘…’), which
// inQuotes leaves alone since ’ is also an apostrophe, pair with the
// nearest ‘ before, no other mark between.
func quoteOpening(s *sent, q []bool, j int) int {
	if j >= 1 && q[j-1] && !q[j] {
		o := j - 1
		for o >= 0 && q[o] {
			o--
		}
		if o >= 0 && s.toks[o].kind == text.Quote {
			return o
		}
		return -1
	}
	if s.toks[j].text != "\u2019" {
		return -1
	}
	for o := j - 1; o >= 0; o-- {
		if s.toks[o].kind == text.Quote {
			if s.toks[o].text == "\u2018" {
				return o
			}
			return -1
		}
	}
	return -1
}

// ageBefore is the token before an age set off by commas that ends at k
// ("A, 52, a former journalist, said": k at 52, the result at A's end), or
// k itself.
func ageBefore(s *sent, k int) int {
	if k >= 2 && s.toks[k].kind == text.Number && s.toks[k-1].low == "," {
		return k - 2
	}
	return k
}

// onlyPersonOf is the one person of the article with a role in country
// c, or nil when none or several.
func (d *doc) onlyPersonOf(c string) *entity {
	var found *entity
	add := func(e *entity) bool {
		if found != nil && found != e {
			return false
		}
		found = e
		return true
	}
	for _, e := range d.ents {
		if e.typ != graph.Person || len(e.ments) == 0 {
			continue
		}
		for _, r := range e.roles {
			if r.country == c && !add(e) {
				return nil
			}
		}
		// "Peruvian tennis player A": the demonym before the description.
		for _, m := range e.ments {
			for k := m.a - 1; k >= 0 && k >= m.a-4; k-- {
				t := m.s.toks[k]
				if t.isCap() {
					if dc, ok := d.x.lex.Demonym(t.text); ok && dc == c && !add(e) {
						return nil
					}
					if k < m.a-1 {
						break
					}
					continue // a capitalized title: "Swedish Champion A"
				}
				if t.kind != text.Word {
					break
				}
			}
		}
	}
	return found
}

// ageEpithet reads "the 54-year-old" or "the 54-year-old minister" ending
// at token k of s and returns the age and the position of "the", or -1.
func ageEpithet(s *sent, k int) (string, int) {
	e := k
	if e >= 0 && s.toks[e].low != "year-old" && s.toks[e].kind == text.Word && !s.toks[e].isCap() {
		e-- // the noun after the age: "the 54-year-old leader"
	}
	if !theYearOld(s.toks, e-3) {
		return "", -1
	}
	return s.toks[e-2].low, e - 3
}

// ageOf is the age the text gives a person mention, as written: "A, 54,"
// (or "A, 54." ending the sentence) or "54-year-old A"; "" when none.
func ageOf(m *mention) string {
	toks := m.s.toks
	if m.b+2 < len(toks) && toks[m.b].low == "," && toks[m.b+1].kind == text.Number && len(toks[m.b+1].low) <= 3 &&
		(toks[m.b+2].low == "," || toks[m.b+2].low == "." && m.b+3 == len(toks)) {
		return toks[m.b+1].low
	}
	if m.a >= 3 && toks[m.a-1].low == "year-old" && toks[m.a-2].low == "-" && toks[m.a-3].kind == text.Number {
		return toks[m.a-3].low
	}
	return ""
}

// agedOtherwise reports whether the article gives e an age other than n
// ("A, 52," then "the 34-year-old").
func (d *doc) agedOtherwise(e *entity, n string) bool {
	for _, m := range e.ments {
		if a := ageOf(m); a != "" && a != n {
			return true
		}
	}
	return false
}

// personAged is the person the article gives the age written as n ("A,
// 54, …", "54-year-old A") and how many people it gives that age: the
// person only when n is 1 (0: no one; 2: several, the person nil).
func (d *doc) personAged(n string) (*entity, int) {
	var found *entity
	for _, s := range d.sents {
		for _, m := range s.ments {
			if m.typ != graph.Person || m.ent == nil || ageOf(m) != n {
				continue
			}
			if found != nil && found != m.ent {
				return nil, 2
			}
			found = m.ent
		}
	}
	if found == nil {
		return nil, 0
	}
	return found, 1
}

// spokesHeads name one who speaks for an organization.
var spokesHeads = set("spokesperson spokesman spokeswoman spokespeople spokespersons spokesmen spokeswomen representative")

// backHeads are the head nouns by which news refers back to an
// organization it has named: "the ministry", "the company".
var backHeads = set("ministry embassy agency company firm group bank government department commission council " +
	"office federation association union party committee court university foundation organisation organization " +
	"fund institute authority board service")

// lastOrgHeaded is the organization named last before token i of s (in s
// and the ten sentences before it) whose name has the word head, or nil.
func (d *doc) lastOrgHeaded(s *sent, i int, head string) *entity {
	for back := 0; back <= 10 && s.i-back >= 0; back++ {
		p := d.sents[s.i-back]
		for j := len(p.ments) - 1; j >= 0; j-- {
			m := p.ments[j]
			if m.ent == nil || m.typ != graph.Organization || back == 0 && m.a >= i {
				continue
			}
			for _, w := range strings.Fields(strings.ToLower(m.ent.name)) {
				if w == head || head == "organization" && w == "organisation" {
					return m.ent
				}
			}
		}
	}
	return nil
}

// clauseSubject is the speaker of a participle at v that follows its main
// clause: the first person the sentence names before it, outside quotes
// ("A spoke to reporters, adding ...", "On arrival, A was heard telling
// them: ..."). The participle must follow a comma or another verb form.
func (d *doc) clauseSubject(s *sent, v int) (*entity, bool) {
	if v >= 2 && s.toks[v-1].low == "," && speechVerbs[s.toks[v-2].low] {
		// "A said, describing ...": the participle goes with that verb.
		if sp, _, ok := d.speakerBefore(s, v-2); ok {
			return sp, true
		}
	}
	q := inQuotes(s)
	for k := 0; k < v; k++ {
		if q[k] || s.toks[k].kind == text.Quote || possessives[s.toks[k].low] {
			continue // "On her way in, A said": a possessive is no subject
		}
		if r := d.personAt(s, k); r.kind != refNone {
			if prepObject(s, k) {
				k = r.end - 1 // "contacts between A and B": no subject
				continue
			}
			if r.ent == nil && r.kind == refRole && r.end+1 < len(s.toks) && s.toks[r.end].low == "," {
				if n := d.personAt(s, r.end+1); n.kind == refName && n.ent != nil {
					return n.ent, true // "The country's prime minister, A, …": the apposition names the role
				}
			}
			return r.ent, r.ent != nil
		}
	}
	return nil, false
}

// objectPreps govern a noun phrase that is no clause's subject.
var objectPreps = set("between with of for against to from about by among into than toward towards")

// prepObject reports whether the noun phrase at token k of s is a
// preposition's object: one of objectPreps stands before it, with at most
// two lowercase words (an article, an adjective) between.
func prepObject(s *sent, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		t := s.toks[j]
		if objectPreps[t.low] {
			return true
		}
		if t.kind != text.Word || t.isCap() {
			return false
		}
	}
	return false
}

// coordinated reports whether the speech verb at v is the second of two
// predicates sharing a subject: "... and said", "... but also warned".
func coordinated(s *sent, v int) bool {
	k := v - 1
	for k >= 0 && s.toks[k].low != "," && sayAdverbs[s.toks[k].low] {
		k--
	}
	return k >= 1 && (s.toks[k].low == "and" || s.toks[k].low == "but")
}

// nameEnd reports whether token k of s is a capitalized word going on from
// the one before it, the end of a name rather than an adverb ("Lee Min
// In said", not "in addition").
func nameEnd(s *sent, k int) bool {
	return k > 0 && s.toks[k].isCap() && s.toks[k-1].isCap() && s.toks[k-1].kind == text.Word
}

// goesOnTo is where "went on to" or "continued to" starts when it stands
// right before the speech verb at v ("A went on to say …"), or -1.
func goesOnTo(s *sent, v int) int {
	if v < 3 || s.toks[v-1].low != "to" {
		return -1
	}
	switch w := s.toks[v-2].low; {
	case continueVerbs[w]:
		return v - 2
	case w == "on" && goVerbs[s.toks[v-3].low]:
		return v - 3
	}
	return -1
}

// raisedReport is where a passive report verb raised over its subject
// stands before the speech verb at v: "A is reported to have said", "A
// was said to have told" (the position of "is"), or -1.
func raisedReport(s *sent, v int) int {
	if v < 5 || s.toks[v-1].low != "have" || s.toks[v-2].low != "to" || !raisingVerbs[s.toks[v-3].low] {
		return -1
	}
	switch s.toks[v-4].low {
	case "is", "was", "are", "were":
		return v - 4
	}
	return -1
}

// heardVerbs report speech in the passive of perception: "A was heard to
// tell B that “…”", "A could be heard saying “…”", "A was overheard
// telling B, “…”".
var heardVerbs = set("say tell respond reply remark ask add saying telling responding replying remarking asking adding")

// heardReport is where the passive of perception before the speech verb at
// v starts ("was heard to", "could be heard", "was overheard"), or -1.
func heardReport(s *sent, v int) int {
	if !heardVerbs[s.toks[v].low] {
		return -1
	}
	h := v - 1
	if !strings.HasSuffix(s.toks[v].low, "ing") {
		if h < 1 || s.toks[h].low != "to" {
			return -1
		}
		h--
	}
	if h < 1 || s.toks[h].low != "heard" && s.toks[h].low != "overheard" {
		return -1
	}
	switch s.toks[h-1].low {
	case "was", "were", "is", "are":
		return h - 1
	case "be", "been":
		if h >= 3 && finiteWords[s.toks[h-2].low] {
			return h - 2 // "could be heard", "has been heard"
		}
	}
	return -1
}

var raisingVerbs = set("reported said understood believed thought known alleged claimed")

// mannerAdverb reports whether t is an adverb in -ly that may stand
// between a speaker and the verb: "A reportedly said", "A publicly urged".
func mannerAdverb(t tok) bool {
	return t.kind == text.Word && !t.isCap() && len(t.low) > 4 && strings.HasSuffix(t.low, "ly") && !lyNouns[t.low]
}

// lyNouns end in -ly but are no adverbs: "the family said".
var lyNouns = set("family rally ally supply assembly monopoly anomaly bully tally homily")

var continueVerbs = set("continued continues proceeded proceeds")

var goVerbs = set("went goes go going")

// issuedSubject is the issuer of the statement that opens s as its
// subject, "A statement released by A called … and said …", or nil.
func (d *doc) issuedSubject(s *sent) *entity {
	k := 0
	if len(s.toks) > 1 && (s.toks[0].low == "a" || s.toks[0].low == "the" || s.toks[0].low == "an") {
		k = 1
	}
	if k < len(s.toks) && (s.toks[k].low == "joint" || s.toks[k].low == "written") {
		k++
	}
	if k >= len(s.toks) || !statementNouns[s.toks[k].low] {
		return nil
	}
	if e := d.issuerAt(s, k); e != nil {
		return e
	}
	if s.toks[0].low == "the" {
		return d.statementIssuer(s, 0)
	}
	return nil
}

// possessives are pronouns that never stand as a clause's subject.
var possessives = set("his her their its")

// appositiveNP reports whether tokens [a, b) read as an apposition that is
// no title: "an economist at the central bank", "the group's
// founder and a former judge".
func (d *doc) appositiveNP(s *sent, a, b int) bool {
	if a >= b || b-a > 15 {
		return false
	}
	switch s.toks[a].low {
	case "a", "an", "the", "its", "his", "her", "their", "one":
	default:
		return false
	}
	for k := a; k < b; k++ {
		t := s.toks[k]
		if t.kind == text.Quote || speechVerbs[t.low] || t.low == ";" {
			return false
		}
		// "an agency that also runs the port" is a relative clause of the
		// apposition; "the minister that ..." right after the article is not.
		if t.low == "that" && k <= a+1 {
			return false
		}
	}
	return true
}

// quoteText is the quoted text between the marks and its sentences.
func (d *doc) quoteText(q quote) (string, []graph.Evidence) {
	start := q.open.s.toks[q.open.i].span.End
	var end int
	if q.close.i < len(q.close.s.toks) {
		end = q.close.s.toks[q.close.i].span.Start
	} else {
		end = q.close.s.toks[len(q.close.s.toks)-1].span.End
	}
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
func (d *doc) reported(s *sent, usedVerb map[tokPos]bool, byVerb map[tokPos]int) {
	q := inQuotes(s)
	for v, t := range s.toks {
		thatNext := v+1 < len(s.toks) && s.toks[v+1].low == "that"
		// ", saying the talks went well": a participle after a comma
		// reports words when a clause follows it, with "that" or without.
		partClause := participles[t.low] && participleOpens(s, v) && participleClause(s, v)
		clear := madeClear(s, v) // "A made it clear that …": the "that" after "clear"
		// "A was quoted as saying (that) …", "…, A was quoted as saying by B."
		var quoted *mention // "B quoted A as saying …": A
		if t.low == "saying" {
			quoted = d.quotedPerson(s, v)
		}
		quotedSaying := t.low == "saying" && (quotedAs(s, v) >= 0 || quoted != nil) &&
			(participleClause(s, v) || d.onlyAdverbials(s, v+1, v+1 < len(s.toks) && s.toks[v+1].low == "by"))
		if !speechVerbs[t.low] && !participles[t.low] && clear < 0 || q[v] || usedVerb[tokPos{s, v}] || t.low == "saying" && !thatNext && !partClause && !quotedSaying || d.insideEarlierQuote(s, v) {
			continue
		}
		stance := -1 // "expressed confidence that …": the "that" after the stance noun
		if t.low == "expressed" || t.low == "voiced" {
			if stance = stanceThat(s, v+1); stance < 0 {
				continue // "expressed his thanks": no said words
			}
		}
		if t.low == "described" {
			continue
		}
		if participles[t.low] && !thatNext && !partClause && !quotedSaying || objectFirst[t.low] && !thatNext && !adverbialThat(s, v+1) && !postPosed(s, v) {
			continue // "posted a photo", "emphasizing their cooperation": no said words
		}
		sp, start, ok := d.speakerBefore(s, v)
		if m := quoted; m != nil {
			sp, start, ok = m.ent, m.a, true // "B quoted A as saying …": A's words
		}
		var co []*entity // "A and B said …": the other speakers of a coordinated subject
		if ok {
			co = d.coordinatedSpeakers(s, start)
		} else if ps, at := d.pluralSpeakers(s, v); len(ps) > 1 && !d.accordingBefore(s, at) {
			// "The two leaders said …": the two who met or were named last.
			sp, start, ok, co = ps[len(ps)-1], at, true, ps[:len(ps)-1]
		}
		if w := s.toks[max(v-1, 0)].low; !ok && v >= 1 && (w == "he" || w == "she") {
			// "She said …" when no name is near: the one the article
			// has been quoting, if the gender agrees.
			if rs := d.recentSpeaker(s, v-1, w); rs != nil {
				sp, start, ok = rs, v-1, true
			}
		}
		if ok && (s.toks[start].low == "he" || s.toks[start].low == "she") {
			// "A said … ¶ He said …": a pronoun speaking right after a
			// sentence that reports someone's words goes on with that
			// speaker, if the gender agrees, rather than with the person
			// that sentence names first.
			if rs := d.lastSpeakerBefore(s, start, s.toks[start].low); rs != nil {
				sp, co = rs, nil
			}
		}
		if p := v - 1; p >= 1 && pronouns[s.toks[p].low] && s.toks[p-1].low == "," && d.onlyAdverbials(s, v+1, objectVerbs[t.low]) {
			// "B will host the Norwegian leader, she said": she is none of
			// the people her words are about.
			sp, co = d.earlierSubject(s, s.toks[p].low, 0), nil
			start, ok = p, sp != nil
		}
		if !ok && partClause {
			// "A met B, adding that ...": the clause's subject said it.
			if e, found := d.clauseSubject(s, v); found {
				sp, start, ok = e, v, true
			} else if e := d.orgSubject(s); e != nil {
				// "The commission welcomed the deal, saying it would …"
				sp, start, ok = e, v, true
			}
		}
		if !ok && coordinated(s, v) {
			// "A briefed B about the talks and said ...": the first
			// predicate's subject said it.
			if e, found := d.clauseSubject(s, v); found {
				sp, start, ok = e, v, true
			} else if e := d.issuedSubject(s); e != nil {
				sp, start, ok = e, v, true // "A statement by A welcomed … and said …"
			}
		}
		inverted := false
		if !ok && v >= 1 && (s.toks[v-1].low == "," || v >= 2 && s.toks[v-1].kind == text.Quote && s.toks[v-2].low == "," && !q[v-2]) {
			// "..., said Finance Minister A."; "…,” stated the minister"
			// with the opening mark lost.
			if r := d.personAfterTitle(s, v+1); r.kind != refNone && r.ent != nil && (d.onlyAdverbials(s, r.end, false) || d.accordingTail(s, r.end) || d.mannerTail(s, r.end)) {
				sp, start, ok, inverted = r.ent, v, true, true
			}
		}
		if !ok || sp == nil {
			continue
		}
		// Post-posed: "The talks will resume, A said on Monday.", "…, the
		// agency reported, citing B."
		adding := !inverted && partTail(s, v+1) // "…, A told reporters, adding that …"
		if inverted || d.onlyAdverbials(s, v+1, t.low == "told" || t.low == "tells" || quotedSaying && v+1 < len(s.toks) && s.toks[v+1].low == "by") || d.citingTail(s, v+1) || d.mannerTail(s, v+1) || adding {
			if c := d.leadClause(s, start); c >= 4 && !q[0] && !q[c-1] {
				from := s
				if sp.typ == graph.Person && speakerVoice(s, c) {
					from = d.unmarkedQuoteBefore(s)
				}
				txt := d.text[from.toks[0].span.Start:s.toks[c-1].span.End]
				var ev []graph.Evidence
				for j := from.i; j <= s.i; j++ {
					ev = append(ev, d.sents[j].evidence())
				}
				d.statements = append(d.statements, graph.StatementClaim{
					Speaker: sp.bestForm(), Text: txt, Direct: false, Date: d.dateNear(tokPos{s, v}),
					Evidence: ev,
				})
				usedVerb[tokPos{s, v}] = true
				if adding {
					continue // the participle's words, next
				}
				return
			}
		}
		// "The plan, which A said would cost …, was …": the antecedent
		// and the relative clause's predicate are the words.
		if start >= 3 && (s.toks[start-1].low == "which" || s.toks[start-1].low == "that") && s.toks[start-2].low == "," && !q[0] && predicateAt(s, v+1) {
			c := start - 2
			e := v + 1
			for e < len(s.toks) && s.toks[e].low != "," && s.toks[e].low != "." && s.toks[e].kind != text.Quote {
				e++
			}
			if c >= 2 && c <= 8 && e-(v+1) >= 2 && nounPhrase(s, 0, c) {
				txt := d.text[s.toks[0].span.Start:s.toks[c-1].span.End] + " " + d.text[s.toks[v+1].span.Start:s.toks[e-1].span.End]
				d.statements = append(d.statements, graph.StatementClaim{
					Speaker: sp.bestForm(), Text: txt, Direct: false, Date: d.dateNear(tokPos{s, v}),
					Evidence: []graph.Evidence{s.evidence()},
				})
				usedVerb[tokPos{s, v}] = true
				return
			}
		}
		// "Moreover, A said, the talks …": a sentence adverb, the
		// attribution set off by commas, then the words.
		if c := d.leadClause(s, start); c == 1 && sentenceAdverb(s.toks[0]) && v+2 < len(s.toks) && s.toks[v+1].low == "," && !q[v+2] && !inverted {
			e := len(s.toks)
			for e > v+2 && s.toks[e-1].kind == text.Punct {
				e--
			}
			if e-(v+2) >= 4 {
				d.statements = append(d.statements, graph.StatementClaim{
					Speaker: sp.bestForm(), Text: d.text[s.toks[v+2].span.Start:s.toks[e-1].span.End], Direct: false,
					Date: d.dateNear(tokPos{s, v}), Evidence: []graph.Evidence{s.evidence()},
				})
				usedVerb[tokPos{s, v}] = true
				return
			}
		}
		// Parenthetical: "The visit, A said, was the first …", "Spain,
		// A said, will …": the sentence around the attribution.
		if c := d.leadClause(s, start); (c >= 2 || c == 1 && mentionOver(s, 0) != nil) && v+2 < len(s.toks) && s.toks[v+1].low == "," && !q[0] && !inverted {
			e := len(s.toks)
			for e > v+2 && s.toks[e-1].kind == text.Punct {
				e--
			}
			if e-(v+2) >= 3 && !q[v+2] && predicateAt(s, v+2) {
				txt := d.text[s.toks[0].span.Start:s.toks[c-1].span.End] + " " + d.text[s.toks[v+2].span.Start:s.toks[e-1].span.End]
				d.statements = append(d.statements, graph.StatementClaim{
					Speaker: sp.bestForm(), Text: txt, Direct: false, Date: d.dateNear(tokPos{s, v}),
					Evidence: []graph.Evidence{s.evidence()},
				})
				usedVerb[tokPos{s, v}] = true
				return
			}
		}
		a := v + 1
		if stance > 0 {
			a = stance
		}
		if clear > 0 {
			a = clear
		}
		if t.low == "pointed" && a < len(s.toks) && s.toks[a].low == "out" {
			a++
		}
		// "told reporters that", "told B (that)", "told parliament in Lima that"
		if objectVerbs[t.low] {
			if r := d.personAfterTitle(s, a); r.kind != refNone {
				a = r.end
			} else if a < len(s.toks) && hearerWords[s.toks[a].low] {
				a++ // "told reporters", "told them"
			}
			that := false
			for k := a; k < len(s.toks) && k < a+12; k++ {
				if s.toks[k].low == "that" {
					a, that = k, true
					break
				}
				// An aside may come between: "told her, according to a
				// readout, that".
				if s.toks[k].kind != text.Word && s.toks[k].low != "," {
					break
				}
			}
			if !that {
				a = d.hearerPhraseEnd(s, a) // "told a news conference the plan …"
			}
		}
		if a+1 < len(s.toks) && s.toks[a].low == "by" && participles[s.toks[a+1].low] {
			continue // "A responded by saying that …": the participle reports the words
		}
		// "stated on Monday that ...", "said in a statement that ..."
		// "said on Monday that", "said, in English, that"
		inAdverbial := a < len(s.toks) && (adverbialStarts[s.toks[a].low] || s.toks[a].low == "," && a+1 < len(s.toks) && adverbialStarts[s.toks[a+1].low])
		reach := 8
		if inAdverbial && s.toks[a].low != "while" {
			reach = 18 // "said at a joint news conference with B in Lima after the talks that"
		}
		for k := a; k < len(s.toks) && k < a+reach; k++ {
			if s.toks[k].low == "that" {
				if p := s.toks[k-1].low; k-1 > a && (speechVerbs[p] || irregularPast[p] || strings.HasSuffix(p, "ed")) {
					break // "said while …, evidence showed that": another verb's "that"
				}
				a = k
				break
			}
			if s.toks[k].low == ":" && k > a && inAdverbial && k+1 < len(s.toks) && s.toks[k+1].kind == text.Word {
				a = k // "said in English: the talks …": the colon opens the words
				break
			}
			if !timeWords[s.toks[k].low] && s.toks[k].low != "," && !focusWords[s.toks[k].low] && !reportAdverb(s.toks[k]) && (!inAdverbial || s.toks[k].kind != text.Word) {
				break
			}
		}
		sawThat := a < len(s.toks) && (s.toks[a].low == "that" || s.toks[a].low == ":")
		if !sawThat {
			// "A said Tuesday the talks …", "A said last week the deal …":
			// a bare time before the clause.
			for a+1 < len(s.toks) && s.toks[a+1].kind == text.Word {
				if w := s.toks[a].low; leadingTimes[w] {
					a++
				} else if (w == "on" || w == "this" || w == "last") && (leadingTimes[s.toks[a+1].low] || timeNouns[s.toks[a+1].low]) && a+2 < len(s.toks) {
					a += 2
				} else {
					break
				}
			}
		}
		if sawThat {
			a++
		}
		if thatVerbs[t.low] && !sawThat && (a >= len(s.toks) || s.toks[a].kind != text.Quote) {
			continue // "A revealed the plan": no said words
		}
		if !sawThat && !bridgeVerbs[t.low] && (a >= len(s.toks) || s.toks[a].kind != text.Quote) && !clauseAhead(s, a, directiveVerbs[t.low]) && !claimObject(s, a) {
			continue // "A stressed his resolve to …": a topic, no said words
		}
		if a >= len(s.toks) || s.toks[a].kind == text.Punct {
			continue // "A reported, citing B": no said words here
		}
		b := len(s.toks)
		second := false // "A said …, while B said …": B's words follow
		for k := a; k < len(s.toks); k++ {
			if k+1 < len(s.toks) && s.toks[k].low == "," && (s.toks[k+1].low == "according" || s.toks[k+1].low == "state" || s.toks[k+1].low == "media") {
				b = k
				break
			}
			if k+2 < len(s.toks) && s.toks[k].low == "," && contrastWords[s.toks[k+1].low] && d.reportOpens(s, k+2) {
				b, second = k, true
				break
			}
			if s.toks[k].low == "and" && k > a+3 && cuedQuoteAfter(s, k+1) {
				// "A said that the talks went well and thanked B for
				// their “…”": the second predicate is the subject's, with
				// a quotation of its own.
				b = k
				break
			}
			if s.toks[k].low == "," && participleAfter(s, k) {
				// "A left after telling B there will be …, and insisting
				// …": the participle reports words of its own.
				b, second = k, true
				break
			}
			if k+3 < len(s.toks) && s.toks[k].low == "," && s.toks[k+1].low == "who" && whoReports(s, k+2) {
				// "A stressed …, after remarks by B, who suggested that …":
				// the relative clause reports B's words, not A's.
				b, second = k, true
				break
			}
		}
		for b > a && (s.toks[b-1].low == "." || s.toks[b-1].low == ",") {
			b--
		}
		if b-a < 4 && (b-a < 3 || !sawThat || !clauseAhead(s, a, false)) || adverbialStarts[s.toks[a].low] && d.onlyAdverbials(s, a, false) && (s.toks[a].low == "to" || !clauseAhead(s, a, false)) {
			continue // "A said in a statement after the meeting": no said words; "A said this was …" has them
		}
		if inner, at := d.innerReport(s, a, b); inner != nil {
			// "A added that B told him …": B's words, and B's alone
			// ("A and C said B told them …" is not A's or C's).
			sp, a, co = inner, at, nil
		}
		txt := d.text[s.toks[a].span.Start:s.toks[b-1].span.End]
		if idx, ok := quoteGoesOn(s, v, byVerb); ok && partClause && d.statements[idx].Speaker == sp.bestForm() {
			// "“…,” A said, adding that …": the quote goes on as reported
			// speech; one statement.
			d.statements[idx].Text += " … " + txt
			usedVerb[tokPos{s, v}] = true
			if second {
				continue
			}
			return
		}
		st := graph.StatementClaim{
			Speaker: sp.bestForm(), Text: txt, Direct: false, Date: d.dateNear(tokPos{s, v}),
			Evidence: []graph.Evidence{s.evidence()},
		}
		d.statements = append(d.statements, st)
		for _, c := range co {
			if c != sp && c.typ == sp.typ {
				st.Speaker = c.bestForm() // each of "A and B" said it
				d.statements = append(d.statements, st)
			}
		}
		usedVerb[tokPos{s, v}] = true
		if second {
			continue // the other speaker's report, next
		}
		return // one reported statement per sentence
	}
	// "according to A": what the sentence says without the attribution,
	// unless the sentence reports words with their own speaker ("“…,” B
	// said, according to A": A only carried them).
	sp, at, ok := d.accordingTo(s)
	if !ok || q[at.i] || verbUsedIn(s, usedVerb) {
		return
	}
	a, b := 0, len(s.toks)
	end := at.i + 2
	if r := d.personAfterTitle(s, at.i+2); r.kind != refNone {
		end = r.end
	} else {
		for end < len(s.toks) && end < at.i+14 && s.toks[end].kind == text.Word {
			end++ // "according to a statement issued by the ministry"
		}
	}
	switch {
	case at.i == 0 && end < len(s.toks) && s.toks[end].low == ",":
		a = end + 1 // "According to A, …"
	case at.i == 0:
		// "According to A the talks …", the comma left out: the words
		// start after A's name (and an outlet's head noun).
		if e := mentionEnd(s, sp, at.i+2); e > 0 {
			for e < len(s.toks) && outletHeads[s.toks[e].low] {
				e++
			}
			a = e
		}
	case at.i > 0 && s.toks[at.i-1].low == "," && (d.onlyAdverbials(s, end, true) || relativeAside(s, end)):
		b = at.i - 1 // "…, according to A.", "…, according to A, who …"
	}
	for b > a && s.toks[b-1].kind == text.Punct {
		b--
	}
	if b-a < 3 {
		return
	}
	d.statements = append(d.statements, graph.StatementClaim{
		Speaker: sp.bestForm(), Text: d.text[s.toks[a].span.Start:s.toks[b-1].span.End], Evidence: []graph.Evidence{s.evidence()},
	})
}

// nounPhrase reports whether tokens [a, b) of s may be one noun phrase, a
// relative clause's antecedent: words only, none a finite verb.
func nounPhrase(s *sent, a, b int) bool {
	for k := a; k < b; k++ {
		if t := s.toks[k]; t.kind != text.Word && t.low != "'s" || finiteWords[t.low] || k > a && predicateAt(s, k) {
			return false
		}
	}
	return true
}

// leadingTimes may stand between a speech verb and a clause without
// "that": "said Tuesday the talks", "said on Monday the deal".
var leadingTimes = set("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight")

// focusWords may stand between a speech verb and "that": "said only that".
var focusWords = set("only also again simply merely")

// madeClear finds "made (it) clear that" at v of s, a report with a
// support verb, and returns the position of "that", or -1.
func madeClear(s *sent, v int) int {
	if s.toks[v].low != "made" && s.toks[v].low != "makes" {
		return -1
	}
	k := v + 1
	if k < len(s.toks) && s.toks[k].low == "it" {
		k++
	}
	if k+1 < len(s.toks) && s.toks[k].low == "clear" && s.toks[k+1].low == "that" {
		return k + 1
	}
	return -1
}

// sentenceAdverb reports whether t is an adverb that opens a sentence and
// modifies all of it ("Moreover,", "However,", "Crucially,").
func sentenceAdverb(t tok) bool {
	return t.kind == text.Word && (sentenceAdverbs[t.low] || len(t.low) > 4 && strings.HasSuffix(t.low, "ly"))
}

var sentenceAdverbs = set("furthermore moreover however additionally also still meanwhile instead indeed " +
	"nevertheless nonetheless besides likewise similarly separately finally first second third now then yet " +
	"otherwise overall ultimately earlier later today")

// stanceNouns name an attitude whose content a "that" clause gives, and
// which a speaker expresses or voices: "expressed confidence that …",
// "voiced the hope that …" (the noun complements of the attribution
// literature's belief and emotion cues).
var stanceNouns = set("confidence hope hopes belief conviction concern concerns fear fears optimism satisfaction " +
	"regret doubt doubts certainty view opinion wish desire expectation")

// stanceThat finds "confidence that" in the first words from token a of s
// ("his firm belief that", "the hope that"), and returns the position of
// "that", or -1.
func stanceThat(s *sent, a int) int {
	for k := a; k < len(s.toks) && k < a+5; k++ {
		t := s.toks[k]
		if t.kind != text.Word {
			return -1
		}
		if stanceNouns[t.low] {
			if k+1 < len(s.toks) && s.toks[k+1].low == "that" {
				return k + 1
			}
			return -1
		}
	}
	return -1
}

// bridgeVerbs take a complement clause without "that" as often as with
// it ("A said the talks went well", "A told reporters it was time"); after
// any other speech verb, words without "that" are mostly its object, a
// topic rather than what was said ("A stressed his resolve to …", "A
// repeated her backing for …").
var bridgeVerbs = set("said says say saying told tells telling")

// directiveVerbs report what someone asked of others with an infinitive:
// "A urged lenders to cut …", "A warned B not to …".
var directiveVerbs = set("urged urges warned warns")

// claimNouns head an object that states a claim of its own: "A stressed
// the need for …", "A underlined the importance of …".
var claimNouns = set("need importance necessity significance urgency value")

// claimObject reports whether the words from token a of s are "the" and a
// claim noun, or any noun phrase with "the" after "noted".
func claimObject(s *sent, a int) bool {
	if a >= 1 && a+2 < len(s.toks) && s.toks[a-1].low == "noted" && s.toks[a].low == "the" {
		return true // "A noted the steady progress of the talks": what A remarked on
	}
	return a+1 < len(s.toks) && s.toks[a].low == "the" && claimNouns[s.toks[a+1].low]
}

// finiteWords are auxiliaries and modals: one of them in what follows a
// speech verb makes it a clause ("A warned the deal could collapse").
// A bare "'s" is left out, as it is mostly a possessive.
var finiteWords = set("is are was were am has have had will would can could should shall may might must does did do " +
	"'re 'll 'd 've ’re ’ll ’d ’ve isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't " +
	"shouldn't doesn't didn't don't")

// objectBreaks end the stretch clauseAhead looks at: a clause boundary or
// a relative or time clause of the object ("recalled the year when she led …").
var objectBreaks = set(", ; : . ( ) when where which who whom whose while as after before because since")

// clauseAhead reports whether the words from token a of s read as a clause
// (a subject, then a finite verb) rather than an object: a finite auxiliary
// or modal comes before the first clause break, within twelve words; with
// infinitive, "to" after at least one word also counts ("urged B to …").
func clauseAhead(s *sent, a int, infinitive bool) bool {
	for k := a; k < len(s.toks) && k < a+12; k++ {
		t := s.toks[k]
		if infinitive && t.low == "to" && k > a {
			return true // "urged B, in turn, to …"
		}
		if infinitive && t.low == "," {
			continue
		}
		if t.kind == text.Quote || objectBreaks[t.low] {
			return false
		}
		if finiteWords[t.low] {
			return true
		}
		// A past tense after the subject's noun: "stressed the plan
		// worked"; after an article or preposition it is a
		// participle ("for renewed talks").
		if k > a && (strings.HasSuffix(t.low, "ed") && len(t.low) > 4 || irregularPast[t.low]) && !t.isCap() {
			if p := s.toks[k-1]; p.kind == text.Word && !nonSubjectEnds[p.low] {
				return true
			}
		}
	}
	return false
}

// irregularPast are common English past tenses not in -ed.
var irregularPast = set("became began brought built came chose did drew drove fell felt fought found gave got grew " +
	"held hit kept knew laid led left lent let lost made meant met paid put ran rose sat saw sent set shook showed " +
	"shut sold spent spoke stood struck took taught thought threw told understood went won wrote")

// nonSubjectEnds are words after which a word in -ed is no finite verb:
// articles, possessives, prepositions and conjunctions ("the agreed plan",
// "for renewed talks").
var nonSubjectEnds = set("the a an this that these those his her its their our my your to for of in on at by with from into " +
	"and or but than more most well newly recently already long widely")

// mentionEnd is the end of the first mention of e in s starting at or
// within eight tokens after i, or 0.
func mentionEnd(s *sent, e *entity, i int) int {
	for _, m := range s.ments {
		if m.ent == e && m.a >= i && m.a <= i+8 {
			return m.b
		}
	}
	return 0
}

// accordingTo finds "according to A" in s: A and the position of
// "according".
func (d *doc) accordingTo(s *sent) (*entity, tokPos, bool) {
	for i := 0; i+2 < len(s.toks); i++ {
		if s.toks[i].low != "according" || s.toks[i+1].low != "to" {
			continue
		}
		if r := d.personAfterTitle(s, i+2); r.kind != refNone && r.ent != nil {
			return r.ent, tokPos{s, i}, true
		}
		// "according to the statement": the statement named before.
		if j := i + 2; j+1 < len(s.toks) && statementNouns[s.toks[j+1].low] && s.toks[j].low == "the" {
			if is := d.statementIssuer(s, j); is != nil {
				return is, tokPos{s, i}, true
			}
		}
		if j := i + 2; j+2 < len(s.toks) && statementNouns[s.toks[j+2].low] && s.toks[j].low == "the" && s.toks[j+1].low == "joint" {
			if is := d.statementIssuer(s, j); is != nil {
				return is, tokPos{s, i}, true
			}
		}
		// "according to the foreign ministry", "according to a statement
		// issued by the ministry", "according to the state news agency A":
		// the first person or organization named before the clause ends.
		for k := i + 2; k < len(s.toks) && k < i+14; k++ {
			if w := s.toks[k]; w.low == "," || w.low == "." || w.low == ";" || w.low == "that" || w.kind == text.Quote {
				break
			}
			for _, m := range s.ments {
				if m.a == k && m.ent != nil && (m.typ == graph.Person || m.typ == graph.Organization) {
					return m.ent, tokPos{s, i}, true
				}
			}
		}
	}
	return nil, tokPos{}, false
}

// mediaVerbs report what an outlet reported, never who spoke a quote:
// in "“…,” AFP reported" the words are someone else's.
var mediaVerbs = set("reported reports")

// objectFirst verbs report speech only with "that" after them; otherwise
// their object is a thing or a hearer: "posted a photo", "tweeted leaders".
var objectFirst = set("tweeted tweets posted")

// outletAfter reads an organization reporting a quote right after it:
// "“…,” the agency reports", "“…,” A reported". The words are the
// outlet's when the sentence gives them no other speaker.
func (d *doc) outletAfter(p tokPos) (*entity, tokPos, bool) {
	s := p.s
	i := p.i + 1
	if twoApostrophes(s, p.i) {
		i++
	}
	if p.i > 0 && s.toks[p.i-1].low != "," && (i >= len(s.toks) || s.toks[i].low != ",") {
		return nil, tokPos{}, false
	}
	if i < len(s.toks) && s.toks[i].low == "," {
		i++
	}
	for k := i; k < len(s.toks) && k < i+8; k++ { // "Orvia's official ONA news agency reported"
		t := s.toks[k]
		if t.kind == text.Quote || t.low == "." || t.low == ";" || t.low == "," {
			break
		}
		if !mediaVerbs[t.low] {
			continue
		}
		if sp, start, ok := d.speakerBefore(s, k); ok && sp != nil && start >= i && sp.typ == graph.Organization {
			return sp, tokPos{s, k}, true
		}
		break
	}
	return nil, tokPos{}, false
}

// outletHeads may follow an organization's name as the head of its noun
// phrase: "the KCNA news agency", "the CCTV broadcaster".
var outletHeads = set("news agency broadcaster newspaper daily channel network outlet")

// isSeat reports whether m names a seat of power ("the Kremlin", "the White
// House") or a state written with the article ("the Vatican"): a place that
// speaks for its government.
func (d *doc) isSeat(m *mention) bool {
	if m.typ != graph.Place || m.ent == nil {
		return false
	}
	if strings.HasSuffix(m.ent.name, " Palace") {
		return true // "A Palace said": a royal or presidential household speaks
	}
	p, ok := d.x.lex.Place(m.ent.name)
	if !ok {
		return false
	}
	return p.Kind == lexicon.Venue || p.Kind == lexicon.Country && m.a > 0 && m.s.toks[m.a-1].low == "the"
}

// definiteStart is where the definite noun phrase ending in the statement
// noun at k starts ("the statement", "the joint statement"), or -1.
func definiteStart(s *sent, k int) int {
	j := k - 1
	if j >= 1 && s.toks[j].low == "joint" {
		j--
	}
	if j >= 0 && s.toks[j].low == "the" {
		return j
	}
	return -1
}

// statementIssuer is who issued the statement an article refers back to
// as "the statement": the issuer named with the last statement mentioned
// before token i of s, in s or the six body sentences before it ("a
// statement issued by A", "A's statement", "A said in a statement").
func (d *doc) statementIssuer(s *sent, i int) *entity {
	return d.lookBack(s, i, 6, func(p *sent, end int) (*entity, bool) {
		for k := end - 1; k >= 1; k-- {
			if !statementNouns[p.toks[k].low] {
				continue
			}
			if e := d.issuerAt(p, k); e != nil {
				return e, true
			}
		}
		return nil, false
	})
}

// lookBack calls f with s up to token i and then each of the n body
// sentences before it, nearest first, up to the end of each, until f says
// it is done; it returns what f found then, or nil.
func (d *doc) lookBack(s *sent, i, n int, f func(p *sent, end int) (*entity, bool)) *entity {
	for back := 0; back <= n && s.i-back >= 0; back++ {
		p := d.sents[s.i-back]
		if !p.body() {
			continue
		}
		end := len(p.toks)
		if back == 0 {
			end = i
		}
		if e, done := f(p, end); done {
			return e
		}
	}
	return nil
}

// lastReporter is the organization that reported last before token i of
// s ("…, the Andes Press news agency reported"), in s or the three body
// sentences before it: whose report "the report said" refers back to.
func (d *doc) lastReporter(s *sent, i int) *entity {
	return d.lookBack(s, i, 3, func(p *sent, end int) (*entity, bool) {
		for v := end - 1; v >= 1; v-- {
			if p.toks[v].low == "report" {
				return nil, true // "a UN report found …": the report is a document named here
			}
			if !mediaVerbs[p.toks[v].low] {
				continue
			}
			if e, _, ok := d.speakerBefore(p, v); ok && e != nil && e.typ == graph.Organization {
				return e, true
			}
		}
		return nil, false
	})
}

// issuerAt is the named issuer of the statement noun at k of s, or nil.
func (d *doc) issuerAt(s *sent, k int) *entity {
	e := k
	if j := k - 1; j >= 0 && s.toks[j].low == "joint" {
		e = j
	}
	if isPossessive(s.toks, e-1) {
		e--
	}
	for _, m := range s.ments {
		if m.ent == nil || m.typ != graph.Organization && m.typ != graph.Person {
			continue
		}
		if m.b == e {
			return m.ent // "the ministry's statement", "a White House statement"
		}
		// "a statement issued by the ministry", "a statement from A"
		if m.a > k && m.a <= k+4 {
			ok := false
			for j := k + 1; j < m.a; j++ {
				if w := s.toks[j].low; w == "by" || w == "from" || w == "of" {
					ok = true
				}
			}
			if ok {
				return m.ent
			}
		}
	}
	// "A said in a statement"
	if k >= 3 && s.toks[k-1].low == "a" && s.toks[k-2].low == "in" && speechVerbs[s.toks[k-3].low] {
		if sp, _, ok := d.speakerBefore(s, k-3); ok && sp != nil {
			return sp
		}
	}
	return nil
}

// statementNouns are written words that speak for whoever issued them.
var statementNouns = set("statement readout communique communiqué release announcement")

// asidePreps open a short aside between a speaker and the verb: "A, for
// his part, said", "A, in turn, told".
var asidePreps = set("for in on at by")

// objectVerbs take the hearer as object before what was said: "told
// parliament that", "assured investors that".
var objectVerbs = set("told tells assured assures reassured reassures informed informs notified notifies briefed briefs " +
	"reminded reminds warned warns asked asks telling assuring reassuring informing reminding")

// adverbialStarts open what may follow a post-posed speech verb: "A said
// on Monday", "in a statement", "at a news conference".
var adverbialStarts = set("in on at during after before from to via while late earlier later last this yesterday today tonight " +
	"monday tuesday wednesday thursday friday saturday sunday")

// onlyAdverbials reports whether the sentence from token i holds only
// adverbials before its end: "on Monday in Abuja." (with object, also an
// object: "told parliament").
func (d *doc) onlyAdverbials(s *sent, i int, object bool) bool {
	n := len(s.toks)
	for n > i && (s.toks[n-1].kind == text.Punct || s.toks[n-1].kind == text.Quote) {
		n--
	}
	if i >= n {
		return true
	}
	if !object && !adverbialStarts[s.toks[i].low] {
		return false
	}
	if n-i > 12 {
		return false
	}
	for k := i; k < n; k++ {
		if w := s.toks[k].low; w == "that" || w == "," || w == ":" || s.toks[k].kind == text.Quote {
			return false
		}
	}
	return true
}

// citingTail reports whether the sentence goes on from token i with only
// the source the speaker cited: "…, Xinhua reported, citing the state press
// agency."
func (d *doc) citingTail(s *sent, i int) bool {
	return i+1 < len(s.toks) && s.toks[i].low == "," && (s.toks[i+1].low == "citing" || s.toks[i+1].low == "quoting") &&
		d.onlyAdverbials(s, i+2, true)
}

// partTail reports whether the sentence goes on from token i, the word
// after a post-posed speech verb, with at most a hearer and adverbials
// and then a participle that reports more words: "The talks went well, A
// told reporters, adding that …" holds two reports.
func partTail(s *sent, i int) bool {
	for k := i; k < len(s.toks) && k <= i+8; k++ {
		t := s.toks[k]
		if t.low == "," {
			if k+2 >= len(s.toks) || !participles[s.toks[k+1].low] {
				return false
			}
			return s.toks[k+2].low == "that" || clauseAhead(s, k+2, false)
		}
		if t.kind != text.Word || t.low == "that" {
			return false
		}
	}
	return false
}

// mannerTail reports whether the sentence goes on from token i with
// at most a short adverbial and then a participle that describes the
// report rather than reporting words: "…, the ministry said on Tuesday,
// providing details of the trip."
func (d *doc) mannerTail(s *sent, i int) bool {
	if i < len(s.toks) && s.toks[i].low != "," && !adverbialStarts[s.toks[i].low] {
		return false
	}
	for k := i; k < len(s.toks) && k <= i+6; k++ {
		t := s.toks[k]
		if t.low == "that" || t.kind == text.Quote {
			return false
		}
		if t.low != "," {
			continue
		}
		if k+1 >= len(s.toks) {
			return false
		}
		w := s.toks[k+1]
		return strings.HasSuffix(w.low, "ing") && !w.isCap() && !speechVerbs[w.low] && !participles[w.low] && !cueVerbs[w.low]
	}
	return false
}

// verbUsedIn reports whether a speech verb of s already attributed words.
func verbUsedIn(s *sent, usedVerb map[tokPos]bool) bool {
	for i := range s.toks {
		if usedVerb[tokPos{s, i}] {
			return true
		}
	}
	return false
}

// accordingTail reports whether the sentence goes on from token i with
// only the outlet that carried the words: "…, said A, according to B."
func (d *doc) accordingTail(s *sent, i int) bool {
	return i+2 < len(s.toks) && s.toks[i].low == "," && s.toks[i+1].low == "according" && s.toks[i+2].low == "to" &&
		d.onlyAdverbials(s, i+3, true)
}

// leadClause returns the end of the clause a post-posed attribution
// follows: the comma before the speaker and the title written before it
// ("..., Egyptian Finance Minister A said"), or -1.
func (d *doc) leadClause(s *sent, start int) int {
	k := start
	for k > 0 && start-k < 6 {
		t := s.toks[k-1]
		if t.low == "," {
			return k - 1
		}
		if t.kind == text.Quote && k == start && k >= 2 && s.toks[k-2].low == "," {
			return k - 2 // "…,” A said": a closing mark whose opening one is lost
		}
		if t.kind != text.Word && t.low != "'s" {
			return -1
		}
		if !t.isCap() && !d.x.lex.IsTitle(t.low) && !titleModifiers[t.low] && t.low != "'s" && !d.titleBeforeTok(s, k) && !outletWords[t.low] &&
			(t.low != "the" || k == start) && !issuedWords[t.low] {
			return -1 // "the" only before a description: "…, the official X agency reported"
		}
		k--
	}
	return -1
}

// outletWords describe a news outlet written before its name: "…, the
// official broadcaster A reported", "…, state news agency A said".
// issuedWords may stand before the issuer of a post-posed statement: "…, a
// statement from the ministry said", "…, a statement issued by A said".
var issuedWords = set("a an the statement readout communique communiqué release from by issued released")

var outletWords = set("official semi-official state state-run state-owned state-backed state-affiliated government-run public national broadcaster news agency " +
	"newspaper daily weekly outlet television tv radio channel network wire")

// dateNear is the date written right after a speech verb ("said Friday").
func (d *doc) dateNear(p tokPos) graph.Date {
	s := p.s
	rel := s.toks[p.i].span.End - s.span.Start
	for _, e := range d.findDates(s.text, timex.Past) {
		if e.Start >= rel && e.Start-rel <= 4 {
			return e.Value
		}
	}
	return graph.Date{}
}

// speakerGoesOn is whom a paragraph that is only a quote, with no
// attribution of its own, opening at sentence s, goes on quoting: the
// person quoted or reported last before it, when the sentences between
// (at most six, over at most four paragraphs) are all about that person,
// named or as a pronoun of that person's gender as the subject, or are
// photo captions. News names a new speaker when the speaker changes;
// anyone else as a subject between, an unattributed quote or a heading,
// and the quote is left without a speaker.
func (d *doc) speakerGoesOn(s *sent) *entity {
	var between []ref
	var pronounsBetween []string
	var sp *entity
	for j, n := s.i-1, 0; j >= 0 && n < 6 && s.para-d.sents[j].para <= 4; j, n = j-1, n+1 {
		p := d.sents[j]
		if !p.body() {
			return nil
		}
		if q := d.quoteOf[p]; q != nil {
			if !q.attributed || q.speaker == nil || q.speaker.typ != graph.Person {
				return nil
			}
			sp = q.speaker
			break
		}
		if d.captionLine(p) {
			continue
		}
		if e := d.recentSpeakerIn(p, len(p.toks), &pronounPick{}); e != nil {
			sp = e
			break
		}
		r, w := d.sentenceSubject(p)
		if r.kind == refNone {
			return nil
		}
		between = append(between, r)
		pronounsBetween = append(pronounsBetween, w)
	}
	if sp == nil {
		return nil
	}
	for k, r := range between {
		if r.kind == refPronoun {
			if g := pronounGender(pronounsBetween[k]); g == genderUnknown || g != sp.gender {
				return nil
			}
			continue
		}
		if r.ent != sp {
			return nil
		}
	}
	return sp
}

// sentenceSubject is the person s is about as its subject: the person it
// opens with, after at most a conjunction ("And she …") or a short
// adverbial and its comma ("In Lima, she …", "On Friday, A …"); w is the
// pronoun when the subject is one.
func (d *doc) sentenceSubject(s *sent) (r ref, w string) {
	k := 0
	if len(s.toks) > 0 && (s.toks[0].low == "and" || s.toks[0].low == "but" || s.toks[0].low == "so") {
		k = 1
	}
	for j := k; j < len(s.toks) && j <= k+4; j++ {
		if s.toks[j].low == "," && j > k {
			if d.personAtNoPronoun(s, k).kind == refNone {
				k = j + 1 // "In Oslo, she …"; not "A, 39, …"
			}
			break
		}
		if s.toks[j].kind != text.Word {
			break
		}
	}
	if k >= len(s.toks) {
		return ref{}, ""
	}
	w = s.toks[k].low
	if i := strings.IndexAny(w, "'’"); i > 0 {
		w = w[:i] // "she's"
	}
	if w == "he" || w == "she" {
		return ref{end: k + 1, kind: refPronoun}, w
	}
	if honorifics[strings.TrimSuffix(w, ".")] && k+1 < len(s.toks) {
		k++ // "Ms A flew …"
		if s.toks[k].low == "." {
			k++
		}
	}
	r = d.personAtNoPronoun(s, k)
	if r.kind == refNone || r.ent == nil || isPossessive(s.toks, r.end) {
		return ref{}, ""
	}
	return r, ""
}

// captionLine reports whether s is a photo caption standing between the
// paragraphs of a story: typed as a caption, or a paragraph of one
// sentence with no quote mark that ends without a full stop.
func (d *doc) captionLine(s *sent) bool {
	if s.kind == text.Caption {
		return true
	}
	if len(s.toks) < 4 || !d.opensParagraph(s) || s.i+1 < len(d.sents) && d.sents[s.i+1].para == s.para {
		return false
	}
	for _, t := range s.toks {
		if t.kind == text.Quote {
			return false
		}
	}
	switch s.toks[len(s.toks)-1].low {
	case ".", "?", "!", ":", ";", ",":
		return false
	}
	return true
}

// orgBeforeHead is the organization named right before the noun at k, its
// possessive "'s" between them or not: "a ORG spokesperson", "the
// ministry's statement". Nil when there is none.
func orgBeforeHead(s *sent, k int) *mention {
	e := k
	if isPossessive(s.toks, e-1) {
		e--
	}
	for _, m := range s.ments {
		if m.typ == graph.Organization && m.b == e && m.ent != nil {
			return m
		}
	}
	return nil
}
