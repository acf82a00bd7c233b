package timex

import (
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// finder holds one sentence's tokens and what resolution needs.
type finder struct {
	s     string
	toks  []token
	ref   graph.Date
	tense Tense
}

// match is an expression found at some token; end is the index of the
// token after it, endByte (when set) ends the text inside a token.
type match struct {
	end     int
	endByte int
	e       Expr
}

// Find returns the temporal expressions of sentence, left to right and not
// overlapping, resolved against ref (the publication date; it may be zero
// or partial) in the given tense. Expressions whose value cannot be worked
// out are still returned, with their Kind and a zero or partial Value, so a
// caller can resolve them later.
func Find(sentence string, ref graph.Date, tense Tense) []Expr {
	if ref.Validate() != nil {
		ref = graph.Date{}
	}
	f := &finder{s: sentence, toks: tokenize(sentence), ref: ref, tense: tense}
	matchers := [...]func(int) (match, bool){
		f.matchRange, f.matchCal, f.matchMonth, f.matchWeekday, f.matchDeictic,
		f.matchPeriod, f.matchAgo, f.matchAnaphor, f.matchYear,
	}
	var out []Expr
	for i := 0; i < len(f.toks); {
		if !f.canStart(i) {
			i++
			continue
		}
		var best match
		found := false
		for _, m := range matchers {
			if c, ok := m(i); ok && (!found || f.endByte(c) > f.endByte(best)) {
				best, found = c, true
			}
		}
		if !found {
			i++
			continue
		}
		e := best.e
		e.Start, e.End = f.toks[i].start, f.endByte(best)
		e.Text = sentence[e.Start:e.End]
		out = append(out, e)
		i = best.end
	}
	return out
}

// starters are the lower-case words an expression can begin with, besides
// numbers and month and weekday names.
var starters = map[string]bool{
	"from": true, "between": true, "the": true, "last": true, "next": true, "this": true,
	"coming": true, "yesterday": true, "today": true, "tonight": true, "tomorrow": true,
	"earlier": true, "later": true, "early": true, "late": true, "mid": true, "a": true,
	"an": true, "half": true,
}

// canStart is a cheap test that lets Find skip most tokens.
func (f *finder) canStart(i int) bool {
	t := &f.toks[i]
	if t.kind == tNum {
		return true
	}
	if t.kind != tWord {
		return false
	}
	if starters[t.low] {
		return true
	}
	if _, ok := numberWords[t.low]; ok {
		return true
	}
	if !t.upper {
		return false
	}
	if _, ok := months[t.low]; ok {
		return true
	}
	_, ok := weekdays[t.low]
	return ok
}

func (f *finder) endByte(m match) int {
	if m.endByte > 0 {
		return m.endByte
	}
	return f.toks[m.end-1].end
}

func (f *finder) tok(i int) token {
	if i < 0 || i >= len(f.toks) {
		return token{kind: tPunct}
	}
	return f.toks[i]
}

func (f *finder) low(i int) string { return f.tok(i).low }

// adj reports whether tokens i and i+1 touch, with no space between.
func (f *finder) adj(i int) bool {
	return i >= 0 && i+1 < len(f.toks) && f.toks[i].end == f.toks[i+1].start
}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" }

// step skips a hyphen joining token k-1 to token k+1 ("two-day",
// "three-and-a-half-hour").
func (f *finder) step(k int) int {
	if isDash(f.low(k)) && f.adj(k-1) && f.adj(k) {
		return k + 1
	}
	return k
}

func (f *finder) monthAt(i int) (monthWord, int, bool) {
	t := f.tok(i)
	if t.kind != tWord || !t.upper {
		return monthWord{}, 0, false
	}
	mw, ok := months[t.low]
	if !ok {
		return monthWord{}, 0, false
	}
	n := i + 1
	if mw.abbrev && f.low(n) == "." && f.adj(i) {
		n++
	}
	return mw, n, true
}

func (f *finder) weekdayAt(i int) (weekdayWord, int, bool) {
	t := f.tok(i)
	if t.kind != tWord || !t.upper {
		return weekdayWord{}, 0, false
	}
	w, ok := weekdays[t.low]
	if !ok {
		return weekdayWord{}, 0, false
	}
	n := i + 1
	if w.abbrev && f.low(n) == "." && f.adj(i) {
		n++
	}
	return w, n, true
}

func (f *finder) dayAt(i int) (int, int, bool) {
	t := f.tok(i)
	if t.kind != tNum || t.digits > 2 || t.num < 1 || t.num > 31 {
		return 0, 0, false
	}
	// "5,000" is not the fifth.
	if f.low(i+1) == "," && f.adj(i) && f.tok(i+2).kind == tNum && f.adj(i+1) {
		return 0, 0, false
	}
	return t.num, i + 1, true
}

func (f *finder) yearAt(i int) (int, int, bool) {
	t := f.tok(i)
	if t.kind != tNum || t.ord || t.digits != 4 || t.num < 1000 {
		return 0, 0, false
	}
	return t.num, i + 1, true
}

// cal is a calendar date as written: year and day may be missing.
type cal struct {
	y, m, d int
	wd      time.Weekday
	hasWd   bool
	next    int
	endByte int
}

func (c cal) possible() bool {
	return c.m >= 1 && c.m <= 12 && c.d >= 0 && c.d <= graph.DaysIn(c.y, c.m)
}

// parseCal reads a written date at token i: "[Monday,] June 19[, 2023]",
// "[Tuesday,] [the] 19[th] [of] June [2023]", "June 2023", "2023-06-19",
// "21/06/2023".
func (f *finder) parseCal(i int) (cal, bool) {
	if w, n, ok := f.weekdayAt(i); ok {
		if f.low(n) == "," {
			n++
		}
		c, ok := f.calBody(n)
		if !ok || c.d == 0 {
			return cal{}, false
		}
		c.wd, c.hasWd = w.wd, true
		return c, true
	}
	return f.calBody(i)
}

func (f *finder) calBody(i int) (cal, bool) {
	if c, ok := f.numericDate(i); ok {
		return c, true
	}
	if c, ok := f.dayFirst(i); ok {
		return c, true
	}
	return f.monthFirst(i)
}

// yearAfter reads an optional year after a date: " 2023" or ", 2023".
func (f *finder) yearAfter(k int) (int, int) {
	if y, n, ok := f.yearAt(k); ok {
		return y, n
	}
	if f.low(k) == "," {
		if y, n, ok := f.yearAt(k + 1); ok {
			return y, n
		}
	}
	return 0, k
}

func (f *finder) dayFirst(i int) (cal, bool) {
	j := i
	if f.low(j) == "the" {
		j++
	}
	d, k, ok := f.dayAt(j)
	if !ok {
		return cal{}, false
	}
	if f.low(k) == "of" {
		k++
	}
	mw, n, ok := f.monthAt(k)
	if !ok {
		return cal{}, false
	}
	c := cal{m: mw.month, d: d}
	c.y, c.next = f.yearAfter(n)
	return c, c.possible()
}

func (f *finder) monthFirst(i int) (cal, bool) {
	mw, n, ok := f.monthAt(i)
	if !ok {
		return cal{}, false
	}
	c := cal{m: mw.month}
	if d, k, ok := f.dayAt(n); ok && f.low(k) != ":" {
		c.d = d
		c.y, c.next = f.yearAfter(k)
		return c, c.possible()
	}
	if f.low(n) == "of" {
		n++
	}
	c.y, c.next = f.yearAfter(n)
	return c, c.y != 0
}

// numericDate reads "2023-06-19", "2023/06/19", "19.06.2023", and day-month
// or month-day orders only when a number above 12 tells them apart.
func (f *finder) numericDate(i int) (cal, bool) {
	sep := f.low(i + 1)
	if sep != "-" && sep != "/" && sep != "." {
		return cal{}, false
	}
	a, b, z := f.tok(i), f.tok(i+2), f.tok(i+4)
	if a.kind != tNum || a.ord || b.kind != tNum || b.ord || f.low(i+3) != sep ||
		!f.adj(i) || !f.adj(i+1) || !f.adj(i+2) || !f.adj(i+3) {
		return cal{}, false
	}
	if f.low(i-1) == sep && f.adj(i-1) { // "1.2.3.4"
		return cal{}, false
	}
	if f.low(i+5) == sep && f.adj(i+4) {
		return cal{}, false
	}
	c := cal{next: i + 5}
	switch {
	case a.digits == 4 && b.digits <= 2:
		c.y, c.m = a.num, b.num
		switch {
		case z.kind == tNum && !z.ord && z.digits <= 2:
			c.d = z.num
		case z.kind == tWord && len(z.low) > 2 && z.low[0] >= '0' && z.low[0] <= '9' &&
			z.low[1] >= '0' && z.low[1] <= '9' && z.low[2] == 't': // "2023-06-19T10:00"
			c.d = int(z.low[0]-'0')*10 + int(z.low[1]-'0')
			c.endByte = z.start + 2
		default:
			return cal{}, false
		}
	case z.kind == tNum && !z.ord && z.digits == 4 && a.digits <= 2 && b.digits <= 2:
		c.y = z.num
		switch {
		case a.num > 12 && b.num <= 12, a.num == b.num:
			c.d, c.m = a.num, b.num
		case b.num > 12 && a.num <= 12:
			c.m, c.d = a.num, b.num
		default:
			return cal{}, false
		}
	default:
		return cal{}, false
	}
	return c, c.d >= 1 && c.possible()
}

// dateValue resolves a written date; a missing year comes from the
// reference date, picked by m, or stays unknown.
func (f *finder) dateValue(c cal, m pickMode) graph.Date {
	if c.y != 0 {
		return valid(graph.Date{Year: c.y, Month: c.m, Day: c.d})
	}
	var v graph.Date
	if c.d == 0 {
		v = resolve(f.ref, func(r time.Time) graph.Date { return monthIn(r, c.m, m) })
	} else {
		v = resolve(f.ref, func(r time.Time) graph.Date { return monthDayIn(r, c.m, c.d, c.wd, c.hasWd, m) })
	}
	if v.Year == 0 {
		return graph.Date{Month: c.m, Day: c.d}
	}
	return v
}

// yearSuffix reads "last year", "this year", "next year" (optionally after
// "of" or a comma) after a month or a month and day.
func (f *finder) yearSuffix(k int) (int, int, bool) {
	if f.low(k) == "of" || f.low(k) == "," {
		k++
	}
	if f.low(k+1) != "year" {
		return 0, 0, false
	}
	switch f.low(k) {
	case "last":
		return -1, k + 2, true
	case "this":
		return 0, k + 2, true
	case "next":
		return 1, k + 2, true
	}
	return 0, 0, false
}

// withYearSuffix fills the year of c from "last year" and the like.
func (f *finder) withYearSuffix(c cal, k int) (graph.Date, int, bool) {
	dy, n, ok := f.yearSuffix(k)
	if !ok {
		return graph.Date{}, 0, false
	}
	v := resolve(f.ref, func(r time.Time) graph.Date {
		return graph.Date{Year: r.Year() + dy, Month: c.m, Day: c.d}
	})
	if v.Year == 0 {
		v = graph.Date{Month: c.m, Day: c.d}
	}
	return v, n, true
}

func (f *finder) matchCal(i int) (match, bool) {
	c, ok := f.parseCal(i)
	if !ok {
		return match{}, false
	}
	m := match{end: c.next, endByte: c.endByte, e: Expr{Kind: Absolute}}
	if c.y == 0 {
		if v, n, ok := f.withYearSuffix(c, c.next); ok {
			m.e.Value, m.end = v, n
			return m, true
		}
	}
	m.e.Value = f.dateValue(c, dateMode(f.tense))
	return m, true
}

func isRangeWord(s string) bool {
	return s == "to" || s == "through" || s == "thru" || s == "until" || s == "till"
}

// rangeSep checks the word between two ends of a range: "between" wants
// "and", a bare "to" wants "from" unless the left end is a full date.
func rangeSep(sep, prefix string, bareLeft bool) bool {
	switch {
	case isDash(sep):
		return prefix != "between"
	case isRangeWord(sep):
		return prefix == "from" || (prefix == "" && !bareLeft)
	case sep == "and":
		return prefix == "between"
	}
	return false
}

// andDays reports whether "l and r" with no "between" before is a span:
// two days in a row of one month ("3 and 4 October", "October 3 and
// 4") or two weekdays in a row ("Monday and Tuesday"); "3 and 10
// October" and "Monday and Thursday" are two dates, not a range.
func andDays(l, r cal) bool {
	if l.d == 0 && r.d == 0 && l.hasWd && r.hasWd {
		return r.wd == (l.wd+1)%7
	}
	return l.m == r.m && r.d == l.d+1
}

// matchRange reads "March 3-5", "3-5 March", "from March 3 to 5", "between
// 3 and 5 March", "June 30 to July 2", "from Monday to Wednesday", "from
// 2019 to 2021".
func (f *finder) matchRange(i int) (match, bool) {
	j := i
	prefix := f.low(i)
	if prefix == "from" || prefix == "between" {
		j++
	} else {
		prefix = ""
	}
	if m, ok := f.weekdayRange(j, prefix); ok {
		return m, true
	}
	if m, ok := f.yearRange(j, prefix); ok {
		return m, true
	}
	l, ok := f.parseCal(j)
	bareLeft := false
	switch {
	case ok && l.d == 0:
		return match{}, false
	case !ok:
		d, n, ok := f.dayAt(j)
		if !ok {
			return match{}, false
		}
		l, bareLeft = cal{d: d, next: n}, true
	}
	k := l.next
	// "on 3 and 4 October": two days in a row (andDays, below).
	andSpan := f.low(k) == "and" && prefix == ""
	if !andSpan && !rangeSep(f.low(k), prefix, bareLeft) {
		return match{}, false
	}
	r, ok := f.parseCal(k + 1)
	switch {
	case ok && r.d == 0:
		return match{}, false
	case !ok:
		d, n, ok := f.dayAt(k + 1)
		if !ok || bareLeft {
			return match{}, false
		}
		r = cal{d: d}
		r.y, r.next = f.yearAfter(n)
	}
	if l.m == 0 {
		l.m = r.m
	}
	if r.m == 0 {
		r.m = l.m
	}
	if l.m == 0 {
		return match{}, false
	}
	if andSpan && !andDays(l, r) {
		return match{}, false
	}
	wrap := r.m < l.m || (r.m == l.m && r.d <= l.d)
	switch {
	case l.y != 0 && r.y != 0:
		if !(l.y < r.y || (l.y == r.y && !wrap)) {
			return match{}, false
		}
	case l.y == 0 && r.y != 0:
		l.y = r.y
		if wrap {
			l.y--
		}
	case l.y != 0:
		r.y = l.y
		if wrap {
			r.y++
		}
	case r.m == l.m && r.d <= l.d:
		return match{}, false
	}
	if !l.possible() || !r.possible() {
		return match{}, false
	}
	m := match{end: r.next, endByte: r.endByte, e: Expr{Kind: Range}}
	m.e.Value = f.dateValue(l, dateMode(f.tense))
	m.e.End2 = graph.Date{Month: r.m, Day: r.d}
	switch {
	case r.y != 0:
		m.e.End2.Year = r.y
	case m.e.Value.Year != 0:
		m.e.End2.Year = m.e.Value.Year
		if wrap {
			m.e.End2.Year++
		}
	}
	m.e.End2 = valid(m.e.End2)
	return m, true
}

func (f *finder) weekdayRange(j int, prefix string) (match, bool) {
	w1, n, ok := f.weekdayAt(j)
	if !ok || w1.abbrev {
		return match{}, false
	}
	sep := f.low(n)
	// "on Monday and Tuesday": two days in a row (andDays).
	andSpan := sep == "and" && prefix == ""
	if !andSpan && !rangeSep(sep, prefix, sep == "to" || sep == "until" || sep == "till") {
		return match{}, false
	}
	w2, n2, ok := f.weekdayAt(n + 1)
	if !ok || w2.abbrev || w2.wd == w1.wd {
		return match{}, false
	}
	if andSpan && !andDays(cal{wd: w1.wd, hasWd: true}, cal{wd: w2.wd, hasWd: true}) {
		return match{}, false
	}
	m := match{end: n2, e: Expr{Kind: Range}}
	m.e.Value = ResolveWeekday(w1.wd, f.ref, f.tense)
	m.e.End2 = valid(m.e.Value.AddDays((int(w2.wd) - int(w1.wd) + 7) % 7))
	return m, true
}

func (f *finder) yearRange(j int, prefix string) (match, bool) {
	y1, n, ok := f.yearAt(j)
	if !ok {
		return match{}, false
	}
	sep := f.low(n)
	if !rangeSep(sep, prefix, true) || (prefix == "" && !(isDash(sep) && f.adj(n-1) && f.adj(n))) {
		return match{}, false
	}
	y2, n2, ok := f.yearAt(n + 1)
	if !ok || y2 <= y1 || y2-y1 > 100 {
		return match{}, false
	}
	return match{end: n2, e: Expr{Kind: Range, Value: graph.Date{Year: y1}, End2: graph.Date{Year: y2}}}, true
}

// matchMonth reads a month name alone: "in February", "last November",
// "this June", "November last year". A month that is also a word or a name
// (May, March, April, June, August) needs a cue before it.
func (f *finder) matchMonth(i int) (match, bool) {
	j, mode := i, dateMode(f.tense)
	sameYear := false
	switch f.low(i) {
	case "last":
		j, mode = i+1, strictlyBefore
	case "next":
		j, mode = i+1, strictlyAfter
	case "this":
		j, sameYear = i+1, true
	}
	mw, n, ok := f.monthAt(j)
	if !ok || mw.abbrev {
		return match{}, false
	}
	cue := j > i || monthCues[f.low(i-1)] || (isDash(f.low(i-1)) && f.low(i-2) == "mid")
	nextName := f.tok(n).kind == tWord && f.tok(n).upper
	if !cue && (mw.ambiguous || nextName) {
		return match{}, false
	}
	if mw.ambiguous && nextName && (f.low(n+1) == "'" || f.low(n+1) == "’") { // "August Wilson's"
		return match{}, false
	}
	c := cal{m: mw.month}
	m := match{end: n, e: Expr{Kind: Absolute}}
	if j == i {
		if v, n2, ok := f.withYearSuffix(c, n); ok {
			m.e.Value, m.end = v, n2
			return m, true
		}
	}
	if sameYear {
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date { return graph.Date{Year: r.Year(), Month: c.m} })
		if m.e.Value.Year == 0 {
			m.e.Value = graph.Date{Month: c.m}
		}
		return m, true
	}
	m.e.Value = f.dateValue(c, mode)
	return m, true
}

