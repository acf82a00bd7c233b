package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
)

// The GraphiQL page and its assets, embedded so that the explorer works
// without any network. assets/README.md says where each file comes from;
// go generate refreshes the third-party ones from the pinned npm packages.
//
//go:generate go run ./internal/graphiqlgen
//go:embed assets/index.html assets/init.js assets/graphiql.min.js assets/graphiql.min.css assets/react.production.min.js assets/react-dom.production.min.js
var assetFS embed.FS

// assetNames lists the files served under /graphiql/.
func assetNames() []string {
	return []string{
		"graphiql.min.js",
		"graphiql.min.css",
		"react.production.min.js",
		"react-dom.production.min.js",
		"init.js",
	}
}

// assetPrefix is the URL path the assets are served under.
const assetPrefix = "/graphiql/"

// assetCacheControl lets browsers keep an asset for a year: the page links
// each one with its content hash, so a new version gets a new URL.
const assetCacheControl = "public, max-age=31536000, immutable"

// contentSecurityPolicy keeps the page to its own origin, which is also what
// makes sure it never loads anything from the network.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// asset is one embedded file with its validators; its gzip form is made on
// first demand.
type asset struct {
	name  string
	ctype string
	body  []byte
	etag  string

	gzOnce sync.Once
	gz     []byte // nil when compression does not pay
}

func newAsset(name string, body []byte) *asset {
	sum := sha256.Sum256(body)
	return &asset{
		name:  name,
		ctype: contentType(name),
		body:  body,
		etag:  `"` + hex.EncodeToString(sum[:16]) + `"`,
	}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	default:
		return "application/octet-stream"
	}
}

// gzipped returns the gzip encoding of the body, or nil if it is not smaller.
func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		if err != nil {
			return
		}
		if _, err := zw.Write(a.body); err != nil {
			return
		}
		if err := zw.Close(); err != nil {
			return
		}
		if buf.Len() < len(a.body) {
			a.gz = buf.Bytes()
		}
	})
	return a.gz
}

// serve writes the asset, honouring If-None-Match and Accept-Encoding.
func (a *asset) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", cacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Add("Vary", "Accept-Encoding")
	body, etag := a.body, a.etag
	if acceptsGzip(r) {
		if gz := a.gzipped(); gz != nil {
			body = gz
			etag = strings.TrimSuffix(a.etag, `"`) + `-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	// ServeContent answers If-None-Match with 304 and handles HEAD and Range.
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether the Accept-Encoding of r allows gzip.
func acceptsGzip(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q, ok := strings.CutPrefix(strings.TrimSpace(params), "q=")
		if !ok {
			return true
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(q), 64)
		return err == nil && v > 0
	}
	return false
}

// graphiql serves the explorer page and its assets.
type graphiql struct {
	log    *slog.Logger
	assets map[string]*asset
	index  *asset // nil if the page template failed, which a test rules out
}

// indexData feeds assets/index.html.
type indexData struct {
	Title        string
	Endpoint     string
	DefaultQuery string
	assets       map[string]*asset
}

// Asset returns the URL of an asset, versioned by its content hash.
func (d indexData) Asset(name string) string {
	a, ok := d.assets[name]
	if !ok {
		return assetPrefix + name
	}
	return assetPrefix + name + "?v=" + strings.Trim(a.etag, `"`)[:12]
}

func newGraphiQL(log *slog.Logger, endpoint, defaultQuery string) *graphiql {
	g := &graphiql{log: log, assets: make(map[string]*asset)}
	for _, name := range assetNames() {
		body, err := assetFS.ReadFile("assets/" + name)
		if err != nil {
			log.Error("graphiql asset missing", "asset", name, "err", err)
			continue
		}
		g.assets[name] = newAsset(name, body)
	}
	page, err := renderIndex(indexData{
		Title:        "newsgraph · GraphiQL",
		Endpoint:     endpoint,
		DefaultQuery: defaultQuery,
		assets:       g.assets,
	})
	if err != nil {
		log.Error("graphiql page", "err", err)
		return g
	}
	g.index = newAsset("index.html", page)
	return g
}

func renderIndex(d indexData) ([]byte, error) {
	tmpl, err := template.ParseFS(assetFS, "assets/index.html")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (g *graphiql) serveIndex(w http.ResponseWriter, r *http.Request) {
	if g.index == nil {
		writeError(w, http.StatusInternalServerError, "GraphiQL page unavailable")
		return
	}
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	w.Header().Set("Referrer-Policy", "no-referrer")
	g.index.serve(w, r, "no-cache")
}

func (g *graphiql) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := g.assets[chi.URLParam(r, "file")]
	if !ok {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	a.serve(w, r, assetCacheControl)
}
