package llm

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrQuotaExceeded is returned by QuotaStore.Reserve when a reservation
// would take a user past the day's limit.
var ErrQuotaExceeded = errors.New("llm: daily token quota exceeded")

// QuotaStore counts the tokens each user spends per day, so that the proxy
// can enforce a daily quota. The server implements it on its database so
// that the count holds across processes; MemoryQuota serves tests and a
// single process. Package quotatest checks an implementation against the
// contract.
//
// The contract, which every implementation must keep:
//
//   - A count is kept per (userID, day), where day is the UTC calendar date
//     of the time given (implementations must use day.UTC() truncated to the
//     date, so that 23:59 and 00:01 UTC fall on different days). A count
//     that was never written is 0.
//   - Reserve adds tokens to the count atomically, and only when the new
//     count is at most limit; it returns the new count. Otherwise it
//     changes nothing and returns the current count and ErrQuotaExceeded.
//     Two concurrent reservations must never both succeed when together
//     they exceed the limit (on SQL: one INSERT … ON CONFLICT DO UPDATE …
//     WHERE count + tokens <= limit RETURNING count).
//   - Consume settles a reservation once the real cost is known: it adds
//     used - reserved (negative when the call cost less, -reserved when it
//     failed) to the count, never taking it below 0, and succeeds even when
//     the count ends above the limit (the tokens are spent); the next
//     Reserve then fails.
type QuotaStore interface {
	Reserve(ctx context.Context, userID string, day time.Time, tokens, limit int) (used int, err error)
	Consume(ctx context.Context, userID string, day time.Time, reserved, used int) error
}

// MemoryQuota is a QuotaStore in memory, for tests and single-process use.
// It forgets days older than yesterday. It is safe for concurrent use.
type MemoryQuota struct {
	mu     sync.Mutex
	counts map[quotaKey]int
	latest string
}

type quotaKey struct {
	user, day string
}

var _ QuotaStore = (*MemoryQuota)(nil)

// NewMemoryQuota returns an empty MemoryQuota.
func NewMemoryQuota() *MemoryQuota {
	return &MemoryQuota{counts: make(map[quotaKey]int)}
}

func dayKey(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// Reserve implements QuotaStore.
func (q *MemoryQuota) Reserve(ctx context.Context, userID string, day time.Time, tokens, limit int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	k := quotaKey{userID, dayKey(day)}
	if k.day > q.latest {
		q.latest = k.day
		yesterday := dayKey(day.UTC().AddDate(0, 0, -1))
		for old := range q.counts {
			if old.day < yesterday {
				delete(q.counts, old)
			}
		}
	}
	used := q.counts[k]
	if used+tokens > limit {
		return used, ErrQuotaExceeded
	}
	q.counts[k] = used + tokens
	return used + tokens, nil
}

// Consume implements QuotaStore.
func (q *MemoryQuota) Consume(ctx context.Context, userID string, day time.Time, reserved, used int) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := quotaKey{userID, dayKey(day)}
	q.counts[k] = max(0, q.counts[k]+used-reserved)
	return nil
}

// Used returns the count of userID on the day of day.
func (q *MemoryQuota) Used(userID string, day time.Time) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.counts[quotaKey{userID, dayKey(day)}]
}
