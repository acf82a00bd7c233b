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

// StatementID is the ID of what speaker said, by StatementKey of the text.
func StatementID(speaker ID, text string) ID {
	return NewID(KindStatement, speaker.String()+"|"+StatementKey(text))
}

// EventID is the ID of the event of kind named name.
func EventID(kind, name string) ID { return NewID(KindEvent, kind+"|"+NameKey(name)) }
