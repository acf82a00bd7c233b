package store

// This file holds the whole key layout of the store. Every key starts with a
// one-byte prefix; IDs are 8 bytes big-endian, so keys sort by ID and a
// prefix scan over "prefix|ID" finds every row of a node. Strings inside keys
// are escaped (0x00 -> 0x00 0xFF) and terminated (0x00 0x01), which keeps
// their byte order and lets a key hold any string.
//
// Rows ending in |src are per-source claim rows: the source wrote them and
// lists them in its S row, so replacing or deleting the source removes exactly
// them. A fact exists while at least one source's row supports it. Rows
// without |src (H, K, M, Q) are derived from the G rows of a group of meeting
// series (merge_meetings.go) and rewritten whenever a source touching the
// group changes. A statement's rows (N, T, the SAID edge and MENTIONED_IN
// rows) end in |src too but are derived, from the U rows of its speaker
// (merge_statements.go), as are the B rows that index the U rows' words by
// statement group, the Y rows that summarize each group and the I and J
// rows that name it: they are in no source's row list and are rewritten
// whenever a source's U row of that speaker changes. A statement's
// per-source rows are stored under its group's key (groupKeyMark in its
// top byte), not its statement ID, and hold neither its ID nor its words:
// those follow the group's words, and a change of the words of a group of
// thousands of sources rewrites its I and J rows, not a set of rows per
// source. Readers translate: a statement ID to its group key through the
// I row, a group key to the ID and words through the J row. Values are
// encoded as codec.go says: S, N, G, H, E, U, B, Y, I and J values in its
// binary encoding, the others as JSON.
//
//	V "schema"              -> uint32 schema version         Open: refuse a store of another layout
//	S src                   -> sourceRow                     SourceHash, Sources, replace/delete a source
//	N node src              -> kind byte + claim             Node, EntitiesByID: one node's claims, node-first
//	                                                         (a statement's under its group key, without words)
//	G series src            -> seriesRow                     meetings: one series' claims from one source
//	H series                -> headRow (meeting IDs, group)  derived; serializes writers of a series; the
//	                                                         meetings the series owns and the series whose
//	                                                         claims are clustered with its own (merge_meetings.go)
//	K a b series            -> empty                         derived: the series whose participants include
//	                                                         both a and b (a < b), for series of at most
//	                                                         maxMergeParticipants: a write finds the series
//	                                                         that name a subset or superset of its own
//	M meeting series        -> empty                         Node(meeting ID): the series to cluster
//	Q node date meeting series -> empty                      Meetings(participant) and MeetingsPage: one row
//	                                                         per participant of each meeting, derived with H;
//	                                                         date (keyBuf.date) then meeting ID sort the rows in
//	                                                         the order of the answer, so a page reads only
//	                                                         the series of its own meetings
//	U speaker src           -> statementClaims               a source's statements of one speaker, as it
//	                                                         words them: a write finds the statements its
//	                                                         own may merge with by speaker, never by a scan
//	                                                         of all statements (merge_statements.go)
//	B speaker block group src -> blockRow (claim positions)  derived from U: one row per blocking key
//	                                                         (block, a hash of a run of minStatementRun
//	                                                         words, or of all the words of a shorter claim)
//	                                                         of a source's claims of a speaker in one
//	                                                         statement group (its key: drawn from its
//	                                                         founding claim and kept while its words
//	                                                         change, so a large group's B rows are not
//	                                                         rewritten; not its statement ID): a write
//	                                                         finds the claims its own may be one statement
//	                                                         with, never by reading all the speaker's U
//	                                                         rows, and tries one claim per group that it
//	                                                         already joins, not all of a large group's
//	Y speaker group         -> groupSummary                  derived from U: what groupText needs of a
//	                                                         statement group (its longest claims' words and
//	                                                         their counts), so that a claim joining a large
//	                                                         group is added without reading the group
//	I statement             -> statementRef (group key)      derived from U: Node(statement ID), EdgesOf it:
//	                                                         the group whose rows are the statement's
//	J group                 -> statementName                 derived from U: a group's speaker, statement ID
//	                                                         and words, for every read that meets its key
//	                                                         (N, T, E and R rows of statements)
//	E from type to src      -> edgeRow                       Edges(id) outgoing, Statements(speaker)
//	R to type from src      -> empty                         Edges(id) incoming (value is in the E row)
//	A name entity src       -> empty                         LookupEntities: by NameKey of any name
//	T kind etype node src   -> empty                         Entities(type), Events, Statements, all meetings
//	P node role series src  -> empty                         Meetings(participant, place), edges of an entity
//	X src part              -> part of an articleRow         the article as extracted, before corrections, in
//	                                                         parts of at most 512 KiB (a Badger value's limit
//	                                                         is 1 MiB in memory); SetCorrections rebuilds the
//	                                                         source's rows from it
//	W src                   -> namesRow                      the article's person names as extracted: the
//	                                                         inventory Reconcile finds spelling variants in
//	C "corrections"         -> Corrections                   the user's corrections every source's rows apply
//	C "auto"                -> []Correction                  the merges of spelling variants Reconcile found
//	L "outbox"              -> outboxRow                     a writer's changelog: the last change committed,
//	                                                         kept until the changelog acknowledges it, and
//	                                                         the count of changes, which names the next one
//	L "applied"             -> uint64 stream sequence        a replica's position in the writer's changelog,
//	                                                         written in the transaction of each change applied
//	C "census"              -> censusRow                     the graph's node and edge counts, written at the
//	                                                         end of a Count; true only while the newest commit
//	                                                         is the one that wrote it (its Badger version is
//	                                                         the read timestamp), else the graph is counted
//	C "fresh"               -> string                        the corrections fingerprint every source's rows
//	                                                         apply: rebuildStale skips reading the sources;
//	                                                         deleted by every change of the corrections
//	C "names"               -> uint64                        the generation of the W rows, bumped by every
//	                                                         write that changes one
//	C "reconciled"          -> uint64                        the W generation C "auto" was found in: Reconcile
//	                                                         skips the inventory while it is current
import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/newsgraph/newsgraph/graph"
)

