package store

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// This file is where statements are merged across articles. Two outlets
// quoting one speaker often give the same words at different lengths
// ("A." and "A. B."), with other punctuation, or one directly and one in
// reported speech. Each source stores its statements of a speaker as it
// words them, in one U row per speaker. A speaker's claims whose words
// (StatementKey: lowercase, no punctuation or quote marks) are equal, or
// share a long run (sameWords: one contains the other, or they overlap
// much), are one statement, transitively: a group. A group is one node: its
// words are the longest claim's, its ID that of those words
// (graph.StatementID), its sources and evidence every claim's. Its N, T,
// SAID and MENTIONED_IN rows, one per source as for any node, are derived
// from the U rows and rewritten by every write of a U row of the speaker
// that changes them. They are stored under the group's key and hold
// neither its ID nor its words, which its J and I rows give: readers
// translate (read.go) and see the statement by its ID. Like meetings, the result
// depends on the set of claims, never on the order they were stored in,
// and deleting a source splits what only it joined.
//
// A speaker quoted thousands of times in recurring words has groups of
// thousands of claims. A source adding its first claims of a speaker
// (every first ingest) reads none of a group it joins: its B rows name the
// group of each claim, so it tries one claim per group until it joins it,
// and the group's Y row (summary) gives its words, changed or not. Only a
// write that joins two groups, or rewrites or deletes claims, regroups the
// groups it touches.
//
// A group's rows name it by a key of its own, not by its statement ID: a
// group of thousands of claims whose words change rewrites its Y, J and I
// rows, a constant number, not its statement rows (six per source) nor its
// B rows (many per claim). The key is drawn from the group's founding claim and kept
// while claims join, leave and groups merge (groupKeys), so it depends on
// the order claims came in; Check reads each group's key from its B rows.
// The statement rows, which readers and exports see, depend only on the
// set of claims.

// minStatementRun is the shortest run of words two claims must share to be
// one statement: long enough that set phrases ("thank you very much") shared
// by two different remarks never join them.
const minStatementRun = 6

// statementClaim is one claim of a U row, with its words.
type statementClaim struct {
	src   graph.ID
	idx   int // position in the source's U row
	row   statementRow
	key   string // graph.StatementKey(row.Text)
	words int
}

// srcClaims is one source's U row of a speaker.
type srcClaims struct {
	src graph.ID
	row statementClaims
}

// statementGroup is the claims of a speaker that are one statement.
type statementGroup struct {
	id      graph.ID // the statement's: graph.StatementID of its words
	key     graph.ID // the group's in its rows: stable while its words change (groupKeys)
	text    string
	claims  []statementClaim
	sources []graph.ID // sorted
}

// compareStatementClaims orders a U row's claims by words, then text.
func compareStatementClaims(a, b statementRow) int {
	if c := strings.Compare(graph.StatementKey(a.Text), graph.StatementKey(b.Text)); c != 0 {
		return c
	}
	return strings.Compare(a.Text, b.Text)
}

// statementRuns returns every run of minStatementRun consecutive words of
// key (words separated by one space), none if it is shorter.
func statementRuns(key string) []string {
	words := strings.Fields(key)
	if len(words) < minStatementRun {
		return nil
	}
	// Byte offsets of the words in key: a run is a substring.
	starts := make([]int, 0, len(words))
	ends := make([]int, 0, len(words))
	at := 0
	for _, w := range words {
		i := strings.Index(key[at:], w) + at
		starts = append(starts, i)
		ends = append(ends, i+len(w))
		at = i + len(w)
	}
	out := make([]string, 0, len(words)-minStatementRun+1)
	for i := 0; i+minStatementRun <= len(words); i++ {
		out = append(out, key[starts[i]:ends[i+minStatementRun-1]])
	}
	return out
}

// sameStatement reports whether two texts of one speaker are one
// statement (sameWords of their StatementKeys).
func sameStatement(a, b string) bool {
	return sameWords(strings.Fields(graph.StatementKey(a)), strings.Fields(graph.StatementKey(b)))
}

// sameWords reports whether two claims' words are one statement: equal,
// or sharing a run of at least minStatementRun words that is at least half
// of the shorter claim (one contains the other, or they overlap much). A
// shorter run is often a name or a set phrase ("the 2020 summer games in
// the capital") that two different remarks of one speaker share.
func sameWords(a, b []string) bool {
	if slices.Equal(a, b) {
		return true
	}
	run := longestCommonRun(a, b)
	return run >= minStatementRun && 2*run >= min(len(a), len(b))
}

