package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// gluedWords are the lowercase words scraping glues to an outlet's name
// when a credit line and the next sentence lose the space between them:
// "China Dailythe".
var gluedWords = set("the a an and of in on at to for from with by said says reported reports is was has had")

// unglue splits a news outlet's name from the word scraping glued to it:
// "ReutersMusk" is "Reuters" and "Musk", "China Dailythe" is "China",
// "Daily" and "the". The outlet's part must be a media name of the
// gazetteer, alone or with up to two tokens before it; the rest a
// capitalized word of three letters or more, or a glued function word. A
// token the gazetteer knows whole ("CNNMoney" would be, if listed) stays.
func unglue(lex *lexicon.Lexicon, ts []text.Token) []text.Token {
	var out []text.Token
	for i, t := range ts {
		if p := gluedSentenceAt(t); p > 0 {
			// "… of Emperor Kanmu.The emperor …": scraping dropped the
			// space after a full stop; the stop ends a name, not part of it.
			out = append(out,
				text.Token{Text: t.Text[:p], Span: graph.Span{Start: t.Span.Start, End: t.Span.Start + p}, Kind: t.Kind},
				text.Token{Text: ".", Span: graph.Span{Start: t.Span.Start + p, End: t.Span.Start + p + 1}, Kind: text.Punct},
				text.Token{Text: t.Text[p+1:], Span: graph.Span{Start: t.Span.Start + p + 1, End: t.Span.End}, Kind: t.Kind})
			continue
		}
		if p := gluedAt(lex, ts[:i], t.Text); p > 0 {
			out = append(out,
				text.Token{Text: t.Text[:p], Span: graph.Span{Start: t.Span.Start, End: t.Span.Start + p}, Kind: t.Kind},
				text.Token{Text: t.Text[p:], Span: graph.Span{Start: t.Span.Start + p, End: t.Span.End}, Kind: t.Kind})
			continue
		}
		out = append(out, t)
	}
	return out
}

// sentenceOpeners are the capitalized words that open a sentence glued to
// the one before by a full stop without a space: "… Kanmu.The …".
var sentenceOpeners = set("the a an he she it they we his her its their this that these those there " +
	"in on at after before during but and however meanwhile")

// gluedSentenceAt returns the byte offset of the full stop in a word token
// that runs two sentences together, "Kanmu.The", or 0: a lowercase letter
// (or closing quote) before the stop and a sentence opener after it. Initials
// and abbreviations ("U.S.", "St.Petersburg") are left alone: their part
// after the stop opens no sentence.
func gluedSentenceAt(t text.Token) int {
	if t.Kind != text.Word {
		return 0
	}
	p := strings.LastIndexByte(t.Text, '.')
	if p < 2 || p+2 >= len(t.Text) {
		return 0
	}
	rest := t.Text[p+1:]
	r, _ := utf8.DecodeRuneInString(rest)
	last, _ := utf8.DecodeLastRuneInString(t.Text[:p])
	if !unicode.IsUpper(r) || !unicode.IsLower(last) || !sentenceOpeners[strings.ToLower(rest)] {
		return 0
	}
	return p
}

// gluedAt returns the byte offset where an outlet's name glued to another
// word ends in w, or 0. before are the tokens before w.
func gluedAt(lex *lexicon.Lexicon, before []text.Token, w string) int {
	if len(w) < 5 || !utf8.ValidString(w) {
		return 0
	}
	if _, ok := lex.Org(w); ok {
		return 0
	}
	for p := len(w) - 2; p >= 2; p-- {
		if !utf8.RuneStart(w[p]) {
			continue
		}
		rest := w[p:]
		r, _ := utf8.DecodeRuneInString(rest)
		last, _ := utf8.DecodeLastRuneInString(w[:p])
		capWord := unicode.IsUpper(r) && unicode.IsLower(last) && len(rest) >= 3 && strings.IndexFunc(rest[1:], unicode.IsLower) >= 0
		if !capWord && !gluedWords[rest] {
			continue
		}
		name := w[:p]
		for k := 0; k <= 2 && k <= len(before); k++ {
			if k > 0 {
				name = before[len(before)-k].Text + " " + name
			}
			if o, ok := lex.Org(name); ok && o.Class == lexicon.Media {
				return p
			}
		}
	}
	return 0
}

// orgBeforeName returns where a person's name starts in a tagger span that
// runs a body of the gazetteer together with the name after it, behind a
// title: "Secretary-General of the United Nations Ann Ho" is the United
// Nations and Ann Ho. It returns i when the span is no such thing.
func (d *doc) orgBeforeName(s *sent, i, j int) int {
	k := i - 1
	if k >= 0 && s.toks[k].low == "the" {
		k--
	}
	if k < 1 || s.toks[k].low != "of" || !d.titleEndsAt(s, k) {
		return i
	}
	for c := j - 2; c > i; c-- {
		if _, ok := d.x.lex.Org(joinToks(s.toks[i:c])); !ok {
			continue
		}
		for _, t := range s.toks[c:j] {
			if t.kind != text.Word || !t.isCap() || !d.plainNameWord(t) || orgHeads[t.low] || genericNames[t.low] {
				return i
			}
		}
		return c
	}
	return i
}

// titleEndsAt reports whether the words just before token k form a title
// ("Secretary General", "Director-General").
func (d *doc) titleEndsAt(s *sent, k int) bool {
	for w := 1; w <= 3 && k-w >= 0; w++ {
		if d.x.lex.IsTitle(lowJoin(s.toks[k-w : k])) {
			return true
		}
	}
	return false
}

// ownerBeforeName returns where a person's name starts in a tagger span
// that runs the country or body of a title before it together with the
// name, and the type of what comes first; i when it does not.
func (d *doc) ownerBeforeName(s *sent, i, j int) (int, graph.EntityType) {
	if c := d.countryBeforeName(s, i, j); c > i {
		return c, graph.Place
	}
	return d.orgBeforeName(s, i, j), graph.Organization
}
