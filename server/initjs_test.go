package server

import (
	"encoding/json"
	"os/exec"
	"testing"
)

// TestInitKeepsQueryComments runs assets/init.js under Node.js with
// stand-ins for the DOM, React and GraphiQL (whose print of parse would
// drop comments) and checks that GraphiQL gets the server's default query
// as written, comments included.
func TestInitKeepsQueryComments(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on PATH")
	}
	js, err := assetFS.ReadFile("assets/init.js")
	if err != nil {
		t.Fatal(err)
	}
	query := "# Who met whom? Try meetings(participant: \"a name\").\n{\n  meetings(first: 20) { totalCount }\n}\n"
	q, _ := json.Marshal(query)
	harness := `
var mounted;
var el = { dataset: { endpoint: '/graphql', defaultQuery: ` + string(q) + ` }, textContent: 'Loading' };
var document = { getElementById: function () { return el; } };
function GraphiQL() {}
GraphiQL.createFetcher = function (o) { return o; };
GraphiQL.GraphQL = {
  parse: function (s) { return s; },
  print: function (s) { return s.replace(/#[^\n]*\n/g, ''); }
};
var React = { createElement: function (c, props) { return props; } };
var ReactDOM = { createRoot: function () { return { render: function (p) { mounted = p; } }; } };
` + string(js) + `
process.stdout.write(JSON.stringify(mounted.defaultQuery));
`
	out, err := exec.Command(node, "-e", harness).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("init.js output %q: %v", out, err)
	}
	if got != query {
		t.Errorf("GraphiQL gets the default query\n%q\nwant, as the server wrote it,\n%q", got, query)
	}
}
