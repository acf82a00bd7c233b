package store

import (
	"slices"

	"github.com/newsgraph/newsgraph/graph"
)

// correctionSet is a list of corrections made ready to apply to many
// articles: its fingerprint and each correction's name key are computed
// once, so that building an article costs a lookup per correction, not a
// name comparison with each of its entities. It is never modified.
type correctionSet struct {
	c           *graph.Corrections
	fingerprint string
	// keys[i] is the NameKey of correction i's entity: it can only act on
	// an article naming an entity so. "" marks corrections that must
	// always be tried (facts, entities named by ID).
	keys []string
}

func newCorrectionSet(c *graph.Corrections) *correctionSet {
	cs := &correctionSet{c: c, fingerprint: c.Fingerprint(), keys: make([]string, c.Len())}
	for i := range cs.keys {
		k := &c.Corrections[i]
		if _, byID := graph.ParseID(k.Entity); k.Fact == nil && !byID {
			cs.keys[i] = graph.NameKey(k.Entity)
		}
	}
	return cs
}

// applyCorrections returns a copy of a with c applied, in order. The copy
// shares nothing with a that it changes. It keeps the article valid: a
// meeting left with fewer than two participants is dropped, references to
// a rejected entity are removed. A correction naming no entity of the
// article (as the article is when its turn comes) is skipped unread.
func applyCorrections(c *correctionSet, a *graph.Article) *graph.Article {
	if c.c.Len() == 0 {
		return a
	}
	out := cloneArticle(a)
	// named holds the name keys of the entities of out, and of every name
	// a correction gave one: a superset, which only costs a try.
	named := make(map[string]bool, len(out.Entities))
	for i := range out.Entities {
		named[graph.NameKey(out.Entities[i].Name)] = true
	}
	for i := range c.c.Corrections {
		if k := c.keys[i]; k != "" && !named[k] {
			continue
		}
		k := &c.c.Corrections[i]
		applyCorrection(k, out)
		switch k.Op {
		case graph.OpMerge:
			named[graph.NameKey(k.Into)] = true
		case graph.OpRename, graph.OpSplit:
			named[graph.NameKey(k.Name)] = true
		}
	}
	return out
}

func cloneArticle(a *graph.Article) *graph.Article {
	out := *a
	out.Entities = slices.Clone(a.Entities)
	for i := range out.Entities {
		out.Entities[i].Aliases = slices.Clone(out.Entities[i].Aliases)
	}
	out.Meetings = slices.Clone(a.Meetings)
	for i := range out.Meetings {
		out.Meetings[i].Participants = slices.Clone(out.Meetings[i].Participants)
	}
	out.Statements = slices.Clone(a.Statements)
	out.Events = slices.Clone(a.Events)
	for i := range out.Events {
		out.Events[i].Participants = slices.Clone(out.Events[i].Participants)
		out.Events[i].DisruptedBy = slices.Clone(out.Events[i].DisruptedBy)
	}
	out.Relations = slices.Clone(a.Relations)
	return &out
}

func applyCorrection(k *graph.Correction, a *graph.Article) {
	if k.Op == graph.OpReject && k.Fact != nil {
		rejectFact(k.Fact, a)
		return
	}
	if k.Op == graph.OpSplit && !slices.Contains(k.Sources, a.Source.Key) {
		return
	}
	for i := 0; i < len(a.Entities); i++ {
		e := &a.Entities[i]
		if !k.Matches(e) {
			continue
		}
		switch k.Op {
		case graph.OpMerge:
			renameEntity(a, e, k.Into, true)
		case graph.OpRename:
			renameEntity(a, e, k.Name, true)
		case graph.OpSplit:
			renameEntity(a, e, k.Name, false)
		case graph.OpAlias:
			if !slices.ContainsFunc(e.Aliases, func(n string) bool { return graph.NameKey(n) == graph.NameKey(k.Alias) }) {
				e.Aliases = append(e.Aliases, k.Alias)
			}
		case graph.OpType:
			e.Type = k.Type
		case graph.OpReject:
			name := e.Name
			a.Entities = slices.Delete(a.Entities, i, i+1)
			i--
			if !hasEntityNamed(a, name) {
				dropReferences(a, name)
			}
		}
	}
}

// renameEntity gives claim e the name to and points the article's
// references to e at it; keepOld keeps the old name as an alias.
func renameEntity(a *graph.Article, e *graph.EntityClaim, to string, keepOld bool) {
	old := e.Name
	if graph.NameKey(old) == graph.NameKey(to) {
		return
	}
	e.Name = to
	e.Aliases = slices.DeleteFunc(e.Aliases, func(n string) bool { return graph.NameKey(n) == graph.NameKey(to) })
	if keepOld {
		e.Aliases = append(e.Aliases, old)
	}
	if hasEntityNamed(a, old) {
		return // another claim of that name remains: references stay with it
	}
	renameReferences(a, old, to)
}

