package server

import (
	"crypto/sha256"
	"encoding/json"
	"sync"
	"time"
)

// IdempotencyKeyHeader names the header with which a client marks a
// mutation, so that a retry of one that was applied gets the first answer
// again instead of applying it twice.
const IdempotencyKeyHeader = "Idempotency-Key"

// idempotentReplayedHeader marks a reply repeated for a retried key.
const idempotentReplayedHeader = "Idempotent-Replayed"

// How many idempotency keys are remembered, and for how long. They live
// in memory: a restart forgets them.
const (
	idempotencyKeys = 1000
	idempotencyTTL  = 24 * time.Hour
)

// keyState is what an idempotency key says of a request.
type keyState uint8

const (
	keyNew      keyState = iota + 1 // first use: run it, then finish or abandon
	keyReplay                       // answered before: send that answer
	keyInFlight                     // the first request with the key still runs
	keyMismatch                     // used before with another request
)

// idempotency remembers the answers of mutations by their key. It is safe
// for concurrent use.
type idempotency struct {
	mu      sync.Mutex
	now     func() time.Time
	entries map[string]*keyEntry
	order   []string // keys, oldest first
}

type keyEntry struct {
	request [sha256.Size]byte // what was asked: query, operation, variables
	done    bool
	status  int
	body    []byte
	at      time.Time
}

func newIdempotency() *idempotency {
	return &idempotency{now: time.Now, entries: map[string]*keyEntry{}}
}

// fingerprint identifies a request, so that a key reused for another
// request is refused rather than answered with the wrong reply.
func fingerprint(req gqlRequest) [sha256.Size]byte {
	vars, _ := json.Marshal(req.Variables) // maps marshal with sorted keys
	h := sha256.New()
	h.Write([]byte(req.Query))
	h.Write([]byte{0})
	h.Write([]byte(req.OperationName))
	h.Write([]byte{0})
	h.Write(vars)
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// begin looks key up for req; on keyNew the caller must later call finish
// or abandon. On keyReplay it returns the stored answer.
func (m *idempotency) begin(key string, req gqlRequest) (keyState, *keyEntry) {
	fp := fingerprint(req)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.evict()
	if e, ok := m.entries[key]; ok {
		switch {
		case e.request != fp:
			return keyMismatch, nil
		case !e.done:
			return keyInFlight, nil
		}
		return keyReplay, e
	}
	m.entries[key] = &keyEntry{request: fp, at: m.now()}
	m.order = append(m.order, key)
	return keyNew, nil
}

// finish stores the answer sent for key.
func (m *idempotency) finish(key string, status int, body []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.entries[key]; ok {
		e.done, e.status, e.body, e.at = true, status, body, m.now()
	}
}

// abandon forgets key: the request changed nothing, so a retry may run.
func (m *idempotency) abandon(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.entries, key)
}

// evict drops expired keys and, beyond the limit, the oldest finished ones.
func (m *idempotency) evict() {
	keep := m.order[:0]
	over := len(m.entries) - idempotencyKeys + 1 // room for one more
	seen := map[string]bool{}
	for _, k := range m.order {
		e, ok := m.entries[k]
		switch {
		case !ok || seen[k]: // abandoned, or listed again after it was
			continue
		case e.done && (m.now().Sub(e.at) > idempotencyTTL || over > 0):
			delete(m.entries, k)
			over--
			continue
		}
		seen[k] = true
		keep = append(keep, k)
	}
	m.order = keep
}
