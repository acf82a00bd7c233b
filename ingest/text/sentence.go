package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
)

// Sentence is one sentence of a Doc. Text == Doc.Text[Span.Start:Span.End].
type Sentence struct {
	Span graph.Span
	Text string
	Para int      // index into Doc.Paragraphs
	Kind ParaKind // the paragraph's kind
}

// Abbreviations that end with a period. The period of a title before a name
// never ends a sentence; after the others it does when a word that opens
// sentences follows ("... of Apple Inc. The deal ...").
var (
	nameTitles = wordSet("mr", "mrs", "ms", "messrs", "dr", "prof", "gov", "sen", "rep", "gen", "lt",
		"col", "capt", "cpt", "sgt", "maj", "adm", "cmdr", "cdr", "brig", "rev", "hon", "pres",
		"supt", "det", "insp", "atty", "amb", "fr", "sr", "jr", "st", "mt", "ft", "vs", "v",
		"e.g", "i.e", "cf", "approx", "fig", "vol", "pp", "no", "nos", "art", "op", "dept",
		"ave", "blvd", "rd", "inc", "corp", "co", "ltd", "plc", "bros", "llc", "est", "etc",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"a.m", "p.m", "u.s", "u.k", "u.n", "e.u")
	// mayEnd are the abbreviations above that often end sentences.
	mayEnd = wordSet("sr", "jr", "st", "inc", "corp", "co", "ltd", "plc", "bros", "llc", "etc",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"a.m", "p.m", "no", "est", "dept", "ave", "blvd", "rd")
	// sentenceStarters are capitalized words that open sentences and rarely
	// follow an abbreviation inside one.
	sentenceStarters = wordSet("the", "a", "an", "he", "she", "it", "they", "we", "i", "you",
		"his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those",
		"there", "here", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "with", "as",
		"after", "before", "when", "while", "if", "although", "though", "however", "meanwhile",
		"also", "then", "still", "now", "earlier", "later", "according", "what", "why", "how",
		"who", "where", "some", "many", "most", "both", "each", "all", "not", "such", "during",
		"since", "until", "under", "over", "from", "to", "asked", "speaking", "officials",
		"it's", "it’s", "he's", "he’s", "she's", "she’s", "there's", "there’s", "this", "one")
)

// MaxSentenceBytes caps the length of a sentence. Real sentences are far
// shorter (a long one in news is 400 bytes); a longer run of text without a
// sentence end (a list, a table flattened into a line, a pathological input)
// is cut into pieces of at most this size at spaces, so later stages, whose
// cost grows faster than a sentence's length, stay bounded.
const MaxSentenceBytes = 1500

// Sentences splits the prose paragraphs of d (body, captions, title) into
// sentences. Headings are left out: they are labels, not statements.
func Sentences(d *Doc) []Sentence {
	var out []Sentence
	for i, p := range d.Paragraphs {
		if !p.Kind.Prose() {
			continue
		}
		for _, sp := range splitSentences(d.Text[p.Span.Start:p.Span.End], p.Span.Start) {
			out = append(out, Sentence{Span: sp, Text: d.Text[sp.Start:sp.End], Para: i, Kind: p.Kind})
		}
	}
	return out
}

// SplitSentences splits s into sentences, with spans offset by base. It is
// the splitter Sentences uses on each paragraph.
func SplitSentences(s string, base int) []graph.Span { return splitSentences(s, base) }

