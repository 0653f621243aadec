package jobs

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
)

// outcome is a finished execution, not yet stored: the job in its final
// state, its charts and the decision to log.
type outcome struct {
	job    *inferra.Job
	charts []Chart
	logged *inferra.Decision // the decision used, logged with the job
}

// execute runs the pipeline on job j (running): load the dataset (ds, or
// from the store when nil), then Pipeline.Run. Analysis failures are
// recorded in the outcome; the error is non-nil only for infrastructure
// failures worth another attempt.
func (s *Service) execute(ctx context.Context, j *inferra.Job, ds *inferra.Dataset, decisionOnly bool) (*outcome, error) {
	start := time.Now()
	out := &outcome{job: j}
	pw := &progressWriter{s: s, ctx: ctx, userID: j.UserID, id: j.ID, stage: j.Progress, written: j.Progress}
	pw.timer = time.AfterFunc(progressDelay, pw.flush)
	defer pw.stop()
	p := s.pipeline()
	p.Progress = func(_ *inferra.Job, stage string) { pw.set(stage, time.Since(start) >= progressDelay) }
	if ds == nil {
		sd, err := s.st.GetDataset(ctx, j.UserID, j.Dataset.ID, true)
		if err != nil {
			if inferra.ErrorCode(err) != inferra.ENotFound && ctx.Err() == nil {
				return nil, err // the store: try again
			}
			p.Fail(j, err, start)
			return out, nil
		}
		if ds, err = s.parse(sd.Content); err != nil {
			p.Fail(j, err, start)
			return out, nil
		}
		// The stored schema keeps the column descriptions the dataset was
		// uploaded with; the bytes alone do not.
		if err = ds.Describe(sd.Schema.Dictionary()); err != nil {
			p.Fail(j, err, start)
			return out, nil
		}
	}
	out.charts = p.Run(ctx, j, ds, decisionOnly)
	out.logged = j.Decision
	return out, nil
}

// pipeline is the Pipeline of the service's configuration.
func (s *Service) pipeline() Pipeline {
	return Pipeline{Engine: s.engine, Charts: s.cfg.Charts, MaxDesignCells: s.cfg.MaxDesignCells, Version: s.cfg.Version,
		JobTimeout: s.cfg.JobTimeout, Now: s.cfg.Now, Logger: s.cfg.Logger}
}

// safeExecute is execute, except that a panic (a bug) fails the job with
// an internal error, logged with its stack, instead of taking the process
// down (a sync job runs in a goroutine of its own) or leaving River to
// retry the same panic until it discards the job.
func (s *Service) safeExecute(ctx context.Context, j *inferra.Job, ds *inferra.Dataset, decisionOnly bool) (out *outcome, err error) {
	start := time.Now()
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		s.cfg.Logger.Error("jobs: panic while running a job", "job", j.ID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		j.Status, j.Result, j.Report, j.Plots = inferra.JobFailed, nil, "", []inferra.Plot{}
		j.Error = inferra.Errorf(inferra.EInternal, "An internal error occurred.")
		s.seal(j, start)
		out, err = &outcome{job: j}, nil
	}()
	return s.execute(ctx, j, ds, decisionOnly)
}

// progressDelay is how long a job runs before its stages are written:
// a quicker job's stages would never be seen by a poller.
const progressDelay = 50 * time.Millisecond

// progressWriter records a running job's stage: at once after
// progressDelay, and at progressDelay the stage reached by then.
type progressWriter struct {
	s          *Service
	ctx        context.Context
	userID, id string
	timer      *time.Timer

	mu             sync.Mutex
	stage, written string
	done           bool
}

func (p *progressWriter) set(stage string, now bool) {
	p.mu.Lock()
	p.stage = stage
	p.mu.Unlock()
	if now {
		p.flush()
	}
}

// flush writes the current stage if it has not been written.
func (p *progressWriter) flush() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done || p.stage == p.written {
		return
	}
	if err := p.s.st.SetProgress(p.ctx, p.userID, p.id, p.stage); err != nil {
		if p.ctx.Err() == nil {
			p.s.cfg.Logger.Warn("jobs: recording progress", "job", p.id, "err", err)
		}
		return
	}
	p.written = p.stage
}

func (p *progressWriter) stop() {
	p.timer.Stop()
	p.mu.Lock()
	p.done = true
	p.mu.Unlock()
}

// seal completes a finished job's times and provenance.
func (s *Service) seal(j *inferra.Job, start time.Time) {
	p := s.pipeline()
	p.Seal(j, start)
}

