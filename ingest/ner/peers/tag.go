package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// meta describes one tagging run; it is written beside the predictions.
type meta struct {
	System  string   `json:"system"`
	Version string   `json:"version"`
	Input   string   `json:"input"` // "corpus tokens" or "raw text"
	Types   []string `json:"types"` // the CoNLL types the system can produce
	Tokens  int      `json:"tokens"`
	// Seconds is the wall time of tagging the whole corpus once, the best
	// of Runs; model loading is not included.
	Seconds        float64 `json:"seconds"`
	Runs           int     `json:"runs"`
	WordsPerSecond float64 `json:"words_per_second"`
	// Dropped counts entities that could not be placed on corpus tokens
	// (they overlapped an entity already placed, or covered no token);
	// Unaligned counts a peer's tokens not found in the text it was given.
	Dropped   int    `json:"dropped"`
	Unaligned int    `json:"unaligned"`
	Go        string `json:"go"`
}

// tagger labels one corpus sentence; it returns the labels and the number
// of entities dropped and tokens left unaligned.
type tagger func(words []string) (labels []ner.Label, dropped, unaligned int)

// corpusTagger labels a whole corpus, a document at a time (newsgraph reads
// each document twice, so it is given whole documents).
type corpusTagger func(data []ner.Sentence) (labels [][]ner.Label, dropped int)

func tagFile(ctx context.Context, system, conll, out string, runs int) (*meta, error) {
	f, err := os.Open(conll)
	if err != nil {
		return nil, err
	}
	data, err := ner.ReadCoNLL(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", conll, err)
	}
	m := &meta{System: system, Runs: runs, Go: runtime.Version()}
	tag, whole, err := newTagger(system, m)
	if err != nil {
		return nil, err
	}
	var preds [][]ner.Label
	for r := range runs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		preds = preds[:0]
		m.Dropped, m.Unaligned, m.Tokens = 0, 0, 0
		start := time.Now()
		if whole != nil {
			preds, m.Dropped = whole(data)
		} else {
			for _, s := range data {
				labels, d, u := tag(s.Words)
				preds = append(preds, labels)
				m.Dropped += d
				m.Unaligned += u
			}
		}
		for _, s := range data {
			m.Tokens += len(s.Words)
		}
		if sec := time.Since(start).Seconds(); r == 0 || sec < m.Seconds {
			m.Seconds = sec
		}
	}
	m.WordsPerSecond = float64(m.Tokens) / m.Seconds
	if err := writePredictions(out, data, preds); err != nil {
		return nil, err
	}
	return m, nil
}

