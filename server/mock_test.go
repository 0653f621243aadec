package server

import (
	"context"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
)

// mockJobs is a JobService for tests: each method calls its function field
// when set and the embedded service otherwise (a nil one panics), so a
// test states only the behaviour it needs.
type mockJobs struct {
	JobService
	ListFn   func(ctx context.Context, userID string, f jobs.ListFilter) ([]*inferra.Job, string, error)
	CancelFn func(ctx context.Context, userID, id string) (*inferra.Job, error)
}

func (m *mockJobs) List(ctx context.Context, userID string, f jobs.ListFilter) ([]*inferra.Job, string, error) {
	if m.ListFn != nil {
		return m.ListFn(ctx, userID, f)
	}
	return m.JobService.List(ctx, userID, f)
}

func (m *mockJobs) Cancel(ctx context.Context, userID, id string) (*inferra.Job, error) {
	if m.CancelFn != nil {
		return m.CancelFn(ctx, userID, id)
	}
	return m.JobService.Cancel(ctx, userID, id)
}
