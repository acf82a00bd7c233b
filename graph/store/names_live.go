package store

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// Reconcile used to read every W row and group every person name after
// each batch: at 100k articles, 1.5 s for a one-article batch. A Store
// keeps instead, from its first Reconcile on, the inventory those rows give
// (liveNames), with counts so that a changed W row can be taken out and put
// back in, and the person merges it found with their groups. The writes
// that change a W row note the old and new row (namesDiff) once committed;
// the next Reconcile applies them and regroups only the names they touched
// and the names those can be grouped with (touchedNames), which gives the
// merges a reading of every row would (TestLiveNamesMatchFull). Anything
// it cannot follow (a W row changed by a write it was not told of, a
// process that has not reconciled yet) shows as a generation it cannot
// reach by the noted changes, and it reads every row as before.

// namesDiff is a committed change of one source's W row (nil: none) and
// the W generation it made.
type namesDiff struct {
	gen      uint64
	old, new *namesRow
}

// maxPendingNames bounds the changes kept between Reconciles: past it the
// next Reconcile reads every row anyway (a bulk ingest without one).
const maxPendingNames = 1 << 16

// liveNames is the name inventory of the W rows at generation gen, kept
// between Reconciles. It is safe for concurrent use.
type liveNames struct {
	mu      sync.Mutex
	built   bool
	gen     uint64
	pending []namesDiff // committed since gen, in generation order
	lost    bool        // a change past maxPendingNames was dropped
	persons *liveKind
	orgs    *liveKind
	// group is each person name key in a group of two or more names to
	// the key of the name the group merges into; merges the person merges.
	group   map[string]string
	members map[string]map[string]bool  // the group of each merged-into key
	merges  map[string]graph.Correction // by NameKey of the merged name
}

// liveKind is the distinct names of one kind with the counts nameInventory
// gives, and the indexes touchedNames follows.
type liveKind struct {
	byKey     map[string]*personName
	spellings map[string]map[string]int // key -> spelling -> rows
	with      map[string]map[string]int // key -> other key -> rows naming both
	byBlock   map[string]map[string]bool
	byFirst   map[string]map[string]bool
	byWord    map[string]map[string]bool
	// byShape is the words of byWord long enough to be misspelt short
	// forms' (misspeltShort) by first letter and length; oneByShape the
	// one-word names long enough to be one.
	byShape    map[string]map[string]bool
	oneByShape map[string]map[string]bool
}

func newLiveKind() *liveKind {
	return &liveKind{byKey: map[string]*personName{}, spellings: map[string]map[string]int{},
		with: map[string]map[string]int{}, byBlock: map[string]map[string]bool{},
		byFirst: map[string]map[string]bool{}, byWord: map[string]map[string]bool{},
		byShape: map[string]map[string]bool{}, oneByShape: map[string]map[string]bool{}}
}

// note records committed W row changes (called under the Store's writeMu,
// in commit order).
func (l *liveNames) note(ds []namesDiff) {
	if len(ds) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.built || l.lost {
		return
	}
	if len(l.pending)+len(ds) > maxPendingNames {
		l.pending, l.lost = nil, true
		return
	}
	l.pending = append(l.pending, ds...)
}

// canReach reports whether the noted changes bring the inventory to
// generation gen (under l.mu).
func (l *liveNames) canReach(gen uint64) bool {
	if !l.built || l.lost || gen < l.gen {
		return false
	}
	at := l.gen
	for _, d := range l.pending {
		if d.gen > gen {
			break
		}
		if d.gen != at+1 {
			return false
		}
		at = d.gen
	}
	return at == gen
}

