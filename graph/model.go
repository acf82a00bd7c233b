// Package graph is the vocabulary every layer of newsgraph shares: typed
// IDs derived from content, entity, node and edge kinds, dates as precise
// as the text allows, spans and evidence, name keys, the claims extraction
// makes about one article (Article), the resolved graph readers get
// (Entity, Meeting, ...), corrections, and the errors and change reports
// of every store. It imports nothing heavy; the store on Badger is package
// graph/store.
//
// The model has two layers. An Article is what the extraction pipeline read
// in one source: its entities, meetings, statements, events and relations,
// each with the sentences that state it (claims). A store keeps every
// source's claims and resolves them on read into the merged graph: one
// Entity per real entity, one Meeting per real meeting with all its
// sources, disagreements kept as Conflicts. Because IDs are derived from
// content and never from arrival order, the same set of articles gives the
// same graph in any order.
package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// EntityType is the type of a named entity. Stored values are append-only.
type EntityType uint8

// Entity types.
const (
	EntityUnknown EntityType = iota
	Person
	Organization
	Place
)

var entityTypeNames = [...]string{"UNKNOWN", "PERSON", "ORGANIZATION", "PLACE"}

func (t EntityType) String() string {
	if int(t) < len(entityTypeNames) {
		return entityTypeNames[t]
	}
	return fmt.Sprintf("EntityType(%d)", t)
}

// ParseEntityType is the inverse of EntityType.String.
func ParseEntityType(s string) (EntityType, error) {
	for i, n := range entityTypeNames {
		if i > 0 && strings.EqualFold(n, s) {
			return EntityType(i), nil
		}
	}
	return EntityUnknown, fmt.Errorf("unknown entity type %q", s)
}

