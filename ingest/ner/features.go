package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit FNV-1a hashes of a template id and its string parts,
// so extracting them allocates nothing per feature. The model stores them
// folded to 32 bits (see fold).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fstart(id byte) uint64 { return (fnvOffset ^ uint64(id)) * fnvPrime }

func fstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

func fbyte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func fold(h uint64) uint32 { return uint32(h ^ h>>32) }

// Feature template ids. Changing their meaning requires retraining; bump
// featureVersion then.
const (
	tBias byte = iota
	tWord
	tLower
	tShape
	tShort
	tPrefix
	tSuffix
	tFlags
	tWin    // lower word at offset
	tWinSh  // short shape at offset
	tBigram // lower words (-1,0) and (0,+1)
	tShape3
	tPrevWordShape
	tShapeNextWord
	tFreq
	tCase
	tGaz
	tGazWin
	tCapsSent
	tLen
	tWinCase
	tGazSpan
	tWinWord // cased word at -1, +1
	tSkip    // lower words at -1 and +1 together
	tInitWord
	tDocMaj  // first-pass type of the word elsewhere in the document
	tDocTag  // first-pass BILOU tag of the word elsewhere in the document
	tDocCase // how the word is written elsewhere in the document
	tPass1   // the token's own first-pass tag
)

const featureVersion = 5

// token is a word prepared for feature extraction.
type token struct {
	word  string // normalized, digits as 0
	lower string
	shape string // X, x, d or the character, runs capped at 4
	short string // runs collapsed
	flags byte
}

const (
	fInitCap byte = 1 << iota
	fAllCaps
	fHasDigit
	fHasHyphen
	fHasLower
	fHasPeriod
	fAlnum // any letter or digit
)