// matchWeekday reads "Monday", "last Monday", "next Tuesday", "this
// Friday", "Sunday evening".
func (f *finder) matchWeekday(i int) (match, bool) {
	j, mode := i, dateMode(f.tense) // a future weekday may be today (ResolveWeekday)
	thisWeek := false
	switch f.low(i) {
	case "last":
		j, mode = i+1, strictlyBefore
	case "next", "coming":
		j, mode = i+1, strictlyAfter
	case "this":
		j = i + 1
		switch f.low(j) {
		case "past":
			j, mode = j+1, strictlyBefore
		case "coming":
			j, mode = j+1, strictlyAfter
		default:
			thisWeek = true
		}
	}
	w, n, ok := f.weekdayAt(j)
	if !ok {
		return match{}, false
	}
	if prev := f.low(i - 1); prev == "every" || prev == "each" {
		return match{}, false
	}
	// "Sun" and "Wed" alone are too often something else ("The Sun,").
	if w.abbrev && j == i && f.low(i-1) != "on" {
		return match{}, false
	}
	if timesOfDay[f.low(n)] {
		n++
	}
	m := match{end: n, e: Expr{Kind: Weekday}}
	if thisWeek {
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date {
			return dayOf(weekStart(r).AddDate(0, 0, (int(w.wd)+6)%7))
		})
	} else {
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date { return dayOf(weekdayFrom(r, w.wd, mode)) })
	}
	return m, true
}

