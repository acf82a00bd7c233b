package ner

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// cvCorpus is seven short documents, each a headline, a dateline and two
// sentences, with gold labels.
func cvCorpus(t *testing.T) []Sentence {
	t.Helper()
	var b strings.Builder
	people := []string{"Anna Berg", "Karl Lind", "Maria Ruiz", "Tom Hale", "Ivo Petrov", "Lena Holm", "Omar Haddad"}
	cities := []string{"Oslo", "Lima", "Riga", "Quito", "Sofia", "Dakar", "Hanoi"}
	for d, p := range people {
		name := strings.Fields(p)
		fmt.Fprintf(&b, "%s B-PER 0\nWINS O 0\n\n", strings.ToUpper(name[1]))
		fmt.Fprintf(&b, "%s B-LOC 0\n1996-08-%02d O 0\n\n", strings.ToUpper(cities[d]), d+1)
		fmt.Fprintf(&b, "%s B-PER 0\n%s I-PER 0\nwon O 0\nin O 0\n%s B-LOC 0\n. O 0\n\n", name[0], name[1], cities[d])
		fmt.Fprintf(&b, "The O 0\nRed B-ORG 0\nCross I-ORG 0\npraised O 0\n%s B-PER 0\n. O 0\n\n", name[1])
	}
	data, err := ReadCoNLL(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCrossValidate(t *testing.T) {
	data := cvCorpus(t)
	if got := len(docStarts(data)); got != 7 {
		t.Fatalf("%d documents, want 7", got)
	}
	res, err := CrossValidate(context.Background(), data, 5, Options{Iterations: 3, DocIterations: 2, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Folds != 5 || len(res.PerFold) != 5 || len(res.Pass1) != 3 || len(res.Pass2) != 2 {
		t.Fatalf("folds %d, per fold %d, pass 1 %d, pass 2 %d", res.Folds, len(res.PerFold), len(res.Pass1), len(res.Pass2))
	}
	// Every document is held out exactly once: every curve point and the
	// folds together see each gold entity once.
	var gold int
	for _, s := range data {
		gold += len(Spans(s.Labels))
	}
	for i, sc := range append(append([]Score(nil), res.Pass1...), res.Pass2...) {
		if sc.Overall.Gold != gold {
			t.Errorf("curve point %d scored %d gold entities, want %d", i, sc.Overall.Gold, gold)
		}
	}
	sum := 0
	for _, sc := range res.PerFold {
		sum += sc.Overall.Gold
	}
	if sum != gold || res.Final().Overall.Gold != gold {
		t.Errorf("folds hold %d gold entities, final %d, want %d", sum, res.Final().Overall.Gold, gold)
	}
	if !strings.Contains(res.String(), "5-fold CV F1 of pass 2") {
		t.Errorf("report lacks the pass 2 curve:\n%s", res)
	}
	if _, err := CrossValidate(context.Background(), data[:4], 5, Options{}, nil); err == nil {
		t.Error("want an error for fewer documents than folds")
	}
}
