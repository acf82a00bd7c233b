package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// TestHostileValidation: the documents of the attack run (issue 13, item
// 1) are refused before any quadratic work. Before the token, variable
// and directive limits, 30,000 variable definitions kept a slot and a core
// busy for minutes; the bound here is a watchdog, far above the
// milliseconds they take now (schema's BenchmarkHostileDocuments).
func TestHostileValidation(t *testing.T) {
	h := New(newSchemaExec(t, newMemStore(3)), quietOptions())
	var vars strings.Builder
	for i := range 30_000 {
		fmt.Fprintf(&vars, "$v%d: Int ", i)
	}
	for name, q := range map[string]string{
		"30,000 variables":         "query(" + vars.String() + ") { sources { totalCount } }",
		"60,000 @include in 1 MiB": "{ sources { totalCount " + strings.Repeat("@include(if: true) ", 55_000) + "} }",
	} {
		t.Run(name, func(t *testing.T) {
			done := make(chan *httptest.ResponseRecorder, 1)
			go func() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, postJSON(gqlBody(q, "")))
				done <- rec
			}()
			select {
			case rec := <-done:
				// The executor refuses it: a GraphQL error, before parsing.
				if !strings.Contains(rec.Body.String(), "over the limit") {
					t.Errorf("status %d body %.200s", rec.Code, rec.Body)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("still validating after 10 s")
			}
		})
	}
}

// TestTimedOutQueryFreesSlot: a query whose deadline passes while it runs
// stops within the grace the server gives it (issue 13, item 4). Every
// field resolved after the deadline is an error; graphql-go located each
// by scanning the whole query text, so a long query (here, a long
// comment) kept the executor busy for seconds past its deadline, holding
// its slot ("executor ignored cancellation"). This scenario passes on main
// before the fix as well (3ca1c32, checked): there the resolvers already
// stopped at the next field after the deadline, so few errors were
// located. What did not stop was a store loop over items it had read
// before (cached), with no check between them: graph/store's
// TestListReadsStopAtDeadline fails without the checks, and
// TestTimedOutNestedQueryFreesSlot when a resolver drops the deadline.
func TestTimedOutQueryFreesSlot(t *testing.T) {
	// The grace is short; on a loaded machine (CI runs every package at
	// once under -race) one attempt may miss it by scheduling alone, so
	// the property must hold in one of three.
	var last string
	for range 3 {
		if last = timedOutQueryAttempt(t); last == "" {
			return
		}
	}
	t.Error(last)
}

// timedOutQueryAttempt runs the scenario once and says what went wrong.
func timedOutQueryAttempt(t *testing.T) string {
	var logs logBuffer
	store := newMemStore(3)
	store.Hook = func(ctx context.Context, call string) error {
		if call == "LookupEntities" {
			<-ctx.Done()
		}
		return ctx.Err()
	}
	opt := quietOptions()
	opt.Logger = logs.logger()
	opt.Timeout = 200 * time.Millisecond
	opt.MaxConcurrent = 1
	h := New(newSchemaExec(t, store), opt)
	var fields strings.Builder
	for i := range 240 { // each fails on its own once the deadline has passed
		fmt.Fprintf(&fields, " e%d: entity(name: \"Ada\") { name }", i)
	}
	q := strings.Repeat("# padding to make every error located the slow way\n", 15_000) + "{" + fields.String() + " }"
	rec, _ := do(t, h, postJSON(gqlBody(q, "")))
	if rec.Code != http.StatusGatewayTimeout {
		return fmt.Sprintf("status %d body %.300s", rec.Code, rec.Body)
	}
	if strings.Contains(logs.String(), "executor ignored cancellation") {
		return fmt.Sprintf("the executor kept running past the deadline and its grace: %.500s", logs.String())
	}
	// The slot is free: the next query runs.
	store.Hook = nil
	if rec, _ := do(t, h, postJSON(gqlBody(`{ sources { totalCount } }`, ""))); rec.Code != http.StatusOK {
		return fmt.Sprintf("next query: status %d body %s", rec.Code, rec.Body)
	}
	return ""
}

