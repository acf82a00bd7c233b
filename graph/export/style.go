package export

import (
	"encoding/json"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// nodeStyle is how one class of node is drawn. It is the one palette of
// the project: the DOT export, the Cytoscape stylesheet and the /explore
// page (which gets the stylesheet from CytoscapeStyle) all draw from it.
type nodeStyle struct {
	class    string // entity type for entities, else the node kind in upper case: GraphQL's NodeType
	color    string
	dotShape string
	cyShape  string // Cytoscape.js node shape
}

// styles lists the node classes; the last is the fallback.
var styles = [...]nodeStyle{
	{"PERSON", "#8ecae6", "ellipse", "ellipse"},
	{"ORGANIZATION", "#b39ddb", "ellipse", "round-rectangle"},
	{"PLACE", "#a5d6a7", "ellipse", "hexagon"},
	{"MEETING", "#ffd166", "box", "diamond"},
	{"EVENT", "#ef9a9a", "diamond", "star"},
	{"STATEMENT", "#e0e0e0", "note", "round-tag"},
	{"SOURCE", "#c8b79e", "folder", "rectangle"},
	{"UNKNOWN", "#ffffff", "point", "ellipse"},
}

// styleOf is the style of a node of kind k; typ is an entity's type.
func styleOf(k graph.NodeKind, typ string) nodeStyle {
	class := strings.ToUpper(k.String())
	if k == graph.KindEntity {
		class = typ
	}
	for _, s := range styles {
		if s.class == class {
			return s
		}
	}
	return styles[len(styles)-1]
}

// cyRule is one rule of a Cytoscape.js stylesheet.
type cyRule struct {
	Selector string         `json:"selector"`
	Style    map[string]any `json:"style"`
}

// CytoscapeStyle returns the Cytoscape.js stylesheet (a JSON array of
// {selector, style}) of the cytoscape export: node colour and shape by
// entity type or node kind, node label its label, edge label its type,
// arrows on directed edges. Nodes carry the class in data.group (what vis-network groups by; the
// graph query's GraphNode.group).
func CytoscapeStyle() []byte {
	rules := []cyRule{
		{"node", map[string]any{"label": "data(label)", "font-size": 10, "text-wrap": "ellipsis",
			"text-max-width": 140, "text-valign": "bottom", "text-margin-y": 3, "width": 24, "height": 24,
			"border-width": 1, "border-color": "#555"}},
		{"edge", map[string]any{"label": "data(type)", "font-size": 7, "color": "#555", "width": 1.5,
			"line-color": "#9e9e9e", "target-arrow-color": "#9e9e9e", "target-arrow-shape": "triangle",
			"curve-style": "bezier", "text-rotation": "autorotate", "text-background-color": "#fff",
			"text-background-opacity": 0.8}},
		{`edge[type = "MET_WITH"]`, map[string]any{"target-arrow-shape": "none", "line-color": "#f4a261", "width": 2.5}},
	}
	for _, s := range styles {
		rules = append(rules, cyRule{Selector: `node[group = "` + s.class + `"]`,
			Style: map[string]any{"background-color": s.color, "shape": s.cyShape}})
	}
	b, err := json.Marshal(rules)
	if err != nil {
		return []byte("[]") // unreachable: the rules are plain maps of strings and numbers
	}
	return b
}
