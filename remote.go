package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/server"
)

// serverIngest returns the server's POST /ingest: the body's records are
// ingested into st as "newsgraph ingest -" would, one batch at a time (a
// store.Count over the batch is the summary's), while queries go on
// reading snapshots.
func serverIngest(st *store.Store, workers int) server.IngestFunc {
	var mu sync.Mutex
	return func(ctx context.Context, body io.Reader) (*server.IngestSummary, error) {
		mu.Lock()
		defer mu.Unlock()
		count, err := st.BeginCount(ctx)
		if err != nil {
			return nil, err
		}
		defer count.Close()
		p, err := ingest.New(ingest.Options{Workers: workers})
		if err != nil {
			return nil, err
		}
		rep, err := p.IngestRequest(ctx, st, body)
		if rep == nil {
			return nil, err
		}
		// What was committed is counted even when the batch stopped.
		d, cerr := count.Finish(context.WithoutCancel(ctx))
		if cerr != nil {
			return nil, errors.Join(err, cerr)
		}
		sum := &server.IngestSummary{
			Added: rep.Added, Updated: rep.Updated, Unchanged: rep.Unchanged, Rejected: len(rep.Rejections),
			NodesAdded: d.NodesAdded, NodesRemoved: d.NodesRemoved, Nodes: d.Nodes,
			EdgesAdded: d.EdgesAdded, EdgesRemoved: d.EdgesRemoved, Edges: d.Edges,
		}
		for _, r := range rep.Rejections {
			sum.Rejections = append(sum.Rejections, server.IngestRejection{Input: r.Input, Error: r.Err.Error()})
		}
		return sum, err
	}
}

// wireRecord is one line of a POST /ingest body: a JSONL article and its
// identity as the client computed it.
type wireRecord struct {
	Key       string `json:"key"`
	ID        string `json:"id,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Text      string `json:"text"`
}

// ingestRemote reads paths as a local ingest does and streams the articles
// to the server at base (POST base/ingest), then prints the rejections, the
// local ones and the server's, by input name, and the server's summary, as
// a local ingest prints them.
func (e *env) ingestRemote(ctx context.Context, base, token string, paths []string) error {
	start := time.Now()
	var stdin io.Reader
	if slices.Contains(paths, "-") {
		r, stop := readUntilDone(ctx, e.stdin)
		defer stop()
		stdin = r
	}
	pr, pw := io.Pipe()
	var (
		inputs []string // inputs[i] names the record on line i+1 of the body
		local  []source.Rejection
		walked = make(chan struct{})
	)
	go func() {
		defer close(walked)
		bw := bufio.NewWriterSize(pw, 64<<10)
		enc := json.NewEncoder(bw)
		err := source.Walk(ctx, paths, source.Options{Stdin: stdin}, func(r source.Raw) error {
			input := r.Path
			if r.Line > 0 {
				input = r.Path + ":" + strconv.Itoa(r.Line)
			}
			inputs = append(inputs, input)
			h := r.Header
			return enc.Encode(wireRecord{Key: r.Key, ID: h.ID, URL: h.URL, Title: h.Title,
				Published: h.Published, Publisher: h.Publisher, Text: r.Body})
		}, func(r source.Rejection) { local = append(local, r) })
		if err == nil {
			err = bw.Flush()
		}
		pw.CloseWithError(err) // nil: EOF for the server
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(base, "/")+"/ingest", pr)
	if err != nil {
		pr.Close()
		<-walked
		return fmt.Errorf("ingest --server: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	pr.Close() // the body is sent, or will never be: let the walk end
	<-walked
	if err != nil {
		if ctx.Err() != nil {
			// The server stops after the articles in flight; what it
			// committed it does not say to a client that went away.
			fmt.Fprintln(e.stderr, "interrupted: the server stops after the articles in flight; run the same command again to finish (stored articles are skipped as unchanged)")
			return errInterrupted
		}
		return fmt.Errorf("ingest --server %s: %w", base, err)
	}
	defer resp.Body.Close()
	sum, err := readSummary(resp)
	if err != nil {
		return fmt.Errorf("ingest --server %s: %w", base, err)
	}
	for _, r := range local {
		fmt.Fprintf(e.stderr, "rejected %s\n", r.Error())
	}
	for _, r := range sum.Rejections {
		fmt.Fprintf(e.stderr, "rejected %s: %s\n", remoteInput(r.Input, inputs), r.Error)
	}
	rejected := len(local) + len(sum.Rejections)
	fmt.Fprintf(e.stderr, "ingested %d added, %d updated, %d unchanged, %d deleted, %d rejected; nodes +%d -%d (%d), edges +%d -%d (%d) in %s\n",
		sum.Added, sum.Updated, sum.Unchanged, 0, rejected,
		sum.NodesAdded, sum.NodesRemoved, sum.Nodes, sum.EdgesAdded, sum.EdgesRemoved, sum.Edges,
		time.Since(start).Round(time.Millisecond))
	if sum.Error != "" {
		return fmt.Errorf("ingest --server %s: %s", base, sum.Error)
	}
	if rejected > 0 {
		return errRejected
	}
	return nil
}

// readSummary decodes the reply of POST /ingest: the summary (also sent,
// with its Error, when the batch stopped early), or the server's message.
func readSummary(resp *http.Response) (*server.IngestSummary, error) {
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("read reply: %w", err)
	}
	var reply struct {
		server.IngestSummary
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	jerr := json.Unmarshal(b, &reply)
	switch {
	case jerr == nil && (resp.StatusCode == http.StatusOK || reply.Error != ""):
		return &reply.IngestSummary, nil
	case jerr == nil && len(reply.Errors) > 0:
		return nil, fmt.Errorf("%s: %s", resp.Status, reply.Errors[0].Message)
	case resp.StatusCode == http.StatusOK:
		return nil, fmt.Errorf("reply: %w", jerr)
	}
	return nil, fmt.Errorf("%s", resp.Status)
}

// remoteInput names a server's rejection "-:LINE" by the input that line
// of the body came from.
func remoteInput(input string, inputs []string) string {
	if n, err := strconv.Atoi(strings.TrimPrefix(input, "-:")); err == nil && n >= 1 && n <= len(inputs) {
		return inputs[n-1]
	}
	return input
}
