package explain_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/explain"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
	"github.com/inferra/inferra/stats"
)

// refCase is one case of testdata/reference*.json: scipy's and
// statsmodels' numbers for an analysis on a dataset.
type refCase struct {
	ID          string            `json:"id"`
	Dataset     string            `json:"dataset"`
	Analysis    string            `json:"analysis"`
	Params      map[string]string `json:"params"`
	Expected    map[string]any    `json:"expected"`
	RowsUsed    int               `json:"rows_used"`
	RowsDropped int               `json:"rows_dropped"`
}

func reference(t *testing.T, id string) refCase {
	t.Helper()
	for _, f := range []string{"reference.json", "reference_more.json", "reference_ols.json", "reference_dist.json"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		var cases []refCase
		if err := json.Unmarshal(b, &cases); err != nil {
			var wrapped struct {
				Cases []refCase `json:"cases"`
			}
			if err := json.Unmarshal(b, &wrapped); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			cases = wrapped.Cases
		}
		for _, c := range cases {
			if c.ID == id {
				return c
			}
		}
	}
	t.Fatalf("no reference case %q", id)
	return refCase{}
}

func loadData(t *testing.T, dataset string) *inferra.Dataset {
	t.Helper()
	ds, err := load.File(filepath.Join("..", "testdata", dataset), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// summarize runs the analysis of a reference case with stats.Run and
// summarises it.
func summarize(t *testing.T, c refCase) *explain.Summary {
	t.Helper()
	ds := loadData(t, c.Dataset)
	res, err := stats.Run(context.Background(), ds, c.Analysis, c.Params)
	if err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	schema := ds.Schema()
	s, err := explain.FromResult(res, &inferra.Decision{Analysis: c.Analysis, Params: c.Params}, &schema)
	if err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	if s.Generic {
		t.Errorf("%s: generic summary, want a specific one", c.ID)
	}
	return s
}

// The expected texts below format scipy's numbers (the reference files)
// as the summary promises to: two decimals, APA p-values, no leading zero
// for quantities bounded by 1.

func f2(x any) string {
	s := fmt.Sprintf("%.2f", x.(float64))
	return strings.Replace(s, "-", "−", 1)
}

func unit(x any) string {
	s := strings.Replace(fmt.Sprintf("%.2f", x.(float64)), "0.", ".", 1)
	return strings.Replace(s, "-", "−", 1)
}

func pAPA(x any) string {
	p := x.(float64)
	if p < 0.001 {
		return "p < .001"
	}
	return "p = " + strings.TrimPrefix(fmt.Sprintf("%.3f", p), "0")
}

func dfText(x any) string {
	v := x.(float64)
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func block(e map[string]any, k string) map[string]any { return e[k].(map[string]any) }

func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s = %q, want it to contain %q", what, text, w)
		}
	}
}

func cell(tb explain.Table, row int, col string) string {
	for j, c := range tb.Columns {
		if c == col && row < len(tb.Rows) {
			return tb.Rows[row][j]
		}
	}
	return "(no column " + col + ")"
}

func TestEveryAnalysisHasItsOwnSummary(t *testing.T) {
	var missing []string
	for _, s := range stats.Specs() {
		if !explain.Specific(s.ID) {
			missing = append(missing, s.ID)
		}
	}
	for _, s := range plots.Specs() {
		if !explain.Specific(s.ID) {
			missing = append(missing, s.ID+" (chart)")
		}
	}
	if len(missing) > 0 {
		t.Errorf("analyses without a summarizer of their own (they get the generic table): %s; add one in package explain", strings.Join(missing, ", "))
	}
}

func TestTTestInd(t *testing.T) {
	c := reference(t, "ttest_ind/plants-yield")
	e := c.Expected
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning,
		"higher in Drug", "than in placebo",
		"by "+f2(e["mean_difference"])+" (95% CI ["+f2(e["ci_low"])+", "+f2(e["ci_high"])+"])",
		"statistically significant and medium (d = "+f2(e["cohens_d"])+"; Welch's t("+dfText(e["df"])+") = "+f2(e["statistic"])+", "+pAPA(e["p_value"])+")")
	main := s.Tables[0]
	if got, want := cell(main, 0, "Test"), "Welch's t"; got != want {
		t.Errorf("first row = %q, want %q", got, want)
	}
	if got, want := cell(main, 1, "p"), strings.TrimPrefix(pAPA(block(e, "student")["p_value"]), "p = "); got != want {
		t.Errorf("Student's p = %q, want %q", got, want)
	}
	if got, want := cell(main, 0, "Effect size"), "d = "+f2(e["cohens_d"]); got != want {
		t.Errorf("effect = %q, want %q", got, want)
	}
	if s.Effect.Size != explain.Medium || s.Effect.CILow == nil || s.Effect.CIMethod == "" {
		t.Errorf("effect = %+v, want medium with an approximate interval", s.Effect)
	}
	contains(t, "Rows", s.Rows.Text, "61 of 64 rows were used; 3 were left out", "treatment or yield")
	contains(t, "AssumptionsLine", s.AssumptionsLine,
		"Variances are similar (Levene "+pAPA(block(e, "levene")["p_value"])+")", "normal in each group tested")
}

