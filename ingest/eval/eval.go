package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/schema"
)

// Options say what to score.
type Options struct {
	Gold     string // folder of gold/<event>.json files
	Articles string // folder of the article texts the gold names
	Split    Split  // which events; "" means Tune
	Events   []string
	Workers  int
}

// Report is the outcome of a run.
type Report struct {
	Split    Split             `json:"split"`            // the split scored; empty when Chosen names the events
	Chosen   []string          `json:"chosen,omitempty"` // the events asked for by name, if any
	Events   int               `json:"events"`
	Articles int               `json:"articles"`
	Skipped  []string          `json:"skipped,omitempty"` // events not scored, with the reason
	Measures map[string]*Score `json:"measures"`
	Headline Ratio             `json:"headline"`
	Detail   []EventDetail     `json:"detail,omitempty"`
}

// Score counts one measure.
type Score struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Precision is TP / (TP + FP), 0 when nothing was found.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP / (TP + FN), 0 when nothing was expected.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// MarshalJSON adds the derived figures.
func (s Score) MarshalJSON() ([]byte, error) {
	type plain Score
	return json.Marshal(struct {
		plain
		P  float64 `json:"precision"`
		R  float64 `json:"recall"`
		F1 float64 `json:"f1"`
	}{plain(s), round(s.Precision()), round(s.Recall()), round(s.F1())})
}

// Ratio is K right out of N.
type Ratio struct {
	Right int `json:"right"`
	Of    int `json:"of"`
}

// EventDetail lists what went wrong in one event.
type EventDetail struct {
	Event    string   `json:"event"`
	Articles []string `json:"articles"`
	Problems []string `json:"problems"`
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// Run ingests the articles of the chosen events into a fresh in-memory store
// and scores the graph against their gold. Events whose texts are absent or
// differ from the manifest are skipped and listed in the report.
func Run(ctx context.Context, opt Options) (*Report, error) {
	if opt.Split == "" {
		opt.Split = Tune
	}
	evs, err := LoadGold(opt.Gold)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, e := range opt.Events {
		want[e] = true
	}
	rep := &Report{Split: opt.Split, Measures: map[string]*Score{}}
	if len(opt.Events) > 0 {
		rep.Split, rep.Chosen = "", opt.Events
	}
	tmp, err := os.MkdirTemp("", "newsgraph-eval-")
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer os.RemoveAll(tmp)
	var chosen []*Event
	for _, ev := range evs {
		if len(want) > 0 && !want[ev.Event] {
			continue
		}
		if len(want) == 0 && opt.Split != All && ev.Split != opt.Split {
			continue
		}
		if err := stage(ev, opt.Articles, tmp); err != nil {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s: %v", ev.Event, err))
			continue
		}
		chosen = append(chosen, ev)
		rep.Articles += len(ev.Articles)
	}
	rep.Events = len(chosen)
	if len(chosen) == 0 {
		return rep, nil
	}
	ex, closeStore, err := build(ctx, tmp, rep.Articles, opt.Workers)
	if err != nil {
		return nil, err
	}
	defer closeStore()
	g, err := fetch(ctx, ex)
	if err != nil {
		return nil, err
	}
	score(rep, chosen, g)
	return rep, nil
}

// stage copies an event's texts into dir, after checking each against the
// manifest's hash.
func stage(ev *Event, from, dir string) error {
	for _, f := range ev.fileNames() {
		src := filepath.Join(from, f)
		if err := checkText(src, ev.Articles[f].SHA256); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	for _, f := range ev.fileNames() {
		b, err := os.ReadFile(filepath.Join(from, f))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			return fmt.Errorf("stage %s: %w", f, err)
		}
	}
	return nil
}

// build ingests dir into a fresh in-memory store and returns its executor.
func build(ctx context.Context, dir string, want, workers int) (*schema.Executor, func(), error) {
	opt := store.DefaultOptions("")
	opt.InMemory = true
	st, err := store.Open(ctx, opt)
	if err != nil {
		return nil, nil, fmt.Errorf("eval: open store: %w", err)
	}
	p, err := ingest.New(ingest.Options{Workers: workers})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	r, err := p.Ingest(ctx, st, []string{dir})
	if err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("eval: ingest: %w", err)
	}
	if r.Added != want {
		st.Close()
		return nil, nil, fmt.Errorf("eval: ingest stored %d of %d articles (rejected: %v)", r.Added, want, r.Rejections)
	}
	ex, err := schema.New(st, schema.DefaultOptions())
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return ex, func() { st.Close() }, nil
}
