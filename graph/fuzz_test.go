package graph_test

import (
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// FuzzParseDate: whatever ParseDate accepts is a valid date that String
// writes back in a form ParseDate reads as the same date; every valid
// Date survives String and ParseDate.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-06-19", "2023-06", "2023", "--06-19", "--02-29", "2023-02-29",
		"2024-02-29", "0000", "9999-12-31", " 2023 ", "+2023", "2023-6-9", "-1", "--", "2023--19", "1e3"} {
		f.Add(s, 2023, 6, 19)
	}
	f.Fuzz(func(t *testing.T, s string, y, m, d int) {
		if got, err := graph.ParseDate(s); err == nil {
			if err := got.Validate(); err != nil {
				t.Fatalf("ParseDate(%q) = %+v: %v", s, got, err)
			}
			back, err := graph.ParseDate(got.String())
			if err != nil || back != got {
				t.Fatalf("ParseDate(%q) = %+v; String %q parses as %+v, %v", s, got, got.String(), back, err)
			}
		}
		date := graph.Date{Year: y, Month: m, Day: d}
		if date.Validate() != nil {
			return
		}
		back, err := graph.ParseDate(date.String())
		if err != nil || back != date {
			t.Fatalf("%+v -> %q -> %+v, %v", date, date.String(), back, err)
		}
	})
}
