package reproduce_test

import (
	"bytes"
	"context"
	csvpkg "encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/pythontest"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
	"github.com/inferra/inferra/reproduce"
	"github.com/inferra/inferra/stats"
)

const python = pythontest.Path

// needPython skips a test without Debian's python3 and its scientific
// packages, except in CI (pythontest.Need).
func needPython(t *testing.T) { pythontest.Need(t) }

// jobFor runs an analysis (or draws a chart) on a testdata dataset as the
// job service does and returns the job document.
func jobFor(t *testing.T, dataset, analysis string, params map[string]string) *inferra.Job {
	t.Helper()
	path := filepath.Join("..", "testdata", "data", dataset)
	ds, err := load.File(path, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var res *inferra.Result
	if plots.IsChart(analysis) {
		ch, err := plots.Render(ctx, ds, analysis, params, plots.Options{Width: 200, Height: 150})
		if err != nil {
			t.Fatal(err)
		}
		res = &inferra.Result{Analysis: analysis, Stats: ch.Stats, RowsUsed: ch.RowsUsed, RowsDropped: ch.RowsDropped}
	} else if res, err = stats.Run(ctx, ds, analysis, params); err != nil {
		t.Fatalf("%s: %v", analysis, err)
	}
	raw, err := json.Marshal(res.Stats)
	if err != nil {
		t.Fatal(err)
	}
	return &inferra.Job{
		ID: "job-" + analysis, Status: inferra.JobSucceeded,
		Dataset:  inferra.DatasetRef{Name: dataset, SHA256: ds.SHA256, Rows: ds.Rows()},
		Decision: &inferra.Decision{Analysis: analysis, Params: params},
		Result:   raw,
		Provenance: &inferra.Provenance{InferraVersion: "test", DatasetSHA256: ds.SHA256,
			RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped},
	}
}

// run writes the script and a copy of the CSV into a temporary directory
// and runs python3 reproduce.py data.csv there.
func run(t *testing.T, script []byte, csv []byte) (code int, out string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "reproduce.py"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.csv"), csv, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a safety net only
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "reproduce.py", "data.csv")
	cmd.Dir = dir
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, buf.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), buf.String()
	}
	t.Fatalf("running the script: %v\n%s", err, buf.String())
	return -1, ""
}

