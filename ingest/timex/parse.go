package timex

import (
	"regexp"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// dateLabel is a leading "Published:", "Updated on" and the like.
var dateLabel = regexp.MustCompile(`(?i)^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)|dated?)\s*(?:on|:)?\s*:?\s*`)

// clockTail is a time of day after the date: "10:00 AM EDT", "at 3:45 p.m. ET".
var clockTail = regexp.MustCompile(`(?i)[\s,|·•-]*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,5}|(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\s*$`)

// isoClock is the time part of an ISO 8601 timestamp, after the "T".
var isoClock = regexp.MustCompile(`^T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$`)

// ParseDateLine reads a whole string that is a date, such as a dateline
// or a "published" header: "2023-06-19", "2023-06-19T10:00:00Z", "June 21,
// 2023", "Jun 21, 2023", "21 June 2023", "Tuesday, 20 June 2023", "Mon, 19
// Jun 2023 10:00:00 GMT", "21/06/2023" (day and month only when a number
// above 12 tells them apart). A label ("Published:") before it and a time of
// day after it are allowed. Impossible dates, and dates whose weekday
// disagrees with them, give false. The date is taken as written, not moved
// to another time zone.
func ParseDateLine(s string) (graph.Date, bool) {
	s = strings.TrimSpace(s)
	s = dateLabel.ReplaceAllString(s, "")
	if len(s) > 10 && s[10] == 'T' && isoClock.MatchString(s[10:]) {
		s = s[:10]
	}
	for _, layout := range []string{time.RFC1123, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return dayOf(t), true
		}
	}
	if loc := clockTail.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	s = strings.TrimRight(s, " ,.")
	f := &finder{s: s, toks: tokenize(s)}
	if len(f.toks) == 0 {
		return graph.Date{}, false
	}
	c, ok := f.parseCal(0)
	if !ok || c.next != len(f.toks) || c.endByte != 0 {
		return graph.Date{}, false
	}
	d := graph.Date{Year: c.y, Month: c.m, Day: c.d}
	if d.Validate() != nil || (c.y == 0 && c.d == 0) {
		return graph.Date{}, false
	}
	if c.hasWd && c.y != 0 && at(c.y, c.m, c.d).Weekday() != c.wd {
		return graph.Date{}, false
	}
	return d, true
}
