package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// want is an expected expression: "Text|kind|value|end2" (value and end2 in
// graph.Date.String form, empty for zero); kind anaphoric carries the
// offset in place of the value.
type want string

func mustDate(t *testing.T, s string) graph.Date {
	t.Helper()
	d, err := graph.ParseDate(s)
	if err != nil {
		t.Fatalf("bad test date %q: %v", s, err)
	}
	return d
}

func show(e Expr) string {
	if e.Kind == Anaphoric {
		return fmt.Sprintf("%s|%s|%+d|", e.Text, e.Kind, e.Offset)
	}
	return fmt.Sprintf("%s|%s|%s|%s", e.Text, e.Kind, e.Value, e.End2)
}

func TestFind(t *testing.T) {
	const (
		wed = "2023-06-21" // Wednesday
		mon = "2023-06-19" // Monday
	)
	tests := []struct {
		name, sentence, ref string
		tense               Tense
		want                []want
	}{
		// Written dates.
		{"full us", "They met on June 19, 2023, in the capital.", "", Past, []want{"June 19, 2023|absolute|2023-06-19|"}},
		{"full day first", "They met on 19 June 2023.", wed, Past, []want{"19 June 2023|absolute|2023-06-19|"}},
		{"ordinal", "They met on the 19th of June 2023.", "", Past, []want{"the 19th of June 2023|absolute|2023-06-19|"}},
		{"abbrev month", "Filed Jun 21, 2023 by staff.", "", Unknown, []want{"Jun 21, 2023|absolute|2023-06-21|"}},
		{"abbrev month dot", "On Sept. 5 the talks resumed.", "2023-09-20", Past, []want{"Sept. 5|absolute|2023-09-05|"}},
		{"iso", "Posted 2023-06-19 by the agency.", "", Unknown, []want{"2023-06-19|absolute|2023-06-19|"}},
		{"iso timestamp", "Updated 2023-06-19T10:00:00Z.", "", Unknown, []want{"2023-06-19|absolute|2023-06-19|"}},
		{"dmy unambiguous", "Dated 19/06/2023.", "", Unknown, []want{"19/06/2023|absolute|2023-06-19|"}},
		{"mdy unambiguous", "Dated 06/19/2023.", "", Unknown, []want{"06/19/2023|absolute|2023-06-19|"}},
		{"dmy ambiguous", "Dated 05/06/2023.", "", Unknown, nil},
		{"month year", "It was signed in June 2023.", "", Past, []want{"June 2023|absolute|2023-06|"}},
		{"weekday full date", "Tuesday, 20 June 2023: talks ended.", "", Past, []want{"Tuesday, 20 June 2023|absolute|2023-06-20|"}},
		{"impossible", "It happened on Feb. 29, 2023 apparently.", wed, Past, nil},
		{"leap day explicit", "It happened on February 29, 2024.", wed, Past, []want{"February 29, 2024|absolute|2024-02-29|"}},

		// Month and day: year from the reference and the tense.
		{"md past", "They met on June 19.", wed, Past, []want{"June 19|absolute|2023-06-19|"}},
		{"md future", "They will meet on June 19.", wed, Future, []want{"June 19|absolute|2024-06-19|"}},
		{"md future same day", "They will meet on June 19.", mon, Future, []want{"June 19|absolute|2023-06-19|"}},
		{"md past across new year", "They met on December 30.", "2024-01-02", Past, []want{"December 30|absolute|2023-12-30|"}},
		{"md future across new year", "They will meet on January 3.", "2023-12-28", Future, []want{"January 3|absolute|2024-01-03|"}},
		{"md unknown nearest", "A meeting on January 3.", "2023-12-28", Unknown, []want{"January 3|absolute|2024-01-03|"}},
		{"leap day past", "It began on February 29.", wed, Past, []want{"February 29|absolute|2020-02-29|"}},
		{"leap day future", "It begins on February 29.", wed, Future, []want{"February 29|absolute|2024-02-29|"}},
		{"md no ref", "They met on June 19.", "", Past, []want{"June 19|absolute|--06-19|"}},
		{"md year ref ambiguous", "They met on June 19.", "2023", Past, []want{"June 19|absolute|--06-19|"}},
		{"md last year", "They met on June 19 last year.", wed, Past, []want{"June 19 last year|absolute|2022-06-19|"}},
		{"may with day", "May 5 was chosen.", wed, Past, []want{"May 5|absolute|2023-05-05|"}},
		{"weekday md no ref", "They met on Monday, June 19.", "", Past, []want{"Monday, June 19|absolute|--06-19|"}},
		{"weekday md", "They met on Monday, June 19.", wed, Past, []want{"Monday, June 19|absolute|2023-06-19|"}},
		{"weekday md moves year", "They met on Monday, June 19.", "2024-06-21", Past, []want{"Monday, June 19|absolute|2023-06-19|"}},
		{"weekday md future fallback", "They meet on Monday, June 19.", wed, Future, []want{"Monday, June 19|absolute|2023-06-19|"}},

		// Weekdays.
		{"weekday past", "Blinken met Xi on Monday.", wed, Past, []want{"Monday|weekday|2023-06-19|"}},
		{"weekday past same day", "He met him on Monday.", mon, Past, []want{"Monday|weekday|2023-06-19|"}},
		{"weekday future same day", "He will meet him on Monday.", mon, Future, []want{"Monday|weekday|2023-06-19|"}},
		{"next weekday same day", "He will meet him next Monday.", mon, Future, []want{"next Monday|weekday|2023-06-26|"}},
		{"weekday future", "He will meet him Monday.", wed, Future, []want{"Monday|weekday|2023-06-26|"}},
		{"weekday no ref", "He met him on Monday.", "", Past, []want{"Monday|weekday||"}},
		{"weekday month ref", "He met him on Monday.", "2023-06", Past, []want{"Monday|weekday|2023|"}},
		{"last weekday", "He left last Monday.", mon, Past, []want{"last Monday|weekday|2023-06-12|"}},
		{"next weekday", "He arrives next Tuesday.", wed, Future, []want{"next Tuesday|weekday|2023-06-27|"}},
		{"sunday across year", "He arrived on Sunday.", "2023-01-02", Past, []want{"Sunday|weekday|2023-01-01|"}},
		{"friday across year", "He arrived on Friday.", "2023-01-02", Past, []want{"Friday|weekday|2022-12-30|"}},
		{"time of day", "He arrived on Sunday evening.", wed, Past, []want{"Sunday evening|weekday|2023-06-18|"}},
		{"two weekdays", "He arrived on Sunday and met the president on Monday.", wed, Past,
			[]want{"Sunday|weekday|2023-06-18|", "Monday|weekday|2023-06-19|"}},
		{"abbrev weekday after on", "Talks resumed on Wed, officials said.", wed, Past, []want{"Wed|weekday|2023-06-21|"}},

		// Periods.
		{"this week", "Talks are held this week.", wed, Unknown, []want{"this week|range|2023-06-19|2023-06-25"}},
		{"last week", "Gates visited last week.", wed, Past, []want{"last week|range|2023-06-12|2023-06-18"}},
		{"last week across year", "Gates visited last week.", "2023-01-04", Past, []want{"last week|range|2022-12-26|2023-01-01"}},
		{"next week across year", "He visits next week.", "2023-12-28", Future, []want{"next week|range|2024-01-01|2024-01-07"}},
		{"earlier this month", "It was agreed earlier this month.", wed, Past, []want{"earlier this month|vague|2023-06|"}},
		{"earlier this week", "He returned earlier this week.", wed, Past, []want{"earlier this week|vague|2023-06-19|2023-06-20"}},
		{"last month", "Prices rose last month.", "2023-01-15", Past, []want{"last month|relative|2022-12|"}},
		{"last month leap", "Prices rose last month.", "2024-03-31", Past, []want{"last month|relative|2024-02|"}},
		{"last month no ref", "Prices rose last month.", "", Past, []want{"last month|relative||"}},
		{"this month year ref", "Prices rise this month.", "2023", Past, []want{"this month|relative|2023|"}},
		{"this year", "The first visitor this year.", wed, Past, []want{"this year|relative|2023|"}},
		{"last year", "They met last year.", wed, Past, []want{"last year|relative|2022|"}},
		{"last year year ref", "They met last year.", "2023", Past, []want{"last year|relative|2022|"}},
		{"late last year", "They met in Bali in late last year.", wed, Past, []want{"late last year|vague|2022|"}},
		{"early this year", "It flew over early this year.", wed, Past, []want{"early this year|vague|2023|"}},
		{"earlier in the year", "Earlier in the year, a balloon flew over.", wed, Past, []want{"Earlier in the year|vague|2023|"}},
		{"end of last year", "By the end of last year it was over.", wed, Past, []want{"the end of last year|vague|2022|"}},
		{"mid month", "It starts in mid-June.", "2023-05-02", Future, []want{"mid-June|vague|2023-06|"}},
		{"early year number", "It starts in early 2024.", wed, Future, []want{"early 2024|vague|2024|"}},
		{"over the weekend past", "They talked over the weekend.", mon, Past, []want{"the weekend|range|2023-06-17|2023-06-18"}},
		{"over the weekend future", "They will talk over the weekend.", wed, Future, []want{"the weekend|range|2023-06-24|2023-06-25"}},
		{"this weekend", "They talk this weekend.", wed, Future, []want{"this weekend|range|2023-06-24|2023-06-25"}},
		{"this past weekend", "They talked this past weekend.", wed, Past, []want{"this past weekend|range|2023-06-17|2023-06-18"}},

		// Months alone.
		{"in february past", "Plans in February were disrupted.", wed, Past, []want{"February|absolute|2023-02|"}},
		{"in february past previous year", "Plans in February were disrupted.", "2023-01-10", Past, []want{"February|absolute|2022-02|"}},
		{"february same month", "Plans in February were disrupted.", "2024-02-10", Past, []want{"February|absolute|2024-02|"}},
		{"in november future", "They will meet in November.", wed, Future, []want{"November|absolute|2023-11|"}},
		{"in november future next year", "They will meet in November.", "2023-12-10", Future, []want{"November|absolute|2024-11|"}},
		{"last november", "They met last November.", wed, Past, []want{"last November|absolute|2022-11|"}},
		{"november last year", "They met in November last year.", wed, Past, []want{"November last year|absolute|2022-11|"}},
		{"the november meeting", "Since the November meeting, ties improved.", wed, Past, []want{"November|absolute|2022-11|"}},
		{"in may", "It opened in May.", wed, Past, []want{"May|absolute|2023-05|"}},
		{"month no ref", "It opened in May.", "", Past, []want{"May|absolute|--05|"}},

		// Relative days.
		{"yesterday leap", "He said yesterday.", "2024-03-01", Past, []want{"yesterday|relative|2024-02-29|"}},
		{"tomorrow new year", "He leaves tomorrow.", "2023-12-31", Future, []want{"tomorrow|relative|2024-01-01|"}},
		{"today", "Today, he said.", wed, Past, []want{"Today|relative|2023-06-21|"}},
		{"yesterday month ref", "He said yesterday.", "2023-06", Past, []want{"yesterday|relative|2023|"}},
		{"day before yesterday", "It came the day before yesterday.", "2023-03-01", Past, []want{"the day before yesterday|relative|2023-02-27|"}},
		{"two days ago", "It came two days ago.", "2024-03-01", Past, []want{"two days ago|relative|2024-02-28|"}},
		{"three weeks ago", "It came three weeks ago.", wed, Past, []want{"three weeks ago|relative|2023-05-31|"}},
		{"a year ago", "It came a year ago.", wed, Past, []want{"a year ago|relative|2022|"}},
		{"two months ago", "It came two months ago.", "2023-01-15", Past, []want{"two months ago|relative|2022-11|"}},
		{"last night", "He spoke last night.", wed, Past, []want{"last night|relative|2023-06-20|"}},

		// Anaphora.
		{"day before", "He had arrived the day before.", wed, Past, []want{"the day before|anaphoric|-1|"}},
		{"next day", "They met again the next day.", wed, Past, []want{"the next day|anaphoric|+1|"}},
		{"week later", "A week later they met.", wed, Past, []want{"A week later|anaphoric|+7|"}},

		// Years and ranges.
		{"in year", "They first met in 2022.", wed, Past, []want{"2022|absolute|2022|"}},
		{"range dash", "The forum runs March 3-5.", wed, Past, []want{"March 3-5|range|2023-03-03|2023-03-05"}},
		{"range from to", "It runs from March 3 to 5.", wed, Past, []want{"from March 3 to 5|range|2023-03-03|2023-03-05"}},
		{"range between", "It ran between 3 and 5 March.", wed, Past, []want{"between 3 and 5 March|range|2023-03-03|2023-03-05"}},
		{"range two days with and", "Talks ran on 3 and 4 March.", wed, Past, []want{"3 and 4 March|range|2023-03-03|2023-03-04"}},
		{"range two days with and month first", "Talks ran on March 3 and 4.", wed, Past, []want{"March 3 and 4|range|2023-03-03|2023-03-04"}},
		{"range day first dash", "It ran 3-5 March 2022.", wed, Past, []want{"3-5 March 2022|range|2022-03-03|2022-03-05"}},
		{"range with year", "The visit ran June 19-21, 2023.", "", Past, []want{"June 19-21, 2023|range|2023-06-19|2023-06-21"}},
		{"range across year", "It ran December 30 to January 2.", "2024-01-10", Past, []want{"December 30 to January 2|range|2023-12-30|2024-01-02"}},
		{"range no ref", "It runs from March 3 to 5.", "", Future, []want{"from March 3 to 5|range|--03-03|--03-05"}},
		{"weekday range", "Talks ran from Monday to Wednesday.", wed, Past, []want{"from Monday to Wednesday|range|2023-06-19|2023-06-21"}},
		{"weekday pair with and", "Talks ran on Monday and Tuesday.", wed, Past, []want{"Monday and Tuesday|range|2023-06-19|2023-06-20"}},
		{"weekdays apart with and", "They met on Monday and Thursday.", "2023-06-23", Past,
			[]want{"Monday|weekday|2023-06-19|", "Thursday|weekday|2023-06-22|"}},
		{"year range", "He served from 2019 to 2021.", wed, Past, []want{"from 2019 to 2021|range|2019|2021"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ref graph.Date
			if tt.ref != "" {
				ref = mustDate(t, tt.ref)
			}
			got := Find(tt.sentence, ref, tt.tense)
			var gs []string
			for _, e := range got {
				gs = append(gs, show(e))
			}
			var ws []string
			for _, w := range tt.want {
				ws = append(ws, string(w))
			}
			if strings.Join(gs, " ; ") != strings.Join(ws, " ; ") {
				t.Errorf("Find(%q, %s, %s)\n got %q\nwant %q", tt.sentence, tt.ref, tt.tense, gs, ws)
			}
		})
	}
}

