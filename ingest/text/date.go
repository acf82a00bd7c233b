package text

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
)

const monthAlt = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

// datePattern is one way of writing a calendar date.
type datePattern struct {
	re *regexp.Regexp
	// fields turns the submatches into year, month, day.
	fields func(m []string) (y, mo, d int)
}

// datePatterns are tried in order; the leftmost match wins, ties going to
// the earlier pattern.
var datePatterns = []datePattern{
	{ // 2023-06-19, 2023-06-19T10:00:00Z, 2023-06-19 10:00 +0800
		regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?(?:Z|[+-]\d{2}:?\d{2}))?)?\b`),
		func(m []string) (int, int, int) { return atoi(m[1]), atoi(m[2]), atoi(m[3]) },
	},
	{ // 2023/06/19, 2023.06.19
		regexp.MustCompile(`\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b`),
		func(m []string) (int, int, int) { return atoi(m[1]), atoi(m[2]), atoi(m[3]) },
	},
	{ // 06/19/2023 (month first, unless that cannot be), 19.06.2023 (day first)
		regexp.MustCompile(`\b(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4})\b`),
		func(m []string) (int, int, int) {
			a, b := atoi(m[1]), atoi(m[3])
			if m[2] == "." || a > 12 {
				a, b = b, a
			}
			return atoi(m[4]), a, b
		},
	},
	{ // June 19, 2023; Mon, Jun. 19th 2023
		regexp.MustCompile(`(?i)\b` + monthAlt + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b,?\s+(\d{4})\b`),
		func(m []string) (int, int, int) { return atoi(m[3]), monthNum(m[1]), atoi(m[2]) },
	},
	{ // 19 June 2023, 19th of June, 2023
		regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthAlt + `\.?,?\s+(\d{4})\b`),
		func(m []string) (int, int, int) { return atoi(m[3]), monthNum(m[2]), atoi(m[1]) },
	},
	{ // June 2023
		regexp.MustCompile(`(?i)\b` + monthAlt + `\.?,?\s+(\d{4})\b`),
		func(m []string) (int, int, int) { return atoi(m[2]), monthNum(m[1]), 0 },
	},
}

// urlDateRe is a day written as path segments of an address
// ("/2024/11/23/", "/2024-11-23/"), or as a query value, alone or leading
// an article number ("?id=2024-11-23-0013").
var urlDateRe = regexp.MustCompile(`[/=]((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/&#_.-]|$)`)

// urlDate reads the publication day a site writes into an article's
// address, when it does.
func urlDate(u string) (graph.Date, bool) {
	m := urlDateRe.FindStringSubmatch(u)
	if m == nil {
		return graph.Date{}, false
	}
	d := graph.Date{Year: atoi(m[1]), Month: atoi(m[2]), Day: atoi(m[3])}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Validate() != nil {
		return graph.Date{}, false
	}
	return d, true
}

// yearOnly and yearMonth are a whole header value that is a year, or an
// ISO 8601 year and month ("2023-06", the form Date.String writes).
var (
	yearOnly  = regexp.MustCompile(`^\s*(\d{4})\s*$`)
	yearMonth = regexp.MustCompile(`^\s*(\d{4})-(\d{2})\s*$`)
)

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var monthPrefixes = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func monthNum(s string) int {
	s = strings.ToLower(s)
	for i, p := range monthPrefixes {
		if strings.HasPrefix(s, p) {
			return i + 1
		}
	}
	return 0
}

// dateMatch is a date written in a string.
type dateMatch struct {
	Date       graph.Date
	Start, End int  // byte offsets of the match
	Valid      bool // false for impossible dates such as 2023-02-30
}

// findDate returns the leftmost date written in s.
func findDate(s string) (dateMatch, bool) {
	best := dateMatch{Start: -1}
	if !hasYear(s) {
		return best, false // every pattern has a four-digit year
	}
	for _, p := range datePatterns {
		loc := p.re.FindStringSubmatchIndex(s)
		if loc == nil || (best.Start >= 0 && loc[0] >= best.Start) {
			continue
		}
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		y, mo, d := p.fields(m)
		date := graph.Date{Year: y, Month: mo, Day: d}
		best = dateMatch{Date: date, Start: loc[0], End: loc[1], Valid: y >= 1000 && date.Validate() == nil}
	}
	return best, best.Start >= 0
}

// ParseDate reads a publication date written in any common way: ISO 8601
// and RFC 3339 ("2023-06-19", "2023-06-19T10:00:00Z"), RFC 1123 ("Mon, 19
// Jun 2023 10:00:00 GMT"), "June 19, 2023", "19 June 2023", "06/19/2023",
// "19.06.2023", "June 2023", "2023-06" or "2023", with any label or time
// around it. It reports false when s holds no possible date.
func ParseDate(s string) (graph.Date, bool) {
	if m := yearOnly.FindStringSubmatch(s); m != nil {
		y := atoi(m[1])
		return graph.Date{Year: y}, y >= 1000
	}
	if m := yearMonth.FindStringSubmatch(s); m != nil {
		d := graph.Date{Year: atoi(m[1]), Month: atoi(m[2])}
		if d.Year < 1000 || d.Month < 1 || d.Validate() != nil {
			return graph.Date{}, false
		}
		return d, true
	}
	m, ok := findDate(s)
	if !ok || !m.Valid {
		return graph.Date{}, false
	}
	return m.Date, true
}

