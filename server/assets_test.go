package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestAssetManifest checks, without npm or network, that the third-party
// files are what go generate put there: each file's SHA-256 is the one
// assets/manifest.json records, each recorded version is the one
// package.json pins and package-lock.json locks, and every file the page
// serves, other than our own, is in the manifest.
func TestAssetManifest(t *testing.T) {
	var manifest []struct {
		File, Package, Version, Path, SHA256 string
	}
	readAssetJSON(t, filepath.Join("assets", "manifest.json"), &manifest)
	var pkg struct{ Dependencies map[string]string }
	readAssetJSON(t, "package.json", &pkg)
	var lock struct {
		Packages map[string]struct{ Version, Integrity string }
	}
	readAssetJSON(t, "package-lock.json", &lock)

	var listed []string
	for _, e := range manifest {
		listed = append(listed, e.File)
		if e.Version == "" || e.Version != pkg.Dependencies[e.Package] {
			t.Errorf("%s: manifest says %s %s, package.json pins %q (run go generate ./server/)", e.File, e.Package, e.Version, pkg.Dependencies[e.Package])
		}
		locked := lock.Packages["node_modules/"+e.Package]
		if locked.Version != e.Version || locked.Integrity == "" {
			t.Errorf("%s: package-lock.json locks %s %q (integrity %q), manifest says %s", e.File, e.Package, locked.Version, locked.Integrity, e.Version)
		}
		body, err := assetFS.ReadFile("assets/" + e.File)
		if err != nil { // not embedded (the licences)
			body, err = os.ReadFile(filepath.Join("assets", filepath.FromSlash(e.File)))
		}
		if err != nil {
			t.Errorf("%s: %v", e.File, err)
			continue
		}
		sum := sha256.Sum256(body)
		if got := hex.EncodeToString(sum[:]); got != e.SHA256 {
			t.Errorf("%s: sha256 %s, manifest says %s: changed by hand? (go generate ./server/ restores it)", e.File, got, e.SHA256)
		}
	}
	for _, name := range assetNames() {
		if name != "init.js" && !slices.Contains(listed, name) {
			t.Errorf("served asset %s is not in assets/manifest.json", name)
		}
	}
}

func readAssetJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
