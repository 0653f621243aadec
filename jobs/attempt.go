package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/inferra/inferra"
)

// An attempt is one execution of a job running in this process. The
// service keeps at most one per job: a new attempt of a job (River's rescue
// of a job it thinks stuck, or a sync job's safety net) waits until the
// earlier one has returned, so that two executions of one job never
// compute side by side in one process. Its context ends when the job's
// timeout passes, when the job is canceled or deleted (here or, as its
// watcher sees, in another process), or when another process has taken
// the job over; the computation checks that context and stops.
type attempt struct {
	cancel context.CancelCauseFunc
	ctx    context.Context
	done   chan struct{} // closed when the attempt has returned
}

// The causes with which an attempt's context is canceled.
var (
	// errJobEnded: the job was canceled or deleted, or has ended
	// otherwise; its row is no longer running.
	errJobEnded = errors.New("jobs: the job has ended")
	// errSuperseded: a later attempt, in another process, has claimed the
	// job; this attempt must not write it.
	errSuperseded = errors.New("jobs: a later attempt took the job over")
)

// abandoned reports whether the attempt was stopped because the job is no
// longer its to write: ended (canceled, deleted) or taken over by a later
// attempt. Its outcome is then dropped.
func (a *attempt) abandoned() bool {
	c := context.Cause(a.ctx)
	return errors.Is(c, errSuperseded) || errors.Is(c, errJobEnded)
}

// exclusive registers a new attempt of job id under ctx and returns its
// context. While an earlier attempt of the job still runs in this process
// (its own timeout or a cancel stops it; it may record the job's end), it
// waits for that one to return; if ctx ends first it returns ctx's error
// and registers nothing. The caller calls release when the attempt
// returns.
func (s *Service) exclusive(ctx context.Context, id string) (context.Context, *attempt, error) {
	for {
		s.mu.Lock()
		old := s.attempts[id]
		if old == nil {
			actx, cancel := context.WithCancelCause(ctx)
			a := &attempt{cancel: cancel, ctx: actx, done: make(chan struct{})}
			s.attempts[id] = a
			s.mu.Unlock()
			return actx, a, nil
		}
		s.mu.Unlock()
		s.cfg.Logger.Info("jobs: a new attempt waits for the previous one of the same job to return", "job", id)
		select {
		case <-old.done:
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
	}
}

// release unregisters attempt a of job id once it has returned.
func (s *Service) release(id string, a *attempt) {
	s.mu.Lock()
	if s.attempts[id] == a {
		delete(s.attempts, id)
	}
	s.mu.Unlock()
	a.cancel(nil)
	close(a.done)
}

// watch re-reads a running job every PollInterval until ctx ends, and
// cancels attempt a (number n of the job) when the job has ended or gone —
// canceled or deleted through another process, whose cancel cannot reach
// this one otherwise — or when a later attempt has claimed it.
func (s *Service) watch(ctx context.Context, a *attempt, userID, id string, n int) {
	t := time.NewTicker(s.cfg.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		j, err := s.st.GetJob(ctx, userID, id)
		switch {
		case inferra.ErrorCode(err) == inferra.ENotFound:
			a.cancel(errJobEnded)
			return
		case err != nil:
			continue // the store is busy or away: look again later
		case j.Status.Terminal():
			a.cancel(errJobEnded)
			return
		case j.Attempt > n:
			a.cancel(errSuperseded)
			return
		}
	}
}