// rebuild sets the inventory to rows, at generation gen, and its person
// merges to those autoMerges finds in it (under l.mu).
func (l *liveNames) rebuild(gen uint64, rows []namesRow) {
	l.built, l.lost, l.gen = true, false, gen
	l.pending = slices.DeleteFunc(l.pending, func(d namesDiff) bool { return d.gen <= gen })
	l.persons, l.orgs = newLiveKind(), newLiveKind()
	for i := range rows {
		l.add(&rows[i], 1)
	}
	l.group, l.members, l.merges = map[string]string{}, map[string]map[string]bool{}, map[string]graph.Correction{}
	l.setMerges(autoMerges(l.persons.names(nil)), nil)
}

// catchUp applies the noted changes up to generation gen and regroups the
// person names they touched (under l.mu; canReach(gen) holds).
func (l *liveNames) catchUp(gen uint64) {
	touched := map[string]bool{}
	n := 0
	for _, d := range l.pending {
		if d.gen > gen {
			break
		}
		for _, r := range []*namesRow{d.old, d.new} {
			if r != nil {
				for _, p := range r.Persons {
					if k := graph.NameKey(p); k != "" {
						touched[k] = true
					}
				}
			}
		}
		if d.old != nil {
			l.add(d.old, -1)
		}
		if d.new != nil {
			l.add(d.new, 1)
		}
		n++
	}
	l.pending = slices.Delete(l.pending, 0, n)
	l.gen = gen
	if len(touched) == 0 {
		return
	}
	s := l.touchedNames(touched)
	l.setMerges(autoMerges(l.persons.names(s)), s)
}

// setMerges replaces the person merges of the names in s (nil: all) by
// merges, which autoMerges found for exactly those names.
func (l *liveNames) setMerges(merges []graph.Correction, s map[string]bool) {
	for k := range s {
		delete(l.group, k)
		delete(l.members, k)
		delete(l.merges, k)
	}
	for _, m := range merges {
		from, into := graph.NameKey(m.Entity), graph.NameKey(m.Into)
		l.group[from], l.group[into] = into, into
		if l.members[into] == nil {
			l.members[into] = map[string]bool{into: true}
		}
		l.members[into][from] = true
		l.merges[from] = m
	}
}

// personMerges returns the person merges, sorted as autoMerges sorts them.
func (l *liveNames) personMerges() []graph.Correction {
	out := make([]graph.Correction, 0, len(l.merges))
	for _, k := range sortedKeys(l.merges) {
		out = append(out, l.merges[k])
	}
	return out
}

// add adds row to the inventory (sign 1) or takes it out (-1), as
// nameInventory counts it.
func (l *liveNames) add(row *namesRow, sign int) {
	l.persons.add(row.Persons, nil, sign)
	// An organization's company is the people and organizations named
	// with it.
	l.orgs.add(row.Orgs, row.Persons, sign)
}

func (lk *liveKind) add(names, also []string, sign int) {
	keys := make([]string, 0, len(names))
	for _, n := range names {
		k := graph.NameKey(n)
		if k == "" {
			continue
		}
		keys = append(keys, k)
		p := lk.byKey[k]
		if p == nil {
			p = &personName{key: k, tokens: splitKey(k), with: map[string]bool{}}
			lk.byKey[k] = p
			lk.spellings[k] = map[string]int{}
			lk.with[k] = map[string]int{}
			lk.index(p, true)
		}
		p.sources += sign
		bump(lk.spellings[k], n, sign)
	}
	// keys are distinct: a W row's names are deduplicated by NameKey.
	var others []string
	for _, o := range also {
		others = append(others, "\x00"+graph.NameKey(o))
	}
	for _, k := range keys {
		p := lk.byKey[k]
		// p's company changes only where a companion appears or vanishes.
		with := func(o string) {
			if bump(lk.with[k], o, sign) {
				if lk.with[k][o] > 0 {
					p.with[o] = true
				} else {
					delete(p.with, o)
				}
			}
		}
		for _, o := range keys {
			if o != k {
				with(o)
			}
		}
		for _, o := range others {
			with(o)
		}
		if p.sources == 0 {
			lk.index(p, false)
			delete(lk.byKey, k)
			delete(lk.spellings, k)
			delete(lk.with, k)
		}
	}
}

