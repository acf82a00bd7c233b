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

// record is one JSONL line. Fields other than text may be strings or
// numbers ("id": 42); unknown fields are ignored.
type record struct {
	ID        flexString `json:"id"`
	URL       flexString `json:"url"`
	Title     flexString `json:"title"`
	Published flexString `json:"published"`
	Publisher flexString `json:"publisher"`
	Text      *string    `json:"text"`
}

// flexString decodes a JSON string, number or null.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case bytes.Equal(b, []byte("null")):
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string, got %s", b)
	}
	*f = flexString(n.String())
	return nil
}

// jsonl reads one article per line from r. A bad line is rejected as
// "PATH:LINE: reason" and the others are still read. Blank lines are skipped.
func (w *walker) jsonl(r io.Reader, path, key string) error {
	maxText := w.opt.maxBytes()
	// A record's text may be escaped ("\u00e9" is 6 bytes for 2), so a line
	// may be longer than the text it carries.
	lineMax := 2*maxText + 64<<10
	br := bufio.NewReaderSize(r, 64<<10)
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
		return Raw{}, fmt.Errorf("%w: not a JSON object", ErrBadJSON)
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return Raw{}, fmt.Errorf("%w: %w", ErrBadJSON, err)
	}
	if rec.Text == nil {
		return Raw{}, fmt.Errorf("%w: missing \"text\"", ErrNoText)
	}
	text := *rec.Text
	if int64(len(text)) > maxText {
		return Raw{}, fmt.Errorf("%w: text of more than %d bytes", ErrTooLarge, maxText)
	}
	if err := checkText([]byte(text)); err != nil {
		return Raw{}, err
	}
	h := Header{
		ID:        trim(rec.ID),
		URL:       trim(rec.URL),
		Title:     trim(rec.Title),
		Published: trim(rec.Published),
		Publisher: trim(rec.Publisher),
	}
	return Raw{Header: h, Body: text}, nil
}

func trim(f flexString) string { return strings.TrimSpace(string(f)) }
