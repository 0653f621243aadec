package jobs_test

import (
	"errors"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
)

// wantQueueFull checks that err is the refusal of a submit over the cap.
func wantQueueFull(t *testing.T, what string, err error, limit int) {
	t.Helper()
	var e *inferra.Error
	if !errors.As(err, &e) || e.Code != inferra.ERateLimited || e.Details["limit"] != limit || e.Details["active"] != limit ||
		e.Details["retry_after_seconds"] == nil {
		t.Fatalf("%s: %v, want rate_limited with limit and active %d and a retry_after_seconds", what, err, limit)
	}
}

// TestQueuedPerUserCap fills one user's queue through two API processes on
// one database (the count is the store's, not a process's) and checks that
// the next submit is refused, sync or async, through either process; that
// other users are unaffected; that a job leaving the queue frees a place;
// and that a negative cap turns the cap off. One user once queued 10,316
// jobs in 20 s with nothing to stop them.
func TestQueuedPerUserCap(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		const limit = 3
		a := newService(t, b, jobs.Config{Role: jobs.RoleAPI, MaxQueuedPerUser: limit, SyncWait: 50 * time.Millisecond})
		other := newService(t, b, jobs.Config{Role: jobs.RoleAPI, MaxQueuedPerUser: limit, SyncWait: 50 * time.Millisecond})
		var queued []*inferra.Job
		for i, svc := range []*jobs.Service{a, a, other} {
			j, err := svc.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
			if err != nil {
				t.Fatalf("submit %d of %d: %v", i+1, limit, err)
			}
			queued = append(queued, j)
		}
		for name, svc := range map[string]*jobs.Service{"this process": a, "another process": other} {
			for _, mode := range []string{jobs.ModeAsync, jobs.ModeSync} {
				_, err := svc.Submit(ctx, chartRequest("alice", mode))
				wantQueueFull(t, mode+" submit over the cap through "+name, err, limit)
			}
		}
		if _, err := other.Submit(ctx, chartRequest("bob", jobs.ModeAsync)); err != nil {
			t.Errorf("another user's submit: %v, want it queued", err)
		}
		// The refused submits stored nothing.
		if list, _, err := a.List(ctx, "alice", inferra.JobFilter{}); err != nil || len(list) != limit {
			t.Errorf("alice has %d jobs (%v), want the %d accepted", len(list), err, limit)
		}
		if _, err := a.Cancel(ctx, "alice", queued[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := other.Submit(ctx, chartRequest("alice", jobs.ModeAsync)); err != nil {
			t.Errorf("a submit after a job left the queue: %v, want it queued", err)
		}
		unlimited := newService(t, b, jobs.Config{Role: jobs.RoleAPI, MaxQueuedPerUser: -1})
		if _, err := unlimited.Submit(ctx, chartRequest("alice", jobs.ModeAsync)); err != nil {
			t.Errorf("a submit with the cap off: %v", err)
		}
		if got := a.Config().MaxQueuedPerUser; got != limit {
			t.Errorf("Config().MaxQueuedPerUser = %d, want %d", got, limit)
		}
	})
}

// TestQueuedPerUserCapCountsRunningJobs checks a process that runs its
// jobs: a running job counts, and a sync submit run in-process is refused
// like a queued one.
func TestQueuedPerUserCapCountsRunningJobs(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		started := make(chan string, 1)
		svc := newService(t, b, jobs.Config{MaxQueuedPerUser: 1, JobTimeout: time.Minute, Charts: blockingChart(started)})
		j, err := svc.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-started:
		case <-time.After(30 * time.Second):
			t.Fatal("the job did not start")
		}
		_, err = svc.Submit(ctx, chartRequest("alice", jobs.ModeSync))
		wantQueueFull(t, "a sync submit while a job runs", err, 1)
		if _, err := svc.Cancel(ctx, "alice", j.ID); err != nil {
			t.Fatal(err)
		}
		if j = waitFor(t, svc, "alice", j.ID, 30*time.Second); !j.Status.Terminal() {
			t.Fatalf("the canceled job is %s", j.Status)
		}
		if n := jobs.DefaultMaxQueuedPerUser; n != 100 {
			t.Errorf("DefaultMaxQueuedPerUser = %d, want the documented 100", n)
		}
	})
}
