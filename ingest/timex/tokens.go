package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// token is a run of letters and digits, or a single other rune, with its
// byte offsets into the sentence.
type token struct {
	start, end int
	low        string // lower-cased text
	num        int    // value of a number token
	digits     uint8  // number of digits of a number token
	kind       tokKind
	ord        bool // number with an ordinal suffix: 19th
	upper      bool // first rune is upper case
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenize splits s into tokens; spaces separate tokens and are dropped.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isAlnum(r):
			j := i + size
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !isAlnum(r2) {
					break
				}
				j += sz
			}
			toks = append(toks, wordToken(s, i, j))
			i = j
		default:
			toks = append(toks, token{start: i, end: i + size, low: s[i : i+size], kind: tPunct})
			i += size
		}
	}
	return toks
}

func wordToken(s string, i, j int) token {
	text := s[i:j]
	t := token{start: i, end: j, low: strings.ToLower(text), kind: tWord}
	r, _ := utf8.DecodeRuneInString(text)
	t.upper = unicode.IsUpper(r)
	n := 0
	for n < len(text) && text[n] >= '0' && text[n] <= '9' {
		n++
	}
	if n == 0 || n > 9 {
		return t
	}
	switch suffix := t.low[n:]; {
	case suffix == "":
	case n <= 2 && (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th"):
		t.ord = true
	default:
		return t
	}
	v := 0
	for _, c := range text[:n] {
		v = v*10 + int(c-'0')
	}
	t.kind, t.num, t.digits = tNum, v, uint8(n)
	return t
}
