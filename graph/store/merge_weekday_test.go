package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// TestUndatedWeekdayJoinsItsDay: a pair met on the Monday and the Tuesday
// of a visit, the Monday meeting reported by more outlets; an undated
// article's "on Tuesday" joins the Tuesday meeting, whatever the order,
// while an undated claim naming no weekday joins the better reported one.
func TestUndatedWeekdayJoinsItsDay(t *testing.T) {
	withText := func(b *art, text string) *graph.Article {
		b.a.Meetings[len(b.a.Meetings)-1].DateText = text
		return b.a
	}
	arts := []*graph.Article{
		newArt("d1").person(ana).person(olaf).meet("2026-03-02", "", "", ana, olaf).a, // a Monday
		newArt("d2").person(ana).person(olaf).meet("2026-03-02", "", "", ana, olaf).a,
		newArt("d3").person(ana).person(olaf).meet("2026-03-03", "", "", ana, olaf).a, // the Tuesday
		withText(newArt("d4").person(ana).person(olaf).meet("", "", "", ana, olaf), "on Tuesday evening"),
		withText(newArt("d5").person(ana).person(olaf).meet("", "", "", ana, olaf), "this week"),
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {3, 0, 4, 2, 1}} {
		s := newTestStore(t)
		for _, i := range order {
			put(t, s, arts[i])
		}
		ms := meetings(t, s, graph.MeetingFilter{})
		if len(ms) != 2 {
			t.Fatalf("order %v: %d meetings, want 2: %+v", order, len(ms), ms)
		}
		slices.SortFunc(ms, func(a, b *graph.Meeting) int { return strings.Compare(a.Date.String(), b.Date.String()) })
		if got := ms[0].Sources; ms[0].Date.String() != "2026-03-02" || !slices.Equal(got, srcIDs("d1", "d2", "d5")) {
			t.Errorf("order %v: Monday meeting %v %v, want d1 d2 d5", order, ms[0].Date, got)
		}
		if got := ms[1].Sources; ms[1].Date.String() != "2026-03-03" || !slices.Equal(got, srcIDs("d3", "d4")) {
			t.Errorf("order %v: Tuesday meeting %v %v, want d3 d4", order, ms[1].Date, got)
		}
	}
}
