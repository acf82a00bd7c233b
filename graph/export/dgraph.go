package export

import (
	"bufio"

	"github.com/newsgraph/newsgraph/graph"
)

// dgraphPredicates is the Dgraph schema of every predicate the N-Quads
// export writes (TestDgraphSchemaCoversNQuads checks that none is missing).
// Dates are strings: their precision varies ("2023", "2023-06",
// "--06-19"), which Dgraph's datetime does not keep.
var dgraphPredicates = [...]struct{ pred, typ string }{
	{rdfType, "[uid] @reverse"},
	{rdfsLabel, "string @index(term)"},
	{nsIRI + "name", "string @index(exact, term)"},
	{nsIRI + "entityType", "string @index(exact)"},
	{nsIRI + "alias", "[string] @index(exact)"},
	{nsIRI + "title", "[string] @index(term)"},
	{nsIRI + "participant", "[uid] @reverse"},
	{nsIRI + "date", "string @index(exact)"},
	{nsIRI + "endDate", "string"},
	{nsIRI + "dateText", "string"},
	{nsIRI + "place", "uid @reverse"},
	{nsIRI + "city", "uid @reverse"},
	{nsIRI + "durationMinutes", "int"},
	{nsIRI + "status", "string @index(exact)"},
	{nsIRI + "event", "uid @reverse"},
	{nsIRI + "speaker", "uid @reverse"},
	{nsIRI + "text", "string @index(fulltext)"},
	{nsIRI + "direct", "bool"},
	{nsIRI + "eventKind", "string @index(exact)"},
	{nsIRI + "key", "string @index(exact)"},
	{nsIRI + "url", "string @index(exact)"},
	{nsIRI + "publisher", "string @index(exact)"},
	{nsIRI + "published", "string @index(exact)"},
	{nsIRI + "hash", "string"},
	{nsIRI + "conflict", "[uid]"},
	{nsIRI + "field", "string"},
	{nsIRI + "value", "string"},
	{nsIRI + "edgeType", "string @index(exact)"},
	{nsIRI + "from", "uid @reverse"},
	{nsIRI + "to", "uid @reverse"},
}

// writeDgraphSchema writes the Dgraph schema for the N-Quads export, one
// predicate a line, then one edge predicate per edge type.
func writeDgraphSchema(w *bufio.Writer, _ *view) error {
	w.WriteString("# Dgraph schema for `newsgraph export --format nquads`.\n")
	for _, p := range dgraphPredicates {
		w.WriteString("<" + p.pred + ">: " + p.typ + " .\n")
	}
	var err error
	for _, t := range graph.EdgeTypes() {
		_, err = w.WriteString("<" + edgePredicate(t) + ">: [uid] @reverse .\n")
	}
	return err
}
