package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/applicable"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
	"github.com/inferra/inferra/stats"
)

// paramFlags collects repeated --param k=v flags.
type paramFlags map[string]string

// String implements flag.Value: the parameters as sorted k=v pairs.
func (p paramFlags) String() string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k+"="+p[k])
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// Set implements flag.Value: it adds one name=value parameter, refusing a
// name given twice.
func (p paramFlags) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return fmt.Errorf("want --param name=value, got %q", s)
	}
	if _, dup := p[k]; dup {
		return fmt.Errorf("parameter %q given twice", k)
	}
	p[k] = v
	return nil
}

func runAnalyze(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inferra analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "dataset `FILE` (CSV, or JSON array of records)")
	prompt := fs.String("prompt", "", "question in plain words: the rule engine decides the analysis")
	analysis := fs.String("analysis", "", "analysis `ID` to run (see 'inferra analyses')")
	out := fs.String("out", "", "`DIR` to write the chart into as NAME.png and NAME.svg (created if missing); a test also draws its companion chart")
	describe := fs.String("describe", "", "column descriptions and level labels, a JSON `FILE` {\"columns\": {\"name\": {\"description\": …, \"levels\": {…}}}}, read by the rule engine")
	params := paramFlags{}
	fs.Var(params, "param", "analysis parameter `name=value` (repeatable)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "inferra analyze: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	case *data == "":
		fmt.Fprintln(stderr, "inferra analyze: --data FILE is required")
		return exitUsage
	case *analysis == "" && *prompt == "":
		fmt.Fprintln(stderr, "inferra analyze: give --analysis ID (with --param name=value) or --prompt TEXT")
		return exitUsage
	case *analysis != "" && *prompt != "":
		fmt.Fprintln(stderr, "inferra analyze: give either --analysis ID or --prompt TEXT, not both")
		return exitUsage
	case *prompt != "" && len(params) > 0:
		fmt.Fprintln(stderr, "inferra analyze: --param goes with --analysis; with --prompt the columns come from the question")
		return exitUsage
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fmt.Fprintf(stderr, "inferra analyze: %v\n", err)
			return exitUsage
		}
	}

	job := analyze(ctx, *data, *describe, *prompt, *analysis, params, false, *out)
	return printJob(job, stdout, stderr)
}

// printJob writes the job document as indented JSON and returns the exit
// status for it.
func printJob(job *inferra.Job, stdout, stderr io.Writer) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(job); err != nil {
		fmt.Fprintf(stderr, "inferra: writing the result: %v\n", err)
		return exitFailed
	}
	return exitStatus(job)
}

// isUnknownColumn reports whether err is a loader's unknown-column error.
func isUnknownColumn(err error) bool {
	e := inferra.AsError(err)
	if e == nil || e.Code != inferra.EInvalid {
		return false
	}
	_, ok := e.Details["did_you_mean"]
	return ok
}

// exitStatus maps a finished job to the process exit status.
func exitStatus(job *inferra.Job) int {
	switch job.Status {
	case inferra.JobSucceeded:
		return exitOK
	case inferra.JobNoDecision:
		return exitNoDecision
	}
	switch job.Error.Code {
	case inferra.EInvalid, inferra.EUnsupported, inferra.ETooLarge, inferra.ENotFound:
		return exitUsage
	}
	return exitFailed
}

// runDecide is the decide command: it prints the job document with the
// decision (or the no-decision) and runs nothing.
func runDecide(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inferra decide", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "dataset `FILE` (CSV, or JSON array of records)")
	prompt := fs.String("prompt", "", "question in plain words")
	describe := fs.String("describe", "", "column descriptions and level labels, a JSON `FILE` (see inferra analyze -h)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "inferra decide: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	case *data == "" || *prompt == "":
		fmt.Fprintln(stderr, "inferra decide: --data FILE and --prompt TEXT are required")
		return exitUsage
	}
	return printJob(analyze(ctx, *data, *describe, *prompt, "", nil, true, ""), stdout, stderr)
}

