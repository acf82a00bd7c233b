package graph

import (
	"errors"
	"fmt"
)

// Sentinel errors every implementation of the graph returns. Test for them
// with errors.Is.
var (
	// ErrNotFound: no node, source or row with that identity.
	ErrNotFound = errors.New("not found")
	// ErrInvalidArticle: an article broke a rule of the model (see ArticleError).
	ErrInvalidArticle = errors.New("invalid article")
)

// ArticleError is why an article was rejected. It wraps ErrInvalidArticle
// (errors.Is) and the reason (Err).
type ArticleError struct {
	Source string // Source.Key of the article
	Claim  string // the offending claim, e.g. `meeting 2 (participants "A", "B")`
	Err    error
}

func (e *ArticleError) Error() string {
	if e.Claim == "" {
		return fmt.Sprintf("invalid article %q: %v", e.Source, e.Err)
	}
	return fmt.Sprintf("invalid article %q: %s: %v", e.Source, e.Claim, e.Err)
}

// Unwrap returns the reason.
func (e *ArticleError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrInvalidArticle) true.
func (e *ArticleError) Is(target error) bool { return target == ErrInvalidArticle }
