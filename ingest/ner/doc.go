package ner

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Document-level tagging. A name is usually written the same way and means
// the same thing throughout one article: "LEICESTERSHIRE" in a shouted
// headline is the "Leicestershire" of the body, and the "Simmons" of the
// fifth sentence is the "Phil Simmons" of the first. The first pass tags
// every sentence on its own; the second tags each again, adding features
// that say how the first pass tagged the same word elsewhere in the document
// and how the document writes it.

// docTok is what the second pass needs to know of one first-pass token.
type docTok struct {
	lower   string
	flags   byte
	caps    byte // the sentence's headline flag (see extractor.caps)
	initial bool
	tag     int // first-pass BILOU tag
}

// docWord gathers the occurrences of one lowercased word in a document.
type docWord struct {
	types        [numTypes]int // first-pass types of the occurrences
	body         [numTypes]int // the same, of occurrences in running text (titleEvidence)
	tags         [nTags]int
	lower, title int // written in lower case; in title case mid-sentence in a body sentence
}

// count is how often the word occurs.
func (w *docWord) count() int {
	n := 0
	for _, c := range w.types {
		n += c
	}
	return n
}

func (t *docTok) capitalized() bool { return t.flags&(fInitCap|fAllCaps) != 0 }

// lowerCase reports whether the token is written in lower case with letters.
func (t *docTok) lowerCase() bool { return t.flags&(fHasLower|fInitCap) == fHasLower }

// titleEvidence reports whether the token shows the word is capitalized in
// running text (not first in its sentence, not in a headline).
func (t *docTok) titleEvidence() bool {
	return !t.initial && t.caps == 0 && t.flags&fInitCap != 0 && t.flags&fAllCaps == 0
}

// docFeatures returns the second-pass features of every token of a
// document, given the first-pass tokens of its sentences, and what it
// gathered of each word.
func docFeatures(doc [][]docTok) ([][][]uint64, map[string]*docWord) {
	words := map[string]*docWord{}
	for _, sent := range doc {
		for i := range sent {
			t := &sent[i]
			if t.flags&fAlnum == 0 {
				continue
			}
			w := words[t.lower]
			if w == nil {
				w = &docWord{}
				words[t.lower] = w
			}
			w.types[tagType(t.tag)]++
			w.tags[t.tag]++
			if t.lowerCase() {
				w.lower++
			}
			if t.titleEvidence() {
				w.title++
				w.body[tagType(t.tag)]++
			}
		}
	}
	out := make([][][]uint64, len(doc))
	var f []uint64
	var ends []int
	for _, sent := range doc {
		for i := range sent {
			t := &sent[i]
			f = append(f, fbyte(fstart(tPass1), byte(t.tag)))
			if t.capitalized() {
				f = wordFeatures(f, t, words[t.lower])
			}
			ends = append(ends, len(f))
		}
	}
	rows := make([][]uint64, len(ends))
	start := 0
	for i, end := range ends {
		rows[i] = f[start:end:end]
		start = end
	}
	for si, sent := range doc {
		out[si], rows = rows[:len(sent):len(sent)], rows[len(sent):]
	}
	return out, words
}

