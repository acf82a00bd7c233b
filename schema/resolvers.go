package schema

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/graph"
)

// The descriptions every node's sources and evidence share.
const (
	descSources  = "The articles that report it."
	descEvidence = "The sentences that state it, each with its source and byte offsets."
)

func (b *builder) entityFields() graphql.Fields {
	src := func(p graphql.ResolveParams) *graph.Entity { return p.Source.(*graph.Entity) }
	return graphql.Fields{
		"id":   {Type: nn(graphql.ID), Description: "The global ID, for node(id:).", Resolve: func(p graphql.ResolveParams) (any, error) { return GlobalID(graph.KindEntity, src(p).ID), nil }},
		"name": {Type: nn(graphql.String), Description: "The canonical name: the fullest form the sources use.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Name, nil }},
		"type": {Type: b.entityType, Description: "PERSON, ORGANIZATION or PLACE; null when the sources do not tell.", Resolve: func(p graphql.ResolveParams) (any, error) {
			if t := src(p).Type; t != graph.EntityUnknown {
				return t, nil
			}
			return nil, nil
		}},
		"aliases": {Type: listOf(graphql.String), Description: "Other names the sources use for it (surnames, spellings, merged names).", Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(src(p).Aliases), nil }},
		"titles":  {Type: listOf(graphql.String), Description: "Titles the sources give a person (\"foreign minister\"); two titles may be a conflict between sources.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(src(p).Titles), nil }},
		"meetings": {
			Type:        nn(b.meetingConn),
			Description: "Meetings the entity took part in, optionally only those with another named entity, within a date range.",
			Args: pageArgsConfig(graphql.FieldConfigArgument{
				"with": {Type: graphql.String, Description: "Only meetings with this other participant (name or alias)."}, "from": {Type: b.date, Description: "Only meetings on or after this date."}, "to": {Type: b.date, Description: "Only meetings on or before this date."},
			}),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				a, err := b.decodeMeetings(p.Args)
				if err != nil {
					return nil, err
				}
				return b.meetings(p.Context, a, []graph.ID{src(p).ID})
			},
		},
		"statements": {
			Type: nn(b.statementConn), Description: "What the entity said, as speaker.", Args: pageArgsConfig(nil),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				pa, err := decodePage(p.Args, b.opt.MaxFirst)
				if err != nil {
					return nil, err
				}
				ss, err := b.reads(p.Context).Statements(p.Context, graph.StatementFilter{Speakers: []graph.ID{src(p).ID}})
				if err != nil {
					return nil, fmt.Errorf("statements of %s: %w", src(p).ID, err)
				}
				return paginate(ss, pa), nil
			},
		},
		"relations": {
			Type:        nn(b.relationConn),
			Description: "The edges of the entity, either direction; target is the other end. Edges of one type to one target are merged.",
			Args:        pageArgsConfig(graphql.FieldConfigArgument{"type": {Type: b.relationType, Description: "Only edges of this type."}}),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				pa, err := decodePage(p.Args, b.opt.MaxFirst)
				if err != nil {
					return nil, err
				}
				a := relationsArgs{Type: argEdgeType(p.Args, "type"), Page: pa}
				rels, err := b.relations(p.Context, src(p).ID, a.Type)
				if err != nil {
					return nil, err
				}
				return paginate(rels, a.Page), nil
			},
		},
		"sources": {Type: listOf(b.source), Description: descSources, Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).sourcesThunk(p.Context, src(p).Sources), nil
		}},
		"evidence": {Type: listOf(b.evidence), Description: descEvidence, Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(src(p).Evidence), nil }},
	}
}

