package server

import (
	"bytes"
	"compress/gzip"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func TestGraphiQLPage(t *testing.T) {
	opt := quietOptions()
	opt.DefaultQuery = headline
	h := New(echoExec, opt)

	rec, _ := do(t, h, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != 200 {
		t.Fatalf("status = %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("page Cache-Control = %q", cc)
	}
	page := rec.Body.String()

	m := regexp.MustCompile(`data-default-query="([^"]*)"`).FindStringSubmatch(page)
	if m == nil || html.UnescapeString(m[1]) != headline {
		t.Errorf("default query not in page: %v", m)
	}
	if !strings.Contains(page, `data-endpoint="/graphql"`) {
		t.Error("endpoint not in page")
	}

	refs := regexp.MustCompile(`<(?:script|link)[^>]*(?:src|href)="([^"]+)"`).FindAllStringSubmatch(page, -1)
	wantTypes := map[string]string{
		"graphiql.min.js":             "text/javascript; charset=utf-8",
		"graphiql.min.css":            "text/css; charset=utf-8",
		"react.production.min.js":     "text/javascript; charset=utf-8",
		"react-dom.production.min.js": "text/javascript; charset=utf-8",
		"init.js":                     "text/javascript; charset=utf-8",
	}
	if len(refs) != len(wantTypes) {
		t.Fatalf("page loads %d files, want %d: %v", len(refs), len(wantTypes), refs)
	}
	for _, ref := range refs {
		u := html.UnescapeString(ref[1])
		t.Run(u, func(t *testing.T) {
			if !strings.HasPrefix(u, "/graphiql/") {
				t.Fatalf("asset %q not under /graphiql/", u)
			}
			name := strings.TrimPrefix(u, "/graphiql/")
			name, _, _ = strings.Cut(name, "?")
			want, err := assetFS.ReadFile("assets/" + name)
			if err != nil {
				t.Fatal(err)
			}

			rec, _ := do(t, h, httptest.NewRequest(http.MethodGet, u, nil))
			if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), want) {
				t.Fatalf("status %d, %d bytes, want %d", rec.Code, rec.Body.Len(), len(want))
			}
			if ct := rec.Header().Get("Content-Type"); ct != wantTypes[name] {
				t.Errorf("Content-Type = %q, want %q", ct, wantTypes[name])
			}
			if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") {
				t.Errorf("Cache-Control = %q", cc)
			}
			etag := rec.Header().Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}

			r := httptest.NewRequest(http.MethodGet, u, nil)
			r.Header.Set("If-None-Match", etag)
			if rec, _ := do(t, h, r); rec.Code != http.StatusNotModified {
				t.Errorf("conditional GET status = %d, want 304", rec.Code)
			}

			r = httptest.NewRequest(http.MethodGet, u, nil)
			r.Header.Set("Accept-Encoding", "br, gzip")
			rec, _ = do(t, h, r)
			if rec.Header().Get("Content-Encoding") != "gzip" {
				return // too small to pay
			}
			if rec.Header().Get("ETag") == etag {
				t.Error("gzip variant shares the identity ETag")
			}
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("gzip body differs (%v)", err)
			}
		})
	}

	if rec, _ := do(t, h, httptest.NewRequest(http.MethodHead, "/", nil)); rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD / = %d with %d bytes", rec.Code, rec.Body.Len())
	}
	if rec, _ := do(t, h, httptest.NewRequest(http.MethodGet, "/favicon.ico", nil)); rec.Code != http.StatusNoContent {
		t.Errorf("favicon status = %d", rec.Code)
	}
	if rec, _ := do(t, h, httptest.NewRequest(http.MethodGet, "/graphiql/missing.js", nil)); rec.Code != 404 {
		t.Errorf("missing asset status = %d", rec.Code)
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"br, gzip;q=0.5", true},
		{"GZIP", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0", false},
		{"deflate, br", false},
		{"x-gzip", false},
	}
	for _, tc := range tests {
		t.Run(tc.header, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.Header.Set("Accept-Encoding", tc.header)
			if got := acceptsGzip(r); got != tc.want {
				t.Errorf("acceptsGzip(%q) = %v", tc.header, got)
			}
		})
	}
}

