package store

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/inferra/inferra"
)

// UnavailableMessage is what a caller is told when the database cannot
// be reached or used; the cause goes to the log only, since it names
// hosts, users, databases and tables.
const UnavailableMessage = "the database is unavailable right now; try again shortly"

// outage is an EUnavailable error that keeps its cause for errors.Is,
// errors.As and the log, but shows only UnavailableMessage.
type outage struct {
	err   *inferra.Error
	cause error
}

func (o *outage) Error() string   { return "store unavailable: " + o.cause.Error() }
func (o *outage) Unwrap() []error { return []error{o.err, o.cause} }

// Unavailable returns err marked as an outage: inferra.ErrorCode reports
// EUnavailable (HTTP 503 with Retry-After) and inferra.ErrorMessage
// UnavailableMessage, while Error() and the chain keep the cause for the
// log. Each store calls it on the errors that mean the database cannot be
// reached or used now (a refused or lost connection, a database or table
// that does not exist, a file that cannot be opened or is locked).
func Unavailable(err error) error {
	if err == nil || inferra.ErrorCode(err) == inferra.EUnavailable {
		return err
	}
	return &outage{err: inferra.Errorf(inferra.EUnavailable, UnavailableMessage), cause: err}
}

// Remigrator runs a store's migrations again, in the background and at
// most once per Every, when the store finds its tables missing: after the
// database was dropped and created again, or its schema dropped, the
// store heals without a restart. The zero value is not usable: set
// Migrate.
type Remigrator struct {
	// Migrate is the store's Migrate. Required.
	Migrate func(ctx context.Context) error
	// Every is the least time between two runs. Defaults to 5 seconds.
	Every time.Duration
	// Logger logs each run. Defaults to slog.Default().
	Logger *slog.Logger

	mu      sync.Mutex
	running bool
	closed  bool
	last    time.Time
	wg      sync.WaitGroup
}

// Trigger starts a run unless one is running, one ended less than Every
// ago, or Close was called. It does not wait for the run.
func (r *Remigrator) Trigger(reason error) {
	every := r.Every
	if every <= 0 {
		every = 5 * time.Second
	}
	r.mu.Lock()
	if r.running || r.closed || (!r.last.IsZero() && time.Since(r.last) < every) {
		r.mu.Unlock()
		return
	}
	r.running = true
	r.wg.Add(1)
	r.mu.Unlock()
	log := r.Logger
	if log == nil {
		log = slog.Default()
	}
	go func() {
		defer r.wg.Done()
		log.Warn("store: tables are missing; applying the migrations again", "reason", reason)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		err := r.Migrate(ctx)
		cancel()
		if err != nil {
			log.Error("store: applying the migrations again failed; the next request that finds tables missing tries again", "err", err)
		} else {
			log.Warn("store: the migrations are applied again")
		}
		r.mu.Lock()
		r.running, r.last = false, time.Now()
		r.mu.Unlock()
	}()
}

// Close stops future runs and waits for a running one to end.
func (r *Remigrator) Close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.wg.Wait()
}