// schemaVersion is the version of this key layout and value encoding. Bump it
// whenever either changes incompatibly; Open refuses other versions.
const schemaVersion uint32 = 13

// Key prefixes. Stored values: never reuse a byte.
const (
	prefixVersion byte = 'V'
	prefixSource  byte = 'S'
	prefixNode    byte = 'N'
	prefixSeries  byte = 'G'
	prefixHead    byte = 'H'
	prefixPair    byte = 'K'
	prefixMeeting byte = 'M'
	prefixByDate  byte = 'Q'
	prefixEdge    byte = 'E'
	prefixReverse byte = 'R'
	prefixAlias   byte = 'A'
	prefixKind    byte = 'T'
	prefixRole    byte = 'P'
	prefixArticle byte = 'X'
	prefixNames   byte = 'W'
	prefixCorr    byte = 'C'
	prefixLog     byte = 'L'
	prefixSaid    byte = 'U'
	prefixBlock   byte = 'B'
	prefixGroup   byte = 'Y'
	prefixStmtID  byte = 'I'
	prefixName    byte = 'J'
)

// role is the part an entity or event plays in a meeting series (P rows).
// Stored values are append-only.
type role uint8

const (
	roleUnknown role = iota
	roleParticipant
	rolePlace
	roleCity
	roleEvent
)

const idLen = 8

var errBadKey = errors.New("malformed key")

// keyBuf builds a key field by field.
type keyBuf []byte

func newKey(prefix byte) keyBuf { return keyBuf{prefix} }

func (k keyBuf) id(id graph.ID) keyBuf { return binary.BigEndian.AppendUint64(k, uint64(id)) }

func (k keyBuf) b(v byte) keyBuf { return append(k, v) }

// str appends s escaped and terminated, so that the order of encoded keys is
// the order of the strings and s may contain any byte.
func (k keyBuf) str(s string) keyBuf {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			k = append(k, 0, 0xFF)
			continue
		}
		k = append(k, s[i])
	}
	return append(k, 0, 1)
}

func versionKey() []byte { return newKey(prefixVersion).str("schema") }

func sourceKey(src graph.ID) []byte { return newKey(prefixSource).id(src) }

func nodeKey(node, src graph.ID) []byte { return newKey(prefixNode).id(node).id(src) }
func nodePrefix(node graph.ID) []byte   { return newKey(prefixNode).id(node) }

func seriesKey(series, src graph.ID) []byte { return newKey(prefixSeries).id(series).id(src) }
func seriesPrefix(series graph.ID) []byte   { return newKey(prefixSeries).id(series) }

func headKey(series graph.ID) []byte { return newKey(prefixHead).id(series) }

