package export

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// neo4jImportCommand is the command the archive's README gives; the
// archive's files are the arguments.
const neo4jImportCommand = "neo4j-admin database import full --multiline-fields=true " +
	"--nodes=nodes.csv --relationships=relationships.csv neo4j"

// neo4jType is the neo4j-admin import header type of t.
func neo4jType(t attrType) string {
	switch t {
	case attrInt:
		return ":int"
	case attrBool:
		return ":boolean"
	case attrList:
		return ":string[]"
	}
	return ""
}

// neo4jLabels are the labels of a node: its kind, and for an entity its
// type in Neo4j's CamelCase ("Entity;Person").
func neo4jLabels(n *node) string {
	if n.kind != graph.KindEntity || n.typ == "" {
		return n.kind.String()
	}
	return n.kind.String() + ";" + strings.ToUpper(n.typ[:1]) + strings.ToLower(n.typ[1:])
}

// writeNeo4j writes a zip archive of the CSV files neo4j-admin database
// import reads (nodes.csv, relationships.csv, headers included) and a
// README.txt with the command. Node IDs are the refs of every format; list
// properties use neo4j-admin's default array delimiter ";". The archive's
// timestamps are fixed, so equal graphs give equal bytes.
func writeNeo4j(w *bufio.Writer, v *view) error {
	zw := zip.NewWriter(w)
	file := func(name string) (*csv.Writer, error) {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate,
			Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, err
		}
		return csv.NewWriter(f), nil
	}
	nw, err := file("nodes.csv")
	if err != nil {
		return err
	}
	nodeIDs := nodeAttrIDs()
	header := []string{"id:ID", ":LABEL"}
	for _, a := range nodeIDs {
		header = append(header, a.name()+neo4jType(a.typ()))
	}
	nw.Write(header)
	row := make([]string, len(header))
	for i := range v.nodes {
		n := &v.nodes[i]
		clear(row)
		row[0], row[1] = n.ref, neo4jLabels(n)
		for _, a := range v.nodeAttrs(n) {
			row[2+int(a.id)-int(nodeIDs[0])] = a.text()
		}
		nw.Write(row)
	}
	if nw.Flush(); nw.Error() != nil {
		return nw.Error()
	}
	rw, err := file("relationships.csv")
	if err != nil {
		return err
	}
	edgeIDs := edgeAttrIDs()
	header = []string{":START_ID", ":END_ID", ":TYPE", "id"}
	col := map[attrID]int{}
	for _, a := range edgeIDs {
		if a == aLabel || a == aEdgeType {
			continue // the relationship type is :TYPE
		}
		col[a] = len(header)
		header = append(header, a.name()+neo4jType(a.typ()))
	}
	rw.Write(header)
	row = make([]string, len(header))
	for i := range v.edges {
		e := &v.edges[i]
		clear(row)
		row[0], row[1], row[2], row[3] = e.from, e.to, e.e.Type.String(), e.id
		for _, a := range v.edgeAttrs(e) {
			if c, ok := col[a.id]; ok {
				row[c] = a.text()
			}
		}
		rw.Write(row)
	}
	if rw.Flush(); rw.Error() != nil {
		return rw.Error()
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "README.txt", Method: zip.Deflate,
		Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	if _, err := f.Write([]byte("newsgraph export for Neo4j. Import into an empty database with:\n\n  " +
		neo4jImportCommand + "\n")); err != nil {
		return err
	}
	return zw.Close()
}
