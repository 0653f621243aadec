package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/sqlite"
)

// analysisArgs are the arguments of the River job that executes an
// Inferra job: which job, whose, and whether to stop after deciding.
type analysisArgs struct {
	JobID        string `json:"job_id"`
	UserID       string `json:"user_id"`
	DecisionOnly bool   `json:"decision_only,omitempty"`
}

// Kind is the River job kind.
func (analysisArgs) Kind() string { return "inferra_analysis" }

// queue is what the service needs from River, whichever the driver.
type queue interface {
	// insertTx enqueues inside the store transaction tx.
	insertTx(ctx context.Context, tx inferra.JobTx, args analysisArgs, opts *river.InsertOpts) (int64, error)
	// deleteTx removes a queue entry that is not running (a sync job's
	// safety net) inside tx.
	deleteTx(ctx context.Context, tx inferra.JobTx, id int64) error
	// completeTx marks the running queue entry complete inside tx.
	completeTx(ctx context.Context, tx inferra.JobTx, job *river.Job[analysisArgs]) error
	cancel(ctx context.Context, id int64) error
	depth(ctx context.Context) (int, error)
	start(ctx context.Context) error
	stop(ctx context.Context) error
	transient(err error) bool
	poll() bool
	// orphans lists the jobs queued or running whose queue entry has
	// ended or is gone.
	orphans(ctx context.Context) ([]orphan, error)
}

// orphan is a job left queued or running although its queue entry will
// never run it again: the entry's state ("discarded", "cancelled",
// "completed"), or "" when the entry is gone.
type orphan struct {
	id, userID, state string
}

// orphansQuery finds orphans on either database: the job tables and
// River's share it (and, on PostgreSQL, the search path).
const orphansQuery = `select cast(j.id as text), j.user_id, coalesce(cast(r.state as text), '')
from analysis_jobs j left join river_job r on r.id = j.queue_job_id
where j.status in ('queued', 'running') and (r.id is null or r.state in ('discarded', 'cancelled', 'completed'))
limit 1000`