func (b *builder) meetingFields() graphql.Fields {
	src := func(p graphql.ResolveParams) *graph.Meeting { return p.Source.(*graph.Meeting) }
	return graphql.Fields{
		"id": {Type: nn(graphql.ID), Description: "The global ID, for node(id:).", Resolve: func(p graphql.ResolveParams) (any, error) { return GlobalID(graph.KindMeeting, src(p).ID), nil }},
		"participants": {Type: listOf(b.entity), Description: "The people who met, two or more.", Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).entitiesThunk(p.Context, src(p).Participants), nil
		}},
		"date":     {Type: b.date, Description: "The day (or month, or year) of the meeting, as precise as the sources allow; null when none tells.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Date, nil }},
		"endDate":  {Type: b.date, Description: "The last day, when the meeting spans days.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).EndDate, nil }},
		"dateText": {Type: graphql.String, Description: "The date as the text gives it.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(src(p).DateText), nil }},
		"place": {Type: b.entity, Description: "The venue.", Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).entityThunk(p.Context, src(p).Place), nil
		}},
		"city": {Type: b.entity, Description: "The city where the meeting took place.", Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).entityThunk(p.Context, src(p).City), nil
		}},
		"durationMinutes": {Type: graphql.Int, Description: "How long the meeting lasted, when a source says.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonZero(src(p).DurationMinutes), nil }},
		"planned":         {Type: nn(graphql.Boolean), Description: "Whether the meeting was still to happen when reported (status PLANNED).", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Status == graph.Planned, nil }},
		"status":          {Type: nn(b.meetingStatus), Description: "HELD, PLANNED, CANCELLED or POSTPONED, as reported.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Status, nil }},
		"event": {Type: b.event, Description: "The event (a trip, a summit) the meeting is part of.", Resolve: func(p graphql.ResolveParams) (any, error) {
			if src(p).Event == 0 {
				return nil, nil
			}
			evs, err := loaderFrom(p.Context, b.store).eventList(p.Context, []graph.ID{src(p).Event})
			if err != nil || len(evs) == 0 {
				return nil, err
			}
			return evs[0], nil
		}},
		"sources": {Type: listOf(b.source), Description: descSources, Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).sourcesThunk(p.Context, src(p).Sources), nil
		}},
		"evidence":  {Type: listOf(b.evidence), Description: descEvidence, Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(src(p).Evidence), nil }},
		"conflicts": {Type: listOf(b.conflict), Description: "Fields on which the sources disagree (place, city, date), each value with its sources.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(src(p).Conflicts), nil }},
	}
}

func (b *builder) statementFields() graphql.Fields {
	src := func(p graphql.ResolveParams) *graph.Statement { return p.Source.(*graph.Statement) }
	return graphql.Fields{
		"id": {Type: nn(graphql.ID), Description: "The global ID, for node(id:).", Resolve: func(p graphql.ResolveParams) (any, error) { return GlobalID(graph.KindStatement, src(p).ID), nil }},
		"speaker": {Type: nn(b.entity), Description: "The person who said it.", Resolve: func(p graphql.ResolveParams) (any, error) {
			id := src(p).Speaker
			l := loaderFrom(p.Context, b.store)
			l.wantEntities(id)
			return func() (any, error) {
				e, err := l.entity(p.Context, id)
				if err != nil {
					return nil, err
				}
				if e == nil {
					return nil, fmt.Errorf("speaker %s of statement %s: %w", id, src(p).ID, graph.ErrNotFound)
				}
				return e, nil
			}, nil
		}},
		"text":   {Type: nn(graphql.String), Description: "What was said: the quotation, or the reported speech.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Text, nil }},
		"direct": {Type: nn(graphql.Boolean), Description: "Whether the text is a direct quotation.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Direct, nil }},
		"date":   {Type: b.date, Description: "When it was said, as precise as the sources allow.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Date, nil }},
		"sources": {Type: listOf(b.source), Description: descSources, Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).sourcesThunk(p.Context, src(p).Sources), nil
		}},
		"evidence": {Type: listOf(b.evidence), Description: descEvidence, Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(src(p).Evidence), nil }},
	}
}

func (b *builder) eventFields() graphql.Fields {
	src := func(p graphql.ResolveParams) *graph.Event { return p.Source.(*graph.Event) }
	events := func(p graphql.ResolveParams, ids []graph.ID) (any, error) {
		return loaderFrom(p.Context, b.store).eventList(p.Context, ids)
	}
	return graphql.Fields{
		"id":   {Type: nn(graphql.ID), Description: "The global ID, for node(id:).", Resolve: func(p graphql.ResolveParams) (any, error) { return GlobalID(graph.KindEvent, src(p).ID), nil }},
		"name": {Type: nn(graphql.String), Description: "The event's name, as the sources give it (\"the G20 summit\").", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Name, nil }},
		"kind": {Type: graphql.String, Description: "trip, incident, summit, ...", Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(src(p).Kind), nil }},
		"date": {Type: b.date, Description: "When the event took place, as precise as the sources allow.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Date, nil }},
		"place": {Type: b.entity, Description: "Where the event took place.", Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).entityThunk(p.Context, src(p).Place), nil
		}},
		"participants": {Type: listOf(b.entity), Description: "People and organizations who took part.", Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).entitiesThunk(p.Context, src(p).Participants), nil
		}},
		"disruptedBy": {Type: listOf(b.event), Description: "Events that disrupted this one.", Resolve: func(p graphql.ResolveParams) (any, error) { return events(p, src(p).DisruptedBy) }},
		"disrupted":   {Type: listOf(b.event), Description: "Events this one disrupted.", Resolve: func(p graphql.ResolveParams) (any, error) { return events(p, src(p).Disrupted) }},
		"sources": {Type: listOf(b.source), Description: descSources, Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).sourcesThunk(p.Context, src(p).Sources), nil
		}},
		"evidence": {Type: listOf(b.evidence), Description: descEvidence, Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(src(p).Evidence), nil }},
	}
}