func writePredictions(path string, data []ner.Sentence, preds [][]ner.Label) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i, s := range data {
		for j, word := range s.Words {
			fmt.Fprintf(w, "%s %s %s\n", word, s.Labels[j], preds[i][j])
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

func moduleVersion(path string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range bi.Deps {
		if d.Path == path {
			return d.Version
		}
	}
	return "unknown"
}

// newTagger returns a sentence tagger, or for newsgraph a corpus tagger.
func newTagger(system string, m *meta) (tagger, corpusTagger, error) {
	switch system {
	case "newsgraph", "newsgraph-raw":
		model, err := ner.Load()
		if err != nil {
			return nil, nil, err
		}
		m.Version = "this repository"
		m.Types = []string{"PER", "ORG", "LOC", "MISC"}
		if system == "newsgraph" {
			m.Input = "corpus tokens"
			return nil, func(data []ner.Sentence) ([][]ner.Label, int) { return ner.TagCorpus(model, data), 0 }, nil
		}
		m.Input = "raw text"
		// Each sentence is tokenized by newsgraph's tokenizer, the
		// documents tagged whole, and the entities projected back.
		return nil, func(data []ner.Sentence) ([][]ner.Label, int) {
			retok := make([]ner.Sentence, len(data))
			wspans := make([][]span, len(data))
			tspans := make([][]span, len(data))
			for k, s := range data {
				sent, ws := joinWords(s.Words)
				toks := text.Tokenize(sent, 0)
				tw := make([]string, len(toks))
				ts := make([]span, len(toks))
				for i, t := range toks {
					tw[i] = t.Text
					ts[i] = span{t.Span.Start, t.Span.End}
				}
				retok[k] = ner.Sentence{Words: tw, DocStart: s.DocStart}
				wspans[k], tspans[k] = ws, ts
			}
			out := make([][]ner.Label, len(data))
			dropped := 0
			for k, labels := range ner.TagCorpus(model, retok) {
				l, d := project(wspans[k], tokenEntities(labels, tspans[k]))
				out[k] = l
				dropped += d
			}
			return out, dropped
		}, nil
	case "prose", "prose-iob":
		// The first document loads prose's embedded models; later ones
		// reuse them, so the timed loop does no loading.
		doc, err := prose.NewDocument("Warm up .", prose.WithSegmentation(false))
		if err != nil {
			return nil, nil, fmt.Errorf("prose: %w", err)
		}
		model := doc.Model
		m.Version = moduleVersion("github.com/jdkato/prose/v2")
		m.Input = "raw text"
		m.Types = []string{"PER", "ORG", "LOC"}
		iob := system == "prose-iob"
		return func(words []string) ([]ner.Label, int, int) {
			sent, wspans := joinWords(words)
			doc, err := prose.NewDocument(sent, prose.UsingModel(model), prose.WithSegmentation(false))
			if err != nil {
				return make([]ner.Label, len(words)), 0, 0
			}
			toks := doc.Tokens()
			tt := make([]string, len(toks))
			for i, t := range toks {
				tt[i] = t.Text
			}
			ts := locate(sent, tt)
			unaligned := 0
			for _, s := range ts {
				if s.start < 0 {
					unaligned++
				}
			}
			var ents []entity
			if iob {
				ents = tokenEntities(proseLabels(toks), ts)
			} else {
				ents = proseEntities(doc.Entities(), tt, ts)
			}
			labels, dropped := project(wspans, ents)
			return labels, dropped, unaligned
		}, nil, nil
	}
	return nil, nil, fmt.Errorf("%w: unknown system %q", errUsage, system)
}

// proseType maps the labels of prose's default model (ACE-style, as
// NLTK's chunker) to CoNLL types as CoNLL-2003 annotates such names:
// PERSON is PER, ORGANIZATION is ORG, and GPE (countries, cities, states),
// GSP, LOCATION and FACILITY (stadiums, roads, buildings) are LOC. prose has
// nothing for MISC (nationalities, events, works).
func proseType(label string) ner.Type {
	switch label {
	case "PERSON":
		return ner.PER
	case "ORGANIZATION":
		return ner.ORG
	case "GPE", "GSP", "LOCATION", "FACILITY":
		return ner.LOC
	}
	return ner.None
}

// proseLabels reads prose's per-token IOB labels ("B-PERSON", "I-GPE", "O").
func proseLabels(toks []prose.Token) []ner.Label {
	out := make([]ner.Label, len(toks))
	for i, t := range toks {
		pos, typ, ok := strings.Cut(t.Label, "-")
		if !ok {
			continue
		}
		out[i] = ner.Label{Type: proseType(typ), Begin: pos == "B"}
	}
	return out
}

// proseEntities places prose's entities, which carry only their text (the
// entity's tokens joined with spaces), on its tokens: each is matched to the
// next run of tokens with that text, left to right.
func proseEntities(ents []prose.Entity, toks []string, spans []span) []entity {
	var out []entity
	cur := 0
	for _, e := range ents {
		parts := strings.Split(e.Text, " ")
		for k := cur; k+len(parts) <= len(toks); k++ {
			match := true
			for j, p := range parts {
				if toks[k+j] != p {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			cur = k + len(parts)
			first, last := spans[k], spans[cur-1]
			if first.start >= 0 && last.start >= 0 {
				out = append(out, entity{first.start, last.end, proseType(e.Label)})
			}
			break
		}
	}
	return out
}
