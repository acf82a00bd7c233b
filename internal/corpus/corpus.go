// Package corpus makes the generated articles the crash, snapshot and soak
// tests ingest, and checks what a store holds of them. Articles are
// variations of the seed articles in testdata/articles, deterministic for
// their arguments; a source's Fingerprint is what a store shows of it
// whatever other sources it holds, so comparing it with the Fingerprint of
// the article stored alone tells a whole article from a partial one. It is
// test support: only tests import it.
package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest/synth"
)

// Article is one generated article, as a JSONL line carries it.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url"` // names the version, so versions always differ`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
}

var (
	seedsOnce sync.Once
	seedTexts []string
	seedsErr  error
)

// seedArticles returns the texts of testdata/articles, in name order.
func seedArticles(tb testing.TB) []string {
	tb.Helper()
	seedsOnce.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			seedsErr = err
			return
		}
		names, err := filepath.Glob(filepath.Join(root, "testdata", "articles", "*.txt"))
		if err != nil {
			seedsErr = err
			return
		}
		slices.Sort(names)
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				seedsErr = err
				return
			}
			seedTexts = append(seedTexts, string(b))
		}
		if len(seedTexts) == 0 {
			seedsErr = fmt.Errorf("no seed articles in testdata/articles")
		}
	})
	if seedsErr != nil {
		tb.Fatal(seedsErr)
	}
	return seedTexts
}

var paraSep = regexp.MustCompile(`\n[ \t]*\n+`)

// varyArticle derives a new article from seed text, keeping the order of
// what survives (page furniture such as "Recent Posts" must stay where the
// cleaner expects it): the first paragraph stays, each other one is
// dropped with probability 1/4 (at least two are kept), one pair of
// neighbours may swap, and in some paragraphs the first two sentences
// swap. The same rng state gives the same text.
func varyArticle(rng *rand.Rand, seed string) string {
	paras := paraSep.Split(strings.TrimSpace(seed), -1)
	kept := paras[:1:1]
	for i, p := range paras[1:] {
		left := len(paras) - 1 - i // paragraphs not yet looked at, p included
		if rng.IntN(4) == 0 && left > 2-(len(kept)-1) {
			continue
		}
		if rng.IntN(3) == 0 {
			if s := strings.SplitN(p, ". ", 3); len(s) == 3 {
				p = s[1] + ". " + s[0] + ". " + s[2]
			}
		}
		kept = append(kept, p)
	}
	if len(kept) > 3 && rng.IntN(2) == 0 {
		i := 1 + rng.IntN(len(kept)-2)
		kept[i], kept[i+1] = kept[i+1], kept[i]
	}
	return strings.Join(kept, "\n\n") + "\n"
}

// Generate returns n articles with ids prefix-000, prefix-001, ...; version
// selects another variation of each (same ids), so version 2 re-ingested
// over version 1 updates every article. Deterministic for (n, seed, version).
func Generate(tb testing.TB, prefix string, n int, seed uint64, version int) []Article {
	tb.Helper()
	out := make([]Article, n)
	for i := range out {
		out[i] = GenerateArticle(tb, prefix, i, seed, version)
	}
	return out
}

// GenerateArticle returns version version of article i of Generate.
func GenerateArticle(tb testing.TB, prefix string, i int, seed uint64, version int) Article {
	tb.Helper()
	seeds := seedArticles(tb)
	rng := rand.New(rand.NewPCG(seed, uint64(i)<<8|uint64(version)))
	a := Article{
		ID:   fmt.Sprintf("%s-%03d", prefix, i),
		URL:  fmt.Sprintf("https://news.example/%s-%03d?v=%d", prefix, i, version),
		Text: varyArticle(rng, seeds[rng.IntN(len(seeds))]),
	}
	if rng.IntN(3) == 0 {
		a.Published = fmt.Sprintf("2023-06-%02d", 15+rng.IntN(6))
	}
	return a
}

