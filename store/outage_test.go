package store_test

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
)

func TestUnavailable(t *testing.T) {
	t.Parallel()
	if store.Unavailable(nil) != nil {
		t.Error("Unavailable(nil) is not nil")
	}
	cause := errors.Join(errors.New(`failed to connect to host=db.internal user=app database=prod`), syscall.ECONNREFUSED)
	err := store.Unavailable(cause)
	if inferra.ErrorCode(err) != inferra.EUnavailable || inferra.ErrorMessage(err) != store.UnavailableMessage {
		t.Errorf("Unavailable: code %s, message %q; want unavailable with the fixed message", inferra.ErrorCode(err), inferra.ErrorMessage(err))
	}
	if !errors.Is(err, syscall.ECONNREFUSED) || err.Error() != "store unavailable: "+cause.Error() {
		t.Errorf("Unavailable lost its cause: %v", err)
	}
	if store.Unavailable(err) != err {
		t.Error("Unavailable wraps an outage twice")
	}
}

// TestRemigratorRunsOnceAtATime: triggers while a run is going on, or
// within Every of the last one, start nothing; after Close none do.
func TestRemigratorRunsOnceAtATime(t *testing.T) {
	t.Parallel()
	var runs atomic.Int32
	release := make(chan struct{})
	r := &store.Remigrator{Every: time.Hour, Logger: slog.New(slog.DiscardHandler), Migrate: func(context.Context) error {
		runs.Add(1)
		<-release
		return nil
	}}
	missing := errors.New("no such table")
	r.Trigger(missing)
	r.Trigger(missing) // running
	close(release)
	r.Close()
	if n := runs.Load(); n != 1 {
		t.Errorf("%d runs, want 1", n)
	}
	r.Trigger(missing) // after Close
	if n := runs.Load(); n != 1 {
		t.Errorf("%d runs after Close, want 1", n)
	}

	// With Every elapsed, a failed run is tried again.
	var runs2 atomic.Int32
	done := make(chan struct{}, 2)
	r2 := &store.Remigrator{Every: time.Nanosecond, Logger: slog.New(slog.DiscardHandler), Migrate: func(context.Context) error {
		runs2.Add(1)
		done <- struct{}{}
		return errors.New("the database does not exist")
	}}
	defer r2.Close()
	r2.Trigger(missing)
	<-done
	for runs2.Load() < 2 {
		r2.Trigger(missing) // a no-op until the first run has ended
		select {
		case <-done:
		case <-time.After(10 * time.Millisecond):
		}
	}
}