// longestCommonRun returns the length of the longest run of words a and b
// share.
func longestCommonRun(a, b []string) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			cur[j+1] = 0
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// groupStatements partitions a speaker's claims (rows sorted by source)
// into statements: claims with equal words or a shared run of words, joined
// transitively. Groups come in the order of their first claim.
func groupStatements(speaker graph.ID, rows []srcClaims) []*statementGroup {
	var claims []statementClaim
	for _, r := range rows {
		for i, c := range r.row.Claims {
			claims = append(claims, newStatementClaim(r.src, i, c))
		}
	}
	return groupClaims(speaker, claims)
}

func newStatementClaim(src graph.ID, idx int, row statementRow) statementClaim {
	k := graph.StatementKey(row.Text)
	return statementClaim{src: src, idx: idx, row: row, key: k, words: len(strings.Fields(k))}
}

// groupClaims is groupStatements of some of a speaker's claims, ordered by
// source, then position in the source's row. Given every claim of a set of
// whole groups, it returns those groups as groupStatements of all the
// speaker's claims would.
func groupClaims(speaker graph.ID, claims []statementClaim) []*statementGroup {
	words := make([][]string, len(claims))
	for i, c := range claims {
		words[i] = strings.Fields(c.key)
	}
	// Claims that may be one statement share their words or a run of
	// minStatementRun of them; sameWords decides.
	sets := newUnionFind(len(claims))
	// A hash of the words, or of a run, to the claims with it: a hash
	// shared by chance only adds a candidate sameWords rejects. tried[j] is
	// i+1 once claim j has been a candidate of claim i.
	seen := map[uint64][]int{}
	tried := make([]int, len(claims))
	var keys []uint64
	for i, c := range claims {
		keys = append(keys[:0], blockHash('=', c.key))
		for _, r := range statementRuns(c.key) {
			keys = append(keys, blockHash('~', r))
		}
		for _, h := range keys {
			for _, j := range seen[h] {
				if tried[j] == i+1 || sets.find(i) == sets.find(j) {
					continue
				}
				tried[j] = i + 1
				if sameWords(words[i], words[j]) {
					sets.union(i, j)
				}
			}
		}
		for _, h := range keys {
			if l := seen[h]; len(l) == 0 || l[len(l)-1] != i {
				seen[h] = append(l, i)
			}
		}
	}
	var out []*statementGroup
	at := map[int]*statementGroup{}
	for i, c := range claims {
		r := sets.find(i)
		g := at[r]
		if g == nil {
			g = &statementGroup{}
			at[r] = g
			out = append(out, g)
		}
		g.claims = append(g.claims, c)
		if !slices.Contains(g.sources, c.src) {
			g.sources = append(g.sources, c.src)
		}
	}
	for _, g := range out {
		slices.Sort(g.sources)
		g.text = groupText(g.claims)
		g.id = graph.StatementID(speaker, g.text)
	}
	return out
}

// groupText picks the words of a statement: the claim with the most words,
// then the wording most claims give, then the longest, then the first in
// byte order.
func groupText(claims []statementClaim) string {
	count := map[string]int{}
	for _, c := range claims {
		count[c.row.Text]++
	}
	best := claims[0]
	for _, c := range claims[1:] {
		if c.words != best.words {
			if c.words > best.words {
				best = c
			}
			continue
		}
		if n, m := count[c.row.Text], count[best.row.Text]; n != m {
			if n > m {
				best = c
			}
			continue
		}
		if len(c.row.Text) != len(best.row.Text) {
			if len(c.row.Text) > len(best.row.Text) {
				best = c
			}
			continue
		}
		if c.row.Text < best.row.Text {
			best = c
		}
	}
	return best.row.Text
}

// statementRows returns the rows of a statement group, under its key: per
// source, its N row (the source's date, directness and evidence; the words
// are in the J row), T row, SAID edge from the speaker with its evidence,
// and MENTIONED_IN edge. full gives each claim's row with its evidence (the group's claims
// may have been read without); nil uses the group's own.
func (g *statementGroup) statementRows(speaker graph.ID, full func(src graph.ID, idx int) statementRow, put func(k, v []byte)) error {
	bySource := map[graph.ID]*statementRow{}
	for _, c := range g.claims {
		row := c.row
		if full != nil {
			row = full(c.src, c.idx)
		}
		r := bySource[c.src]
		if r == nil {
			r = &statementRow{Speaker: speaker}
			bySource[c.src] = r
		}
		r.Direct = r.Direct || row.Direct
		if r.Date.IsZero() {
			r.Date = row.Date
		}
		r.Evidence = append(r.Evidence, row.Evidence...)
	}
	for _, src := range g.sources {
		r := bySource[src]
		r.Evidence = normEvidence(r.Evidence)
		v, err := encodeNode(graph.KindStatement, r)
		if err != nil {
			return err
		}
		put(nodeKey(g.key, src), v)
		put(kindKey(graph.KindStatement, graph.EntityUnknown, g.key, src), nil)
		e, err := encodeValue(edgeRow{Items: []edgeItem{{Evidence: r.Evidence}}})
		if err != nil {
			return err
		}
		put(edgeKey(speaker, graph.Said, g.key, src), e)
		put(reverseKey(g.key, graph.Said, speaker, src), nil)
		put(edgeKey(g.key, graph.MentionedIn, src, src), nil)
		put(reverseKey(src, graph.MentionedIn, g.key, src), nil)
	}
	return nil
}

