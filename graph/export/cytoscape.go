package export

import (
	"bufio"
	"unicode/utf8"
)

// writeCytoscape writes what cytoscape({...}) takes, one element per line:
// {"style":[…],"elements":{"nodes":[{"data":{"id","group","label","kind","type",…}}],
// "edges":[{"data":{"id","source","target","label",…}}]}}.
// The style is CytoscapeStyle, which colours nodes by data.group (entity
// type or node kind). Integer and boolean attributes are JSON numbers and
// booleans, lists are arrays.
func writeCytoscape(w *bufio.Writer, v *view) error {
	buf := make([]byte, 0, 1024)
	w.WriteString(`{"style":`)
	w.Write(CytoscapeStyle())
	w.WriteString(",\n\"elements\":{\"nodes\":[")
	for i := range v.nodes {
		n := &v.nodes[i]
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n{\"data\":{\"id\":"...)
		buf = appendJSONString(buf, n.ref)
		buf = append(buf, `,"group":`...)
		buf = appendJSONString(buf, styleOf(n.kind, n.typ).class)
		buf = appendJSONAttrs(buf, v.nodeAttrs(n))
		buf = append(buf, "}}"...)
		w.Write(buf)
	}
	w.WriteString("\n],\"edges\":[")
	for i := range v.edges {
		e := &v.edges[i]
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n{\"data\":{\"id\":"...)
		buf = appendJSONString(buf, e.id)
		buf = append(buf, `,"source":`...)
		buf = appendJSONString(buf, e.from)
		buf = append(buf, `,"target":`...)
		buf = appendJSONString(buf, e.to)
		buf = appendJSONAttrs(buf, v.edgeAttrs(e))
		buf = append(buf, "}}"...)
		w.Write(buf)
	}
	_, err := w.WriteString("\n]}}\n")
	return err
}

// appendJSONAttrs appends ,"name":value for each attribute.
func appendJSONAttrs(buf []byte, as attrs) []byte {
	for _, a := range as {
		buf = append(buf, ',')
		buf = appendJSONString(buf, a.id.name())
		buf = append(buf, ':')
		switch a.id.typ() {
		case attrInt, attrBool:
			buf = append(buf, a.s...)
		case attrList:
			buf = append(buf, '[')
			for i, s := range a.list {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = appendJSONString(buf, s)
			}
			buf = append(buf, ']')
		default:
			buf = appendJSONString(buf, a.s)
		}
	}
	return buf
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD; U+2028 and U+2029 are escaped so the output is also valid
// JavaScript.
func appendJSONString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf = append(buf, '\\', c)
			case c == '\n':
				buf = append(buf, '\\', 'n')
			case c == '\r':
				buf = append(buf, '\\', 'r')
			case c == '\t':
				buf = append(buf, '\\', 't')
			case c < 0x20:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}
