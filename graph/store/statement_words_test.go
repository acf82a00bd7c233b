package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

// writtenByLast returns the keys the last commit of s wrote: set, rewritten
// with the same value, or deleted. Badger gives every key a transaction
// writes the transaction's commit version.
func writtenByLast(tb testing.TB, s *Store) []string {
	tb.Helper()
	var last uint64
	byVersion := map[uint64][]string{}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{AllVersions: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			v := item.Version()
			byVersion[v] = append(byVersion[v], fmt.Sprintf("%c %x", item.Key()[0], item.Key()[1:]))
			last = max(last, v)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return byVersion[last]
}

// TestStatementWordsChangeWritesConstant checks that an article whose
// claim changes the words, so the statement ID, of a statement of many
// sources writes a number of rows that does not grow with the number of
// sources: the group's per-source rows are under its key, and only the
// rows that name it change. Readers see the statement under its new ID
// with every source.
func TestStatementWordsChangeWritesConstant(t *testing.T) {
	ctx := context.Background()
	const short = "we will keep working on the deal with our partners"
	const long = short + " for years to come."
	article := func(key, text string) *graph.Article {
		return &graph.Article{Source: graph.Source{Key: key},
			Entities:   []graph.EntityClaim{{Name: "A", Type: graph.Person}},
			Statements: []graph.StatementClaim{{Speaker: "A", Text: text, Direct: true}}}
	}
	speaker := graph.EntityID(graph.Person, "A")
	written := map[int]int{}
	for _, n := range []int{50, 1000} {
		s, err := Open(ctx, Options{InMemory: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if _, err := s.PutArticle(ctx, article(fmt.Sprintf("s%04d", i), short+".")); err != nil {
				t.Fatal(err)
			}
		}
		ch, err := s.PutArticle(ctx, article("long", long))
		if err != nil {
			t.Fatal(err)
		}
		// As when the group was regrouped: the statement of the new words
		// in, that of the old out; the n sources' MENTIONED_IN edges and the
		// SAID edge move to the new ID, the new source's MENTIONED_IN edges
		// from the statement and the speaker are new.
		if ch.NodesAdded != 1 || ch.NodesRemoved != 1 || ch.EdgesAdded != n+3 || ch.EdgesRemoved != n+1 {
			t.Errorf("n=%d: change %+v, want 1 node added, 1 removed, %d edges added, %d removed", n, ch, n+3, n+1)
		}
		keys := writtenByLast(t, s)
		written[n] = len(keys)
		t.Logf("n=%d: the words change wrote %d rows", n, len(keys))
		if len(keys) > 60 {
			t.Errorf("n=%d: the words change wrote %d rows, want a few dozen at most: %s", n, len(keys), strings.Join(keys[:min(len(keys), 40)], ", "))
		}
		// What readers see: the statement under the ID of its new words,
		// with every source, its edges, and the old ID gone.
		id := graph.StatementID(speaker, long)
		node, err := s.Node(ctx, id)
		if err != nil {
			t.Fatalf("n=%d: node of the new words: %v", n, err)
		}
		st, ok := node.(*graph.Statement)
		if !ok || st.Text != long || len(st.Sources) != n+1 || st.Speaker != speaker || st.ID != id {
			t.Errorf("n=%d: statement %T %q from %d sources, want %q from %d", n, node, st.Text, len(st.Sources), long, n+1)
		}
		if _, err := s.Node(ctx, graph.StatementID(speaker, short+".")); err == nil {
			t.Errorf("n=%d: the old statement ID still resolves", n)
		}
		edges, err := s.Edges(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		said, mentioned := 0, 0
		for _, e := range edges {
			switch {
			case e.Type == graph.Said && e.From == speaker && e.To == id:
				said++
			case e.Type == graph.MentionedIn && e.From == id:
				mentioned++
			default:
				t.Errorf("n=%d: unexpected edge %+v", n, e)
			}
		}
		if said != 1 || mentioned != n+1 {
			t.Errorf("n=%d: %d SAID and %d MENTIONED_IN edges, want 1 and %d", n, said, mentioned, n+1)
		}
		// The group's key, under which its rows are, is no node's ID.
		var g graph.ID
		if err := s.db.View(func(txn *badger.Txn) error {
			var err error
			g, err = statementKeyIn(txn, id)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if !isGroupKey(g) {
			t.Errorf("n=%d: group key %v without groupKeyMark", n, g)
		}
		if _, err := s.Node(ctx, g); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("n=%d: Node(group key): %v, want ErrNotFound", n, err)
		}
		if err := s.Check(ctx); err != nil {
			t.Error(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if written[1000] > written[50] {
		t.Errorf("the words change wrote %d rows with 1000 sources, %d with 50: the count grows with the group", written[1000], written[50])
	}
}
