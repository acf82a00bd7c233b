package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/newsgraph/newsgraph/graph"
)

// Value encodings. The rows every read decodes (S, N, G, E) have a compact
// binary encoding of their own (binaryRow); the rest (H, X, C) are JSON.
// Evidence (sentence texts) is most of the bytes of a claim, and JSON made
// decoding those rows the bulk of a query's time; BenchmarkCodec
// (internal_test.go) compares the binary encoding with JSON and gob for a
// typical claim row. gob writes its type descriptors into every standalone
// value, so it is both larger and slower for one small value per key.
//
// The binary encoding is a sequence of fields in a fixed order per row
// type, with no field names and no version of its own: changing it means
// bumping schemaVersion. Integers are varints (zigzag for signed ones), IDs
// 8 bytes big-endian, strings and lists a uvarint length then their bytes or
// items, bools and enums one byte. Decoding copies the value into one
// string and slices every string field out of it, so a row costs one
// allocation for its text whatever the number of its strings.

// errBadValue reports a stored value that does not decode.
var errBadValue = errors.New("malformed value")

// binaryRow is a row value with its own binary encoding; encodeValue and
// decodeValue use it instead of JSON.
type binaryRow interface {
	appendRow(w valueWriter) valueWriter
}

// binaryRowDecoder decodes what binaryRow.appendRow wrote.
type binaryRowDecoder interface {
	readRow(r *valueReader)
}

// sourceRow is the value of an S row: the source and every row it wrote.
// Encoded: uvarint length of the head, the head (source, Corr), then Rows
// as they are, so that reading the source skips the row list.
type sourceRow struct {
	Source graph.Source
	Rows   []byte // appendRowList encoding of the row keys, sorted
	Corr   string // Fingerprint of the corrections the rows apply
}

func (s sourceRow) appendRow(w valueWriter) valueWriter {
	head := valueWriter(nil).source(&s.Source).str(s.Corr)
	w = w.uint(uint64(len(head)))
	return append(append(w, head...), s.Rows...)
}

func (s *sourceRow) readRow(r *valueReader) {
	head := r.sub(r.count())
	s.Source, s.Corr = head.source(), head.str()
	if err := head.end(); err != nil && r.err == nil {
		r.err = err
	}
	s.Rows = []byte(r.rest())
}

// sourceOf decodes only the head of an S row value: the source without its
// ID, and the Fingerprint of its corrections.
func sourceOf(b []byte) (graph.Source, string, error) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return graph.Source{}, "", fmt.Errorf("decode source row: %w", errBadValue)
	}
	r := &valueReader{s: string(b[w : w+int(n)])}
	src, corr := r.source(), r.str()
	if err := r.end(); err != nil {
		return graph.Source{}, "", fmt.Errorf("decode source row: %w", err)
	}
	return src, corr, nil
}

// articleRow is the value of an X row: the article as extraction gave it,
// before corrections, from which SetCorrections rebuilds the source's rows.
type articleRow struct {
	Article *graph.Article `json:"a"`
	Text    string         `json:"t"`
}

// entityRow is one source's claim for an entity (N row, kind Entity).
type entityRow struct {
	Name     string
	Type     graph.EntityType
	Aliases  []string
	Titles   []string
	Evidence []graph.Evidence
}

func (e entityRow) appendRow(w valueWriter) valueWriter {
	return w.str(e.Name).byte1(byte(e.Type)).strs(e.Aliases).strs(e.Titles).evidence(e.Evidence)
}

func (e *entityRow) readRow(r *valueReader) {
	e.Name, e.Type = r.str(), graph.EntityType(r.byte1())
	e.Aliases, e.Titles, e.Evidence = r.strs(), r.strs(), r.evidence()
}

// eventRow is one source's claim for an event (N row, kind Event).
type eventRow struct {
	Name         string
	Kind         string
	Date         graph.Date
	Place        graph.ID
	Participants []graph.ID
	Evidence     []graph.Evidence
}

func (e eventRow) appendRow(w valueWriter) valueWriter {
	return w.str(e.Name).str(e.Kind).date(e.Date).id(e.Place).ids(e.Participants).evidence(e.Evidence)
}

func (e *eventRow) readRow(r *valueReader) {
	e.Name, e.Kind, e.Date, e.Place = r.str(), r.str(), r.date(), r.id()
	e.Participants, e.Evidence = r.ids(), r.evidence()
}