// nameRows puts the rows that name a statement group: its J row (speaker,
// statement ID, words) and the I row of its statement ID.
func (g *statementGroup) nameRows(speaker graph.ID, put func(k, v []byte)) error {
	v, err := encodeValue(statementName{Speaker: speaker, ID: g.id, Text: g.text})
	if err != nil {
		return err
	}
	put(stmtNameKey(g.key), v)
	ref, err := encodeValue(statementRef{Group: g.key})
	if err != nil {
		return err
	}
	put(stmtIDKey(g.id), ref)
	return nil
}

// facts notes the statement node and the edge facts (E|from|type|to) of
// g, by statement ID (as readers and counts see them) and by group key (as
// they are stored), on side (0: before the change, 1: after).
func (g *statementGroup) facts(ch *statementChange, speaker graph.ID, side int) {
	mark := func(m map[string][2]bool, k []byte) {
		f := string(k[:len(k)-idLen])
		v := m[f]
		v[side] = true
		m[f] = v
	}
	v := ch.nodes[g.id]
	v[side] = true
	ch.nodes[g.id] = v
	v = ch.keys[g.key]
	v[side] = true
	ch.keys[g.key] = v
	mark(ch.edges, edgeKey(speaker, graph.Said, g.id, 0))
	mark(ch.stored, edgeKey(speaker, graph.Said, g.key, 0))
	for _, src := range g.sources {
		mark(ch.edges, edgeKey(g.id, graph.MentionedIn, src, 0))
		mark(ch.stored, edgeKey(g.key, graph.MentionedIn, src, 0))
	}
}

