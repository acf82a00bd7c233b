package main

import (
	"encoding/json"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/ingest/eval"
)

// evalCmd scores extraction against hand-made gold (testdata/realnews).
func (e *env) evalCmd() *cobra.Command {
	var (
		opt            eval.Options
		split          string
		asJSON, detail bool
	)
	c := &cobra.Command{
		Use:   "eval",
		Short: "scores extraction against hand-made gold (testdata/realnews): precision, recall, F1, headline triples",
		Args:  noArgs,
	}
	f := c.Flags()
	f.StringVar(&opt.Gold, "gold", filepath.Join("testdata", "realnews", "gold"), "folder of gold <event>.json files")
	f.StringVar(&opt.Articles, "articles", filepath.Join("testdata", "realnews", "texts"), "folder of the article texts the gold names")
	f.StringVar(&split, "split", "tune", "which events: tune, held or all")
	f.StringSliceVar(&opt.Events, "events", nil, "event names to score (overrides --split)")
	f.IntVar(&opt.Workers, "workers", 2, "articles extracted at once")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.BoolVar(&detail, "verbose", false, "list what went wrong in each event")
	c.RunE = func(c *cobra.Command, _ []string) error {
		sp, err := eval.ParseSplit(split)
		if err != nil {
			return usagef("%v", err)
		}
		opt.Split = sp
		rep, err := eval.Run(c.Context(), opt)
		if err != nil {
			return err
		}
		if !asJSON {
			return rep.WriteText(e.stdout, detail)
		}
		if !detail {
			rep.Detail = nil
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return c
}