func TestWelchWhenVariancesDiffer(t *testing.T) {
	c := reference(t, "ttest_ind/welch-strength")
	s := summarize(t, c)
	contains(t, "AssumptionsLine", s.AssumptionsLine,
		"Variances differ (Levene "+pAPA(block(c.Expected, "levene")["p_value"])+"): Welch's test, which does not assume equal variances, is used")
	if s.Assumptions[0].Met {
		t.Errorf("Levene check met = true, want false")
	}
}

func TestSignificantButNegligible(t *testing.T) {
	for _, id := range []string{"ttest_ind/large-value", "pearsonr/large-xy", "spearmanr/large-xy"} {
		c := reference(t, id)
		s := summarize(t, c)
		contains(t, id+" Meaning", s.Meaning, "statistically significant but negligible")
		if s.Effect.Size != explain.Negligible || !*s.Significant {
			t.Errorf("%s: size %q, significant %v; want negligible and significant", id, s.Effect.Size, *s.Significant)
		}
	}
	c := reference(t, "pearsonr/large-xy")
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning, "r = "+unit(c.Expected["statistic"]), "with 19,999 rows even a tiny correlation is detected")
}

func TestCorrelations(t *testing.T) {
	c := reference(t, "pearsonr/body-mass-sleep")
	e := c.Expected
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning, "Body.Mass and hours slept have a statistically significant medium negative correlation",
		"r = "+unit(e["statistic"])+", 95% CI ["+unit(e["ci_low"])+", "+unit(e["ci_high"])+"], "+pAPA(e["p_value"]), "tends to shrink")
	contains(t, "Rows", s.Rows.Text, "116 of 120 rows were used; 4 were left out")

	c = reference(t, "kendalltau/ranks-n34-asymptotic")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "τb = "+unit(c.Expected["statistic"]))
	// τ = .59 is r = sin(π·.59/2) ≈ .80 on Greiner's relation: large.
	if s.Effect.Size != explain.Large {
		t.Errorf("kendall size = %q, want large", s.Effect.Size)
	}

	c = reference(t, "partial_corr/health-sbp-chol-age-bmi")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "once age and bmi are held fixed is not statistically significant", pAPA(c.Expected["p_value"]))
	contains(t, "Rows", s.Rows.Text, "a value of sbp, chol, age or bmi is missing")
	if got, want := cell(s.Tables[0], 0, "df"), dfText(c.Expected["df"]); got != want {
		t.Errorf("partial df = %q, want %q", got, want)
	}
}

func TestPairedAndOneSample(t *testing.T) {
	c := reference(t, "ttest_rel/paired_wide")
	e := c.Expected
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning, "Before is on average higher than After by "+f2(e["mean_difference"]),
		"t("+dfText(e["df"])+") = "+f2(e["statistic"]))
	contains(t, "AssumptionsLine", s.AssumptionsLine, "not normal (Shapiro–Wilk "+pAPA(block(e, "normality")["p_value"])+"): the rank test (Wilcoxon "+pAPA(block(e, "wilcoxon")["p_value"])+") agrees")

	c = reference(t, "ttest_1samp/body-sleep-7")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "The mean of hours slept, "+f2(e["mean"]), "is higher than 7.00 by "+f2(e["mean_difference"]),
		"medium (d = "+f2(e["cohens_d"])+"; t(")

	c = reference(t, "wilcoxon/paired_zeros-approx")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "not statistically significant", pAPA(e["p_value"]))
	// |r| = (T_total − 2T)/T_total with T_total = m(m+1)/2 over the
	// non-zero pairs.
	m := e["n_nonzero"].(float64)
	tot := m * (m + 1) / 2
	if got, want := s.Effect.Value, (tot-2*e["statistic"].(float64))/tot; math.Abs(got-want) > 1e-12 {
		t.Errorf("wilcoxon |r| = %g, want %g", got, want)
	}
}

