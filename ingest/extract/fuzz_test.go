package extract_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// fuzzBudget is the extraction budget of one fuzz input; an input must
// come back, extracted or stopped by it, within fuzzBudget + fuzzSlack.
const (
	fuzzBudget = 2 * time.Second
	fuzzSlack  = time.Second
)

// FuzzExtract runs the whole extraction on arbitrary text under a budget:
// it must not panic, must return within the budget and a second, and every
// evidence span it reports must be the text it quotes.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang in Beijing on Sunday.",
		"\"We will not back down,\" Prime Minister Ana Silva told reporters on Monday, after talks with President Juan Perez.",
		"The summit was cancelled after protesters blocked the roads. Smith met Jones, Smith met Jones, Smith met Jones,",
		"talks between Smith and Jones and Brown and talks with Smith, talks between Smith and Jones",
		"Smith met with Jones and Brown and Lee on Monday in Paris; They met. The meeting lasted an hour.",
		"", "\x00", "Minister Minister Minister", "met met met with with between and and",
		// Sentences as long as the splitter lets one be, of nothing but
		// meeting words: the meeting stage was quadratic in them.
		strings.Repeat("met ", 375), strings.Repeat("talks with ", 136), strings.Repeat("Smith met Jones, ", 88),
	} {
		f.Add(s)
	}
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, body string) {
		doc, err := text.Clean(body, source.Header{})
		if err != nil {
			return // not text: the source package rejects it
		}
		ctx, cancel := context.WithTimeout(context.Background(), fuzzBudget)
		defer cancel()
		start := time.Now()
		a, err := x.Extract(ctx, doc, graph.Source{Key: "fuzz"})
		if el := time.Since(start); el > fuzzBudget+fuzzSlack {
			t.Fatalf("extraction of %d bytes took %v, over its budget of %v", len(body), el, fuzzBudget)
		}
		if err != nil {
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("extract: %v", err)
			}
			return
		}
		check := func(what string, evs []graph.Evidence) {
			for _, ev := range evs {
				if ev.Span.Start < 0 || ev.Span.End > len(doc.Text) || ev.Span.Start > ev.Span.End ||
					doc.Text[ev.Span.Start:ev.Span.End] != ev.Text {
					t.Fatalf("%s evidence %v does not quote the text: %q", what, ev.Span, ev.Text)
				}
			}
		}
		for _, e := range a.Entities {
			check("entity", e.Evidence)
		}
		for _, m := range a.Meetings {
			check("meeting", m.Evidence)
		}
		for _, s := range a.Statements {
			check("statement", s.Evidence)
		}
	})
}

// pathological are 2 MiB articles made of meeting phrases: before the
// budget was checked inside the stages' loops, and the merging of a
// meeting's reports was made linear, each ran for minutes past it.
var pathological = map[string]string{
	"met with, in clauses":   "Smith met with Jones and Brown and Lee on Monday in Paris; ",
	"met, in one sentence":   "Smith met Jones, ",
	"talks between and with": "talks between Smith and Jones and Brown and talks with Smith, ",
}

// TestExtractionStopsAtBudget gives each pathological article a budget
// of one second, and one of them six (by then tagging is done and the
// meeting stages run): Extract must stop with the deadline's error within
// the budget and one second more (issue 13).
func TestExtractionStopsAtBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 2 MiB articles")
	}
	x := newExtractor(t)
	type run struct {
		name, unit string
		budget     time.Duration
	}
	var runs []run
	for name, unit := range pathological {
		runs = append(runs, run{name + ", 1s", unit, time.Second})
	}
	runs = append(runs, run{"met with, in clauses, 6s", pathological["met with, in clauses"], 6 * time.Second})
	for _, r := range runs {
		unit, budget := r.unit, r.budget
		t.Run(r.name, func(t *testing.T) {
			doc, err := text.Clean(strings.Repeat(unit, (2<<20)/len(unit)), source.Header{})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), budget)
			defer cancel()
			start := time.Now()
			done := make(chan error, 1)
			go func() {
				_, err := x.Extract(ctx, doc, graph.Source{Key: "patho"})
				done <- err
			}()
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				t.Fatalf("still extracting after a minute, on a budget of %v", budget)
			}
			el := time.Since(start)
			t.Logf("returned after %v: %v", el.Round(time.Millisecond), err)
			switch {
			case err == nil && el <= budget:
				// A fast machine can finish the longer budget's run; the
				// guarantee is the bound below, not that the budget runs out.
				t.Logf("finished inside its budget; the deadline was not reached")
			case !errors.Is(err, context.DeadlineExceeded):
				t.Errorf("err = %v, want the deadline's", err)
			}
			if el > budget+time.Second {
				t.Errorf("returned after %v, over the budget of %v by more than a second", el, budget)
			}
		})
	}
}

// TestTaggingStopsWithContext runs the "ner" stage of a 2 MiB article with
// a context already cancelled: it must return the context's error and
// leave no goroutine behind (the whole-document tagger used to run on, on
// its own goroutine, for seconds after the deadline; issue 13).
func TestTaggingStopsWithContext(t *testing.T) {
	x := newExtractor(t)
	doc, err := text.Clean(strings.Repeat(pathological["met, in one sentence"], (2<<20)/17), source.Header{})
	if err != nil {
		t.Fatal(err)
	}
	w := &extract.Work{Doc: doc, Source: graph.Source{Key: "patho"}}
	var tag extract.Stage
	for _, st := range extract.Stages() {
		if st.Name == "ner" {
			tag = st
			break
		}
		if err := st.Run(context.Background(), x, w); err != nil {
			t.Fatal(err)
		}
	}
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tag.Run(ctx, x, w); !errors.Is(err, context.Canceled) {
		t.Fatalf("ner stage: err = %v, want context.Canceled", err)
	}
	// Other goroutines of the process may come and go: wait for the count
	// to come back, not for a time.
	for tries := 0; runtime.NumGoroutine() > before; tries++ {
		if tries == 100 {
			t.Fatalf("%d goroutines after the cancelled stage, %d before: tagging goes on", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
