package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
)

// headline is the query the GraphiQL page opens with in production.
const headline = `{ meetings(participant: "Blinken") { edges { node { participants { name } date place { name } city { name } sources { url title } } } } }`

// echoExec answers with what it was asked, so tests can see the decoding.
var echoExec = ExecutorFunc(func(ctx context.Context, query string, vars map[string]any, op string) *graphql.Result {
	return &graphql.Result{Data: map[string]any{
		"query":     query,
		"variables": vars,
		"operation": op,
		"requestID": RequestID(ctx),
	}}
})

func quietOptions() Options {
	o := DefaultOptions()
	o.Logger = slog.New(slog.DiscardHandler)
	return o
}

// logBuffer is a goroutine-safe sink for a JSON slog handler.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// lines returns the decoded log records.
func (b *logBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

type reply struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

func do(t *testing.T, h http.Handler, req *http.Request) (*httptest.ResponseRecorder, reply) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var rep reply
	if ct := rec.Header().Get("Content-Type"); strings.HasPrefix(ct, "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil {
			t.Fatalf("reply %q is not JSON: %v", rec.Body.String(), err)
		}
	}
	return rec, rep
}

func TestGraphQLRequests(t *testing.T) {
	h := New(echoExec, quietOptions())
	get := func(q url.Values) *http.Request {
		return httptest.NewRequest(http.MethodGet, "/graphql?"+q.Encode(), nil)
	}
	post := func(ct, body string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		return r
	}
	tests := []struct {
		name      string
		req       *http.Request
		status    int
		query     string
		variables map[string]any
		operation string
		errSubstr string
	}{
		{name: "post json", req: post("application/json", `{"query":"{ a }","variables":{"x":1},"operationName":"Op"}`),
			status: 200, query: "{ a }", variables: map[string]any{"x": 1.0}, operation: "Op"},
		{name: "post json charset", req: post("application/json; charset=utf-8", `{"query":"{ b }"}`),
			status: 200, query: "{ b }"},
		{name: "post no content type is json", req: post("", `{"query":"{ c }"}`), status: 200, query: "{ c }"},
		{name: "post raw graphql", req: post("application/graphql", headline), status: 200, query: headline},
		{name: "post raw graphql with url variables",
			req:    withURL(post("application/graphql", "query Q($n: String) { a(n: $n) }"), "/graphql?operationName=Q&variables=%7B%22n%22%3A%22x%22%7D"),
			status: 200, query: "query Q($n: String) { a(n: $n) }", variables: map[string]any{"n": "x"}, operation: "Q"},
		{name: "get query", req: get(url.Values{"query": {headline}}), status: 200, query: headline},
		{name: "get with variables and operation",
			req:    get(url.Values{"query": {"query A { a } query B { b }"}, "variables": {`{"k":"v"}`}, "operationName": {"B"}}),
			status: 200, query: "query A { a } query B { b }", variables: map[string]any{"k": "v"}, operation: "B"},
		{name: "get query beside a mutation",
			req:    get(url.Values{"query": {"query A { a } mutation M { m }"}, "operationName": {"A"}}),
			status: 200, query: "query A { a } mutation M { m }", operation: "A"},
		{name: "get mutation", req: get(url.Values{"query": {"mutation { m }"}}), status: 405, errSubstr: "mutation"},
		{name: "get named mutation", req: get(url.Values{"query": {"query A { a } mutation M { m }"}, "operationName": {"M"}}),
			status: 405, errSubstr: "POST"},
		{name: "get subscription", req: get(url.Values{"query": {"subscription { s }"}}), status: 405},
		{name: "get syntax error goes to executor", req: get(url.Values{"query": {"{ a"}}), status: 200, query: "{ a"},
		{name: "get missing query", req: get(url.Values{}), status: 400, errSubstr: "missing query"},
		{name: "get bad variables", req: get(url.Values{"query": {"{ a }"}, "variables": {"{nope"}}), status: 400, errSubstr: "invalid variables"},
		{name: "bad json", req: post("application/json", `{"query":`), status: 400, errSubstr: "invalid JSON"},
		{name: "json syntax error", req: post("application/json", `{"query" "x"}`), status: 400, errSubstr: "syntax error"},
		{name: "json wrong type", req: post("application/json", `{"query": 5}`), status: 400, errSubstr: "wrong type"},
		{name: "json trailing data", req: post("application/json", `{"query":"{ a }"} {}`), status: 400, errSubstr: "unexpected data"},
		{name: "empty body", req: post("application/json", ``), status: 400, errSubstr: "empty"},
		{name: "post missing query", req: post("application/json", `{"variables":{}}`), status: 400, errSubstr: "missing query"},
		{name: "unsupported content type", req: post("text/plain", `{ a }`), status: 415, errSubstr: "Content-Type"},
		{name: "put", req: httptest.NewRequest(http.MethodPut, "/graphql", strings.NewReader(`{}`)), status: 405},
		{name: "unknown path", req: httptest.NewRequest(http.MethodGet, "/nope", nil), status: 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, rep := do(t, h, tc.req)
			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tc.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if tc.status == http.StatusMethodNotAllowed && tc.req.URL.Path == "/graphql" && tc.req.Method == http.MethodGet {
				if got := rec.Header().Get("Allow"); got != "POST" {
					t.Errorf("Allow = %q, want POST", got)
				}
			}
			if tc.status != http.StatusOK {
				if len(rep.Errors) == 0 || !strings.Contains(rep.Errors[0].Message, tc.errSubstr) {
					t.Errorf("errors = %+v, want one containing %q", rep.Errors, tc.errSubstr)
				}
				return
			}
			if rep.Data["query"] != tc.query || rep.Data["operation"] != tc.operation {
				t.Errorf("executor got query %q op %q, want %q %q", rep.Data["query"], rep.Data["operation"], tc.query, tc.operation)
			}
			gotVars, _ := rep.Data["variables"].(map[string]any)
			if len(gotVars) != len(tc.variables) {
				t.Errorf("variables = %v, want %v", gotVars, tc.variables)
			}
			for k, v := range tc.variables {
				if gotVars[k] != v {
					t.Errorf("variables[%q] = %v, want %v", k, gotVars[k], v)
				}
			}
		})
	}
}

