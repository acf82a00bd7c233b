// Package source reads newsgraph's inputs: plain-text articles, folders of
// them and JSONL files (DESIGN.md, "Input"). It turns each article into a Raw
// value with an identity key, its optional header and its body, and rejects
// bad input (empty, binary, invalid UTF-8, UTF-16, oversized, broken JSONL
// lines, symlink loops, unreadable files) with a message naming the input
// and the reason, without stopping the rest.
package source

import (
	"errors"
	"io"
)

// Reasons an input is rejected. A Rejection's Err wraps one of them with
// detail, so callers test the reason with errors.Is.
var (
	ErrEmpty       = errors.New("empty")
	ErrBinary      = errors.New("binary content")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrTooLarge    = errors.New("too large")
	ErrBadJSON     = errors.New("bad JSON")
	ErrNoText      = errors.New("no text")
	ErrUnreadable  = errors.New("unreadable")
	ErrSymlinkLoop = errors.New("symlink loop")
)

// DefaultMaxBytes is the default size limit of one article: 2 MiB, ten
// times the longest news article, and what one store transaction holds
// with room for the article's facts.
const DefaultMaxBytes = 2 << 20

// Header is what an article says about itself: the header lines of a plain
// text file or the fields of a JSONL record. Every field may be empty.
type Header struct {
	ID        string `json:"id,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"` // as written; package text parses it
	Publisher string `json:"publisher,omitempty"`
}

// Raw is one article as read, before cleanup.
type Raw struct {
	// Key is the article's identity: the header id, else the url, else
	// where it was read. For a plain-text file that is its path relative
	// to the folder argument it was found under, with forward slashes; a
	// file given directly as an argument is keyed by its base name, so
	// "dir" and "dir/a.txt" give a.txt the same key. A JSONL line without
	// id or url is keyed "FILE:LINE", FILE keyed as above ("stdin" for -).
	Key    string
	Path   string // the file as walked ("-" for stdin), for messages
	Line   int    // 1-based line in a JSONL file; 0 for plain text
	Header Header
	Body   string // valid UTF-8, without the header lines
}

// Rejection is an input that was not read, and why.
type Rejection struct {
	Input string // a path, or "PATH:LINE" for a JSONL line
	Err   error
}

// Error formats the rejection as "INPUT: reason".
func (r Rejection) Error() string { return r.Input + ": " + r.Err.Error() }

// Unwrap returns the reason, so errors.Is(r, ErrBinary) works.
func (r Rejection) Unwrap() error { return r.Err }

// Options tunes Walk. The zero value is ready to use.
type Options struct {
	// MaxBytes is the size limit of one article (a file, or the text of a
	// JSONL record); 0 means DefaultMaxBytes.
	MaxBytes int64
	// Stdin is read as JSONL for the path "-"; nil rejects "-".
	Stdin io.Reader
	// Keyed makes a JSONL record's "key" field, when present, its identity:
	// the body of POST /ingest carries the identity the client computed
	// (a text file's path key), so that an article sent to a server is the
	// same article as when ingested locally.
	Keyed bool
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}
