package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// newTestStore opens an in-memory store that is checked and closed when the
// test ends.
func newTestStore(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), store.Options{InMemory: true})
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Check(context.Background()); err != nil {
			tb.Errorf("check: %v", err)
		}
		if err := s.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return s
}

// art builds an Article by hand: every claim gets a sentence of its own,
// appended to the text, as its evidence.
type art struct {
	a *graph.Article
}

func newArt(key string) *art {
	return &art{a: &graph.Article{Source: graph.Source{Key: key, URL: "https://example.com/" + key,
		Title: "Article " + key}}}
}

// version sets the source hash, standing for the article's content.
func (b *art) version(h string) *art { b.a.Source.Hash = h; return b }

func (b *art) sentence(s string) []graph.Evidence {
	start := len(b.a.Text)
	b.a.Text += s
	ev := graph.Evidence{Span: graph.Span{Start: start, End: len(b.a.Text)}, Text: s}
	b.a.Text += " "
	return []graph.Evidence{ev}
}

func (b *art) entity(t graph.EntityType, name string, aliases ...string) *art {
	b.a.Entities = append(b.a.Entities, graph.EntityClaim{Name: name, Type: t, Aliases: aliases,
		Evidence: b.sentence(name + " was there.")})
	return b
}

func (b *art) person(name string, aliases ...string) *art {
	return b.entity(graph.Person, name, aliases...)
}
func (b *art) place(name string) *art { return b.entity(graph.Place, name) }
func (b *art) org(name string) *art   { return b.entity(graph.Organization, name) }

func (b *art) titled(title string) *art {
	e := &b.a.Entities[len(b.a.Entities)-1]
	e.Titles = append(e.Titles, title)
	return b
}

// meet adds a meeting claim; date is "" or a graph.Date string.
func (b *art) meet(date, place, city string, participants ...string) *art {
	d, err := graph.ParseDate(date)
	if err != nil {
		panic(err) // test input
	}
	b.a.Meetings = append(b.a.Meetings, graph.MeetingClaim{Participants: participants, Date: d,
		Place: place, City: city,
		Evidence: b.sentence(strings.Join(participants, " and ") + " met " + date + ".")})
	return b
}

func (b *art) said(speaker, text string, direct bool) *art {
	b.a.Statements = append(b.a.Statements, graph.StatementClaim{Speaker: speaker, Text: text, Direct: direct,
		Evidence: b.sentence(speaker + " said " + text)})
	return b
}

func (b *art) event(name, kind, place string, disruptedBy ...string) *art {
	b.a.Events = append(b.a.Events, graph.EventClaim{Name: name, Kind: kind, Place: place,
		DisruptedBy: disruptedBy, Evidence: b.sentence(name + " happened.")})
	return b
}

func (b *art) relation(t graph.EdgeType, from, to, title string) *art {
	b.a.Relations = append(b.a.Relations, graph.RelationClaim{Type: t, From: from, To: to, Title: title,
		Evidence: b.sentence(from + " is " + title + " of " + to + ".")})
	return b
}

func put(tb testing.TB, s *store.Store, a *graph.Article) graph.Change {
	tb.Helper()
	ch, err := s.PutArticle(context.Background(), a)
	if err != nil {
		tb.Fatalf("put %s: %v", a.Source.Key, err)
	}
	return ch
}

// entity returns the entity of type t with that name, failing if absent.
func entity(tb testing.TB, s *store.Store, t graph.EntityType, name string) *graph.Entity {
	tb.Helper()
	es, err := s.EntitiesByID(context.Background(), []graph.ID{graph.EntityID(t, name)})
	if err != nil {
		tb.Fatal(err)
	}
	e := es[graph.EntityID(t, name)]
	if e == nil {
		tb.Fatalf("no entity %v %q", t, name)
	}
	return e
}

func hasEntity(tb testing.TB, s *store.Store, t graph.EntityType, name string) bool {
	tb.Helper()
	es, err := s.EntitiesByID(context.Background(), []graph.ID{graph.EntityID(t, name)})
	if err != nil {
		tb.Fatal(err)
	}
	return es[graph.EntityID(t, name)] != nil
}

func meetings(tb testing.TB, s *store.Store, f graph.MeetingFilter) []*graph.Meeting {
	tb.Helper()
	ms, err := s.Meetings(context.Background(), f)
	if err != nil {
		tb.Fatal(err)
	}
	return ms
}

func srcIDs(keys ...string) []graph.ID {
	out := make([]graph.ID, len(keys))
	for i, k := range keys {
		out[i] = graph.SourceID(k)
	}
	return sortIDs(out)
}

func sortIDs(ids []graph.ID) []graph.ID {
	slices.Sort(ids)
	return ids
}
