package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/ingest/ner"
)

// types are the CoNLL-2003 entity types, in table order.
var types = []ner.Type{ner.PER, ner.ORG, ner.LOC, ner.MISC}

// prf is precision, recall and F1 over exact spans, with their counts.
type prf struct {
	Gold, Predicted, Correct int
}

func (p prf) precision() float64 { return ratio(p.Correct, p.Predicted) }
func (p prf) recall() float64    { return ratio(p.Correct, p.Gold) }

func (p prf) f1() float64 {
	pr, rc := p.precision(), p.recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func (p *prf) add(q prf) {
	p.Gold += q.Gold
	p.Predicted += q.Predicted
	p.Correct += q.Correct
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// score is a conlleval-style evaluation of one system: a predicted entity
// counts only when its type and both boundaries equal a gold entity's.
type score struct {
	byType map[ner.Type]prf
	tokens int
}

// overall sums the types in only (all types when only is empty).
func (s score) overall(only []ner.Type) prf {
	if len(only) == 0 {
		only = types
	}
	var p prf
	for _, t := range only {
		p.add(s.byType[t])
	}
	return p
}

// scorePredictions reads conlleval input ("token ... gold predicted" lines,
// a blank line between sentences) and scores it. Spans are read as
// conlleval reads IOB: an I- tag that does not continue an entity of its
// type starts one.
func scorePredictions(r io.Reader) (score, error) {
	s := score{byType: map[ner.Type]prf{}}
	var gold, pred []ner.Label
	flush := func() {
		g := ner.Spans(gold)
		gs := make(map[ner.TokenSpan]bool, len(g))
		for _, sp := range g {
			gs[sp] = true
			p := s.byType[sp.Type]
			p.Gold++
			s.byType[sp.Type] = p
		}
		for _, sp := range ner.Spans(pred) {
			p := s.byType[sp.Type]
			p.Predicted++
			if gs[sp] {
				p.Correct++
			}
			s.byType[sp.Type] = p
		}
		gold, pred = gold[:0], pred[:0]
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flush()
			continue
		}
		if len(f) < 3 {
			return s, fmt.Errorf("line %d: want \"token gold predicted\", got %q", line, sc.Text())
		}
		g, err := ner.ParseLabel(f[len(f)-2])
		if err != nil {
			return s, fmt.Errorf("line %d: gold: %w", line, err)
		}
		p, err := ner.ParseLabel(f[len(f)-1])
		if err != nil {
			return s, fmt.Errorf("line %d: predicted: %w", line, err)
		}
		gold, pred = append(gold, g), append(pred, p)
		s.tokens++
	}
	if err := sc.Err(); err != nil {
		return s, fmt.Errorf("line %d: %w", line+1, err)
	}
	flush()
	return s, nil
}
