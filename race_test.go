//go:build race

package main

// raceEnabled reports a -race build, whose test process runs several
// times slower: the crash test then uses a smaller corpus.
const raceEnabled = true
