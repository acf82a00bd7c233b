package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sp(s string) *string { return &s }

func ent(name string, aliases ...string) *gEntity { return &gEntity{Name: name, Aliases: aliases} }

func TestDateRight(t *testing.T) {
	for _, c := range []struct {
		gold, end, got string
		want           bool
	}{
		{"2019-09-24", "", "2019-09-24", true},
		{"2019-09-24", "", "2019-09-25", false},
		{"2019-09", "", "2019-09-24", true},  // more precise, inside
		{"2019-09-24", "", "2019-09", false}, // less precise
		{"2019-09-24", "2019-09-26", "2019-09-25", true},
		{"2019-09-24", "2019-09-26", "2019-09-27", false},
		{"", "", "", true},            // no date given, none found
		{"", "", "2019-09-24", false}, // a date from nowhere
		{"2019-09-24", "", "", false},
	} {
		gm := &goldMeeting{}
		if c.gold != "" {
			gm.Date = sp(c.gold)
		}
		if c.end != "" {
			gm.DateEnd = sp(c.end)
		}
		m := gMeeting{}
		if c.got != "" {
			m.Date = sp(c.got)
		}
		if got := gm.dateRight(m); got != c.want {
			t.Errorf("gold %s..%s, graph %q: %v, want %v", c.gold, c.end, c.got, got, c.want)
		}
	}
}