// bump adds sign to m[k], deleting it at zero, and reports whether k
// appeared or vanished.
func bump(m map[string]int, k string, sign int) bool {
	was := m[k]
	if was+sign == 0 {
		delete(m, k)
	} else {
		m[k] = was + sign
	}
	return was == 0 || was+sign == 0
}

// index adds p to the indexes (in) or takes it out.
func (lk *liveKind) index(p *personName, in bool) {
	set := func(m map[string]map[string]bool, k string) {
		if in {
			if m[k] == nil {
				m[k] = map[string]bool{}
			}
			m[k][p.key] = true
			return
		}
		delete(m[k], p.key)
		if len(m[k]) == 0 {
			delete(m, k)
		}
	}
	set(lk.byBlock, variantBlock(p.tokens))
	if len(p.tokens) >= 2 {
		set(lk.byFirst, romanSkeleton(p.tokens[0]))
		for _, w := range unparticled(p.tokens) {
			set(lk.byWord, w)
			if len(w) < minMisspeltShort-1 {
				continue
			}
			// A word stays in byShape while some name has it.
			switch sh := shapeOf(w); {
			case in:
				if lk.byShape[sh] == nil {
					lk.byShape[sh] = map[string]bool{}
				}
				lk.byShape[sh][w] = true
			case len(lk.byWord[w]) == 0:
				delete(lk.byShape[sh], w)
				if len(lk.byShape[sh]) == 0 {
					delete(lk.byShape, sh)
				}
			}
		}
	} else if len(p.key) >= minMisspeltShort {
		set(lk.oneByShape, shapeOf(p.key))
	}
}

// names returns the names of keys (nil: all), each with its display
// spelling, as nameInventory gives them. autoMerges reorders the slice,
// never the names.
func (lk *liveKind) names(keys map[string]bool) []*personName {
	var out []*personName
	pick := func(k string, p *personName) {
		var best string
		for sp, n := range lk.spellings[k] {
			if best == "" || n > lk.spellings[k][best] || n == lk.spellings[k][best] && sp < best {
				best = sp
			}
		}
		p.display = best
		out = append(out, p)
	}
	if keys == nil {
		for k, p := range lk.byKey {
			pick(k, p)
		}
		return out
	}
	for k := range keys {
		if p := lk.byKey[k]; p != nil {
			pick(k, p)
		}
	}
	return out
}

