package text

import (
	"html"
	"regexp"
	"strings"
)

// Markup left in scraped text: HTML elements, comments and entities, and
// terminal escape sequences. Only names of real HTML elements count as
// tags, so "a <b> c" is cleaned but "x <y and z> w" and "I <3 it" are text.
var (
	// dropElementRe matches elements whose content is never text; they
	// break paragraphs. commentRe matches markup that vanishes.
	dropElementRe = regexp.MustCompile(`(?is)<(?:script|style|template)\b[^>]*>.*?</(?:script|style|template)\s*>`)
	commentRe     = regexp.MustCompile(`(?is)<!--.*?-->|<!\[CDATA\[.*?\]\]>|<!doctype[^>]*>`)
	entityRe      = regexp.MustCompile(`&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});`)
	ansiRe        = regexp.MustCompile("\x1b\\[[0-9;?]*[ -/]*[@-~]")
)

// htmlElements are the element names whose tags are markup, not text.
var htmlElements = wordSet("a", "abbr", "address", "article", "aside", "b", "big", "blockquote",
	"body", "br", "button", "caption", "center", "cite", "code", "dd", "del", "details", "div", "dl",
	"dt", "em", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
	"head", "header", "hr", "html", "i", "iframe", "img", "input", "ins", "label", "li", "link",
	"main", "mark", "meta", "nav", "noscript", "ol", "p", "picture", "pre", "q", "s", "section",
	"small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
	"tfoot", "th", "thead", "time", "title", "tr", "tt", "u", "ul", "video")

// blockElements end a paragraph: their tags become line breaks.
var blockElements = wordSet("address", "article", "aside", "blockquote", "body", "br", "caption",
	"center", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer", "form",
	"h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "nav",
	"ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
	"title", "tr", "ul")

// stripMarkup removes HTML tags, comments, scripts and styles, decodes
// HTML entities and drops terminal escape sequences. Block-level tags
// become paragraph breaks; inline tags vanish. Text without '<', '&' or
// ESC is returned as is.
func stripMarkup(s string) string {
	if !strings.ContainsAny(s, "<&\x1b") {
		return s
	}
	if strings.IndexByte(s, 0x1b) >= 0 {
		s = ansiRe.ReplaceAllString(s, "")
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = commentRe.ReplaceAllString(s, "")
		s = dropElementRe.ReplaceAllString(s, "\n\n")
		s = stripTags(s)
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = entityRe.ReplaceAllStringFunc(s, func(e string) string {
			u := html.UnescapeString(e)
			if u == "\u00a0" {
				return " "
			}
			return u
		})
	}
	return s
}

// stripTags removes the tags of known HTML elements; block-level ones
// become paragraph breaks, <br> a line break. A tag runs from '<' to the
// next '>', with no '<' between; the positions of the next '<' and '>' are
// kept, so any text costs linear time.
func stripTags(s string) string {
	var b strings.Builder
	last, gt := 0, -1
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		lt := len(s) // the next '<' after i
		if k := strings.IndexByte(s[i+1:], '<'); k >= 0 {
			lt = i + 1 + k
		}
		if gt <= i {
			gt = len(s)
			if k := strings.IndexByte(s[i:], '>'); k >= 0 {
				gt = i + k
			}
		}
		name, ok := tagName(s[i:min(gt+1, len(s))])
		if !ok || gt >= lt {
			i = lt
			continue
		}
		if last == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		switch {
		case name == "br":
			b.WriteByte('\n')
		case blockElements[name]:
			b.WriteString("\n\n")
		}
		i, last = gt+1, gt+1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// tagName returns the lowercase element name of tag ("<p class=x>",
// "</B>", "<br/>"), and whether it is a known element followed by '>', '/'
// or a space.
func tagName(tag string) (string, bool) {
	j := 1
	if j < len(tag) && tag[j] == '/' {
		j++
	}
	n := j
	for n < len(tag) && n-j < 12 && isASCIIAlnum(rune(tag[n])) {
		n++
	}
	if n == j || n == len(tag) {
		return "", false
	}
	switch tag[n] {
	case '>', '/', ' ', '\t', '\n', '\r':
	default:
		return "", false
	}
	name := strings.ToLower(tag[j:n])
	return name, htmlElements[name]
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
