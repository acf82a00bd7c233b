package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestWideText(t *testing.T) {
	be := func(b []byte) []byte { // swap to big-endian
		out := bytes.Clone(b)
		for i := 0; i+1 < len(out); i += 2 {
			out[i], out[i+1] = out[i+1], out[i]
		}
		return out
	}
	text := "The minister met the envoy on Monday.\n"
	tests := []struct {
		name string
		in   []byte
		want string // "" for accepted
	}{
		{"UTF-16LE with BOM", utf16LE(text, true), "the text is UTF-16LE (with byte order mark)"},
		{"UTF-16BE with BOM", be(utf16LE(text, true)), "the text is UTF-16BE (with byte order mark)"},
		{"UTF-16LE without BOM", utf16LE(text, false), "the text is UTF-16LE (without byte order mark)"},
		{"UTF-16BE without BOM", be(utf16LE(text, false)), "the text is UTF-16BE (without byte order mark)"},
		{"UTF-32LE", append([]byte{0xff, 0xfe, 0, 0}, 'a', 0, 0, 0), "the text is UTF-32LE"},
		{"UTF-16 of CJK", utf16LE("会谈富有成果。", true), "UTF-16LE"},
		{"UTF-8 with BOM", []byte("\uFEFF" + text), ""},
		{"a NUL in UTF-8", []byte("a\x00b text"), "NUL byte at byte 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkText(tt.in)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want %q", err, tt.want)
			case strings.Contains(tt.want, "UTF-") && !errors.Is(err, ErrInvalidUTF8):
				t.Errorf("%v is not ErrInvalidUTF8", err)
			}
		})
	}
}

func TestControlCharacters(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"a bell in a short text", "The council\x07 voted.", true},
		{"terminal colours", "\x1b[1mBold\x1b[0m news of the day, and more of it.", true},
		{"many controls", "text" + strings.Repeat("\x01\x02", 8), false},
		{"few in long text", strings.Repeat("The council voted. ", 100) + strings.Repeat("\x07", 10), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkText([]byte(tt.in))
			if (err == nil) != tt.ok {
				t.Errorf("checkText = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrBinary) {
				t.Errorf("%v is not ErrBinary", err)
			}
		})
	}
}

