package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// recordingIngest is an IngestFunc that keeps the body it read and
// answers one added article per non-blank line.
type recordingIngest struct {
	calls int
	body  string
}

func (r *recordingIngest) ingest(_ context.Context, body io.Reader) (*IngestSummary, error) {
	r.calls++
	b, err := io.ReadAll(body)
	r.body = string(b)
	sum := &IngestSummary{}
	for _, l := range strings.Split(r.body, "\n") {
		if strings.TrimSpace(l) != "" {
			sum.Added++
		}
	}
	return sum, err
}

func TestIngestEndpoint(t *testing.T) {
	const jsonl = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n"
	tests := []struct {
		name, token, auth, ctype, body string
		maxBody                        int64
		method                         string
		status                         int
		wantBody                       string // what the IngestFunc read; "" when it must not run
		added                          int
	}{
		{name: "jsonl", token: "s", auth: "Bearer s", body: jsonl, status: 200, wantBody: jsonl, added: 2},
		{name: "one JSON article over lines", token: "s", auth: "Bearer s", ctype: "application/json",
			body: "{\"id\": \"a\",\n \"text\": \"One.\"}", status: 200, wantBody: "{\"id\":\"a\",\"text\":\"One.\"}\n", added: 1},
		{name: "bad JSON article", token: "s", auth: "Bearer s", ctype: "application/json", body: "{\"id\":", status: 400},
		{name: "no token configured", auth: "Bearer s", body: jsonl, status: 403},
		{name: "no token sent", token: "s", body: jsonl, status: 401},
		{name: "wrong token", token: "s", auth: "Bearer t", body: jsonl, status: 401},
		{name: "GET", token: "s", auth: "Bearer s", method: http.MethodGet, status: 405},
		{name: "JSONL over the limit", token: "s", auth: "Bearer s", body: jsonl, maxBody: 30, status: 413, wantBody: jsonl[:30], added: 2},
		{name: "JSON over the limit", token: "s", auth: "Bearer s", ctype: "application/json", body: jsonl[:25], maxBody: 10, status: 413},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recordingIngest{}
			opt := quietOptions()
			opt.Token = tc.token
			opt.Ingest = rec.ingest
			if tc.maxBody > 0 {
				opt.MaxIngestBytes = tc.maxBody
			}
			method := tc.method
			if method == "" {
				method = http.MethodPost
			}
			req := httptest.NewRequest(method, "/ingest", strings.NewReader(tc.body))
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			w := httptest.NewRecorder()
			New(ExecutorFunc(nil), opt).ServeHTTP(w, req)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if tc.wantBody == "" {
				if rec.calls != 0 {
					t.Fatalf("the ingest ran (read %q)", rec.body)
				}
				return
			}
			if rec.body != tc.wantBody {
				t.Errorf("ingest read %q, want %q", rec.body, tc.wantBody)
			}
			var sum IngestSummary
			if err := json.Unmarshal(w.Body.Bytes(), &sum); err != nil {
				t.Fatalf("reply %q: %v", w.Body, err)
			}
			if sum.Added != tc.added || sum.Rejections == nil {
				t.Errorf("reply %+v, want %d added and a rejections list", sum, tc.added)
			}
			if (tc.status == 413) != (sum.Error != "") {
				t.Errorf("reply error %q with status %d", sum.Error, tc.status)
			}
		})
	}
}

func TestIngestNotServedWithoutIngestFunc(t *testing.T) {
	opt := quietOptions()
	opt.Token = "s"
	req := httptest.NewRequest(http.MethodPost, "/ingest", strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bearer s")
	w := httptest.NewRecorder()
	New(ExecutorFunc(nil), opt).ServeHTTP(w, req)
	if w.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404", w.Code)
	}
}

func TestIngestFailureKeepsSummary(t *testing.T) {
	opt := quietOptions()
	opt.Token = "s"
	opt.Ingest = func(context.Context, io.Reader) (*IngestSummary, error) {
		return &IngestSummary{Added: 3}, errors.New("disk full")
	}
	req := httptest.NewRequest(http.MethodPost, "/ingest", strings.NewReader("{}\n"))
	req.Header.Set("Authorization", "Bearer s")
	w := httptest.NewRecorder()
	New(ExecutorFunc(nil), opt).ServeHTTP(w, req)
	var sum IngestSummary
	if err := json.Unmarshal(w.Body.Bytes(), &sum); err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusInternalServerError || sum.Added != 3 || sum.Error == "" || strings.Contains(sum.Error, "disk full") {
		t.Fatalf("status %d, reply %+v: want 500, the 3 committed, a safe message", w.Code, sum)
	}
}
