package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
)

// Reconcile ends the jobs that nothing will run any more: those left
// queued or running although their queue entry was discarded (its last
// attempt died: the process was killed, or a worker hung past the rescue
// delay once too often), canceled, completed, or is gone. Such a job fails
// with inferra.EInternal, or is canceled (inferra.ECanceled) when its
// entry was canceled. It returns how many jobs it ended. Start calls it
// once, and then every Config.ReconcileEvery; several processes may run it
// at once (a job ends once).
func (s *Service) Reconcile(ctx context.Context) (int, error) {
	list, err := s.q.orphans(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, o := range list {
		j, err := s.st.GetJob(ctx, o.userID, o.id)
		if inferra.ErrorCode(err) == inferra.ENotFound {
			continue
		}
		if err != nil {
			return n, err
		}
		if j.Status.Terminal() {
			continue
		}
		now := store.Normalize(s.cfg.Now())
		j.Progress, j.FinishedAt, j.Result = "", &now, nil
		switch o.state {
		case "cancelled":
			j.Status = inferra.JobCanceled
			j.Error = inferra.Errorf(inferra.ECanceled, "the job was canceled before it finished")
		default:
			j.Status = inferra.JobFailed
			j.Error = inferra.Errorf(inferra.EInternal, "the job stopped without a result: its worker was lost or its attempts ran out")
		}
		err = s.st.UpdateJob(ctx, j, inferra.JobQueued, inferra.JobRunning)
		if errors.Is(err, inferra.ErrConflict) || inferra.ErrorCode(err) == inferra.ENotFound {
			continue // it ended or went meanwhile
		}
		if err != nil {
			return n, err
		}
		s.cfg.Logger.Warn("jobs: ended a job its queue entry no longer runs", "job", j.ID, "queue_state", o.state, "status", j.Status)
		s.stopExecution(ctx, j.ID, 0)
		n++
	}
	return n, nil
}

// reconcileLoop runs Reconcile every ReconcileEvery until ctx ends, then
// closes done.
func (s *Service) reconcileLoop(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(s.cfg.ReconcileEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := s.Reconcile(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("jobs: reconciling jobs", "err", err)
		}
	}
}
