package graph

import (
	"encoding/json"
	"fmt"
)

// Values are JSON. BenchmarkCodec (codec_test.go) compares it with gob for a
// typical claim row: gob writes its type descriptors into every standalone
// value, so it is both larger and slower for one small value per key, and a
// shared gob stream is not possible because every row is read on its own.

// sourceRow is the value of an S row: the source and every row it wrote.
type sourceRow struct {
	Source Source `json:"s"`
	Rows   []byte `json:"r"`           // appendRowList encoding of the row keys, sorted
	Corr   string `json:"c,omitempty"` // Fingerprint of the corrections the rows apply
}

// articleRow is the value of an X row: the article as extraction gave it,
// before corrections, from which SetCorrections rebuilds the source's rows.
type articleRow struct {
	Article *Article `json:"a"`
	Text    string   `json:"t"`
}

// entityRow is one source's claim for an entity (N row, kind Entity).
type entityRow struct {
	Name     string     `json:"n"`
	Type     EntityType `json:"t"`
	Aliases  []string   `json:"a,omitempty"`
	Titles   []string   `json:"ti,omitempty"`
	Evidence []Evidence `json:"e,omitempty"`
}

// eventRow is one source's claim for an event (N row, kind Event).
type eventRow struct {
	Name         string     `json:"n"`
	Kind         string     `json:"k"`
	Date         Date       `json:"d"`
	Place        ID         `json:"p,omitempty"`
	Participants []ID       `json:"pa,omitempty"`
	Evidence     []Evidence `json:"e,omitempty"`
}

// statementRow is one source's claim for a statement (N row, kind Statement).
type statementRow struct {
	Speaker  ID         `json:"s"`
	Text     string     `json:"t"`
	Direct   bool       `json:"di,omitempty"`
	Date     Date       `json:"d"`
	Evidence []Evidence `json:"e,omitempty"`
}

// seriesRow is one source's claims for a meeting series (G row): the
// meetings it reports between the same participants with the same status.
type seriesRow struct {
	Participants []ID          `json:"p"`
	Status       MeetingStatus `json:"s"`
	Claims       []meetingRow  `json:"c"`
}

// meetingRow is one meeting claim of a series row.
type meetingRow struct {
	Date            Date       `json:"d"`
	EndDate         Date       `json:"ed"`
	DateText        string     `json:"dt,omitempty"`
	Place           ID         `json:"p,omitempty"`
	City            ID         `json:"c,omitempty"`
	DurationMinutes int        `json:"m,omitempty"`
	Event           ID         `json:"v,omitempty"`
	Evidence        []Evidence `json:"e,omitempty"`
}

// headRow is the value of an H row: the meeting IDs of a series' clusters.
type headRow struct {
	Meetings []ID `json:"m"`
}

// edgeRow is one source's support for an edge (E row): one item per title
// (relations) or a single untitled item.
type edgeRow struct {
	Items []edgeItem `json:"i,omitempty"`
}

type edgeItem struct {
	Title    string     `json:"t,omitempty"`
	Evidence []Evidence `json:"e,omitempty"`
}

func encodeValue(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	return b, nil
}

func decodeValue(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %T: %w", v, err)
	}
	return nil
}

// encodeNode prefixes the claim with its node kind, so a node's rows say
// what the node is without a second lookup.
func encodeNode(k NodeKind, v any) ([]byte, error) {
	b, err := encodeValue(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{byte(k)}, b...), nil
}

func nodeKindOf(b []byte) NodeKind {
	if len(b) == 0 {
		return KindUnknown
	}
	return NodeKind(b[0])
}

func decodeNode(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("decode %T: empty value", v)
	}
	return decodeValue(b[1:], v)
}
