package graph

import "testing"

func TestVenueScopeOf(t *testing.T) {
	tests := []struct {
		name string
		want VenueScope
	}{
		{"Malachite Room", ScopeRoom},
		{"the Ivory Office", ScopeRoom},
		{"Throne Room of the Verdana Palace", ScopeRoom},
		{"East Wing", ScopeRoom},
		{"Verdana Palace", ScopeBuilding},
		{"Palace of Westminster", ScopeBuilding},
		{"Harbour Hall", ScopeUnknown}, // a hall is a room or a whole building
		{"Great Hall of the Nation", ScopeUnknown},
		{"Corvo Estate", ScopeGrounds},
		{"Palace", ScopeUnknown}, // a bare head names no venue
		{"Corvo", ScopeUnknown},
		{"Downing Street", ScopeUnknown},
	}
	for _, tt := range tests {
		if got := VenueScopeOf(tt.name); got != tt.want {
			t.Errorf("VenueScopeOf(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