// normalize maps typographic variants to the ASCII forms of the training
// data (curly quotes and apostrophes, dashes, PTB-style quotes) and digits to 0.
func normalize(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || (c >= '1' && c <= '9') {
			ascii = false
			break
		}
	}
	if ascii && w != "``" && w != "''" {
		return w
	}
	if w == "``" || w == "''" {
		return "\""
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r >= '1' && r <= '9':
			r = '0'
		case r == '\u2018' || r == '\u2019' || r == '\u201a' || r == '\u201b' || r == '\u2032' || r == '`' || r == '\u00b4':
			r = '\''
		case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u201f' || r == '\u00ab' || r == '\u00bb' || r == '\u2033':
			r = '"'
		case r == '\u2013' || r == '\u2014' || r == '\u2012' || r == '\u2212' || r == '\u2010' || r == '\u2011':
			r = '-'
		case r == '\u00a0':
			r = ' '
		case r == utf8.RuneError:
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func prepare(words []string, out []token) []token {
	out = out[:0]
	for _, w := range words {
		var t token
		t.word = normalize(w)
		if t.word == "" {
			t.word = "<empty>"
		}
		t.lower = strings.ToLower(t.word)
		var sh, short []byte
		var last byte
		run := 0
		first := true
		allCaps, hasUpper := true, false
		for _, r := range t.word {
			var c byte
			switch {
			case unicode.IsUpper(r):
				c = 'X'
				hasUpper = true
				t.flags |= fAlnum
			case unicode.IsLetter(r):
				c = 'x'
				allCaps = false
				t.flags |= fHasLower | fAlnum
			case unicode.IsDigit(r):
				c = 'd'
				t.flags |= fHasDigit | fAlnum
			case r < utf8.RuneSelf:
				c = byte(r)
				if r == '-' {
					t.flags |= fHasHyphen
				} else if r == '.' {
					t.flags |= fHasPeriod
				}
			default:
				c = '?'
			}
			if first && c == 'X' {
				t.flags |= fInitCap
			}
			first = false
			if c == last {
				run++
			} else {
				run = 1
				short = append(short, c)
			}
			if run <= 4 {
				sh = append(sh, c)
			}
			last = c
		}
		if allCaps && hasUpper {
			t.flags |= fAllCaps
		}
		if len(sh) > 12 {
			sh = sh[:12]
		}
		t.shape, t.short = string(sh), string(short)
		out = append(out, t)
	}
	return out
}

// sentenceAllCaps reports whether a sentence is a shouted headline: most of
// its words with letters are in capitals, so case says little.
func sentenceAllCaps(toks []token) bool {
	letters, caps := 0, 0
	for _, t := range toks {
		if t.flags&(fHasLower|fAllCaps) != 0 {
			letters++
			if t.flags&fAllCaps != 0 {
				caps++
			}
		}
	}
	return letters >= 2 && caps*10 >= letters*8
}

// sentenceTitleCase reports whether a sentence is a title-case headline
// ("Minister Meets Rebels In Capital"): nearly every word after the first
// starts with a capital, so again case says little.
func sentenceTitleCase(toks []token) bool {
	words, capped := 0, 0
	for i, t := range toks {
		if i == 0 || t.flags&(fHasLower|fAllCaps) == 0 {
			continue
		}
		words++
		if t.flags&fInitCap != 0 {
			capped++
		}
	}
	return words >= 3 && capped*10 >= words*8
}

// extractor holds per-call scratch space; one per goroutine.
type extractor struct {
	toks []token
	gaz  []gazHit
	feat [][]uint64
	buf  []uint64
	caps byte // 1: the last sentence was all caps, 2: title case
}

var padBefore = []token{{word: "<s>", lower: "<s>", shape: "<s>", short: "<s>"}, {word: "<s2>", lower: "<s2>", shape: "<s2>", short: "<s2>"}}
var padAfter = []token{{word: "</s>", lower: "</s>", shape: "</s>", short: "</s>"}, {word: "</s2>", lower: "</s2>", shape: "</s2>", short: "</s2>"}}

// resources are what feature extraction reads besides the words: word
// statistics counted on the training text and the gazetteers. A model
// keeps the ones it was trained with.
type resources struct {
	stats *wordStats
	lex   *lexicon
}

// features fills e.feat[i] with the feature hashes of token i.
func (e *extractor) features(words []string, res *resources) [][]uint64 {
	e.toks = prepare(words, e.toks)
	toks := e.toks
	n := len(toks)
	stats := res.stats
	e.gaz = res.lex.match(toks, e.gaz)
	caps := byte(0)
	switch {
	case sentenceAllCaps(toks):
		caps = 1
	case sentenceTitleCase(toks):
		caps = 2
	}
	e.caps = caps
	at := func(i int) *token {
		switch {
		case i < 0:
			return &padBefore[min(-i-1, 1)]
		case i >= n:
			return &padAfter[min(i-n, 1)]
		}
		return &toks[i]
	}
	e.buf = e.buf[:0]
	if cap(e.feat) < n {
		e.feat = make([][]uint64, n)
	}
	e.feat = e.feat[:n]
	starts := make([]int, n+1)
	for i := 0; i < n; i++ {
		starts[i] = len(e.buf)
		t := &toks[i]
		add := func(h uint64) { e.buf = append(e.buf, h) }
		add(fstart(tBias))
		add(fstr(fstart(tWord), t.word))
		add(fstr(fstart(tLower), t.lower))
		add(fstr(fstart(tShape), t.shape))
		add(fstr(fstart(tShort), t.short))
		lw := t.lower
		for k := 1; k <= 4 && k <= len(lw); k++ {
			add(fstr(fbyte(fstart(tPrefix), byte(k)), lw[:k]))
			add(fstr(fbyte(fstart(tSuffix), byte(k)), lw[len(lw)-k:]))
		}
		fl := t.flags
		initial := byte(0)
		if i == 0 {
			initial = 1
		}
		add(fbyte(fbyte(fstart(tFlags), fl), initial))
		add(fbyte(fbyte(fstart(tFlags), fl&(fInitCap|fAllCaps)), initial|2))
		for _, off := range [...]int{-2, -1, 1, 2} {
			o := at(i + off)
			add(fstr(fbyte(fstart(tWin), byte(off+2)), o.lower))
			add(fstr(fbyte(fstart(tWinSh), byte(off+2)), o.short))
		}
		p, nx := at(i-1), at(i+1)
		add(fstr(fstr(fbyte(fstart(tBigram), 0), p.lower), t.lower))
		add(fstr(fstr(fbyte(fstart(tBigram), 1), t.lower), nx.lower))
		add(fstr(fstr(fstr(fstart(tShape3), p.short), t.short), nx.short))
		add(fstr(fstr(fstart(tPrevWordShape), p.lower), t.short))
		add(fstr(fstr(fstart(tShapeNextWord), t.short), nx.lower))
		add(fstr(fbyte(fstart(tWinWord), 0), p.word))
		add(fstr(fbyte(fstart(tWinWord), 1), nx.word))
		add(fstr(fstr(fstart(tSkip), p.lower), nx.lower))
		if i == 0 {
			add(fstr(fstart(tInitWord), t.word))
		}
		// Three words out: "talks in the northern city of Kandahar".
		add(fstr(fbyte(fstart(tWin), 10), at(i-3).lower))
		add(fstr(fbyte(fstart(tWin), 11), at(i+3).lower))
		ws := stats.get(t.lower)
		add(fbyte(fbyte(fstart(tFreq), ws.freq), fl&(fInitCap|fAllCaps)))
		add(fbyte(fbyte(fbyte(fstart(tCase), ws.caseProfile), fl&(fInitCap|fAllCaps)), initial))
		ps, ns := stats.get(p.lower), stats.get(nx.lower)
		add(fbyte(fbyte(fbyte(fstart(tWinCase), 0), ps.caseProfile), p.flags&fInitCap))
		add(fbyte(fbyte(fbyte(fstart(tWinCase), 1), ns.caseProfile), nx.flags&fInitCap))
		if caps != 0 {
			add(fstr(fbyte(fstart(tCapsSent), caps), t.short))
			add(fbyte(fbyte(fbyte(fstart(tCapsSent), caps), ws.caseProfile), ws.freq))
			add(fstr(fbyte(fbyte(fstart(tCapsSent), caps), 1), t.lower))
			add(fbyte(fbyte(fbyte(fstart(tCapsSent), caps), 2), ps.caseProfile))
			add(fbyte(fbyte(fbyte(fstart(tCapsSent), caps), 3), ns.caseProfile))
		}
		if n <= 3 {
			add(fstr(fbyte(fstart(tLen), byte(n)), t.short))
		}
		for _, g := range e.gaz {
			switch {
			case g.start <= i && i < g.end:
				pos := byte('I')
				switch {
				case g.end-g.start == 1:
					pos = 'U'
				case i == g.start:
					pos = 'B'
				case i == g.end-1:
					pos = 'L'
				}
				add(fbyte(fbyte(fstart(tGaz), g.cat), pos))
				add(fbyte(fbyte(fbyte(fstart(tGaz), g.cat), pos), fl&(fInitCap|fAllCaps)))
				if g.end-g.start > 1 {
					add(fbyte(fbyte(fstart(tGazSpan), g.cat), byte(min(g.end-g.start, 4))))
				}
			case g.end == i:
				add(fbyte(fbyte(fstart(tGazWin), g.cat), 0))
			case g.start == i+1:
				add(fbyte(fbyte(fstart(tGazWin), g.cat), 1))
			case g.end == i-1:
				add(fbyte(fbyte(fstart(tGazWin), g.cat), 2))
			case g.start == i+2:
				add(fbyte(fbyte(fstart(tGazWin), g.cat), 3))
			}
		}
	}
	starts[n] = len(e.buf)
	for i := 0; i < n; i++ {
		e.feat[i] = e.buf[starts[i]:starts[i+1]:starts[i+1]]
	}
	return e.feat
}
