package extract_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// The construction suite: short news passages, each exercising one way
// English reports a meeting, a date, a statement or a disruption, with the
// facts a careful reader takes from it. Every testdata/constructions/*.json
// file is one JSON array of constructionCase. The passages are written for
// the suite; none comes from the seed articles.
//
// Date conventions the expectations follow: a weekday or "yesterday" is a
// day, resolved against "published" in the tense of the sentence; "last
// week" and "earlier this month" are the month (the year when the week
// straddles two months; a day when a later sentence names the weekday);
// "late last year" is the year; "from Monday to Wednesday" and "March 3-5"
// are a date with an end_date. A meeting the text does not date has date "".

type constructionCase struct {
	Name         string `json:"name"`
	Construction string `json:"construction"`
	Published    string `json:"published"`
	Title        string `json:"title,omitempty"` // the headline; "Construction NAME" when empty
	URL          string `json:"url,omitempty"`   // the page's address, which may carry a day
	Text         string `json:"text"`
	// Skip, when set, is why the case cannot pass yet.
	Skip   string       `json:"skip,omitempty"`
	Expect expectations `json:"expect"`
}

type expectations struct {
	Entities        []wantEntity    `json:"entities"`
	NotEntities     []string        `json:"not_entities"`
	Meetings        []wantMeeting   `json:"meetings"`
	NoOtherMeetings bool            `json:"no_other_meetings"`
	Statements      []wantStatement `json:"statements"`
	// NoOtherStatements: every statement extracted is one of Statements
	// (each wanted one answered by one statement).
	NoOtherStatements bool             `json:"no_other_statements"`
	Titles            []wantTitle      `json:"titles"`
	Disruptions       []wantDisruption `json:"disruptions"`
}

type wantEntity struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type wantMeeting struct {
	Participants []string `json:"participants"`
	Date         string   `json:"date"`     // matched at its precision; "" is not checked
	EndDate      string   `json:"end_date"` // "" is not checked; "none": no end date
	// Undated: the text gives the meeting no date, so it must have none.
	Undated bool `json:"undated,omitempty"`
	// Unplaced: the text does not locate the meeting, so it must have
	// neither venue nor city (a dateline alone does not place it).
	Unplaced bool   `json:"unplaced,omitempty"`
	Place    string `json:"place"`
	City     string `json:"city"`
	Status   string `json:"status"` // "" means HELD
}

type wantStatement struct {
	Speaker  string `json:"speaker"`
	Contains string `json:"contains"`
	Excludes string `json:"excludes,omitempty"` // words the stored text must leave out
	Direct   *bool  `json:"direct"`
}

type wantTitle struct {
	Person string `json:"person"`
	Title  string `json:"title"`
}

type wantDisruption struct {
	EventContains string `json:"event_contains"`
	ByContains    string `json:"by_contains"`
}

func loadConstructions(t *testing.T) map[string][]constructionCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "constructions", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]constructionCase{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cases []constructionCase
		if err := json.Unmarshal(b, &cases); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = cases
	}
	return out
}

