package eval

import (
	"fmt"
	"io"
	"strings"
)

// measureOrder is the order measures are printed in.
var measureOrder = [...]string{"persons", "organizations", "places", "meetings", "meeting_status", "statements", "statement_words", "headline_who", "headline_who_when"}

// WriteText prints the report as a table; verbose adds what went wrong in
// each event.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	if len(r.Chosen) > 0 {
		fmt.Fprintf(&b, "events %s: %d events, %d articles\n", strings.Join(r.Chosen, ","), r.Events, r.Articles)
	} else {
		fmt.Fprintf(&b, "split %s: %d events, %d articles\n", r.Split, r.Events, r.Articles)
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "skipped %s\n", s)
	}
	if r.Events > 0 {
		fmt.Fprintf(&b, "%-18s %9s %9s %9s %5s %5s %5s\n", "measure", "precision", "recall", "F1", "tp", "fp", "fn")
		for _, name := range measureOrder {
			sc := r.Measures[name]
			if sc == nil {
				continue
			}
			if strings.HasPrefix(name, "headline_") || name == "meeting_status" {
				fmt.Fprintf(&b, "%-18s %9s %9.3f %9s %5d %5s %5d\n", name, "", sc.Recall(), "", sc.TP, "", sc.FN)
				continue
			}
			fmt.Fprintf(&b, "%-18s %9.3f %9.3f %9.3f %5d %5d %5d\n", name, sc.Precision(), sc.Recall(), sc.F1(), sc.TP, sc.FP, sc.FN)
		}
		fmt.Fprintf(&b, "headline triples right: %d/%d (%.1f%%)\n", r.Headline.Right, r.Headline.Of, 100*ratio(r.Headline.Right, r.Headline.Of))
	}
	if verbose {
		for _, d := range r.Detail {
			fmt.Fprintf(&b, "\n%s (%s)\n", d.Event, strings.Join(d.Articles, ", "))
			for _, p := range d.Problems {
				fmt.Fprintf(&b, "  %s\n", p)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