// deriveStatements returns every derived statement row of a speaker's U
// rows (sorted by source), key to value, with keyOf naming each group: its
// per-source rows, B, Y and J rows are under that key, its I row points to it.
func deriveStatements(speaker graph.ID, rows []srcClaims, keyOf func(*statementGroup) graph.ID) (map[string][]byte, error) {
	out := map[string][]byte{}
	put := func(k, v []byte) { out[string(k)] = v }
	for _, g := range groupStatements(speaker, rows) {
		g.key = keyOf(g)
		if err := g.statementRows(speaker, nil, put); err != nil {
			return nil, err
		}
		if err := g.indexRows(speaker, put); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// indexRows puts the rows a write reads to find and join the group without
// reading it: a B row per block, source and group of the group's claims,
// and the group's Y row (its summary); and its nameRows.
func (g *statementGroup) indexRows(speaker graph.ID, put func(k, v []byte)) error {
	if err := blockRows(speaker, g.key, g.claims, put); err != nil {
		return err
	}
	if err := g.nameRows(speaker, put); err != nil {
		return err
	}
	sum := summarize(groupSummary{}, g.claims)
	sum.Sources = len(g.sources)
	v, err := encodeValue(sum)
	if err != nil {
		return err
	}
	put(groupKey(speaker, g.key), v)
	return nil
}

// claimRef is a claim by source and position in the source's U row.
type claimRef struct {
	src graph.ID
	idx int
}

// foundingKey returns the n-th candidate key of a group founded by claim c
// of speaker sp, with groupKeyMark in its top byte; newGroupKey takes the
// first not in use.
func foundingKey(sp graph.ID, c statementClaim, n int) graph.ID {
	id := graph.NewID(graph.KindStatement, fmt.Sprintf("group|%v|%v|%d|%d|%s", sp, c.src, c.idx, n, c.key))
	return graph.ID(uint64(id)&(1<<56-1) | groupKeyMark<<56)
}

// newGroupKey returns a key for a new group of speaker sp founded by claim
// c: the first candidate with no J row in txn (of any speaker) and not in
// used, which it joins.
func newGroupKey(txn *badger.Txn, sp graph.ID, c statementClaim, used map[graph.ID]bool) (graph.ID, error) {
	for n := 0; ; n++ {
		k := foundingKey(sp, c, n)
		if used[k] {
			continue
		}
		_, err := txn.Get(stmtNameKey(k))
		if errors.Is(err, badger.ErrKeyNotFound) {
			used[k] = true
			return k, nil
		}
		if err != nil {
			return 0, fmt.Errorf("summary of statement group %v of speaker %v: %w", k, sp, err)
		}
	}
}

// groupKeys names the groups of a regrouping in their B and Y rows: a
// group before keeps the key its claims' B rows give (stored); a group
// after takes the key most of its claims had, larger groups choosing
// first, so a group that only gains or loses claims, or merges with
// smaller ones, keeps its key and its B rows; the rest get new keys.
func groupKeys(txn *badger.Txn, sp, src graph.ID, before, after []*statementGroup, stored map[claimRef]graph.ID) error {
	used := map[graph.ID]bool{}
	for _, g := range before {
		k, ok := stored[claimRef{g.claims[0].src, g.claims[0].idx}]
		if !ok {
			return fmt.Errorf("statement group of speaker %v: claim %d of source %v has no B row: %w", sp, g.claims[0].idx, g.claims[0].src, errBadKey)
		}
		g.key = k
		used[k] = true
	}
	order := slices.Clone(after)
	slices.SortStableFunc(order, func(a, b *statementGroup) int { return cmp.Compare(len(b.claims), len(a.claims)) })
	taken := map[graph.ID]bool{}
	for _, g := range order {
		votes := map[graph.ID]int{}
		for _, c := range g.claims {
			if c.src == src {
				continue // src's claims after are new: their positions held other claims
			}
			if k, ok := stored[claimRef{c.src, c.idx}]; ok && !taken[k] {
				votes[k]++
			}
		}
		var best graph.ID
		for _, k := range sortedKeys(votes) {
			if best == 0 || votes[k] > votes[best] {
				best = k
			}
		}
		if best != 0 {
			g.key = best
			taken[best] = true
			continue
		}
		k, err := newGroupKey(txn, sp, g.claims[0], used)
		if err != nil {
			return err
		}
		g.key = k
		taken[k] = true
	}
	return nil
}

// blockRows puts the B rows of claims, all of group.
func blockRows(speaker, group graph.ID, claims []statementClaim, put func(k, v []byte)) error {
	type at struct {
		block uint64
		src   graph.ID
	}
	pos := map[at][]int{}
	for _, c := range claims {
		for _, b := range claimBlocks(c.key) {
			k := at{b, c.src}
			if l := pos[k]; len(l) == 0 || l[len(l)-1] != c.idx {
				pos[k] = append(l, c.idx)
			}
		}
	}
	for k, idx := range pos {
		slices.Sort(idx)
		v, err := encodeValue(blockRow{Claims: slices.Compact(idx)})
		if err != nil {
			return err
		}
		put(blockKey(speaker, k.block, group, k.src), v)
	}
	return nil
}

// summarize returns s with claims added: groupText of a group is
// summaryText of its summary.
func summarize(s groupSummary, claims []statementClaim) groupSummary {
	count := map[string]int{}
	for _, t := range s.Texts {
		count[t.Text] = t.Count
	}
	for _, c := range claims {
		switch {
		case c.words > s.Words || len(count) == 0:
			s.Words = c.words
			clear(count)
			count[c.row.Text] = 1
		case c.words == s.Words:
			count[c.row.Text]++
		}
	}
	s.Texts = s.Texts[:0:0]
	for _, t := range sortedKeys(count) {
		s.Texts = append(s.Texts, textCount{Text: t, Count: count[t]})
	}
	return s
}

// summaryText is groupText of the claims s summarizes: of the wordings
// with the most words, the one most claims give, then the longest, then the
// first in byte order.
func summaryText(s groupSummary) string {
	var best textCount
	for i, t := range s.Texts {
		if i == 0 || t.Count > best.Count || (t.Count == best.Count && len(t.Text) > len(best.Text)) {
			best = t
		}
	}
	return best.Text
}

// statementChange is what a source's change does to the derived statement
// rows: the rows to delete and to set, and the statement nodes and edge
// facts (E|from|type|to) before and after, by statement ID for counting
// (nodes, edges) and by group key for the census's scope (keys, stored).
type statementChange struct {
	del    [][]byte
	set    map[string][]byte
	nodes  map[graph.ID][2]bool
	edges  map[string][2]bool
	keys   map[graph.ID][2]bool
	stored map[string][2]bool // E|from|type|to, or E|from|type for all its rows
	// moreEdgesAdded and moreEdgesRemoved are edges counted by number:
	// the MENTIONED_IN edges of the other sources of a group whose words
	// (so its ID) changed, removed from the old ID and added from the new.
	moreEdgesAdded, moreEdgesRemoved int
}

func newStatementChange() *statementChange {
	return &statementChange{set: map[string][]byte{}, nodes: map[graph.ID][2]bool{}, edges: map[string][2]bool{},
		keys: map[graph.ID][2]bool{}, stored: map[string][2]bool{}}
}

// changeStatements derives what replacing source src's U rows (those among
// oldKeys) by those of newRows does to the statements of their speakers.
// Only the groups holding a claim of src before or after can change: the
// others keep every claim and every link between them. It reads each
// speaker's U rows without evidence, then with evidence only the rows of
// the sources in those groups.
func changeStatements(ctx context.Context, txn *badger.Txn, src graph.ID, oldKeys [][]byte, newRows map[string][]byte) (*statementChange, error) {
	speakers := map[graph.ID]bool{}
	for _, k := range oldKeys {
		if len(k) > 0 && k[0] == prefixSaid {
			p, err := parseKey(k)
			if err != nil {
				return nil, err
			}
			speakers[p.Node] = true
		}
	}
	for k := range newRows {
		if len(k) > 0 && k[0] == prefixSaid {
			p, err := parseKey([]byte(k))
			if err != nil {
				return nil, err
			}
			speakers[p.Node] = true
		}
	}
	ch := newStatementChange()
	for _, sp := range sortedKeys(speakers) {
		newRow := newRows[string(saidKey(sp, src))]
		// The statements follow from the U rows alone: a source rewritten
		// with the same claims of sp (another claim of its changed, or
		// corrections that do not touch them) changes none of sp's.
		same, err := sameValue(txn, saidKey(sp, src), newRow)
		if err != nil {
			return nil, err
		}
		if same {
			continue
		}
		if err := ch.speaker(ctx, txn, sp, src, newRow); err != nil {
			return nil, err
		}
	}
	return ch, nil
}

// sameValue reports whether row k is stored with value v (nil: absent).
func sameValue(txn *badger.Txn, k, v []byte) (bool, error) {
	item, err := txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return v == nil, nil
	}
	if err != nil {
		return false, err
	}
	if v == nil {
		return false, nil
	}
	same := false
	err = item.Value(func(old []byte) error { same = bytes.Equal(old, v); return nil })
	return same, err
}

// claimBlocks returns the blocking keys of a claim's words (its
// StatementKey): a hash of each of its runs of minStatementRun words, or of
// all its words when it has fewer. Two claims sameWords joins share one:
// their words are equal, or they share a run of at least minStatementRun
// words. A hash shared by chance only makes a candidate sameWords rejects.
func claimBlocks(key string) []uint64 {
	runs := statementRuns(key)
	if len(runs) == 0 {
		return []uint64{blockHash('=', key)}
	}
	out := make([]uint64, 0, len(runs))
	for _, r := range runs {
		out = append(out, blockHash('~', r))
	}
	return out
}

func blockHash(kind byte, s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte{kind})
	h.Write([]byte(s))
	return h.Sum64()
}

