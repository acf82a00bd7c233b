package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/newsgraph/newsgraph/ingest/ner"
)

func labels(s string) []ner.Label {
	var out []ner.Label
	for _, f := range strings.Fields(s) {
		l, err := ner.ParseLabel(f)
		if err != nil {
			panic(err)
		}
		out = append(out, l)
	}
	return out
}

func TestProject(t *testing.T) {
	words := strings.Fields("Peter Blackburn of U.S.-based Acme Corp. in New York")
	text, spans := joinWords(words)
	at := func(sub string, typ ner.Type) entity {
		i := strings.Index(text, sub)
		return entity{i, i + len(sub), typ}
	}
	tests := []struct {
		name    string
		ents    []entity
		want    string
		dropped int
	}{
		{"exact", []entity{at("Peter Blackburn", ner.PER), at("New York", ner.LOC)}, "B-PER I-PER O O O O O B-LOC I-LOC", 0},
		{"inside a word", []entity{at("U.S.", ner.LOC)}, "O O O B-LOC O O O O O", 0},
		{"partial words", []entity{at("Corp", ner.ORG), at("ter Black", ner.PER)}, "B-PER I-PER O O O B-ORG O O O", 0},
		{"overlap, longer first", []entity{at("Acme", ner.ORG), at("Acme Corp.", ner.ORG)}, "O O O O B-ORG I-ORG O O O", 1},
		{"adjacent same type", []entity{at("Peter", ner.PER), at("Blackburn", ner.PER)}, "B-PER B-PER O O O O O O O", 0},
		{"nothing covered", []entity{{len(text) + 1, len(text) + 3, ner.PER}}, "O O O O O O O O O", 1},
		{"unknown type", []entity{at("Acme", ner.None)}, "O O O O O O O O O", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, dropped := project(spans, tc.ents)
			if !reflect.DeepEqual(got, labels(tc.want)) || dropped != tc.dropped {
				t.Errorf("project = %v (dropped %d), want %s (dropped %d)", got, dropped, tc.want, tc.dropped)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	got := locate("ca n't stop", []string{"ca", "n't", "X", "stop"})
	want := []span{{0, 2}, {3, 6}, {-1, -1}, {7, 11}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("locate = %v, want %v", got, want)
	}
}

func TestProseEntities(t *testing.T) {
	toks := []string{"Kent", "beat", "New", "York", "and", "New", "York", "."}
	text := strings.Join(toks, " ")
	spans := locate(text, toks)
	ents := []prose.Entity{{Text: "Kent", Label: "PERSON"}, {Text: "New York", Label: "GPE"},
		{Text: "New York", Label: "GPE"}, {Text: "Boston", Label: "GPE"}, {Text: "and", Label: "NORP"}}
	got := proseEntities(ents, toks, spans)
	want := []entity{{0, 4, ner.PER}, {10, 18, ner.LOC}, {23, 31, ner.LOC}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("proseEntities = %v, want %v", got, want)
	}
}

func TestScore(t *testing.T) {
	in := `EU B-ORG B-ORG
rejects O O
German B-MISC B-LOC
call O O
Peter B-PER B-PER
Blackburn I-PER O

BRUSSELS B-LOC I-LOC
`
	s, err := scorePredictions(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[ner.Type]prf{
		ner.ORG:  {Gold: 1, Predicted: 1, Correct: 1},
		ner.MISC: {Gold: 1},
		ner.LOC:  {Gold: 1, Predicted: 2, Correct: 1},
		ner.PER:  {Gold: 1, Predicted: 1},
	}
	for typ, p := range want {
		if s.byType[typ] != p {
			t.Errorf("%v: %+v, want %+v", typ, s.byType[typ], p)
		}
	}
	all := s.overall(nil)
	if all.Gold != 4 || all.Predicted != 4 || all.Correct != 2 || all.f1() != 0.5 {
		t.Errorf("overall %+v f1 %v", all, all.f1())
	}
	if p := s.overall([]ner.Type{ner.ORG}); p.f1() != 1 {
		t.Errorf("ORG only: %+v", p)
	}
	if s.tokens != 7 {
		t.Errorf("tokens %d, want 7", s.tokens)
	}
	if _, err := scorePredictions(strings.NewReader("EU B-ORG\n")); err == nil {
		t.Error("two columns: no error")
	}
}
