package schema

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/newsgraph/newsgraph/graph"
)

// builder makes the schema. Its resolvers are methods, so they reach the
// store and options through the builder, never through globals.
type builder struct {
	store Store
	opt   Options

	node                                        *graphql.Interface
	date                                        *graphql.Scalar
	entityType, relationType, meetingStatus     *graphql.Enum
	nodeType, textUnit                          *graphql.Enum
	entity, meeting, statement, event, source   *graphql.Object
	evidence, conflict, conflictValue, relation *graphql.Object
	pageInfo, subgraph, graphNode, graphEdge    *graphql.Object
	entityConn, meetingConn, statementConn      *graphql.Object
	eventConn, sourceConn, relationConn         *graphql.Object
}

func nn(t graphql.Type) *graphql.NonNull { return graphql.NewNonNull(t) }

// list is [T!]!.
func listOf(t graphql.Type) *graphql.NonNull { return nn(graphql.NewList(nn(t))) }

func pageArgsConfig(extra graphql.FieldConfigArgument) graphql.FieldConfigArgument {
	a := graphql.FieldConfigArgument{
		"first": {Type: graphql.Int, Description: "Items to return, at most the server's limit (100 by default); default 20."},
		"after": {Type: graphql.String, Description: "Return the items after this cursor."},
	}
	for k, v := range extra {
		a[k] = v
	}
	return a
}