// readClaims reads source s's U row of speaker sp; found is false when
// there is none.
func readClaims(txn *badger.Txn, sp, s graph.ID, evidence bool) (c statementClaims, found bool, err error) {
	item, err := txn.Get(saidKey(sp, s))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return c, false, nil
	}
	if err == nil {
		err = item.Value(func(v []byte) error { return decodeRow(v, &c, evidence) })
	}
	if err != nil {
		return c, false, fmt.Errorf("statements of speaker %v in source %v: %w", sp, s, err)
	}
	return c, true, nil
}

// component returns the claims of other sources than src that are one
// statement with a claim of seeds, directly or through other such claims,
// ordered by source and position: with seeds, every claim of the groups
// that hold a seed. It follows the B rows of each claim it finds, so it
// reads the U rows of the sources that share a run of words with them,
// not all of the speaker's. stored gives the group key of each claim in
// the B rows it read, src's stored claims' among them.
func component(ctx context.Context, txn *badger.Txn, sp, src graph.ID, seeds []statementClaim) (out []statementClaim, stored map[claimRef]graph.ID, err error) {
	stored = map[claimRef]graph.ID{}
	rows := map[graph.ID][]statementClaim{} // source -> its claims, without evidence
	// block -> the claims of the other sources with it not yet found one
	// statement with the seeds. A claim leaves the list once found, so a
	// large group's shared runs are read once, not once per claim.
	pending := map[uint64][]statementClaim{}
	in := map[claimRef]bool{}
	queue := slices.Clone(seeds)
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		w := strings.Fields(c.key)
		for _, b := range claimBlocks(c.key) {
			cands, ok := pending[b]
			if !ok {
				it := txn.NewIterator(badger.IteratorOptions{Prefix: blockPrefix(sp, b)})
				for it.Rewind(); it.Valid(); it.Next() {
					p, err := parseKey(it.Item().Key())
					if err != nil {
						it.Close()
						return nil, nil, err
					}
					var br blockRow
					if err := it.Item().Value(func(v []byte) error { return decodeValue(v, &br) }); err != nil {
						it.Close()
						return nil, nil, fmt.Errorf("statement block of speaker %v: %w", sp, err)
					}
					for _, i := range br.Claims {
						stored[claimRef{p.Src, i}] = p.Group
					}
					if p.Src == src {
						continue
					}
					claims, ok := rows[p.Src]
					if !ok {
						row, _, err := readClaims(txn, sp, p.Src, false)
						if err != nil {
							it.Close()
							return nil, nil, err
						}
						for i, r := range row.Claims {
							claims = append(claims, newStatementClaim(p.Src, i, r))
						}
						rows[p.Src] = claims
					}
					cands = append(cands, claims...)
				}
				it.Close()
			}
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			kept := cands[:0]
			for _, o := range cands {
				r := claimRef{o.src, o.idx}
				if in[r] {
					continue
				}
				if sameWords(w, strings.Fields(o.key)) {
					in[r] = true
					out = append(out, o)
					queue = append(queue, o)
					continue
				}
				kept = append(kept, o)
			}
			pending[b] = kept
		}
	}
	slices.SortFunc(out, compareClaimPos)
	return out, stored, nil
}

