package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

func TestPutReplaceDelete(t *testing.T) {
	ctx := context.Background()
	blinken, wang, qin := "Antony Blinken", "Wang Yi", "Qin Gang"
	twoSources := func(s *store.Store) {
		put(t, s, newArt("a").person(blinken).person(wang).meet("2023-06-19", "", "", blinken, wang).a)
		put(t, s, newArt("b").person(blinken).person(wang).person(qin).
			meet("2023-06-19", "", "", blinken, wang).meet("2023-06-18", "", "", blinken, qin).a)
	}
	tests := []struct {
		name  string
		setup func(*store.Store)
		check func(*testing.T, *store.Store)
	}{
		{
			name: "fact of two sources survives deleting one",
			setup: func(s *store.Store) {
				twoSources(s)
				ch, err := s.DeleteSource(ctx, "a")
				if err != nil || ch.Action != graph.Deleted {
					t.Fatalf("delete: %+v %v", ch, err)
				}
			},
			check: func(t *testing.T, s *store.Store) {
				if got := entity(t, s, graph.Person, wang).Sources; !slices.Equal(got, srcIDs("b")) {
					t.Errorf("sources %v, want b only", got)
				}
				ms := meetings(t, s, graph.MeetingFilter{Participants: []graph.ID{graph.EntityID(graph.Person, wang)}})
				if len(ms) != 1 || !slices.Equal(ms[0].Sources, srcIDs("b")) {
					t.Errorf("meetings %+v", ms)
				}
			},
		},
		{
			name: "fact of one source vanishes with it",
			setup: func(s *store.Store) {
				twoSources(s)
				ch, err := s.DeleteSource(ctx, "b")
				if err != nil {
					t.Fatal(err)
				}
				// Qin Gang and his meeting (node), MET_WITH, PARTICIPATED_IN x2,
				// MENTIONED_IN x2 of the meeting, mentions of Qin.
				if ch.NodesRemoved != 2 || ch.EdgesRemoved == 0 {
					t.Errorf("change %+v", ch)
				}
			},
			check: func(t *testing.T, s *store.Store) {
				if hasEntity(t, s, graph.Person, qin) {
					t.Error("Qin Gang survived")
				}
				if ms := meetings(t, s, graph.MeetingFilter{}); len(ms) != 1 {
					t.Errorf("%d meetings, want 1", len(ms))
				}
			},
		},
		{
			name: "replacing an article drops what only the old version said",
			setup: func(s *store.Store) {
				twoSources(s)
				ch := put(t, s, newArt("b").version("v2").person(blinken).person(wang).
					meet("2023-06-19", "", "", blinken, wang).a)
				if ch.Action != graph.Updated || ch.NodesRemoved != 2 || ch.NodesAdded != 0 {
					t.Errorf("change %+v", ch)
				}
			},
			check: func(t *testing.T, s *store.Store) {
				if hasEntity(t, s, graph.Person, qin) {
					t.Error("Qin Gang survived the replacement")
				}
				if got := entity(t, s, graph.Person, blinken).Sources; !slices.Equal(got, srcIDs("a", "b")) {
					t.Errorf("sources %v", got)
				}
			},
		},
		{
			name: "same hash is unchanged",
			setup: func(s *store.Store) {
				a := newArt("a").version("h1").person(blinken).a
				if ch := put(t, s, a); ch.Action != graph.Added || ch.NodesAdded != 1 {
					t.Errorf("first put %+v", ch)
				}
				if ch := put(t, s, a); ch.Action != graph.Unchanged {
					t.Errorf("second put %+v", ch)
				}
				h, err := s.SourceHash(ctx, "a")
				if err != nil || h != "h1" {
					t.Errorf("hash %q %v", h, err)
				}
			},
			check: func(*testing.T, *store.Store) {},
		},
		{
			name:  "missing source",
			setup: func(*store.Store) {},
			check: func(t *testing.T, s *store.Store) {
				if _, err := s.DeleteSource(ctx, "nope"); !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("delete: %v", err)
				}
				if _, err := s.SourceHash(ctx, "nope"); !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("hash: %v", err)
				}
				if _, err := s.Node(ctx, 42); !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("node: %v", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			tt.setup(s)
			tt.check(t, s)
		})
	}
}