// wordFeatures appends the document features of capitalized token t, whose
// word's occurrences (t's included) are w.
func wordFeatures(f []uint64, t *docTok, w *docWord) []uint64 {
	capf := t.flags & (fInitCap | fAllCaps)
	types := w.types
	types[tagType(t.tag)]--
	tags := w.tags
	tags[t.tag]--
	title := w.title
	body := w.body
	if t.titleEvidence() {
		title--
		body[tagType(t.tag)]--
	}
	if bmaj, bn := majority(body); bn > 0 {
		f = append(f, fbyte(fbyte(fbyte(fstart(tDocMaj), byte(bmaj)), capf), 3))
	}
	others := 0
	maj := None
	for ty := None; ty < numTypes; ty++ {
		others += types[ty]
		if types[ty] > types[maj] {
			maj = ty
		}
	}
	if others == 0 {
		f = append(f, fbyte(fbyte(fstart(tDocMaj), 'n'), capf))
	} else {
		agree := byte(0)
		if types[maj] == others {
			agree = 1
		}
		f = append(f, fbyte(fbyte(fbyte(fbyte(fstart(tDocMaj), byte(maj)), agree), capf), 0))
		f = append(f, fbyte(fbyte(fbyte(fstart(tDocMaj), byte(maj)), t.caps), 1))
		f = append(f, fbyte(fbyte(fbyte(fstart(tDocMaj), byte(maj)), byte(tagType(t.tag))), 2))
		majTag := 0
		for tg := range nTags {
			if tags[tg] > tags[majTag] {
				majTag = tg
			}
		}
		f = append(f, fbyte(fstart(tDocTag), byte(majTag)))
	}
	b := func(x int) byte {
		if x > 0 {
			return 1
		}
		return 0
	}
	f = append(f, fbyte(fbyte(fbyte(fbyte(fstart(tDocCase), b(w.lower)), b(title)), capf), t.caps))
	return f
}

// docTokens records the first-pass tokens of one sentence.
func docTokens(ex *extractor, tags []int) []docTok {
	out := make([]docTok, len(ex.toks))
	for i, t := range ex.toks {
		out[i] = docTok{lower: t.lower, flags: t.flags, caps: ex.caps, initial: i == 0, tag: tags[i]}
	}
	return out
}

func cloneFeatures(feats [][]uint64) [][]uint64 {
	n := 0
	for _, fs := range feats {
		n += len(fs)
	}
	buf := make([]uint64, 0, n)
	out := make([][]uint64, len(feats))
	for i, fs := range feats {
		start := len(buf)
		buf = append(buf, fs...)
		out[i] = buf[start:len(buf):len(buf)]
	}
	return out
}

// TagDocument labels the sentences of one document (an article), one label
// per word of each, reading the document twice: the second pass knows how
// the first tagged and how the document writes the same word elsewhere (a
// shouted headline's "KENYA" is the body's "Kenya"). Sentences are tokenized
// as for Tag. Models without a second pass tag each sentence on its own.
func (m *Model) TagDocument(sents [][]string) [][]Label {
	out, _ := m.TagDocumentContext(context.Background(), sents) // a Background context is never done
	return out
}

// TagDocumentContext is TagDocument that stops when ctx is done: it checks
// ctx before each sentence of each pass, so it returns within the time of
// tagging one sentence, with ctx's error and no labels.
func (m *Model) TagDocumentContext(ctx context.Context, sents [][]string) ([][]Label, error) {
	out := make([][]Label, len(sents))
	if m == nil || m.doc == nil {
		for i, words := range sents {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			out[i] = m.Tag(words)
		}
		return out, nil
	}
	s, _ := m.pool.Get().(*tagScratch)
	if s == nil {
		s = &tagScratch{}
	}
	defer m.pool.Put(s)
	feats, toks, err := m.firstPass(ctx, sents, s)
	if err != nil {
		return nil, err
	}
	extra, seen := docFeatures(toks)
	for i, words := range sents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = make([]Label, len(words))
		if len(words) == 0 {
			continue
		}
		if !hasEvidence(toks[i], seen) {
			for j, t := range toks[i] {
				out[i][j] = toLabel(t.tag)
			}
			continue
		}
		for j, t := range m.doc.decode(feats[i], extra[i], s) {
			out[i][j] = toLabel(t)
		}
	}
	for i, words := range sents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		joinPersons(out[i])
		joinParticles(words, out[i])
		m.splitAtTitles(words, out[i])
		m.employersBeforeTitle(words, out[i])
	}
	m.partNames(sents, out)
	return out, nil
}

