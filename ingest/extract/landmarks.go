package extract

import (
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// possessiveLandmarks reads sites named after a figure of myth, faith or
// history: "visited Rama's Bridge", "at the Odin's Rock monument". A
// one-word name that the article writes only as the owner of a
// capitalized name after it, never alone, never in a longer person's
// name, is no person of the story: the owner and the name after it are
// one place. A person the story is about is named at least once on his
// own ("Ruiz's Madrid office" comes with "Ruiz said").
func (d *doc) possessiveLandmarks() {
	type site struct {
		s    *sent
		m    *mention
		end  int
		word string
	}
	seen := map[string]int{}
	var sites []site
	for _, s := range d.sents {
		for _, m := range s.ments {
			for _, t := range s.toks[m.a:m.b] {
				if t.kind == text.Word {
					seen[t.low]++
				}
			}
			if m.b-m.a != 1 || m.title != "" || !isPossessive(s.toks, m.b) || !d.mayOwnSite(m) {
				continue
			}
			if end := d.ownedName(s, m.b+1); end > m.b+1 {
				sites = append(sites, site{s, m, end, s.toks[m.a].low})
			}
		}
	}
	if len(sites) == 0 {
		return
	}
	owned := map[string]int{}
	for _, x := range sites {
		owned[x.word]++
	}
	for _, x := range sites {
		if owned[x.word] != seen[x.word] {
			continue // named elsewhere: a person ("Ruiz's Madrid office")
		}
		p := &mention{s: x.s, a: x.m.a, b: x.end, typ: graph.Place, name: joinToks(x.s.toks[x.m.a:x.end])}
		kept := []*mention{p}
		for _, o := range x.s.ments {
			if o.b <= p.a || o.a >= p.b {
				kept = append(kept, o)
			}
		}
		sortMentions(kept)
		x.s.ments = kept
	}
}

// mayOwnSite reports whether m may be the figure a site is named after:
// a person, or a place the lexicon does not know (a tagger takes a
// figure's name for either). "Spain's Prado" is a country's museum.
func (d *doc) mayOwnSite(m *mention) bool {
	switch m.typ {
	case graph.Person:
		return true
	case graph.Place:
		return !m.venue && !d.known(m.name)
	}
	return false
}

// ownedName returns the end of the capitalized name that starts at token
// i, after an owner's "'s", or i when there is none or when the name is a
// place or body the lexicon knows ("Ruiz's Madrid"), a title ("the
// emperor's Chief Steward") or a person's full name. A mention starting
// at i sets the end when it runs further.
func (d *doc) ownedName(s *sent, i int) int {
	j := i
	for j < len(s.toks) && s.toks[j].kind == text.Word && s.toks[j].isCap() && !notNames[s.toks[j].low] &&
		!calendarWords[s.toks[j].low] && !closedWord(s, j) {
		j++
	}
	if j == i {
		return i
	}
	for _, o := range s.ments {
		if o.a == i && o.b > j {
			j = o.b
		}
		if o.a == i && o.typ == graph.Person && o.b-o.a >= 2 && d.plainNameWord(s.toks[o.a]) && d.x.lex.IsTitle(s.toks[o.a].low) {
			return i
		}
	}
	name := joinToks(s.toks[i:j])
	if d.known(name) || d.x.lex.IsTitle(lowJoin(s.toks[i:j])) {
		return i
	}
	return j
}
