package export

import (
	"bufio"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
)

// IRIs of the N-Quads vocabulary. The namespace is an identifier, never
// fetched.
const (
	nsIRI      = "https://newsgraph.dev/ns#"
	rdfType    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	rdfsLabel  = "http://www.w3.org/2000/01/rdf-schema#label"
	xsdNS      = "http://www.w3.org/2001/XMLSchema#"
	urnPrefix  = "urn:newsgraph:"
	edgePrefix = urnPrefix + "edge:"
)

// nodeIRI is urn:newsgraph:<kind>:<hex id>, the kind in lower case.
func nodeIRI(k graph.NodeKind, id graph.ID) string {
	return urnPrefix + strings.ToLower(k.String()) + ":" + hexID(id)
}

// edgePredicate is the camel-case predicate of an edge type: MET_WITH is
// ns:metWith.
func edgePredicate(t graph.EdgeType) string {
	parts := strings.Split(strings.ToLower(t.String()), "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return nsIRI + strings.Join(parts, "")
}

// quads collects the triples of one fact group and writes them once per
// source, in that source's named graph.
type quads struct {
	w    *bufio.Writer
	v    *view
	buf  []byte
	subj string
	po   [][2]string // predicate IRI, serialized object
}

func (q *quads) begin(subj string) { q.subj, q.po = subj, q.po[:0] }

func (q *quads) iri(pred, obj string) { q.po = append(q.po, [2]string{pred, "<" + obj + ">"}) }

// lit adds a plain string literal; empty strings are left out.
func (q *quads) lit(pred, s string) {
	if s != "" {
		q.str(pred, s)
	}
}

// str adds a plain string literal, even an empty one.
func (q *quads) str(pred, s string) {
	q.po = append(q.po, [2]string{pred, string(appendNQuadsLiteral(nil, s))})
}

func (q *quads) typed(pred, s, datatype string) {
	q.po = append(q.po, [2]string{pred, string(appendNQuadsLiteral(nil, s)) + "^^<" + datatype + ">"})
}

// date adds d as xsd:date, gYearMonth, gYear, gMonthDay or gMonth by
// precision; the zero date is left out.
func (q *quads) date(pred string, d graph.Date) {
	if d.IsZero() {
		return
	}
	t := "date"
	switch {
	case d.Year == 0 && d.Day != 0:
		t = "gMonthDay"
	case d.Year == 0:
		t = "gMonth"
	case d.Month == 0:
		t = "gYear"
	case d.Day == 0:
		t = "gYearMonth"
	}
	q.typed(pred, d.String(), xsdNS+t)
}

// flush writes the collected triples once per source (sorted by key), or
// once in the default graph when there is no source.
func (q *quads) flush(sources []graph.ID) {
	if len(sources) == 0 {
		q.emit("")
		return
	}
	for _, src := range q.v.sortedSources(sources) {
		q.emit(nodeIRI(graph.KindSource, src))
	}
}

func (q *quads) emit(g string) {
	for _, po := range q.po {
		b := append(q.buf[:0], '<')
		b = append(b, q.subj...)
		b = append(b, "> <"...)
		b = append(b, po[0]...)
		b = append(b, "> "...)
		b = append(b, po[1]...)
		if g != "" {
			b = append(b, " <"...)
			b = append(b, g...)
			b = append(b, '>')
		}
		b = append(b, " .\n"...)
		q.w.Write(b)
		q.buf = b
	}
}

// writeNQuads writes RDF N-Quads. Node and edge facts are stated once per
// supporting source, with the source's IRI as the graph label; source
// nodes' own properties are in the default graph.
func writeNQuads(w *bufio.Writer, v *view) error {
	q := &quads{w: w, v: v, buf: make([]byte, 0, 512)}
	for i := range v.nodes {
		n := &v.nodes[i]
		subj := nodeIRI(n.kind, n.id)
		q.begin(subj)
		q.iri(rdfType, nsIRI+n.kind.String())
		q.lit(rdfsLabel, n.label)
		var sources []graph.ID
		switch x := n.n.(type) {
		case *graph.Entity:
			q.lit(nsIRI+"name", x.Name)
			q.lit(nsIRI+"entityType", x.Type.String())
			for _, a := range sortedStrings(x.Aliases) {
				q.lit(nsIRI+"alias", a)
			}
			for _, t := range sortedStrings(x.Titles) {
				q.lit(nsIRI+"title", t)
			}
			sources = x.Sources
		case *graph.Meeting:
			for _, p := range sortedIDs(x.Participants) {
				q.iri(nsIRI+"participant", v.iriOf(p, graph.KindEntity))
			}
			q.date(nsIRI+"date", x.Date)
			q.date(nsIRI+"endDate", x.EndDate)
			q.lit(nsIRI+"dateText", x.DateText)
			if x.Place != 0 {
				q.iri(nsIRI+"place", v.iriOf(x.Place, graph.KindEntity))
			}
			if x.City != 0 {
				q.iri(nsIRI+"city", v.iriOf(x.City, graph.KindEntity))
			}
			if x.DurationMinutes != 0 {
				q.typed(nsIRI+"durationMinutes", strconv.Itoa(x.DurationMinutes), xsdNS+"integer")
			}
			q.lit(nsIRI+"status", x.Status.String())
			if x.Event != 0 {
				q.iri(nsIRI+"event", v.iriOf(x.Event, graph.KindEvent))
			}
			sources = x.Sources
		case *graph.Statement:
			q.iri(nsIRI+"speaker", v.iriOf(x.Speaker, graph.KindEntity))
			q.lit(nsIRI+"text", x.Text)
			q.typed(nsIRI+"direct", strconv.FormatBool(x.Direct), xsdNS+"boolean")
			q.date(nsIRI+"date", x.Date)
			sources = x.Sources
		case *graph.Event:
			q.lit(nsIRI+"name", x.Name)
			q.lit(nsIRI+"eventKind", x.Kind)
			q.date(nsIRI+"date", x.Date)
			if x.Place != 0 {
				q.iri(nsIRI+"place", v.iriOf(x.Place, graph.KindEntity))
			}
			for _, p := range sortedIDs(x.Participants) {
				q.iri(nsIRI+"participant", v.iriOf(p, graph.KindEntity))
			}
			sources = x.Sources
		case *graph.Source:
			q.lit(nsIRI+"key", x.Key)
			q.lit(nsIRI+"url", x.URL)
			q.lit(nsIRI+"title", x.Title)
			q.lit(nsIRI+"publisher", x.Publisher)
			q.date(nsIRI+"published", x.Published)
			q.lit(nsIRI+"hash", x.Hash)
		}
		q.flush(sources)
		if m, ok := n.n.(*graph.Meeting); ok {
			q.conflicts(subj, m.Conflicts)
		}
	}
	for i := range v.edges {
		e := &v.edges[i]
		q.begin(v.iriOf(e.e.From, graph.KindUnknown))
		q.iri(edgePredicate(e.e.Type), v.iriOf(e.e.To, graph.KindUnknown))
		q.flush(e.e.Sources)
		if e.e.Title != "" {
			// A titled edge is also a resource, so that the title has a subject.
			q.begin(edgePrefix + e.id)
			q.iri(rdfType, nsIRI+"Edge")
			q.lit(nsIRI+"edgeType", e.e.Type.String())
			q.iri(nsIRI+"from", v.iriOf(e.e.From, graph.KindUnknown))
			q.iri(nsIRI+"to", v.iriOf(e.e.To, graph.KindUnknown))
			q.lit(nsIRI+"title", e.e.Title)
			q.flush(e.e.Sources)
		}
	}
	return nil
}

// conflicts writes each disagreeing value as a resource
// <subject>/conflict/<i>/<j> with its field and value, linked from the
// subject, stated in the graphs of the sources that give that value.
func (q *quads) conflicts(subj string, cs []graph.Conflict) {
	for i, c := range sortedConflicts(cs) {
		for j, val := range c.Values {
			cv := subj + "/conflict/" + strconv.Itoa(i) + "/" + strconv.Itoa(j)
			q.begin(subj)
			q.iri(nsIRI+"conflict", cv)
			q.flush(val.Sources)
			q.begin(cv)
			q.iri(rdfType, nsIRI+"ConflictValue")
			q.str(nsIRI+"field", c.Field)
			q.str(nsIRI+"value", val.Value)
			q.flush(val.Sources)
		}
	}
}

func sortedIDs(ids []graph.ID) []graph.ID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// iriOf is the IRI of node id; want is its kind when the snapshot lacks it
// (the edge placeholders are in the view, so edge ends always resolve).
func (v *view) iriOf(id graph.ID, want graph.NodeKind) string {
	r := v.ref(id, want)
	kind := r[:strings.IndexByte(r, ':')]
	return urnPrefix + strings.ToLower(kind) + ":" + hexID(id)
}

// appendNQuadsLiteral appends s as an N-Quads STRING_LITERAL_QUOTE: quote,
// backslash and the control characters with an ECHAR form use it, other
// control characters \uXXXX; all else is UTF-8 as is (invalid bytes become
// U+FFFD).
func appendNQuadsLiteral(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			default:
				if c < 0x20 || c == 0x7f {
					buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
				} else {
					buf = append(buf, c)
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, "\uFFFD"...)
		} else {
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}