func TestRankTests(t *testing.T) {
	c := reference(t, "mannwhitneyu/tiny_groups-exact")
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning, "tend to be higher in 1", "U = "+f2(c.Expected["statistic"]), pAPA(c.Expected["p_value"]))
	if s.Effect.Size != explain.Large {
		t.Errorf("rank-biserial %.2f size = %q, want large", s.Effect.Value, s.Effect.Size)
	}
	c = reference(t, "kruskal/sites-yield")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "H("+dfText(c.Expected["df"])+") = "+f2(c.Expected["statistic"]))
	if got, want := s.Effect.Value, c.Expected["statistic"].(float64)/(c.Expected["n"].(float64)-1); math.Abs(got-want) > 1e-12 {
		t.Errorf("ε² = %g, want %g", got, want)
	}
}

func TestANOVA(t *testing.T) {
	c := reference(t, "f_oneway/sites-yield")
	e := c.Expected
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning, "from 48.74 in Site-C to 54.43 in Site-A",
		"statistically significant and large (η² = "+unit(e["eta_squared"])+"; F(5, 102) = "+f2(e["statistic"])+", "+pAPA(e["p_value"])+")")
	w := block(e, "welch")
	contains(t, "AssumptionsLine", s.AssumptionsLine,
		"Variances differ (Levene "+pAPA(block(e, "levene")["p_value"])+"): read Welch's ANOVA, F("+dfText(w["df_between"])+", "+dfText(w["df_within"])+") = "+f2(w["statistic"]),
		"the rank test (Kruskal–Wallis "+pAPA(block(e, "kruskal")["p_value"])+") agrees")
	if got := len(s.Tables[1].Rows); got != 6 {
		t.Errorf("groups table has %d rows, want 6", got)
	}
}

// TestANOVAPostHoc reads the posthoc block of a significant f_oneway
// result (stats.ANOVAPostHoc: method, reason and the pairs that differ)
// against scipy's numbers (testdata/reference.py's anova_posthoc).
func TestANOVAPostHoc(t *testing.T) {
	// Levene rejects equal variances: Games–Howell, 3 of 15 pairs.
	c := reference(t, "f_oneway/sites-yield")
	ph := block(c.Expected, "posthoc")
	s := summarize(t, c)
	if s.PostHoc == nil {
		t.Fatal("no post-hoc summary of a significant ANOVA with a posthoc block")
	}
	want := ph["pairs"].([]any)
	if s.PostHoc.Method != "Games–Howell" || s.PostHoc.Compared != 15 || s.PostHoc.Differ != len(want) || len(s.PostHoc.Pairs) != len(want) {
		t.Errorf("PostHoc = %+v, want Games–Howell, 15 compared, %d differing and listed", s.PostHoc, len(want))
	}
	if s.PostHoc.Reason != ph["reason"] {
		t.Errorf("reason = %q, want %q", s.PostHoc.Reason, ph["reason"])
	}
	contains(t, "Meaning", s.Meaning, "Games–Howell comparisons (which do not assume equal variances) find that 3 of the 15 pairs differ")
	for _, p := range want {
		contains(t, "Meaning", s.Meaning, pairPhrase(p.(map[string]any)))
	}
	last := s.Tables[len(s.Tables)-1]
	if last.Title != "Post hoc: Games–Howell, the pairs that differ" || len(last.Rows) != len(want) {
		t.Errorf("last table = %q with %d rows, want the %d pairs that differ", last.Title, len(last.Rows), len(want))
	}
	contains(t, "post-hoc note", last.Note, "Levene's test rejects equal variances (p < .05)", "out of 15")
	for _, n := range s.Notes {
		if strings.Contains(n, "games_howell") {
			t.Errorf("note %q, want none: the result says which pairs differ", n)
		}
	}
	if got, want := cell(last, 0, "t"), f2(want[0].(map[string]any)["t"]); got != want {
		t.Errorf("t of the first pair = %q, want %q", got, want)
	}

	// Equal variances: Tukey's HSD with its simultaneous interval; one
	// pair of three differs.
	c = reference(t, "f_oneway/offset-x")
	s = summarize(t, c)
	p := block(c.Expected, "posthoc")["pairs"].([]any)[0].(map[string]any)
	if s.PostHoc == nil || s.PostHoc.Method != "Tukey's HSD" || len(s.PostHoc.Pairs) != 1 || s.PostHoc.Pairs[0].CILow == nil {
		t.Fatalf("PostHoc = %+v, want Tukey's HSD with one pair and its interval", s.PostHoc)
	}
	contains(t, "Meaning", s.Meaning, "1 of the 3 pairs differs", pairPhrase(p))
	if got, want := *s.PostHoc.Pairs[0].CILow, p["ci_low"].(float64); math.Abs(got-want) > 1e-9*math.Abs(want) {
		t.Errorf("ci_low = %g, want %g", got, want)
	}

	// Two groups: the one pair, with no count of pairs.
	c = reference(t, "f_oneway/extreme-marker")
	s = summarize(t, c)
	p = block(c.Expected, "posthoc")["pairs"].([]any)[0].(map[string]any)
	contains(t, "Meaning", s.Meaning, "Tukey's HSD comparisons (which pool the variances of the groups): "+pairPhrase(p)+".")

	// Not significant: no block, no note.
	c = reference(t, "f_oneway/coded-dose")
	s = summarize(t, c)
	if s.PostHoc != nil || len(s.Notes) != 0 {
		t.Errorf("not significant: PostHoc = %+v, Notes = %q; want neither", s.PostHoc, s.Notes)
	}

	// A significant result without the block (neither test could run):
	// a note names the analyses that say which pairs differ.
	c = reference(t, "f_oneway/sites-yield")
	ds := loadData(t, c.Dataset)
	res, err := stats.Run(context.Background(), ds, c.Analysis, c.Params)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(res.Stats)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	delete(m, "posthoc")
	raw, _ = json.Marshal(m)
	s, err = explain.Summarize(explain.Input{Analysis: "f_oneway", Params: c.Params, Result: raw, RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped})
	if err != nil {
		t.Fatal(err)
	}
	if s.PostHoc != nil || len(s.Notes) == 0 || !strings.Contains(s.Notes[0], "games_howell") {
		t.Errorf("without a post-hoc block: PostHoc = %v, Notes = %q; want a note naming games_howell", s.PostHoc, s.Notes)
	}
}