// TestTimedOutNestedQueryFreesSlot: a query past its deadline inside a
// nested field, in the batched read the loader makes for a level of
// meetings' participants, is cancelled there and gives back its one
// concurrency slot (issue 13, item 4). The read blocks until its context
// is done, so the query outlives its timeout whatever the machine's speed,
// and the bounds are seconds where the work takes milliseconds. If any
// resolver between the request and the store drops the request's context
// (checked: the loader reading with context.WithoutCancel(ctx)), the read
// never returns, the executor is left running ("executor ignored
// cancellation") and the slot is never free: the test fails.
func TestTimedOutNestedQueryFreesSlot(t *testing.T) {
	var logs logBuffer
	store := newMemStore(3)
	entered, returned := make(chan struct{}, 1), make(chan error, 1)
	stop := make(chan struct{}) // lets a read that missed the deadline go at the end
	t.Cleanup(func() { close(stop) })
	var once sync.Once
	store.Hook = func(ctx context.Context, call string) error {
		if call != "EntitiesByID" {
			return ctx.Err()
		}
		first := false
		once.Do(func() { first = true })
		if !first {
			return ctx.Err()
		}
		entered <- struct{}{}
		select {
		case <-ctx.Done():
			returned <- ctx.Err()
		case <-stop:
		}
		return ctx.Err()
	}
	opt := quietOptions()
	opt.Logger = logs.logger()
	opt.Timeout = 100 * time.Millisecond
	opt.MaxConcurrent = 1
	h := New(newSchemaExec(t, store), opt)

	slow := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, postJSON(gqlBody(`{ meetings(first: 3) { edges { node { participants { name } } } } }`, "")))
		slow <- rec
	}()
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the participants were never read")
	}
	select {
	case rec := <-slow:
		if rec.Code != http.StatusGatewayTimeout {
			t.Errorf("status %d body %.300s, want 504", rec.Code, rec.Body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no reply 10 s after a timeout of 100 ms")
	}
	select {
	case err := <-returned:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("the read ended with %v, want the deadline", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the read was not cancelled: its context never ended; logs: %.500s", logs.String())
	}
	// The slot is free: a query gets it. Until the executor has returned
	// it is busy (429); that must end well within the bound.
	until := time.Now().Add(10 * time.Second)
	for {
		rec, _ := do(t, h, postJSON(gqlBody(`{ sources { totalCount } }`, "")))
		if rec.Code == http.StatusOK {
			break
		}
		if time.Now().After(until) {
			t.Fatalf("the slot is still taken 10 s after the timeout: status %d body %.300s", rec.Code, rec.Body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// slowCurator is a schema.Curator whose deletions wait for go (or their
// context, and then change nothing), then commit, then take apply to
// finish, ignoring the context as graph.Curator does once it writes.
type slowCurator struct {
	mu      sync.Mutex
	applied []string
	proceed chan struct{}
	entered chan string // if set, told of each deletion as it starts waiting
	apply   time.Duration
}

func (c *slowCurator) DeleteSource(ctx context.Context, key string) (graph.Change, error) {
	if c.entered != nil {
		c.entered <- key
	}
	select {
	case <-c.proceed:
	case <-ctx.Done():
		return graph.Change{}, ctx.Err()
	}
	c.mu.Lock()
	c.applied = append(c.applied, key)
	c.mu.Unlock()
	time.Sleep(c.apply)
	return graph.Change{Source: key, Action: graph.Deleted, NodesRemoved: 3}, nil
}

func (c *slowCurator) Correct(context.Context, graph.Correction) (graph.CorrectionsResult, error) {
	return graph.CorrectionsResult{}, fmt.Errorf("not used")
}
func (c *slowCurator) FindSource(_ context.Context, ref string) (string, error) { return ref, nil }
func (c *slowCurator) FactOf(context.Context, graph.ID) (*graph.FactRef, error) {
	return nil, fmt.Errorf("not used")
}

func (c *slowCurator) done() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.applied...)
}

const testToken = "tok-13"

func mutationServer(t *testing.T, c *slowCurator, tune func(*Options)) http.Handler {
	t.Helper()
	sopt := schema.DefaultOptions()
	sopt.Curator = c
	ex, err := schema.New(newMemStore(3), sopt)
	if err != nil {
		t.Fatal(err)
	}
	opt := quietOptions()
	opt.Token = testToken
	opt.Timeout = 100 * time.Millisecond
	opt.MutationTimeout = 300 * time.Millisecond
	if tune != nil {
		tune(&opt)
	}
	return New(ex, opt)
}

func deleteRequest(key, idem string) *http.Request {
	r := postJSON(gqlBody(`mutation { deleteSource(id: "`+key+`") { key nodesRemoved } }`, ""))
	r.Header.Set("Authorization", "Bearer "+testToken)
	if idem != "" {
		r.Header.Set(IdempotencyKeyHeader, idem)
	}
	return r
}

// TestMutationOutcomeIsTold: a mutation either commits and answers its
// result, or is stopped before it writes and says nothing changed (issue
// 13, item 3). Before, a mutation still applying at the request's deadline
// got a 504 and took effect anyway.
func TestMutationOutcomeIsTold(t *testing.T) {
	t.Run("applied past the query timeout answers its result", func(t *testing.T) {
		c := &slowCurator{proceed: make(chan struct{}), apply: 400 * time.Millisecond}
		close(c.proceed)
		rec, rep := do(t, mutationServer(t, c, nil), deleteRequest("s1", ""))
		if rec.Code != http.StatusOK || len(rep.Errors) != 0 || !strings.Contains(rec.Body.String(), `"key":"s1"`) {
			t.Errorf("status %d body %s, want 200 with the result", rec.Code, rec.Body)
		}
		if got := c.done(); len(got) != 1 {
			t.Errorf("applied %v", got)
		}
	})
	t.Run("not started by its time limit changes nothing and says so", func(t *testing.T) {
		c := &slowCurator{proceed: make(chan struct{})}
		start := time.Now()
		rec, rep := do(t, mutationServer(t, c, nil), deleteRequest("s1", ""))
		if el := time.Since(start); el > 300*time.Millisecond+2*time.Second {
			t.Errorf("answered after %v", el)
		}
		if rec.Code != http.StatusOK || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Message, "not applied") ||
			!strings.Contains(rep.Errors[0].Message, "nothing changed") {
			t.Errorf("status %d body %s", rec.Code, rec.Body)
		}
		close(c.proceed)
		if got := c.done(); len(got) != 0 {
			t.Errorf("applied %v after saying it was not", got)
		}
	})
	t.Run("one mutation per request", func(t *testing.T) {
		c := &slowCurator{proceed: make(chan struct{})}
		close(c.proceed)
		r := postJSON(gqlBody(`mutation { a: deleteSource(id: "s1") { key } b: deleteSource(id: "s2") { key } }`, ""))
		r.Header.Set("Authorization", "Bearer "+testToken)
		rec, rep := do(t, mutationServer(t, c, nil), r)
		if len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Message, "one mutation") || len(c.done()) != 0 {
			t.Errorf("status %d body %s applied %v", rec.Code, rec.Body, c.done())
		}
	})
}

// TestMutationQueue: mutations wait in their own queue, not in the
// queries' slots, and beyond it are refused before anything runs.
func TestMutationQueue(t *testing.T) {
	c := &slowCurator{proceed: make(chan struct{}), entered: make(chan string, 4)}
	h := mutationServer(t, c, func(o *Options) {
		o.MaxConcurrent, o.MaxMutations, o.MutationTimeout = 1, 1, 5*time.Second
	})
	first := make(chan int, 1)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, deleteRequest("s1", ""))
		first <- rec.Code
	}()
	<-c.entered // the first mutation holds the queue's one place
	rec, _ := do(t, h, deleteRequest("s2", ""))
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "nothing changed") || rec.Header().Get("Retry-After") == "" {
		t.Errorf("queue full: %d %s", rec.Code, rec.Body)
	}
	// A query still has its slot while the mutation waits.
	if rec, _ := do(t, h, postJSON(gqlBody(`{ sources { totalCount } }`, ""))); rec.Code != http.StatusOK {
		t.Errorf("query while a mutation waits: %d %s", rec.Code, rec.Body)
	}
	close(c.proceed)
	if code := <-first; code != http.StatusOK {
		t.Errorf("first mutation: %d", code)
	}
	if got := c.done(); len(got) != 1 || got[0] != "s1" {
		t.Errorf("applied %v", got)
	}
}

