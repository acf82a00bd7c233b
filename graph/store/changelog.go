package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// A writer's store tells a Changelog every change it commits: an article
// stored or deleted, the corrections or the automatic merges changed. Read
// replicas apply the same changes, in the same order, with Apply. The
// rebuilds those changes cause (rebuildStale) are not logged: a replica
// does them itself, deterministically.
//
// The change is logged in two steps, around the commit: the transaction
// that makes the change also writes it to the outbox row (L "outbox"),
// and, once committed, the store appends it to the Changelog and clears
// the row. A change whose append failed (the log unreachable, the process
// killed) is appended before the next change, so the log never misses a
// committed change nor gets two out of order. Each change has a message ID
// (its number in the store, its identity and a hash of its content) that
// stays the same across such retries, so that a log that deduplicates by
// ID keeps it once.

// Changelog is where a writer's store appends what it commits (package
// replica implements it on NATS JetStream). It need not be safe for
// concurrent use: the store calls it under its write lock.
type Changelog interface {
	// Append adds data, an encoded graph.ChangeSet, under msgID and
	// returns once the log has stored it. Appending a msgID it already
	// has must not add it twice.
	Append(ctx context.Context, msgID string, data []byte) error
}

// ErrChangelog: a change was committed to the store but its Changelog did
// not take it (yet): the store appends it before its next change, or at
// FlushChangelog.
var ErrChangelog = errors.New("changelog did not take the change")

// logEntry is the bookkeeping of one write transaction: the change set it
// logs, for a writer, or the changelog position it applies, for a replica.
type logEntry struct {
	seq    uint64                  // > 0: a replica applying the change at this stream sequence
	change func() *graph.ChangeSet // nil: nothing to log (derived rows)
}

// outboxRow is the value of the outbox row.
type outboxRow struct {
	N    uint64 `json:"n"`              // changes logged so far
	ID   string `json:"id,omitempty"`   // message ID of the change not yet appended
	Data []byte `json:"data,omitempty"` // that change; nil once appended
}

// loadOutbox reads the outbox row at Open.
func (s *Store) loadOutbox() error {
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(outboxKey())
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { return decodeValue(v, &s.outbox) })
	})
	if err != nil {
		return fmt.Errorf("read changelog outbox: %w", err)
	}
	return nil
}

// noteApplied records seq (if any) as the replica's changelog position.
func (s *Store) noteApplied(txn *badger.Txn, seq uint64) error {
	if seq == 0 {
		return nil
	}
	return writeUint(txn, appliedKey(), seq)
}

// logTxn does e's bookkeeping in txn: the position it applies, or the
// outbox row of the change it logs, which it returns. Called under writeMu.
func (s *Store) logTxn(txn *badger.Txn, e logEntry) (*outboxRow, error) {
	if err := s.noteApplied(txn, e.seq); err != nil {
		return nil, err
	}
	if s.changelog == nil || e.change == nil {
		return nil, nil
	}
	cs := e.change()
	data, err := cs.Encode()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	row := outboxRow{N: s.outbox.N + 1, Data: data}
	row.ID = fmt.Sprintf("%d %s %s %x", row.N, cs.Kind, cs.Identity(), sum[:12])
	v, err := encodeValue(row)
	if err != nil {
		return nil, err
	}
	return &row, txn.Set(outboxKey(), v)
}

// logged appends the change of a committed transaction's outbox row
// (nil: none). Called under writeMu.
func (s *Store) logged(ctx context.Context, row *outboxRow) error {
	if row == nil {
		return nil
	}
	s.outbox = *row
	return s.flushLog(ctx)
}

// flushLog appends the change in the outbox, if any, and clears it.
// Called under writeMu.
func (s *Store) flushLog(ctx context.Context) error {
	if s.changelog == nil || s.outbox.Data == nil {
		return nil
	}
	if err := s.changelog.Append(ctx, s.outbox.ID, s.outbox.Data); err != nil {
		return fmt.Errorf("%w: change %q: %w", ErrChangelog, s.outbox.ID, err)
	}
	done := outboxRow{N: s.outbox.N}
	v, err := encodeValue(done)
	if err != nil {
		return err
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(outboxKey(), v) }); err != nil {
		// Appended, but the row still says otherwise: appending it again
		// later is harmless (same message ID).
		return fmt.Errorf("clear changelog outbox: %w", err)
	}
	s.outbox = done
	return nil
}

