package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
)

// startNATS starts one embedded nats-server with JetStream on a free
// loopback port and returns its URL.
func startNATS(t *testing.T) string {
	t.Helper()
	s, err := natsserver.NewServer(&natsserver.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(30 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	return s.ClientURL()
}

// httpDo sends a request and returns the status and body.
func httpDo(ctx context.Context, t *testing.T, method, url, token, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
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
	return resp.StatusCode, b
}

// TestServeReplica runs the commands: a writer (serve --publish) takes
// articles and a deletion, a replica (serve --replica) refuses writes,
// reports its lag and ends with the writer's export; a replica started
// later bootstraps from the snapshot ingest --publish leaves.
func TestServeReplica(t *testing.T) {
	bin := newsgraphBinary(t)
	ctx := context.Background()
	nats := startNATS(t)
	dir := t.TempDir()
	stream := []string{"--stream", "CLI", "--stream-replicas", "1"}

	// A batch ingested with --publish, before any server runs.
	wdb := filepath.Join(dir, "writer.db")
	_, stderr, code := runBinary(ctx, t, bin, append([]string{"ingest", "--db", wdb, "--publish", nats}, append(stream, "testdata/articles")...)...)
	if code != 0 {
		t.Fatalf("ingest --publish: exit %d\n%s", code, stderr)
	}

	wsrv, wend := startServe(ctx, t, bin, wdb, append([]string{"--publish", nats, "--token", "sesame"}, stream...)...)
	rsrv, rend := startServe(ctx, t, bin, filepath.Join(dir, "replica.db"), append([]string{"--replica", nats}, stream...)...)
	wurl, rurl := strings.TrimSuffix(wend, "/graphql"), strings.TrimSuffix(rend, "/graphql")

	// Writes on the replica are refused, saying where they go.
	code, body := httpDo(ctx, t, http.MethodPost, rurl+"/ingest", "sesame", `{"text":"x"}`)
	if code != http.StatusForbidden || !bytes.Contains(body, []byte("read replica")) {
		t.Errorf("POST /ingest on the replica: %d %s, want 403 naming the replica", code, body)
	}
	code, body = httpDo(ctx, t, http.MethodPost, rend, "sesame", `{"query":"mutation { deleteSource(id: \"x\") { key } }"}`)
	if code != http.StatusForbidden || !bytes.Contains(body, []byte("read replica")) {
		t.Errorf("mutation on the replica: %d %s, want 403 naming the replica", code, body)
	}

	// A deletion on the writer reaches the replica.
	var sources struct {
		Data struct {
			Sources struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
	}
	postGraphQL(ctx, t, wend, `{ sources(first: 1) { edges { node { id } } } }`, &sources)
	if len(sources.Data.Sources.Edges) == 0 {
		t.Fatal("writer has no sources")
	}
	q, _ := json.Marshal(map[string]string{"query": fmt.Sprintf("mutation { deleteSource(id: %q) { key } }", sources.Data.Sources.Edges[0].Node.ID)})
	code, body = httpDo(ctx, t, http.MethodPost, wend, "sesame", string(q))
	if code != http.StatusOK || bytes.Contains(body, []byte(`"errors"`)) {
		t.Fatalf("deleteSource on the writer: %d %s", code, body)
	}
	want := waitSameExport(ctx, t, wurl, rurl)

	var health struct {
		Replica struct{ Applied, Last, Lag uint64 }
	}
	_, body = httpDo(ctx, t, http.MethodGet, rurl+"/healthz", "", "")
	if err := json.Unmarshal(body, &health); err != nil || health.Replica.Applied == 0 || health.Replica.Lag != 0 {
		t.Errorf("replica /healthz: %s (%v), want applied > 0 and lag 0", body, err)
	}

	// A replica started on an empty database bootstraps from the snapshot.
	fsrv, fend := startServe(ctx, t, bin, filepath.Join(dir, "fresh.db"), append([]string{"--replica", nats}, stream...)...)
	if got := waitSameExport(ctx, t, wurl, strings.TrimSuffix(fend, "/graphql")); !bytes.Equal(got, want) {
		t.Errorf("fresh replica: export differs")
	}
	stopServe(t, fsrv)
	stopServe(t, rsrv)
	stopServe(t, wsrv)
}

// waitSameExport polls until the replica at rurl exports the writer's
// (wurl) graph in JSON Lines, and returns it.
func waitSameExport(ctx context.Context, t *testing.T, wurl, rurl string) []byte {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		_, w := httpDo(ctx, t, http.MethodGet, wurl+"/export/jsonl", "", "")
		_, r := httpDo(ctx, t, http.MethodGet, rurl+"/export/jsonl", "", "")
		if len(w) > 0 && bytes.Equal(w, r) {
			return w
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica's export (%d bytes) is not the writer's (%d bytes) after 2 minutes", len(r), len(w))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
