package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
)

// defaultExportDepth is the depth of a cut when center is given alone, as
// the graph query's default.
const defaultExportDepth = 2

// exportHandler serves GET /export/{format}?center=&depth=. The export is
// written to a buffer first, so that a failure is a clean error status and
// a success has its Content-Length.
func exportHandler(log *slog.Logger, write func(context.Context, io.Writer, export.Request) error, timeout time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		req := export.Request{Format: export.Format(chi.URLParam(r, "format")), Center: r.URL.Query().Get("center")}
		if req.Center != "" {
			req.Depth = defaultExportDepth
		}
		if d := r.URL.Query().Get("depth"); d != "" {
			n, err := strconv.Atoi(d)
			if err != nil {
				writeError(w, http.StatusBadRequest, "depth must be a number")
				return
			}
			req.Depth = n
		}
		ctx := r.Context()
		if timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		var buf bytes.Buffer
		err := write(ctx, &buf, req)
		switch {
		case errors.Is(err, export.ErrUnknownFormat), errors.Is(err, graph.ErrNotFound):
			writeError(w, http.StatusNotFound, err.Error())
			return
		case errors.Is(err, export.ErrBadRequest):
			writeError(w, http.StatusBadRequest, err.Error())
			return
		case errors.Is(err, context.DeadlineExceeded):
			writeError(w, http.StatusGatewayTimeout, "export took too long")
			return
		case err != nil:
			log.ErrorContext(ctx, "export failed", "format", req.Format, "err", err, "request_id", RequestID(ctx))
			writeError(w, http.StatusInternalServerError, "internal server error")
			return
		}
		h := w.Header()
		h.Set("Content-Type", export.MediaType(req.Format))
		h.Set("Content-Disposition", `attachment; filename="`+export.FileName(req.Format)+`"`)
		h.Set("Content-Length", strconv.Itoa(buf.Len()))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(buf.Bytes())
	}
}
