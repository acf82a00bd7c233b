// Package store is newsgraph's graph store on Badger. It keeps every
// source's claims (graph.Article) under content-derived keys, one Badger
// transaction per article, with the user's corrections applied, and
// resolves them on read into the merged graph of package graph: one entity
// per name key, meetings merged across articles (merge_meetings.go),
// conflicts kept. The whole key layout is in keys.go, the value encodings
// in codec.go; Check verifies the invariants. A Store implements
// graph.Reader, and View gives many reads one snapshot.
package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/newsgraph/newsgraph/graph"
)

// Sentinel errors of the store. Test for them with errors.Is; the store's
// reads and writes also return graph.ErrNotFound and graph.ErrInvalidArticle.
var (
	// ErrLocked: another process has the database open.
	ErrLocked = errors.New("database in use")
	// ErrSchemaVersion: the database was written with another key layout.
	ErrSchemaVersion = errors.New("schema version mismatch")
)

// Options configures a Store.
type Options struct {
	// Dir is the directory of the database; it is created if needed.
	// Ignored when InMemory is set.
	Dir string
	// InMemory keeps everything in memory and nothing on disk (tests, extract).
	InMemory bool
	// SyncWrites fsyncs every committed article before PutArticle returns:
	// slower, but nothing acknowledged is lost on a machine crash.
	SyncWrites bool
	// Logger receives Badger's messages (its INFO as Debug). Nil discards them.
	Logger *slog.Logger
	// Changelog, when set, receives every change the store commits (see
	// Changelog): the store of a writer that read replicas follow.
	Changelog Changelog
}

// Badger's memory, sized for a news graph rather than Badger's defaults
// (64 MiB memtables, five of them, a 256 MiB block cache). What Badger
// holds in the Go heap while an ingest writes is the memtables and the
// builder of the level-0 table a full memtable is flushed to, which
// buffers up to twice the memtable, compressed blocks included: a
// profile of the 10k-article bench at its peak heap found them most of
// the live heap. Tables on disk are memory-mapped; their pages count in
// the resident size but are the kernel's to drop.
const (
	// diskMemTableSize is memTableSize for a store on disk, sized for a
	// bulk ingest, which is most of what writes one. A transaction may be
	// 15% of it (9.6 MiB): one article whose statement joins a group of
	// thousands of claims and changes its words rewrites the group's
	// statement rows of every source (about 1 KB each) in its transaction,
	// which at 16 MiB (2.4 MiB) was rejected as too large in a 100k ingest.
	// Fewer, larger level-0 tables also mean fewer compactions, which were
	// a third of the 100k ingest's CPU (msync and page faults of new
	// tables). Two of them: one written, one flushed (about 1 s), while an
	// ingest fills one in tens of seconds.
	diskMemTableSize = 64 << 20
	diskNumMemtables = 2
	// diskBaseTableSize is baseTableSize on disk: half as many tables to
	// create, fault in and msync in compactions.
	diskBaseTableSize = 8 << 20
	// memTableSize bounds one memtable (its arena is 30% larger) and a
	// transaction to 15% of it, 2.4 MiB, for one article's rows and its
	// series' derived rows: an article of 2 MiB of text, the source
	// package's default limit, fits (with 8 MiB memtables one of 1.25 MB
	// was rejected as too large). With 32 MiB, two memtables (83 MiB) and
	// the level-0 builder (64 MiB) were most of the 10k ingest's peak live
	// heap. Badger keeps up to 8 table builders' buffers for reuse, each
	// as large as the largest table it built (level-0 tables are a
	// memtable): at 30k they were most of the peak live heap.
	memTableSize = 16 << 20
	// numMemtables is the memtable being written and the full ones
	// waiting to be flushed; writes wait when they are all full.
	numMemtables = 3
	// blockCacheSize holds parsed blocks of the tables for reads (and
	// decompressed ones of tables written compressed, by older versions).
	blockCacheSize = 32 << 20
	// compression of the tables written: none. With Snappy (Badger's
	// default) every block read is decompressed into a new buffer (the
	// 100k ingest allocated 62 GB for it, garbage between collections)
	// and a table builder keeps each block twice. Without it the 10k
	// bench's peak RSS ingesting fell from 746 to 553 MiB; the store on
	// disk is 2.3 times larger, and the queries' CPU 9% higher. Each
	// table records its compression, so stores written compressed read
	// as before.
	compression = options.None
	// baseTableSize is the size of the tables of the first level below
	// level 0 (Badger's default 2 MiB, doubled per level below). Twice
	// the default: uncompressed, the same keys fill twice the tables, and
	// a read seeks in each table that may hold its keys.
	baseTableSize = 4 << 20
)

// DefaultOptions returns the options for a database in dir.
func DefaultOptions(dir string) Options { return Options{Dir: dir} }

// maxTxnAttempts bounds the retries of a write transaction that lost a
// conflict with a concurrent writer of the same source or meeting series.
const maxTxnAttempts = 8

