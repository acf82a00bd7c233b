package extract

import (
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func TestTextAnchor(t *testing.T) {
	tests := []struct {
		name, body string
		want       graph.Date
	}{
		{"one day", "A arrived on June 11, 2025 for a visit.", graph.Date{Year: 2025, Month: 6, Day: 11}},
		{"days of one week, the latest", "On 9 June 2025 A left; on June 13, 2025 A met B.", graph.Date{Year: 2025, Month: 6, Day: 13}},
		{"a recalled day years before", "A met B on Thursday. They first met on June 11, 2019, and again on March 2, 2023.", graph.Date{}},
		{"no day", "A met B in June 2025.", graph.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textAnchor(tt.body); got != tt.want {
				t.Errorf("textAnchor(%q) = %v, want %v", tt.body, got, tt.want)
			}
		})
	}
}
