package text

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/source"
)

var update = flag.Bool("update", false, "rewrite testdata/text/*.golden")

// TestGolden cleans and splits the sample articles and compares the result
// with testdata/text/NAME.golden; -update rewrites the files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample articles: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Clean(string(b), source.Header{})
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			checkDoc(t, d)
			got := render(d)
			golden := filepath.Join("../../testdata/text", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./ingest/text -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update and review the diff):\n%s", golden, got)
			}
		})
	}
}

// render prints a Doc for review: its metadata, its paragraphs with their
// kinds, what was removed, and its sentences.
func render(d *Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\npublished: %s\n", d.Title, d.Published)
	if d.PublishedSpan != nil {
		fmt.Fprintf(&b, "published span: %q\n", d.Text[d.PublishedSpan.Start:d.PublishedSpan.End])
	}
	b.WriteString("\n== paragraphs\n")
	for i, p := range d.Paragraphs {
		fmt.Fprintf(&b, "%-7s %s\n", p.Kind, d.Para(i))
	}
	b.WriteString("\n== removed\n")
	for _, r := range d.Removed {
		fmt.Fprintf(&b, "%-12s %s\n", r.Reason, r.Text)
	}
	b.WriteString("\n== sentences\n")
	for _, s := range Sentences(d) {
		fmt.Fprintf(&b, "%d %-7s %s\n", s.Para, s.Kind, s.Text)
	}
	return b.String()
}

// checkDoc tests the offset invariants of a Doc, its sentences and tokens.
func checkDoc(t *testing.T, d *Doc) {
	t.Helper()
	end := 0
	for i, p := range d.Paragraphs {
		if p.Span.Start < end || p.Span.End > len(d.Text) || p.Span.Start >= p.Span.End {
			t.Fatalf("paragraph %d: bad span %v (text %d bytes)", i, p.Span, len(d.Text))
		}
		end = p.Span.End
	}
	if s := d.PublishedSpan; s != nil && (s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End) {
		t.Fatalf("bad published span %v", *s)
	}
	for _, s := range Sentences(d) {
		if s.Span.Start < 0 || s.Span.End > len(d.Text) || s.Span.Start >= s.Span.End {
			t.Fatalf("sentence %q: bad span %v", s.Text, s.Span)
		}
		if got := d.Text[s.Span.Start:s.Span.End]; got != s.Text {
			t.Fatalf("sentence span %v is %q, Text is %q", s.Span, got, s.Text)
		}
		if s.Text != strings.TrimSpace(s.Text) {
			t.Fatalf("sentence %q has outer space", s.Text)
		}
		for _, tok := range Tokenize(s.Text, s.Span.Start) {
			if got := d.Text[tok.Span.Start:tok.Span.End]; got != tok.Text || tok.Text == "" {
				t.Fatalf("token span %v is %q, Text is %q", tok.Span, got, tok.Text)
			}
		}
	}
}