// FlushChangelog appends to the store's Changelog a committed change it
// does not have yet (one whose append failed, or was cut short by a crash).
// Writes do it before their own change; a writer calls it at start.
func (s *Store) FlushChangelog(ctx context.Context) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.flushLog(ctx)
}

// Apply applies change set c, which a writer's changelog holds at sequence
// seq (> 0), and records seq as the store's position in the same
// transaction (Applied reads it back). Change sets set state whole, so
// applying one again, or a run of them from an earlier position, is
// harmless: a replica that restarts or restores a snapshot resumes from
// its recorded position.
func (s *Store) Apply(ctx context.Context, c *graph.ChangeSet, seq uint64) error {
	if seq == 0 {
		return fmt.Errorf("apply change set %s %q: no sequence", c.Kind, c.Identity())
	}
	var err error
	switch c.Kind {
	case graph.PutArticle:
		if c.Article == nil {
			return fmt.Errorf("apply change set %d: put without article", seq)
		}
		_, err = s.putArticle(ctx, c.Article, seq)
	case graph.DeleteArticle:
		_, err = s.update(ctx, "delete source", c.Key, logEntry{seq: seq}, func(txn *badger.Txn, sc *scope) (graph.Change, error) {
			ch, err := applySource(ctx, txn, graph.SourceID(c.Key), c.Key, nil, sc)
			if errors.Is(err, graph.ErrNotFound) {
				// Deleted before (a change applied again): the position moves on.
				return graph.Change{Source: c.Key, Action: graph.Unchanged}, nil
			}
			return ch, err
		})
	case graph.SetCorrections:
		_, err = s.setCorrectionsAt(ctx, c.Corrections, seq)
	case graph.SetAutoMerges:
		_, err = s.setAutoMerges(ctx, c.AutoMerges, seq, nil)
	default:
		err = fmt.Errorf("unknown kind %v", c.Kind)
	}
	if err != nil {
		return fmt.Errorf("apply change set %d (%s %q): %w", seq, c.Kind, c.Identity(), err)
	}
	return nil
}

// Applied returns the changelog position the store has applied up to (0:
// none).
func (s *Store) Applied(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var seq uint64
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		seq, _, err = readUint(txn, appliedKey())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("read applied position: %w", err)
	}
	return seq, nil
}

// Backup writes a full copy of the store to w (Badger's backup format),
// as of a snapshot taken when it starts; writes go on meanwhile.
func (s *Store) Backup(ctx context.Context, w io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := s.db.Backup(w, 0); err != nil {
		return fmt.Errorf("back up graph store: %w", err)
	}
	return nil
}

// Restore loads a Backup of a writer's store into this one, which must
// hold no article, and records seq as its changelog position: the backup
// holds at least every change up to seq. The writer's outbox is not
// restored.
func (s *Store) Restore(ctx context.Context, r io.Reader, seq uint64) error {
	keys, err := s.SourceKeys(ctx)
	if err != nil {
		return err
	}
	if len(keys) > 0 {
		return fmt.Errorf("restore graph store: it holds %d articles already", len(keys))
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.db.Load(r, 256); err != nil {
		return fmt.Errorf("restore graph store: %w", err)
	}
	err = s.db.Update(func(txn *badger.Txn) error {
		if err := txn.Delete(outboxKey()); err != nil {
			return err
		}
		return s.noteApplied(txn, seq)
	})
	if err != nil {
		return fmt.Errorf("restore graph store: %w", err)
	}
	s.outbox = outboxRow{}
	s.resolved.reset()
	if err := s.checkVersion(); err != nil {
		return err
	}
	return s.loadCorrections()
}