// withURL points r at target.
func withURL(r *http.Request, target string) *http.Request {
	u, err := url.Parse(target)
	if err != nil {
		panic(err)
	}
	r.URL = u
	r.RequestURI = target
	return r
}

func TestResultShape(t *testing.T) {
	exec := ExecutorFunc(func(context.Context, string, map[string]any, string) *graphql.Result {
		return &graphql.Result{Data: map[string]any{"a": nil}, Errors: []gqlerrors.FormattedError{{Message: "boom"}}}
	})
	rec, _ := do(t, New(exec, quietOptions()), httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil))
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw["data"]) != `{"a":null}` || !strings.Contains(string(raw["errors"]), "boom") {
		t.Errorf("body = %s", rec.Body)
	}
}

func TestBodyLimit(t *testing.T) {
	big := func(n int) string {
		return `{"query":"{ a }","variables":{"pad":"` + strings.Repeat("x", n) + `"}}`
	}
	tests := []struct {
		name   string
		limit  int64
		body   string
		status int
	}{
		{name: "under custom limit", limit: 200, body: big(100), status: 200},
		{name: "over custom limit", limit: 200, body: big(300), status: 413},
		{name: "over custom limit raw", limit: 200, body: strings.Repeat("{ a }", 100), status: 413},
		{name: "default allows 1000 KiB", limit: 0, body: big(1000 << 10), status: 200},
		{name: "default refuses over 1 MiB", limit: 0, body: big(1 << 20), status: 413},
		{name: "negative disables", limit: -1, body: big(2 << 20), status: 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := quietOptions()
			opt.MaxBodyBytes = tc.limit
			ct := "application/json"
			if !strings.HasPrefix(tc.body, "{\"") {
				ct = "application/graphql"
			}
			r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tc.body))
			r.Header.Set("Content-Type", ct)
			rec, rep := do(t, New(echoExec, opt), r)
			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d", rec.Code, tc.status)
			}
			if tc.status == 413 && (len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Message, "larger than")) {
				t.Errorf("errors = %+v", rep.Errors)
			}
		})
	}
	if DefaultOptions().MaxBodyBytes != 1<<20 {
		t.Errorf("default MaxBodyBytes = %d", DefaultOptions().MaxBodyBytes)
	}
}

