package export

import (
	"cmp"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
)

// node is one node of the snapshot as every format sees it.
type node struct {
	ref   string // kind + ":" + hex ID, the node's name in every format
	kind  graph.NodeKind
	id    graph.ID
	label string
	typ   string     // entity type, meeting status, event kind, DIRECT/INDIRECT
	date  string     // meeting, statement or event date; source published
	n     graph.Node // nil for a placeholder (an edge end missing from the snapshot)
}

// edge is one edge of the snapshot with its endpoints resolved.
type edge struct {
	id       string // TYPE:fromhex-tohex, ".2", ".3"… for parallel edges
	from, to string // node refs
	e        *graph.Edge
}

// view indexes a snapshot for the writers. It is built once per export and
// only read afterwards.
type view struct {
	nodes   []node // sorted by ref
	edges   []edge // sorted by type, endpoints, title, sources, evidence
	refs    map[graph.ID]string
	names   map[graph.ID]string // entity names, for labels
	srcKeys map[graph.ID]string
}

func hexID(id graph.ID) string {
	var b [8]byte
	for i := range b {
		b[i] = byte(id >> (56 - 8*i))
	}
	return hex.EncodeToString(b[:])
}

func refOf(k graph.NodeKind, id graph.ID) string { return k.String() + ":" + hexID(id) }

func newView(s *graph.Snapshot) *view {
	n := len(s.Entities) + len(s.Meetings) + len(s.Statements) + len(s.Events) + len(s.Sources)
	v := &view{
		nodes:   make([]node, 0, n),
		refs:    make(map[graph.ID]string, n),
		names:   make(map[graph.ID]string, len(s.Entities)),
		srcKeys: make(map[graph.ID]string, len(s.Sources)),
	}
	for _, e := range s.Entities {
		v.names[e.ID] = e.Name
	}
	for _, src := range s.Sources {
		v.srcKeys[src.ID] = src.Key
	}
	add := func(n graph.Node, label, typ string, date graph.Date) {
		ref := refOf(n.NodeKind(), n.NodeID())
		v.refs[n.NodeID()] = ref
		v.nodes = append(v.nodes, node{ref: ref, kind: n.NodeKind(), id: n.NodeID(), label: label,
			typ: typ, date: date.String(), n: n})
	}
	for _, e := range s.Entities {
		add(e, e.Name, e.Type.String(), graph.Date{})
	}
	for _, m := range s.Meetings {
		add(m, v.meetingLabel(m), m.Status.String(), m.Date)
	}
	for _, st := range s.Statements {
		typ := "INDIRECT"
		if st.Direct {
			typ = "DIRECT"
		}
		add(st, v.statementLabel(st), typ, st.Date)
	}
	for _, e := range s.Events {
		add(e, e.Name, e.Kind, e.Date)
	}
	for _, src := range s.Sources {
		label := src.Title
		if label == "" {
			label = src.Key
		}
		add(src, label, "", src.Published)
	}
	v.edges = make([]edge, 0, len(s.Edges))
	for i := range s.Edges {
		e := &s.Edges[i]
		v.edges = append(v.edges, edge{from: v.endpoint(e.From), to: v.endpoint(e.To), e: e})
	}
	slices.SortFunc(v.nodes, func(a, b node) int { return cmp.Compare(a.ref, b.ref) })
	slices.SortFunc(v.edges, v.compareEdges)
	for i := range v.edges {
		e := &v.edges[i]
		e.id = e.e.Type.String() + ":" + hexID(e.e.From) + "-" + hexID(e.e.To)
		if i > 0 {
			prev := &v.edges[i-1]
			if base, n := splitDup(prev.id); base == e.id {
				e.id = base + "." + strconv.Itoa(n+1)
			}
		}
	}
	return v
}

// splitDup splits "base.n" into base and n; an ID without suffix is n=1.
func splitDup(id string) (string, int) {
	if i := strings.LastIndexByte(id, '.'); i >= 0 {
		if n, err := strconv.Atoi(id[i+1:]); err == nil {
			return id[:i], n
		}
	}
	return id, 1
}

// endpoint returns the ref of an edge end, adding a placeholder node of
// kind Unknown when the snapshot lacks it, so that no format has a
// dangling edge.
func (v *view) endpoint(id graph.ID) string {
	if r, ok := v.refs[id]; ok {
		return r
	}
	r := refOf(graph.KindUnknown, id)
	v.refs[id] = r
	v.nodes = append(v.nodes, node{ref: r, kind: graph.KindUnknown, id: id, label: hexID(id)})
	return r
}

// ref names a node referenced by a field; want is its kind when the
// snapshot lacks it.
func (v *view) ref(id graph.ID, want graph.NodeKind) string {
	if r, ok := v.refs[id]; ok {
		return r
	}
	return refOf(want, id)
}

func (v *view) name(id graph.ID) string {
	if n, ok := v.names[id]; ok {
		return n
	}
	return hexID(id)
}

// srcKey is the key of source id, or its hex when the snapshot lacks it.
func (v *view) srcKey(id graph.ID) string {
	if k, ok := v.srcKeys[id]; ok {
		return k
	}
	return hexID(id)
}