// joinPersons makes one name of two person names side by side: CoNLL-2003
// train has no such pair, so when the model cuts "spokeswoman Le Minh Chau"
// into "Le" and "Minh Chau" it is one name cut in two.
func joinPersons(labels []Label) {
	for i := 1; i < len(labels); i++ {
		if labels[i].Type == PER && labels[i].Begin && labels[i-1].Type == PER {
			labels[i].Begin = false
		}
	}
}

// splitAtTitles cuts a person's name at a job title written inside it in
// capitals or lower case: "Vantaro CEO Dana Whitcombe" is the company Vantaro, the
// title and the person Dana Whitcombe, as modern news writes it. (A title in
// title case, "President", may be part of a name, and is left alone.)
func (m *Model) splitAtTitles(words []string, labels []Label) {
	for _, sp := range Spans(labels) {
		if sp.Type != PER || sp.End-sp.Start < 3 {
			continue
		}
		for k := sp.End - 2; k > sp.Start; k-- {
			w := words[k]
			if startsUpper(w) && !isAllCaps(w) || !m.res.lex.isTitle(strings.ToLower(normalize(w))) {
				continue
			}
			if isAllCaps(w) && isAllCaps(words[k+1]) {
				continue // a shouted headline: capitals say nothing
			}
			for j := sp.Start; j < k; j++ {
				labels[j] = Label{Type: ORG, Begin: j == sp.Start}
			}
			labels[k] = Label{}
			labels[k+1].Begin = true
			break
		}
	}
}

// employersBeforeTitle types as ORG the capitalized words before an
// acronym title that precedes a person ("Vantaro and OrbitX CEO Dana Whitcombe"):
// a word there is the employer. Only words the model left untyped or took
// for a one-word person are changed, and only before acronyms (CEO, CFO),
// since "Clinton spokesman Mike McCurry" names a person before a title.
func (m *Model) employersBeforeTitle(words []string, labels []Label) {
	for _, sp := range Spans(labels) {
		t := sp.Start - 1
		if sp.Type != PER || t < 1 || !isAllCaps(words[t]) || isAllCaps(words[sp.Start]) ||
			!m.res.lex.isTitle(strings.ToLower(normalize(words[t]))) {
			continue // no acronym title, or a shouted headline
		}
		for k := t - 1; k >= 0; k-- {
			w := words[k]
			if (w == "and" || w == "," || w == "&") && k < t-1 {
				continue
			}
			single := labels[k].Type == PER && labels[k].Begin && (k+1 >= len(labels) || labels[k+1].Type != PER || labels[k+1].Begin)
			if !startsUpper(w) || k == 0 || !(labels[k].Type == None || single) {
				break
			}
			labels[k] = Label{Type: ORG, Begin: true}
		}
	}
}

