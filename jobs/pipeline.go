package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/applicable"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/stats"
	"github.com/inferra/inferra/store"
)

// Pipeline is the one run of a job, which the job service's workers and
// sync requests, `inferra analyze` and `inferra decide`, and POST
// /api/decide all go through: decide (unless the job carries a decision),
// check the decision against the data, run the analysis or draw the
// chart, draw the companion chart, and seal the job with its result,
// report and provenance. Loading the dataset is the caller's: a file, an
// upload, the store.
type Pipeline struct {
	// Engine decides a job that has no decision. Required for such jobs.
	Engine *decision.Engine
	// Charts draws the chart of a chart analysis and the companion of a
	// test (DrawCharts for the product). Nil: chart analyses fail with
	// EUnsupported and tests have no companion.
	Charts func(ctx context.Context, ds *inferra.Dataset, analysis string, params map[string]string) ([]Chart, error)
	// MaxDesignCells bounds an OLS model matrix (stats.Options).
	MaxDesignCells int
	// Version is the version recorded in the provenance.
	Version string
	// JobTimeout is named in the error of a job whose context's deadline
	// ended it.
	JobTimeout time.Duration
	// Now returns the current time. Defaults to time.Now.
	Now func() time.Time
	// Logger receives the charts that could not be drawn and internal
	// errors. Defaults to discarding them.
	Logger *slog.Logger
	// Progress, when set, is told each stage a running job reaches.
	Progress func(j *inferra.Job, stage string)
}

// GivenDecision returns the decision of an analysis the caller names
// instead of a prompt (source user, confidence 1), with its library and
// function when the analysis is known; evidence says how it was named,
// such as "--analysis ttest_ind".
func GivenDecision(analysis string, params map[string]string, evidence string) *inferra.Decision {
	d := &inferra.Decision{
		Analysis: analysis, Params: params, Confidence: 1, Source: inferra.SourceUser,
		Explanation: "The analysis was given explicitly.", Evidence: []string{evidence},
		Candidates: []inferra.Candidate{},
	}
	if a, ok := decision.LookupAnalysis(analysis); ok {
		d.Library, d.Function = a.Library, a.Function
	}
	return d
}

// UnknownAnalysis is the EUnsupported error of an analysis id the
// pipeline does not know, naming the closest one and all of them.
func UnknownAnalysis(id string) *inferra.Error {
	known := []string{}
	for _, a := range decision.Analyses() {
		known = append(known, a.ID)
	}
	msg := fmt.Sprintf("unknown analysis %q; the analyses are %s", id, strings.Join(known, ", "))
	if close := inferra.ClosestNames(id, known, 1); len(close) > 0 {
		msg = fmt.Sprintf("unknown analysis %q; did you mean %q? The analyses are %s", id, close[0], strings.Join(known, ", "))
	}
	return inferra.Errorf(inferra.EUnsupported, "%s", msg).WithDetail("analysis", id).WithDetail("known", known)
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Pipeline) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (p *Pipeline) progress(j *inferra.Job, stage string) {
	j.Progress = stage
	if p.Progress != nil {
		p.Progress(j, stage)
	}
}

// Run runs job j, running (its StartedAt set), on ds, which the caller
// loaded: decide unless j has a decision, and unless decisionOnly run
// the analysis (or draw the chart) and its companion chart. It always
// ends the job: succeeded, no_decision, failed (a timeout: code timeout)
// or canceled, sealed with its provenance. It returns the charts drawn,
// whose plot entries are in j.Plots.
func (p *Pipeline) Run(ctx context.Context, j *inferra.Job, ds *inferra.Dataset, decisionOnly bool) []Chart {
	start := time.Now()
	j.Dataset.SHA256, j.Dataset.Rows, j.Dataset.Columns = ds.SHA256, ds.Rows(), ds.SourceColumns
	j.Provenance = &inferra.Provenance{DatasetSHA256: ds.SHA256}
	if j.Decision == nil {
		p.progress(j, inferra.StageDeciding)
		d, err := p.Engine.Decide(ctx, j.Prompt, ds.Schema())
		if err != nil {
			p.Fail(j, err, start)
			return nil
		}
		// The checks on the data: the analyses of the decided one's
		// family that apply, and a decided one that does not replaced.
		applicable.Apply(ctx, ds, d)
		j.Decision = d
	}
	j.Provenance.RulesVersion = j.Decision.RulesVersion
	if decision.IsNoDecision(j.Decision) || decisionOnly {
		p.decided(j, start)
		return nil
	}
	charts, err := p.analyse(ctx, j, ds)
	if err != nil {
		p.Fail(j, err, start)
		return nil
	}
	p.progress(j, inferra.StageSaving)
	p.Seal(j, start)
	return charts
}

