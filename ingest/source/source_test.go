package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// collect runs Walk and returns what it emitted and rejected.
func collect(t *testing.T, paths []string, opt Options) ([]Raw, []Rejection) {
	t.Helper()
	var raws []Raw
	var rejs []Rejection
	err := Walk(context.Background(), paths, opt,
		func(r Raw) error { raws = append(raws, r); return nil },
		func(r Rejection) { rejs = append(rejs, r) })
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return raws, rejs
}

func keys(raws []Raw) []string {
	var k []string
	for _, r := range raws {
		k = append(k, r.Key)
	}
	return k
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBadFiles(t *testing.T) {
	tests := []struct {
		file string
		want error
		msg  string
	}{
		{"empty.txt", ErrEmpty, "empty.txt: empty"},
		{"whitespace.txt", ErrEmpty, "whitespace.txt: empty: only whitespace"},
		{"invalid_utf8.txt", ErrInvalidUTF8, "invalid_utf8.txt: invalid UTF-8 at byte 33"},
		{"binary_nul.txt", ErrBinary, "binary_nul.txt: binary content: NUL byte at byte 9"},
		{"missing.txt", ErrUnreadable, "missing.txt: unreadable: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := filepath.Join("..", "..", "testdata", "bad", tt.file)
			raws, rejs := collect(t, []string{p}, Options{})
			if len(raws) != 0 || len(rejs) != 1 {
				t.Fatalf("got %d articles, %d rejections; want 0, 1", len(raws), len(rejs))
			}
			if !errors.Is(rejs[0], tt.want) {
				t.Errorf("reason %v, want %v", rejs[0].Err, tt.want)
			}
			if !strings.HasSuffix(rejs[0].Error(), tt.msg) || !strings.HasPrefix(rejs[0].Error(), p) {
				t.Errorf("message %q, want %q", rejs[0].Error(), p+": ...")
			}
		})
	}
}

func TestBrokenJSONL(t *testing.T) {
	p := filepath.Join("..", "..", "testdata", "bad", "broken.jsonl")
	raws, rejs := collect(t, []string{p}, Options{})
	if got, want := keys(raws), []string{"good-1", "https://example.com/b", "broken.jsonl:6"}; !slices.Equal(got, want) {
		t.Errorf("keys %q, want %q", got, want)
	}
	if raws[0].Header.Title != "First story" || raws[0].Header.Published != "2023-06-19" || raws[0].Line != 1 {
		t.Errorf("header %+v line %d", raws[0].Header, raws[0].Line)
	}
	var msgs []string
	for _, r := range rejs {
		msgs = append(msgs, r.Error())
	}
	if len(rejs) != 2 || !errors.Is(rejs[0], ErrBadJSON) || !errors.Is(rejs[1], ErrNoText) ||
		rejs[0].Input != p+":2" || rejs[1].Input != p+":5" {
		t.Errorf("rejections %q", msgs)
	}
}

func TestParseRecord(t *testing.T) {
	tests := []struct {
		name, line string
		want       error
	}{
		{"ok", `{"text":"A sentence."}`, nil},
		{"numeric id", `{"id":42,"text":"A sentence."}`, nil},
		{"unknown fields", `{"text":"A sentence.","lang":"en"}`, nil},
		{"not object", `["text"]`, ErrBadJSON},
		{"trailing garbage", `{"text":"a"} x`, ErrBadJSON},
		{"text not string", `{"text":5}`, ErrBadJSON},
		{"no text", `{"id":"x"}`, ErrNoText},
		{"null text", `{"text":null}`, ErrNoText},
		{"empty text", `{"text":"  "}`, ErrEmpty},
		{"NUL in text", `{"text":"a\u0000b"}`, ErrBinary},
		{"invalid UTF-8", "{\"text\":\"caf\xe9\"}", ErrInvalidUTF8},
		{"too large", `{"text":"` + strings.Repeat("a", 101) + `"}`, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRecord([]byte(tt.line), 100)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("ParseRecord(%q) = %v, want %v", tt.line, err, tt.want)
			}
		})
	}
}

func TestHeader(t *testing.T) {
	tests := []struct {
		name, in string
		want     Header
		body     string
	}{
		{"full", "URL: https://x.org/a\ntitle: A title\nPublished: 2023-06-19\npublisher: X\nid: a1\n\nBody.\n",
			Header{ID: "a1", URL: "https://x.org/a", Title: "A title", Published: "2023-06-19", Publisher: "X"}, "Body.\n"},
		{"crlf", "title: T\r\n\r\nBody.", Header{Title: "T"}, "\r\nBody."},
		{"no header", "A headline: with colon\n\nBody.", Header{}, "A headline: with colon\n\nBody."},
		{"mixed block is body", "title: T\nSomething else\n\nBody.", Header{}, "title: T\nSomething else\n\nBody."},
		{"unknown key", "author: Jane\n\nBody.", Header{}, "author: Jane\n\nBody."},
		{"leading blank lines", "\n\nid: 7\n\nBody.", Header{ID: "7"}, "Body."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, body := splitHeader(tt.in)
			if h != tt.want || strings.TrimSpace(body) != strings.TrimSpace(tt.body) {
				t.Errorf("splitHeader(%q) = %+v, %q; want %+v, %q", tt.in, h, body, tt.want, tt.body)
			}
		})
	}
}

func TestWalkFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":              "Second article body.",
		"a.txt":              "url: https://example.com/a\n\nFirst article body.",
		"sub/c.TXT":          "Third.",
		"sub/noext":          "Text without an extension.",
		"sub/blob":           "\x00\x01binary",
		"sub/readme.md":      "# not an article",
		".hidden/d.txt":      "Hidden.",
		"sub/deeper/e.txt":   "id: e-id\n\nFifth.",
		"sub/deeper/x.json":  "{}",
		"feed.jsonl":         `{"text":"From JSONL."}` + "\n",
		"sub/headeronly.txt": "title: Only a header\n",
	})
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Skipf("symlinks: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "sub", "deeper"), filepath.Join(dir, "z-again")); err != nil {
		t.Fatal(err)
	}
	raws, rejs := collect(t, []string{dir}, Options{})
	want := []string{"https://example.com/a", "b.txt", "feed.jsonl:1", "sub/c.TXT", "e-id", "sub/noext"}
	if got := keys(raws); !slices.Equal(got, want) {
		t.Errorf("keys %q, want %q", got, want)
	}
	var reasons []string
	for _, r := range rejs {
		reasons = append(reasons, filepath.Base(r.Input)+": "+errors.Unwrap(r.Err).Error())
	}
	if len(rejs) != 2 || !errors.Is(rejs[0], ErrNoText) || !errors.Is(rejs[1], ErrSymlinkLoop) {
		t.Errorf("rejections %q, want header-only and loop", reasons)
	}

	// A file argument is keyed by its base name, like the same file in a folder.
	raws, _ = collect(t, []string{filepath.Join(dir, "b.txt")}, Options{})
	if len(raws) != 1 || raws[0].Key != "b.txt" || raws[0].Body != "Second article body." {
		t.Errorf("file argument: %+v", raws)
	}
}

func TestWalkLimitsAndStdin(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"big.txt": strings.Repeat("word ", 100)})
	stdin := strings.NewReader(`{"id":"s1","text":"From stdin."}` + "\n" + `{"text":"second"}`)
	raws, rejs := collect(t, []string{filepath.Join(dir, "big.txt"), "-", filepath.Join(dir, "nope")},
		Options{MaxBytes: 100, Stdin: stdin})
	if got, want := keys(raws), []string{"s1", "stdin:2"}; !slices.Equal(got, want) {
		t.Errorf("keys %q, want %q", got, want)
	}
	if len(rejs) != 2 || !errors.Is(rejs[0], ErrTooLarge) || !errors.Is(rejs[1], ErrUnreadable) {
		t.Errorf("rejections %v", rejs)
	}
	_, rejs = collect(t, []string{"-"}, Options{})
	if len(rejs) != 1 || rejs[0].Input != "-" {
		t.Errorf("- without stdin: %v", rejs)
	}
}

func TestWalkStops(t *testing.T) {
	stop := errors.New("stop")
	stdin := strings.NewReader(strings.Repeat(`{"text":"x"}`+"\n", 5))
	n := 0
	err := Walk(context.Background(), []string{"-"}, Options{Stdin: stdin},
		func(Raw) error { n++; return stop }, func(Rejection) {})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("emit error: got %v after %d articles", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = Walk(ctx, []string{"-"}, Options{Stdin: strings.NewReader(`{"text":"x"}`)},
		func(Raw) error { return nil }, func(Rejection) {})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
}

func TestLongJSONLLine(t *testing.T) {
	long := `{"text":"` + strings.Repeat("a", 300<<10) + `"}`
	stdin := strings.NewReader(long + "\n" + `{"text":"short"}` + "\n")
	raws, rejs := collect(t, []string{"-"}, Options{MaxBytes: 100, Stdin: stdin})
	if len(raws) != 1 || raws[0].Key != "stdin:2" || len(rejs) != 1 || !errors.Is(rejs[0], ErrTooLarge) {
		t.Errorf("raws %v, rejections %v", keys(raws), rejs)
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"Hello."}` + "\n" + `{"text":` + "\n" + `{"text":"x"}`))
	f.Add([]byte("\xff\xfe{}\n\n{\"text\":\"\\u0000\"}"))
	f.Add([]byte(`{"text":"a","id":1.5e3,"url":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := 0
		err := Walk(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data), MaxBytes: 1 << 10},
			func(r Raw) error {
				lines++
				if r.Body == "" || r.Key == "" || r.Line < 1 {
					return fmt.Errorf("bad raw %+v", r)
				}
				return nil
			},
			func(r Rejection) {
				if r.Err == nil || r.Input != "-" && !strings.HasPrefix(r.Input, "-:") {
					t.Errorf("bad rejection %+v", r)
				}
			})
		if err != nil {
			t.Fatal(err)
		}
		if lines > bytes.Count(data, []byte("\n"))+1 {
			t.Fatalf("%d articles from %d lines", lines, bytes.Count(data, []byte("\n"))+1)
		}
	})
}

func BenchmarkWalkJSONL(b *testing.B) {
	line := `{"id":"x","text":"` + strings.Repeat("The minister met the envoy in the capital. ", 100) + `"}` + "\n"
	data := []byte(strings.Repeat(line, 100))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_ = Walk(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)},
			func(Raw) error { return nil }, func(Rejection) {})
	}
}

// TestKeyedRecords: with Options.Keyed, a record's "key" is its identity
// (the body of POST /ingest); without it, "key" is an unknown field.
func TestKeyedRecords(t *testing.T) {
	in := `{"key":"dir/a.txt","text":"One."}` + "\n" + `{"id":"b","key":"key-wins","text":"Two."}` + "\n" + `{"text":"Three."}` + "\n"
	for _, tc := range []struct {
		keyed bool
		want  []string
	}{
		{true, []string{"dir/a.txt", "key-wins", "stdin:3"}},
		{false, []string{"stdin:1", "b", "stdin:3"}},
	} {
		var got []string
		err := Walk(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader(in), Keyed: tc.keyed},
			func(r Raw) error { got = append(got, r.Key); return nil },
			func(r Rejection) { t.Errorf("rejected %v", r) })
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("keyed %v: keys %q, want %q", tc.keyed, got, tc.want)
		}
	}
}
