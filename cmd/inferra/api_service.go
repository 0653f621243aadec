package main

import (
	"context"
	"net/http"
	"time"

	"github.com/inferra/inferra"
)

// This file declares what the HTTP server needs from the rest of the
// product, as small consumer-side interfaces: the job service (package
// jobs), request authentication and per-user rate limiting (internal/auth,
// internal/ratelimit). serve_adapter.go wires the real implementations;
// the tests use serve_memory.go and small fakes.

// jobService is the job service as the handlers use it. Every method that
// takes a user id must treat another user's job or dataset as absent
// (an *inferra.Error with code ENotFound).
type jobService interface {
	// Submit creates a job. In sync mode it returns the finished job, in
	// async mode the queued one.
	Submit(ctx context.Context, req svcSubmit) (*inferra.Job, error)
	// Get returns one of the user's jobs.
	Get(ctx context.Context, userID, id string) (*inferra.Job, error)
	// List returns a page of the user's jobs, newest first, and the
	// cursor of the next page ("" on the last page).
	List(ctx context.Context, userID string, f svcListFilter) ([]*inferra.Job, string, error)
	// Delete removes one of the user's jobs with its plots.
	Delete(ctx context.Context, userID, id string) error
	// Cancel stops one of the user's queued or running jobs and returns it.
	Cancel(ctx context.Context, userID, id string) (*inferra.Job, error)
	// Plot returns the named chart of one of the user's jobs.
	Plot(ctx context.Context, userID, jobID, name string) (contentType string, data []byte, err error)
	// PutDataset stores an uploaded CSV file for the user.
	PutDataset(ctx context.Context, userID, name string, csv []byte) (*svcDataset, error)
	// GetDataset returns the description of one of the user's datasets.
	GetDataset(ctx context.Context, userID, id string) (*svcDataset, error)
	// LogDecision records a decision that /api/decide made without a job
	// (the job document has status succeeded or no_decision and no
	// result), so that decisions stay auditable. It should be cheap: the
	// decide endpoint aims at thousands of requests a second.
	LogDecision(ctx context.Context, userID string, job *inferra.Job) error
	// Health reports the state of the store and the queue.
	Health(ctx context.Context) svcHealth
}

// svcSubmit is jobs.SubmitRequest: what to run, on which data, how.
type svcSubmit struct {
	UserID   string
	Prompt   string
	Analysis string
	Params   map[string]string
	Dataset  svcDatasetInput
	// Mode is "sync" or "async".
	Mode         string
	DecisionOnly bool
	// Decision, when set, is run as given (POST /api/run).
	Decision *inferra.Decision
}

// svcDatasetInput is jobs.DatasetInput: exactly one of CSV, ID and URL.
type svcDatasetInput struct {
	CSV  []byte
	ID   string
	URL  string
	Name string
}

// svcListFilter is jobs.ListFilter.
type svcListFilter struct {
	Status       []inferra.JobState
	Since, Until time.Time
	Limit        int
	Cursor       string
}

// svcDataset is jobs.DatasetInfo: an uploaded dataset.
type svcDataset struct {
	ID        string         `json:"id"`
	Name      string         `json:"name"`
	SHA256    string         `json:"sha256"`
	Size      int64          `json:"size"`
	Schema    inferra.Schema `json:"schema"`
	CreatedAt time.Time      `json:"created_at"`
}

// svcHealth is what the job service reports about its dependencies.
type svcHealth struct {
	StoreOK    bool
	StoreError string
	QueueOK    bool
	QueueError string
	QueueDepth int
	// Role is the process role: all, api or worker.
	Role string
	// JobCounts counts the stored jobs by state, for /metrics; nil when
	// the service does not count them.
	JobCounts map[inferra.JobState]int64
	// DecisionLogErrors counts the decision log entries that could not be
	// written since the start, for /metrics.
	DecisionLogErrors int64
}

// authenticator turns a request's credentials into a user id. An error is
// reported as 401 (its *inferra.Error message, when it has one).
type authenticator interface {
	Authenticate(r *http.Request) (userID string, err error)
}

// limiter is a per-user rate limit: Allow reports whether the user may
// make one more request now and, if not, how long to wait.
type limiter interface {
	Allow(userID string) (ok bool, retryAfter time.Duration)
}

// localUserID is the one user of local mode (no authentication configured).
const localUserID = "local"

// localAuth is the authenticator of local mode: every request is the
// local user.
type localAuth struct{}

// Authenticate implements authenticator.
func (localAuth) Authenticate(*http.Request) (string, error) { return localUserID, nil }

// noLimit is the limiter used when none is configured.
type noLimit struct{}

// Allow implements limiter.
func (noLimit) Allow(string) (bool, time.Duration) { return true, 0 }
