package inferra

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// JobStore keeps jobs, their plots, uploaded datasets and the decision and
// LLM call logs. Every method is scoped by a user id: a row of another
// user is as absent as a row that never existed. store/sqlite and
// store/postgres implement it, and store/storetest checks both.
type JobStore interface {
	JobTx
	// InTx runs fn in one transaction: it commits when fn returns nil and
	// rolls back otherwise. Transient failures (a reset connection, a
	// serialization failure) run fn again, so fn must be safe to repeat.
	InTx(ctx context.Context, fn func(tx JobTx) error) error
	// Migrate brings the schema up to date; it is idempotent.
	Migrate(ctx context.Context) error
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// CountJobs counts the stored jobs of every user by state, for
	// operators' metrics.
	CountJobs(ctx context.Context) (map[JobState]int64, error)
	// Close releases the store's connections.
	Close() error
}

// ErrConflict is returned (wrapped) by JobTx.UpdateJob when the job is not
// in one of the states the update moves from: another process finished or
// canceled it first.
var ErrConflict = errors.New("the job changed state meanwhile")

// JobTx is what can be done with a store, inside a transaction or not.
type JobTx interface {
	// CreateJob inserts a new job; j.ID, j.UserID and j.Status are
	// required and CreatedAt defaults to now.
	CreateJob(ctx context.Context, j *Job) error
	// GetJob returns a job with the names and content types of its plots,
	// or an ENotFound error.
	GetJob(ctx context.Context, userID, id string) (*Job, error)
	// ListJobs returns a page of a user's jobs, newest first, and the
	// cursor of the next page ("" after the last).
	ListJobs(ctx context.Context, userID string, f JobFilter) ([]*Job, string, error)
	// UpdateJob writes every mutable field of j (status, progress,
	// decision, result, report, provenance, error, dataset reference,
	// attempt, queue id, started and finished times) if the stored job is
	// in one of the states from; otherwise it returns ErrConflict (or an
	// ENotFound error for no such job).
	UpdateJob(ctx context.Context, j *Job, from ...JobState) error
	// CountActiveJobs counts a user's jobs that have not finished (queued
	// or running), for the cap on them. Inside a transaction it also
	// orders the transaction after any other of the same user's that
	// counted (SQLite: the write lock; PostgreSQL: a transaction-level
	// advisory lock on the user), so that counting, then creating a job
	// holds the cap across processes.
	CountActiveJobs(ctx context.Context, userID string) (int, error)
	// SetProgress records the progress stage of a running job; it does
	// nothing to a job in any other state.
	SetProgress(ctx context.Context, userID, id, stage string) error
	// DeleteJob deletes a job and its plots, or returns an ENotFound error.
	DeleteJob(ctx context.Context, userID, id string) error
	// PutPlot stores (or replaces) a chart of a job.
	PutPlot(ctx context.Context, userID, jobID string, p PlotData) error
	// GetPlot returns a chart of a job, or an ENotFound error.
	GetPlot(ctx context.Context, userID, jobID, name string) (*PlotData, error)
	// PutDataset stores a dataset. A dataset with the same SHA-256 already
	// stored for the user is kept instead, and d's ID and CreatedAt are set
	// to the stored one's.
	PutDataset(ctx context.Context, d *StoredDataset) error
	// GetDataset returns a dataset, with its content only if withContent,
	// or an ENotFound error.
	GetDataset(ctx context.Context, userID, id string, withContent bool) (*StoredDataset, error)
	// LogDecision appends to the decision log.
	LogDecision(ctx context.Context, l *DecisionLog) error
	// LogLLMCall appends to the LLM call log.
	LogLLMCall(ctx context.Context, l *LLMCallLog) error
	// DecisionLogs returns the decision log entries of a job, oldest first;
	// with jobID "", the user's decisions made without a job (POST
	// /api/decide).
	DecisionLogs(ctx context.Context, userID, jobID string) ([]*DecisionLog, error)
}

// JobFilter selects jobs for JobTx.ListJobs. The zero value selects every
// job, 50 at a time.
type JobFilter struct {
	// Status keeps the jobs in these states; empty keeps all.
	Status []JobState
	// Since and Until keep jobs created at or after Since and before
	// Until; a zero time is no bound.
	Since, Until time.Time
	// Limit is the page size. Defaults to 50; at most 500.
	Limit int
	// Cursor is the next-page cursor a previous call returned.
	Cursor string
}

// PlotData is a stored chart.
type PlotData struct {
	Name        string
	ContentType string
	Data        []byte
}

// StoredDataset is an uploaded dataset as the store keeps it.
type StoredDataset struct {
	ID        string
	UserID    string
	Name      string
	SHA256    string
	Size      int64
	Schema    Schema
	Content   []byte
	CreatedAt time.Time
}

// DecisionLog is one decision — by the rules, the LLM fallback or the
// user — with the evidence it rested on.
type DecisionLog struct {
	ID        string
	UserID    string
	JobID     string
	Prompt    string
	Source    string
	Analysis  string
	Decision  *Decision
	CreatedAt time.Time
}

// LLMCallLog is one call to the LLM: which model, how many tokens, how
// long and how it ended.
type LLMCallLog struct {
	ID               string
	UserID           string
	JobID            string
	Model            string
	Endpoint         string
	PromptTokens     int
	CompletionTokens int
	LatencyMS        int64
	Status           string
	Error            string
	Request          json.RawMessage
	Response         json.RawMessage
	CreatedAt        time.Time
}
