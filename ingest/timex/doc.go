// Package timex finds temporal expressions in English news sentences (dates,
// weekdays, relative and vague periods, ranges, durations) and resolves them
// against the article's publication date and the tense of the sentence.
//
// Calendar arithmetic goes through time.Date, so month lengths and leap years
// are exact. What neither the text nor the reference date can tell is left
// unknown rather than guessed: "June 19" in an undated article has no year,
// and "Monday" has no value at all until a reference date is supplied.
package timex
