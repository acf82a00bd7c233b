package store

import (
	"slices"

	"github.com/newsgraph/newsgraph/graph"
)

// Outlets name one meeting's venue at different scales: one the building
// ("the Verdana Palace"), another the room in it ("the Malachite Room"), a
// third the grounds around it ("the X estate"). When sources of a merged
// meeting give both, the most specific venue is the answer, and the others
// stay a place conflict. A venue's scale is read from its head noun when
// the claim is stored (graph.VenueScopeOf); the store cannot read a name from an
// ID while it clusters, so the scale travels with the claim in its G row.

// narrowestVenue is the venue of a meeting whose sources voted places (in
// ranked order, most sources first) with the scopes given: the most voted
// one, unless a venue of a smaller scale is given by a source that also
// gives it (the source places the meeting in both, so one holds the other),
// then that one, and so on down the scales.
func narrowestVenue(ranked []graph.ID, v *votes[graph.ID], scope func(graph.ID) graph.VenueScope) graph.ID {
	best := ranked[0]
	for _, u := range ranked[1:] {
		if s := scope(best); s == graph.ScopeUnknown || scope(u) <= s {
			continue
		}
		if shareSource(v.sources(u), v.sources(best)) {
			best = u
		}
	}
	return best
}

// shareSource reports whether sorted a and b have an ID in common.
func shareSource(a, b []graph.ID) bool {
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			return true
		}
	}
	return false
}
