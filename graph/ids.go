package graph

import (
	"strings"
	"unicode"
)

// StatementKey is the identity of a statement's text. When the text quotes
// fragments (straight or curly double quotes), the key is the quoted words
// only, so a direct quote and a paraphrase around the same quote match;
// otherwise it is the whole text. Either way it is normalized to lowercase
// letters and digits separated by single spaces.
func StatementKey(text string) string {
	var quoted []string
	var cur strings.Builder
	in := false
	for _, r := range text {
		switch r {
		case '"', '\u201c', '\u201d':
			if in {
				quoted = append(quoted, cur.String())
				cur.Reset()
			}
			in = !in
			continue
		}
		if in {
			cur.WriteRune(r)
		}
	}
	if len(quoted) > 0 {
		text = strings.Join(quoted, " ")
	}
	return normalizeWords(text)
}

// normalizeWords lowercases s and keeps its letters and digits, one space
// between words.
func normalizeWords(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// statementID is the ID of what speaker said, by StatementKey of the text.
func statementID(speaker ID, text string) ID {
	return NewID(KindStatement, speaker.String()+"|"+StatementKey(text))
}

// eventID is the ID of the event of kind named name.
func eventID(kind, name string) ID { return NewID(KindEvent, kind+"|"+NameKey(name)) }

// seriesName is the identity of a meeting series: its sorted participants
// and its status. Every meeting of a series has the same participants.
func seriesName(participants []ID, st MeetingStatus) string {
	var b strings.Builder
	for i, p := range participants {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.String())
	}
	b.WriteByte('|')
	b.WriteString(st.String())
	return b.String()
}

// seriesID is the key of a series' rows. It is never a node ID: meetings
// get theirs from the series and their date (meetingID).
func seriesID(participants []ID, st MeetingStatus) ID {
	return NewID(KindMeeting, seriesName(participants, st))
}

// meetingID is the ID of a meeting of a series at date d, at month
// precision so that a source adding the day does not change it. dateKey
// overrides the month when two meetings of a series share a month.
func meetingID(series string, dateKey string) ID {
	return NewID(KindMeeting, series+"|"+dateKey)
}

// monthKey is d truncated to month precision, as a string.
func monthKey(d Date) string { return Date{Year: d.Year, Month: d.Month}.String() }
