package export_test

import (
	"fmt"
	"slices"

	"github.com/newsgraph/newsgraph/graph"
)

// testSnapshot is a small graph with everything the formats must carry:
// parallel edges, a titled edge, conflicts, partial dates, and names that
// need escaping in every format.
func testSnapshot() *graph.Snapshot {
	s1, s2 := graph.SourceID("a.txt"), graph.SourceID("b.txt")
	alice := graph.EntityID(graph.Person, "Alice Smith")
	bob := graph.EntityID(graph.Person, `Bob Back\slash`)
	org := graph.EntityID(graph.Organization, "Ministry of Affairs")
	city := graph.EntityID(graph.Place, "Zürich")
	venue := graph.EntityID(graph.Place, "Grand Hall")
	m1 := graph.NewID(graph.KindMeeting, "m1")
	m2 := graph.NewID(graph.KindMeeting, "m2")
	st := graph.NewID(graph.KindStatement, "st")
	trip := graph.NewID(graph.KindEvent, "trip")
	incident := graph.NewID(graph.KindEvent, "incident")
	ev := func(src graph.ID, start int, text string) graph.Evidence {
		return graph.Evidence{Source: src, Span: graph.Span{Start: start, End: start + len(text)}, Text: text}
	}
	sorted := func(ids ...graph.ID) []graph.ID { slices.Sort(ids); return ids }
	e1 := []graph.Evidence{ev(s1, 0, `Alice "Al" Smith met Bob on Monday.`), ev(s2, 10, "They met at the Grand Hall.")}
	return &graph.Snapshot{
		Entities: []*graph.Entity{
			{ID: alice, Name: `Alice "Al" Smith`, Type: graph.Person, Aliases: []string{"Al Smith", "Smith"},
				Titles: []string{"Foreign Minister"}, Sources: sorted(s1, s2), Evidence: e1},
			{ID: bob, Name: `Bob Back\slash`, Type: graph.Person, Sources: []graph.ID{s1},
				Evidence: []graph.Evidence{ev(s1, 0, `Alice "Al" Smith met Bob on Monday.`)}},
			{ID: city, Name: "Zürich", Type: graph.Place, Sources: sorted(s1, s2)},
			{ID: venue, Name: "Grand Hall", Type: graph.Place, Sources: []graph.ID{s2}},
			{ID: org, Name: "Ministry <of> Affairs & Co", Type: graph.Organization, Sources: []graph.ID{s1}},
		},
		Meetings: []*graph.Meeting{
			{ID: m1, Participants: sorted(alice, bob), Date: graph.Date{Year: 2023, Month: 6, Day: 19},
				DateText: "Monday", Place: venue, City: city, DurationMinutes: 90, Status: graph.Held,
				Sources: sorted(s1, s2), Evidence: e1,
				Conflicts: []graph.Conflict{{Field: "place", Values: []graph.ConflictValue{
					{Value: "Grand Hall", Sources: []graph.ID{s2}}, {Value: "Old \"Palace\"", Sources: []graph.ID{s1}}}}}},
			{ID: m2, Participants: sorted(alice, bob), Date: graph.Date{Month: 7, Day: 1}, Status: graph.Planned,
				Sources: []graph.ID{s2}, Evidence: []graph.Evidence{ev(s2, 40, "They will meet again on July 1.")}},
		},
		Statements: []*graph.Statement{
			{ID: st, Speaker: alice, Text: "We had \"candid\" talks.\nNext — ünïcödé ✓\ttab\x01 back\\slash",
				Direct: true, Date: graph.Date{Year: 2023, Month: 6, Day: 19}, Sources: []graph.ID{s1},
				Evidence: []graph.Evidence{ev(s1, 50, `"We had candid talks," she said.`)}},
		},
		Events: []*graph.Event{
			{ID: incident, Name: "Balloon incident", Kind: "incident", Date: graph.Date{Year: 2023, Month: 2},
				Disrupted: []graph.ID{trip}, Sources: []graph.ID{s2}},
			{ID: trip, Name: "Summit trip", Kind: "trip", Date: graph.Date{Year: 2023}, Place: city,
				Participants: []graph.ID{alice}, DisruptedBy: []graph.ID{incident}, Sources: []graph.ID{s1}},
		},
		Sources: []*graph.Source{
			{ID: s1, Key: "a.txt", URL: "https://example.com/a?x=1&y=2", Title: "Talks <in> the capital",
				Publisher: "Wire", Published: graph.Date{Year: 2023, Month: 6, Day: 19}, Hash: "ab12"},
			{ID: s2, Key: "b.txt", Published: graph.Date{Year: 2023, Month: 6}, Hash: "cd34"},
		},
		Edges: []graph.Edge{
			{From: alice, To: bob, Type: graph.MetWith, Meeting: m1, Sources: sorted(s1, s2), Evidence: e1},
			{From: alice, To: bob, Type: graph.MetWith, Meeting: m2, Sources: []graph.ID{s2}},
			{From: alice, To: m1, Type: graph.ParticipatedIn, Sources: sorted(s1, s2), Evidence: e1},
			{From: bob, To: m1, Type: graph.ParticipatedIn, Sources: sorted(s1, s2), Evidence: e1},
			{From: alice, To: m2, Type: graph.ParticipatedIn, Sources: []graph.ID{s2}},
			{From: bob, To: m2, Type: graph.ParticipatedIn, Sources: []graph.ID{s2}},
			{From: m1, To: venue, Type: graph.HeldIn, Sources: []graph.ID{s2}},
			{From: m1, To: city, Type: graph.HeldIn, Sources: sorted(s1, s2)},
			{From: m1, To: s1, Type: graph.MentionedIn, Sources: []graph.ID{s1}},
			{From: m1, To: s2, Type: graph.MentionedIn, Sources: []graph.ID{s2}},
			{From: alice, To: st, Type: graph.Said, Sources: []graph.ID{s1}},
			{From: alice, To: org, Type: graph.AffiliatedWith, Title: `Foreign "Minister"`, Sources: []graph.ID{s1}},
			{From: venue, To: city, Type: graph.LocatedIn, Sources: []graph.ID{s2}},
			{From: trip, To: incident, Type: graph.DisruptedBy, Sources: []graph.ID{s1}},
			{From: alice, To: trip, Type: graph.ParticipatedIn, Sources: []graph.ID{s1}},
		},
	}
}