func isAllCaps(w string) bool {
	letters := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// nameParticles are the lower-case words inside family names: "Herrera de
// la Fuente", "Louis van Gaal", "Mohammed bin Salman".
var nameParticles = map[string]bool{
	"de": true, "la": true, "del": true, "della": true, "di": true, "da": true, "das": true, "do": true,
	"dos": true, "du": true, "van": true, "von": true, "der": true, "den": true, "ter": true, "le": true,
	"bin": true, "ibn": true, "y": true,
}

// joinParticles extends a person's name over lower-case particles and the
// capitalized word or name after them, which the model sometimes cuts off
// as a name of another type ("Ignacio Herrera" and "Fuente").
func joinParticles(words []string, labels []Label) {
	for _, sp := range Spans(labels) {
		if sp.Type != PER {
			continue
		}
		j := sp.End
		for j < len(words) && nameParticles[words[j]] {
			j++
		}
		if j == sp.End || j == len(words) || !startsUpper(words[j]) {
			continue
		}
		end := j + 1
		if t := labels[j].Type; t != None {
			for end < len(words) && labels[end].Type == t && !labels[end].Begin {
				end++
			}
		}
		for k := sp.End; k < end; k++ {
			labels[k] = Label{Type: PER}
		}
	}
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// partNames types as PER a mention that ends the full name of a person
// named elsewhere in the document: "Ramírez Ortega" after "Sofía Ramírez
// Ortega", "Herrera de la Fuente" after "Ignacio Herrera de la Fuente".
// The model alone sometimes reads a bare double surname as a company; the
// document settles it. A single word a place list knows ("Washington",
// "Jordan") is left as tagged.
func (m *Model) partNames(sents [][]string, labels [][]Label) {
	key := func(words []string) string { return strings.ToLower(normalize(strings.Join(words, " "))) }
	parts := map[string]bool{}
	for i, words := range sents {
		for _, sp := range Spans(labels[i]) {
			if sp.Type != PER || sp.End-sp.Start < 2 {
				continue
			}
			for k := sp.Start + 1; k < sp.End; k++ {
				parts[key(words[k:sp.End])] = true
			}
		}
	}
	if len(parts) == 0 {
		return
	}
	for i, words := range sents {
		for _, sp := range Spans(labels[i]) {
			if sp.Type == PER || !parts[key(words[sp.Start:sp.End])] {
				continue
			}
			if sp.End-sp.Start == 1 && m.res.lex.isPlace(key(words[sp.Start:sp.End])) {
				continue
			}
			for k := sp.Start; k < sp.End; k++ {
				labels[i][k] = Label{Type: PER, Begin: k == sp.Start}
			}
		}
	}
}

// firstPass extracts the features of every sentence and tags it with the
// base model, until ctx is done.
func (m *Model) firstPass(ctx context.Context, sents [][]string, s *tagScratch) ([][][]uint64, [][]docTok, error) {
	feats := make([][][]uint64, len(sents))
	toks := make([][]docTok, len(sents))
	for i, words := range sents {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if len(words) == 0 {
			continue
		}
		f := s.ex.features(words, m.res)
		feats[i] = cloneFeatures(f)
		toks[i] = docTokens(&s.ex, m.base.decode(f, nil, s))
	}
	return feats, toks, nil
}

// splitDocuments returns the [start, end) sentence ranges of the documents
// of a corpus: a document begins at a -DOCSTART- line and at the headline
// before a Reuters-style dateline ("LONDON 1996-08-30").
func splitDocuments(data []Sentence) [][2]int {
	var out [][2]int
	start := 0
	cut := func(at int) {
		if at > start {
			out = append(out, [2]int{start, at})
			start = at
		}
	}
	for i, s := range data {
		if s.DocStart {
			cut(i)
		}
		if isDateline(s.Words) {
			cut(max(i-1, start))
		}
	}
	cut(len(data))
	return out
}

// isDateline reports whether words are a news dateline: a few capitalized
// words ending in an ISO date.
func isDateline(words []string) bool {
	n := len(words)
	if n == 0 || n > 8 {
		return false
	}
	d := words[n-1]
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return false
	}
	for i := 0; i < 10; i++ {
		if i != 4 && i != 7 && (d[i] < '0' || d[i] > '9') {
			return false
		}
	}
	for _, w := range words[:n-1] {
		if w != "" && w[0] >= 'a' && w[0] <= 'z' {
			return false
		}
	}
	return true
}

// majority returns the most frequent type in counts and the total count.
func majority(counts [numTypes]int) (Type, int) {
	maj, n := None, 0
	for ty := None; ty < numTypes; ty++ {
		n += counts[ty]
		if counts[ty] > counts[maj] {
			maj = ty
		}
	}
	return maj, n
}

// hasEvidence reports whether the document says more about a capitalized
// word of sent than the sentence does: the word occurs elsewhere in it.
// Without that the second pass has nothing to add and the first pass's
// tags are kept.
func hasEvidence(sent []docTok, seen map[string]*docWord) bool {
	for i := range sent {
		if t := &sent[i]; t.capitalized() && seen[t.lower].count() > 1 {
			return true
		}
	}
	return false
}
