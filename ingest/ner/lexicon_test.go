package ner

import (
	"strings"
	"testing"
)

// The generated gazetteers load, match multi-word names whether or not
// their accents are written, and need capitals where the list says so.
func TestLexiconGenerated(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	cat := map[string]byte{}
	for i, f := range lexiconFiles {
		cat[f.name] = byte(i)
	}
	tests := []struct {
		text string
		list string
		want string // matched words, or "" for no match
	}{
		{"flights to São Paulo resumed", "gen-cities-large", "São Paulo"},
		{"flights to Sao Paulo resumed", "gen-cities-large", "Sao Paulo"},
		{"flights to sao paulo resumed", "gen-cities-large", ""},
		{"a statue of Albert Einstein", "gen-wn-person", "Albert Einstein"},
		{"the Red Cross said", "gen-wn-group", "Red Cross"},
		{"talks in New Zealand", "gen-countries", "New Zealand"},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			words := strings.Fields(tc.text)
			var got []string
			for _, h := range lx.match(prepare(words, nil), nil) {
				if h.cat == cat[tc.list] {
					got = append(got, strings.Join(words[h.start:h.end], " "))
				}
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("%s matched %v", tc.list, got)
			case tc.want != "" && (len(got) != 1 || got[0] != tc.want):
				t.Errorf("%s matched %v, want [%s]", tc.list, got, tc.want)
			}
		})
	}
}
