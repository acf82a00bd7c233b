package schema

import (
	"context"
	"errors"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/graph"
)

// Curator is what the mutations change; *store.Curator implements it. The
// schema has a Mutation type only when Options.Curator is set; who may call
// it is the server's business (a bearer token).
type Curator interface {
	// DeleteSource removes the source with identity key and what only it said.
	DeleteSource(ctx context.Context, key string) (graph.Change, error)
	// Correct records a correction and applies it to the graph.
	Correct(ctx context.Context, k graph.Correction) (graph.CorrectionsResult, error)
	// FindSource resolves a source's identity key or hex node ID to its key.
	FindSource(ctx context.Context, ref string) (string, error)
	// FactOf describes a meeting, statement or event for a reject correction.
	FactOf(ctx context.Context, id graph.ID) (*graph.FactRef, error)
}

// deletePayload is the result of deleteSource.
type deletePayload struct {
	key    string
	change graph.Change
}

// correctionPayload is the result of a correction mutation.
type correctionPayload struct {
	k       graph.Correction
	entity  graph.ID // the entity the correction leaves, 0 if none
	changed int
}

func (b *builder) mutationType() *graphql.Object {
	deleted := graphql.NewObject(graphql.ObjectConfig{
		Name:        "DeleteSourcePayload",
		Description: "What deleting a source removed.",
		Fields: graphql.Fields{
			"key": {Type: nn(graphql.String), Description: "The identity of the deleted article.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*deletePayload).key, nil }},
			"nodesRemoved": {Type: nn(graphql.Int), Description: "Nodes no other source supports, now gone (meetings counted after re-clustering).",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*deletePayload).change.NodesRemoved, nil }},
			"edgesRemoved": {Type: nn(graphql.Int), Description: "Edges no other source supports, now gone.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*deletePayload).change.EdgesRemoved, nil }},
		},
	})
	corrected := graphql.NewObject(graphql.ObjectConfig{
		Name:        "CorrectionPayload",
		Description: "A correction, recorded in the corrections file and applied to every article.",
		Fields: graphql.Fields{
			"op": {Type: nn(graphql.String), Description: "merge, split, rename, alias, type or reject.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return string(p.Source.(*correctionPayload).k.Op), nil }},
			"entity": {Type: b.entity, Description: "The entity as it is now (the survivor of a merge, the new entity of a split); null after a rejection.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					id := p.Source.(*correctionPayload).entity
					if id == 0 {
						return nil, nil
					}
					n, err := b.reads(p.Context).Node(p.Context, id)
					if errors.Is(err, graph.ErrNotFound) {
						return nil, nil
					}
					if err != nil {
						return nil, err
					}
					e, _ := n.(*graph.Entity)
					return e, nil
				}},
			"sourcesChanged": {Type: nn(graphql.Int), Description: "Articles whose facts the correction changed.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*correctionPayload).changed, nil }},
		},
	})
	idArg := func(desc string) *graphql.ArgumentConfig {
		return &graphql.ArgumentConfig{Type: nn(graphql.ID), Description: desc}
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Mutation",
		Description: "Curation. Every mutation needs the server's token (Authorization: Bearer TOKEN).",
		Fields: graphql.Fields{
			"deleteSource": {
				Type:        nn(deleted),
				Description: "Remove an article (by Source id, or its identity key) and every fact only it supported, orphaned entities included.",
				Args:        graphql.FieldConfigArgument{"id": idArg("A Source's global ID, or the article's id, url or path key.")},
				Resolve:     b.deleteSource,
			},
			"mergeEntities": {
				Type:        nn(corrected),
				Description: "Make entity `id` part of entity `into`: one node, the other's name kept as an alias. node(id:) with the old ID returns the survivor.",
				Args:        graphql.FieldConfigArgument{"id": idArg("The entity that disappears."), "into": idArg("The entity that stays.")},
				Resolve: b.correct(func(ctx context.Context, p graphql.ResolveParams, e *graph.Entity) (graph.Correction, string, error) {
					into, err := b.entityArg(ctx, p, "into")
					if err != nil {
						return graph.Correction{}, "", err
					}
					if into.Type != e.Type {
						return graph.Correction{}, "", clientErrorf("mergeEntities: %q is a %v and %q a %v: change the type first (setEntityType)",
							e.Name, e.Type, into.Name, into.Type)
					}
					if graph.NameKey(into.Name) == graph.NameKey(e.Name) {
						return graph.Correction{}, "", clientErrorf("mergeEntities: %q and %q are one entity already", e.Name, into.Name)
					}
					return graph.Correction{Op: graph.OpMerge, Into: into.Name}, into.Name, nil
				}),
			},
			"splitEntity": {
				Type:        nn(corrected),
				Description: "Give what the listed sources say of entity `id` to a separate entity called `name`.",
				Args: graphql.FieldConfigArgument{"id": idArg("The wrongly merged entity."),
					"sources": {Type: nn(graphql.NewList(nn(graphql.ID))), Description: "Sources (global IDs or keys) whose mentions are the other entity."},
					"name":    {Type: nn(graphql.String), Description: "The other entity's name."}},
				Resolve: b.correct(func(ctx context.Context, p graphql.ResolveParams, e *graph.Entity) (graph.Correction, string, error) {
					raw, _ := p.Args["sources"].([]any)
					var keys []string
					for _, r := range raw {
						s, _ := r.(string)
						k, err := b.sourceKey(ctx, s)
						if err != nil {
							return graph.Correction{}, "", err
						}
						keys = append(keys, k)
					}
					name := argString(p.Args, "name")
					return graph.Correction{Op: graph.OpSplit, Name: name, Sources: keys}, name, nil
				}),
			},
			"renameEntity": {
				Type:        nn(corrected),
				Description: "Make `name` the canonical name of entity `id`; the old name stays an alias, the old ID leads to the entity.",
				Args:        graphql.FieldConfigArgument{"id": idArg("The entity."), "name": {Type: nn(graphql.String), Description: "The new canonical name."}},
				Resolve: b.correct(func(_ context.Context, p graphql.ResolveParams, e *graph.Entity) (graph.Correction, string, error) {
					name := argString(p.Args, "name")
					return graph.Correction{Op: graph.OpRename, Name: name}, name, nil
				}),
			},
			"addAlias": {
				Type:        nn(corrected),
				Description: "Add another name of entity `id`.",
				Args:        graphql.FieldConfigArgument{"id": idArg("The entity."), "alias": {Type: nn(graphql.String), Description: "The other name."}},
				Resolve: b.correct(func(_ context.Context, p graphql.ResolveParams, e *graph.Entity) (graph.Correction, string, error) {
					return graph.Correction{Op: graph.OpAlias, Alias: argString(p.Args, "alias")}, e.Name, nil
				}),
			},
			"setEntityType": {
				Type:        nn(corrected),
				Description: "Change the type of entity `id`; the old ID leads to the entity.",
				Args:        graphql.FieldConfigArgument{"id": idArg("The entity."), "type": {Type: nn(b.entityType), Description: "The new type."}},
				Resolve: b.correct(func(_ context.Context, p graphql.ResolveParams, e *graph.Entity) (graph.Correction, string, error) {
					return graph.Correction{Op: graph.OpType, Type: argEntityType(p.Args, "type")}, e.Name, nil
				}),
			},
			"rejectEntity": {
				Type:        nn(corrected),
				Description: "Remove entity `id` and every fact it takes part in, from every article, now and at every later ingest.",
				Args:        graphql.FieldConfigArgument{"id": idArg("The entity.")},
				Resolve: b.correct(func(context.Context, graphql.ResolveParams, *graph.Entity) (graph.Correction, string, error) {
					return graph.Correction{Op: graph.OpReject}, "", nil
				}),
			},
			"rejectFact": {
				Type:        nn(corrected),
				Description: "Remove a meeting, statement or event from every article that reports it, now and at every later ingest.",
				Args:        graphql.FieldConfigArgument{"id": idArg("A Meeting, Statement or Event global ID.")},
				Resolve:     b.rejectFact,
			},
		},
	})
}

