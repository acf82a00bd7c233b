package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// Sites spell the same person differently: "Vasconcellos" and
// "Vasconcelos", "Aravind" and "Arvind", "S. Mehta" and "Suresh Mehta".
// Within one article extraction merges such names; across articles the
// store does, here. Reconcile looks at every person name of every stored
// article as extracted (the W rows), groups the names that are spelling
// variants of each other, and merges each group into its most reported
// name, as if the user had written the merges as corrections. The groups
// are a function of the set of stored articles, never of their order, so
// the graph stays deterministic; user corrections apply after them and can
// undo them (a split, a rename).

// namesRow is the value of a W row: the person and organization names an
// article names, as extracted (before corrections).
type namesRow struct {
	Persons []string `json:"p,omitempty"`
	Orgs    []string `json:"o,omitempty"`
}

// namesOf is the W row of article a.
func namesOf(a *graph.Article) namesRow {
	var r namesRow
	for _, e := range a.Entities {
		switch e.Type {
		case graph.Person:
			r.Persons = append(r.Persons, e.Name)
		case graph.Organization:
			r.Orgs = append(r.Orgs, e.Name)
		}
	}
	r.Persons = dedupeNames(r.Persons)
	r.Orgs = dedupeNames(r.Orgs)
	return r
}

// personName is one distinct person name of the inventory.
type personName struct {
	key     string   // NameKey
	display string   // the spelling most sources use (ties: the smallest)
	tokens  []string // key split at spaces
	sources int
	// with is every other person name key mentioned by the articles that
	// name this one: variants of one person are reported alongside the
	// same people.
	with map[string]bool
}

// variantOf reports whether a and b are two spellings of one name: as many
// words; the last words equal, or one edit apart and long; the others
// equal, one edit apart and long, or an initial and a word it begins; at
// least one word equal.
func variantOf(a, b []string) bool {
	if len(a) != len(b) || len(a) < 2 {
		return false
	}
	same := 0
	for i := range a {
		x, y := a[i], b[i]
		switch {
		case x == y:
			same++
		case i < len(a)-1 && (len(x) == 1 && strings.HasPrefix(y, x) || len(y) == 1 && strings.HasPrefix(x, y)):
		case x[0] == y[0] && min(len(x), len(y)) >= 5 && oneEdit(x, y):
		default:
			return false
		}
	}
	return same >= 1 && same < len(a)
}

// oneEdit reports whether x and y differ by exactly one insertion,
// deletion or substitution of a byte.
func oneEdit(x, y string) bool {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if len(x) == len(y) {
		return i < len(x) && x[i+1:] == y[i+1:]
	}
	return x[i:] == y[i+1:]
}

// Outlets transliterate one name differently: "al-"/"el-", "bin"/"ben",
// vowels ("Ahmad", "Ahmed"), doubled letters, "-a" and "-o" endings,
// "j" and "y", "ph" and "f", "v" and "b". A name's skeleton words drop
// the particles and keep of each word its first letter and its consonants,
// so that such spellings meet.

// nameParticles are the words that join or introduce parts of a name and
// that some outlets write and others drop.
var nameParticles = map[string]bool{"al": true, "el": true, "ad": true, "ash": true, "as": true,
	"bin": true, "ben": true, "ibn": true, "bint": true}

// skeleton is the words of a name key without particles (except a first
// word), each reduced to its skeleton.
func skeleton(tokens []string) []string {
	out := make([]string, 0, len(tokens))
	for i, t := range tokens {
		if i > 0 && nameParticles[t] {
			continue
		}
		out = append(out, wordSkeleton(t))
	}
	return out
}

// wordSkeleton keeps a word's first letter and its consonants, with "x"
// as "ks", "ph" as "f", "v" as "b", "j" and "w" as vowels, and no letter
// twice in a row.
func wordSkeleton(w string) string { return skeletonOf(w, false) }

