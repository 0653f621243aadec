package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

// runCLI runs the command line in-process and decodes the job document it
// printed (nil when it printed none).
func runCLI(t *testing.T, args ...string) (code int, job map[string]any, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	if out.Len() > 0 && strings.HasPrefix(strings.TrimSpace(out.String()), "{") {
		if err := json.Unmarshal(out.Bytes(), &job); err != nil {
			t.Fatalf("stdout is not a JSON document: %v\n%s", err, out.String())
		}
	}
	return code, job, errb.String()
}

func TestAnalyzeSucceeds(t *testing.T) {
	t.Parallel()
	code, job, stderr := runCLI(t, "analyze", "--data", "../../testdata/data/plants.csv",
		"--analysis", "ttest_ind", "--param", "group=treatment", "--param", "value=yield")
	if code != exitOK {
		t.Fatalf("exit status %d, want 0; stderr %s; job %v", code, stderr, job)
	}
	if job["status"] != "succeeded" {
		t.Errorf("status = %v, want succeeded", job["status"])
	}
	for _, k := range []string{"job_id", "prompt", "dataset", "decision", "result", "report", "plots", "provenance", "error", "created_at", "finished_at"} {
		if _, ok := job[k]; !ok {
			t.Errorf("job document lacks %q", k)
		}
	}
	dec := job["decision"].(map[string]any)
	if dec["source"] != "user" || dec["analysis"] != "ttest_ind" || dec["function"] != "TTestInd" {
		t.Errorf("decision = %v, want source user, analysis ttest_ind, function TTestInd", dec)
	}
	raw, err := os.ReadFile("../../testdata/data/plants.csv")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := load.ParseCSV(raw, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	prov := job["provenance"].(map[string]any)
	if prov["dataset_sha256"] != ds.SHA256 || job["dataset"].(map[string]any)["sha256"] != ds.SHA256 {
		t.Errorf("dataset sha256 = %v / %v, want %s", prov["dataset_sha256"], job["dataset"], ds.SHA256)
	}
	used, dropped := prov["rows_used"].(float64), prov["rows_dropped"].(float64)
	if int(used+dropped) != ds.Rows() || dropped == 0 {
		t.Errorf("rows used %v + dropped %v, want %d in all with some dropped", used, dropped, ds.Rows())
	}
	res := job["result"].(map[string]any)
	if res["method"] != "welch" || res["student"] == nil {
		t.Errorf("result = %v, want Welch at the top and a student block", res)
	}
	if r := job["report"].(string); !strings.Contains(r, "t(") || !strings.Contains(r, "p ") {
		t.Errorf("report %q lacks an APA t statistic", r)
	}
}

func TestAnalyzeFailures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plants := "../../testdata/data/plants.csv"
	malformed := write("bad.csv", "a,b\n1,2\n3,4,5\n")
	empty := write("empty.csv", "")
	constant := write("const.csv", "g,v\na,1\na,1\nb,1\nb,1\n")
	cases := []struct {
		name    string
		args    []string
		code    string
		message string
	}{
		{"unknown column", []string{"--data", plants, "--analysis", "ttest_ind", "--param", "group=treatment", "--param", "value=yeild"}, inferra.EInvalid, `"yield"`},
		{"unknown analysis", []string{"--data", plants, "--analysis", "ttest_foo", "--param", "x=a"}, inferra.EUnsupported, "unknown analysis"},
		{"malformed csv", []string{"--data", malformed, "--analysis", "pearsonr", "--param", "x=a", "--param", "y=b"}, inferra.EInvalid, "line 3"},
		{"empty csv", []string{"--data", empty, "--analysis", "pearsonr", "--param", "x=a", "--param", "y=b"}, inferra.EInvalid, ""},
		{"constant values", []string{"--data", constant, "--analysis", "ttest_ind", "--param", "group=g", "--param", "value=v"}, inferra.EInvalid, ""},
		{"missing file", []string{"--data", filepath.Join(dir, "nope.csv"), "--analysis", "pearsonr", "--param", "x=a", "--param", "y=b"}, inferra.ENotFound, "nope.csv"},
		{"non-numeric value", []string{"--data", plants, "--analysis", "pearsonr", "--param", "x=treatment", "--param", "y=yield"}, inferra.EInvalid, "numeric"},
		{"missing param", []string{"--data", plants, "--analysis", "ttest_ind", "--param", "group=treatment"}, inferra.EInvalid, `"value"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, job, stderr := runCLI(t, append([]string{"analyze"}, c.args...)...)
			if code != exitUsage {
				t.Errorf("exit status %d, want %d (stderr %s)", code, exitUsage, stderr)
			}
			if job == nil {
				t.Fatalf("no job document printed; stderr %s", stderr)
			}
			if job["status"] != "failed" {
				t.Errorf("status = %v, want failed", job["status"])
			}
			e, _ := job["error"].(map[string]any)
			if e == nil || e["code"] != c.code {
				t.Fatalf("error = %v, want code %s", job["error"], c.code)
			}
			if msg, _ := e["message"].(string); msg == "" || !strings.Contains(msg, c.message) {
				t.Errorf("error message %q, want it to mention %q", msg, c.message)
			}
			if job["result"] != nil {
				t.Errorf("result = %v, want null", job["result"])
			}
		})
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	cases := [][]string{
		{},
		{"frobnicate"},
		{"analyze"},
		{"analyze", "--data", "x.csv"},
		{"analyze", "--data", "x.csv", "--analysis", "pearsonr", "--param", "novalue"},
		{"analyze", "--data", "x.csv", "--analysis", "pearsonr", "--param", "x=a", "--param", "x=b"},
		{"analyze", "--data", "x.csv", "--analysis", "pearsonr", "stray"},
	}
	for _, args := range cases {
		if code, job, _ := runCLI(t, args...); code != exitUsage || job != nil {
			t.Errorf("inferra %q: exit %d with job %v, want %d and no job", args, code, job, exitUsage)
		}
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if code := run(context.Background(), []string{"version"}, &out, &out); code != exitOK || !strings.HasPrefix(out.String(), "inferra ") {
		t.Errorf("version: exit %d, output %q", code, out.String())
	}
}

func TestAnalyzeCanceled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"analyze", "--data", "../../testdata/data/plants.csv", "--analysis", "ttest_ind",
		"--param", "group=treatment", "--param", "value=yield"}, &out, &errb)
	var job map[string]any
	if err := json.Unmarshal(out.Bytes(), &job); err != nil {
		t.Fatalf("no job document: %v (%s)", err, errb.String())
	}
	e, _ := job["error"].(map[string]any)
	if code != exitFailed || job["status"] != "canceled" || e == nil || e["code"] != inferra.ECanceled {
		t.Errorf("canceled run: exit %d, status %v, error %v; want 1, canceled, code canceled", code, job["status"], job["error"])
	}
}

func TestAnalyzeOLS(t *testing.T) {
	t.Parallel()
	houses := "../../testdata/data/houses.csv"
	code, job, stderr := runCLI(t, "analyze", "--data", houses, "--analysis", "ols",
		"--param", "formula=price ~ Q('floor.area') + age + region", "--param", "cov=HC3")
	if code != exitOK {
		t.Fatalf("exit %d (stderr %s), job %v", code, stderr, job)
	}
	res := job["result"].(map[string]any)
	if res["cov_type"] != "HC3" || len(res["coefficients"].([]any)) != 7 {
		t.Errorf("result cov_type %v with %d coefficients, want HC3 and 7", res["cov_type"], len(res["coefficients"].([]any)))
	}
	if r := job["report"].(string); !strings.Contains(r, "R² = ") || !strings.Contains(r, "F(") {
		t.Errorf("report %q lacks R² and F", r)
	}
	if n := job["dataset"].(map[string]any)["columns"].(float64); n != 7 {
		t.Errorf("dataset columns = %v, want the file's 7 (only 4 loaded)", n)
	}

	code, job, _ = runCLI(t, "analyze", "--data", houses, "--analysis", "ols", "--param", "formula=price ~ agee + region")
	if e, _ := job["error"].(map[string]any); code != exitUsage || e == nil || !strings.Contains(e["message"].(string), `did you mean "age"`) ||
		!strings.Contains(e["message"].(string), "position 8") {
		t.Errorf("unknown column: exit %d, error %v; want 2, a hint and the position", code, job["error"])
	}

	code, job, _ = runCLI(t, "analyze", "--data", houses, "--analysis", "ols", "--param", "formula=price ~ age + * region")
	e, _ := job["error"].(map[string]any)
	if code != exitUsage || e == nil || !strings.Contains(e["message"].(string), "position 14") {
		t.Errorf("bad formula: exit %d, error %v; want 2 and the position of '*'", code, job["error"])
	}
}

func TestDecideAndAnalyzeByPrompt(t *testing.T) {
	t.Parallel()
	houses := "../../testdata/data/houses.csv"
	code, job, stderr := runCLI(t, "analyze", "--data", houses, "--prompt", "predict price from age and region")
	if code != exitOK || job["status"] != "succeeded" {
		t.Fatalf("analyze --prompt: exit %d, status %v (stderr %s)", code, job["status"], stderr)
	}
	dec := job["decision"].(map[string]any)
	if dec["source"] != "rules" || dec["analysis"] != "ols" || dec["rules_version"] == "" {
		t.Errorf("decision %v, want ols from the rules with a rules_version", dec)
	}
	if prov := job["provenance"].(map[string]any); prov["rules_version"] != dec["rules_version"] {
		t.Errorf("provenance rules_version %v, want the decision's %v", prov["rules_version"], dec["rules_version"])
	}

	code, job, _ = runCLI(t, "decide", "--data", houses, "--prompt", "What is the meaning of life?")
	dec, _ = job["decision"].(map[string]any)
	if code != exitNoDecision || job["status"] != "no_decision" || dec == nil || dec["question"] == "" || job["result"] != nil {
		t.Errorf("decide on a non-question: exit %d, status %v, decision %v; want 3, no_decision and a question", code, job["status"], dec)
	}

	code, job, _ = runCLI(t, "decide", "--data", houses, "--prompt", "predict price from age and region")
	if code != exitOK || job["result"] != nil || job["decision"].(map[string]any)["analysis"] != "ols" {
		t.Errorf("decide: exit %d, result %v, decision %v; want 0, no result, ols", code, job["result"], job["decision"])
	}
	for _, args := range [][]string{
		{"decide", "--data", houses},
		{"analyze", "--data", houses, "--prompt", "x", "--analysis", "ols"},
		{"analyze", "--data", houses, "--prompt", "x", "--param", "x=y"},
	} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("inferra %q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestAnalyzeChartOut(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "charts")
	code, job, stderr := runCLI(t, "analyze", "--data", "../../testdata/data/houses.csv",
		"--analysis", "histogram", "--param", "x=price", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit status %d, want 0; stderr %s; job %v", code, stderr, job)
	}
	dec := job["decision"].(map[string]any)
	if dec["library"] != "plots" || dec["function"] != "Histogram" {
		t.Errorf("decision = %v, want library plots, function Histogram", dec)
	}
	res := job["result"].(map[string]any)
	if res["bins"] != float64(10) || res["rule"] != "auto" {
		t.Errorf("result = %v, want 10 bins by the auto rule", res)
	}
	if r, _ := job["report"].(string); !strings.Contains(r, "Histogram of price") {
		t.Errorf("report = %q, want a sentence about the histogram", r)
	}
	checkPlots(t, job, dir, "histogram")
}

// checkPlots checks that the job lists name.png and name.svg in dir and
// that both files are there and what they claim to be.
func checkPlots(t *testing.T, job map[string]any, dir, name string) {
	t.Helper()
	ps, _ := job["plots"].([]any)
	if len(ps) != 2 {
		t.Fatalf("plots = %v, want a PNG and an SVG", job["plots"])
	}
	for i, ext := range []string{".png", ".svg"} {
		p := ps[i].(map[string]any)
		want := filepath.Join(dir, name+ext)
		ctype := map[string]string{".png": "image/png", ".svg": "image/svg+xml"}[ext]
		if p["name"] != name || p["content_type"] != ctype || p["path"] != want {
			t.Errorf("plots[%d] = %v, want name %s, content_type %s, path %s", i, p, name, ctype, want)
		}
		b, err := os.ReadFile(want)
		if err != nil {
			t.Fatal(err)
		}
		if ext == ".png" && !bytes.HasPrefix(b, []byte("\x89PNG")) || ext == ".svg" && !bytes.Contains(b[:min(len(b), 300)], []byte("<svg")) {
			t.Errorf("%s does not look like a %s file", want, ext)
		}
	}
}

func TestAnalyzeCompanionChart(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args  []string
		chart string
	}{
		{[]string{"--data", "../../testdata/data/plants.csv", "--analysis", "ttest_ind", "--param", "group=treatment", "--param", "value=yield"}, "boxplot"},
		{[]string{"--data", "../../testdata/data/houses.csv", "--analysis", "pearsonr", "--param", "x=floor.area", "--param", "y=price"}, "regplot"},
		{[]string{"--data", "../../testdata/data/houses.csv", "--analysis", "ols", "--param", "formula=price ~ age + region"}, "residuals"},
	} {
		dir := t.TempDir()
		code, job, stderr := runCLI(t, append(append([]string{"analyze"}, c.args...), "--out", dir)...)
		if code != exitOK {
			t.Fatalf("%v: exit status %d; stderr %s", c.args, code, stderr)
		}
		if res := job["result"].(map[string]any); res["p_value"] == nil && res["coefficients"] == nil {
			t.Errorf("%v: result %v is not the test's", c.args, res)
		}
		checkPlots(t, job, dir, c.chart)

		// Without --out there is nowhere to put a companion: none is drawn.
		code, job, _ = runCLI(t, append([]string{"analyze"}, c.args...)...)
		if ps, _ := job["plots"].([]any); code != exitOK || ps == nil || len(ps) != 0 {
			t.Errorf("%v without --out: exit %d, plots %v; want 0 and []", c.args, code, job["plots"])
		}
	}
}

func TestAnalyzeChartWithoutOut(t *testing.T) {
	t.Parallel()
	code, job, stderr := runCLI(t, "analyze", "--data", "../../testdata/data/trial.csv",
		"--analysis", "kde", "--param", "x=response", "--param", "hue=treat")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr %s", code, stderr)
	}
	res := job["result"].(map[string]any)
	if curves, _ := res["curves"].([]any); len(curves) != 3 {
		t.Errorf("result curves = %v, want 3", res["curves"])
	}
	if ps, _ := job["plots"].([]any); len(ps) != 0 {
		t.Errorf("plots = %v without --out, want none", ps)
	}
}

func TestAnalyzeChartBadInput(t *testing.T) {
	t.Parallel()
	code, job, _ := runCLI(t, "analyze", "--data", "../../testdata/data/houses.csv",
		"--analysis", "boxplot", "--param", "group=region", "--param", "value=agent", "--out", t.TempDir())
	e, _ := job["error"].(map[string]any)
	if code != exitUsage || job["status"] != "failed" || e["code"] != inferra.EInvalid ||
		!strings.Contains(e["message"].(string), "numeric") {
		t.Errorf("boxplot of a text column: exit %d, job %v; want 2 and an invalid_input error", code, job)
	}
	if ps, _ := job["plots"].([]any); len(ps) != 0 {
		t.Errorf("a failed chart lists plots %v", ps)
	}
}

func TestAnalysesListsCharts(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if code := run(context.Background(), []string{"analyses"}, &out, &out); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, id := range []string{"ttest_ind", "boxplot", "scatter", "regplot", "histogram", "kde", "residuals"} {
		if !strings.Contains(out.String(), "\n"+id+" ") && !strings.HasPrefix(out.String(), id+" ") {
			t.Errorf("inferra analyses does not list %s:\n%s", id, out.String())
		}
	}
}

// TestNoArgumentsPrintsUsage: inferra alone prints its usage on stderr,
// nothing on stdout, and exits 2.
func TestNoArgumentsPrintsUsage(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), nil, &stdout, &stderr); code != exitUsage || stdout.Len() != 0 || !strings.HasPrefix(stderr.String(), "Usage:") {
		t.Errorf("inferra: exit %d, stdout %q, stderr %q; want 2, nothing and the usage", code, stdout.String(), stderr.String())
	}
}

// TestErrorOnStderr: a failed job's error is one line on stderr, with its
// code, while stdout keeps the job document.
func TestErrorOnStderr(t *testing.T) {
	t.Parallel()
	code, job, stderr := runCLI(t, "analyze", "--data", "../../testdata/data/plants.csv", "--analysis", "ttest_ind", "--param", "group=treatment")
	if code != exitUsage || job == nil || job["status"] != "failed" {
		t.Fatalf("exit %d, job %v; want 2 and a failed job document", code, job)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "inferra: invalid_input: ") {
		t.Errorf("stderr %q, want one line \"inferra: invalid_input: …\"", stderr)
	}
}
