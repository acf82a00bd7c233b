// Command newsgraph turns news articles into a knowledge graph of who met
// whom, when and where, who said what, and which events disrupted which,
// stores it in Badger and answers GraphQL about it.
//
// Usage:
//
//	newsgraph ingest  [--db DIR] [--workers N] [--dry-run] [--prune] PATH...
//	newsgraph serve   [--db DIR] [--addr 127.0.0.1:8080] [--token-file FILE] [--ingest PATH]...
//	newsgraph query   [--db DIR] [--vars JSON] QUERY
//	newsgraph delete  [--db DIR] ID...
//	newsgraph extract FILE...
//	newsgraph export  [--db DIR] --format F [-o FILE]
//	newsgraph ner     --conll FILE
//	newsgraph bench   [--articles DIR] [--iterations N] [--json]
//
// Commands that open the database apply the corrections file (--corrections,
// default NAME.corrections.json beside NAME.db) first.
//
// Exit status: 0 on success, 1 when some inputs were rejected or the command
// failed, 2 for bad usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK       = 0
	exitRejected = 1
	exitUsage    = 2
)

// errUsage marks command-line mistakes (exit status 2).
var errUsage = errors.New("usage")

// usageError is a command-line mistake with its message.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
func (e usageError) Unwrap() error { return errUsage }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errRejected says some inputs were rejected (exit status 1), after the
// rejections were already reported.
var errRejected = errors.New("some inputs were rejected")

const usage = `newsgraph turns news articles into a knowledge graph and answers GraphQL about it.

Usage:
  newsgraph ingest  [--db DIR] [--workers N] [--dry-run] [--prune] PATH...
                                                  .txt files, folders, .jsonl; - reads JSONL from stdin
  newsgraph serve   [--db DIR] [--addr 127.0.0.1:8080] [--token-file FILE] [--ingest PATH]...
  newsgraph query   [--db DIR] [--vars JSON] QUERY                 QUERY may be - (stdin) or @FILE
  newsgraph delete  [--db DIR] ID...                               remove articles (id, url or path key) and what only they said
  newsgraph extract FILE...                                        extraction of each article as JSON, nothing stored
  newsgraph export  [--db DIR] --format F [-o FILE]                F: jsonl, cytoscape, graphml, gexf, dot, nquads
  newsgraph ner     --conll FILE                                   prints "token gold predicted" lines
  newsgraph bench   [--articles DIR] [--iterations N] [--json]     times each stage, ingest, re-ingest and the headline query

--db defaults to $NEWSGRAPH_DB, else ./newsgraph.db. Commands that open the database
first apply the corrections file (--corrections, default $NEWSGRAPH_CORRECTIONS, else
NAME.corrections.json beside NAME.db): merges, splits, renames, aliases, types, rejections.
Run "newsgraph COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command and returns its exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	env := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	var err error
	switch args[0] {
	case "ingest":
		err = env.ingest(ctx, args[1:])
	case "serve":
		err = env.serve(ctx, args[1:])
	case "query":
		err = env.query(ctx, args[1:])
	case "extract":
		err = env.extract(ctx, args[1:])
	case "export":
		err = env.export(ctx, args[1:])
	case "delete":
		err = env.deleteSources(ctx, args[1:])
	case "bench":
		err = env.bench(ctx, args[1:])
	case "ner":
		err = env.ner(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "newsgraph: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "newsgraph %s: %v\n", args[0], err)
		return exitUsage
	case errors.Is(err, errRejected):
		return exitRejected
	default:
		fmt.Fprintf(stderr, "newsgraph %s: %v\n", args[0], err)
		return exitRejected
	}
}

// env is what commands read and write.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// isTerminal reports whether w is a terminal, so progress is shown there
// and kept out of pipes and logs.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