// romanSkeleton is wordSkeleton with an "h" that aspirates a stop left out
// ("th" and "t", "kh" and "k", "dh" and "d"): romanisations of Thai, Hindi
// or Arabic names write or drop it. It is asked only of the given name of
// a romanised surname whose parts outlets join otherwise (joinedVariant),
// and keys the blocks transliterations are looked for in: elsewhere the h
// tells names apart ("Smith" and "Smit").
func romanSkeleton(w string) string { return skeletonOf(w, true) }

// skeletonOf is wordSkeleton, with aspirations dropped when aspirations is
// set.
func skeletonOf(w string, aspirations bool) string {
	w = strings.ReplaceAll(strings.ReplaceAll(w, "ph", "f"), "x", "ks")
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'v':
			c = 'b'
		case 'j', 'w', 'y':
			c = 'a'
		}
		if i > 0 && strings.IndexByte("aeiou", c) >= 0 {
			continue
		}
		if aspirations && c == 'h' && i > 0 && aspirated(w[i-1]) {
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// aspirated reports whether an "h" after the letter c may be an
// aspiration one romanisation writes and another drops.
func aspirated(c byte) bool { return strings.IndexByte("tdkgb", c) >= 0 }

// lastLetter is the last letter of a word, an aspiration's "h" left out:
// "Somchath" and "Somchat" end alike, "Maria" and "Mario" do not.
func lastLetter(w string) byte {
	if n := len(w); n >= 2 && w[n-1] == 'h' && aspirated(w[n-2]) {
		return w[n-2]
	}
	return w[len(w)-1]
}

// joinedVariant reports whether two names, without their particles
// (unparticled), spell the words after the first with the same letters
// split at other places ("Sri-o-rat", "Sri-orat" and "Sriorat" are keyed as
// three, two and one words), the rest long, while the first words are
// transliterations of each other with the same last letter, aspirations
// written or dropped (romanSkeleton), and equal or long (as
// transliterationOf asks of every word): the parts of a romanised surname
// are joined differently by each outlet.
func joinedVariant(wa, wb []string) bool {
	if len(wa) < 2 || len(wb) < 2 || len(wa) == len(wb) {
		return false
	}
	ra, rb := strings.Join(wa[1:], ""), strings.Join(wb[1:], "")
	if ra != rb || len(ra) < 5 {
		return false
	}
	x, y := wa[0], wb[0]
	if x != y && len(romanSkeleton(x)) < 3 && min(len(x), len(y)) < 5 {
		return false // "Dan" and "Don": short first words spelled differently
	}
	return romanSkeleton(x) == romanSkeleton(y) && lastLetter(x) == lastLetter(y)
}

// transliterationOf reports whether a and b are two transliterations of
// one name: their skeletons agree on the first word, and the shorter is
// the longer, or the longer without middle words ("Ines Barca", "Ines
// Lila Barca"), or its first two words or more ("Tesfaye Woldu" of
// "Tesfaye Woldu Gebre"), or the same words after the first joined
// otherwise (joinedVariant); every word spelled differently is long (at
// least five letters or a skeleton of three), so that "John" and "Joan",
// "Min-jun" and "Min-jin" stay apart, and a first word spelled differently
// ends in the same letter.
// Equal names and spelling variants (variantOf) are not asked here.
func transliterationOf(a, b []string) bool {
	sa, sb := skeleton(a), skeleton(b)
	if len(sa) > len(sb) {
		a, b, sa, sb = b, a, sb, sa
	}
	wa, wb := unparticled(a), unparticled(b)
	if joinedVariant(wa, wb) {
		return true
	}
	if len(sa) < 2 || sa[0] != sb[0] || strings.Join(a, " ") == strings.Join(b, " ") {
		return false
	}
	prefix := slices.Equal(sa, sb[:len(sa)])
	if !prefix && sa[len(sa)-1] != sb[len(sb)-1] {
		return false
	}
	// Match the shorter name's words in order, its last word last.
	j := 0
	for i := range sa {
		last := i == len(sa)-1 && !prefix
		for j < len(sb) && (sb[j] != sa[i] || last && j != len(sb)-1) {
			j++
		}
		if j == len(sb) {
			return false
		}
		if x, y := wa[i], wb[j]; x != y {
			if len(sa[i]) < 3 && min(len(x), len(y)) < 5 {
				return false
			}
			if i == 0 && lastLetter(x) != lastLetter(y) {
				return false // "Maria" and "Mario", "Alexandra" and "Alexander"
			}
		}
		j++
	}
	return true
}

// unparticled is tokens without the particles skeleton drops.
func unparticled(tokens []string) []string {
	out := make([]string, 0, len(tokens))
	for i, t := range tokens {
		if i == 0 || !nameParticles[t] {
			out = append(out, t)
		}
	}
	return out
}

// variantBlock is what every variant of a name shares: its number of
// words and the first byte of each (variantOf accepts equal words, an
// initial and a word it begins, or words one edit apart with the same
// first letter).
func variantBlock(tokens []string) string {
	b := make([]byte, 0, 1+len(tokens))
	b = append(b, byte(len(tokens)))
	for _, t := range tokens {
		if t != "" {
			b = append(b, t[0])
		}
	}
	return string(b)
}

// autoMerges finds the variant groups of names and returns the merges of
// every variant into its group's most reported name of two words or more
// (ties: the longer, then the smaller key), sorted. Two names are grouped
// when they are variants or transliterations and some third person is
// mentioned alongside both, however each spells him (sharesSpeltCompany);
// a one-word name joins the one group whose names have that word
// (shortForms), and a name of two words or more the one group of a longer
// name that has its words in a row (partForms).
func autoMerges(names []*personName) []graph.Correction {
	slices.SortFunc(names, func(a, b *personName) int { return cmp.Compare(a.key, b.key) })
	sets := newUnionFind(len(names))
	// Only names of one block can be variants: comparing within blocks
	// finds the same pairs as comparing all of them, without the square of
	// the whole inventory.
	blocks := map[string][]int{}
	for i, n := range names {
		k := variantBlock(n.tokens)
		blocks[k] = append(blocks[k], i)
	}
	for _, block := range blocks {
		for x, i := range block {
			for _, j := range block[x+1:] {
				if !variantOf(names[i].tokens, names[j].tokens) || !sharesSpeltCompany(names[i], names[j]) {
					continue
				}
				sets.union(i, j)
			}
		}
	}
	// Transliterations agree on the skeleton of their first word, an
	// aspiration written or dropped (romanSkeleton).
	firsts := map[string][]int{}
	for i, n := range names {
		if len(n.tokens) >= 2 {
			k := romanSkeleton(n.tokens[0])
			firsts[k] = append(firsts[k], i)
		}
	}
	for _, block := range firsts {
		for x, i := range block {
			for _, j := range block[x+1:] {
				if !transliterationOf(names[i].tokens, names[j].tokens) || !sharesSpeltCompany(names[i], names[j]) {
					continue
				}
				sets.union(i, j)
			}
		}
	}
	shortForms(names, sets)
	partForms(names, sets)
	groups := map[int][]*personName{}
	for i := range names {
		r := sets.find(i)
		groups[r] = append(groups[r], names[i])
	}
	var out []graph.Correction
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		best := slices.MaxFunc(g, func(a, b *personName) int {
			// A short form never names the group.
			if c := cmp.Compare(min(len(a.tokens), 2), min(len(b.tokens), 2)); c != 0 {
				return c
			}
			if c := cmp.Compare(a.sources, b.sources); c != 0 {
				return c
			}
			if c := cmp.Compare(len(a.key), len(b.key)); c != 0 {
				return c
			}
			return cmp.Compare(b.key, a.key) // the smaller key wins
		})
		for _, n := range g {
			if n != best {
				out = append(out, graph.Correction{Op: graph.OpMerge, Entity: n.display, EntityType: graph.Person, Into: best.display,
					Note: "spelling variant (automatic)"})
			}
		}
	}
	slices.SortFunc(out, func(a, b graph.Correction) int { return cmp.Compare(graph.NameKey(a.Entity), graph.NameKey(b.Entity)) })
	return out
}

