package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// item is a paragraph while Clean decides what it is.
type item struct {
	text   string
	kind   ParaKind
	reason string // why it is Boilerplate
	credit bool   // a photo credit line: the paragraph before it is a caption
}

// Clean normalizes body, removes page boilerplate, finds the title and the
// publication date, and returns the article as a Doc. h supplies the title
// and date when the article has a header; Clean then uses them first.
//
// Normalization: HTML tags, comments and scripts left in the text are
// removed (block-level tags break paragraphs) and entities decoded; line
// breaks become "\n", control characters, terminal escapes and zero-width
// characters are dropped, other spaces (tabs, no-break spaces) become " ",
// runs of spaces shrink to one, and hard-wrapped lines are joined. Each
// remaining line is a paragraph.
func Clean(body string, h source.Header) (*Doc, error) {
	items := make([]item, 0, 32)
	for _, p := range paragraphs(normalize(stripMarkup(body))) {
		items = append(items, item{text: p})
	}
	d := &Doc{}
	c := cleaner{items: items, doc: d, title: normalize(stripMarkup(h.Title))}
	if h.Published != "" {
		if date, ok := ParseDate(h.Published); ok {
			d.Published = date
		}
	}
	c.run()
	if d.Published.IsZero() {
		// Many sites write the publication day into the address:
		// ".../2024/11/23/story-name".
		if date, ok := urlDate(h.URL); ok {
			d.Published, d.PublishedFromURL = date, true
		}
	}
	if err := c.compose(); err != nil {
		return nil, err
	}
	return d, nil
}

type cleaner struct {
	items []item
	doc   *Doc
	title string // header title, normalized; may be ""
	// titleItem is the index of the title paragraph, or -1.
	titleItem int
	// datelineItem is the paragraph whose dateline gave Published, or -1.
	datelineItem  int
	datelineMatch dateMatch
}

func (c *cleaner) drop(i int, reason string) {
	c.items[i].kind = Boilerplate
	c.items[i].reason = reason
}

func (c *cleaner) run() {
	c.titleItem, c.datelineItem = -1, -1
	var updated dateMatch
	// lineDay is whether Published came from a date line without a time
	// of day, which a later stamp with one replaces (see dateLine).
	lineDay := false
	for i := range c.items {
		it := &c.items[i]
		reason, credit := boilerplate(it.text)
		if reason != "" {
			c.drop(i, reason)
			it.credit = credit
		}
		if reason != "" && reason != "menu" && reason != "byline" {
			continue
		}
		// A byline or a "|"-separated line may carry the date:
		// "By Jane Doe | March 5, 2025 | 6 min read".
		if m, upd, timed, ok := dateLine(it.text); ok {
			if reason == "" {
				c.drop(i, "date line")
			}
			switch {
			case !m.Valid:
			case upd:
				if updated.Date.IsZero() {
					updated = m
				}
			case c.doc.Published.IsZero() || lineDay && timed:
				c.doc.Published = m.Date
				lineDay = !timed
			}
		}
	}
	c.pageFooter()
	c.findTitle()
	c.duplicates()
	for i := range c.items {
		it := &c.items[i]
		if it.kind != Body {
			continue
		}
		switch {
		case isCaption(it.text) || (i+1 < len(c.items) && c.items[i+1].credit && sentenceLike(it.text)):
			it.kind = Caption
		case isHeading(it.text):
			it.kind = Heading
		}
	}
	c.demoteHeadings()
	if c.doc.Published.IsZero() {
		c.findDateline()
	}
	if c.doc.Published.IsZero() {
		c.doc.Published = updated.Date
	}
}

// demoteHeadings turns headings into body text when there is no other
// prose: a one-line article is a statement, not a section label.
func (c *cleaner) demoteHeadings() {
	for _, it := range c.items {
		if it.kind == Body || it.kind == Caption {
			return
		}
	}
	for i := range c.items {
		if c.items[i].kind == Heading {
			c.items[i].kind = Body
		}
	}
}

// pageFooter drops an end-of-page block: a bare "About Us", "Related
// Posts" or similar line after the story has started, and all after it.
func (c *cleaner) pageFooter() {
	seenBody := false
	for i := range c.items {
		it := &c.items[i]
		if it.kind == Boilerplate && it.reason != "site chrome" {
			continue
		}
		if seenBody && len(it.text) <= 40 && footerMarkers[lineKey(it.text)] {
			for j := i; j < len(c.items); j++ {
				if c.items[j].kind != Boilerplate {
					c.drop(j, "page footer")
				}
			}
			return
		}
		if it.kind == Body && sentenceLike(it.text) {
			seenBody = true
		}
	}
}

