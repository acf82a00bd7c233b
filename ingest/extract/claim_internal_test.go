package extract

import (
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// TestClaimAliasesDeterministic: of two spellings of one alias that share a
// key, a claim keeps the same one every time (map iteration order varies
// from run to run and call to call).
func TestClaimAliasesDeterministic(t *testing.T) {
	e := &entity{typ: graph.Person, name: "Amara Okonkwó",
		aliases: map[string]bool{"Okonkwó": true, "Okonkwo": true, "Amara": true, "OKONKWO": true}}
	first := e.claim().Aliases
	for range 50 {
		if got := e.claim().Aliases; !slices.Equal(got, first) {
			t.Fatalf("aliases %q, then %q", first, got)
		}
	}
	if len(first) != 2 {
		t.Errorf("aliases %q: want one spelling of the surname and the given name", first)
	}
}