// sourceKeys returns the keys of ids, sorted.
func (v *view) sourceKeys(ids []graph.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = v.srcKey(id)
	}
	slices.Sort(out)
	return out
}

// sortedSources returns ids ordered by source key.
func (v *view) sortedSources(ids []graph.ID) []graph.ID {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b graph.ID) int { return cmp.Compare(v.srcKey(a), v.srcKey(b)) })
	return out
}

func (v *view) compareEvidence(a, b graph.Evidence) int {
	if c := cmp.Compare(v.srcKey(a.Source), v.srcKey(b.Source)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.End, b.Span.End); c != 0 {
		return c
	}
	return cmp.Compare(a.Text, b.Text)
}

func (v *view) sortedEvidence(ev []graph.Evidence) []graph.Evidence {
	out := slices.Clone(ev)
	slices.SortFunc(out, v.compareEvidence)
	return out
}

func (v *view) compareEdges(a, b edge) int {
	if c := cmp.Compare(a.e.Type.String(), b.e.Type.String()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.from, b.from); c != 0 {
		return c
	}
	if c := cmp.Compare(a.to, b.to); c != 0 {
		return c
	}
	if c := cmp.Compare(a.e.Title, b.e.Title); c != 0 {
		return c
	}
	if c := cmp.Compare(v.optRef(a.e.Meeting, graph.KindMeeting), v.optRef(b.e.Meeting, graph.KindMeeting)); c != 0 {
		return c
	}
	if c := slices.Compare(v.sourceKeys(a.e.Sources), v.sourceKeys(b.e.Sources)); c != 0 {
		return c
	}
	return slices.CompareFunc(v.sortedEvidence(a.e.Evidence), v.sortedEvidence(b.e.Evidence), v.compareEvidence)
}

// meetingLabel is "A – B (2023-06-19)": participant names sorted, then the
// date when known.
func (v *view) meetingLabel(m *graph.Meeting) string {
	names := make([]string, len(m.Participants))
	for i, p := range m.Participants {
		names[i] = v.name(p)
	}
	slices.Sort(names)
	label := strings.Join(names, " – ")
	if !m.Date.IsZero() {
		label += " (" + m.Date.String() + ")"
	}
	return label
}

// maxLabelRunes caps statement labels; the full text is an attribute.
const maxLabelRunes = 60

