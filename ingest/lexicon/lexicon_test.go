package lexicon_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/lexicon"
)

func load(t testing.TB) *lexicon.Lexicon {
	t.Helper()
	l, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestIsTitle(t *testing.T) {
	l := load(t)
	for _, tc := range []struct {
		words string
		want  bool
	}{
		{"secretary of state", true},
		{"ceo", true},
		{"fisheries minister", true},
		{"Energy Minister", true},
		{"deputy energy minister", true},
		{"minister of the interior", true},
		{"minister for foreign affairs", true},
		{"secretary of defense", true},
		{"central bank governor", true},
		{"minister", true},
		{"banana minister", false},
		{"energy", false},
		{"deputy", false},
		{"secretary of bananas", false},
	} {
		t.Run(tc.words, func(t *testing.T) {
			if got := l.IsTitle(tc.words); got != tc.want {
				t.Errorf("IsTitle(%q) = %v, want %v", tc.words, got, tc.want)
			}
		})
	}
	if l.MaxTitleWords() < 5 {
		t.Errorf("MaxTitleWords = %d, want room for \"minister of foreign affairs\"", l.MaxTitleWords())
	}
}

func TestGazetteer(t *testing.T) {
	l := load(t)
	for _, tc := range []struct {
		name, want string
		kind       lexicon.PlaceKind
	}{
		{"Türkiye", "Turkey", lexicon.Country},
		{"Nairobi", "Nairobi", lexicon.City},
		{"Addis Ababa", "Addis Ababa", lexicon.City},
		{"Islamabad", "Islamabad", lexicon.City},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := l.Place(tc.name)
			if !ok || p.Name != tc.want || p.Kind != tc.kind {
				t.Errorf("Place(%q) = %+v, %v; want %s kind %d", tc.name, p, ok, tc.want, tc.kind)
			}
		})
	}
	for _, tc := range []struct {
		name, want string
		class      lexicon.OrgClass
	}{
		{"IMF", "International Monetary Fund", lexicon.Intl},
		{"IAEA", "International Atomic Energy Agency", lexicon.Intl},
		{"NATO", "NATO", lexicon.Intl},
		{"Federal Emergency Management Agency", "FEMA", lexicon.National},
		{"Deutsche Presse-Agentur", "dpa", lexicon.Media},
		{"German FA", "German Football Association", lexicon.Sports},
		{"Roman Catholic Church", "Catholic Church", lexicon.Religious},
		{"NYSE", "New York Stock Exchange", lexicon.Company},
		{"BoJ", "Bank of Japan", lexicon.National},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if o, ok := l.Org(tc.name); !ok || o.Name != tc.want || o.Class != tc.class {
				t.Errorf("Org(%q) = %+v, %v; want %s (%s)", tc.name, o, ok, tc.want, tc.class)
			}
		})
	}
}

func BenchmarkIsTitle(b *testing.B) {
	l := load(b)
	words := []string{"secretary of state", "deputy energy minister", "minister of the interior", "banana", "chairman"}
	for i := 0; b.Loop(); i++ {
		l.IsTitle(words[i%len(words)])
	}
}

func TestAcronymsOnlyInCapitals(t *testing.T) {
	l, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := l.Org("UN"); !ok {
		t.Error(`Org("UN") not found`)
	}
	if o, ok := l.Org("Un"); ok {
		t.Errorf(`Org("Un") = %v: a name part in title case is no acronym`, o)
	}
	if _, ok := l.Place("U.S."); !ok {
		t.Error(`Place("U.S.") not found`)
	}
	if p, ok := l.Place("Us"); ok {
		t.Errorf(`Place("Us") = %v`, p)
	}
	if _, ok := l.Place("united states"); !ok {
		t.Error(`Place("united states") not found: full names match in any case`)
	}
}

func TestShortOfficial(t *testing.T) {
	l := load(t)
	for _, tc := range []struct {
		name string
		want string
	}{
		{"the People's Republic", "Bangladesh|China"}, // the caller picks the one its article names
		{"Islamic Republic", "Iran|Pakistan"},
		{"Republic of Indonesia", ""}, // a whole official name is a place itself
		{"Republic", ""},              // one word: too little
		{"Grand Hotel", ""},
	} {
		got := strings.Join(l.ShortOfficial(tc.name), "|")
		if got != tc.want {
			t.Errorf("ShortOfficial(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if p, ok := l.Place("Republic of Indonesia"); !ok || p.Name != "Indonesia" {
		t.Errorf("Place(Republic of Indonesia) = %+v, %v; want the country", p, ok)
	}
}
