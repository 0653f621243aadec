package inferra

import (
	"context"
	"encoding/json"
	"time"
)

// Decision sources.
const (
	// SourceUser means the caller named the analysis explicitly.
	SourceUser = "user"
	// SourceRules means the deterministic rule engine chose it.
	SourceRules = "rules"
	// SourceLLM means the LLM fallback planner chose it from the allow-list.
	SourceLLM = "llm"
)

// Decision is which analysis to run on which columns, and why.
type Decision struct {
	Analysis     string            `json:"analysis"`
	RuleID       string            `json:"rule_id"`
	Library      string            `json:"library"`
	Function     string            `json:"function"`
	Params       map[string]string `json:"params"`
	Confidence   float64           `json:"confidence"`
	Source       string            `json:"source"`
	Explanation  string            `json:"explanation"`
	Evidence     []string          `json:"evidence"`
	RulesVersion string            `json:"rules_version"`
	Candidates   []Candidate       `json:"candidates"`
	Question     string            `json:"question"`
	// Applicable lists every allow-listed analysis that answers the
	// question on this data — the decided one and those of its family
	// whose conditions hold (normality, expected counts, table shape,
	// sample sizes) — each with the checks that decided it. It needs the
	// data, so the rule engine leaves it empty; package applicable fills
	// it in.
	Applicable []Applicable `json:"applicable,omitempty"`
}

// Applicable is one analysis that answers a decision's question on the
// data at hand, and why: a Bartlett test of equal variances applies only
// to normal samples, a chi-square test only when few expected counts are
// small, Fisher's exact test only to a 2×2 table.
type Applicable struct {
	// Analysis is the analysis id and Params its parameters, ready for
	// stats.Run.
	Analysis string            `json:"analysis"`
	Params   map[string]string `json:"params"`
	// Reason says in plain words why the analysis applies.
	Reason string `json:"reason"`
	// Checks are the checks on the data that decided it, such as
	// "`Salary` is not normal (Anderson–Darling A² = 3.2 > 0.786, the 5%
	// critical value)" or "2×2 table, no expected count below 5".
	Checks []string `json:"checks,omitempty"`
}

// Candidate is an analysis the rule engine considered but could not choose
// with confidence; a no_decision job lists them.
type Candidate struct {
	Analysis string            `json:"analysis"`
	Params   map[string]string `json:"params,omitempty"`
	Score    float64           `json:"score"`
	Reason   string            `json:"reason,omitempty"`
}

// Result is what an Analyzer returns: the statistics (marshalled as the job
// document's "result"), a plain-language report built from the numbers, and
// how many rows the analysis used and dropped.
type Result struct {
	// Analysis is the analysis id that produced the result.
	Analysis string
	// Stats is the analysis-specific result, a JSON-marshallable struct
	// whose fields are listed in docs/RESULTS.md.
	Stats any
	// Report is one or two plain sentences, APA style where it applies.
	Report string
	// RowsUsed and RowsDropped count rows after listwise deletion of
	// missing values over the columns the analysis uses.
	RowsUsed, RowsDropped int
}

// Analyzer runs a decided analysis on a dataset. The stats package
// implements it.
type Analyzer interface {
	Analyze(ctx context.Context, ds *Dataset, d *Decision) (*Result, error)
}

// JobState is the lifecycle state of a job.
type JobState string

// The job states.
const (
	JobQueued     JobState = "queued"
	JobRunning    JobState = "running"
	JobSucceeded  JobState = "succeeded"
	JobFailed     JobState = "failed"
	JobCanceled   JobState = "canceled"
	JobNoDecision JobState = "no_decision"
)

// DatasetRef identifies the dataset a job ran on.
type DatasetRef struct {
	ID      string `json:"id,omitempty"`
	Name    string `json:"name,omitempty"`
	SHA256  string `json:"sha256"`
	Rows    int    `json:"rows"`
	Columns int    `json:"columns"`
}

// Plot is a chart attached to a job.
type Plot struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	URL         string `json:"url,omitempty"`
	Path        string `json:"path,omitempty"`
}

// Provenance records how a result was produced, so it can be reproduced.
type Provenance struct {
	InferraVersion string    `json:"inferra_version"`
	GoVersion      string    `json:"go_version"`
	RulesVersion   string    `json:"rules_version"`
	DatasetSHA256  string    `json:"dataset_sha256"`
	RowsUsed       int       `json:"rows_used"`
	RowsDropped    int       `json:"rows_dropped"`
	Seed           int64     `json:"seed"`
	StartedAt      time.Time `json:"started_at"`
	DurationMS     int64     `json:"duration_ms"`
}

// Job is the job document shared by the command line, the HTTP API and the
// stores.
type Job struct {
	ID     string   `json:"job_id"`
	Status JobState `json:"status"`
	// Progress is the stage of a running job (see the Stage… constants),
	// for polling clients to show; empty otherwise.
	Progress string `json:"progress,omitempty"`
	// UserID owns the job; every store read and write is scoped by it.
	UserID   string          `json:"user_id,omitempty"`
	Prompt   string          `json:"prompt"`
	Dataset  DatasetRef      `json:"dataset"`
	Decision *Decision       `json:"decision"`
	Result   json.RawMessage `json:"result"`
	Report   string          `json:"report"`
	// Summary is the result in plain words (package explain's Summary:
	// a labelled table, a "what this means" sentence, the rows left out,
	// the assumption checks), built from the numbers for a succeeded job
	// when the document is served (jobs.AddSummary); it is not stored.
	Summary    json.RawMessage `json:"summary,omitempty"`
	Plots      []Plot          `json:"plots"`
	Provenance *Provenance     `json:"provenance"`
	Error      *Error          `json:"error"`
	CreatedAt  time.Time       `json:"created_at"`
	FinishedAt *time.Time      `json:"finished_at"`
	// StartedAt is when the current (or last) attempt began running.
	StartedAt *time.Time `json:"started_at,omitempty"`
	// Attempt counts the times the job began running: more than 1 means a
	// worker was lost (or a transient failure retried) and another took
	// the job over.
	Attempt int `json:"attempt,omitempty"`
	// QueueID is the id of the queue entry (a River job) that executes the
	// job, or 0. It is internal to the job service.
	QueueID int64 `json:"-"`
}

// The progress stages of a running job, in order.
const (
	StageLoading   = "loading"
	StageDeciding  = "deciding"
	StageAnalysing = "analysing"
	StagePlotting  = "plotting"
	StageSaving    = "saving"
)
