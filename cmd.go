package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/server"
)

// headlineQuery is the question the playground opens with: who met whom,
// when and where, with the sources and any disagreement between them.
const headlineQuery = `# Who met whom, when and where? Try meetings(participant: "a name").
{
  meetings(first: 20) {
    totalCount
    edges {
      node {
        participants { name }
        date
        place { name }
        city { name }
        conflicts { field values { value sources { title } } }
        sources { url title }
      }
    }
  }
}
`

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usagef("see the flags above")
		}
		return usagef("%v", err)
	}
	return nil
}

func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("NEWSGRAPH_DB")
	if def == "" {
		def = "newsgraph.db"
	}
	return fs.String("db", def, "database directory (default $NEWSGRAPH_DB, else ./newsgraph.db)")
}

func syncFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("sync", false, "fsync every transaction: an acknowledged article survives a power loss (slower)")
}

// storeFlags are the flags of every command that opens the database.
type storeFlags struct {
	db, corrections *string
	sync            *bool
}

func addStoreFlags(fs *flag.FlagSet) storeFlags {
	return storeFlags{
		db:          dbFlag(fs),
		sync:        syncFlag(fs),
		corrections: fs.String("corrections", os.Getenv("NEWSGRAPH_CORRECTIONS"), "corrections file, JSON or YAML (default $NEWSGRAPH_CORRECTIONS, else NAME.corrections.json beside the database NAME.db)"),
	}
}

// correctionsPath is the corrections file of the database in dir: the
// flag's value, else an existing NAME.corrections.{yaml,yml,json} beside
// it (NAME is dir without ".db"), else NAME.corrections.json.
func (f storeFlags) correctionsPath() string {
	if *f.corrections != "" {
		return *f.corrections
	}
	base := strings.TrimSuffix(filepath.Clean(*f.db), ".db")
	for _, ext := range []string{".yaml", ".yml", ".json"} {
		if _, err := os.Stat(base + ".corrections" + ext); err == nil {
			return base + ".corrections" + ext
		}
	}
	return base + ".corrections.json"
}

// open opens the database; unless deferCorrections is set (ingest applies
// them itself, inside its summary) it brings the store in line with the
// corrections file.
func (e *env) open(ctx context.Context, f storeFlags, deferCorrections bool) (*graph.Store, error) {
	opt := graph.DefaultOptions(*f.db)
	opt.SyncWrites = *f.sync
	st, err := graph.Open(ctx, opt)
	if errors.Is(err, graph.ErrLocked) {
		return nil, fmt.Errorf("database %s is in use by another newsgraph process (stop it, or query it through its server): %w", *f.db, err)
	}
	if err != nil {
		return nil, err
	}
	if !deferCorrections {
		if err := e.applyCorrections(ctx, st, f.correctionsPath()); err != nil {
			_ = st.Close()
			return nil, err
		}
	}
	return st, nil
}

// applyCorrections makes the corrections file at path the store's
// corrections, rebuilding the articles they touch. Without a file the
// store keeps the corrections it has (an empty file removes them).
func (e *env) applyCorrections(ctx context.Context, st *graph.Store, path string) error {
	c, err := graph.LoadCorrections(path)
	if errors.Is(err, fs.ErrNotExist) {
		if n := st.Corrections().Len(); n > 0 {
			fmt.Fprintf(e.stderr, "no corrections file %s: keeping the %d corrections stored in the database\n", path, n)
		}
		return nil
	}
	if err != nil {
		return err
	}
	res, err := st.SetCorrections(ctx, c)
	if n := len(res.Changes); n > 0 {
		fmt.Fprintf(e.stderr, "corrections changed (%d in %s): %d of %d articles rebuilt\n", c.Len(), path, n, res.Sources)
	}
	return err
}

