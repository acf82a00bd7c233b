package schema_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/internal/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

// extractCorpus extracts arts in this process (two at a time).
func extractCorpus(ctx context.Context, t *testing.T, p *ingest.Pipeline, arts []corpus.Article) []*graph.Article {
	t.Helper()
	out := make([]*graph.Article, len(arts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for i, c := range arts {
		g.Go(func() error {
			a, err := p.Extract(gctx, source.Raw{Key: c.ID, Path: "generated", Line: i + 1,
				Header: source.Header{ID: c.ID, URL: c.URL, Published: c.Published}, Body: c.Text})
			if err != nil {
				return fmt.Errorf("extract %s: %w", c.ID, err)
			}
			out[i] = a
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	return out
}

// errorBudget reports at most max errors from concurrent goroutines, so a
// systematic failure does not flood the log.
type errorBudget struct {
	t   *testing.T
	n   atomic.Int32
	max int32
}

func (b *errorBudget) errorf(format string, args ...any) {
	b.t.Helper()
	if n := b.n.Add(1); n <= b.max {
		b.t.Errorf(format, args...)
	} else if n == b.max+1 {
		b.t.Errorf("(more errors left out)")
	}
}

// checkSnapshot checks that snap shows whole articles (every source's
// fingerprint is the one of its stored version alone) and no dangling
// reference (participants, places, speakers, edge endpoints and sources
// of every node exist in the same snapshot).
func checkSnapshot(snap *graph.Snapshot, solo map[string]corpus.Fingerprint) []string {
	var problems []string
	for key, got := range corpus.Fingerprints(snap) {
		hash := corpus.SourceHash(snap, key)
		if want, ok := solo[hash]; !ok {
			problems = append(problems, fmt.Sprintf("source %s: unknown hash %s", key, hash))
		} else if !slices.Equal(got, want) {
			problems = append(problems, fmt.Sprintf("source %s is not whole:\n got %v\nwant %v", key, got, want))
		}
	}
	nodes := map[graph.ID]bool{}
	sources := map[graph.ID]bool{}
	for _, s := range snap.Sources {
		nodes[s.ID] = true
		sources[s.ID] = true
	}
	for _, e := range snap.Entities {
		nodes[e.ID] = true
	}
	for _, s := range snap.Statements {
		nodes[s.ID] = true
	}
	for _, e := range snap.Events {
		nodes[e.ID] = true
	}
	for _, m := range snap.Meetings {
		nodes[m.ID] = true
	}
	need := func(what string, ids ...graph.ID) {
		for _, id := range ids {
			if id != 0 && !nodes[id] {
				problems = append(problems, fmt.Sprintf("%s: dangling %v", what, id))
			}
		}
	}
	needSources := func(what string, ids []graph.ID) {
		if len(ids) == 0 {
			problems = append(problems, what+": no source")
		}
		for _, id := range ids {
			if !sources[id] {
				problems = append(problems, fmt.Sprintf("%s: missing source %v", what, id))
			}
		}
	}
	for _, m := range snap.Meetings {
		what := "meeting " + m.ID.String()
		if len(m.Participants) < 2 {
			problems = append(problems, fmt.Sprintf("%s: %d participants", what, len(m.Participants)))
		}
		need(what, m.Participants...)
		need(what, m.Place, m.City, m.Event)
		needSources(what, m.Sources)
	}
	for _, s := range snap.Statements {
		need("statement "+s.ID.String(), s.Speaker)
		needSources("statement "+s.ID.String(), s.Sources)
	}
	for _, e := range snap.Events {
		need("event "+e.ID.String(), e.Place)
		need("event "+e.ID.String(), e.Participants...)
		need("event "+e.ID.String(), e.DisruptedBy...)
		needSources("event "+e.ID.String(), e.Sources)
	}
	for _, e := range snap.Entities {
		needSources("entity "+e.Name, e.Sources)
	}
	for _, e := range snap.Edges {
		what := fmt.Sprintf("edge %v %v %v", e.From, e.Type, e.To)
		need(what, e.From, e.To)
		needSources(what, e.Sources)
	}
	return problems
}

type snapshotAnswer struct {
	Meetings struct {
		TotalCount int `json:"totalCount"`
		Edges      []struct {
			Node struct {
				ID           string `json:"id"`
				Participants []struct {
					ID, Name string
				} `json:"participants"`
				Sources []struct {
					ID, Key string
				} `json:"sources"`
				Evidence []struct {
					Source *struct{ ID string } `json:"source"`
				} `json:"evidence"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"meetings"`
	Statements struct {
		Edges []struct {
			Node struct {
				ID      string                `json:"id"`
				Speaker *struct{ ID string }  `json:"speaker"`
				Sources []struct{ ID string } `json:"sources"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"statements"`
	Sources struct {
		TotalCount int `json:"totalCount"`
		Edges      []struct {
			Node struct{ ID, Key string } `json:"node"`
		} `json:"edges"`
	} `json:"sources"`
}

// checkAnswer checks one GraphQL answer the way checkSnapshot checks a
// snapshot: no errors, meetings with at least two participants and at
// least one source, statements with their speaker, and every source a
// meeting or statement cites among the sources the same answer lists.
func checkAnswer(res any, errs []string) []string {
	if len(errs) > 0 {
		return errs
	}
	b, err := json.Marshal(res)
	if err != nil {
		return []string{err.Error()}
	}
	var a snapshotAnswer
	if err := json.Unmarshal(b, &a); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	listed := map[string]bool{}
	for _, e := range a.Sources.Edges {
		listed[e.Node.ID] = true
	}
	for _, e := range a.Meetings.Edges {
		m := e.Node
		if len(m.Participants) < 2 {
			problems = append(problems, fmt.Sprintf("meeting %s: participants %v", m.ID, m.Participants))
		}
		if len(m.Sources) == 0 {
			problems = append(problems, fmt.Sprintf("meeting %s: no sources", m.ID))
		}
		for _, s := range m.Sources {
			if !listed[s.ID] {
				problems = append(problems, fmt.Sprintf("meeting %s: source %s (%s) not among the sources listed", m.ID, s.ID, s.Key))
			}
		}
		for _, ev := range m.Evidence {
			if ev.Source == nil {
				problems = append(problems, fmt.Sprintf("meeting %s: evidence without source", m.ID))
			}
		}
	}
	for _, e := range a.Statements.Edges {
		s := e.Node
		if s.Speaker == nil {
			problems = append(problems, fmt.Sprintf("statement %s: no speaker", s.ID))
		}
		if len(s.Sources) == 0 {
			problems = append(problems, fmt.Sprintf("statement %s: no sources", s.ID))
		}
	}
	return problems
}

// TestQueriesSeeSnapshots writes, rewrites and deletes articles in one
// goroutine while others read: Store.Snapshot readers check that every
// snapshot shows whole articles and no dangling reference, GraphQL readers
// check that every answer is whole in the same way.
func TestQueriesSeeSnapshots(t *testing.T) {
	ctx := context.Background()
	n, rounds := 12, 4
	if testing.Short() {
		n, rounds = 6, 2
	}
	p, err := ingest.New(ingest.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	v1 := extractCorpus(ctx, t, p, corpus.Generate(t, "snap", n, 11, 1))
	v2 := extractCorpus(ctx, t, p, corpus.Generate(t, "snap", n, 11, 2))
	solo := corpus.SoloFingerprints(ctx, t, append(slices.Clone(v1), v2...))
	t.Logf("%d article versions extracted in %v", 2*n, time.Since(start).Round(time.Millisecond))

	st := corpus.OpenMemStore(ctx, t)
	ex, err := schema.New(st, schema.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	budget := &errorBudget{t: t, max: 10}
	rctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var snaps, answers, writes atomic.Int64
	distinct := sync.Map{} // source-set states the readers saw
	for range 2 {
		wg.Go(func() {
			for rctx.Err() == nil {
				snap, err := st.Snapshot(rctx)
				if errors.Is(err, context.Canceled) {
					return
				}
				if err != nil {
					budget.errorf("snapshot: %v", err)
					return
				}
				for _, p := range checkSnapshot(snap, solo) {
					budget.errorf("snapshot of %d sources: %s", len(snap.Sources), p)
				}
				var state []string
				for _, s := range snap.Sources {
					state = append(state, s.Hash[:8])
				}
				distinct.Store(fmt.Sprint(state), true)
				snaps.Add(1)
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for rctx.Err() == nil {
				res := ex.Do(rctx, schema.Request{Query: corpus.Query})
				if rctx.Err() != nil {
					return
				}
				var errs []string
				for _, e := range res.Errors {
					errs = append(errs, fmt.Sprintf("graphql error: %s at %v", e.Message, e.Path))
				}
				for _, e := range schema.InternalErrors(res) {
					errs = append(errs, fmt.Sprintf("internal error: %v", e))
				}
				for _, p := range checkAnswer(res.Data, errs) {
					budget.errorf("graphql: %s", p)
				}
				answers.Add(1)
			}
		})
	}
	// The writer: each round writes every article in a random order, in
	// version 1 or 2 (alternating), and deletes a few.
	rng := rand.New(rand.NewPCG(5, 5))
	for round := range rounds {
		arts := v1
		if round%2 == 1 {
			arts = v2
		}
		for _, i := range rng.Perm(n) {
			if _, err := st.PutArticle(ctx, arts[i]); err != nil {
				t.Fatalf("put %s: %v", arts[i].Source.Key, err)
			}
			writes.Add(1)
			if rng.IntN(4) == 0 {
				key := arts[rng.IntN(n)].Source.Key
				if _, err := st.DeleteSource(ctx, key); err != nil && !errors.Is(err, graph.ErrNotFound) {
					t.Fatalf("delete %s: %v", key, err)
				}
				writes.Add(1)
			}
		}
	}
	stop()
	wg.Wait()
	states := 0
	distinct.Range(func(any, any) bool { states++; return true })
	t.Logf("%d writes, %d snapshots (%d distinct states), %d GraphQL answers in %v",
		writes.Load(), snaps.Load(), states, answers.Load(), time.Since(start).Round(time.Millisecond))
	if states < 3 {
		t.Errorf("readers saw only %d states: they did not overlap the writes", states)
	}
}

// racingStore deletes a source right before the first batch lookup of
// entities or sources: between the reads of one GraphQL request, as a
// concurrent writer can.
type racingStore struct {
	*store.Store
	key  string
	once sync.Once
	err  error
}

func (s *racingStore) race(ctx context.Context) {
	s.once.Do(func() { _, s.err = s.Store.DeleteSource(context.WithoutCancel(ctx), s.key) })
}

// View opens a view of the store whose batch lookups race like the
// store's own.
func (s *racingStore) View(opt graph.ReadOptions) graph.View {
	return &racingView{View: s.Store.View(opt), s: s}
}

func (s *racingStore) EntitiesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error) {
	s.race(ctx)
	return s.Store.EntitiesByID(ctx, ids)
}

func (s *racingStore) SourcesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error) {
	s.race(ctx)
	return s.Store.SourcesByID(ctx, ids)
}

// racingView is a view of a racingStore.
type racingView struct {
	graph.View
	s *racingStore
}

func (v *racingView) EntitiesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Entity, error) {
	v.s.race(ctx)
	return v.View.EntitiesByID(ctx, ids)
}

func (v *racingView) SourcesByID(ctx context.Context, ids []graph.ID) (map[graph.ID]*graph.Source, error) {
	v.s.race(ctx)
	return v.View.SourcesByID(ctx, ids)
}

// TestQueryReadsOneSnapshot is the deterministic form of what
// TestQueriesSeeSnapshots finds at random: a GraphQL request reads the
// store several times (the top-level list, then a batch of entities, then
// one of sources), and a source deleted in between must not show through:
// the request answers from the store as it was when it started.
func TestQueryReadsOneSnapshot(t *testing.T) {
	ctx := context.Background()
	st := corpus.OpenMemStore(ctx, t)
	p, err := ingest.New(ingest.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	seed := filepath.Join("..", "testdata", "articles", "000_e45a73ed1beafd5a.txt")
	if rep, err := p.Ingest(ctx, st, []string{seed}); err != nil || rep.Added != 1 {
		t.Fatalf("ingest %s: %v %+v", seed, err, rep)
	}
	rs := &racingStore{Store: st, key: filepath.Base(seed)}
	ex, err := schema.New(rs, schema.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	res := ex.Do(ctx, schema.Request{Query: corpus.Query})
	if rs.err != nil {
		t.Fatalf("delete during the request: %v", rs.err)
	}
	if srcs, err := st.Sources(ctx); err != nil || len(srcs) != 0 {
		t.Fatalf("after the request the store has %d sources (%v): the delete did not run during it", len(srcs), err)
	}
	var errs []string
	for _, e := range res.Errors {
		errs = append(errs, fmt.Sprintf("%s at %v", e.Message, e.Path))
	}
	for _, e := range schema.InternalErrors(res) {
		errs = append(errs, fmt.Sprintf("internal error: %v", e))
	}
	for _, p := range checkAnswer(res.Data, errs) {
		t.Error(p)
	}
	var a snapshotAnswer
	b, _ := json.Marshal(res.Data)
	_ = json.Unmarshal(b, &a)
	if len(a.Meetings.Edges) == 0 || len(a.Statements.Edges) == 0 || a.Sources.TotalCount != 1 {
		t.Errorf("answer %s: want the article's meetings, statements and source as before the delete", b)
	}
}