// shortForms joins a one-word name ("Okafor", "Amara") to the one person
// of several words whose name has that word ("Amara Okafor"): the article
// that gives only the short form names nobody fuller, and another, that
// names someone also mentioned alongside the short form, names him in
// full. When the fuller names that qualify are of two people (two
// groups of sets), the short form stays apart. A long short form that no
// fuller name has may be an outlet's misspelling of one of their words
// (misspeltShort).
func shortForms(names []*personName, sets unionFind) {
	byWord := map[string][]int{}
	for i, n := range names {
		if len(n.tokens) < 2 {
			continue
		}
		for _, w := range unparticled(n.tokens) {
			if l := byWord[w]; len(l) == 0 || l[len(l)-1] != i {
				byWord[w] = append(byWord[w], i)
			}
		}
	}
	// Misspelt short forms: the words of fuller names by first letter
	// and length.
	byShape := map[string][]string{}
	for w := range byWord {
		if len(w) >= minMisspeltShort-1 {
			byShape[shapeOf(w)] = append(byShape[shapeOf(w)], w)
		}
	}
	var joins [][2]int
	for i, n := range names {
		if len(n.tokens) != 1 || len(n.key) < 3 {
			continue
		}
		cands := byWord[n.key]
		if len(cands) == 0 && len(n.key) >= minMisspeltShort {
			cands = misspeltShort(n.key, byShape, byWord)
		}
		one := -1
		for _, j := range cands {
			if !sharesCompany(n, names[j]) {
				continue
			}
			if r := sets.find(j); one == -1 || one == r {
				one = r
				continue
			}
			one = -2 // two people could be meant
			break
		}
		if one >= 0 {
			joins = append(joins, [2]int{i, one})
		}
	}
	// Joined after every short form chose, so that no choice depends on
	// another.
	for _, p := range joins {
		sets.union(p[0], p[1])
	}
}

