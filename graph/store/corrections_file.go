package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/newsgraph/newsgraph/graph"
)

// LoadCorrections reads a corrections file: YAML when its name ends in
// .yaml or .yml, else JSON. A missing file gives an error wrapping
// fs.ErrNotExist; an empty one, no corrections. Errors name the file and,
// for syntax errors, the line.
func LoadCorrections(path string) (*graph.Corrections, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read corrections: %w", err)
	}
	c, err := parseCorrections(b, isYAML(path))
	if err != nil {
		return nil, fmt.Errorf("corrections file %s: %w", path, err)
	}
	return c, nil
}

func isYAML(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

func parseCorrections(b []byte, isYAML bool) (*graph.Corrections, error) {
	c := &graph.Corrections{}
	if len(bytes.TrimSpace(b)) == 0 {
		return c, nil
	}
	if isYAML {
		j, err := yaml.YAMLToJSON(b)
		if err != nil {
			return nil, err
		}
		b = j
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) && !isYAML {
			line := 1 + bytes.Count(b[:min(int(se.Offset), len(b))], []byte("\n"))
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// SaveCorrections writes c to path (YAML or JSON by its extension) through
// a temporary file renamed over it, so a reader or a crash never sees half
// a file.
//
// The file is rewritten from c: comments in a hand-edited YAML file are not
// kept (a correction's note field is). It keeps the old file's permissions.
func SaveCorrections(path string, c *graph.Corrections) error {
	out := graph.Corrections{Version: 1}
	if c != nil {
		out.Corrections = c.Corrections
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("encode corrections: %w", err)
	}
	if isYAML(path) {
		if b, err = yaml.JSONToYAML(b); err != nil {
			return fmt.Errorf("encode corrections: %w", err)
		}
	} else {
		b = append(b, '\n')
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".corrections-*")
	if err != nil {
		return fmt.Errorf("save corrections: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("save corrections: %w", err)
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("save corrections: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save corrections: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save corrections: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save corrections: %w", err)
	}
	// The rename is durable once the directory is synced.
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