func compareClaimPos(a, b statementClaim) int {
	if c := cmp.Compare(a.src, b.src); c != 0 {
		return c
	}
	return cmp.Compare(a.idx, b.idx)
}

// speaker adds to ch the change of speaker sp's statements, and of its B
// rows, when source src's U row of sp becomes newRow (nil: none). It
// regroups only the claims that are one statement with a claim of src,
// before or after: the other groups keep every claim and every link.
func (ch *statementChange) speaker(ctx context.Context, txn *badger.Txn, sp, src graph.ID, newRow []byte) error {
	var mine statementClaims
	if newRow != nil {
		if err := decodeValue(newRow, &mine); err != nil {
			return fmt.Errorf("statements of speaker %v: %w", sp, err)
		}
	}
	old, hadOld, err := readClaims(txn, sp, src, true)
	if err != nil {
		return err
	}
	if !hadOld && newRow != nil {
		done, err := ch.add(ctx, txn, sp, src, mine)
		if done || err != nil {
			return err
		}
	}
	// The claims of the groups of src's claims, before and after.
	var seedsBefore, seedsAfter []statementClaim
	for i, r := range old.Claims {
		seedsBefore = append(seedsBefore, newStatementClaim(src, i, r))
	}
	for i, r := range mine.Claims {
		seedsAfter = append(seedsAfter, newStatementClaim(src, i, r))
	}
	others, stored, err := component(ctx, txn, sp, src, slices.Concat(seedsBefore, seedsAfter))
	if err != nil {
		return err
	}
	before := slices.SortedFunc(slices.Values(slices.Concat(others, seedsBefore)), compareClaimPos)
	after := slices.SortedFunc(slices.Values(slices.Concat(others, seedsAfter)), compareClaimPos)
	gb, ga := touchedGroups(groupClaims(sp, before), groupClaims(sp, after), src)
	if err := groupKeys(txn, sp, src, gb, ga, stored); err != nil {
		return err
	}
	// The evidence of every claim of those groups.
	full := map[graph.ID]statementClaims{src: mine}
	for _, gs := range [][]*statementGroup{gb, ga} {
		for _, g := range gs {
			for _, s := range g.sources {
				if _, ok := full[s]; ok || s == src {
					continue
				}
				c, _, err := readClaims(txn, sp, s, true)
				if err != nil {
					return err
				}
				full[s] = c
			}
		}
	}
	derive := func(gs []*statementGroup, own statementClaims, side int) (map[string][]byte, error) {
		rows := map[string][]byte{}
		put := func(k, v []byte) { rows[string(k)] = v }
		claimOf := func(s graph.ID, idx int) statementRow {
			if s == src {
				return own.Claims[idx]
			}
			return full[s].Claims[idx]
		}
		for _, g := range gs {
			if err := g.statementRows(sp, claimOf, put); err != nil {
				return nil, err
			}
			if err := g.indexRows(sp, put); err != nil {
				return nil, err
			}
			g.facts(ch, sp, side)
		}
		return rows, nil
	}
	rb, err := derive(gb, old, 0)
	if err != nil {
		return err
	}
	ra, err := derive(ga, mine, 1)
	if err != nil {
		return err
	}
	for _, k := range sortedKeys(rb) {
		if _, keep := ra[k]; !keep {
			ch.del = append(ch.del, []byte(k))
		}
	}
	for k, v := range ra {
		if was, ok := rb[k]; !ok || string(was) != string(v) {
			ch.set[k] = v
		}
	}
	return nil
}

