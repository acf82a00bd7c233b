// Command peers compares newsgraph's named-entity tagger with other taggers
// on a CoNLL-2003 file, side by side on the same sentences, and scores every
// system with one conlleval-style scorer.
//
//	peers tag -system SYSTEM [-runs 3] -o PRED CONLL   writes conlleval lines to PRED, a JSON summary to stdout
//	peers score PRED...                                  prints a Markdown table (reads PRED's .json beside it)
//
// Systems: newsgraph (ingest/ner on the corpus tokens, as `newsgraph ner`
// does), newsgraph-raw (newsgraph's own tokenizer on the raw sentence text),
// prose (github.com/jdkato/prose/v2, Document.Entities) and prose-iob (the
// same run, read from prose's per-token IOB labels). The peers get each
// sentence as raw text, its words joined with single spaces; see README.md
// for how their output is aligned back to the corpus tokens. This is a
// module of its own so that newsgraph does not depend on prose.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, errUsage) {
		fmt.Fprintln(os.Stderr, "peers:", err)
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

const usage = `usage:
  peers tag -system newsgraph|newsgraph-raw|prose|prose-iob [-runs 3] -o PRED CONLL
  peers score PRED...
`

var errUsage = errors.New("bad usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command", errUsage)
	}
	switch args[0] {
	case "tag":
		fs := flag.NewFlagSet("tag", flag.ContinueOnError)
		fs.SetOutput(stderr)
		system := fs.String("system", "", "newsgraph, newsgraph-raw, prose or prose-iob")
		runs := fs.Int("runs", 3, "tag the corpus this many times and keep the fastest")
		out := fs.String("o", "", "where to write the predictions (conlleval input)")
		if err := fs.Parse(args[1:]); err != nil {
			return fmt.Errorf("%w: %w", errUsage, err)
		}
		if fs.NArg() != 1 || *out == "" || *runs < 1 {
			return fmt.Errorf("%w: tag wants -system, -o PRED and one CONLL file", errUsage)
		}
		m, err := tagFile(ctx, *system, fs.Arg(0), *out, *runs)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	case "score":
		if len(args) < 2 {
			return fmt.Errorf("%w: score wants prediction files", errUsage)
		}
		return scoreFiles(args[1:], stdout)
	}
	return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
}