// blockingExec blocks every call until release is closed.
type blockingExec struct {
	started chan struct{}
	release chan struct{}
}

func newBlockingExec() *blockingExec {
	return &blockingExec{started: make(chan struct{}, 100), release: make(chan struct{})}
}

func (b *blockingExec) Execute(ctx context.Context, _ string, _ map[string]any, _ string) *graphql.Result {
	b.started <- struct{}{}
	<-b.release
	return &graphql.Result{Data: map[string]any{"ok": true}}
}

func TestConcurrencyLimit(t *testing.T) {
	for _, limit := range []int{1, 3} {
		t.Run(fmt.Sprint("cap ", limit), func(t *testing.T) {
			exec := newBlockingExec()
			opt := quietOptions()
			opt.MaxConcurrent = limit
			h := New(exec, opt)
			req := func() *http.Request {
				return httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil)
			}

			var wg sync.WaitGroup
			codes := make(chan int, limit)
			for range limit {
				wg.Add(1)
				go func() {
					defer wg.Done()
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req())
					codes <- rec.Code
				}()
			}
			for range limit {
				select {
				case <-exec.started:
				case <-time.After(5 * time.Second):
					t.Fatal("executor not reached")
				}
			}

			rec, rep := do(t, h, req())
			if rec.Code != http.StatusTooManyRequests {
				t.Fatalf("status at cap = %d, want 429", rec.Code)
			}
			if rec.Header().Get("Retry-After") != "1" {
				t.Errorf("Retry-After = %q", rec.Header().Get("Retry-After"))
			}
			if len(rep.Errors) != 1 {
				t.Errorf("errors = %+v", rep.Errors)
			}
			// Other routes are not capped.
			if rec, _ := do(t, h, httptest.NewRequest(http.MethodGet, "/healthz", nil)); rec.Code != 200 {
				t.Errorf("healthz at cap = %d", rec.Code)
			}

			close(exec.release)
			wg.Wait()
			close(codes)
			for c := range codes {
				if c != http.StatusOK {
					t.Errorf("held request status = %d", c)
				}
			}
			if rec, _ := do(t, h, req()); rec.Code != http.StatusOK {
				t.Errorf("status after release = %d", rec.Code)
			}
		})
	}
	if DefaultOptions().MaxConcurrent != 64 {
		t.Errorf("default MaxConcurrent = %d", DefaultOptions().MaxConcurrent)
	}
}

