package replica

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// Replica keeps a store in step with a writer's stream of changes. Its
// store must be written by nothing else. Status is safe for concurrent use
// with Run.
type Replica struct {
	opt     Options
	st      *store.Store
	nc      *nats.Conn
	js      jetstream.JetStream
	applied atomic.Uint64 // stream sequence of the last change applied
	last    atomic.Uint64 // last stream sequence seen
}

// Status is a replica's position in the stream.
type Status struct {
	Applied, Last uint64
	Connected     bool
}

// Lag is how many changes of the stream are not applied yet.
func (s Status) Lag() uint64 {
	if s.Last > s.Applied {
		return s.Last - s.Applied
	}
	return 0
}

// NewReplica connects to NATS for st, which must be the replica's own.
func NewReplica(ctx context.Context, st *store.Store, opt Options) (*Replica, error) {
	opt = opt.withDefaults()
	applied, err := st.Applied(ctx)
	if err != nil {
		return nil, err
	}
	nc, js, err := connect(opt, "newsgraph replica")
	if err != nil {
		return nil, err
	}
	r := &Replica{opt: opt, st: st, nc: nc, js: js}
	r.applied.Store(applied)
	return r, nil
}

// Status reports the replica's position.
func (r *Replica) Status() Status {
	return Status{Applied: r.applied.Load(), Last: max(r.last.Load(), r.applied.Load()), Connected: r.nc.IsConnected()}
}

// Bootstrap restores the newest snapshot into the replica's store if the
// store has applied nothing yet and holds no article, and reports whether
// it did. Without a snapshot the replica starts from the stream's first
// change.
func (r *Replica) Bootstrap(ctx context.Context) (bool, error) {
	if r.applied.Load() > 0 {
		return false, nil
	}
	keys, err := r.st.SourceKeys(ctx)
	if err != nil || len(keys) > 0 {
		return false, err
	}
	obs, err := r.js.ObjectStore(ctx, r.opt.bucket())
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("bootstrap: object store %s: %w", r.opt.bucket(), err)
	}
	res, err := obs.Get(ctx, snapshotObject)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("bootstrap: get %s/%s: %w", r.opt.bucket(), snapshotObject, err)
	}
	defer res.Close()
	info, err := res.Info()
	if err != nil {
		return false, fmt.Errorf("bootstrap: %s/%s: %w", r.opt.bucket(), snapshotObject, err)
	}
	seq, err := strconv.ParseUint(info.Metadata[seqMeta], 10, 64)
	if err != nil {
		return false, fmt.Errorf("bootstrap: snapshot %s/%s: metadata %s=%q: %w", r.opt.bucket(), snapshotObject, seqMeta, info.Metadata[seqMeta], err)
	}
	if err := r.st.Restore(ctx, res, seq); err != nil {
		return false, fmt.Errorf("bootstrap from snapshot at sequence %d: %w", seq, err)
	}
	r.applied.Store(seq)
	r.opt.Logger.Info("restored snapshot", "seq", seq)
	return true, nil
}

// Run bootstraps an empty store from the newest snapshot, then applies the
// stream's changes after the store's position, in order, each in one
// transaction with the position, until ctx is done (it then returns nil)
// or a change cannot be applied.
func (r *Replica) Run(ctx context.Context) error {
	if _, err := r.Bootstrap(ctx); err != nil {
		return err
	}
	// A rebuild that a crash cut short (corrections applied, not every
	// source rebuilt yet) is finished first.
	if _, err := r.st.SetCorrections(ctx, r.st.Corrections()); err != nil {
		return err
	}
	from := r.applied.Load()
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{r.opt.subject()}, DeliverPolicy: jetstream.DeliverAllPolicy}
	if from > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, from+1
	}
	s, err := r.waitStream(ctx)
	if err != nil || s == nil {
		return err
	}
	if first := s.CachedInfo().State.FirstSeq; first > from+1 && s.CachedInfo().State.Msgs > 0 {
		return fmt.Errorf("stream %s starts at sequence %d, after this replica's position %d: start the replica on an empty --db to bootstrap from the newest snapshot", r.opt.Stream, first, from)
	}
	cons, err := s.OrderedConsumer(ctx, cfg)
	if err != nil {
		return fmt.Errorf("consume stream %s from %d: %w", r.opt.Stream, from+1, err)
	}
	go r.watchLast(ctx, s)
	it, err := cons.Messages()
	if err != nil {
		return fmt.Errorf("consume stream %s: %w", r.opt.Stream, err)
	}
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	defer it.Stop()
	for {
		msg, err := it.Next()
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("consume stream %s: %w", r.opt.Stream, err)
		}
		meta, err := msg.Metadata()
		if err != nil {
			return fmt.Errorf("stream %s: message without metadata: %w", r.opt.Stream, err)
		}
		seq := meta.Sequence.Stream
		r.last.Store(max(r.last.Load(), seq+meta.NumPending))
		if seq <= r.applied.Load() {
			continue
		}
		cs, err := graph.DecodeChangeSet(msg.Data())
		if err != nil {
			return fmt.Errorf("stream %s sequence %d: %w", r.opt.Stream, seq, err)
		}
		if err := r.st.Apply(ctx, cs, seq); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		r.applied.Store(seq)
	}
}

// waitStream waits for the stream to exist (the writer creates it), or
// for ctx (nil, nil).
func (r *Replica) waitStream(ctx context.Context) (jetstream.Stream, error) {
	logged := false
	for {
		s, err := r.js.Stream(ctx, r.opt.Stream)
		if err == nil {
			return s, nil
		}
		if !logged {
			r.opt.Logger.Warn("waiting for the stream", "stream", r.opt.Stream, "err", err)
			logged = true
		}
		select {
		case <-ctx.Done():
			return nil, nil
		case <-time.After(time.Second):
		}
	}
}

// watchLast polls the stream's last sequence, so that the lag shows while
// no change arrives (the replica cut off, or slow).
func (r *Replica) watchLast(ctx context.Context, s jetstream.Stream) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if info, err := s.Info(ctx); err == nil {
			r.last.Store(max(r.last.Load(), info.State.LastSeq))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Close closes the NATS connection.
func (r *Replica) Close() error {
	r.nc.Close()
	return nil
}
