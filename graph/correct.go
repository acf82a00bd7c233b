package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Corrections are a user's curation of the graph: entities merged, split,
// renamed, aliased or retyped, and entities or facts rejected. They are
// applied, in order, to every article's claims before the claims are stored
// (see Store.SetCorrections), so the graph is a function of the articles and
// the corrections: a rebuild from scratch with the same corrections gives
// the same graph, and a correction survives any re-ingest.
type Corrections struct {
	// Version is the format version of a corrections file; 0 or 1.
	Version     int          `json:"version,omitempty"`
	Corrections []Correction `json:"corrections"`
}

// CorrectionOp is what a Correction does.
type CorrectionOp string

// Correction operations.
const (
	// OpMerge makes Entity part of Into: its claims take Into's name and
	// keep their own name as an alias.
	OpMerge CorrectionOp = "merge"
	// OpSplit gives the claims of Entity made by the articles in Sources
	// the name Name: a new entity, separate from what the others report.
	OpSplit CorrectionOp = "split"
	// OpRename makes Name the canonical name of Entity; the old name stays
	// an alias.
	OpRename CorrectionOp = "rename"
	// OpAlias adds Alias to the names of Entity.
	OpAlias CorrectionOp = "alias"
	// OpType changes the type of Entity to Type.
	OpType CorrectionOp = "type"
	// OpReject removes Entity with every fact it takes part in, or, with
	// Fact set, that one fact.
	OpReject CorrectionOp = "reject"
)

var correctionOps = [...]CorrectionOp{OpMerge, OpSplit, OpRename, OpAlias, OpType, OpReject}

// Correction is one curation step. Entity names an entity by canonical name
// (any case, as NameKey matches) or by its ID in hex; EntityType, when set,
// restricts it to entities of that type.
type Correction struct {
	Op         CorrectionOp `json:"op"`
	Entity     string       `json:"entity,omitempty"`
	EntityType EntityType   `json:"entityType,omitempty"`
	Into       string       `json:"into,omitempty"`    // merge: the surviving entity's name
	Name       string       `json:"name,omitempty"`    // rename, split: the new name
	Alias      string       `json:"alias,omitempty"`   // alias: the added name
	Type       EntityType   `json:"type,omitempty"`    // type: the new type
	Sources    []string     `json:"sources,omitempty"` // split: keys of the articles whose claims move
	Fact       *FactRef     `json:"fact,omitempty"`    // reject: the fact, instead of an entity
	Note       string       `json:"note,omitempty"`    // why, for the people reading the file
}

// FactKind is the kind of fact a FactRef names.
type FactKind string

// Fact kinds.
const (
	FactMeeting   FactKind = "meeting"
	FactStatement FactKind = "statement"
	FactEvent     FactKind = "event"
	FactRelation  FactKind = "relation"
)

// FactRef names a fact by what it says, so that it is found again in every
// article that reports it: a meeting by its participants (and, optionally,
// its date and status), a statement by its speaker and text, an event by its
// name, a relation (AFFILIATED_WITH, LOCATED_IN, DISRUPTED_BY) by its type
// and ends.
type FactRef struct {
	Kind         FactKind       `json:"kind"`
	Participants []string       `json:"participants,omitempty"`
	Date         Date           `json:"date,omitzero"`
	Status       *MeetingStatus `json:"status,omitempty"`
	Speaker      string         `json:"speaker,omitempty"`
	Text         string         `json:"text,omitempty"`
	Name         string         `json:"name,omitempty"`
	Type         EdgeType       `json:"type,omitempty"`
	From         string         `json:"from,omitempty"`
	To           string         `json:"to,omitempty"`
}

// Validate reports the first correction that cannot be applied, by its
// 1-based position.
func (c *Corrections) Validate() error {
	if c == nil {
		return nil
	}
	if c.Version > 1 {
		return fmt.Errorf("corrections version %d: this build reads version 1", c.Version)
	}
	for i := range c.Corrections {
		if err := c.Corrections[i].Validate(); err != nil {
			return fmt.Errorf("correction %d: %w", i+1, err)
		}
	}
	return nil
}

