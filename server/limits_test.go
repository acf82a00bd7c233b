package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// countingExec is the real executor (its Operation and InternalErrors
// included) that counts the requests it is asked to execute.
type countingExec struct {
	*schema.Executor
	n atomic.Int64
}

func (c *countingExec) Execute(ctx context.Context, q string, vars map[string]any, op string) *graphql.Result {
	c.n.Add(1)
	return c.Executor.Execute(ctx, q, vars, op)
}

var (
	_ Executor       = (*schema.Executor)(nil)
	_ OperationTyper = (*schema.Executor)(nil)
	_ ErrorReporter  = (*schema.Executor)(nil)
)

func postJSON(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}

func gqlBody(query, op string) string {
	b, _ := json.Marshal(map[string]any{"query": query, "operationName": op})
	return string(b)
}

func TestMutationAuth(t *testing.T) {
	const token = "s3cret-token"
	// mutation { __typename } is valid whatever fields Mutation has, and
	// graphql-go lets it through validation even with no Mutation type.
	const mutation = `mutation { __typename }`
	const mixed = `query Q { sources { totalCount } } mutation M { __typename }`
	withAuth := func(r *http.Request, v string) *http.Request {
		r.Header.Set("Authorization", v)
		return r
	}
	tests := []struct {
		name      string
		token     string // server's
		req       *http.Request
		status    int
		executed  bool
		errSubstr string
		challenge string // WWW-Authenticate prefix, for 401
	}{
		{name: "query needs no token", token: token, req: postJSON(gqlBody(`{ sources { totalCount } }`, "")), status: 200, executed: true},
		{name: "mutation without token", token: token, req: postJSON(gqlBody(mutation, "")), status: 401,
			errSubstr: "Authorization: Bearer", challenge: "Bearer"},
		{name: "mutation wrong token", token: token, req: withAuth(postJSON(gqlBody(mutation, "")), "Bearer nope"), status: 401,
			errSubstr: "invalid bearer token", challenge: `Bearer realm="newsgraph", error="invalid_token"`},
		{name: "mutation token prefix", token: token, req: withAuth(postJSON(gqlBody(mutation, "")), "Bearer s3cret"), status: 401},
		{name: "mutation basic auth", token: token, req: withAuth(postJSON(gqlBody(mutation, "")), "Basic "+token), status: 401, challenge: "Bearer"},
		{name: "mutation bare token", token: token, req: withAuth(postJSON(gqlBody(mutation, "")), token), status: 401},
		{name: "mutation right token", token: token, req: withAuth(postJSON(gqlBody(mutation, "")), "Bearer "+token), status: 200, executed: true},
		{name: "scheme any case", token: token, req: withAuth(postJSON(gqlBody(mutation, "")), "bearer "+token), status: 200, executed: true},
		{name: "raw graphql mutation", token: token, req: func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(mutation))
			r.Header.Set("Content-Type", "application/graphql")
			return r
		}(), status: 401},
		{name: "operationName picks the query", token: token, req: postJSON(gqlBody(mixed, "Q")), status: 200, executed: true},
		{name: "operationName picks the mutation", token: token, req: postJSON(gqlBody(mixed, "M")), status: 401},
		{name: "ambiguous runs nothing", token: token, req: postJSON(gqlBody(mixed, "")), status: 200, executed: true,
			errSubstr: "operation name"},
		{name: "get mutation with token", token: token,
			req:    withAuth(httptest.NewRequest(http.MethodGet, "/graphql?"+url.Values{"query": {mutation}}.Encode(), nil), "Bearer "+token),
			status: 405, errSubstr: "POST"},
		{name: "get named mutation", token: token,
			req:    httptest.NewRequest(http.MethodGet, "/graphql?"+url.Values{"query": {mixed}, "operationName": {"M"}}.Encode(), nil),
			status: 405},
		{name: "get query of a mixed document", token: token,
			req:    httptest.NewRequest(http.MethodGet, "/graphql?"+url.Values{"query": {mixed}, "operationName": {"Q"}}.Encode(), nil),
			status: 200, executed: true},
		{name: "no server token disables mutations", token: "", req: withAuth(postJSON(gqlBody(mutation, "")), "Bearer "+token), status: 403,
			errSubstr: "without --token"},
		{name: "no server token empty bearer", token: "", req: withAuth(postJSON(gqlBody(mutation, "")), "Bearer "), status: 403},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store := newMemStore(3)
			exec := &countingExec{Executor: newSchemaExec(t, store)}
			opt := quietOptions()
			opt.Token = tc.token
			rec, rep := do(t, New(exec, opt), tc.req)
			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tc.status, rec.Body)
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type = %q", rec.Header().Get("Content-Type"))
			}
			if got := exec.n.Load() > 0; got != tc.executed {
				t.Errorf("executor called = %v, want %v", got, tc.executed)
			}
			if !tc.executed && store.Calls("") != 0 {
				t.Errorf("store saw %d calls", store.Calls(""))
			}
			if tc.status != 200 && len(rep.Errors) == 0 {
				t.Errorf("no GraphQL errors in %s", rec.Body)
			}
			if tc.errSubstr != "" && (len(rep.Errors) == 0 || !strings.Contains(rep.Errors[0].Message, tc.errSubstr)) {
				t.Errorf("errors = %+v, want %q", rep.Errors, tc.errSubstr)
			}
			ch := rec.Header().Get("WWW-Authenticate")
			if tc.status == 401 && !strings.HasPrefix(ch, "Bearer") || tc.status != 401 && ch != "" {
				t.Errorf("WWW-Authenticate = %q", ch)
			}
			if tc.challenge != "" && !strings.HasPrefix(ch, tc.challenge) {
				t.Errorf("WWW-Authenticate = %q, want %q", ch, tc.challenge)
			}
		})
	}
}

