package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/corpus"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/server"
)

// TestQueriesSeeSnapshotsDuringServerIngest is TestQueriesSeeSnapshots
// through the server: articles are POSTed to /ingest (first version 1 of
// each, then version 2, which updates them all) while other clients query
// /graphql, and every answer must be whole (checkAnswer). The replies of
// /ingest must count every article.
func TestQueriesSeeSnapshotsDuringServerIngest(t *testing.T) {
	ctx := context.Background()
	n := 8
	if testing.Short() {
		n = 4
	}
	st := corpus.OpenMemStore(ctx, t)
	ex, err := schema.New(st, schema.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	p, err := ingest.New(ingest.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	opt := server.DefaultOptions()
	opt.Logger = slog.New(slog.DiscardHandler)
	opt.Token = "t"
	opt.Timeout = time.Minute // -race makes queries slow; the limit is not under test
	opt.Ingest = func(ctx context.Context, body io.Reader) (*server.IngestSummary, error) {
		rep, err := p.IngestRequest(ctx, st, body)
		if rep == nil {
			return nil, err
		}
		return &server.IngestSummary{Added: rep.Added, Updated: rep.Updated, Unchanged: rep.Unchanged, Rejected: rep.Rejected}, err
	}
	srv := httptest.NewServer(server.New(ex, opt))
	defer srv.Close()

	budget := &errorBudget{t: t, max: 10}
	rctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var answers atomic.Int64
	counts := sync.Map{} // totalCount of sources the readers saw
	for range 2 {
		wg.Go(func() {
			body, _ := json.Marshal(map[string]string{"query": corpus.Query})
			for rctx.Err() == nil {
				req, _ := http.NewRequestWithContext(rctx, http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if rctx.Err() != nil {
					return
				}
				if err != nil {
					budget.errorf("query: %v", err)
					return
				}
				var res struct {
					Data   json.RawMessage `json:"data"`
					Errors []struct{ Message string }
				}
				err = json.NewDecoder(resp.Body).Decode(&res)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					budget.errorf("query: status %d, %v", resp.StatusCode, err)
					continue
				}
				var errs []string
				for _, e := range res.Errors {
					errs = append(errs, "graphql error: "+e.Message)
				}
				var data any
				if err := json.Unmarshal(res.Data, &data); err != nil {
					errs = append(errs, err.Error())
				}
				for _, p := range checkAnswer(data, errs) {
					budget.errorf("graphql: %s", p)
				}
				var a snapshotAnswer
				if json.Unmarshal(res.Data, &a) == nil {
					counts.Store(a.Sources.TotalCount, true)
				}
				answers.Add(1)
			}
		})
	}
	start := time.Now()
	for version := 1; version <= 2; version++ {
		var body bytes.Buffer
		for _, a := range corpus.Generate(t, "srv", n, 13, version) {
			line, err := json.Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			body.Write(line)
			body.WriteByte('\n')
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/ingest", &body)
		req.Header.Set("Authorization", "Bearer t")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var sum server.IngestSummary
		err = json.NewDecoder(resp.Body).Decode(&sum)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("POST /ingest version %d: status %d, %v", version, resp.StatusCode, err)
		}
		want := server.IngestSummary{Added: n}
		if version == 2 {
			want = server.IngestSummary{Updated: n}
		}
		sum.Rejections = nil
		if fmt.Sprint(sum) != fmt.Sprint(want) {
			t.Errorf("POST /ingest version %d: %+v, want %+v", version, sum, want)
		}
	}
	stop()
	wg.Wait()
	var seen []string
	counts.Range(func(k, _ any) bool { seen = append(seen, fmt.Sprint(k)); return true })
	t.Logf("%d articles posted twice, %d GraphQL answers (source counts seen: %s) in %v",
		n, answers.Load(), strings.Join(seen, " "), time.Since(start).Round(time.Millisecond))
	if len(seen) < 3 {
		t.Errorf("readers saw only source counts %v: they did not overlap the ingest", seen)
	}
}