// pairPhrase is how a summary states a pair that differs: the higher
// group, by how much, with the adjusted p.
func pairPhrase(p map[string]any) string {
	hi, lo, d := p["a"].(string), p["b"].(string), p["mean_difference"].(float64)
	if d < 0 {
		hi, lo, d = lo, hi, -d
	}
	return hi + " is higher than " + lo + " by " + f2(d) + " (" + pAPA(p["p_value"]) + ")"
}

func TestOLS(t *testing.T) {
	c := reference(t, "ols/houses-main")
	e := c.Expected
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning,
		"explains 66% of the variance of price (R² = "+unit(e["r_squared"])+", adjusted R² = "+unit(e["adj_r_squared"])+")",
		"a large effect; the fit is statistically significant (F(7, 146) = "+f2(e["f_statistic"]),
		"price is 1.57 higher for each unit more of floor.area",
		"price is 96.59 lower with region = south than with region = central")
	var terms []string
	for _, r := range s.Tables[1].Rows {
		terms = append(terms, r[0])
	}
	want := "(Intercept)|region: east vs central|region: north vs central|region: south vs central|region: west vs central|garage: True vs False|floor.area|age"
	if got := strings.Join(terms, "|"); got != want {
		t.Errorf("terms = %s\nwant %s", got, want)
	}
	for _, r := range s.Tables {
		for _, row := range r.Rows {
			for _, v := range row {
				if strings.Contains(v, "Q(") {
					t.Errorf("table %q shows %q", r.Title, v)
				}
			}
		}
	}
	contains(t, "AssumptionsLine", s.AssumptionsLine, "he residuals look normal (Jarque–Bera "+pAPA(block(e, "jarque_bera")["p_value"])+")", "no worrying collinearity")

	c = reference(t, "ols/sites-C-site-hc3")
	s = summarize(t, c)
	if got := s.Tables[1].Columns[3]; got != "z" {
		t.Errorf("HC3 coefficient column = %q, want z", got)
	}
}