// dateLineWords may stand around the date on a line that is only a date.
var dateLineWords = wordSet(
	"date", "dated", "published", "publish", "posted", "updated", "update", "last", "modified",
	"on", "at", "first", "created", "time", "am", "pm", "a.m", "p.m", "a.m.", "p.m.", "z",
	"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "ct",
	"cet", "cest", "bst", "ist", "jst", "kst", "hkt", "sgt", "aest", "aedt", "wib", "msk",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)

// tzOffsetRe is a zone written as an offset from UTC: "GMT+5:30", "UTC-3".
var tzOffsetRe = regexp.MustCompile(`^(?:gmt|utc)[+-]\d{1,2}(?::?\d{2})?$`)

// dateBylineRe is "by" and a capitalized name of one to four words; readTimeRe
// a reading time ("6 min read").
var (
	dateBylineRe = regexp.MustCompile(`(?:^|\s|\|)[Bb]y\s+(?:\p{Lu}[\p{L}'.-]*\s+){0,3}\p{Lu}[\p{L}'.-]*`)
	readTimeRe   = regexp.MustCompile(`(?i)\b\d{1,2}\s*-?\s*min(?:ute)?s?\s+read\b`)
)

var timeRe = regexp.MustCompile(`^\d{1,2}(?::\d{2}){1,2}(?:am|pm)?$|^\d{1,2}(?:am|pm)$|^[+-]?\d{2}:?\d{2}$`)

// sectionLabelRe is a site section naming a story's stamp: one to three
// words of letters ("ECONOMY", "World News") before a "|".
var sectionLabelRe = regexp.MustCompile(`^\s*\p{L}[\p{L}&-]*(?:\s+\p{L}[\p{L}&-]*){0,2}\s*$`)

// dateLine reports whether line is only a date with labels ("date
// 2023-06-19", "Published: 3 March 2023", "Updated 10:00 GMT, June 19,
// 2023", "ECONOMY | 18-01-2024 01:15"), whether it is an update stamp
// rather than a first publication, and whether it gives the time of day:
// a story's stamp does, while the date a site prints atop every page
// ("Friday, May 24, 2024") is the day it was read, not the story's.
func dateLine(line string) (m dateMatch, updated, timed, ok bool) {
	if len(line) > 100 {
		return m, false, false, false
	}
	m, ok = findDate(line)
	if !ok {
		return m, false, false, false
	}
	before := line[:m.Start]
	if k := strings.LastIndexByte(before, '|'); k >= 0 && sectionLabelRe.MatchString(before[:k]) {
		before = before[k+1:]
	}
	rest := before + " " + line[m.End:]
	// A byline and a reading time may share the line: "Posted on March 5,
	// 2025 by Jane Doe", "By Jane Doe | March 5, 2025 | 6 min read".
	rest = readTimeRe.ReplaceAllString(dateBylineRe.ReplaceAllString(rest, " "), " ")
	words := strings.FieldsFunc(strings.ToLower(rest), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == ':' || r == '.' || r == '+' || r == '-')
	})
	n := 0
	for _, w := range words {
		w = strings.Trim(w, ".-:")
		switch {
		case w == "":
		case w == "updated" || w == "modified" || w == "update":
			updated = true
			n++
		case timeRe.MatchString(w) || w == "am" || w == "pm" || w == "a.m" || w == "p.m":
			timed = true
			n++
		case dateLineWords[w] || tzOffsetRe.MatchString(w):
			n++
		default:
			return m, false, false, false
		}
	}
	return m, updated, timed, n <= 8
}

// datelineRe finds a date that opens a paragraph as a dateline: "June 21,
// 2023: On Monday, ...", "BEIJING, June 19, 2023 - ...", "Jun 19 (Reuters) -".
var datelineRe = regexp.MustCompile(`^(?:[\p{Lu}][\p{L}.' -]{0,40},\s*){0,2}`)

// dateline returns the date a paragraph opens with, as a dateline.
func dateline(p string) (dateMatch, bool) {
	// A dateline opens the paragraph: look at its start only.
	if len(p) > 120 {
		n := 120
		for n > 0 && !utf8.RuneStart(p[n]) {
			n--
		}
		p = p[:n]
	}
	m, ok := findDate(p)
	if !ok || !m.Valid || m.Date.Precision() < 3 {
		return m, false
	}
	if len(datelineRe.FindString(p)) != m.Start {
		return m, false
	}
	after := strings.TrimLeft(p[m.End:], " ")
	if after == "" {
		return m, false
	}
	switch r := firstRune(after); r {
	case ':', '-', '\u2013', '\u2014', '(', '|', '/':
		return m, true
	}
	return m, false
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// hasYear reports a run of four digits.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
