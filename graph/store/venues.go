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
// the claim is stored (venueScopeOf); the store cannot read a name from an
// ID while it clusters, so the scale travels with the claim in its G row.

// venueScope is how much of a site a venue name names, from its head noun:
// a room or part of a building (scopeRoom), a building (scopeBuilding), the
// grounds of several buildings (scopeGrounds), or unknown (0).
type venueScope uint8

const (
	scopeUnknown venueScope = iota
	scopeGrounds
	scopeBuilding
	scopeRoom
)

// Head nouns by scope, as NameKey writes them. "Hall", "gallery" and
// "library" name rooms and whole buildings alike and are left out.
var (
	roomHeads = map[string]bool{"office": true, "room": true, "wing": true, "garden": true, "gardens": true,
		"chamber": true, "salon": true, "suite": true, "lounge": true, "ballroom": true, "study": true,
		"parlour": true, "parlor": true, "courtyard": true, "terrace": true}
	buildingHeads = map[string]bool{"house": true, "palace": true, "castle": true, "building": true, "hotel": true,
		"tower": true, "residence": true, "mansion": true, "guesthouse": true, "headquarters": true, "kremlin": true,
		"embassy": true, "ministry": true, "capitol": true, "chancellery": true, "villa": true, "lodge": true,
		"manor": true, "cathedral": true, "basilica": true, "mosque": true, "temple": true, "museum": true}
	groundsHeads = map[string]bool{"estate": true, "compound": true, "complex": true, "grounds": true,
		"campus": true, "resort": true, "ranch": true, "park": true}
)

// venueScopeOf is the scope of a venue named name: its head noun is its
// last word, or the word before "of" ("the Hall of Mirrors", "the Palace of
// Westminster").
func venueScopeOf(name string) venueScope {
	toks := splitKey(graph.NameKey(name))
	if len(toks) > 0 && toks[0] == "the" {
		toks = toks[1:]
	}
	if len(toks) < 2 {
		return scopeUnknown // a bare head ("the palace") or a one-word name
	}
	head := toks[len(toks)-1]
	if i := slices.Index(toks, "of"); i > 0 {
		head = toks[i-1]
	}
	switch {
	case roomHeads[head]:
		return scopeRoom
	case buildingHeads[head]:
		return scopeBuilding
	case groundsHeads[head]:
		return scopeGrounds
	}
	return scopeUnknown
}

// narrowestVenue is the venue of a meeting whose sources voted places (in
// ranked order, most sources first) with the scopes given: the most voted
// one, unless a venue of a smaller scale is given by a source that also
// gives it (the source places the meeting in both, so one holds the other),
// then that one, and so on down the scales.
func narrowestVenue(ranked []graph.ID, v *votes[graph.ID], scope func(graph.ID) venueScope) graph.ID {
	best := ranked[0]
	for _, u := range ranked[1:] {
		if s := scope(best); s == scopeUnknown || scope(u) <= s {
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