func TestTerm(t *testing.T) {
	levels := map[string]string{"region": "central", "group": "1", "sex": "F"}
	ref := func(col string) string { return levels[col] }
	for _, c := range []struct{ in, want string }{
		{"Intercept", "(Intercept)"},
		{"Q('floor.area')", "floor.area"},
		{`Q("hours slept")`, "hours slept"},
		{"region[T.south]", "region: south vs central"},
		{"region[central]", "region: central"},
		{"C(group)[T.2.0]", "group: 2 vs 1"},
		{"C(treat, Treatment(reference='b'))[T.a]", "treat: a vs b"},
		{"garage[T.True]", "garage: True vs False"},
		{"np.log(Q('floor.area'))", "log(floor.area)"},
		{"I(age ** 2)", "age²"},
		{"I(dose * weight)", "dose × weight"},
		{"sex[T.M]:dose", "sex: M vs F × dose"},
		{"C(kf)[T.2.0]", "kf: 2 vs the reference level"},
	} {
		if got := explain.Term(c.in, ref); got != c.want {
			t.Errorf("Term(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTables(t *testing.T) {
	c := reference(t, "chi2_contingency/survey-sex-region-2x3")
	e := c.Expected
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning, "between sex and region is not statistically significant (χ²(2, N = 178) = "+f2(e["statistic"])+", "+pAPA(e["p_value"])+"); its estimated size is small (V = "+unit(e["cramers_v"])+")")
	contains(t, "AssumptionsLine", s.AssumptionsLine, "Every expected count is at least 5")

	c = reference(t, "chi2_contingency/sparse-zero-cell-warning")
	s = summarize(t, c)
	contains(t, "AssumptionsLine", s.AssumptionsLine, "expected counts are below 5", "fisher_exact gives an exact one")

	c = reference(t, "fisher_exact/survey-sex-smoker")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "the odds of smoker = yes are "+f2(c.Expected["statistic"])+" times as high with sex = M as with sex = F",
		"statistically significant and small (OR = "+f2(c.Expected["statistic"])+"; Fisher's exact "+pAPA(c.Expected["p_value"]))

	c = reference(t, "fisher_exact/sparse-infinite-odds")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "infinite")

	c = reference(t, "mantel_haenszel/survey-exposure-disease-by-age")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "Pooled over the 3 strata of age_group, the odds of disease = yes are "+f2(e["odds_ratio"])+" times as high with exposure = yes",
		"95% CI ["+f2(e["ci_low"])+", "+f2(e["ci_high"])+"]")
	contains(t, "AssumptionsLine", s.AssumptionsLine, "consistent across strata (Breslow–Day "+pAPA(block(e, "breslow_day")["p_value"])+")")

	c = reference(t, "describe/plants-yield-by-treatment")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "yield has mean "+f2(e["mean"])+" (SD "+f2(e["std"])+") and median "+f2(e["median"]),
		"roughly symmetric", "By treatment, the mean is highest in Drug")
	if got := s.Tables[0].Columns; strings.Join(got, "|") != "Statistic|All|Drug|placebo" {
		t.Errorf("describe columns = %q", got)
	}

	c = reference(t, "describe/likert-q1-mode")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "The mode of Q1 satisfaction is 4, taken by 29 of 93 values")
}

func TestCharts(t *testing.T) {
	for _, c := range []struct {
		dataset, id string
		params      map[string]string
		wants       []string
	}{
		{"data/plants.csv", "boxplot", map[string]string{"group": "treatment", "value": "yield"}, []string{"2 groups of treatment (n = 61)", "from 19.46 (placebo) to 22.25 (Drug)"}},
		{"data/houses.csv", "histogram", map[string]string{"x": "price", "bins": "8"}, []string{"in 8 bins", "as asked"}},
		{"data/body.csv", "kde", map[string]string{"x": "hours slept"}, []string{"smoothed histogram of hours slept (n = 118)"}},
		{"data/body.csv", "scatter", map[string]string{"x": "Body.Mass", "y": "hours slept"}, []string{"hours slept (vertical) against Body.Mass", "every point is drawn"}},
		{"data/body.csv", "regplot", map[string]string{"x": "Body.Mass", "y": "hours slept"}, []string{"least-squares line hours slept = ", "medium (r = −.43; p < .001, n = 116)"}},
		{"data/houses.csv", "residuals", map[string]string{"formula": "price ~ Q('floor.area') + age"}, []string{"price ~ floor.area + age", "funnel"}},
		{"data/survey.csv", "crosstab", map[string]string{"x": "sex", "y": "smoker", "strata": "region"}, []string{"177 rows by sex (along the axis) and smoker (by colour), in 3 groups of bars", "significant by the Cochran–Mantel–Haenszel test (p = .002)"}},
		{"data/shapes.csv", "qqplot", map[string]string{"x": "income", "dist": "gamma"}, []string{"a gamma (shape 1.727) distribution", "r = .981", "Kolmogorov–Smirnov test (p = .343)"}},
		{"data/welch.csv", "ecdf", map[string]string{"group": "batch", "value": "strength"}, []string{"(big: 40 values, small: 12 values)", "furthest apart at 10.61, where 42% of big and 100% of small", "D = .575, p = .002"}},
	} {
		ds := loadData(t, c.dataset)
		ch, err := plots.Render(context.Background(), ds, c.id, c.params, plots.Options{Width: 200, Height: 150})
		if err != nil {
			t.Fatal(err)
		}
		res := &inferra.Result{Analysis: c.id, Stats: ch.Stats, RowsUsed: ch.RowsUsed, RowsDropped: ch.RowsDropped}
		s, err := explain.FromResult(res, &inferra.Decision{Analysis: c.id, Params: c.params}, nil)
		if err != nil {
			t.Fatal(err)
		}
		contains(t, c.id+" Meaning", s.Meaning, c.wants...)
	}
}

