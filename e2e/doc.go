// Package e2e holds newsgraph's end-to-end tests: the sample and held-out
// articles through the whole pipeline, store and GraphQL schema checked
// against their expected facts (TestAcceptance), and a long mix of
// ingests, deletes and queries on a store on disk (TestSoak, with -soak).
// They test no one package, and build no binary: the command's own tests
// are at the repository root.
package e2e
