package ner

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSplitDocuments(t *testing.T) {
	sent := func(text string, docStart bool) Sentence {
		return Sentence{Words: strings.Fields(text), DocStart: docStart}
	}
	tests := []struct {
		name string
		data []Sentence
		want [][2]int
	}{
		{"empty", nil, nil},
		{"one document", []Sentence{sent("A b .", false), sent("C d .", false)}, [][2]int{{0, 2}}},
		{"docstart", []Sentence{sent("A b .", true), sent("C d .", true), sent("E f .", false)}, [][2]int{{0, 1}, {1, 3}}},
		{"datelines", []Sentence{
			sent("SOCCER - ALPHA WIN .", false), sent("LONDON 1996-08-30", false), sent("Alpha won .", false),
			sent("GOLF - BETA LEADS .", false), sent("MILWAUKEE , Wisconsin 1996-08-29", false), sent("Beta leads .", false),
		}, [][2]int{{0, 3}, {3, 6}}},
		{"docstart and dateline agree", []Sentence{
			sent("Old news .", false), sent("HEADLINE HERE", true), sent("PARIS 1996-08-30", false), sent("Body .", false),
		}, [][2]int{{0, 1}, {1, 4}}},
		{"not a dateline", []Sentence{sent("A b .", false), sent("Talks end 1996-08-30", false)}, [][2]int{{0, 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := splitDocuments(tc.data)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestReadCoNLLDocStart(t *testing.T) {
	in := "-DOCSTART- -X- O O\n\nEU B-ORG 0\n\nPeter B-PER 0\n\n-DOCSTART- O 0\n\nParis B-LOC 0\n"
	got, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, false, true}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d", len(got), len(want))
	}
	for i, s := range got {
		if s.DocStart != want[i] {
			t.Errorf("sentence %d: DocStart %v, want %v", i, s.DocStart, want[i])
		}
	}
}

func TestTagDocument(t *testing.T) {
	m := mustLoad(t)
	tests := []struct {
		name string
		doc  []string
		want [][]string // spans per sentence that must be found
	}{
		{"headline names from the body", []string{
			"KOVALENKO SIGNS FOR HARTWELL ROVERS",
			"Striker Ivan Kovalenko joined Hartwell Rovers on Tuesday , the club said .",
			"Kovalenko scored twice last season .",
		}, [][]string{nil, {"PER:Ivan Kovalenko", "ORG:Hartwell Rovers"}, {"PER:Kovalenko"}}},
		{"empty sentence", []string{"", "Anna Berg visited Oslo ."}, [][]string{nil, {"PER:Anna Berg", "LOC:Oslo"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sents [][]string
			for _, s := range tc.doc {
				sents = append(sents, strings.Fields(s))
			}
			got := m.TagDocument(sents)
			if len(got) != len(sents) {
				t.Fatalf("got %d sentences, want %d", len(got), len(sents))
			}
			for i := range sents {
				if len(got[i]) != len(sents[i]) {
					t.Fatalf("sentence %d: %d labels for %d words", i, len(got[i]), len(sents[i]))
				}
				spans := spanStrings(sents[i], got[i])
				for _, w := range tc.want[i] {
					found := false
					for _, s := range spans {
						found = found || s == w
					}
					if !found {
						t.Errorf("sentence %d: %s not found in %v", i, w, spans)
					}
				}
			}
		})
	}
	if got := (*Model)(nil).TagDocument([][]string{{"x"}}); len(got) != 1 || len(got[0]) != 1 {
		t.Errorf("nil model: got %v", got)
	}
}

func BenchmarkTagDocument(b *testing.B) {
	m := mustLoad(b)
	var doc [][]string
	for _, s := range []string{
		"KENYA SAYS FLOODS KILL 40 IN NAIROBI",
		"NAIROBI 1996-08-30",
		"Floods killed at least 40 people in the Kenyan capital Nairobi on Friday , the Kenya Red Cross said .",
		"Indonesian President Joko Widodo met Japanese Prime Minister Fumio Kishida in Jakarta on Tuesday to discuss trade , security and the South China Sea , officials said .",
		"Widodo said the talks had gone well .",
	} {
		doc = append(doc, strings.Fields(s))
	}
	words := 0
	for _, s := range doc {
		words += len(s)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.TagDocument(doc)
	}
	b.ReportMetric(float64(b.N*words)/b.Elapsed().Seconds(), "words/s")
}

func TestPartNames(t *testing.T) {
	m := mustLoad(t)
	parse := func(s string) []Label {
		var out []Label
		for _, f := range strings.Fields(s) {
			l, err := ParseLabel(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, l)
		}
		return out
	}
	tests := []struct {
		name       string
		sents      []string
		tags, want []string
	}{
		{"double surname",
			[]string{"according to Sofía Ramírez Ortega .", "Ramírez Ortega said so ."},
			[]string{"O O B-PER I-PER I-PER O", "B-ORG I-ORG O O O"},
			[]string{"O O B-PER I-PER I-PER O", "B-PER I-PER O O O"}},
		{"particle surname, one word",
			[]string{"said Ignacio Herrera de la Fuente .", "Fuente left ."},
			[]string{"O B-PER I-PER I-PER I-PER I-PER O", "B-LOC O O"},
			[]string{"O B-PER I-PER I-PER I-PER I-PER O", "B-PER O O"}},
		{"a place keeps its type",
			[]string{"Michael Jordan spoke .", "Jordan said ."},
			[]string{"B-PER I-PER O O", "B-LOC O O"},
			[]string{"B-PER I-PER O O", "B-LOC O O"}},
		{"not the end of a name",
			[]string{"Sofía Ramírez Ortega spoke .", "Sofía Ramírez said ."},
			[]string{"B-PER I-PER I-PER O O", "B-ORG I-ORG O O"},
			[]string{"B-PER I-PER I-PER O O", "B-ORG I-ORG O O"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sents [][]string
			var labels [][]Label
			for i, s := range tc.sents {
				sents = append(sents, strings.Fields(s))
				labels = append(labels, parse(tc.tags[i]))
			}
			m.partNames(sents, labels)
			for i := range sents {
				want := parse(tc.want[i])
				if !equalLabels(labels[i], want) {
					t.Errorf("sentence %d: got %v, want %v", i, labels[i], want)
				}
			}
		})
	}
}

func TestJoinPersonsAndParticles(t *testing.T) {
	tests := []struct {
		name, words, tags, want string
	}{
		{"adjacent persons", "spokeswoman Le Minh Chau said", "O B-PER B-PER I-PER O", "O B-PER I-PER I-PER O"},
		{"person then place", "Anna Berg Oslo", "B-PER I-PER B-LOC", "B-PER I-PER B-LOC"},
		{"particles", "said Ignacio Herrera de la Fuente ,", "O B-PER I-PER O O B-ORG O", "O B-PER I-PER I-PER I-PER I-PER O"},
		{"particle then lower case", "Anna Berg de facto", "B-PER I-PER O O", "B-PER I-PER O O"},
		{"particle after no person", "Banco de Chile", "B-ORG O B-LOC", "B-ORG O B-LOC"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var labels []Label
			for _, f := range strings.Fields(tc.tags) {
				l, _ := ParseLabel(f)
				labels = append(labels, l)
			}
			joinPersons(labels)
			joinParticles(strings.Fields(tc.words), labels)
			var got []string
			for _, l := range labels {
				got = append(got, l.String())
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got %s, want %s", g, tc.want)
			}
		})
	}
}

func TestSplitAtTitles(t *testing.T) {
	m := mustLoad(t)
	tests := []struct {
		name, words, tags, want string
	}{
		{"company title person", "Vantaro CEO Dana Whitcombe spoke", "B-PER I-PER I-PER I-PER O", "B-ORG O B-PER I-PER O"},
		{"lower-case title", "Acme founder Anna Berg", "B-PER I-PER I-PER I-PER", "B-ORG O B-PER I-PER"},
		{"title case is left alone", "Anna President Berg", "B-PER I-PER I-PER", "B-PER I-PER I-PER"},
		{"no title", "Sofía Ramírez Ortega", "B-PER I-PER I-PER", "B-PER I-PER I-PER"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var labels []Label
			for _, f := range strings.Fields(tc.tags) {
				l, _ := ParseLabel(f)
				labels = append(labels, l)
			}
			m.splitAtTitles(strings.Fields(tc.words), labels)
			var got []string
			for _, l := range labels {
				got = append(got, l.String())
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got %s, want %s", g, tc.want)
			}
		})
	}
}

func TestEmployersBeforeTitle(t *testing.T) {
	m := mustLoad(t)
	tests := []struct {
		name, words, tags, want string
	}{
		{"two companies", "including Vantaro and OrbitX CEO Dana Whitcombe ,", "O B-PER O O O B-PER I-PER O", "O B-ORG O B-ORG O B-PER I-PER O"},
		{"typed words stay", "visits Hong Kong CEO Anna Berg", "O B-LOC I-LOC O B-PER I-PER", "O B-LOC I-LOC O B-PER I-PER"},
		{"not an acronym", "said Clinton spokesman Mike McCurry", "O B-PER O B-PER I-PER", "O B-PER O B-PER I-PER"},
		{"shouted headline", "HILL BRANDS WORLD CHAMPION JANSHER A CHEAT", "B-PER O O O B-PER O O", "B-PER O O O B-PER O O"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var labels []Label
			for _, f := range strings.Fields(tc.tags) {
				l, _ := ParseLabel(f)
				labels = append(labels, l)
			}
			m.employersBeforeTitle(strings.Fields(tc.words), labels)
			var got []string
			for _, l := range labels {
				got = append(got, l.String())
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got %s, want %s", g, tc.want)
			}
		})
	}
}

// TestTagDocumentContext: a done context stops tagging with its error;
// otherwise the labels are TagDocument's.
func TestTagDocumentContext(t *testing.T) {
	m := mustLoad(t)
	sents := [][]string{strings.Fields("Anna Berg visited Oslo ."), strings.Fields("Berg met Ivan Kovalenko .")}
	got, err := m.TagDocumentContext(context.Background(), sents)
	if err != nil {
		t.Fatal(err)
	}
	if want := m.TagDocument(sents); !reflect.DeepEqual(got, want) {
		t.Errorf("TagDocumentContext = %v, TagDocument = %v", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, mm := range []*Model{m, nil} {
		if got, err := mm.TagDocumentContext(ctx, sents); !errors.Is(err, context.Canceled) || got != nil {
			t.Errorf("cancelled: %v, %v; want no labels and context.Canceled", got, err)
		}
	}
}
