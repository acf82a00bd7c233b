package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// render writes s in format f.
func render(tb testing.TB, f export.Format, s *graph.Snapshot) []byte {
	tb.Helper()
	write, err := export.Writer(f)
	if err != nil {
		tb.Fatalf("Writer(%q): %v", f, err)
	}
	var buf bytes.Buffer
	if err := write(&buf, s); err != nil {
		tb.Fatalf("write %s: %v", f, err)
	}
	return buf.Bytes()
}

func TestWriterUnknownFormat(t *testing.T) {
	for _, f := range []string{"", "JSONL", "csv", "graphviz"} {
		t.Run(f, func(t *testing.T) {
			_, err := export.Writer(export.Format(f))
			if !errors.Is(err, export.ErrUnknownFormat) {
				t.Fatalf("Writer(%q) = %v, want ErrUnknownFormat", f, err)
			}
			for _, k := range export.Formats() {
				if !strings.Contains(err.Error(), string(k)) {
					t.Errorf("error %q does not list %q", err, k)
				}
			}
		})
	}
}

func TestWriterNilSnapshot(t *testing.T) {
	write, err := export.Writer("jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if err := write(io.Discard, nil); err == nil {
		t.Error("nil snapshot: no error")
	}
}

type failWriter struct{}

var errDisk = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

func TestWriteError(t *testing.T) {
	for _, f := range export.Formats() {
		t.Run(string(f), func(t *testing.T) {
			write, _ := export.Writer(f)
			if err := write(failWriter{}, testSnapshot()); !errors.Is(err, errDisk) {
				t.Errorf("got %v, want %v", err, errDisk)
			}
		})
	}
}

func TestGolden(t *testing.T) {
	for _, f := range export.Formats() {
		t.Run(string(f), func(t *testing.T) {
			got := render(t, f, testSnapshot())
			path := filepath.Join("testdata", string(f)+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, got)
			}
		})
	}
}

// TestOrderIndependent checks that the order of the snapshot's lists, and
// of the sources and evidence inside them, does not change any byte.
func TestOrderIndependent(t *testing.T) {
	for _, f := range export.Formats() {
		t.Run(string(f), func(t *testing.T) {
			a, b := render(t, f, testSnapshot()), render(t, f, shuffled(testSnapshot()))
			if !bytes.Equal(a, b) {
				t.Errorf("reordered snapshot gives different output:\n%s\n---\n%s", a, b)
			}
		})
	}
}

func TestJSONL(t *testing.T) {
	out := render(t, export.JSONL, testSnapshot())
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	var kinds []string
	byID := map[string]map[string]any{}
	for i, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, l)
		}
		kinds = append(kinds, rec["kind"].(string))
		byID[rec["id"].(string)] = rec
	}
	s := testSnapshot()
	nodes := len(s.Entities) + len(s.Meetings) + len(s.Statements) + len(s.Events) + len(s.Sources)
	if len(lines) != nodes+len(s.Edges) {
		t.Errorf("%d lines, want %d nodes + %d edges", len(lines), nodes, len(s.Edges))
	}
	for i, k := range kinds {
		if (i < nodes) != (k != "Edge") {
			t.Errorf("line %d is %s: nodes must come first, then edges", i+1, k)
		}
		if i > 0 && i < nodes && kinds[i-1] > k {
			t.Errorf("line %d: kind %s after %s", i+1, k, kinds[i-1])
		}
	}
	for _, want := range []string{
		`"aliases":["Al Smith","Smith"]`,
		`"titles":["Foreign Minister"]`,
		`"date":"2023-06-19","endDate":"","dateText":"Monday"`,
		`"date":"--07-01"`,
		`"durationMinutes":90,"status":"HELD"`,
		`"status":"PLANNED"`,
		`"conflicts":[{"field":"place","values":[{"value":"Grand Hall","sources":["b.txt"]},{"value":"Old \"Palace\"","sources":["a.txt"]}]}]`,
		`"sources":["a.txt","b.txt"]`,
		`{"source":"a.txt","start":0,"end":35,"text":"Alice \"Al\" Smith met Bob on Monday."}`,
		`"text":"We had \"candid\" talks.\nNext — ünïcödé ✓\ttab\u0001 back\\slash"`,
		`"key":"a.txt","url":"https://example.com/a?x=1&y=2"`,
		`"type":"AFFILIATED_WITH"`,
		`"title":"Foreign \"Minister\""`,
		`"disruptedBy":["Event:`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s", want)
		}
	}
	m1 := byID["Meeting:"+hex(graph.NewID(graph.KindMeeting, "m1"))]
	if m1 == nil || m1["place"] != "Entity:"+hex(graph.EntityID(graph.Place, "Grand Hall")) {
		t.Errorf("meeting m1 = %v, want place = the Grand Hall entity", m1)
	}
}

