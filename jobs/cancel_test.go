package jobs_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/sqlite"
)

// These tests prove that the work of a job stops with its timeout and its
// cancel, that two attempts of a job never compute side by side in one
// process, and that every job reaches a terminal state, also when its last
// attempt dies.

// bigOLS is a regression that takes minutes to fit (6,000 rows, a factor
// of 3,000 levels): a job that runs it ends only if its work stops.
func bigOLS(user, mode string) jobs.SubmitRequest {
	r := rand.New(rand.NewPCG(7, 8))
	var b strings.Builder
	b.WriteString("y,lvl\n")
	for i := range 6000 {
		fmt.Fprintf(&b, "%.4f,L%d\n", r.NormFloat64(), i%3000)
	}
	return jobs.SubmitRequest{UserID: user, Mode: mode, Analysis: "ols", Params: map[string]string{"formula": "y ~ C(lvl)"},
		Dataset: jobs.DatasetInput{CSV: []byte(b.String())}}
}

// waitIdle waits (up to d, a safety net) until svc runs no execution.
func waitIdle(t *testing.T, svc *jobs.Service, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for svc.Health(ctx).Running != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the service still runs %d executions %v later, want none: the work did not stop", svc.Health(ctx).Running, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// unlimited lets bigOLS past the design limit, so that only the timeout
// or a cancel can end it.
const unlimited = 1 << 40

func TestTimeoutStopsTheComputation(t *testing.T) {
	if raceEnabled {
		// A minute-long regression stopped at JOB_TIMEOUT: the race
		// detector slows it several times past these deadlines. It runs
		// in the plain go test step.
		t.Skip("times a long computation against its deadline; runs without the race detector")
	}
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{JobTimeout: time.Second, RescueAfter: time.Minute, MaxDesignCells: unlimited})
		for _, mode := range []string{jobs.ModeSync, jobs.ModeAsync} {
			j, err := svc.Submit(ctx, bigOLS("alice", mode))
			if err != nil {
				t.Fatal(err)
			}
			j = waitFor(t, svc, "alice", j.ID, time.Minute)
			if j.Status != inferra.JobFailed || j.Error == nil || j.Error.Code != inferra.ETimeout || j.Attempt != 1 {
				t.Errorf("%s regression past JOB_TIMEOUT: %s attempt %d error %+v, want failed once with code timeout", mode, j.Status, j.Attempt, j.Error)
			}
			waitIdle(t, svc, time.Minute)
		}
	})
}

func TestCancelStopsTheComputation(t *testing.T) {
	if raceEnabled {
		// A minute-long regression stopped at JOB_TIMEOUT: the race
		// detector slows it several times past these deadlines. It runs
		// in the plain go test step.
		t.Skip("times a long computation against its deadline; runs without the race detector")
	}
	forEachStore(t, func(t *testing.T, b backend) {
		st := b.mustOpen(t)
		// The API process cancels; the worker, another service on the
		// same store, learns of it only through the database.
		api := newService(t, b, jobs.Config{Store: st, Role: jobs.RoleAPI})
		w := newService(t, b, jobs.Config{Store: st, Role: jobs.RoleWorker, JobTimeout: time.Hour, MaxDesignCells: unlimited})
		j, err := api.Submit(ctx, bigOLS("alice", jobs.ModeAsync))
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(time.Minute)
		for {
			got, _ := api.Get(ctx, "alice", j.ID)
			if got.Status == inferra.JobRunning && got.Progress == inferra.StageAnalysing {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the job did not reach the analysis: %s %q", got.Status, got.Progress)
			}
			time.Sleep(20 * time.Millisecond)
		}
		c, err := api.Cancel(ctx, "alice", j.ID)
		if err != nil || c.Status != inferra.JobCanceled {
			t.Fatalf("Cancel = %+v, %v; want canceled", c, err)
		}
		waitIdle(t, w, time.Minute)
		if got, _ := api.Get(ctx, "alice", j.ID); got.Status != inferra.JobCanceled || got.Result != nil {
			t.Errorf("the canceled job is %s with result %s, want canceled without one", got.Status, got.Result)
		}

		// A sync job runs in the process that took the request, outside
		// River: canceled through another process, it stops too.
		all := newService(t, b, jobs.Config{Store: st, JobTimeout: time.Hour, SyncWait: 100 * time.Millisecond, MaxDesignCells: unlimited})
		j, err = all.Submit(ctx, bigOLS("alice", jobs.ModeSync))
		if err != nil || j.Status != inferra.JobRunning {
			t.Fatalf("sync Submit past SyncWait = %+v, %v; want it running", j, err)
		}
		if c, err := api.Cancel(ctx, "alice", j.ID); err != nil || c.Status != inferra.JobCanceled {
			t.Fatalf("Cancel(sync job) = %+v, %v; want canceled", c, err)
		}
		waitIdle(t, all, time.Minute)
	})
}