// TestIdempotencyKey: a retry of an applied mutation with the same key
// gets the same answer and is not applied twice; a key reused for another
// request is refused; a mutation that was not applied may be retried.
func TestIdempotencyKey(t *testing.T) {
	c := &slowCurator{proceed: make(chan struct{})}
	h := mutationServer(t, c, nil)

	rec, _ := do(t, h, deleteRequest("s1", "retry-1")) // times out waiting: not applied
	if !strings.Contains(rec.Body.String(), "not applied") {
		t.Fatalf("first try: %s", rec.Body)
	}
	close(c.proceed)
	first, _ := do(t, h, deleteRequest("s1", "retry-1"))
	again, _ := do(t, h, deleteRequest("s1", "retry-1"))
	if first.Code != 200 || again.Code != 200 || first.Body.String() != again.Body.String() ||
		again.Header().Get("Idempotent-Replayed") != "true" || first.Header().Get("Idempotent-Replayed") != "" {
		t.Errorf("first %d %s %v; again %d %s %v", first.Code, first.Body, first.Header(), again.Code, again.Body, again.Header())
	}
	if got := c.done(); len(got) != 1 {
		t.Errorf("applied %v, want once", got)
	}
	if rec, _ := do(t, h, deleteRequest("s2", "retry-1")); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("key reused for another request: %d %s", rec.Code, rec.Body)
	}
	if rec, _ := do(t, h, deleteRequest("s2", "bad key")); rec.Code != http.StatusBadRequest {
		t.Errorf("invalid key: %d %s", rec.Code, rec.Body)
	}
}

