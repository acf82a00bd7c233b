package extract

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// dateFromMainClause dates a meeting told in a clause that "N days
// after" or "before" opens at token a, from the day of the main clause:
// in "A hosted B on Wednesday, two days after meeting C", A met C two
// days before that Wednesday.
func (d *doc) dateFromMainClause(o *meetingObs, s *sent, a int) {
	if a == 0 || (s.toks[a].low != "after" && s.toks[a].low != "before") {
		return
	}
	end := s.toks[a].span.End - s.span.Start
	exprs := d.findDates(s.text, timex.Past)
	for k, e := range exprs {
		if e.Kind != timex.Anaphoric || e.End != end || e.Offset == 0 {
			continue
		}
		// The day the main clause gives: the last one before the offset.
		for j := k - 1; j >= 0; j-- {
			if x := exprs[j]; x.Value.Precision() == 3 && x.End2.IsZero() {
				o.date, o.dateText, o.dateAt = x.Value.AddDays(-e.Offset), e.Text, e.Start
				return
			}
		}
		return
	}
}

// dropDateBefore forgets the date of o, a meeting referred to at token i
// of s ("the meeting", "their talks"), when it stands before i: in "In a
// post on Saturday, A called the meeting with B productive" the time dates
// the act that refers, not the meeting.
func (o *meetingObs) dropDateBefore(s *sent, i int) {
	if o.dateText != "" && o.dateAt < s.toks[i].span.Start-s.span.Start {
		o.date, o.dateText, o.endDate, o.vague = graph.Date{}, "", graph.Date{}, [2]graph.Date{}
	}
}

// definiteBefore reports whether the meeting noun at i is definite or
// possessed: "the meeting", "the two-hour meeting", "their talks".
func definiteBefore(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch s.toks[k].low {
		case "the", "their", "his", "her", "this", "that":
			return true
		case "a", "an", ",", "held", "had", "hold", "have":
			return false
		}
	}
	return false
}