// findTitle marks the title paragraph: the first paragraph when it matches
// the header title or, without a header title, when it is a short line that
// is not a sentence.
func (c *cleaner) findTitle() {
	first := -1
	for i, it := range c.items {
		if it.kind != Boilerplate {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	p := c.items[first].text
	switch {
	case c.title != "":
		c.doc.Title = c.title
		if titleKey(p) == titleKey(c.title) {
			c.items[first].kind = Title
			c.titleItem = first
		}
	case titleLike(p) && first+1 < len(c.items):
		c.doc.Title = p
		c.items[first].kind = Title
		c.titleItem = first
	}
}

// duplicates drops exact repeats of an earlier paragraph and repeats of the
// title anywhere after it.
func (c *cleaner) duplicates() {
	seen := make(map[string]bool, len(c.items))
	tk := titleKey(c.doc.Title)
	for i := range c.items {
		it := &c.items[i]
		if it.kind == Boilerplate {
			continue
		}
		k := dupKey(it.text)
		switch {
		case seen[k]:
			c.drop(i, "duplicate")
		case i != c.titleItem && tk != "" && titleKey(it.text) == tk:
			c.drop(i, "title repeat")
		default:
			seen[k] = true
		}
	}
}

// findDateline takes Published from a dateline that opens one of the first
// paragraphs of the story ("June 21, 2023: On Monday, ...").
func (c *cleaner) findDateline() {
	n := 0
	for i, it := range c.items {
		if it.kind != Body {
			continue
		}
		if m, ok := dateline(it.text); ok {
			c.doc.Published = m.Date
			c.datelineItem, c.datelineMatch = i, m
			return
		}
		if n++; n == 3 {
			return
		}
	}
}

// compose writes Doc.Text from the kept paragraphs, the header title first
// when the text does not start with it.
func (c *cleaner) compose() error {
	d := c.doc
	var b strings.Builder
	add := func(s string, k ParaKind) graph.Span {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		sp := graph.Span{Start: b.Len(), End: b.Len() + len(s)}
		b.WriteString(s)
		d.Paragraphs = append(d.Paragraphs, Paragraph{Span: sp, Kind: k})
		return sp
	}
	if c.title != "" && c.titleItem < 0 {
		add(c.title, Title)
	}
	body := 0
	for i, it := range c.items {
		if it.kind == Boilerplate {
			d.Removed = append(d.Removed, Removed{Text: it.text, Reason: it.reason})
			continue
		}
		if it.kind == Body || it.kind == Caption {
			body++
		}
		sp := add(it.text, it.kind)
		if i == c.datelineItem {
			d.PublishedSpan = &graph.Span{Start: sp.Start + c.datelineMatch.Start, End: sp.Start + c.datelineMatch.End}
		}
	}
	if body == 0 {
		if len(c.items) == 0 {
			return noText("nothing left after removing markup, control and invisible characters")
		}
		first := c.items[0].kind.String()
		if r := c.items[0].reason; r != "" {
			first += ", " + r
		}
		return noText("all %d paragraphs are boilerplate or headings (the first: %s)", len(c.items), first)
	}
	d.Text = b.String()
	return nil
}

// normalize cleans characters and spacing, line by line. It never leaves
// spaces at the ends of lines, nor more than one blank line in a row.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, newlines := false, 0
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		w = 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			r = '\n'
		case r == '\u2028' || r == '\u2029' || r == '\f' || r == '\v':
			r = '\n'
		case r == utf8.RuneError && w == 1:
			continue
		}
		switch {
		case r == '\n':
			space = false
			newlines++
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r) || invisible(r):
			continue
		}
		if b.Len() > 0 {
			switch {
			case newlines >= 2:
				b.WriteString("\n\n")
			case newlines == 1:
				b.WriteByte('\n')
			case space:
				b.WriteByte(' ')
			}
		}
		space, newlines = false, 0
		b.WriteRune(r)
	}
	return b.String()
}

// invisible reports format characters that only affect rendering.
func invisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f':
		return true
	}
	return false
}

// paragraphs splits normalized text into paragraphs: each line is one,
// except that lines of a hard-wrapped block are joined.
func paragraphs(s string) []string {
	var out []string
	for _, block := range strings.Split(s, "\n\n") {
		lines := strings.Split(block, "\n")
		fixed := fixedWidth(lines)
		// Joined lines are collected by index, not by string concatenation,
		// so a block of many wrapped lines costs linear time.
		first := 0
		flush := func(end int) {
			if p := strings.Join(lines[first:end], " "); p != "" {
				out = append(out, p)
			}
		}
		for i := 1; i < len(lines); i++ {
			if wrapped(lines[i-1], lines[i], fixed) {
				continue
			}
			flush(i)
			first = i
		}
		flush(len(lines))
	}
	return out
}

// wrapped reports whether next continues prev: the break falls inside a
// sentence, or the block is wrapped at a fixed width (see fixedWidth) and
// prev does not end one.
func wrapped(prev, next string, fixed bool) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune(".!?:\"”’)|", last) {
		return false
	}
	return fixed || unicode.IsLower(first) || last == ',' || last == '-'
}

// fixedWidth reports a block with the even line lengths of text wrapped at
// a fixed width: three or more lines, all but the last of 50 to 100
// characters.
func fixedWidth(lines []string) bool {
	if len(lines) < 3 {
		return false
	}
	for _, l := range lines[:len(lines)-1] {
		if n := utf8.RuneCountInString(l); n < 50 || n > 100 {
			return false
		}
	}
	return true
}
