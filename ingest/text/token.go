package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
)

// TokenKind is the class of a token.
type TokenKind uint8

// Token kinds.
const (
	Word   TokenKind = iota // letters, possibly with digits, "’s", "U.S.", "Mr."
	Number                  // starts with a digit: "35", "3.5", "1,000", "19th"
	Punct                   // . , ; : ! ? ( ) - — … and the like
	Quote                   // quotation marks, straight or curly, open or close
	Symbol                  // $ % & @ # + = © and other symbols
)

var tokenKindNames = [...]string{"word", "number", "punct", "quote", "symbol"}

func (k TokenKind) String() string {
	if int(k) < len(tokenKindNames) {
		return tokenKindNames[k]
	}
	return fmt.Sprintf("TokenKind(%d)", k)
}

// Token is a word, number or mark of text. Text == text[Span-base].
type Token struct {
	Text string
	Span graph.Span
	Kind TokenKind
}

// Tokenize splits text into tokens whose spans are offset by base (pass a
// sentence's Span.Start to get spans into Doc.Text).
//
// Possessive "'s" and "’s" are tokens of their own ("China’s" -> "China",
// "’s"). Abbreviations keep their period ("U.S.", "Mr.", "J."). Numbers
// keep their separators ("3.5", "1,000"). A hyphen splits a compound when
// both parts are capitalized or the first is a number ("U.S.-China" ->
// "U.S.", "-", "China"; "35-minute" -> "35", "-", "minute") and otherwise
// stays inside the word ("high-stakes").
func Tokenize(text string, base int) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	add := func(a, b int, k TokenKind) {
		toks = append(toks, Token{Text: text[a:b], Span: graph.Span{Start: base + a, End: base + b}, Kind: k})
	}
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			i = word(text, i, add)
		case r == '.' && strings.HasPrefix(text[i:], "..."):
			add(i, i+3, Punct)
			i += 3
		case isQuote(r):
			add(i, i+w, Quote)
			i += w
		case unicode.IsPunct(r):
			add(i, i+w, Punct)
			i += w
		case unicode.IsMark(r):
			i += w // a stray combining mark
		default:
			add(i, i+w, Symbol)
			i += w
		}
	}
	return toks
}

// word tokenizes the word that starts at text[i] and returns its end.
func word(text string, i int, add func(a, b int, k TokenKind)) int {
	// e: end of the chunk of letters and digits with inner connectors.
	e := i
	for e < len(text) {
		r, w := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			e += w
			continue
		}
		if !isConnector(r) || e+w >= len(text) {
			break
		}
		n, _ := utf8.DecodeRuneInString(text[e+w:])
		p, _ := utf8.DecodeLastRuneInString(text[i:e])
		ok := false
		switch {
		case r == ',':
			ok = unicode.IsDigit(p) && unicode.IsDigit(n)
		case r == '.':
			ok = unicode.IsDigit(p) && unicode.IsDigit(n) || unicode.IsLetter(p) && unicode.IsLetter(n)
		default: // hyphen, apostrophe
			ok = unicode.IsLetter(n) || unicode.IsDigit(n)
		}
		if !ok {
			break
		}
		e += w
	}
	// Split at hyphens between parts that are separate names or numbers.
	a := i
	for p := i; p < e; {
		r, w := utf8.DecodeRuneInString(text[p:])
		if isHyphen(r) && splitHyphen(text[a:p], text[p+w:e]) {
			piece(text, a, p, add)
			add(p, p+w, Punct)
			a = p + w
		}
		p += w
	}
	// The last part keeps the period of an abbreviation.
	if e < len(text) && text[e] == '.' && abbrev(text[a:e]) {
		e++
	}
	piece(text, a, e, add)
	return e
}

// piece adds one part of a word, splitting off a possessive "'s".
func piece(text string, a, b int, add func(a, b int, k TokenKind)) {
	if a >= b {
		return
	}
	s := text[a:b]
	for _, suf := range [...]string{"'s", "’s", "'S", "’S"} {
		if len(s) > len(suf) && strings.HasSuffix(s, suf) {
			add(a, b-len(suf), kindOf(s))
			add(b-len(suf), b, Word)
			return
		}
	}
	add(a, b, kindOf(s))
}

func kindOf(s string) TokenKind {
	if unicode.IsDigit(firstRune(s)) {
		return Number
	}
	return Word
}

// splitHyphen reports whether a hyphen between left and right (the text
// since the last split, and the rest of the chunk) separates two tokens.
func splitHyphen(left, right string) bool {
	if left == "" || right == "" {
		return false
	}
	l, r := firstRune(left), firstRune(right)
	if unicode.IsDigit(l) && isNumber(left) {
		return true
	}
	return unicode.IsUpper(l) && unicode.IsUpper(r)
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// abbrev reports a word that keeps its period: an initial, an acronym with
// periods, or a known abbreviation.
func abbrev(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		return unicode.IsUpper(firstRune(w))
	}
	return isAcronym(w) || nameTitles[strings.ToLower(w)] && unicode.IsLetter(firstRune(w))
}

func isConnector(r rune) bool {
	return r == '.' || r == ',' || r == '\'' || r == '’' || isHyphen(r)
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '„', '‟', '«', '»', '‹', '›', '`':
		return true
	}
	return false
}
