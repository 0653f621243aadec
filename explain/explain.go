package explain

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// Summary is a result put in plain words: a labelled table, one sentence
// of what it means with the size of the effect in words, the rows left
// out, the assumption checks and, after a significant ANOVA, which pairs
// differ. It is the job document's "summary" block.
type Summary struct {
	// Analysis is the analysis id.
	Analysis string `json:"analysis"`
	// Title names the analysis for a person ("Independent-samples t-test").
	Title string `json:"title"`
	// Meaning is the "what this means" sentence (or two).
	Meaning string `json:"meaning"`
	// Significant tells whether the main test is significant at the 5%
	// level; nil for descriptions and charts.
	Significant *bool `json:"significant,omitempty"`
	// Effect is the size of the effect, when the analysis has one.
	Effect *Effect `json:"effect,omitempty"`
	// Tables are the labelled tables, the main one first (for a test:
	// Test, Statistic, df, p, Effect size, 95% CI, n).
	Tables []Table `json:"tables"`
	// Rows says how many rows were used and left out, and why.
	Rows Rows `json:"rows"`
	// Assumptions are the checks the result carries, each with what it
	// implies; AssumptionsLine puts them in one line.
	Assumptions     []Check `json:"assumptions,omitempty"`
	AssumptionsLine string  `json:"assumptions_line,omitempty"`
	// PostHoc lists which pairs of groups differ, after an ANOVA whose
	// result carries pairwise comparisons.
	PostHoc *PostHoc `json:"post_hoc,omitempty"`
	// Notes are further remarks (a warning of the analysis, what to run
	// next).
	Notes []string `json:"notes,omitempty"`
	// Generic is true when the analysis has no summarizer of its own and
	// the summary was built from its top-level statistic and p-value.
	Generic bool `json:"generic,omitempty"`
}