func csvOf(t *testing.T, dataset string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "data", dataset))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cases are one job per analysis and chart, on testdata datasets chosen
// for their traps: missing values, levels whose file order is not group
// order, names with spaces and dots, ties, exact and approximate branches.
var cases = []struct {
	dataset, analysis string
	params            map[string]string
}{
	{"plants.csv", "ttest_ind", map[string]string{"group": "treatment", "value": "yield"}},
	// A true/false group with missing values, which pandas reads as objects.
	{"houses.csv", "ttest_ind", map[string]string{"group": "garage", "value": "price"}},
	{"paired_zeros.csv", "ttest_rel", map[string]string{"x": "pain_pre", "y": "pain_post"}},
	{"sites.csv", "f_oneway", map[string]string{"group": "site", "value": "Yield_kg"}},
	{"body.csv", "pearsonr", map[string]string{"x": "Body.Mass", "y": "hours slept"}},
	{"likert.csv", "spearmanr", map[string]string{"x": "Q1 satisfaction", "y": "Q2 loyalty"}},
	{"tiny_groups.csv", "mannwhitneyu", map[string]string{"group": "group", "value": "score"}},
	{"coded.csv", "kruskal", map[string]string{"group": "dose", "value": "response"}},
	{"paired_tiny.csv", "wilcoxon", map[string]string{"x": "left", "y": "right"}},
	{"houses.csv", "ols", map[string]string{"formula": "price ~ Q('floor.area') + age + region + garage"}},
	{"plants.csv", "describe", map[string]string{"x": "yield", "group": "treatment"}},
	{"survey.csv", "chi2_contingency", map[string]string{"x": "region", "y": "age_group"}},
	{"survey.csv", "fisher_exact", map[string]string{"x": "sex", "y": "smoker"}},
	{"survey.csv", "mantel_haenszel", map[string]string{"x": "exposure", "y": "disease", "strata": "age_group"}},
	{"ranks.csv", "kendalltau", map[string]string{"x": "a", "y": "b"}},
	{"health.csv", "partial_corr", map[string]string{"x": "sbp", "y": "chol", "covar": "age, bmi"}},
	{"body.csv", "ttest_1samp", map[string]string{"x": "hours slept", "popmean": "7"}},
	{"plants.csv", "boxplot", map[string]string{"group": "treatment", "value": "yield"}},
	{"houses.csv", "histogram", map[string]string{"x": "price"}},
	{"trial.csv", "kde", map[string]string{"x": "response", "hue": "treat"}},
	{"large.csv", "scatter", map[string]string{"x": "x", "y": "y"}},
	{"body.csv", "regplot", map[string]string{"x": "Body.Mass", "y": "hours slept"}},
	{"houses.csv", "residuals", map[string]string{"formula": "price ~ Q('floor.area') + age"}},
	// Second jobs for the branches: robust errors without an intercept, a
	// binned density over 10,000 points, a subsample with hue, a stat.
	{"houses.csv", "ols", map[string]string{"formula": "price ~ region + Q('floor.area') - 1", "cov": "HC3"}},
	{"large.csv", "kde", map[string]string{"x": "x"}},
	{"large.csv", "scatter", map[string]string{"x": "x", "y": "y", "hue": "group"}},
	{"likert.csv", "describe", map[string]string{"x": "Q1 satisfaction", "stat": "median", "group": "region"}},
	{"sparse.csv", "fisher_exact", map[string]string{"x": "arm", "y": "event"}},
	// The variance, normality, distribution and post-hoc analyses: both
	// sample forms ({x, y} columns of different lengths, {group, value}),
	// Mood's ties, each fitted distribution, Lilliefors beyond its table
	// (n > 1600), both methods of ks_2samp, Tukey's intervals.
	{"spread.csv", "levene", map[string]string{"group": "lab", "value": "reading"}},
	{"spread.csv", "levene", map[string]string{"x": "left", "y": "right"}},
	{"balanced.csv", "bartlett", map[string]string{"group": "diet", "value": "gain"}},
	{"spread.csv", "bartlett", map[string]string{"x": "left", "y": "right"}},
	{"spread.csv", "mood", map[string]string{"group": "arm", "value": "score"}},
	{"spread.csv", "mood", map[string]string{"x": "left", "y": "right"}},
	{"welch.csv", "f_test", map[string]string{"group": "batch", "value": "strength"}},
	{"spread.csv", "f_test", map[string]string{"x": "left", "y": "right"}},
	{"shapes.csv", "shapiro", map[string]string{"x": "income"}},
	{"shapes.csv", "anderson", map[string]string{"x": "income"}},
	{"shapes.csv", "anderson", map[string]string{"x": "height"}},
	{"shapes.csv", "lilliefors", map[string]string{"x": "height"}},
	{"large.csv", "lilliefors", map[string]string{"x": "x"}},
	{"shapes.csv", "kstest", map[string]string{"x": "height"}},
	{"shapes.csv", "kstest", map[string]string{"x": "wait", "dist": "gamma"}},
	{"shapes.csv", "kstest", map[string]string{"x": "gap", "dist": "expon"}},
	{"shapes.csv", "kstest", map[string]string{"x": "angle", "dist": "uniform"}},
	{"welch.csv", "ks_2samp", map[string]string{"group": "batch", "value": "strength"}},
	{"spread.csv", "ks_2samp", map[string]string{"x": "left", "y": "right"}},
	{"large.csv", "ks_2samp", map[string]string{"group": "group", "value": "value"}},
	{"sites.csv", "tukey_hsd", map[string]string{"group": "site", "value": "Yield_kg"}},
	{"sites.csv", "games_howell", map[string]string{"group": "site", "value": "Yield_kg"}},
	{"spread.csv", "games_howell", map[string]string{"group": "lab", "value": "reading"}},
	// f_oneway's post-hoc block: Tukey's HSD (equal variances; a p-value
	// of 1e-108, far below what scipy's 1 − cdf resolves) and none (not
	// significant); sites.csv above takes Games–Howell.
	{"offset.csv", "f_oneway", map[string]string{"group": "level", "value": "x"}},
	{"extreme.csv", "f_oneway", map[string]string{"group": "arm", "value": "marker"}},
	{"coded.csv", "f_oneway", map[string]string{"group": "dose", "value": "response"}},
	// The companion charts of issue 17: each test they state, both forms
	// of ecdf, a fitted gamma, a thinned Q-Q plot and thinned ECDFs.
	{"survey.csv", "crosstab", map[string]string{"x": "region", "y": "age_group", "test": "chi2_contingency"}},
	{"survey.csv", "crosstab", map[string]string{"x": "sex", "y": "smoker", "test": "fisher_exact"}},
	{"survey.csv", "crosstab", map[string]string{"x": "exposure", "y": "disease", "strata": "age_group"}},
	{"shapes.csv", "qqplot", map[string]string{"x": "income"}},
	{"shapes.csv", "qqplot", map[string]string{"x": "height", "test": "anderson"}},
	{"shapes.csv", "qqplot", map[string]string{"x": "wait", "dist": "gamma", "test": "kstest"}},
	{"large.csv", "qqplot", map[string]string{"x": "x", "test": "lilliefors"}},
	{"welch.csv", "ecdf", map[string]string{"group": "batch", "value": "strength"}},
	{"spread.csv", "ecdf", map[string]string{"x": "left", "y": "right"}},
	{"large.csv", "ecdf", map[string]string{"group": "group", "value": "value"}},
}