func (b *builder) deleteSource(p graphql.ResolveParams) (any, error) {
	ctx := committing(p.Context)
	key, err := b.sourceKey(ctx, argString(p.Args, "id"))
	if err != nil {
		return nil, notApplied(err)
	}
	ch, err := b.opt.Curator.DeleteSource(ctx, key)
	if errors.Is(err, graph.ErrNotFound) {
		return nil, clientErrorf("no source %q", argString(p.Args, "id"))
	}
	if err != nil {
		return nil, notApplied(err)
	}
	return &deletePayload{key: key, change: ch}, nil
}

// notApplied says so when a mutation stopped at its deadline before it
// changed anything: the Curator checks the deadline only until it commits.
func notApplied(err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return clientErrorf("mutation not applied: its time limit ran out before it could start (waiting for the mutations before it); nothing changed, it is safe to retry")
	}
	return err
}

// sourceKey resolves a Source global ID or an identity key to the key.
func (b *builder) sourceKey(ctx context.Context, ref string) (string, error) {
	if kind, id, err := ParseGlobalID(ref); err == nil && kind == graph.KindSource {
		ref = id.String()
	}
	key, err := b.opt.Curator.FindSource(ctx, ref)
	if errors.Is(err, graph.ErrNotFound) {
		return "", clientErrorf("no source %q", ref)
	}
	return key, err
}