// Table is a labelled table; every cell is text, formatted for reading.
type Table struct {
	Title   string     `json:"title"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
	// Note is a line under the table.
	Note string `json:"note,omitempty"`
}

// Rows says how many rows an analysis used and left out.
type Rows struct {
	Used    int `json:"used"`
	Dropped int `json:"dropped"`
	// Text says it in words, with the reason.
	Text string `json:"text"`
}

// Check is one assumption check and what it implies.
type Check struct {
	// Name names the check ("Levene's test").
	Name string `json:"name"`
	// Statistic and PValue are its numbers, when it is a test.
	Statistic *float64 `json:"statistic,omitempty"`
	PValue    *float64 `json:"p_value,omitempty"`
	// Met is whether the assumption holds by this check.
	Met bool `json:"met"`
	// Text is the check and its consequence in words ("variances differ
	// (Levene p = .003): Welch's test is used").
	Text string `json:"text"`
}

// Input is what a summary is built from. Result is the job document's
// "result" (the JSON of inferra.Result.Stats).
type Input struct {
	Analysis string
	Params   map[string]string
	Result   json.RawMessage
	// RowsUsed and RowsDropped are the result's counts.
	RowsUsed, RowsDropped int
	// Schema, when given, names the reference level of a factor in a
	// regression ("region: south vs central"); without it the summary
	// says "vs the reference level".
	Schema *inferra.Schema
}

// summarizer builds the summary of one analysis from its decoded result.
type summarizer func(c *ctx) error

// ctx carries what a summarizer reads and the summary it fills.
type ctx struct {
	in  Input
	raw json.RawMessage
	s   *Summary
}

func (c *ctx) decode(v any) error {
	if err := json.Unmarshal(c.raw, v); err != nil {
		return inferra.Errorf(inferra.EInvalid, "the %s result cannot be read: %v", c.in.Analysis, err)
	}
	return nil
}

// param returns a parameter of the decision.
func (c *ctx) param(name string) string { return c.in.Params[name] }

// summarizers holds the analyses with a summary of their own.
var summarizers = map[string]summarizer{}

func register(id string, f summarizer) {
	if _, dup := summarizers[id]; dup {
		panic("explain: summarizer registered twice: " + id)
	}
	summarizers[id] = f
}

// Specific reports whether analysis has a summarizer of its own (others
// get the generic summary).
func Specific(analysis string) bool {
	_, ok := summarizers[analysis]
	return ok
}

// Analyses lists the analyses with a summarizer of their own, sorted.
func Analyses() []string {
	return slices.Sorted(maps.Keys(summarizers))
}

// Summarize builds the summary of a result. An analysis without a
// summarizer of its own gets a generic one from its top-level statistic,
// df and p-value. A result that is not a JSON object is an EInvalid error.
func Summarize(in Input) (*Summary, error) {
	raw := in.Result
	if len(raw) == 0 || string(raw) == "null" {
		return nil, inferra.Errorf(inferra.EInvalid, "the %s job has no result to summarise", in.Analysis)
	}
	c := &ctx{in: in, raw: raw, s: &Summary{Analysis: in.Analysis, Tables: []Table{}}}
	c.s.Rows = rowsText(in)
	f, ok := summarizers[in.Analysis]
	if !ok {
		f = generic
	}
	if err := f(c); err != nil {
		return nil, err
	}
	if len(c.s.Assumptions) > 0 {
		texts := make([]string, len(c.s.Assumptions))
		for i, a := range c.s.Assumptions {
			texts[i] = a.Text
		}
		c.s.AssumptionsLine = capital(strings.Join(texts, "; ")) + "."
	}
	return c.s, nil
}

// FromResult summarises a result as an Analyzer (stats.Run or a chart)
// returns it, with the decision that asked for it. schema is optional
// (see Input.Schema).
func FromResult(res *inferra.Result, d *inferra.Decision, schema *inferra.Schema) (*Summary, error) {
	if res == nil {
		return nil, inferra.Errorf(inferra.EInvalid, "no result to summarise")
	}
	raw, err := json.Marshal(res.Stats)
	if err != nil {
		return nil, fmt.Errorf("explain: encoding the %s result: %w", res.Analysis, err)
	}
	in := Input{Analysis: res.Analysis, Result: raw, RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped, Schema: schema}
	if d != nil {
		in.Params = d.Params
		if in.Analysis == "" {
			in.Analysis = d.Analysis
		}
	}
	return Summarize(in)
}

// FromJob summarises a finished job document (a stored job, the output
// of inferra analyze). A job that did not succeed is an EInvalid error.
func FromJob(job *inferra.Job, schema *inferra.Schema) (*Summary, error) {
	if job == nil || job.Decision == nil || job.Status != inferra.JobSucceeded {
		return nil, inferra.Errorf(inferra.EInvalid, "only a succeeded job has a result to summarise")
	}
	in := Input{Analysis: job.Decision.Analysis, Params: job.Decision.Params, Result: job.Result, Schema: schema}
	if p := job.Provenance; p != nil {
		in.RowsUsed, in.RowsDropped = p.RowsUsed, p.RowsDropped
	}
	return Summarize(in)
}

// columnsForm reports whether a two-sample analysis compares the columns
// x and y (rather than value split by group).
func (c *ctx) columnsForm() bool {
	return strings.TrimSpace(c.param("x")) != "" || strings.TrimSpace(c.param("y")) != ""
}

// sampleLabel names a sample in a sentence: the column of the x, y form,
// the level of the group form, with the group's name when the level is a
// number ("dose 2" reads better than "2").
func (c *ctx) sampleLabel(level string) string {
	if c.columnsForm() {
		return level
	}
	if _, err := strconv.ParseFloat(level, 64); err == nil {
		return c.param("group") + " " + level
	}
	return level
}

// samplesWhat names the samples of a two-form analysis: "left and right",
// "score between control and treated", "reading across the 3 groups of
// lab".
func (c *ctx) samplesWhat(levels []string) string {
	switch {
	case c.columnsForm() && len(levels) == 2:
		return levels[0] + " and " + levels[1]
	case len(levels) == 2:
		return fmt.Sprintf("%s between %s and %s", c.param("value"), c.sampleLabel(levels[0]), c.sampleLabel(levels[1]))
	}
	return fmt.Sprintf("%s across the %d groups of %s", c.param("value"), len(levels), c.param("group"))
}

// columnsOf names the columns an analysis reads, for the rows-left-out
// sentence: the statistical analyses say so themselves; a chart reads
// its column parameters.
func columnsOf(in Input) []string {
	// partial_corr's covar is a list of names or one name with a comma;
	// the result says which.
	var r struct {
		Covariates []string `json:"covariates"`
	}
	if json.Unmarshal(in.Result, &r) == nil && len(r.Covariates) > 0 && in.Params["x"] != "" && in.Params["y"] != "" {
		return append([]string{in.Params["x"], in.Params["y"]}, r.Covariates...)
	}
	if cols := stats.Columns(in.Analysis, in.Params); cols != nil {
		return cols
	}
	if f := in.Params["formula"]; f != "" {
		cols, _ := stats.FormulaColumns(f)
		return cols
	}
	var cols []string
	for _, p := range []string{"x", "y", "group", "value", "hue", "strata"} {
		if v := in.Params[p]; v != "" && !slices.Contains(cols, v) {
			cols = append(cols, v)
		}
	}
	return cols
}

func rowsText(in Input) Rows {
	r := Rows{Used: in.RowsUsed, Dropped: in.RowsDropped}
	total := in.RowsUsed + in.RowsDropped
	cols := columnsOf(in)
	switch {
	case in.RowsDropped == 0:
		r.Text = fmt.Sprintf("All %s rows were used.", count(total))
	case samplesInColumns(in):
		// Two columns compared as independent samples: each keeps every
		// value it has, so only the rows missing both are left out.
		r.Text = fmt.Sprintf("%s of %s rows were used; %s %s left out because both %s and %s are missing in them (each column is a sample of its own and keeps every value it has).",
			count(in.RowsUsed), count(total), count(in.RowsDropped), was(in.RowsDropped), in.Params["x"], in.Params["y"])
	case len(cols) == 1:
		r.Text = fmt.Sprintf("%s of %s rows were used; %s %s left out because %s is missing in them.",
			count(in.RowsUsed), count(total), count(in.RowsDropped), was(in.RowsDropped), cols[0])
	case len(cols) > 1:
		r.Text = fmt.Sprintf("%s of %s rows were used; %s %s left out because a value of %s is missing in them (listwise deletion over the columns the analysis uses).",
			count(in.RowsUsed), count(total), count(in.RowsDropped), was(in.RowsDropped), orList(cols))
	default:
		r.Text = fmt.Sprintf("%s of %s rows were used; %s %s left out for missing values.",
			count(in.RowsUsed), count(total), count(in.RowsDropped), was(in.RowsDropped))
	}
	return r
}

// samplesInColumns reports whether an analysis that takes either two
// columns or a value split by a group (stats.Spec.Forms) was given the
// two columns x and y.
func samplesInColumns(in Input) bool {
	spec, ok := stats.Lookup(in.Analysis)
	return ok && len(spec.Forms) > 0 && strings.TrimSpace(in.Params["x"]) != "" && strings.TrimSpace(in.Params["y"]) != ""
}

func was(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func orList(words []string) string {
	if len(words) < 2 {
		return list(words)
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// mainColumns are the columns of a test's main table, as jamovi and JASP
// lay it out.
var mainColumns = []string{"Test", "Statistic", "df", "p", "Effect size", "95% CI", "n"}

// testRow is one row of a main table.
type testRow struct {
	test      string
	statistic string
	df        string
	p         float64
	hasP      bool
	effect    string
	ci        string
	n         int
}

func mainTable(title string, rows ...testRow) Table {
	t := Table{Title: title, Columns: slices.Clone(mainColumns)}
	for _, r := range rows {
		p := ""
		if r.hasP {
			p = pText(r.p)
		}
		n := ""
		if r.n > 0 {
			n = count(r.n)
		}
		t.Rows = append(t.Rows, []string{r.test, r.statistic, r.df, p, r.effect, r.ci, n})
	}
	return t
}

// effectCell and effectCI format an effect for the main table.
func effectCell(e *Effect, f func(float64) string) string {
	if e == nil {
		return ""
	}
	return e.Symbol + " = " + f(e.Value)
}

func effectCI(e *Effect, f func(float64) string) string {
	if e == nil || e.CILow == nil {
		return ""
	}
	return ci(*e.CILow, *e.CIHigh, f)
}

func boolp(b bool) *bool { return &b }

func fp(x float64) *float64 { return &x }

// significance says whether p is significant, in words.
func significance(p float64) string {
	if p < alpha {
		return "statistically significant"
	}
	return "not statistically significant"
}

// sizePhrase puts a verdict and the size of an effect in words, with the
// test that decided it: "statistically significant and medium (d = 0.61;
// t(58) = 2.41, p = .019)", "statistically significant but negligible
// (…)", or, for a test that is not significant, "not statistically
// significant (…); its estimated size is small (d = 0.21)".
func sizePhrase(e *Effect, p float64, f func(float64) string, test string) string {
	v := e.Symbol + " = " + f(e.Value)
	if p < alpha {
		if e.Size == Negligible {
			return fmt.Sprintf("statistically significant but negligible (%s; %s)", v, test)
		}
		return fmt.Sprintf("statistically significant and %s (%s; %s)", e.Size, v, test)
	}
	return fmt.Sprintf("not statistically significant (%s); its estimated size is %s (%s)", test, e.Size, v)
}

// generic summarises a result by its top-level statistic, df and p-value,
// which every test result has (docs/RESULTS.md).
func generic(c *ctx) error {
	var m map[string]any
	if err := c.decode(&m); err != nil {
		return err
	}
	c.s.Generic = true
	title := c.in.Analysis
	if spec, ok := stats.Lookup(c.in.Analysis); ok {
		title = capital(spec.Summary)
	}
	c.s.Title = title
	stat, hasStat := m["statistic"].(float64)
	p, hasP := m["p_value"].(float64)
	dfs := ""
	for _, k := range []string{"df", "dof"} {
		if v, ok := m[k].(float64); ok {
			dfs = df(v)
		}
	}
	for _, pair := range [][2]string{{"df_between", "df_within"}, {"df1", "df2"}} {
		if a, ok := m[pair[0]].(float64); ok {
			if b, ok := m[pair[1]].(float64); ok {
				dfs = df(a) + ", " + df(b)
			}
		}
	}
	n := c.in.RowsUsed
	if v, ok := m["n"].(float64); ok {
		n = int(v)
	}
	if !hasStat && !hasP {
		c.s.Meaning = fmt.Sprintf("%s: the result holds no single test statistic; see the details.", title)
		return nil
	}
	row := testRow{test: c.in.Analysis, df: dfs, p: p, hasP: hasP, n: n}
	if hasStat {
		row.statistic = num(stat)
	}
	c.s.Tables = append(c.s.Tables, mainTable(title, row))
	if hasP {
		c.s.Significant = boolp(p < alpha)
		c.s.Meaning = fmt.Sprintf("The result is %s at the 5%% level (statistic = %s, %s, n = %s).",
			significance(p), row.statistic, pIs(p), count(n))
		if !hasStat {
			c.s.Meaning = fmt.Sprintf("The result is %s at the 5%% level (%s, n = %s).", significance(p), pIs(p), count(n))
		}
	} else {
		c.s.Meaning = fmt.Sprintf("The statistic is %s (n = %s).", row.statistic, count(n))
	}
	c.s.Notes = append(c.s.Notes, "This analysis has no plain-words summary of its own yet: the table shows its top-level statistic and p-value only.")
	return nil
}
