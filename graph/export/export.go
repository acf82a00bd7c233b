// Package export writes a whole-graph snapshot in the formats visualization
// and linked-data tools read: JSON Lines, Cytoscape.js JSON, GraphML, GEXF,
// Graphviz DOT and RDF N-Quads.
//
// Every format names a node by its kind and the hex of its graph.ID
// ("Entity:00ab…") and lists nodes sorted by that name, so two snapshots of
// the same graph give byte-identical files. JSON Lines carries every fact
// (with provenance); the others carry what a viewer needs to draw and filter.
package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// Format names an export format.
type Format string

// The export formats.
const (
	JSONL     Format = "jsonl"
	Cytoscape Format = "cytoscape"
	GraphML   Format = "graphml"
	GEXF      Format = "gexf"
	DOT       Format = "dot"
	NQuads    Format = "nquads"
)

// Formats returns every known format, in the order the help text lists them.
func Formats() []Format {
	return []Format{JSONL, Cytoscape, GraphML, GEXF, DOT, NQuads}
}

// ErrUnknownFormat is returned by Writer for a format it does not know.
var ErrUnknownFormat = errors.New("unknown export format")

// Writer returns the function that writes a snapshot in format (see
// Formats; case matters). The function buffers its output and reports the
// first write error.
func Writer(format Format) (func(w io.Writer, s *graph.Snapshot) error, error) {
	var write func(*bufio.Writer, *view) error
	switch format {
	case JSONL:
		write = writeJSONL
	case Cytoscape:
		write = writeCytoscape
	case GraphML:
		write = writeGraphML
	case GEXF:
		write = writeGEXF
	case DOT:
		write = writeDOT
	case NQuads:
		write = writeNQuads
	default:
		names := make([]string, 0, len(Formats()))
		for _, f := range Formats() {
			names = append(names, string(f))
		}
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownFormat, format, strings.Join(names, ", "))
	}
	return func(w io.Writer, s *graph.Snapshot) error {
		if s == nil {
			return errors.New("nil snapshot")
		}
		bw := bufio.NewWriterSize(w, 64<<10)
		if err := write(bw, newView(s)); err != nil {
			return fmt.Errorf("%s: %w", format, err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("%s: %w", format, err)
		}
		return nil
	}, nil
}