// shuffled returns a copy of s with every list reversed, as another ingest
// order might produce it.
func shuffled(s *graph.Snapshot) *graph.Snapshot {
	rev := func(ids []graph.ID) []graph.ID { out := slices.Clone(ids); slices.Reverse(out); return out }
	revEv := func(ev []graph.Evidence) []graph.Evidence { out := slices.Clone(ev); slices.Reverse(out); return out }
	out := &graph.Snapshot{}
	for _, e := range s.Entities {
		c := *e
		c.Aliases = slices.Clone(c.Aliases)
		slices.Reverse(c.Aliases)
		c.Sources, c.Evidence = rev(c.Sources), revEv(c.Evidence)
		out.Entities = append(out.Entities, &c)
	}
	for _, m := range s.Meetings {
		c := *m
		c.Participants, c.Sources, c.Evidence = rev(c.Participants), rev(c.Sources), revEv(c.Evidence)
		c.Conflicts = nil
		for _, cf := range m.Conflicts {
			cf.Values = slices.Clone(cf.Values)
			slices.Reverse(cf.Values)
			c.Conflicts = append([]graph.Conflict{cf}, c.Conflicts...)
		}
		out.Meetings = append(out.Meetings, &c)
	}
	for _, st := range s.Statements {
		c := *st
		c.Sources, c.Evidence = rev(c.Sources), revEv(c.Evidence)
		out.Statements = append(out.Statements, &c)
	}
	for _, e := range s.Events {
		c := *e
		c.Sources, c.Evidence = rev(c.Sources), revEv(c.Evidence)
		out.Events = append(out.Events, &c)
	}
	for _, src := range s.Sources {
		c := *src
		out.Sources = append(out.Sources, &c)
	}
	for _, e := range s.Edges {
		e.Sources, e.Evidence = rev(e.Sources), revEv(e.Evidence)
		out.Edges = append(out.Edges, e)
	}
	slices.Reverse(out.Entities)
	slices.Reverse(out.Meetings)
	slices.Reverse(out.Events)
	slices.Reverse(out.Sources)
	slices.Reverse(out.Edges)
	return out
}