// execSQL runs a statement on the store's database, written with $1…
// placeholders (rewritten to ? on SQLite).
func execSQL(t *testing.T, st inferra.JobStore, query string, args ...any) {
	t.Helper()
	var err error
	switch s := st.(type) {
	case *postgres.Store:
		_, err = s.Pool().Exec(ctx, query, args...)
	case *sqlite.Store:
		for i := len(args); i >= 1; i-- {
			query = strings.ReplaceAll(query, fmt.Sprintf("$%d", i), "?")
		}
		_, err = s.DB().ExecContext(ctx, query, args...)
	}
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// stuckChart is a Charts hook whose chart analyses ignore their context
// (as a computation that checks none would) until release is closed; it
// counts how many run at once.
type stuckChart struct {
	release       chan struct{}
	calls, now    atomic.Int32
	most          atomic.Int32
	once          sync.Once
	started       chan struct{}
	startedClosed atomic.Bool
}

func newStuckChart(t *testing.T) *stuckChart {
	h := &stuckChart{release: make(chan struct{}), started: make(chan struct{})}
	t.Cleanup(h.free)
	return h
}

func (h *stuckChart) free() { h.once.Do(func() { close(h.release) }) }

func (h *stuckChart) draw(ctx context.Context, ds *inferra.Dataset, analysis string, params map[string]string) ([]jobs.Chart, error) {
	if a, ok := decision.LookupAnalysis(analysis); !ok || a.Library != "plots" {
		return quickChart(ctx, ds, analysis, params)
	}
	h.calls.Add(1)
	n := h.now.Add(1)
	defer h.now.Add(-1)
	for {
		m := h.most.Load()
		if n <= m || h.most.CompareAndSwap(m, n) {
			break
		}
	}
	if h.startedClosed.CompareAndSwap(false, true) {
		close(h.started)
	}
	<-h.release
	return quickChart(ctx, ds, analysis, params)
}

func TestRescuedAttemptWaitsForTheEarlierOne(t *testing.T) {
	if raceEnabled {
		// A minute-long regression stopped at JOB_TIMEOUT: the race
		// detector slows it several times past these deadlines. It runs
		// in the plain go test step.
		t.Skip("times a long computation against its deadline; runs without the race detector")
	}
	forEachStore(t, func(t *testing.T, b backend) {
		st := b.mustOpen(t)
		h := newStuckChart(t)
		svc := newService(t, b, jobs.Config{Store: st, Role: jobs.RoleWorker, JobTimeout: 300 * time.Millisecond,
			RescueAfter: time.Minute, PollInterval: 20 * time.Millisecond, Charts: h.draw})
		t.Cleanup(h.free) // before the service stops
		j, err := svc.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-h.started:
		case <-time.After(time.Minute):
			t.Fatal("the worker did not start the job")
		}
		// As River's rescuer does with a job it thinks stuck: make it
		// available again while attempt 1 still computes.
		execSQL(t, st, "update river_job set state = 'available' where id = $1", j.QueueID)
		deadline := time.Now().Add(time.Minute)
		for queueRows(t, st)[j.QueueID].attempt < 2 {
			if time.Now().After(deadline) {
				t.Fatal("River did not start attempt 2")
			}
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond) // room for a second execution to (wrongly) begin
		if n := h.calls.Load(); n != 1 {
			t.Errorf("the analysis ran %d times while attempt 1 still computed, want once", n)
		}
		h.free()
		j = waitFor(t, svc, "alice", j.ID, time.Minute)
		// Attempt 1 finished, in time or not; attempt 2 then found the job
		// ended and did not run it again.
		timedOut := j.Status == inferra.JobFailed && j.Error != nil && j.Error.Code == inferra.ETimeout
		if j.Status != inferra.JobSucceeded && !timedOut || j.Attempt != 1 {
			t.Errorf("job after attempt 1 returned: %s attempt %d error %+v, want attempt 1's outcome (succeeded, or failed with code timeout)", j.Status, j.Attempt, j.Error)
		}
		waitIdle(t, svc, time.Minute)
		if m, n := h.most.Load(), h.calls.Load(); m != 1 || n != 1 {
			t.Errorf("the analysis ran %d times, %d at once; want once", n, m)
		}
	})
}

