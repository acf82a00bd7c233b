package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// Invented people and places for the merge tests.
const (
	ana, olaf, mira, tove, kai = "Ana Berg", "Olaf Lind", "Mira Lind", "Tove Sand", "Kai Moe"
	hall, palace, corvo, lumen = "Harbour Hall", "Old Palace", "Corvo", "Lumen"
)

// subsetArticles report one meeting with three participant lists: one
// outlet names two of them and the day, one adds the guest's wife and
// gives no date and another venue, one names the pair, the first venue and
// the month.
func subsetArticles() []*graph.Article {
	return []*graph.Article{
		newArt("m1").person(ana).person(olaf).place(hall).place(corvo).
			meet("2026-03-04", hall, corvo, ana, olaf).a,
		newArt("m2").person(ana).person(olaf).person(mira).place(palace).place(corvo).
			meet("", palace, corvo, ana, olaf, mira).a,
		newArt("m3").person(ana).person(olaf).place(hall).meet("2026-03", hall, "", ana, olaf).a,
	}
}

func names(tb testing.TB, s *store.Store, ids []graph.ID) []string {
	tb.Helper()
	es, err := s.EntitiesByID(context.Background(), ids)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, id := range ids {
		out = append(out, es[id].Name)
	}
	slices.Sort(out)
	return out
}

// TestSubsetMeetingsMerge checks that outlets naming a meeting's
// participants differently give one meeting with every source, the union
// of the participants, and the disagreements on the list and the venue
// kept; that every
// way of reading meetings finds it once; and that deleting the source that
// joined them splits them back.
func TestSubsetMeetingsMerge(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, a := range subsetArticles() {
		put(t, s, a)
	}
	ms := meetings(t, s, graph.MeetingFilter{})
	if len(ms) != 1 {
		t.Fatalf("%d meetings, want 1: %+v", len(ms), ms)
	}
	m := ms[0]
	if got, want := names(t, s, m.Participants), []string{ana, mira, olaf}; !slices.Equal(got, want) {
		t.Errorf("participants %v, want %v", got, want)
	}
	if m.Date.String() != "2026-03-04" || !slices.Equal(m.Sources, srcIDs("m1", "m2", "m3")) {
		t.Errorf("date %v sources %v", m.Date, m.Sources)
	}
	if m.City != graph.EntityID(graph.Place, corvo) {
		t.Errorf("city %v", m.City)
	}
	conflicts := map[string][]graph.ConflictValue{}
	for _, c := range m.Conflicts {
		conflicts[c.Field] = c.Values
	}
	if m.Place != graph.EntityID(graph.Place, hall) || len(m.Conflicts) != 2 || len(conflicts["place"]) != 2 {
		t.Errorf("conflicts %+v, want the two venues", m.Conflicts)
	}
	want := []graph.ConflictValue{
		{Value: ana + ", " + olaf, Sources: srcIDs("m1", "m3")},
		{Value: ana + ", " + mira + ", " + olaf, Sources: srcIDs("m2")},
	}
	if got := conflicts["participants"]; !reflect.DeepEqual(got, want) {
		t.Errorf("participants conflict %+v, want %+v", got, want)
	}
	if _, err := s.Node(ctx, m.ID); err != nil {
		t.Errorf("node %v: %v", m.ID, err)
	}
	for _, f := range []graph.MeetingFilter{
		{Participants: []graph.ID{graph.EntityID(graph.Person, mira)}},
		{Participants: []graph.ID{graph.EntityID(graph.Person, ana), graph.EntityID(graph.Person, olaf)}},
		{Places: []graph.ID{graph.EntityID(graph.Place, hall)}}, // from the pair's reports
		{Places: []graph.ID{graph.EntityID(graph.Place, corvo)}},
	} {
		if got := meetings(t, s, f); len(got) != 1 || got[0].ID != m.ID {
			t.Errorf("meetings %+v: %d", f, len(got))
		}
		if got, total, err := s.MeetingsPage(ctx, f, 0, 10); f.Participants != nil && (err != nil || total != 1 || len(got) != 1) {
			t.Errorf("page %+v: %d of %d, %v", f, len(got), total, err)
		}
	}
	// The venue one outlet gives and the source whose list was the shorter
	// both reach the meeting through their edges.
	for _, id := range []graph.ID{graph.EntityID(graph.Place, hall), graph.SourceID("m1")} {
		es, err := s.Edges(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(es, func(e graph.Edge) bool { return e.From == m.ID }) {
			t.Errorf("edges of %v: none from the meeting", id)
		}
	}

	deleteSource(t, s, "m2")
	ms = meetings(t, s, graph.MeetingFilter{})
	if len(ms) != 1 || len(ms[0].Participants) != 2 || !slices.Equal(ms[0].Sources, srcIDs("m1", "m3")) {
		t.Fatalf("after deleting the wider list: %+v", ms)
	}
	if got := meetings(t, s, graph.MeetingFilter{Participants: []graph.ID{graph.EntityID(graph.Person, mira)}}); len(got) != 0 {
		t.Errorf("Mira still meets: %+v", got)
	}
}

// TestSubsetMeetingsStayApart: lists that are not one inside the other,
// a pair inside a summit's long list, other days and other cities are
// other meetings.
func TestSubsetMeetingsStayApart(t *testing.T) {
	summit := []string{ana, olaf, mira, tove, kai}
	tests := []struct {
		name string
		arts []*graph.Article
		want int
	}{
		{"neither list inside the other", []*graph.Article{
			newArt("1").person(ana).person(olaf).person(mira).meet("2026-03-04", "", "", ana, olaf, mira).a,
			newArt("2").person(ana).person(olaf).person(tove).meet("2026-03-04", "", "", ana, olaf, tove).a,
		}, 2},
		{"a pair of a summit", []*graph.Article{
			newArt("1").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf).a,
			newArt("2").person(ana).person(olaf).person(mira).person(tove).person(kai).
				meet("2026-03-04", "", "", summit...).a,
		}, 2},
		{"another day", []*graph.Article{
			newArt("1").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf).a,
			newArt("2").person(ana).person(olaf).person(mira).meet("2026-03-05", "", "", ana, olaf, mira).a,
		}, 2},
		{"another city", []*graph.Article{
			newArt("1").person(ana).person(olaf).place(corvo).meet("2026-03-04", "", corvo, ana, olaf).a,
			newArt("2").person(ana).person(olaf).person(mira).place(lumen).meet("", "", lumen, ana, olaf, mira).a,
		}, 2},
		{"held and cancelled", []*graph.Article{
			newArt("1").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf).a,
			withStatus(newArt("2").person(ana).person(olaf).person(mira).meet("2026-03-04", "", "", ana, olaf, mira), graph.Cancelled).a,
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			for _, a := range tt.arts {
				put(t, s, a)
			}
			if got := meetings(t, s, graph.MeetingFilter{}); len(got) != tt.want {
				t.Errorf("%d meetings, want %d", len(got), tt.want)
			}
		})
	}
}

