package graph_test

import (
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func TestStatementKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the world needs a \u201cgenerally stable\u201d relationship", "generally stable"},
		{"that the world needed a \u201cgenerally stable\u201d relationship", "generally stable"},
		{`He said "we are ready" and "we will go".`, "we are ready we will go"},
		{"No quotes, here: 42 times!", "no quotes here 42 times"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := graph.StatementKey(tt.in); got != tt.want {
				t.Errorf("StatementKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
