package store_test

import (
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
)

// published sets the article's publication date ("" for none).
func (b *art) published(d string) *art {
	p, err := graph.ParseDate(d)
	if err != nil {
		panic(err) // test input
	}
	b.a.Source.Published = p
	return b
}

// onDay gives a's last meeting claim the date text text.
func onDay(a *graph.Article, text string) *graph.Article {
	a.Meetings[len(a.Meetings)-1].DateText = text
	return a
}

// TestPlannedThenHeld: an article written before a meeting announces it,
// one written after reports it held: one held meeting with both sources.
// An undated announcement joins a held meeting only when it took place
// after the announcement was published, within a season, or, published
// on no known day, on the weekday it names; held and cancelled never
// merge.
func TestPlannedThenHeld(t *testing.T) {
	announce := func(published string) *graph.Article {
		return planned(newArt("plan").published(published).person(ana).person(olaf).meet("", "", "", ana, olaf)).a
	}
	held := func(date string) *graph.Article {
		return newArt("held").published("2026-03-05").person(ana).person(olaf).place(corvo).meet(date, "", corvo, ana, olaf).a
	}
	tests := []struct {
		name   string
		arts   []*graph.Article
		want   int
		status graph.MeetingStatus // of the first meeting, when want is 1
	}{
		{"announced, then held", []*graph.Article{announce("2026-03-01"), held("2026-03-04")}, 1, graph.Held},
		{"announced the same month", []*graph.Article{announce("2026-03"), held("2026-03-04")}, 1, graph.Held},
		{"announced after the meeting", []*graph.Article{announce("2026-03-10"), held("2026-03-04")}, 2, 0},
		{"announced a year before", []*graph.Article{announce("2025-03-01"), held("2026-03-04")}, 2, 0},
		{"announcement undated", []*graph.Article{announce(""), held("2026-03-04")}, 2, 0},
		// Without a publication date, the weekday named is the only time.
		{"announcement undated, of the weekday", []*graph.Article{onDay(announce(""), "on Wednesday"), held("2026-03-04")}, 1, graph.Held},
		{"announcement undated, of another weekday", []*graph.Article{onDay(announce(""), "on Thursday"), held("2026-03-04")}, 2, 0},
		{"held undated, of the weekday", []*graph.Article{
			planned(newArt("plan").published("2026-03-01").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf)).a,
			onDay(newArt("held").person(ana).person(olaf).meet("", "", "", ana, olaf).a, "Wednesday"),
		}, 1, graph.Held},
		{"held undated, no time, of a dated announcement", []*graph.Article{
			planned(newArt("plan").published("2026-03-04").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf)).a,
			newArt("held").person(ana).person(olaf).meet("", "", "", ana, olaf).a,
		}, 1, graph.Held},
		// Two announced meetings: nothing tells which one it reports.
		{"held undated, no time, of two dated announcements", []*graph.Article{
			planned(newArt("plan").published("2024-05-02").person(ana).person(olaf).meet("2024-05-06", "", "", ana, olaf)).a,
			planned(newArt("plan2").published("2026-03-04").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf)).a,
			newArt("held").person(ana).person(olaf).meet("", "", "", ana, olaf).a,
		}, 3, 0},
		{"both undated", []*graph.Article{announce("2026-03-01"), held("")}, 1, graph.Held},
		{"dated announcement of a wider list", []*graph.Article{
			planned(newArt("plan").person(ana).person(olaf).person(mira).meet("2026-03-04", "", "", ana, olaf, mira)).a,
			held("2026-03-04"),
		}, 2, 0},
		{"dated announcement of the same list", []*graph.Article{
			planned(newArt("plan").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf)).a,
			held("2026-03-04"),
		}, 1, graph.Held},
		{"announced, then called off", []*graph.Article{
			announce("2026-03-01"),
			withStatus(newArt("off").published("2026-03-03").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf), graph.Cancelled).a,
		}, 1, graph.Cancelled},
		{"held and called off", []*graph.Article{
			held("2026-03-04"),
			withStatus(newArt("off").person(ana).person(olaf).meet("2026-03-04", "", "", ana, olaf), graph.Cancelled).a,
		}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			for _, a := range tt.arts {
				put(t, s, a)
			}
			ms := meetings(t, s, graph.MeetingFilter{})
			if len(ms) != tt.want {
				t.Fatalf("%d meetings, want %d: %+v", len(ms), tt.want, ms)
			}
			if tt.want != 1 {
				return
			}
			m := ms[0]
			if m.Status != tt.status || len(m.Sources) != 2 {
				t.Errorf("status %v, sources %v; want %v with both sources", m.Status, m.Sources, tt.status)
			}
			for _, c := range m.Conflicts {
				if c.Field == "participants" && len(tt.arts[0].Meetings[0].Participants) == len(tt.arts[1].Meetings[0].Participants) {
					t.Errorf("a participants conflict between the same lists: %+v", c)
				}
			}
			if err := s.Check(t.Context()); err != nil {
				t.Errorf("check: %v", err)
			}
		})
	}
}

// TestPlannedThenHeldSplitsBack: deleting the report of the meeting leaves
// the announcement, planned; the merged meeting is the same whatever order
// the articles came in.
func TestPlannedThenHeldSplitsBack(t *testing.T) {
	arts := []*graph.Article{
		planned(newArt("plan").published("2026-03-01").person(ana).person(olaf).meet("", "", "", ana, olaf)).a,
		newArt("held").published("2026-03-05").person(ana).person(olaf).place(corvo).meet("2026-03-04", "", corvo, ana, olaf).a,
		newArt("wider").published("2026-03-05").person(ana).person(olaf).person(mira).meet("2026-03-04", "", "", ana, olaf, mira).a,
		withStatus(newArt("off").published("2026-03-02").person(ana).person(olaf).meet("2026-03-20", "", "", ana, olaf), graph.Cancelled).a,
	}
	var want string
	var stores []*store.Store
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}, {2, 0, 3, 1}} {
		s := newTestStore(t)
		for _, i := range order {
			put(t, s, arts[i])
		}
		got := snapshotJSON(t, s)
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("order %v: snapshot differs", order)
		}
		stores = append(stores, s)
	}
	s := stores[0]
	ms := meetings(t, s, graph.MeetingFilter{})
	var heldOne *graph.Meeting
	for _, m := range ms {
		if m.Status == graph.Held {
			heldOne = m
		}
	}
	if len(ms) != 2 || heldOne == nil || !slices.Equal(heldOne.Sources, srcIDs("held", "plan", "wider")) {
		t.Fatalf("meetings %+v: want the held one with three sources and the called-off one", ms)
	}
	deleteSource(t, s, "held")
	deleteSource(t, s, "wider")
	ms = meetings(t, s, graph.MeetingFilter{})
	statuses := map[graph.MeetingStatus]int{}
	for _, m := range ms {
		statuses[m.Status]++
	}
	if statuses[graph.Held] != 0 || statuses[graph.Planned]+statuses[graph.Cancelled] != 1 {
		t.Errorf("after deleting the reports: %+v", ms)
	}
	if err := s.Check(t.Context()); err != nil {
		t.Errorf("check: %v", err)
	}
}
