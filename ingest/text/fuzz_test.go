package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseDate: a publication date that parses is valid, has a year of
// four digits, and parses again from its ISO form.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-06-19", "2023-06-19T10:00:00Z", "Mon, 19 Jun 2023 10:00:00 GMT",
		"June 19, 2023", "19 June 2023", "06/19/2023", "19.06.2023", "June 2023", "2023", "2023-02-30",
		"published: 31/04/2023", "0999", "Sept. 31, 2023", "2023/13/01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		if err := d.Validate(); err != nil || d.Year < 1000 {
			t.Fatalf("ParseDate(%q) = %+v: %v", s, d, err)
		}
		if back, ok := ParseDate(d.String()); !ok || back != d {
			t.Fatalf("ParseDate(%q) = %+v; its form %q parses as %+v, %v", s, d, d.String(), back, ok)
		}
	})
}

// FuzzStripMarkup: removing markup never grows the text by more than what
// entities expand to, keeps valid UTF-8 valid, and is a fixed point on
// text without '<', '&' or ESC.
func FuzzStripMarkup(f *testing.F) {
	for _, s := range []string{"<p>a &amp; b</p>", "<script>x</script>y", "<!-- <p> -->", "&#x1F600; &#0; &#1114112;",
		"a < b > c", "<b\n>x</b >", "\x1b[31mred", "&lt;p&gt;", "<br/><BR><br >", "<a href='>'>x</a>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := stripMarkup(s)
		if len(out) > 2*len(s)+8 {
			t.Fatalf("%q grew to %q", s, out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("%q became invalid UTF-8: %q", s, out)
		}
		if !strings.ContainsAny(s, "<&\x1b") && out != s {
			t.Fatalf("plain %q changed to %q", s, out)
		}
	})
}
