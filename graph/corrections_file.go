package graph

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
)

// LoadCorrections reads a corrections file: YAML when its name ends in
// .yaml or .yml, else JSON. A missing file is no corrections (nil, nil).
// Errors name the file and, for syntax errors, the line.
func LoadCorrections(path string) (*Corrections, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
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

func parseCorrections(b []byte, isYAML bool) (*Corrections, error) {
	c := &Corrections{}
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
func SaveCorrections(path string, c *Corrections) error {
	if c == nil {
		c = &Corrections{}
	}
	if c.Version == 0 {
		c.Version = 1
	}
	b, err := json.MarshalIndent(c, "", "  ")
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
	return nil
}
