package timex

import "testing"

func BenchmarkTokenize(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		tokenize(benchText)
	}
}
