package main

import (
	"errors"
	"fmt"
	"github.com/spf13/pflag"
	"os"
	"runtime"
	"runtime/pprof"
)

// profileFlags are --cpuprofile and --memprofile, for `go tool pprof`.
type profileFlags struct{ cpu, mem *string }

func addProfileFlags(fs *pflag.FlagSet) profileFlags {
	return profileFlags{
		cpu: fs.String("cpuprofile", "", "write a CPU profile of the command to `FILE`"),
		mem: fs.String("memprofile", "", "write a heap profile (after a GC; allocations since start included) to `FILE` at the end"),
	}
}

// start starts the CPU profile, if asked for. stop ends it and writes the
// heap profile, if asked for; call it once, when the work is done.
func (p profileFlags) start() (stop func() error, err error) {
	var cpu *os.File
	if *p.cpu != "" {
		if cpu, err = os.Create(*p.cpu); err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
	}
	return func() error {
		var errs []error
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				errs = append(errs, fmt.Errorf("cpu profile: %w", err))
			}
		}
		if *p.mem != "" {
			errs = append(errs, writeHeapProfile(*p.mem))
		}
		return errors.Join(errs...)
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	runtime.GC() // the profile shows live memory as of the last GC
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}
