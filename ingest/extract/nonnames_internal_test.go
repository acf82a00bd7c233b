package extract

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/text"
)

func TestCommonAcronymWord(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"NGO", true},
		{"NGOs", true}, // a plural's small "s"
		{"MoU", true},
		{"MoUs", true},
		{"CD's", true},
		{"Mous", false}, // a word, not an acronym
		{"Ngos", false},
		{"Cds", false},
	}
	for _, tt := range tests {
		tk := tok{text: tt.word, low: strings.ToLower(tt.word), kind: text.Word}
		if got := commonAcronymWord(tk); got != tt.want {
			t.Errorf("commonAcronymWord(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