// matchDeictic reads "yesterday", "today", "tomorrow", "tonight", "this
// morning", "last night", "the day before yesterday".
func (f *finder) matchDeictic(i int) (match, bool) {
	off, n := 0, i+1
	switch f.low(i) {
	case "yesterday":
		off = -1
	case "today", "tonight":
		t := f.tok(i)
		if p := f.tok(i - 1); t.upper && p.kind == tWord && p.upper && !yearCues[p.low] && p.low != "on" {
			return match{}, false // "USA Today"
		}
	case "tomorrow":
		off = 1
	case "this":
		switch f.low(i + 1) {
		case "morning", "afternoon", "evening":
			n = i + 2
		default:
			return match{}, false
		}
	case "last":
		if f.low(i+1) != "night" {
			return match{}, false
		}
		off, n = -1, i+2
	case "earlier", "later":
		if f.low(i+1) != "today" {
			return match{}, false
		}
		n = i + 2
	case "the":
		switch {
		case f.low(i+1) != "day":
			return match{}, false
		case f.low(i+2) == "before" && f.low(i+3) == "yesterday":
			off = -2
		case f.low(i+2) == "after" && f.low(i+3) == "tomorrow":
			off = 2
		default:
			return match{}, false
		}
		n = i + 4
	default:
		return match{}, false
	}
	if off != 0 && timesOfDay[f.low(n)] {
		n++
	}
	v := resolve(f.ref, func(r time.Time) graph.Date { return dayOf(r.AddDate(0, 0, off)) })
	return match{end: n, e: Expr{Kind: Relative, Value: v}}, true
}

