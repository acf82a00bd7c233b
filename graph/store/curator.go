package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/newsgraph/newsgraph/graph"
)

// Curator changes what the graph holds on a user's request: it deletes
// sources and adds corrections, keeping the corrections file (the record
// of curation that survives a rebuild) and the store in step. It is safe
// for concurrent use.
//
// Each change waits for the one before it and checks its preconditions
// under ctx, and stops with ctx's error, having changed nothing, if ctx is
// done first; once it starts writing it ignores ctx and finishes, so a
// caller that gets no error knows the change was made, and one that gets
// a context error knows it was not.
type Curator struct {
	store *Store
	path  string        // corrections file; "" keeps corrections in the store only
	turn  chan struct{} // a one-slot lock that a waiter can give up on
}

// NewCurator returns a Curator of st whose corrections live in the file
// at path ("" for none: corrections then live in the store only, and a
// rebuild from scratch loses them).
func NewCurator(st *Store, path string) *Curator {
	return &Curator{store: st, path: path, turn: make(chan struct{}, 1)}
}

// lock waits for the Curator's turn, or for ctx.
func (c *Curator) lock(ctx context.Context) error {
	select {
	case c.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	// Both may have been ready: a done ctx wins, so nothing starts late.
	if err := ctx.Err(); err != nil {
		c.unlock()
		return err
	}
	return nil
}

func (c *Curator) unlock() { <-c.turn }

// Writable reports whether the corrections file can be written (a new
// file in its folder, as saving makes one), so that a server can refuse
// to start rather than fail at its first correction.
func (c *Curator) Writable() error {
	if c.path == "" {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(c.path), ".corrections-check-*")
	if err != nil {
		return fmt.Errorf("corrections file %s is not writable: %w", c.path, err)
	}
	name := f.Name()
	f.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("corrections file %s: %w", c.path, err)
	}
	if fi, err := os.Stat(c.path); err == nil && fi.IsDir() {
		return fmt.Errorf("corrections file %s is a directory", c.path)
	}
	return nil
}

// Path is the corrections file ("" when there is none).
func (c *Curator) Path() string { return c.path }

// Correct appends k to the corrections, writes the corrections file, and
// applies them to the store. The file is written first: if applying fails
// half way, the next SetCorrections (any ingest or serve) finishes it.
func (c *Curator) Correct(ctx context.Context, k graph.Correction) (graph.CorrectionsResult, error) {
	if err := k.Validate(); err != nil {
		return graph.CorrectionsResult{}, err
	}
	if err := c.lock(ctx); err != nil {
		return graph.CorrectionsResult{}, err
	}
	defer c.unlock()
	base := c.store.Corrections()
	if c.path != "" {
		// The file is the record: start from it, so edits made by hand
		// since the store last read it are kept.
		f, err := LoadCorrections(c.path)
		switch {
		case err == nil:
			base = f
		case !errors.Is(err, fs.ErrNotExist):
			return graph.CorrectionsResult{}, err
		}
	}
	next := &graph.Corrections{Version: 1, Corrections: slices.Clone(base.Corrections)}
	// The same correction twice (a client retrying) is recorded once.
	if !slices.ContainsFunc(next.Corrections, func(o graph.Correction) bool { return sameCorrection(o, k) }) {
		next.Corrections = append(next.Corrections, k)
	}
	if err := next.Validate(); err != nil {
		return graph.CorrectionsResult{}, err
	}
	// The last moment to give up: past it, the correction is recorded.
	if err := ctx.Err(); err != nil {
		return graph.CorrectionsResult{}, err
	}
	if c.path != "" {
		if err := SaveCorrections(c.path, next); err != nil {
			return graph.CorrectionsResult{}, err
		}
	}
	// Recorded: finish applying it even if the caller stops waiting (a
	// request timing out), so the store never stays half corrected.
	return c.store.SetCorrections(context.WithoutCancel(ctx), next)
}

// sameCorrection reports whether a and b do the same, notes aside.
func sameCorrection(a, b graph.Correction) bool {
	a.Note, b.Note = "", ""
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}