func TestTimeout(t *testing.T) {
	const timeout = 50 * time.Millisecond
	tests := []struct {
		name       string
		honoursCtx bool
		wantInBody string
	}{
		{name: "executor honours ctx", honoursCtx: true, wantInBody: "context deadline exceeded"},
		{name: "executor ignores ctx", honoursCtx: false, wantInBody: "timed out"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seen := make(chan error, 1)
			release := make(chan struct{})
			defer close(release)
			exec := ExecutorFunc(func(ctx context.Context, _ string, _ map[string]any, _ string) *graphql.Result {
				if _, ok := ctx.Deadline(); !ok {
					seen <- errors.New("no deadline on executor ctx")
					return nil
				}
				if !tc.honoursCtx {
					<-release
					seen <- nil
					return &graphql.Result{}
				}
				<-ctx.Done()
				seen <- ctx.Err()
				return &graphql.Result{Errors: []gqlerrors.FormattedError{{Message: ctx.Err().Error()}}}
			})
			opt := quietOptions()
			opt.Timeout = timeout
			start := time.Now()
			rec, rep := do(t, New(exec, opt), httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil))
			elapsed := time.Since(start)

			if elapsed > timeout+timeoutGrace+time.Second {
				t.Errorf("reply took %v", elapsed)
			}
			if rec.Code != http.StatusGatewayTimeout {
				t.Errorf("status = %d, want 504", rec.Code)
			}
			if !strings.Contains(rec.Body.String(), tc.wantInBody) || !strings.Contains(rep.Errors[0].Message, "timed out") {
				t.Errorf("body = %s", rec.Body)
			}
			if tc.honoursCtx {
				if err := <-seen; !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("executor saw %v, want deadline exceeded", err)
				}
			}
		})
	}
	if DefaultOptions().Timeout != 10*time.Second {
		t.Errorf("default Timeout = %v", DefaultOptions().Timeout)
	}
}

// The slot of an executor that ignores its deadline stays taken until it
// really returns, so stuck work cannot pile up past the cap.
func TestTimedOutWorkKeepsSlot(t *testing.T) {
	exec := newBlockingExec()
	opt := quietOptions()
	opt.Timeout = 20 * time.Millisecond
	opt.MaxConcurrent = 1
	h := New(exec, opt)
	req := func() *http.Request { return httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil) }
	if rec, _ := do(t, h, req()); rec.Code != http.StatusGatewayTimeout {
		t.Fatalf("status = %d, want 504", rec.Code)
	}
	if rec, _ := do(t, h, req()); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("status while stuck = %d, want 429", rec.Code)
	}
	close(exec.release)
	deadline := time.Now().Add(5 * time.Second)
	for {
		rec, _ := do(t, h, req())
		if rec.Code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("slot never freed: status %d", rec.Code)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestPanics(t *testing.T) {
	var logs logBuffer
	opt := quietOptions()
	opt.Logger = logs.logger()
	exec := ExecutorFunc(func(context.Context, string, map[string]any, string) *graphql.Result {
		panic("secret internal detail")
	})
	r := httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil)
	r.Header.Set(RequestIDHeader, "panic-req-1")
	rec, rep := do(t, New(exec, opt), r)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "secret") || len(rep.Errors) != 1 {
		t.Errorf("unsafe body %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "secret internal detail") || !strings.Contains(logs.String(), "panic-req-1") {
		t.Errorf("panic not logged with request id: %s", logs.String())
	}
}

func TestRecoverMiddleware(t *testing.T) {
	var logs logBuffer
	router := chi.NewRouter()
	router.Use(baseMiddleware(logs.logger())...)
	router.Get("/x", func(http.ResponseWriter, *http.Request) { panic(errors.New("handler secret")) })
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set(RequestIDHeader, "rec-7")
	rec, _ := do(t, router, r)
	// chi's Recoverer answers a bare 500, with no body to leak anything.
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "handler secret") {
		t.Errorf("status %d body %s", rec.Code, rec.Body)
	}
	var found bool
	for _, l := range logs.lines(t) {
		p, _ := l["panic"].(string)
		if l["request_id"] == "rec-7" && strings.Contains(p, "handler secret") && l["stack"] != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("no panic log with request id: %s", logs.String())
	}

	t.Run("abort handler passes through", func(t *testing.T) {
		h := middleware.Recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			panic(http.ErrAbortHandler)
		}))
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Errorf("recovered %v, want ErrAbortHandler", p)
			}
		}()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	})
}

