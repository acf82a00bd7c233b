package ner_test

import (
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/ingest/ner"
)

func ExampleModel_Tag() {
	m, err := ner.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	words := strings.Fields("Indonesian President Joko Widodo met Japanese Prime Minister Fumio Kishida in Jakarta on Tuesday .")
	labels := m.Tag(words)
	for _, s := range ner.Spans(labels) {
		fmt.Println(s.Type, strings.Join(words[s.Start:s.End], " "))
	}
	// Output:
	// MISC Indonesian
	// PER Joko Widodo
	// MISC Japanese
	// PER Fumio Kishida
	// LOC Jakarta
}
