package schema

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

type gqlSubgraph struct {
	Graph struct {
		Truncated bool `json:"truncated"`
		Nodes     []struct {
			Data struct{ ID, Label, Kind, Group, Date string } `json:"data"`
		} `json:"nodes"`
		Edges []struct {
			Data struct{ ID, Source, Target, Type, Meeting string } `json:"data"`
			From string                                             `json:"from"`
			To   string                                             `json:"to"`
		} `json:"edges"`
	} `json:"graph"`
}

const subgraphFields = `{ truncated nodes { data { id label kind group date } } edges { data { id source target type meeting } from to } }`

// TestGraphArguments checks the filters, the limit and the truncated flag
// of Query.graph, and that its answer has the Cytoscape.js shape (data
// with id, source, target) and the vis-network one (from, to, group).
func TestGraphArguments(t *testing.T) {
	ex := newExec(t, fixture())
	blinken := GlobalID(graph.KindEntity, graph.EntityID(graph.Person, "Antony Blinken"))
	m1 := GlobalID(graph.KindMeeting, graph.NewID(graph.KindMeeting, "m1"))
	tests := []struct {
		name      string
		args      string
		nodes     int
		truncated bool
		groups    []string // every node's group is one of these
		edgeTypes []string // every edge's type is one of these; nil: any but MENTIONED_IN
		want      string   // a label that must be there
	}{
		{"types", `center: "Blinken", types: [PERSON, MEETING]`, 7, false, []string{"PERSON", "MEETING"}, nil, "Qin Gang"},
		{"edge types", `center: "Blinken", depth: 1, edgeTypes: [MET_WITH]`, 4, false, []string{"PERSON"}, []string{"MET_WITH"}, "Xi Jinping"},
		{"sources asked for", `center: "Blinken", depth: 1, types: [PERSON, SOURCE], edgeTypes: [MENTIONED_IN, MET_WITH]`, 5, false,
			[]string{"PERSON", "SOURCE"}, []string{"MENTIONED_IN", "MET_WITH"}, "Blinken meets Xi"},
		{"date range", `center: "Blinken", depth: 1, from: "2023-06-19", to: "2023-06-19"`, 8, false, nil, nil, "Xi Jinping – Antony Blinken, 2023-06-19"},
		{"date range excludes", `center: "Blinken", depth: 1, types: [MEETING], to: "2023-06-18"`, 2, false, []string{"PERSON", "MEETING"}, nil, "Antony Blinken – Qin Gang, 2023-06-18"},
		{"limit truncates", `center: "Blinken", limit: 3`, 3, true, nil, nil, "Antony Blinken"},
		{"limit not reached", `center: "Blinken", depth: 1, limit: 9`, 9, false, nil, nil, "Antony Blinken"},
		{"center by global ID", `center: "` + blinken + `", depth: 0`, 1, false, []string{"PERSON"}, nil, "Antony Blinken"},
		{"center a meeting", `center: "` + m1 + `", depth: 1`, 5, false, nil, nil, "Diaoyutai State Guesthouse"},
		{"overview types", `types: [EVENT]`, 2, false, []string{"EVENT"}, nil, "balloon incident"},
		{"overview truncated", `limit: 2`, 2, true, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out gqlSubgraph
			run(t, ex, `{ graph(`+tt.args+`) `+subgraphFields+` }`, nil, &out)
			g := out.Graph
			if len(g.Nodes) != tt.nodes || g.Truncated != tt.truncated {
				t.Errorf("%d nodes, truncated %v; want %d, %v: %+v", len(g.Nodes), g.Truncated, tt.nodes, tt.truncated, g.Nodes)
			}
			ids := map[string]bool{}
			found := tt.want == ""
			for _, n := range g.Nodes {
				ids[n.Data.ID] = true
				found = found || n.Data.Label == tt.want
				if tt.groups != nil && !slices.Contains(tt.groups, n.Data.Group) && n.Data.ID != blinken {
					t.Errorf("node %q of group %s", n.Data.Label, n.Data.Group)
				}
				if n.Data.Kind == "Meeting" && n.Data.Date == "" {
					t.Errorf("meeting %q without date", n.Data.Label)
				}
			}
			if !found {
				t.Errorf("no node %q", tt.want)
			}
			seen := map[string]bool{}
			for _, e := range g.Edges {
				if !ids[e.Data.Source] || !ids[e.Data.Target] || e.From != e.Data.Source || e.To != e.Data.Target {
					t.Errorf("edge %+v: ends not among the nodes, or from/to differ from source/target", e)
				}
				if seen[e.Data.ID] {
					t.Errorf("edge ID %s twice", e.Data.ID)
				}
				seen[e.Data.ID] = true
				if tt.edgeTypes != nil && !slices.Contains(tt.edgeTypes, e.Data.Type) || tt.edgeTypes == nil && e.Data.Type == "MENTIONED_IN" {
					t.Errorf("edge of type %s", e.Data.Type)
				}
				if (e.Data.Type == "MET_WITH") != (e.Data.Meeting != "") {
					t.Errorf("edge %s: meeting %q", e.Data.Type, e.Data.Meeting)
				}
			}
		})
	}
}