// minMisspeltShort is the shortest one-word name taken for a misspelling
// of a word of a fuller name: shorter words are too often other names
// ("Karel", "Karol").
const minMisspeltShort = 6

// misspeltShort returns the fuller names with a word one edit or one swap
// of neighbouring letters from w ("Vreskan" for "Verskan"), with the
// same first letter: a one-word name that no fuller name has, as an
// outlet misspelt it.
func misspeltShort(w string, byShape map[string][]string, byWord map[string][]int) []int {
	var out []int
	for _, l := range []int{len(w) - 1, len(w), len(w) + 1} {
		for _, v := range byShape[shape(w, l)] {
			if oneEdit(w, v) || swapped(w, v) {
				out = append(out, byWord[v]...)
			}
		}
	}
	return out
}

// shape is the first letter of w and the length n, the key misspelt
// short forms are looked up by; shapeOf is a word's own.
func shape(w string, n int) string { return w[:1] + strconv.Itoa(n) }

func shapeOf(w string) string { return shape(w, len(w)) }

// swapped reports whether x and y differ by one swap of neighbouring
// bytes.
func swapped(x, y string) bool {
	if len(x) != len(y) {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && x[i+2:] == y[i+2:]
}

// partForms joins a name of two words or more ("Jamal Nouri") to the one
// person whose longer name has those words in a row ("Seyed Jamal Nouri",
// "Jamal Nouri Haddad"): an honorific or a second given name one outlet
// writes and another leaves out. As in shortForms, the longer name must
// share a third person's company with it, and when the longer names that
// qualify are of two people the shorter stays apart.
func partForms(names []*personName, sets unionFind) {
	byLast := map[string][]int{}
	for i, n := range names {
		if len(n.tokens) >= 3 {
			for _, w := range n.tokens[1:] {
				if l := byLast[w]; len(l) == 0 || l[len(l)-1] != i {
					byLast[w] = append(byLast[w], i)
				}
			}
		}
	}
	var joins [][2]int
	for i, n := range names {
		if len(unparticled(n.tokens)) < 2 {
			continue
		}
		one := -1
		for _, j := range byLast[n.tokens[len(n.tokens)-1]] {
			if len(names[j].tokens) <= len(n.tokens) || !containsRun(names[j].tokens, n.tokens) || !sharesCompany(n, names[j]) {
				continue
			}
			if r := sets.find(j); one == -1 || one == r {
				one = r
				continue
			}
			one = -2
			break
		}
		if one >= 0 {
			joins = append(joins, [2]int{i, one})
		}
	}
	for _, p := range joins {
		sets.union(p[0], p[1])
	}
}

// containsRun reports whether short's words stand in long in a row.
func containsRun(long, short []string) bool {
	for a := 0; a+len(short) <= len(long); a++ {
		if slices.Equal(long[a:a+len(short)], short) {
			return true
		}
	}
	return false
}

// acronymMerges merges an organization written as its initials ("IFTA")
// into the one organization whose words, but for "of", "for", "the" and
// "and", begin with them ("International Federation of Timber
// Associations"), and one written in cut words into the one whose words
// they begin (abbreviates), and one written without its legal form or a
// party's head word into the one written with it ("Acme" into "Acme Inc"),
// and one written without the seat after "of" into the one written with it
// ("Timber Board" into "Timber Board of Kestria"), when a third person or
// organization is named alongside both. Two expansions that qualify leave
// the short form apart.
func acronymMerges(orgs []*personName) []graph.Correction {
	slices.SortFunc(orgs, func(a, b *personName) int { return cmp.Compare(a.key, b.key) })
	byInitials := map[string][]*personName{}
	for _, o := range orgs {
		if i := initials(o.tokens); len(i) >= 2 && len(o.tokens) >= 2 {
			byInitials[i] = append(byInitials[i], o)
			// "UN Timber Assembly" is also "UNTA": an acronym inside
			// the name gives all its letters.
			if j := acronymInitials(o.display); j != i && len(j) >= 3 {
				byInitials[j] = append(byInitials[j], o)
			}
		}
	}
	blocks := map[string][]*personName{}
	for _, o := range orgs {
		if len(o.tokens) >= 2 {
			k := variantBlock(o.tokens)
			blocks[k] = append(blocks[k], o)
		}
	}
	suffixed := map[string][]*personName{}
	for _, o := range orgs {
		if n := len(o.tokens); n >= 2 && droppedSuffixes[o.tokens[n-1]] {
			k := strings.Join(o.tokens[:n-1], " ")
			suffixed[k] = append(suffixed[k], o)
		}
	}
	// "Atomic Energy Agency of Orvia" is also written "Orvia's Atomic
	// Energy Agency": the name before an "of" and a seat of one to
	// three words, itself two words or more.
	seated := map[string][]*personName{}
	for _, o := range orgs {
		for k := 2; k < len(o.tokens)-1; k++ {
			if o.tokens[k] == "of" && len(o.tokens)-k-1 <= 3 {
				key := strings.Join(o.tokens[:k], " ")
				seated[key] = append(seated[key], o)
			}
		}
	}
	merged := map[*personName]*personName{}
	for _, a := range orgs {
		var candidates []*personName
		switch {
		case len(a.tokens) == 1 && len(a.key) >= 2 && strings.ToUpper(a.display) == a.display:
			candidates = byInitials[a.key]
		case len(a.tokens) >= 2:
			for _, o := range blocks[variantBlock(a.tokens)] {
				if abbreviates(a.tokens, o.tokens) {
					candidates = append(candidates, o)
				}
			}
		}
		if len(candidates) == 0 && len(a.key) >= 3 {
			candidates = suffixed[a.key]
		}
		if len(candidates) == 0 && len(a.tokens) >= 2 {
			candidates = seated[a.key]
		}
		var into *personName
		for _, o := range candidates {
			if !sharesCompany(a, o) {
				continue
			}
			if into != nil {
				into = nil
				break
			}
			into = o
		}
		if into != nil {
			merged[a] = into
		}
	}
	var out []graph.Correction
	for _, a := range orgs {
		into := merged[a]
		if into == nil {
			continue
		}
		// "MC" -> "Man City" -> "Manchester City": into the last. Each
		// step is shorter than the next, so the chain ends.
		for merged[into] != nil {
			into = merged[into]
		}
		out = append(out, graph.Correction{Op: graph.OpMerge, Entity: a.display, EntityType: graph.Organization, Into: into.display,
			Note: "short form (automatic)"})
	}
	return out
}

// droppedSuffixes are the last words news often leaves out of a name: a
// company's legal form ("Acme Inc" is "Acme"), a party's head word ("the
// New Dawn Party" is "New Dawn") and a foundation's or a business group's
// ("the Ana Ruiz charity foundation" is written "Ana Ruiz", "Acme Group"
// "Acme"), as NameKey writes them.
var droppedSuffixes = map[string]bool{"inc": true, "ltd": true, "limited": true, "corp": true, "plc": true,
	"llc": true, "gmbh": true, "ag": true, "sa": true, "party": true, "foundation": true, "group": true}

// abbreviates reports whether the words of a begin those of b, as many,
// each of three letters or more, some shorter ("Intl Rowing Fed" and
// "International Rowing Federation").
func abbreviates(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	shorter := false
	for i := range a {
		if len(a[i]) < 3 || !strings.HasPrefix(b[i], a[i]) {
			return false
		}
		shorter = shorter || len(a[i]) < len(b[i])
	}
	return shorter
}

// initials is the first letters of a name's words but for "of", "for",
// "the" and "and".
func initials(tokens []string) string {
	b := make([]byte, 0, len(tokens))
	for _, t := range tokens {
		switch t {
		case "of", "for", "the", "and", "&":
		default:
			b = append(b, t[0])
		}
	}
	return string(b)
}

// acronymInitials is initials of a name as displayed, but for a word of
// two to four capitals, which gives all its letters.
func acronymInitials(display string) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.ReplaceAll(display, "-", " ")) {
		k := graph.NameKey(w)
		switch k {
		case "", "of", "for", "the", "and", "&":
			continue
		}
		if w = strings.ReplaceAll(w, ".", ""); len(w) >= 2 && len(w) <= 4 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
			b.WriteString(k)
			continue
		}
		b.WriteByte(k[0])
	}
	return b.String()
}