func TestMeetingClustering(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, b := "Antony Blinken", "Wang Yi"
	dyt, ghp, bj := "Diaoyutai State Guesthouse", "Great Hall of the People", "Beijing"
	arts := []*graph.Article{
		newArt("s1").person(a).person(b).place(dyt).place(bj).meet("2023-06-19", dyt, bj, a, b).a,
		newArt("s2").person(a).person(b).place(dyt).meet("--06-19", dyt, "", a, b).a,
		newArt("s3").person(a).person(b).place(ghp).meet("", ghp, "", a, b).a,
		newArt("s4").person(a).person(b).place(dyt).meet("2023-06-18", dyt, "", a, b).a,
	}
	for _, x := range arts {
		put(t, s, x)
	}
	ms := meetings(t, s, graph.MeetingFilter{Participants: []graph.ID{graph.EntityID(graph.Person, a)}})
	if len(ms) != 2 {
		t.Fatalf("%d meetings, want 2: %+v", len(ms), ms)
	}
	m18, m19 := ms[0], ms[1]
	if m18.Date.String() != "2023-06-18" || !slices.Equal(m18.Sources, srcIDs("s4")) {
		t.Errorf("first meeting %v %v", m18.Date, m18.Sources)
	}
	if m19.Date.String() != "2023-06-19" || !slices.Equal(m19.Sources, srcIDs("s1", "s2", "s3")) {
		t.Errorf("second meeting %v %v (the undated claim should join the best-attested day)", m19.Date, m19.Sources)
	}
	if m19.Place != graph.EntityID(graph.Place, dyt) || m19.City != graph.EntityID(graph.Place, bj) {
		t.Errorf("place %v city %v", m19.Place, m19.City)
	}
	wantConflict := []graph.Conflict{{Field: "place", Values: []graph.ConflictValue{
		{Value: dyt, Sources: srcIDs("s1", "s2")}, {Value: ghp, Sources: srcIDs("s3")}}}}
	if got, _ := json.Marshal(m19.Conflicts); string(got) != string(must(json.Marshal(wantConflict))) {
		t.Errorf("conflicts %s", got)
	}
	for _, e := range m19.Evidence {
		if e.Source == 0 {
			t.Errorf("evidence without source: %+v", e)
		}
	}
	n, err := s.Node(ctx, m19.ID)
	if err != nil || n.(*graph.Meeting).Date != m19.Date {
		t.Fatalf("node(meeting): %v %v", n, err)
	}
	// Date filter at the filter's precision.
	for _, tc := range []struct {
		from, to string
		want     int
	}{{"2023-06-19", "", 1}, {"2023-06", "2023-06", 2}, {"", "2023-06-18", 1}, {"2024", "", 0}} {
		f := graph.MeetingFilter{From: must(graph.ParseDate(tc.from)), To: must(graph.ParseDate(tc.to))}
		if got := len(meetings(t, s, f)); got != tc.want {
			t.Errorf("from %q to %q: %d meetings, want %d", tc.from, tc.to, got, tc.want)
		}
	}
	if got := meetings(t, s, graph.MeetingFilter{Places: []graph.ID{graph.EntityID(graph.Place, bj)}}); len(got) != 1 {
		t.Errorf("meetings in Beijing: %d", len(got))
	}
	edges, err := s.Edges(ctx, graph.EntityID(graph.Person, a))
	if err != nil {
		t.Fatal(err)
	}
	met := 0
	for _, e := range edges {
		if e.Type == graph.MetWith {
			met++
		}
	}
	if met != 2 {
		t.Errorf("%d MET_WITH edges, want one per meeting", met)
	}
}

func TestMeetingIDStable(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, b := "Antony Blinken", "Xi Jinping"
	put(t, s, newArt("s1").person(a).person(b).meet("2023-06", "", "", a, b).a)
	first := meetings(t, s, graph.MeetingFilter{})[0].ID
	put(t, s, newArt("other").person("Bill Gates").person(b).meet("2023-06-16", "", "", "Bill Gates", b).a)
	put(t, s, newArt("s2").person(a).person(b).meet("--06-19", "", "", a, b).a)
	put(t, s, newArt("s3").person(a).person(b).meet("2023-06-19", "", "", a, b).a)
	m, err := s.Node(ctx, first)
	if err != nil {
		t.Fatalf("meeting %v lost its ID: %v", first, err)
	}
	if got := m.(*graph.Meeting); got.Date.String() != "2023-06-19" || len(got.Sources) != 3 {
		t.Errorf("meeting %+v", got)
	}
}

