package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Walk reads every article under paths, in order, and calls emit for each
// one and reject for each input that cannot be used. A path is a plain-text
// file, a JSONL file (".jsonl"), a folder, read recursively in sorted order,
// or "-", JSONL read from opt.Stdin. In folders, ".txt" and ".jsonl" files
// are read, and files without extension when they hold text; other files and
// hidden entries (".name") are skipped. Symlinks are followed; a folder
// reached twice is read once, and a link back to an enclosing folder is
// rejected as a loop.
//
// Walk returns an error only when the whole walk stops: ctx is done, or emit
// returned an error (returned wrapped). Everything else, a missing path
// included, is a Rejection and the walk goes on. emit and reject are called
// from the calling goroutine, one at a time.
func Walk(ctx context.Context, paths []string, opt Options, emit func(Raw) error, reject func(Rejection)) error {
	w := &walker{ctx: ctx, opt: opt, emit: emit, reject: reject, seen: map[string]bool{}}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.arg(p); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	ctx    context.Context
	opt    Options
	emit   func(Raw) error
	reject func(Rejection)
	seen   map[string]bool // real paths of folders already walked
}

func (w *walker) arg(p string) error {
	if p == "-" {
		if w.opt.Stdin == nil {
			w.reject(Rejection{Input: "-", Err: fmt.Errorf("%w: no standard input", ErrUnreadable)})
			return nil
		}
		return w.jsonl(w.opt.Stdin, "-", "stdin")
	}
	fi, err := os.Stat(p)
	if err != nil {
		w.reject(Rejection{Input: p, Err: unreadable(err)})
		return nil
	}
	if fi.IsDir() {
		real, err := realPath(p)
		if err != nil {
			w.reject(Rejection{Input: p, Err: unreadable(err)})
			return nil
		}
		return w.dir(p, "", []string{real})
	}
	if !fi.Mode().IsRegular() {
		w.reject(Rejection{Input: p, Err: fmt.Errorf("%w: not a regular file", ErrUnreadable)})
		return nil
	}
	key := filepath.Base(p)
	if isJSONL(p) {
		return w.jsonlFile(p, key)
	}
	return w.text(p, key, false)
}

// dir walks folder path, whose key prefix is rel; stack holds the real paths
// of the folders that enclose it, itself included.
func (w *walker) dir(path, rel string, stack []string) error {
	w.seen[stack[len(stack)-1]] = true
	entries, err := os.ReadDir(path) // sorted by name
	if err != nil {
		w.reject(Rejection{Input: path, Err: unreadable(err)})
		if len(entries) == 0 {
			return nil
		}
	}
	for _, e := range entries {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(path, name)
		key := name
		if rel != "" {
			key = rel + "/" + name
		}
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				w.reject(Rejection{Input: p, Err: unreadable(err)})
				continue
			}
			mode = fi.Mode().Type()
		}
		switch {
		case mode.IsDir():
			real, err := realPath(p)
			if err != nil {
				w.reject(Rejection{Input: p, Err: unreadable(err)})
				continue
			}
			if slices.Contains(stack, real) {
				w.reject(Rejection{Input: p, Err: fmt.Errorf("%w: leads back to %s", ErrSymlinkLoop, real)})
				continue
			}
			if w.seen[real] {
				continue
			}
			if err := w.dir(p, key, append(stack[:len(stack):len(stack)], real)); err != nil {
				return err
			}
		case !mode.IsRegular():
			continue
		case isJSONL(name):
			if err := w.jsonlFile(p, key); err != nil {
				return err
			}
		case strings.EqualFold(filepath.Ext(name), ".txt"):
			if err := w.text(p, key, false); err != nil {
				return err
			}
		case filepath.Ext(name) == "":
			if err := w.text(p, key, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// text reads one plain-text article. With sniff set, a file that turns out
// not to be text is skipped instead of rejected.
func (w *walker) text(path, key string, sniff bool) error {
	b, err := readLimited(path, w.opt.maxBytes())
	if err != nil {
		if !sniff || errors.Is(err, ErrTooLarge) {
			w.reject(Rejection{Input: path, Err: err})
		}
		return nil
	}
	if err := checkText(b); err != nil {
		if !sniff || errors.Is(err, ErrEmpty) {
			w.reject(Rejection{Input: path, Err: err})
		}
		return nil
	}
	h, body := splitHeader(string(b))
	if strings.TrimSpace(body) == "" {
		w.reject(Rejection{Input: path, Err: fmt.Errorf("%w: header without body", ErrNoText)})
		return nil
	}
	return w.send(Raw{Key: keyOf(h, key), Path: path, Header: h, Body: body})
}

func (w *walker) send(r Raw) error {
	if err := w.emit(r); err != nil {
		return fmt.Errorf("emit %s: %w", r.Key, err)
	}
	return nil
}

func (w *walker) jsonlFile(path, key string) error {
	f, err := os.Open(path)
	if err != nil {
		w.reject(Rejection{Input: path, Err: unreadable(err)})
		return nil
	}
	defer f.Close()
	return w.jsonl(f, path, key)
}

// readLimited reads at most limit bytes of a file.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unreadable(err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, unreadable(err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return b, nil
}

// checkText accepts UTF-8 text with something besides whitespace, without
// NUL bytes, and with few control characters other than whitespace: a
// stray bell or terminal escape is tolerated (cleanup drops them), more
// than 1% of the characters and at least 8 of them is binary.
func checkText(b []byte) error {
	if len(b) == 0 {
		return ErrEmpty
	}
	if err := wideText(b); err != nil {
		return err
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Errorf("%w: NUL byte at byte %d", ErrBinary, i)
	}
	if i := invalidUTF8At(b); i >= 0 {
		return fmt.Errorf("%w at byte %d", ErrInvalidUTF8, i)
	}
	runes, ctrl := 0, 0
	for _, r := range string(b) {
		runes++
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			ctrl++
		}
	}
	if ctrl >= 8 && ctrl*100 > runes {
		return fmt.Errorf("%w: %d control characters in %d", ErrBinary, ctrl, runes)
	}
	if len(bytes.TrimFunc(b, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })) == 0 {
		return fmt.Errorf("%w: only whitespace", ErrEmpty)
	}
	return nil
}

