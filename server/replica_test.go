package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestReadOnly: a read replica answers queries, refuses mutations and
// POST /ingest (even with the token) with its message, and /healthz
// reports its position.
func TestReadOnly(t *testing.T) {
	opt := quietOptions()
	opt.Token = "sesame"
	opt.ReadOnly = "a read replica; send writes to the writer"
	opt.Ingest = func(_ context.Context, _ io.Reader) (*IngestSummary, error) {
		t.Error("ingest called on a read-only server")
		return &IngestSummary{}, nil
	}
	opt.Replica = func() ReplicaStatus { return ReplicaStatus{Applied: 7, Last: 9, Lag: 2, Connected: true} }
	h := New(echoExec, opt)

	if rec, _ := do(t, h, postJSON(gqlBody("{ a }", ""))); rec.Code != http.StatusOK {
		t.Errorf("query: %d %s", rec.Code, rec.Body)
	}
	mut := postJSON(gqlBody("mutation { a }", ""))
	mut.Header.Set("Authorization", "Bearer sesame")
	if rec, _ := do(t, h, mut); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), opt.ReadOnly) {
		t.Errorf("mutation: %d %s, want 403 with the message", rec.Code, rec.Body)
	}
	ing := httptest.NewRequest(http.MethodPost, "/ingest", strings.NewReader(`{"text":"x"}`))
	ing.Header.Set("Authorization", "Bearer sesame")
	if rec, _ := do(t, h, ing); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), opt.ReadOnly) {
		t.Errorf("POST /ingest: %d %s, want 403 with the message", rec.Code, rec.Body)
	}
	rec, _ := do(t, h, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	want := `{"status":"ok","replica":{"applied":7,"last":9,"lag":2,"connected":true}}`
	if got := strings.TrimSpace(rec.Body.String()); rec.Code != http.StatusOK || got != want {
		t.Errorf("healthz: %d %s, want %s", rec.Code, got, want)
	}
}
