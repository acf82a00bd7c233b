package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// corrArticle is a small article naming three people, a place, a meeting,
// a statement, two events and a relation.
func corrArticle(key string) *graph.Article {
	text := "Ana Souza met Kim Min-jun and Omar al-Farsi in Porto on 4 March 2024."
	ev := []graph.Evidence{{Span: graph.Span{Start: 0, End: len(text)}, Text: text}}
	d := graph.Date{Year: 2024, Month: 3, Day: 4}
	return &graph.Article{
		Source: graph.Source{Key: key, Published: d},
		Text:   text,
		Entities: []graph.EntityClaim{
			{Name: "Ana Souza", Type: graph.Person, Evidence: ev},
			{Name: "Kim Min-jun", Type: graph.Person, Aliases: []string{"Kim"}, Evidence: ev},
			{Name: "Omar al-Farsi", Type: graph.Person, Evidence: ev},
			{Name: "Porto", Type: graph.Place, Evidence: ev},
			{Name: "Energy Council", Type: graph.Organization, Evidence: ev},
		},
		Meetings: []graph.MeetingClaim{
			{Participants: []string{"Ana Souza", "Kim Min-jun"}, Date: d, City: "Porto", Evidence: ev},
			{Participants: []string{"Ana Souza", "Omar al-Farsi"}, Date: d, City: "Porto", Evidence: ev},
		},
		Statements: []graph.StatementClaim{{Speaker: "Kim Min-jun", Text: "The talks were useful.", Evidence: ev}},
		Events: []graph.EventClaim{
			{Name: "Porto summit", Kind: "summit", Date: d, Place: "Porto", DisruptedBy: []string{"port strike"}, Evidence: ev},
			{Name: "port strike", Kind: "incident", Date: d, Evidence: ev},
		},
		Relations: []graph.RelationClaim{{Type: graph.AffiliatedWith, From: "Ana Souza", To: "Energy Council", Title: "chair", Evidence: ev}},
	}
}