// add adds to ch the change of speaker sp's statements when source src,
// which had no claims of sp, gives the claims of mine, if it can without
// regrouping: adding claims only joins groups, so each set of src's claims
// that are one statement joins at most one stored group here, read through
// its summary (Y row), and only src's rows are new; if the set changes
// the group's words (so its ID), the group's J and I rows too. It reports
// false, having changed nothing, when a set joins several groups: the
// caller regroups.
func (ch *statementChange) add(ctx context.Context, txn *badger.Txn, sp, src graph.ID, mine statementClaims) (bool, error) {
	seeds := make([]statementClaim, len(mine.Claims))
	words := make([][]string, len(seeds))
	for i, r := range mine.Claims {
		seeds[i] = newStatementClaim(src, i, r)
		words[i] = strings.Fields(seeds[i].key)
	}
	// The stored groups each claim is one statement with: per block, one
	// claim of a group it joins is enough, the rest of that group is
	// skipped.
	rows := map[graph.ID][]statementClaim{} // other sources' claims, without evidence
	joins := make([]map[graph.ID]bool, len(seeds))
	for i, c := range seeds {
		joins[i] = map[graph.ID]bool{}
		for _, b := range claimBlocks(c.key) {
			if err := joinBlock(txn, sp, b, words[i], rows, joins[i]); err != nil {
				return false, err
			}
		}
		if err := ctx.Err(); err != nil {
			return false, err
		}
	}
	sets := newUnionFind(len(seeds))
	first := map[graph.ID]int{}
	for i := range seeds {
		for j := range i {
			if sets.find(i) != sets.find(j) && sameWords(words[i], words[j]) {
				sets.union(i, j)
			}
		}
		for _, g := range sortedKeys(joins[i]) {
			if j, ok := first[g]; ok {
				sets.union(i, j)
			} else {
				first[g] = i
			}
		}
	}
	byRoot := map[int][]statementClaim{}
	var roots []int
	for i, c := range seeds {
		r := sets.find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], c)
	}
	part := newStatementChange() // ch's part, once it is sure
	put := func(k, v []byte) { part.set[string(k)] = v }
	used := map[graph.ID]bool{}
	for _, r := range roots {
		claims := byRoot[r]
		groups := map[graph.ID]bool{}
		for _, c := range claims {
			for g := range joins[c.idx] {
				groups[g] = true
			}
		}
		if len(groups) > 1 {
			return false, nil
		}
		var key graph.ID
		var sum, old groupSummary
		had := len(groups) == 1
		if had {
			key = sortedKeys(groups)[0]
			var err error
			if old, err = readSummary(txn, sp, key); err != nil {
				return false, err
			}
			sum = summarize(old, claims)
			sum.Sources = old.Sources + 1 // src had no claim of sp
		} else {
			sum = summarize(groupSummary{}, claims)
			sum.Sources = 1
			var err error
			if key, err = newGroupKey(txn, sp, claims[0], used); err != nil {
				return false, err
			}
		}
		id := graph.StatementID(sp, summaryText(sum))
		g := &statementGroup{id: id, key: key, text: summaryText(sum), claims: claims, sources: []graph.ID{src}}
		if err := g.statementRows(sp, nil, put); err != nil {
			return false, err
		}
		// A group whose words change keeps its key and its rows, which
		// hold neither its ID nor its words: its J row and the I rows of
		// its old and new ID change.
		renamed := had && summaryText(sum) != summaryText(old)
		if !had || renamed {
			if err := g.nameRows(sp, put); err != nil {
				return false, err
			}
		}
		// The group and its SAID edge were there if it had other claims;
		// src's MENTIONED_IN edge is new.
		g.facts(part, sp, 1)
		switch {
		case renamed:
			// The statement of the old words and its edges are gone, the
			// other sources' MENTIONED_IN edges now from the new ID: counted
			// by number, and the census reads the group's rows.
			was := &statementGroup{id: graph.StatementID(sp, summaryText(old)), key: key}
			was.facts(part, sp, 0)
			part.del = append(part.del, stmtIDKey(was.id))
			part.moreEdgesAdded += old.Sources
			part.moreEdgesRemoved += old.Sources
			part.stored[string(edgeTypePrefix(key, graph.MentionedIn))] = [2]bool{true, true}
		case had:
			g.sources = nil
			g.facts(part, sp, 0)
		}
		if err := blockRows(sp, key, claims, put); err != nil {
			return false, err
		}
		v, err := encodeValue(sum)
		if err != nil {
			return false, err
		}
		put(groupKey(sp, key), v)
	}
	ch.merge(part)
	return true, nil
}

