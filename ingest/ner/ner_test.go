package ner

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var loadOnce = sync.OnceValues(Load)

func mustLoad(t testing.TB) *Model {
	t.Helper()
	m, err := loadOnce()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func spanStrings(words []string, labels []Label) []string {
	var out []string
	for _, s := range Spans(labels) {
		out = append(out, s.Type.String()+":"+strings.Join(words[s.Start:s.End], " "))
	}
	return out
}

func TestTagNewsSentences(t *testing.T) {
	m := mustLoad(t)
	tests := []struct {
		name string
		text string
		want []string // spans that must be found
	}{
		{"leaders", "Indonesian President Joko Widodo met Japanese Prime Minister Fumio Kishida in Jakarta on Tuesday .",
			[]string{"MISC:Indonesian", "PER:Joko Widodo", "MISC:Japanese", "PER:Fumio Kishida", "LOC:Jakarta"}},
		{"organization", "The World Health Organization said on Friday that cases in Brazil had doubled .",
			[]string{"ORG:World Health Organization", "LOC:Brazil"}},
		{"company", "Shares of Acme Corp fell 3 percent in New York after the company cut its forecast .",
			[]string{"ORG:Acme Corp", "LOC:New York"}},
		{"curly quotes", "“We will not back down,” Maria Gonzalez told reporters in Madrid .",
			[]string{"PER:Maria Gonzalez", "LOC:Madrid"}},
		{"possessive", "Germany ’s finance minister , Hans Becker , visited Paris .",
			[]string{"LOC:Germany", "PER:Hans Becker", "LOC:Paris"}},
		{"headline", "KENYA SAYS FLOODS KILL 40 IN NAIROBI",
			[]string{"LOC:KENYA", "LOC:NAIROBI"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			words := strings.Fields(tc.text)
			labels := m.Tag(words)
			if len(labels) != len(words) {
				t.Fatalf("got %d labels for %d words", len(labels), len(words))
			}
			got := spanStrings(words, labels)
			have := map[string]bool{}
			for _, g := range got {
				have[g] = true
			}
			for _, w := range tc.want {
				if !have[w] {
					t.Errorf("missing %s; got %v", w, got)
				}
			}
		})
	}
}

func TestTagOddInput(t *testing.T) {
	m := mustLoad(t)
	tests := []struct {
		name  string
		words []string
	}{
		{"nil", nil},
		{"empty", []string{}},
		{"empty words", []string{"", "", ""}},
		{"invalid utf8", []string{"\xff\xfe", "Paris", "\xc3"}},
		{"punctuation", []string{".", ",", "\"", "''", "``", "’", "—"}},
		{"long word", []string{strings.Repeat("Ab", 5000)}},
		{"spaces", []string{" ", "\t", "New York"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := m.Tag(tc.words); len(got) != len(tc.words) {
				t.Errorf("got %d labels for %d words", len(got), len(tc.words))
			}
		})
	}
	long := make([]string, 2000)
	for i := range long {
		long[i] = "Word"
	}
	if got := m.Tag(long); len(got) != len(long) {
		t.Errorf("long sentence: got %d labels", len(got))
	}
	var zero *Model
	if got := zero.Tag([]string{"x"}); len(got) != 1 {
		t.Errorf("nil model: got %d labels", len(got))
	}
}

func TestTagLabelsAreWellFormed(t *testing.T) {
	m := mustLoad(t)
	words := strings.Fields("On Monday the European Central Bank and Goldman Sachs warned that Italy ’s debt could hurt the euro zone , ECB President Christine Lagarde said in Frankfurt .")
	labels := m.Tag(words)
	for i, l := range labels {
		if l.Type != None && !l.Begin && (i == 0 || labels[i-1].Type != l.Type) {
			t.Errorf("word %d %q: %v continues nothing", i, words[i], l)
		}
	}
}

func FuzzTag(f *testing.F) {
	m, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Indonesian President Joko Widodo met officials in Jakarta .")
	f.Add("")
	f.Add("\xff ’s “quoted” -- 1,234.5")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Split(s, " ")
		if got := m.Tag(words); len(got) != len(words) {
			t.Fatalf("got %d labels for %d words", len(got), len(words))
		}
	})
}

func TestRoundTrip(t *testing.T) {
	m := mustLoad(t)
	var a bytes.Buffer
	n, err := m.WriteTo(&a)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(a.Len()) {
		t.Errorf("WriteTo reported %d bytes, wrote %d", n, a.Len())
	}
	back, err := Read(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := back.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("model bytes differ after a round trip")
	}
	words := strings.Fields("Prime Minister Anna Lindqvist of Sweden arrived in Oslo on Sunday .")
	if x, y := m.Tag(words), back.Tag(words); !equalLabels(x, y) {
		t.Errorf("tags differ: %v vs %v", x, y)
	}
}

