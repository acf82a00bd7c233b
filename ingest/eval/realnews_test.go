package eval

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/realnews/manifest.tsv from the gold")

const realnews = "../../testdata/realnews"

// TestManifest keeps manifest.tsv the gold's list of articles (go test
// ./ingest/eval -run Manifest -update rewrites it).
func TestManifest(t *testing.T) {
	evs, err := LoadGold(filepath.Join(realnews, "gold"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteManifest(&b, evs); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(realnews, "manifest.tsv")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, b.Bytes()) {
		t.Errorf("%s is not the gold's list of articles; run go test ./ingest/eval -run Manifest -update", path)
	}
}

// TestRealNews scores the tuned part of the development set when its texts
// are present (they are not in git: see testdata/realnews/README.md), and
// skips, saying so, when they are not.
func TestRealNews(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the entity model")
	}
	rep, err := Run(context.Background(), Options{Gold: filepath.Join(realnews, "gold"), Articles: filepath.Join(realnews, "texts"), Split: Tune})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Events == 0 {
		t.Skipf("no article texts under %s/texts (third-party text is not in git; retrieve them from manifest.tsv): %d events skipped", realnews, len(rep.Skipped))
	}
	var b bytes.Buffer
	rep.WriteText(&b, false)
	t.Logf("\n%s", b.String())
	if rep.Headline.Of == 0 {
		t.Error("no held meetings in the gold")
	}
}
