package graph

import "fmt"

// ChangeAction says what PutArticle or DeleteSource did with a source.
type ChangeAction uint8

// Change actions.
const (
	Added ChangeAction = iota + 1
	Updated
	Unchanged
	Deleted
)

var changeActionNames = [...]string{"", "added", "updated", "unchanged", "deleted"}

func (a ChangeAction) String() string {
	if int(a) > 0 && int(a) < len(changeActionNames) {
		return changeActionNames[a]
	}
	return fmt.Sprintf("ChangeAction(%d)", a)
}

// Change reports what writing or deleting one source did to the graph.
// Nodes and edges count facts that came into existence (no source supported
// them before) or vanished (no source supports them now); meetings and the
// edges derived from them are counted after clustering.
type Change struct {
	Source       string
	Action       ChangeAction
	NodesAdded   int
	NodesRemoved int
	EdgesAdded   int
	EdgesRemoved int
}

// CorrectionsResult is what applying a new set of corrections did (the
// store's SetCorrections and Reconcile, a Curator's Correct).
type CorrectionsResult struct {
	// Changes has one entry per source whose rows were rebuilt.
	Changes []Change
	// Sources is the number of sources in the store.
	Sources int
}
