package main

import (
	"context"
	"io"
	"slices"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/newsgraph/newsgraph/ingest/source"
)

// ingestProgress draws an ingest's progress on a terminal: articles done
// (stored or rejected) of the total, the rate and the time left. A nil
// *ingestProgress draws nothing.
type ingestProgress struct {
	bar *progressbar.ProgressBar
}

// newIngestProgress starts the progress line on w. The total is counted
// first by reading the inputs (far cheaper than extracting them); when
// they include stdin it cannot be known, and the line shows the count and
// the rate only.
func newIngestProgress(ctx context.Context, w io.Writer, paths []string) *ingestProgress {
	total := -1
	if !slices.Contains(paths, "-") {
		if n, err := countInputs(ctx, paths); err == nil {
			total = n
		}
	}
	return newProgressBar(w, total)
}

// newProgressBar draws a progress line on w for total articles (-1:
// unknown).
func newProgressBar(w io.Writer, total int) *ingestProgress {
	return &ingestProgress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ingest"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowTotalBytes(total > 0),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionUseANSICodes(true),
		progressbar.OptionClearOnFinish(),
	)}
}

// add counts one article done.
func (p *ingestProgress) add() {
	if p != nil {
		_ = p.bar.Add(1)
	}
}

// clear removes the line, so that the summary is printed in its place.
func (p *ingestProgress) clear() {
	if p != nil {
		_ = p.bar.Clear()
		_ = p.bar.Exit()
	}
}

// countInputs counts what an ingest of paths will report on: the articles
// read and the inputs rejected.
func countInputs(ctx context.Context, paths []string) (int, error) {
	n := 0
	err := source.Walk(ctx, paths, source.Options{},
		func(source.Raw) error { n++; return nil },
		func(source.Rejection) { n++ })
	return n, err
}