func hex(id graph.ID) string { return id.String() }

type cyData map[string]any

type cyElements struct {
	Elements struct {
		Nodes []struct{ Data cyData } `json:"nodes"`
		Edges []struct{ Data cyData } `json:"edges"`
	} `json:"elements"`
}

func TestCytoscape(t *testing.T) {
	s := testSnapshot()
	var doc cyElements
	if err := json.Unmarshal(render(t, export.Cytoscape, s), &doc); err != nil {
		t.Fatal(err)
	}
	nodes := map[string]cyData{}
	for _, n := range doc.Elements.Nodes {
		for _, k := range []string{"id", "label", "kind", "type"} {
			if _, ok := n.Data[k]; !ok {
				t.Errorf("node %v lacks %q", n.Data["id"], k)
			}
		}
		nodes[n.Data["id"].(string)] = n.Data
	}
	ids := map[string]bool{}
	for _, e := range doc.Elements.Edges {
		id := e.Data["id"].(string)
		if ids[id] {
			t.Errorf("duplicate edge id %s", id)
		}
		ids[id] = true
		for _, end := range []string{"source", "target"} {
			if nodes[e.Data[end].(string)] == nil {
				t.Errorf("edge %s: %s %v is not a node", id, end, e.Data[end])
			}
		}
	}
	if len(ids) != len(s.Edges) {
		t.Errorf("%d edges, want %d", len(ids), len(s.Edges))
	}
	tests := []struct {
		id, key string
		want    any
	}{
		{"Meeting:" + hex(s.Meetings[0].ID), "label", "Alice \"Al\" Smith – Bob Back\\slash (2023-06-19)"},
		{"Meeting:" + hex(s.Meetings[1].ID), "label", "Alice \"Al\" Smith – Bob Back\\slash (--07-01)"},
		{"Meeting:" + hex(s.Meetings[0].ID), "durationMinutes", 90.0},
		{"Meeting:" + hex(s.Meetings[0].ID), "type", "HELD"},
		{"Entity:" + hex(s.Entities[0].ID), "type", "PERSON"},
		{"Entity:" + hex(s.Entities[0].ID), "kind", "Entity"},
		{"Statement:" + hex(s.Statements[0].ID), "direct", true},
		{"Source:" + hex(s.Sources[1].ID), "label", "b.txt"},
		{"Event:" + hex(s.Events[1].ID), "date", "2023"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.key, func(t *testing.T) {
			if got := nodes[tt.id][tt.key]; got != tt.want {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

// TestParticipants checks that every meeting participant appears as a
// PARTICIPATED_IN edge in every graph format.
func TestParticipants(t *testing.T) {
	s := testSnapshot()
	for _, f := range []export.Format{export.JSONL, export.Cytoscape, export.GraphML, export.GEXF, export.DOT} {
		t.Run(string(f), func(t *testing.T) {
			out := string(render(t, f, s))
			for _, m := range s.Meetings {
				for _, p := range m.Participants {
					id := "PARTICIPATED_IN:" + hex(p) + "-" + hex(m.ID)
					if !strings.Contains(out, `"`+id+`"`) {
						t.Errorf("no edge %s", id)
					}
				}
			}
		})
	}
}

// decodeXML reads every token of doc, failing on malformed XML, and
// returns the start elements.
func decodeXML(t *testing.T, doc []byte) []xml.StartElement {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var out []xml.StartElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("malformed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			out = append(out, se.Copy())
		}
	}
}

func attrOf(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func TestGraphML(t *testing.T) {
	s := testSnapshot()
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				ID     string `xml:"id,attr"`
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key string `xml:"key,attr"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	out := render(t, export.GraphML, s)
	decodeXML(t, out)
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, k := range doc.Keys {
		keys[k.ID] = k.For + "/" + k.Name
	}
	for _, want := range []string{"node/label", "node/kind", "node/type", "node/date", "edge/type"} {
		found := false
		for _, v := range keys {
			found = found || v == want
		}
		if !found {
			t.Errorf("no <key> for %s", want)
		}
	}
	nodes := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		nodes[n.ID] = map[string]string{}
		for _, d := range n.Data {
			if !strings.HasPrefix(keys[d.Key], "node/") {
				t.Errorf("node %s: data key %q not declared for nodes", n.ID, d.Key)
			}
			nodes[n.ID][d.Key] = d.Value
		}
	}
	for _, e := range doc.Graph.Edges {
		if nodes[e.Source] == nil || nodes[e.Target] == nil {
			t.Errorf("edge %s: dangling end", e.ID)
		}
		for _, d := range e.Data {
			if !strings.HasPrefix(keys[d.Key], "edge/") {
				t.Errorf("edge %s: data key %q not declared for edges", e.ID, d.Key)
			}
		}
	}
	// Escaped on the way out, the same text on the way back in.
	if got, want := nodes["Entity:"+hex(s.Entities[4].ID)]["label"], "Ministry <of> Affairs & Co"; got != want {
		t.Errorf("label = %q, want %q", got, want)
	}
	if got, want := nodes["Statement:"+hex(s.Statements[0].ID)]["text"], s.Statements[0].Text; got != strings.ReplaceAll(want, "\x01", "\uFFFD") {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestGEXF(t *testing.T) {
	s := testSnapshot()
	out := render(t, export.GEXF, s)
	els := decodeXML(t, out)
	if els[0].Name.Space != "http://www.gexf.net/1.2draft" || attrOf(els[0], "version") != "1.2" {
		t.Errorf("root = %v, want gexf 1.2draft", els[0])
	}
	declared := map[string]bool{}
	var nodes, edges int
	for _, se := range els {
		switch se.Name.Local {
		case "graph":
			if attrOf(se, "mode") != "static" {
				t.Errorf("graph mode = %q, want static", attrOf(se, "mode"))
			}
		case "attribute":
			declared[attrOf(se, "id")] = true
		case "attvalue":
			if !declared[attrOf(se, "for")] {
				t.Errorf("attvalue for undeclared %q", attrOf(se, "for"))
			}
		case "node":
			nodes++
			if strings.HasPrefix(attrOf(se, "id"), "Meeting:"+hex(s.Meetings[0].ID)) &&
				attrOf(se, "label") != "Alice \"Al\" Smith – Bob Back\\slash (2023-06-19)" {
				t.Errorf("meeting label = %q", attrOf(se, "label"))
			}
		case "edge":
			edges++
		}
	}
	if want := 12; nodes != want || edges != len(s.Edges) {
		t.Errorf("%d nodes, %d edges; want %d, %d", nodes, edges, want, len(s.Edges))
	}
}

func TestDOTQuoting(t *testing.T) {
	tests := []struct{ name, want string }{
		{`Plain`, `"Plain"`},
		{`Say "hi"`, `"Say \"hi\""`},
		{`back\slash`, `"back\\slash"`},
		{`end\`, `"end\\"`},
		{`\"`, `"\\\""`},
		{"two\nlines", `"two\nlines"`},
		{"crlf\r\nline", `"crlf\nline"`},
		{"ctl\x01", `"ctl "`},
		{"Zürich ✓", `"Zürich ✓"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := graph.EntityID(graph.Person, tt.name)
			s := &graph.Snapshot{Entities: []*graph.Entity{{ID: id, Name: tt.name, Type: graph.Person}}}
			out := string(render(t, export.DOT, s))
			want := `"Entity:` + hex(id) + `" [label=` + tt.want + `, shape=ellipse`
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %s:\n%s", want, out)
			}
		})
	}
}

func TestDOT(t *testing.T) {
	out := string(render(t, export.DOT, testSnapshot()))
	if !strings.HasPrefix(out, "digraph newsgraph {\n") || !strings.HasSuffix(out, "}\n") {
		t.Errorf("not a digraph:\n%s", out)
	}
	// Every statement line is a node or an edge with all strings quoted.
	stmt := regexp.MustCompile(`^  "(?:[^"\\]|\\.)*"(?: -> "(?:[^"\\]|\\.)*")? \[(?:[a-z]+=(?:"(?:[^"\\]|\\.)*"|[a-z]+)(?:, )?)+\];$`)
	lines := strings.Split(out, "\n")
	for _, l := range lines[5 : len(lines)-2] {
		if !stmt.MatchString(l) {
			t.Errorf("bad statement: %s", l)
		}
	}
	for _, want := range []string{"shape=box", "shape=diamond", "shape=note", "shape=folder", `label="AFFILIATED_WITH\nForeign \"Minister\""`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

// nquad matches one N-Quads statement: IRIs without forbidden characters,
// literals with only the allowed escapes.
var nquad = regexp.MustCompile(`^<[^<>"{}|^` + "`" + `\\\x00-\x20]+> <[^<>"\s]+> ` +
	`(?:<[^<>"\s]+>|"(?:[^"\\\n\r]|\\[tbnrf"'\\]|\\u[0-9A-F]{4})*"(?:\^\^<[^<>"\s]+>)?)` +
	`(?: <urn:newsgraph:source:[0-9a-f]{16}>)? \.$`)

func TestNQuads(t *testing.T) {
	s := testSnapshot()
	out := string(render(t, export.NQuads, s))
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !nquad.MatchString(l) {
			t.Errorf("line %d is not an N-Quad: %s", i+1, l)
		}
	}
	st := "<urn:newsgraph:statement:" + hex(s.Statements[0].ID) + ">"
	alice := "<urn:newsgraph:entity:" + hex(s.Entities[0].ID) + ">"
	a := " <urn:newsgraph:source:" + hex(graph.SourceID("a.txt")) + "> .\n"
	b := " <urn:newsgraph:source:" + hex(graph.SourceID("b.txt")) + "> .\n"
	tests := []struct{ name, want string }{
		{"escapes", st + ` <https://newsgraph.dev/ns#text> "We had \"candid\" talks.\nNext — ünïcödé ✓\ttab\u0001 back\\slash"` + a},
		{"typed bool", st + ` <https://newsgraph.dev/ns#direct> "true"^^<http://www.w3.org/2001/XMLSchema#boolean>` + a},
		{"quad per source a", alice + ` <https://newsgraph.dev/ns#name> "Alice \"Al\" Smith"` + a},
		{"quad per source b", alice + ` <https://newsgraph.dev/ns#name> "Alice \"Al\" Smith"` + b},
		{"edge", alice + ` <https://newsgraph.dev/ns#affiliatedWith> <urn:newsgraph:entity:` + hex(s.Entities[4].ID) + ">" + a},
		{"gMonthDay", `<https://newsgraph.dev/ns#date> "--07-01"^^<http://www.w3.org/2001/XMLSchema#gMonthDay>` + b},
		{"gYear", `<https://newsgraph.dev/ns#date> "2023"^^<http://www.w3.org/2001/XMLSchema#gYear>` + a},
		{"source in default graph", `<https://newsgraph.dev/ns#url> "https://example.com/a?x=1&y=2" .` + "\n"},
		{"conflict value", `<https://newsgraph.dev/ns#value> "Old \"Palace\""` + a},
		{"title", `<https://newsgraph.dev/ns#title> "Foreign \"Minister\""` + a},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q", tt.want)
			}
		})
	}
	// alice's name is supported by two sources: exactly two quads.
	if n := strings.Count(out, alice+` <https://newsgraph.dev/ns#name> `); n != 2 {
		t.Errorf("%d name quads for a two-source entity, want 2", n)
	}
}