func hasEntityNamed(a *graph.Article, name string) bool {
	k := graph.NameKey(name)
	return slices.ContainsFunc(a.Entities, func(e graph.EntityClaim) bool { return graph.NameKey(e.Name) == k })
}

func sameName(a, b string) bool { return graph.NameKey(a) == graph.NameKey(b) }

func renameReferences(a *graph.Article, from, to string) {
	ren := func(s *string) {
		if *s != "" && sameName(*s, from) {
			*s = to
		}
	}
	for i := range a.Meetings {
		m := &a.Meetings[i]
		for j := range m.Participants {
			ren(&m.Participants[j])
		}
		ren(&m.Place)
		ren(&m.City)
	}
	for i := range a.Statements {
		ren(&a.Statements[i].Speaker)
	}
	for i := range a.Events {
		ev := &a.Events[i]
		ren(&ev.Place)
		for j := range ev.Participants {
			ren(&ev.Participants[j])
		}
	}
	for i := range a.Relations {
		ren(&a.Relations[i].From)
		ren(&a.Relations[i].To)
	}
	dropDegenerate(a)
}

// dropReferences removes every reference to the entity named name.
func dropReferences(a *graph.Article, name string) {
	is := func(s string) bool { return s != "" && sameName(s, name) }
	for i := range a.Meetings {
		m := &a.Meetings[i]
		m.Participants = slices.DeleteFunc(m.Participants, is)
		if is(m.Place) {
			m.Place = ""
		}
		if is(m.City) {
			m.City = ""
		}
	}
	a.Statements = slices.DeleteFunc(a.Statements, func(s graph.StatementClaim) bool { return is(s.Speaker) })
	for i := range a.Events {
		ev := &a.Events[i]
		if is(ev.Place) {
			ev.Place = ""
		}
		ev.Participants = slices.DeleteFunc(ev.Participants, is)
	}
	a.Relations = slices.DeleteFunc(a.Relations, func(r graph.RelationClaim) bool { return is(r.From) || is(r.To) })
	dropDegenerate(a)
}

// dropDegenerate removes the claims a rename or rejection made invalid:
// meetings with fewer than two distinct participants, relations of an
// entity to itself.
func dropDegenerate(a *graph.Article) {
	a.Meetings = slices.DeleteFunc(a.Meetings, func(m graph.MeetingClaim) bool {
		keys := map[string]bool{}
		for _, p := range m.Participants {
			keys[graph.NameKey(p)] = true
		}
		return len(keys) < 2
	})
	a.Relations = slices.DeleteFunc(a.Relations, func(r graph.RelationClaim) bool { return sameName(r.From, r.To) })
	for i := range a.Events {
		seen := map[string]bool{}
		a.Events[i].Participants = slices.DeleteFunc(a.Events[i].Participants, func(n string) bool {
			k := graph.NameKey(n)
			dup := seen[k]
			seen[k] = true
			return dup
		})
	}
}

func nameSet(names []string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		out[graph.NameKey(n)] = true
	}
	return out
}

func rejectFact(f *graph.FactRef, a *graph.Article) {
	switch f.Kind {
	case graph.FactMeeting:
		want := nameSet(f.Participants)
		a.Meetings = slices.DeleteFunc(a.Meetings, func(m graph.MeetingClaim) bool {
			got := nameSet(m.Participants)
			if len(got) != len(want) {
				return false
			}
			for k := range want {
				if !got[k] {
					return false
				}
			}
			if f.Status != nil && m.Status != *f.Status {
				return false
			}
			return f.Date.IsZero() || f.Date.Compatible(m.Date)
		})
	case graph.FactStatement:
		// The words of a statement merged from several sources are the
		// longest claim's: the others share a long run of them.
		a.Statements = slices.DeleteFunc(a.Statements, func(s graph.StatementClaim) bool {
			return sameName(s.Speaker, f.Speaker) && sameStatement(s.Text, f.Text)
		})
	case graph.FactEvent:
		name := f.Name
		a.Events = slices.DeleteFunc(a.Events, func(e graph.EventClaim) bool { return sameName(e.Name, name) })
		for i := range a.Events {
			a.Events[i].DisruptedBy = slices.DeleteFunc(a.Events[i].DisruptedBy, func(n string) bool { return sameName(n, name) })
		}
		for i := range a.Meetings {
			if sameName(a.Meetings[i].Event, name) {
				a.Meetings[i].Event = ""
			}
		}
	case graph.FactRelation:
		if f.Type == graph.DisruptedBy {
			for i := range a.Events {
				if sameName(a.Events[i].Name, f.From) {
					a.Events[i].DisruptedBy = slices.DeleteFunc(a.Events[i].DisruptedBy, func(n string) bool { return sameName(n, f.To) })
				}
			}
			return
		}
		a.Relations = slices.DeleteFunc(a.Relations, func(r graph.RelationClaim) bool {
			return r.Type == f.Type && sameName(r.From, f.From) && sameName(r.To, f.To)
		})
	}
}
