package server

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/newsgraph/newsgraph/server/explore"
)

// explorePrefix is the URL path of the explorer page; its files are under it.
const explorePrefix = "/explore"

// explorer serves the graph explorer page and its files, with the
// validators, compression and caching of the GraphiQL assets.
type explorer struct {
	assets map[string]*asset
	index  *asset // nil if the page failed to render, which a test rules out
}

func newExplorer(log *slog.Logger, endpoint string) *explorer {
	x := &explorer{assets: map[string]*asset{}}
	files, err := explore.Assets()
	if err != nil {
		log.Error("explorer files", "err", err)
	}
	for name, body := range files {
		x.assets[name] = newAsset(name, body)
	}
	page, err := explore.Page(endpoint, func(name string) string {
		a, ok := x.assets[name]
		if !ok {
			return explorePrefix + "/" + name
		}
		return explorePrefix + "/" + name + "?v=" + strings.Trim(a.etag, `"`)[:12]
	})
	if err != nil {
		log.Error("explorer page", "err", err)
		return x
	}
	x.index = newAsset("index.html", page)
	return x
}

func (x *explorer) routes(r chi.Router) {
	r.Get(explorePrefix, x.serveIndex)
	r.Get(explorePrefix+"/", x.serveIndex)
	r.Get(explorePrefix+"/*", x.serveAsset)
}

func (x *explorer) serveIndex(w http.ResponseWriter, r *http.Request) {
	if x.index == nil {
		writeError(w, http.StatusInternalServerError, "explorer page unavailable")
		return
	}
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	w.Header().Set("Referrer-Policy", "no-referrer")
	x.index.serve(w, r, "no-cache")
}

func (x *explorer) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := x.assets[chi.URLParam(r, "*")]
	if !ok {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	a.serve(w, r, assetCacheControl)
}
