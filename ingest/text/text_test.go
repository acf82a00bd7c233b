package text

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// kinds renders a Doc's paragraphs as "kind: text" lines.
func kinds(d *Doc) []string {
	var out []string
	for i, p := range d.Paragraphs {
		out = append(out, p.Kind.String()+": "+d.Para(i))
	}
	return out
}

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"crlf", "a\r\nb\rc", "a\nb\nc"},
		{"controls", "a\x01b\x7fc\u200bd", "abcd"},
		{"spaces", "  a \t b\u00a0\u00a0c  \n d ", "a b c\nd"},
		{"blank lines", "a\n \n\n\n\nb", "a\n\nb"},
		{"line separator", "a\u2028b", "a\nb"},
		{"invalid byte", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normalize(tt.in); got != tt.want {
				t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	const story = "The minister arrived in the capital on Tuesday for two days of talks."
	const story2 = "Officials said the talks were productive and would continue."
	tests := []struct {
		name   string
		in     string
		header source.Header
		want   []string // paragraphs as "kind: text"
	}{
		{"title found", "Leaders agree on trade pact\n\n" + story, source.Header{},
			[]string{"title: Leaders agree on trade pact", "body: " + story}},
		{"sentence is no title", story + "\n\n" + story2, source.Header{},
			[]string{"body: " + story, "body: " + story2}},
		{"header title prepended", story, source.Header{Title: "Talks begin"},
			[]string{"title: Talks begin", "body: " + story}},
		{"header title in text", "TALKS BEGIN!\n\n" + story, source.Header{Title: "Talks begin"},
			[]string{"title: TALKS BEGIN!", "body: " + story}},
		{"photo credit dropped, caption kept",
			story + "\n\nThe minister (left) greets the mayor at the airport on Tuesday.\n\nJane Roe | AFP | Getty Images\n\n" + story2,
			source.Header{},
			[]string{"body: " + story, "caption: The minister (left) greets the mayor at the airport on Tuesday.", "body: " + story2}},
		{"caption before a credit", story + "\n\nThe minister greets the mayor at the airport on Tuesday.\n\nReuters/Jane Roe\n\n" + story2,
			source.Header{},
			[]string{"body: " + story, "caption: The minister greets the mayor at the airport on Tuesday.", "body: " + story2}},
		{"photo suffix stays", story + "\n\nThe mayor speaks at the town hall. (Photo: Jane Roe)", source.Header{},
			[]string{"body: " + story, "caption: The mayor speaks at the town hall. (Photo: Jane Roe)"}},
		{"logo and menu", "Daily Planet Logo\n\nHome | World | Business | Sport\n\n" + story, source.Header{},
			[]string{"body: " + story}},
		{"social footers", story + "\n\nFollow us on: Facebook, Twitter\n\nJoin our WhatsApp channel for updates\n\nShare this\n\nLeave a Comment\n\nSubscribe", source.Header{},
			[]string{"body: " + story}},
		{"about us block", story + "\n\nAbout Us\n\nWe are a team of writers who love news.\n\nRecent Posts\n\nAnother headline here", source.Header{},
			[]string{"body: " + story}},
		{"duplicates", story + "\n" + story + "\n\n" + story2 + "\n\n" + story, source.Header{},
			[]string{"body: " + story, "body: " + story2}},
		{"title repeated at end", "Leaders agree on trade pact\n\n" + story + "\n\nleaders agree on trade pact.", source.Header{},
			[]string{"title: Leaders agree on trade pact", "body: " + story}},
		{"headings", "Leaders agree on trade pact\n\n" + story + "\n\nWhat did the minister say?\n\n" + story2 + "\n\n“Open doors”\n\n" + story,
			source.Header{},
			[]string{"title: Leaders agree on trade pact", "body: " + story, "heading: What did the minister say?", "body: " + story2, "heading: “Open doors”"}},
		// The byline goes; a contributor line stays: it says who reported for which outlet.
		{"byline and contributor", "By Jane Roe and John Doe\n\n" + story + "\n\nJohn Doe contributed to this report.", source.Header{},
			[]string{"body: " + story, "body: John Doe contributed to this report."}},
		{"copyright", story + "\n\n© 2023 Example Media. All rights reserved.", source.Header{},
			[]string{"body: " + story}},
		{"hard-wrapped lines joined", "The minister arrived in the capital\non Tuesday for talks, officials\nsaid.", source.Header{},
			[]string{"body: The minister arrived in the capital on Tuesday for talks, officials said."}},
		{"body starting with By is kept", "By Monday, the two sides had agreed on a text.", source.Header{},
			[]string{"body: By Monday, the two sides had agreed on a text."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Clean(tt.in, tt.header)
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, d)
			if got := kinds(d); !slices.Equal(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestCleanNoText(t *testing.T) {
	for _, in := range []string{"", "  \n ", "Follow us on Facebook\n\nLeave a Comment"} {
		if _, err := Clean(in, source.Header{}); !errors.Is(err, source.ErrNoText) {
			t.Errorf("Clean(%q) error = %v, want ErrNoText", in, err)
		}
	}
}

func TestPublished(t *testing.T) {
	const story = "The minister arrived in the capital on Tuesday for talks."
	tests := []struct {
		name      string
		in        string
		published string // header
		want      string
		span      string // text at PublishedSpan, "" for nil
		paras     int
	}{
		{"header iso", story, "2023-06-19", "2023-06-19", "", 1},
		{"header rfc3339", story, "2023-06-19T10:00:00Z", "2023-06-19", "", 1},
		{"header rfc1123", story, "Mon, 19 Jun 2023 10:00:00 GMT", "2023-06-19", "", 1},
		{"header words", story, "June 19, 2023", "2023-06-19", "", 1},
		{"header month", story, "June 2023", "2023-06", "", 1},
		{"header wins", "date 2023-01-02\n\n" + story, "2023-06-19", "2023-06-19", "", 1},
		{"bad header falls back", "date 2023-01-02\n\n" + story, "soon", "2023-01-02", "", 1},
		{"date line", " date 2023-06-19 \n\n\n" + story, "", "2023-06-19", "", 1},
		{"published line", "Published: 3 March 2023\n\n" + story, "", "2023-03-03", "", 1},
		{"timestamp line", "2023-06-19T10:00:00Z\n\n" + story, "", "2023-06-19", "", 1},
		{"updated line", "Updated 10:30 a.m. EDT, Mon June 19, 2023\n\n" + story, "", "2023-06-19", "", 1},
		{"published beats updated", "Updated June 20, 2023\n\nPublished June 19, 2023\n\n" + story, "", "2023-06-19", "", 1},
		{"impossible date", "date 2023-02-30\n\n" + story, "", "", "", 1},
		{"utc offset zone", "March 4, 2025 4:12 PM GMT+5:30\n\n" + story, "", "2025-03-04", "", 1},
		{"posted by", "Posted on March 5, 2025 by Jane Doe\n\n" + story, "", "2025-03-05", "", 1},
		{"byline menu with date", "By Jane Doe | October 29, 2025 | 6 min read\n\n" + story, "", "2025-10-29", "", 1},
		{"section stamp", "WORLD | 18-01-2024 01:15\n\n" + story, "", "2024-01-18", "", 1},
		{"stamp with a time beats the site's day", "Friday, May 24, 2024\n\nWORLD | 18-01-2024 01:15\n\n" + story, "", "2024-01-18", "", 1},
		{"first of two untimed date lines", "Friday, May 24, 2024\n\nJanuary 18, 2024\n\n" + story, "", "2024-05-24", "", 1},
		{"sentence with by is no date line", "Signed on March 5, 2025 by the Minister of Trade\n\n" + story, "", "", "", 2},
		{"dateline", "June 21, 2023: On Monday, the minister arrived.", "", "2023-06-21", "June 21, 2023", 1},
		{"city dateline", "PARIS, Jan. 5, 2024 — The minister arrived.", "", "2024-01-05", "Jan. 5, 2024", 1},
		{"date in sentence is no dateline", "The minister arrived on June 21, 2023 in the capital.", "", "", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Clean(tt.in, source.Header{Published: tt.published})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, d)
			if d.Published.String() != tt.want {
				t.Errorf("Published = %q, want %q", d.Published, tt.want)
			}
			span := ""
			if d.PublishedSpan != nil {
				span = d.Text[d.PublishedSpan.Start:d.PublishedSpan.End]
			}
			if span != tt.span {
				t.Errorf("published span %q, want %q", span, tt.span)
			}
			if len(d.Paragraphs) != tt.paras {
				t.Errorf("paragraphs %q", kinds(d))
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want graph.Date
		ok   bool
	}{
		{"2023-06-19", graph.Date{Year: 2023, Month: 6, Day: 19}, true},
		{"2023/6/9", graph.Date{Year: 2023, Month: 6, Day: 9}, true},
		{"06/19/2023", graph.Date{Year: 2023, Month: 6, Day: 19}, true},
		{"19/06/2023", graph.Date{Year: 2023, Month: 6, Day: 19}, true},
		{"19.06.2023", graph.Date{Year: 2023, Month: 6, Day: 19}, true},
		{"Sept. 3rd, 2021", graph.Date{Year: 2021, Month: 9, Day: 3}, true},
		{"3rd of September 2021", graph.Date{Year: 2021, Month: 9, Day: 3}, true},
		{"2024", graph.Date{Year: 2024}, true},
		{"2023-02-30", graph.Date{}, false},
		{"2023-13-01", graph.Date{}, false},
		{"Feb 29, 2024", graph.Date{Year: 2024, Month: 2, Day: 29}, true},
		{"Feb 29, 2023", graph.Date{}, false},
		{"yesterday", graph.Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "He came. She left! Why? Yes.", []string{"He came.", "She left!", "Why?", "Yes."}},
		{"titles", "Mr. Smith met Dr. Jones and Gov. Lee. Sen. Park and Rep. Cruz agreed.",
			[]string{"Mr. Smith met Dr. Jones and Gov. Lee.", "Sen. Park and Rep. Cruz agreed."}},
		{"military titles", "Gen. Ray and Lt. Col. Vance spoke. St. Louis was next.",
			[]string{"Gen. Ray and Lt. Col. Vance spoke.", "St. Louis was next."}},
		{"acronyms mid sentence", "The U.S. Secretary met U.K. officials in Jan. 2023 and on Sept. 4.",
			[]string{"The U.S. Secretary met U.K. officials in Jan. 2023 and on Sept. 4."}},
		{"acronym ends sentence", "He moved to the U.S. The move was quick.",
			[]string{"He moved to the U.S.", "The move was quick."}},
		{"companies", "She joined Acme Inc. in May. Globex Corp. and Initech Co. merged.",
			[]string{"She joined Acme Inc. in May.", "Globex Corp. and Initech Co. merged."}},
		{"company ends sentence", "He works at Acme Inc. He likes it.", []string{"He works at Acme Inc.", "He likes it."}},
		{"misc", "It was No. 5 vs. No. 6, e.g. a close game, i.e. tight. At 10 a.m. they met.",
			[]string{"It was No. 5 vs. No. 6, e.g. a close game, i.e. tight.", "At 10 a.m. they met."}},
		{"time ends sentence", "They met at 10 a.m. The talks lasted an hour.",
			[]string{"They met at 10 a.m.", "The talks lasted an hour."}},
		{"initials", "J. K. Rowling and John F. Kennedy Jr. were named.", []string{"J. K. Rowling and John F. Kennedy Jr. were named."}},
		{"platform X before a stop", "She wrote in a post on X. Ruiz replied on Friday. J. K. Rowling was named.", []string{"She wrote in a post on X.", "Ruiz replied on Friday.", "J. K. Rowling was named."}},
		{"decimals", "Growth was 3.5 percent. Prices rose 1,000.5 points.", []string{"Growth was 3.5 percent.", "Prices rose 1,000.5 points."}},
		{"quote ends", `"We agree." He nodded. “It is done.” They left. “Why?” she asked. “Now!” Go.`,
			[]string{`"We agree."`, "He nodded.", "“It is done.”", "They left.", "“Why?” she asked.", "“Now!”", "Go."}},
		{"quote spans boundary", "“I say this often. We must talk,” he said.",
			[]string{"“I say this often.", "We must talk,” he said."}},
		{"period after quote", "He called it “a start”. Then he left.", []string{"He called it “a start”.", "Then he left."}},
		{"ellipsis", "He paused... then went on. Wait… What? It ended...", []string{"He paused... then went on.", "Wait…", "What?", "It ended..."}},
		{"stray period", "It took five years. . Then it ended.", []string{"It took five years. .", "Then it ended."}},
		{"compound", "The U.S.-China talks ended. Sino-U.S. ties improved.", []string{"The U.S.-China talks ended.", "Sino-U.S. ties improved."}},
		{"parenthetical tail", "The mayor speaks in the hall. (Photo: Jane Roe)", []string{"The mayor speaks in the hall. (Photo: Jane Roe)"}},
		{"no terminator", "A sentence without end", []string{"A sentence without end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range splitSentences(tt.in, 0) {
				got = append(got, tt.in[sp.Start:sp.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n  %q\nwant\n  %q", got, tt.want)
			}
		})
	}
}

func TestSentencesSkipHeadings(t *testing.T) {
	d, err := Clean("Leaders meet\n\nThe talks began. They ended.\n\nWhat comes next\n\nMore talks are planned.", source.Header{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range Sentences(d) {
		got = append(got, s.Kind.String()+" "+s.Text)
		if d.Paragraphs[s.Para].Kind != s.Kind {
			t.Errorf("sentence %q: kind %v, paragraph %v", s.Text, s.Kind, d.Paragraphs[s.Para].Kind)
		}
	}
	want := []string{"title Leaders meet", "body The talks began.", "body They ended.", "body More talks are planned."}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by " | "
	}{
		{"China’s leader", "China | ’s | leader"},
		{"the world's two", "the | world | 's | two"},
		{"U.S.-China ties", "U.S. | - | China | ties"},
		{"China-U.S. ties", "China | - | U.S. | ties"},
		{"a high-stakes visit", "a | high-stakes | visit"},
		{"State-to-state talks", "State-to-state | talks"},
		{"a Blinken-Xi meeting", "a | Blinken | - | Xi | meeting"},
		{"the 35-minute meeting", "the | 35 | - | minute | meeting"},
		{"3.5 and 1,000 and 19th", "3.5 | and | 1,000 | and | 19th"},
		{"Mr. Smith, Dr. J. K. Rowling", "Mr. | Smith | , | Dr. | J. | K. | Rowling"},
		{"at 10 a.m., e.g. now.", "at | 10 | a.m. | , | e.g. | now | ."},
		{"He said, “we didn’t.”", "He | said | , | “ | we | didn’t | . | ”"},
		{"costs $5 (about 4%)…", "costs | $ | 5 | ( | about | 4 | % | ) | …"},
		{"wait... what — COVID-19", "wait | ... | what | — | COVID-19"},
		{"countries’ views", "countries | ’ | views"},
		{"détente in Zürich", "détente | in | Zürich"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks := Tokenize(tt.in, 10)
			var got []string
			for _, tok := range toks {
				got = append(got, tok.Text)
				if tt.in[tok.Span.Start-10:tok.Span.End-10] != tok.Text {
					t.Errorf("token %q at %v", tok.Text, tok.Span)
				}
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

func TestTokenKinds(t *testing.T) {
	toks := Tokenize(`Xi’s 3.5 " , $`, 0)
	want := []TokenKind{Word, Word, Number, Quote, Punct, Symbol}
	var got []TokenKind
	for _, tok := range toks {
		got = append(got, tok.Kind)
	}
	if !slices.Equal(got, want) {
		t.Errorf("kinds %v, want %v", got, want)
	}
}

func FuzzClean(f *testing.F) {
	f.Add("Title here\n\n date 2023-06-19 \n\nMr. Smith said “yes.” Then... U.S.-China ties.\r\nPhoto: X | AFP")
	f.Add("June 21, 2023: On Monday, he left.\n\nAbout Us\n\nWe write.")
	f.Add("\u2028\x00\xff(left) (photo: a)")
	if b, err := os.ReadFile("../../testdata/articles/001_90c96a5bd73c86d1.txt"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := Clean(in, source.Header{})
		if err != nil {
			if !errors.Is(err, source.ErrNoText) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkDoc(t, d)
	})
}

func FuzzTokenize(f *testing.F) {
	f.Add("U.S.-China’s 35-minute talks, 1,000.5 ... “yes” $5")
	f.Add("a'' -- ’s’s '' . ..")
	f.Fuzz(func(t *testing.T, in string) {
		last := 0
		for _, tok := range Tokenize(in, 3) {
			s, e := tok.Span.Start-3, tok.Span.End-3
			if s < last || e <= s || e > len(in) || in[s:e] != tok.Text {
				t.Fatalf("token %q at %v in %q", tok.Text, tok.Span, in)
			}
			last = e
		}
	})
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Smith met the U.S. envoy. “Yes.” he said... Then? No. 5.")
	f.Add(". . .. “ ” ... (a)")
	f.Add(strings.Repeat("a, ", 600) + strings.Repeat(". ", 800) + "(" + strings.Repeat("b", 1600) + ")")
	f.Fuzz(func(t *testing.T, in string) {
		checkSpans(t, in, splitSentences(in, 0))
	})
}

func loadArticles(b *testing.B) []string {
	var out []string
	for _, n := range []string{"000_e45a73ed1beafd5a", "001_90c96a5bd73c86d1", "003_b7b1239a2093682f"} {
		data, err := os.ReadFile("../../testdata/articles/" + n + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}

func BenchmarkClean(b *testing.B) {
	arts := loadArticles(b)
	n := 0
	for _, a := range arts {
		n += len(a)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, a := range arts {
			if _, err := Clean(a, source.Header{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkSentences(b *testing.B) {
	var docs []*Doc
	n := 0
	for _, a := range loadArticles(b) {
		d, err := Clean(a, source.Header{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		n += len(d.Text)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, d := range docs {
			Sentences(d)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Join(loadArticles(b), "\n")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(text, 0)
	}
}

func TestCleanOneLine(t *testing.T) {
	d, err := Clean("The council voted on Tuesday", source.Header{})
	if err != nil || len(d.Paragraphs) != 1 || d.Paragraphs[0].Kind != Body {
		t.Fatalf("Clean = %v, %v", d, err)
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct {
		url  string
		want string // "" for none
	}{
		{"https://example.com/2024/11/23/story.html", "2024-11-23"},
		{"https://example.com/news/2024-11-23/story", "2024-11-23"},
		{"https://example.com/index.php?page=a&newsID=2019-05-07-0013", "2019-05-07"},
		{"https://example.com/view?date=2019-05-07", "2019-05-07"},
		{"https://example.com/story-2019-05-07", ""},        // not a segment or value
		{"https://example.com/2019/13/07/story", ""},        // no month 13
		{"https://example.com/id=20190507", ""},             // not written as a date
		{"https://example.com/item/2019-05-0713/story", ""}, // the day runs on
		{"https://example.com/item/19999-05-07/story", ""},  // not a year
	}
	for _, tt := range tests {
		d, ok := urlDate(tt.url)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("urlDate(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}