// statementRow is one source's claim for a statement (N row, kind Statement).
// Stored in an N row its Text is empty (encoded as an empty string): the
// group's words are in its J row.
type statementRow struct {
	Speaker  graph.ID
	Text     string
	Direct   bool
	Date     graph.Date
	Evidence []graph.Evidence
}

func (s statementRow) appendRow(w valueWriter) valueWriter {
	return w.id(s.Speaker).str(s.Text).bool(s.Direct).date(s.Date).evidence(s.Evidence)
}

func (s *statementRow) readRow(r *valueReader) {
	s.Speaker, s.Text, s.Direct, s.Date, s.Evidence = r.id(), r.str(), r.bool(), r.date(), r.evidence()
}

// statementClaims is the value of a U row: one source's statements of one
// speaker, each as the source words it, sorted by StatementKey, then text.
type statementClaims struct {
	Claims []statementRow
}

func (s statementClaims) appendRow(w valueWriter) valueWriter {
	w = w.uint(uint64(len(s.Claims)))
	for _, c := range s.Claims {
		w = c.appendRow(w)
	}
	return w
}

func (s *statementClaims) readRow(r *valueReader) {
	n := r.count()
	if n == 0 {
		s.Claims = nil
		return
	}
	s.Claims = make([]statementRow, n)
	for i := range s.Claims {
		s.Claims[i].readRow(r)
	}
}

// blockRow is the value of a B row: the positions, in the source's U row,
// of its claims in the group that have the block, ascending.
type blockRow struct {
	Claims []int
}

func (b blockRow) appendRow(w valueWriter) valueWriter {
	w = w.uint(uint64(len(b.Claims)))
	for _, i := range b.Claims {
		w = w.uint(uint64(i))
	}
	return w
}

func (b *blockRow) readRow(r *valueReader) {
	n := r.count()
	b.Claims = make([]int, n)
	for i := range b.Claims {
		b.Claims[i] = int(r.uint())
	}
}

// groupSummary is the value of a Y row: what groupText needs of a
// statement group, its claims with the most words (Words of them) by text,
// Texts sorted by text.
type groupSummary struct {
	Words int
	Texts []textCount
	// Sources is the number of sources with a claim in the group: the
	// MENTIONED_IN edges a change of its words moves to the new ID.
	Sources int
}

// textCount is a wording and the number of the group's claims that give it.
type textCount struct {
	Text  string
	Count int
}

func (g groupSummary) appendRow(w valueWriter) valueWriter {
	w = w.uint(uint64(g.Words)).uint(uint64(len(g.Texts)))
	for _, t := range g.Texts {
		w = w.str(t.Text).uint(uint64(t.Count))
	}
	return w.uint(uint64(g.Sources))
}

func (g *groupSummary) readRow(r *valueReader) {
	g.Words = int(r.uint())
	n := r.count()
	g.Texts = make([]textCount, n)
	for i := range g.Texts {
		g.Texts[i].Text = r.str()
		g.Texts[i].Count = int(r.uint())
	}
	g.Sources = int(r.uint())
}

// statementName is the value of a J row: what a statement group is to
// readers, its speaker, statement ID (graph.StatementID of its words) and
// words. It is the one row of a group a change of its words rewrites with
// the I rows; the group's per-source rows are under its key and hold none
// of the three.
type statementName struct {
	Speaker graph.ID
	ID      graph.ID
	Text    string
}

func (s statementName) appendRow(w valueWriter) valueWriter {
	return w.id(s.Speaker).id(s.ID).str(s.Text)
}

func (s *statementName) readRow(r *valueReader) {
	s.Speaker, s.ID, s.Text = r.id(), r.id(), r.str()
}

// statementRef is the value of an I row: the key of the statement group
// that has the statement ID.
type statementRef struct {
	Group graph.ID
}

func (s statementRef) appendRow(w valueWriter) valueWriter { return w.id(s.Group) }

func (s *statementRef) readRow(r *valueReader) { s.Group = r.id() }

// seriesRow is one source's claims for a meeting series (G row): the
// meetings it reports between the same participants with the same status,
// and the day the source was published (zero when unknown), which places
// an undated planned or held claim before or after the meetings of other
// sources (see merge_meetings.go).
type seriesRow struct {
	Participants []graph.ID
	Status       graph.MeetingStatus
	Published    graph.Date
	Claims       []meetingRow
}