// TestGraphDeterministic checks that the same query gives the same bytes,
// the center first.
func TestGraphDeterministic(t *testing.T) {
	var first []byte
	for i := range 5 {
		ex := newExec(t, fixture())
		res := ex.Execute(t.Context(), `{ graph(center: "Blinken", depth: 3) `+subgraphFields+` }`, nil, "")
		if len(res.Errors) > 0 {
			t.Fatal(res.Errors)
		}
		b, err := json.Marshal(res.Data)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
			if !strings.Contains(string(b), `"nodes":[{"data":{"date":null,"group":"PERSON","id":"`+
				GlobalID(graph.KindEntity, graph.EntityID(graph.Person, "Antony Blinken"))) {
				t.Errorf("center is not the first node: %s", b)
			}
			continue
		}
		if string(b) != string(first) {
			t.Fatalf("run %d differs:\n%s\n%s", i, b, first)
		}
	}
}

// TestSourceTextAndOffsets checks Source.text and that every unit's
// offsets cut the evidence sentence out of it in that unit.
func TestSourceTextAndOffsets(t *testing.T) {
	ex := newExec(t, fixture())
	var out struct {
		Meetings struct {
			Edges []struct {
				Node struct {
					Evidence []struct {
						Sentence                         string
						Source                           struct{ Text string }
						Start, End, U16S, U16E, CPS, CPE int
					} `json:"evidence"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"meetings"`
	}
	run(t, ex, `{ meetings { edges { node { evidence { sentence source { text } start end
		u16s: start(unit: UTF16) u16e: end(unit: UTF16) cps: start(unit: CODEPOINT) cpe: end(unit: CODEPOINT) } } } } }`, nil, &out)
	n := 0
	for _, e := range out.Meetings.Edges {
		for _, ev := range e.Node.Evidence {
			n++
			text := ev.Source.Text
			if text != fixtureText {
				t.Fatalf("text %q, want %q", text, fixtureText)
			}
			if got := text[ev.Start:ev.End]; got != ev.Sentence {
				t.Errorf("bytes [%d,%d) = %q, want %q", ev.Start, ev.End, got, ev.Sentence)
			}
			if ev.U16S != 10 || ev.U16E != 19 || ev.CPS != 9 || ev.CPE != 18 {
				t.Errorf("UTF-16 [%d,%d), code points [%d,%d); want [10,19), [9,18)", ev.U16S, ev.U16E, ev.CPS, ev.CPE)
			}
			if got := string([]rune(text)[ev.CPS:ev.CPE]); got != ev.Sentence {
				t.Errorf("code points [%d,%d) = %q, want %q", ev.CPS, ev.CPE, got, ev.Sentence)
			}
		}
	}
	if n == 0 {
		t.Fatal("no evidence")
	}
}

func TestTextUnitOffset(t *testing.T) {
	text := "aé😀b"
	tests := []struct {
		unit    textUnit
		at      int
		want    int
		wantErr bool
	}{
		{unitByte, 3, 3, false},
		{unitUTF16, 3, 2, false},
		{unitUTF16, 7, 4, false},
		{unitRune, 7, 3, false},
		{unitRune, 8, 4, false},
		{unitUTF16, 2, 0, true}, // inside é
		{unitRune, 9, 0, true},  // past the end
		{unitByte, -1, 0, true},
	}
	for _, tt := range tests {
		got, err := tt.unit.offset(text, tt.at)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("%v offset(%d) = %d, %v; want %d, error %v", tt.unit, tt.at, got, err, tt.want, tt.wantErr)
		}
	}
}
