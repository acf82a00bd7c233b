package store

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// PutArticle stores what article a says, replacing what an earlier version
// of the same source (Source.Key) said, in one transaction: facts only the
// old version supported disappear, facts other sources support stay. An
// article whose Source.Hash equals the stored one is Unchanged and not
// written. An article that breaks the model's rules gives an *ArticleError
// (errors.Is ErrInvalidArticle) and writes nothing.
//
// The article is stored as given and its facts with the store's
// corrections applied (see SetCorrections).
func (s *Store) PutArticle(ctx context.Context, a *graph.Article) (graph.Change, error) {
	return s.putArticle(ctx, a, 0)
}

// putArticle is PutArticle; seq > 0 records it as the changelog position
// the article was applied at (a replica's Apply).
func (s *Store) putArticle(ctx context.Context, a *graph.Article, seq uint64) (graph.Change, error) {
	corr := s.effective()
	rows, err := buildCorrected(a, corr)
	if err != nil {
		return graph.Change{}, err
	}
	entry := logEntry{seq: seq, change: func() *graph.ChangeSet {
		stored := *a
		stored.Source.Hash = rows.source.Hash
		return &graph.ChangeSet{Kind: graph.PutArticle, Article: &stored}
	}}
	return s.update(ctx, "put source", rows.source.Key, entry, func(txn *badger.Txn, sc *scope) (graph.Change, error) {
		if c := s.effective(); c != corr {
			// The corrections changed since the rows were built.
			corr = c
			if rows, err = buildCorrected(a, c); err != nil {
				return graph.Change{}, err
			}
		}
		return applySource(ctx, txn, rows.src, rows.source.Key, rows, sc)
	})
}

// DeleteSource removes the source with identity key and every fact only it
// supported. It returns an error wrapping ErrNotFound if there is none.
func (s *Store) DeleteSource(ctx context.Context, key string) (graph.Change, error) {
	entry := logEntry{change: func() *graph.ChangeSet { return &graph.ChangeSet{Kind: graph.DeleteArticle, Key: key} }}
	return s.update(ctx, "delete source", key, entry, func(txn *badger.Txn, sc *scope) (graph.Change, error) {
		return applySource(ctx, txn, graph.SourceID(key), key, nil, sc)
	})
}

// SourceHash returns the stored Source.Hash of the source with identity key,
// or an error wrapping ErrNotFound.
func (s *Store) SourceHash(ctx context.Context, key string) (string, error) {
	var hash string
	err := s.view(ctx, func(r *reader) error {
		src, err := r.source(graph.SourceID(key))
		if err != nil {
			return err
		}
		hash = src.Hash
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("source hash %q: %w", key, err)
	}
	return hash, nil
}

// update runs fn in a write transaction, retrying a bounded number of times
// when a concurrent writer of the same source or meeting series wins (only
// possible if another Store shared the DB: this one serializes its writes).
// The transaction also does entry's bookkeeping (see logEntry); with a
// changelog, update returns once the changelog has the change. fn notes in
// its scope what its writes touch; the scope of the committed attempt goes
// to the open Counts.
func (s *Store) update(ctx context.Context, op, key string, entry logEntry, fn func(*badger.Txn, *scope) (graph.Change, error)) (graph.Change, error) {
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return graph.Change{}, err
		}
		var ch graph.Change
		sc := newScope()
		s.writeMu.Lock()
		if err := s.flushLog(ctx); err != nil {
			s.writeMu.Unlock()
			return graph.Change{}, fmt.Errorf("%s %q: %w", op, key, err)
		}
		var logged *outboxRow
		err := s.db.Update(func(txn *badger.Txn) error {
			var err error
			if ch, err = fn(txn, sc); err != nil {
				return err
			}
			if entry.change == nil || ch.Action == graph.Unchanged {
				return s.noteApplied(txn, entry.seq)
			}
			logged, err = s.logTxn(txn, entry)
			return err
		})
		if err == nil {
			s.noteWritten(ctx, sc) // committed, whatever the changelog says next
			err = s.logged(ctx, logged)
		}
		s.writeMu.Unlock()
		switch {
		case err == nil:
			return ch, nil
		case errors.Is(err, badger.ErrConflict) && attempt < maxTxnAttempts:
			s.log.Debug("write conflict, retrying", "source", key, "attempt", attempt)
			continue
		case errors.Is(err, badger.ErrConflict):
			return graph.Change{}, fmt.Errorf("%s %q: still conflicting after %d attempts: %w", op, key, attempt, err)
		case errors.Is(err, badger.ErrTxnTooBig):
			// The article, not the store, is the problem: reject it.
			return graph.Change{}, &graph.ArticleError{Source: key, Err: fmt.Errorf("too large to store in one transaction: %w", err)}
		case errors.Is(err, ErrChangelog):
			return ch, fmt.Errorf("%s %q: %w", op, key, err)
		}
		return graph.Change{}, fmt.Errorf("%s %q: %w", op, key, err)
	}
}

