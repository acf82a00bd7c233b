package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/spf13/cobra"
)

// buildVersion says which build this is: the module version and commit Go
// stamped into the binary, and the extraction version, which decides
// whether a stored article is re-extracted (it is part of every article's
// hash).
type buildVersion struct {
	Version    string // module version: a tag, a pseudo-version, or "(devel)"
	Commit     string // VCS revision, empty when the build had no VCS stamp
	Time       string // commit time
	Modified   bool   // the work tree had uncommitted changes
	Extraction string
	Go         string
}

// readVersion reads the build information of the running binary.
func readVersion() buildVersion {
	v := buildVersion{Version: "(devel)", Extraction: ingest.Version, Go: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" {
		v.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// String is what "newsgraph version" prints.
func (v buildVersion) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "newsgraph %s\n", v.Version)
	switch {
	case v.Commit == "":
		b.WriteString("commit     unknown (built without VCS stamping, e.g. -buildvcs=false)\n")
	default:
		fmt.Fprintf(&b, "commit     %s", v.Commit)
		if v.Time != "" {
			fmt.Fprintf(&b, " (%s)", v.Time)
		}
		if v.Modified {
			b.WriteString(" with uncommitted changes")
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "extraction %s\n", v.Extraction)
	fmt.Fprintf(&b, "go         %s %s/%s\n", v.Go, runtime.GOOS, runtime.GOARCH)
	return b.String()
}

func (e *env) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "prints the version, commit and extraction version",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(e.stdout, readVersion())
			return err
		},
	}
}