// Decide ends job j, running, with the decision for its prompt on a
// dataset of the given schema, and runs nothing: succeeded or
// no_decision, sealed. It is Run with decisionOnly for a caller that
// has only the schema (an uploaded dataset's, remembered).
func (p *Pipeline) Decide(ctx context.Context, j *inferra.Job, schema inferra.Schema) {
	start := time.Now()
	d, err := p.Engine.Decide(ctx, j.Prompt, schema)
	if err != nil {
		p.Fail(j, err, start)
		return
	}
	j.Decision = d
	if j.Provenance == nil {
		j.Provenance = &inferra.Provenance{DatasetSHA256: j.Dataset.SHA256}
	}
	j.Provenance.RulesVersion = d.RulesVersion
	p.decided(j, start)
}

// decided ends a job whose decision is its result.
func (p *Pipeline) decided(j *inferra.Job, start time.Time) {
	j.Status = inferra.JobSucceeded
	if decision.IsNoDecision(j.Decision) {
		j.Status = inferra.JobNoDecision
	}
	p.Seal(j, start)
}

// analyse runs j's decision on ds and fills the result, report and plots.
func (p *Pipeline) analyse(ctx context.Context, j *inferra.Job, ds *inferra.Dataset) ([]Chart, error) {
	d := j.Decision
	a, ok := decision.LookupAnalysis(d.Analysis)
	if !ok {
		return nil, UnknownAnalysis(d.Analysis)
	}
	if a.Library == "plots" {
		p.progress(j, inferra.StagePlotting)
		if p.Charts == nil {
			return nil, inferra.Errorf(inferra.EUnsupported, "charts are not enabled on this server").WithDetail("analysis", d.Analysis)
		}
		charts, err := p.Charts(ctx, ds, d.Analysis, d.Params)
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return nil, err
		}
		addPlots(j, charts)
		if len(charts) > 0 && charts[0].Stats != nil {
			raw, err := json.Marshal(charts[0].Stats)
			if err != nil {
				return nil, fmt.Errorf("encoding the chart's result: %w", err)
			}
			j.Result, j.Report = raw, charts[0].Report
			j.Provenance.RowsUsed, j.Provenance.RowsDropped = charts[0].RowsUsed, charts[0].RowsDropped
		}
		j.Status = inferra.JobSucceeded
		return charts, nil
	}

	p.progress(j, inferra.StageAnalysing)
	res, err := stats.RunWith(ctx, ds, d.Analysis, d.Params, stats.Options{MaxDesignCells: p.MaxDesignCells})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(res.Stats)
	if err != nil {
		return nil, fmt.Errorf("encoding the result: %w", err)
	}
	j.Status, j.Result, j.Report = inferra.JobSucceeded, raw, res.Report
	j.Provenance.RowsUsed, j.Provenance.RowsDropped = res.RowsUsed, res.RowsDropped
	if p.Charts == nil {
		return nil, nil
	}
	// The picture beside the numbers; the numbers stand without it.
	p.progress(j, inferra.StagePlotting)
	charts, err := p.Charts(ctx, ds, d.Analysis, d.Params)
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		p.logger().Warn("jobs: the companion chart could not be drawn", "job", j.ID, "analysis", d.Analysis, "err", err)
		return nil, nil
	}
	addPlots(j, charts)
	return charts, nil
}

// addPlots lists charts among j's plots.
func addPlots(j *inferra.Job, charts []Chart) {
	for _, c := range charts {
		j.Plots = append(j.Plots, inferra.Plot{Name: c.Name, ContentType: c.ContentType})
	}
}

// Fail ends job j with err: failed with code timeout when its context's
// deadline passed, canceled when it was canceled, failed with err's code
// otherwise (an internal error is logged); then seals it. start is when
// this run of the job began.
func (p *Pipeline) Fail(j *inferra.Job, err error, start time.Time) {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		j.Status = inferra.JobFailed
		j.Error = inferra.Errorf(inferra.ETimeout, "the analysis did not finish within the job timeout of %v", p.JobTimeout)
	case errors.Is(err, context.Canceled):
		j.Status = inferra.JobCanceled
		j.Error = inferra.Errorf(inferra.ECanceled, "the job was canceled before it finished")
	default:
		j.Status = inferra.JobFailed
		j.Error = inferra.AsError(err)
		if j.Error.Code == inferra.EInternal {
			p.logger().Error("jobs: internal error", "job", j.ID, "err", err)
		}
	}
	j.Result = nil
	p.Seal(j, start)
}

// Seal completes a finished job's times and provenance; start is when
// this run of the job began.
func (p *Pipeline) Seal(j *inferra.Job, start time.Time) {
	end := store.Normalize(p.now())
	j.FinishedAt = &end
	j.Progress = ""
	if j.Provenance == nil {
		j.Provenance = &inferra.Provenance{}
	}
	pv := j.Provenance
	pv.InferraVersion, pv.GoVersion = p.Version, runtime.Version()
	if j.StartedAt != nil {
		pv.StartedAt = *j.StartedAt
	}
	pv.DurationMS = time.Since(start).Milliseconds()
}
