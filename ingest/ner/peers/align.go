package main

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/ingest/ner"
)

// span is a half-open byte range of a sentence's text.
type span struct{ start, end int }

// entity is an entity a system found, as a byte range of the sentence text
// it was given.
type entity struct {
	start, end int
	typ        ner.Type
}

// joinWords is the raw text a peer is given for one CoNLL sentence: the
// words joined with single spaces. It returns the text and each word's
// byte range in it.
func joinWords(words []string) (string, []span) {
	var b strings.Builder
	spans := make([]span, len(words))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		spans[i] = span{b.Len(), b.Len() + len(w)}
		b.WriteString(w)
	}
	return b.String(), spans
}

// locate finds each token of a peer's tokenization in text, left to right,
// and returns its byte range; a token whose text cannot be found after the
// previous one (a tokenizer that rewrote it) gets {-1, -1}.
func locate(text string, tokens []string) []span {
	out := make([]span, len(tokens))
	cur := 0
	for i, t := range tokens {
		j := -1
		if t != "" {
			j = strings.Index(text[cur:], t)
		}
		if j < 0 {
			out[i] = span{-1, -1}
			continue
		}
		out[i] = span{cur + j, cur + j + len(t)}
		cur = out[i].end
	}
	return out
}

// project turns a system's entities into one IOB label per CoNLL word. An
// entity covers every word whose byte range overlaps its own; entities are
// taken by start, the longer first at a tie, and one that would share a word
// with an entity already placed is dropped (counted in dropped). An entity
// that covers no word is dropped too.
func project(words []span, ents []entity) (labels []ner.Label, dropped int) {
	labels = make([]ner.Label, len(words))
	taken := make([]bool, len(words))
	sort.SliceStable(ents, func(a, b int) bool {
		if ents[a].start != ents[b].start {
			return ents[a].start < ents[b].start
		}
		return ents[a].end > ents[b].end
	})
	for _, e := range ents {
		first, last := -1, -1
		clash := false
		for i, w := range words {
			if w.start < e.end && e.start < w.end {
				if first < 0 {
					first = i
				}
				last = i
				clash = clash || taken[i]
			}
		}
		if first < 0 || clash || e.typ == ner.None {
			dropped++
			continue
		}
		for i := first; i <= last; i++ {
			taken[i] = true
			labels[i] = ner.Label{Type: e.typ, Begin: i == first}
		}
	}
	return labels, dropped
}

// tokenEntities turns labels over a peer's own tokens (with their byte
// ranges) into entities; tokens without a range are skipped.
func tokenEntities(labels []ner.Label, spans []span) []entity {
	var out []entity
	for _, s := range ner.Spans(labels) {
		start, end := -1, -1
		for i := s.Start; i < s.End; i++ {
			if spans[i].start < 0 {
				continue
			}
			if start < 0 {
				start = spans[i].start
			}
			end = spans[i].end
		}
		if start >= 0 {
			out = append(out, entity{start, end, s.Type})
		}
	}
	return out
}
