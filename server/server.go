// Package server is newsgraph's HTTP front end: the GraphQL endpoint
// (/graphql), the GraphiQL playground (/) and the graph explorer
// (/explore, package explore) served from assets embedded in the binary so
// they work offline, the exports (/export/{format}) and /healthz. It enforces the request limits
// (body size, time, concurrency), demands a bearer token for mutations, and
// does request IDs, access logs, panic recovery (chi's middleware), the
// Host check and optional CORS (github.com/go-chi/cors); the
// GraphQL work itself, and the limits that need the schema (depth, cost,
// objects), are left to an Executor.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/graphql-go/graphql"
)

// Executor runs one GraphQL operation. It must honour ctx: the request's
// deadline and cancellation reach it through ctx. Implementations must be
// safe for concurrent use.
type Executor interface {
	Execute(ctx context.Context, query string, variables map[string]any, operationName string) *graphql.Result
}

// OperationTyper is implemented by Executors that can tell which operation
// a request would run, decided as they decide it when they run it:
// "query", "mutation" or "subscription", or an error when they would run
// none. *schema.Executor implements it. The server uses it to demand the
// token for mutations and to refuse them over GET; for an Executor without
// it, the server parses the query itself.
type OperationTyper interface {
	Operation(query, operationName string) (string, error)
}

// ErrorReporter is implemented by Executors whose results hide internal
// errors from clients behind safe messages; the server logs the causes it
// returns with the request ID. *schema.Executor implements it.
type ErrorReporter interface {
	InternalErrors(res *graphql.Result) []error
}

// ExecutorFunc adapts a function to the Executor interface.
type ExecutorFunc func(ctx context.Context, query string, variables map[string]any, operationName string) *graphql.Result

// Execute calls f.
func (f ExecutorFunc) Execute(ctx context.Context, query string, variables map[string]any, operationName string) *graphql.Result {
	return f(ctx, query, variables, operationName)
}

// New returns the HTTP handler serving exec under opt; zero fields of opt
// take their defaults. The handler is safe for concurrent use.
func New(exec Executor, opt Options) http.Handler {
	opt = opt.withDefaults()
	log := opt.Logger

	r := chi.NewRouter()
	r.Use(baseMiddleware(log)...)
	if len(opt.AllowedHosts) > 0 {
		r.Use(hostCheck(opt.AllowedHosts))
	}
	if len(opt.CORSOrigins) > 0 {
		r.Use(corsMiddleware(opt.CORSOrigins))
	}
	r.Use(middleware.GetHead)
	r.NotFound(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
	})

	gql := &graphqlHandler{
		readOnly:        opt.ReadOnly,
		exec:            exec,
		log:             log,
		maxBody:         opt.MaxBodyBytes,
		timeout:         opt.Timeout,
		token:           opt.Token,
		mutationTimeout: opt.MutationTimeout,
		keys:            newIdempotency(),
	}
	if opt.MaxConcurrent > 0 {
		gql.slots = make(chan struct{}, opt.MaxConcurrent)
	}
	if opt.MaxMutations > 0 {
		gql.mutations = make(chan struct{}, opt.MaxMutations)
	}
	r.Get("/graphql", gql.ServeHTTP)
	r.Post("/graphql", gql.ServeHTTP)

	ui := newGraphiQL(log, "/graphql", opt.DefaultQuery)
	r.Get("/", ui.serveIndex)
	r.Get("/graphiql/{file}", ui.serveAsset)
	r.Get("/favicon.ico", func(w http.ResponseWriter, _ *http.Request) {
		// No icon: say so cheaply instead of logging a 404 on every visit.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.WriteHeader(http.StatusNoContent)
	})

	if opt.ReadOnly != "" {
		r.Post("/ingest", func(w http.ResponseWriter, _ *http.Request) {
			writeError(w, http.StatusForbidden, "ingest refused: "+opt.ReadOnly)
		})
	} else if opt.Ingest != nil {
		r.Post("/ingest", (&ingestHandler{ingest: opt.Ingest, log: log, maxBody: opt.MaxIngestBytes, token: opt.Token}).ServeHTTP)
	}

	r.Get("/healthz", healthHandler(log, opt.Health, opt.Replica, opt.Timeout))
	if opt.Export != nil {
		r.Get("/export/{format}", exportHandler(log, opt.Export, opt.Timeout))
	}
	newExplorer(log, "/graphql").routes(r)
	return r
}

