package main

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/ingest/eval"
)

// eval scores extraction against hand-made gold (testdata/realnews).
func (e *env) eval(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	gold := fs.String("gold", filepath.Join("testdata", "realnews", "gold"), "folder of gold `DIR/<event>.json` files")
	articles := fs.String("articles", filepath.Join("testdata", "realnews", "texts"), "folder of the article texts the gold names")
	split := fs.String("split", "tune", "which events: tune, held or all")
	events := fs.String("events", "", "comma-separated event names (overrides --split)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	verbose := fs.Bool("verbose", false, "list what went wrong in each event")
	workers := fs.Int("workers", 2, "articles extracted at once")
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %v", fs.Args())
	}
	sp, err := eval.ParseSplit(*split)
	if err != nil {
		return usagef("%v", err)
	}
	opt := eval.Options{Gold: *gold, Articles: *articles, Split: sp, Workers: *workers}
	if *events != "" {
		opt.Events = strings.Split(*events, ",")
	}
	rep, err := eval.Run(ctx, opt)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if !*verbose {
			rep.Detail = nil
		}
		return enc.Encode(rep)
	}
	return rep.WriteText(e.stdout, *verbose)
}
