package applicable_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/applicable"
	"github.com/inferra/inferra/load"
)

// The datasets are written, and their properties (normality by
// scipy.stats.anderson at 5 %, expected counts, Levene's p) checked, by
// testdata/applicable_data.py.
func loadData(t *testing.T, name string) *inferra.Dataset {
	t.Helper()
	ds, err := load.File("../testdata/data/"+name, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func ids(as []inferra.Applicable) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Analysis
		if a.Params["dist"] != "" {
			out[i] += ":" + a.Params["dist"]
		}
	}
	return out
}

func TestFor(t *testing.T) {
	big, small := loadData(t, "applicable.csv"), loadData(t, "applicable_small.csv")
	cases := []struct {
		name     string
		ds       *inferra.Dataset
		analysis string
		params   map[string]string
		want     []string
		note     string // a substring of the evidence
	}{
		// Correlation: Pearson and Spearman from 50 pairs, Kendall always.
		{"corr large", big, "pearsonr", map[string]string{"x": "norm1", "y": "norm2"}, []string{"pearsonr", "spearmanr", "kendalltau"}, ""},
		{"corr small", small, "pearsonr", map[string]string{"x": "a", "y": "b"}, []string{"kendalltau"}, "only 20 pairs"},
		// Variance: Bartlett and F only for normal samples; Mood and F only for two.
		{"variance normal", big, "levene", map[string]string{"x": "norm1", "y": "norm2"}, []string{"levene", "mood", "bartlett", "f_test"}, ""},
		{"variance skewed", big, "bartlett", map[string]string{"x": "norm1", "y": "skewed"}, []string{"levene", "mood"}, "`skewed` is not normal"},
		{"variance 3 groups", big, "levene", map[string]string{"group": "g3", "value": "norm1"}, []string{"levene", "bartlett"}, "here there are 3"},
		// Normality: Shapiro–Wilk under 50, Lilliefors over 50.
		{"normality large", big, "anderson", map[string]string{"x": "norm1"}, []string{"anderson", "kstest:norm", "lilliefors"}, "Shapiro–Wilk does not apply"},
		{"normality small", small, "shapiro", map[string]string{"x": "a"}, []string{"shapiro", "anderson", "kstest:norm"}, "Lilliefors does not apply"},
		{"kstest norm", small, "kstest", map[string]string{"x": "a", "dist": "norm"}, []string{"kstest:norm", "anderson", "shapiro"}, ""},
		{"kstest expon", small, "kstest", map[string]string{"x": "c", "dist": "expon"}, []string{"kstest:expon"}, ""},
		// Tables of counts.
		{"2x2 large counts", big, "chi2_contingency", map[string]string{"x": "sex", "y": "smoker"}, []string{"chi2_contingency", "fisher_exact"}, ""},
		{"2x2 small counts", big, "chi2_contingency", map[string]string{"x": "sex", "y": "rare"}, []string{"fisher_exact"}, "more than a fifth"},
		{"2x3", big, "fisher_exact", map[string]string{"x": "sex", "y": "region"}, []string{"chi2_contingency"}, "needs a 2×2 table"},
		{"sparse 2x20", big, "chi2_contingency", map[string]string{"x": "smoker", "y": "site"}, []string{"chi2_contingency"}, "40 of 40 expected counts below 5"},
		{"mantel-haenszel", big, "mantel_haenszel", map[string]string{"x": "sex", "y": "smoker", "strata": "stratum"}, []string{"mantel_haenszel"}, ""},
		{"mantel-haenszel 3 strata", big, "mantel_haenszel", map[string]string{"x": "sex", "y": "smoker", "strata": "stratum3"}, []string{"mantel_haenszel"}, "`stratum3` has 3 levels, not 2"},
		// Comparing groups.
		{"two normal groups", big, "ttest_ind", map[string]string{"group": "g2", "value": "norm1"}, []string{"ttest_ind", "mannwhitneyu", "f_oneway", "kruskal"}, ""},
		{"two small skewed groups", small, "ttest_ind", map[string]string{"group": "g", "value": "c"}, []string{"mannwhitneyu", "kruskal"}, "fewer than 30 observations"},
		{"three groups", big, "f_oneway", map[string]string{"group": "g3", "value": "norm1"}, []string{"f_oneway", "kruskal"}, "it compares two groups"},
		{"paired large", big, "ttest_rel", map[string]string{"x": "norm1", "y": "norm2"}, []string{"ttest_rel", "wilcoxon"}, ""},
		{"paired small skewed", small, "ttest_rel", map[string]string{"x": "c", "y": "a"}, []string{"wilcoxon"}, "fewer than 30 pairs"},
		{"post hoc equal variances", big, "tukey_hsd", map[string]string{"group": "g3", "value": "norm1"}, []string{"tukey_hsd", "games_howell"}, ""},
		{"post hoc unequal variances", big, "tukey_hsd", map[string]string{"group": "g3", "value": "spread"}, []string{"games_howell"}, "the variances differ"},
		// Families of one.
		{"ks_2samp", big, "ks_2samp", map[string]string{"x": "norm1", "y": "skewed"}, []string{"ks_2samp"}, ""},
		{"partial", big, "partial_corr", map[string]string{"x": "norm1", "y": "norm2", "covar": "skewed"}, []string{"partial_corr"}, ""},
		{"describe", big, "describe", map[string]string{"x": "norm1", "stat": "mean"}, []string{"describe"}, ""},
		{"ols", big, "ols", map[string]string{"formula": "norm1 ~ norm2"}, []string{"ols"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &inferra.Decision{Analysis: c.analysis, Params: c.params}
			got := ids(applicable.For(context.Background(), c.ds, d))
			if !sameSet(got, c.want) {
				t.Errorf("For(%s %v) = %v, want %v", c.analysis, c.params, got, c.want)
			}
			applicable.Apply(context.Background(), c.ds, d)
			if !sameSet(ids(d.Applicable), c.want) {
				t.Errorf("Apply: applicable = %v, want %v", ids(d.Applicable), c.want)
			}
			if !slices.Contains(ids(d.Applicable), d.Analysis+dist(d)) {
				t.Errorf("Apply: the primary %s is not among %v", d.Analysis, ids(d.Applicable))
			}
			ev := strings.Join(d.Evidence, "\n")
			if c.note != "" && !strings.Contains(ev+"\n"+reasons(d.Applicable), c.note) {
				t.Errorf("evidence %q lacks %q", ev, c.note)
			}
			for _, a := range d.Applicable {
				if a.Reason == "" {
					t.Errorf("%s has no reason", a.Analysis)
				}
			}
		})
	}
}

