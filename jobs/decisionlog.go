package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
)

// decisionBatch bounds one write of the decision log, and decisionLinger
// how long a first entry waits for others to share its transaction.
const (
	decisionBatch  = 256
	decisionLinger = 20 * time.Millisecond
	decisionQueue  = 4096
)

// decisionLog writes decisions made without a job (POST /api/decide) in
// batches, one transaction per batch, so that logging every decision
// costs a fraction of a write per request. Entries are never dropped: a
// full queue makes LogDecision wait.
type decisionLog struct {
	s    *Service
	in   chan *inferra.DecisionLog
	done chan struct{}

	mu     sync.RWMutex // held to send on in; held exclusively to close it
	closed bool
}

func newDecisionLog(s *Service) *decisionLog {
	l := &decisionLog{s: s, in: make(chan *inferra.DecisionLog, decisionQueue), done: make(chan struct{})}
	go l.run()
	return l
}

func (l *decisionLog) run() {
	defer close(l.done)
	for first := range l.in {
		batch := []*inferra.DecisionLog{first}
		timer := time.NewTimer(decisionLinger)
	fill:
		for len(batch) < decisionBatch {
			select {
			case e, ok := <-l.in:
				if !ok {
					break fill
				}
				batch = append(batch, e)
			case <-timer.C:
				break fill
			}
		}
		timer.Stop()
		l.write(batch)
	}
}

func (l *decisionLog) write(batch []*inferra.DecisionLog) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := l.s.st.InTx(ctx, func(tx inferra.JobTx) error {
		for _, e := range batch {
			if err := tx.LogDecision(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		return
	}
	if len(batch) > 1 && inferra.ErrorCode(err) != inferra.EUnavailable {
		// One entry the store refuses must not take the others with it:
		// write them one by one. (When the database is down, they would
		// all fail again, slowly.)
		for _, e := range batch {
			if err := l.s.st.LogDecision(ctx, e); err != nil {
				l.s.lostDecisions(1, err)
			}
		}
		return
	}
	l.s.lostDecisions(len(batch), err)
}

// lostDecisions records that n decision log entries could not be written:
// an ERROR line, and the count DecisionLogErrors reports (exported by
// `inferra serve` as inferra_decision_log_errors_total).
func (s *Service) lostDecisions(n int, err error) {
	s.decisionErrors.Add(int64(n))
	s.cfg.Logger.Error("jobs: decision log entries could not be written", "entries", n, "err", err)
}

// DecisionLogErrors counts the decision log entries (of LogDecision) that
// could not be written since the service started.
func (s *Service) DecisionLogErrors() int64 { return s.decisionErrors.Load() }

// close writes what is queued and stops.
func (l *decisionLog) close(ctx context.Context) error {
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		close(l.in)
	}
	l.mu.Unlock()
	select {
	case <-l.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// LogDecision records a decision made without a job, such as the answer to
// POST /api/decide, in decision_logs with its evidence. It returns once
// the entry is queued; entries are written in batches shortly after (and
// all of them by Stop).
func (s *Service) LogDecision(ctx context.Context, userID, prompt string, d *inferra.Decision) error {
	if d == nil {
		return nil
	}
	if err := store.CheckText("prompt", prompt); err != nil {
		return err
	}
	source := d.Source
	if source == "" {
		source = inferra.SourceRules
	}
	e := &inferra.DecisionLog{UserID: userID, Prompt: prompt, Source: source, Analysis: d.Analysis, Decision: d,
		CreatedAt: s.cfg.Now()}
	return s.decisions.send(ctx, e)
}

// send queues e, or writes it at once after close.
func (l *decisionLog) send(ctx context.Context, e *inferra.DecisionLog) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		err := l.s.st.LogDecision(ctx, e)
		if err != nil {
			l.s.lostDecisions(1, err)
		}
		return err
	}
	select {
	case l.in <- e:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