// TestGeneric: an analysis with no summarizer of its own still gets a
// correct table from its top-level statistic, df and p-value.
func TestGeneric(t *testing.T) {
	raw := json.RawMessage(`{"statistic": 4.25, "p_value": 0.0123, "df": 3, "n": 40, "whatever": [1, 2]}`)
	s, err := explain.Summarize(explain.Input{Analysis: "friedmanchisquare", Params: map[string]string{"x": "a", "y": "b"}, Result: raw, RowsUsed: 40, RowsDropped: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Generic || s.Significant == nil || !*s.Significant {
		t.Errorf("Generic = %v, Significant = %v; want a generic significant summary", s.Generic, s.Significant)
	}
	if got, want := strings.Join(s.Tables[0].Rows[0], "|"), "friedmanchisquare|4.25|3|.012|||40"; got != want {
		t.Errorf("row = %q, want %q", got, want)
	}
	contains(t, "Meaning", s.Meaning, "statistically significant at the 5% level (statistic = 4.25, p = .012, n = 40)")
	contains(t, "Rows", s.Rows.Text, "40 of 42 rows were used; 2 were left out", "a or b")

	// Two degrees of freedom, as a variance test has them.
	s, err = explain.Summarize(explain.Input{Analysis: "cochrans_q", Result: json.RawMessage(`{"statistic": 2.5, "p_value": 0.2, "df1": 2, "df2": 57}`), RowsUsed: 60})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Tables[0].Rows[0][2]; got != "2, 57" {
		t.Errorf("df cell = %q, want \"2, 57\"", got)
	}
	contains(t, "Meaning", s.Meaning, "not statistically significant")

	if _, err := explain.Summarize(explain.Input{Analysis: "ttest_ind", Result: json.RawMessage("null")}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("null result: err = %v, want invalid_input", err)
	}
	if _, err := explain.Summarize(explain.Input{Analysis: "ttest_ind", Result: json.RawMessage(`[1]`)}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("array result: err = %v, want invalid_input", err)
	}
}

func TestFromJob(t *testing.T) {
	c := reference(t, "ttest_ind/welch-strength")
	ds := loadData(t, c.Dataset)
	res, err := stats.Run(context.Background(), ds, c.Analysis, c.Params)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(res.Stats)
	job := &inferra.Job{Status: inferra.JobSucceeded, Decision: &inferra.Decision{Analysis: c.Analysis, Params: c.Params}, Result: raw,
		Provenance: &inferra.Provenance{RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped}}
	s, err := explain.FromJob(job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "Independent-samples t-test" || s.Rows.Used != 52 {
		t.Errorf("FromJob: title %q, rows %d", s.Title, s.Rows.Used)
	}
	job.Status = inferra.JobFailed
	if _, err := explain.FromJob(job, nil); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("failed job: err = %v, want invalid_input", err)
	}
}

func TestConventions(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range explain.Conventions() {
		if !(c.Small < c.Medium && c.Medium < c.Large) || c.Source == "" {
			t.Errorf("convention %+v: thresholds not increasing or no source", c)
		}
		for _, u := range c.Used {
			seen[u] = true
		}
	}
	for _, id := range []string{"ttest_ind", "f_oneway", "pearsonr", "chi2_contingency", "fisher_exact", "ols", "kendalltau"} {
		if !seen[id] {
			t.Errorf("no convention names %s", id)
		}
	}
}
