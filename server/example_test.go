package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/newsgraph/newsgraph/server"
)

func ExampleNew() {
	exec := server.ExecutorFunc(func(ctx context.Context, query string, vars map[string]any, op string) *graphql.Result {
		return &graphql.Result{Data: map[string]any{"hello": "world"}}
	})
	opt := server.DefaultOptions()
	opt.Logger = slog.New(slog.DiscardHandler)
	opt.DefaultQuery = "{ hello }"
	h := server.New(exec, opt)

	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ hello }"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Body)
	fmt.Println(rec.Code, strings.TrimSpace(string(body)))
	// Output: 200 {"data":{"hello":"world"}}
}
