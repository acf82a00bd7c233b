package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/graph"
)

// loadCorrections reads the C rows into s.corr and s.auto at Open.
func (s *Store) loadCorrections() error {
	c := &graph.Corrections{}
	var auto []graph.Correction
	err := s.db.View(func(txn *badger.Txn) error {
		for _, r := range []struct {
			key []byte
			v   any
		}{{correctionsKey(), c}, {autoMergesKey(), &auto}} {
			item, err := txn.Get(r.key)
			if errors.Is(err, badger.ErrKeyNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if err := item.Value(func(v []byte) error { return decodeValue(v, r.v) }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read stored corrections: %w", err)
	}
	s.setCorrections(c, &auto)
	return nil
}

// setCorrections installs the user's corrections c and the automatic
// merges auto; nil keeps the current one.
func (s *Store) setCorrections(c *graph.Corrections, auto *[]graph.Correction) {
	if c == nil {
		c = s.Corrections()
	}
	if auto == nil {
		auto = &[]graph.Correction{}
		if a := s.auto.Load(); a != nil {
			auto = a
		}
	}
	s.corr.Store(c)
	s.auto.Store(auto)
	eff := &graph.Corrections{Version: 1, Corrections: append(slices.Clone(*auto), c.Corrections...)}
	s.eff.Store(newCorrectionSet(eff))
	r := eff.Redirects()
	s.redirects.Store(&r)
}

// effective is what articles are built with: the automatic merges of
// spelling variants, then the user's corrections (which can undo them: a
// split, a rename).
func (s *Store) effective() *correctionSet {
	if c := s.eff.Load(); c != nil {
		return c
	}
	return newCorrectionSet(&graph.Corrections{})
}

// AutoMerges returns the merges of spelling variants the store applies
// (see Reconcile). The caller must not modify them.
func (s *Store) AutoMerges() []graph.Correction {
	if a := s.auto.Load(); a != nil {
		return *a
	}
	return nil
}

// Corrections returns the corrections the store applies (never nil). The
// caller must not modify it.
func (s *Store) Corrections() *graph.Corrections {
	if c := s.corr.Load(); c != nil {
		return c
	}
	return &graph.Corrections{}
}

// Redirect returns the ID that replaced id through a merge, rename or type
// correction, and whether there is one.
func (s *Store) Redirect(id graph.ID) (graph.ID, bool) {
	m := s.redirects.Load()
	if m == nil {
		return 0, false
	}
	to, ok := (*m)[id]
	return to, ok
}

// SetCorrections makes c the corrections of the store and rebuilds, from
// the stored articles, the rows of every source that applied other ones:
// one transaction per source, as ingest writes them. The corrections are
// recorded first, so a crash in between leaves sources that a later
// SetCorrections (any ingest does one) rebuilds. A nil c removes every
// correction.
func (s *Store) SetCorrections(ctx context.Context, c *graph.Corrections) (graph.CorrectionsResult, error) {
	return s.setCorrectionsAt(ctx, c, 0)
}

// setCorrectionsAt is SetCorrections; seq > 0 records it as the changelog
// position it was applied at.
func (s *Store) setCorrectionsAt(ctx context.Context, c *graph.Corrections, seq uint64) (graph.CorrectionsResult, error) {
	var res graph.CorrectionsResult
	if c == nil {
		c = &graph.Corrections{}
	}
	if err := c.Validate(); err != nil {
		return res, err
	}
	v, err := encodeValue(c)
	if err != nil {
		return res, err
	}
	entry := logEntry{seq: seq, change: func() *graph.ChangeSet { return &graph.ChangeSet{Kind: graph.SetCorrections, Corrections: c} }}
	s.writeMu.Lock()
	var logged *outboxRow
	err = s.flushLog(ctx)
	if err == nil {
		err = s.db.Update(func(txn *badger.Txn) error {
			// Unchanged corrections are not rewritten: opening a database
			// to query it should not write to it.
			if item, err := txn.Get(correctionsKey()); err == nil {
				same := false
				if err := item.Value(func(old []byte) error { same = bytes.Equal(old, v); return nil }); err != nil {
					return err
				}
				if same {
					return s.noteApplied(txn, seq)
				}
			}
			if err := txn.Delete(freshKey()); err != nil {
				return err
			}
			if err := txn.Set(correctionsKey(), v); err != nil {
				return err
			}
			logged, err = s.logTxn(txn, entry)
			return err
		})
		if err == nil {
			s.setCorrections(c, nil)
			err = s.logged(ctx, logged)
		}
	}
	s.writeMu.Unlock()
	if err != nil {
		return res, fmt.Errorf("store corrections: %w", err)
	}
	return s.rebuildStale(ctx)
}

// rebuildStale rebuilds every source whose rows apply other corrections
// than the effective ones. It reads no source when C "fresh" says every
// source applies them: it writes that once it rebuilt them all, unless the
// corrections changed meanwhile; every change of the corrections deletes
// it, and writes in between apply the effective corrections. Sources in
// the result is then 0.
func (s *Store) rebuildStale(ctx context.Context) (graph.CorrectionsResult, error) {
	var res graph.CorrectionsResult
	eff := s.effective()
	fresh := false
	var stale []string
	err := s.view(ctx, func(r *reader) error {
		item, err := r.txn.Get(freshKey())
		switch {
		case err == nil:
			var fp string
			if err := item.Value(func(v []byte) error { return decodeValue(v, &fp) }); err != nil {
				return err
			}
			if fresh = fp == eff.fingerprint; fresh {
				return nil
			}
		case !errors.Is(err, badger.ErrKeyNotFound):
			return err
		}
		return r.eachSource(func(src *graph.Source, corr string) error {
			res.Sources++
			if corr != eff.fingerprint {
				stale = append(stale, src.Key)
			}
			return nil
		})
	})
	if err != nil {
		return res, fmt.Errorf("apply corrections: %w", err)
	}
	if fresh {
		return res, nil
	}
	// A stale source's rows are built from its X row outside the write lock,
	// by as many goroutines as there are cores; the writes stay one
	// transaction per source, each checking that the article and the
	// corrections are still the ones the rows were built from.
	changes := make([]graph.Change, len(stale))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, key := range stale {
		g.Go(func() error {
			var rows *articleRows
			err := s.db.View(func(txn *badger.Txn) error {
				a, err := readArticle(txn, key)
				if err == nil {
					rows, err = buildCorrected(a, eff)
				}
				return err
			})
			if errors.Is(err, graph.ErrNotFound) {
				return nil // deleted meanwhile
			}
			if err != nil {
				return fmt.Errorf("apply corrections to %q: %w", key, err)
			}
			ch, err := s.update(gctx, "apply corrections to", key, logEntry{}, func(txn *badger.Txn, sc *scope) (graph.Change, error) {
				c := s.effective()
				if c != eff {
					return reapplySource(gctx, txn, c, key, sc)
				}
				if same, err := storedHash(txn, rows.src, rows.source.Hash); err != nil || !same {
					if err != nil {
						return graph.Change{}, err
					}
					return reapplySource(gctx, txn, c, key, sc)
				}
				return applySource(gctx, txn, rows.src, key, rows, sc)
			})
			if errors.Is(err, graph.ErrNotFound) {
				return nil // deleted meanwhile
			}
			changes[i] = ch
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return res, err
	}
	for _, ch := range changes {
		if ch.Source != "" && ch.Action != graph.Unchanged {
			res.Changes = append(res.Changes, ch)
		}
	}
	return res, s.markFresh(eff)
}

// storedHash reports whether source src is stored with article hash h.
func storedHash(txn *badger.Txn, src graph.ID, h string) (bool, error) {
	item, err := txn.Get(sourceKey(src))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	var row sourceRow
	if err == nil {
		err = item.Value(func(v []byte) error { return decodeValue(v, &row) })
	}
	if err != nil {
		return false, fmt.Errorf("read source: %w", err)
	}
	return row.Source.Hash == h, nil
}

// markFresh records that every source applies eff, if eff is still the
// effective corrections (the pointer: every change installs a new one).
func (s *Store) markFresh(eff *correctionSet) error {
	v, err := encodeValue(eff.fingerprint)
	if err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.eff.Load() != eff {
		return nil
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(freshKey(), v) }); err != nil {
		return fmt.Errorf("apply corrections: %w", err)
	}
	return nil
}

// reapplySource rebuilds source key's rows from its X row with c.
func reapplySource(ctx context.Context, txn *badger.Txn, c *correctionSet, key string, sc *scope) (graph.Change, error) {
	src := graph.SourceID(key)
	a, err := readArticle(txn, key)
	if err != nil {
		return graph.Change{}, err
	}
	rows, err := buildCorrected(a, c)
	if err != nil {
		return graph.Change{}, err
	}
	return applySource(ctx, txn, src, key, rows, sc)
}

// readArticle reads source key's article from its X rows, or an error
// wrapping ErrNotFound.
func readArticle(txn *badger.Txn, key string) (*graph.Article, error) {
	var buf []byte
	it := txn.NewIterator(badger.IteratorOptions{Prefix: articlePrefix(graph.SourceID(key)), PrefetchValues: true})
	for it.Rewind(); it.Valid(); it.Next() {
		err := it.Item().Value(func(v []byte) error { buf = append(buf, v...); return nil })
		if err != nil {
			it.Close()
			return nil, fmt.Errorf("read article %q: %w", key, err)
		}
	}
	it.Close()
	if len(buf) == 0 {
		return nil, graph.ErrNotFound
	}
	var ar articleRow
	if err := decodeValue(buf, &ar); err != nil {
		return nil, fmt.Errorf("article %q: %w", key, err)
	}
	if ar.Article == nil {
		return nil, fmt.Errorf("article %q: empty article row", key)
	}
	ar.Article.Text = ar.Text
	return ar.Article, nil
}

// articlePartBytes is the size of the parts an X row is cut into: Badger
// refuses values over 1 MiB in memory.
const articlePartBytes = 512 << 10

// maxValueBytes is the largest row value written: Badger refuses values
// over 1 MiB in an in-memory store.
const maxValueBytes = 1<<20 - 1<<10

// buildCorrected builds the rows of article a with c applied, plus its X
// row holding a itself.
func buildCorrected(a *graph.Article, c *correctionSet) (*articleRows, error) {
	if a == nil {
		return buildArticle(nil)
	}
	if a.Source.Hash == "" {
		h, err := articleHash(a)
		if err != nil {
			return nil, err
		}
		cp := *a
		cp.Source.Hash = h
		a = &cp
	}
	rows, err := buildArticle(applyCorrections(c, a))
	if err != nil {
		return nil, err
	}
	v, err := encodeValue(articleRow{Article: a, Text: a.Text})
	if err != nil {
		return nil, err
	}
	for part := uint32(0); len(v) > 0; part++ {
		n := min(len(v), articlePartBytes)
		rows.rows[string(articleKey(rows.src, part))] = v[:n]
		v = v[n:]
	}
	rows.corr = c.fingerprint
	nv, err := encodeValue(namesOf(a))
	if err != nil {
		return nil, err
	}
	rows.rows[string(namesKey(rows.src))] = nv
	for _, v := range rows.rows {
		if len(v) > maxValueBytes {
			return nil, &graph.ArticleError{Source: a.Source.Key, Err: fmt.Errorf("a fact with %d bytes of evidence is more than the store holds in one value (%d): the article is too large", len(v), maxValueBytes)}
		}
	}
	return rows, nil
}
