package export

import (
	"bufio"
	"encoding/xml"
)

// xmlWriter wraps an xml.Encoder (which does all escaping) and keeps the
// first error, so the writers can emit tokens without checking each one.
type xmlWriter struct {
	enc *xml.Encoder
	err error
}

func newXMLWriter(w *bufio.Writer) *xmlWriter {
	x := &xmlWriter{enc: xml.NewEncoder(w)}
	x.enc.Indent("", "  ")
	_, x.err = w.WriteString(xml.Header)
	return x
}

func (x *xmlWriter) token(t xml.Token) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(t)
	}
}

// start opens element name with attributes given as name, value pairs.
func (x *xmlWriter) start(name string, kv ...string) {
	se := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(kv); i += 2 {
		se.Attr = append(se.Attr, xml.Attr{Name: xml.Name{Local: kv[i]}, Value: kv[i+1]})
	}
	x.token(se)
}

func (x *xmlWriter) end(name string) { x.token(xml.EndElement{Name: xml.Name{Local: name}}) }

// elem writes an element with attributes and no content.
func (x *xmlWriter) elem(name string, kv ...string) {
	x.start(name, kv...)
	x.end(name)
}

// textElem writes an element with attributes and text content.
func (x *xmlWriter) textElem(name, text string, kv ...string) {
	x.start(name, kv...)
	x.token(xml.CharData(text))
	x.end(name)
}

func (x *xmlWriter) close() error {
	if x.err == nil {
		x.err = x.enc.Close()
	}
	return x.err
}

// graphmlType is the GraphML attr.type of t.
func graphmlType(t attrType) string {
	switch t {
	case attrInt:
		return "int"
	case attrBool:
		return "boolean"
	}
	return "string"
}

// Edge key IDs are prefixed so that they never collide with node key IDs.
func graphmlKey(a attrID, forEdge bool) string {
	if forEdge {
		return "e_" + a.name()
	}
	return a.name()
}

// writeGraphML writes GraphML with a <key> per attribute; lists are
// strings joined with "; ".
func writeGraphML(w *bufio.Writer, v *view) error {
	x := newXMLWriter(w)
	x.start("graphml", "xmlns", "http://graphml.graphdrawing.org/xmlns",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
	for _, a := range nodeAttrIDs() {
		x.elem("key", "id", graphmlKey(a, false), "for", "node", "attr.name", a.name(), "attr.type", graphmlType(a.typ()))
	}
	for _, a := range edgeAttrIDs() {
		x.elem("key", "id", graphmlKey(a, true), "for", "edge", "attr.name", a.name(), "attr.type", graphmlType(a.typ()))
	}
	x.start("graph", "id", "newsgraph", "edgedefault", "directed")
	for i := range v.nodes {
		n := &v.nodes[i]
		x.start("node", "id", n.ref)
		for _, a := range v.nodeAttrs(n) {
			x.textElem("data", a.text(), "key", graphmlKey(a.id, false))
		}
		x.end("node")
	}
	for i := range v.edges {
		e := &v.edges[i]
		x.start("edge", "id", e.id, "source", e.from, "target", e.to)
		for _, a := range v.edgeAttrs(e) {
			x.textElem("data", a.text(), "key", graphmlKey(a.id, true))
		}
		x.end("edge")
	}
	x.end("graph")
	x.end("graphml")
	if err := x.close(); err != nil {
		return err
	}
	_, err := w.WriteString("\n")
	return err
}

// gexfType is the GEXF 1.2 attribute type of t.
func gexfType(t attrType) string {
	switch t {
	case attrInt:
		return "integer"
	case attrBool:
		return "boolean"
	}
	return "string"
}

// writeGEXF writes static GEXF 1.2draft, the version Gephi and every
// networkx read (networkx before 3.0, which Debian 12 ships, cannot read
// 1.3). Labels are the built-in label attributes; everything else, the
// edge type included, is a declared attribute.
func writeGEXF(w *bufio.Writer, v *view) error {
	x := newXMLWriter(w)
	x.start("gexf", "xmlns", "http://www.gexf.net/1.2draft",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:schemaLocation", "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd",
		"version", "1.2")
	x.start("meta")
	x.textElem("creator", "newsgraph")
	x.textElem("description", "news knowledge graph: entities, meetings, statements, events and sources")
	x.end("meta")
	x.start("graph", "mode", "static", "defaultedgetype", "directed")
	declare := func(class string, ids []attrID) {
		x.start("attributes", "class", class)
		for _, a := range ids {
			if a != aLabel {
				x.elem("attribute", "id", a.name(), "title", a.name(), "type", gexfType(a.typ()))
			}
		}
		x.end("attributes")
	}
	declare("node", nodeAttrIDs())
	declare("edge", edgeAttrIDs())
	values := func(as attrs) {
		if len(as) <= 1 {
			return
		}
		x.start("attvalues")
		for _, a := range as {
			if a.id != aLabel {
				x.elem("attvalue", "for", a.id.name(), "value", a.text())
			}
		}
		x.end("attvalues")
	}
	x.start("nodes")
	for i := range v.nodes {
		n := &v.nodes[i]
		x.start("node", "id", n.ref, "label", n.label)
		values(v.nodeAttrs(n))
		x.end("node")
	}
	x.end("nodes")
	x.start("edges")
	for i := range v.edges {
		e := &v.edges[i]
		x.start("edge", "id", e.id, "source", e.from, "target", e.to, "label", e.e.Type.String())
		values(v.edgeAttrs(e))
		x.end("edge")
	}
	x.end("edges")
	x.end("graph")
	x.end("gexf")
	if err := x.close(); err != nil {
		return err
	}
	_, err := w.WriteString("\n")
	return err
}
