package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// sampleArticles are the five sample articles of testdata/articles, built
// in so that bench measures the same thing from any folder.
//
//go:embed testdata/articles/*.txt
var sampleArticles embed.FS

// writeSamples copies the sample articles into a new temporary folder and
// returns it; the caller removes it.
func writeSamples() (string, error) {
	dir, err := os.MkdirTemp("", "newsgraph-samples-")
	if err != nil {
		return "", fmt.Errorf("sample articles: %w", err)
	}
	err = fs.WalkDir(sampleArticles, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := sampleArticles.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, d.Name()), b, 0o644)
	})
	if err != nil {
		_ = os.RemoveAll(dir)
		return "", fmt.Errorf("sample articles: %w", err)
	}
	return dir, nil
}