func TestFindFalsePositives(t *testing.T) {
	ref := graph.Date{Year: 2023, Month: 6, Day: 21}
	for _, s := range []string{
		"You may leave now.",
		"May I ask a question?",
		"May officials decide otherwise, the plan fails.",
		"Protesters march through the city.",
		"They will March on the capital.",
		"The Sun, a British tabloid, reported it.",
		"Wed to the idea, he refused.",
		"April Ryan asked a question.",
		"June said she would go.",
		"He scored 2022 points.",
		"The G20 summit opened.",
		"It cost 1,000 dollars on average.",
		"Every Monday he swims.",
		"USA Today reported the news.",
		"The late president spoke.",
		"Install version 1.2.3 now.",
		"He flew to Mar-a-Lago.",
		"The last year has been hard.",
		"He may march in August Wilson's play.",
		"Sat Nav systems failed.",
		"In recent months, leaders visited.",
	} {
		t.Run(s, func(t *testing.T) {
			if got := Find(s, ref, Past); len(got) != 0 {
				var gs []string
				for _, e := range got {
					gs = append(gs, show(e))
				}
				t.Errorf("Find(%q) = %q, want nothing", s, gs)
			}
		})
	}
}

func TestResolveWeekday(t *testing.T) {
	tests := []struct {
		wd    time.Weekday
		ref   graph.Date
		tense Tense
		want  string
	}{
		{time.Monday, graph.Date{Year: 2023, Month: 6, Day: 21}, Past, "2023-06-19"},
		{time.Monday, graph.Date{Year: 2023, Month: 6, Day: 19}, Past, "2023-06-19"},
		{time.Monday, graph.Date{Year: 2023, Month: 6, Day: 19}, Future, "2023-06-19"},
		{time.Thursday, graph.Date{Year: 2024, Month: 3, Day: 1}, Past, "2024-02-29"},
		{time.Friday, graph.Date{Year: 2023, Month: 6, Day: 19}, Unknown, "2023-06-16"},
		{time.Tuesday, graph.Date{Year: 2023, Month: 6, Day: 16}, Unknown, "2023-06-13"},
		{time.Tuesday, graph.Date{Year: 2023, Month: 6, Day: 17}, Unknown, "2023-06-20"},
		{time.Sunday, graph.Date{Year: 2022, Month: 12, Day: 31}, Future, "2023-01-01"},
		{time.Monday, graph.Date{}, Past, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s %s", tt.wd, tt.ref, tt.tense), func(t *testing.T) {
			if got := ResolveWeekday(tt.wd, tt.ref, tt.tense).String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseDateLine(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2023-06-19", "2023-06-19", true},
		{"June 21, 2023", "2023-06-21", true},
		{"21 June 2023", "2023-06-21", true},
		{"2023-06-19T10:00:00Z", "2023-06-19", true},
		{"2023-06-19T23:30:00-05:00", "2023-06-19", true},
		{"Jun 21, 2023", "2023-06-21", true},
		{"21/06/2023", "2023-06-21", true},
		{"06/21/2023", "2023-06-21", true},
		{"05/06/2023", "", false},
		{"Tuesday, 20 June 2023", "2023-06-20", true},
		{"Monday, 20 June 2023", "", false},
		{"February 29, 2023", "", false},
		{"February 29, 2024", "2024-02-29", true},
		{"2023-02-30", "", false},
		{"31 April 2023", "", false},
		{"Published: June 21, 2023 10:00 AM EDT", "2023-06-21", true},
		{"Updated on June 21, 2023 at 3:45 p.m. ET", "2023-06-21", true},
		{"Mon, 19 Jun 2023 10:00:00 GMT", "2023-06-19", true},
		{" date 2023-06-19 ", "2023-06-19", true},
		{"June 2023", "2023-06", true},
		{"June 21", "--06-21", true},
		{"hello", "", false},
		{"", "", false},
		{"June 21, 2023 and more", "", false},
		{"2023", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDateLine(tt.in)
			if ok != tt.ok || got.String() != tt.want {
				t.Errorf("ParseDateLine(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"They met on Monday, June 19, 2023.", "from March 3 to 5", "between 3 and 5 March",
		"2023-06-19T10:00:00Z", "late last year", "two days ago", "19/06/2023", "mid-June",
		"an hour and a half", "three-and-a-half-hour talks", "1,000 years", "\xff\xfeMay 5",
	} {
		f.Add(s, 2023, 6, 21, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, y, m, d int, tense uint8) {
		ref := graph.Date{Year: y, Month: m, Day: d}
		for _, e := range Find(s, ref, Tense(tense%3)) {
			if e.Start < 0 || e.End > len(s) || e.Start >= e.End || e.Text != s[e.Start:e.End] {
				t.Fatalf("bad span %+v in %q", e, s)
			}
			if e.Value.Validate() != nil || e.End2.Validate() != nil {
				t.Fatalf("invalid date in %+v", e)
			}
		}
		for _, du := range Duration(s) {
			if du.Start < 0 || du.End > len(s) || du.Start >= du.End || du.Text != s[du.Start:du.End] {
				t.Fatalf("bad duration span %+v in %q", du, s)
			}
		}
		ParseDateLine(s)
	})
}

var benchText = "US Secretary of State Antony Blinken concluded a high-stakes visit to Beijing on Monday, June 19, " +
	"with an unexpected meeting, two days after arriving; the 35-minute talks came after a postponement in February " +
	"and a meeting in Bali late last year, and officials said they would meet again next week."

// reportWords reports the words of benchText read per second.
func reportWords(b *testing.B) {
	b.ReportMetric(float64(len(strings.Fields(benchText)))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func BenchmarkFind(b *testing.B) {
	ref := graph.Date{Year: 2023, Month: 6, Day: 21}
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Find(benchText, ref, Past)
	}
	reportWords(b)
}

func BenchmarkDuration(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Duration(benchText)
	}
	reportWords(b)
}

func BenchmarkParseDateLine(b *testing.B) {
	for b.Loop() {
		ParseDateLine("Published: June 21, 2023 10:00 AM EDT")
	}
}