func TestApplyCorrections(t *testing.T) {
	tests := []struct {
		name  string
		k     graph.Correction
		check func(t *testing.T, a *graph.Article)
	}{
		{"merge keeps the old name as alias and rewrites references",
			graph.Correction{Op: graph.OpMerge, Entity: "Kim Min-jun", Into: "Min-jun Kim"},
			func(t *testing.T, a *graph.Article) {
				e := a.Entities[1]
				if e.Name != "Min-jun Kim" || !slices.Contains(e.Aliases, "Kim Min-jun") {
					t.Errorf("entity %+v", e)
				}
				if !slices.Contains(a.Meetings[0].Participants, "Min-jun Kim") || a.Statements[0].Speaker != "Min-jun Kim" {
					t.Errorf("references not rewritten: %+v %+v", a.Meetings[0], a.Statements[0])
				}
			}},
		{"merge into a participant of the same meeting drops the meeting",
			graph.Correction{Op: graph.OpMerge, Entity: "Kim Min-jun", Into: "Ana Souza"},
			func(t *testing.T, a *graph.Article) {
				if len(a.Meetings) != 1 {
					t.Errorf("meetings %+v", a.Meetings)
				}
			}},
		{"split only touches the listed sources",
			graph.Correction{Op: graph.OpSplit, Entity: "Omar al-Farsi", Name: "Omar al-Farsi (engineer)", Sources: []string{"other"}},
			func(t *testing.T, a *graph.Article) {
				if a.Entities[2].Name != "Omar al-Farsi" {
					t.Errorf("split applied to an unlisted source: %+v", a.Entities[2])
				}
			}},
		{"type restricted by entityType does not match other types",
			graph.Correction{Op: graph.OpType, Entity: "Porto", EntityType: graph.Organization, Type: graph.Person},
			func(t *testing.T, a *graph.Article) {
				if a.Entities[3].Type != graph.Place {
					t.Errorf("type changed: %+v", a.Entities[3])
				}
			}},
		{"reject entity removes what it takes part in",
			graph.Correction{Op: graph.OpReject, Entity: "kim min-jun"},
			func(t *testing.T, a *graph.Article) {
				if len(a.Entities) != 4 || len(a.Meetings) != 1 || len(a.Statements) != 0 {
					t.Errorf("left %d entities, %d meetings, %d statements", len(a.Entities), len(a.Meetings), len(a.Statements))
				}
			}},
		{"reject the place clears it",
			graph.Correction{Op: graph.OpReject, Entity: "Porto"},
			func(t *testing.T, a *graph.Article) {
				if a.Meetings[0].City != "" || a.Events[0].Place != "" {
					t.Errorf("place kept: %+v %+v", a.Meetings[0], a.Events[0])
				}
			}},
		{"reject a meeting by participants and date",
			graph.Correction{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactMeeting, Participants: []string{"omar al-farsi", "Ana Souza"}, Date: graph.Date{Year: 2024, Month: 3}}},
			func(t *testing.T, a *graph.Article) {
				if len(a.Meetings) != 1 || slices.Contains(a.Meetings[0].Participants, "Omar al-Farsi") {
					t.Errorf("meetings %+v", a.Meetings)
				}
			}},
		{"a meeting of another date stays",
			graph.Correction{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactMeeting, Participants: []string{"Omar al-Farsi", "Ana Souza"}, Date: graph.Date{Year: 2023}}},
			func(t *testing.T, a *graph.Article) {
				if len(a.Meetings) != 2 {
					t.Errorf("meetings %+v", a.Meetings)
				}
			}},
		{"reject a statement by speaker and text",
			graph.Correction{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactStatement, Speaker: "Kim Min-jun", Text: "the talks were useful"}},
			func(t *testing.T, a *graph.Article) {
				if len(a.Statements) != 0 {
					t.Errorf("statements %+v", a.Statements)
				}
			}},
		{"reject a disruption",
			graph.Correction{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactRelation, Type: graph.DisruptedBy, From: "Porto summit", To: "port strike"}},
			func(t *testing.T, a *graph.Article) {
				if len(a.Events[0].DisruptedBy) != 0 || len(a.Events) != 2 {
					t.Errorf("events %+v", a.Events)
				}
			}},
		{"reject an event clears references to it",
			graph.Correction{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactEvent, Name: "port strike"}},
			func(t *testing.T, a *graph.Article) {
				if len(a.Events) != 1 || len(a.Events[0].DisruptedBy) != 0 {
					t.Errorf("events %+v", a.Events)
				}
			}},
		{"reject a relation",
			graph.Correction{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactRelation, Type: graph.AffiliatedWith, From: "Ana Souza", To: "Energy Council"}},
			func(t *testing.T, a *graph.Article) {
				if len(a.Relations) != 0 {
					t.Errorf("relations %+v", a.Relations)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.k.Validate(); err != nil {
				t.Fatal(err)
			}
			orig := corrArticle("k")
			a := applyCorrections(newCorrectionSet(&graph.Corrections{Corrections: []graph.Correction{tt.k}}), orig)
			tt.check(t, a)
			if _, err := buildArticle(a); err != nil {
				t.Errorf("corrected article is invalid: %v", err)
			}
			if !slices.Equal(orig.Meetings[0].Participants, corrArticle("k").Meetings[0].Participants) ||
				len(orig.Entities) != 5 || orig.Entities[1].Name != "Kim Min-jun" {
				t.Error("the original article was modified")
			}
		})
	}
}

func TestCorrectionValidate(t *testing.T) {
	bad := []graph.Correction{
		{Op: "frobnicate", Entity: "X"},
		{Op: graph.OpMerge, Entity: "X"},
		{Op: graph.OpMerge, Entity: "X", Into: "x"},
		{Op: graph.OpSplit, Entity: "X", Name: "Y"},
		{Op: graph.OpType, Entity: "X"},
		{Op: graph.OpReject},
		{Op: graph.OpReject, Entity: "X", Fact: &graph.FactRef{Kind: graph.FactEvent, Name: "e"}},
		{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactMeeting, Participants: []string{"A"}}},
		{Op: graph.OpReject, Fact: &graph.FactRef{Kind: "rumour"}},
	}
	for _, k := range bad {
		if err := k.Validate(); err == nil {
			t.Errorf("%+v: no error", k)
		}
	}
}

