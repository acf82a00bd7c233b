// Package ner is newsgraph's named-entity recognizer: an averaged structured
// perceptron over BILOU tags, decoded with Viterbi, with lexical, shape,
// context, word-statistics and gazetteer features. It finds PER, ORG, LOC and
// MISC spans in one tokenized sentence (Tag) or, reading it twice, in a whole
// document (TagDocument): the second pass sees how the first tagged and how
// the document writes the same word elsewhere. The trained model is embedded.
package ner

import "fmt"

// Type is an entity type. Stored in models; append only.
type Type uint8

// Entity types. None marks a token outside any entity.
const (
	None Type = iota
	PER
	ORG
	LOC
	MISC
	numTypes
)

// String returns "O", "PER", "ORG", "LOC" or "MISC".
func (t Type) String() string {
	switch t {
	case None:
		return "O"
	case PER:
		return "PER"
	case ORG:
		return "ORG"
	case LOC:
		return "LOC"
	case MISC:
		return "MISC"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// ParseType is the inverse of Type.String.
func ParseType(s string) (Type, error) {
	for t := None; t < numTypes; t++ {
		if t.String() == s {
			return t, nil
		}
	}
	return None, fmt.Errorf("unknown entity type %q", s)
}

// Label is one token's IOB2 label. Begin is meaningless when Type is None.
type Label struct {
	Type  Type
	Begin bool
}

// String returns "O", "B-PER", "I-ORG" and so on.
func (l Label) String() string {
	if l.Type == None {
		return "O"
	}
	if l.Begin {
		return "B-" + l.Type.String()
	}
	return "I-" + l.Type.String()
}

// ParseLabel parses an IOB tag such as "O", "B-LOC" or "I-MISC".
func ParseLabel(s string) (Label, error) {
	if s == "O" {
		return Label{}, nil
	}
	if len(s) < 3 || s[1] != '-' || (s[0] != 'B' && s[0] != 'I') {
		return Label{}, fmt.Errorf("bad tag %q", s)
	}
	t, err := ParseType(s[2:])
	if err != nil || t == None {
		return Label{}, fmt.Errorf("bad tag %q", s)
	}
	return Label{Type: t, Begin: s[0] == 'B'}, nil
}

// Sentence is one tokenized sentence, with gold labels when it comes from a
// corpus (Labels is nil or as long as Words).
type Sentence struct {
	Words  []string
	Labels []Label
	// DocStart marks the first sentence of a document (a -DOCSTART- line
	// came before it). Documents are also found without it, at news
	// datelines; see WriteCoNLLPredictions.
	DocStart bool
}

// TokenSpan is an entity mention: words[Start:End] of a sentence, in
// tokens (graph.Span, in bytes, is where a mention sits in the text).
type TokenSpan struct {
	Type       Type
	Start, End int
}

// Spans returns the entity spans of a label sequence, read the way conlleval
// reads IOB: an I- tag that does not continue an entity of its type starts one.
func Spans(labels []Label) []TokenSpan {
	var out []TokenSpan
	start := -1
	var cur Type
	for i, l := range labels {
		if start >= 0 && (l.Type != cur || l.Begin) {
			out = append(out, TokenSpan{Type: cur, Start: start, End: i})
			start = -1
		}
		if l.Type != None && start < 0 {
			start, cur = i, l.Type
		}
	}
	if start >= 0 {
		out = append(out, TokenSpan{Type: cur, Start: start, End: len(labels)})
	}
	return out
}
