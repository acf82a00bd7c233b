// Package explore is the graph explorer served at /explore: a page that
// draws the graph with Cytoscape.js and reads everything through the public
// GraphQL API. Its files are embedded, so it works offline; web/vendor holds
// the third-party code, copied from the npm packages that package-lock.json
// pins by `go generate` (build.sh) and checked against SHA256SUMS.
package explore

//go:generate sh build.sh

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"path"

	"github.com/newsgraph/newsgraph/graph/export"
)

//go:embed web
var web embed.FS

// Assets returns the page's static files by their path under web/
// ("explore.js", "vendor/cytoscape.min.js", …), index.html excepted.
func Assets() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(web, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "web/index.html" || path.Ext(p) == ".LICENSE" {
			return err
		}
		b, err := web.ReadFile(p)
		if err != nil {
			return err
		}
		out[p[len("web/"):]] = b
		return nil
	})
	return out, err
}

// pageData fills web/index.html.
type pageData struct {
	Endpoint string
	Style    string // the Cytoscape.js stylesheet of the exports, JSON
	url      func(name string) string
}

// Asset is the URL of the static file name.
func (d pageData) Asset(name string) string { return d.url(name) }

// Page renders the explorer page: endpoint is the GraphQL endpoint's path,
// assetURL gives the URL each static file is served at.
func Page(endpoint string, assetURL func(name string) string) ([]byte, error) {
	tmpl, err := template.ParseFS(web, "web/index.html")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, pageData{Endpoint: endpoint, Style: string(export.CytoscapeStyle()), url: assetURL})
	return buf.Bytes(), err
}
