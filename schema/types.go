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
		Name: "EntityType",
		Values: graphql.EnumValueConfigMap{
			graph.Person.String():       {Value: graph.Person},
			graph.Organization.String(): {Value: graph.Organization},
			graph.Place.String():        {Value: graph.Place},
		},
	})
	rel := graphql.EnumValueConfigMap{}
	for _, t := range graph.EdgeTypes() {
		rel[t.String()] = &graphql.EnumValueConfig{Value: t}
	}
	b.relationType = graphql.NewEnum(graphql.EnumConfig{Name: "RelationType", Description: "The type of an edge of the graph.", Values: rel})
	st := graphql.EnumValueConfigMap{}
	for s := graph.MeetingStatus(0); !strings.HasPrefix(s.String(), "MeetingStatus("); s++ {
		st[s.String()] = &graphql.EnumValueConfig{Value: s}
	}
	b.meetingStatus = graphql.NewEnum(graphql.EnumConfig{Name: "MeetingStatus", Values: st})

	b.node = graphql.NewInterface(graphql.InterfaceConfig{
		Name:        "Node",
		Description: "An object with a global ID (Relay).",
		Fields:      graphql.Fields{"id": {Type: nn(graphql.ID)}},
		ResolveType: b.resolveNodeType,
	})
	b.pageInfo = graphql.NewObject(graphql.ObjectConfig{
		Name: "PageInfo",
		Fields: graphql.Fields{
			"hasNextPage":     {Type: nn(graphql.Boolean), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).hasNext, nil }},
			"hasPreviousPage": {Type: nn(graphql.Boolean), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).hasPrev, nil }},
			"startCursor": {Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) {
				if c := p.Source.(*connection); len(c.edges) > 0 {
					return c.edges[0].cursor, nil
				}
				return nil, nil
			}},
			"endCursor": {Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) {
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
			"id": {Type: nn(graphql.ID), Resolve: func(p graphql.ResolveParams) (any, error) {
				return GlobalID(graph.KindSource, p.Source.(*graph.Source).ID), nil
			}},
			"key": {Type: nn(graphql.String), Description: "The article's identity: its id, else its url, else its path relative to the folder ingested.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Source).Key, nil }},
			"url":       {Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(p.Source.(*graph.Source).URL), nil }},
			"title":     {Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(p.Source.(*graph.Source).Title), nil }},
			"publisher": {Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) { return nonEmpty(p.Source.(*graph.Source).Publisher), nil }},
			"published": {Type: b.date, Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.Source).Published, nil }},
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
			"source": {Type: nn(b.source), Resolve: func(p graphql.ResolveParams) (any, error) {
				return loaderFrom(p.Context, b.store).sourceThunk(p.Context, p.Source.(graph.Evidence).Source), nil
			}},
			"sentence": {Type: nn(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Evidence).Text, nil }},
			"start":    {Type: nn(graphql.Int), Args: unitArg, Description: "Where the sentence starts in source.text.", Resolve: offset(false)},
			"end":      {Type: nn(graphql.Int), Args: unitArg, Description: "Where the sentence ends in source.text (exclusive).", Resolve: offset(true)},
		},
	})
	b.conflictValue = graphql.NewObject(graphql.ObjectConfig{
		Name: "ConflictValue",
		Fields: graphql.Fields{
			"value": {Type: nn(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.ConflictValue).Value, nil }},
			"sources": {Type: listOf(b.source), Resolve: func(p graphql.ResolveParams) (any, error) {
				return loaderFrom(p.Context, b.store).sourcesThunk(p.Context, p.Source.(graph.ConflictValue).Sources), nil
			}},
		},
	})
	b.conflict = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Conflict",
		Description: "A field on which sources disagree; each value comes with its sources.",
		Fields: graphql.Fields{
			"field":  {Type: nn(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Conflict).Field, nil }},
			"values": {Type: listOf(b.conflictValue), Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(p.Source.(graph.Conflict).Values), nil }},
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

	query := graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: b.queryFields()})
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

// connectionType makes <name>Connection and <name>Edge.
func (b *builder) connectionType(name string, node *graphql.Object) *graphql.Object {
	edgeType := graphql.NewObject(graphql.ObjectConfig{
		Name: name + "Edge",
		Fields: graphql.Fields{
			"cursor": {Type: nn(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(edge).cursor, nil }},
			"node":   {Type: nn(node), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(edge).node, nil }},
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name: name + "Connection",
		Fields: graphql.Fields{
			"edges":      {Type: listOf(edgeType), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).edges, nil }},
			"pageInfo":   {Type: nn(b.pageInfo), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source, nil }},
			"totalCount": {Type: nn(graphql.Int), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*connection).total, nil }},
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