func (e *env) ingest(ctx context.Context, args []string) error {
	fs := e.flags("ingest")
	sf := addStoreFlags(fs)
	workers := fs.Int("workers", 4, "articles processed at once")
	dry := fs.Bool("dry-run", false, "report what would change, write nothing")
	prune := fs.Bool("prune", false, "delete stored articles that are not among PATHs (a full batch re-ingest)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no PATH given (files, folders, .jsonl, or - for JSONL on stdin)")
	}
	if *workers < 1 {
		return usagef("--workers must be at least 1")
	}
	st, err := e.open(ctx, sf, true)
	if err != nil {
		return err
	}
	defer st.Close()
	return e.runIngest(ctx, st, ingestRun{paths: fs.Args(), workers: *workers, dry: *dry, prune: *prune,
		corrections: sf.correctionsPath()})
}

// ingestRun is what runIngest does.
type ingestRun struct {
	paths   []string
	workers int
	dry     bool // write to an in-memory copy of the store, report, discard
	prune   bool // delete stored sources not among paths
	// corrections is the corrections file applied before the batch.
	corrections string
}

// runIngest applies the corrections file and ingests into st, then prints
// the rejections and a summary of what changed: articles by outcome, nodes
// and edges added and removed (counted on the graph before and after, so
// corrections count and a meeting that several articles re-cluster counts
// once).
func (e *env) runIngest(ctx context.Context, st *graph.Store, run ingestRun) error {
	start := time.Now()
	if run.dry {
		clone, err := st.CloneInMemory(ctx)
		if err != nil {
			return fmt.Errorf("dry run: %w", err)
		}
		defer clone.Close()
		st = clone
	}
	before, err := st.Census(ctx)
	if err != nil {
		return err
	}
	if err := e.applyCorrections(ctx, st, run.corrections); err != nil {
		return err
	}
	opt := ingest.Options{Workers: run.workers, Stdin: e.stdin}
	if isTerminal(e.stderr) {
		opt.Progress = func(n int, c graph.Change) {
			fmt.Fprintf(e.stderr, "\r%d articles (%s: %s)\033[K", n, trim(c.Source, 40), c.Action)
		}
	}
	p, err := ingest.New(opt)
	if err != nil {
		return err
	}
	rep, err := p.Ingest(ctx, st, run.paths)
	if opt.Progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if rep == nil {
		return err
	}
	for _, r := range rep.Rejections {
		fmt.Fprintf(e.stderr, "rejected %s\n", r.Error())
	}
	deleted := 0
	if err == nil && run.prune {
		if deleted, err = e.prune(ctx, st, rep); err != nil {
			return err
		}
		if deleted > 0 {
			if _, err = st.Reconcile(ctx); err != nil {
				return err
			}
		}
	}
	after, cerr := st.Census(ctx)
	if cerr != nil && err == nil {
		err = cerr
	}
	if cerr == nil {
		d := before.Diff(after)
		verb := "ingested"
		if run.dry {
			verb = "dry run, nothing written:"
		}
		fmt.Fprintf(e.stderr, "%s %d added, %d updated, %d unchanged, %d deleted, %d rejected; nodes +%d -%d (%d), edges +%d -%d (%d) in %s\n",
			verb, rep.Added, rep.Updated, rep.Unchanged, deleted, rep.Rejected,
			d.NodesAdded, d.NodesRemoved, after.Nodes(), d.EdgesAdded, d.EdgesRemoved, after.Edges(),
			time.Since(start).Round(time.Millisecond))
	}
	if err != nil {
		return err
	}
	if rep.Rejected > 0 {
		return errRejected
	}
	return nil
}

