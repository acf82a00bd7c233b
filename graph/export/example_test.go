package export_test

import (
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
)

func ExampleWriter() {
	src := graph.SourceID("a.txt")
	s := &graph.Snapshot{
		Entities: []*graph.Entity{{ID: graph.ID(0xab), Name: "Ada", Type: graph.Person, Sources: []graph.ID{src}}},
		Sources:  []*graph.Source{{ID: src, Key: "a.txt", Hash: "00"}},
	}
	write, err := export.Writer("jsonl")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := write(os.Stdout, s); err != nil {
		fmt.Println(err)
	}
	_, err = export.Writer("csv")
	fmt.Println(err)
	// Output:
	// {"kind":"Entity","id":"Entity:00000000000000ab","name":"Ada","type":"PERSON","aliases":[],"titles":[],"sources":["a.txt"],"evidence":[]}
	// {"kind":"Source","id":"Source:8dd0078351dba585","key":"a.txt","url":"","title":"","publisher":"","published":"","hash":"00"}
	// unknown export format "csv" (known: jsonl, cytoscape, graphml, gexf, dot, nquads, neo4j, dgraph)
}