// periodUnit is what "this", "last" and "next" can count.
type periodUnit uint8

const (
	pWeek periodUnit = iota + 1
	pWeekend
	pMonth
	pYear
)

var periodUnits = map[string]periodUnit{"week": pWeek, "weekend": pWeekend, "month": pMonth, "year": pYear}

// matchPeriod reads "this week", "last month", "next year", "over the
// weekend", and vague parts of periods: "late last year", "earlier this
// month", "earlier in the year", "mid-June", "early 2022", "the end of
// last year".
func (f *finder) matchPeriod(i int) (match, bool) {
	j, vague := i, false
	switch w := f.low(i); {
	case w == "early" || w == "earlier" || w == "late" || w == "later":
		j, vague = i+1, true
	case w == "mid":
		j, vague = f.step(i+1), true
	case w == "the" && isPart(f.low(i+1)) && f.low(i+2) == "of":
		j, vague = i+3, true
	}
	if vague && f.low(j) == "in" {
		j++
	}
	m, ok := f.period(j, vague)
	if !ok {
		return match{}, false
	}
	if f.low(i) == "earlier" && m.e.Kind == Range && f.ref.Precision() == 3 && !m.e.End2.Before(f.ref) {
		// "earlier this week" ends the day before the reference.
		if prev := f.ref.AddDays(-1); !prev.Before(m.e.Value) {
			m.e.End2 = prev
		}
	}
	if vague {
		m.e.Kind = Vague
	}
	return m, true
}