// Store is the graph on Badger. It is safe for concurrent use. Every read
// method runs in one read transaction, so it sees one consistent snapshot,
// and reads never wait for writes. Writes are one Badger transaction per
// article; articles are validated and encoded concurrently, but their
// transactions run one at a time, because sources reporting the same meeting
// all rewrite that meeting series' derived rows and would otherwise conflict
// and retry over and over (Badger commits one write batch at a time anyway).
type Store struct {
	db      *badger.DB
	log     *slog.Logger
	writeMu sync.Mutex // serializes write transactions and corrections changes
	// counts are the open Counts, which the writes committed under
	// writeMu tell what they touched.
	counts []*Count
	// corr is the user's corrections; redirects maps the IDs the
	// effective corrections retired to their survivors. Both are replaced, never mutated, under
	// writeMu; readers load them without locking.
	corr      atomic.Pointer[graph.Corrections]
	redirects atomic.Pointer[map[graph.ID]graph.ID]
	// auto is the merges of spelling variants Reconcile found; eff is
	// auto followed by corr, what articles are built with.
	auto atomic.Pointer[[]graph.Correction]
	eff  atomic.Pointer[correctionSet]
	// changelog is Options.Changelog; outbox, under writeMu, the state of
	// the changelog's outbox row (see changelog.go).
	changelog Changelog
	outbox    outboxRow
	// resolved is what the reads of views resolved at the newest snapshot.
	resolved resolvedCache
	// names is the name inventory Reconcile keeps between batches.
	names liveNames
}

// Open opens (creating if needed) the store described by opt. A database
// that another process holds open gives an error wrapping ErrLocked; one
// written with another key layout, an error wrapping ErrSchemaVersion.
func Open(ctx context.Context, opt Options) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !opt.InMemory && opt.Dir == "" {
		return nil, errors.New("open graph store: no directory given")
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	bo := badger.DefaultOptions(opt.Dir).
		WithInMemory(opt.InMemory).
		WithSyncWrites(opt.SyncWrites).
		WithLogger(badgerLogger{log}).
		WithMemTableSize(diskMemTableSize).
		WithNumMemtables(diskNumMemtables).
		WithBlockCacheSize(blockCacheSize).
		WithCompression(compression).
		WithBaseTableSize(diskBaseTableSize).
		WithNumCompactors(2). // one for level 0, one for the rest; the machine writing is often 2 cores
		WithMetricsEnabled(false)
	if opt.InMemory {
		// Tests and extract open many small stores at once.
		bo = bo.WithDir("").WithValueDir("").WithMemTableSize(memTableSize).
			WithNumMemtables(numMemtables).WithBaseTableSize(baseTableSize)
	}
	db, err := badger.Open(bo)
	if err != nil && isEmptyMemtable(err) {
		// A process killed between creating a memtable file and sizing it
		// leaves it empty, and Badger refuses an empty memtable file once,
		// after sizing it under its directory lock. The file holds no
		// writes, so the second open reads it as an empty memtable.
		log.Warn("graph store: empty memtable file left by a crash, opening again", "dir", opt.Dir)
		db, err = badger.Open(bo)
	}
	if err != nil {
		if strings.Contains(err.Error(), "Another process is using this Badger database") {
			return nil, fmt.Errorf("open graph store %s: %w: %w", opt.Dir, ErrLocked, err)
		}
		return nil, fmt.Errorf("open graph store %s: %w", opt.Dir, err)
	}
	s := &Store{db: db, log: log, changelog: opt.Changelog}
	if err := s.checkVersion(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.loadOutbox(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.loadCorrections(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// isEmptyMemtable reports whether err is Badger refusing a memtable file
// that a crash left empty (ristretto's z.NewFile, which Badger's open
// path formats into its error text rather than wrapping).
func isEmptyMemtable(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "while opening memtables") && strings.Contains(msg, z.NewFile.Error())
}

// checkVersion writes the schema version into an empty database and
// otherwise requires it to be the one this build reads.
func (s *Store) checkVersion() error {
	return s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(versionKey())
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
			it := txn.NewIterator(badger.IteratorOptions{})
			it.Rewind()
			empty := !it.Valid()
			it.Close()
			if !empty {
				return fmt.Errorf("%w: database has no schema version, this build reads version %d",
					ErrSchemaVersion, schemaVersion)
			}
			return txn.Set(versionKey(), binary.BigEndian.AppendUint32(nil, schemaVersion))
		case err != nil:
			return fmt.Errorf("read schema version: %w", err)
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if len(v) != 4 {
			return fmt.Errorf("%w: malformed schema version %x, this build reads version %d",
				ErrSchemaVersion, v, schemaVersion)
		}
		if got := binary.BigEndian.Uint32(v); got != schemaVersion {
			return fmt.Errorf("%w: database has schema version %d, this build reads version %d (ingest the articles into a new database)",
				ErrSchemaVersion, got, schemaVersion)
		}
		return nil
	})
}

// Ping reports whether the store answers a read: it reads the schema
// version, one key, whatever the size of the graph (/healthz calls it).
func (s *Store) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(versionKey())
		return err
	})
	if err != nil {
		return fmt.Errorf("ping graph store: %w", err)
	}
	return nil
}

// Close flushes and closes the database. The Store must not be used after.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close graph store: %w", err)
	}
	return nil
}

// badgerLogger sends Badger's log to slog. Badger's INFO is chatty (table
// and compaction notices), so it goes to Debug.
type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(f string, v ...any) {
	b.l.Error(strings.TrimSpace(fmt.Sprintf(f, v...)), "component", "badger")
}
func (b badgerLogger) Warningf(f string, v ...any) {
	b.l.Warn(strings.TrimSpace(fmt.Sprintf(f, v...)), "component", "badger")
}
func (b badgerLogger) Infof(f string, v ...any) {
	b.l.Debug(strings.TrimSpace(fmt.Sprintf(f, v...)), "component", "badger")
}
func (b badgerLogger) Debugf(f string, v ...any) {
	b.l.Debug(strings.TrimSpace(fmt.Sprintf(f, v...)), "component", "badger")
}
