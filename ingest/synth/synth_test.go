package synth_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/synth"
)

func corpus(t *testing.T, n int, seed uint64) *synth.Corpus {
	t.Helper()
	c, err := synth.New(synth.Options{Articles: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func jsonl(t *testing.T, c *synth.Corpus) ([]byte, int) {
	t.Helper()
	var b bytes.Buffer
	words, err := c.WriteJSONL(context.Background(), &b)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), words
}

func TestDeterministic(t *testing.T) {
	a, wa := jsonl(t, corpus(t, 300, 7))
	b, wb := jsonl(t, corpus(t, 300, 7))
	if !bytes.Equal(a, b) || wa != wb {
		t.Fatal("the same options gave different corpora")
	}
	c, _ := jsonl(t, corpus(t, 300, 8))
	if bytes.Equal(a, c) {
		t.Fatal("seeds 7 and 8 gave the same corpus")
	}
	// An article does not depend on the order it is asked for in.
	x := corpus(t, 300, 7)
	last := x.Article(299)
	if first := x.Article(0); first == last || x.Article(299) != last {
		t.Fatal("Article(299) changed after Article(0)")
	}
}

func TestArticles(t *testing.T) {
	c := corpus(t, 400, 1)
	data, words := jsonl(t, c)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	ids := map[string]bool{}
	total := 0
	for sc.Scan() {
		var a synth.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", len(ids)+1, err)
		}
		if ids[a.ID] {
			t.Errorf("id %s twice", a.ID)
		}
		ids[a.ID] = true
		n := len(strings.Fields(a.Text))
		total += n
		if n < 300 || n > 1000 {
			t.Errorf("%s: %d words, want 300 to about 900", a.ID, n)
		}
		if a.URL == "" || a.Title == "" || a.Publisher == "" || len(a.Published) != len("2006-01-02") {
			t.Errorf("%s: header incomplete: %+v", a.ID, a)
		}
	}
	if len(ids) != 400 || total != words {
		t.Errorf("%d articles, %d words; WriteJSONL said 400 and %d", len(ids), total, words)
	}
	beyond := c.Article(400)
	if ids[beyond.ID] {
		t.Errorf("the article beyond the corpus reuses id %s", beyond.ID)
	}
}

// TestPopularity checks the shape news has: a few people in many
// articles, most in few.
func TestPopularity(t *testing.T) {
	const n = 2000
	c := corpus(t, n, 1)
	names := make([]string, c.People())
	for r := range names {
		names[r] = c.Person(r).Name
	}
	if len(slices.Compact(slices.Sorted(slices.Values(names)))) != len(names) {
		t.Fatal("two people share a name")
	}
	count := make([]int, len(names))
	for i := range n {
		text := c.Article(i).Text
		for r, name := range names {
			if strings.Contains(text, name) {
				count[r]++
			}
		}
	}
	top := count[0]
	var named []int
	for _, k := range count {
		if k > 0 {
			named = append(named, k)
		}
	}
	slices.Sort(named)
	med := named[len(named)/2]
	t.Logf("people %d, named %d; top person in %d articles, median %d", len(names), len(named), top, med)
	if top < n/40 || med > 5 || len(named) < 1000 {
		t.Errorf("top person in %d of %d articles, median named person in %d, %d people named: want a few people in many articles and most in few",
			top, n, med, len(named))
	}
}

func TestNeedsArticles(t *testing.T) {
	if _, err := synth.New(synth.Options{}); err == nil {
		t.Error("a corpus of 0 articles was accepted")
	}
}

// TestExtractable checks that the corpus exercises extraction: nearly
// every article yields the meeting it reports and some statements.
func TestExtractable(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the entity model")
	}
	p, err := ingest.New(ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := corpus(t, 40, 3)
	withMeeting, withStatement := 0, 0
	for i := range c.Len() {
		a := c.Article(i)
		r := source.Raw{Key: a.ID, Body: a.Text, Header: source.Header{ID: a.ID, URL: a.URL, Title: a.Title,
			Published: a.Published, Publisher: a.Publisher}}
		x, err := p.Extract(context.Background(), r)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		if len(x.Meetings) > 0 {
			withMeeting++
		}
		if len(x.Statements) > 0 {
			withStatement++
		}
	}
	t.Logf("%d of 40 with a meeting, %d with a statement", withMeeting, withStatement)
	if withMeeting < 34 || withStatement < 34 {
		t.Errorf("of 40 articles %d gave a meeting and %d a statement; want nearly all", withMeeting, withStatement)
	}
}
