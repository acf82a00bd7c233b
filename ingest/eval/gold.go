// Package eval scores newsgraph's extraction against gold facts written by
// hand for real news articles (testdata/realnews, conventions in
// testdata/ACCEPTANCE.md): it ingests the articles of the chosen events into
// a fresh in-memory store, asks the GraphQL API what a user would ask, and
// counts precision, recall and F1 per measure, and the headline triples (who,
// when, where) that are right. It is the measure extraction is tuned on.
package eval

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Split names a part of the development set.
type Split string

// The parts: events are tuned on, or held back and scored only when a change
// is believed done. All is both.
const (
	Tune Split = "tune"
	Held Split = "held"
	All  Split = "all"
)

// ParseSplit reads a split name.
func ParseSplit(s string) (Split, error) {
	switch Split(s) {
	case Tune, Held, All:
		return Split(s), nil
	}
	return "", fmt.Errorf("unknown split %q (want tune, held or all)", s)
}

// Event is one gold file: an event, the articles that report it and every
// fact a careful reader finds in them.
type Event struct {
	Event    string             `json:"event"`
	About    string             `json:"about"`
	Split    Split              `json:"split"`
	Articles map[string]Article `json:"articles"`

	Persons               []Entity `json:"persons"`
	OptionalPersons       []string `json:"optional_persons"`
	Organizations         []Entity `json:"organizations"`
	OptionalOrganizations []string `json:"optional_organizations"`
	Places                []Entity `json:"places"`
	OptionalPlaces        []string `json:"optional_places"`
	MustNot               []string `json:"must_not_be_entities"`

	Meetings    []Meeting    `json:"meetings"`
	Statements  []Statement  `json:"statements"`
	Disruptions []Disruption `json:"disruptions"`

	file string // the gold file, for messages
}

// Article is one article of an event, as the manifest knows it.
type Article struct {
	URL       string  `json:"url"`
	Query     string  `json:"query"`
	SHA256    string  `json:"sha256"`
	Published *string `json:"published"`
	Outlet    string  `json:"outlet"`
	Note      string  `json:"note"`
}

// Entity is a gold person, organization or place.
type Entity struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Titles  []string `json:"titles"`
}

// names is the entity's name and aliases.
func (e Entity) names() []string { return append([]string{e.Name}, e.Aliases...) }

// Meeting is a gold meeting.
type Meeting struct {
	ID            string            `json:"id"`
	Participants  []string          `json:"participants"`
	Date          *string           `json:"date"`
	DateEnd       *string           `json:"date_end"`
	Place         *string           `json:"place"`
	PlaceConflict string            `json:"place_conflict"`
	City          *string           `json:"city"`
	Status        string            `json:"status"`
	Sources       []string          `json:"sources"`
	Anchors       map[string]string `json:"anchors"`
	Skip          string            `json:"skip"`
}

// held reports whether the meeting took place.
func (m Meeting) held() bool { return m.Status == "" || strings.EqualFold(m.Status, "HELD") }

// Statement is a gold statement: who said it and its first words.
type Statement struct {
	Speaker  string   `json:"speaker"`
	Contains string   `json:"contains"`
	Direct   bool     `json:"direct"`
	Sources  []string `json:"sources"`
	Skip     string   `json:"skip"`
}

// Disruption is a gold DISRUPTED_BY fact.
type Disruption struct {
	Disrupted string   `json:"disrupted"`
	By        string   `json:"by"`
	Sources   []string `json:"sources"`
}

// LoadGold reads every *.json file of dir as an Event, sorted by event name.
func LoadGold(dir string) ([]*Event, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("gold %s: no .json files", dir)
	}
	var evs []*Event
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("gold: %w", err)
		}
		ev := &Event{file: f}
		if err := json.Unmarshal(b, ev); err != nil {
			return nil, fmt.Errorf("gold %s: %w", f, err)
		}
		if ev.Event == "" {
			ev.Event = strings.TrimSuffix(filepath.Base(f), ".json")
		}
		if ev.Split != Tune && ev.Split != Held {
			return nil, fmt.Errorf("gold %s: split %q, want tune or held", f, ev.Split)
		}
		if err := ev.validate(); err != nil {
			return nil, fmt.Errorf("gold %s: %w", f, err)
		}
		evs = append(evs, ev)
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i].Event < evs[j].Event })
	return evs, nil
}

// validate checks that every source a fact names is an article of the event.
func (ev *Event) validate() error {
	if len(ev.Articles) == 0 {
		return fmt.Errorf("no articles")
	}
	check := func(what string, srcs []string) error {
		for _, s := range srcs {
			if _, ok := ev.Articles[s]; !ok {
				return fmt.Errorf("%s names source %q, not an article of the event", what, s)
			}
		}
		return nil
	}
	for _, m := range ev.Meetings {
		if len(m.Participants) < 2 {
			return fmt.Errorf("meeting %s: fewer than two participants", m.ID)
		}
		if err := check("meeting "+m.ID, m.Sources); err != nil {
			return err
		}
	}
	for _, s := range ev.Statements {
		if err := check("statement of "+s.Speaker, s.Sources); err != nil {
			return err
		}
	}
	return nil
}

// fileNames is the event's article files, sorted.
func (ev *Event) fileNames() []string {
	var out []string
	for f := range ev.Articles {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// checkText reports why the article text at path cannot be scored: absent,
// or not the text the gold was written for.
func checkText(path, want string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("text absent: %w", err)
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); want != "" && !strings.EqualFold(got, want) {
		return fmt.Errorf("%s: sha256 %s, the manifest says %s", path, got, want)
	}
	return nil
}
