package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// gEntity is an entity as the API returns it.
type gEntity struct {
	Name    string    `json:"name"`
	Type    string    `json:"type"`
	Aliases []string  `json:"aliases"`
	Sources []gSource `json:"sources"`
}

func (e *gEntity) names() []string {
	if e == nil {
		return nil
	}
	return append([]string{e.Name}, e.Aliases...)
}

type gSource struct {
	Key string `json:"key"`
	URL string `json:"url"`
}

type gMeeting struct {
	Participants []gEntity `json:"participants"`
	Date         *string   `json:"date"`
	Place        *gEntity  `json:"place"`
	City         *gEntity  `json:"city"`
	Status       string    `json:"status"`
	Sources      []gSource `json:"sources"`
}

type gStatement struct {
	Speaker  gEntity     `json:"speaker"`
	Text     string      `json:"text"`
	Direct   bool        `json:"direct"`
	Sources  []gSource   `json:"sources"`
	Evidence []gEvidence `json:"evidence"`
}

// gEvidence is a sentence that supports a statement, from one source.
type gEvidence struct {
	Sentence string  `json:"sentence"`
	Source   gSource `json:"source"`
}

// graphView is what the scorer reads of the graph.
type graphView struct {
	entities   []gEntity
	meetings   []gMeeting
	statements []gStatement
}

// fetch reads every entity, meeting and statement through the GraphQL API.
func fetch(ctx context.Context, ex *schema.Executor) (*graphView, error) {
	var g graphView
	err := page(ctx, ex, "entities", `name type aliases sources { key url }`, func(raw json.RawMessage) error {
		var e gEntity
		err := json.Unmarshal(raw, &e)
		g.entities = append(g.entities, e)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = page(ctx, ex, "meetings", `participants { name aliases } date place { name aliases } city { name aliases } status sources { key url }`, func(raw json.RawMessage) error {
		var m gMeeting
		err := json.Unmarshal(raw, &m)
		g.meetings = append(g.meetings, m)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = page(ctx, ex, "statements", `speaker { name aliases } text direct sources { key url } evidence { sentence source { key url } }`, func(raw json.RawMessage) error {
		var s gStatement
		err := json.Unmarshal(raw, &s)
		g.statements = append(g.statements, s)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// page walks a connection of the Query type 100 nodes at a time.
func page(ctx context.Context, ex *schema.Executor, field, sel string, each func(json.RawMessage) error) error {
	after := ""
	for {
		args := "first: 100"
		if after != "" {
			args += fmt.Sprintf(", after: %q", after)
		}
		q := fmt.Sprintf(`{ %s(%s) { edges { node { %s } } pageInfo { hasNextPage endCursor } } }`, field, args, sel)
		res := ex.Do(ctx, schema.Request{Query: q})
		if len(res.Errors) > 0 {
			var msgs []string
			for _, e := range res.Errors {
				msgs = append(msgs, e.Message)
			}
			return fmt.Errorf("eval: query %s: %s", field, strings.Join(msgs, "; "))
		}
		b, err := json.Marshal(res.Data)
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		var data map[string]struct {
			Edges []struct {
				Node json.RawMessage `json:"node"`
			} `json:"edges"`
			PageInfo struct {
				HasNextPage bool   `json:"hasNextPage"`
				EndCursor   string `json:"endCursor"`
			} `json:"pageInfo"`
		}
		if err := json.Unmarshal(b, &data); err != nil {
			return fmt.Errorf("eval: decode %s: %w", field, err)
		}
		conn := data[field]
		for _, e := range conn.Edges {
			if err := each(e.Node); err != nil {
				return fmt.Errorf("eval: decode %s: %w", field, err)
			}
		}
		if !conn.PageInfo.HasNextPage {
			return nil
		}
		after = conn.PageInfo.EndCursor
	}
}
