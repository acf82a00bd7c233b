// Package testenv says which test modes are on. By default `go test ./...`
// runs every test in a short form that still checks what it claims (a
// sample of the orders of TestDeterminism, a few kills of
// TestCrashRecovery), to stay within a couple of minutes on a small
// machine; CI runs the full forms by setting NEWSGRAPH_FULL_TESTS=1
// (.ci/run does). Longer runs still (200 kills, the soak test) have their
// own flags in their packages.
package testenv

import "os"

// FullVar is the environment variable that turns the full test modes on.
const FullVar = "NEWSGRAPH_FULL_TESTS"

// Full reports whether the full test modes are on ($NEWSGRAPH_FULL_TESTS
// set to anything but "" or "0").
func Full() bool {
	v := os.Getenv(FullVar)
	return v != "" && v != "0"
}
