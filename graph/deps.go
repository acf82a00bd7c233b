package graph

import _ "github.com/dgraph-io/badger/v4" // placeholder until store.go lands
