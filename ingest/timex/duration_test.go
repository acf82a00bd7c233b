package timex

import (
	"fmt"
	"testing"
)

func TestDuration(t *testing.T) {
	tests := []struct {
		sentence string
		want     string // "Text|months|days|minutes|approx", "" for none
	}{
		{"during the 35-minute meeting at the guest house", "35-minute|0|0|35|false"},
		{"the meeting, which lasted 35 minutes, ended", "35 minutes|0|0|35|false"},
		{"a meeting that lasted for around three hours", "around three hours|0|0|180|true"},
		{"met the minister for seven and a half hours", "seven and a half hours|0|0|450|false"},
		{"they spoke for an hour and a half", "an hour and a half|0|0|90|false"},
		{"a two-day summit in the capital", "two-day|0|2|0|false"},
		{"the talks took 90 minutes", "90 minutes|0|0|90|false"},
		{"for half an hour", "half an hour|0|0|30|false"},
		{"for a quarter of an hour", "a quarter of an hour|0|0|15|false"},
		{"three quarters of an hour later", "three quarters of an hour|0|0|45|false"},
		{"twenty-five minutes of talks", "twenty-five minutes|0|0|25|false"},
		{"some 1.5 hours of talks", "some 1.5 hours|0|0|90|true"},
		{"two hours and 15 minutes in all", "two hours and 15 minutes|0|0|135|false"},
		{"an hour-long meeting", "an hour-long|0|0|60|false"},
		{"a day-long meeting", "a day-long|0|1|0|false"},
		{"the first in nearly five years", "nearly five years|60|0|0|true"},
		{"after two weeks of talks", "two weeks|0|14|0|false"},
		{"for one and a half days", "one and a half days|0|1|720|false"},
		{"for more than twenty hours", "more than twenty hours|0|0|1200|true"},
		{"a three-and-a-half-hour session", "three-and-a-half-hour|0|0|210|false"},
		{"for a day", "a day|0|1|0|false"},
		{"eighteen months of work", "eighteen months|18|0|0|false"},
		{"a couple of hours later", "a couple of hours|0|0|120|false"},
		{"in the 19th minute", ""},
		{"a day to remember", ""},
		{"1,000 years of history", ""},
		{"the hours were long", ""},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			got := ""
			if ds := Duration(tt.sentence); len(ds) > 0 { // the first duration found
				d := ds[0]
				if d.Text != tt.sentence[d.Start:d.End] {
					t.Fatalf("Text %q != span %q", d.Text, tt.sentence[d.Start:d.End])
				}
				got = fmt.Sprintf("%s|%d|%d|%d|%v", d.Text, d.Months, d.Days, d.Minutes, d.Approx)
			}
			if got != tt.want {
				t.Errorf("Duration(%q) = %q, want %q", tt.sentence, got, tt.want)
			}
		})
	}
}
