package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"
)

// RequestIDHeader carries the request ID in requests and replies.
const RequestIDHeader = "X-Request-ID"

// maxRequestIDLen bounds an ID taken from a client.
const maxRequestIDLen = 128

// RequestID returns the ID of the request ctx belongs to, or "" outside one.
func RequestID(ctx context.Context) string { return middleware.GetReqID(ctx) }

// requestIDMiddleware is chi's middleware.RequestID, which keeps a client's
// X-Request-ID or makes one, with two additions: a client ID that could
// inject anything into headers or logs is dropped first (chi then makes
// one), and the ID is echoed in the reply.
func requestIDMiddleware(next http.Handler) http.Handler {
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(RequestIDHeader, RequestID(r.Context()))
		next.ServeHTTP(w, r)
	})
	withID := middleware.RequestID(echo)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id := r.Header.Get(RequestIDHeader); id != "" && !validRequestID(id) {
			r.Header.Del(RequestIDHeader)
		}
		withID.ServeHTTP(w, r)
	})
}

// validRequestID accepts 1 to 128 printable ASCII characters without spaces.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

// slogFormatter makes chi's middleware.RequestLogger write one slog line
// per request once it is answered, and lets middleware.Recoverer log a
// panic, with its stack, through the same logger.
type slogFormatter struct{ log *slog.Logger }

func (f slogFormatter) NewLogEntry(r *http.Request) middleware.LogEntry {
	return &slogEntry{log: f.log, r: r}
}

type slogEntry struct {
	log *slog.Logger
	r   *http.Request
}

func (e *slogEntry) Write(status, bytes int, _ http.Header, elapsed time.Duration, _ any) {
	if status == 0 {
		// Nothing was written: the client went away first.
		status = 499
	}
	// The remote address is the connection's: X-Forwarded-For is not
	// trusted (see Options.AllowedHosts).
	e.log.LogAttrs(e.r.Context(), slog.LevelInfo, "http request",
		slog.String("method", e.r.Method),
		slog.String("path", e.r.URL.Path),
		slog.Int("status", status),
		slog.Int("bytes", bytes),
		slog.Duration("duration", elapsed),
		slog.String("request_id", RequestID(e.r.Context())),
		slog.String("remote", e.r.RemoteAddr),
	)
}

func (e *slogEntry) Panic(v any, stack []byte) {
	e.log.ErrorContext(e.r.Context(), "panic serving request",
		"panic", fmt.Sprint(v),
		"method", e.r.Method,
		"path", e.r.URL.Path,
		"request_id", RequestID(e.r.Context()),
		"stack", string(stack))
}

// LoopbackHosts returns the Host names a server listening on addr should
// accept by default: when addr is a loopback address (or localhost), its
// host and "localhost", so that a web page whose own name resolves to the
// loopback address (DNS rebinding) cannot call the server; for any other
// address, nil (no check).
func LoopbackHosts(addr string) []string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return []string{"localhost"}
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil
	}
	return []string{ip.String(), "localhost"}
}

// hostCheck answers 421 Misdirected Request when a request's Host header
// names none of hosts (compared without port or case; "*" allows any).
// X-Forwarded-Host is not read: a proxy in front must pass Host on, or its
// name be added to hosts.
func hostCheck(hosts []string) func(http.Handler) http.Handler {
	allowed := map[string]bool{}
	for _, h := range hosts {
		allowed[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	return func(next http.Handler) http.Handler {
		if allowed["*"] {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			host := r.Host
			if h, _, err := net.SplitHostPort(host); err == nil {
				host = h
			}
			if !allowed[strings.ToLower(strings.Trim(host, "[]"))] {
				writeError(w, http.StatusMisdirectedRequest, "host "+strconv.Quote(r.Host)+" is not served here (see serve --allowed-host)")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// CORS settings sent to allowed origins.
var (
	corsAllowMethods = []string{http.MethodGet, http.MethodPost, http.MethodOptions}
	corsAllowHeaders = []string{"Content-Type", "Accept", "Authorization", RequestIDHeader, IdempotencyKeyHeader}
)

// corsMaxAge is how long, in seconds, a browser may cache a preflight.
const corsMaxAge = 600

// corsMiddleware is github.com/go-chi/cors for the listed origins ("*" for
// any: each is echoed back, never "*"). The library answers every
// preflight 200, allowed or not; preflights are passed through to
// preflightReply instead, which says which: 204 with the CORS headers the
// library set, or 403.
func corsMiddleware(origins []string) func(http.Handler) http.Handler {
	anyOrigin := slices.Contains(origins, "*")
	c := cors.New(cors.Options{
		AllowOriginFunc: func(_ *http.Request, origin string) bool {
			return anyOrigin || slices.Contains(origins, origin)
		},
		AllowedMethods:     corsAllowMethods,
		AllowedHeaders:     corsAllowHeaders,
		ExposedHeaders:     []string{RequestIDHeader, idempotentReplayedHeader},
		MaxAge:             corsMaxAge,
		OptionsPassthrough: true,
	})
	return func(next http.Handler) http.Handler {
		return c.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodOptions && r.Header.Get("Origin") != "" && r.Header.Get("Access-Control-Request-Method") != "" {
				preflightReply(w)
				return
			}
			next.ServeHTTP(w, r)
		}))
	}
}

func preflightReply(w http.ResponseWriter) {
	if w.Header().Get("Access-Control-Allow-Origin") == "" {
		writeError(w, http.StatusForbidden, "origin, method or headers not allowed")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