func saidKey(speaker, src graph.ID) []byte { return newKey(prefixSaid).id(speaker).id(src) }

func blockKey(speaker graph.ID, block uint64, group, src graph.ID) []byte {
	return newKey(prefixBlock).id(speaker).id(graph.ID(block)).id(group).id(src)
}
func blockPrefix(speaker graph.ID, block uint64) []byte {
	return newKey(prefixBlock).id(speaker).id(graph.ID(block))
}

// blockGroupEnd sorts after every B row of group in block and before those
// of the next group: where a write that has joined group seeks to.
func blockGroupEnd(speaker graph.ID, block uint64, group graph.ID) []byte {
	return append(newKey(prefixBlock).id(speaker).id(graph.ID(block)).id(group), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)
}

func groupKey(speaker, group graph.ID) []byte { return newKey(prefixGroup).id(speaker).id(group) }

func stmtIDKey(statement graph.ID) []byte { return newKey(prefixStmtID).id(statement) }
func stmtNameKey(group graph.ID) []byte   { return newKey(prefixName).id(group) }

// isGroupRow reports whether rows under prefix are a statement group's
// rows of no source (Y, I, J): Check compares them with those merging the
// U rows derives, not with a source's row list.
func isGroupRow(prefix byte) bool {
	return prefix == prefixGroup || prefix == prefixStmtID || prefix == prefixName
}

// groupKeyMark is the top byte of every statement group key (foundingKey),
// so that a reader translates to statement IDs only the IDs that may be
// group keys (isGroupKey), reading the J row of none of the others.
const groupKeyMark = 0xA7

// isGroupKey reports whether id may be a statement group key: one with
// a J row is.
func isGroupKey(id graph.ID) bool { return uint64(id)>>56 == groupKeyMark }

func pairKey(a, b, series graph.ID) []byte { return newKey(prefixPair).id(a).id(b).id(series) }
func pairPrefix(a, b graph.ID) []byte      { return newKey(prefixPair).id(a).id(b) }

func meetingKey(meeting, series graph.ID) []byte { return newKey(prefixMeeting).id(meeting).id(series) }
func meetingPrefix(meeting graph.ID) []byte      { return newKey(prefixMeeting).id(meeting) }

// date appends d in 7 bytes whose order is compareByDate's: known dates
// (precision > 0) first, chronologically, then the unknown ones by month
// and day.
func (k keyBuf) date(d graph.Date) keyBuf {
	known := byte(1)
	if d.Precision() > 0 {
		known = 0
	}
	k = append(k, known)
	k = binary.BigEndian.AppendUint32(k, uint32(int32(d.Year))^1<<31)
	return append(k, byte(d.Month), byte(d.Day))
}

func byDateKey(participant graph.ID, d graph.Date, meeting, series graph.ID) []byte {
	return newKey(prefixByDate).id(participant).date(d).id(meeting).id(series)
}
func byDatePrefix(participant graph.ID) []byte { return newKey(prefixByDate).id(participant) }

func edgeKey(from graph.ID, t graph.EdgeType, to, src graph.ID) []byte {
	return newKey(prefixEdge).id(from).b(byte(t)).id(to).id(src)
}
func edgePrefix(from graph.ID) []byte { return newKey(prefixEdge).id(from) }
func edgeTypePrefix(from graph.ID, t graph.EdgeType) []byte {
	return newKey(prefixEdge).id(from).b(byte(t))
}

func reverseKey(to graph.ID, t graph.EdgeType, from, src graph.ID) []byte {
	return newKey(prefixReverse).id(to).b(byte(t)).id(from).id(src)
}
func reversePrefix(to graph.ID) []byte { return newKey(prefixReverse).id(to) }

func aliasKey(nameKey string, entity, src graph.ID) []byte {
	return newKey(prefixAlias).str(nameKey).id(entity).id(src)
}
func aliasPrefix(nameKey string) []byte { return newKey(prefixAlias).str(nameKey) }

func kindKey(k graph.NodeKind, t graph.EntityType, node, src graph.ID) []byte {
	return newKey(prefixKind).b(byte(k)).b(byte(t)).id(node).id(src)
}
func kindPrefix(k graph.NodeKind) []byte { return newKey(prefixKind).b(byte(k)) }
func kindTypePrefix(k graph.NodeKind, t graph.EntityType) []byte {
	return newKey(prefixKind).b(byte(k)).b(byte(t))
}