// TestPlaceholder checks that an edge to a node the snapshot lacks gets a
// node of kind Unknown, so no format has a dangling edge.
func TestPlaceholder(t *testing.T) {
	a, missing := graph.EntityID(graph.Person, "A"), graph.ID(0xabc)
	s := &graph.Snapshot{Entities: []*graph.Entity{{ID: a, Name: "A", Type: graph.Person}},
		Edges: []graph.Edge{{From: a, To: missing, Type: graph.Said}}}
	out := string(render(t, export.JSONL, s))
	if !strings.Contains(out, `{"kind":"Unknown","id":"Unknown:0000000000000abc"}`) ||
		!strings.Contains(out, `"to":"Unknown:0000000000000abc"`) {
		t.Errorf("no placeholder:\n%s", out)
	}
}

func TestEmptySnapshot(t *testing.T) {
	for _, f := range export.Formats() {
		t.Run(string(f), func(t *testing.T) {
			out := render(t, f, &graph.Snapshot{})
			switch f {
			case export.Cytoscape:
				if !json.Valid(out) {
					t.Errorf("invalid JSON: %s", out)
				}
			case export.GraphML, export.GEXF:
				decodeXML(t, out)
			}
		})
	}
}

func BenchmarkWriter(b *testing.B) {
	s := syntheticSnapshot(5000)
	for _, f := range export.Formats() {
		b.Run(string(f), func(b *testing.B) {
			write, err := export.Writer(f)
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := write(&buf, s); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}

func TestCytoscapeStyle(t *testing.T) {
	var doc struct {
		Style []struct {
			Selector string         `json:"selector"`
			Style    map[string]any `json:"style"`
		} `json:"style"`
		Elements struct {
			Nodes []struct{ Data cyData } `json:"nodes"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(render(t, export.Cytoscape, testSnapshot()), &doc); err != nil {
		t.Fatal(err)
	}
	rules := map[string]map[string]any{}
	for _, r := range doc.Style {
		rules[r.Selector] = r.Style
	}
	if rules["edge"]["label"] != "data(type)" {
		t.Errorf("edge rule %v: want label data(type)", rules["edge"])
	}
	colours := map[any]bool{}
	for _, n := range doc.Elements.Nodes {
		class, _ := n.Data["group"].(string)
		rule := rules[`node[group = "`+class+`"]`]
		if rule == nil || rule["background-color"] == nil {
			t.Errorf("node %v of class %q has no colour rule", n.Data["id"], class)
			continue
		}
		colours[rule["background-color"]] = true
	}
	// Person, place, organization, meeting, statement, event, source.
	if len(colours) != 7 {
		t.Errorf("%d colours in use, want 7 (one per entity type and node kind)", len(colours))
	}
}

func TestNeo4j(t *testing.T) {
	s := testSnapshot()
	out := render(t, export.Neo4j, s)
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][][]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f.Name, ".csv") {
			r := csv.NewReader(rc)
			r.FieldsPerRecord = 0
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			files[f.Name] = rows
		}
		rc.Close()
	}
	nodes, rels := files["nodes.csv"], files["relationships.csv"]
	if len(nodes) != 1+12 || len(rels) != 1+len(s.Edges) {
		t.Fatalf("%d node rows, %d relationship rows; want 1+12, 1+%d", len(nodes), len(rels), len(s.Edges))
	}
	if nodes[0][0] != "id:ID" || nodes[0][1] != ":LABEL" || !slices.Contains(nodes[0], "sourceCount:int") ||
		!slices.Contains(nodes[0], "aliases:string[]") || !slices.Contains(nodes[0], "direct:boolean") {
		t.Errorf("nodes header %v", nodes[0])
	}
	if got := rels[0][:3]; !slices.Equal(got, []string{":START_ID", ":END_ID", ":TYPE"}) {
		t.Errorf("relationships header %v", rels[0])
	}
	ids := map[string]bool{}
	for _, row := range nodes[1:] {
		ids[row[0]] = true
	}
	alice := "Entity:" + hex(s.Entities[0].ID)
	found := false
	for _, row := range rels[1:] {
		if !ids[row[0]] || !ids[row[1]] {
			t.Errorf("relationship %v: end not among the nodes", row)
		}
		found = found || row[0] == alice && row[2] == "AFFILIATED_WITH" && slices.Contains(row, `Foreign "Minister"`)
	}
	if !found {
		t.Error("no AFFILIATED_WITH relationship from Alice with her title")
	}
	for _, row := range nodes[1:] {
		if row[0] == alice && row[1] != "Entity;Person" {
			t.Errorf("Alice's labels %q, want Entity;Person", row[1])
		}
	}
}

// TestDgraphSchemaCoversNQuads checks that every predicate of the N-Quads
// export is declared in the Dgraph schema, once.
func TestDgraphSchemaCoversNQuads(t *testing.T) {
	schema := string(render(t, export.Dgraph, testSnapshot()))
	declared := map[string]int{}
	for _, l := range strings.Split(schema, "\n") {
		if p, _, ok := strings.Cut(l, ">: "); ok && strings.HasPrefix(p, "<") {
			declared[p[1:]]++
		}
	}
	for p, n := range declared {
		if n != 1 {
			t.Errorf("%s declared %d times", p, n)
		}
	}
	pred := regexp.MustCompile(`^<[^>]+> <([^>]+)> `)
	for _, l := range strings.Split(string(render(t, export.NQuads, testSnapshot())), "\n") {
		if m := pred.FindStringSubmatch(l); m != nil && declared[m[1]] == 0 {
			t.Errorf("predicate %s not in the Dgraph schema", m[1])
		}
	}
}

func TestCut(t *testing.T) {
	s := testSnapshot()
	alice, bob, m1 := s.Entities[0].ID, s.Entities[1].ID, s.Meetings[0].ID
	tests := []struct {
		name           string
		center         graph.ID
		depth          int
		nodes, sources int
		want, notWant  graph.ID
	}{
		{"depth 0", bob, 0, 1, 1, bob, alice},
		{"depth 1", bob, 1, 4, 2, m1, s.Statements[0].ID},             // bob, alice, m1, m2 (+ sources)
		{"depth 2", bob, 2, 9, 2, s.Statements[0].ID, s.Events[0].ID}, // not the incident, 3 hops away
		{"unknown", graph.ID(0xabc), 2, 0, 0, 0, bob},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := export.Cut(s, tt.center, tt.depth)
			ids := map[graph.ID]bool{}
			for _, e := range c.Entities {
				ids[e.ID] = true
			}
			for _, m := range c.Meetings {
				ids[m.ID] = true
			}
			for _, st := range c.Statements {
				ids[st.ID] = true
			}
			for _, ev := range c.Events {
				ids[ev.ID] = true
			}
			if len(ids) != tt.nodes || len(c.Sources) != tt.sources {
				t.Errorf("%d nodes, %d sources; want %d, %d", len(ids), len(c.Sources), tt.nodes, tt.sources)
			}
			if tt.want != 0 && !ids[tt.want] || ids[tt.notWant] {
				t.Errorf("nodes %v: want %v, not %v", ids, tt.want, tt.notWant)
			}
			for _, src := range c.Sources {
				ids[src.ID] = true
			}
			for _, e := range c.Edges {
				if !ids[e.From] || !ids[e.To] {
					t.Errorf("edge %v %v-%v leaves the cut", e.Type, e.From, e.To)
				}
			}
		})
	}
}

type snapStore struct{ s *graph.Snapshot }

func (s snapStore) Snapshot(context.Context) (*graph.Snapshot, error) { return s.s, nil }

func (s snapStore) LookupEntities(_ context.Context, name string, _ graph.EntityType) ([]*graph.Entity, error) {
	for _, e := range s.s.Entities {
		if strings.EqualFold(e.Name, name) || slices.ContainsFunc(e.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			return []*graph.Entity{e}, nil
		}
	}
	return nil, nil
}

func TestExport(t *testing.T) {
	s := testSnapshot()
	st := snapStore{s}
	bob := "Entity:" + hex(s.Entities[1].ID)
	tests := []struct {
		name    string
		req     export.Request
		lines   int   // JSONL lines, when no error
		wantErr error // wrapped by the error
	}{
		{"whole graph", export.Request{Format: export.JSONL}, 12 + len(s.Edges), nil},
		{"center by name", export.Request{Format: export.JSONL, Center: `bob back\slash`, Depth: 0}, 1 + 1, nil},
		{"center by alias", export.Request{Format: export.JSONL, Center: "al smith", Depth: 0}, 1 + 2, nil},
		{"center by ref", export.Request{Format: export.JSONL, Center: bob, Depth: 0}, 1 + 1, nil},
		{"center by global ID", export.Request{Format: export.JSONL, Center: base64.StdEncoding.EncodeToString([]byte(bob))}, 0, nil},
		{"unknown format", export.Request{Format: "csv"}, 0, export.ErrUnknownFormat},
		{"unknown center", export.Request{Format: export.JSONL, Center: "Nobody"}, 0, graph.ErrNotFound},
		{"depth", export.Request{Format: export.JSONL, Center: "Bob", Depth: 9}, 0, export.ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := export.Export(context.Background(), st, &buf, tt.req)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !errors.Is(err, export.ErrBadRequest) {
					t.Errorf("err = %v, want %v and ErrBadRequest", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), "\n"); tt.lines != 0 && n != tt.lines {
				t.Errorf("%d lines, want %d:\n%s", n, tt.lines, buf.String())
			}
			if !strings.Contains(buf.String(), `"id":"`+bob+`"`) && tt.req.Center != "al smith" {
				t.Errorf("output lacks %s", bob)
			}
		})
	}
}

func TestFormatInfo(t *testing.T) {
	for _, f := range export.Formats() {
		if export.MediaType(f) == "" || !strings.HasPrefix(export.FileName(f), "newsgraph.") {
			t.Errorf("%s: media type %q, file name %q", f, export.MediaType(f), export.FileName(f))
		}
	}
	if export.MediaType("csv") != "" || export.FileName("csv") != "" {
		t.Error("unknown format has a media type or file name")
	}
}
