// Command newsgraph turns news articles into a knowledge graph of who met
// whom, when and where, who said what, and which events disrupted which,
// stores it in Badger and answers GraphQL about it.
//
// "newsgraph help" lists the commands and "newsgraph COMMAND --help" a
// command's flags. Both come from the command definitions in this package
// (cli.go and the files of each command); the README's "Command line"
// section is the same text, and TestREADMEUsage keeps it so.
//
// Exit status: 0 on success, 1 when some inputs were rejected or the command
// failed, 2 for bad usage, 128+N when signal N (Ctrl-C: 130) stopped it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"golang.org/x/term"
)

// Exit codes.
const (
	exitOK       = 0
	exitRejected = 1
	exitUsage    = 2
	// exitSignal plus the signal's number is the status of a command that
	// a signal stopped, as shells report it (Ctrl-C: 130).
	exitSignal = 128
)

// errUsage marks command-line mistakes (exit status 2).
var errUsage = errors.New("usage")

// usageError is a command-line mistake with its message; an empty message
// means the usage was already shown.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
func (e usageError) Unwrap() error { return errUsage }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errRejected says some inputs were rejected (exit status 1), after the
// rejections were already reported.
var errRejected = errors.New("some inputs were rejected")

// errInterrupted says a signal stopped the command after it reported what
// it had done.
var errInterrupted = errors.New("interrupted")

// signalError is the cause of the context a signal cancelled.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return "stopped by " + e.sig.String() }

// defaultMemoryLimit is the Go runtime's soft memory limit when the
// environment sets no GOMEMLIMIT. Without one the heap grows to twice what
// is live before the garbage collector runs, and an ingest's live heap has
// peaks (Badger flushing a memtable while the batch ends): the limit makes
// the collector run earlier near it instead. It is soft: a process whose
// live heap needs more gets more, at the cost of collecting more often.
// GOMEMLIMIT, when set, is the runtime's and wins (GOMEMLIMIT=off: none).
const defaultMemoryLimit = 768 << 20

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		// The first signal stops the command cleanly; the default action is
		// back for a second one, so a second Ctrl-C ends the process at once.
		signal.Reset(os.Interrupt, syscall.SIGTERM)
		cancel(signalError{s})
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	cancel(nil)
	os.Exit(code)
}

// run executes one command line and returns its exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, progress: isTerminal(stderr)}
	name, err := e.execute(ctx, args)
	return e.exitCode(ctx, name, err)
}

// exitCode reports err of command name on stderr, unless it was reported
// already, and returns the exit status it calls for.
func (e *env) exitCode(ctx context.Context, name string, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		if ue.msg != "" {
			fmt.Fprintf(e.stderr, "%s: %s\nRun '%s --help' for usage.\n", name, ue.msg, name)
		}
		return exitUsage
	case ctx.Err() != nil && (errors.Is(err, errInterrupted) || errors.Is(err, context.Canceled)):
		if !errors.Is(err, errInterrupted) {
			fmt.Fprintf(e.stderr, "%s: interrupted\n", name)
		}
		var se signalError
		if errors.As(context.Cause(ctx), &se) {
			if n, ok := se.sig.(syscall.Signal); ok {
				return exitSignal + int(n)
			}
		}
		return exitSignal + int(syscall.SIGINT)
	case errors.Is(err, errRejected):
		return exitRejected
	default:
		fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		return exitRejected
	}
}

// env is what commands read and write.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// progress says stderr is a terminal, where long runs show progress;
	// in pipes and logs they stay quiet.
	progress bool
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