// Executors that cannot classify operations get the server's own parse.
func TestMutationAuthFallback(t *testing.T) {
	var calls atomic.Int64
	exec := ExecutorFunc(func(context.Context, string, map[string]any, string) *graphql.Result {
		calls.Add(1)
		return &graphql.Result{Data: map[string]any{"ok": true}}
	})
	opt := quietOptions()
	opt.Token = "t"
	h := New(exec, opt)
	tests := []struct {
		name   string
		req    *http.Request
		status int
	}{
		{"mutation without token", postJSON(gqlBody(`mutation { deleteSource(id: "x") }`, "")), 401},
		{"mutation behind a fragment", postJSON(gqlBody(`fragment F on Mutation { a } mutation { ...F }`, "")), 401},
		{"deep query refused", postJSON(gqlBody(strings.Repeat("{a", 100)+strings.Repeat("}", 100), "")), 400},
		{"query", postJSON(gqlBody(`{ a }`, "")), 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls.Store(0)
			rec, _ := do(t, h, tc.req)
			if rec.Code != tc.status {
				t.Errorf("status = %d, want %d", rec.Code, tc.status)
			}
			if called := calls.Load() > 0; called != (tc.status == 200) {
				t.Errorf("executor called = %v", called)
			}
		})
	}
}

// The deadline reaches the store through the executor: a store call that
// blocks until its context is done returns because of it, and the client
// gets a 504 in time.
func TestTimeoutStopsStore(t *testing.T) {
	const timeout = 50 * time.Millisecond
	store := newMemStore(3)
	returned := make(chan error, 8)
	store.Hook = func(ctx context.Context, call string) error {
		if call != "Meetings" && call != "MeetingsPage" {
			return ctx.Err()
		}
		<-ctx.Done()
		returned <- ctx.Err()
		return ctx.Err()
	}
	opt := quietOptions()
	opt.Timeout = timeout
	start := time.Now()
	rec, rep := do(t, New(newSchemaExec(t, store), opt), postJSON(gqlBody(`{ meetings(participant: "Ada") { totalCount } }`, "")))
	if el := time.Since(start); el > timeout+timeoutGrace+time.Second {
		t.Errorf("reply took %v", el)
	}
	if rec.Code != http.StatusGatewayTimeout || len(rep.Errors) == 0 || !strings.Contains(rep.Errors[0].Message, "timed out") {
		t.Errorf("status %d body %s, want 504 timed out", rec.Code, rec.Body)
	}
	select {
	case err := <-returned:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("store call ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("store call still blocked")
	}
}

func TestConcurrencyLimitWithStore(t *testing.T) {
	const limit = 2
	store := newMemStore(3)
	started := make(chan struct{}, 10)
	release := make(chan struct{})
	store.Hook = func(ctx context.Context, call string) error {
		if call == "Sources" {
			started <- struct{}{}
			<-release
		}
		return ctx.Err()
	}
	opt := quietOptions()
	opt.MaxConcurrent = limit
	h := New(newSchemaExec(t, store), opt)
	req := func() *http.Request { return postJSON(gqlBody(`{ sources { totalCount } }`, "")) }
	var wg sync.WaitGroup
	codes := make(chan int, limit)
	for range limit {
		wg.Go(func() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req())
			codes <- rec.Code
		})
	}
	for range limit {
		select {
		case <-started:
		case <-time.After(5 * time.Second):
			t.Fatal("store not reached")
		}
	}
	rec, rep := do(t, h, req())
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" || len(rep.Errors) != 1 {
		t.Errorf("at cap: status %d Retry-After %q body %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	close(release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Errorf("held request status %d", c)
		}
	}
}

