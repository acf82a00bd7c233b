package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxIngestBytes caps a POST /ingest body (256 MiB).
const DefaultMaxIngestBytes int64 = 256 << 20

// IngestFunc stores the articles of a POST /ingest body, JSONL records
// ({"id","url","title","published","publisher","text"}, and "key", the
// identity the client computed), and returns what the batch changed. On an
// error it still returns the summary of what was committed before it.
// Rejected records are named "-:LINE".
type IngestFunc func(ctx context.Context, body io.Reader) (*IngestSummary, error)

// IngestSummary is the reply of POST /ingest: the numbers of the summary
// line "newsgraph ingest" prints, and the rejected inputs.
type IngestSummary struct {
	Added        int               `json:"added"`
	Updated      int               `json:"updated"`
	Unchanged    int               `json:"unchanged"`
	Rejected     int               `json:"rejected"`
	NodesAdded   int               `json:"nodesAdded"`
	NodesRemoved int               `json:"nodesRemoved"`
	Nodes        int               `json:"nodes"`
	EdgesAdded   int               `json:"edgesAdded"`
	EdgesRemoved int               `json:"edgesRemoved"`
	Edges        int               `json:"edges"`
	Rejections   []IngestRejection `json:"rejections"`
	// Error is set, with a non-2xx status, when the batch stopped early;
	// the numbers are then what was committed before.
	Error string `json:"error,omitempty"`
}

// IngestRejection is one rejected input: "-:LINE" and the reason.
type IngestRejection struct {
	Input string `json:"input"`
	Error string `json:"error"`
}

// ingestHandler serves POST /ingest.
type ingestHandler struct {
	ingest  IngestFunc
	log     *slog.Logger
	maxBody int64
	token   string
}

// ServeHTTP checks the token, bounds the body and runs the batch. A body
// of Content-Type application/json is one article (a JSON object, which
// may span lines); any other is JSONL. The request has no time limit (a
// batch takes as long as it takes); a client that goes away stops it
// after the articles in flight.
func (h *ingestHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !authorizeBearer(w, r, h.token, "ingest") {
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{}) // not every ResponseWriter can
	_ = rc.SetWriteDeadline(time.Time{})
	var body io.Reader = http.MaxBytesReader(w, r.Body, h.maxBody)
	if ct := r.Header.Get("Content-Type"); strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/json") {
		b, err := io.ReadAll(body)
		if err != nil {
			writeError(w, http.StatusRequestEntityTooLarge, "request body larger than "+strconv.FormatInt(h.maxBody, 10)+" bytes")
			return
		}
		var one bytes.Buffer
		if err := json.Compact(&one, b); err != nil {
			writeError(w, http.StatusBadRequest, "invalid JSON body: "+jsonProblem(err))
			return
		}
		one.WriteByte('\n')
		body = &one
	}
	sum, err := h.ingest(r.Context(), body)
	if sum == nil {
		sum = &IngestSummary{}
	}
	if sum.Rejections == nil {
		sum.Rejections = []IngestRejection{}
	}
	var mbe *http.MaxBytesError
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, sum)
	case errors.As(err, &mbe):
		sum.Error = "request body larger than " + strconv.FormatInt(mbe.Limit, 10) + " bytes; the articles before that point were stored"
		writeJSON(w, http.StatusRequestEntityTooLarge, sum)
	case r.Context().Err() != nil:
		// The client is gone; nobody reads the reply.
		h.log.InfoContext(r.Context(), "ingest stopped: client went away", "request_id", RequestID(r.Context()))
	default:
		h.log.ErrorContext(r.Context(), "ingest failed", "err", err, "request_id", RequestID(r.Context()))
		sum.Error = "ingest failed (request " + RequestID(r.Context()) + "); the articles before that point were stored"
		writeJSON(w, http.StatusInternalServerError, sum)
	}
}