func dist(d *inferra.Decision) string {
	if d.Params["dist"] != "" {
		return ":" + d.Params["dist"]
	}
	return ""
}

func reasons(as []inferra.Applicable) string {
	var s []string
	for _, a := range as {
		s = append(s, a.Reason)
		s = append(s, a.Checks...)
	}
	return strings.Join(s, "\n")
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// A decided analysis whose conditions fail is replaced by the first of its
// family that applies, and the evidence says why, in the words of the issue.
func TestApplyReplaces(t *testing.T) {
	ds := loadData(t, "applicable.csv")
	d := &inferra.Decision{Analysis: "bartlett", Function: "Bartlett", Params: map[string]string{"x": "norm1", "y": "skewed"}, Explanation: "Bartlett."}
	applicable.Apply(context.Background(), ds, d)
	if d.Analysis != "levene" || d.Function != "Levene" {
		t.Errorf("Apply: analysis %s (%s), want levene (Levene)", d.Analysis, d.Function)
	}
	ev := strings.Join(d.Evidence, "\n")
	for _, want := range []string{"Bartlett's test does not apply: `skewed` is not normal (Anderson–Darling A² =", "p < .001", "use Levene's test or Mood's test", "levene replaces bartlett"} {
		if !strings.Contains(ev, want) {
			t.Errorf("evidence %q lacks %q", ev, want)
		}
	}
	if !strings.Contains(d.Explanation, "does not apply") {
		t.Errorf("explanation %q does not say the analysis was replaced", d.Explanation)
	}
}

// The decided analysis stays when it applies, and the JSON of a decision
// carries the applicable list under "applicable".
func TestApplyKeepsAndMarshals(t *testing.T) {
	ds := loadData(t, "applicable.csv")
	d := &inferra.Decision{Analysis: "mood", Params: map[string]string{"x": "norm1", "y": "norm2"}}
	applicable.Apply(context.Background(), ds, d)
	if d.Analysis != "mood" || d.Applicable[0].Analysis != "mood" {
		t.Fatalf("Apply: analysis %s, first applicable %s; want mood first", d.Analysis, d.Applicable[0].Analysis)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"applicable":[{"analysis":"mood"`) {
		t.Errorf("JSON %s lacks the applicable list", b)
	}
	b, _ = json.Marshal(&inferra.Decision{})
	if strings.Contains(string(b), "applicable") {
		t.Errorf("an empty applicable list is in the JSON: %s", b)
	}
}

// A no-decision has nothing applicable; bad columns and a canceled context
// leave the decided analysis alone, with a reason, never a panic.
func TestEdges(t *testing.T) {
	ds := loadData(t, "applicable.csv")
	ctx := context.Background()
	if got := applicable.For(ctx, ds, &inferra.Decision{}); got != nil {
		t.Errorf("For(no-decision) = %v, want nil", got)
	}
	if got := applicable.For(ctx, nil, &inferra.Decision{Analysis: "levene"}); got != nil {
		t.Errorf("For(nil dataset) = %v, want nil", got)
	}
	d := &inferra.Decision{}
	applicable.Apply(ctx, ds, d)
	if d.Applicable != nil {
		t.Errorf("Apply(no-decision) set %v", d.Applicable)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	for _, c := range []struct {
		ctx  context.Context
		d    *inferra.Decision
		want string
	}{
		{ctx, &inferra.Decision{Analysis: "pearsonr", Params: map[string]string{"x": "norm1", "y": "nope"}}, "could not be checked"},
		{ctx, &inferra.Decision{Analysis: "levene", Params: map[string]string{"x": "sex", "y": "norm1"}}, "could not be checked"},
		{ctx, &inferra.Decision{Analysis: "chi2_contingency", Params: map[string]string{"x": "nope", "y": "sex"}}, "could not be checked"},
		{ctx, &inferra.Decision{Analysis: "mantel_haenszel", Params: map[string]string{"x": "sex", "y": "smoker", "strata": "nope"}}, "could not be checked"},
		{ctx, &inferra.Decision{Analysis: "describe", Params: map[string]string{"x": "nope"}}, "could not be checked"},
		{ctx, &inferra.Decision{Analysis: "shapiro", Params: map[string]string{"x": "sex"}}, "could not be checked"},
		{ctx, &inferra.Decision{Analysis: "ttest_ind", Params: map[string]string{"group": "nope", "value": "norm1"}}, "could not be checked"},
		{ctx, &inferra.Decision{Analysis: "ttest_rel", Params: map[string]string{"x": "nope", "y": "norm1"}}, "could not be checked"},
		{ctx, &inferra.Decision{Analysis: "tukey_hsd", Params: map[string]string{"group": "g3", "value": "nope"}}, "could not be checked"},
		{canceled, &inferra.Decision{Analysis: "levene", Params: map[string]string{"x": "norm1", "y": "norm2"}}, "not run"},
	} {
		got := applicable.For(c.ctx, ds, c.d)
		if len(got) != 1 || got[0].Analysis != c.d.Analysis || !strings.Contains(got[0].Reason, c.want) {
			t.Errorf("For(%s %v) = %+v, want %s alone with a reason saying %q", c.d.Analysis, c.d.Params, got, c.d.Analysis, c.want)
		}
	}
}

// Columns too short for any test of their family: the decided analysis
// is listed alone, its reason saying what failed.
func TestNothingApplies(t *testing.T) {
	ds, err := load.ParseCSV([]byte("x,y,g\n1,2,a\n,3,b\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*inferra.Decision{
		{Analysis: "pearsonr", Params: map[string]string{"x": "x", "y": "y"}},
		{Analysis: "anderson", Params: map[string]string{"x": "x"}},
	} {
		got := applicable.For(context.Background(), ds, d)
		if len(got) != 1 || got[0].Analysis != d.Analysis || !strings.Contains(got[0].Reason, "no analysis of its family") {
			t.Errorf("For(%s) = %+v, want it alone saying none applies", d.Analysis, got)
		}
	}
}

func ExampleApply() {
	ds, _ := load.File("../testdata/data/applicable.csv", load.Options{})
	d := &inferra.Decision{Analysis: "fisher_exact", Params: map[string]string{"x": "sex", "y": "region"}}
	applicable.Apply(context.Background(), ds, d)
	for _, a := range d.Applicable {
		fmt.Println(a.Analysis+":", a.Reason)
	}
	fmt.Println(d.Evidence[0])
	// Output:
	// chi2_contingency: no expected count below 1 and at most a fifth below 5, as the chi-square approximation needs
	// Fisher's exact test does not apply: it needs a 2×2 table, this is a 2×3 table of `sex` by `region`; use the chi-square test
}

// Two columns are compared over the rows where both are present, as StatQA
// does: outliers of x in rows where y is missing do not make x non-normal.
func TestVariancePairs(t *testing.T) {
	scores := []float64{-1.96, -1.4395, -1.1503, -0.9346, -0.7554, -0.5978, -0.4538, -0.3186, -0.1891, -0.0627,
		0.0627, 0.1891, 0.3186, 0.4538, 0.5978, 0.7554, 0.9346, 1.1503, 1.4395, 1.96} // normal scores
	var b strings.Builder
	b.WriteString("x,y\n")
	for i, s := range scores {
		fmt.Fprintf(&b, "%g,%g\n", 10+s, 20+2*scores[(i*7)%20])
	}
	for range 5 {
		b.WriteString("1000,\n")
	}
	ds, err := load.ParseCSV([]byte(b.String()), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &inferra.Decision{Analysis: "levene", Params: map[string]string{"x": "x", "y": "y"}}
	if got := ids(applicable.For(context.Background(), ds, d)); !sameSet(got, []string{"levene", "mood", "bartlett", "f_test"}) {
		t.Errorf("For(levene x, y) = %v, want all four (x is normal over the complete pairs)", got)
	}
}
