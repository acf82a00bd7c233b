package export_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
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
	if els[0].Name.Space != "http://gexf.net/1.3" || attrOf(els[0], "version") != "1.3" {
		t.Errorf("root = %v, want gexf 1.3", els[0])
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
