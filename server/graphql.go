package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"

	"github.com/newsgraph/newsgraph/schema"
)

// timeoutGrace is how long a timed-out request still waits for the executor
// to return its own context error before the reply is sent without it.
const timeoutGrace = 100 * time.Millisecond

// retryAfterSeconds is the Retry-After sent with a 429.
const retryAfterSeconds = 1

// gqlRequest is one GraphQL-over-HTTP request.
type gqlRequest struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

// graphqlHandler serves /graphql: it decodes the request, applies the body,
// time and concurrency limits, and runs the executor.
type graphqlHandler struct {
	exec    Executor
	log     *slog.Logger
	maxBody int64
	timeout time.Duration
	token   string // "": mutations disabled
	// readOnly, when set, refuses every mutation with this message (a
	// read replica).
	readOnly string
	slots    chan struct{} // nil: no concurrency cap
	// mutationTimeout bounds how long a mutation waits for its turn and
	// checks its preconditions; mutations holds one token per mutation
	// running or waiting (nil: no cap).
	mutationTimeout time.Duration
	mutations       chan struct{}
	keys            *idempotency
}

// httpError is a failure answered with a status and a client-safe message.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) *httpError {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

func (h *graphqlHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.maxBody > 0 && r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, h.maxBody)
	}
	req, err := decodeRequest(r)
	if err != nil {
		var he *httpError
		if errors.As(err, &he) {
			if he.status == http.StatusMethodNotAllowed {
				w.Header().Set("Allow", http.MethodPost)
			}
			writeError(w, he.status, he.msg)
			return
		}
		writeError(w, http.StatusBadRequest, "bad request")
		return
	}
	if h.exec == nil {
		writeError(w, http.StatusServiceUnavailable, "no GraphQL executor configured")
		return
	}
	if !h.acquire(w) {
		return
	}
	// The deadline starts before parsing and validation, which the slot
	// also covers: they are work too, bounded by the executor's limits.
	ctx := r.Context()
	cancel := context.CancelFunc(func() {})
	if h.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, h.timeout)
	}
	defer cancel()
	op, ok := h.admit(w, r, req)
	if !ok {
		h.release()
		return
	}
	if op == ast.OperationTypeMutation {
		// Mutations have their own time limit and queue: they do not
		// hold a query's slot while they wait for each other.
		h.release()
		h.mutate(w, r, req)
		return
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		h.release()
		h.timedOut(w, nil)
		return
	}

	res, timedOut := h.execute(ctx, req)
	switch {
	case r.Context().Err() != nil:
		// The client went away: nobody is left to answer.
		return
	case timedOut || errors.Is(ctx.Err(), context.DeadlineExceeded):
		h.timedOut(w, res)
	case res == nil:
		writeError(w, http.StatusInternalServerError, "internal server error")
	default:
		h.logInternal(ctx, res)
		writeJSON(w, http.StatusOK, res)
	}
}

// acquire takes a concurrency slot, or answers 429.
func (h *graphqlHandler) acquire(w http.ResponseWriter) bool {
	if h.slots == nil {
		return true
	}
	select {
	case h.slots <- struct{}{}:
		return true
	default:
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
		writeError(w, http.StatusTooManyRequests, "too many concurrent requests")
		return false
	}
}

// timedOut answers 504, with what errors res has besides.
func (h *graphqlHandler) timedOut(w http.ResponseWriter, res *graphql.Result) {
	errs := []gqlerrors.FormattedError{{Message: "request timed out after " + h.timeout.String()}}
	if res != nil {
		errs = append(errs, res.Errors...)
	}
	writeJSON(w, http.StatusGatewayTimeout, &graphql.Result{Errors: errs})
}

// mutate runs an authorized mutation. It waits its turn (behind the
// mutations before it) under mutationTimeout; one that runs out of time
// first changes nothing and says so. One that starts writing finishes, and
// its answer is sent however long that takes: a client always learns
// whether its mutation was applied. With an Idempotency-Key header, a
// retry of an answered mutation gets the same answer again and is not
// applied twice.
func (h *graphqlHandler) mutate(w http.ResponseWriter, r *http.Request, req gqlRequest) {
	key := r.Header.Get(IdempotencyKeyHeader)
	if key != "" {
		if !validRequestID(key) { // the same rule as request IDs
			writeError(w, http.StatusBadRequest, "invalid "+IdempotencyKeyHeader+": 1 to 128 printable characters without spaces")
			return
		}
		state, e := h.keys.begin(key, req)
		switch state {
		case keyReplay:
			w.Header().Set(idempotentReplayedHeader, "true")
			writeBody(w, e.status, e.body)
			return
		case keyInFlight:
			writeError(w, http.StatusConflict, "a request with this "+IdempotencyKeyHeader+" is still running")
			return
		case keyMismatch:
			writeError(w, http.StatusUnprocessableEntity, IdempotencyKeyHeader+" was used with another request")
			return
		}
	}
	answered := false
	defer func() {
		if key != "" && !answered {
			h.keys.abandon(key)
		}
	}()
	if h.mutations != nil {
		select {
		case h.mutations <- struct{}{}:
			defer func() { <-h.mutations }()
		default:
			w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
			writeError(w, http.StatusTooManyRequests, "too many mutations waiting: nothing changed")
			return
		}
	}
	// The reply may come after the server's write timeout: lift it.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	ctx := r.Context()
	if h.mutationTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, h.mutationTimeout)
		defer cancel()
	}
	res := h.run(ctx, req)
	if res == nil {
		writeError(w, http.StatusInternalServerError, "internal server error")
		return
	}
	h.logInternal(ctx, res)
	body := encodeJSON(res)
	if body == nil {
		writeError(w, http.StatusInternalServerError, "internal server error: response not encodable")
		return
	}
	if key != "" && !notApplied(res) {
		h.keys.finish(key, http.StatusOK, body)
		answered = true
	}
	writeBody(w, http.StatusOK, body)
}

