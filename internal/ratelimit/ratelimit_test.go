package ratelimit_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/inferra/inferra/internal/ratelimit"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestAllowBurstThenRate(t *testing.T) {
	clk := newClock()
	l := ratelimit.New(60, 3, ratelimit.WithClock(clk.Now)) // one a second, three at once
	for i := range 3 {
		if ok, d := l.Allow("ada"); !ok || d != 0 {
			t.Fatalf("request %d of the burst: Allow = %v, %v; want true, 0", i+1, ok, d)
		}
	}
	ok, d := l.Allow("ada")
	if ok || d != time.Second {
		t.Errorf("4th request: Allow = %v, %v; want false, 1s", ok, d)
	}
	// A refused request costs nothing: the wait does not grow.
	if _, d2 := l.Allow("ada"); d2 != time.Second {
		t.Errorf("5th request: retryAfter = %v, want 1s still", d2)
	}
	if ok, _ := l.Allow("grace"); !ok {
		t.Error("another user was refused: buckets must be per user")
	}
	clk.Add(500 * time.Millisecond)
	if ok, d := l.Allow("ada"); ok || d != 500*time.Millisecond {
		t.Errorf("after 0.5 s: Allow = %v, %v; want false, 500ms", ok, d)
	}
	clk.Add(500 * time.Millisecond)
	if ok, _ := l.Allow("ada"); !ok {
		t.Error("after 1 s: refused, want one token back")
	}
	clk.Add(time.Hour)
	n := 0
	for {
		if ok, _ := l.Allow("ada"); !ok {
			break
		}
		n++
	}
	if n != 3 {
		t.Errorf("after an hour: %d requests allowed, want the burst of 3 (tokens never exceed it)", n)
	}
}

func TestDefaults(t *testing.T) {
	clk := newClock()
	l := ratelimit.New(0, 0, ratelimit.WithClock(clk.Now)) // 600 a minute, burst 60
	n := 0
	for {
		ok, d := l.Allow("ada")
		if !ok {
			if d != 100*time.Millisecond {
				t.Errorf("retryAfter = %v, want 100ms at 600 a minute", d)
			}
			break
		}
		n++
	}
	if n != 60 {
		t.Errorf("default burst = %d, want 60", n)
	}
	var nilLimiter *ratelimit.Limiter
	if ok, _ := nilLimiter.Allow("ada"); !ok {
		t.Error("nil Limiter refused, want everything allowed")
	}
	if release, ok := nilLimiter.Acquire("ada"); !ok || release == nil {
		t.Error("nil Limiter Acquire refused")
	} else {
		release()
	}
}

func TestIdleBucketsAreEvicted(t *testing.T) {
	clk := newClock()
	l := ratelimit.New(60, 3, ratelimit.WithClock(clk.Now)) // refills in 3 s
	for i := range 1000 {
		l.Allow(fmt.Sprint("user-", i))
	}
	if n := l.Len(); n != 1000 {
		t.Fatalf("Len = %d, want 1000", n)
	}
	// Drain ada, then let every bucket refill: the next new user sweeps
	// them all away, and ada's fresh bucket behaves like her refilled one.
	for range 3 {
		l.Allow("ada")
	}
	clk.Add(3 * time.Second)
	l.Allow("newcomer")
	if n := l.Len(); n != 1 {
		t.Errorf("Len after every bucket went idle = %d, want 1", n)
	}
	for i := range 3 {
		if ok, _ := l.Allow("ada"); !ok {
			t.Errorf("ada's request %d after refilling was refused", i+1)
		}
	}
	if ok, _ := l.Allow("ada"); ok {
		t.Error("ada's 4th request after refilling was allowed, want the burst of 3 only")
	}
	// Not yet idle: kept.
	clk.Add(2 * time.Second)
	l.Allow("late")
	if n := l.Len(); n != 3 {
		t.Errorf("Len 2 s later = %d, want 3 (newcomer, ada, late)", n)
	}
}

