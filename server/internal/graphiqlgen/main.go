// Command graphiqlgen refreshes the GraphiQL page's third-party files in
// server/assets from the npm packages pinned by server/package.json and
// server/package-lock.json. "go generate ./server/" runs it.
//
// It installs the locked packages into a temporary folder with "npm ci",
// which checks every tarball against the lockfile's integrity hash, checks
// that each installed package has the version package.json pins, copies
// the files that assets/manifest.json lists into assets/, and rewrites the
// manifest with each file's version and SHA-256. TestAssetManifest in
// package server checks the embedded files against the manifest, and the
// manifest against package.json and the lockfile, without npm or network.
// With -check it changes nothing and fails if assets/ differs from what
// the packages hold.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// entry is one third-party file of assets/, as assets/manifest.json lists
// it.
type entry struct {
	File    string `json:"file"`    // name in assets/
	Package string `json:"package"` // npm package
	Version string `json:"version"` // as pinned by package.json
	Path    string `json:"path"`    // path inside the package
	SHA256  string `json:"sha256"`  // of the file
}

func main() {
	check := flag.Bool("check", false, "compare assets/ with the packages and change nothing")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := run(ctx, *check); err != nil {
		fmt.Fprintln(os.Stderr, "graphiqlgen:", err)
		os.Exit(1)
	}
}

// run works in the current folder, which go generate makes server/.
func run(ctx context.Context, check bool) error {
	var manifest []entry
	if err := readJSON(filepath.Join("assets", "manifest.json"), &manifest); err != nil {
		return err
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := readJSON("package.json", &pkg); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "graphiqlgen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, f := range []string{"package.json", "package-lock.json"} {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, f), b, 0o644); err != nil {
			return err
		}
	}
	npm := exec.CommandContext(ctx, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	npm.Dir, npm.Stdout, npm.Stderr = tmp, os.Stderr, os.Stderr
	if err := npm.Run(); err != nil {
		return fmt.Errorf("npm ci: %w", err)
	}
	var stale []string
	for i, e := range manifest {
		want, ok := pkg.Dependencies[e.Package]
		if !ok {
			return fmt.Errorf("%s: package %s is not in package.json", e.File, e.Package)
		}
		var installed struct{ Version string }
		if err := readJSON(filepath.Join(tmp, "node_modules", e.Package, "package.json"), &installed); err != nil {
			return err
		}
		if installed.Version != want {
			return fmt.Errorf("npm installed %s %s, package.json pins %s", e.Package, installed.Version, want)
		}
		body, err := os.ReadFile(filepath.Join(tmp, "node_modules", e.Package, filepath.FromSlash(e.Path)))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		manifest[i].Version, manifest[i].SHA256 = want, hex.EncodeToString(sum[:])
		dst := filepath.Join("assets", e.File)
		if check {
			old, err := os.ReadFile(dst)
			if err != nil || !bytes.Equal(old, body) || e != manifest[i] {
				stale = append(stale, e.File)
			}
			continue
		}
		if err := os.WriteFile(dst, body, 0o644); err != nil {
			return err
		}
	}
	if check {
		if len(stale) > 0 {
			return fmt.Errorf("assets differ from the pinned packages (run go generate ./server/): %v", stale)
		}
		return nil
	}
	b, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join("assets", "manifest.json"), append(b, '\n'), 0o644)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
