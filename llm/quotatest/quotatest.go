package quotatest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/inferra/inferra/llm"
)

// Run checks the llm.QuotaStore contract on stores made by newStore, each
// empty.
func Run(t *testing.T, newStore func(t *testing.T) llm.QuotaStore) {
	t.Helper()
	ctx := context.Background()
	day := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)

	t.Run("ReserveWithinLimit", func(t *testing.T) {
		q := newStore(t)
		used, err := q.Reserve(ctx, "u", day, 40, 100)
		if err != nil || used != 40 {
			t.Fatalf("Reserve(40 of 100) = %d, %v; want 40, nil", used, err)
		}
		used, err = q.Reserve(ctx, "u", day, 60, 100)
		if err != nil || used != 100 {
			t.Fatalf("Reserve(60 more of 100) = %d, %v; want 100, nil (the limit itself is allowed)", used, err)
		}
	})

	t.Run("ReserveBeyondLimitChangesNothing", func(t *testing.T) {
		q := newStore(t)
		mustReserve(t, q, "u", day, 90, 100)
		used, err := q.Reserve(ctx, "u", day, 11, 100)
		if !errors.Is(err, llm.ErrQuotaExceeded) || used != 90 {
			t.Fatalf("Reserve(11 over 90 of 100) = %d, %v; want 90, ErrQuotaExceeded", used, err)
		}
		used, err = q.Reserve(ctx, "u", day, 10, 100)
		if err != nil || used != 100 {
			t.Fatalf("after a refused reservation, Reserve(10) = %d, %v; want 100, nil", used, err)
		}
	})

	t.Run("UsersAndDaysAreSeparate", func(t *testing.T) {
		q := newStore(t)
		mustReserve(t, q, "u", day, 100, 100)
		if used, err := q.Reserve(ctx, "v", day, 100, 100); err != nil || used != 100 {
			t.Errorf("another user: Reserve = %d, %v; want 100, nil", used, err)
		}
		// 23:59 and 00:01 UTC are different days, whatever the zone the
		// time is given in.
		late := time.Date(2026, 11, 25, 23, 59, 0, 0, time.UTC)
		if _, err := q.Reserve(ctx, "u", late.In(time.FixedZone("UTC+3", 3*3600)), 1, 100); !errors.Is(err, llm.ErrQuotaExceeded) {
			t.Errorf("the same UTC day in another zone: err = %v, want ErrQuotaExceeded", err)
		}
		if used, err := q.Reserve(ctx, "u", late.Add(2*time.Minute), 100, 100); err != nil || used != 100 {
			t.Errorf("the next UTC day: Reserve = %d, %v; want 100, nil", used, err)
		}
	})

	t.Run("ConsumeSettles", func(t *testing.T) {
		q := newStore(t)
		mustReserve(t, q, "u", day, 80, 100)
		// The call cost 30, not 80: 50 come back.
		if err := q.Consume(ctx, "u", day, 80, 30); err != nil {
			t.Fatalf("Consume: %v", err)
		}
		mustReserve(t, q, "u", day, 70, 100)
		// A call that cost more than reserved is still counted, past the
		// limit; the next reservation fails.
		if err := q.Consume(ctx, "u", day, 70, 120); err != nil {
			t.Fatalf("Consume past the limit: %v", err)
		}
		if used, err := q.Reserve(ctx, "u", day, 1, 100); !errors.Is(err, llm.ErrQuotaExceeded) || used != 150 {
			t.Errorf("after spending 150 of 100: Reserve = %d, %v; want 150, ErrQuotaExceeded", used, err)
		}
		// Refunds never take the count below zero.
		if err := q.Consume(ctx, "u", day, 1000, 0); err != nil {
			t.Fatalf("Consume refund: %v", err)
		}
		if used, err := q.Reserve(ctx, "u", day, 0, 100); err != nil || used != 0 {
			t.Errorf("after refunding more than was counted: Reserve(0) = %d, %v; want 0, nil", used, err)
		}
	})

	t.Run("ConcurrentReservationsNeverOvershoot", func(t *testing.T) {
		q := newStore(t)
		var ok atomic.Int32
		var wg sync.WaitGroup
		for range 40 {
			wg.Go(func() {
				_, err := q.Reserve(ctx, "u", day, 10, 100)
				switch {
				case err == nil:
					ok.Add(1)
				case !errors.Is(err, llm.ErrQuotaExceeded):
					t.Errorf("Reserve: %v", err)
				}
			})
		}
		wg.Wait()
		if ok.Load() != 10 {
			t.Errorf("%d concurrent reservations of 10 succeeded under a limit of 100, want exactly 10", ok.Load())
		}
	})
}

func mustReserve(t *testing.T, q llm.QuotaStore, user string, day time.Time, tokens, limit int) {
	t.Helper()
	if _, err := q.Reserve(context.Background(), user, day, tokens, limit); err != nil {
		t.Fatalf("Reserve(%s, %d of %d): %v", user, tokens, limit, err)
	}
}