// TestScriptsAgree is the check CI runs: the script of one job per
// analysis exits 0 under Debian's scipy and statsmodels.
func TestScriptsAgree(t *testing.T) {
	needPython(t)
	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.analysis] = true
		t.Run(c.analysis, func(t *testing.T) {
			job := jobFor(t, c.dataset, c.analysis, c.params)
			script, err := reproduce.Script(job)
			if err != nil {
				t.Fatal(err)
			}
			code, out := run(t, script, csvOf(t, c.dataset))
			if code != 0 {
				t.Fatalf("python3 reproduce.py exited %d, want 0:\n%s", code, out)
			}
			if !strings.Contains(out, "values agree within the tolerances") || strings.Contains(out, "DIFFERS") {
				t.Errorf("output does not say all agree:\n%s", out)
			}
		})
	}
	for _, id := range reproduce.Analyses() {
		if !covered[id] {
			t.Errorf("no job of %s is checked by this test", id)
		}
	}
}

func TestTamperedFileFailsTheHash(t *testing.T) {
	needPython(t)
	job := jobFor(t, "plants.csv", "ttest_ind", map[string]string{"group": "treatment", "value": "yield"})
	script, err := reproduce.Script(job)
	if err != nil {
		t.Fatal(err)
	}
	csv := csvOf(t, "plants.csv")
	tampered := bytes.Replace(csv, []byte("placebo"), []byte("placebO"), 1)
	code, out := run(t, script, tampered)
	if code != 1 || !strings.Contains(out, "not the same file") {
		t.Errorf("tampered CSV: exit %d, want 1 with a hash message:\n%s", code, out)
	}
}

func TestTamperedNumberFails(t *testing.T) {
	needPython(t)
	job := jobFor(t, "sites.csv", "f_oneway", map[string]string{"group": "site", "value": "Yield_kg"})
	var m map[string]any
	if err := json.Unmarshal(job.Result, &m); err != nil {
		t.Fatal(err)
	}
	// 1e-7 relative: beyond the p-value tolerance (1e-6) only for the
	// statistic, which is held to 1e-9.
	m["statistic"] = m["statistic"].(float64) * (1 + 1e-7)
	job.Result, _ = json.Marshal(m)
	script, err := reproduce.Script(job)
	if err != nil {
		t.Fatal(err)
	}
	code, out := run(t, script, csvOf(t, "sites.csv"))
	if code != 1 || !strings.Contains(out, "DIFFERS") || !strings.Contains(out, "1 of ") {
		t.Errorf("tampered statistic: exit %d, want 1 with one DIFFERS line:\n%s", code, out)
	}
	// A number Inferra reported and the script does not compute is a
	// failure too.
	m["statistic"] = m["statistic"].(float64) / (1 + 1e-7)
	m["surprise"] = 1.5
	job.Result, _ = json.Marshal(m)
	script, _ = reproduce.Script(job)
	if code, out := run(t, script, csvOf(t, "sites.csv")); code != 1 || !strings.Contains(out, "not recomputed") {
		t.Errorf("unknown field: exit %d, want 1 with 'not recomputed':\n%s", code, out)
	}
	// The post-hoc block is recomputed too: a pair left out of it (a
	// difference Inferra would not report) and a nudged mean difference
	// both fail.
	delete(m, "surprise")
	ph := m["posthoc"].(map[string]any)
	pairs := ph["pairs"].([]any)
	ph["pairs"] = pairs[:len(pairs)-1]
	job.Result, _ = json.Marshal(m)
	script, _ = reproduce.Script(job)
	if code, out := run(t, script, csvOf(t, "sites.csv")); code != 1 || !strings.Contains(out, "posthoc.pairs") || !strings.Contains(out, "DIFFERS") {
		t.Errorf("a post-hoc pair left out: exit %d, want 1 naming posthoc.pairs:\n%s", code, out)
	}
	ph["pairs"] = pairs
	first := pairs[0].(map[string]any)
	first["mean_difference"] = first["mean_difference"].(float64) * (1 + 1e-7)
	job.Result, _ = json.Marshal(m)
	script, _ = reproduce.Script(job)
	if code, out := run(t, script, csvOf(t, "sites.csv")); code != 1 || !strings.Contains(out, "1 of ") {
		t.Errorf("a nudged post-hoc difference: exit %d, want 1 with one DIFFERS line:\n%s", code, out)
	}
}

