package store

import (
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// codecRows are one row of each binary row type, with every field set.
func codecRows() []struct {
	name string
	row  binaryRow
	zero func() binaryRowDecoder
} {
	ev := []graph.Evidence{{Span: graph.Span{Start: 3, End: 40}, Text: "A sentence, with ünïcode."}, {Span: graph.Span{Start: -1, End: 0}, Text: ""}}
	return []struct {
		name string
		row  binaryRow
		zero func() binaryRowDecoder
	}{
		{"entity", &entityRow{Name: "Firstname Lastname", Type: graph.Person, Aliases: []string{"Lastname", "F. Lastname"},
			Titles: []string{"Minister"}, Evidence: ev}, func() binaryRowDecoder { return &entityRow{} }},
		{"entity without lists", &entityRow{Name: "X", Type: graph.Place}, func() binaryRowDecoder { return &entityRow{} }},
		{"event", &eventRow{Name: "visit", Kind: "trip", Date: graph.Date{Year: 2023, Month: 6}, Place: 42,
			Participants: []graph.ID{1, 1 << 63}, Evidence: ev}, func() binaryRowDecoder { return &eventRow{} }},
		{"statement", &statementRow{Speaker: 7, Text: "we made progress", Direct: true,
			Date: graph.Date{Month: 6, Day: 19}, Evidence: ev}, func() binaryRowDecoder { return &statementRow{} }},
		{"series", &seriesRow{Participants: []graph.ID{5, 9}, Status: 2, Published: graph.Date{Year: 2023, Month: 6, Day: 18}, Claims: []meetingRow{
			{Date: graph.Date{Year: 2023, Month: 6, Day: 19}, EndDate: graph.Date{Year: 2023, Month: 6, Day: 20}, DateText: "Monday",
				Place: 11, PlaceScope: graph.ScopeRoom, City: 12, DurationMinutes: 35, Event: 13, Evidence: ev},
			{},
		}}, func() binaryRowDecoder { return &seriesRow{} }},
		{"edge", &edgeRow{Items: []edgeItem{{Title: "chief", Evidence: ev}, {}}}, func() binaryRowDecoder { return &edgeRow{} }},
		{"source", &sourceRow{Source: graph.Source{Key: "k", URL: "https://example.com/a", Title: "T", Publisher: "P",
			Published: graph.Date{Year: 2023}, Hash: "abc"}, Rows: []byte{1, 2, 3}, Corr: "fp"},
			func() binaryRowDecoder { return &sourceRow{} }},
		{"head", &headRow{Meetings: []graph.ID{3, 1 << 63}, Group: []graph.ID{1, 2, 5}}, func() binaryRowDecoder { return &headRow{} }},
		{"head of a series alone", &headRow{Meetings: []graph.ID{3}}, func() binaryRowDecoder { return &headRow{} }},
	}
}

// withoutEvidence returns a copy of a decoded row with every Evidence nil.
func withoutEvidence(v binaryRowDecoder) binaryRowDecoder {
	switch v := v.(type) {
	case *entityRow:
		c := *v
		c.Evidence = nil
		return &c
	case *eventRow:
		c := *v
		c.Evidence = nil
		return &c
	case *statementRow:
		c := *v
		c.Evidence = nil
		return &c
	case *seriesRow:
		c := *v
		c.Claims = append([]meetingRow(nil), v.Claims...)
		for i := range c.Claims {
			c.Claims[i].Evidence = nil
		}
		return &c
	case *edgeRow:
		c := *v
		c.Items = append([]edgeItem(nil), v.Items...)
		for i := range c.Items {
			c.Items[i].Evidence = nil
		}
		return &c
	}
	return v
}

func TestCodecRoundTrip(t *testing.T) {
	for _, tt := range codecRows() {
		t.Run(tt.name, func(t *testing.T) {
			b, err := encodeValue(tt.row)
			if err != nil {
				t.Fatal(err)
			}
			got := tt.zero()
			if err := decodeValue(b, got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.row) {
				t.Errorf("decoded %+v\nwant %+v", got, tt.row)
			}
			lean := tt.zero()
			if err := decodeRow(b, lean, false); err != nil {
				t.Fatal(err)
			}
			if want := withoutEvidence(got); !reflect.DeepEqual(lean, want) {
				t.Errorf("without evidence %+v\nwant %+v", lean, want)
			}
		})
	}
}

func TestCodecNode(t *testing.T) {
	row := &entityRow{Name: "A", Type: graph.Person, Evidence: []graph.Evidence{{Text: "A was there."}}}
	b, err := encodeNode(graph.KindEntity, row)
	if err != nil {
		t.Fatal(err)
	}
	if k := nodeKindOf(b); k != graph.KindEntity {
		t.Errorf("kind %v, want %v", k, graph.KindEntity)
	}
	var got entityRow
	if err := decodeNode(b, &got, true); err != nil || !reflect.DeepEqual(&got, row) {
		t.Errorf("decodeNode = %+v, %v; want %+v", got, err, row)
	}
	if err := decodeNode(nil, &got, true); err == nil {
		t.Error("decodeNode(nil): no error")
	}
}

// Every truncation and any trailing byte must give an error, never a panic
// or a silently short row.
func TestCodecMalformed(t *testing.T) {
	for _, tt := range codecRows() {
		t.Run(tt.name, func(t *testing.T) {
			b, err := encodeValue(tt.row)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := tt.row.(*sourceRow); !ok { // a source row's tail is its row list
				if err := decodeValue(append(b[:len(b):len(b)], 0), tt.zero()); err == nil {
					t.Error("trailing byte: no error")
				}
			}
			for n := range len(b) {
				if _, ok := tt.row.(*sourceRow); ok && n >= len(b)-3 {
					continue // cuts into the row list, which splitRowList checks
				}
				if err := decodeValue(b[:n], tt.zero()); err == nil {
					t.Errorf("first %d of %d bytes: no error", n, len(b))
				}
			}
		})
	}
	if _, _, err := sourceOf([]byte{0xFF}); err == nil {
		t.Error("sourceOf(malformed): no error")
	}
}

func TestSourceOf(t *testing.T) {
	row := sourceRow{Source: graph.Source{Key: "k", Title: strings.Repeat("t", 300)}, Rows: appendRowList(nil, [][]byte{{1}}), Corr: "c"}
	b, err := encodeValue(row)
	if err != nil {
		t.Fatal(err)
	}
	src, corr, err := sourceOf(b)
	if err != nil || src != row.Source || corr != row.Corr {
		t.Errorf("sourceOf = %+v, %q, %v; want %+v, %q", src, corr, err, row.Source, row.Corr)
	}
}

// FuzzDecodeValue: no input makes a decoder panic.
func FuzzDecodeValue(f *testing.F) {
	for _, tt := range codecRows() {
		b, err := encodeValue(tt.row)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tt := range codecRows() {
			_ = decodeValue(b, tt.zero())
			_ = decodeRow(b, tt.zero(), false)
		}
		_, _, _ = sourceOf(b)
	})
}
