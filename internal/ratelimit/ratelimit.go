package ratelimit

import (
	"container/list"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Defaults used when New is given zero (or less).
const (
	// DefaultPerMinute is the sustained rate when RATE_LIMIT_PER_MIN is
	// unset.
	DefaultPerMinute = 600
	// DefaultMaxUsers caps how many users' buckets are kept.
	DefaultMaxUsers = 100_000
	// DefaultMaxConcurrent is how many requests one user may have in
	// flight through Acquire.
	DefaultMaxConcurrent = 4
)

// Limiter holds a token bucket and an in-flight count per user. Memory is
// bounded: a bucket idle long enough to have refilled is dropped (a fresh
// one is the same), and past the user cap the least recently seen user is
// dropped. It is safe for concurrent use. A nil *Limiter allows
// everything.
type Limiter struct {
	limit     rate.Limit
	burst     int
	idleAfter time.Duration // time an empty bucket takes to refill
	maxUsers  int
	maxConc   int
	now       func() time.Time

	mu    sync.Mutex
	users map[string]*list.Element // of *entry
	lru   list.List                // front: most recently seen
}

type entry struct {
	id     string
	bucket *rate.Limiter
	seen   time.Time
	active int
}

// Option configures a Limiter.
type Option func(*Limiter)

// WithMaxUsers caps the number of users tracked at once. Defaults to
// DefaultMaxUsers.
func WithMaxUsers(n int) Option { return func(l *Limiter) { l.maxUsers = n } }

// WithMaxConcurrent sets how many requests one user may have in flight
// (see Acquire). Defaults to DefaultMaxConcurrent.
func WithMaxConcurrent(n int) Option { return func(l *Limiter) { l.maxConc = n } }

// WithClock sets the time source. Defaults to time.Now.
func WithClock(now func() time.Time) Option { return func(l *Limiter) { l.now = now } }

// New returns a Limiter that lets each user make perMinute requests a
// minute on average, and up to burst at once. perMinute <= 0 means
// DefaultPerMinute; burst <= 0 means a tenth of a minute's worth (at
// least 1).
func New(perMinute int, burst int, opts ...Option) *Limiter {
	if perMinute <= 0 {
		perMinute = DefaultPerMinute
	}
	if burst <= 0 {
		burst = max(1, perMinute/10)
	}
	l := &Limiter{
		limit:    rate.Limit(float64(perMinute) / 60),
		burst:    burst,
		maxUsers: DefaultMaxUsers,
		maxConc:  DefaultMaxConcurrent,
		now:      time.Now,
		users:    make(map[string]*list.Element),
	}
	for _, o := range opts {
		o(l)
	}
	if l.maxUsers <= 0 {
		l.maxUsers = DefaultMaxUsers
	}
	if l.maxConc <= 0 {
		l.maxConc = DefaultMaxConcurrent
	}
	l.idleAfter = time.Duration(float64(burst) / float64(l.limit) * float64(time.Second))
	return l
}

// Allow takes a token from userID's bucket. When the bucket is empty it
// returns false and how long until a token is available, for a
// Retry-After header (round it up to whole seconds).
func (l *Limiter) Allow(userID string) (ok bool, retryAfter time.Duration) {
	if l == nil {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.get(userID, now)
	r := e.bucket.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// Acquire counts a request of userID in flight. It returns false when the
// user already has the maximum in flight; otherwise call release once the
// request ends (more calls do nothing).
func (l *Limiter) Acquire(userID string) (release func(), ok bool) {
	if l == nil {
		return func() {}, true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.get(userID, now)
	if e.active >= l.maxConc {
		return nil, false
	}
	e.active++
	var done atomic.Bool
	return func() {
		if done.Swap(true) {
			return
		}
		now := l.now()
		l.mu.Lock()
		e.active--
		e.seen = now
		l.mu.Unlock()
	}, true
}

// Len returns how many users the Limiter tracks now.
func (l *Limiter) Len() int {
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.users)
}

// get returns userID's entry, marked as seen now, making it if needed.
// l.mu is held.
func (l *Limiter) get(userID string, now time.Time) *entry {
	if el, ok := l.users[userID]; ok {
		e := el.Value.(*entry)
		e.seen = now
		l.lru.MoveToFront(el)
		return e
	}
	l.evictIdle(now)
	if len(l.users) >= l.maxUsers {
		l.evictOldest()
	}
	e := &entry{id: userID, bucket: rate.NewLimiter(l.limit, l.burst), seen: now}
	l.users[userID] = l.lru.PushFront(e)
	return e
}

// evictIdle drops the least recently seen entries whose buckets have had
// time to refill and that have nothing in flight: a fresh bucket is the
// same. It stops at the first that must stay, so each call costs what it
// removes, plus one.
func (l *Limiter) evictIdle(now time.Time) {
	for el := l.lru.Back(); el != nil; el = l.lru.Back() {
		e := el.Value.(*entry)
		if e.active > 0 || now.Sub(e.seen) < l.idleAfter {
			return
		}
		l.remove(el)
	}
}

// evictOldest drops the least recently seen entry with nothing in flight.
// Entries in flight are skipped; there are at most as many as requests
// being served.
func (l *Limiter) evictOldest() {
	for el := l.lru.Back(); el != nil; el = el.Prev() {
		if el.Value.(*entry).active == 0 {
			l.remove(el)
			return
		}
	}
}

func (l *Limiter) remove(el *list.Element) {
	delete(l.users, el.Value.(*entry).id)
	l.lru.Remove(el)
}
