package timex

import (
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// at is noon UTC of a calendar day; time.Date normalizes overflowing fields,
// which the callers rely on for month and day arithmetic.
func at(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }

func dayOf(t time.Time) graph.Date {
	return graph.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

func monthOf(t time.Time) graph.Date { return graph.Date{Year: t.Year(), Month: int(t.Month())} }

// resolve applies fn to the reference date. A reference known only to the
// month or year is a span of days: fn runs on its first and last day and only
// the fields both answers share are kept, so the result never claims more
// than the reference supports.
func resolve(ref graph.Date, fn func(r time.Time) graph.Date) graph.Date {
	if ref.Year == 0 || ref.Validate() != nil {
		return graph.Date{}
	}
	var lo, hi time.Time
	switch ref.Precision() {
	case 3:
		lo = at(ref.Year, ref.Month, ref.Day)
		return valid(fn(lo))
	case 2:
		lo, hi = at(ref.Year, ref.Month, 1), at(ref.Year, ref.Month, graph.DaysIn(ref.Year, ref.Month))
	default:
		lo, hi = at(ref.Year, 1, 1), at(ref.Year, 12, 31)
	}
	return valid(common(fn(lo), fn(hi)))
}

func valid(d graph.Date) graph.Date {
	if d.Validate() != nil {
		return graph.Date{}
	}
	return d
}

// common keeps the leading fields on which a and b agree.
func common(a, b graph.Date) graph.Date {
	switch {
	case a.Year != b.Year:
		return graph.Date{}
	case a.Month != b.Month:
		return graph.Date{Year: a.Year}
	case a.Day != b.Day:
		return graph.Date{Year: a.Year, Month: a.Month}
	}
	return a
}

// pickMode says which candidate period a reference date selects.
type pickMode uint8

const (
	onOrBefore pickMode = iota
	onOrAfter
	nearest
	strictlyBefore
	strictlyAfter
)

// dateMode is how tense picks a month or a month-day: past looks back, future
// ahead, and without a tense the nearest candidate wins.
func dateMode(t Tense) pickMode {
	switch t {
	case Past:
		return onOrBefore
	case Future:
		return onOrAfter
	}
	return nearest
}

type span struct{ lo, hi time.Time }

func dist(s span, r time.Time) time.Duration {
	switch {
	case r.Before(s.lo):
		return s.lo.Sub(r)
	case r.After(s.hi):
		return r.Sub(s.hi)
	}
	return 0
}

// pick chooses among candidates sorted in time order; ties go to the earlier.
func pick(c []span, r time.Time, m pickMode) (int, bool) {
	best := -1
	for i, s := range c {
		var ok bool
		switch m {
		case onOrBefore:
			ok = !s.lo.After(r)
		case strictlyBefore:
			ok = s.hi.Before(r)
		case onOrAfter:
			ok = !s.hi.Before(r)
		case strictlyAfter:
			ok = s.lo.After(r)
		default:
			ok = true
		}
		if !ok {
			continue
		}
		switch {
		case best < 0:
			best = i
		case m == onOrBefore || m == strictlyBefore:
			best = i // later candidates come later in time
		case m == nearest && dist(s, r) < dist(c[best], r):
			best = i
		}
	}
	return best, best >= 0
}

// monthIn resolves a month name to the month of the year that m selects.
func monthIn(r time.Time, month int, m pickMode) graph.Date {
	var c [3]span
	y := r.Year() - 1
	for k := range c {
		c[k] = span{at(y+k, month, 1), at(y+k, month, graph.DaysIn(y+k, month))}
	}
	i, ok := pick(c[:], r, m)
	if !ok {
		return graph.Date{}
	}
	return graph.Date{Year: y + i, Month: month}
}

// monthDayIn resolves a month and day without a year. A weekday given with
// it ("Monday, June 19") moves the choice to a neighbouring year when only
// that year agrees with it.
func monthDayIn(r time.Time, month, day int, wd time.Weekday, hasWd bool, m pickMode) graph.Date {
	c := make([]span, 0, 9)
	for y := r.Year() - 4; y <= r.Year()+4; y++ {
		if day <= graph.DaysIn(y, month) {
			t := at(y, month, day)
			c = append(c, span{t, t})
		}
	}
	i, ok := pick(c, r, m)
	if !ok {
		return graph.Date{}
	}
	best := c[i].lo
	if hasWd && best.Weekday() != wd {
		var agree []span
		for _, s := range c {
			if s.lo.Weekday() == wd && abs(s.lo.Year()-best.Year()) <= 1 {
				agree = append(agree, s)
			}
		}
		if len(agree) > 0 {
			j, ok := pick(agree, r, m)
			if !ok {
				j, _ = pick(agree, r, nearest)
			}
			best = agree[j].lo
		}
	}
	return dayOf(best)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// weekdayFrom finds the weekday wd that m selects around r.
func weekdayFrom(r time.Time, wd time.Weekday, m pickMode) time.Time {
	back := (int(r.Weekday()) - int(wd) + 7) % 7
	fwd := (int(wd) - int(r.Weekday()) + 7) % 7
	switch m {
	case onOrBefore:
		return r.AddDate(0, 0, -back)
	case strictlyBefore:
		if back == 0 {
			back = 7
		}
		return r.AddDate(0, 0, -back)
	case onOrAfter:
		return r.AddDate(0, 0, fwd)
	case strictlyAfter:
		if fwd == 0 {
			fwd = 7
		}
		return r.AddDate(0, 0, fwd)
	}
	if back <= fwd {
		return r.AddDate(0, 0, -back)
	}
	return r.AddDate(0, 0, fwd)
}

// weekStart is the Monday of r's ISO week.
func weekStart(r time.Time) time.Time {
	return r.AddDate(0, 0, -((int(r.Weekday()) + 6) % 7))
}

// ResolveWeekday is the date of weekday wd as a sentence in tense says it
// relative to ref: in the past, the latest such day on or before ref; in the
// future, the first one on or after ref; without a tense, the nearest (the earlier
// on a tie). A ref without a day gives only what every day of it agrees on.
//
// A future "Monday" said on a Monday is that day: news style names the day
// of the week for anything within a week, today included ("will meet on
// Thursday" in Thursday's paper, often filed the evening before), and
// dates or says "next Monday" for a day a week ahead.
func ResolveWeekday(wd time.Weekday, ref graph.Date, tense Tense) graph.Date {
	m := dateMode(tense)
	return resolve(ref, func(r time.Time) graph.Date { return dayOf(weekdayFrom(r, wd, m)) })
}
