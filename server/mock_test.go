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

// mockSubmitGet is a JobService whose Submit and Get pass each job through
// Edit: a test changes the documents the UI receives.
type mockSubmitGet struct {
	JobService
	Edit func(*inferra.Job)
}

func (m *mockSubmitGet) Submit(ctx context.Context, req jobs.SubmitRequest) (*inferra.Job, error) {
	j, err := m.JobService.Submit(ctx, req)
	if err == nil {
		m.Edit(j)
	}
	return j, err
}

func (m *mockSubmitGet) Get(ctx context.Context, userID, id string) (*inferra.Job, error) {
	j, err := m.JobService.Get(ctx, userID, id)
	if err == nil {
		m.Edit(j)
	}
	return j, err
}