func (b *builder) build() (graphql.Schema, error) {
	b.date = graphql.NewScalar(graphql.ScalarConfig{
		Name:        "Date",
		Description: `A date as precise as the text allows: "2023", "2023-06" or "2023-06-19" ("--06-19" when the year is unknown).`,
		Serialize: func(v any) any {
			switch d := v.(type) {
			case graph.Date:
				if d.IsZero() {
					return nil
				}
				return d.String()
			case *graph.Date:
				if d == nil || d.IsZero() {
					return nil
				}
				return d.String()
			}
			return nil
		},
		ParseValue: func(v any) any {
			s, ok := v.(string)
			if !ok {
				return nil
			}
			d, err := graph.ParseDate(s)
			if err != nil {
				return nil
			}
			return d
		},
		ParseLiteral: func(v ast.Value) any {
			s, ok := v.(*ast.StringValue)
			if !ok {
				return nil
			}
			d, err := graph.ParseDate(s.Value)
			if err != nil {
				return nil
			}
			return d
		},
	})
	b.entityType = graphql.NewEnum(graphql.EnumConfig{
		Name:        "EntityType",
		Description: "What kind of thing an entity is.",
		Values: graphql.EnumValueConfigMap{
			graph.Person.String():       {Value: graph.Person, Description: "A person."},
			graph.Organization.String(): {Value: graph.Organization, Description: "A company, party, ministry, agency or other organization."},
			graph.Place.String():        {Value: graph.Place, Description: "A country, city, venue or other place."},
		},
	})
	rel := graphql.EnumValueConfigMap{}
	for _, t := range graph.EdgeTypes() {
		rel[t.String()] = &graphql.EnumValueConfig{Value: t, Description: edgeTypeDescription(t)}
	}
	b.relationType = graphql.NewEnum(graphql.EnumConfig{Name: "RelationType", Description: "The type of an edge of the graph.", Values: rel})
	st := graphql.EnumValueConfigMap{}
	for s := graph.MeetingStatus(0); !strings.HasPrefix(s.String(), "MeetingStatus("); s++ {
		st[s.String()] = &graphql.EnumValueConfig{Value: s, Description: meetingStatusDescription(s)}
	}
	b.meetingStatus = graphql.NewEnum(graphql.EnumConfig{Name: "MeetingStatus", Description: "Whether a reported meeting took place.", Values: st})

	b.node = graphql.NewInterface(graphql.InterfaceConfig{
		Name:        "Node",
		Description: "An object with a global ID (Relay).",
		Fields:      graphql.Fields{"id": {Type: nn(graphql.ID), Description: "The global ID, for node(id:)."}},
		ResolveType: b.resolveNodeType,
	})
	b.pageInfo = graphql.NewObject(graphql.ObjectConfig{
		Name:        "PageInfo",
		Description: "Where a page of a connection lies (Relay).",
		Fields: graphql.Fields{
			"hasNextPage":     {Type: nn(graphql.Boolean), Description: "Whether more items follow: pass endCursor as after to get them.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).hasNext, nil }},
			"hasPreviousPage": {Type: nn(graphql.Boolean), Description: "Whether items precede this page.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).hasPrev, nil }},
			"startCursor": {Type: graphql.String, Description: "The cursor of the first item of the page.", Resolve: func(p graphql.ResolveParams) (any, error) {
				if c := p.Source.(*connection); len(c.edges) > 0 {
					return c.edges[0].cursor, nil
				}
				return nil, nil
			}},
			"endCursor": {Type: graphql.String, Description: "The cursor of the last item of the page.", Resolve: func(p graphql.ResolveParams) (any, error) {
				if c := p.Source.(*connection); len(c.edges) > 0 {
					return c.edges[len(c.edges)-1].cursor, nil
				}
				return nil, nil
			}},
		},
	})

	b.source = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Source",
		Description: "An article.",
		Interfaces:  []*graphql.Interface{b.node},
		Fields: graphql.Fields{
			"id": {Type: nn(graphql.ID), Description: "The global ID, for node(id:).", Resolve: func(p graphql.ResolveParams) (any, error) {
				return GlobalID(graph.KindSource, p.Source.(*graph.Source).ID), nil
			}},
			"key": {Type: nn(graphql.String), Description: "The article's identity: its id, else its url, else its path relative to the folder ingested.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Source).Key, nil }},
			"url":       {Type: graphql.String, Description: "Where the article was published, when known.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(p.Source.(*graph.Source).URL), nil }},
			"title":     {Type: graphql.String, Description: "The headline, from the header or the text.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(p.Source.(*graph.Source).Title), nil }},
			"publisher": {Type: graphql.String, Description: "The site or agency that published it, when known.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(p.Source.(*graph.Source).Publisher), nil }},
			"published": {Type: b.date, Description: "The publication date, from the header or the text.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Source).Published, nil }},
			"text": {Type: nn(graphql.String), Description: "The article as stored: the cleaned text that every Evidence offset of this source points into.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return loaderFrom(p.Context, b.store).sourceText(p.Context, p.Source.(*graph.Source).ID)
				}},
		},
	})
	b.textUnit = graphql.NewEnum(graphql.EnumConfig{
		Name:        "TextUnit",
		Description: "What an offset into a text counts.",
		Values: graphql.EnumValueConfigMap{
			unitByte.String():  {Value: unitByte, Description: "Bytes of UTF-8, as Go and Rust index strings."},
			unitUTF16.String(): {Value: unitUTF16, Description: "UTF-16 code units, as JavaScript, Java and C# index strings."},
			unitRune.String():  {Value: unitRune, Description: "Unicode code points, as Python indexes strings."},
		},
	})
	offset := func(end bool) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) {
			ev := p.Source.(graph.Evidence)
			at := ev.Span.Start
			if end {
				at = ev.Span.End
			}
			unit, _ := p.Args["unit"].(textUnit)
			if unit == unitByte {
				return at, nil
			}
			l := loaderFrom(p.Context, b.store)
			return func() (any, error) {
				text, err := l.sourceText(p.Context, ev.Source)
				if err != nil {
					return nil, err
				}
				return unit.offset(text, at)
			}, nil
		}
	}
	unitArg := graphql.FieldConfigArgument{"unit": {Type: b.textUnit, DefaultValue: unitByte,
		Description: "What the offset counts; BYTE by default."}}
	b.evidence = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Evidence",
		Description: "A sentence of a source that supports a fact: source.text from start to end is the sentence.",
		Fields: graphql.Fields{
			"source": {Type: nn(b.source), Description: "The article.", Resolve: func(p graphql.ResolveParams) (any, error) {
				return loaderFrom(p.Context, b.store).sourceThunk(p.Context, p.Source.(graph.Evidence).Source), nil
			}},
			"sentence": {Type: nn(graphql.String), Description: "The sentence, as in the cleaned text.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Evidence).Text, nil }},
			"start":    {Type: nn(graphql.Int), Args: unitArg, Description: "Where the sentence starts in source.text.", Resolve: offset(false)},
			"end":      {Type: nn(graphql.Int), Args: unitArg, Description: "Where the sentence ends in source.text (exclusive).", Resolve: offset(true)},
		},
	})
	b.conflictValue = graphql.NewObject(graphql.ObjectConfig{
		Name:        "ConflictValue",
		Description: "One of the values sources give, with those sources.",
		Fields: graphql.Fields{
			"value": {Type: nn(graphql.String), Description: "The value as text.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.ConflictValue).Value, nil }},
			"sources": {Type: listOf(b.source), Description: "The sources that give this value.", Resolve: func(p graphql.ResolveParams) (any, error) {
				return loaderFrom(p.Context, b.store).sourcesThunk(p.Context, p.Source.(graph.ConflictValue).Sources), nil
			}},
		},
	})
	b.conflict = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Conflict",
		Description: "A field on which sources disagree; each value comes with its sources.",
		Fields: graphql.Fields{
			"field":  {Type: nn(graphql.String), Description: "The field: place, city, date, title, ...", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Conflict).Field, nil }},
			"values": {Type: listOf(b.conflictValue), Description: "Each value, with its sources.", Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(p.Source.(graph.Conflict).Values), nil }},
		},
	})

	b.entity = graphql.NewObject(graphql.ObjectConfig{Name: "Entity", Description: "A person, organization or place.",
		Interfaces: []*graphql.Interface{b.node}, Fields: graphql.FieldsThunk(b.entityFields)})
	b.meeting = graphql.NewObject(graphql.ObjectConfig{Name: "Meeting", Description: "A meeting, merged across the sources that report it.",
		Interfaces: []*graphql.Interface{b.node}, Fields: graphql.FieldsThunk(b.meetingFields)})
	b.statement = graphql.NewObject(graphql.ObjectConfig{Name: "Statement", Description: "Something a person said.",
		Interfaces: []*graphql.Interface{b.node}, Fields: graphql.FieldsThunk(b.statementFields)})
	b.event = graphql.NewObject(graphql.ObjectConfig{Name: "Event", Description: "A trip, incident, summit or other event.",
		Interfaces: []*graphql.Interface{b.node}, Fields: graphql.FieldsThunk(b.eventFields)})
	b.relation = graphql.NewObject(graphql.ObjectConfig{Name: "Relation", Description: "An edge from an entity to another node.",
		Fields: graphql.FieldsThunk(b.relationFields)})

	b.entityConn = b.connectionType("Entity", b.entity)
	b.meetingConn = b.connectionType("Meeting", b.meeting)
	b.statementConn = b.connectionType("Statement", b.statement)
	b.eventConn = b.connectionType("Event", b.event)
	b.sourceConn = b.connectionType("Source", b.source)
	b.relationConn = b.connectionType("Relation", b.relation)
	b.buildSubgraphTypes()

	query := graphql.NewObject(graphql.ObjectConfig{Name: "Query", Description: "The graph of who met whom, who said what and which events disrupted which.", Fields: b.queryFields()})
	cfg := graphql.SchemaConfig{
		Query: query,
		Types: []graphql.Type{b.entity, b.meeting, b.statement, b.event, b.source},
	}
	if b.opt.Curator != nil {
		cfg.Mutation = b.mutationType()
	}
	s, err := graphql.NewSchema(cfg)
	if err != nil {
		return graphql.Schema{}, err
	}
	sanitize(s)
	return s, nil
}

