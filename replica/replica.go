// Package replica carries a writer's graph store to read replicas over NATS
// JetStream, an existing replicated log, rather than a protocol of our own.
// The writer's store appends every change it commits (graph.ChangeSet) to
// a stream through a Writer, and publishes snapshots (Badger backups) to
// the stream's object store; a Replica restores the newest snapshot into an
// empty store, then applies the stream from the position its store
// recorded. Since the graph is a function of the articles and the
// corrections, a replica that has caught up holds the writer's graph.
package replica

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/graph/store"
)

// Defaults of Options.
const (
	// DefaultStream is the stream of changes, when Options.Stream is empty.
	DefaultStream = "NEWSGRAPH"
	// DefaultReplicas is how many NATS servers keep the stream and the
	// snapshots (JetStream's replicas, not newsgraph's).
	DefaultReplicas = 3
	// DefaultAppendTimeout bounds how long Append keeps retrying a change
	// the stream does not acknowledge (a NATS node down, a leader being
	// elected).
	DefaultAppendTimeout = time.Minute
	// DefaultSnapshotTimeout bounds how long Snapshot keeps trying to put
	// a backup the object store does not acknowledge.
	DefaultSnapshotTimeout = 10 * time.Minute
	// snapshotAttempt bounds one attempt to put a backup: with a deadline
	// on its context, the object store waits for the acknowledgements of
	// all chunks together rather than 5 s for each.
	snapshotAttempt = 3 * time.Minute
)

// snapshotObject is the name of the newest snapshot in the object store;
// seqMeta, the metadata field with the stream sequence it covers.
const (
	snapshotObject = "latest"
	seqMeta        = "seq"
)

// Options configure a Writer and a Replica.
type Options struct {
	// URL is the NATS server URL, or several separated by commas
	// (nats://host:4222).
	URL string
	// Stream names the stream of changes; default DefaultStream. Its
	// subject is STREAM.changes, its object store STREAM-snapshots.
	Stream string
	// Replicas is how many NATS servers keep the stream and the object
	// store; default DefaultReplicas. A single dev server needs 1.
	Replicas int
	// AppendTimeout bounds an Append's retries; default DefaultAppendTimeout.
	AppendTimeout time.Duration
	// SnapshotTimeout bounds a Snapshot's retries; default
	// DefaultSnapshotTimeout.
	SnapshotTimeout time.Duration
	// Logger receives what goes wrong with NATS; nil discards it.
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.Stream == "" {
		o.Stream = DefaultStream
	}
	if o.Replicas <= 0 {
		o.Replicas = DefaultReplicas
	}
	if o.AppendTimeout <= 0 {
		o.AppendTimeout = DefaultAppendTimeout
	}
	if o.SnapshotTimeout <= 0 {
		o.SnapshotTimeout = DefaultSnapshotTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

func (o Options) subject() string { return o.Stream + ".changes" }
func (o Options) bucket() string  { return o.Stream + "-snapshots" }

// connect opens a NATS connection that reconnects for ever.
func connect(opt Options, name string) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(opt.URL,
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				opt.Logger.Warn("disconnected from NATS", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { opt.Logger.Info("reconnected to NATS", "url", c.ConnectedUrl()) }),
	)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to NATS at %s: %w", opt.URL, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("JetStream at %s: %w", opt.URL, err)
	}
	return nc, js, nil
}

// Writer is the changelog of a writer's store (it implements
// store.Changelog): it appends each change to the stream and waits for
// the stream's acknowledgement. It is safe for concurrent use.
type Writer struct {
	opt  Options
	nc   *nats.Conn
	js   jetstream.JetStream
	last atomic.Uint64 // stream sequence of the last change appended
}

var _ store.Changelog = (*Writer)(nil)

// NewWriter connects to NATS and creates the stream (STREAM.changes, file
// storage, opt.Replicas replicas) if it does not exist.
func NewWriter(ctx context.Context, opt Options) (*Writer, error) {
	opt = opt.withDefaults()
	nc, js, err := connect(opt, "newsgraph writer")
	if err != nil {
		return nil, err
	}
	s, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        opt.Stream,
		Description: "newsgraph changes: one graph.ChangeSet per message",
		Subjects:    []string{opt.subject()},
		Storage:     jetstream.FileStorage,
		Replicas:    opt.Replicas,
		Duplicates:  10 * time.Minute,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("create stream %s with %d replicas at %s: %w", opt.Stream, opt.Replicas, opt.URL, err)
	}
	w := &Writer{opt: opt, nc: nc, js: js}
	w.last.Store(s.CachedInfo().State.LastSeq)
	return w, nil
}