func TestValidation(t *testing.T) {
	s := newTestStore(t)
	badSpan := newArt("x").person("A")
	badSpan.a.Entities[0].Evidence[0].Span.End = 1000
	badText := newArt("x").person("A")
	badText.a.Entities[0].Evidence[0].Text = "something else"
	tests := []struct {
		name  string
		a     *graph.Article
		claim string
	}{
		{"unknown participant", newArt("x").person("A").meet("", "", "", "A", "B").a, "meeting 0"},
		{"one participant", newArt("x").person("A").meet("", "", "", "A", "a").a, "meeting 0"},
		{"span outside text", badSpan.a, "entity 0"},
		{"evidence not the text", badText.a, "entity 0"},
		{"unknown disrupting event", newArt("x").event("trip", "trip", "", "balloon").a, "event 0"},
		{"unknown speaker", newArt("x").said("A", "hello", true).a, "statement 0"},
		{"bad relation", newArt("x").person("A").person("B").relation(graph.MetWith, "A", "B", "").a, "relation 0"},
		{"no key", &graph.Article{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.PutArticle(context.Background(), tt.a)
			var ae *graph.ArticleError
			if !errors.Is(err, graph.ErrInvalidArticle) || !errors.As(err, &ae) {
				t.Fatalf("err %v, want an ArticleError", err)
			}
			if !strings.HasPrefix(ae.Claim, tt.claim) {
				t.Errorf("claim %q, want %q", ae.Claim, tt.claim)
			}
		})
	}
	if srcs, _ := s.Sources(context.Background()); len(srcs) != 0 {
		t.Errorf("rejected articles were stored: %v", srcs)
	}
}