// planned marks the last meeting claim planned.
func planned(b *art) *art { return withStatus(b, graph.Planned) }

// withStatus gives the last meeting claim status st.
func withStatus(b *art, st graph.MeetingStatus) *art {
	b.a.Meetings[len(b.a.Meetings)-1].Status = st
	return b
}

// TestSubsetMeetingsDeterminism ingests overlapping lists (a pair, two
// different wider lists of it, one undated) in every order (with
// NEWSGRAPH_FULL_TESTS, as CI runs it; else every fourth), and with a
// delete and a re-put, and requires the same snapshot; every change's
// counts are the census' difference (but for the source node itself).
func TestSubsetMeetingsDeterminism(t *testing.T) {
	ctx := context.Background()
	arts := func() []*graph.Article {
		return append(subsetArticles(),
			newArt("m4").person(ana).person(olaf).person(tove).meet("2026-03-04", "", "", ana, olaf, tove).a,
			newArt("m5").person(ana).person(olaf).meet("", "", "", ana, olaf).
				person(tove).person(kai).meet("2026-04-01", "", lumen, tove, kai).place(lumen).a,
		)
	}
	var want string
	check := func(t *testing.T, s *store.Store, what string) {
		got := snapshotJSON(t, s)
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("%s: snapshot differs", what)
		}
	}
	counted := func(t *testing.T, s *store.Store, do func() graph.Change) {
		before, err := s.Census(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ch := do()
		after, err := s.Census(ctx)
		if err != nil {
			t.Fatal(err)
		}
		d := before.Diff(after)
		switch ch.Action { // a change does not count its source node
		case graph.Added:
			d.NodesAdded--
		case graph.Deleted:
			d.NodesRemoved--
		}
		if ch.NodesAdded != d.NodesAdded || ch.NodesRemoved != d.NodesRemoved ||
			ch.EdgesAdded != d.EdgesAdded || ch.EdgesRemoved != d.EdgesRemoved {
			t.Errorf("%s %s: change %+v, census %+v", ch.Action, ch.Source, ch, d)
		}
	}
	stride := 4 // a sample of the 120 orders; all of them in CI
	if testenv.Full() {
		stride = 1
	}
	for i, order := range permutations(len(arts())) {
		if i%stride != 0 {
			continue
		}
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			s := newTestStore(t)
			as := arts()
			for _, i := range order {
				counted(t, s, func() graph.Change { return put(t, s, as[i]) })
			}
			check(t, s, "order")
			k := as[order[0]].Source.Key
			counted(t, s, func() graph.Change {
				ch, err := s.DeleteSource(ctx, k)
				if err != nil {
					t.Fatal(err)
				}
				return ch
			})
			counted(t, s, func() graph.Change { return put(t, s, as[order[0]]) })
			check(t, s, "delete and re-put")
		})
	}
}

// permutations returns every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := slices.Insert(slices.Clone(p), i, n-1)
			out = append(out, q)
		}
	}
	return out
}