func TestInternalErrorsLogged(t *testing.T) {
	var logs logBuffer
	store := newMemStore(3)
	store.Hook = func(context.Context, string) error {
		return errors.New("badger: open /var/lib/newsgraph/000042.vlog: secret detail")
	}
	opt := quietOptions()
	opt.Logger = logs.logger()
	r := postJSON(gqlBody(`{ sources { totalCount } }`, ""))
	r.Header.Set(RequestIDHeader, "req-internal-1")
	rec, rep := do(t, New(newSchemaExec(t, store), opt), r)
	if rec.Code != 200 || len(rep.Errors) != 1 || rep.Errors[0].Message != "internal error" {
		t.Errorf("status %d body %s", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "secret") || strings.Contains(rec.Body.String(), "badger") {
		t.Errorf("body leaks the cause: %s", rec.Body)
	}
	var logged bool
	for _, l := range logs.lines(t) {
		if l["msg"] == "internal error" && l["request_id"] == "req-internal-1" && strings.Contains(fmt.Sprint(l["err"]), "secret detail") {
			logged = true
		}
	}
	if !logged {
		t.Errorf("cause not logged with the request ID: %s", logs.String())
	}
}

// The limits the executor enforces reach HTTP clients as GraphQL errors.
func TestSchemaLimitsOverHTTP(t *testing.T) {
	nested := `{ entities(first: 100) { edges { node { meetings(first: 100) { edges { node {
		participants { meetings(first: 100) { totalCount } } } } } } } } }`
	tests := []struct {
		name, query, want string
	}{
		{"cost", nested, "query cost is estimated at"},
		{"first", `{ sources(first: 101) { totalCount } }`, `argument "first" must be between 0 and 100`},
		{"last is not an argument", `{ sources(last: 1000) { totalCount } }`, `Unknown argument "last"`},
		{"depth", `{ entity(name: "Ada") { meetings { edges { node { participants { meetings { edges { node { participants { meetings { edges { node { id } } } } } } } } } } } } }`, "exceeds the limit of 12"},
		{"objects", `{ a: meetings(first: 100) { edges { node { participants { name } place { name } sources { title } } } } ` +
			`b: meetings(first: 100) { edges { node { participants { name } place { name } sources { title } } } } }`, "limit of 1000 objects"},
		{"fragment cycle", `{ entity(name: "Ada") { ...A } } fragment A on Entity { name ...A }`, "Cannot spread fragment"},
	}
	opt := schema.DefaultOptions()
	opt.MaxNodes = 1000
	ex, err := schema.New(newMemStore(100), opt)
	if err != nil {
		t.Fatal(err)
	}
	h := New(ex, quietOptions())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, rep := do(t, h, postJSON(gqlBody(tc.query, "")))
			if rec.Code != 200 || len(rep.Errors) == 0 || !strings.Contains(rep.Errors[0].Message, tc.want) {
				t.Errorf("status %d body %.300s, want an error %q", rec.Code, rec.Body, tc.want)
			}
		})
	}
}

// fuzzStatuses are the replies the GraphQL endpoint may give a POST.
var fuzzStatuses = map[int]bool{200: true, 400: true, 401: true, 405: true, 413: true, 429: true, 504: true}