// baseMiddleware is what every request goes through first: its ID, its
// access log line, and recovery from a panic (logged with the stack,
// answered 500).
func baseMiddleware(log *slog.Logger) []func(http.Handler) http.Handler {
	return []func(http.Handler) http.Handler{
		requestIDMiddleware,
		middleware.RequestLogger(slogFormatter{log: log}),
		middleware.Recoverer,
	}
}

// healthHandler answers {"status":"ok"} while health (if any) succeeds and
// 503 otherwise; the cause is logged, not shown.
func healthHandler(log *slog.Logger, health func(context.Context) error, replica func() ReplicaStatus, timeout time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		var rs *ReplicaStatus
		if replica != nil {
			s := replica()
			rs = &s
		}
		if health == nil {
			writeJSON(w, http.StatusOK, healthReply{Status: "ok", Replica: rs})
			return
		}
		ctx := r.Context()
		if timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		if err := health(ctx); err != nil {
			log.ErrorContext(ctx, "health check failed", "err", err, "request_id", RequestID(ctx))
			writeJSON(w, http.StatusServiceUnavailable, healthReply{Status: "unavailable", Store: "error", Replica: rs})
			return
		}
		writeJSON(w, http.StatusOK, healthReply{Status: "ok", Store: "ok", Replica: rs})
	}
}

type healthReply struct {
	Status  string         `json:"status"`
	Store   string         `json:"store,omitempty"`
	Replica *ReplicaStatus `json:"replica,omitempty"`
}

// ReplicaStatus is what /healthz says of a read replica: how far it has
// applied the writer's changelog, and how far behind it is.
type ReplicaStatus struct {
	// Applied is the stream sequence of the last change applied.
	Applied uint64 `json:"applied"`
	// Last is the last sequence the stream was seen to hold.
	Last uint64 `json:"last"`
	// Lag is Last - Applied: the changes not applied yet.
	Lag uint64 `json:"lag"`
	// Connected reports whether the replica is connected to NATS.
	Connected bool `json:"connected"`
}

// ListenAndServe serves h on opt.Addr until ctx is cancelled, then shuts down
// promptly: in-flight requests get ShutdownGrace to finish, then their
// contexts are cancelled and the connections closed, whatever the
// requests are doing. It returns nil after a clean shutdown; a listen
// error is returned wrapped with the address.
func ListenAndServe(ctx context.Context, h http.Handler, opt Options) error {
	opt = opt.withDefaults()
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", opt.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opt.Addr, err)
	}
	reqCtx, stopRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRequests()
	writeTimeout := time.Duration(0)
	if opt.Timeout > 0 {
		writeTimeout = opt.Timeout + writeSlack
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(opt.Logger.Handler(), slog.LevelWarn),
		// Requests outlive ctx by the grace period, not more.
		BaseContext: func(net.Listener) context.Context { return reqCtx },
	}
	if opt.Ready != nil {
		opt.Ready(ln.Addr())
	}
	opt.Logger.InfoContext(ctx, "serving", "addr", ln.Addr().String())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		// Serve only returns early on a listener failure.
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}

	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), opt.ShutdownGrace)
	defer cancel()
	shutdownErr := srv.Shutdown(sctx)
	if shutdownErr != nil {
		// In-flight requests outlived the grace period: stop their work
		// and close their connections. A handler stuck in work that
		// ignores its context is left behind; the process exits anyway.
		stopRequests()
		_ = srv.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	}
	if shutdownErr != nil {
		opt.Logger.WarnContext(ctx, "requests cut short by shutdown", "addr", ln.Addr().String(), "grace", opt.ShutdownGrace)
	}
	opt.Logger.InfoContext(ctx, "server stopped", "addr", ln.Addr().String())
	return nil
}