func TestPanicFailsTheJob(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		var calls atomic.Int32
		panicky := func(context.Context, *inferra.Dataset, string, map[string]string) ([]jobs.Chart, error) {
			calls.Add(1)
			panic("boom")
		}
		svc := newService(t, b, jobs.Config{MaxAttempts: 2, PollInterval: 20 * time.Millisecond, Charts: panicky})
		for _, mode := range []string{jobs.ModeSync, jobs.ModeAsync} {
			calls.Store(0)
			j, err := svc.Submit(ctx, chartRequest("alice", mode))
			if err != nil {
				t.Fatal(err)
			}
			j = waitFor(t, svc, "alice", j.ID, time.Minute)
			if j.Status != inferra.JobFailed || j.Error == nil || j.Error.Code != inferra.EInternal || strings.Contains(j.Error.Message, "boom") {
				t.Errorf("%s job whose analysis panics: %s %+v, want failed with a plain internal error", mode, j.Status, j.Error)
			}
			if n := calls.Load(); n != 1 || j.Attempt != 1 {
				t.Errorf("%s job whose analysis panics ran %d times (attempt %d), want once", mode, n, j.Attempt)
			}
		}
	})
}

// TestRestartEndsOrphanedJobs leaves jobs whose queue entry was discarded,
// canceled or deleted (as after a last attempt killed mid-run, an operator's
// cancel in River, a cleaned-up queue), and starts a service: it ends them,
// and leaves a job that is still queued alone.
func TestRestartEndsOrphanedJobs(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		st := b.mustOpen(t)
		api, err := jobs.New(ctx, jobs.Config{Store: st, Role: jobs.RoleAPI, Logger: quietLogger})
		if err != nil {
			t.Fatal(err)
		}
		var js []*inferra.Job
		for range 4 {
			j, err := api.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
			if err != nil {
				t.Fatal(err)
			}
			js = append(js, j)
		}
		execSQL(t, st, "update analysis_jobs set status = 'running', attempt = 5, progress = 'analysing' where id = $1", js[0].ID)
		execSQL(t, st, "update river_job set state = 'discarded', attempt = 5, finalized_at = created_at where id = $1", js[0].QueueID)
		execSQL(t, st, "update river_job set state = 'cancelled', finalized_at = created_at where id = $1", js[1].QueueID)
		execSQL(t, st, "delete from river_job where id = $1", js[2].QueueID)

		svc := newService(t, b, jobs.Config{Store: st, Role: jobs.RoleAPI})
		for i, want := range []struct {
			status inferra.JobState
			code   string
		}{{inferra.JobFailed, inferra.EInternal}, {inferra.JobCanceled, inferra.ECanceled}, {inferra.JobFailed, inferra.EInternal}, {inferra.JobQueued, ""}} {
			j, err := svc.Get(ctx, "alice", js[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			code := ""
			if j.Error != nil {
				code = j.Error.Code
			}
			if j.Status != want.status || code != want.code || (j.Status.Terminal() && j.FinishedAt == nil) {
				t.Errorf("job %d after a restart: %s %q finished %v, want %s %q", i, j.Status, code, j.FinishedAt, want.status, want.code)
			}
		}
		if n, err := svc.Reconcile(ctx); err != nil || n != 0 {
			t.Errorf("a second Reconcile ended %d jobs (%v), want none", n, err)
		}
	})
}

// TestLastAttemptStuckEndsFailed: a job whose only attempt computes past
// its timeout without ever stopping is discarded by River's rescuer; the
// service then fails it rather than leave it running forever.
func TestLastAttemptStuckEndsFailed(t *testing.T) {
	t.Parallel() // mostly waiting for River's rescuer, which runs every 30 s
	forEachStore(t, func(t *testing.T, b backend) {
		h := newStuckChart(t)
		svc := newService(t, b, jobs.Config{JobTimeout: 500 * time.Millisecond, RescueAfter: time.Second, MaxAttempts: 1,
			ReconcileEvery: 200 * time.Millisecond, Charts: h.draw})
		t.Cleanup(h.free) // before the service stops
		j, err := svc.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
		if err != nil {
			t.Fatal(err)
		}
		j = waitFor(t, svc, "alice", j.ID, 3*time.Minute)
		if j.Status != inferra.JobFailed || j.Error == nil || j.Error.Code != inferra.EInternal || j.FinishedAt == nil {
			t.Errorf("job whose last attempt never returned: %s %+v, want failed with code internal", j.Status, j.Error)
		}
		h.free()
		waitIdle(t, svc, time.Minute)
		if got, _ := svc.Get(ctx, "alice", j.ID); got.Status != inferra.JobFailed {
			t.Errorf("once the stuck attempt returned, the job is %s, want still failed", got.Status)
		}
	})
}