// sharesCompany reports whether a third person is mentioned alongside both.
func sharesCompany(a, b *personName) bool {
	for k := range a.with {
		if k != b.key && b.with[k] {
			return true
		}
	}
	return false
}

// sharesSpeltCompany is sharesCompany for two spellings of a person's
// name, where the third person may be spelt differently too: the outlet
// that misspells one name ("Vasconcellos met Raghunatan") often misspells
// the other, and then no name is shared. Two companions that are spelling
// variants or transliterations of each other (variantOf,
// transliterationOf: names of two words or more) count as one.
func sharesSpeltCompany(a, b *personName) bool {
	if sharesCompany(a, b) {
		return true
	}
	var theirs [][]string
	for y := range b.with {
		if y != a.key && !strings.HasPrefix(y, "\x00") {
			theirs = append(theirs, splitKey(y))
		}
	}
	for x := range a.with {
		if x == b.key || strings.HasPrefix(x, "\x00") {
			continue
		}
		tx := splitKey(x)
		if len(tx) < 2 {
			continue
		}
		for _, ty := range theirs {
			if variantOf(tx, ty) || transliterationOf(tx, ty) {
				return true
			}
		}
	}
	return false
}

// splitKey splits a NameKey into its words.
func splitKey(k string) []string { return strings.Fields(k) }