func TestHostCheck(t *testing.T) {
	h := New(echoExec, func() Options {
		o := quietOptions()
		o.AllowedHosts = LoopbackHosts("127.0.0.1:8080")
		return o
	}())
	for _, tc := range []struct {
		host, forwarded string
		want            int
	}{
		{"127.0.0.1:8080", "", 200},
		{"localhost:8080", "", 200},
		{"LOCALHOST", "", 200},
		{"evil.example:8080", "", http.StatusMisdirectedRequest}, // DNS rebinding
		{"evil.example", "localhost", http.StatusMisdirectedRequest},
	} {
		r := httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil)
		r.Host = tc.host
		if tc.forwarded != "" {
			r.Header.Set("X-Forwarded-Host", tc.forwarded)
		}
		if rec, _ := do(t, h, r); rec.Code != tc.want {
			t.Errorf("Host %q (X-Forwarded-Host %q): %d, want %d", tc.host, tc.forwarded, rec.Code, tc.want)
		}
	}
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "127.0.0.1 localhost", "[::1]:0": "::1 localhost", "localhost:80": "localhost",
		"0.0.0.0:8080": "", "192.0.2.1:80": "", ":8080": "",
	} {
		if got := strings.Join(LoopbackHosts(addr), " "); got != want {
			t.Errorf("LoopbackHosts(%q) = %q, want %q", addr, got, want)
		}
	}
}

// TestForwardedHeadersIgnored: X-Forwarded-For does not change the
// address logged (it is not trusted).
func TestForwardedHeadersIgnored(t *testing.T) {
	var logs logBuffer
	opt := quietOptions()
	opt.Logger = logs.logger()
	r := httptest.NewRequest(http.MethodGet, "/graphql?query=%7Ba%7D", nil)
	r.RemoteAddr = "192.0.2.7:5555"
	r.Header.Set("X-Forwarded-For", "203.0.113.9")
	do(t, New(echoExec, opt), r)
	var line map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(logs.String())), &line); err != nil || line["remote"] != "192.0.2.7:5555" {
		t.Errorf("access log %s", logs.String())
	}
}

func TestArrayBody(t *testing.T) {
	rec, rep := do(t, New(echoExec, quietOptions()), postJSON(`[{"query":"{ a }"}]`))
	if rec.Code != http.StatusBadRequest || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Message, "one JSON object (array given") {
		t.Errorf("status %d body %s", rec.Code, rec.Body)
	}
}

// slowParser is an executor whose parsing and validation (Operation) take
// longer than the request's deadline and whose execution is instant.
type slowParser struct {
	parse    time.Duration
	executed chan struct{}
}

func (s *slowParser) Execute(ctx context.Context, query string, variables map[string]any, operationName string) *graphql.Result {
	close(s.executed)
	return &graphql.Result{Data: map[string]any{"ok": true}}
}

func (s *slowParser) Operation(query, operationName string) (string, error) {
	time.Sleep(s.parse)
	return "query", nil
}

// TestDeadlineCoversParsing: the request's deadline starts before parsing
// and validation (issue 13, item 1). A request whose parsing alone outlasts
// the deadline is answered 504 and never executed; were the deadline
// started after parsing, execution would get a fresh one and answer 200.
func TestDeadlineCoversParsing(t *testing.T) {
	ex := &slowParser{parse: 300 * time.Millisecond, executed: make(chan struct{})}
	opt := quietOptions()
	opt.Timeout = 100 * time.Millisecond
	h := New(ex, opt)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, postJSON(gqlBody("{ ok }", "")))
	if rec.Code != http.StatusGatewayTimeout {
		t.Errorf("status %d, want 504: the deadline must cover parsing; body %.200s", rec.Code, rec.Body)
	}
	select {
	case <-ex.executed:
		t.Error("executed a request whose deadline passed while parsing")
	default:
	}
}
