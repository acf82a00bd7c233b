package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commands returns newsgraph's commands in the order help lists them.
// Adding a command is one method of env that returns its *cobra.Command
// (flags bound to locals, RunE calling the work), listed here.
func (e *env) commands() []*cobra.Command {
	return []*cobra.Command{
		e.ingestCmd(),
		e.serveCmd(),
		e.queryCmd(),
		e.deleteCmd(),
		e.extractCmd(),
		e.exportCmd(),
		e.nerCmd(),
		e.benchCmd(),
		e.evalCmd(),
		e.versionCmd(),
	}
}

// rootLong is what "newsgraph help" says after the list of commands.
const rootLong = `--db defaults to $NEWSGRAPH_DB, else ./newsgraph.db; only ingest and serve create it.
Commands that open the database first apply the corrections file (--corrections, default
$NEWSGRAPH_CORRECTIONS, else NAME.corrections.json beside NAME.db).
Exit status: 0 on success, 1 when some inputs were rejected or the command failed,
2 for bad usage, 130 after Ctrl-C. Run "newsgraph COMMAND --help" for a command's flags.`

// root builds the command tree; its output goes to e's writers.
func (e *env) root() *cobra.Command {
	root := &cobra.Command{
		Use:   "newsgraph",
		Short: "newsgraph turns news articles into a knowledge graph and answers GraphQL about it.",
		Long:  rootLong,
		// The root runs only for a missing or unknown command, to report it
		// as bad usage (exit 2) rather than as cobra's plain error.
		Args:               cobra.ArbitraryArgs,
		RunE:               e.noCommand,
		FParseErrWhitelist: cobra.FParseErrWhitelist{UnknownFlags: true},
		SilenceErrors:      true,
		SilenceUsage:       true,
		// cobra's default is 0 until it reports an unknown command itself.
		SuggestionsMinimumDistance: 2,
		Version:                    readVersion().String(),
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("{{.Version}}")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usagef("%v", err) })
	cmds := e.commands()
	for _, c := range cmds {
		c.Flags().SortFlags = false // list flags in the order they are defined
		root.AddCommand(c)
	}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Short = "prints the shell completion script (newsgraph completion SHELL --help says where it goes)"
			cmds = append(cmds, c)
		}
	}
	// cobra lists commands by name; help lists them in this order.
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { writeHelp(c.OutOrStdout(), c, cmds) })
	return root
}

// execute runs the command line args and returns the command's path
// ("newsgraph ingest") for messages, and its error.
func (e *env) execute(ctx context.Context, args []string) (string, error) {
	root := e.root()
	root.SetArgs(args)
	c, err := root.ExecuteContextC(ctx)
	if c == nil {
		return root.Name(), err
	}
	return c.CommandPath(), err
}

// noCommand is the root's action: without a command it shows the help on
// stderr, with an unknown one it says so.
func (e *env) noCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		c.SetOut(c.ErrOrStderr())
		_ = c.Help()
		return usageError{}
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := c.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return usageError{msg}
}

// writeHelp writes the help of c: for the root, the synopsis of the
// commands cmds; for a command, its synopsis, description and flags.
func writeHelp(w io.Writer, c *cobra.Command, cmds []*cobra.Command) {
	if !c.HasParent() {
		fmt.Fprintf(w, "%s\n\nUsage:\n%s\n%s\n", c.Short, synopsis(cmds), c.Long)
		return
	}
	fmt.Fprintf(w, "Usage: %s\n\n", commandLine(c))
	desc := c.Long
	if desc == "" {
		desc = c.Short
	}
	fmt.Fprintln(w, strings.TrimSpace(desc))
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w, "\nCommands:")
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() {
				fmt.Fprintf(w, "  %-12s %s\n", s.Name(), s.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", c.LocalFlags().FlagUsagesWrapped(100))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\nGlobal flags:\n%s", c.InheritedFlags().FlagUsagesWrapped(100))
	}
}

// synopsis is the list of commands that "newsgraph help" shows and the
// README's "Command line" section repeats: each command's line, then what
// it does, indented.
func synopsis(cmds []*cobra.Command) string {
	var b strings.Builder
	for _, c := range cmds {
		if !c.IsAvailableCommand() {
			continue
		}
		fmt.Fprintf(&b, "  %s\n      %s\n", wrap(commandParts(c), 96, "        "), c.Short)
	}
	return b.String()
}

// commandLine is "newsgraph CMD" with every flag of the command, in the
// order defined, and its arguments: "newsgraph export [--db DIR] --format F
// [-o FILE]". A flag whose usage says it is required is shown without
// brackets; a repeatable one is followed by "...".
func commandLine(c *cobra.Command) string { return strings.Join(commandParts(c), " ") }

// commandParts is commandLine in the pieces a line may break between.
func commandParts(c *cobra.Command) []string {
	parts := []string{c.CommandPath()}
	c.LocalFlags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand
		}
		if v, _ := pflag.UnquoteUsage(f); v != "" {
			name += " " + v
		}
		switch {
		case isRequired(f):
		case f.Value.Type() == "stringArray":
			name = "[" + name + "]..."
		default:
			name = "[" + name + "]"
		}
		parts = append(parts, name)
	})
	if _, args, ok := strings.Cut(c.Use, " "); ok {
		parts = append(parts, args)
	}
	var subs []string
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() {
			subs = append(subs, s.Name())
		}
	}
	if len(subs) > 0 {
		parts = append(parts, strings.Join(subs, "|"))
	}
	return parts
}

// wrap joins parts with spaces into lines of at most width bytes (unless
// a part is longer), indenting every line after the first.
func wrap(parts []string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, w := range parts {
		if i > 0 && line+1+len(w) > width {
			b.WriteString("\n" + indent)
			line = len(indent)
		} else if i > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}

// required marks a flag that must be given (shown without brackets).
const requiredAnnotation = "newsgraph_required"

func markRequired(fs *pflag.FlagSet, name string) {
	_ = fs.SetAnnotation(name, requiredAnnotation, []string{"true"})
}

func isRequired(f *pflag.Flag) bool { _, ok := f.Annotations[requiredAnnotation]; return ok }

// Positional-argument checks that report bad usage (exit 2).

func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}

// atLeastOne requires an argument; missing says what to give.
func atLeastOne(missing string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usagef("%s", missing)
		}
		return nil
	}
}

// exactlyOne requires one argument; want says which.
func exactlyOne(want string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef("want exactly one %s, got %d arguments", want, len(args))
		}
		return nil
	}
}