func roleKey(node graph.ID, r role, series, src graph.ID) []byte {
	return newKey(prefixRole).id(node).b(byte(r)).id(series).id(src)
}
func rolePrefix(node graph.ID, r role) []byte { return newKey(prefixRole).id(node).b(byte(r)) }
func roleNodePrefix(node graph.ID) []byte     { return newKey(prefixRole).id(node) }

func articleKey(src graph.ID, part uint32) []byte {
	return binary.BigEndian.AppendUint32(newKey(prefixArticle).id(src), part)
}
func articlePrefix(src graph.ID) []byte { return newKey(prefixArticle).id(src) }

func correctionsKey() []byte { return newKey(prefixCorr).str("corrections") }
func autoMergesKey() []byte  { return newKey(prefixCorr).str("auto") }
func censusKey() []byte      { return newKey(prefixCorr).str("census") }
func freshKey() []byte       { return newKey(prefixCorr).str("fresh") }
func namesGenKey() []byte    { return newKey(prefixCorr).str("names") }
func reconciledKey() []byte  { return newKey(prefixCorr).str("reconciled") }

func outboxKey() []byte  { return newKey(prefixLog).str("outbox") }
func appliedKey() []byte { return newKey(prefixLog).str("applied") }

func namesKey(src graph.ID) []byte { return newKey(prefixNames).id(src) }

// parsedKey is a decoded key. Which fields are set depends on Prefix:
//
//	S, W: Src   X: Src, Part   V, C: Name   N: Node, Src   G: Node (series), Src   H: Node (series)   U: Node (speaker), Src
//	K: Node (a), Other (b), Src (series)   M: Node (meeting), Other (series)   Q: Node (participant), Date, Other (meeting), Src (series)   E: Node (from), Type, Other (to), Src
//	R: Node (to), Type, Other (from), Src   A: Name, Node, Src
//	T: Kind, EntityType, Node, Src   P: Node, Role, Other (series), Src
//	B: Node (speaker), Other (block), Group, Src   Y: Node (speaker), Group   I: Node (statement)   J: Group
type parsedKey struct {
	Prefix     byte
	Node       graph.ID
	Other      graph.ID
	Src        graph.ID
	Type       graph.EdgeType
	Kind       graph.NodeKind
	EntityType graph.EntityType
	Role       role
	Name       string
	Part       uint32
	Date       graph.Date
	Group      graph.ID
}

// keyReader decodes fields in the order keyBuf wrote them.
type keyReader struct {
	b   []byte
	err error
}

func (r *keyReader) id() graph.ID {
	if r.err != nil || len(r.b) < idLen {
		r.err = errBadKey
		return 0
	}
	v := graph.ID(binary.BigEndian.Uint64(r.b))
	r.b = r.b[idLen:]
	return v
}

func (r *keyReader) date() graph.Date {
	known, year := r.byte1(), r.uint32()
	month, day := r.byte1(), r.byte1()
	d := graph.Date{Year: int(int32(year ^ 1<<31)), Month: int(month), Day: int(day)}
	if r.err == nil && (known > 1 || (known == 0) != (d.Precision() > 0)) {
		r.err = errBadKey
	}
	return d
}

