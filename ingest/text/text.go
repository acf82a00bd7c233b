// Package text turns a raw scraped article into clean text and splits it
// into paragraphs, sentences and tokens. Scraped pages mix the story with
// menus, photo credits, social footers and repeated lines; Clean keeps the
// story (captions included, since they carry facts) and marks titles and
// section headings, and every later stage points into the cleaned text by
// byte offsets (graph.Span), so evidence can always be quoted exactly.
package text

import (
	"fmt"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// noTextError is why Clean found no article text. It wraps
// source.ErrNoText, the one sentinel for input without text, so callers
// test errors.Is(err, source.ErrNoText) whichever stage found it.
type noTextError struct{ reason string }

func (e *noTextError) Error() string { return "no article text: " + e.reason }

// Unwrap returns source.ErrNoText.
func (e *noTextError) Unwrap() error { return source.ErrNoText }

func noText(format string, args ...any) error {
	return &noTextError{reason: fmt.Sprintf(format, args...)}
}

// ParaKind is what a paragraph of an article is.
type ParaKind uint8

// Paragraph kinds. Boilerplate paragraphs are removed from Doc.Text and only
// reported in Doc.Removed.
const (
	Body ParaKind = iota
	Title
	Caption
	Heading
	Boilerplate
)

var paraKindNames = [...]string{"body", "title", "caption", "heading", "boilerplate"}

func (k ParaKind) String() string {
	if int(k) < len(paraKindNames) {
		return paraKindNames[k]
	}
	return fmt.Sprintf("ParaKind(%d)", k)
}

// MarshalText implements encoding.TextMarshaler.
func (k ParaKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Prose reports whether paragraphs of kind k are made of sentences that
// state facts: body text, captions and the title.
func (k ParaKind) Prose() bool { return k == Body || k == Caption || k == Title }

// Paragraph is one paragraph of Doc.Text.
type Paragraph struct {
	Span graph.Span
	Kind ParaKind
}

// Removed is a paragraph Clean dropped, and why.
type Removed struct {
	Text   string
	Reason string
}

// Doc is a cleaned article. Every span in it, and in the sentences and
// tokens derived from it, is a byte range of Text.
type Doc struct {
	Text      string
	Title     string     // from the header, else found in the text; may be ""
	Published graph.Date // zero when unknown
	// PublishedSpan is where Published is written in Text (a dateline),
	// or nil when it came from the header or a date line Clean removed.
	PublishedSpan *graph.Span
	// PublishedFromURL is whether Published is only the day the site wrote
	// into the article's address: the page itself shows no date.
	PublishedFromURL bool
	Paragraphs       []Paragraph // in order, separated in Text by "\n\n"
	Removed          []Removed   // boilerplate that is not in Text, in order
}

// Para returns the text of paragraph i.
func (d *Doc) Para(i int) string {
	s := d.Paragraphs[i].Span
	return d.Text[s.Start:s.End]
}