// touchedNames returns the person names whose group can differ now that
// the names of touched changed: touched and every name autoMerges could
// put in one group with one of them, before or after, transitively. Every
// other name keeps its group: its variant pairs, and its company with the
// fuller names it could be a short form of, are unchanged, and none of
// them is in a group with a name of the set.
func (l *liveNames) touchedNames(touched map[string]bool) map[string]bool {
	lk := l.persons
	out := map[string]bool{}
	var queue []string
	push := func(k string) {
		if !out[k] {
			out[k] = true
			queue = append(queue, k)
		}
	}
	for _, k := range sortedKeys(touched) {
		push(k)
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		// Its group before.
		if into, ok := l.group[k]; ok {
			for m := range l.members[into] {
				push(m)
			}
		}
		tokens := splitKey(k)
		if touched[k] && len(tokens) >= 2 {
			// Its company changed, or it is no longer named: every
			// one-word name it may be the fuller name of.
			for _, w := range unparticled(tokens) {
				if lk.byKey[w] != nil {
					push(w)
				}
			}
		}
		if touched[k] && len(tokens) >= 2 {
			// And every shorter name of two words or more it may be the
			// longer name of (partForms), and every one-word name that
			// may be a misspelling of one of its words (misspeltShort).
			for _, r := range innerRuns(tokens) {
				if lk.byKey[r] != nil {
					push(r)
				}
			}
			for _, w := range unparticled(tokens) {
				lk.nearOneWord(w, push)
			}
		}
		p := lk.byKey[k]
		if p == nil {
			continue // no longer named
		}
		for o := range lk.byBlock[variantBlock(p.tokens)] {
			if o != k && variantOf(p.tokens, lk.byKey[o].tokens) && sharesSpeltCompany(p, lk.byKey[o]) {
				push(o)
			}
		}
		if len(p.tokens) >= 2 {
			for o := range lk.byFirst[romanSkeleton(p.tokens[0])] {
				if o != k && transliterationOf(p.tokens, lk.byKey[o].tokens) && sharesSpeltCompany(p, lk.byKey[o]) {
					push(o)
				}
			}
			// The shorter names of two words or more it may be the
			// longer name of, and the longer names it may be a part of,
			// that share company with it (partForms).
			for _, r := range innerRuns(p.tokens) {
				if s := lk.byKey[r]; s != nil && sharesCompany(s, p) {
					push(r)
				}
			}
			if u := unparticled(p.tokens); len(u) >= 2 {
				for o := range lk.byWord[u[0]] {
					if q := lk.byKey[o]; len(q.tokens) > len(p.tokens) && containsRun(q.tokens, p.tokens) && sharesCompany(p, q) {
						push(o)
					}
				}
			}
			// The one-word names that may be a misspelling of one of
			// its words and share company with it.
			for _, w := range unparticled(p.tokens) {
				lk.nearOneWord(w, func(o string) {
					if sharesCompany(lk.byKey[o], p) {
						push(o)
					}
				})
			}
			// The one-word names it may be the fuller name of that
			// share company with it.
			for _, w := range unparticled(p.tokens) {
				if s := lk.byKey[w]; s != nil && sharesCompany(s, p) {
					push(w)
				}
			}
			continue
		}
		// A one-word name: the fuller names it may stand for, as written
		// or misspelt (misspeltShort).
		for o := range lk.byWord[k] {
			if sharesCompany(p, lk.byKey[o]) {
				push(o)
			}
		}
		if len(k) >= minMisspeltShort && len(lk.byWord[k]) > 0 {
			// A fuller name with the word as written rules out a
			// misspelling, whether or not it shares company: one of them
			// in the set rules it out there too.
			push(slices.Min(slices.Collect(maps.Keys(lk.byWord[k]))))
		} else if len(k) >= minMisspeltShort {
			for _, l := range []int{len(k) - 1, len(k), len(k) + 1} {
				for v := range lk.byShape[shape(k, l)] {
					if !oneEdit(k, v) && !swapped(k, v) {
						continue
					}
					for o := range lk.byWord[v] {
						if sharesCompany(p, lk.byKey[o]) {
							push(o)
						}
					}
				}
			}
		}
	}
	return out
}

// nearOneWord calls f with each one-word name that misspeltShort may take
// for a misspelling of the word w of a fuller name.
func (lk *liveKind) nearOneWord(w string, f func(string)) {
	if len(w) < minMisspeltShort-1 {
		return
	}
	for _, l := range []int{len(w) - 1, len(w), len(w) + 1} {
		if l < minMisspeltShort {
			continue
		}
		for o := range lk.oneByShape[shape(w, l)] {
			if oneEdit(o, w) || swapped(o, w) {
				f(o)
			}
		}
	}
}

// innerRuns returns the names that tokens' runs of two words or more,
// shorter than tokens, spell.
func innerRuns(tokens []string) []string {
	var out []string
	for n := 2; n < len(tokens); n++ {
		for a := 0; a+n <= len(tokens); a++ {
			out = append(out, strings.Join(tokens[a:a+n], " "))
		}
	}
	return out
}

// sortMerges sorts merges by the NameKey of the merged name, keeping the
// order of equal ones (a person and an organization of one name).
func sortMerges(merges []graph.Correction) {
	slices.SortStableFunc(merges, func(a, b graph.Correction) int {
		return cmp.Compare(graph.NameKey(a.Entity), graph.NameKey(b.Entity))
	})
}
