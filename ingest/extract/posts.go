package extract

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// postSignLine is the line that closes a social-media post embedded in a
// page: a dash, the author's display name, the handle in brackets and,
// often, the date ("… — A B (@ab) March 3, 2024"). What stands before it,
// in the same paragraph, is the post: the author's own words.
var postSignLine = regexp.MustCompile(`(?:^|\s)[—–-]{1,2}\s*([^\s()@—–][^()@\n—–]{0,60}?)\s*\(@\w{1,30}\)([^()\n]{0,40})$`)

// postSign is the signature closing a post, as offsets into the string it
// was found in: where it starts (the post's words end there), the
// author's display name [nameStart, nameEnd) and where the handle's
// bracket closes (a date may follow).
type postSign struct {
	start, nameStart, nameEnd, handleEnd int
}

// findPostSign finds the signature line that ends s: the one place the
// extraction recognises a post's signature (its words, its author, its
// day, and a signature read as a credit, not as people of the story).
func findPostSign(s string) (postSign, bool) {
	if !strings.Contains(s, "(@") {
		return postSign{}, false // the handle the line needs: no regexp to run
	}
	loc := postSignLine.FindStringSubmatchIndex(s)
	if loc == nil {
		return postSign{}, false
	}
	return postSign{start: loc[0], nameStart: loc[2], nameEnd: loc[3], handleEnd: loc[4]}, true
}

// postTail is what a post carries after its words and before the
// signature: hashtags, links to attached pictures or pages.
var postTail = regexp.MustCompile(`(?:\s*(?:#\w+|pic\.twitter\.com/\S+|https?://\S+))+\s*$`)

// embeddedPosts reads each paragraph that is an embedded post, signed by a
// named person or organization, as that author's statement.
func (d *doc) embeddedPosts() {
	var poster *entity // the author of the posts signed so far
	var prev []*sent   // the paragraph before
	for _, para := range d.paragraphs() {
		if d.expired() {
			return
		}
		above := prev
		prev = para
		first, last := para[0], para[len(para)-1]
		start, end := first.span.Start, last.span.End
		if end-start > 600 {
			continue // a post is short; a long paragraph only cites a handle
		}
		body := d.text[start:end]
		if !strings.Contains(body, "@") {
			continue
		}
		var author *entity
		cut := len(body)
		if sg, ok := findPostSign(body); ok {
			author, cut = d.postAuthor(para, start+sg.nameStart, start+sg.nameEnd), sg.start
			poster = author
		} else if unsignedPost(para) {
			// One more post of the account whose posts the page has been
			// showing, its signature cut off.
			author = poster
		}
		if author == nil {
			continue
		}
		words := strings.TrimSpace(postTail.ReplaceAllString(body[:cut], ""))
		var ev []graph.Evidence
		if len(strings.Fields(words)) == 0 && above != nil && above[0].para == first.para-1 {
			// The signature on a line of its own: the paragraph right
			// above it is the post.
			a, b := above[0].span.Start, above[len(above)-1].span.End
			if b-a <= 600 && !quotedParagraph(above) {
				words = strings.TrimSpace(postTail.ReplaceAllString(d.text[a:b], ""))
				for _, s := range above {
					ev = append(ev, s.evidence())
				}
			}
		}
		if len(strings.Fields(words)) < 3 {
			continue
		}
		for _, s := range para {
			ev = append(ev, s.evidence())
		}
		d.statements = append(d.statements, graph.StatementClaim{
			Speaker: author.bestForm(), Text: words, Direct: true, Evidence: ev,
		})
	}
}

// postAuthor is the person or organization mentioned between offsets a and
// b of the text (a post's signature), or the one the article names so,
// or nil.
func (d *doc) postAuthor(para []*sent, a, b int) *entity {
	for _, s := range para {
		for _, m := range s.ments {
			if m.ent == nil || m.typ != graph.Person && m.typ != graph.Organization {
				continue
			}
			if sp := s.toks[m.a].span.Start; sp >= a && s.toks[m.b-1].span.End <= b {
				return m.ent
			}
		}
	}
	name := strings.TrimSpace(d.text[a:b])
	for _, t := range []graph.EntityType{graph.Person, graph.Organization} {
		if e := d.entityNamed(t, name); e != nil {
			return e // a signature read as a credit keeps no mention
		}
	}
	return nil
}

// unsignedPost reports whether a paragraph reads as a post in the first
// person that tags an account ("@name") and quotes no one: "Touring the
// site with @name today: my thanks to …".
func unsignedPost(para []*sent) bool {
	tagged, first := false, false
	for _, s := range para {
		for i, t := range s.toks {
			switch {
			case t.kind == text.Quote && t.low != "'" && t.low != "’":
				return false // an apostrophe is no quote mark
			case t.low == "@" || strings.HasPrefix(t.low, "@"):
				tagged = tagged || i+1 < len(s.toks) || len(t.low) > 1
			case firstPersonWord(t):
				first = true
			}
		}
	}
	return tagged && first
}

// quotedParagraph reports whether para opens with a quotation mark: a
// quote of the story, not a post.
func quotedParagraph(para []*sent) bool {
	t := para[0].toks
	return len(t) > 0 && t[0].kind == text.Quote
}
