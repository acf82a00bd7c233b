package schema

import (
	"context"
	"errors"
	"fmt"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
)

// clientError is an error whose message is safe to show to clients: it
// describes what was wrong with the request, never the server's internals.
type clientError struct{ msg string }

func (e *clientError) Error() string { return e.msg }

func clientErrorf(format string, args ...any) error {
	return &clientError{msg: fmt.Sprintf(format, args...)}
}

// internalError hides its cause from clients and keeps it for the logs.
type internalError struct{ err error }

func (e *internalError) Error() string { return "internal error" }
func (e *internalError) Unwrap() error { return e.err }

// safe turns a resolver error into one fit for clients: client errors pass,
// cancellations say so, anything else becomes "internal error".
func safe(err error) error {
	if err == nil {
		return nil
	}
	var ce *clientError
	if errors.As(err, &ce) {
		return ce
	}
	var ie *internalError
	if errors.As(err, &ie) {
		return ie
	}
	switch {
	case errors.Is(err, context.Canceled):
		return &clientError{msg: "request canceled"}
	case errors.Is(err, context.DeadlineExceeded):
		return &clientError{msg: "request timed out"}
	}
	return &internalError{err: err}
}

// InternalErrors returns the causes of the errors in r that clients saw as
// "internal error", for the server's logs.
func InternalErrors(r *graphql.Result) []error {
	if r == nil {
		return nil
	}
	var out []error
	for _, fe := range r.Errors {
		if ie := findInternal(fe); ie != nil {
			out = append(out, ie.err)
		}
	}
	return out
}

// findInternal digs through graphql-go's error wrappers, which do not
// implement Unwrap, for an *internalError.
func findInternal(err error) *internalError {
	for range 16 {
		switch e := err.(type) {
		case nil:
			return nil
		case *internalError:
			return e
		case gqlerrors.FormattedError:
			err = e.OriginalError()
		case *gqlerrors.FormattedError:
			err = e.OriginalError()
		case *gqlerrors.Error:
			err = e.OriginalError
		case gqlerrors.Error:
			err = e.OriginalError
		default:
			var ie *internalError
			if errors.As(err, &ie) {
				return ie
			}
			return nil
		}
	}
	return nil
}