func TestHealthz(t *testing.T) {
	tests := []struct {
		name   string
		health func(context.Context) error
		status int
		body   string
	}{
		{name: "no check", health: nil, status: 200, body: `{"status":"ok"}`},
		{name: "store ok", health: func(ctx context.Context) error {
			if _, ok := ctx.Deadline(); !ok {
				return errors.New("no deadline")
			}
			return nil
		}, status: 200, body: `{"status":"ok","store":"ok"}`},
		{name: "store down", health: func(context.Context) error { return errors.New("badger: closed") },
			status: 503, body: `{"status":"unavailable","store":"error"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := quietOptions()
			opt.Health = tc.health
			rec, _ := do(t, New(echoExec, opt), httptest.NewRequest(http.MethodGet, "/healthz", nil))
			if rec.Code != tc.status || strings.TrimSpace(rec.Body.String()) != tc.body {
				t.Errorf("got %d %s, want %d %s", rec.Code, rec.Body, tc.status, tc.body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	var logs logBuffer
	opt := quietOptions()
	opt.Logger = logs.logger()
	h := New(echoExec, opt)
	tests := []struct {
		name string
		sent string
		keep bool
	}{
		{name: "generated when absent", sent: "", keep: false},
		{name: "echoed", sent: "client-id-42", keep: true},
		{name: "space replaced", sent: "a b", keep: false},
		{name: "control replaced", sent: "a\x01b", keep: false},
		{name: "too long replaced", sent: strings.Repeat("x", 129), keep: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil)
			if tc.sent != "" {
				r.Header.Set(RequestIDHeader, tc.sent)
			}
			rec, rep := do(t, h, r)
			id := rec.Header().Get(RequestIDHeader)
			if tc.keep && id != tc.sent {
				t.Errorf("id = %q, want %q", id, tc.sent)
			}
			// Generated by chi's middleware.RequestID: host/random-counter.
			if !tc.keep && (!strings.Contains(id, "/") || !validRequestID(id) || id == tc.sent) {
				t.Errorf("generated id = %q", id)
			}
			if rep.Data["requestID"] != id {
				t.Errorf("executor ctx id = %v, header %q", rep.Data["requestID"], id)
			}
			var logged bool
			for _, l := range logs.lines(t) {
				if l["request_id"] == id {
					logged = true
				}
			}
			if !logged {
				t.Errorf("id %q not in logs", id)
			}
		})
	}
	if RequestID(context.Background()) != "" {
		t.Error("RequestID outside a request is not empty")
	}
}

func TestAccessLog(t *testing.T) {
	var logs logBuffer
	opt := quietOptions()
	opt.Logger = logs.logger()
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ a }"}`))
	r.Header.Set(RequestIDHeader, "log-1")
	rec, _ := do(t, New(echoExec, opt), r)
	lines := logs.lines(t)
	if len(lines) != 1 {
		t.Fatalf("want one access log line, got %s", logs.String())
	}
	l := lines[0]
	want := map[string]any{"msg": "http request", "method": "POST", "path": "/graphql", "status": 200.0,
		"bytes": float64(rec.Body.Len()), "request_id": "log-1"}
	for k, v := range want {
		if l[k] != v {
			t.Errorf("log[%q] = %v, want %v", k, l[k], v)
		}
	}
	if _, ok := l["duration"].(float64); !ok {
		t.Errorf("no duration in %v", l)
	}
}

