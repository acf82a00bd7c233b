package timex_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

func ExampleFind() {
	published := graph.Date{Year: 2023, Month: 6, Day: 21}
	s := "The two met on Monday, after talks in February and a first meeting late last year."
	for _, e := range timex.Find(s, published, timex.Past) {
		fmt.Printf("%q %s %s\n", e.Text, e.Kind, e.Value)
	}
	// Output:
	// "Monday" weekday 2023-06-19
	// "February" absolute 2023-02
	// "late last year" vague 2022
}

func ExampleDuration() {
	for _, d := range timex.Duration("The meeting lasted for around three hours.") {
		fmt.Println(d.Text, d.Minutes, d.Approx)
	}
	// Output: around three hours 180 true
}

func ExampleParseDateLine() {
	d, ok := timex.ParseDateLine("Published: June 21, 2023 10:00 AM EDT")
	fmt.Println(d, ok)
	// Output: 2023-06-21 true
}