func isPart(w string) bool {
	return w == "end" || w == "beginning" || w == "start" || w == "middle" || w == "turn"
}

func (f *finder) period(j int, vague bool) (match, bool) {
	dk, k := 0, j+1
	switch f.low(j) {
	case "this":
		switch f.low(j + 1) {
		case "past":
			dk, k = -1, j+2
		case "coming":
			dk, k = 1, j+2
		}
	case "last":
		dk = -1
	case "next", "coming":
		dk = 1
	case "the":
		u := periodUnits[f.low(j+1)]
		switch {
		case u == pWeekend:
			return f.weekend(j+2, 0, true), true
		case u != 0 && vague:
			return f.periodValue(u, 0, j+2), true
		}
		return match{}, false
	default:
		if !vague {
			return match{}, false
		}
		return f.vagueDate(j)
	}
	if !vague && f.low(j-1) == "the" { // "the last year" is a rolling span
		return match{}, false
	}
	u := periodUnits[f.low(k)]
	switch u {
	case 0:
		return match{}, false
	case pWeekend:
		return f.weekend(k+1, dk, false), true
	}
	return f.periodValue(u, dk, k+1), true
}

// vagueDate reads the month or year after "early", "mid-", "the end of".
func (f *finder) vagueDate(j int) (match, bool) {
	if y, n, ok := f.yearAt(j); ok {
		return match{end: n, e: Expr{Kind: Absolute, Value: graph.Date{Year: y}}}, true
	}
	mw, n, ok := f.monthAt(j)
	if !ok || mw.abbrev {
		return match{}, false
	}
	c := cal{m: mw.month}
	if f.low(n) == "of" {
		if y, n2, ok := f.yearAt(n + 1); ok {
			c.y, n = y, n2
		}
	} else {
		c.y, n = f.yearAfter(n)
	}
	m := match{end: n, e: Expr{Kind: Absolute}}
	if c.y == 0 {
		if v, n2, ok := f.withYearSuffix(c, n); ok {
			m.e.Value, m.end = v, n2
			return m, true
		}
	}
	m.e.Value = f.dateValue(c, dateMode(f.tense))
	return m, true
}