func TestCORS(t *testing.T) {
	const origin = "https://app.example"
	preflight := func(origin string) *http.Request {
		r := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", "POST")
		r.Header.Set("Access-Control-Request-Headers", "content-type, authorization")
		return r
	}
	simple := func(origin string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ a }"}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Origin", origin)
		return r
	}
	tests := []struct {
		name       string
		origins    []string
		req        *http.Request
		status     int
		allowOrign string
	}{
		{name: "off preflight", origins: nil, req: preflight(origin), status: 405},
		{name: "off simple", origins: nil, req: simple(origin), status: 200},
		{name: "on preflight", origins: []string{origin}, req: preflight(origin), status: 204, allowOrign: origin},
		{name: "on simple", origins: []string{origin}, req: simple(origin), status: 200, allowOrign: origin},
		{name: "on other origin preflight", origins: []string{origin}, req: preflight("https://evil.example"), status: 403},
		{name: "on other origin simple", origins: []string{origin}, req: simple("https://evil.example"), status: 200},
		{name: "wildcard", origins: []string{"*"}, req: preflight("http://localhost:3000"), status: 204, allowOrign: "http://localhost:3000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := quietOptions()
			opt.CORSOrigins = tc.origins
			rec, _ := do(t, New(echoExec, opt), tc.req)
			if rec.Code != tc.status {
				t.Errorf("status = %d, want %d", rec.Code, tc.status)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tc.allowOrign {
				t.Errorf("Allow-Origin = %q, want %q", got, tc.allowOrign)
			}
			if tc.status == 204 {
				if !strings.Contains(rec.Header().Get("Access-Control-Allow-Methods"), "POST") ||
					!strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Content-Type") ||
					!strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Authorization") ||
					rec.Header().Get("Access-Control-Max-Age") == "" {
					t.Errorf("preflight headers %v", rec.Header())
				}
			}
		})
	}
}

func TestNilExecutor(t *testing.T) {
	rec, _ := do(t, New(nil, quietOptions()), httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status = %d", rec.Code)
	}
}

func TestOptionsDefaults(t *testing.T) {
	d := DefaultOptions()
	if d.Addr != "127.0.0.1:8080" || d.Logger == nil || d.CORSOrigins != nil || d.Health != nil {
		t.Errorf("DefaultOptions() = %+v", d)
	}
	z := Options{}.withDefaults()
	if z.Addr != d.Addr || z.MaxBodyBytes != d.MaxBodyBytes || z.Timeout != d.Timeout || z.MaxConcurrent != d.MaxConcurrent || z.Logger == nil {
		t.Errorf("zero options filled as %+v", z)
	}
	n := Options{MaxBodyBytes: -1, Timeout: -1, MaxConcurrent: -1}.withDefaults()
	if n.MaxBodyBytes != -1 || n.Timeout != -1 || n.MaxConcurrent != -1 {
		t.Errorf("negative options changed: %+v", n)
	}
}

func TestOperationType(t *testing.T) {
	tests := []struct {
		query, op, want string
	}{
		{"{ a }", "", "query"},
		{"query Q { a }", "", "query"},
		{"mutation { m }", "", "mutation"},
		{"subscription S { s }", "S", "subscription"},
		{"query A { a } mutation B { b }", "B", "mutation"},
		{"query A { a } mutation B { b }", "A", "query"},
		{"query A { a } mutation B { b }", "", ""},
		{"query A { a }", "Missing", ""},
		{"fragment F on T { a } mutation { ...F }", "", "mutation"},
		{"{ a", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.query+"/"+tc.op, func(t *testing.T) {
			if got := operationType(tc.query, tc.op); got != tc.want {
				t.Errorf("operationType = %q, want %q", got, tc.want)
			}
		})
	}
}

func BenchmarkHandlerPOST(b *testing.B) {
	h := New(echoExec, quietOptions())
	body := []byte(`{"query":` + strconvQuote(headline) + `,"variables":{"x":1}}`)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

func BenchmarkHandlerGET(b *testing.B) {
	h := New(echoExec, quietOptions())
	target := "/graphql?" + url.Values{"query": {headline}}.Encode()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

func BenchmarkHandlerParallel(b *testing.B) {
	opt := quietOptions()
	opt.MaxConcurrent = -1
	h := New(echoExec, opt)
	body := []byte(`{"query":` + strconvQuote(headline) + `}`)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != 200 {
				b.Error(rec.Code)
				return
			}
		}
	})
}

func BenchmarkOperationType(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if operationType(headline, "") != "query" {
			b.Fatal("not a query")
		}
	}
}

func strconvQuote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