// namesRows reads every W row.
func (r *reader) namesRows() ([]namesRow, error) {
	var rows []namesRow
	err := r.scan([]byte{prefixNames}, true, func(_, v []byte) error {
		var row namesRow
		if err := decodeValue(v, &row); err != nil {
			return err
		}
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

// Reconcile recomputes the merges of spelling variants of person names
// across the stored articles and rebuilds the sources they change. Ingest
// calls it after every batch, delete after deleting; it does nothing when
// the merges did not change, and reads no names when no article's changed
// since the merges were found (C "reconciled" is the W generation). After
// the first, it regroups only the names the changed articles touch
// (liveNames).
func (s *Store) Reconcile(ctx context.Context) (graph.CorrectionsResult, error) {
	l := &s.names
	l.mu.Lock()
	var rows []namesRow
	var gen uint64
	current, live := false, false
	err := s.view(ctx, func(r *reader) error {
		var err error
		if gen, _, err = readUint(r.txn, namesGenKey()); err != nil {
			return err
		}
		done, ok, err := readUint(r.txn, reconciledKey())
		if err != nil {
			return err
		}
		if current = ok && done == gen; current {
			return nil
		}
		if live = l.canReach(gen); live {
			return nil
		}
		rows, err = r.namesRows()
		return err
	})
	if err != nil {
		l.mu.Unlock()
		return graph.CorrectionsResult{}, fmt.Errorf("reconcile names: %w", err)
	}
	if current {
		l.mu.Unlock()
		return s.rebuildStale(ctx)
	}
	if live {
		l.catchUp(gen)
	} else {
		l.rebuild(gen, rows)
	}
	merges := append(l.personMerges(), acronymMerges(l.orgs.names(nil))...)
	l.mu.Unlock()
	sortMerges(merges)
	return s.setAutoMerges(ctx, merges, 0, &gen)
}

// setAutoMerges makes auto the merges of spelling variants and rebuilds
// the sources they change; seq > 0 records it as the changelog position it
// was applied at (a replica takes the writer's merges rather than finding
// its own). gen, when set, is the W generation the merges were found in.
func (s *Store) setAutoMerges(ctx context.Context, auto []graph.Correction, seq uint64, gen *uint64) (graph.CorrectionsResult, error) {
	if len(auto) == 0 {
		auto = nil
	}
	v, err := encodeValue(auto)
	if err != nil {
		return graph.CorrectionsResult{}, err
	}
	entry := logEntry{seq: seq, change: func() *graph.ChangeSet { return &graph.ChangeSet{Kind: graph.SetAutoMerges, AutoMerges: auto} }}
	s.writeMu.Lock()
	var logged *outboxRow
	changed := false
	err = s.flushLog(ctx)
	if err == nil {
		err = s.db.Update(func(txn *badger.Txn) error {
			changed = false
			if gen != nil {
				// The merges are those of the names at gen, whether
				// they changed or not.
				if err := writeUint(txn, reconciledKey(), *gen); err != nil {
					return err
				}
			}
			item, err := txn.Get(autoMergesKey())
			switch {
			case errors.Is(err, badger.ErrKeyNotFound):
				if len(auto) == 0 {
					return s.noteApplied(txn, seq)
				}
			case err != nil:
				return err
			default:
				same := false
				if err := item.Value(func(old []byte) error { same = string(old) == string(v); return nil }); err != nil {
					return err
				}
				if same {
					return s.noteApplied(txn, seq)
				}
			}
			if err := txn.Delete(freshKey()); err != nil {
				return err
			}
			if err := txn.Set(autoMergesKey(), v); err != nil {
				return err
			}
			changed = true
			logged, err = s.logTxn(txn, entry)
			return err
		})
		if err == nil && changed {
			s.setCorrections(nil, &auto)
		}
		if err == nil {
			err = s.logged(ctx, logged)
		}
	}
	s.writeMu.Unlock()
	if err != nil {
		return graph.CorrectionsResult{}, fmt.Errorf("reconcile names: %w", err)
	}
	return s.rebuildStale(ctx)
}