// applySource replaces source src's rows by rows (nil: delete the source),
// keeps the derived meeting rows of every group of series it touches, and
// counts what changed. All reads happen before the first write. It notes
// in sc the source, nodes, stored edges and series whose rows it changes.
func applySource(ctx context.Context, txn *badger.Txn, src graph.ID, key string, rows *articleRows, sc *scope) (graph.Change, error) {
	ch := graph.Change{Source: key}
	var oldKeys [][]byte
	item, err := txn.Get(sourceKey(src))
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		if rows == nil {
			return ch, graph.ErrNotFound
		}
		ch.Action = graph.Added
	case err != nil:
		return ch, fmt.Errorf("read source: %w", err)
	default:
		var old sourceRow
		if err := item.Value(func(v []byte) error { return decodeValue(v, &old) }); err != nil {
			return ch, err
		}
		if rows != nil && old.Source.Hash == rows.source.Hash && old.Corr == rows.corr {
			ch.Action = graph.Unchanged
			return ch, nil
		}
		if oldKeys, err = splitRowList(old.Rows); err != nil {
			return ch, fmt.Errorf("source %q: %w", key, err)
		}
		ch.Action = graph.Updated
		if rows == nil {
			ch.Action = graph.Deleted
		}
		if rows != nil && old.Source.Hash == rows.source.Hash {
			// Same article, other corrections: if they do not touch it,
			// only the fingerprint in the source row changes.
			same, err := sameRows(txn, oldKeys, rows)
			if err != nil {
				return ch, err
			}
			if same {
				ch.Action = graph.Unchanged
				old.Corr = rows.corr
				v, err := encodeValue(old)
				if err != nil {
					return ch, err
				}
				return ch, txn.Set(sourceKey(src), v)
			}
		}
	}
	newRows := map[string][]byte{}
	newSeries := map[graph.ID]*seriesRow{}
	if rows != nil {
		newRows, newSeries = rows.rows, rows.series
	}
	oldSet := make(map[string]bool, len(oldKeys))
	for _, k := range oldKeys {
		oldSet[string(k)] = true
	}

	// Count node and stored-edge facts that appear or vanish.
	nodes := map[graph.ID][2]bool{} // node -> {old has, new has}
	edges := map[string][2]bool{}   // E|from|type|to -> {old, new}
	series := map[graph.ID]bool{}
	note := func(k []byte, isNew bool) error {
		p, err := parseKey(k)
		if err != nil {
			return err
		}
		i := 0
		if isNew {
			i = 1
		}
		switch p.Prefix {
		case prefixNode:
			v := nodes[p.Node]
			v[i] = true
			nodes[p.Node] = v
		case prefixEdge:
			f := string(k[:len(k)-idLen])
			v := edges[f]
			v[i] = true
			edges[f] = v
		case prefixSeries:
			series[p.Node] = true
		}
		return nil
	}
	for _, k := range oldKeys {
		if err := note(k, false); err != nil {
			return ch, err
		}
	}
	for k := range newRows {
		if err := note([]byte(k), true); err != nil {
			return ch, err
		}
	}
	// Re-cluster every group of series the change touches: the touched
	// series and those they may merge with (see merge_meetings.go).
	affected, err := affectedSeries(ctx, txn, sortedKeys(series), newSeries)
	if err != nil {
		return ch, err
	}
	for sid := range affected {
		series[sid] = true
	}
	sc.add(src, nodes, edges, series)
	// Statements of the speakers the change touches (merge_statements.go).
	stmts, err := changeStatements(ctx, txn, src, oldKeys, newRows)
	if err != nil {
		return ch, err
	}
	stmts.count(&ch)
	sc.add(src, stmts.keys, stmts.stored, nil)
	for _, n := range sortedKeys(nodes) {
		v := nodes[n]
		other, err := otherSource(ctx, txn, nodePrefix(n), src)
		if err != nil {
			return ch, err
		}
		countFact(v[0] || other, v[1] || other, &ch.NodesAdded, &ch.NodesRemoved)
	}
	for f, v := range edges {
		other, err := otherSource(ctx, txn, []byte(f), src)
		if err != nil {
			return ch, err
		}
		countFact(v[0] || other, v[1] || other, &ch.EdgesAdded, &ch.EdgesRemoved)
	}

	rowsAfter := make(map[graph.ID][]srcSeries, len(affected))
	for sid, rowsBefore := range affected {
		// Reading H puts it in the transaction's read set, so two sources
		// changing one group concurrently conflict and one retries.
		if _, err := txn.Get(headKey(sid)); err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return ch, fmt.Errorf("read series head: %w", err)
		}
		ra := slices.DeleteFunc(slices.Clone(rowsBefore), func(r srcSeries) bool { return r.src == src })
		if r, ok := newSeries[sid]; ok {
			ra = append(ra, srcSeries{src: src, row: *r})
			slices.SortFunc(ra, func(a, b srcSeries) int { return cmp.Compare(a.src, b.src) })
		}
		rowsAfter[sid] = ra
	}
	// Only the meetings' identities are compared: no evidence.
	before, after := deriveGroups(affected), deriveGroups(rowsAfter)
	type seriesWrite struct {
		id       graph.ID
		old, new derivedSeries
		// existed and exists: whether the series has claims before and
		// after the change, which decides its K rows.
		existed, exists bool
		participants    []graph.ID
	}
	var writes []seriesWrite
	for _, sid := range sortedKeys(affected) {
		w := seriesWrite{id: sid}
		if d := before[sid]; d != nil {
			w.old, w.existed = *d, true
			w.participants = affected[sid][0].row.Participants
		}
		if d := after[sid]; d != nil {
			w.new, w.exists = *d, true
			w.participants = rowsAfter[sid][0].row.Participants
		}
		countSets(w.old.ids, w.new.ids, &ch.NodesAdded, &ch.NodesRemoved)
		countSets(w.old.edges, w.new.edges, &ch.EdgesAdded, &ch.EdgesRemoved)
		writes = append(writes, w)
	}

	nd, err := bumpNames(txn, src, oldSet, newRows)
	if err != nil {
		return ch, err
	}
	if nd != nil && sc != nil {
		sc.names = append(sc.names, *nd)
	}

	// Writes: old rows out, new rows in, derived rows, the source row.
	for _, k := range oldKeys {
		if _, keep := newRows[string(k)]; !keep {
			if err := txn.Delete(k); err != nil {
				return ch, err
			}
		}
	}
	var keys [][]byte
	if rows != nil {
		keys = rows.sortedKeys()
		for _, k := range keys {
			if v := newRows[string(k)]; !oldSet[string(k)] || v != nil {
				if err := txn.Set(k, v); err != nil {
					return ch, err
				}
			}
		}
	}
	if err := stmts.write(txn); err != nil {
		return ch, err
	}
	for _, w := range writes {
		for _, m := range w.old.ids {
			if !slices.Contains(w.new.ids, m) {
				if err := txn.Delete(meetingKey(m, w.id)); err != nil {
					return ch, err
				}
			}
		}
		for _, m := range w.new.ids {
			if err := txn.Set(meetingKey(m, w.id), nil); err != nil {
				return ch, err
			}
		}
		for _, k := range w.old.byDate {
			if _, ok := slices.BinarySearch(w.new.byDate, k); !ok {
				if err := txn.Delete([]byte(k)); err != nil {
					return ch, err
				}
			}
		}
		for _, k := range w.new.byDate {
			if err := txn.Set([]byte(k), nil); err != nil {
				return ch, err
			}
		}
		if w.existed != w.exists {
			for _, pr := range pairsOf(w.participants) {
				k := pairKey(pr[0], pr[1], w.id)
				if err := setOrDelete(txn, k, w.exists); err != nil {
					return ch, err
				}
			}
		}
		if !w.exists {
			if err := txn.Delete(headKey(w.id)); err != nil {
				return ch, err
			}
			continue
		}
		v, err := encodeValue(headRow{Meetings: w.new.ids, Group: w.new.group})
		if err != nil {
			return ch, err
		}
		if err := txn.Set(headKey(w.id), v); err != nil {
			return ch, err
		}
	}
	if rows == nil {
		return ch, txn.Delete(sourceKey(src))
	}
	v, err := encodeValue(sourceRow{Source: rows.source, Rows: appendRowList(nil, keys), Corr: rows.corr})
	if err != nil {
		return ch, err
	}
	return ch, txn.Set(sourceKey(src), v)
}

