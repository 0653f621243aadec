package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	htmlpkg "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/explain"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
	"github.com/inferra/inferra/report"
	"github.com/inferra/inferra/stats"
)

var writeDir = flag.String("write", "", "also write the test's report.html and report.md into this directory (to look at them)")

const hostilePrompt = `Does the <script>alert("x")</script> drug raise *yield* | [more](http://evil.example)?`

// plantsJob is a ttest_ind job on testdata/data/plants.csv as the job
// service would record it, with a hostile prompt and evidence.
func plantsJob(t *testing.T) (*inferra.Job, *inferra.Dataset, []report.Chart) {
	t.Helper()
	ds, err := load.File(filepath.Join("..", "testdata", "data", "plants.csv"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &inferra.Decision{Analysis: "ttest_ind", RuleID: "two_groups_mean", Library: "stats", Function: "TTestInd",
		Params: map[string]string{"group": "treatment", "value": "yield"}, Confidence: 0.9, Source: inferra.SourceRules,
		Explanation:  "A numeric outcome compared between the two groups of a categorical column.",
		Evidence:     []string{"treatment has 2 levels: Drug, placebo", "yield is numeric", `the prompt says "raise" <b>`},
		RulesVersion: "2026.12.1"}
	res, err := stats.Run(context.Background(), ds, d.Analysis, d.Params)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(res.Stats)
	start := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	end := start.Add(3 * time.Millisecond)
	job := &inferra.Job{ID: "0b7c2f4e-1c1a-4c55-9a57-5d2f8e1f0a11", Status: inferra.JobSucceeded, Prompt: hostilePrompt,
		Dataset:  inferra.DatasetRef{Name: "plants.csv", SHA256: ds.SHA256, Rows: ds.Rows(), Columns: len(ds.Columns)},
		Decision: d, Result: raw, Report: res.Report, CreatedAt: start, FinishedAt: &end,
		Provenance: &inferra.Provenance{InferraVersion: "v0.18.0", GoVersion: "go1.26", RulesVersion: "2026.12.1",
			DatasetSHA256: ds.SHA256, RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped, StartedAt: start, DurationMS: 3}}
	ch, err := plots.Render(context.Background(), ds, "boxplot", d.Params, plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return job, ds, []report.Chart{{Name: ch.Name, Title: ch.Title + " · " + ch.Subtitle, SVG: ch.SVG}}
}

// Reference numbers: testdata/reference.json, case ttest_ind/plants-yield
// (scipy.stats.ttest_ind(..., equal_var=False)): t = 3.048129, df =
// 53.21878, p = 0.0035816; cohens_d 0.790627; Levene p 0.290892.
var wantNumbers = []string{"3.05", "53.2", ".004", "d = 0.79", "2.56", "0.88", "4.24", ".291", "61 of 64 rows"}

func render(t *testing.T, in report.Input) (html, md string) {
	t.Helper()
	var h, m bytes.Buffer
	if err := report.HTML(&h, in); err != nil {
		t.Fatal(err)
	}
	if err := report.Markdown(&m, in); err != nil {
		t.Fatal(err)
	}
	if *writeDir != "" {
		_ = os.WriteFile(filepath.Join(*writeDir, "report.html"), h.Bytes(), 0o644)
		_ = os.WriteFile(filepath.Join(*writeDir, "report.md"), m.Bytes(), 0o644)
	}
	return h.String(), m.String()
}

func TestHTML(t *testing.T) {
	job, ds, charts := plantsJob(t)
	schema := ds.Schema()
	sum, err := explain.FromJob(job, &schema)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := render(t, report.Input{Job: job, Summary: sum, Charts: charts})

	if strings.Contains(html, "<script") || strings.Contains(html, "<b>") {
		t.Errorf("user text reached the page as markup")
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "&lt;b&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks the escaped user text %q", want)
		}
	}
	// Nothing is fetched: no http(s) URL at all (the prompt's link is
	// text), every src is a data: image, no link, no @import, no url().
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(?:https?:|//)`).FindString(html); m != "" {
		t.Errorf("external resource: %s", m)
	}
	for _, m := range regexp.MustCompile(`(?i)\bsrc\s*=\s*"([^"]*)"`).FindAllStringSubmatch(html, -1) {
		if src := htmlpkg.UnescapeString(m[1]); !strings.HasPrefix(src, "data:image/svg+xml;base64,") {
			t.Errorf("src %.40q is not an inline image", m[1])
		}
	}
	for _, bad := range []string{"<link", "@import", "url(", "<iframe", "<object", "<embed"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	escapedPrompt := htmlpkg.EscapeString(hostilePrompt)
	if rest := strings.ReplaceAll(html, escapedPrompt, ""); strings.Contains(rest, "http://") || strings.Contains(rest, "https://") {
		t.Errorf("an http(s) URL in the page besides the prompt's text")
	}
	for _, want := range append(wantNumbers,
		"Independent-samples t-test", "Welch&#39;s t", "Assumption checks", "Variances are similar",
		"@media print", ds.SHA256, "python3 reproduce.py data.csv", "v0.18.0", "2026.12.1", "two_groups_mean",
		"A numeric outcome compared", "treatment has 2 levels", "data:image/svg&#43;xml;base64,", "<figure>") {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	job, ds, charts := plantsJob(t)
	_, md := render(t, report.Input{Job: job, Charts: charts})
	for _, want := range append(wantNumbers,
		"# Independent-samples t-test", "> Does the &lt;script&gt;alert(\"x\")&lt;/script&gt; drug raise \\*yield\\* \\| \\[more\\]",
		"| Test | Statistic | df | p | Effect size | 95% CI | n |", "|---|---|---|---|---|---|---|",
		"## Assumption checks", ds.SHA256, "```sh\npython3 reproduce.py data.csv\n```") {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if strings.Contains(md, "<script") || strings.Contains(md, "<b>") {
		t.Errorf("report.md holds raw HTML from user text")
	}
	// Every table row has as many cells as its header.
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| Welch") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 8 {
			t.Errorf("row %q does not have 7 cells", line)
		}
	}
}

func TestReportRefuses(t *testing.T) {
	job, _, _ := plantsJob(t)
	var buf bytes.Buffer
	err := report.HTML(&buf, report.Input{Job: job, Charts: []report.Chart{{Name: "x", SVG: []byte("<html><script>")}}})
	if inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("a chart that is not SVG: %v, want invalid_input", err)
	}
	failed := *job
	failed.Status = inferra.JobFailed
	if err := report.Markdown(&buf, report.Input{Job: &failed}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("failed job: %v, want invalid_input", err)
	}
	// Without a covered analysis (or with "-") there is no reproduce
	// section.
	buf.Reset()
	if err := report.HTML(&buf, report.Input{Job: job, Reproduce: "-"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "reproduce.py") {
		t.Errorf("Reproduce \"-\" still shows the command")
	}
}

func ExampleMarkdown() {
	csv := "arm,score\na,1.5\na,2.5\na,2.0\nb,3.5\nb,4.25\nb,5.0\n"
	ds, _ := load.ParseCSV([]byte(csv), load.Options{})
	d := &inferra.Decision{Analysis: "mannwhitneyu", Params: map[string]string{"group": "arm", "value": "score"}, Source: inferra.SourceUser}
	res, _ := stats.Run(context.Background(), ds, d.Analysis, d.Params)
	raw, _ := json.Marshal(res.Stats)
	job := &inferra.Job{ID: "j1", Status: inferra.JobSucceeded, Prompt: "Do b score higher?", Decision: d, Result: raw,
		Dataset:    inferra.DatasetRef{Name: "scores.csv", SHA256: ds.SHA256},
		Provenance: &inferra.Provenance{RowsUsed: res.RowsUsed}}
	var buf bytes.Buffer
	if err := report.Markdown(&buf, report.Input{Job: job}); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(buf.String(), "\n")
	fmt.Println(strings.Join(lines[:3], "\n"))
	// scipy: mannwhitneyu([1.5, 2.5, 2.0], [3.5, 4.25, 5.0]) gives U = 0,
	// exact p = 0.1.

	// Output:
	// # Mann–Whitney U test
	//
	// > Do b score higher?
}