// Append publishes data with Nats-Msg-Id msgID and waits for the stream's
// acknowledgement, retrying (with the same ID, which the stream
// deduplicates) until it comes or AppendTimeout passes.
func (w *Writer) Append(ctx context.Context, msgID string, data []byte) error {
	ctx, cancel := context.WithTimeout(ctx, w.opt.AppendTimeout)
	defer cancel()
	err := retry(ctx, 100*time.Millisecond, 2*time.Second, func() error {
		actx, acancel := context.WithTimeout(ctx, 5*time.Second)
		defer acancel()
		ack, err := w.js.Publish(actx, w.opt.subject(), data, jetstream.WithMsgID(msgID))
		if err != nil {
			w.opt.Logger.Warn("stream did not acknowledge a change; retrying", "msg_id", msgID, "err", err)
			return err
		}
		for {
			last := w.last.Load()
			if ack.Sequence <= last || w.last.CompareAndSwap(last, ack.Sequence) {
				return nil
			}
		}
	})
	if err != nil {
		return fmt.Errorf("append to stream %s: %w", w.opt.Stream, err)
	}
	return nil
}

// retry calls attempt until it succeeds or ctx ends, waiting first between
// attempts and doubling the wait up to most. When ctx ends it returns
// ctx's error and attempt's last.
func retry(ctx context.Context, first, most time.Duration, attempt func() error) error {
	wait := first
	for {
		err := attempt()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last error: %w)", ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, most)
	}
}

// Last is the stream sequence of the last change appended (or the
// stream's last when the Writer started).
func (w *Writer) Last() uint64 { return w.last.Load() }

// Snapshot publishes a backup of st, the store w appends for, as the
// newest snapshot, and returns the stream sequence it covers: every
// change up to it is in the backup (later ones may be too; a replica
// applies them again, harmlessly).
func (w *Writer) Snapshot(ctx context.Context, st *store.Store) (uint64, error) {
	if err := st.FlushChangelog(ctx); err != nil {
		return 0, err
	}
	seq := w.last.Load()
	ctx, cancel := context.WithTimeout(ctx, w.opt.SnapshotTimeout)
	defer cancel()
	err := retry(ctx, time.Second, 10*time.Second, func() error {
		err := w.putBackup(ctx, st, seq)
		if err != nil {
			w.opt.Logger.Warn("object store did not take the snapshot; retrying", "bucket", w.opt.bucket(), "err", err)
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("snapshot: %w", err)
	}
	return seq, nil
}

// putBackup streams one backup of st into the object store as the newest
// snapshot, covering the stream up to seq. A failed put leaves the
// previous snapshot in place.
func (w *Writer) putBackup(ctx context.Context, st *store.Store, seq uint64) error {
	ctx, cancel := context.WithTimeout(ctx, snapshotAttempt)
	defer cancel()
	obs, err := w.js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
		Bucket:      w.opt.bucket(),
		Description: "newsgraph snapshots: Badger backups of the writer's store",
		Storage:     jetstream.FileStorage,
		Replicas:    w.opt.Replicas,
	})
	if err != nil {
		return fmt.Errorf("object store %s: %w", w.opt.bucket(), err)
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(st.Backup(ctx, pw)) }()
	_, err = obs.Put(ctx, jetstream.ObjectMeta{
		Name:        snapshotObject,
		Description: "backup of the writer's store, covering the stream up to sequence " + strconv.FormatUint(seq, 10),
		Metadata:    map[string]string{seqMeta: strconv.FormatUint(seq, 10)},
	}, pr)
	pr.CloseWithError(err)
	if err != nil {
		return fmt.Errorf("put %s/%s: %w", w.opt.bucket(), snapshotObject, err)
	}
	return nil
}

// Close closes the NATS connection, after flushing what it buffered.
func (w *Writer) Close() error {
	err := w.nc.Drain()
	if errors.Is(err, nats.ErrConnectionClosed) {
		return nil
	}
	return err
}