func TestUsage(t *testing.T) {
	needPython(t)
	job := jobFor(t, "plants.csv", "ttest_ind", map[string]string{"group": "treatment", "value": "yield"})
	script, _ := reproduce.Script(job)
	dir := t.TempDir()
	_ = os.WriteFile(filepath.Join(dir, "reproduce.py"), script, 0o644)
	cmd := exec.Command(python, "reproduce.py")
	cmd.Dir = dir
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Errorf("no argument: %v, want exit status 2", err)
	}
}

// TestHostileNames: column names and levels that look like Python stay
// data; the script runs and agrees.
func TestHostileNames(t *testing.T) {
	needPython(t)
	var buf bytes.Buffer
	w := csvpkg.NewWriter(&buf)
	quote3 := strings.Repeat("'", 3)
	_ = w.WriteAll([][]string{
		{"g\"\\n" + quote3 + "); import os; os._exit(3) #", `v\"`},
		{`a"""`, "1.5"}, {`a"""`, "2.5"}, {`a"""`, "2.0"},
		{"b" + quote3, "3.5"}, {"b" + quote3, "4.25"}, {"b" + quote3, "5.0"}, {"b" + quote3, "NA"},
	})
	csv := buf.Bytes()
	dir := t.TempDir()
	path := filepath.Join(dir, "h.csv")
	if err := os.WriteFile(path, csv, 0o644); err != nil {
		t.Fatal(err)
	}
	ds, err := load.File(path, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	names := ds.Names()
	params := map[string]string{"group": names[0], "value": names[1]}
	res, err := stats.Run(context.Background(), ds, "ttest_ind", params)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(res.Stats)
	job := &inferra.Job{ID: "h", Status: inferra.JobSucceeded, Dataset: inferra.DatasetRef{SHA256: ds.SHA256},
		Decision: &inferra.Decision{Analysis: "ttest_ind", Params: params}, Result: raw,
		Provenance: &inferra.Provenance{RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped}}
	script, err := reproduce.Script(job)
	if err != nil {
		t.Fatal(err)
	}
	if code, out := run(t, script, csv); code != 0 {
		t.Errorf("exit %d, want 0:\n%s", code, out)
	}
}

// TestSupported lists the analyses the generator covers and fails for a
// registered analysis or chart it does not, so that a new analysis shows
// up here until its recomputation is written.
func TestSupported(t *testing.T) {
	t.Logf("reproduce.py covers: %s", strings.Join(reproduce.Analyses(), ", "))
	var gaps []string
	for _, s := range stats.Specs() {
		if !reproduce.Supported(s.ID) {
			gaps = append(gaps, s.ID)
		}
	}
	for _, s := range plots.Specs() {
		if !reproduce.Supported(s.ID) {
			gaps = append(gaps, s.ID+" (chart)")
		}
	}
	if len(gaps) > 0 {
		t.Errorf("registered analyses that reproduce.py does not cover yet: %s", strings.Join(gaps, ", "))
	}
	job := &inferra.Job{Status: inferra.JobSucceeded, Decision: &inferra.Decision{Analysis: "friedmanchisquare"},
		Dataset: inferra.DatasetRef{SHA256: strings.Repeat("ab", 32)}, Result: json.RawMessage(`{"statistic": 1}`)}
	_, err := reproduce.Script(job)
	if inferra.ErrorCode(err) != inferra.EUnsupported || !strings.Contains(err.Error(), "ttest_ind") {
		t.Errorf("unsupported analysis: %v, want unsupported naming the covered ones", err)
	}
}

func TestScriptErrors(t *testing.T) {
	ok := &inferra.Job{ID: "j", Status: inferra.JobSucceeded, Decision: &inferra.Decision{Analysis: "ttest_ind"},
		Dataset: inferra.DatasetRef{SHA256: strings.Repeat("ab", 32)}, Result: json.RawMessage(`{"statistic": 1}`)}
	if _, err := reproduce.Script(ok); err != nil {
		t.Fatalf("valid job: %v", err)
	}
	for name, mutate := range map[string]func(j *inferra.Job){
		"failed":      func(j *inferra.Job) { j.Status = inferra.JobFailed },
		"no result":   func(j *inferra.Job) { j.Result = json.RawMessage("null") },
		"no hash":     func(j *inferra.Job) { j.Dataset.SHA256 = "" },
		"bad hash":    func(j *inferra.Job) { j.Dataset.SHA256 = strings.Repeat("zz", 32) },
		"no decision": func(j *inferra.Job) { j.Decision = nil },
		"array":       func(j *inferra.Job) { j.Result = json.RawMessage("[1]") },
	} {
		j := *ok
		d := *ok.Decision
		j.Decision = &d
		mutate(&j)
		if _, err := reproduce.Script(&j); inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("%s: err = %v, want invalid_input", name, err)
		}
	}
}
