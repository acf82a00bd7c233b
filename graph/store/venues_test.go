package store

import "testing"

func TestVenueScopeOf(t *testing.T) {
	tests := []struct {
		name string
		want venueScope
	}{
		{"Malachite Room", scopeRoom},
		{"the Ivory Office", scopeRoom},
		{"Throne Room of the Verdana Palace", scopeRoom},
		{"East Wing", scopeRoom},
		{"Verdana Palace", scopeBuilding},
		{"Palace of Westminster", scopeBuilding},
		{"Harbour Hall", scopeUnknown}, // a hall is a room or a whole building
		{"Great Hall of the Nation", scopeUnknown},
		{"Corvo Estate", scopeGrounds},
		{"Palace", scopeUnknown}, // a bare head names no venue
		{"Corvo", scopeUnknown},
		{"Downing Street", scopeUnknown},
	}
	for _, tt := range tests {
		if got := venueScopeOf(tt.name); got != tt.want {
			t.Errorf("venueScopeOf(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