// periodValue is the week, month or year dk periods from the reference's.
func (f *finder) periodValue(u periodUnit, dk, end int) match {
	m := match{end: end}
	switch u {
	case pWeek:
		m.e.Kind = Range
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date { return dayOf(weekStart(r).AddDate(0, 0, 7*dk)) })
		m.e.End2 = resolve(f.ref, func(r time.Time) graph.Date { return dayOf(weekStart(r).AddDate(0, 0, 7*dk+6)) })
	case pMonth:
		m.e.Kind = Relative
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date { return monthOf(at(r.Year(), int(r.Month())+dk, 1)) })
	default:
		m.e.Kind = Relative
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date { return graph.Date{Year: r.Year() + dk} })
	}
	return m
}

// weekend resolves a Saturday-Sunday weekend: that of the reference's
// week moved by dk weeks, or for "the weekend" the one tense points to.
func (f *finder) weekend(end, dk int, byTense bool) match {
	sat := func(r time.Time) time.Time {
		switch {
		case byTense && f.tense == Future:
			return weekdayFrom(r, time.Saturday, onOrAfter)
		case byTense:
			if r.Weekday() == time.Sunday {
				return r.AddDate(0, 0, -1)
			}
			return weekdayFrom(r, time.Saturday, onOrBefore)
		}
		return weekStart(r).AddDate(0, 0, 7*dk+5)
	}
	return match{end: end, e: Expr{
		Kind:  Range,
		Value: resolve(f.ref, func(r time.Time) graph.Date { return dayOf(sat(r)) }),
		End2:  resolve(f.ref, func(r time.Time) graph.Date { return dayOf(sat(r).AddDate(0, 0, 1)) }),
	}}
}