// analyze loads the dataset and runs one analysis, always returning a job
// document: failures are recorded in it, never lost. With an empty
// analysis it first decides one from the prompt with the rule engine; with
// decideOnly it stops there. With out, the chart of a chart analysis, or
// the companion chart of a test, is written into the directory out.
//
// dict, when not empty, is a file of column descriptions (an
// inferra.Dictionary) for the rule engine.
func analyze(ctx context.Context, path, dict, prompt, analysis string, params map[string]string, decideOnly bool, out string) *inferra.Job {
	start := time.Now().UTC()
	job := &inferra.Job{
		ID:        newJobID(),
		Status:    inferra.JobRunning,
		Prompt:    prompt,
		Dataset:   inferra.DatasetRef{Name: filepath.Base(path)},
		Plots:     []inferra.Plot{},
		CreatedAt: start,
	}
	job.Decision = &inferra.Decision{
		Analysis:    analysis,
		Library:     "stats",
		Params:      params,
		Confidence:  1,
		Source:      inferra.SourceUser,
		Explanation: "The analysis was given explicitly.",
		Evidence:    []string{"--analysis " + analysis},
		Candidates:  []inferra.Candidate{},
	}
	if spec, ok := stats.Lookup(analysis); ok {
		job.Decision.Function = spec.Function
	} else if spec, ok := chartSpec(analysis); ok {
		job.Decision.Library, job.Decision.Function = "plots", spec.Function
	}
	fail := func(err error) *inferra.Job {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			job.Status = inferra.JobCanceled
			job.Error = inferra.Errorf(inferra.ECanceled, "the analysis was canceled before it finished")
		} else {
			job.Status = inferra.JobFailed
			job.Error = inferra.AsError(err)
		}
		job.Result = json.RawMessage("null")
		finish(job, start)
		return job
	}

	if analysis == "" {
		return decideAndRun(ctx, job, path, dict, prompt, decideOnly, out, fail, start)
	}
	// Only the columns the analysis reads are loaded; the file is still
	// checked whole and hashed whole.
	cols := stats.Columns(analysis, params)
	if plots.IsChart(analysis) {
		cols = plots.Columns(analysis, params)
	}
	ds, err := load.File(path, load.Options{Columns: cols})
	if cols != nil && isUnknownColumn(err) {
		// A parameter names a column the file lacks: load it whole so that
		// the analysis reports the mistake in its own terms (which
		// parameter, where in the formula).
		ds, err = load.File(path, load.Options{})
	}
	if err != nil {
		return fail(err)
	}
	return run1(ctx, job, ds, out, fail, start)
}

// run1 runs job.Decision on the loaded dataset and completes the job;
// with out, it writes the charts there.
func run1(ctx context.Context, job *inferra.Job, ds *inferra.Dataset, out string, fail func(error) *inferra.Job, start time.Time) *inferra.Job {
	job.Dataset.SHA256 = ds.SHA256
	job.Dataset.Rows = ds.Rows()
	job.Dataset.Columns = ds.SourceColumns
	job.Provenance = &inferra.Provenance{DatasetSHA256: ds.SHA256, RulesVersion: job.Decision.RulesVersion}

	analysis, params := job.Decision.Analysis, job.Decision.Params
	var (
		res    *inferra.Result
		charts []*plots.Chart
		err    error
	)
	switch {
	case plots.IsChart(analysis):
		var ch *plots.Chart
		if ch, err = plots.Render(ctx, ds, analysis, params, plots.Options{}); err != nil {
			return fail(err)
		}
		res = &inferra.Result{Analysis: analysis, Stats: ch.Stats, Report: ch.Report, RowsUsed: ch.RowsUsed, RowsDropped: ch.RowsDropped}
		charts = []*plots.Chart{ch}
	default:
		if _, ok := stats.Lookup(analysis); !ok {
			return fail(unknownAnalysis(analysis))
		}
		if res, err = stats.Run(ctx, ds, analysis, params); err != nil {
			return fail(err)
		}
		if out != "" {
			// The companion chart is a picture beside the numbers: when it
			// cannot be drawn the test still stands, so the job succeeds
			// without it.
			charts, _ = plots.ForJob(ctx, ds, analysis, params, plots.Options{})
		}
	}
	if out != "" {
		if job.Plots, err = writeCharts(out, charts); err != nil {
			return fail(err)
		}
	}
	raw, err := json.Marshal(res.Stats)
	if err != nil {
		return fail(fmt.Errorf("encoding the result: %w", err))
	}
	job.Status = inferra.JobSucceeded
	job.Result = raw
	job.Report = res.Report
	job.Provenance.RowsUsed = res.RowsUsed
	job.Provenance.RowsDropped = res.RowsDropped
	finish(job, start)
	return job
}

