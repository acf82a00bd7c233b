package graph

import "testing"

func TestDateAddDaysAndDaysUntil(t *testing.T) {
	d := Date{Year: 2024, Month: 2, Day: 28}
	if got := d.AddDays(2); got != (Date{Year: 2024, Month: 3, Day: 1}) {
		t.Errorf("AddDays(2) = %v", got)
	}
	if got := d.AddDays(-59); got != (Date{Year: 2023, Month: 12, Day: 31}) {
		t.Errorf("AddDays(-59) = %v", got)
	}
	if got := (Date{Year: 2024, Month: 2}).AddDays(1); !got.IsZero() {
		t.Errorf("a month plus a day = %v, want no date", got)
	}
	for _, tt := range []struct {
		a, b Date
		days int
		ok   bool
	}{
		{d, Date{Year: 2024, Month: 3, Day: 1}, 2, true},
		{Date{Year: 2024, Month: 3, Day: 1}, d, -2, true},
		{d, d, 0, true},
		{Date{Year: 2024, Month: 3, Day: 31}, Date{Year: 2024, Month: 4, Day: 1}, 1, true}, // across a DST change elsewhere: UTC
		{d, Date{Year: 2024, Month: 3}, 0, false},
	} {
		if days, ok := tt.a.DaysUntil(tt.b); days != tt.days || ok != tt.ok {
			t.Errorf("%v.DaysUntil(%v) = %d, %v; want %d, %v", tt.a, tt.b, days, ok, tt.days, tt.ok)
		}
	}
}