// prune deletes the stored sources that the batch did not contain. It does
// nothing when some inputs were rejected: a rejected article's old version
// stays, as nothing stored is lost to bad input.
func (e *env) prune(ctx context.Context, st *graph.Store, rep *ingest.Report) (int, error) {
	if rep.Rejected > 0 {
		fmt.Fprintf(e.stderr, "not pruning: %d inputs were rejected\n", rep.Rejected)
		return 0, nil
	}
	seen := map[string]bool{}
	for _, c := range rep.Changes {
		seen[c.Source] = true
	}
	keys, err := st.SourceKeys(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, k := range keys {
		if seen[k] {
			continue
		}
		_, err := st.DeleteSource(ctx, k)
		if errors.Is(err, graph.ErrNotFound) {
			continue // deleted meanwhile
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// deleteSources is the delete command: it removes articles, by identity
// (id, url or path key) or by source node ID, with every fact only they
// supported.
func (e *env) deleteSources(ctx context.Context, args []string) error {
	fs := e.flags("delete")
	sf := addStoreFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no ID given (an article's id, url or path key, or a source node ID)")
	}
	st, err := e.open(ctx, sf, false)
	if err != nil {
		return err
	}
	defer st.Close()
	before, err := st.Census(ctx)
	if err != nil {
		return err
	}
	deleted, missing := 0, 0
	for _, ref := range fs.Args() {
		key, err := st.FindSource(ctx, ref)
		if err == nil {
			_, err = st.DeleteSource(ctx, key)
		}
		if errors.Is(err, graph.ErrNotFound) {
			fmt.Fprintf(e.stderr, "not found: no article with id, url, path key or source ID %q\n", ref)
			missing++
			continue
		}
		if err != nil {
			return err
		}
		deleted++
	}
	if _, err := st.Reconcile(ctx); err != nil {
		return err
	}
	after, err := st.Census(ctx)
	if err != nil {
		return err
	}
	d := before.Diff(after)
	fmt.Fprintf(e.stderr, "deleted %d articles (%d not found); nodes -%d (%d), edges -%d (%d)\n",
		deleted, missing, d.NodesRemoved, after.Nodes(), d.EdgesRemoved, after.Edges())
	if missing > 0 {
		return errRejected
	}
	return nil
}

func trim(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

func (e *env) serve(ctx context.Context, args []string) error {
	fs := e.flags("serve")
	sf := addStoreFlags(fs)
	addr := fs.String("addr", server.DefaultAddr, "address to listen on")
	var paths listFlag
	fs.Var(&paths, "ingest", "ingest PATH before serving (repeatable)")
	workers := fs.Int("workers", 4, "articles processed at once by --ingest")
	timeout := fs.Duration("timeout", server.DefaultTimeout, "per-request timeout")
	var cors listFlag
	fs.Var(&cors, "cors", "allow browser calls from this origin (repeatable; * for any)")
	token := fs.String("token", os.Getenv("NEWSGRAPH_TOKEN"), "bearer token that mutations must carry (default $NEWSGRAPH_TOKEN; empty disables mutations); other users see it in ps: prefer --token-file or $NEWSGRAPH_TOKEN")
	tokenFile := fs.String("token-file", "", "read the bearer token from the first line of this file (not visible in ps)")
	var hosts listFlag
	fs.Var(&hosts, "allowed-host", "a name the Host header may give (repeatable; * for any); default: the listen address and localhost when it is loopback, else any")
	mutationTimeout := fs.Duration("mutation-timeout", server.DefaultMutationTimeout, "how long a mutation may wait for the ones before it; once started it finishes")
	maxMutations := fs.Int("max-mutations", server.DefaultMaxMutations, "mutations running or waiting at once (429 beyond)")
	sdef := schema.DefaultOptions()
	maxDepth := fs.Int("max-depth", sdef.MaxDepth, "deepest selection nesting a query may have")
	maxFirst := fs.Int("max-first", sdef.MaxFirst, "largest page (first) a connection returns")
	maxCost := fs.Int("max-cost", sdef.MaxCost, "highest estimated cost of a query (connections multiply by first); -1 disables")
	maxNodes := fs.Int("max-nodes", sdef.MaxNodes, "most objects in one response; -1 disables")
	maxFields := fs.Int("max-fields", sdef.MaxFields, "most fields a query may spell out; -1 disables")
	maxTokens := fs.Int("max-tokens", sdef.MaxTokens, "most lexical tokens in a query; -1 disables")
	maxVars := fs.Int("max-variables", sdef.MaxVariables, "most variable definitions in a query; -1 disables")
	maxDirectives := fs.Int("max-directives", sdef.MaxDirectives, "most directives in a query; -1 disables")
	maxArgs := fs.Int("max-arguments", sdef.MaxArguments, "most argument values (list items and object fields included) in a query; -1 disables")
	maxBody := fs.Int64("max-body", server.DefaultMaxBodyBytes, "largest request body in bytes (413 beyond)")
	maxConc := fs.Int("max-concurrent", server.DefaultMaxConcurrent, "GraphQL requests executed at once (429 beyond)")
	if err := parse(fs, args); err != nil {
		return err
	}
	paths = append(paths, fs.Args()...)
	if *maxDepth < 1 || *maxFirst < 1 || *maxBody < 1 || *maxConc < 1 || *maxMutations < 1 || *mutationTimeout <= 0 {
		return usagef("--max-depth, --max-first, --max-body, --max-concurrent, --max-mutations and --mutation-timeout must be positive")
	}
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return usagef("--token-file: %v", err)
		}
		first, _, _ := strings.Cut(string(b), "\n")
		if *token = strings.TrimSpace(first); *token == "" {
			return usagef("--token-file %s: no token on its first line", *tokenFile)
		}
	}
	if len(hosts) == 0 {
		hosts = server.LoopbackHosts(*addr)
	}
	st, err := e.open(ctx, sf, len(paths) > 0)
	if err != nil {
		return err
	}
	defer st.Close()
	curator := graph.NewCurator(st, sf.correctionsPath())
	if *token != "" {
		// Mutations are on: fail now, not at the first one.
		if err := curator.Writable(); err != nil {
			return err
		}
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	if len(paths) > 0 {
		err := e.runIngest(ctx, st, ingestRun{paths: paths, workers: *workers, corrections: sf.correctionsPath()})
		if err != nil && !errors.Is(err, errRejected) {
			return err
		}
	}
	sopt := schema.DefaultOptions()
	sopt.MaxDepth, sopt.MaxFirst, sopt.MaxCost, sopt.MaxNodes, sopt.MaxFields = *maxDepth, *maxFirst, *maxCost, *maxNodes, *maxFields
	sopt.MaxTokens, sopt.MaxVariables, sopt.MaxDirectives, sopt.MaxArguments = *maxTokens, *maxVars, *maxDirectives, *maxArgs
	sopt.Curator = curator
	ex, err := schema.New(st, sopt)
	if err != nil {
		return err
	}
	opt := server.DefaultOptions()
	opt.MaxBodyBytes = *maxBody
	opt.MaxConcurrent = *maxConc
	opt.Addr = *addr
	opt.Logger = log
	opt.Timeout = *timeout
	opt.CORSOrigins = cors
	opt.Token = *token
	opt.AllowedHosts = hosts
	opt.MutationTimeout = *mutationTimeout
	opt.MaxMutations = *maxMutations
	opt.DefaultQuery = headlineQuery
	opt.Health = func(ctx context.Context) error {
		_, err := st.Sources(ctx)
		return err
	}
	opt.Ready = func(a net.Addr) {
		log.Info("serving GraphQL", "playground", "http://"+a.String()+"/", "endpoint", "http://"+a.String()+"/graphql")
	}
	h := server.New(ex, opt)
	return server.ListenAndServe(ctx, h, opt)
}

func (e *env) query(ctx context.Context, args []string) error {
	fs := e.flags("query")
	sf := addStoreFlags(fs)
	vars := fs.String("vars", "", "variables as a JSON object")
	op := fs.String("operation", "", "operation name, when QUERY holds several")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want exactly one QUERY (or - to read it from stdin, @FILE to read a file)")
	}
	q := fs.Arg(0)
	switch {
	case q == "-":
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			return fmt.Errorf("read query from stdin: %w", err)
		}
		q = string(b)
	case strings.HasPrefix(q, "@"):
		b, err := os.ReadFile(q[1:])
		if err != nil {
			return fmt.Errorf("read query: %w", err)
		}
		q = string(b)
	}
	var v map[string]any
	if *vars != "" {
		if err := json.Unmarshal([]byte(*vars), &v); err != nil {
			return usagef("--vars is not a JSON object: %v", err)
		}
	}
	st, err := e.open(ctx, sf, false)
	if err != nil {
		return err
	}
	defer st.Close()
	// The command line is the database owner's own: mutations need no token.
	sopt := schema.DefaultOptions()
	sopt.Curator = graph.NewCurator(st, sf.correctionsPath())
	ex, err := schema.New(st, sopt)
	if err != nil {
		return err
	}
	res := ex.Do(ctx, schema.Request{Query: q, Variables: v, OperationName: *op})
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		return err
	}
	if len(res.Errors) > 0 {
		return errRejected
	}
	return nil
}

func (e *env) extract(ctx context.Context, args []string) error {
	fs := e.flags("extract")
	withText := fs.Bool("text", false, "include the cleaned text")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no FILE given")
	}
	p, err := ingest.New(ingest.Options{})
	if err != nil {
		return err
	}
	rejected := false
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err = source.Walk(ctx, fs.Args(), source.Options{Stdin: e.stdin}, func(r source.Raw) error {
		a, err := p.Extract(ctx, r)
		if err != nil {
			fmt.Fprintf(e.stderr, "rejected %s: %v\n", r.Path, err)
			rejected = true
			return nil
		}
		out := struct {
			*graph.Article
			Text string `json:"text,omitempty"`
		}{Article: a}
		if *withText {
			out.Text = a.Text
		}
		return enc.Encode(out)
	}, func(r source.Rejection) {
		fmt.Fprintf(e.stderr, "rejected %s\n", r.Error())
		rejected = true
	})
	if err != nil {
		return err
	}
	if rejected {
		return errRejected
	}
	return nil
}

