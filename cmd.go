package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/replica"
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

// storeFlags are the flags of every command that opens the database.
type storeFlags struct {
	db, corrections string
	sync            bool
	// create lets the command make a new database (ingest and serve); the
	// others refuse a missing one, so a mistyped --db is an error rather
	// than an empty answer.
	create bool
	// changelog, when set, receives every change committed (--publish).
	changelog store.Changelog
}

// addStoreFlags defines the store flags on c.
func addStoreFlags(c *cobra.Command, create bool) *storeFlags {
	f := &storeFlags{create: create}
	def := os.Getenv("NEWSGRAPH_DB")
	if def == "" {
		def = "newsgraph.db"
	}
	fs := c.Flags()
	fs.StringVar(&f.db, "db", def, "database `DIR` ($NEWSGRAPH_DB sets the default)")
	fs.StringVar(&f.corrections, "corrections", os.Getenv("NEWSGRAPH_CORRECTIONS"),
		"corrections `FILE`, JSON or YAML ($NEWSGRAPH_CORRECTIONS, else NAME.corrections.json beside the database NAME.db)")
	fs.BoolVar(&f.sync, "sync", false, "fsync every transaction: an acknowledged article survives a power loss (slower)")
	_ = c.MarkFlagDirname("db")
	_ = c.MarkFlagFilename("corrections", "json", "yaml", "yml")
	return f
}