// notApplied reports whether res says its mutation changed nothing because
// its time ran out, so that a retry with the same key may run it.
func notApplied(res *graphql.Result) bool {
	for _, e := range res.Errors {
		if strings.HasPrefix(e.Message, "mutation not applied") {
			return true
		}
	}
	return false
}

// admit refuses, writing the reply, a mutation or subscription over GET and
// a mutation without the token. An operation the executor would not run
// goes to it all the same: it reports why, and runs nothing.
func (h *graphqlHandler) admit(w http.ResponseWriter, r *http.Request, req gqlRequest) (string, bool) {
	op, err := h.operation(req)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return "", false
	}
	if r.Method == http.MethodGet && op != "" && op != ast.OperationTypeQuery {
		// GET must be safe (GraphQL over HTTP): mutations need POST.
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, op+" operations need POST")
		return "", false
	}
	return op, op != ast.OperationTypeMutation || h.authorize(w, r)
}

// release gives back a concurrency slot.
func (h *graphqlHandler) release() {
	if h.slots != nil {
		<-h.slots
	}
}

// operation is the type of the operation req would run, or "" if none.
// It fails only for a query the server cannot classify safely.
func (h *graphqlHandler) operation(req gqlRequest) (string, error) {
	if ot, ok := h.exec.(OperationTyper); ok {
		op, err := ot.Operation(req.Query, req.OperationName)
		if err != nil {
			return "", nil
		}
		return op, nil
	}
	if schema.TooDeep(req.Query, maxNesting) {
		return "", &httpError{status: http.StatusBadRequest, msg: "query nests brackets deeper than " + strconv.Itoa(maxNesting) + " levels"}
	}
	return operationType(req.Query, req.OperationName), nil
}

// authorize checks the bearer token of a mutation; when it is wrong it
// writes the reply and returns false.
func (h *graphqlHandler) authorize(w http.ResponseWriter, r *http.Request) bool {
	if h.readOnly != "" {
		writeError(w, http.StatusForbidden, "mutations refused: "+h.readOnly)
		return false
	}
	return authorizeBearer(w, r, h.token, "mutations")
}

// authorizeBearer checks that r carries "Authorization: Bearer token" for
// what (mutations, ingest); when it does not, or the server has no token,
// it writes the reply (403, or 401 with WWW-Authenticate) and returns false.
func authorizeBearer(w http.ResponseWriter, r *http.Request, token, what string) bool {
	if token == "" {
		writeError(w, http.StatusForbidden, what+" disabled: the server was started without --token")
		return false
	}
	scheme, got, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !strings.EqualFold(scheme, "Bearer") || got == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
		writeError(w, http.StatusUnauthorized, "an Authorization: Bearer token is required for "+what)
		return false
	}
	// Hashing first makes the comparison constant-time in the length too.
	g, want := sha256.Sum256([]byte(strings.TrimSpace(got))), sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(g[:], want[:]) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph", error="invalid_token"`)
		writeError(w, http.StatusUnauthorized, "invalid bearer token")
		return false
	}
	return true
}

// logInternal logs the causes the executor hid from the client.
func (h *graphqlHandler) logInternal(ctx context.Context, res *graphql.Result) {
	er, ok := h.exec.(ErrorReporter)
	if !ok {
		return
	}
	for _, err := range er.InternalErrors(res) {
		h.log.ErrorContext(ctx, "internal error", "err", err, "request_id", RequestID(ctx))
	}
}

// execute runs the executor in its own goroutine so that the reply keeps to
// the deadline even when the executor ignores ctx. The concurrency slot is
// released only when the executor really returns, so stuck work still counts
// against the cap. A panic in the executor is logged and gives a nil result.
func (h *graphqlHandler) execute(ctx context.Context, req gqlRequest) (res *graphql.Result, timedOut bool) {
	done := make(chan *graphql.Result, 1)
	go func() {
		defer h.release()
		done <- h.run(ctx, req)
	}()

	select {
	case res := <-done:
		return res, false
	case <-ctx.Done():
	}
	t := time.NewTimer(timeoutGrace)
	defer t.Stop()
	select {
	case res := <-done:
		return res, false
	case <-t.C:
		h.log.WarnContext(ctx, "executor ignored cancellation", "request_id", RequestID(ctx))
		return nil, true
	}
}