// fillFromClause reads date, venue, city, duration and event in tokens [a,b).
func (d *doc) fillFromClause(o *meetingObs, s *sent, a, b int) {
	lo, hi := s.toks[a].span.Start-s.span.Start, s.toks[b-1].span.End-s.span.Start
	tense := timex.Past
	if o.status == graph.Planned || o.status == graph.Postponed || o.status == graph.Cancelled {
		// a meeting still to come, or one called off before it happened
		tense = timex.Future
	}
	if o.status == graph.Planned && o.trigger > a && s.toks[o.trigger-1].low == "to" {
		// "agreed on Monday to meet in January": a time before the
		// infinitive dates the agreeing, not the meeting. A scheduling
		// predicate is the meeting's own: "is today due to meet".
		from := o.trigger - 1
		if k := scheduledFrom(s, a, o.trigger-1); k >= 0 {
			from = k
		} else if k := motionBefore(s, a, o.trigger-1, false); k >= 0 {
			from = k // "will travel to Paris next Tuesday to meet B": the trip's day
		}
		lo = max(lo, s.toks[from].span.Start-s.span.Start)
	}
	best, bestDist := -1, 1<<30
	exprs := d.findDates(s.text, tense)
	trig := s.toks[o.trigger].span.Start - s.span.Start
	if c := reportedFrom(s, a, o.trigger); c > lo {
		// "A said Saturday that he had talks with B last night": the
		// report's day dates the saying when the meeting has its own.
		// A meeting still to come is after the saying, so the report's
		// day never dates it: "C said on Monday that A would meet B".
		for _, e := range exprs {
			if e.Start >= c && e.End <= hi || tense == timex.Future {
				lo = c
				break
			}
		}
	}
	dl := d.datelineDay(s, exprs, lo, hi)
	for k, e := range exprs {
		if k == dl || e.Start < lo || e.End > hi || releasedOn(s.text, e.Start) || untilOther(s, e.Start) {
			continue
		}
		// A date that resolves beats one that does not, wherever it
		// stands: "this Sunday (28 April 2024)" on an undated page.
		dist := abs(e.Start - trig)
		if e.Value.IsZero() {
			dist += 1 << 20
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best >= 0 {
		e := exprs[best]
		o.dateText, o.dateAt = e.Text, e.Start
		if tense == timex.Past && !e.End2.IsZero() && d.ref.Precision() == 3 && d.ref.Before(e.End2) && !d.ref.Before(e.Value) {
			// Told as past, the meeting was not after the article: "took
			// place over the weekend" on a Saturday was that Saturday.
			e.End2 = d.ref
			if e.Value == e.End2 {
				e.End2 = graph.Date{}
			}
		}
		if !e.End2.IsZero() {
			if (e.Kind == timex.Range || e.Kind == timex.Vague) && e.Value.Year == e.End2.Year && e.Value.Month == e.End2.Month && isVagueRange(e.Text) {
				o.date = graph.Date{Year: e.Value.Year, Month: e.Value.Month}
				o.vague = [2]graph.Date{e.Value, e.End2}
			} else if isVagueRange(e.Text) {
				o.date = graph.Date{Year: e.Value.Year}
				if e.Value.Year != e.End2.Year {
					o.date = graph.Date{}
				}
				o.vague = [2]graph.Date{e.Value, e.End2}
			} else {
				o.date, o.endDate = e.Value, e.End2
			}
		} else {
			o.date = e.Value
		}
		if e.Kind == timex.Anaphoric && e.Value.IsZero() {
			// "A day earlier, A held talks with B": days from the date of
			// the meeting told last.
			if at := d.lastMeetingDay(); !at.IsZero() {
				o.date = at.AddDays(e.Offset)
			}
		}
	}
	for _, du := range timex.Duration(s.text) {
		if du.Start >= lo && du.End <= hi && du.Minutes > 0 && d.isDuration(s, du.Start, du.Text) {
			o.minutes = du.Minutes
			break
		}
	}
	for _, m := range s.ments {
		if m.a < a || m.b > b || m.ent == nil || m.typ != graph.Place {
			continue
		}
		switch {
		case m.venue && (venueAt(s, m.a) || d.arrivalAt(s, m.a, o.trigger)) || d.namedBuilding(s, m) || d.estateAt(s, m):
			if o.place == nil {
				o.place = m.ent
				if c := d.cityAfterVenue(s, m); c != nil && o.city == nil {
					o.city = c // "in the Blue Room, Capital"
				}
			}
		case d.isCity(m.ent) && (inOrAt(s, m.a, d.knownPlace(m.ent)) || settlementOf(s, m.a)):
			if o.city == nil {
				o.city = m.ent
			}
		case d.isCity(m.ent) && (d.arrivalAt(s, m.a, o.trigger) || m.a > 0 && visitVerbs[s.toks[m.a-1].low]):
			// "flew to Warsaw to meet", "welcomed A to Muscat", "met
			// when A visited Budapest"
			if o.city == nil {
				o.city = m.ent
			}
		}
	}
	if o.place == nil {
		o.place = d.venueNamedBefore(s, a, b)
	}
	if o.city == nil && hereAt(s, a, b) {
		// "CITY - ... when the ministers met here": wire copy's "here" is
		// where the story is filed from.
		o.city = d.datelineCity()
	}
	if o.city == nil {
		// "On a visit to Beijing, A met B": the visit, told outside the
		// clause, places a meeting the clause does not.
		for _, m := range s.ments {
			if m.typ == graph.Place && m.ent != nil && d.isCity(m.ent) && tripTo(s, m.a) {
				o.city = m.ent
				break
			}
		}
	}
	for _, ev := range d.events {
		if ev.s == s && ev.kind == "summit" && ev.tok >= a && ev.tok < b {
			o.event = ev.name
		}
	}
}

// reportedFrom is where the reported clause holding trigger i starts
// ("A said on Monday that ...", "A said in a post on a platform on Monday
// that ..."), as an offset into s's text, or -1. Adjuncts between the
// verb and "that" do not cross a comma or semicolon.
func reportedFrom(s *sent, a, i int) int {
	for k := i - 1; k > a; k-- {
		if s.toks[k].low != "that" {
			continue
		}
		for v := k - 1; v >= a && v >= k-12; v-- {
			if t := s.toks[v].low; t == "," || t == ";" {
				break
			}
			if speechVerbs[s.toks[v].low] {
				return s.toks[k].span.Start - s.span.Start
			}
		}
		return -1
	}
	return -1
}

// lastMeetingDay is the day of the last meeting found so far that has one.
func (d *doc) lastMeetingDay() graph.Date {
	for i := len(d.meetings) - 1; i >= 0; i-- {
		if d.meetings[i].date.Precision() == 3 {
			return d.meetings[i].date
		}
	}
	return graph.Date{}
}

func isVagueRange(t string) bool {
	t = strings.ToLower(t)
	return strings.Contains(t, "week") || strings.Contains(t, "month") || strings.Contains(t, "year") || strings.Contains(t, "weekend")
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// dateFromLede dates a held meeting its sentence leaves undated from the
// sentence before, when that sentence gives one day and names all its
// participants (or refers to them by pronouns): "A and B agreed on Monday
// to ... The two leaders met for an hour." It does so too when that
// sentence tells the meeting of one of them ("A flew to City on Tuesday
// for talks with his counterparts. B and C met with A") or a visit of N
// days, which dates it to the days of the visit ("A began a two-day visit
// on Wednesday. During the visit, A met B"). An arrival alone does not:
// "A arrived on Thursday. He is the first to meet B" may be any day after.
// In the trip case (a visit, or a meeting of one of them), on a page
// without a date, the weekday is kept as the meeting's date text, for the
// store to match.
func (d *doc) dateFromLede(o *meetingObs) {
	if o.status != graph.Held || !o.date.IsZero() || !o.vague[0].IsZero() || o.s.i == 0 {
		return
	}
	p := d.sents[o.s.i-1]
	if !p.body() {
		return
	}
	// Names and pronouns: "he said at a news conference with A".
	all, some := true, false
	for _, e := range o.parts {
		named := d.namesAny(p, len(p.toks), map[*entity]bool{e: true})
		all = all && named
		some = some || named
	}
	days, trip := 0, false
	if !all && some {
		days = visitDays(p)
		trip = days > 1 || hasWord(p.toks, nounTriggers)
	}
	if !all && !trip {
		return
	}
	var day []timex.Expr
	for _, e := range d.pastDates(p) {
		if e.Value.Precision() == 3 && e.End2.IsZero() || trip && e.Value.IsZero() && e.Kind == timex.Weekday && o.dateText == "" {
			day = append(day, e)
		}
	}
	for _, e := range day {
		if e.Value != day[0].Value || e.Value.IsZero() && !strings.EqualFold(e.Text, day[0].Text) {
			return // two days: which one is unclear
		}
	}
	if len(day) == 0 {
		return
	}
	// The last, the one in the text rather than in a dateline.
	e := day[len(day)-1]
	o.date, o.dateText = e.Value, e.Text
	if trip && days > 1 && !e.Value.IsZero() {
		o.endDate = e.Value.AddDays(days - 1)
	}
}

// visitDays is the length in days of a visit s tells of ("a two-day
// visit", "a four-day state visit"), or 0.
func visitDays(s *sent) int {
	for _, du := range timex.Duration(s.text) {
		if du.Days < 2 || du.Days > 14 || du.Minutes != 0 || du.Months != 0 {
			continue
		}
		rest := strings.Fields(strings.ToLower(s.text[du.End:]))
		for k := 0; k < len(rest) && k < 3; k++ {
			if visitNouns[strings.Trim(rest[k], ".,;")] {
				return du.Days
			}
		}
	}
	return 0
}

// newsOfLede reports whether o is an undated meeting told in the first
// two sentences of the body of a dated article: the news the article
// reports.
func (d *doc) newsOfLede(o *meetingObs) bool {
	if !o.date.IsZero() || d.ref.Precision() < 3 || o.status != graph.Held {
		return false
	}
	n := 0
	for _, s := range d.sents {
		if s.kind != text.Body {
			continue
		}
		if s == o.s {
			return true
		}
		if n++; n >= 2 {
			return false
		}
	}
	return false
}

// longBefore reports whether every day t may stand for ends more than a
// week before the publication date.
func (d *doc) longBefore(t graph.Date) bool {
	if t.IsZero() || d.ref.Precision() < 3 {
		return false
	}
	last := graph.Date{Year: t.Year, Month: 12, Day: 31}
	switch {
	case t.Precision() == 3:
		last = t
	case t.Precision() == 2:
		last = graph.Date{Year: t.Year, Month: t.Month, Day: graph.DaysIn(t.Year, t.Month)}
	case t.Year == 0:
		return false
	}
	days, ok := last.DaysUntil(d.ref)
	return ok && days > 7
}

// nearRef reports whether a day-precise date falls within three days
// before the publication date.
func (d *doc) nearRef(t graph.Date) bool {
	days, ok := t.DaysUntil(d.ref)
	return ok && days >= 0 && days <= 3
}

// isDuration accepts a length of time that measures the meeting: "for
// three hours", "lasted 35 minutes", "a 35-minute meeting"; not "an hour
// before it took place".
func (d *doc) isDuration(s *sent, start int, txt string) bool {
	if strings.Contains(txt, "-") {
		return true
	}
	pos := s.span.Start + start
	k := -1
	for i, t := range s.toks {
		if t.span.Start >= pos {
			k = i
			break
		}
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch s.toks[j].low {
		case "for", "lasted", "lasting", "lasts", "last", "spent", "spend", "took", "of":
			return true
		}
	}
	return false
}

// releaseVerbs are how a caption says who handed out a picture.
var releaseVerbs = []string{" provided by ", " released by ", " distributed by ", " issued by "}

// releasedOn reports whether the date starting at byte start of text dates
// the release of a picture, not what it shows: "In this photo provided by
// the government on Saturday, March 31, 2018, A meets B" was taken before.
func releasedOn(text string, start int) bool {
	before := strings.ToLower(text[:start])
	k := -1
	for _, v := range releaseVerbs {
		k = max(k, strings.LastIndex(before, v))
	}
	if k < 0 || start-k > 80 {
		return false
	}
	head := before[:k]
	return strings.Contains(head, "photo") || strings.Contains(head, "image") || strings.Contains(head, "picture") || strings.Contains(head, "video")
}

// untilOther reports a date at byte start of s's text that ends a state
// told by another verb: in "A met B, then the delegation stayed on
// until late Sunday" the day ends the stay, not the meeting. "The talks
// ran until Saturday" keeps it: a verb of lasting stands just before
// "until".
func untilOther(s *sent, start int) bool {
	k := -1
	for i, t := range s.toks {
		if t.span.Start-s.span.Start >= start {
			k = i
			break
		}
	}
	for k > 0 && (s.toks[k-1].low == "late" || s.toks[k-1].low == "early") {
		k--
	}
	if k < 1 || s.toks[k-1].low != "until" && s.toks[k-1].low != "till" {
		return false
	}
	for j := k - 2; j >= 0 && j >= k-4; j-- {
		if lastingVerbs[s.toks[j].low] {
			return false
		}
	}
	return true
}

// lastingVerbs say how long something went on.
var lastingVerbs = set("lasted last lasts lasting continued continue continues continuing ran run runs running " +
	"went dragged stretched extended")

// estateAt reports a place the gazetteer does not know met "at" with no
// article, and never "in" or "of" in the article: "hosted A for a dinner
// at Bellavista". A town is met "in" ("in X", "the village of X"); a name
// met only "at" is an estate, a resort or a retreat: a venue.
func (d *doc) estateAt(s *sent, m *mention) bool {
	if m.a < 1 || s.toks[m.a-1].low != "at" || d.knownPlace(m.ent) {
		return false
	}
	name := m.ent.bestForm()
	for _, e := range d.ents {
		if e != m.ent && e.bestForm() != name {
			continue // the same name may have been typed otherwise elsewhere
		}
		for _, o := range e.ments {
			if o.a > 0 && o.s != nil && (o.s.toks[o.a-1].low == "in" || o.s.toks[o.a-1].low == "of") {
				return false // "in X", "the south side of X": an area
			}
		}
	}
	return true
}

// datelineDay finds, on a page without a publication date, the day a
// dateline opening s gives ("ARUSHA, June 12 (Reuters) -") when the
// clause [lo, hi) dates the meeting by weekday as well: the dateline is
// the filing day, not the meeting's. The weekday resolves against it
// when its year is known (the text's year); the dateline's index in exprs
// is returned so the meeting does not take it, or -1.
func (d *doc) datelineDay(s *sent, exprs []timex.Expr, lo, hi int) int {
	if !d.ref.IsZero() || len(exprs) < 2 || !d.firstBody(s) {
		return -1
	}
	cut := strings.IndexAny(s.text, ":-\u2013\u2014")
	e := exprs[0]
	if cut < 0 || e.End > cut || e.Value.Day == 0 || e.Kind != timex.Absolute {
		return -1
	}
	for k := 1; k < len(exprs); k++ {
		w := &exprs[k]
		if w.Kind != timex.Weekday || !w.Value.IsZero() || w.Start < lo || w.End > hi {
			continue
		}
		if e.Value.Precision() == 3 {
			for _, n := range timex.Find(s.text, e.Value, timex.Past) {
				if n.Start == w.Start && n.Kind == timex.Weekday {
					w.Value = n.Value
				}
			}
		}
		return 0
	}
	return -1
}

// firstBody reports whether s is the first body sentence of the article.
func (d *doc) firstBody(s *sent) bool {
	for _, t := range d.sents {
		if t.kind == text.Body {
			return t == s
		}
	}
	return false
}

// postDates dates a held meeting from an embedded social-media post that
// reports it. A post quoted in an article ends in a sign-off line, "— A
// (@handle) September 20, 2017": the day it was posted. The meeting is
// the one the post's own words tell, or, when they tell none, the one the
// sentence just before the post reports; it is dated only when the text
// gives it no date of its own and its author is one of its people.
func (d *doc) postDates() {
	for _, s := range d.sents {
		sg, ok := findPostSign(s.text)
		if !ok {
			continue
		}
		after := sg.handleEnd
		var day graph.Date
		for _, e := range d.findDates(s.text, timex.Past) {
			if e.Start >= after && e.Start <= after+2 && e.Kind == timex.Absolute && e.Value.Precision() == 3 && e.End2.IsZero() {
				day = e.Value
				break
			}
		}
		if day.IsZero() {
			continue
		}
		author := d.postAuthor([]*sent{s}, s.span.Start+sg.nameStart, s.span.Start+sg.nameEnd)
		if author == nil || author.typ != graph.Person {
			continue
		}
		d.datePostMeeting(s, author, day)
	}
}

// datePostMeeting gives day to the undated held meeting of author told in
// the post that signs off in s (s and the sentences of its paragraph
// before it), else in the sentence just before the post.
func (d *doc) datePostMeeting(s *sent, author *entity, day graph.Date) {
	first := s.i
	for first > 0 && d.sents[first-1].para == s.para {
		first--
	}
	pick := func(lo, hi int) bool {
		for _, o := range d.meetings {
			if o.s.i < lo || o.s.i > hi || o.status != graph.Held || !contains(o.parts, author) {
				continue
			}
			if o.date.IsZero() && o.vague[0].IsZero() {
				o.date, o.dateText, o.dateAt = day, "", 0
			}
			return true
		}
		return false
	}
	if pick(first, s.i) || d.postMeeting(first, s.i, author, day) || first == 0 {
		return
	}
	pick(first-1, first-1)
}

// pleasedWords open a post's account of a meeting its author had:
// "Honoured to meet A", "Great to meet with A".
var pleasedWords = set("honoured honored great pleased delighted glad good wonderful nice privilege happy proud")

// postMeeting reads, in the sentences [lo, hi] of a post by author,
// "Honoured to meet A": a meeting of the author and A, held by the day of
// the post.
func (d *doc) postMeeting(lo, hi int, author *entity, day graph.Date) bool {
	for _, s := range d.sents[lo : hi+1] {
		for i := 2; i < len(s.toks); i++ {
			if s.toks[i].low != "meet" || s.toks[i-1].low != "to" || !pleasedWords[s.toks[i-2].low] {
				continue
			}
			objs, ok := d.withObjects(s, i)
			if !ok {
				objs = d.directObjects(s, i)
			}
			if len(objs) == 0 || contains(objs, author) {
				continue
			}
			d.addMeeting(s, i, append([]*entity{author}, objs...))
			o := d.meetings[len(d.meetings)-1]
			o.status = graph.Held
			// "today" in a post is the day of the post, not of the article:
			// a meeting a post reports was not after it.
			if o.date.IsZero() || day.Before(o.date) {
				o.date, o.dateText, o.dateAt = day, "", 0
			}
			return true
		}
	}
	return false
}

// fixedHolidays are the days kept on one date every year, which news
// gives instead of the date: "met him on Christmas Day". Feasts whose
// date moves (Easter, Thanksgiving) are left out.
var fixedHolidays = []struct {
	name       string // lowercase, straight apostrophe
	month, day int
}{
	{"new year's day", 1, 1}, {"new year's eve", 12, 31}, {"valentine's day", 2, 14},
	{"st patrick's day", 3, 17}, {"st. patrick's day", 3, 17}, {"saint patrick's day", 3, 17},
	{"halloween", 10, 31}, {"christmas eve", 12, 24}, {"christmas day", 12, 25}, {"boxing day", 12, 26},
	{"bastille day", 7, 14}, {"anzac day", 4, 25}, {"armistice day", 11, 11},
}

// holidayOn is, for each of fixedHolidays, "on" and its name with a
// straight and with a curly apostrophe: how holidayDate finds it.
var holidayOn = func() [][2]string {
	out := make([][2]string, len(fixedHolidays))
	for i, h := range fixedHolidays {
		out[i] = [2]string{"on " + h.name, "on " + strings.ReplaceAll(h.name, "'", "’")}
	}
	return out
}()

// holidayDate dates an undated meeting told "on" a fixed holiday in the
// text of s between byte offsets lo and hi: the holiday's last occurrence
// on or before the article's date for a meeting held, the next one on or
// after it for a meeting to come. An undated article leaves it undated.
func (d *doc) holidayDate(o *meetingObs, s *sent, lo, hi int) {
	if !o.date.IsZero() || d.ref.Precision() < 3 || lo < 0 || hi > len(s.text) || lo >= hi {
		return
	}
	low := strings.ToLower(s.text[lo:hi]) // same byte offsets: only ASCII letters change
	for i, h := range fixedHolidays {
		at, n := -1, 0
		for _, form := range holidayOn[i] {
			if at = strings.Index(low, form); at >= 0 {
				n = len(form) - len("on ")
				break
			}
		}
		if at < 0 {
			continue
		}
		day := graph.Date{Year: d.ref.Year, Month: h.month, Day: h.day}
		if o.status == graph.Held && d.ref.Before(day) {
			day.Year--
		} else if o.status != graph.Held && day.Before(d.ref) {
			day.Year++
		}
		o.date, o.dateText = day, s.text[lo+at+3:lo+at+3+n]
		return
	}
}

// infinitiveTo reports whether the "to" at k begins an infinitive ("agreed
// to meet") rather than a destination ("to Rome", "to the Vatican", "to a
// summit"): a lowercase word follows that is not a determiner and starts
// no mention.
func infinitiveTo(s *sent, k int) bool {
	if k+1 >= len(s.toks) {
		return false
	}
	next := s.toks[k+1]
	return !next.isCap() && !determiners[next.low] && mentionAt(s, k+1) == nil
}

// scheduleWords say a meeting is on the calendar: "is set to meet", "are
// due to meet", "was expected on Friday to meet".
var scheduleWords = set("set due scheduled slated expected poised going")

// scheduledFrom finds, before the "to" at token to of an infinitive
// meeting, a scheduling predicate with its form of "be" ("is set to",
// "is today set to", "are expected on Monday to") and returns the index
// of that form of "be", or -1. A time after it dates the meeting, not an
// act of agreeing or announcing.
func scheduledFrom(s *sent, a, to int) int {
	for k := to - 1; k >= a && k >= to-4; k-- {
		if !scheduleWords[s.toks[k].low] {
			continue
		}
		for j := k - 1; j >= a && j >= k-3; j-- {
			if passiveAux[s.toks[j].low] { // a form of "be"
				return j
			}
		}
		return -1
	}
	return -1
}

// sameDayRe finds the phrases that date an event by the day the text just
// told: "earlier in the day", "later that day", "on the same day", "that
// evening".
var sameDayRe = regexp.MustCompile(`(?i)\b(?:(?:earlier|later) (?:that|in the) (?:day|morning|afternoon|evening)|the same day|that (?:same )?(?:day|morning|afternoon|evening|night))\b`)

// sameDayCue is a cheap test before sameDayRe: every phrase it finds holds
// "[Tt]hat ", "[Ii]n the " or "[Ss]ame day".
func sameDayCue(t string) bool {
	return strings.Contains(t, "hat ") || strings.Contains(t, "n the ") || strings.Contains(t, "ame day")
}

// sameDayDate dates a meeting its sentence ties to the day told just
// before ("A addressed parliament on Tuesday. Earlier in the day, she met
// B"): the last day given before the phrase, in the sentence or the two
// before it, or the day of a meeting those sentences tell.
func (d *doc) sameDayDate(o *meetingObs) {
	if !o.date.IsZero() || !o.vague[0].IsZero() || o.dateText != "" {
		return
	}
	if !sameDayCue(o.s.text) {
		return
	}
	loc := sameDayRe.FindStringIndex(o.s.text)
	if loc == nil {
		return
	}
	for k := o.s.i; k >= 0 && k >= o.s.i-2; k-- {
		p := d.sents[k]
		if !p.body() {
			continue
		}
		es := d.pastDates(p)
		if o.status == graph.Planned {
			es = d.findDates(p.text, timex.Future)
		}
		for x := len(es) - 1; x >= 0; x-- {
			e := es[x]
			if k == o.s.i && e.Start >= loc[0] {
				continue
			}
			if e.Value.Precision() == 3 && e.End2.IsZero() {
				o.date, o.dateText, o.dateAt = e.Value, o.s.text[loc[0]:loc[1]], loc[0]
				return
			}
		}
		// "On the same day, A met C" after a meeting dated so: its day.
		for _, m := range d.meetings {
			if m != o && m.s == p && k < o.s.i && m.date.Precision() == 3 && m.endDate.IsZero() {
				o.date, o.dateText, o.dateAt = m.date, o.s.text[loc[0]:loc[1]], loc[0]
				return
			}
		}
	}
}
