package llm

import (
	"container/list"
	"sync"
	"time"

	"github.com/inferra/inferra"
)

// cache is a bounded least-recently-used cache of replies by the hash of
// the request body, each valid for a time to live. It is safe for
// concurrent use.
type cache struct {
	mu    sync.Mutex
	size  int
	ttl   time.Duration
	order *list.List
	items map[[32]byte]*list.Element
}

type cacheEntry struct {
	key     [32]byte
	resp    inferra.ChatResponse
	expires time.Time
}

func newCache(size int, ttl time.Duration) *cache {
	return &cache{size: size, ttl: ttl, order: list.New(), items: make(map[[32]byte]*list.Element)}
}

// get returns a copy of the reply stored under key, if it has not expired
// at now.
func (c *cache) get(key [32]byte, now time.Time) (*inferra.ChatResponse, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if !now.Before(e.expires) {
		c.order.Remove(el)
		delete(c.items, key)
		return nil, false
	}
	c.order.MoveToFront(el)
	r := e.resp
	return &r, true
}

func (c *cache) put(key [32]byte, r inferra.ChatResponse, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		el.Value.(*cacheEntry).resp = r
		el.Value.(*cacheEntry).expires = now.Add(c.ttl)
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&cacheEntry{key: key, resp: r, expires: now.Add(c.ttl)})
	if c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).key)
	}
}