func TestEntitiesAndLookup(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	put(t, s, newArt("s1").person("Antony Blinken", "Blinken", "the Secretary").titled("Secretary of State").
		org("State Department").relation(graph.AffiliatedWith, "Antony Blinken", "State Department", "Secretary").a)
	put(t, s, newArt("s2").person("antony blinken", "Tony Blinken").titled("top diplomat").
		place("Blinken").a)
	put(t, s, newArt("s3").person("Antony Blinken").a)
	e := entity(t, s, graph.Person, "Antony Blinken")
	if e.Name != "Antony Blinken" || !slices.Equal(e.Aliases, []string{"Blinken", "Tony Blinken", "the Secretary"}) ||
		!slices.Equal(e.Titles, []string{"Secretary of State", "top diplomat"}) || len(e.Sources) != 3 {
		t.Errorf("entity %+v", e)
	}
	tests := []struct {
		name string
		t    graph.EntityType
		want []string
	}{
		{"blinken", graph.EntityUnknown, []string{"Antony Blinken/PERSON", "Blinken/PLACE"}},
		{"BLINKEN", graph.Place, []string{"Blinken/PLACE"}},
		{"The  Secretary", graph.Person, []string{"Antony Blinken/PERSON"}},
		{"nobody", graph.EntityUnknown, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := s.LookupEntities(ctx, tt.name, tt.t)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, e := range es {
				got = append(got, e.Name+"/"+e.Type.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	es, err := s.Entities(ctx, graph.EntityFilter{Search: "TONY"})
	if err != nil || len(es) != 1 {
		t.Errorf("search: %v %v", es, err)
	}
	es, err = s.Entities(ctx, graph.EntityFilter{Type: graph.Organization})
	if err != nil || len(es) != 1 || es[0].Name != "State Department" {
		t.Errorf("organizations: %v %v", es, err)
	}
	edges, err := s.Edges(ctx, graph.EntityID(graph.Organization, "State Department"))
	if err != nil {
		t.Fatal(err)
	}
	var aff []graph.Edge
	for _, e := range edges {
		if e.Type == graph.AffiliatedWith {
			aff = append(aff, e)
		}
	}
	if len(aff) != 1 || aff[0].Title != "Secretary" || aff[0].From != e.ID {
		t.Errorf("affiliation edges %+v", aff)
	}
}

func TestStatementsAndEvents(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	sp := "Antony Blinken"
	put(t, s, newArt("s1").person(sp).place("Atlantic").
		said(sp, "the world needs a \u201cgenerally stable\u201d relationship", false).
		event("trip", "trip", "", "balloon incident").event("balloon incident", "incident", "Atlantic").a)
	put(t, s, newArt("s2").person(sp).said(sp, "that the world needed a \u201cgenerally stable\u201d relationship", true).a)
	st, err := s.Statements(ctx, graph.StatementFilter{Speakers: []graph.ID{graph.EntityID(graph.Person, sp)}})
	if err != nil || len(st) != 1 {
		t.Fatalf("statements %v %v", st, err)
	}
	if !st[0].Direct || len(st[0].Sources) != 2 {
		t.Errorf("statement %+v", st[0])
	}
	if got, _ := s.Statements(ctx, graph.StatementFilter{Search: "STABLE"}); len(got) != 1 {
		t.Errorf("search found %d", len(got))
	}
	evs, err := s.Events(ctx)
	if err != nil || len(evs) != 2 {
		t.Fatalf("events %v %v", evs, err)
	}
	byName := map[string]*graph.Event{}
	for _, e := range evs {
		byName[e.Name] = e
	}
	trip, balloon := byName["trip"], byName["balloon incident"]
	if !slices.Equal(trip.DisruptedBy, []graph.ID{balloon.ID}) || !slices.Equal(balloon.Disrupted, []graph.ID{trip.ID}) {
		t.Errorf("disruption trip %+v balloon %+v", trip, balloon)
	}
	if balloon.Place != graph.EntityID(graph.Place, "Atlantic") {
		t.Errorf("balloon place %v", balloon.Place)
	}
}

// fiveArticles are overlapping reports: shared entities, one meeting told
// three ways, a conflict, statements, events and relations.
func fiveArticles() []*graph.Article {
	a, w, q, x := "Antony Blinken", "Wang Yi", "Qin Gang", "Xi Jinping"
	gh, dy, bj := "Great Hall of the People", "Diaoyutai State Guesthouse", "Beijing"
	return []*graph.Article{
		newArt("1").person(a, "Blinken").person(x).place(gh).place(bj).meet("2023-06-19", gh, bj, a, x).
			said(a, "we made progress", true).a,
		newArt("2").person(a).person(x, "Xi").place(dy).meet("--06-19", dy, "", a, x).
			person(q).meet("2023-06-18", dy, "", a, q).a,
		newArt("3").person(a).person(w).org("Chinese Communist Party").
			relation(graph.AffiliatedWith, w, "Chinese Communist Party", "foreign affairs chief").
			meet("2023-06-19", "", "", a, w).event("visit", "trip", "", "balloon").event("balloon", "incident", "").a,
		newArt("4").person(a).person(x).place(gh).meet("", gh, "", a, x).said(a, "We made progress.", false).a,
		newArt("5").person(a).person(q).person(w).meet("2023-06-18", "", "", a, q).
			meet("2023-06-19", "", "", a, w).a,
	}
}

func snapshotJSON(t *testing.T, s *store.Store) string {
	t.Helper()
	snap, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(snap, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDeterminism(t *testing.T) {
	orders := [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}, {3, 4, 0, 2, 1}}
	var want string
	for _, order := range orders {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			s := newTestStore(t)
			arts := fiveArticles()
			for _, i := range order {
				put(t, s, arts[i])
			}
			got := snapshotJSON(t, s)
			if want == "" {
				want = got
				return
			}
			if got != want {
				t.Errorf("snapshot differs from order %v", orders[0])
			}
		})
	}
	t.Run("concurrent", func(t *testing.T) {
		s := newTestStore(t)
		var wg sync.WaitGroup
		for _, a := range fiveArticles() {
			wg.Go(func() { put(t, s, a) })
		}
		wg.Wait()
		if got := snapshotJSON(t, s); got != want {
			t.Error("concurrent ingest gives another snapshot")
		}
	})
	t.Run("replace and delete return to the same graph", func(t *testing.T) {
		s := newTestStore(t)
		arts := fiveArticles()
		for _, a := range arts {
			put(t, s, a)
		}
		put(t, s, newArt("2").version("other").person("Someone Else").a)
		if _, err := s.DeleteSource(context.Background(), "5"); err != nil {
			t.Fatal(err)
		}
		put(t, s, arts[4])
		put(t, s, arts[1])
		if got := snapshotJSON(t, s); got != want {
			t.Error("snapshot differs after replace and re-put")
		}
	})
}

func TestSnapshotShape(t *testing.T) {
	s := newTestStore(t)
	for _, a := range fiveArticles() {
		put(t, s, a)
	}
	snap, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Sources) != 5 || len(snap.Events) != 2 || len(snap.Statements) != 1 {
		t.Errorf("sources %d events %d statements %d", len(snap.Sources), len(snap.Events), len(snap.Statements))
	}
	// Xi met on the 19th (1, 2, 4); Qin on the 18th (2, 5); Wang on the 19th (3, 5).
	if len(snap.Meetings) != 3 {
		t.Errorf("%d meetings", len(snap.Meetings))
	}
	for _, m := range snap.Meetings {
		if _, err := s.Node(context.Background(), m.ID); err != nil {
			t.Errorf("meeting %v: %v", m.ID, err)
		}
	}
	counts := map[graph.EdgeType]int{}
	for _, e := range snap.Edges {
		counts[e.Type]++
	}
	if counts[graph.MetWith] != 3 || counts[graph.ParticipatedIn] != 6 || counts[graph.DisruptedBy] != 1 ||
		counts[graph.AffiliatedWith] != 1 || counts[graph.Said] != 1 {
		t.Errorf("edge counts %v", counts)
	}
}

func TestCancelledContext(t *testing.T) {
	s := newTestStore(t)
	put(t, s, fiveArticles()[0])
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Meetings(ctx, graph.MeetingFilter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("meetings: %v", err)
	}
	if _, err := s.PutArticle(ctx, fiveArticles()[1]); !errors.Is(err, context.Canceled) {
		t.Errorf("put: %v", err)
	}
}

func TestOpenLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	ctx := context.Background()
	s, err := store.Open(ctx, store.DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := store.Open(ctx, store.DefaultOptions(dir)); !errors.Is(err, store.ErrLocked) {
		t.Errorf("second open: %v, want ErrLocked", err)
	}
}

func BenchmarkPutArticle(b *testing.B) {
	s := newTestStore(b)
	ctx := context.Background()
	arts := benchArticles(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.PutArticle(ctx, arts[i]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMeetingsParticipant(b *testing.B) {
	s := newTestStore(b)
	ctx := context.Background()
	for _, a := range benchArticles(300) {
		put(b, s, a)
	}
	f := graph.MeetingFilter{Participants: []graph.ID{graph.EntityID(graph.Person, "Person 0")}}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		ms, err := s.Meetings(ctx, f)
		if err != nil || len(ms) == 0 {
			b.Fatal(len(ms), err)
		}
	}
}

// benchArticles are n articles of 8 people from a pool of 40 meeting in
// pairs on days of 2023, with places, statements and a relation each.
func benchArticles(n int) []*graph.Article {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]*graph.Article, n)
	for i := range out {
		b := newArt(fmt.Sprintf("bench-%d", i))
		var people []string
		for j := 0; j < 8; j++ {
			p := fmt.Sprintf("Person %d", r.IntN(40))
			if !slices.Contains(people, p) {
				people = append(people, p)
				b.person(p, "P"+p[7:])
			}
		}
		b.place("City A").place("Venue B").org("Ministry")
		for j := 0; j+1 < len(people); j += 2 {
			b.meet(fmt.Sprintf("2023-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)), "Venue B", "City A", people[j], people[j+1])
		}
		b.said(people[0], fmt.Sprintf("statement number %d", r.IntN(100)), true)
		b.relation(graph.AffiliatedWith, people[1], "Ministry", "minister")
		out[i] = b.a
	}
	return out
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Many writers of one meeting series conflict; retries must resolve it.
func TestConcurrentWritersOfOneSeries(t *testing.T) {
	s := newTestStore(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			a := newArt(fmt.Sprint("w", i)).person("Antony Blinken").person("Xi Jinping").
				meet(fmt.Sprintf("2023-06-%02d", 1+i%3), "", "", "Antony Blinken", "Xi Jinping").a
			if _, err := s.PutArticle(context.Background(), a); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	ms := meetings(t, s, graph.MeetingFilter{})
	if len(ms) != 3 {
		t.Fatalf("%d meetings, want 3", len(ms))
	}
	for _, m := range ms {
		if len(m.Sources) < 5 {
			t.Errorf("meeting %v has %d sources", m.Date, len(m.Sources))
		}
	}
}

// TestCensusCountsEveryExportedEdge checks that the census, which the
// ingest summary prints, counts the nodes and edges of the snapshot every
// export writes, parallel edges included: a pair that met twice has two
// MET_WITH edges, a person with two titles in one organization two
// AFFILIATED_WITH edges.
func TestCensusCountsEveryExportedEdge(t *testing.T) {
	s := newTestStore(t)
	arts := append(fiveArticles(),
		newArt("6").person("Antony Blinken").person("Xi Jinping").meet("2023-07-01", "", "", "Antony Blinken", "Xi Jinping").
			person("Wang Yi").org("Chinese Communist Party").
			relation(graph.AffiliatedWith, "Wang Yi", "Chinese Communist Party", "politburo member").a)
	for _, a := range arts {
		put(t, s, a)
	}
	ctx := context.Background()
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Census(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nodes := len(snap.Entities) + len(snap.Meetings) + len(snap.Statements) + len(snap.Events) + len(snap.Sources)
	if c.Nodes() != nodes || c.Edges() != len(snap.Edges) {
		t.Errorf("census %d nodes, %d edges; snapshot %d, %d", c.Nodes(), c.Edges(), nodes, len(snap.Edges))
	}
	a, x := graph.EntityID(graph.Person, "Antony Blinken"), graph.EntityID(graph.Person, "Xi Jinping")
	meetings := map[graph.ID]bool{}
	titles := map[string]bool{}
	for _, e := range snap.Edges {
		if e.Type == graph.MetWith && (e.From == a && e.To == x || e.From == x && e.To == a) {
			meetings[e.Meeting] = true
		}
		if e.Type == graph.AffiliatedWith {
			titles[e.Title] = true
		}
		if (e.Type == graph.MetWith) != (e.Meeting != 0) {
			t.Errorf("edge %v %v-%v: meeting %v", e.Type, e.From, e.To, e.Meeting)
		}
	}
	if len(meetings) != 2 || len(titles) != 2 {
		t.Errorf("Blinken-Xi MET_WITH edges for %d meetings, want 2; titles %v, want 2", len(meetings), titles)
	}
}

// TestSourceText checks that the stored text is the text every evidence
// span of the source points into.
func TestSourceText(t *testing.T) {
	s := newTestStore(t)
	arts := fiveArticles()
	for _, a := range arts {
		put(t, s, a)
	}
	ctx := context.Background()
	for _, a := range arts {
		got, err := s.SourceText(ctx, graph.SourceID(a.Source.Key))
		if err != nil {
			t.Fatal(err)
		}
		if got != a.Text {
			t.Errorf("source %s: text %q, want %q", a.Source.Key, got, a.Text)
		}
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, m := range snap.Meetings {
		for _, ev := range m.Evidence {
			text, err := s.SourceText(ctx, ev.Source)
			if err != nil {
				t.Fatal(err)
			}
			if text[ev.Span.Start:ev.Span.End] != ev.Text {
				t.Errorf("span %v of %v is %q, evidence says %q", ev.Span, ev.Source, text[ev.Span.Start:ev.Span.End], ev.Text)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("no evidence checked")
	}
	if _, err := s.SourceText(ctx, graph.SourceID("nope")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("missing source: %v, want ErrNotFound", err)
	}
}

func TestPing(t *testing.T) {
	s, err := store.Open(context.Background(), store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("ping an open store: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Ping(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("ping with a cancelled context: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(context.Background()); err == nil {
		t.Error("ping of a closed store succeeded")
	}
}
