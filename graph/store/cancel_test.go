package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// endingCtx is a context that ends after its Err has been asked a number
// of times: a deadline that passes in the middle of a read, placed there
// without depending on how fast the machine is.
type endingCtx struct {
	context.Context
	left atomic.Int64
	once sync.Once
	done chan struct{}
}

func endAfter(checks int64) *endingCtx {
	c := &endingCtx{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(checks)
	return c
}

func (c *endingCtx) Err() error {
	if c.left.Add(-1) >= 0 {
		return nil
	}
	c.once.Do(func() { close(c.done) })
	return context.DeadlineExceeded
}

func (c *endingCtx) Done() <-chan struct{} { return c.done }

// TestListReadsStopAtDeadline: a read that walks a list of the graph (the
// entities, meetings, statements, events, a page of meetings, the whole
// snapshot) stops with the deadline's error when the deadline passes half
// way, instead of finishing the list for a query already answered 504
// (issue 13, item 4). The context here ends after a few checks, well
// before the end of lists of 60. Without the checks in the loops (tried by
// removing them), EntitiesByID fails here: its entities were read before,
// so the loop reads only the shared cache and never reached a key scan,
// the one place that checked. The other reads still stop here at the key
// scan that lists their items; a loop over cached items after that scan
// is checked by the same one line.
func TestListReadsStopAtDeadline(t *testing.T) {
	s := newTestStore(t)
	const n = 60
	a := newArt("many")
	for i := range n {
		a.person(fmt.Sprintf("Person %03d", i))
	}
	for i := 0; i+1 < n; i += 2 {
		p, q := fmt.Sprintf("Person %03d", i), fmt.Sprintf("Person %03d", i+1)
		a.meet("2024-05-01", "", "", p, q).said(p, fmt.Sprintf("we agreed on point %d", i), true)
		a.event(fmt.Sprintf("Summit %03d", i), "summit", "")
	}
	put(t, s, a.a)
	var ids []graph.ID
	for i := range n {
		ids = append(ids, graph.EntityID(graph.Person, fmt.Sprintf("Person %03d", i)))
	}
	v := s.View(graph.ReadOptions{})
	defer v.Close()
	reads := map[string]func(context.Context) error{
		"Entities": func(ctx context.Context) error { _, err := v.Entities(ctx, graph.EntityFilter{}); return err },
		"EntitiesByID": func(ctx context.Context) error {
			_, err := v.EntitiesByID(ctx, ids)
			return err
		},
		"Meetings": func(ctx context.Context) error { _, err := v.Meetings(ctx, graph.MeetingFilter{}); return err },
		"MeetingsPage": func(ctx context.Context) error {
			_, _, err := v.MeetingsPage(ctx, graph.MeetingFilter{}, 0, n)
			return err
		},
		"Statements": func(ctx context.Context) error {
			_, err := v.Statements(ctx, graph.StatementFilter{})
			return err
		},
		"Events":   func(ctx context.Context) error { _, err := v.Events(ctx); return err },
		"Snapshot": func(ctx context.Context) error { _, err := v.Snapshot(ctx); return err },
	}
	for name, read := range reads {
		t.Run(name, func(t *testing.T) {
			if err := read(context.Background()); err != nil {
				t.Fatalf("without a deadline: %v", err)
			}
			if err := read(endAfter(3)); !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("deadline passed half way: err = %v, want the deadline's", err)
			}
		})
	}
}