// Validate reports why the correction cannot be applied, or nil.
func (c *Correction) Validate() error {
	if !slices.Contains(correctionOps[:], c.Op) {
		return fmt.Errorf("unknown op %q (want one of merge, split, rename, alias, type, reject)", c.Op)
	}
	if c.EntityType > Place {
		return fmt.Errorf("entityType %v", c.EntityType)
	}
	needEntity := c.Op != OpReject || c.Fact == nil
	if needEntity && NameKey(c.Entity) == "" {
		return fmt.Errorf("%s: no entity given", c.Op)
	}
	need := func(field, v string) error {
		if NameKey(v) == "" {
			return fmt.Errorf("%s %q: no %s given", c.Op, c.Entity, field)
		}
		return nil
	}
	switch c.Op {
	case OpMerge:
		if err := need("into", c.Into); err != nil {
			return err
		}
		if NameKey(c.Into) == NameKey(c.Entity) {
			return fmt.Errorf("merge %q into itself", c.Entity)
		}
	case OpRename:
		return need("name", c.Name)
	case OpSplit:
		if err := need("name", c.Name); err != nil {
			return err
		}
		if len(c.Sources) == 0 {
			return fmt.Errorf("split %q: no sources given (the articles whose mentions are another entity)", c.Entity)
		}
	case OpAlias:
		return need("alias", c.Alias)
	case OpType:
		if c.Type < Person || c.Type > Place {
			return fmt.Errorf("type %q: want PERSON, ORGANIZATION or PLACE", c.Entity)
		}
	case OpReject:
		if c.Fact != nil {
			if c.Entity != "" {
				return errors.New("reject: give an entity or a fact, not both")
			}
			return c.Fact.validate()
		}
	}
	return nil
}

func (f *FactRef) validate() error {
	switch f.Kind {
	case FactMeeting:
		if len(f.Participants) < 2 {
			return errors.New("reject meeting: at least two participants")
		}
		if f.Status != nil && *f.Status > Postponed {
			return fmt.Errorf("reject meeting: status %v", *f.Status)
		}
		return f.Date.Validate()
	case FactStatement:
		if NameKey(f.Speaker) == "" || StatementKey(f.Text) == "" {
			return errors.New("reject statement: speaker and text needed")
		}
	case FactEvent:
		if NameKey(f.Name) == "" {
			return errors.New("reject event: name needed")
		}
	case FactRelation:
		if f.Type != AffiliatedWith && f.Type != LocatedIn && f.Type != DisruptedBy {
			return fmt.Errorf("reject relation: type %v (want AFFILIATED_WITH, LOCATED_IN or DISRUPTED_BY)", f.Type)
		}
		if NameKey(f.From) == "" || NameKey(f.To) == "" {
			return errors.New("reject relation: from and to needed")
		}
	default:
		return fmt.Errorf("reject: unknown fact kind %q (want meeting, statement, event or relation)", f.Kind)
	}
	return nil
}

// Fingerprint identifies the effect of c: equal for equal corrections, ""
// for none. Notes do not count.
func (c *Corrections) Fingerprint() string {
	if c == nil || len(c.Corrections) == 0 {
		return ""
	}
	cs := slices.Clone(c.Corrections)
	for i := range cs {
		cs[i].Note = ""
	}
	j, err := json.Marshal(cs)
	if err != nil { // plain data: cannot happen
		return "invalid"
	}
	sum := sha256.Sum256(j)
	return hex.EncodeToString(sum[:16])
}

// Len is the number of corrections.
func (c *Corrections) Len() int {
	if c == nil {
		return 0
	}
	return len(c.Corrections)
}

// Redirects maps the IDs that merges, renames and type changes retired to
// the IDs of the entities that took their place, chains followed.
func (c *Corrections) Redirects() map[ID]ID {
	out := map[ID]ID{}
	if c == nil {
		return out
	}
	types := func(t EntityType) []EntityType {
		if t != EntityUnknown {
			return []EntityType{t}
		}
		return []EntityType{Person, Organization, Place}
	}
	for _, k := range c.Corrections {
		if _, ok := ParseID(k.Entity); ok {
			continue // named by ID: the new ID depends on names only the articles know
		}
		for _, t := range types(k.EntityType) {
			old := EntityID(t, k.Entity)
			switch k.Op {
			case OpMerge:
				out[old] = EntityID(t, k.Into)
			case OpRename:
				out[old] = EntityID(t, k.Name)
			case OpType:
				out[old] = EntityID(k.Type, k.Entity)
			}
		}
	}
	for from := range out {
		to, seen := out[from], map[ID]bool{from: true}
		for next, ok := out[to]; ok && !seen[to]; next, ok = out[to] {
			seen[to] = true
			to = next
		}
		if to == from {
			delete(out, from)
			continue
		}
		out[from] = to
	}
	return out
}

// Matches reports whether entity claim e is the entity k names (by
// Entity and EntityType).
func (k *Correction) Matches(e *EntityClaim) bool {
	if k.EntityType != EntityUnknown && e.Type != k.EntityType {
		return false
	}
	if id, ok := ParseID(k.Entity); ok && EntityID(e.Type, e.Name) == id {
		return true
	}
	return NameKey(e.Name) == NameKey(k.Entity)
}

// ParseID reads an ID written by ID.String (16 hex digits, surrounding
// space ignored).
func ParseID(s string) (ID, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 16 {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 16, 64)
	return ID(v), err == nil
}