// sameRows reports whether the stored rows listed in oldKeys are exactly
// rows' keys and values.
func sameRows(txn *badger.Txn, oldKeys [][]byte, rows *articleRows) (bool, error) {
	if len(oldKeys) != len(rows.rows) {
		return false, nil
	}
	for _, k := range oldKeys {
		want, ok := rows.rows[string(k)]
		if !ok {
			return false, nil
		}
		item, err := txn.Get(k)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("read row: %w", err)
		}
		equal := false
		if err := item.Value(func(v []byte) error { equal = bytes.Equal(v, want); return nil }); err != nil {
			return false, fmt.Errorf("read row: %w", err)
		}
		if !equal {
			return false, nil
		}
	}
	return true, nil
}

func countFact(before, after bool, added, removed *int) {
	switch {
	case !before && after:
		*added++
	case before && !after:
		*removed++
	}
}

// countSets counts the members of after missing from before (added) and the
// other way round (removed). Both are sorted.
func countSets[T comparable](before, after []T, added, removed *int) {
	for _, a := range after {
		if !slices.Contains(before, a) {
			*added++
		}
	}
	for _, b := range before {
		if !slices.Contains(after, b) {
			*removed++
		}
	}
}

// sortedKeys returns the keys of m in increasing order.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	return slices.Sorted(maps.Keys(m))
}

