package graph

import (
	"encoding/json"
	"fmt"
)

// ChangeSetKind says what a ChangeSet does. Its JSON form is its name; the
// names are part of the changelog's format and never change.
type ChangeSetKind uint8

// Change set kinds.
const (
	// PutArticle stores Article, replacing the source with its key.
	PutArticle ChangeSetKind = iota + 1
	// DeleteArticle removes the source with identity Key.
	DeleteArticle
	// SetCorrections makes Corrections the user's corrections.
	SetCorrections
	// SetAutoMerges makes AutoMerges the merges of spelling variants.
	SetAutoMerges
)

var changeSetKindNames = [...]string{"", "put", "delete", "corrections", "automerges"}

func (k ChangeSetKind) String() string {
	if int(k) > 0 && int(k) < len(changeSetKindNames) {
		return changeSetKindNames[k]
	}
	return fmt.Sprintf("ChangeSetKind(%d)", k)
}

// MarshalText writes the kind's name.
func (k ChangeSetKind) MarshalText() ([]byte, error) {
	if k == 0 || int(k) >= len(changeSetKindNames) {
		return nil, fmt.Errorf("change set kind %d: unknown", k)
	}
	return []byte(changeSetKindNames[k]), nil
}

// UnmarshalText reads a kind's name.
func (k *ChangeSetKind) UnmarshalText(b []byte) error {
	for i, n := range changeSetKindNames {
		if i > 0 && n == string(b) {
			*k = ChangeSetKind(i)
			return nil
		}
	}
	return fmt.Errorf("change set kind %q: unknown (want put, delete, corrections or automerges)", b)
}

// ChangeSet is one committed change of a store, as a writer's changelog
// carries it to read replicas: an article as stored (before corrections),
// a deletion, or a new state of the corrections. Each one sets a part of
// the store's state whole, rather than editing it, so applying a change
// set twice, or a run of them again from an earlier point, ends in the
// same graph as applying each once.
type ChangeSet struct {
	Kind ChangeSetKind `json:"kind"`
	// Article is the article of PutArticle, with Source.Hash set.
	Article *Article `json:"article,omitempty"`
	// Text is Article.Text, which Article's JSON leaves out.
	Text string `json:"text,omitempty"`
	// Key is the source identity of DeleteArticle.
	Key string `json:"key,omitempty"`
	// Corrections is the whole set of SetCorrections.
	Corrections *Corrections `json:"corrections,omitempty"`
	// AutoMerges is the whole list of SetAutoMerges.
	AutoMerges []Correction `json:"autoMerges,omitempty"`
}

// Identity names what the change set sets: the source key of an article
// change, else the kind.
func (c *ChangeSet) Identity() string {
	switch {
	case c.Kind == PutArticle && c.Article != nil:
		return c.Article.Source.Key
	case c.Kind == DeleteArticle:
		return c.Key
	}
	return c.Kind.String()
}

// Encode is the change set as JSON.
func (c *ChangeSet) Encode() ([]byte, error) {
	if c.Kind == PutArticle {
		if c.Article == nil {
			return nil, fmt.Errorf("change set put: no article")
		}
		cp := *c
		cp.Text = c.Article.Text
		c = &cp
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode change set %s %q: %w", c.Kind, c.Identity(), err)
	}
	return b, nil
}

// DecodeChangeSet reads a change set that Encode wrote and checks that it
// carries what its kind needs.
func DecodeChangeSet(b []byte) (*ChangeSet, error) {
	var c ChangeSet
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("decode change set: %w", err)
	}
	switch c.Kind {
	case PutArticle:
		if c.Article == nil {
			return nil, fmt.Errorf("decode change set put: no article")
		}
		c.Article.Text, c.Text = c.Text, ""
	case DeleteArticle:
		if c.Key == "" {
			return nil, fmt.Errorf("decode change set delete: no key")
		}
	case SetCorrections:
		if c.Corrections == nil {
			c.Corrections = &Corrections{}
		}
	case SetAutoMerges:
	default:
		return nil, fmt.Errorf("decode change set: no kind")
	}
	return &c, nil
}