// decideAndRun loads the whole dataset, asks the rule engine which
// analysis answers the prompt, and runs it unless decideOnly. A
// no-decision ends the job as no_decision, with the candidates and the
// clarifying question in its decision.
func decideAndRun(ctx context.Context, job *inferra.Job, path, dict, prompt string, decideOnly bool, out string, fail func(error) *inferra.Job, start time.Time) *inferra.Job {
	ds, err := load.File(path, load.Options{})
	if err != nil {
		return fail(err)
	}
	if dict != "" {
		if err := describeFile(ds, dict); err != nil {
			return fail(err)
		}
	}
	engine, err := newEngine(-1, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return fail(err)
	}
	d, err := engine.Decide(ctx, prompt, ds.Schema())
	if err != nil {
		return fail(err)
	}
	// The checks on the data: the analyses of the decided one's family
	// that apply, and a decided one that does not replaced.
	applicable.Apply(ctx, ds, d)
	job.Decision = d
	if decision.IsNoDecision(d) || decideOnly {
		job.Dataset.SHA256 = ds.SHA256
		job.Dataset.Rows = ds.Rows()
		job.Dataset.Columns = ds.SourceColumns
		job.Provenance = &inferra.Provenance{DatasetSHA256: ds.SHA256, RulesVersion: d.RulesVersion}
		job.Status = inferra.JobSucceeded
		if decision.IsNoDecision(d) {
			job.Status = inferra.JobNoDecision
		}
		job.Result = json.RawMessage("null")
		finish(job, start)
		return job
	}
	return run1(ctx, job, ds, out, fail, start)
}

func finish(job *inferra.Job, start time.Time) {
	end := time.Now().UTC()
	job.FinishedAt = &end
	if job.Provenance == nil {
		job.Provenance = &inferra.Provenance{}
	}
	p := job.Provenance
	p.InferraVersion = inferraVersion()
	p.GoVersion = runtime.Version()
	p.StartedAt = start
	p.DurationMS = end.Sub(start).Milliseconds()
}

// newJobID returns a random RFC 4122 version 4 UUID.
func newJobID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func runAnalyses(stdout io.Writer) int {
	for _, s := range stats.Specs() {
		fmt.Fprintf(stdout, "%-13s %-14s %s\n", s.ID, s.ParamSummary(), s.Summary)
	}
	for _, s := range plots.Specs() {
		summary := "chart: " + s.Summary
		if s.Companion {
			summary += " (drawn beside ols with --out)"
		}
		fmt.Fprintf(stdout, "%-13s %-14s %s\n", s.ID, strings.Join(s.Params, ","), summary)
	}
	return exitOK
}

// chartSpec returns the chart with the given id.
func chartSpec(id string) (plots.Spec, bool) {
	for _, s := range plots.Specs() {
		if s.ID == id {
			return s, true
		}
	}
	return plots.Spec{}, false
}

// unknownAnalysis is the error for an id that is neither a statistical
// analysis nor a chart.
func unknownAnalysis(id string) error {
	var ids []string
	for _, s := range stats.Specs() {
		ids = append(ids, s.ID)
	}
	for _, s := range plots.Specs() {
		ids = append(ids, s.ID)
	}
	msg := fmt.Sprintf("unknown analysis %q; the analyses are %s", id, strings.Join(ids, ", "))
	if close := inferra.ClosestNames(id, ids, 1); len(close) > 0 {
		msg = fmt.Sprintf("unknown analysis %q; did you mean %q? The analyses are %s", id, close[0], strings.Join(ids, ", "))
	}
	return inferra.Errorf(inferra.EUnsupported, "%s", msg).WithDetail("analysis", id).WithDetail("known", ids)
}

// writeCharts writes each chart into dir as NAME.png and NAME.svg and
// returns the job's plot entries for them.
func writeCharts(dir string, charts []*plots.Chart) ([]inferra.Plot, error) {
	out := []inferra.Plot{}
	for _, ch := range charts {
		for _, f := range []struct {
			ext, ctype string
			data       []byte
		}{{".png", "image/png", ch.PNG}, {".svg", "image/svg+xml", ch.SVG}} {
			path := filepath.Join(dir, ch.Name+f.ext)
			if err := os.WriteFile(path, f.data, 0o644); err != nil {
				return nil, inferra.Errorf(inferra.EInvalid, "cannot write the chart to %s: %v", path, err).WithDetail("path", path)
			}
			out = append(out, inferra.Plot{Name: ch.Name, ContentType: f.ctype, Path: path})
		}
	}
	return out, nil
}

// describeFile attaches the column descriptions in the JSON file at path
// to ds.
func describeFile(ds *inferra.Dataset, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return inferra.Errorf(inferra.EInvalid, "the column descriptions: %v", err)
	}
	defer f.Close()
	d, err := inferra.ReadDictionary(f)
	if err != nil {
		return err
	}
	return ds.Describe(d)
}
