package graph

import (
	"slices"
	"strings"
)

// VenueScope is how much of a site a venue's name names, read from its
// head noun: a room or part of a building, a building, the grounds of
// several buildings, or unknown. Outlets name one meeting's venue at
// different scales ("the Verdana Palace", "the Malachite Room in it"); the
// extraction folds a room and its building named in one article into the
// room, and the store prefers the room when sources give both.
type VenueScope uint8

const (
	ScopeUnknown VenueScope = iota
	ScopeGrounds
	ScopeBuilding
	ScopeRoom
)

// Head nouns by scope, as NameKey writes them. "Hall", "gallery" and
// "library" name rooms and whole buildings alike and are left out.
var (
	roomHeads = map[string]bool{"office": true, "room": true, "wing": true, "garden": true, "gardens": true,
		"chamber": true, "salon": true, "saloon": true, "suite": true, "lounge": true, "ballroom": true,
		"study": true, "parlour": true, "parlor": true, "courtyard": true, "terrace": true}
	buildingHeads = map[string]bool{"house": true, "palace": true, "castle": true, "building": true, "hotel": true,
		"tower": true, "residence": true, "mansion": true, "guesthouse": true, "headquarters": true, "kremlin": true,
		"embassy": true, "ministry": true, "capitol": true, "chancellery": true, "villa": true, "lodge": true,
		"manor": true, "cathedral": true, "basilica": true, "mosque": true, "temple": true, "museum": true}
	groundsHeads = map[string]bool{"estate": true, "compound": true, "complex": true, "grounds": true,
		"campus": true, "resort": true, "ranch": true, "park": true}
)

// VenueScopeOf is the scope of a venue named name: its head noun is its
// last word, or the word before "of" ("the Hall of Mirrors", "the Palace of
// Westminster"). A bare head ("the palace") or a one-word name is unknown.
func VenueScopeOf(name string) VenueScope {
	toks := strings.Fields(NameKey(name))
	if len(toks) > 0 && toks[0] == "the" {
		toks = toks[1:]
	}
	if len(toks) < 2 {
		return ScopeUnknown
	}
	head := toks[len(toks)-1]
	if i := slices.Index(toks, "of"); i > 0 {
		head = toks[i-1]
	}
	switch {
	case roomHeads[head]:
		return ScopeRoom
	case buildingHeads[head]:
		return ScopeBuilding
	case groundsHeads[head]:
		return ScopeGrounds
	}
	return ScopeUnknown
}
