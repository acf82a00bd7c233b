package export

import (
	"bufio"
	"encoding/json"
	"slices"

	"github.com/newsgraph/newsgraph/graph"
)

// The JSON Lines records. Field order is struct order, every field is always
// present (empty lists as []), dates are strings and sources are sorted
// source keys, so equal graphs give equal bytes.

type jsonEvidence struct {
	Source string `json:"source"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
}

type jsonConflictValue struct {
	Value   string   `json:"value"`
	Sources []string `json:"sources"`
}

type jsonConflict struct {
	Field  string              `json:"field"`
	Values []jsonConflictValue `json:"values"`
}

type jsonEntity struct {
	Kind     string         `json:"kind"`
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Type     string         `json:"type"`
	Aliases  []string       `json:"aliases"`
	Titles   []string       `json:"titles"`
	Sources  []string       `json:"sources"`
	Evidence []jsonEvidence `json:"evidence"`
}

type jsonMeeting struct {
	Kind            string         `json:"kind"`
	ID              string         `json:"id"`
	Participants    []string       `json:"participants"`
	Date            string         `json:"date"`
	EndDate         string         `json:"endDate"`
	DateText        string         `json:"dateText"`
	Place           string         `json:"place"`
	City            string         `json:"city"`
	DurationMinutes int            `json:"durationMinutes"`
	Status          string         `json:"status"`
	Event           string         `json:"event"`
	Conflicts       []jsonConflict `json:"conflicts"`
	Sources         []string       `json:"sources"`
	Evidence        []jsonEvidence `json:"evidence"`
}

type jsonStatement struct {
	Kind     string         `json:"kind"`
	ID       string         `json:"id"`
	Speaker  string         `json:"speaker"`
	Text     string         `json:"text"`
	Direct   bool           `json:"direct"`
	Date     string         `json:"date"`
	Sources  []string       `json:"sources"`
	Evidence []jsonEvidence `json:"evidence"`
}

type jsonEvent struct {
	Kind         string         `json:"kind"`
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	EventKind    string         `json:"eventKind"`
	Date         string         `json:"date"`
	Place        string         `json:"place"`
	Participants []string       `json:"participants"`
	DisruptedBy  []string       `json:"disruptedBy"`
	Disrupted    []string       `json:"disrupted"`
	Sources      []string       `json:"sources"`
	Evidence     []jsonEvidence `json:"evidence"`
}

type jsonSource struct {
	Kind      string `json:"kind"`
	ID        string `json:"id"`
	Key       string `json:"key"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
	Hash      string `json:"hash"`
}

// jsonPlaceholder is a node an edge names but the snapshot lacks.
type jsonPlaceholder struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

type jsonEdge struct {
	Kind     string         `json:"kind"` // always "Edge"
	ID       string         `json:"id"`
	Type     string         `json:"type"`
	From     string         `json:"from"`
	To       string         `json:"to"`
	Title    string         `json:"title"`
	Meeting  string         `json:"meeting"` // MET_WITH: the meeting the pair met at
	Sources  []string       `json:"sources"`
	Evidence []jsonEvidence `json:"evidence"`
}

// writeJSONL writes one JSON object per line: nodes sorted by kind and ID,
// then edges.
func writeJSONL(w *bufio.Writer, v *view) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range v.nodes {
		if err := enc.Encode(v.jsonNode(&v.nodes[i])); err != nil {
			return err
		}
	}
	for i := range v.edges {
		e := &v.edges[i]
		rec := jsonEdge{Kind: "Edge", ID: e.id, Type: e.e.Type.String(), From: e.from, To: e.to,
			Title: e.e.Title, Meeting: v.optRef(e.e.Meeting, graph.KindMeeting), Sources: v.sourceKeys(e.e.Sources), Evidence: v.jsonEvidence(e.e.Evidence)}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

func (v *view) jsonNode(n *node) any {
	switch x := n.n.(type) {
	case *graph.Entity:
		return jsonEntity{Kind: n.kind.String(), ID: n.ref, Name: x.Name, Type: x.Type.String(),
			Aliases: sortedStrings(x.Aliases), Titles: sortedStrings(x.Titles),
			Sources: v.sourceKeys(x.Sources), Evidence: v.jsonEvidence(x.Evidence)}
	case *graph.Meeting:
		return jsonMeeting{Kind: n.kind.String(), ID: n.ref, Participants: v.refList(x.Participants, graph.KindEntity),
			Date: x.Date.String(), EndDate: x.EndDate.String(), DateText: x.DateText,
			Place: v.optRef(x.Place, graph.KindEntity), City: v.optRef(x.City, graph.KindEntity),
			DurationMinutes: x.DurationMinutes, Status: x.Status.String(), Event: v.optRef(x.Event, graph.KindEvent),
			Conflicts: v.jsonConflicts(x.Conflicts), Sources: v.sourceKeys(x.Sources), Evidence: v.jsonEvidence(x.Evidence)}
	case *graph.Statement:
		return jsonStatement{Kind: n.kind.String(), ID: n.ref, Speaker: v.ref(x.Speaker, graph.KindEntity),
			Text: x.Text, Direct: x.Direct, Date: x.Date.String(),
			Sources: v.sourceKeys(x.Sources), Evidence: v.jsonEvidence(x.Evidence)}
	case *graph.Event:
		return jsonEvent{Kind: n.kind.String(), ID: n.ref, Name: x.Name, EventKind: x.Kind, Date: x.Date.String(),
			Place: v.optRef(x.Place, graph.KindEntity), Participants: v.refList(x.Participants, graph.KindEntity),
			DisruptedBy: v.refList(x.DisruptedBy, graph.KindEvent), Disrupted: v.refList(x.Disrupted, graph.KindEvent),
			Sources: v.sourceKeys(x.Sources), Evidence: v.jsonEvidence(x.Evidence)}
	case *graph.Source:
		return jsonSource{Kind: n.kind.String(), ID: n.ref, Key: x.Key, URL: x.URL, Title: x.Title,
			Publisher: x.Publisher, Published: x.Published.String(), Hash: x.Hash}
	}
	return jsonPlaceholder{Kind: n.kind.String(), ID: n.ref}
}

func sortedStrings(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out
}

// optRef is the ref of id, or "" for the zero ID.
func (v *view) optRef(id graph.ID, want graph.NodeKind) string {
	if id == 0 {
		return ""
	}
	return v.ref(id, want)
}

// refList returns the refs of ids, sorted.
func (v *view) refList(ids []graph.ID, want graph.NodeKind) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = v.ref(id, want)
	}
	slices.Sort(out)
	return out
}

func (v *view) jsonEvidence(ev []graph.Evidence) []jsonEvidence {
	sorted := v.sortedEvidence(ev)
	out := make([]jsonEvidence, len(sorted))
	for i, e := range sorted {
		out[i] = jsonEvidence{Source: v.srcKey(e.Source), Start: e.Span.Start, End: e.Span.End, Text: e.Text}
	}
	return out
}

func (v *view) jsonConflicts(cs []graph.Conflict) []jsonConflict {
	out := make([]jsonConflict, 0, len(cs))
	for _, c := range sortedConflicts(cs) {
		jc := jsonConflict{Field: c.Field, Values: make([]jsonConflictValue, len(c.Values))}
		for i, val := range c.Values {
			jc.Values[i] = jsonConflictValue{Value: val.Value, Sources: v.sourceKeys(val.Sources)}
		}
		out = append(out, jc)
	}
	return out
}
