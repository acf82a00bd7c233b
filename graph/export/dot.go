package export

import (
	"bufio"
	"strings"
)

// writeDOT writes a Graphviz digraph. Every ID and string is quoted; kind,
// type and date are kept as extra attributes (Graphviz ignores them, other
// DOT readers keep them).
func writeDOT(w *bufio.Writer, v *view) error {
	buf := make([]byte, 0, 512)
	w.WriteString("digraph newsgraph {\n  graph [rankdir=LR];\n  node [style=filled, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n")
	for i := range v.nodes {
		n := &v.nodes[i]
		st := styleOf(n.kind, n.typ)
		buf = append(buf[:0], "  "...)
		buf = appendDOTString(buf, n.ref)
		buf = append(buf, " [label="...)
		buf = appendDOTString(buf, n.label)
		buf = append(buf, ", shape="...)
		buf = append(buf, st.dotShape...)
		buf = append(buf, ", fillcolor="...)
		buf = appendDOTString(buf, st.color)
		buf = append(buf, ", kind="...)
		buf = appendDOTString(buf, n.kind.String())
		if n.typ != "" {
			buf = append(buf, ", type="...)
			buf = appendDOTString(buf, n.typ)
		}
		if n.date != "" {
			buf = append(buf, ", date="...)
			buf = appendDOTString(buf, n.date)
		}
		buf = append(buf, "];\n"...)
		w.Write(buf)
	}
	for i := range v.edges {
		e := &v.edges[i]
		label := e.e.Type.String()
		if e.e.Title != "" {
			label += "\n" + e.e.Title
		}
		buf = append(buf[:0], "  "...)
		buf = appendDOTString(buf, e.from)
		buf = append(buf, " -> "...)
		buf = appendDOTString(buf, e.to)
		buf = append(buf, " [id="...)
		buf = appendDOTString(buf, e.id)
		buf = append(buf, ", label="...)
		buf = appendDOTString(buf, label)
		buf = append(buf, ", type="...)
		buf = appendDOTString(buf, e.e.Type.String())
		buf = append(buf, "];\n"...)
		w.Write(buf)
	}
	_, err := w.WriteString("}\n")
	return err
}

// appendDOTString appends s as a DOT double-quoted string. Quotes and
// backslashes are escaped (a backslash would otherwise start a Graphviz
// escape such as \N or \l), line breaks become \n and other control
// characters a space.
func appendDOTString(buf []byte, s string) []byte {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\r\n", "\n")
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c == '\n' || c == '\r':
			buf = append(buf, '\\', 'n')
		case c < 0x20 || c == 0x7f:
			buf = append(buf, ' ')
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}
