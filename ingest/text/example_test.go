package text_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/text"
)

func Example() {
	raw := "Leaders agree on trade pact\n\n date 2024-03-05 \n\n" +
		"The minister (left) greets the mayor. (Photo: Jane Roe)\n\nJane Roe | AFP\n\n" +
		"Mr. Smith met the U.S. envoy on Tuesday. “We agree,” he said.\n\nFollow us on Facebook"
	d, err := text.Clean(raw, source.Header{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Title, d.Published)
	for _, s := range text.Sentences(d) {
		fmt.Printf("%s %v %s\n", s.Kind, s.Span, s.Text)
	}
	for _, t := range text.Tokenize("China’s U.S.-bound envoy", 0) {
		fmt.Printf("%q ", t.Text)
	}
	fmt.Println()
	// Output:
	// Leaders agree on trade pact 2024-03-05
	// title {0 27} Leaders agree on trade pact
	// caption {29 84} The minister (left) greets the mayor. (Photo: Jane Roe)
	// body {86 126} Mr. Smith met the U.S. envoy on Tuesday.
	// body {127 151} “We agree,” he said.
	// "China" "’s" "U.S." "-" "bound" "envoy"
}
