package extract

import (
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// captionMeeting reads a photo caption without a verb: "A and B at the
// Grand Hall in City on June 3, 2024."
func (d *doc) captionMeeting(s *sent) {
	persons := 0
	for _, m := range s.ments {
		if m.typ == graph.Person {
			persons++
		}
	}
	if persons < 2 {
		return
	}
	list, end := d.personListEnd(s, 0)
	if len(list) < 2 || end < 0 || end >= len(s.toks) {
		return
	}
	if w := s.toks[end].low; w != "at" && w != "in" {
		return
	}
	place := false
	for k := end; k < len(s.toks); k++ {
		t := s.toks[k]
		if m := mentionAt(s, k); m != nil && m.typ == graph.Place {
			place = true
			k = m.b - 1
			continue
		}
		if t.kind == text.Word && !t.isCap() && !captionWords[t.low] {
			return // a verb or a noun: not a bare caption
		}
	}
	if place {
		d.addMeeting(s, end, list)
	}
}

var captionWords = set("at in on the of and during")
