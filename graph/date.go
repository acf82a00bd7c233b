package graph

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date known to the precision the text gives: a year, a
// month of a year, a day; or a month and day whose year is not known yet
// ("Monday, June 19" in an undated article). Zero fields are unknown; the
// zero Date is no date at all.
type Date struct {
	Year  int `json:"year,omitempty"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

// IsZero reports whether nothing is known of the date.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// Precision is the number of known leading fields: 0 none, 1 year, 2 month, 3 day.
// A date without a year has precision 0 even when month and day are known.
func (d Date) Precision() int {
	switch {
	case d.Year == 0:
		return 0
	case d.Month == 0:
		return 1
	case d.Day == 0:
		return 2
	}
	return 3
}

// String formats d as "2023-06-19", "2023-06", "2023", "--06-19" (ISO 8601
// for a month and day without a year), or "" for the zero Date.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Year == 0 && d.Day != 0:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	case d.Year == 0:
		return fmt.Sprintf("--%02d", d.Month)
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// ParseDate is the inverse of Date.String.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	var d Date
	noYear := strings.HasPrefix(s, "--")
	parts := strings.Split(strings.TrimPrefix(s, "--"), "-")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || p == "" {
			return Date{}, fmt.Errorf("parse date %q: not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	if noYear {
		nums = append([]int{0}, nums...)
	}
	if len(nums) > 3 {
		return Date{}, fmt.Errorf("parse date %q: too many fields", s)
	}
	d.Year = nums[0]
	if len(nums) > 1 {
		d.Month = nums[1]
	}
	if len(nums) > 2 {
		d.Day = nums[2]
	}
	if err := d.Validate(); err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return d, nil
}

// Validate reports whether the known fields form a possible date.
func (d Date) Validate() error {
	if d.Year < 0 || d.Year > 9999 {
		return fmt.Errorf("year %d out of range", d.Year)
	}
	if d.Month < 0 || d.Month > 12 {
		return fmt.Errorf("month %d out of range", d.Month)
	}
	if d.Day != 0 && d.Month == 0 {
		return fmt.Errorf("day without month")
	}
	if d.Day < 0 || d.Day > DaysIn(d.Year, d.Month) {
		return fmt.Errorf("day %d out of range for month %d", d.Day, d.Month)
	}
	return nil
}

// DaysIn is the number of days of month m in year y (year 0: leap, so 29
// February is possible while the year is unknown).
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y == 0 || (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// AddDays returns the day n days after d (before, for negative n); the zero
// Date unless d is a full date.
func (d Date) AddDays(n int) Date {
	if d.Precision() != 3 {
		return Date{}
	}
	t := d.noon().AddDate(0, 0, n)
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// DaysUntil is the number of days from d to o, both full dates (negative
// when o is earlier); ok is false otherwise.
func (d Date) DaysUntil(o Date) (days int, ok bool) {
	if d.Precision() != 3 || o.Precision() != 3 {
		return 0, false
	}
	return int(o.noon().Sub(d.noon()).Hours()) / 24, true // noon to noon: whole days in UTC
}

// noon is noon UTC of a full date.
func (d Date) noon() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 12, 0, 0, 0, time.UTC)
}

// Compatible reports whether a and b can name the same day: every field
// known in both is equal. The zero Date is compatible with every date.
func (d Date) Compatible(o Date) bool {
	eq := func(a, b int) bool { return a == 0 || b == 0 || a == b }
	if !eq(d.Year, o.Year) || !eq(d.Month, o.Month) {
		return false
	}
	// A day is only meaningful with its month.
	if d.Month != 0 && o.Month != 0 {
		return eq(d.Day, o.Day)
	}
	return true
}

// Refine returns the date that keeps every field known in either d or o.
// It assumes d.Compatible(o).
func (d Date) Refine(o Date) Date {
	pick := func(a, b int) int {
		if a != 0 {
			return a
		}
		return b
	}
	return Date{Year: pick(d.Year, o.Year), Month: pick(d.Month, o.Month), Day: pick(d.Day, o.Day)}
}

// Before reports whether d sorts before o (unknown fields sort first).
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// Within reports whether d is within from and to (zero: open), compared at
// the less precise of the two dates. A zero d is within no range but the
// open one.
func (d Date) Within(from, to Date) bool {
	if !from.IsZero() && (d.Precision() == 0 || compareAt(d, from) < 0) {
		return false
	}
	if !to.IsZero() && (d.Precision() == 0 || compareAt(d, to) > 0) {
		return false
	}
	return true
}

// compareAt compares a and b on the fields both know.
func compareAt(a, b Date) int {
	p := min(a.Precision(), b.Precision())
	fa := [3]int{a.Year, a.Month, a.Day}
	fb := [3]int{b.Year, b.Month, b.Day}
	for i := range p {
		if c := cmp.Compare(fa[i], fb[i]); c != 0 {
			return c
		}
	}
	return 0
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