// syntheticSnapshot is a graph of about n nodes shaped like ingested news:
// 60% entities, 20% meetings, 10% statements, 6% events, 4% sources.
func syntheticSnapshot(n int) *graph.Snapshot {
	s := &graph.Snapshot{}
	nSrc, nEnt := max(n*4/100, 1), max(n*60/100, 2)
	var srcs, ents []graph.ID
	for i := range nSrc {
		key := fmt.Sprintf("articles/%04d.txt", i)
		id := graph.SourceID(key)
		srcs = append(srcs, id)
		s.Sources = append(s.Sources, &graph.Source{ID: id, Key: key, URL: "https://example.com/" + key,
			Title: fmt.Sprintf("Article %d", i), Published: graph.Date{Year: 2023, Month: 1 + i%12, Day: 1 + i%28}})
	}
	ev := func(i int) []graph.Evidence {
		return []graph.Evidence{{Source: srcs[i%nSrc], Span: graph.Span{Start: i, End: i + 30}, Text: "Some sentence that says it."}}
	}
	src2 := func(i int) []graph.ID {
		a, b := srcs[i%nSrc], srcs[(i+1)%nSrc]
		if a == b {
			return []graph.ID{a}
		}
		return []graph.ID{min(a, b), max(a, b)}
	}
	for i := range nEnt {
		t := graph.EntityType(1 + i%3)
		name := fmt.Sprintf("Name %d \"q\"", i)
		id := graph.EntityID(t, name)
		ents = append(ents, id)
		s.Entities = append(s.Entities, &graph.Entity{ID: id, Name: name, Type: t, Aliases: []string{fmt.Sprintf("N%d", i)},
			Sources: src2(i), Evidence: ev(i)})
	}
	for i := range n * 20 / 100 {
		a, b := ents[i%nEnt], ents[(i*7+1)%nEnt]
		id := graph.NewID(graph.KindMeeting, fmt.Sprint("m", i))
		m := &graph.Meeting{ID: id, Participants: []graph.ID{min(a, b), max(a, b)},
			Date: graph.Date{Year: 2023, Month: 1 + i%12, Day: 1 + i%28}, Place: ents[(i*3+2)%nEnt],
			Sources: src2(i), Evidence: ev(i)}
		if i%10 == 0 {
			m.Conflicts = []graph.Conflict{{Field: "place", Values: []graph.ConflictValue{{Value: "X", Sources: srcs[:1]}, {Value: "Y", Sources: srcs[:1]}}}}
		}
		s.Meetings = append(s.Meetings, m)
		s.Edges = append(s.Edges,
			graph.Edge{From: a, To: b, Type: graph.MetWith, Sources: m.Sources, Evidence: m.Evidence},
			graph.Edge{From: a, To: id, Type: graph.ParticipatedIn, Sources: m.Sources, Evidence: m.Evidence},
			graph.Edge{From: b, To: id, Type: graph.ParticipatedIn, Sources: m.Sources, Evidence: m.Evidence},
			graph.Edge{From: id, To: m.Place, Type: graph.HeldIn, Sources: m.Sources},
			graph.Edge{From: id, To: m.Sources[0], Type: graph.MentionedIn, Sources: m.Sources[:1]})
	}
	for i := range n * 10 / 100 {
		id := graph.NewID(graph.KindStatement, fmt.Sprint("s", i))
		sp := ents[i%nEnt]
		s.Statements = append(s.Statements, &graph.Statement{ID: id, Speaker: sp,
			Text: fmt.Sprintf("We said \"thing %d\" and more words to make a sentence.\n", i), Direct: i%2 == 0,
			Sources: src2(i), Evidence: ev(i)})
		s.Edges = append(s.Edges, graph.Edge{From: sp, To: id, Type: graph.Said, Sources: src2(i), Evidence: ev(i)})
	}
	for i := range n * 6 / 100 {
		id := graph.NewID(graph.KindEvent, fmt.Sprint("e", i))
		s.Events = append(s.Events, &graph.Event{ID: id, Name: fmt.Sprintf("Event %d", i), Kind: "trip",
			Date: graph.Date{Year: 2023, Month: 1 + i%12}, Sources: src2(i), Evidence: ev(i)})
		s.Edges = append(s.Edges, graph.Edge{From: ents[i%nEnt], To: id, Type: graph.ParticipatedIn, Sources: src2(i)})
	}
	return s
}
