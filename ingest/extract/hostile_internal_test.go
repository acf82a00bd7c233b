package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// longSentences are units that, repeated, make sentences as long as the
// splitter lets one be (text.MaxSentenceBytes): the shapes that made the
// meeting stage super-linear in a sentence's length, or in the number of
// meetings an article reports (issue 13). A 2 MiB article of one of them
// is some 1,400 such sentences.
var longSentences = map[string]string{
	"met":                  "met ",
	"talks with":           "talks with ",
	"met, in one sentence": "Smith met Jones, ",
	"they met":             "They met in Paris on Monday and ",
	"meeting between":      "meeting between Smith and Jones ",
	"held talks":           "Smith and Jones held talks and ",
	"met with, in clauses": "Smith met with Jones and Brown and Lee on Monday in Paris; ",
}

func hostileExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		tb.Fatal(err)
	}
	m, err := ner.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return New(lex, m, Options{})
}

// resolvedText is text analyzed, its entities resolved and its events
// found: the state the meeting stage starts from.
func resolvedText(tb testing.TB, x *Extractor, body string) *doc {
	tb.Helper()
	td, err := text.Clean(body, source.Header{})
	if err != nil {
		tb.Fatal(err)
	}
	d, err := x.analyze(context.Background(), td)
	if err != nil {
		tb.Fatal(err)
	}
	d.resolveEntities()
	d.findEvents()
	return d
}

// meetingStage finds the meetings of d and merges them into claims.
func meetingStage(d *doc) {
	d.meetings = d.meetings[:0]
	d.findMeetings()
	d.meetingClaims()
}

// TestMeetingStageLinearInSentence: the work of the meeting stage on one
// sentence grows with the sentence's length, not with its square. Work is
// counted in allocations (each trigger read allocates), which, unlike time,
// do not depend on the machine: a sentence four times as long may cost at
// most eight times as many. Before the triggers read per sentence were
// capped, five of the shapes of longSentences cost 13 to 15 times as many
// (the other two, "met" and "talks with", were quadratic in scans that do
// not allocate: BenchmarkMeetingsLongSentence shows them).
func TestMeetingStageLinearInSentence(t *testing.T) {
	x := hostileExtractor(t)
	for name, unit := range longSentences {
		t.Run(name, func(t *testing.T) {
			allocs := func(bytes int) float64 {
				d := resolvedText(t, x, strings.Repeat(unit, bytes/len(unit)))
				if len(d.sents) != 1 {
					t.Fatalf("%d sentences, want 1", len(d.sents))
				}
				return testing.AllocsPerRun(3, func() { meetingStage(d) })
			}
			short, long := allocs(text.MaxSentenceBytes/4), allocs(text.MaxSentenceBytes)
			t.Logf("%.0f allocations, %.0f at four times the length", short, long)
			if long > 8*short {
				t.Errorf("a sentence four times as long costs %.1f times the allocations (%.0f, %.0f): the stage is super-linear in it", long/short, short, long)
			}
		})
	}
}

// BenchmarkMeetingsLongSentence measures the meeting stage, claims
// included, on one sentence of the longest length of each shape of
// longSentences; ns/op is per sentence.
func BenchmarkMeetingsLongSentence(b *testing.B) {
	x := hostileExtractor(b)
	for name, unit := range longSentences {
		b.Run(name, func(b *testing.B) {
			d := resolvedText(b, x, strings.Repeat(unit, text.MaxSentenceBytes/len(unit)))
			if len(d.sents) != 1 {
				b.Fatalf("%d sentences, want 1", len(d.sents))
			}
			b.ResetTimer()
			for b.Loop() {
				meetingStage(d)
			}
		})
	}
}

// BenchmarkMeetingsLongArticle measures the meeting stage on an article of
// 200 such sentences (some 300 KB), where merging the reports of one
// meeting into a claim was quadratic in their number; ns/op is per article.
func BenchmarkMeetingsLongArticle(b *testing.B) {
	x := hostileExtractor(b)
	for _, name := range []string{"held talks", "meeting between", "met with, in clauses"} {
		unit := longSentences[name]
		b.Run(name, func(b *testing.B) {
			d := resolvedText(b, x, strings.Repeat(unit, 200*text.MaxSentenceBytes/len(unit)))
			b.ResetTimer()
			for b.Loop() {
				meetingStage(d)
			}
		})
	}
}

// manyNames is an article of n sentences, each naming a different
// invented person twice, with the full name and with the surname: the
// shape of an article of thousands of names (issue 13), where comparing
// every name with every other was quadratic.
func manyNames(n int) string {
	cons, vows := "bdfgklmnprstvz", "aeiou"
	word := func(i int) string {
		b := []byte{}
		for range 3 {
			b = append(b, cons[i%len(cons)], vows[i/len(cons)%len(vows)])
			i /= len(cons) * len(vows)
		}
		b[0] -= 'a' - 'A'
		return string(b)
	}
	var sb strings.Builder
	for i := range n {
		first, last := word(i*7+3), word(i*13+5)
		sb.WriteString("Mr " + first + " " + last + ", the director, said " + last + " would come. ")
	}
	return sb.String()
}

// TestNameMergesNearLinear: merging misspelt and shortened person names
// compares a number of pairs that grows with the number of names, not with
// its square. Comparing every pair, as the merges did, made 7,996,000 for
// 2,000 names (one-word names looked up among all persons were quadratic
// too).
func TestNameMergesNearLinear(t *testing.T) {
	x := hostileExtractor(t)
	const n = 2000
	d := resolvedText(t, x, manyNames(n))
	persons := 0
	for _, e := range d.ents {
		if e.typ == graph.Person && len(e.ments) > 0 {
			persons++
		}
	}
	if persons < n*9/10 {
		t.Fatalf("%d persons, want about %d: the article no longer tests many names", persons, n)
	}
	t.Logf("%d persons, %d pairs compared", persons, d.namePairs)
	if d.namePairs > 20*n {
		t.Errorf("%d pairs of names compared for %d names: the merges are quadratic", d.namePairs, n)
	}
}

// BenchmarkResolveManyNames measures resolving the entities of an article
// of 2,000 names (manyNames); ns/op is per article.
func BenchmarkResolveManyNames(b *testing.B) {
	x := hostileExtractor(b)
	td, err := text.Clean(manyNames(2000), source.Header{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		d, err := x.analyze(context.Background(), td)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		d.resolveEntities()
	}
}
