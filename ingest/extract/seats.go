package extract

import (
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
)

// placePreps put a seat of power where something happens: "received at
// the Kremlin", "his return to the White House".
var placePreps = set("at in inside into to from outside near within")

// typeSeats types each seat of power (lexicon venues such as "the
// Kremlin" or "the White House") by its role in the article: the
// government it stands for, an ORGANIZATION, when it speaks ("the Kremlin
// said", "the White House announced in a statement"); the building, a
// PLACE, when a meeting is held there or the text puts someone at, in or
// into it. An article that uses it both ways keeps the place, since the
// graph gives an entity one type per article and the venue is the fact
// meetings hang on. It runs after statements, whose speakers it reads.
func (d *doc) typeSeats() {
	speakers := map[string]bool{}
	for _, st := range d.statements {
		speakers[st.Speaker] = true
	}
	if len(speakers) == 0 {
		return
	}
	venues := map[*entity]bool{}
	for _, m := range d.meetings {
		venues[m.place] = true
		venues[m.city] = true
	}
	for _, e := range d.ents {
		if e.typ != graph.Place || !speakers[e.name] || venues[e] {
			continue
		}
		if p, ok := d.x.lex.Place(e.name); !ok || p.Kind != lexicon.Venue {
			continue
		}
		if !d.placeUse(e) {
			e.typ = graph.Organization
		}
	}
}

// placeUse reports whether some mention of e stands after a preposition of
// place ("at the Kremlin", "to the White House").
func (d *doc) placeUse(e *entity) bool {
	for _, m := range e.ments {
		k := m.a - 1
		if k >= 0 && m.s.toks[k].low == "the" {
			k--
		}
		if k >= 0 && placePreps[m.s.toks[k].low] {
			return true
		}
	}
	return false
}