// run calls the executor; a panic in it is logged and gives a nil result.
func (h *graphqlHandler) run(ctx context.Context, req gqlRequest) (out *graphql.Result) {
	defer func() {
		if p := recover(); p != nil {
			h.log.ErrorContext(ctx, "panic in executor",
				"panic", fmt.Sprint(p), "request_id", RequestID(ctx), "stack", string(debug.Stack()))
			out = nil
		}
	}()
	return h.exec.Execute(ctx, req.Query, req.Variables, req.OperationName)
}

// decodeRequest reads a GraphQL request from a GET query string, a JSON body
// or an application/graphql body.
func decodeRequest(r *http.Request) (gqlRequest, error) {
	var req gqlRequest
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req.Query = q.Get("query")
		req.OperationName = q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				return req, badRequest("invalid variables: %s", jsonProblem(err))
			}
		}
		if req.Query == "" {
			return req, badRequest("missing query")
		}
		return req, nil
	case http.MethodPost:
	default:
		return req, &httpError{status: http.StatusMethodNotAllowed, msg: "method not allowed"}
	}

	ct := r.Header.Get("Content-Type")
	mt := "application/json"
	if ct != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			return req, &httpError{status: http.StatusUnsupportedMediaType, msg: "invalid Content-Type"}
		}
	}
	switch mt {
	case "application/json":
		dec := json.NewDecoder(r.Body)
		if err := dec.Decode(&req); err != nil {
			return req, bodyError(err)
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			if err != nil {
				return req, bodyError(err)
			}
			return req, badRequest("invalid JSON body: unexpected data after the request object")
		}
	case "application/graphql":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return req, bodyError(err)
		}
		req.Query = string(body)
		q := r.URL.Query()
		req.OperationName = q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				return req, badRequest("invalid variables: %s", jsonProblem(err))
			}
		}
	default:
		return req, &httpError{status: http.StatusUnsupportedMediaType,
			msg: "unsupported Content-Type " + strconv.Quote(mt) + ": use application/json or application/graphql"}
	}
	if req.Query == "" {
		return req, badRequest("missing query")
	}
	return req, nil
}

// bodyError maps a body read or decode error to its reply.
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &httpError{status: http.StatusRequestEntityTooLarge,
			msg: "request body larger than " + strconv.FormatInt(mbe.Limit, 10) + " bytes"}
	}
	if errors.Is(err, io.EOF) {
		return badRequest("empty request body")
	}
	return badRequest("invalid JSON body: %s", jsonProblem(err))
}

// jsonProblem describes a JSON error without echoing Go type names.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "syntax error at byte " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te) && te.Field == "":
		return "the body must be one JSON object (" + te.Value + " given; batches are not supported)"
	case errors.As(err, &te):
		return "wrong type for field " + strconv.Quote(te.Field)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	default:
		return "malformed"
	}
}

// operationType returns the type ("query", "mutation", "subscription") of the
// operation that would run, or "" when the document does not parse or names
// no such operation; the executor then reports the problem itself. It is
// the fallback for Executors that are not OperationTypers.
func operationType(query, operationName string) string {
	doc, err := parser.Parse(parser.ParseParams{Source: query, Options: parser.ParseOptions{NoSource: true}})
	if err != nil {
		return ""
	}
	var found *ast.OperationDefinition
	n := 0
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		n++
		if operationName == "" {
			found = op
			continue
		}
		if op.Name != nil && op.Name.Value == operationName {
			return op.Operation
		}
	}
	if operationName == "" && n == 1 {
		return found.Operation
	}
	return ""
}

// errorReply is the body of a failure the executor never saw.
type errorReply struct {
	Errors []errorMessage `json:"errors"`
}

type errorMessage struct {
	Message string `json:"message"`
}

// writeError writes {"errors":[{"message":msg}]} with status.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorReply{Errors: []errorMessage{{Message: msg}}})
}

// writeJSON encodes v fully before writing, so an encoding failure still
// gives a clean 500.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body := encodeJSON(v)
	if body == nil {
		body = []byte(`{"errors":[{"message":"internal server error: response not encodable"}]}` + "\n")
		status = http.StatusInternalServerError
	}
	writeBody(w, status, body)
}

// encodeJSON encodes v, or returns nil if it cannot be.
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil
	}
	return buf.Bytes()
}

// writeBody writes a JSON body with status.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// maxNesting bounds the bracket nesting of a query the server parses
// itself (for Executors that are not OperationTypers): deeper ones are
// refused, since the parser recurses per bracket and the server could not
// tell whether they are mutations.
const maxNesting = 64