// externalLoad matches the ways a page or script could pull something from
// the network: script and link tags, fetch, XHR, dynamic import, workers and
// CSS url() or @import. Plain URLs in comments or in <a href> links are fine.
var externalLoad = []*regexp.Regexp{
	regexp.MustCompile(`(?i)<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?//`),
	regexp.MustCompile(`(?i)<link[^>]*\bhref\s*=\s*["']?(?:https?:)?//`),
	regexp.MustCompile(`(?i)<img[^>]*\bsrc\s*=\s*["']?(?:https?:)?//`),
	regexp.MustCompile("fetch\\(\\s*[\"'`](?:https?:)?//"),
	regexp.MustCompile("\\.open\\(\\s*[\"'`][A-Z]+[\"'`]\\s*,\\s*[\"'`](?:https?:)?//"),
	regexp.MustCompile("\\bimport\\(\\s*[\"'`](?:https?:)?//"),
	regexp.MustCompile("importScripts\\(\\s*[\"'`](?:https?:)?//"),
	regexp.MustCompile("new (?:Shared)?Worker\\(\\s*[\"'`](?:https?:)?//"),
	regexp.MustCompile("\\.src\\s*=\\s*[\"'`](?:https?:)?//"),
	regexp.MustCompile(`(?i)url\(\s*["']?(?:https?:)?//`),
	regexp.MustCompile(`(?i)@import\s+(?:url\()?\s*["']?(?:https?:)?//`),
}

func TestNoExternalLoads(t *testing.T) {
	// The rendered page, with a default query full of URLs to prove they are
	// only data.
	opt := quietOptions()
	opt.DefaultQuery = `{ sources { url } } # see https://example.com/x`
	rec, _ := do(t, New(echoExec, opt), httptest.NewRequest(http.MethodGet, "/", nil))
	files := map[string][]byte{"rendered index.html": rec.Body.Bytes()}
	err := fs.WalkDir(assetFS, "assets", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assetFS.ReadFile(path)
		files[path] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1+len(assetNames())+1 {
		t.Errorf("embedded %d files, expected the assets and index.html", len(files)-1)
	}
	for name, body := range files {
		t.Run(name, func(t *testing.T) {
			for _, re := range externalLoad {
				if loc := re.FindIndex(body); loc != nil {
					lo, hi := max(loc[0]-80, 0), min(loc[1]+80, len(body))
					t.Errorf("external load %q in %s: …%s…", re, name, body[lo:hi])
				}
			}
		})
	}
}

// The patterns must catch what they are meant to catch.
func TestExternalLoadPatterns(t *testing.T) {
	bad := []string{
		`<script src="https://cdn.example/x.js"></script>`,
		`<link rel="stylesheet" href="//cdn.example/x.css">`,
		`fetch("https://api.example/graphql")`,
		"import(`https://cdn.example/mod.js`)",
		`@import url("https://fonts.example/css");`,
		`.a{background:url(https://img.example/a.png)}`,
		`s.src="https://cdn.example/y.js"`,
		`x.open("GET", "https://api.example/")`,
	}
	good := []string{
		`/* see https://codemirror.net/LICENSE */`,
		`<a href="https://github.com/graphql/graphiql">GraphiQL</a>`,
		`fetch(options.url, { method: "POST" })`,
		`<script src="/graphiql/init.js"></script>`,
		`xmlns="http://www.w3.org/2000/svg"`,
	}
	match := func(s string) bool {
		for _, re := range externalLoad {
			if re.MatchString(s) {
				return true
			}
		}
		return false
	}
	for _, s := range bad {
		if !match(s) {
			t.Errorf("missed external load %s", s)
		}
	}
	for _, s := range good {
		if match(s) {
			t.Errorf("false alarm on %s", s)
		}
	}
}

func BenchmarkGraphiQLAsset(b *testing.B) {
	h := New(echoExec, quietOptions())
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodGet, "/graphiql/graphiql.min.css", nil)
		r.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
