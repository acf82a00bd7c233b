package lexicon

import "testing"

func TestGivenNameSex(t *testing.T) {
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want Sex
	}{
		{"Greta Solvik", Female},
		{"Tomasz", Male},
		{"Andrea Vescovini", SexUnknown},   // borne by both
		{"Dominique Arnaudet", SexUnknown}, // borne by both, listed for one sex only in the source
		{"Gabriele Zanettin", SexUnknown},  // an Italian man's name and a German woman's
		{"Imran Haidari", SexUnknown},      // folds to the key of a name of the other sex ("İmran")
		{"Lee Ha-rim", SexUnknown},         // a family name written first
		{"", SexUnknown},
	}
	for _, tt := range tests {
		if got := l.GivenNameSex(tt.name); got != tt.want {
			t.Errorf("GivenNameSex(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
