package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
)

func TestExportEndpoint(t *testing.T) {
	var got export.Request
	opt := DefaultOptions()
	opt.Logger = slog.New(slog.DiscardHandler)
	opt.CORSOrigins = []string{"https://tool.example"}
	opt.Export = func(_ context.Context, w io.Writer, r export.Request) error {
		got = r
		switch {
		case r.Format != export.DOT && r.Format != export.Neo4j:
			return fmt.Errorf("%w: %w %q", export.ErrBadRequest, export.ErrUnknownFormat, r.Format)
		case r.Center == "Nobody":
			return fmt.Errorf("%w: center: %w", export.ErrBadRequest, graph.ErrNotFound)
		case r.Depth > export.MaxDepth:
			return fmt.Errorf("%w: depth", export.ErrBadRequest)
		case r.Center == "boom":
			return fmt.Errorf("disk on fire")
		}
		_, err := io.WriteString(w, "digraph newsgraph {}\n")
		return err
	}
	h := New(ExecutorFunc(nil), opt)
	tests := []struct {
		url         string
		status      int
		center      string
		depth       int
		contentType string
	}{
		{"/export/dot", 200, "", 0, "text/vnd.graphviz; charset=utf-8"},
		{"/export/dot?center=Blinken", 200, "Blinken", 2, "text/vnd.graphviz; charset=utf-8"},
		{"/export/dot?center=Blinken&depth=1", 200, "Blinken", 1, "text/vnd.graphviz; charset=utf-8"},
		{"/export/neo4j", 200, "", 0, "application/zip"},
		{"/export/csv", 404, "", 0, ""},
		{"/export/dot?center=Nobody", 404, "Nobody", 2, ""},
		{"/export/dot?center=X&depth=9", 400, "X", 9, ""},
		{"/export/dot?depth=x", 400, "", 0, ""},
		{"/export/dot?center=boom", 500, "boom", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			got = export.Request{}
			req := httptest.NewRequest(http.MethodGet, tt.url, nil)
			req.Header.Set("Origin", "https://tool.example")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if rec.Header().Get("Access-Control-Allow-Origin") != "https://tool.example" {
				t.Errorf("no CORS header: %v", rec.Header())
			}
			if tt.status != 200 {
				return
			}
			if got.Center != tt.center || got.Depth != tt.depth {
				t.Errorf("request %+v, want center %q depth %d", got, tt.center, tt.depth)
			}
			if ct := rec.Header().Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type %q, want %q", ct, tt.contentType)
			}
		})
	}
}

func TestExportOffWithoutExporter(t *testing.T) {
	opt := DefaultOptions()
	opt.Logger = slog.New(slog.DiscardHandler)
	rec := httptest.NewRecorder()
	New(ExecutorFunc(nil), opt).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/export/dot", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("status %d, want 404", rec.Code)
	}
}

func TestExplorePage(t *testing.T) {
	opt := DefaultOptions()
	opt.Logger = slog.New(slog.DiscardHandler)
	h := New(ExecutorFunc(nil), opt)
	for _, path := range []string{"/explore", "/explore/", "/explore/explore.js", "/explore/explore.css", "/explore/vendor/cytoscape.min.js"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 || rec.Body.Len() == 0 {
			t.Errorf("%s: status %d, %d bytes", path, rec.Code, rec.Body.Len())
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/explore/nope.js", nil))
	if rec.Code != 404 {
		t.Errorf("unknown file: status %d", rec.Code)
	}
}