func (e *env) export(ctx context.Context, args []string) error {
	fs := e.flags("export")
	sf := addStoreFlags(fs)
	format := fs.String("format", "", "jsonl, cytoscape, graphml, gexf, dot or nquads")
	out := fs.String("o", "", "write to FILE instead of stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format == "" {
		return usagef("--format is required (jsonl, cytoscape, graphml, gexf, dot, nquads)")
	}
	write, err := export.Writer(*format)
	if err != nil {
		return usagef("%v", err)
	}
	st, err := e.open(ctx, sf, false)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := st.Snapshot(ctx)
	if err != nil {
		return err
	}
	var w io.Writer = e.stdout
	var f *os.File
	if *out != "" {
		f, err = os.CreateTemp(filepath.Dir(*out), ".export-*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(f.Name())
		w = f
	}
	bw := bufio.NewWriter(w)
	if err := write(bw, snap); err != nil {
		return fmt.Errorf("export %s: %w", *format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(f.Name(), *out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

func (e *env) ner(ctx context.Context, args []string) error {
	fs := e.flags("ner")
	conll := fs.String("conll", "", "CoNLL file to tag (token in column 1, gold tag in column 2)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *conll == "" {
		return usagef("--conll FILE is required")
	}
	f, err := os.Open(*conll)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := ner.ReadCoNLL(f)
	if err != nil {
		return fmt.Errorf("%s: %w", *conll, err)
	}
	m, err := ner.Load()
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(e.stdout)
	if err := ner.WriteCoNLLPredictions(bw, m, data); err != nil {
		return err
	}
	return bw.Flush()
}