// sanitize wraps every resolver of the schema's own types (those of
// mutations included) so that errors reach clients as safe messages, thunks
// included; a panic becomes an internal error; a request whose context is
// done stops at its next field; and the objects a field returns count
// against the request's MaxNodes.
func sanitize(s graphql.Schema) {
	for name, t := range s.TypeMap() {
		o, ok := t.(*graphql.Object)
		if !ok || strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range o.Fields() {
			if f.Resolve != nil {
				f.Resolve = safeResolver(name+"."+f.Name, returnsObjects(f.Type), f.Resolve)
			}
		}
	}
}

func safeResolver(field string, counted bool, fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (v any, err error) {
		defer recoverResolver(field, &v, &err)
		if err := p.Context.Err(); err != nil {
			return nil, safe(err)
		}
		v, err = fn(p)
		if err != nil {
			return nil, safe(err)
		}
		budget := nodeBudgetFrom(p.Context)
		if thunk, ok := v.(func() (any, error)); ok {
			return func() (v any, err error) {
				defer recoverResolver(field, &v, &err)
				v, err = thunk()
				if err != nil {
					return nil, safe(err)
				}
				if counted {
					if err := budget.spend(objectsIn(v)); err != nil {
						return nil, err
					}
				}
				return v, nil
			}, nil
		}
		if counted {
			if err := budget.spend(objectsIn(v)); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
}

// recoverResolver turns a panic of the resolver of field into an internal
// error, so that clients see neither it nor a crashed server.
func recoverResolver(field string, v *any, err *error) {
	if r := recover(); r != nil {
		*v, *err = nil, &internalError{err: fmt.Errorf("panic in resolver of %s: %v\n%s", field, r, debug.Stack())}
	}
}

func (b *builder) resolveNodeType(p graphql.ResolveTypeParams) *graphql.Object {
	switch p.Value.(type) {
	case *graph.Entity:
		return b.entity
	case *graph.Meeting:
		return b.meeting
	case *graph.Statement:
		return b.statement
	case *graph.Event:
		return b.event
	case *graph.Source:
		return b.source
	}
	return nil
}

// edgeTypeDescription is what the Docs pane says of an edge type.
func edgeTypeDescription(t graph.EdgeType) string {
	switch t {
	case graph.MetWith:
		return "Person to person, one per meeting."
	case graph.ParticipatedIn:
		return "Entity to the meeting or event it took part in."
	case graph.HeldIn:
		return "Meeting or event to the place it was held in."
	case graph.Said:
		return "Person to a statement."
	case graph.DisruptedBy:
		return "Event to the event that disrupted it."
	case graph.AffiliatedWith:
		return "Person to organization, with a title."
	case graph.LocatedIn:
		return "Place to the place it lies in."
	case graph.PartOf:
		return "Meeting to the event it is part of."
	case graph.MentionedIn:
		return "Node to an article that mentions it."
	}
	return "" // TestEveryFieldDescribed finds it
}

// meetingStatusDescription is what the Docs pane says of a status.
func meetingStatusDescription(s graph.MeetingStatus) string {
	switch s {
	case graph.Held:
		return "It took place."
	case graph.Planned:
		return "It was still to happen when reported."
	case graph.Cancelled:
		return "It was called off."
	case graph.Postponed:
		return "It was put off to a later date."
	}
	return "" // TestEveryFieldDescribed finds it
}

// connectionType makes <name>Connection and <name>Edge.
func (b *builder) connectionType(name string, node *graphql.Object) *graphql.Object {
	edgeType := graphql.NewObject(graphql.ObjectConfig{
		Name:        name + "Edge",
		Description: "A " + name + " with its cursor (Relay).",
		Fields: graphql.Fields{
			"cursor": {Type: nn(graphql.String), Description: "Pass as after to get the items that follow.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(edge).cursor, nil }},
			"node":   {Type: nn(node), Description: "The " + name + ".", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(edge).node, nil }},
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        name + "Connection",
		Description: "A page of " + name + " items (Relay).",
		Fields: graphql.Fields{
			"edges":      {Type: listOf(edgeType), Description: "The items of this page.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).edges, nil }},
			"pageInfo":   {Type: nn(b.pageInfo), Description: "Where the page lies.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source, nil }},
			"totalCount": {Type: nn(graphql.Int), Description: "All the items, on every page.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).total, nil }},
		},
	})
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
