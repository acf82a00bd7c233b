package ner

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
	out := make([][]Label, len(sents))
	if m == nil || m.doc == nil {
		for i, words := range sents {
			out[i] = m.Tag(words)
		}
		return out
	}
	s, _ := m.pool.Get().(*tagScratch)
	if s == nil {
		s = &tagScratch{}
	}
	defer m.pool.Put(s)
	feats, toks := m.firstPass(sents, s)
	extra, seen := docFeatures(toks)
	for i, words := range sents {
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
	return out
}

// firstPass extracts the features of every sentence and tags it with the
// base model.
func (m *Model) firstPass(sents [][]string, s *tagScratch) ([][][]uint64, [][]docTok) {
	feats := make([][][]uint64, len(sents))
	toks := make([][]docTok, len(sents))
	for i, words := range sents {
		if len(words) == 0 {
			continue
		}
		f := s.ex.features(words, m.stats, m.lex)
		feats[i] = cloneFeatures(f)
		toks[i] = docTokens(&s.ex, m.base.decode(f, nil, s))
	}
	return feats, toks
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
