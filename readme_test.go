package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The README is run by tests, so that it cannot go stale: its command
// blocks in the order written, against a fresh folder and database, with
// their printed counts and answers compared; and its command-line section
// against "newsgraph help".

var updateREADME = flag.Bool("update-readme", false, "rewrite README.md's command-line section from newsgraph help")

// readmeBlock is one fenced block of the README.
type readmeBlock struct {
	lang string
	line int // of the opening fence, 1-based
	text string
	// after is the README text between the previous block and this one.
	after string
}

func readmeBlocks(t *testing.T, readme string) []readmeBlock {
	t.Helper()
	var blocks []readmeBlock
	lines := strings.Split(readme, "\n")
	var prose strings.Builder
	for i := 0; i < len(lines); i++ {
		lang, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			prose.WriteString(lines[i] + "\n")
			continue
		}
		b := readmeBlock{lang: strings.TrimSpace(lang), line: i + 1, after: prose.String()}
		prose.Reset()
		var body []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			body = append(body, lines[i])
		}
		if i == len(lines) {
			t.Fatalf("README.md:%d: block never closed", b.line)
		}
		b.text = strings.Join(body, "\n") + "\n"
		blocks = append(blocks, b)
	}
	return blocks
}

// TestREADMEUsage checks that the README's command-line block is what
// "newsgraph help" prints, and that the Go version it states is go.mod's.
// -update-readme rewrites the block.
func TestREADMEUsage(t *testing.T) {
	code, help, errs := cli(t, "help")
	if code != 0 {
		t.Fatalf("help: exit %d, %s", code, errs)
	}
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	const marker = "<!-- newsgraph help -->\n```text\n"
	start := strings.Index(readme, marker)
	if start < 0 {
		t.Fatalf("README.md has no %q", marker)
	}
	start += len(marker)
	end := start + strings.Index(readme[start:], "```\n")
	if got := readme[start:end]; got != help {
		if *updateREADME {
			readme = readme[:start] + help + readme[end:]
			if err := os.WriteFile("README.md", []byte(readme), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's command-line block differs from newsgraph help (go test -run TestREADMEUsage -update-readme .):\n--- README\n%s--- help\n%s", got, help)
	}

	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("no go line in go.mod")
	}
	if want := "Go " + string(m[1]) + " or later"; !strings.Contains(readme, want) {
		t.Errorf("README.md does not say %q (go.mod's go line)", want)
	}
}

// TestREADMECommands runs every sh and console block of the README in the
// order written, as a reader in a fresh clone would: in a new folder that
// holds the repository's testdata, with the default database, commands run
// in process ("go run ." and "newsgraph" are this program). Each must exit
// 0 unless its transcript ends with go run's "exit status N"; a console
// block's output must be what the command prints (durations aside); a json
// block right after an sh block is the answer its last command prints. A
// serve is started, asked for the playground and the headline question,
// and stopped with Ctrl-C before the next command, as the README says.
// "go test" is the only command not run: it is this test's own suite.
func TestREADMECommands(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlocks(t, string(b))
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(testdata, filepath.Join(dir, "testdata")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, v := range []string{"NEWSGRAPH_DB", "NEWSGRAPH_CORRECTIONS", "NEWSGRAPH_TOKEN"} {
		t.Setenv(v, "")
	}
	t.Setenv("NEWSGRAPH_ADDR", "127.0.0.1:0") // 8080 may be taken

	ran := 0
	var lastOut string // stdout of the last command of the last sh block
	for i, blk := range blocks {
		switch blk.lang {
		case "sh":
			cmds, err := shellWords(blk.text)
			if err != nil {
				t.Fatalf("README.md:%d: %v", blk.line, err)
			}
			for _, args := range cmds {
				lastOut = runREADMECommand(t, blk.line, args)
				ran++
			}
		case "console":
			ran += runTranscript(t, blk)
		case "json":
			if i == 0 || blocks[i-1].lang != "sh" {
				continue // an example, not an answer
			}
			var want, got any
			if err := json.Unmarshal([]byte(blk.text), &want); err != nil {
				t.Fatalf("README.md:%d: %v", blk.line, err)
			}
			if err := json.Unmarshal([]byte(lastOut), &got); err != nil {
				t.Fatalf("README.md:%d: the command before printed no JSON: %v\n%s", blk.line, err, lastOut)
			}
			if !reflect.DeepEqual(want, got) {
				g, _ := json.Marshal(got)
				t.Errorf("README.md:%d: the answer differs from what the query prints:\n%s", blk.line, g)
			}
		}
	}
	t.Logf("ran %d README commands", ran)
	if ran < 6 {
		t.Errorf("ran only %d README commands", ran)
	}
}

// readmeArgs returns the newsgraph arguments of a README command line, or
// ok false for go test.
func readmeArgs(t *testing.T, line int, words []string) (args []string, ok bool) {
	t.Helper()
	switch {
	case len(words) >= 2 && words[0] == "go" && words[1] == "test":
		return nil, false
	case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == ".":
		return words[3:], true
	case len(words) >= 1 && words[0] == "newsgraph":
		return words[1:], true
	}
	t.Fatalf("README.md:%d: cannot run %q: write README commands as go run . or newsgraph", line, strings.Join(words, " "))
	return nil, false
}

// runREADMECommand runs one command of an sh block and returns its stdout.
func runREADMECommand(t *testing.T, line int, words []string) string {
	t.Helper()
	args, ok := readmeArgs(t, line, words)
	if !ok {
		return ""
	}
	if len(args) > 0 && args[0] == "serve" {
		readmeServe(t, line, args)
		return ""
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("README.md:%d: %s: exit %d\n%s%s", line, strings.Join(words, " "), code, out.String(), errb.String())
	}
	return out.String()
}

// lockedBuffer is a bytes.Buffer for a writer in another goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// readmeServe runs a serve command until it is ready, opens the
// playground, asks the headline question and stops it as Ctrl-C does.
func readmeServe(t *testing.T, line int, args []string) {
	t.Helper()
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	var logs lockedBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, strings.NewReader(""), io.Discard, &logs) }()
	ready := regexp.MustCompile(`playground=(http://127\.0\.0\.1:\d+/)`)
	var base string
	for deadline := time.Now().Add(time.Minute); base == ""; {
		select {
		case code := <-done:
			t.Fatalf("README.md:%d: serve exited %d before serving:\n%s", line, code, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if m := ready.FindStringSubmatch(logs.String()); m != nil {
			base = m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("README.md:%d: serve not ready after a minute:\n%s", line, logs.String())
		}
	}
	page := httpGet(t, base)
	if !strings.Contains(page, "# Who met whom") {
		t.Errorf("README.md:%d: the playground does not open with the commented start query", line)
	}
	q, _ := json.Marshal(map[string]string{"query": `{ meetings(participant: "Blinken") { edges { node {
		participants { name } date place { name } city { name } sources { url title } } } } }`})
	resp, err := http.Post(base+"graphql", "application/json", bytes.NewReader(q))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var res struct {
		Data struct{ Meetings struct{ Edges []any } }
	}
	if err := json.Unmarshal(body, &res); err != nil || len(res.Data.Meetings.Edges) == 0 {
		t.Errorf("README.md:%d: the headline question through the server: %v\n%s", line, err, body)
	}
	cancel(signalError{os.Interrupt})
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("README.md:%d: serve exited %d after Ctrl-C:\n%s", line, code, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("README.md:%d: serve did not stop after Ctrl-C", line)
	}
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	return string(b)
}

// durations masks the times a summary ends with.
var durations = regexp.MustCompile(`\bin \d+(\.\d+)?(ns|µs|ms|s|m)\b`)

// runTranscript runs the "$ " lines of a console block and compares what
// each prints (stdout and stderr, in order) with the lines after it; a
// last line "exit status N" is the exit status go run reports. It returns
// the number of commands run.
func runTranscript(t *testing.T, blk readmeBlock) int {
	t.Helper()
	type step struct {
		line int
		cmd  string
		want []string
	}
	var steps []step
	for i, l := range strings.Split(strings.TrimSuffix(blk.text, "\n"), "\n") {
		if cmd, ok := strings.CutPrefix(l, "$ "); ok {
			steps = append(steps, step{line: blk.line + 1 + i, cmd: cmd})
			continue
		}
		if len(steps) == 0 {
			t.Fatalf("README.md:%d: console block does not start with a $ line", blk.line)
		}
		steps[len(steps)-1].want = append(steps[len(steps)-1].want, l)
	}
	for _, s := range steps {
		words, err := shellWords(s.cmd)
		if err != nil || len(words) != 1 {
			t.Fatalf("README.md:%d: %q is not one command (%v)", s.line, s.cmd, err)
		}
		args, ok := readmeArgs(t, s.line, words[0])
		if !ok {
			continue
		}
		wantCode := 0
		if n := len(s.want); n > 0 {
			if _, err := fmt.Sscanf(s.want[n-1], "exit status %d", &wantCode); err == nil {
				s.want = s.want[:n-1]
			}
		}
		var out bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &out, &out)
		if code != wantCode {
			t.Errorf("README.md:%d: %s: exit %d, README says %d\n%s", s.line, s.cmd, code, wantCode, out.String())
		}
		got := durations.ReplaceAllString(out.String(), "in <time>")
		want := durations.ReplaceAllString(strings.Join(s.want, "\n")+"\n", "in <time>")
		if got != want {
			t.Errorf("README.md:%d: %s prints\n%s\nREADME says\n%s", s.line, s.cmd, got, want)
		}
	}
	return len(steps)
}

// shellWords splits sh text into commands and their words, as sh would
// for the README's simple commands: single and double quotes (which may
// span lines), backslash escapes, # comments, one command per line.
func shellWords(text string) ([][]string, error) {
	var cmds [][]string
	var words []string
	var word strings.Builder
	inWord := false
	endWord := func() {
		if inWord {
			words = append(words, word.String())
			word.Reset()
			inWord = false
		}
	}
	endCmd := func() {
		endWord()
		if len(words) > 0 {
			cmds = append(cmds, words)
			words = nil
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(text[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed ' in %q", text)
			}
			word.WriteString(text[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case c == '"':
			inWord = true
			for i++; ; i++ {
				if i >= len(text) {
					return nil, fmt.Errorf("unclosed \" in %q", text)
				}
				if text[i] == '"' {
					break
				}
				if text[i] == '\\' && i+1 < len(text) && strings.IndexByte("\"\\$`", text[i+1]) >= 0 {
					i++
				}
				word.WriteByte(text[i])
			}
		case c == '\\' && i+1 < len(text) && text[i+1] == '\n':
			i++ // line continuation
		case c == '\\' && i+1 < len(text):
			i++
			word.WriteByte(text[i])
			inWord = true
		case c == '#' && !inWord:
			for i < len(text) && text[i] != '\n' {
				i++
			}
			endCmd()
		case c == '\n':
			endCmd()
		case c == ' ' || c == '\t':
			endWord()
		case strings.IndexByte("|&;<>()$`*?", c) >= 0:
			return nil, fmt.Errorf("%q needs a shell; README commands are simple", string(c))
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	endCmd()
	return cmds, nil
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		in   string
		want [][]string
	}{
		{"go run . ingest testdata/articles   # a comment\n", [][]string{{"go", "run", ".", "ingest", "testdata/articles"}}},
		{"a 'b c\nd' e\nf \"g \\\"h\\\"\"\n", [][]string{{"a", "b c\nd", "e"}, {"f", `g "h"`}}},
		{"a \\\n  b\n\n# only a comment\n", [][]string{{"a", "b"}}},
		{"x='{ a }'", [][]string{{"x={ a }"}}},
	}
	for _, tc := range tests {
		got, err := shellWords(tc.in)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"a | b", "a 'b", `a "b`, "a > f", "a $(b)"} {
		if _, err := shellWords(bad); err == nil {
			t.Errorf("shellWords(%q): no error", bad)
		}
	}
}