func TestUserCap(t *testing.T) {
	clk := newClock()
	l := ratelimit.New(60, 1, ratelimit.WithClock(clk.Now), ratelimit.WithMaxUsers(10))
	release, ok := l.Acquire("busy")
	if !ok {
		t.Fatal("Acquire refused")
	}
	for i := range 100 {
		l.Allow(fmt.Sprint("user-", i))
		if n := l.Len(); n > 10 {
			t.Fatalf("Len = %d after %d users, want at most 10", n, i+1)
		}
	}
	// busy, least recently seen, has a request in flight: it was kept, so
	// its in-flight count still holds.
	for range ratelimit.DefaultMaxConcurrent - 1 {
		if _, ok := l.Acquire("busy"); !ok {
			t.Fatal("busy's in-flight count was lost")
		}
	}
	if _, ok := l.Acquire("busy"); ok {
		t.Errorf("busy got %d requests in flight, want %d", ratelimit.DefaultMaxConcurrent+1, ratelimit.DefaultMaxConcurrent)
	}
	release()
}

func TestAcquire(t *testing.T) {
	l := ratelimit.New(60, 1, ratelimit.WithMaxConcurrent(2))
	r1, ok1 := l.Acquire("ada")
	r2, ok2 := l.Acquire("ada")
	_, ok3 := l.Acquire("ada")
	if !ok1 || !ok2 || ok3 {
		t.Fatalf("three Acquires = %v %v %v, want true true false", ok1, ok2, ok3)
	}
	if r, ok := l.Acquire("grace"); !ok {
		t.Error("another user was refused: the bound is per user")
	} else {
		r()
	}
	r1()
	r1() // a second call must not free a second slot
	if _, ok := l.Acquire("ada"); !ok {
		t.Error("Acquire after a release refused")
	}
	if _, ok := l.Acquire("ada"); ok {
		t.Error("a double release freed two slots")
	}
	r2()
}

// TestConcurrentUse runs with -race in CI. With the clock frozen no token
// comes back, so however the goroutines interleave each user gets exactly
// the burst.
func TestConcurrentUse(t *testing.T) {
	clk := newClock()
	const users, burst, goroutines = 20, 50, 8
	l := ratelimit.New(60, burst, ratelimit.WithClock(clk.Now), ratelimit.WithMaxConcurrent(3))
	var allowed [users]atomic.Int32
	var inFlight [users]atomic.Int32
	var over atomic.Int32
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range 400 {
				u := (g + i) % users
				id := fmt.Sprint("user-", u)
				if ok, _ := l.Allow(id); ok {
					allowed[u].Add(1)
				}
				if release, ok := l.Acquire(id); ok {
					if inFlight[u].Add(1) > 3 {
						over.Add(1)
					}
					inFlight[u].Add(-1)
					release()
				}
			}
		})
	}
	wg.Wait()
	for u := range users {
		if n := allowed[u].Load(); n != burst {
			t.Errorf("user-%d: %d allowed, want exactly %d", u, n, burst)
		}
	}
	if n := over.Load(); n != 0 {
		t.Errorf("%d times a user had more than 3 requests in flight", n)
	}
}

func BenchmarkAllowOneUser(b *testing.B) {
	l := ratelimit.New(1<<30, 1<<30)
	for b.Loop() {
		l.Allow("ada")
	}
}

func BenchmarkAllowManyUsers(b *testing.B) {
	l := ratelimit.New(600, 60)
	ids := make([]string, 10_000)
	for i := range ids {
		ids[i] = fmt.Sprint("user-", i)
	}
	i := 0
	for b.Loop() {
		l.Allow(ids[i%len(ids)])
		i++
	}
}

func BenchmarkAllowParallel(b *testing.B) {
	l := ratelimit.New(600, 60)
	ids := make([]string, 10_000)
	for i := range ids {
		ids[i] = fmt.Sprint("user-", i)
	}
	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		i := int(next.Add(1)) * 7919
		for pb.Next() {
			l.Allow(ids[i%len(ids)])
			i++
		}
	})
}

func BenchmarkAcquireRelease(b *testing.B) {
	l := ratelimit.New(600, 60)
	for b.Loop() {
		release, _ := l.Acquire("ada")
		release()
	}
}
