package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// record is one JSONL line. Fields are decoded one by one, so a message
// can name the field that is wrong. Unknown fields are ignored.
type record struct {
	ID        json.RawMessage `json:"id"`
	URL       json.RawMessage `json:"url"`
	Title     json.RawMessage `json:"title"`
	Published json.RawMessage `json:"published"`
	Publisher json.RawMessage `json:"publisher"`
	Text      json.RawMessage `json:"text"`
}

// field decodes the JSON value of a record field: a string, or for fields
// other than text also a number ("id": 42). null and absent are "".
func field(name string, v json.RawMessage, numberOK bool) (string, bool, error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || bytes.Equal(v, []byte("null")) {
		return "", false, nil
	}
	switch {
	case v[0] == '"':
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return "", false, fmt.Errorf("%w: %q: %w", ErrBadJSON, name, err)
		}
		return s, true, nil
	case numberOK && (v[0] == '-' || v[0] >= '0' && v[0] <= '9'):
		return string(v), true, nil
	}
	want := "a string"
	if numberOK {
		want = "a string or a number"
	}
	return "", false, fmt.Errorf("%w: %q is %s, want %s", ErrBadJSON, name, jsonKind(v[0]), want)
}

// jsonKind names the kind of JSON value that starts with c.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case '"':
		return "a string"
	}
	return "a number"
}

// jsonl reads one article per line from r. A bad line is rejected as
// "PATH:LINE: reason" and the others are still read. Blank lines are skipped.
func (w *walker) jsonl(r io.Reader, path, key string) error {
	maxText := w.opt.maxBytes()
	// A record's text may be escaped ("\u00e9" is 6 bytes for 2), so a line
	// may be longer than the text it carries.
	lineMax := 2*maxText + 64<<10
	br := bufio.NewReaderSize(r, 64<<10)
	// The file as a whole: a UTF-8 byte order mark is skipped; UTF-16 is
	// rejected once, not line by line.
	head, _ := br.Peek(512)
	if err := wideText(head); err != nil {
		w.reject(Rejection{Input: path, Err: err})
		return nil
	}
	if bytes.HasPrefix(head, []byte("\uFEFF")) {
		_, _ = br.Discard(len("\uFEFF"))
	}
	for n := 1; ; n++ {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, lineMax)
		if err != nil && !errors.Is(err, io.EOF) {
			w.reject(Rejection{Input: path + ":" + strconv.Itoa(n), Err: unreadable(err)})
			return nil
		}
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			input := path + ":" + strconv.Itoa(n)
			var raw Raw
			var rerr error
			if tooLong {
				rerr = fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, lineMax)
			} else {
				raw, rerr = parseRecord(line, maxText)
			}
			if rerr != nil {
				w.reject(Rejection{Input: input, Err: rerr})
			} else {
				raw.Key = keyOf(raw.Header, key+":"+strconv.Itoa(n))
				if w.opt.Keyed {
					if k := recordKey(line); k != "" {
						raw.Key = k
					}
				}
				raw.Path, raw.Line = path, n
				if err := w.send(raw); err != nil {
					return err
				}
			}
		}
		if err != nil { // io.EOF
			return nil
		}
	}
}

// recordKey is the "key" field of a JSONL record, "" when absent or not a
// string. The line has already been parsed as a record.
func recordKey(line []byte) string {
	var rec struct {
		Key string `json:"key"`
	}
	if json.Unmarshal(line, &rec) != nil {
		return ""
	}
	return strings.TrimSpace(rec.Key)
}

// readLine reads one line without its newline. A line longer than limit is
// consumed and reported as tooLong, without keeping it in memory.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > limit {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == nil {
			line = bytes.TrimSuffix(line, []byte("\n"))
		}
		if err == nil && len(line) == 0 && !tooLong {
			return []byte{}, false, nil
		}
		return line, tooLong, err
	}
}

// ParseRecord decodes one JSONL record and checks its text as Walk does,
// with maxBytes the size limit of the text (0: DefaultMaxBytes). Raw.Key,
// Path and Line are left for the caller. It is exported for tools that
// receive records one at a time (an HTTP endpoint, a queue).
func ParseRecord(line []byte, maxBytes int64) (Raw, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return parseRecord(line, maxBytes)
}

func parseRecord(line []byte, maxText int64) (Raw, error) {
	line = bytes.TrimSpace(line)
	if i := invalidUTF8At(line); i >= 0 {
		// encoding/json would silently replace the bad bytes.
		return Raw{}, fmt.Errorf("%w at byte %d", ErrInvalidUTF8, i)
	}
	if len(line) == 0 || line[0] != '{' {
		what := "empty"
		switch {
		case len(line) == 0:
		case !json.Valid(line):
			// Only JSON has a kind: "nonsense" is not null.
			what = "not JSON"
		case string(line) == "null":
			what = "null"
		default:
			what = jsonKind(line[0])
		}
		return Raw{}, fmt.Errorf("%w: the line is %s, want an object {\"text\": ...}", ErrBadJSON, what)
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
			return Raw{}, fmt.Errorf("%w: %w (at byte %d)", ErrBadJSON, err, se.Offset)
		}
		return Raw{}, fmt.Errorf("%w: %w", ErrBadJSON, err)
	}
	var h Header
	for _, f := range []struct {
		name string
		v    json.RawMessage
		dst  *string
	}{
		{"id", rec.ID, &h.ID}, {"url", rec.URL, &h.URL}, {"title", rec.Title, &h.Title},
		{"published", rec.Published, &h.Published}, {"publisher", rec.Publisher, &h.Publisher},
	} {
		s, _, err := field(f.name, f.v, true)
		if err != nil {
			return Raw{}, err
		}
		*f.dst = strings.TrimSpace(s)
	}
	text, ok, err := field("text", rec.Text, false)
	if err != nil {
		return Raw{}, err
	}
	if !ok {
		return Raw{}, fmt.Errorf("%w: missing \"text\"", ErrNoText)
	}
	if int64(len(text)) > maxText {
		return Raw{}, fmt.Errorf("%w: text of more than %d bytes", ErrTooLarge, maxText)
	}
	if err := checkText([]byte(text)); err != nil {
		return Raw{}, err
	}
	return Raw{Header: h, Body: text}, nil
}