// WriteJSONL writes arts to path, one JSON object a line.
func WriteJSONL(tb testing.TB, path string, arts []Article) {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// A Fingerprint is the set of everything a store shows of one source that
// does not depend on which other sources it holds: for every entity,
// meeting, statement and event, and for every edge between two non-meeting
// nodes, the (kind or edge type, span) of each evidence sentence of that
// source; plus the source's own metadata. Clustering merges meetings and
// name resolution merges entities across sources, so node IDs and
// meeting-derived edges are left out; evidence spans survive any merge, and
// evidence is only ever attached from a source's own claims. Comparing the
// set with the one a store holding only that article gives shows the
// article is there whole (nothing missing, nothing left from an earlier
// version).
type Fingerprint []string

func (f Fingerprint) String() string { return strings.Join(f, " ") }

// fingerprints computes the Fingerprint of every source in snap, by key.
func Fingerprints(snap *graph.Snapshot) map[string]Fingerprint {
	keys := map[graph.ID]string{}
	sets := map[graph.ID]map[string]bool{}
	for _, s := range snap.Sources {
		keys[s.ID] = s.Key
		sets[s.ID] = map[string]bool{fmt.Sprintf("source|%s|%s|%s|%s", s.URL, s.Title, s.Published, s.Hash): true}
	}
	add := func(what string, ev []graph.Evidence) {
		for _, e := range ev {
			if set := sets[e.Source]; set != nil {
				set[fmt.Sprintf("%s|%d-%d", what, e.Span.Start, e.Span.End)] = true
			}
		}
	}
	meetings := map[graph.ID]bool{}
	for _, m := range snap.Meetings {
		meetings[m.ID] = true
		add("meeting", m.Evidence)
	}
	for _, e := range snap.Entities {
		add("entity/"+e.Type.String(), e.Evidence)
	}
	for _, s := range snap.Statements {
		add("statement", s.Evidence)
	}
	for _, e := range snap.Events {
		add("event", e.Evidence)
	}
	for _, e := range snap.Edges {
		if !meetings[e.From] && !meetings[e.To] {
			add(e.Type.String(), e.Evidence)
		}
	}
	out := make(map[string]Fingerprint, len(sets))
	for id, set := range sets {
		f := make(Fingerprint, 0, len(set))
		for k := range set {
			f = append(f, k)
		}
		slices.Sort(f)
		out[keys[id]] = f
	}
	return out
}

// SoloFingerprints stores each article alone in an in-memory store and
// returns its Fingerprint, keyed by Source.Hash (so several versions of one
// source can be told apart).
func SoloFingerprints(ctx context.Context, t testing.TB, arts []*graph.Article) map[string]Fingerprint {
	t.Helper()
	st := OpenMemStore(ctx, t)
	out := make(map[string]Fingerprint, len(arts))
	for _, a := range arts {
		if _, err := st.PutArticle(ctx, a); err != nil {
			t.Fatalf("put %s: %v", a.Source.Key, err)
		}
		snap, err := st.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out[a.Source.Hash] = Fingerprints(snap)[a.Source.Key]
		if _, err := st.DeleteSource(ctx, a.Source.Key); err != nil {
			t.Fatalf("delete %s: %v", a.Source.Key, err)
		}
	}
	return out
}

// OpenMemStore opens an in-memory store closed (after a Check) at cleanup.
func OpenMemStore(ctx context.Context, t testing.TB) *store.Store {
	t.Helper()
	opt := store.DefaultOptions("")
	opt.InMemory = true
	st, err := store.Open(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(context.Background()); err != nil {
			t.Errorf("store check: %v", err)
		}
		st.Close()
	})
	return st
}

// SourceHash is the stored hash of the source with key in snap.
func SourceHash(snap *graph.Snapshot, key string) string {
	for _, s := range snap.Sources {
		if s.Key == key {
			return s.Hash
		}
	}
	return ""
}

// Query asks for meetings with their participants and sources, and
// for every source; answered while articles are written and deleted.
const Query = `{
  meetings(first: 100) { totalCount edges { node { id participants { id name } place { id name }
    sources { id key } evidence { source { id } start end } } } }
  statements(first: 100) { edges { node { id speaker { id name } sources { id } } } }
  sources(first: 100) { totalCount edges { node { id key } } }
}`

// moduleRoot is the folder of go.mod above the working directory (a test
// runs in its package's folder).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// SynthJSONL writes the synthetic corpus of n articles and seed
// (ingest/synth, as `newsgraph bench --synthetic` makes it) to a JSONL file
// in a temporary folder of tb, and returns the file's path and the corpus.
func SynthJSONL(tb testing.TB, n int, seed uint64) (string, *synth.Corpus) {
	tb.Helper()
	c, err := synth.New(synth.Options{Articles: n, Seed: seed})
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "synth.jsonl")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := c.WriteJSONL(context.Background(), f); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path, c
}