func TestWhereRight(t *testing.T) {
	gm := &goldMeeting{place: newNameSet("Élysée Palace", "Elysee"), city: newNameSet("Paris")}
	for _, c := range []struct {
		name        string
		place, city *gEntity
		want        bool
	}{
		{"venue and city", ent("Elysee"), ent("Paris"), true},
		{"city only", nil, ent("Paris"), true},
		{"venue only", ent("Élysée Palace"), nil, true},
		{"the city as venue", ent("Paris"), ent("Paris"), true},
		{"wrong city", ent("Elysee"), ent("Lyon"), false},
		{"wrong venue", ent("Louvre"), ent("Paris"), false},
		{"nothing", nil, nil, false},
	} {
		if got := gm.whereRight(gMeeting{Place: c.place, City: c.city}); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	none := &goldMeeting{}
	if !none.whereRight(gMeeting{}) || none.whereRight(gMeeting{City: ent("Paris")}) {
		t.Error("a meeting the gold cannot place must not be placed")
	}
}

// TestScore checks the counts on a small hand-made graph: one node per
// entity (a second one is an extra), wrong types, optional names, one-to-one
// meetings and the headline triple, statements with and without speakers.
func TestScore(t *testing.T) {
	ev := &Event{Event: "e1", Split: Tune,
		Articles:        map[string]Article{"a.txt": {URL: "https://a.example/1"}},
		Persons:         []Entity{{Name: "Ana Lima", Aliases: []string{"Lima"}}, {Name: "Kenji Sato", Aliases: []string{"Sato"}}, {Name: "Olu Ade"}},
		OptionalPersons: []string{"Photo Person"},
		Organizations:   []Entity{{Name: "Acme"}},
		Places:          []Entity{{Name: "Lagos"}, {Name: "State House"}},
		Meetings: []Meeting{
			{ID: "m1", Participants: []string{"Ana Lima", "Kenji Sato"}, Date: sp("2019-05-02"), Place: sp("State House"), City: sp("Lagos"), Sources: []string{"a.txt"}},
			{ID: "m2", Participants: []string{"Ana Lima", "Olu Ade"}, Date: sp("2019-05"), City: sp("Lagos"), Sources: []string{"a.txt"}},
			{ID: "m3", Participants: []string{"Kenji Sato", "Olu Ade"}, Status: "PLANNED", Sources: []string{"a.txt"}},
		},
		Statements: []Statement{
			{Speaker: "Ana Lima", Contains: "we agreed on trade", Sources: []string{"a.txt"}},
			{Speaker: "Kenji Sato", Contains: "a good day", Sources: []string{"a.txt"}},
		},
	}
	src := []gSource{{Key: "https://a.example/1"}}
	g := &graphView{
		entities: []gEntity{
			{Name: "Ana Lima", Type: "PERSON", Aliases: []string{"Lima"}, Sources: src},
			{Name: "Sato", Type: "PERSON", Sources: src},
			{Name: "Kenji Sato", Type: "PERSON", Sources: src},    // a second node: extra
			{Name: "Olu Ade", Type: "ORGANIZATION", Sources: src}, // wrong type
			{Name: "Photo Person", Type: "PERSON", Sources: src},  // optional
			{Name: "Acme", Type: "ORGANIZATION", Sources: src},
			{Name: "Lagos", Type: "PLACE", Sources: src},
		},
		meetings: []gMeeting{
			{Participants: []gEntity{*ent("Lima"), *ent("Kenji Sato")}, Date: sp("2019-05-02"), City: ent("Lagos"), Status: "HELD", Sources: src},
			{Participants: []gEntity{*ent("Ana Lima"), *ent("Olu Ade")}, Date: sp("2019-05-03"), City: ent("Abuja"), Status: "HELD", Sources: src},
			{Participants: []gEntity{*ent("Ana Lima"), *ent("Acme")}, Status: "HELD", Sources: src},
		},
		statements: []gStatement{
			{Speaker: *ent("Ana Lima"), Text: "“We agreed on trade, and more,” she said", Sources: src},
			{Speaker: *ent("Ana Lima"), Text: "It was a good day.", Sources: src},
		},
	}
	rep := &Report{Measures: map[string]*Score{}}
	score(rep, []*Event{ev}, g)
	for name, want := range map[string]Score{
		"persons":         {TP: 2, FP: 1, FN: 1},
		"organizations":   {TP: 1, FP: 1, FN: 0},
		"places":          {TP: 1, FP: 0, FN: 1},
		"meetings":        {TP: 2, FP: 1, FN: 1},
		"statements":      {TP: 1, FP: 1, FN: 1},
		"statement_words": {TP: 2, FP: 0, FN: 0},
	} {
		if got := *rep.Measures[name]; got != want {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	if rep.Headline != (Ratio{Right: 1, Of: 2}) {
		t.Errorf("headline %+v, want 1 of 2", rep.Headline)
	}
	if len(rep.Detail) != 1 || !strings.Contains(strings.Join(rep.Detail[0].Problems, "\n"), "meeting wrong where: m2") {
		t.Errorf("detail: %+v", rep.Detail)
	}
}

// TestScoreSameMeetingTwoEvents: two events' articles report one meeting
// (one as the story, one in passing); the graph merges it into one node,
// which answers both events' gold, but only one gold meeting per event.
func TestScoreSameMeetingTwoEvents(t *testing.T) {
	event := func(name, file string, ids ...string) *Event {
		ev := &Event{Event: name, Split: Tune,
			Articles: map[string]Article{file: {URL: "https://x.example/" + file}},
			Persons:  []Entity{{Name: "Ana Lima"}, {Name: "Kenji Sato"}},
		}
		for _, id := range ids {
			ev.Meetings = append(ev.Meetings, Meeting{ID: id, Participants: []string{"Ana Lima", "Kenji Sato"}, Date: sp("2019-05-02"), Sources: []string{file}})
		}
		return ev
	}
	e1, e2 := event("e1", "a.txt", "m1"), event("e2", "b.txt", "m2", "m2-again")
	g := &graphView{meetings: []gMeeting{{
		Participants: []gEntity{*ent("Ana Lima"), *ent("Kenji Sato")}, Date: sp("2019-05-02"), Status: "HELD",
		Sources: []gSource{{Key: "https://x.example/a.txt"}, {Key: "https://x.example/b.txt"}},
	}}}
	rep := &Report{Measures: map[string]*Score{}}
	score(rep, []*Event{e1, e2}, g)
	if got, want := *rep.Measures["meetings"], (Score{TP: 2, FP: 0, FN: 1}); got != want {
		t.Errorf("meetings %+v, want %+v (one node answers e1 and e2, not e2 twice)", got, want)
	}
}

// TestScoreAnnouncedThenHeld: one event's article announces a meeting
// that another event's article reports held; the graph's one held meeting
// has the status right for both golds, but not for an announcement that
// no gold says was held.
func TestScoreAnnouncedThenHeld(t *testing.T) {
	event := func(name, file, status string) *Event {
		return &Event{Event: name, Split: Tune,
			Articles: map[string]Article{file: {URL: "https://x.example/" + file}},
			Persons:  []Entity{{Name: "Ana Lima"}, {Name: "Kenji Sato"}},
			Meetings: []Meeting{{ID: name, Participants: []string{"Ana Lima", "Kenji Sato"}, Date: sp("2019-05-02"), Status: status, Sources: []string{file}}},
		}
	}
	g := &graphView{meetings: []gMeeting{{
		Participants: []gEntity{*ent("Ana Lima"), *ent("Kenji Sato")}, Date: sp("2019-05-02"), Status: "HELD",
		Sources: []gSource{{Key: "https://x.example/a.txt"}, {Key: "https://x.example/b.txt"}},
	}}}
	for _, tc := range []struct {
		events []*Event
		want   Score
	}{
		{[]*Event{event("e1", "a.txt", "PLANNED"), event("e2", "b.txt", "HELD")}, Score{TP: 2}},
		{[]*Event{event("e1", "a.txt", "PLANNED"), event("e2", "b.txt", "PLANNED")}, Score{FN: 2}},
	} {
		rep := &Report{Measures: map[string]*Score{}}
		score(rep, tc.events, g)
		if got := *rep.Measures["meeting_status"]; got != tc.want {
			t.Errorf("%s and %s: meeting_status %+v, want %+v", tc.events[0].Meetings[0].Status, tc.events[1].Meetings[0].Status, got, tc.want)
		}
	}
}

// TestSameParticipantsMatchesPerfectly: a wife's node carries her
// husband's surname as an alias; a greedy match gave it the husband's
// place and then found no one for her.
func TestSameParticipantsMatchesPerfectly(t *testing.T) {
	ev := &Event{Event: "e", Persons: []Entity{
		{Name: "Lina Okafor"}, {Name: "Tomas Berg", Aliases: []string{"Berg"}}, {Name: "Marta Berg", Aliases: []string{"Marta"}},
	}}
	gm := &goldMeeting{event: "e"}
	for _, p := range []string{"Lina Okafor", "Tomas Berg", "Marta Berg"} {
		gm.who = append(gm.who, lookup(ev, p, ev.Persons))
	}
	m := gMeeting{Participants: []gEntity{
		{Name: "Lina Okafor"}, {Name: "Marta Berg", Aliases: []string{"Marta", "Berg"}}, {Name: "Tomas Berg", Aliases: []string{"Berg"}},
	}}
	if !gm.sameParticipants(m) {
		t.Error("the three people are the gold's three")
	}
	m.Participants[2] = gEntity{Name: "Ivo Berg"}
	if gm.sameParticipants(m) {
		t.Error("Ivo Berg is not Tomas Berg")
	}
}

// TestRunSkipsAbsentTexts: a fresh clone has the gold but not the texts;
// the run says which events it could not score instead of failing.
func TestRunSkipsAbsentTexts(t *testing.T) {
	dir := t.TempDir()
	gold := `{"event":"x1","split":"tune","articles":{"x1_a.txt":{"url":"https://x.example","sha256":"00"}}}`
	if err := os.WriteFile(filepath.Join(dir, "x1.json"), []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Options{Gold: dir, Articles: filepath.Join(dir, "texts")})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Events != 0 || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "text absent") {
		t.Fatalf("report %+v, want x1 skipped as absent", rep)
	}
	os.MkdirAll(filepath.Join(dir, "texts"), 0o755)
	os.WriteFile(filepath.Join(dir, "texts", "x1_a.txt"), []byte("url: https://x.example\n\nText."), 0o644)
	rep, err = Run(context.Background(), Options{Gold: dir, Articles: filepath.Join(dir, "texts")})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Events != 0 || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "sha256") {
		t.Fatalf("report %+v, want x1 skipped for its hash", rep)
	}
}

// TestScoreNodeIsWhoItsNameSays: a node matches the gold entity its own
// name names before one that shares only an alias with it, gold entities of
// two events that share only a surname stay two, and a node named as an
// optional entity is optional even when an alias hits a gold one.
func TestScoreNodeIsWhoItsNameSays(t *testing.T) {
	e1 := &Event{Event: "e1", Split: Tune,
		Articles: map[string]Article{"a.txt": {URL: "https://a.example/1"}},
		Persons: []Entity{{Name: "Ana Lima", Aliases: []string{"Lima"}}, {Name: "Bea Lima"},
			{Name: "Olu Ade", Aliases: []string{"Ade"}}},
		OptionalPersons: []string{"Ike Ade"},
	}
	e2 := &Event{Event: "e2", Split: Tune,
		Articles: map[string]Article{"b.txt": {URL: "https://b.example/1"}},
		Persons:  []Entity{{Name: "Cal Lima", Aliases: []string{"Lima"}}, {Name: "Lima", Aliases: []string{"Ana Lima"}}},
	}
	src := []gSource{{Key: "https://a.example/1"}}
	g := &graphView{entities: []gEntity{
		{Name: "Ana Lima", Type: "PERSON", Aliases: []string{"Lima"}, Sources: src},
		{Name: "Bea Lima", Type: "PERSON", Aliases: []string{"Lima"}, Sources: src}, // sorts after Ana Lima
		{Name: "Cal Lima", Type: "PERSON", Aliases: []string{"Lima"}, Sources: src},
		{Name: "Olu Ade", Type: "PERSON", Aliases: []string{"Ade"}, Sources: src},
		{Name: "Ike Ade", Type: "PERSON", Aliases: []string{"Ade"}, Sources: src},
	}}
	rep := &Report{Measures: map[string]*Score{}}
	score(rep, []*Event{e1, e2}, g)
	if got, want := *rep.Measures["persons"], (Score{TP: 4}); got != want {
		t.Errorf("persons: %+v, want %+v; detail %+v", got, want, rep.Detail)
	}
}

// TestScoreMergedStatement: two outlets word one remark differently, so
// the gold lists it once per outlet; the graph's one statement, with the
// longer words and both sources, answers both through their sources, but
// no gold statement twice through one source.
func TestScoreMergedStatement(t *testing.T) {
	ev := &Event{Event: "e", Split: Tune,
		Articles: map[string]Article{"a.txt": {URL: "https://x.example/a"}, "b.txt": {URL: "https://x.example/b"}},
		Persons:  []Entity{{Name: "Ana Lima"}},
		Statements: []Statement{
			{Speaker: "Ana Lima", Contains: "the talks stretched over two hours", Sources: []string{"a.txt"}},
			{Speaker: "Ana Lima", Contains: "the talks stressed over two hours", Sources: []string{"b.txt"}},
			{Speaker: "Ana Lima", Contains: "the talks went on", Sources: []string{"b.txt"}},
		},
	}
	g := &graphView{statements: []gStatement{{
		Speaker: *ent("Ana Lima"), Text: "The talks stressed over two hours and went well.",
		Sources: []gSource{{Key: "https://x.example/a"}, {Key: "https://x.example/b"}},
		Evidence: []gEvidence{
			{Sentence: "\u201cThe talks stretched over two hours and went well,\u201d Lima said.", Source: gSource{Key: "https://x.example/a"}},
			{Sentence: "\u201cThe talks stressed over two hours and went well,\u201d she said.", Source: gSource{Key: "https://x.example/b"}},
		},
	}}}
	rep := &Report{Measures: map[string]*Score{}}
	score(rep, []*Event{ev}, g)
	if got, want := *rep.Measures["statements"], (Score{TP: 2, FP: 0, FN: 1}); got != want {
		t.Errorf("statements %+v, want %+v", got, want)
	}
}

// TestReportNamesChosenEvents checks a report of events asked for by name
// says which, not the default split it did not score.
func TestReportNamesChosenEvents(t *testing.T) {
	var b strings.Builder
	r := &Report{Chosen: []string{"x01", "x02"}, Events: 2, Articles: 3, Measures: map[string]*Score{}}
	if err := r.WriteText(&b, false); err != nil {
		t.Fatal(err)
	}
	if first := strings.SplitN(b.String(), "\n", 2)[0]; first != "events x01,x02: 2 events, 3 articles" {
		t.Fatalf("first line %q", first)
	}
	b.Reset()
	r = &Report{Split: Held, Events: 1, Articles: 2, Measures: map[string]*Score{}}
	if err := r.WriteText(&b, false); err != nil {
		t.Fatal(err)
	}
	if first := strings.SplitN(b.String(), "\n", 2)[0]; first != "split held: 1 events, 2 articles" {
		t.Fatalf("first line %q", first)
	}
}
