package graph

import "testing"

// TestNameKey: one name written by different sites is one key.
func TestNameKey(t *testing.T) {
	for _, c := range [][2]string{
		{"U.S.", "us"},
		{"José Núñez", "Jose Nunez"},
		{"Hyun-woo", "Hyun Woo"},
		{"Lars Løkke Rasmussen", "Lars Lokke Rasmussen"},
		{"Paweł Łukasz", "Pawel Lukasz"},
		{"Søren Kærgaard", "Soren Kaergaard"},
		{"Straße", "Strasse"},
		{"World Health Organisation", "World Health Organization"},
		{"Centre for Defence Studies", "Center for Defense Studies"},
		{"O’Brien", "O'Brien"},
	} {
		if a, b := NameKey(c[0]), NameKey(c[1]); a != b {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q; want one key", c[0], a, c[1], b)
		}
	}
	if NameKey("Lima") == NameKey("Lim") {
		t.Error("different names share a key")
	}
}

// BenchmarkNameKey keys names as the lexicon lookups of an article do:
// mostly ASCII, some with accents or a British spelling.
func BenchmarkNameKey(b *testing.B) {
	names := []string{"Prime Minister", "Valeria Oyelaran-Kowalczyk", "the U.S. Department of State",
		"José Núñez", "World Health Organisation", "Nairobi", "Ministry of Defence", "Hyun-woo Park"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		NameKey(names[i%len(names)])
	}
}