// relation is an entity's edge seen from the entity.
type relation struct {
	typ     graph.EdgeType
	target  graph.ID
	title   string
	sources []graph.ID
}

func (b *builder) relationFields() graphql.Fields {
	src := func(p graphql.ResolveParams) *relation { return p.Source.(*relation) }
	return graphql.Fields{
		"type":  {Type: nn(b.relationType), Description: "The edge type.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).typ, nil }},
		"title": {Type: graphql.String, Description: "The title, for AFFILIATED_WITH.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(src(p).title), nil }},
		"target": {Type: nn(b.node), Description: "The node at the other end of the edge.", Resolve: func(p graphql.ResolveParams) (any, error) {
			r := src(p)
			l := loaderFrom(p.Context, b.store)
			switch r.typ {
			case graph.MetWith, graph.AffiliatedWith, graph.LocatedIn:
				return l.entityThunk(p.Context, r.target), nil
			case graph.MentionedIn:
				return l.sourceThunk(p.Context, r.target), nil
			}
			n, err := l.node(p.Context, r.target)
			if err != nil || n == nil {
				return nil, err
			}
			return n, nil
		}},
		"sources": {Type: listOf(b.source), Description: "The articles that support the edge.", Resolve: func(p graphql.ResolveParams) (any, error) {
			return loaderFrom(p.Context, b.store).sourcesThunk(p.Context, src(p).sources), nil
		}},
	}
}

// relations lists the edges of id, merging those of one type to one target.
func (b *builder) relations(ctx context.Context, id graph.ID, t graph.EdgeType) ([]*relation, error) {
	var f graph.EdgeFilter
	if t != graph.EdgeUnknown {
		f.Types = []graph.EdgeType{t}
	}
	edges, err := b.edges(ctx, id, f)
	if err != nil {
		return nil, err
	}
	type key struct {
		t      graph.EdgeType
		target graph.ID
		title  string
	}
	byKey := map[key]*relation{}
	var out []*relation
	for _, e := range edges {
		if t != graph.EdgeUnknown && e.Type != t {
			continue
		}
		target := e.To
		if e.To == id {
			target = e.From
		}
		k := key{e.Type, target, e.Title}
		r := byKey[k]
		if r == nil {
			r = &relation{typ: e.Type, target: target, title: e.Title}
			byKey[k] = r
			out = append(out, r)
		}
		r.sources = append(r.sources, e.Sources...)
	}
	for _, r := range out {
		slices.Sort(r.sources)
		r.sources = slices.Compact(r.sources)
	}
	slices.SortStableFunc(out, func(a, b *relation) int {
		if a.typ != b.typ {
			return int(a.typ) - int(b.typ)
		}
		if a.target != b.target {
			if a.target < b.target {
				return -1
			}
			return 1
		}
		if a.title < b.title {
			return -1
		}
		if a.title > b.title {
			return 1
		}
		return 0
	})
	return out, nil
}

func (b *builder) decodeMeetings(args map[string]any) (meetingsArgs, error) {
	pa, err := decodePage(args, b.opt.MaxFirst)
	if err != nil {
		return meetingsArgs{}, err
	}
	return meetingsArgs{
		Participant: argString(args, "participant"),
		With:        argString(args, "with"),
		Place:       argString(args, "place"),
		From:        argDate(args, "from"),
		To:          argDate(args, "to"),
		Page:        pa,
	}, nil
}

// errNoMatch says that a name argument matched no entity: the answer is an
// empty list, not an error.
var errNoMatch = errors.New("no entity matches")

// lookupIDs resolves a name argument to the IDs of the entities it names.
func (b *builder) lookupIDs(ctx context.Context, name string) ([]graph.ID, error) {
	es, err := loaderFrom(ctx, b.store).lookup(ctx, name, graph.EntityUnknown)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, errNoMatch
	}
	ids := make([]graph.ID, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return ids, nil
}

// meetings answers meetings(...) and Entity.meetings(...); participants, if
// not nil, fixes the participant.
func (b *builder) meetings(ctx context.Context, a meetingsArgs, participants []graph.ID) (*connection, error) {
	f := graph.MeetingFilter{Participants: participants, From: a.From, To: a.To}
	var err error
	if participants == nil && a.Participant != "" {
		f.Participants, err = b.lookupIDs(ctx, a.Participant)
	}
	if err == nil && a.With != "" {
		f.With, err = b.lookupIDs(ctx, a.With)
	}
	if err == nil && a.Place != "" {
		f.Places, err = b.lookupIDs(ctx, a.Place)
	}
	if errors.Is(err, errNoMatch) {
		return paginate([]*graph.Meeting(nil), a.Page), nil
	}
	if err != nil {
		return nil, err
	}
	// Only the page is resolved: the most reported person's meetings are
	// thousands, a page is at most MaxFirst.
	ms, total, err := b.reads(ctx).MeetingsPage(ctx, f, a.Page.After, a.Page.First)
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	return pageConnection(ms, a.Page.After, total), nil
}

func (b *builder) queryFields() graphql.Fields {
	return graphql.Fields{
		"node": {
			Type: b.node, Description: "The node with a global ID, or null.",
			Args: graphql.FieldConfigArgument{"id": {Type: nn(graphql.ID), Description: "A global ID, as the id field of any node gives it."}},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				a := nodeArgs{ID: argString(p.Args, "id")}
				kind, id, err := ParseGlobalID(a.ID)
				if err != nil {
					return nil, err
				}
				n, err := loaderFrom(p.Context, b.store).node(p.Context, id)
				if err != nil || n == nil || n.NodeKind() != kind {
					return nil, err
				}
				return n, nil
			},
		},
		"entity": {
			Type: b.entity, Description: "The entity with this canonical name or alias, any case; the most cited if several.",
			Args: graphql.FieldConfigArgument{"name": {Type: nn(graphql.String), Description: "A canonical name or alias, any case."}, "type": {Type: b.entityType, Description: "Only entities of this type."}},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				a := entityArgs{Name: argString(p.Args, "name"), Type: argEntityType(p.Args, "type")}
				es, err := loaderFrom(p.Context, b.store).lookup(p.Context, a.Name, a.Type)
				if err != nil || len(es) == 0 {
					return nil, err
				}
				return es[0], nil
			},
		},
		"entities": {
			Type:        nn(b.entityConn),
			Description: "Entities, most cited first, optionally of one type or matching a search.",
			Args:        pageArgsConfig(graphql.FieldConfigArgument{"type": {Type: b.entityType, Description: "Only entities of this type."}, "search": {Type: graphql.String, Description: "Only entities whose name or an alias contains this text, any case."}}),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				pa, err := decodePage(p.Args, b.opt.MaxFirst)
				if err != nil {
					return nil, err
				}
				a := entitiesArgs{Type: argEntityType(p.Args, "type"), Search: argString(p.Args, "search"), Page: pa}
				es, err := b.reads(p.Context).Entities(p.Context, graph.EntityFilter{Type: a.Type, Search: a.Search})
				if err != nil {
					return nil, fmt.Errorf("entities: %w", err)
				}
				return paginate(es, a.Page), nil
			},
		},
		"meetings": {
			Type:        nn(b.meetingConn),
			Description: "Meetings, filtered by participant, other participant and place (names or aliases) and by date.",
			Args: pageArgsConfig(graphql.FieldConfigArgument{
				"participant": {Type: graphql.String, Description: "Only meetings with this participant (name or alias, any case)."}, "with": {Type: graphql.String, Description: "Only meetings that also have this participant."}, "place": {Type: graphql.String, Description: "Only meetings at this venue or in this city (name or alias)."},
				"from": {Type: b.date, Description: "Only meetings on or after this date."}, "to": {Type: b.date, Description: "Only meetings on or before this date."},
			}),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				a, err := b.decodeMeetings(p.Args)
				if err != nil {
					return nil, err
				}
				return b.meetings(p.Context, a, nil)
			},
		},
		"statements": {
			Type:        nn(b.statementConn),
			Description: "Statements, optionally by one speaker or containing a text.",
			Args:        pageArgsConfig(graphql.FieldConfigArgument{"speaker": {Type: graphql.String, Description: "Only statements by this person (name or alias)."}, "search": {Type: graphql.String, Description: "Only statements whose text contains this, any case."}}),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				pa, err := decodePage(p.Args, b.opt.MaxFirst)
				if err != nil {
					return nil, err
				}
				a := statementsArgs{Speaker: argString(p.Args, "speaker"), Search: argString(p.Args, "search"), Page: pa}
				f := graph.StatementFilter{Search: a.Search}
				if a.Speaker != "" {
					f.Speakers, err = b.lookupIDs(p.Context, a.Speaker)
					if errors.Is(err, errNoMatch) {
						return paginate([]*graph.Statement(nil), a.Page), nil
					}
					if err != nil {
						return nil, err
					}
				}
				ss, err := b.reads(p.Context).Statements(p.Context, f)
				if err != nil {
					return nil, fmt.Errorf("statements: %w", err)
				}
				return paginate(ss, a.Page), nil
			},
		},
		"events": {
			Type: nn(b.eventConn), Description: "Events: trips, summits, incidents and what disrupted them.", Args: pageArgsConfig(nil),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				pa, err := decodePage(p.Args, b.opt.MaxFirst)
				if err != nil {
					return nil, err
				}
				evs, err := b.reads(p.Context).Events(p.Context)
				if err != nil {
					return nil, fmt.Errorf("events: %w", err)
				}
				return paginate(evs, pa), nil
			},
		},
		"sources": {
			Type: nn(b.sourceConn), Description: "The articles stored, each with its url, title, publisher and date.", Args: pageArgsConfig(nil),
			Resolve: func(p graphql.ResolveParams) (any, error) {
				pa, err := decodePage(p.Args, b.opt.MaxFirst)
				if err != nil {
					return nil, err
				}
				ss, err := b.reads(p.Context).Sources(p.Context)
				if err != nil {
					return nil, fmt.Errorf("sources: %w", err)
				}
				return paginate(ss, pa), nil
			},
		},
		"graph": {
			Type: nn(b.subgraph),
			Description: "Nodes and edges for visualization tools, in the shape Cytoscape.js and vis-network read: around center " +
				"up to depth hops, or else the best-connected nodes; at most limit nodes (truncated says when more were left out). " +
				"Sources and MENTIONED_IN are left out unless types and edgeTypes name them.",
			Args: graphql.FieldConfigArgument{
				"center":    {Type: graphql.String, Description: "An entity's name or alias, or any node's global ID."},
				"depth":     {Type: graphql.Int, DefaultValue: 2, Description: "Hops from center, 0 to 4."},
				"limit":     {Type: graphql.Int, DefaultValue: 200, Description: "Most nodes to return, 1 to 1000."},
				"types":     {Type: graphql.NewList(nn(b.nodeType)), Description: "Node types to keep; default all but SOURCE. The center is always kept."},
				"edgeTypes": {Type: graphql.NewList(nn(b.relationType)), Description: "Edge types to follow and return; default all but MENTIONED_IN."},
				"from":      {Type: b.date, Description: "Keep only meetings, events, statements and sources dated on or after this; entities have no date and stay."},
				"to":        {Type: b.date, Description: "Keep only meetings, events, statements and sources dated on or before this."},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				a := graphArgs{Center: argString(p.Args, "center"), Depth: argInt(p.Args, "depth", 2), Limit: argInt(p.Args, "limit", 200),
					Types: argList[nodeType](p.Args, "types"), EdgeTypes: argList[graph.EdgeType](p.Args, "edgeTypes"),
					From: argDate(p.Args, "from"), To: argDate(p.Args, "to")}
				if a.Depth < 0 || a.Depth > maxGraphDepth {
					return nil, clientErrorf("argument \"depth\" must be between 0 and %d, got %d", maxGraphDepth, a.Depth)
				}
				if a.Limit < 1 || a.Limit > maxGraphLimit {
					return nil, clientErrorf("argument \"limit\" must be between 1 and %d, got %d", maxGraphLimit, a.Limit)
				}
				return b.buildSubgraph(p.Context, a)
			},
		},
	}
}
