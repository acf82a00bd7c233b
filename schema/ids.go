package schema

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// GlobalID is the Relay global ID of the node of kind k with store ID id:
// base64 of "Kind:hex", e.g. base64("Meeting:00a1b2c3d4e5f607").
func GlobalID(k graph.NodeKind, id graph.ID) string {
	return base64.StdEncoding.EncodeToString([]byte(k.String() + ":" + id.String()))
}

// ParseGlobalID is the inverse of GlobalID.
func ParseGlobalID(s string) (graph.NodeKind, graph.ID, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		// Tolerate URL-safe encodings that clients sometimes produce.
		if b, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "=")); err != nil {
			return 0, 0, clientErrorf("invalid id %q", s)
		}
	}
	kind, hex, ok := strings.Cut(string(b), ":")
	if !ok {
		return 0, 0, clientErrorf("invalid id %q", s)
	}
	k, err := graph.ParseNodeKind(kind)
	if err != nil {
		return 0, 0, clientErrorf("invalid id %q", s)
	}
	n, err := strconv.ParseUint(hex, 16, 64)
	if err != nil {
		return 0, 0, clientErrorf("invalid id %q", s)
	}
	return k, graph.ID(n), nil
}

const cursorPrefix = "cursor:"

// encodeCursor makes the opaque cursor of the item at offset i of a list.
func encodeCursor(i int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(i)))
}

// decodeCursor is the inverse of encodeCursor.
func decodeCursor(c string) (int, error) {
	b, err := base64.StdEncoding.DecodeString(c)
	if err != nil {
		return 0, clientErrorf("invalid cursor in argument \"after\"")
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), cursorPrefix))
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) || n < 0 {
		return 0, clientErrorf("invalid cursor in argument \"after\"")
	}
	return n, nil
}
