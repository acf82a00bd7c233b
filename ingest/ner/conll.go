package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ReadCoNLL reads CoNLL-2003 style data: one "TOKEN TAG ..." line per token
// (the tag is the last field when there are two, else the second), blank lines
// between sentences, -DOCSTART- lines ignored. Errors name the line number.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var (
		out      []Sentence
		cur      Sentence
		docStart bool
	)
	flush := func() {
		if len(cur.Words) > 0 {
			cur.DocStart = docStart
			docStart = false
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			flush()
			continue
		}
		fields := strings.Fields(text)
		if fields[0] == "-DOCSTART-" {
			flush()
			docStart = true
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("line %d: want \"TOKEN TAG\", got %q", line, text)
		}
		l, err := ParseLabel(fields[1])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		cur.Words = append(cur.Words, fields[0])
		cur.Labels = append(cur.Labels, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	flush()
	return out, nil
}

// WriteCoNLLPredictions tags data with m, one document at a time (see
// TagCorpus), and writes "token gold predicted" lines, a blank line after
// each sentence: the input conlleval expects. Sentences without gold labels
// get "O" as gold.
func WriteCoNLLPredictions(w io.Writer, m *Model, data []Sentence) error {
	bw := bufio.NewWriter(w)
	all := TagCorpus(m, data)
	for k, s := range data {
		pred := all[k]
		for i, word := range s.Words {
			gold := Label{}
			if i < len(s.Labels) {
				gold = s.Labels[i]
			}
			fmt.Fprintf(bw, "%s %s %s\n", word, gold, pred[i])
		}
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("write predictions: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write predictions: %w", err)
	}
	return nil
}

// TagCorpus tags the sentences of a corpus with TagDocument, one document
// at a time. A document begins at a sentence marked DocStart and at the
// headline before a news dateline ("LONDON 1996-08-30"), so CoNLL files
// with or without -DOCSTART- lines are read as their documents.
func TagCorpus(m *Model, data []Sentence) [][]Label {
	out := make([][]Label, len(data))
	for _, d := range splitDocuments(data) {
		sents := make([][]string, 0, d[1]-d[0])
		for _, s := range data[d[0]:d[1]] {
			sents = append(sents, s.Words)
		}
		copy(out[d[0]:d[1]], m.TagDocument(sents))
	}
	return out
}
