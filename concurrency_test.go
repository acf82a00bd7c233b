package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/schema"
)

// extractCorpus extracts arts in this process (two at a time).
func extractCorpus(ctx context.Context, t *testing.T, p *ingest.Pipeline, arts []corpusArticle) []*graph.Article {
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
func checkSnapshot(snap *graph.Snapshot, solo map[string]fingerprint) []string {
	var problems []string
	for key, got := range fingerprints(snap) {
		hash := sourceHash(snap, key)
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

// snapshotQuery asks for meetings with their participants and sources, and
// for every source; answered while articles are written and deleted.
const snapshotQuery = `{
  meetings(first: 100) { totalCount edges { node { id participants { id name } place { id name }
    sources { id key } evidence { source { id } start end } } } }
  statements(first: 100) { edges { node { id speaker { id name } sources { id } } } }
  sources(first: 100) { totalCount edges { node { id key } } }
}`

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
	v1 := extractCorpus(ctx, t, p, genCorpus(t, "snap", n, 11, 1))
	v2 := extractCorpus(ctx, t, p, genCorpus(t, "snap", n, 11, 2))
	solo := soloFingerprints(ctx, t, append(slices.Clone(v1), v2...))
	t.Logf("%d article versions extracted in %v", 2*n, time.Since(start).Round(time.Millisecond))

	st := openMemStore(ctx, t)
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
				res := ex.Do(rctx, schema.Request{Query: snapshotQuery})
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
	st := openMemStore(ctx, t)
	p, err := ingest.New(ingest.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	seed := filepath.Join("testdata", "articles", "000_e45a73ed1beafd5a.txt")
	if rep, err := p.Ingest(ctx, st, []string{seed}); err != nil || rep.Added != 1 {
		t.Fatalf("ingest %s: %v %+v", seed, err, rep)
	}
	rs := &racingStore{Store: st, key: filepath.Base(seed)}
	ex, err := schema.New(rs, schema.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	res := ex.Do(ctx, schema.Request{Query: snapshotQuery})
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

// inUse is what a command says when another process holds the database.
const inUse = "is in use by another newsgraph process"

// TestServeAndIngestSameDB runs a second newsgraph process on a database
// another one holds, both ways round: `serve` holding it while `ingest`,
// `query` and `export` try, and an `ingest` (reading stdin, so it stays
// open) holding it while `serve` and another `ingest` try. The second
// process must fail at once with exit status 1 and a message saying the
// database is in use; the first must carry on; Check passes after.
func TestServeAndIngestSameDB(t *testing.T) {
	bin := newsgraphBinary(t)
	ctx := context.Background()
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	arts := genCorpus(t, "samedb", 6, 3, 1)
	writeJSONL(t, corpus, arts)

	t.Run("serve holds", func(t *testing.T) {
		db := filepath.Join(dir, "db1")
		if _, errOut, code := runBinary(ctx, t, bin, "ingest", "--db", db, corpus); code != 0 {
			t.Fatalf("ingest: exit %d\n%s", code, errOut)
		}
		srv, endpoint := startServe(ctx, t, bin, db)
		for _, args := range [][]string{
			{"ingest", "--db", db, corpus},
			{"ingest", "--db", db, "--dry-run", corpus},
			{"query", "--db", db, "{ sources { totalCount } }"},
			{"export", "--db", db, "--format", "jsonl"},
			{"serve", "--db", db, "--addr", "127.0.0.1:0"},
		} {
			expectInUse(ctx, t, bin, args...)
		}
		// The server still answers, and sees what was ingested.
		var out struct {
			Data struct {
				Sources struct{ TotalCount int } `json:"sources"`
			} `json:"data"`
		}
		postGraphQL(ctx, t, endpoint, `{ sources { totalCount } }`, &out)
		if out.Data.Sources.TotalCount != len(arts) {
			t.Errorf("server sees %d sources, want %d", out.Data.Sources.TotalCount, len(arts))
		}
		stopServe(t, srv)
		checkStoreAt(ctx, t, db, len(arts))
	})

	t.Run("ingest holds", func(t *testing.T) {
		db := filepath.Join(dir, "db2")
		cmd := exec.CommandContext(ctx, bin, "ingest", "--db", db, "-")
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		waitLocked(t, cmd.Process.Pid, db)
		for _, args := range [][]string{
			{"serve", "--db", db, "--addr", "127.0.0.1:0"},
			{"serve", "--db", db, "--addr", "127.0.0.1:0", "--ingest", corpus},
			{"ingest", "--db", db, corpus},
			{"query", "--db", db, "{ sources { totalCount } }"},
		} {
			expectInUse(ctx, t, bin, args...)
		}
		// The first ingest carries on: feed it the corpus and close stdin.
		b, err := os.ReadFile(corpus)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := stdin.Write(b); err != nil {
			t.Fatal(err)
		}
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("ingest from stdin: %v\n%s", err, stderr.Bytes())
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("ingest from stdin did not finish in 60s\n%s", stderr.Bytes())
		}
		checkStoreAt(ctx, t, db, len(arts))
	})
}

// expectInUse runs the binary and requires a quick exit 1 that says the
// database is in use.
func expectInUse(ctx context.Context, t *testing.T, bin string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	start := time.Now()
	out, errOut, code := runBinary(ctx, t, bin, args...)
	took := time.Since(start)
	switch {
	case ctx.Err() != nil:
		t.Errorf("%s: still running after 20s (hangs on a locked database)", strings.Join(args, " "))
	case code != 1 || !strings.Contains(string(errOut), inUse):
		t.Errorf("%s: exit %d, stderr %q, stdout %.200q; want exit 1 saying the database %s",
			strings.Join(args, " "), code, errOut, out, inUse)
	case took > 5*time.Second:
		t.Errorf("%s: took %v to report the database in use", strings.Join(args, " "), took)
	}
}

var endpointRE = regexp.MustCompile(`endpoint=(http://\S+/graphql)`)

// startServe starts `newsgraph serve` on a free port and returns it with
// its GraphQL endpoint, read from its log.
func startServe(ctx context.Context, t *testing.T, bin, db string) (*exec.Cmd, string) {
	t.Helper()
	log := newLineReader()
	cmd := exec.CommandContext(ctx, bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	line := log.waitFor(wctx, endpointRE.MatchString)
	if line == "" {
		t.Fatalf("serve did not report its address in 30s; log:\n%s", log)
	}
	return cmd, endpointRE.FindStringSubmatch(line)[1]
}

// stopServe stops the server with SIGTERM and waits for a clean exit.
func stopServe(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v; log:\n%s", err, cmd.Stderr)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not stop within 20s of SIGTERM")
	}
}

func postGraphQL(ctx context.Context, t *testing.T, endpoint, query string, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %s: %s", endpoint, resp.Status, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// waitLocked waits until process pid holds db's lock, so the next process
// is sure to find the database in use: Badger writes the holder's pid to
// DIR/LOCK right after it takes the lock.
func waitLocked(t *testing.T, pid int, db string) {
	t.Helper()
	want := fmt.Sprintf("%d\n", pid)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(db, "LOCK")); err == nil && string(b) == want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("process %d did not lock %s within 30s", pid, db)
}

// checkStoreAt opens db, runs Check and counts its sources.
func checkStoreAt(ctx context.Context, t *testing.T, db string, sources int) {
	t.Helper()
	st, err := store.Open(ctx, store.DefaultOptions(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		t.Error(err)
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != sources {
		t.Errorf("%d sources stored, want %d", len(srcs), sources)
	}
}