func equalLabels(a, b []Label) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReadBadModel(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("hello")},
		{"truncated", func() []byte {
			var b bytes.Buffer
			mustLoad(t).WriteTo(&b)
			return b.Bytes()[:b.Len()/2]
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Read(bytes.NewReader(tc.data)); err == nil {
				t.Error("want an error")
			}
		})
	}
}

func TestReadCoNLL(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    int    // sentences
		wantErr string // substring of the error
	}{
		{"ok", "-DOCSTART- -X- O O\n\nEU B-ORG 0\nrejects O 0\n\nPeter B-PER 0\nBlackburn I-PER 0\n", 2, ""},
		{"no trailing blank", "Paris B-LOC 0", 1, ""},
		{"bad tag", "EU B-ORG 0\nrejects X-FOO 0\n", 0, "line 2"},
		{"unknown type", "\n\nEU B-XYZ 0\n", 0, "line 3"},
		{"one field", "EU B-ORG 0\n\nrejects\n", 0, "line 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadCoNLL(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want {
				t.Errorf("got %d sentences, want %d", len(got), tc.want)
			}
		})
	}
}

func TestSpansAndScore(t *testing.T) {
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
	gold := parse("B-PER I-PER O B-LOC O B-ORG I-ORG")
	pred := parse("B-PER I-PER O I-LOC O B-ORG O")
	var sc scorer
	sc.add(gold, pred)
	s := sc.score()
	if s.Overall.Gold != 3 || s.Overall.Predicted != 3 || s.Overall.Correct != 2 {
		t.Errorf("counts %+v", s.Overall)
	}
	if p := s.ByType[ORG]; p.Correct != 0 || p.F1 != 0 {
		t.Errorf("ORG %+v", p)
	}
	if p := s.ByType[LOC]; p.F1 != 1 {
		t.Errorf("LOC %+v (I- after O starts an entity, as in conlleval)", p)
	}
	for _, l := range []string{"O", "B-PER", "I-ORG", "B-LOC", "I-MISC"} {
		got, err := ParseLabel(l)
		if err != nil || got.String() != l {
			t.Errorf("ParseLabel(%q) = %v, %v", l, got, err)
		}
	}
}

func TestTrainTiny(t *testing.T) {
	data, err := ReadCoNLL(strings.NewReader(tinyCorpus))
	if err != nil {
		t.Fatal(err)
	}
	train := func() []byte {
		m, err := Train(context.Background(), data, Options{Iterations: 5, Seed: 7}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sc := Evaluate(m, data); sc.Overall.F1 < 0.9 {
			t.Errorf("training F1 %.2f on a tiny corpus", sc.Overall.F1)
		}
		var b bytes.Buffer
		if _, err := m.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(train(), train()) {
		t.Error("same seed gave different model bytes")
	}
	if _, err := Train(context.Background(), nil, Options{}, nil); !errors.Is(err, ErrNoData) {
		t.Errorf("err = %v, want ErrNoData", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Train(ctx, data, Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

const tinyCorpus = `Anna B-PER 0
Berg I-PER 0
visited O 0
Oslo B-LOC 0
. O 0

The O 0
Red B-ORG 0
Cross I-ORG 0
helped O 0
Lima B-LOC 0
. O 0

Danish B-MISC 0
farmers O 0
met O 0
Karl B-PER 0
. O 0
`

func TestWriteCoNLLPredictions(t *testing.T) {
	m := mustLoad(t)
	data := []Sentence{{Words: []string{"Paris", "wins"}, Labels: []Label{{LOC, true}, {}}}, {Words: []string{"Hi"}}}
	var b bytes.Buffer
	if err := WriteCoNLLPredictions(&b, m, data); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if len(lines) != 6 || lines[2] != "" || !strings.HasPrefix(lines[0], "Paris B-LOC ") || !strings.HasPrefix(lines[3], "Hi O ") {
		t.Errorf("unexpected output %q", b.String())
	}
}

// TestDevF1 scores the embedded model on CoNLL-2003 dev when
// NEWSGRAPH_CONLL_DIR names the folder holding valid.txt.
func TestDevF1(t *testing.T) {
	dir := os.Getenv("NEWSGRAPH_CONLL_DIR")
	if dir == "" {
		t.Skip("NEWSGRAPH_CONLL_DIR not set")
	}
	f, err := os.Open(filepath.Join(dir, "valid.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dev, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(mustLoad(t), dev)
	t.Logf("dev:\n%s", sc)
	if sc.Overall.F1 < 0.90 {
		t.Errorf("dev F1 %.4f, want >= 0.90", sc.Overall.F1)
	}
}

func BenchmarkTag(b *testing.B) {
	m := mustLoad(b)
	words := strings.Fields("Indonesian President Joko Widodo met Japanese Prime Minister Fumio Kishida in Jakarta on Tuesday to discuss trade , security and the South China Sea , officials said .")
	b.ReportAllocs()
	for b.Loop() {
		m.Tag(words)
	}
	b.ReportMetric(float64(b.N*len(words))/b.Elapsed().Seconds(), "words/s")
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
