package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/ingest/ner"
)

// scoreFiles scores each prediction file and prints one Markdown table row
// per file. A file's summary (system, speed, types) is read from the file
// of the same name ending in .json, when there is one.
func scoreFiles(paths []string, w io.Writer) error {
	fmt.Fprintln(w, "| system | version | input | PER F1 | ORG F1 | LOC F1 | MISC F1 | P | R | **F1** (4 types) | F1 on its own types | F1 on PER+LOC | words/s |")
	fmt.Fprintln(w, "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		s, err := scorePredictions(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		m, err := readMeta(strings.TrimSuffix(p, filepath.Ext(p)) + ".json")
		if err != nil {
			return err
		}
		if m.System == "" {
			m.System = filepath.Base(p)
		}
		var own []ner.Type
		for _, name := range m.Types {
			t, err := ner.ParseType(name)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			own = append(own, t)
		}
		all := s.overall(nil)
		cells := []string{m.System, m.Version, m.Input}
		for _, t := range types {
			cells = append(cells, pct(s.byType[t].f1()))
		}
		cells = append(cells, pct(all.precision()), pct(all.recall()), "**"+pct(all.f1())+"**")
		ownCell := "—"
		if len(own) > 0 {
			names := make([]string, len(own))
			for i, t := range own {
				names[i] = t.String()
			}
			ownCell = pct(s.overall(own).f1()) + " (" + strings.Join(names, "+") + ")"
		}
		speed := "—"
		if m.WordsPerSecond > 0 {
			speed = fmt.Sprintf("%.0f", m.WordsPerSecond)
		}
		cells = append(cells, ownCell, pct(s.overall([]ner.Type{ner.PER, ner.LOC}).f1()), speed)
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	return nil
}

func pct(x float64) string { return fmt.Sprintf("%.2f", 100*x) }

func readMeta(path string) (meta, error) {
	var m meta
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