// MarshalText implements encoding.TextMarshaler, so JSON shows the name.
func (t EntityType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *EntityType) UnmarshalText(b []byte) error {
	v, err := ParseEntityType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// NodeKind is the kind of a graph node. Stored values are append-only.
type NodeKind uint8

// Node kinds.
const (
	KindUnknown NodeKind = iota
	KindEntity
	KindMeeting
	KindEvent
	KindStatement
	KindSource
)

var nodeKindNames = [...]string{"Unknown", "Entity", "Meeting", "Event", "Statement", "Source"}

func (k NodeKind) String() string {
	if int(k) < len(nodeKindNames) {
		return nodeKindNames[k]
	}
	return fmt.Sprintf("NodeKind(%d)", k)
}

// ParseNodeKind is the inverse of NodeKind.String.
func ParseNodeKind(s string) (NodeKind, error) {
	for i, n := range nodeKindNames {
		if i > 0 && n == s {
			return NodeKind(i), nil
		}
	}
	return KindUnknown, fmt.Errorf("unknown node kind %q", s)
}

// EdgeType is the type of a graph edge. Stored values are append-only.
type EdgeType uint8

// Edge types (DESIGN.md, "Graph model").
const (
	EdgeUnknown    EdgeType = iota
	MetWith                 // person -> person, per meeting
	ParticipatedIn          // entity -> meeting or event
	HeldIn                  // meeting or event -> place
	Said                    // person -> statement
	DisruptedBy             // event -> event that disrupted it
	AffiliatedWith          // person -> organization, with a title
	LocatedIn               // place -> place
	PartOf                  // meeting -> event
	MentionedIn             // any node -> source
)

var edgeTypeNames = [...]string{"UNKNOWN", "MET_WITH", "PARTICIPATED_IN", "HELD_IN", "SAID",
	"DISRUPTED_BY", "AFFILIATED_WITH", "LOCATED_IN", "PART_OF", "MENTIONED_IN"}

func (t EdgeType) String() string {
	if int(t) < len(edgeTypeNames) {
		return edgeTypeNames[t]
	}
	return fmt.Sprintf("EdgeType(%d)", t)
}

// EdgeTypes returns every edge type but EdgeUnknown, in value order.
func EdgeTypes() []EdgeType {
	out := make([]EdgeType, 0, len(edgeTypeNames)-1)
	for i := 1; i < len(edgeTypeNames); i++ {
		out = append(out, EdgeType(i))
	}
	return out
}

// ParseEdgeType is the inverse of EdgeType.String.
func ParseEdgeType(s string) (EdgeType, error) {
	for i, n := range edgeTypeNames {
		if i > 0 && strings.EqualFold(n, s) {
			return EdgeType(i), nil
		}
	}
	return EdgeUnknown, fmt.Errorf("unknown edge type %q", s)
}

// MarshalText implements encoding.TextMarshaler.
func (t EdgeType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *EdgeType) UnmarshalText(b []byte) error {
	v, err := ParseEdgeType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ID identifies a node. It is derived from the node's identity (kind plus a
// normalized key), never from arrival order, so it is stable across ingests.
type ID uint64

// NewID derives the ID of the node of kind k with identity key.
func NewID(k NodeKind, key string) ID {
	h := sha256.New()
	h.Write([]byte{byte(k)})
	h.Write([]byte(key))
	var sum [sha256.Size]byte
	return ID(binary.BigEndian.Uint64(h.Sum(sum[:0])))
}

func (id ID) String() string { return fmt.Sprintf("%016x", uint64(id)) }

// EntityID is the ID of the entity of type t named name (canonical or alias
// as normalized by NameKey).
func EntityID(t EntityType, name string) ID {
	return NewID(KindEntity, t.String()+"|"+NameKey(name))
}

// SourceID is the ID of the source with identity key (its id, else url, else path).
func SourceID(key string) ID { return NewID(KindSource, key) }

// NameKey normalizes a name for matching: case, dots, accents, hyphens,
// curly quotes and runs of space are ignored ("U.S." and "us", "José
// Núñez" and "Jose Nunez", "Hyun-woo" and "Hyun Woo" share a key):
// the same name written by different sites is one key.
func NameKey(name string) string {
	if !isASCII(name) {
		name = foldAccents(name)
	}
	var b strings.Builder
	b.Grow(len(name))
	space := false
	for _, r := range name {
		switch r {
		case '.':
			continue
		case '\u2018', '\u2019', '`':
			r = '\''
		case '\u201c', '\u201d':
			r = '"'
		case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014':
			r = ' '
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return americanSpelling(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldAccents removes combining marks after canonical decomposition ("é"
// becomes "e"), and spells the letters that do not decompose as English
// writers do ("ø" o, "ł" l, "æ" ae, "ß" ss).
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := letterFolds[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// letterFolds spells letters without a decomposition in ASCII.
var letterFolds = map[rune]string{
	'ø': "o", 'Ø': "O", 'ł': "l", 'Ł': "L", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE",
	'ß': "ss", 'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'þ': "th", 'Þ': "Th", 'ı': "i",
}

// spellingVariants are British and American spellings of words that
// recur in institutions' names: "World Health Organisation" is the
// "World Health Organization".
var (
	spellingVariants = [...][2]string{{"organisation", "organization"}, {"centre", "center"}, {"defence", "defense"}}
	spellingReplacer = func() *strings.Replacer {
		var pairs []string
		for _, p := range spellingVariants {
			pairs = append(pairs, p[0], p[1])
		}
		return strings.NewReplacer(pairs...)
	}()
)

// americanSpelling writes key's British spellings of spellingVariants the
// American way. Most keys have none: they are returned without the
// replacer's copy (NameKey runs for every lexicon lookup).
func americanSpelling(key string) string {
	for _, p := range spellingVariants {
		if strings.Contains(key, p[0]) {
			return spellingReplacer.Replace(key)
		}
	}
	return key
}

// Span is a half-open range of byte offsets into an article's cleaned text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence is one sentence of one source that supports a fact.
// Text is the sentence, equal to the cleaned text at Span.
type Evidence struct {
	Source ID     `json:"-"` // set by the Store on read; claims imply their article
	Span   Span   `json:"span"`
	Text   string `json:"text"`
}

// Source is an article as a node: where it came from and when.
type Source struct {
	ID        ID     `json:"-"`
	Key       string `json:"key"` // identity: id, else url, else relative path
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published Date   `json:"published"`
	Hash      string `json:"hash"` // hex SHA-256 of the normalized content
}

// Article is one source and everything extraction found in it. Claims refer
// to entities by the Name of an EntityClaim of the same article.
type Article struct {
	Source     Source           `json:"source"`
	Text       string           `json:"-"` // cleaned text the spans point into
	Entities   []EntityClaim    `json:"entities"`
	Meetings   []MeetingClaim   `json:"meetings"`
	Statements []StatementClaim `json:"statements"`
	Events     []EventClaim     `json:"events"`
	Relations  []RelationClaim  `json:"relations"`
}

// EntityClaim is one entity as one article names it.
type EntityClaim struct {
	Name     string     `json:"name"` // canonical within the article
	Type     EntityType `json:"type"`
	Aliases  []string   `json:"aliases,omitempty"`
	Titles   []string   `json:"titles,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

// MeetingStatus says whether a meeting happened.
type MeetingStatus uint8

// Meeting statuses. Stored values are append-only.
const (
	Held MeetingStatus = iota
	Planned
	Cancelled
	Postponed
)

var meetingStatusNames = [...]string{"HELD", "PLANNED", "CANCELLED", "POSTPONED"}

func (s MeetingStatus) String() string {
	if int(s) < len(meetingStatusNames) {
		return meetingStatusNames[s]
	}
	return fmt.Sprintf("MeetingStatus(%d)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s MeetingStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *MeetingStatus) UnmarshalText(b []byte) error {
	for i, n := range meetingStatusNames {
		if n == string(b) {
			*s = MeetingStatus(i)
			return nil
		}
	}
	return fmt.Errorf("unknown meeting status %q", b)
}

// MeetingClaim is one meeting as one article reports it.
type MeetingClaim struct {
	Participants    []string      `json:"participants"` // entity names, at least two
	Date            Date          `json:"date"`
	EndDate         Date          `json:"endDate"` // set when the meeting spans days
	DateText        string        `json:"dateText,omitempty"`
	Place           string        `json:"place,omitempty"` // venue entity name
	City            string        `json:"city,omitempty"`  // city entity name
	DurationMinutes int           `json:"durationMinutes,omitempty"`
	Status          MeetingStatus `json:"status"`
	Event           string        `json:"event,omitempty"` // name of an EventClaim it is part of
	Evidence        []Evidence    `json:"evidence"`
}

// StatementClaim is something a person said, as one article reports it.
type StatementClaim struct {
	Speaker  string     `json:"speaker"` // entity name
	Text     string     `json:"text"`
	Direct   bool       `json:"direct"`
	Date     Date       `json:"date"`
	Evidence []Evidence `json:"evidence"`
}

// EventClaim is an event (trip, incident, summit, ...) as one article reports it.
type EventClaim struct {
	Name         string     `json:"name"`
	Kind         string     `json:"kind"` // trip, incident, summit, ...
	Date         Date       `json:"date"`
	Place        string     `json:"place,omitempty"` // entity name
	Participants []string   `json:"participants,omitempty"`
	DisruptedBy  []string   `json:"disruptedBy,omitempty"` // names of other EventClaims
	Evidence     []Evidence `json:"evidence"`
}

// RelationClaim is an edge between two entities: AFFILIATED_WITH (with Title)
// or LOCATED_IN.
type RelationClaim struct {
	Type     EdgeType   `json:"type"`
	From     string     `json:"from"`
	To       string     `json:"to"`
	Title    string     `json:"title,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

// The resolved graph, as the Store returns it.

// Entity is one real-world entity with everything all sources say of it.
type Entity struct {
	ID       ID
	Name     string // canonical: the name most sources use
	Type     EntityType
	Aliases  []string // every other name any source uses, sorted
	Titles   []string // sorted
	Sources  []ID     // sorted
	Evidence []Evidence
}

// Meeting is one real meeting, however many sources report it.
type Meeting struct {
	ID              ID
	Participants    []ID // sorted
	Date            Date
	EndDate         Date
	DateText        string
	Place           ID // 0 when unknown
	City            ID // 0 when unknown
	DurationMinutes int
	Status          MeetingStatus
	Event           ID // 0 when not part of an event
	Sources         []ID
	Evidence        []Evidence
	Conflicts       []Conflict
}

// Statement is one thing a person said, merged across sources.
type Statement struct {
	ID       ID
	Speaker  ID
	Text     string
	Direct   bool
	Date     Date
	Sources  []ID
	Evidence []Evidence
}

// Event is a trip, incident, summit or other event.
type Event struct {
	ID           ID
	Name         string
	Kind         string
	Date         Date
	Place        ID
	Participants []ID
	DisruptedBy  []ID
	Disrupted    []ID
	Sources      []ID
	Evidence     []Evidence
}

// Conflict records a field on which sources disagree, each value with its sources.
type Conflict struct {
	Field  string
	Values []ConflictValue
}

// ConflictValue is one of the disagreeing values and the sources that give it.
type ConflictValue struct {
	Value   string
	Sources []ID
}

// Edge is a resolved typed edge with its provenance.
type Edge struct {
	From, To ID
	Type     EdgeType
	Title    string // AFFILIATED_WITH only
	Meeting  ID     // MET_WITH only: the meeting the pair met at (a pair that met twice has two edges)
	Sources  []ID
	Evidence []Evidence
}
