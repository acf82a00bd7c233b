package timex

import "math"

// Dur is a length of time written in a sentence: "35-minute", "lasted 35
// minutes", "around three hours", "seven and a half hours", "two-day". The
// length is Months months plus Days days plus Minutes minutes, each unit
// kept as written (a day is not 1440 minutes when the text says "two-day");
// only fractions spill into the smaller unit (a month's fraction as 30-day
// days).
type Dur struct {
	Start, End int
	Text       string // sentence[Start:End]
	Minutes    int
	Days       int
	Months     int
	Approx     bool // "around", "nearly", "more than", ...
}

// approxWords lead an approximate duration; two-word ones are keyed by the
// first word with the second as value.
var approxWords = map[string]string{
	"around": "", "about": "", "nearly": "", "almost": "", "roughly": "", "some": "",
	"approximately": "", "over": "", "under": "", "circa": "",
	"more": "than", "less": "than", "fewer": "than", "at": "least", "close": "to", "up": "to",
	"just": "", "well": "over",
}

// Duration returns the durations written in sentence, left to right.
func Duration(sentence string) []Dur {
	f := &finder{s: sentence, toks: tokenize(sentence)}
	var out []Dur
	for i := 0; i < len(f.toks); {
		d, end, ok := f.duration(i)
		if !ok {
			i++
			continue
		}
		d.Start, d.End = f.toks[i].start, f.toks[end-1].end
		d.Text = sentence[d.Start:d.End]
		out = append(out, d)
		i = end
	}
	return out
}

func (f *finder) duration(i int) (Dur, int, bool) {
	j, approx := i, false
	if second, ok := approxWords[f.low(i)]; ok {
		switch {
		case f.low(i) == "just" || f.low(i) == "well":
			if s := f.low(i + 1); s == "over" || s == "under" || s == "about" || s == "around" {
				j = i + 2
			}
		case second == "":
			j = i + 1
		case f.low(i+1) == second:
			j = i + 2
		}
		approx = j > i
	}
	var minutes, days, months float64
	last := uMinute + 100 // larger than every unit
	n, parts := j, 0
	for {
		k := n
		if parts > 0 && f.low(k) == "and" {
			k++
		}
		v, u, next, ok := f.durPart(k, parts == 0 && !approx)
		if !ok || u >= last {
			break
		}
		switch u {
		case uMinute:
			minutes += v
		case uHour:
			minutes += 60 * v
		case uDay:
			days += v
		case uWeek:
			days += 7 * v
		case uFortnight:
			days += 14 * v
		case uMonth:
			months += v
		case uYear:
			months += 12 * v
		}
		last, n, parts = u, next, parts+1
	}
	if parts == 0 {
		return Dur{}, 0, false
	}
	d := Dur{Approx: approx, Months: int(months)}
	days += (months - math.Floor(months)) * 30
	d.Days = int(days)
	minutes += (days - math.Floor(days)) * 24 * 60
	d.Minutes = int(math.Round(minutes))
	return d, n, true
}

// durPart reads one quantity and unit: "35-minute", "seven and a half
// hours", "an hour and a half", "hour-long". An article as the quantity of
// a day or longer ("a day", "a year") is a duration only after a cue such
// as "for" or "lasted"; strict asks for that cue.
func (f *finder) durPart(i int, strict bool) (float64, unitKind, int, bool) {
	if u := units[f.low(i)]; u != 0 {
		// "hour-long", "day-long"
		if k := f.step(i + 1); k > i+1 && f.low(k) == "long" {
			return 1, u, k + 1, true
		}
		return 0, 0, 0, false
	}
	v, n, ok := f.quantity(i)
	if !ok || v <= 0 {
		return 0, 0, 0, false
	}
	n = f.step(n)
	u := units[f.low(n)]
	if u == 0 {
		return 0, 0, 0, false
	}
	if a := f.low(i); strict && (a == "a" || a == "an") && u >= uDay && !f.adj(n) {
		switch f.low(i - 1) {
		case "for", "lasted", "lasting", "last", "took", "spent", "over":
		default:
			return 0, 0, 0, false
		}
	}
	n++
	if k := f.step(n); k > n && f.low(k) == "long" {
		n = k + 1
	}
	if frac, k := f.andAFraction(n); frac > 0 {
		v, n = v+frac, k
	}
	return v, u, n, true
}

// andAFraction reads "and a half" or "and a quarter" at k.
func (f *finder) andAFraction(k int) (float64, int) {
	if f.low(k) != "and" {
		return 0, k
	}
	a := f.step(k + 1)
	if w := f.low(a); w != "a" && w != "an" {
		return 0, k
	}
	b := f.step(a + 1)
	switch f.low(b) {
	case "half":
		return 0.5, b + 1
	case "quarter":
		return 0.25, b + 1
	}
	return 0, k
}

// quantity reads a number at token i: "35", "1.5", "seven", "twenty-five",
// "a", "an", "a couple of", "a dozen", "half an", "a quarter of an", "three
// quarters of an", "seven and a half". The index after it is returned.
func (f *finder) quantity(i int) (float64, int, bool) {
	t := f.tok(i)
	var v float64
	n := i + 1
	switch {
	case t.kind == tNum && !t.ord:
		// "1,000" and "1.5": look at what joins the next number.
		if (f.low(i-1) == "," || f.low(i-1) == ".") && f.adj(i-1) && f.tok(i-2).kind == tNum && f.adj(i-2) {
			return 0, 0, false
		}
		if f.low(n) == "," && f.adj(i) && f.tok(n+1).kind == tNum && f.adj(n) {
			return 0, 0, false
		}
		v = float64(t.num)
		if f.low(n) == "." && f.adj(i) && f.adj(n) {
			if d := f.tok(n + 1); d.kind == tNum && !d.ord {
				v += float64(d.num) / math.Pow10(int(d.digits))
				n += 2
			}
		}
		return v, n, true
	case t.low == "half":
		if w := f.low(n); w == "a" || w == "an" {
			n++
		}
		return 0.5, n, true
	case t.low == "a" || t.low == "an":
		v = 1
		switch f.low(n) {
		case "couple":
			v, n = 2, n+1
			if f.low(n) == "of" {
				n++
			}
		case "dozen":
			v, n = 12, n+1
		case "half":
			v, n = 0.5, n+1
		}
	default:
		w, ok := numberWords[t.low]
		if !ok {
			return 0, 0, false
		}
		v = float64(w)
		if w >= 20 && w < 100 {
			k := f.step(n)
			if u, ok := numberWords[f.low(k)]; ok && u < 10 {
				v, n = v+float64(u), k+1
			}
		}
	}
	// "a quarter of an hour", "three quarters of an hour"
	if w := f.low(n); (w == "quarter" || w == "quarters") && f.low(n+1) == "of" {
		if a := f.low(n + 2); a == "a" || a == "an" {
			return v * 0.25, n + 3, true
		}
	}
	k := f.step(n)
	if frac, k2 := f.andAFraction(k); frac > 0 {
		return v + frac, k2, true
	}
	return v, n, true
}
