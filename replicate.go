package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/replica"
	"github.com/newsgraph/newsgraph/server"
)

// natsFlags are the flags of a writer (--publish) and, on serve, of a
// read replica (--replica): where the changelog is.
type natsFlags struct {
	publish, replica, stream string
	replicas                 int
	snapshotEvery            time.Duration
}

// addNATSFlags defines the changelog flags on c; serve also gets --replica
// and --snapshot-every.
func addNATSFlags(c *cobra.Command, serve bool) *natsFlags {
	f := &natsFlags{}
	fs := c.Flags()
	fs.StringVar(&f.publish, "publish", "", "append every committed change to the NATS JetStream stream at `URL` (nats://host:4222, several comma-separated) for read replicas; an article is acknowledged once the stream has it")
	if serve {
		fs.StringVar(&f.replica, "replica", "", "serve read-only as a replica of the stream at `URL`: restore the newest snapshot into an empty --db, then apply the stream")
	}
	fs.StringVar(&f.stream, "stream", replica.DefaultStream, "JetStream stream `NAME` of --publish and --replica")
	fs.IntVar(&f.replicas, "stream-replicas", replica.DefaultReplicas, "`N` NATS servers that keep the stream and the snapshots (1 for a single dev server)")
	if serve {
		fs.DurationVar(&f.snapshotEvery, "snapshot-every", 10*time.Minute, "with --publish, publish a snapshot for new replicas at start and then every `INTERVAL` (0: at start only)")
	}
	return f
}

func (f *natsFlags) check() error {
	if f.publish != "" && f.replica != "" {
		return usagef("--publish and --replica exclude each other: a server is the writer or a replica")
	}
	if f.replicas < 1 || f.snapshotEvery < 0 {
		return usagef("--stream-replicas must be at least 1 and --snapshot-every not negative")
	}
	return nil
}

func (f *natsFlags) options(url string, log *slog.Logger) replica.Options {
	return replica.Options{URL: url, Stream: f.stream, Replicas: f.replicas, Logger: log}
}

// openWriter connects the --publish changelog and opens the store with
// it, appending first a change a previous run committed but did not get
// into the stream. Without --publish it is e.open.
func (e *env) openWriter(ctx context.Context, sf *storeFlags, nf *natsFlags, deferCorrections bool, log *slog.Logger) (*store.Store, *replica.Writer, error) {
	if nf.publish == "" {
		st, err := e.open(ctx, sf, deferCorrections)
		return st, nil, err
	}
	w, err := replica.NewWriter(ctx, nf.options(nf.publish, log))
	if err != nil {
		return nil, nil, err
	}
	sf.changelog = w
	st, err := e.open(ctx, sf, deferCorrections)
	if err == nil {
		err = st.FlushChangelog(ctx)
	}
	if err != nil {
		if st != nil {
			st.Close()
		}
		w.Close()
		return nil, nil, err
	}
	return st, w, nil
}

// snapshots publishes a snapshot of st now and then every interval (0:
// once) until ctx is done; failures are logged, the next one tries again.
func snapshots(ctx context.Context, w *replica.Writer, st *store.Store, every time.Duration, log *slog.Logger) {
	for {
		t := time.Now()
		if seq, err := w.Snapshot(ctx, st); err != nil {
			if ctx.Err() == nil {
				log.Error("snapshot not published", "err", err)
			}
		} else {
			log.Info("snapshot published", "seq", seq, "took", time.Since(t).Round(time.Millisecond))
		}
		if every == 0 {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// follow starts applying the stream of nf.replica to st, after restoring
// the newest snapshot into an empty store. The server options it returns
// make the server read-only and report the replica's lag; stop stops the
// replica and returns why it stopped early, if it did. cancel is called
// when the replica stops early, to stop the server too.
func follow(ctx context.Context, st *store.Store, nf *natsFlags, log *slog.Logger, cancel context.CancelFunc) (server.Options, func() error, error) {
	r, err := replica.NewReplica(ctx, st, nf.options(nf.replica, log))
	if err != nil {
		return server.Options{}, nil, err
	}
	if ok, err := r.Bootstrap(ctx); err != nil {
		r.Close()
		return server.Options{}, nil, err
	} else if ok {
		log.Info("restored the newest snapshot", "seq", r.Status().Applied)
	}
	done := make(chan error, 1)
	go func() {
		err := r.Run(ctx)
		if err != nil {
			log.Error("replica stopped", "err", err)
		}
		done <- err
		cancel()
	}()
	opt := server.Options{
		ReadOnly: fmt.Sprintf("this server is a read replica of stream %s at %s; send writes to the writer (newsgraph serve --publish)", nf.stream, redactURL(nf.replica)),
		Replica: func() server.ReplicaStatus {
			s := r.Status()
			return server.ReplicaStatus{Applied: s.Applied, Last: s.Last, Lag: s.Lag(), Connected: s.Connected}
		},
	}
	stop := func() error {
		cancel()
		err := <-done
		r.Close()
		return err
	}
	return opt, stop, nil
}

// redactURL drops the user information of NATS URLs, for messages.
func redactURL(u string) string {
	var out []string
	for _, p := range strings.Split(u, ",") {
		if at := strings.LastIndex(p, "@"); at >= 0 {
			scheme, _, _ := strings.Cut(p, "://")
			p = scheme + "://" + p[at+1:]
		}
		out = append(out, p)
	}
	return strings.Join(out, ",")
}
