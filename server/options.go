package server

import (
	"context"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/newsgraph/newsgraph/graph/export"
)

// Defaults used by DefaultOptions and in place of zero-valued Options fields.
const (
	// DefaultAddr is the loopback address served when Options.Addr is empty.
	DefaultAddr = "127.0.0.1:8080"
	// DefaultMaxBodyBytes caps a GraphQL request body (1 MiB).
	DefaultMaxBodyBytes int64 = 1 << 20
	// DefaultTimeout bounds the work done for one request.
	DefaultTimeout = 10 * time.Second
	// DefaultMaxConcurrent caps GraphQL requests executing at once.
	DefaultMaxConcurrent = 64
	// DefaultMutationTimeout bounds how long a mutation may wait for the
	// mutations before it.
	DefaultMutationTimeout = time.Minute
	// DefaultMaxMutations caps mutations running or waiting at once.
	DefaultMaxMutations = 16
	// DefaultShutdownGrace is how long in-flight requests may finish after
	// the server is told to stop.
	DefaultShutdownGrace = time.Second
)

// Timeouts of the http.Server built by ListenAndServe. They guard the
// connection itself (slow clients), while Options.Timeout guards the work.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	idleTimeout       = 120 * time.Second
	// writeSlack is added to Options.Timeout for the server's WriteTimeout so
	// that a request that times out still has time to send its error.
	writeSlack = 5 * time.Second
)

// Options configures New and ListenAndServe. A zero field takes the default
// named on it; a negative limit disables that limit.
type Options struct {
	// Addr is the TCP address ListenAndServe listens on; default
	// DefaultAddr. A port of 0 picks a free port, reported through Ready.
	Addr string
	// Logger receives access logs, recovered panics and server errors;
	// default slog.Default().
	Logger *slog.Logger
	// MaxBodyBytes caps a request body; beyond it the reply is 413.
	// Default DefaultMaxBodyBytes (1 MiB).
	MaxBodyBytes int64
	// Timeout bounds one query, from before it is parsed: its context,
	// which reaches the executor, is cancelled after it and the reply is
	// 504. Mutations have MutationTimeout instead. Default DefaultTimeout (10 s).
	// The server's WriteTimeout is Timeout plus 5 s; its ReadHeaderTimeout is
	// 5 s, its ReadTimeout 15 s and its IdleTimeout 120 s.
	Timeout time.Duration
	// MaxConcurrent caps GraphQL requests being executed at once; beyond it
	// the reply is 429 with Retry-After. Default DefaultMaxConcurrent (64).
	MaxConcurrent int
	// Token is the bearer token a mutation needs: one is run only for a POST
	// with "Authorization: Bearer <Token>"; without it, or with another
	// token, the reply is 401 with WWW-Authenticate: Bearer and the executor
	// is not called. Empty, the default, disables mutations (403). Queries
	// never need it.
	Token string
	// MutationTimeout bounds how long a mutation may wait for its turn
	// behind the mutations before it (they run one at a time) and check
	// its preconditions; if it runs out first the mutation changes nothing
	// and its answer says so. Once a mutation starts writing it finishes
	// and answers, however long that takes. Default DefaultMutationTimeout.
	MutationTimeout time.Duration
	// MaxMutations caps the mutations running or waiting at once; beyond
	// it the reply is 429 with Retry-After. They do not count against
	// MaxConcurrent. Default DefaultMaxMutations.
	MaxMutations int
	// AllowedHosts lists the names the Host header may give (any port;
	// "*" for any); another gets 421, which stops DNS rebinding. Empty, the
	// default, checks nothing: LoopbackHosts gives the list a server on a
	// loopback address should use. X-Forwarded-Host, X-Forwarded-For and
	// X-Forwarded-Proto are never read: behind a proxy, the proxy must pass
	// Host on (or its name be listed here), and logs show the proxy's
	// address.
	AllowedHosts []string
	// ShutdownGrace is how long ListenAndServe lets in-flight requests
	// finish once its context is done, before it cancels their contexts
	// and closes their connections. Default DefaultShutdownGrace.
	ShutdownGrace time.Duration
	// CORSOrigins lists the origins allowed to call the API from a browser
	// ("*" allows any). Empty, the default, sends no CORS headers.
	CORSOrigins []string
	// DefaultQuery is the query GraphiQL shows on a first visit.
	DefaultQuery string
	// Health, if set, reports the state of the store behind the API; /healthz
	// answers 503 when it returns an error. It gets a context bounded by Timeout.
	Health func(context.Context) error
	// Replica, if set, is a read replica's position in the writer's
	// changelog, which /healthz reports.
	Replica func() ReplicaStatus
	// ReadOnly, if set, makes the server refuse mutations and POST /ingest
	// (403) with this message, which should say where writes go: a read
	// replica's.
	ReadOnly string
	// Ingest, if set, serves POST /ingest: JSONL articles (or one JSON
	// article) stored while the server answers queries, with the token that
	// mutations need. Unset, /ingest is not served.
	Ingest IngestFunc
	// MaxIngestBytes caps a POST /ingest body; beyond it the reply is 413
	// and the articles before that point stay stored. Default
	// DefaultMaxIngestBytes (256 MiB).
	MaxIngestBytes int64
	// Ready, if set, is called by ListenAndServe with the bound address once
	// the listener is open and before requests are served.
	Ready func(addr net.Addr)
	// Export, if set, serves GET /export/{format}?center=NAME&depth=N: it
	// writes the graph, or the cut around center, in r.Format to w, and
	// returns errors wrapping export.ErrBadRequest for the request's own
	// faults. Unset, /export/ answers 404. It gets a context bounded by Timeout.
	Export func(ctx context.Context, w io.Writer, r export.Request) error
}

// DefaultOptions returns the options used for a zero field, with Logger set to
// slog.Default().
func DefaultOptions() Options {
	return Options{
		Addr:          DefaultAddr,
		Logger:        slog.Default(),
		MaxBodyBytes:  DefaultMaxBodyBytes,
		Timeout:       DefaultTimeout,
		MaxConcurrent: DefaultMaxConcurrent,

		MutationTimeout: DefaultMutationTimeout,
		MaxMutations:    DefaultMaxMutations,
		ShutdownGrace:   DefaultShutdownGrace,
		MaxIngestBytes:  DefaultMaxIngestBytes,
	}
}

// withDefaults fills zero fields with their defaults.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Addr == "" {
		o.Addr = d.Addr
	}
	if o.Logger == nil {
		o.Logger = d.Logger
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = d.MaxBodyBytes
	}
	if o.Timeout == 0 {
		o.Timeout = d.Timeout
	}
	if o.MaxIngestBytes == 0 {
		o.MaxIngestBytes = d.MaxIngestBytes
	}
	if o.MaxConcurrent == 0 {
		o.MaxConcurrent = d.MaxConcurrent
	}
	if o.MutationTimeout == 0 {
		o.MutationTimeout = d.MutationTimeout
	}
	if o.MaxMutations == 0 {
		o.MaxMutations = d.MaxMutations
	}
	if o.ShutdownGrace <= 0 {
		o.ShutdownGrace = d.ShutdownGrace
	}
	return o
}
