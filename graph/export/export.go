// Package export writes a graph snapshot, whole or cut around one node
// (Cut), in the formats visualization, graph-database and linked-data tools
// read: JSON Lines, Cytoscape.js JSON with its stylesheet, GraphML, GEXF
// 1.2, Graphviz DOT, RDF N-Quads, Neo4j import CSVs and a Dgraph schema.
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
	Neo4j     Format = "neo4j"
	Dgraph    Format = "dgraph"
)

// formatInfo is everything known of a format, in one place.
type formatInfo struct {
	format    Format
	mediaType string
	ext       string // file name extension, without the dot
	write     func(*bufio.Writer, *view) error
}

// formats lists the formats in the order the help text lists them.
var formats = [...]formatInfo{
	{JSONL, "application/x-ndjson; charset=utf-8", "jsonl", writeJSONL},
	{Cytoscape, "application/json; charset=utf-8", "cyjs", writeCytoscape},
	{GraphML, "application/graphml+xml; charset=utf-8", "graphml", writeGraphML},
	{GEXF, "application/gexf+xml; charset=utf-8", "gexf", writeGEXF},
	{DOT, "text/vnd.graphviz; charset=utf-8", "dot", writeDOT},
	{NQuads, "application/n-quads; charset=utf-8", "nq", writeNQuads},
	{Neo4j, "application/zip", "zip", writeNeo4j},
	{Dgraph, "text/plain; charset=utf-8", "schema", writeDgraphSchema},
}

// Formats returns every known format, in the order the help text lists them.
func Formats() []Format {
	out := make([]Format, len(formats))
	for i, f := range formats {
		out[i] = f.format
	}
	return out
}

func lookup(format string) (formatInfo, error) {
	for _, f := range formats {
		if string(f.format) == format {
			return f, nil
		}
	}
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f.format)
	}
	return formatInfo{}, fmt.Errorf("%w %q (known: %s)", ErrUnknownFormat, format, strings.Join(names, ", "))
}

// MediaType is the Content-Type of format f, "" for an unknown format.
func MediaType(f Format) string {
	info, err := lookup(string(f))
	if err != nil {
		return ""
	}
	return info.mediaType
}

// FileName is the file name "newsgraph.EXT" an export in format f is saved
// under, "" for an unknown format.
func FileName(f Format) string {
	info, err := lookup(string(f))
	if err != nil {
		return ""
	}
	return "newsgraph." + info.ext
}

// ErrUnknownFormat is returned by Writer for a format it does not know.
var ErrUnknownFormat = errors.New("unknown export format")

// Writer returns the function that writes a snapshot in format (see
// Formats; case matters). The function buffers its output and reports the
// first write error.
func Writer(format Format) (func(w io.Writer, s *graph.Snapshot) error, error) {
	info, err := lookup(string(format))
	if err != nil {
		return nil, err
	}
	return func(w io.Writer, s *graph.Snapshot) error {
		if s == nil {
			return errors.New("nil snapshot")
		}
		bw := bufio.NewWriterSize(w, 64<<10)
		if err := info.write(bw, newView(s)); err != nil {
			return fmt.Errorf("%s: %w", format, err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("%s: %w", format, err)
		}
		return nil
	}, nil
}