// scanOrphans reads the rows of orphansQuery.
func scanOrphans(next func() bool, scan func(dest ...any) error, rowsErr func() error) ([]orphan, error) {
	var out []orphan
	for next() {
		var o orphan
		if err := scan(&o.id, &o.userID, &o.state); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rowsErr()
}

// riverQueue adapts a River client on driver TDriver.
type riverQueue[TDriver riverdriver.Driver[TTx], TTx any] struct {
	client      *river.Client[TTx]
	unwrap      func(inferra.JobTx) (TTx, error)
	isTrans     func(error) bool
	working     bool
	pollsOnly   bool
	listOrphans func(ctx context.Context) ([]orphan, error)
}

func (q *riverQueue[TDriver, TTx]) insertTx(ctx context.Context, tx inferra.JobTx, args analysisArgs, opts *river.InsertOpts) (int64, error) {
	t, err := q.unwrap(tx)
	if err != nil {
		return 0, err
	}
	res, err := q.client.InsertTx(ctx, t, args, opts)
	if err != nil {
		return 0, fmt.Errorf("jobs: enqueueing: %w", err)
	}
	return res.Job.ID, nil
}

func (q *riverQueue[TDriver, TTx]) deleteTx(ctx context.Context, tx inferra.JobTx, id int64) error {
	t, err := q.unwrap(tx)
	if err != nil {
		return err
	}
	_, err = q.client.JobDeleteTx(ctx, t, id)
	if errors.Is(err, rivertype.ErrNotFound) || errors.Is(err, rivertype.ErrJobRunning) {
		// Already gone, or a worker took the safety net up: the job row's
		// state guard keeps that run from writing a second result.
		return nil
	}
	return err
}

func (q *riverQueue[TDriver, TTx]) completeTx(ctx context.Context, tx inferra.JobTx, job *river.Job[analysisArgs]) error {
	t, err := q.unwrap(tx)
	if err != nil {
		return err
	}
	_, err = river.JobCompleteTx[TDriver](ctx, t, job)
	return err
}

func (q *riverQueue[TDriver, TTx]) cancel(ctx context.Context, id int64) error {
	_, err := q.client.JobCancel(ctx, id)
	if errors.Is(err, rivertype.ErrNotFound) {
		return nil
	}
	return err
}

// maxDepth bounds the count Health reports.
const maxDepth = 10000

func (q *riverQueue[TDriver, TTx]) depth(ctx context.Context) (int, error) {
	res, err := q.client.JobList(ctx, river.NewJobListParams().
		States(rivertype.JobStateAvailable, rivertype.JobStateRetryable, rivertype.JobStateRunning).First(maxDepth))
	if err != nil {
		return 0, err
	}
	return len(res.Jobs), nil
}

func (q *riverQueue[TDriver, TTx]) start(ctx context.Context) error {
	if !q.working {
		return nil
	}
	return q.client.Start(ctx)
}

func (q *riverQueue[TDriver, TTx]) stop(ctx context.Context) error {
	if !q.working {
		return nil
	}
	return q.client.Stop(ctx)
}

func (q *riverQueue[TDriver, TTx]) orphans(ctx context.Context) ([]orphan, error) {
	return q.listOrphans(ctx)
}

func (q *riverQueue[TDriver, TTx]) transient(err error) bool { return q.isTrans(err) }
func (q *riverQueue[TDriver, TTx]) poll() bool               { return q.pollsOnly }

// worker executes analysis jobs for River.
type worker struct {
	river.WorkerDefaults[analysisArgs]
	s *Service
}

// Work runs one job.
func (w *worker) Work(ctx context.Context, job *river.Job[analysisArgs]) error {
	return w.s.work(ctx, job)
}

// retryPolicy retries transient failures soon: 1 s·2ⁿ⁻¹, capped at 30 s.
type retryPolicy struct{}

// NextRetry implements river.ClientRetryPolicy.
func (retryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	d := time.Second << min(max(job.Attempt-1, 0), 5)
	return time.Now().Add(min(d, 30*time.Second))
}

// newQueue builds the River client for the store's database.
func newQueue(s *Service) (queue, error) {
	cfg := s.cfg
	workers := river.NewWorkers()
	river.AddWorker(workers, &worker{s: s})
	rc := &river.Config{
		ID:                   cfg.Name,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		MaxAttempts:          cfg.MaxAttempts,
		Logger:               cfg.Logger,
		Workers:              workers,
		RetryPolicy:          retryPolicy{},
		FetchPollInterval:    cfg.PollInterval,
		FetchCooldown:        min(cfg.PollInterval, river.FetchCooldownDefault),
	}
	working := cfg.Role != RoleAPI
	if working {
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}}
	}
	switch st := cfg.Store.(type) {
	case *postgres.Store:
		rc.Schema = st.Schema()
		rc.PollOnly = cfg.PollOnly || st.SimpleProtocol()
		client, err := river.NewClient(riverpgxv5.New(st.Pool()), rc)
		if err != nil {
			return nil, fmt.Errorf("jobs: river: %w", err)
		}
		return &riverQueue[*riverpgxv5.Driver, pgx.Tx]{
			client: client, working: working, isTrans: postgres.Transient, pollsOnly: rc.PollOnly,
			listOrphans: func(ctx context.Context) ([]orphan, error) {
				rows, err := st.Pool().Query(ctx, orphansQuery)
				if err != nil {
					return nil, err
				}
				defer rows.Close()
				return scanOrphans(rows.Next, rows.Scan, rows.Err)
			},
			unwrap: func(tx inferra.JobTx) (pgx.Tx, error) {
				if t, ok := tx.(*postgres.Tx); ok && t.Pgx() != nil {
					return t.Pgx(), nil
				}
				return nil, errors.New("jobs: not a postgres store transaction")
			},
		}, nil
	case *sqlite.Store:
		rc.PollOnly = true // SQLite has no LISTEN/NOTIFY
		client, err := river.NewClient(riversqlite.New(st.DB()), rc)
		if err != nil {
			return nil, fmt.Errorf("jobs: river: %w", err)
		}
		return &riverQueue[*riversqlite.Driver, *sql.Tx]{
			client: client, working: working, isTrans: sqlite.Transient, pollsOnly: true,
			listOrphans: func(ctx context.Context) ([]orphan, error) {
				rows, err := st.DB().QueryContext(ctx, orphansQuery)
				if err != nil {
					return nil, err
				}
				defer rows.Close()
				return scanOrphans(rows.Next, rows.Scan, rows.Err)
			},
			unwrap: func(tx inferra.JobTx) (*sql.Tx, error) {
				if t, ok := tx.(*sqlite.Tx); ok && t.SQL() != nil {
					return t.SQL(), nil
				}
				return nil, errors.New("jobs: not a sqlite store transaction")
			},
		}, nil
	}
	return nil, fmt.Errorf("jobs: the store %T has no queue driver; use store/sqlite or store/postgres", cfg.Store)
}