func (r *keyReader) uint32() uint32 {
	if r.err != nil || len(r.b) < 4 {
		r.err = errBadKey
		return 0
	}
	v := binary.BigEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *keyReader) byte1() byte {
	if r.err != nil || len(r.b) < 1 {
		r.err = errBadKey
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *keyReader) str() string {
	if r.err != nil {
		return ""
	}
	var out []byte
	for i := 0; i < len(r.b); i++ {
		if r.b[i] != 0 {
			out = append(out, r.b[i])
			continue
		}
		if i+1 >= len(r.b) {
			break
		}
		switch r.b[i+1] {
		case 0xFF:
			out = append(out, 0)
			i++
		case 1:
			r.b = r.b[i+2:]
			return string(out)
		default:
			r.err = errBadKey
			return ""
		}
	}
	r.err = errBadKey
	return ""
}

// parseKey decodes any key of the layout above.
func parseKey(k []byte) (parsedKey, error) {
	if len(k) == 0 {
		return parsedKey{}, errBadKey
	}
	p := parsedKey{Prefix: k[0]}
	r := &keyReader{b: k[1:]}
	switch p.Prefix {
	case prefixVersion, prefixCorr, prefixLog:
		p.Name = r.str()
	case prefixSource, prefixNames:
		p.Src = r.id()
	case prefixArticle:
		p.Src = r.id()
		p.Part = r.uint32()
	case prefixNode, prefixSeries, prefixSaid:
		p.Node, p.Src = r.id(), r.id()
	case prefixHead:
		p.Node = r.id()
	case prefixMeeting:
		p.Node, p.Other = r.id(), r.id()
	case prefixPair:
		p.Node, p.Other, p.Src = r.id(), r.id(), r.id()
	case prefixBlock:
		p.Node, p.Other, p.Group, p.Src = r.id(), r.id(), r.id(), r.id()
	case prefixGroup:
		p.Node, p.Group = r.id(), r.id()
	case prefixStmtID:
		p.Node = r.id()
	case prefixName:
		p.Group = r.id()
	case prefixByDate:
		p.Node = r.id()
		p.Date = r.date()
		p.Other, p.Src = r.id(), r.id()
	case prefixEdge, prefixReverse:
		p.Node = r.id()
		p.Type = graph.EdgeType(r.byte1())
		p.Other, p.Src = r.id(), r.id()
	case prefixAlias:
		p.Name = r.str()
		p.Node, p.Src = r.id(), r.id()
	case prefixKind:
		p.Kind, p.EntityType = graph.NodeKind(r.byte1()), graph.EntityType(r.byte1())
		p.Node, p.Src = r.id(), r.id()
	case prefixRole:
		p.Node = r.id()
		p.Role = role(r.byte1())
		p.Other, p.Src = r.id(), r.id()
	default:
		return p, fmt.Errorf("%w: unknown prefix %q", errBadKey, p.Prefix)
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errBadKey
	}
	if r.err != nil {
		return p, fmt.Errorf("%w: %x", r.err, k)
	}
	return p, nil
}

// encode rebuilds the key of p; parseKey(p.encode()) == p for valid keys.
func (p parsedKey) encode() []byte {
	switch p.Prefix {
	case prefixVersion:
		return newKey(prefixVersion).str(p.Name)
	case prefixSource:
		return sourceKey(p.Src)
	case prefixArticle:
		return articleKey(p.Src, p.Part)
	case prefixNames:
		return namesKey(p.Src)
	case prefixCorr:
		return newKey(prefixCorr).str(p.Name)
	case prefixLog:
		return newKey(prefixLog).str(p.Name)
	case prefixNode:
		return nodeKey(p.Node, p.Src)
	case prefixSeries:
		return seriesKey(p.Node, p.Src)
	case prefixHead:
		return headKey(p.Node)
	case prefixSaid:
		return saidKey(p.Node, p.Src)
	case prefixMeeting:
		return meetingKey(p.Node, p.Other)
	case prefixPair:
		return pairKey(p.Node, p.Other, p.Src)
	case prefixBlock:
		return blockKey(p.Node, uint64(p.Other), p.Group, p.Src)
	case prefixGroup:
		return groupKey(p.Node, p.Group)
	case prefixStmtID:
		return stmtIDKey(p.Node)
	case prefixName:
		return stmtNameKey(p.Group)
	case prefixByDate:
		return byDateKey(p.Node, p.Date, p.Other, p.Src)
	case prefixEdge:
		return edgeKey(p.Node, p.Type, p.Other, p.Src)
	case prefixReverse:
		return reverseKey(p.Node, p.Type, p.Other, p.Src)
	case prefixAlias:
		return aliasKey(p.Name, p.Node, p.Src)
	case prefixKind:
		return kindKey(p.Kind, p.EntityType, p.Node, p.Src)
	case prefixRole:
		return roleKey(p.Node, p.Role, p.Other, p.Src)
	}
	return nil
}

// appendRowList and splitRowList encode a source's list of row keys as
// uvarint-length-prefixed keys.
func appendRowList(dst []byte, keys [][]byte) []byte {
	for _, k := range keys {
		dst = binary.AppendUvarint(dst, uint64(len(k)))
		dst = append(dst, k...)
	}
	return dst
}

func splitRowList(b []byte) ([][]byte, error) {
	var keys [][]byte
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return nil, errors.New("malformed row list")
		}
		keys = append(keys, bytes.Clone(b[w:w+int(n)]))
		b = b[w+int(n):]
	}
	return keys, nil
}