// wideText rejects text in UTF-16 or UTF-32, told by its byte order mark
// or, without one, by the zero bytes that pad ASCII letters in the first
// 512 bytes.
func wideText(b []byte) error {
	enc, bom := "", true
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xfe, 0, 0}):
		enc = "UTF-32LE"
	case bytes.HasPrefix(b, []byte{0, 0, 0xfe, 0xff}):
		enc = "UTF-32BE"
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		enc = "UTF-16LE"
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		enc = "UTF-16BE"
	default:
		bom = false
		head := b[:min(len(b), 512)]
		pairs, le, be := len(head)/2, 0, 0
		for i := 0; i+1 < len(head); i += 2 {
			switch {
			case head[i] != 0 && head[i+1] == 0:
				le++
			case head[i] == 0 && head[i+1] != 0:
				be++
			}
		}
		switch {
		case pairs < 2:
		case le*10 >= pairs*6:
			enc = "UTF-16LE"
		case be*10 >= pairs*6:
			enc = "UTF-16BE"
		}
	}
	if enc == "" {
		return nil
	}
	how := "with"
	if !bom {
		how = "without"
	}
	return fmt.Errorf("%w: the text is %s (%s byte order mark); only UTF-8 is read, convert it first", ErrInvalidUTF8, enc, how)
}

// invalidUTF8At returns the offset of the first invalid UTF-8 byte, or -1.
func invalidUTF8At(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// splitHeader separates the optional header lines of a plain-text article
// from its body. The header is the first block of lines (up to the first
// blank line), when every line of it is "key: value" with a known key.
func splitHeader(s string) (Header, string) {
	s = strings.TrimPrefix(s, "\uFEFF")
	start := 0
	// Skip leading blank lines: the header, if any, is the first block.
	for start < len(s) {
		nl := strings.IndexByte(s[start:], '\n')
		line := s[start:]
		if nl >= 0 {
			line = s[start : start+nl]
		}
		if strings.TrimSpace(line) != "" || nl < 0 {
			break
		}
		start += nl + 1
	}
	var h Header
	pos, n := start, 0
	for pos < len(s) {
		nl := strings.IndexByte(s[pos:], '\n')
		end, next := len(s), len(s)
		if nl >= 0 {
			end, next = pos+nl, pos+nl+1
		}
		line := strings.TrimSpace(s[pos:end])
		if line == "" {
			break
		}
		if !h.set(line) {
			return Header{}, s
		}
		n++
		pos = next
	}
	if n == 0 {
		return Header{}, s
	}
	return h, s[pos:]
}

// set records a header line and reports whether it was one.
func (h *Header) set(line string) bool {
	k, v, ok := strings.Cut(line, ":")
	if !ok || strings.ContainsFunc(line, func(r rune) bool { return r != '\t' && unicode.IsControl(r) }) {
		// A control character (a lone carriage return of old Mac line
		// endings, say) means this is not a one-line "key: value".
		return false
	}
	v = strings.TrimSpace(v)
	var f *string
	switch strings.ToLower(strings.TrimSpace(k)) {
	case "id":
		f = &h.ID
	case "url":
		f = &h.URL
	case "title":
		f = &h.Title
	case "published":
		f = &h.Published
	case "publisher":
		f = &h.Publisher
	default:
		return false
	}
	if *f == "" {
		*f = v
	}
	return true
}

func keyOf(h Header, fallback string) string {
	switch {
	case h.ID != "":
		return h.ID
	case h.URL != "":
		return h.URL
	}
	return fallback
}

func isJSONL(name string) bool { return strings.EqualFold(filepath.Ext(name), ".jsonl") }

func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// unreadable wraps an I/O error, dropping the path a *PathError repeats.
func unreadable(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%w: %w", ErrUnreadable, err)
}