// matchAgo reads "two days ago", "three weeks ago", "a year ago", "two
// days from now", and the anaphoric "two days later", "a week earlier".
func (f *finder) matchAgo(i int) (match, bool) {
	q, n, ok := f.quantity(i)
	if !ok || q < 1 || q != float64(int(q)) {
		return match{}, false
	}
	count := int(q)
	u := units[f.low(n)]
	days := 0
	switch u {
	case uDay:
		days = 1
	case uWeek:
		days = 7
	case uFortnight:
		days = 14
	case uMonth, uYear:
	default:
		return match{}, false
	}
	n++
	sign, anaphoric := -1, false
	switch f.low(n) {
	case "ago":
	case "earlier", "before":
		anaphoric = true
	case "later", "after":
		sign, anaphoric = 1, true
	case "from":
		if f.low(n+1) != "now" {
			return match{}, false
		}
		sign, n = 1, n+1
	default:
		return match{}, false
	}
	m := match{end: n + 1}
	if anaphoric {
		if days == 0 {
			return match{}, false
		}
		m.e = Expr{Kind: Anaphoric, Offset: sign * count * days}
		return m, true
	}
	m.e.Kind = Relative
	switch {
	case days != 0:
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date { return dayOf(r.AddDate(0, 0, sign*count*days)) })
	case u == uMonth:
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date {
			return monthOf(at(r.Year(), int(r.Month())+sign*count, 1))
		})
	default:
		m.e.Value = resolve(f.ref, func(r time.Time) graph.Date { return graph.Date{Year: r.Year() + sign*count} })
	}
	return m, true
}

// matchAnaphor reads "the day before", "the day after", "the next day",
// "the following morning", "the previous day".
func (f *finder) matchAnaphor(i int) (match, bool) {
	if f.low(i) != "the" {
		return match{}, false
	}
	isDay := func(w string) bool { return w == "day" || timesOfDay[w] }
	off := 0
	switch w1, w2 := f.low(i+1), f.low(i+2); {
	case isDay(w1) && (w2 == "before" || w2 == "prior"):
		off = -1
	case isDay(w1) && w2 == "after":
		off = 1
	case (w1 == "next" || w1 == "following") && isDay(w2):
		off = 1
	case (w1 == "previous" || w1 == "preceding") && isDay(w2):
		off = -1
	default:
		return match{}, false
	}
	return match{end: i + 3, e: Expr{Kind: Anaphoric, Offset: off}}, true
}

// matchYear reads a year after a cue: "in 2022", "since 2019".
func (f *finder) matchYear(i int) (match, bool) {
	y, n, ok := f.yearAt(i)
	if !ok || y < 1800 || y > 2199 || !yearCues[f.low(i-1)] {
		return match{}, false
	}
	if s := f.low(n); s == "%" || ((s == "," || s == "." || s == "/" || isDash(s)) && f.adj(i) && f.tok(n+1).kind == tNum && f.adj(n)) {
		return match{}, false
	}
	if units[f.low(n)] != 0 {
		return match{}, false
	}
	return match{end: n, e: Expr{Kind: Absolute, Value: graph.Date{Year: y}}}, true
}
