package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/explain"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
	"github.com/inferra/inferra/report"
	"github.com/inferra/inferra/reproduce"
	"github.com/inferra/inferra/stats"
	"github.com/inferra/inferra/store"
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
	out := fs.String("out", "", "`DIR` to write the chart into as NAME.png and NAME.svg, and reproduce.py, report.html and report.md (created if missing); a test also draws its companion chart")
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

// printJob writes the job document as indented JSON on stdout, the job's
// error (if any) in one line on stderr, and returns the exit status for
// it.
func printJob(job *inferra.Job, stdout, stderr io.Writer) int {
	if job.Error != nil {
		fmt.Fprintf(stderr, "inferra: %s: %s\n", job.Error.Code, strings.Join(strings.Fields(job.Error.Message), " "))
	}
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

// analyze loads the dataset and runs one analysis through the job
// pipeline (jobs.Pipeline), always returning a job document: failures are
// recorded in it, never lost. With an empty analysis the rule engine
// first decides one from the prompt; with decideOnly it stops there. With
// out, the chart of a chart analysis, or the companion chart of a test,
// is written into the directory out.
//
// dict, when not empty, is a file of column descriptions (an
// inferra.Dictionary) for the rule engine.
func analyze(ctx context.Context, path, dict, prompt, analysis string, params map[string]string, decideOnly bool, out string) *inferra.Job {
	start := time.Now().UTC()
	job := &inferra.Job{
		ID:        store.NewID(),
		Status:    inferra.JobRunning,
		Prompt:    prompt,
		Dataset:   inferra.DatasetRef{Name: filepath.Base(path)},
		Plots:     []inferra.Plot{},
		CreatedAt: start,
		StartedAt: &start,
	}
	p := jobs.Pipeline{Version: inferraVersion()}
	if analysis != "" {
		job.Decision = jobs.GivenDecision(analysis, params, "--analysis "+analysis)
	}
	p.Charts = func(ctx context.Context, ds *inferra.Dataset, analysis string, params map[string]string) ([]jobs.Chart, error) {
		if out == "" && !plots.IsChart(analysis) {
			return nil, nil // a test's companion chart only goes into --out
		}
		return jobs.DrawCharts(ctx, ds, analysis, params)
	}
	ds, err := loadFor(path, analysis, params)
	if err == nil && dict != "" {
		err = describeFile(ds, dict)
	}
	if err == nil && analysis == "" {
		p.Engine, err = newEngine(-1, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	}
	if err != nil {
		p.Fail(job, err, start)
		return job
	}
	charts := p.Run(ctx, job, ds, decideOnly)
	job.Plots = []inferra.Plot{}
	schema := ds.Schema()
	if err := jobs.AddSummary(job, &schema); err != nil {
		fmt.Fprintf(os.Stderr, "inferra: the summary could not be built: %v\n", err)
	}
	if out != "" && job.Status == inferra.JobSucceeded {
		if job.Plots, err = writeCharts(out, charts); err == nil {
			err = writeResults(out, job, &schema, charts)
		}
		if err != nil {
			job.Summary = nil
			p.Fail(job, err, start)
		}
	}
	return job
}

// writeResults writes into dir the files that let a person read, check
// and share a succeeded job with a result: reproduce.py (package
// reproduce), report.html and report.md (package report). An analysis
// reproduce.py does not cover yet gets the reports alone.
func writeResults(dir string, job *inferra.Job, schema *inferra.Schema, charts []jobs.Chart) error {
	if !jobs.HasResult(job) {
		return nil
	}
	write := func(name string, data []byte) error {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return inferra.Errorf(inferra.EInvalid, "cannot write %s: %v", path, err).WithDetail("path", path)
		}
		return nil
	}
	if reproduce.Supported(job.Decision.Analysis) {
		script, err := reproduce.Script(job)
		if err != nil {
			return err
		}
		if err := write("reproduce.py", script); err != nil {
			return err
		}
	}
	sum, err := explain.FromJob(job, schema)
	if err != nil {
		return err
	}
	in := report.Input{Job: job, Summary: sum}
	for _, ch := range charts {
		if ch.ContentType == "image/svg+xml" {
			name := strings.TrimSuffix(ch.Name, filepath.Ext(ch.Name))
			in.Charts = append(in.Charts, report.Chart{Name: name, Title: name, SVG: ch.Data})
		}
	}
	var html, md bytes.Buffer
	if err := report.HTML(&html, in); err != nil {
		return err
	}
	if err := report.Markdown(&md, in); err != nil {
		return err
	}
	if err := write("report.html", html.Bytes()); err != nil {
		return err
	}
	return write("report.md", md.Bytes())
}

// loadFor loads the dataset at path for analysis: only the columns it
// reads, when it names them (the file is still checked whole and hashed
// whole), the whole file for a prompt.
func loadFor(path, analysis string, params map[string]string) (*inferra.Dataset, error) {
	if analysis == "" {
		return load.File(path, load.Options{})
	}
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
	return ds, err
}

func runAnalyses(stdout io.Writer) int {
	for _, s := range stats.Specs() {
		fmt.Fprintf(stdout, "%-13s %-14s %s\n", s.ID, s.ParamSummary(), s.Summary)
	}
	for _, s := range plots.Specs() {
		summary := "chart: " + s.Summary
		if s.Companion {
			summary += " (drawn beside its test with --out)"
		}
		fmt.Fprintf(stdout, "%-13s %-14s %s\n", s.ID, strings.Join(s.Params, ","), summary)
	}
	return exitOK
}

// writeCharts writes each chart into dir under its name (boxplot.png,
// boxplot.svg) and returns the job's plot entries for them, named without
// the extension.
func writeCharts(dir string, charts []jobs.Chart) ([]inferra.Plot, error) {
	out := []inferra.Plot{}
	for _, ch := range charts {
		path := filepath.Join(dir, ch.Name)
		if err := os.WriteFile(path, ch.Data, 0o644); err != nil {
			return nil, inferra.Errorf(inferra.EInvalid, "cannot write the chart to %s: %v", path, err).WithDetail("path", path)
		}
		out = append(out, inferra.Plot{Name: strings.TrimSuffix(ch.Name, filepath.Ext(ch.Name)), ContentType: ch.ContentType, Path: path})
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