func FuzzGraphQL(f *testing.F) {
	for _, seed := range []string{
		gqlBody(headline, ""),
		gqlBody(`query Q($n: Int) { sources(first: $n) { edges { cursor node { id title } } pageInfo { hasNextPage } } }`, "Q"),
		`{"query":"query Q($n: Int) { entities(first: $n) { totalCount } }","variables":{"n":1e300}}`,
		`{"query":"{ node(id: \"RW50aXR5OjAx\") { id ... on Entity { name } } }"}`,
		gqlBody(`{ entity(name: "Ada") { ...A } } fragment A on Entity { name meetings { edges { node { ...M } } } } fragment M on Meeting { id participants { ...A } }`, ""),
		gqlBody(`{ entity(name: "Ada") { ...A } } fragment A on Entity { ...A }`, ""),
		gqlBody(`mutation { __typename }`, ""),
		gqlBody(`query A { a } mutation B { b }`, "B"),
		gqlBody(`{ graph(center: "Ada", depth: 4, limit: 1000) { nodes { id } edges { source target } } }`, ""),
		gqlBody(`{ __schema { types { name fields { name type { ofType { name } } } } } }`, ""),
		`{"query":"{ sources { totalCount } }","variables":[1]}`,
		`{"query":"{ a","operationName":7}`,
		`{"query":"` + strings.Repeat("{a", 40) + `"}`,
		`[]`, `null`, `"x"`, `{}`,
	} {
		f.Add([]byte(seed), false, false)
	}
	f.Add([]byte(`mutation { __typename }`), true, true)
	f.Add([]byte(`mutation { deleteSource(id: "s1") { key nodesRemoved edgesRemoved } }`), true, true)
	f.Add([]byte(`mutation M { renameEntity(id: "x", name: "y") { op } } query Q { sources { totalCount } }`), true, false)
	f.Add([]byte(`{ meetings(first: 100) { edges { node { id } } } }`), true, false)

	opt := quietOptions()
	opt.Token = "fuzz-token"
	opt.Timeout = 2 * time.Second
	opt.MaxBodyBytes = 16 << 10
	sopt := schema.DefaultOptions()
	sopt.Curator = &fakeCurator{}
	ex, err := schema.New(newMemStore(40), sopt)
	if err != nil {
		f.Fatal(err)
	}
	h := New(ex, opt)
	f.Fuzz(func(t *testing.T, body []byte, rawGraphQL, auth bool) {
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		if rawGraphQL {
			r.Header.Set("Content-Type", "application/graphql")
		}
		if auth {
			r.Header.Set("Authorization", "Bearer fuzz-token")
		}
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, r)
		if el := time.Since(start); el > opt.Timeout+3*time.Second {
			t.Fatalf("reply after %v, past the %v timeout, for %q", el, opt.Timeout, body)
		}
		if !fuzzStatuses[rec.Code] {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("Content-Type %q", rec.Header().Get("Content-Type"))
		}
		var reply struct {
			Data   *json.RawMessage  `json:"data"`
			Errors []json.RawMessage `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &reply); err != nil {
			t.Fatalf("reply is not a JSON object: %v: %s", err, rec.Body)
		}
		if reply.Data == nil && len(reply.Errors) == 0 {
			t.Fatalf("reply has neither data nor errors: %s", rec.Body)
		}
		if rec.Code != 200 && len(reply.Errors) == 0 {
			t.Fatalf("status %d without errors: %s", rec.Code, rec.Body)
		}
	})
}

// Refused requests give their concurrency slot back.
func TestRefusalsFreeTheSlot(t *testing.T) {
	opt := quietOptions()
	opt.MaxConcurrent = 1
	opt.Token = "t"
	h := New(newSchemaExec(t, newMemStore(3)), opt)
	refused := []*http.Request{
		postJSON(gqlBody(`mutation { __typename }`, "")),
		httptest.NewRequest(http.MethodGet, "/graphql?"+url.Values{"query": {`mutation { __typename }`}}.Encode(), nil),
		postJSON(gqlBody(`mutation { __typename }`, "")),
	}
	for i, r := range refused {
		if rec, _ := do(t, h, r); rec.Code != 401 && rec.Code != 405 {
			t.Fatalf("refusal %d: status %d", i, rec.Code)
		}
	}
	if rec, _ := do(t, h, postJSON(gqlBody(`{ sources { totalCount } }`, ""))); rec.Code != 200 {
		t.Errorf("query after refusals: status %d", rec.Code)
	}
}

// fakeCurator records the mutations that reach it.
type fakeCurator struct{ calls atomic.Int64 }

func (c *fakeCurator) DeleteSource(_ context.Context, key string) (graph.Change, error) {
	c.calls.Add(1)
	return graph.Change{Source: key, NodesRemoved: 1}, nil
}

func (c *fakeCurator) Correct(context.Context, graph.Correction) (graph.CorrectionsResult, error) {
	c.calls.Add(1)
	return graph.CorrectionsResult{}, nil
}

func (c *fakeCurator) FindSource(_ context.Context, ref string) (string, error) {
	c.calls.Add(1)
	return ref, nil
}

func (c *fakeCurator) FactOf(context.Context, graph.ID) (*graph.FactRef, error) {
	c.calls.Add(1)
	return nil, graph.ErrNotFound
}

// With the real Mutation type, a mutation reaches the curator only with the
// token.
func TestMutationReachesCuratorOnlyWithToken(t *testing.T) {
	const del = `mutation { deleteSource(id: "s1") { key nodesRemoved } }`
	tests := []struct {
		name   string
		auth   string
		status int
		calls  bool
	}{
		{"no token", "", 401, false},
		{"wrong token", "Bearer wrong", 401, false},
		{"right token", "Bearer tok", 200, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur := &fakeCurator{}
			sopt := schema.DefaultOptions()
			sopt.Curator = cur
			ex, err := schema.New(newMemStore(3), sopt)
			if err != nil {
				t.Fatal(err)
			}
			opt := quietOptions()
			opt.Token = "tok"
			r := postJSON(gqlBody(del, ""))
			if tc.auth != "" {
				r.Header.Set("Authorization", tc.auth)
			}
			rec, _ := do(t, New(ex, opt), r)
			if rec.Code != tc.status {
				t.Errorf("status %d, want %d; body %s", rec.Code, tc.status, rec.Body)
			}
			if got := cur.calls.Load() > 0; got != tc.calls {
				t.Errorf("curator called = %v, want %v; body %s", got, tc.calls, rec.Body)
			}
		})
	}
}