// statementLabel is "Speaker: text", the text cut to maxLabelRunes.
func (v *view) statementLabel(st *graph.Statement) string {
	text := strings.Join(strings.FieldsFunc(st.Text, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if utf8.RuneCountInString(text) > maxLabelRunes {
		i, n := 0, 0
		for i = range text {
			if n == maxLabelRunes-1 {
				break
			}
			n++
		}
		text = strings.TrimSpace(text[:i]) + "…"
	}
	return v.name(st.Speaker) + ": " + text
}

// conflictSummary renders conflicts as one line:
// "field: value [key, key] | value [key]; field: …".
func (v *view) conflictSummary(cs []graph.Conflict) string {
	var b strings.Builder
	for i, c := range sortedConflicts(cs) {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(c.Field)
		b.WriteString(": ")
		for j, val := range c.Values {
			if j > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(val.Value)
			b.WriteString(" [")
			b.WriteString(strings.Join(v.sourceKeys(val.Sources), ", "))
			b.WriteString("]")
		}
	}
	return b.String()
}

// sortedConflicts orders conflicts by field and their values by value, so
// the output does not depend on the order the store found them in.
func sortedConflicts(cs []graph.Conflict) []graph.Conflict {
	out := make([]graph.Conflict, len(cs))
	for i, c := range cs {
		out[i] = graph.Conflict{Field: c.Field, Values: slices.Clone(c.Values)}
		slices.SortFunc(out[i].Values, func(a, b graph.ConflictValue) int { return cmp.Compare(a.Value, b.Value) })
	}
	slices.SortFunc(out, func(a, b graph.Conflict) int { return cmp.Compare(a.Field, b.Field) })
	return out
}

// attrType is the value type of an attribute in typed formats.
type attrType uint8

const (
	attrString attrType = iota
	attrInt
	attrBool
	attrList // a list of strings; joined with "; " where lists are not supported
)

// attrID identifies a node or edge attribute of the visualization formats.
type attrID uint8

// Node attributes, then edge attributes.
const (
	aLabel attrID = iota
	aKind
	aType
	aDate
	aEndDate
	aDateText
	aStatus
	aDuration
	aPlace
	aCity
	aEvent
	aSpeaker
	aText
	aDirect
	aAliases
	aTitles
	aURL
	aPublisher
	aKey
	aHash
	aConflicts
	aSources
	aSourceCount
	aEdgeType
	aEdgeTitle
	aEdgeMeeting
)

func (a attrID) name() string {
	switch a {
	case aLabel:
		return "label"
	case aKind:
		return "kind"
	case aType, aEdgeType:
		return "type"
	case aDate:
		return "date"
	case aEndDate:
		return "endDate"
	case aDateText:
		return "dateText"
	case aStatus:
		return "status"
	case aDuration:
		return "durationMinutes"
	case aPlace:
		return "place"
	case aCity:
		return "city"
	case aEvent:
		return "event"
	case aSpeaker:
		return "speaker"
	case aText:
		return "text"
	case aDirect:
		return "direct"
	case aAliases:
		return "aliases"
	case aTitles:
		return "titles"
	case aURL:
		return "url"
	case aPublisher:
		return "publisher"
	case aKey:
		return "key"
	case aHash:
		return "hash"
	case aConflicts:
		return "conflicts"
	case aSources:
		return "sources"
	case aSourceCount:
		return "sourceCount"
	case aEdgeTitle:
		return "title"
	case aEdgeMeeting:
		return "meeting"
	}
	return "attr" + strconv.Itoa(int(a))
}

func (a attrID) typ() attrType {
	switch a {
	case aDuration, aSourceCount:
		return attrInt
	case aDirect:
		return attrBool
	case aAliases, aTitles, aSources:
		return attrList
	}
	return attrString
}

// nodeAttrIDs and edgeAttrIDs are the attributes declared for nodes and
// edges, in output order.
func nodeAttrIDs() []attrID {
	out := make([]attrID, 0, aSourceCount+1)
	for a := aLabel; a <= aSourceCount; a++ {
		out = append(out, a)
	}
	return out
}

func edgeAttrIDs() []attrID {
	return []attrID{aLabel, aEdgeType, aEdgeTitle, aEdgeMeeting, aSources, aSourceCount}
}

// attr is one attribute value: s for scalars (ints and booleans formatted),
// list for attrList.
type attr struct {
	id   attrID
	s    string
	list []string
}

// text is the value as one string.
func (a attr) text() string {
	if a.id.typ() == attrList {
		return strings.Join(a.list, "; ")
	}
	return a.s
}

// attrs collects the non-empty attribute values of a node or edge, in
// attrID order.
type attrs []attr

func (as *attrs) str(id attrID, s string) {
	if s != "" {
		*as = append(*as, attr{id: id, s: s})
	}
}

func (as *attrs) list(id attrID, l []string) {
	if len(l) > 0 {
		*as = append(*as, attr{id: id, list: l})
	}
}

func (as *attrs) int(id attrID, n int) {
	if n != 0 {
		*as = append(*as, attr{id: id, s: strconv.Itoa(n)})
	}
}

// nodeAttrs returns the attributes of n. Label, kind and type are always
// present.
func (v *view) nodeAttrs(n *node) attrs {
	as := attrs{{id: aLabel, s: n.label}, {id: aKind, s: n.kind.String()}, {id: aType, s: n.typ}}
	as.str(aDate, n.date)
	var sources []graph.ID
	switch x := n.n.(type) {
	case *graph.Entity:
		as.list(aAliases, sortedStrings(x.Aliases))
		as.list(aTitles, sortedStrings(x.Titles))
		sources = x.Sources
	case *graph.Meeting:
		as.str(aEndDate, x.EndDate.String())
		as.str(aDateText, x.DateText)
		as.str(aStatus, x.Status.String())
		as.int(aDuration, x.DurationMinutes)
		if x.Place != 0 {
			as.str(aPlace, v.ref(x.Place, graph.KindEntity))
		}
		if x.City != 0 {
			as.str(aCity, v.ref(x.City, graph.KindEntity))
		}
		if x.Event != 0 {
			as.str(aEvent, v.ref(x.Event, graph.KindEvent))
		}
		as.str(aConflicts, v.conflictSummary(x.Conflicts))
		sources = x.Sources
	case *graph.Statement:
		as.str(aSpeaker, v.ref(x.Speaker, graph.KindEntity))
		as.str(aText, x.Text)
		as = append(as, attr{id: aDirect, s: strconv.FormatBool(x.Direct)})
		sources = x.Sources
	case *graph.Event:
		if x.Place != 0 {
			as.str(aPlace, v.ref(x.Place, graph.KindEntity))
		}
		sources = x.Sources
	case *graph.Source:
		as.str(aURL, x.URL)
		as.str(aPublisher, x.Publisher)
		as.str(aKey, x.Key)
		as.str(aHash, x.Hash)
	}
	as.list(aSources, v.sourceKeys(sources))
	as.int(aSourceCount, len(sources))
	slices.SortStableFunc(as, func(a, b attr) int { return cmp.Compare(a.id, b.id) })
	return as
}

// edgeAttrs returns the attributes of e; label and type are always present.
func (v *view) edgeAttrs(e *edge) attrs {
	t := e.e.Type.String()
	as := attrs{{id: aLabel, s: t}, {id: aEdgeType, s: t}}
	as.str(aEdgeTitle, e.e.Title)
	as.str(aEdgeMeeting, v.optRef(e.e.Meeting, graph.KindMeeting))
	as.list(aSources, v.sourceKeys(e.e.Sources))
	as.int(aSourceCount, len(e.e.Sources))
	return as
}
