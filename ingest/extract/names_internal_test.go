package extract

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/text"
)

// wordSent is a sentence of the words of line split at spaces.
func wordSent(line string) *sent {
	s := &sent{}
	for _, w := range strings.Fields(line) {
		s.toks = append(s.toks, tok{text: w, low: strings.ToLower(w), kind: text.Word})
	}
	return s
}

func TestEpithetBeforeKin(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"with her fiancé Tobiah Wrenfield", true}, // accented, as partnerNouns has it
		{"with her fiancee Tobiah Wrenfield", true},
		{"with his fiancée Liesl Ambrecht", true},
		{"with her cousin Tobiah Wrenfield", true},
		{"with her Tobiah Wrenfield", false},
	}
	for _, tt := range tests {
		s := wordSent(tt.line)
		i := len(s.toks) - 2
		if got := epithetBeforeTok(s, i); got != tt.want {
			t.Errorf("epithetBeforeTok(%q, %d) = %v, want %v", tt.line, i, got, tt.want)
		}
	}
}

func TestCounterpartBeforeNameOnly(t *testing.T) {
	d := &doc{}
	if got := d.epithetAt(wordSent("The counterpart said the talks went well"), 0); got != -1 {
		t.Errorf("epithetAt(The counterpart ...) = %d, want -1: it refers back to nobody", got)
	}
	if !epithetBeforeTok(wordSent("with his counterpart Ana Ruiz"), 3) {
		t.Error("epithetBeforeTok(his counterpart Ana Ruiz) = false, want true")
	}
}
