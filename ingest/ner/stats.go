package ner

import (
	"math/bits"
	"sort"
)

// wordStats are cluster-like facts about a lowercased word, counted in the
// training text without looking at labels: how frequent it is, and how it
// is usually written where case is informative (not sentence-initial, not in
// a shouted headline). "Said" at the start of a sentence is a common word
// capitalized; "Clinton" never appears in lower case.
type wordStats struct {
	m map[string]wordStat
}

type wordStat struct {
	freq        byte // 0 unseen, else 1+floor(log2(count)), at most 12
	caseProfile byte // one of the case* constants
}

const (
	caseUnseen byte = iota
	caseLower       // never capitalized mid-sentence
	caseMostlyLower
	caseMixed
	caseMostlyCap
	caseCap        // always capitalized mid-sentence
	caseAllCaps    // written in capitals (acronyms)
	caseNoEvidence // seen only sentence-initially or in headlines
)

func (ws *wordStats) get(lower string) wordStat {
	if ws == nil {
		return wordStat{}
	}
	return ws.m[lower]
}

func (ws *wordStats) sorted() []string {
	if ws == nil {
		return nil
	}
	out := make([]string, 0, len(ws.m))
	for w := range ws.m {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// countWordStats keeps words seen at least minCount times.
func countWordStats(data []Sentence, minCount int) *wordStats {
	type counts struct{ all, lower, cap, caps int }
	c := map[string]*counts{}
	var toks []token
	for _, s := range data {
		toks = prepare(s.Words, toks)
		headline := sentenceAllCaps(toks)
		for i, t := range toks {
			k := c[t.lower]
			if k == nil {
				k = &counts{}
				c[t.lower] = k
			}
			k.all++
			if i == 0 || headline || t.flags&fAlnum == 0 {
				continue
			}
			switch {
			case t.flags&fAllCaps != 0 && len(t.lower) > 1:
				k.caps++
			case t.flags&fInitCap != 0:
				k.cap++
			case t.flags&fHasLower != 0:
				k.lower++
			}
		}
	}
	ws := &wordStats{m: make(map[string]wordStat)}
	for w, k := range c {
		if k.all < minCount {
			continue
		}
		st := wordStat{freq: byte(min(bits.Len(uint(k.all)), 12))}
		seen := k.lower + k.cap + k.caps
		switch {
		case seen == 0:
			st.caseProfile = caseNoEvidence
		case k.caps*2 > seen:
			st.caseProfile = caseAllCaps
		case k.lower == seen:
			st.caseProfile = caseLower
		case k.lower*4 >= seen*3:
			st.caseProfile = caseMostlyLower
		case k.lower == 0:
			st.caseProfile = caseCap
		case k.lower*4 <= seen:
			st.caseProfile = caseMostlyCap
		default:
			st.caseProfile = caseMixed
		}
		ws.m[w] = st
	}
	return ws
}