func TestRecordMessages(t *testing.T) {
	tests := []struct{ line, want string }{
		{`[{"text":"a"}]`, `bad JSON: the line is an array, want an object {"text": ...}`},
		{`42`, `bad JSON: the line is a number`},
		{`"text"`, `bad JSON: the line is a string`},
		{`null`, `bad JSON: the line is null`},
		{`not json`, `bad JSON: the line is not JSON, want an object`}, // was "the line is null" (issue 13)
		{`nullify`, `bad JSON: the line is not JSON`},
		{`- 1`, `bad JSON: the line is not JSON`},
		{`true`, `bad JSON: the line is a boolean`},
		{`{"text":42}`, `bad JSON: "text" is a number, want a string`},
		{`{"text":["a"]}`, `bad JSON: "text" is an array, want a string`},
		{`{"text":false}`, `bad JSON: "text" is a boolean, want a string`},
		{`{"text":"a","url":{}}`, `bad JSON: "url" is an object, want a string or a number`},
		{`{"text":"a","published":[2023]}`, `bad JSON: "published" is an array`},
		{`{"text":"a`, `bad JSON: unexpected end of JSON input (at byte 10)`},
		{`{"text":"a"}{"text":"b"}`, `bad JSON: invalid character '{' after top-level value (at byte 13)`},
		{`{"text":"a","x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, `exceeded max depth`},
	}
	for _, tt := range tests {
		t.Run(tt.line[:min(len(tt.line), 30)], func(t *testing.T) {
			_, err := ParseRecord([]byte(tt.line), 0)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	r, err := ParseRecord([]byte(`{"TEXT":"Case-insensitive keys.","Id":7,"title":" T "}`), 0)
	if err != nil || r.Body != "Case-insensitive keys." || r.Header.ID != "7" || r.Header.Title != "T" {
		t.Errorf("ParseRecord = %+v, %v", r, err)
	}
}

func TestJSONLEncodings(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"bom.jsonl":   "\uFEFF" + `{"id":"a","text":"First."}` + "\r\n" + `{"id":"b","text":"Second."}` + "\r\n",
		"utf16.jsonl": string(utf16LE(`{"text":"a"}`+"\n"+`{"text":"b"}`+"\n", true)),
	})
	raws, rejs := collect(t, []string{dir}, Options{})
	if got := keys(raws); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("keys %q", got)
	}
	if len(rejs) != 1 || rejs[0].Input != filepath.Join(dir, "utf16.jsonl") || !strings.Contains(rejs[0].Error(), "UTF-16LE") {
		t.Errorf("rejections %v; want utf16.jsonl once", rejs)
	}
}

func TestWalkOddPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"dir.txt/inner.txt":    "An article in a folder named like a file.",
		"dir.jsonl/feed.jsonl": `{"id":"f","text":"In a folder named like a JSONL file."}`,
		"loop/a.txt":           "Before the loop.",
	})
	if err := os.Symlink("..", filepath.Join(dir, "loop", "up")); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	if err := os.Symlink("self.txt", filepath.Join(dir, "self.txt")); err != nil {
		t.Fatal(err)
	}
	raws, rejs := collect(t, []string{dir, filepath.Join(dir, "dir.txt")}, Options{})
	want := []string{"f", "dir.txt/inner.txt", "loop/a.txt", "inner.txt"}
	if got := keys(raws); !slices.Equal(got, want) {
		t.Errorf("keys %q, want %q", got, want)
	}
	var msgs []string
	for _, r := range rejs {
		msgs = append(msgs, r.Error())
	}
	all := strings.Join(msgs, "\n")
	if len(rejs) != 2 || !strings.Contains(all, filepath.Join(dir, "loop", "up")+": symlink loop: leads back to") ||
		!strings.Contains(all, filepath.Join(dir, "self.txt")+": unreadable: too many levels of symbolic links") {
		t.Errorf("rejections:\n%s", all)
	}
	if os.Geteuid() != 0 {
		p := filepath.Join(dir, "secret.txt")
		writeFiles(t, dir, map[string]string{"secret.txt": "Hidden."})
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		_, rejs := collect(t, []string{p}, Options{})
		if len(rejs) != 1 || !errors.Is(rejs[0], ErrUnreadable) || !strings.Contains(rejs[0].Error(), "permission denied") {
			t.Errorf("unreadable file: %v", rejs)
		}
	}
}

func FuzzParseRecord(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","url":"u","title":"t","published":"2023-06-19","publisher":"p","text":"Hello."}`,
		`{"text":42}`, `[1]`, `{"text":"a\u0000"}`, `{"id":1e999,"text":"x"}`, `{"text":"\ud800"}`,
		"\uFEFF{\"text\":\"a\"}", `{"text":"a","text":5}`, `{"text":"` + strings.Repeat("é", 40) + `"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := ParseRecord(line, 64)
		if err != nil {
			for _, reason := range []error{ErrBadJSON, ErrNoText, ErrEmpty, ErrBinary, ErrInvalidUTF8, ErrTooLarge} {
				if errors.Is(err, reason) {
					return
				}
			}
			t.Fatalf("error %v has no reason", err)
		}
		if len(r.Body) > 64 || !utf8.ValidString(r.Body) || strings.TrimSpace(r.Body) == "" || strings.IndexByte(r.Body, 0) >= 0 {
			t.Fatalf("body %q accepted", r.Body)
		}
	})
}

func FuzzCheckText(f *testing.F) {
	for _, s := range []string{
		"title: T\npublished: 2023-02-30\n\nBody.", "\uFEFFid: x\r\n\r\nBody\r\n", "", " \t\n", "a\x00b",
		"caf\xe9", "\xff\xfeT\x00h\x00e\x00", "\x07\x07\x07\x07\x07\x07\x07\x07", "url:\n\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := checkText(b); err != nil {
			return
		}
		if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
			t.Fatalf("accepted %q", b)
		}
		h, body := splitHeader(string(b))
		if !strings.HasSuffix(string(b), body) {
			t.Fatalf("body %q is not the end of %q", body, b)
		}
		for _, v := range []string{h.ID, h.URL, h.Title, h.Published, h.Publisher} {
			if strings.ContainsAny(v, "\r\n") {
				t.Fatalf("header value %q spans lines", v)
			}
		}
	})
}

func BenchmarkCheckText(b *testing.B) {
	text := []byte(strings.Repeat("The minister met the envoy in the capital on Monday. ", 2000))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if err := checkText(text); err != nil {
			b.Fatal(err)
		}
	}
}