// correctionsPath is the corrections file of the database in dir: the
// flag's value, else an existing NAME.corrections.{yaml,yml,json} beside
// it (NAME is dir without ".db"), else NAME.corrections.json.
func (f *storeFlags) correctionsPath() string {
	if f.corrections != "" {
		return f.corrections
	}
	base := strings.TrimSuffix(filepath.Clean(f.db), ".db")
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
func (e *env) open(ctx context.Context, f *storeFlags, deferCorrections bool) (*store.Store, error) {
	if !f.create {
		if err := requireDatabase(f.db); err != nil {
			return nil, err
		}
	}
	opt := store.DefaultOptions(f.db)
	opt.SyncWrites = f.sync
	opt.Changelog = f.changelog
	st, err := store.Open(ctx, opt)
	if errors.Is(err, store.ErrLocked) {
		return nil, fmt.Errorf("database %s is in use by another newsgraph process (stop it, or query it through its server): %w", f.db, err)
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

// errNoDatabase is the error of a command that reads a database that is
// not there.
var errNoDatabase = errors.New("no database")

// requireDatabase returns an error naming dir unless it holds a database.
// Badger keeps its MANIFEST in every database folder, so a folder without
// one (missing, empty, or some other folder) is not a database, and
// opening it would create one.
func requireDatabase(dir string) error {
	_, err := os.Stat(filepath.Join(dir, "MANIFEST"))
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		if _, derr := os.Stat(dir); derr != nil {
			return fmt.Errorf("%w at %s: it does not exist (newsgraph ingest --db %s PATH... makes one)", errNoDatabase, dir, dir)
		}
		return fmt.Errorf("%w at %s: the folder is not a newsgraph database", errNoDatabase, dir)
	default:
		return fmt.Errorf("database %s: %w", dir, err)
	}
}

// applyCorrections makes the corrections file at path the store's
// corrections, rebuilding the articles they touch. Without a file the
// store keeps the corrections it has (an empty file removes them).
func (e *env) applyCorrections(ctx context.Context, st *store.Store, path string) error {
	c, err := store.LoadCorrections(path)
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

func (e *env) ingestCmd() *cobra.Command {
	var run ingestRun
	c := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "stores articles: .txt files, folders (recursive), .jsonl; - reads JSONL from stdin",
		Long: `Reads articles from .txt files, folders (recursively), .jsonl files and, for -, JSONL on
stdin; extracts who met whom, who said what and which events disrupted which; and stores
each article in one transaction. An unchanged article is only read and hashed. Rejected
inputs are listed with the reason; the rest are stored (exit status 1). Ends with what
changed on the graph; Ctrl-C stops after the articles in flight and says what was stored.`,
		Args: atLeastOne("no PATH given (files, folders, .jsonl, or - for JSONL on stdin)"),
	}
	sf := addStoreFlags(c, true)
	fs := c.Flags()
	fs.IntVar(&run.workers, "workers", 4, "`N` articles processed at once")
	fs.BoolVar(&run.dry, "dry-run", false, "report what would change, write nothing")
	fs.BoolVar(&run.prune, "prune", false, "delete stored articles that are not among PATHs (a full batch re-ingest)")
	var url, token string
	fs.StringVar(&url, "server", "", "send the articles to the running server at `URL` (POST URL/ingest) instead of opening --db")
	fs.StringVar(&token, "token", os.Getenv("NEWSGRAPH_TOKEN"), "bearer token `T` for --server ($NEWSGRAPH_TOKEN)")
	nf := addNATSFlags(c, false)
	c.RunE = func(c *cobra.Command, args []string) error {
		if run.workers < 1 {
			return usagef("--workers must be at least 1")
		}
		if err := nf.check(); err != nil {
			return err
		}
		if url != "" {
			if run.dry || run.prune || nf.publish != "" {
				return usagef("--dry-run, --prune and --publish need the database itself, not --server")
			}
			return e.ingestRemote(c.Context(), url, token, args)
		}
		if run.dry && nf.publish != "" {
			return usagef("--dry-run writes nothing: there is nothing to --publish")
		}
		log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		st, w, err := e.openWriter(c.Context(), sf, nf, true, log)
		if err != nil {
			return err
		}
		if w != nil {
			defer w.Close()
		}
		defer st.Close()
		run.paths, run.corrections = args, sf.correctionsPath()
		err = e.runIngest(c.Context(), st, run)
		if w != nil && (err == nil || errors.Is(err, errRejected)) {
			// Replicas that start later begin from this state.
			if _, serr := w.Snapshot(c.Context(), st); serr != nil {
				return serr
			}
		}
		return err
	}
	return c
}

// ingestRun is what runIngest does.
type ingestRun struct {
	paths   []string
	workers int
	dry     bool // write to an in-memory copy of the store, report, discard
	prune   bool // delete stored sources not among paths
	// corrections is the corrections file applied before the batch.
	corrections string
	// stats, when set, receives what the run measured (the benchmark's).
	stats *ingestStats
	// done, when set, counts the articles finished so far (ingested or
	// rejected), for a caller that reports progress its own way.
	done *atomic.Int64
}

// ingestStats is what runIngest measured.
type ingestStats struct {
	report *ingest.Report
	census time.Duration // counting the graph before and after the batch
}

// runIngest applies the corrections file and ingests into st, then prints
// the rejections and a summary of what changed: articles by outcome, nodes
// and edges added and removed (a store.Count: what the batch touched,
// counted before and after, so corrections count and a meeting that
// several articles re-cluster counts once). When ctx is cancelled (Ctrl-C) it stops after the articles in
// flight, prints the same summary of what was committed and returns
// errInterrupted.
func (e *env) runIngest(ctx context.Context, st *store.Store, run ingestRun) error {
	start := time.Now()
	if run.dry {
		clone, err := st.CloneInMemory(ctx)
		if err != nil {
			return fmt.Errorf("dry run: %w", err)
		}
		defer clone.Close()
		st = clone
	}
	tc := time.Now()
	count, err := st.BeginCount(ctx)
	if err != nil {
		return err
	}
	defer count.Close()
	censusTime := time.Since(tc)
	if err := e.applyCorrections(ctx, st, run.corrections); err != nil {
		return err
	}
	opt := ingest.Options{Workers: run.workers, Stdin: e.stdin}
	if slices.Contains(run.paths, "-") {
		stdin, stop := readUntilDone(ctx, e.stdin)
		defer stop()
		opt.Stdin = stdin
	}
	var bar *ingestProgress
	if e.progress {
		bar = newIngestProgress(ctx, e.stderr, run.paths)
	}
	if bar != nil || run.done != nil {
		finished := func() {
			bar.add()
			if run.done != nil {
				run.done.Add(1)
			}
		}
		opt.Progress = func(int, graph.Change) { finished() }
		opt.Rejected = func(source.Rejection) { finished() }
	}
	p, err := ingest.New(opt)
	if err != nil {
		return err
	}
	rep, err := p.Ingest(ctx, st, run.paths)
	bar.clear()
	if rep == nil {
		return err
	}
	// Interrupted: what the cancelled reads and extractions report is not
	// about the inputs, and the summary is counted outside the cancelled
	// context.
	interrupted := err != nil && ctx.Err() != nil
	rejected := 0
	for _, r := range rep.Rejections {
		if interrupted && errors.Is(r, context.Canceled) {
			continue
		}
		fmt.Fprintf(e.stderr, "rejected %s\n", r.Error())
		rejected++
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
	cctx := ctx
	if interrupted {
		cctx = context.WithoutCancel(ctx)
	}
	tc = time.Now()
	d, cerr := count.Finish(cctx)
	if cerr != nil && err == nil {
		err = cerr
	}
	if run.stats != nil {
		*run.stats = ingestStats{report: rep, census: censusTime + time.Since(tc)}
	}
	if cerr == nil {
		verb := "ingested"
		switch {
		case run.dry:
			verb = "dry run, nothing written:"
		case interrupted:
			verb = "interrupted; committed before the stop:"
		}
		fmt.Fprintf(e.stderr, "%s %d added, %d updated, %d unchanged, %d deleted, %d rejected; nodes +%d -%d (%d), edges +%d -%d (%d) in %s\n",
			verb, rep.Added, rep.Updated, rep.Unchanged, deleted, rejected,
			d.NodesAdded, d.NodesRemoved, d.Nodes, d.EdgesAdded, d.EdgesRemoved, d.Edges,
			time.Since(start).Round(time.Millisecond))
	}
	if interrupted {
		if !run.dry {
			fmt.Fprintln(e.stderr, "each article is stored whole or not at all; run the same command again to finish (stored articles are skipped as unchanged)")
		}
		return errInterrupted
	}
	if err != nil {
		return err
	}
	if rep.Rejected > 0 {
		return errRejected
	}
	return nil
}

// readUntilDone returns a reader of r whose Read returns ctx's error as
// soon as ctx is done, even while a Read of r blocks (a terminal, an idle
// pipe), and a function that releases it.
func readUntilDone(ctx context.Context, r io.Reader) (io.Reader, func()) {
	if r == nil {
		return nil, func() {}
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := io.Copy(pw, r)
		pw.CloseWithError(err) // nil: io.EOF for the reader
	}()
	stop := context.AfterFunc(ctx, func() { pw.CloseWithError(ctx.Err()) })
	return pr, func() { stop(); pr.Close() }
}

// prune deletes the stored sources that the batch did not contain. It does
// nothing when some inputs were rejected: a rejected article's old version
// stays, as nothing stored is lost to bad input.
func (e *env) prune(ctx context.Context, st *store.Store, rep *ingest.Report) (int, error) {
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

// deleteCmd removes articles, by identity (id, url or path key) or by
// source node ID, with every fact only they supported.
func (e *env) deleteCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "delete ID...",
		Short: "removes articles (id, url or path key, or source node ID) and what only they said",
		Args:  atLeastOne("no ID given (an article's id, url or path key, or a source node ID)"),
	}
	sf := addStoreFlags(c, false)
	c.RunE = func(c *cobra.Command, args []string) error { return e.deleteSources(c.Context(), sf, args) }
	return c
}

func (e *env) deleteSources(ctx context.Context, sf *storeFlags, refs []string) error {
	st, err := e.open(ctx, sf, false)
	if err != nil {
		return err
	}
	defer st.Close()
	count, err := st.BeginCount(ctx)
	if err != nil {
		return err
	}
	defer count.Close()
	deleted, missing := 0, 0
	for _, ref := range refs {
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
	d, err := count.Finish(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "deleted %d articles (%d not found); nodes -%d (%d), edges -%d (%d)\n",
		deleted, missing, d.NodesRemoved, d.Nodes, d.EdgesRemoved, d.Edges)
	if missing > 0 {
		return errRejected
	}
	return nil
}

// serveOptions are serve's flags beyond the store's.
type serveOptions struct {
	addr, token, tokenFile                                    string
	paths, cors, hosts                                        []string
	workers                                                   int
	timeout, mutationTimeout                                  time.Duration
	maxDepth, maxFirst, maxCost, maxNodes, maxFields, maxConc int
	maxTokens, maxVars, maxDirectives, maxArgs, maxMutations  int
	maxBody, maxIngest                                        int64
}

func (e *env) serveCmd() *cobra.Command {
	var o serveOptions
	c := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "answers GraphQL at /graphql, with GraphiQL at / and the explorer at /explore; --ingest PATH ingests first",
		Long: `Serves the database over HTTP: GraphiQL at /, the explorer at /explore, POST|GET /graphql,
GET /export/{format}, /healthz, and POST /ingest (JSONL articles, stored while queries go on;
"newsgraph ingest --server URL" sends them). With --ingest PATH (or PATHs after the flags) it
ingests them first, as ingest would. Ctrl-C or SIGTERM stops it gracefully. Mutations and
POST /ingest need a token (--token-file, $NEWSGRAPH_TOKEN or --token), and the request must
carry it. With --publish URL it is the writer that read replicas follow: every committed change
goes to a NATS JetStream stream before it is acknowledged. With --replica URL it serves, read-only,
a replica that follows that stream (README, "Scaling out").`,
	}
	sf := addStoreFlags(c, true)
	sdef := schema.DefaultOptions()
	addr := os.Getenv("NEWSGRAPH_ADDR")
	if addr == "" {
		addr = server.DefaultAddr
	}
	fs := c.Flags()
	fs.StringVar(&o.addr, "addr", addr, "`HOST:PORT` to listen on ($NEWSGRAPH_ADDR sets the default)")
	fs.StringArrayVar(&o.paths, "ingest", nil, "ingest `PATH` before serving (repeatable)")
	fs.IntVar(&o.workers, "workers", 4, "`N` articles processed at once by --ingest and POST /ingest")
	fs.StringVar(&o.token, "token", os.Getenv("NEWSGRAPH_TOKEN"), "bearer token `T` that mutations must carry ($NEWSGRAPH_TOKEN; empty disables mutations); other users see it in ps: prefer --token-file or $NEWSGRAPH_TOKEN")
	fs.StringVar(&o.tokenFile, "token-file", "", "read the bearer token from the first line of `FILE` (not visible in ps)")
	fs.StringArrayVar(&o.cors, "cors", nil, "allow browser calls from `ORIGIN` (repeatable; * for any)")
	fs.StringArrayVar(&o.hosts, "allowed-host", nil, "a `NAME` the Host header may give (repeatable; * for any); default: the listen address and localhost when it is loopback, else any")
	fs.DurationVar(&o.timeout, "timeout", server.DefaultTimeout, "per-request time `LIMIT` (e.g. 10s), parsing and validation included")
	fs.DurationVar(&o.mutationTimeout, "mutation-timeout", server.DefaultMutationTimeout, "how long a mutation may wait for the ones before it (`LIMIT`); once started it finishes")
	fs.IntVar(&o.maxMutations, "max-mutations", server.DefaultMaxMutations, "mutations running or waiting at once (`N`; 429 beyond)")
	fs.IntVar(&o.maxDepth, "max-depth", sdef.MaxDepth, "deepest selection nesting (`N`) a query may have")
	fs.IntVar(&o.maxFirst, "max-first", sdef.MaxFirst, "largest page (first: `N`) a connection returns")
	fs.IntVar(&o.maxCost, "max-cost", sdef.MaxCost, "highest estimated cost (`N`) of a query (connections multiply by first); -1 disables")
	fs.IntVar(&o.maxNodes, "max-nodes", sdef.MaxNodes, "most objects (`N`) in one response; -1 disables")
	fs.IntVar(&o.maxFields, "max-fields", sdef.MaxFields, "most fields (`N`) a query may spell out; -1 disables")
	fs.IntVar(&o.maxTokens, "max-tokens", sdef.MaxTokens, "most lexical tokens (`N`) in a query; -1 disables")
	fs.IntVar(&o.maxVars, "max-variables", sdef.MaxVariables, "most variable definitions (`N`) in a query; -1 disables")
	fs.IntVar(&o.maxDirectives, "max-directives", sdef.MaxDirectives, "most directives (`N`) in a query; -1 disables")
	fs.IntVar(&o.maxArgs, "max-arguments", sdef.MaxArguments, "most argument values (`N`, list items and object fields included) in a query; -1 disables")
	fs.Int64Var(&o.maxBody, "max-body", server.DefaultMaxBodyBytes, "largest request body in `BYTES` (413 beyond)")
	fs.Int64Var(&o.maxIngest, "max-ingest-body", server.DefaultMaxIngestBytes, "largest POST /ingest body in `BYTES` (413 beyond)")
	fs.IntVar(&o.maxConc, "max-concurrent", server.DefaultMaxConcurrent, "`N` GraphQL requests executed at once (429 beyond)")
	nf := addNATSFlags(c, true)
	c.RunE = func(c *cobra.Command, args []string) error {
		o.paths = append(o.paths, args...)
		return e.serve(c.Context(), sf, nf, o)
	}
	return c
}

func (e *env) serve(ctx context.Context, sf *storeFlags, nf *natsFlags, o serveOptions) error {
	if o.workers < 1 {
		return usagef("--workers must be at least 1")
	}
	if err := nf.check(); err != nil {
		return err
	}
	if nf.replica != "" && len(o.paths) > 0 {
		return usagef("a --replica takes its articles from the stream: ingest them on the writer (--publish)")
	}
	if o.maxDepth < 1 || o.maxFirst < 1 || o.maxBody < 1 || o.maxIngest < 1 || o.maxConc < 1 || o.maxMutations < 1 || o.mutationTimeout <= 0 {
		return usagef("--max-depth, --max-first, --max-body, --max-ingest-body, --max-concurrent, --max-mutations and --mutation-timeout must be positive")
	}
	if o.tokenFile != "" {
		b, err := os.ReadFile(o.tokenFile)
		if err != nil {
			return usagef("--token-file: %v", err)
		}
		first, _, _ := strings.Cut(string(b), "\n")
		if o.token = strings.TrimSpace(first); o.token == "" {
			return usagef("--token-file %s: no token on its first line", o.tokenFile)
		}
	}
	hosts := o.hosts
	if len(hosts) == 0 {
		hosts = server.LoopbackHosts(o.addr)
	}
	paths := o.paths
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	var st *store.Store
	var w *replica.Writer
	var err error
	if nf.replica != "" {
		// The corrections come from the writer, through the stream.
		st, err = e.open(ctx, sf, true)
	} else {
		st, w, err = e.openWriter(ctx, sf, nf, len(paths) > 0, log)
	}
	if err != nil {
		return err
	}
	if w != nil {
		defer w.Close()
	}
	defer st.Close()
	curator := store.NewCurator(st, sf.correctionsPath())
	if o.token != "" && nf.replica == "" {
		// Mutations are on: fail now, not at the first one.
		if err := curator.Writable(); err != nil {
			return err
		}
	}
	if len(paths) > 0 {
		err := e.runIngest(ctx, st, ingestRun{paths: paths, workers: o.workers, corrections: sf.correctionsPath()})
		if err != nil && !errors.Is(err, errRejected) {
			return err
		}
	}
	sopt := schema.DefaultOptions()
	sopt.MaxDepth, sopt.MaxFirst, sopt.MaxCost, sopt.MaxNodes, sopt.MaxFields = o.maxDepth, o.maxFirst, o.maxCost, o.maxNodes, o.maxFields
	sopt.MaxTokens, sopt.MaxVariables, sopt.MaxDirectives, sopt.MaxArguments = o.maxTokens, o.maxVars, o.maxDirectives, o.maxArgs
	if nf.replica == "" {
		sopt.Curator = curator
	}
	ex, err := schema.New(st, sopt)
	if err != nil {
		return err
	}
	opt := server.DefaultOptions()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopReplica := func() error { return nil }
	if nf.replica != "" {
		ropt, stop, err := follow(ctx, st, nf, log, cancel)
		if err != nil {
			return err
		}
		stopReplica = stop
		opt.ReadOnly, opt.Replica = ropt.ReadOnly, ropt.Replica
	} else {
		opt.Ingest = serverIngest(st, o.workers)
	}
	if w != nil {
		done := make(chan struct{})
		go func() { defer close(done); snapshots(ctx, w, st, nf.snapshotEvery, log) }()
		defer func() { cancel(); <-done }()
	}
	opt.MaxBodyBytes = o.maxBody
	opt.MaxIngestBytes = o.maxIngest
	opt.MaxConcurrent = o.maxConc
	opt.Addr = o.addr
	opt.Logger = log
	opt.Timeout = o.timeout
	opt.CORSOrigins = o.cors
	opt.Token = o.token
	opt.AllowedHosts = hosts
	opt.MutationTimeout = o.mutationTimeout
	opt.MaxMutations = o.maxMutations
	opt.DefaultQuery = headlineQuery
	opt.Export = func(ctx context.Context, w io.Writer, r export.Request) error { return export.Export(ctx, st, w, r) }
	opt.Health = st.Ping
	opt.Ready = func(a net.Addr) {
		log.Info("serving GraphQL", "playground", "http://"+a.String()+"/", "endpoint", "http://"+a.String()+"/graphql")
	}
	h := server.New(ex, opt)
	err = server.ListenAndServe(ctx, h, opt)
	if rerr := stopReplica(); rerr != nil {
		return rerr
	}
	return err
}

func (e *env) queryCmd() *cobra.Command {
	var vars, op string
	c := &cobra.Command{
		Use:   "query QUERY",
		Short: `prints the GraphQL response ({"data":…,"errors":…}) as JSON; QUERY may be - (stdin) or @FILE`,
		Long: `Runs one GraphQL query or mutation on the database and prints the response as JSON;
exit status 1 when it has errors. QUERY is the text, - to read it from stdin, or @FILE.
Mutations need no token here: this is the database owner's own command line.`,
		Args: exactlyOne("QUERY (the text, - to read it from stdin, or @FILE)"),
	}
	sf := addStoreFlags(c, false)
	c.Flags().StringVar(&vars, "vars", "", "variables as a `JSON` object")
	c.Flags().StringVar(&op, "operation", "", "operation `NAME`, when QUERY holds several")
	c.RunE = func(c *cobra.Command, args []string) error { return e.query(c.Context(), sf, args[0], vars, op) }
	return c
}

func (e *env) query(ctx context.Context, sf *storeFlags, q, vars, op string) error {
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
	if vars != "" {
		if err := json.Unmarshal([]byte(vars), &v); err != nil {
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
	sopt.Curator = store.NewCurator(st, sf.correctionsPath())
	ex, err := schema.New(st, sopt)
	if err != nil {
		return err
	}
	res := ex.Do(ctx, schema.Request{Query: q, Variables: v, OperationName: op})
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

func (e *env) extractCmd() *cobra.Command {
	var withText bool
	c := &cobra.Command{
		Use:   "extract FILE...",
		Short: "prints the extraction of each article as JSON, storing nothing",
		Args:  atLeastOne("no FILE given"),
	}
	c.Flags().BoolVar(&withText, "text", false, "include the cleaned text")
	c.RunE = func(c *cobra.Command, args []string) error { return e.extract(c.Context(), args, withText) }
	return c
}

func (e *env) extract(ctx context.Context, paths []string, withText bool) error {
	p, err := ingest.New(ingest.Options{})
	if err != nil {
		return err
	}
	rejected := false
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err = source.Walk(ctx, paths, source.Options{Stdin: e.stdin}, func(r source.Raw) error {
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
		if withText {
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

func (e *env) exportCmd() *cobra.Command {
	var format, out string
	c := &cobra.Command{
		Use:   "export",
		Short: "writes the graph for visualization tools; F: " + strings.Join(formatNames(), ", "),
		Args:  noArgs,
	}
	sf := addStoreFlags(c, false)
	c.Flags().StringVar(&format, "format", "", "`F`: "+strings.Join(formatNames(), ", "))
	c.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` (replaced whole, mode 0644) instead of stdout")
	markRequired(c.Flags(), "format")
	_ = c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formatNames(), cobra.ShellCompDirectiveNoFileComp))
	c.RunE = func(c *cobra.Command, _ []string) error { return e.export(c.Context(), sf, format, out) }
	return c
}

// formatNames are the export formats, as --format spells them.
func formatNames() []string {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, string(f))
	}
	return names
}

func (e *env) export(ctx context.Context, sf *storeFlags, format, out string) error {
	if format == "" {
		return usagef("--format is required (%s)", strings.Join(formatNames(), ", "))
	}
	write, err := export.Writer(export.Format(format))
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
	if out != "" {
		// Written beside the target and renamed over it, so the target is
		// never half-written; CreateTemp's 0600 would hide the export from
		// the tools it is for.
		f, err = os.CreateTemp(filepath.Dir(out), ".export-*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(f.Name())
		if err := f.Chmod(0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		w = f
	}
	bw := bufio.NewWriter(w)
	if err := write(bw, snap); err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(f.Name(), out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

func (e *env) nerCmd() *cobra.Command {
	var conll string
	c := &cobra.Command{
		Use:   "ner",
		Short: `tags column 1 of a CoNLL file; prints "token gold predicted" lines`,
		Args:  noArgs,
	}
	c.Flags().StringVar(&conll, "conll", "", "CoNLL `FILE` to tag (token in column 1, gold tag in column 2)")
	markRequired(c.Flags(), "conll")
	c.RunE = func(c *cobra.Command, _ []string) error { return e.ner(c.Context(), conll) }
	return c
}

func (e *env) ner(ctx context.Context, conll string) error {
	if conll == "" {
		return usagef("--conll FILE is required")
	}
	f, err := os.Open(conll)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := ner.ReadCoNLL(f)
	if err != nil {
		return fmt.Errorf("%s: %w", conll, err)
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
