package store_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// TestRoomInBuilding: three outlets name the palace where two leaders met
// and two the room in it where they talked; one of them names both for the
// meeting, so the room is inside the palace and is the venue, the palace a
// place conflict, whatever the order of the articles. Without the outlet
// that names both, nothing says the room is in that palace, and the votes
// decide. A room and a building no source gives together stay a conflict
// decided by votes.
func TestRoomInBuilding(t *testing.T) {
	ctx := context.Background()
	const (
		room, building = "Malachite Room", "Verdana Palace"
	)
	arts := []*graph.Article{
		newArt("v1").person(ana).person(olaf).place(building).meet("2026-05-20", building, "", ana, olaf).a,
		newArt("v2").person(ana).person(olaf).place(building).place(room).
			meet("2026-05-20", building, "", ana, olaf).meet("", room, "", ana, olaf).a,
		newArt("v3").person(ana).person(olaf).place(room).meet("2026-05-20", room, "", ana, olaf).a,
		newArt("v4").person(ana).person(olaf).place(building).meet("2026-05-20", building, "", ana, olaf).a,
	}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}} {
		s := newTestStore(t)
		for _, i := range order {
			put(t, s, arts[i])
		}
		ms := meetings(t, s, graph.MeetingFilter{})
		if len(ms) != 1 || len(ms[0].Sources) != 4 {
			t.Fatalf("order %v: %d meetings, want one of 4 sources: %+v", order, len(ms), ms)
		}
		if got := names(t, s, []graph.ID{ms[0].Place}); got[0] != room {
			t.Errorf("order %v: place %v, want the room", order, got)
		}
		if len(ms[0].Conflicts) != 1 || ms[0].Conflicts[0].Field != "place" || len(ms[0].Conflicts[0].Values) != 2 {
			t.Errorf("order %v: conflicts %+v, want the place with both venues", order, ms[0].Conflicts)
		}
		// Without the outlet that names both, the building has the votes.
		if _, err := s.DeleteSource(ctx, "v2"); err != nil {
			t.Fatal(err)
		}
		if err := s.Check(ctx); err != nil {
			t.Fatal(err)
		}
		ms = meetings(t, s, graph.MeetingFilter{})
		if len(ms) != 1 {
			t.Fatalf("order %v after delete: %d meetings", order, len(ms))
		}
		if got := names(t, s, []graph.ID{ms[0].Place}); got[0] != building {
			t.Errorf("order %v after delete: place %v, want the building (no source places the room in it)", order, got)
		}
	}
}