// joinBlock adds to joins the groups with a claim that has block b and is
// one statement with a claim of words w, trying each group's claims only
// until one is.
func joinBlock(txn *badger.Txn, sp graph.ID, b uint64, w []string, rows map[graph.ID][]statementClaim, joins map[graph.ID]bool) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: blockPrefix(sp, b)})
	defer it.Close()
	for it.Rewind(); it.Valid(); {
		item := it.Item()
		p, err := parseKey(item.Key())
		if err != nil {
			return err
		}
		if !joins[p.Group] {
			var br blockRow
			if err := item.Value(func(v []byte) error { return decodeValue(v, &br) }); err != nil {
				return fmt.Errorf("statement block of speaker %v: %w", sp, err)
			}
			claims, ok := rows[p.Src]
			if !ok {
				row, _, err := readClaims(txn, sp, p.Src, false)
				if err != nil {
					return err
				}
				for i, r := range row.Claims {
					claims = append(claims, newStatementClaim(p.Src, i, r))
				}
				rows[p.Src] = claims
			}
			for _, i := range br.Claims {
				if i >= len(claims) {
					return fmt.Errorf("statement block of speaker %v in source %v: claim %d of %d: %w", sp, p.Src, i, len(claims), errBadKey)
				}
				if sameWords(w, strings.Fields(claims[i].key)) {
					joins[p.Group] = true
					break
				}
			}
		}
		if joins[p.Group] {
			it.Seek(blockGroupEnd(sp, b, p.Group))
			continue
		}
		it.Next()
	}
	return nil
}

// readSummary reads the Y row of group g of speaker sp.
func readSummary(txn *badger.Txn, sp, g graph.ID) (groupSummary, error) {
	var s groupSummary
	item, err := txn.Get(groupKey(sp, g))
	if err == nil {
		err = item.Value(func(v []byte) error { return decodeValue(v, &s) })
	}
	if err != nil {
		return s, fmt.Errorf("summary of statement %v of speaker %v: %w", g, sp, err)
	}
	return s, nil
}

// touchedGroups returns the groups of before and of after that src's change
// may change: those with a claim of src, and those sharing a claim of
// another source with one of them. A group without a claim of src keeps
// its claims and their links through the change, so it lies within one
// group of the other side: one step closes the set.
func touchedGroups(before, after []*statementGroup, src graph.ID) ([]*statementGroup, []*statementGroup) {
	hasSrc := func(g *statementGroup) bool {
		_, ok := slices.BinarySearch(g.sources, src)
		return ok
	}
	claims := map[claimRef]bool{}
	for _, gs := range [][]*statementGroup{before, after} {
		for _, g := range gs {
			if hasSrc(g) {
				for _, c := range g.claims {
					if c.src != src {
						claims[claimRef{c.src, c.idx}] = true
					}
				}
			}
		}
	}
	keep := func(gs []*statementGroup) []*statementGroup {
		return slices.DeleteFunc(gs, func(g *statementGroup) bool {
			return !hasSrc(g) && !slices.ContainsFunc(g.claims, func(c statementClaim) bool { return claims[claimRef{c.src, c.idx}] })
		})
	}
	return keep(before), keep(after)
}

// merge adds o to ch: o's rows are set after ch's, o's facts are
// another speaker's, or a later side of the same.
func (ch *statementChange) merge(o *statementChange) {
	ch.del = append(ch.del, o.del...)
	ch.moreEdgesAdded += o.moreEdgesAdded
	ch.moreEdgesRemoved += o.moreEdgesRemoved
	for k, v := range o.set {
		ch.set[k] = v
	}
	orBoth(ch.edges, o.edges)
	orBoth(ch.stored, o.stored)
	orBoth(ch.nodes, o.nodes)
	orBoth(ch.keys, o.keys)
}

// orBoth adds src's before-and-after flags to dst's, key by key.
func orBoth[K comparable](dst, src map[K][2]bool) {
	for k, v := range src {
		w := dst[k]
		dst[k] = [2]bool{w[0] || v[0], w[1] || v[1]}
	}
}

// write applies the change in txn.
func (ch *statementChange) write(txn *badger.Txn) error {
	for _, k := range ch.del {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	for _, k := range sortedKeys(ch.set) {
		if err := txn.Set([]byte(k), ch.set[k]); err != nil {
			return err
		}
	}
	return nil
}

// count adds the statement nodes and edges the change adds and removes.
func (ch *statementChange) count(c *graph.Change) {
	for _, v := range ch.nodes {
		countFact(v[0], v[1], &c.NodesAdded, &c.NodesRemoved)
	}
	for _, v := range ch.edges {
		countFact(v[0], v[1], &c.EdgesAdded, &c.EdgesRemoved)
	}
	c.EdgesAdded += ch.moreEdgesAdded
	c.EdgesRemoved += ch.moreEdgesRemoved
}
