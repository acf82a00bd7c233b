package ner

import (
	"fmt"
	"strings"
)

// PRF is precision, recall and F1 over exact entity spans, with the counts
// they come from.
type PRF struct {
	Gold, Predicted, Correct int
	Precision, Recall, F1    float64
}

func (p *PRF) finish() {
	if p.Predicted > 0 {
		p.Precision = float64(p.Correct) / float64(p.Predicted)
	}
	if p.Gold > 0 {
		p.Recall = float64(p.Correct) / float64(p.Gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

// Score is a conlleval-style evaluation: a predicted entity counts only when
// its type and both boundaries match a gold entity.
type Score struct {
	Overall PRF
	ByType  map[Type]PRF // PER, ORG, LOC, MISC
	Tokens  int
	// TokenAccuracy is the share of tokens whose IOB label is right.
	TokenAccuracy float64
}

// String formats the score as a small table.
func (s Score) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "tokens %d, token accuracy %.2f%%\n", s.Tokens, 100*s.TokenAccuracy)
	row := func(name string, p PRF) {
		fmt.Fprintf(&b, "%-8s P %6.2f  R %6.2f  F1 %6.2f  (gold %d, predicted %d)\n",
			name, 100*p.Precision, 100*p.Recall, 100*p.F1, p.Gold, p.Predicted)
	}
	row("overall", s.Overall)
	for t := PER; t < numTypes; t++ {
		row(t.String(), s.ByType[t])
	}
	return b.String()
}

// Evaluate tags data with m, a document at a time (see TagCorpus), and
// scores the result against the gold labels.
func Evaluate(m *Model, data []Sentence) Score {
	var sc scorer
	for i, pred := range TagCorpus(m, data) {
		sc.add(data[i].Labels, pred)
	}
	return sc.score()
}

type scorer struct {
	byType       [numTypes]PRF
	tokens, good int
}

func (sc *scorer) add(gold, pred []Label) {
	for i := range pred {
		sc.tokens++
		if i < len(gold) && gold[i] == pred[i] {
			sc.good++
		}
	}
	g, p := Spans(gold), Spans(pred)
	gs := make(map[TokenSpan]bool, len(g))
	for _, s := range g {
		gs[s] = true
		sc.byType[s.Type].Gold++
	}
	for _, s := range p {
		sc.byType[s.Type].Predicted++
		if gs[s] {
			sc.byType[s.Type].Correct++
		}
	}
}

func (sc *scorer) score() Score {
	s := Score{ByType: make(map[Type]PRF, numTypes-1), Tokens: sc.tokens}
	for t := PER; t < numTypes; t++ {
		p := sc.byType[t]
		s.Overall.Gold += p.Gold
		s.Overall.Predicted += p.Predicted
		s.Overall.Correct += p.Correct
		p.finish()
		s.ByType[t] = p
	}
	s.Overall.finish()
	if sc.tokens > 0 {
		s.TokenAccuracy = float64(sc.good) / float64(sc.tokens)
	}
	return s
}
