package text

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/source"
)

func TestStripMarkup(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraph tags", "<p>The mayor met the governor.</p><p>They agreed.</p>", "The mayor met the governor.\n\nThey agreed."},
		{"inline tags", `The <b>mayor</b> met <a href="/g?x=1&amp;y=2">the governor</a>.`, "The mayor met the governor."},
		{"line break", "one<br>two<br/>three<BR />", "one\ntwo\nthree"},
		{"entities", "Q&amp;A &ldquo;yes&rdquo; caf&#233; &#x2014; a&nbsp;b", "Q&A “yes” café — a b"},
		{"script, style, comment", "a<script>var p = '<p>';</script>b<style>p{}</style>c<!-- <p>x</p> -->d", "a\n\nb\n\ncd"},
		{"escaped tags stay text", "&lt;p&gt; is a tag", "<p> is a tag"},
		{"not tags", "x <y and z> w, I <3 it, a<b, AT&T, R&D &nope; &amp", "x <y and z> w, I <3 it, a<b, AT&T, R&D &nope; &amp"},
		{"terminal colours", "\x1b[1;31mred\x1b[0m text", "red text"},
		{"whole page", "<!DOCTYPE html><html><head><title>T</title></head><body><h1>H</h1><div>Body.</div></body></html>", "T\n\nH\n\nBody."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normalize(stripMarkup(tt.in)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCleanHTMLArticle(t *testing.T) {
	in := "<html><head><title>Mayor meets governor</title></head><body><h1>Mayor meets governor</h1>\n" +
		"<p>The mayor met the governor on Tuesday&nbsp;to discuss <b>flood defences</b>.</p>" +
		"<p>&ldquo;We agreed,&rdquo; the mayor said.</p></body></html>"
	d, err := Clean(in, source.Header{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(d.Text, "<>&") {
		t.Errorf("markup left in %q", d.Text)
	}
	if d.Title != "Mayor meets governor" {
		t.Errorf("title %q", d.Title)
	}
	if got := len(Sentences(d)); got != 3 {
		t.Errorf("%d sentences in %q, want 3 (title and two)", got, d.Text)
	}
}

func TestSentenceCap(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"words without a full stop", strings.Repeat("the minister met the envoy, ", 40_000)},
		{"one long word", strings.Repeat("x", 100_000)},
		{"multibyte without spaces", strings.Repeat("会谈富有成果", 20_000)},
		{"stray punctuation", "A sentence. " + strings.Repeat(". ", 50_000)},
		{"long parenthetical", "A sentence. (" + strings.Repeat("y", 3000) + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := SplitSentences(tt.in, 0)
			checkSpans(t, tt.in, spans)
			covered := 0
			for _, sp := range spans {
				covered += sp.End - sp.Start
			}
			if nonSpace := len(strings.ReplaceAll(tt.in, " ", "")); covered < nonSpace {
				t.Errorf("spans cover %d bytes, the text has %d besides spaces", covered, nonSpace)
			}
		})
	}
}

// checkSpans checks that sentence spans are ordered, non-empty, trimmed,
// on rune boundaries and at most MaxSentenceBytes long.
func checkSpans(t *testing.T, in string, spans []graph.Span) {
	t.Helper()
	last, valid := 0, utf8.ValidString(in)
	for _, sp := range spans {
		if sp.Start < last || sp.End <= sp.Start || sp.End > len(in) {
			t.Fatalf("span %v after %d in %d bytes", sp, last, len(in))
		}
		if n := sp.End - sp.Start; n > MaxSentenceBytes {
			t.Fatalf("span %v is %d bytes, cap %d", sp, n, MaxSentenceBytes)
		}
		s := in[sp.Start:sp.End]
		if s != strings.TrimSpace(s) || valid && (!isRuneStart(in, sp.Start) || !isRuneStart(in, sp.End)) {
			t.Fatalf("span %v: %.40q is not trimmed on rune boundaries", sp, s)
		}
		last = sp.End
	}
}

func isRuneStart(s string, i int) bool { return i == len(s) || i < len(s) && (s[i]&0xC0 != 0x80) }

// TestCleanLinear: many short hard-wrapped lines, joined into one
// paragraph, once took minutes (quadratic concatenation); text full of
// '<' must not make markup removal quadratic either.
func TestCleanLinear(t *testing.T) {
	for _, unit := range []string{"the minister met\n", strings.Repeat("w", 60) + "\n", "a <p '", "<", "<p x", "&amp;<b>"} {
		in := strings.Repeat(unit, 1<<20/len(unit))
		start := time.Now()
		d, err := Clean(in, source.Header{})
		if err != nil && !errors.Is(err, source.ErrNoText) {
			t.Fatal(err)
		}
		if err == nil && len(d.Paragraphs) != 1 {
			t.Errorf("%q: %d paragraphs, want 1", unit, len(d.Paragraphs))
		}
		// Linear work is ~0.1s; the quadratic version took minutes.
		if el := time.Since(start); el > 30*time.Second {
			t.Errorf("%q: Clean of %d bytes took %v", unit, len(in), el)
		}
	}
}

func BenchmarkStripMarkup(b *testing.B) {
	page := strings.Repeat("<p>The mayor met the <b>governor</b> on Tuesday&nbsp;to discuss flood defences.</p>\n", 200)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		stripMarkup(page)
	}
}

func BenchmarkCleanWrapped(b *testing.B) {
	in := strings.Repeat("the minister met the envoy in the capital\n", 20_000)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Clean(in, source.Header{}); err != nil {
			b.Fatal(err)
		}
	}
}
