package timex

import (
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// FuzzParseDateLine: a date line that parses is a full, valid date.
func FuzzParseDateLine(f *testing.F) {
	for _, s := range []string{"2023-06-19", "2023-06-19T10:00:00Z", "June 21, 2023", "Jun 21, 2023",
		"21 June 2023", "Tuesday, 20 June 2023", "Mon, 19 Jun 2023 10:00:00 GMT", "21/06/2023",
		"Published: June 21, 2023 at 3:45 p.m. ET", "2023-02-30", "Monday, 20 June 2023", "February 29, 2023",
		"0000-01-01", "Updated on 31/04/2023"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDateLine(s)
		if !ok {
			return
		}
		if err := d.Validate(); err != nil || d.IsZero() {
			t.Fatalf("ParseDateLine(%q) = %+v: %v", s, d, err)
		}
	})
}

// FuzzResolveWeekday: a weekday resolved against any valid reference date
// is a valid date, and, when it is a full date, falls on that weekday.
func FuzzResolveWeekday(f *testing.F) {
	f.Add(uint8(1), 2023, 6, 21, uint8(1))
	f.Add(uint8(0), 2023, 6, 0, uint8(0))
	f.Add(uint8(6), 0, 2, 29, uint8(2))
	f.Add(uint8(3), 9999, 12, 31, uint8(2))
	f.Add(uint8(3), 1, 1, 1, uint8(1))
	f.Fuzz(func(t *testing.T, wd uint8, y, m, d int, tense uint8) {
		ref := graph.Date{Year: y, Month: m, Day: d}
		if ref.Validate() != nil {
			return
		}
		w := time.Weekday(wd % 7)
		got := ResolveWeekday(w, ref, Tense(tense%3))
		if err := got.Validate(); err != nil {
			t.Fatalf("ResolveWeekday(%v, %+v) = %+v: %v", w, ref, got, err)
		}
		if got.Precision() == 3 {
			if real := time.Date(got.Year, time.Month(got.Month), got.Day, 0, 0, 0, 0, time.UTC).Weekday(); real != w {
				t.Fatalf("ResolveWeekday(%v, %+v) = %+v, a %v", w, ref, got, real)
			}
		}
	})
}
