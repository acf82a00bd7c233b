package graph

import (
	"context"
	"slices"
	"strings"
)

// Reader is every read of the resolved graph. The Badger store
// (graph/store) implements it, each call reading its own consistent
// snapshot, and so do its read views (many calls, one snapshot); package
// graphtest has the suite every implementation must pass and a fake that
// passes it. Not-found is an error wrapping ErrNotFound, never a nil
// result; lists are never nil. What a read returns may be shared with
// other reads (the store keeps what it resolved for the reads that follow,
// the fake returns its own snapshot): callers must not modify it.
type Reader interface {
	// Node returns the node with id: *Entity, *Meeting, *Event, *Statement
	// or *Source. An entity ID that a correction retired gives the entity
	// that replaced it.
	Node(ctx context.Context, id ID) (Node, error)
	// EntitiesByID resolves the entities among ids; the others are absent
	// from the map.
	EntitiesByID(ctx context.Context, ids []ID) (map[ID]*Entity, error)
	// SourcesByID returns the sources among ids; the others are absent.
	SourcesByID(ctx context.Context, ids []ID) (map[ID]*Source, error)
	// LookupEntities returns the entities of type t (EntityUnknown: any)
	// whose canonical name or an alias has the NameKey of name, those with
	// the most sources first, then by name and ID.
	LookupEntities(ctx context.Context, name string, t EntityType) ([]*Entity, error)
	// Entities returns the entities f selects, sorted by name, then ID.
	Entities(ctx context.Context, f EntityFilter) ([]*Entity, error)
	// Meetings returns the meetings f selects, sorted by date (unknown
	// last), then ID.
	Meetings(ctx context.Context, f MeetingFilter) ([]*Meeting, error)
	// MeetingsPage returns Meetings(f)[after:][:first] (within bounds) and
	// len(Meetings(f)): one page of the answer, which an implementation
	// may find without resolving the meetings of the other pages.
	MeetingsPage(ctx context.Context, f MeetingFilter, after, first int) (page []*Meeting, total int, err error)
	// Statements returns the statements f selects, sorted by date (unknown
	// last), then ID.
	Statements(ctx context.Context, f StatementFilter) ([]*Statement, error)
	// Events returns every event, sorted by date (unknown last), name, then ID.
	Events(ctx context.Context) ([]*Event, error)
	// Sources returns every source, sorted by Key.
	Sources(ctx context.Context) ([]*Source, error)
	// SourceText returns the cleaned text of source id, the text every
	// Evidence span of that source points into, or an error wrapping
	// ErrNotFound.
	SourceText(ctx context.Context, id ID) (string, error)
	// Edges returns every edge from or to the node with id, sorted by
	// endpoints, type and title; an error wrapping ErrNotFound if there is
	// no such node.
	Edges(ctx context.Context, id ID) ([]Edge, error)
	// EdgesOf returns the edges of Edges(id) that f selects, in the same
	// order; an implementation may read only the rows of those edges.
	EdgesOf(ctx context.Context, id ID, f EdgeFilter) ([]Edge, error)
	// EdgesOfMany returns EdgesOf(id, f) for each of ids that is a node
	// (an ID twice counts once); the others are absent from the map. It is
	// one read of many nodes' edges, such as a level of a walk of the
	// graph, which an implementation may read in one pass.
	EdgesOfMany(ctx context.Context, ids []ID, f EdgeFilter) (map[ID][]Edge, error)
	// Snapshot returns the whole graph.
	Snapshot(ctx context.Context) (*Snapshot, error)
}

// View is a Reader whose every call reads the same snapshot, taken when
// the view was opened, whatever is written meanwhile: one snapshot for all
// the reads of a request. Close releases it; reads after Close fail.
type View interface {
	Reader
	Close()
}

// ReadOptions say what the reads of a View return.
type ReadOptions struct {
	// NoEvidence leaves every Evidence list nil (of entities, meetings,
	// events, statements and edges); every other field is as without it.
	// Evidence is most of the stored bytes: a reader that shows none, such
	// as a GraphQL query that selects no evidence, reads faster.
	NoEvidence bool
}

// EntityFilter selects entities. Zero fields select everything.
type EntityFilter struct {
	Type   EntityType // EntityUnknown: any type
	Search string     // case-insensitive substring of the name or an alias
}

// Match reports whether f selects e.
func (f *EntityFilter) Match(e *Entity) bool {
	return (f.Type == EntityUnknown || e.Type == f.Type) && matchesEntity(e, strings.ToLower(f.Search))
}

func matchesEntity(e *Entity, lowerSearch string) bool {
	if lowerSearch == "" || strings.Contains(strings.ToLower(e.Name), lowerSearch) {
		return true
	}
	for _, a := range e.Aliases {
		if strings.Contains(strings.ToLower(a), lowerSearch) {
			return true
		}
	}
	return false
}

// MeetingFilter selects meetings. Zero fields select everything.
type MeetingFilter struct {
	Participants []ID // the meeting includes any of them
	With         []ID // and also any of these
	Places       []ID // its place or city is any of these
	From, To     Date // its date is within, compared at the less precise of the two dates
}

// Match reports whether f selects m.
func (f *MeetingFilter) Match(m *Meeting) bool {
	anyOf := func(want, have []ID) bool {
		if len(want) == 0 {
			return true
		}
		for _, w := range want {
			if slices.Contains(have, w) {
				return true
			}
		}
		return false
	}
	if !anyOf(f.Participants, m.Participants) || !anyOf(f.With, m.Participants) {
		return false
	}
	if len(f.Places) > 0 && !slices.Contains(f.Places, m.Place) && !slices.Contains(f.Places, m.City) {
		return false
	}
	return m.Date.Within(f.From, f.To)
}

// EdgeFilter selects among the edges of one node. Zero fields select
// everything.
type EdgeFilter struct {
	Types  []EdgeType  // of one of these types
	Others map[ID]bool // whose other end is in this set (nil: any)
}

// Match reports whether f selects e, an edge of the node id.
func (f *EdgeFilter) Match(id ID, e Edge) bool {
	if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false
	}
	if f.Others == nil {
		return true
	}
	other := e.To
	if e.To == id {
		other = e.From
	}
	return f.Others[other]
}

// StatementFilter selects statements. Zero fields select everything.
type StatementFilter struct {
	Speakers []ID   // said by any of them
	Search   string // case-insensitive substring of the text
}

// Match reports whether f selects st.
func (f *StatementFilter) Match(st *Statement) bool {
	if len(f.Speakers) > 0 && !slices.Contains(f.Speakers, st.Speaker) {
		return false
	}
	return f.Search == "" || strings.Contains(strings.ToLower(st.Text), strings.ToLower(f.Search))
}

// Snapshot is the whole resolved graph, each list in a fixed order:
// entities by name, meetings, statements and events by date, sources by
// key, edges by endpoints and type.
type Snapshot struct {
	Entities   []*Entity
	Meetings   []*Meeting
	Statements []*Statement
	Events     []*Event
	Sources    []*Source
	Edges      []Edge
}
