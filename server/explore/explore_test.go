package explore_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/server/explore"
)

// TestVendoredFilesMatchChecksums checks that the embedded third-party
// files are those SHA256SUMS lists, which build.sh (go generate) checks
// against what package-lock.json installs.
func TestVendoredFilesMatchChecksums(t *testing.T) {
	f, err := os.Open("SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	assets, err := explore.Assets()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, path, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("bad line %q", sc.Text())
		}
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := sha256.Sum256(body); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: sha256 %x, SHA256SUMS says %s (run go generate ./server/explore/)", path, got, sum)
		}
		if name := strings.TrimPrefix(path, "web/"); strings.HasSuffix(name, ".js") && string(assets[name]) != string(body) {
			t.Errorf("%s is not what the binary embeds", path)
		}
		n++
	}
	if n == 0 {
		t.Error("SHA256SUMS lists nothing")
	}
}

func TestPage(t *testing.T) {
	page, err := explore.Page("/graphql", func(name string) string { return "/explore/" + name + "?v=1" })
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{`data-endpoint="/graphql"`, `src="/explore/vendor/cytoscape.min.js?v=1"`,
		`src="/explore/explore.js?v=1"`, `href="/explore/explore.css?v=1"`} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	m := regexp.MustCompile(`data-graph-style="([^"]*)"`).FindStringSubmatch(s)
	if m == nil {
		t.Fatal("no data-graph-style")
	}
	var style []struct{ Selector string }
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &style); err != nil || len(style) < 5 {
		t.Errorf("data-graph-style is not the stylesheet: %v %q", err, m[1])
	}
	// Everything the page loads is its own: no URL to another host.
	assets, err := explore.Assets()
	if err != nil {
		t.Fatal(err)
	}
	ext := regexp.MustCompile(`(?:src|href)=["']?(?:https?:)?//|url\(["']?(?:https?:)?//|@import`)
	for name, body := range assets {
		if name != "vendor/cytoscape.min.js" && ext.Match(body) {
			t.Errorf("%s loads something from another host", name)
		}
	}
	if ext.MatchString(s) {
		t.Error("the page loads something from another host")
	}
}