// DeleteSource removes the source with identity key (see Store.DeleteSource).
func (c *Curator) DeleteSource(ctx context.Context, key string) (graph.Change, error) {
	if err := c.lock(ctx); err != nil {
		return graph.Change{}, err
	}
	defer c.unlock()
	// One transaction: ctx may stop it before it commits, never after.
	ch, err := c.store.DeleteSource(ctx, key)
	if err != nil {
		return ch, err
	}
	// Its names may have been what made two spellings one person.
	_, err = c.store.Reconcile(context.WithoutCancel(ctx))
	return ch, err
}

// FindSource resolves a source reference (see Store.FindSource).
func (c *Curator) FindSource(ctx context.Context, ref string) (string, error) {
	return c.store.FindSource(ctx, ref)
}

// FactOf describes a fact for a reject correction (see Store.FactOf).
func (c *Curator) FactOf(ctx context.Context, id graph.ID) (*graph.FactRef, error) {
	return c.store.FactOf(ctx, id)
}

// FactOf describes the meeting, statement or event with ID id as a FactRef,
// by the names of the entities it involves, for a reject correction.
func (s *Store) FactOf(ctx context.Context, id graph.ID) (*graph.FactRef, error) {
	n, err := s.Node(ctx, id)
	if err != nil {
		return nil, err
	}
	names := func(ids ...graph.ID) ([]string, error) {
		m, err := s.EntitiesByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]string, 0, len(ids))
		for _, id := range ids {
			e, ok := m[id]
			if !ok {
				return nil, fmt.Errorf("entity %v: %w", id, graph.ErrNotFound)
			}
			out = append(out, e.Name)
		}
		return out, nil
	}
	switch n := n.(type) {
	case *graph.Meeting:
		ps, err := names(n.Participants...)
		if err != nil {
			return nil, err
		}
		st := n.Status
		return &graph.FactRef{Kind: graph.FactMeeting, Participants: ps, Date: n.Date, Status: &st}, nil
	case *graph.Statement:
		sp, err := names(n.Speaker)
		if err != nil {
			return nil, err
		}
		return &graph.FactRef{Kind: graph.FactStatement, Speaker: sp[0], Text: n.Text}, nil
	case *graph.Event:
		return &graph.FactRef{Kind: graph.FactEvent, Name: n.Name}, nil
	}
	return nil, fmt.Errorf("node %v is a %v: only meetings, statements and events can be rejected as facts", id, n.NodeKind())
}

// CloneInMemory copies the store into a new in-memory Store, for a dry run
// that writes to the copy and throws it away.
func (s *Store) CloneInMemory(ctx context.Context) (*Store, error) {
	dst, err := Open(ctx, Options{InMemory: true, Logger: s.log})
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := s.db.Backup(pw, 0)
		pw.CloseWithError(err)
	}()
	if err := dst.db.Load(pr, 256); err != nil {
		pr.CloseWithError(err)
		_ = dst.Close()
		return nil, fmt.Errorf("copy store: %w", err)
	}
	if err := dst.loadCorrections(); err != nil {
		_ = dst.Close()
		return nil, err
	}
	return dst, nil
}

// SourceKeys returns the identity keys of every stored source, sorted.
func (s *Store) SourceKeys(ctx context.Context) ([]string, error) {
	var keys []string
	err := s.view(ctx, func(r *reader) error {
		return r.eachSource(func(src *graph.Source, _ string) error {
			keys = append(keys, src.Key)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("source keys: %w", err)
	}
	slices.Sort(keys)
	return keys, nil
}

// FindSource resolves what a user calls a source: its identity key, or
// its node ID in hex. It returns the key, or an error wrapping ErrNotFound.
func (s *Store) FindSource(ctx context.Context, ref string) (string, error) {
	var key string
	err := s.view(ctx, func(r *reader) error {
		for _, id := range []graph.ID{graph.SourceID(ref), hexOrZero(ref)} {
			if id == 0 {
				continue
			}
			src, err := r.source(id)
			if errors.Is(err, graph.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			key = src.Key
			return nil
		}
		return graph.ErrNotFound
	})
	if err != nil {
		return "", fmt.Errorf("source %q: %w", ref, err)
	}
	return key, nil
}

func hexOrZero(s string) graph.ID {
	id, ok := graph.ParseID(s)
	if !ok {
		return 0
	}
	return id
}
