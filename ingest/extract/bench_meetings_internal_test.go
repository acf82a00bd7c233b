package extract

import (
	"context"
	"testing"
)

// resolvedDocs analyzes the bench corpus and resolves its entities, the
// state the event and meeting stages start from.
func resolvedDocs(b *testing.B, c benchCorpus) []*doc {
	b.Helper()
	var docs []*doc
	for _, d := range c.docs {
		ad, err := c.x.analyze(context.Background(), d)
		if err != nil {
			b.Fatal(err)
		}
		ad.resolveEntities()
		docs = append(docs, ad)
	}
	return docs
}

// BenchmarkEvents measures summits and disruptions on resolved entities.
func BenchmarkEvents(b *testing.B) {
	c := loadBenchCorpus(b)
	docs := resolvedDocs(b, c)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			d.events = d.events[:0]
			d.findEvents()
		}
	}
	c.report(b)
}

// BenchmarkMeetings measures meeting finding (participants, status, date,
// venue, city, follow-ups) and merging into claims, events found before.
func BenchmarkMeetings(b *testing.B) {
	c := loadBenchCorpus(b)
	docs := resolvedDocs(b, c)
	for _, d := range docs {
		d.findEvents()
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			d.meetings = d.meetings[:0]
			d.findMeetings()
			d.meetingClaims()
		}
	}
	c.report(b)
}