// entityArg resolves the entity global ID in argument name.
func (b *builder) entityArg(ctx context.Context, p graphql.ResolveParams, name string) (*graph.Entity, error) {
	raw := argString(p.Args, name)
	kind, id, err := ParseGlobalID(raw)
	if err != nil {
		return nil, err
	}
	if kind != graph.KindEntity {
		return nil, clientErrorf("argument %q: %q is a %v, not an Entity", name, raw, kind)
	}
	n, err := b.reads(ctx).Node(ctx, id)
	if errors.Is(err, graph.ErrNotFound) {
		return nil, clientErrorf("argument %q: no entity %q", name, raw)
	}
	if err != nil {
		return nil, err
	}
	e, ok := n.(*graph.Entity)
	if !ok {
		return nil, clientErrorf("argument %q: %q is not an entity", name, raw)
	}
	return e, nil
}

// correct is the resolver of an entity correction: fill completes the
// correction of entity `id` and names the entity it leaves behind.
func (b *builder) correct(fill func(context.Context, graphql.ResolveParams, *graph.Entity) (graph.Correction, string, error)) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		ctx := committing(p.Context)
		e, err := b.entityArg(ctx, p, "id")
		if err != nil {
			return nil, notApplied(err)
		}
		k, survivor, err := fill(ctx, p, e)
		if err != nil {
			return nil, notApplied(err)
		}
		k.Entity, k.EntityType = e.Name, e.Type
		if err := k.Validate(); err != nil {
			return nil, clientErrorf("%v", err)
		}
		res, err := b.opt.Curator.Correct(ctx, k)
		if err != nil {
			return nil, notApplied(err)
		}
		out := &correctionPayload{k: k, changed: len(res.Changes)}
		if survivor != "" {
			t := e.Type
			if k.Op == graph.OpType {
				t = k.Type
			}
			out.entity = graph.EntityID(t, survivor)
		}
		return out, nil
	}
}

func (b *builder) rejectFact(p graphql.ResolveParams) (any, error) {
	raw := argString(p.Args, "id")
	kind, id, err := ParseGlobalID(raw)
	if err != nil {
		return nil, err
	}
	switch kind {
	case graph.KindMeeting, graph.KindStatement, graph.KindEvent:
	default:
		return nil, clientErrorf("rejectFact: %q is a %v; use rejectEntity for entities, deleteSource for sources", raw, kind)
	}
	ctx := committing(p.Context)
	f, err := b.opt.Curator.FactOf(ctx, id)
	if errors.Is(err, graph.ErrNotFound) {
		return nil, clientErrorf("rejectFact: no %v %q", kind, raw)
	}
	if err != nil {
		return nil, notApplied(err)
	}
	k := graph.Correction{Op: graph.OpReject, Fact: f}
	res, err := b.opt.Curator.Correct(ctx, k)
	if err != nil {
		return nil, notApplied(err)
	}
	return &correctionPayload{k: k, changed: len(res.Changes)}, nil
}
