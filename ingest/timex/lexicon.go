package timex

import "time"

type monthWord struct {
	month     int
	abbrev    bool // "Sept": only a month next to a day or a year
	ambiguous bool // also a verb, modal or given name: needs a cue
}

var months = map[string]monthWord{
	"january": {1, false, false}, "february": {2, false, false}, "march": {3, false, true},
	"april": {4, false, true}, "may": {5, false, true}, "june": {6, false, true},
	"july": {7, false, false}, "august": {8, false, true}, "september": {9, false, false},
	"october": {10, false, false}, "november": {11, false, false}, "december": {12, false, false},
	"jan": {1, true, true}, "feb": {2, true, true}, "mar": {3, true, true}, "apr": {4, true, true},
	"jun": {6, true, true}, "jul": {7, true, true}, "aug": {8, true, true}, "sep": {9, true, true},
	"sept": {9, true, true}, "oct": {10, true, true}, "nov": {11, true, true}, "dec": {12, true, true},
}

type weekdayWord struct {
	wd     time.Weekday
	abbrev bool
}

var weekdays = map[string]weekdayWord{
	"monday": {time.Monday, false}, "tuesday": {time.Tuesday, false}, "wednesday": {time.Wednesday, false},
	"thursday": {time.Thursday, false}, "friday": {time.Friday, false}, "saturday": {time.Saturday, false},
	"sunday": {time.Sunday, false},
	"mon":    {time.Monday, true}, "tue": {time.Tuesday, true}, "tues": {time.Tuesday, true},
	"wed": {time.Wednesday, true}, "thu": {time.Thursday, true}, "thur": {time.Thursday, true},
	"thurs": {time.Thursday, true}, "fri": {time.Friday, true}, "sat": {time.Saturday, true},
	"sun": {time.Sunday, true},
}

// monthCues are the words before a bare month name that make it a month
// ("in May", "since March") rather than a verb or a name.
var monthCues = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "through": true,
	"during": true, "from": true, "before": true, "after": true, "of": true, "the": true,
	"last": true, "next": true, "this": true, "early": true, "late": true, "mid": true,
	"for": true, "around": true, "throughout": true, "as": true,
}

// yearCues are the words before a bare four-digit number that make it a year.
var yearCues = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "through": true,
	"during": true, "from": true, "before": true, "after": true, "of": true,
	"throughout": true, "circa": true, "around": true,
}

var timesOfDay = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true}

// numberWords are the quantities written as words.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

type unitKind uint8

const (
	uMinute unitKind = iota + 1
	uHour
	uDay
	uWeek
	uFortnight
	uMonth
	uYear
)

var units = map[string]unitKind{
	"minute": uMinute, "minutes": uMinute, "min": uMinute, "mins": uMinute,
	"hour": uHour, "hours": uHour, "hr": uHour, "hrs": uHour,
	"day": uDay, "days": uDay, "week": uWeek, "weeks": uWeek,
	"fortnight": uFortnight, "fortnights": uFortnight,
	"month": uMonth, "months": uMonth, "year": uYear, "years": uYear,
}
