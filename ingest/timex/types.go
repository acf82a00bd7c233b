package timex

import "github.com/newsgraph/newsgraph/graph"

// Tense is the grammatical time of the sentence an expression sits in; it
// decides which way an underspecified date ("Monday", "June 19") points.
type Tense uint8

// Tenses.
const (
	Unknown Tense = iota // nearest candidate to the reference date wins
	Past
	Future
)

func (t Tense) String() string {
	switch t {
	case Past:
		return "past"
	case Future:
		return "future"
	}
	return "unknown"
}

// Kind says how an expression names its time.
type Kind uint8

// Kinds. Stored values: append only.
const (
	Absolute  Kind = iota + 1 // a calendar date, month or year ("June 19", "in February", "2023-06-19")
	Relative                  // an offset from the reference date ("yesterday", "last month", "two days ago")
	Weekday                   // a weekday name ("on Monday", "next Tuesday")
	Vague                     // part of a period ("late last year", "earlier this month", "mid-June")
	Range                     // a span with a start and an end ("March 3-5", "last week", "over the weekend")
	Anaphoric                 // an offset from a date mentioned earlier ("the day before", "two days later")
)

func (k Kind) String() string {
	switch k {
	case Absolute:
		return "absolute"
	case Relative:
		return "relative"
	case Weekday:
		return "weekday"
	case Vague:
		return "vague"
	case Range:
		return "range"
	case Anaphoric:
		return "anaphoric"
	}
	return "none"
}

// Expr is one temporal expression found in a sentence.
//
// Text is sentence[Start:End]. It leaves out a leading preposition ("on
// Monday" gives "Monday") but keeps the words that build a range ("from
// March 3 to 5"). Value is as precise as the text and the reference date
// allow and may be zero (a weekday without a reference date); End2 is the
// last day of a range and zero otherwise.
type Expr struct {
	Start, End int
	Text       string
	Value      graph.Date
	End2       graph.Date
	Kind       Kind
	// Offset is, for Anaphoric expressions, the number of days after the
	// anchor date (negative: before): "the day before" is -1.
	Offset int
}
