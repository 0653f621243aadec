package decision_test

import (
	"context"
	"maps"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
)

// surveySchema has categorical columns for the tables of counts and
// numeric ones for the correlations.
func surveySchema() inferra.Schema {
	cat := func(name string, levels ...string) inferra.ColumnSchema {
		counts := make([]int, len(levels))
		for i := range counts {
			counts[i] = 60 / len(levels)
		}
		return inferra.ColumnSchema{Name: name, Kind: inferra.Categorical, Count: 60, Distinct: len(levels), Levels: levels, LevelCounts: counts}
	}
	num := func(name string, mean float64) inferra.ColumnSchema {
		return inferra.ColumnSchema{Name: name, Kind: inferra.Numeric, Count: 60, Distinct: 60,
			Min: f64(mean - 10.5), Max: f64(mean + 10.25), Mean: f64(mean), SD: f64(4)}
	}
	return inferra.Schema{Rows: 60, Columns: []inferra.ColumnSchema{
		cat("smoker", "no", "yes"), cat("disease", "no", "yes"), cat("region", "east", "north", "west"),
		num("income", 50), num("age", 40), num("bmi", 27),
	}}
}

// TestDecideIssue17Analyses checks that the rules reach each analysis of
// issue 17, including the roles beyond x and y (strata, covariates, an
// optional group) and the fixed popmean.
func TestDecideIssue17Analyses(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	s := surveySchema()
	cases := []struct {
		prompt   string
		analysis string
		params   map[string]string
	}{
		{"chi-square test of smoker and region", "chi2_contingency", map[string]string{"x": "smoker", "y": "region"}},
		{"fisher's exact test of smoker and disease", "fisher_exact", map[string]string{"x": "smoker", "y": "disease"}},
		{"mantel-haenszel test of smoker and disease stratified by region", "mantel_haenszel",
			map[string]string{"x": "smoker", "y": "disease", "strata": "region"}},
		{"kendall's tau between income and age", "kendalltau", map[string]string{"x": "income", "y": "age"}},
		{"partial correlation of income and age controlling for bmi", "partial_corr",
			map[string]string{"x": "income", "y": "age", "covar": "bmi"}},
		{"descriptive statistics of income by region", "describe", map[string]string{"x": "income", "group": "region"}},
		{"summary statistics of bmi", "describe", map[string]string{"x": "bmi"}},
		{"one-sample t-test of bmi against 25", "ttest_1samp", map[string]string{"x": "bmi", "popmean": "25"}},
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), c.prompt, s)
		if err != nil {
			t.Fatalf("Decide(%q): %v", c.prompt, err)
		}
		if d.Analysis != c.analysis || !maps.Equal(d.Params, c.params) {
			t.Errorf("Decide(%q) = %s %v (question %q), want %s %v", c.prompt, d.Analysis, d.Params, d.Question, c.analysis, c.params)
			continue
		}
		if err := decision.Validate(d, s); err != nil {
			t.Errorf("Validate(Decide(%q)) = %v", c.prompt, err)
		}
	}
}

// TestValidateIssue17Params checks the parameters that are not plain
// measures: categories for the tables, a number for popmean, measures for
// covar.
func TestValidateIssue17Params(t *testing.T) {
	t.Parallel()
	s := surveySchema()
	cases := []struct {
		analysis string
		params   map[string]string
		ok       bool
	}{
		{"chi2_contingency", map[string]string{"x": "smoker", "y": "region"}, true},
		{"chi2_contingency", map[string]string{"x": "smoker", "y": "income"}, false},
		{"fisher_exact", map[string]string{"x": "smoker", "y": "region"}, false},
		{"mantel_haenszel", map[string]string{"x": "smoker", "y": "disease", "strata": "region"}, true},
		{"ttest_1samp", map[string]string{"x": "bmi", "popmean": "25.5"}, true},
		{"ttest_1samp", map[string]string{"x": "bmi", "popmean": "twenty"}, false},
		{"partial_corr", map[string]string{"x": "income", "y": "age", "covar": "bmi, age"}, true},
		{"partial_corr", map[string]string{"x": "income", "y": "age", "covar": "bmi, region"}, false},
		{"describe", map[string]string{"x": "income", "group": "region", "stat": "median"}, true},
	}
	for _, c := range cases {
		err := decision.Validate(&inferra.Decision{Analysis: c.analysis, Params: c.params}, s)
		if (err == nil) != c.ok {
			t.Errorf("Validate(%s %v) = %v, want ok %v", c.analysis, c.params, err, c.ok)
		}
	}
}
