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
		out []Sentence
		cur Sentence
	)
	flush := func() {
		if len(cur.Words) > 0 {
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

// WriteCoNLLPredictions tags every sentence of data with m and writes
// "token gold predicted" lines, a blank line after each sentence: the input
// conlleval expects. Sentences without gold labels get "O" as gold.
func WriteCoNLLPredictions(w io.Writer, m *Model, data []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range data {
		pred := m.Tag(s.Words)
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