// finish stores an outcome in one transaction: the job's final state
// (only if it is still running: a job never has two results), its charts,
// its decision log entry and whatever also in the same transaction (the
// queue's completion).
func (s *Service) finish(ctx context.Context, out *outcome, also func(tx inferra.JobTx) error) error {
	j := out.job
	return s.st.InTx(ctx, func(tx inferra.JobTx) error {
		if err := tx.UpdateJob(ctx, j, inferra.JobRunning); err != nil {
			return err
		}
		for _, c := range out.charts {
			if err := tx.PutPlot(ctx, j.UserID, j.ID, inferra.PlotData{Name: c.Name, ContentType: c.ContentType, Data: c.Data}); err != nil {
				return err
			}
		}
		if d := out.logged; d != nil {
			if err := tx.LogDecision(ctx, &inferra.DecisionLog{UserID: j.UserID, JobID: j.ID, Prompt: j.Prompt,
				Source: d.Source, Analysis: d.Analysis, Decision: d}); err != nil {
				return err
			}
		}
		return also(tx)
	})
}

// work runs a queued job for River: claim it (queued or running → running,
// one attempt more), execute, and finish it together with River's
// completion. A job that has ended (canceled, or finished by an earlier
// attempt) or was deleted completes at once. Only infrastructure failures
// return an error, so that River tries again; analysis failures are the
// job's result.
func (s *Service) work(ctx context.Context, rj *river.Job[analysisArgs]) error {
	a := rj.Args
	last := rj.Attempt >= s.cfg.MaxAttempts
	// Never beside an earlier attempt of the same job in this process.
	ctx, at, err := s.exclusive(ctx, a.JobID)
	if err != nil {
		// The earlier attempt is still inside a step it cannot leave:
		// try again later, without counting an attempt.
		return river.JobSnooze(s.cfg.PollInterval)
	}
	defer s.release(a.JobID, at)
	var j *inferra.Job
	err = s.st.InTx(ctx, func(tx inferra.JobTx) error {
		var err error
		j, err = tx.GetJob(ctx, a.UserID, a.JobID)
		if inferra.ErrorCode(err) == inferra.ENotFound {
			j = nil
			return nil
		}
		if err != nil || j.Status.Terminal() {
			return err
		}
		now := store.Normalize(s.cfg.Now())
		j.Status, j.Progress, j.StartedAt, j.QueueID = inferra.JobRunning, inferra.StageLoading, &now, rj.ID
		j.Attempt++
		return tx.UpdateJob(ctx, j, inferra.JobRunning.From()...)
	})
	if errors.Is(err, inferra.ErrConflict) || (err == nil && (j == nil || j.Status.Terminal())) {
		return nil
	}
	if err != nil {
		return s.giveUp(ctx, j, fmt.Errorf("jobs: claiming job %s: %w", a.JobID, err), last)
	}
	go s.watch(ctx, at, j.UserID, j.ID, j.Attempt)
	out, err := s.safeExecute(ctx, j, nil, a.DecisionOnly)
	if at.abandoned() {
		return nil // canceled, deleted or taken over meanwhile: nothing to write
	}
	if err != nil {
		return s.giveUp(ctx, j, fmt.Errorf("jobs: job %s: %w", a.JobID, err), last)
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err = s.finish(fctx, out, func(tx inferra.JobTx) error { return s.q.completeTx(fctx, tx, rj) })
	if errors.Is(err, inferra.ErrConflict) {
		// Canceled, or finished by another attempt, meanwhile: this
		// result is dropped and River completes the entry.
		return nil
	}
	if err != nil {
		return s.giveUp(ctx, j, err, last)
	}
	return nil
}

// giveUp decides what an infrastructure failure means for a queued job:
// a transient one is returned as is, so that River tries again (with
// retryPolicy's backoff), unless this was the last attempt; a permanent
// one, or a transient one on the last attempt, fails the job with an
// internal error, if it can still be recorded, and stops River's retries,
// so that no job is left running once River stops trying.
func (s *Service) giveUp(ctx context.Context, j *inferra.Job, err error, last bool) error {
	if s.q.transient(err) && !last {
		return err
	}
	if j == nil {
		return river.JobCancel(err)
	}
	s.cfg.Logger.Error("jobs: permanent failure", "job", j.ID, "err", err)
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now := store.Normalize(s.cfg.Now())
	j.Status, j.Progress, j.FinishedAt, j.Result = inferra.JobFailed, "", &now, nil
	j.Error = inferra.Errorf(inferra.EInternal, "An internal error occurred.")
	if uerr := s.st.UpdateJob(fctx, j, inferra.JobRunning); uerr != nil && !errors.Is(uerr, inferra.ErrConflict) {
		s.cfg.Logger.Error("jobs: recording the failure", "job", j.ID, "err", uerr)
	}
	return river.JobCancel(err)
}