func (s seriesRow) appendRow(w valueWriter) valueWriter {
	w = w.ids(s.Participants).byte1(byte(s.Status)).date(s.Published).uint(uint64(len(s.Claims)))
	for i := range s.Claims {
		c := &s.Claims[i]
		w = w.date(c.Date).date(c.EndDate).str(c.DateText).id(c.Place).byte1(byte(c.PlaceScope)).id(c.City).
			int(c.DurationMinutes).id(c.Event).evidence(c.Evidence)
	}
	return w
}

func (s *seriesRow) readRow(r *valueReader) {
	s.Participants, s.Status, s.Published = r.ids(), graph.MeetingStatus(r.byte1()), r.date()
	n := r.count()
	if n == 0 {
		s.Claims = nil
		return
	}
	s.Claims = make([]meetingRow, n)
	for i := range s.Claims {
		c := &s.Claims[i]
		c.Date, c.EndDate, c.DateText, c.Place = r.date(), r.date(), r.str(), r.id()
		c.PlaceScope, c.City = graph.VenueScope(r.byte1()), r.id()
		c.DurationMinutes, c.Event, c.Evidence = r.int(), r.id(), r.evidence()
	}
}

// meetingRow is one meeting claim of a series row.
type meetingRow struct {
	Date            graph.Date
	EndDate         graph.Date
	DateText        string
	Place           graph.ID
	PlaceScope      graph.VenueScope // of the place's name as the claim gives it (venues.go)
	City            graph.ID
	DurationMinutes int
	Event           graph.ID
	Evidence        []graph.Evidence
}

// headRow is the value of an H row: the IDs of the meetings a series owns
// and, when other series' claims are clustered with its own, the group of
// all those series (see merge_meetings.go). Every read of a series' meetings
// reads it, hence the binary encoding.
type headRow struct {
	Meetings []graph.ID
	Group    []graph.ID
}

func (h headRow) appendRow(w valueWriter) valueWriter { return w.ids(h.Meetings).ids(h.Group) }

func (h *headRow) readRow(r *valueReader) { h.Meetings, h.Group = r.ids(), r.ids() }

// edgeRow is one source's support for an edge (E row): one item per title
// (relations) or a single untitled item.
type edgeRow struct {
	Items []edgeItem
}

type edgeItem struct {
	Title    string
	Evidence []graph.Evidence
}

func (e edgeRow) appendRow(w valueWriter) valueWriter {
	w = w.uint(uint64(len(e.Items)))
	for _, it := range e.Items {
		w = w.str(it.Title).evidence(it.Evidence)
	}
	return w
}

func (e *edgeRow) readRow(r *valueReader) {
	n := r.count()
	if n == 0 {
		e.Items = nil
		return
	}
	e.Items = make([]edgeItem, n)
	for i := range e.Items {
		e.Items[i].Title, e.Items[i].Evidence = r.str(), r.evidence()
	}
}