// TestConstructions runs every passage of testdata/constructions through
// extraction and checks the facts it expects.
func TestConstructions(t *testing.T) {
	suites := loadConstructions(t)
	if len(suites) == 0 {
		t.Skip("no testdata/constructions/*.json")
	}
	x := newExtractor(t)
	names := make([]string, 0, len(suites))
	for n := range suites {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, suite := range names {
		t.Run(suite, func(t *testing.T) {
			seen := map[string]bool{}
			for _, c := range suites[suite] {
				if seen[c.Name] {
					t.Errorf("duplicate case name %q", c.Name)
				}
				seen[c.Name] = true
				t.Run(c.Name, func(t *testing.T) {
					if c.Skip != "" {
						t.Skip(c.Skip)
					}
					r := source.Raw{Key: suite + "/" + c.Name, Body: c.Text,
						Header: source.Header{Title: cmp.Or(c.Title, "Construction "+c.Name), Published: c.Published, URL: c.URL}}
					a := extractFile(t, x, r)
					for _, ev := range allEvidence(a) {
						if a.Text[ev.Span.Start:ev.Span.End] != ev.Text {
							t.Errorf("evidence %v does not match the text: %q", ev.Span, ev.Text)
						}
					}
					if errs := checkCase(a, c.Expect); len(errs) > 0 {
						t.Errorf("%s (%s)\n%s\ntext: %s\nextracted:\n%s", c.Name, c.Construction,
							strings.Join(errs, "\n"), c.Text, describe(a))
					}
				})
			}
		})
	}
}

// checkCase returns one line per unmet expectation.
func checkCase(a *graph.Article, w expectations) []string {
	var errs []string
	for _, e := range w.Entities {
		found := false
		for _, c := range a.Entities {
			if hasName(c, e.Name) && (e.Type == "" || strings.EqualFold(c.Type.String(), e.Type)) {
				found = true
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("missing entity %s (%s)", e.Name, e.Type))
		}
	}
	for _, n := range w.NotEntities {
		for _, c := range a.Entities {
			if hasName(c, n) {
				errs = append(errs, fmt.Sprintf("not an entity: %s (found %s %s)", n, c.Type, c.Name))
			}
		}
	}
	byName := map[string]graph.EntityClaim{}
	for _, c := range a.Entities {
		byName[c.Name] = c
	}
	if !assignMeetings(w.Meetings, a.Meetings, byName, 0, map[int]bool{}) {
		for _, m := range w.Meetings {
			errs = append(errs, "want meeting "+describeWant(m))
		}
	}
	if w.NoOtherMeetings && len(a.Meetings) > len(w.Meetings) {
		errs = append(errs, fmt.Sprintf("want %d meetings, got %d", len(w.Meetings), len(a.Meetings)))
	}
	for _, s := range w.Statements {
		found := false
		for _, c := range a.Statements {
			if nameMatches(byName, c.Speaker, s.Speaker) &&
				strings.Contains(strings.ToLower(c.Text), strings.ToLower(s.Contains)) &&
				(s.Excludes == "" || !strings.Contains(strings.ToLower(c.Text), strings.ToLower(s.Excludes))) &&
				(s.Direct == nil || *s.Direct == c.Direct) {
				found = true
			}
		}
		if !found {
			direct := ""
			if s.Direct != nil {
				direct = fmt.Sprintf(" direct=%v", *s.Direct)
			}
			if s.Excludes != "" {
				direct += fmt.Sprintf(" without %q", s.Excludes)
			}
			errs = append(errs, fmt.Sprintf("missing statement %s: %q%s", s.Speaker, s.Contains, direct))
		}
	}
	if w.NoOtherStatements && len(a.Statements) > len(w.Statements) {
		var got []string
		for _, c := range a.Statements {
			got = append(got, fmt.Sprintf("%s: %q", c.Speaker, c.Text))
		}
		errs = append(errs, fmt.Sprintf("want %d statements, got %d: %s", len(w.Statements), len(a.Statements), strings.Join(got, "; ")))
	}
	for _, tt := range w.Titles {
		found := false
		for _, c := range a.Entities {
			if c.Type != graph.Person || !hasWord(c, tt.Person) {
				continue
			}
			for _, ti := range c.Titles {
				if strings.Contains(strings.ToLower(ti), strings.ToLower(tt.Title)) {
					found = true
				}
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("missing title %s: %q", tt.Person, tt.Title))
		}
	}
	for _, d := range w.Disruptions {
		found := false
		for _, ev := range a.Events {
			if !strings.Contains(strings.ToLower(ev.Name), strings.ToLower(d.EventContains)) {
				continue
			}
			for _, by := range ev.DisruptedBy {
				if strings.Contains(strings.ToLower(by), strings.ToLower(d.ByContains)) {
					found = true
				}
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("missing disruption %q DISRUPTED_BY %q", d.EventContains, d.ByContains))
		}
	}
	return errs
}

// assignMeetings matches each wanted meeting from i on to a distinct claim.
func assignMeetings(want []wantMeeting, got []graph.MeetingClaim, ents map[string]graph.EntityClaim, i int, used map[int]bool) bool {
	if i == len(want) {
		return true
	}
	for k, c := range got {
		if used[k] || !meetingMatches(want[i], c, ents) {
			continue
		}
		used[k] = true
		if assignMeetings(want, got, ents, i+1, used) {
			return true
		}
		used[k] = false
	}
	return false
}

func meetingMatches(w wantMeeting, c graph.MeetingClaim, ents map[string]graph.EntityClaim) bool {
	status := w.Status
	if status == "" {
		status = "HELD"
	}
	if c.Status.String() != status || len(c.Participants) != len(w.Participants) {
		return false
	}
	if !matchSet(w.Participants, c.Participants, ents, 0, map[int]bool{}) {
		return false
	}
	if w.Date != "" && !dateAtPrecision(w.Date, c.Date) {
		return false
	}
	if w.Undated && !c.Date.IsZero() {
		return false
	}
	if w.EndDate == "none" && !c.EndDate.IsZero() {
		return false
	}
	if w.EndDate != "" && w.EndDate != "none" && c.EndDate.String() != w.EndDate {
		return false
	}
	if w.Place != "" && !nameMatches(ents, c.Place, w.Place) {
		return false
	}
	if w.City != "" && !nameMatches(ents, c.City, w.City) {
		return false
	}
	if w.Unplaced && (c.Place != "" || c.City != "") {
		return false
	}
	return true
}

func matchSet(want, got []string, ents map[string]graph.EntityClaim, i int, used map[int]bool) bool {
	if i == len(want) {
		return true
	}
	for k, g := range got {
		if used[k] || !nameMatches(ents, g, want[i]) {
			continue
		}
		used[k] = true
		if matchSet(want, got, ents, i+1, used) {
			return true
		}
		used[k] = false
	}
	return false
}

// dateAtPrecision reports whether got, cut to the precision of want, is want.
func dateAtPrecision(want string, got graph.Date) bool {
	w, err := graph.ParseDate(want)
	if err != nil || got.Precision() < w.Precision() {
		return false
	}
	switch w.Precision() {
	case 1:
		got = graph.Date{Year: got.Year}
	case 2:
		got = graph.Date{Year: got.Year, Month: got.Month}
	}
	return got == w
}

// nameMatches reports whether the entity named name (a claim's reference)
// has a name or alias containing the word(s) want.
func nameMatches(ents map[string]graph.EntityClaim, name, want string) bool {
	if name == "" {
		return false
	}
	c, ok := ents[name]
	if !ok {
		c = graph.EntityClaim{Name: name}
	}
	return hasWord(c, want)
}

func hasName(c graph.EntityClaim, n string) bool {
	k := graph.NameKey(n)
	if graph.NameKey(c.Name) == k {
		return true
	}
	for _, a := range c.Aliases {
		if graph.NameKey(a) == k {
			return true
		}
	}
	return false
}

func hasWord(c graph.EntityClaim, w string) bool {
	w = graph.NameKey(w)
	for _, n := range append([]string{c.Name}, c.Aliases...) {
		n = graph.NameKey(n)
		if n == w || strings.HasPrefix(n, w+" ") || strings.HasSuffix(n, " "+w) || strings.Contains(n, " "+w+" ") {
			return true
		}
	}
	return false
}

func describeWant(m wantMeeting) string {
	status := m.Status
	if status == "" {
		status = "HELD"
	}
	s := fmt.Sprintf("%s %v date=%q", status, m.Participants, m.Date)
	if m.EndDate != "" {
		s += fmt.Sprintf(" end=%q", m.EndDate)
	}
	if m.Place != "" {
		s += " place=" + m.Place
	}
	if m.City != "" {
		s += " city=" + m.City
	}
	return s
}

// describe writes the extracted facts compactly.
func describe(a *graph.Article) string {
	var b strings.Builder
	b.WriteString("  entities:")
	for _, e := range a.Entities {
		fmt.Fprintf(&b, " %s(%s", e.Name, e.Type.String()[:3])
		if len(e.Aliases) > 0 {
			fmt.Fprintf(&b, " aka %s", strings.Join(e.Aliases, "/"))
		}
		if len(e.Titles) > 0 {
			fmt.Fprintf(&b, " titles %s", strings.Join(e.Titles, "/"))
		}
		b.WriteString(");")
	}
	b.WriteString("\n")
	for _, m := range a.Meetings {
		fmt.Fprintf(&b, "  meeting %s %v date=%q", m.Status, m.Participants, m.Date.String())
		if !m.EndDate.IsZero() {
			fmt.Fprintf(&b, " end=%q", m.EndDate.String())
		}
		if m.Place != "" {
			fmt.Fprintf(&b, " place=%s", m.Place)
		}
		if m.City != "" {
			fmt.Fprintf(&b, " city=%s", m.City)
		}
		if m.DateText != "" {
			fmt.Fprintf(&b, " (%q)", m.DateText)
		}
		b.WriteString("\n")
	}
	for _, s := range a.Statements {
		fmt.Fprintf(&b, "  statement %s direct=%v: %q\n", s.Speaker, s.Direct, s.Text)
	}
	for _, e := range a.Events {
		fmt.Fprintf(&b, "  event %q (%s) %s", e.Name, e.Kind, e.Date.String())
		if len(e.DisruptedBy) > 0 {
			fmt.Fprintf(&b, " disrupted by %q", e.DisruptedBy)
		}
		b.WriteString("\n")
	}
	return b.String()
}
