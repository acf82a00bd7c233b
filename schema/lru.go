package schema

import (
	"container/list"
	"sync"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// parsed is a query that parsed and validated against the schema, or the
// errors that say why it did not.
type parsed struct {
	doc   *ast.Document
	depth int
	errs  []gqlerrors.FormattedError // nil if valid
}

// docCache is a bounded LRU of parsed queries keyed by query text. It is safe
// for concurrent use.
type docCache struct {
	mu     sync.Mutex
	size   int
	ll     *list.List // front: most recently used
	items  map[string]*list.Element
	hits   int
	misses int
}

type cacheEntry struct {
	key string
	val parsed
}

func newDocCache(size int) *docCache {
	return &docCache{size: size, ll: list.New(), items: make(map[string]*list.Element)}
}

func (c *docCache) get(key string) (parsed, bool) {
	if c.size <= 0 {
		return parsed{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.ll.MoveToFront(el)
		c.hits++
		return el.Value.(*cacheEntry).val, true
	}
	c.misses++
	return parsed{}, false
}

func (c *docCache) add(key string, v parsed) {
	if c.size <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.ll.MoveToFront(el)
		el.Value.(*cacheEntry).val = v
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key: key, val: v})
	for c.ll.Len() > c.size {
		el := c.ll.Back()
		c.ll.Remove(el)
		delete(c.items, el.Value.(*cacheEntry).key)
	}
}

// stats reports hits, misses and the number of cached queries.
func (c *docCache) stats() (hits, misses, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses, c.ll.Len()
}