// otherSource reports whether a row under prefix (which ends just before
// the source ID) belongs to a source other than src.
func otherSource(ctx context.Context, txn *badger.Txn, prefix []byte, src graph.ID) (bool, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	self := sourceIDBytes(src)
	for it.Rewind(); it.Valid(); it.Next() {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		k := it.Item().Key()
		if len(k) == len(prefix)+idLen && !bytes.Equal(k[len(prefix):], self) {
			return true, nil
		}
	}
	return false, nil
}

func sourceIDBytes(src graph.ID) []byte { return newKey(0).id(src)[1:] }

// loadSeriesRows reads every source's G row of series sid, ordered by source.
func loadSeriesRows(ctx context.Context, txn *badger.Txn, sid graph.ID) ([]srcSeries, error) {
	return loadSeries(ctx, txn, sid, true)
}

// loadSeries is loadSeriesRows, leaving the claims' Evidence nil unless
// evidence is set.
func loadSeries(ctx context.Context, txn *badger.Txn, sid graph.ID, evidence bool) ([]srcSeries, error) {
	prefix := seriesPrefix(sid)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	var out []srcSeries
	for it.Rewind(); it.Valid(); it.Next() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		item := it.Item()
		p, err := parseKey(item.Key())
		if err != nil {
			return nil, err
		}
		var r seriesRow
		if err := item.Value(func(v []byte) error { return decodeRow(v, &r, evidence) }); err != nil {
			return nil, err
		}
		out = append(out, srcSeries{src: p.Src, row: r})
	}
	return out, nil
}

// setOrDelete sets the empty value at k if set, else deletes k.
func setOrDelete(txn *badger.Txn, k []byte, set bool) error {
	if set {
		return txn.Set(k, nil)
	}
	return txn.Delete(k)
}

// bumpNames bumps the generation of the W rows if src's changes: Reconcile
// reads the names again only then. It returns the change, for liveNames
// (nil: none). All writes run one at a time, so the read of the generation
// conflicts with no other writer's.
func bumpNames(txn *badger.Txn, src graph.ID, oldSet map[string]bool, newRows map[string][]byte) (*namesDiff, error) {
	k := namesKey(src)
	nv, has := newRows[string(k)]
	var d namesDiff
	if oldSet[string(k)] {
		item, err := txn.Get(k)
		if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return nil, fmt.Errorf("read names: %w", err)
		}
		if err == nil {
			same := false
			var old namesRow
			err := item.Value(func(v []byte) error {
				if same = has && bytes.Equal(v, nv); same {
					return nil
				}
				return decodeValue(v, &old)
			})
			if err != nil {
				return nil, fmt.Errorf("read names: %w", err)
			}
			if same {
				return nil, nil
			}
			d.old = &old
		}
	} else if !has {
		return nil, nil
	}
	if has {
		var row namesRow
		if err := decodeValue(nv, &row); err != nil {
			return nil, fmt.Errorf("names of source %v: %w", src, err)
		}
		d.new = &row
	}
	gen, _, err := readUint(txn, namesGenKey())
	if err != nil {
		return nil, err
	}
	d.gen = gen + 1
	return &d, writeUint(txn, namesGenKey(), gen+1)
}

// readUint reads a JSON uint64 value and whether there is one; a missing
// key is 0.
func readUint(txn *badger.Txn, key []byte) (uint64, bool, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read %q: %w", key, err)
	}
	var n uint64
	if err := item.Value(func(v []byte) error { return decodeValue(v, &n) }); err != nil {
		return 0, false, fmt.Errorf("read %q: %w", key, err)
	}
	return n, true, nil
}

func writeUint(txn *badger.Txn, key []byte, n uint64) error {
	v, err := encodeValue(n)
	if err != nil {
		return err
	}
	return txn.Set(key, v)
}