func TestCorrectionsFile(t *testing.T) {
	dir := t.TempDir()
	c := &graph.Corrections{Corrections: []graph.Correction{
		{Op: graph.OpMerge, Entity: "A B", EntityType: graph.Person, Into: "Alan B.", Note: "same person"},
		{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactMeeting, Participants: []string{"A", "B"}, Date: graph.Date{Year: 2024, Month: 1}}},
	}}
	for _, name := range []string{"c.json", "c.yaml"} {
		p := filepath.Join(dir, name)
		if err := SaveCorrections(p, c); err != nil {
			t.Fatal(err)
		}
		got, err := LoadCorrections(p)
		if err != nil {
			t.Fatal(err)
		}
		if got.Fingerprint() != c.Fingerprint() || got.Corrections[0].Note != "same person" {
			t.Errorf("%s: round trip gave %+v", name, got)
		}
	}
	if _, err := LoadCorrections(filepath.Join(dir, "missing.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	p := filepath.Join(dir, "broken.json")
	os.WriteFile(p, []byte("{\n\"corrections\": [\n{\"op\": \"merge\",}\n]}"), 0o644)
	if _, err := LoadCorrections(p); err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("syntax error message: %v", err)
	}
	os.WriteFile(p, []byte(`{"corrections": [{"op": "merge", "entity": "X"}]}`), 0o644)
	if _, err := LoadCorrections(p); err == nil || !strings.Contains(err.Error(), "correction 1") {
		t.Errorf("invalid correction message: %v", err)
	}
}

func TestSetCorrectionsRebuildsOnlyTouchedSources(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, k := range []string{"a", "b"} {
		a := corrArticle(k)
		if k == "b" {
			a.Entities[0].Name = "Ana Souza Lima"
			for i := range a.Meetings {
				a.Meetings[i].Participants[0] = "Ana Souza Lima"
			}
			a.Relations[0].From = "Ana Souza Lima"
		}
		if _, err := s.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.SetCorrections(ctx, &graph.Corrections{Corrections: []graph.Correction{{Op: graph.OpAlias, Entity: "Ana Souza Lima", Alias: "A. S. Lima"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 1 || res.Changes[0].Source != "b" || res.Sources != 2 {
		t.Errorf("changes %+v", res)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	es, err := s.LookupEntities(ctx, "a s lima", graph.EntityUnknown)
	if err != nil || len(es) != 1 {
		t.Fatalf("alias lookup: %v %v", es, err)
	}
	// Unchanged article, unchanged corrections: nothing to do.
	ch, err := s.PutArticle(ctx, corrArticle("a"))
	if err != nil || ch.Action != graph.Unchanged {
		t.Errorf("re-put: %+v %v", ch, err)
	}
	// Removing the corrections restores the graph.
	if _, err := s.SetCorrections(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if es, _ := s.LookupEntities(ctx, "a s lima", graph.EntityUnknown); len(es) != 0 {
		t.Errorf("alias survived the removal of its correction")
	}
}

// TestApplyCorrectionsSkips checks that skipping the corrections that name
// none of an article's entities changes nothing: chains through names a
// correction gave, by-ID and fact corrections, and unrelated ones mixed in
// give what trying every correction gives.
func TestApplyCorrectionsSkips(t *testing.T) {
	orig := corrArticle("k")
	kim := orig.Entities[1]
	list := []graph.Correction{
		{Op: graph.OpMerge, Entity: "Nobody Here", Into: "Someone Else"},
		{Op: graph.OpMerge, Entity: "Kim Min-jun", EntityType: graph.Person, Into: "Kim Minjun"},
		{Op: graph.OpRename, Entity: "Someone Else", Name: "Kim Min-jun"},
		{Op: graph.OpRename, Entity: "Kim Minjun", Name: "Min-jun Kim"},
		{Op: graph.OpAlias, Entity: "min-jun kim", Alias: "MJ Kim"},
		{Op: graph.OpType, Entity: graph.EntityID(orig.Entities[0].Type, orig.Entities[0].Name).String(), Type: graph.Organization},
		{Op: graph.OpReject, Fact: &graph.FactRef{Kind: graph.FactStatement, Speaker: "Min-jun Kim", Text: "the talks were useful"}},
		{Op: graph.OpAlias, Entity: "Unrelated Person", Alias: "U. Person"},
	}
	for _, k := range list {
		if err := k.Validate(); err != nil {
			t.Fatalf("%+v: %v", k, err)
		}
	}
	got := applyCorrections(newCorrectionSet(&graph.Corrections{Corrections: list}), orig)
	want := cloneArticle(orig)
	for i := range list {
		applyCorrection(&list[i], want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with skips:\n%+v\ntrying every correction:\n%+v", got.Entities, want.Entities)
	}
	if reflect.DeepEqual(got.Entities, orig.Entities) || kim.Name != "Kim Min-jun" {
		t.Fatalf("the corrections did nothing to the article, or changed the original: %+v", got.Entities)
	}
	found := false
	for _, e := range got.Entities {
		found = found || e.Name == "Min-jun Kim" && slices.Contains(e.Aliases, "MJ Kim")
	}
	if !found {
		t.Errorf("the chain merge, rename, alias did not reach the entity: %+v", got.Entities)
	}
}