func splitSentences(s string, base int) []graph.Span {
	var out []graph.Span
	emit := func(a, b int) {
		for a < b && isSpaceAt(s, a) {
			_, w := utf8.DecodeRuneInString(s[a:])
			a += w
		}
		for a < b {
			r, w := utf8.DecodeLastRuneInString(s[a:b])
			if !unicode.IsSpace(r) {
				break
			}
			b -= w
		}
		if a >= b {
			return
		}
		// Stray punctuation ("years. .") belongs to the sentence before.
		if n := len(out); n > 0 && base+b-out[n-1].Start <= MaxSentenceBytes && !strings.ContainsFunc(s[a:b], isAlnum) {
			out[n-1].End = base + b
			return
		}
		for b-a > MaxSentenceBytes {
			cut := cutAt(s, a, a+MaxSentenceBytes)
			out = append(out, graph.Span{Start: base + a, End: base + trimRightSpace(s, a, cut)})
			a = cut
			for a < b && isSpaceAt(s, a) {
				_, w := utf8.DecodeRuneInString(s[a:])
				a += w
			}
		}
		if a < b {
			out = append(out, graph.Span{Start: base + a, End: base + b})
		}
	}
	start := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			if r == '\n' { // a line break inside a paragraph ends a sentence
				emit(start, i)
				start = i + 1
			}
			i += w
			continue
		}
		// j: end of the run of terminators; k: after closing quotes.
		j := i
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if r != '.' && r != '!' && r != '?' && r != '…' {
				break
			}
			j += w
		}
		k := j
		closed := false
		for k < len(s) {
			r, w := utf8.DecodeRuneInString(s[k:])
			if !isCloser(r) {
				break
			}
			k += w
			closed = true
		}
		if k < len(s) && !isSpaceAt(s, k) {
			i = k // "U.S.-China", "a.m.," or a quote that opens
			continue
		}
		m := k
		for m < len(s) && isSpaceAt(s, m) {
			_, w := utf8.DecodeRuneInString(s[m:])
			m += w
		}
		if m >= len(s) {
			break
		}
		if boundary(s, i, j, m, closed) {
			emit(start, k)
			start = m
		}
		i = m
	}
	emit(start, len(s))
	// A closing parenthetical such as a caption's "(photo: ...)" belongs to
	// the sentence before.
	if n := len(out); n > 1 {
		last := s[out[n-1].Start-base : out[n-1].End-base]
		if strings.HasPrefix(last, "(") && strings.HasSuffix(last, ")") && strings.Count(last, " ") < 8 &&
			out[n-1].End-out[n-2].Start <= MaxSentenceBytes {
			out[n-2].End = out[n-1].End
			out = out[:n-1]
		}
	}
	return out
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// boundary decides whether the terminators s[i:j], followed by the next
// sentence candidate at s[m:], end a sentence.
func boundary(s string, i, j, m int, closed bool) bool {
	next, _ := utf8.DecodeRuneInString(s[m:])
	if unicode.IsLower(next) {
		return false // "... he said?" she asked; "e.g. the"
	}
	term := s[i:j]
	nextWord := wordAt(s, m)
	if strings.ContainsAny(term, "!?") {
		return true
	}
	if term != "." { // ellipsis: a new sentence only if it looks like one
		return unicode.IsUpper(next) || isOpener(next)
	}
	if closed {
		return true // `... he said."` ends the quote and the sentence
	}
	before := wordBefore(s, i)
	lower := strings.ToLower(before)
	switch {
	case before == "":
		return true
	case utf8.RuneCountInString(before) == 1 && unicode.IsUpper(firstRune(before)):
		// "in a post on X. Ruiz said": the platform, not an initial.
		if before == "X" && strings.EqualFold(lastWord(s[:i-1]), "on") {
			return true
		}
		// An initial ("J. K. Rowling"), unless a sentence clearly starts.
		return sentenceStarters[strings.ToLower(nextWord)]
	case isAcronym(before) || nameTitles[lower]:
		if unicode.IsDigit(next) {
			return false // "No. 5", "Jan. 6"
		}
		if mayEnd[lower] || isAcronym(before) {
			return sentenceStarters[strings.ToLower(nextWord)]
		}
		return false
	}
	return true
}

// wordBefore returns the word that ends at s[i] (a period's position),
// without leading punctuation: "U.S" in "(U.S.", "China" in "U.S.-China".
func wordBefore(s string, i int) string {
	a := i
	for a > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:a])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' {
			break
		}
		a -= w
	}
	return strings.TrimLeft(s[a:i], ".")
}

// lastWord returns the last word of s, spaces after it ignored.
func lastWord(s string) string {
	s = strings.TrimRight(s, " ")
	return s[strings.LastIndexAny(s, " \n\t")+1:]
}

// wordAt returns the word at s[m:], after opening quotes and brackets.
func wordAt(s string, m int) string {
	for m < len(s) {
		r, w := utf8.DecodeRuneInString(s[m:])
		if !isOpener(r) {
			break
		}
		m += w
	}
	e := m
	for e < len(s) {
		r, w := utf8.DecodeRuneInString(s[e:])
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			break
		}
		e += w
	}
	return s[m:e]
}

// isAcronym reports letters separated by periods: "U.S", "e.g", "a.m".
func isAcronym(w string) bool {
	if len(w) < 3 {
		return false
	}
	n := 0
	for _, r := range w {
		if n%2 == 0 && !unicode.IsLetter(r) || n%2 == 1 && r != '.' {
			return false
		}
		n++
	}
	return n%2 == 1
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '„':
		return true
	}
	return false
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// cutAt returns where to cut an overlong sentence that starts at s[a] so
// the piece ends by limit: after the last space in its second half, else
// at the last rune boundary before limit. The piece is never empty.
func cutAt(s string, a, limit int) int {
	for i := limit; i > a+(limit-a)/2; {
		r, w := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) {
			return i
		}
		i -= w
	}
	for i := limit; i > a; i-- {
		if utf8.RuneStart(s[i]) {
			return i
		}
	}
	_, w := utf8.DecodeRuneInString(s[a:])
	return a + w
}

// trimRightSpace returns the end of s[a:b] without trailing spaces.
func trimRightSpace(s string, a, b int) int {
	for b > a {
		r, w := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= w
	}
	return b
}
