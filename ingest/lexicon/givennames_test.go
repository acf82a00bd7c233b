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
		{"Greta Lindqvist", Female},
		{"Tomasz", Male},
		{"Andrea Conti", SexUnknown},      // borne by both
		{"Dominique Mercier", SexUnknown}, // borne by both, listed for one sex only in the source
		{"Gabriele Furlan", SexUnknown},   // an Italian man's name and a German woman's
		{"Imran Khan", SexUnknown},        // folds to the key of a name of the other sex ("İmran")
		{"Lee Jae-sung", SexUnknown},      // a family name written first
		{"", SexUnknown},
	}
	for _, tt := range tests {
		if got := l.GivenNameSex(tt.name); got != tt.want {
			t.Errorf("GivenNameSex(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