func encodeValue(v any) ([]byte, error) {
	if b, ok := v.(binaryRow); ok {
		return b.appendRow(nil), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	return b, nil
}

func decodeValue(b []byte, v any) error {
	return decodeRow(b, v, true)
}

// decodeRow is decodeValue, leaving every Evidence list of a binary row nil
// unless evidence is set.
func decodeRow(b []byte, v any, evidence bool) error {
	if d, ok := v.(binaryRowDecoder); ok {
		r := &valueReader{s: string(b), skipEvidence: !evidence}
		d.readRow(r)
		if err := r.end(); err != nil {
			return fmt.Errorf("decode %T: %w", v, err)
		}
		return nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %T: %w", v, err)
	}
	return nil
}

// encodeNode prefixes the claim with its node kind, so a node's rows say
// what the node is without a second lookup.
func encodeNode(k graph.NodeKind, v binaryRow) ([]byte, error) {
	return v.appendRow(valueWriter{byte(k)}), nil
}

func nodeKindOf(b []byte) graph.NodeKind {
	if len(b) == 0 {
		return graph.KindUnknown
	}
	return graph.NodeKind(b[0])
}

// decodeNode decodes an N row value, with its evidence if evidence is set.
func decodeNode(b []byte, v binaryRowDecoder, evidence bool) error {
	if len(b) == 0 {
		return fmt.Errorf("decode %T: empty value", v)
	}
	return decodeRow(b[1:], v, evidence)
}

// valueWriter appends the fields of a binary value.
type valueWriter []byte

func (w valueWriter) uint(v uint64) valueWriter { return binary.AppendUvarint(w, v) }
func (w valueWriter) int(v int) valueWriter     { return binary.AppendVarint(w, int64(v)) }
func (w valueWriter) byte1(v byte) valueWriter  { return append(w, v) }
func (w valueWriter) id(v graph.ID) valueWriter { return binary.BigEndian.AppendUint64(w, uint64(v)) }

func (w valueWriter) bool(v bool) valueWriter {
	if v {
		return append(w, 1)
	}
	return append(w, 0)
}

func (w valueWriter) str(s string) valueWriter { return append(w.uint(uint64(len(s))), s...) }

func (w valueWriter) strs(ss []string) valueWriter {
	w = w.uint(uint64(len(ss)))
	for _, s := range ss {
		w = w.str(s)
	}
	return w
}

func (w valueWriter) ids(ids []graph.ID) valueWriter {
	w = w.uint(uint64(len(ids)))
	for _, id := range ids {
		w = w.id(id)
	}
	return w
}

func (w valueWriter) date(d graph.Date) valueWriter { return w.int(d.Year).int(d.Month).int(d.Day) }

// evidence writes spans and texts; Evidence.Source is implied by the row's key.
func (w valueWriter) evidence(ev []graph.Evidence) valueWriter {
	w = w.uint(uint64(len(ev)))
	for _, e := range ev {
		w = w.int(e.Span.Start).int(e.Span.End).str(e.Text)
	}
	return w
}

func (w valueWriter) source(s *graph.Source) valueWriter {
	return w.str(s.Key).str(s.URL).str(s.Title).str(s.Publisher).date(s.Published).str(s.Hash)
}

// valueReader decodes fields in the order valueWriter wrote them. The first
// error sticks: later reads return zero values, and end reports it.
type valueReader struct {
	s            string
	err          error
	skipEvidence bool // evidence reads its lists but returns nil
}

func (r *valueReader) fail() {
	if r.err == nil {
		r.err = errBadValue
	}
	r.s = ""
}

// end reports the first error, or an error if bytes are left over.
func (r *valueReader) end() error {
	if r.err == nil && r.s != "" {
		r.err = fmt.Errorf("%w: %d bytes left over", errBadValue, len(r.s))
	}
	return r.err
}

func (r *valueReader) uint() uint64 {
	var v uint64
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[i]
		if i == binary.MaxVarintLen64-1 && c > 1 {
			break // overflows 64 bits
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			r.s = r.s[i+1:]
			return v
		}
	}
	r.fail()
	return 0
}

func (r *valueReader) int() int {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return int(v)
}

// count reads a length: it cannot exceed the bytes left, since every item
// takes at least one.
func (r *valueReader) count() int {
	n := r.uint()
	if n > uint64(len(r.s)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *valueReader) byte1() byte {
	if len(r.s) < 1 {
		r.fail()
		return 0
	}
	c := r.s[0]
	r.s = r.s[1:]
	return c
}

func (r *valueReader) bool() bool {
	switch r.byte1() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail()
	return false
}

func (r *valueReader) id() graph.ID {
	if len(r.s) < idLen {
		r.fail()
		return 0
	}
	var v uint64
	for i := range idLen {
		v = v<<8 | uint64(r.s[i])
	}
	r.s = r.s[idLen:]
	return graph.ID(v)
}

func (r *valueReader) str() string {
	n := r.count()
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

// sub splits off the next n bytes as a reader of their own.
func (r *valueReader) sub(n int) *valueReader {
	s := &valueReader{s: r.s[:n]}
	r.s = r.s[n:]
	return s
}

func (r *valueReader) rest() string {
	s := r.s
	r.s = ""
	return s
}

func (r *valueReader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *valueReader) ids() []graph.ID {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]graph.ID, n)
	for i := range out {
		out[i] = r.id()
	}
	return out
}

func (r *valueReader) date() graph.Date {
	return graph.Date{Year: r.int(), Month: r.int(), Day: r.int()}
}

func (r *valueReader) evidence() []graph.Evidence {
	n := r.count()
	if n == 0 {
		return nil
	}
	if r.skipEvidence {
		for range n {
			r.int()
			r.int()
			r.str()
		}
		return nil
	}
	out := make([]graph.Evidence, n)
	for i := range out {
		out[i].Span.Start, out[i].Span.End, out[i].Text = r.int(), r.int(), r.str()
	}
	return out
}

func (r *valueReader) source() graph.Source {
	return graph.Source{Key: r.str(), URL: r.str(), Title: r.str(), Publisher: r.str(), Published: r.date(), Hash: r.str()}
}
