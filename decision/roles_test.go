package decision_test

import (
	"context"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
)

// regressionSchema is a small housing table.
func regressionSchema() inferra.Schema {
	num := func(name string, mean float64) inferra.ColumnSchema {
		return inferra.ColumnSchema{Name: name, Kind: inferra.Numeric, Count: 50, Distinct: 50,
			Min: f64(mean / 2), Max: f64(mean * 2), Mean: f64(mean), SD: f64(mean / 4)}
	}
	return inferra.Schema{Rows: 50, Columns: []inferra.ColumnSchema{
		{Name: "house_id", Kind: inferra.Numeric, Count: 50, Distinct: 50, Min: f64(1), Max: f64(50), Mean: f64(25.5), Identifier: true},
		num("price", 300000), num("area", 120), num("age", 30),
		{Name: "region", Kind: inferra.Categorical, Count: 50, Distinct: 3, Levels: []string{"east", "north", "west"}, LevelCounts: []int{20, 15, 15}},
		{Name: "rooms", Kind: inferra.Numeric, Count: 50, Distinct: 4, Levels: []string{"2", "3", "4", "5"}, LevelCounts: []int{10, 20, 10, 10},
			Min: f64(2), Max: f64(5), Mean: f64(3.4), SD: f64(0.9), IntegerCoded: true},
	}}
}

// TestRegressionRoles checks the order and scope words of regression
// requests: "Y on A and B", "how do A and B explain Y", "every other
// column", interactions, and that a formula always has predictors.
func TestRegressionRoles(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	s := regressionSchema()
	cases := []struct{ prompt, formula string }{
		{"Run an OLS of price on area and age", "price ~ area + age"},
		{"regression of price on area and age", "price ~ area + age"},
		{"Regress price on area and age", "price ~ area + age"},
		{"How do area, age and rooms explain price in a regression?", "price ~ area + age + rooms"},
		{"Regress price on every other column", "price ~ area + age + region + rooms"},
		{"Regression of price on area, age and their interaction", "price ~ area * age"},
		{"In a regression, does the effect of area on price depend on age?", "price ~ area * age"},
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), c.prompt, s)
		if err != nil {
			t.Fatal(err)
		}
		if d.Analysis != "ols" || d.Params["formula"] != c.formula {
			t.Errorf("Decide(%q) = %s %v (%s), want ols %q", c.prompt, d.Analysis, d.Params, d.Question, c.formula)
		}
	}
	d, err := e.Decide(context.Background(), "regression of price", s)
	if err != nil {
		t.Fatal(err)
	}
	if !decision.IsNoDecision(d) {
		t.Errorf("Decide(regression of price) = %s %v, want a no-decision (no predictors)", d.Analysis, d.Params)
	}
}

// TestLevelsNameTheirColumn checks that naming a group's levels names
// its column, and that naming some of three or more asks back.
func TestLevelsNameTheirColumn(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	s := inferra.Schema{Rows: 60, Columns: []inferra.ColumnSchema{
		{Name: "arm", Kind: inferra.Categorical, Count: 60, Distinct: 2, Levels: []string{"active", "placebo"}, LevelCounts: []int{30, 30}},
		{Name: "store", Kind: inferra.Categorical, Count: 60, Distinct: 4, Levels: []string{"east", "north", "south", "west"}, LevelCounts: []int{15, 15, 15, 15}},
		{Name: "sbp", Kind: inferra.Numeric, Count: 60, Distinct: 60, Min: f64(100), Max: f64(180), Mean: f64(135), SD: f64(12)},
		{Name: "sales", Kind: inferra.Numeric, Count: 60, Distinct: 60, Min: f64(10), Max: f64(90), Mean: f64(45), SD: f64(12)},
		{Name: "Sex", Kind: inferra.Categorical, Count: 60, Distinct: 2, Levels: []string{"F", "M"}, LevelCounts: []int{30, 30}},
	}}
	cases := []struct {
		prompt   string
		analysis string
		params   map[string]string
	}{
		{"Is sbp lower on placebo than on active?", "ttest_ind", map[string]string{"group": "arm", "value": "sbp"}},
		{"placebo vs active: does sbp differ?", "ttest_ind", map[string]string{"group": "arm", "value": "sbp"}},
		{"Do patients on the active drug have a lower sbp?", "ttest_ind", map[string]string{"group": "arm", "value": "sbp"}},
		{"Is sales higher in stores with a promotion?", "", nil},
		{"Do the north, south, east and west stores differ in sales?", "f_oneway", map[string]string{"group": "store", "value": "sales"}},
		{"Do the north and south stores differ in sales?", "", nil},
		{"sales, men vs women", "ttest_ind", map[string]string{"group": "Sex", "value": "sales"}},
		{"Compare sales across the four stores", "f_oneway", map[string]string{"group": "store", "value": "sales"}},
		{"Do northern stores sell more?", "", nil},
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), c.prompt, s)
		if err != nil {
			t.Fatal(err)
		}
		if d.Analysis != c.analysis || d.Params["group"] != c.params["group"] || d.Params["value"] != c.params["value"] {
			t.Errorf("Decide(%q) = %s %v (%s), want %s %v", c.prompt, d.Analysis, d.Params, d.Question, c.analysis, c.params)
		}
	}
}

// TestCueWords checks the words that choose among charts and tests, and
// the requests off the allow-list.
func TestCueWords(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := load.File("../testdata/decisions/data/crops.csv", load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := ds.Schema()
	cases := []struct{ prompt, analysis string }{
		{"Plot yield_kg against rainfall_mm with a fitted straight line", "regplot"},
		{"Plot yield_kg against rainfall_mm as dots", "scatter"},
		{"a smoothed density curve of yield_kg", "kde"},
		{"a box plot of yield per fertiliser", "boxplot"},
		{"Compare yield between fertilisers without assuming normality", "mannwhitneyu"},
		{"Wilcoxon rank-sum test of yield by fertiliser", "mannwhitneyu"},
		{"Is rainfall related to yield, based on ranks?", "spearmanr"},
		{"Fit a multilevel model of yield with random effects for field", ""},
		{"Is this significant?", ""},
		{"What stands out?", ""},
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), c.prompt, s)
		if err != nil {
			t.Fatal(err)
		}
		if d.Analysis != c.analysis {
			t.Errorf("Decide(%q) = %q %v (%s), want %q", c.prompt, d.Analysis, d.Params, d.Question, c.analysis)
		}
	}
}

// TestUnknownVariableDeclines checks that a variable the sentence puts
// where no column is named declines instead of being dropped, and that
// words qualifying a named column do not.
func TestUnknownVariableDeclines(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	s := regressionSchema()
	for prompt, decide := range map[string]bool{
		"Plot the price against living space with a regression line": false,
		"Plot the price against house area with a regression line":   true,
		"correlation between age and neighbourhood crime":            false,
	} {
		d, err := e.Decide(context.Background(), prompt, s)
		if err != nil {
			t.Fatal(err)
		}
		if decision.IsNoDecision(d) == decide {
			t.Errorf("Decide(%q) = %q %v (%s), want decided %v", prompt, d.Analysis, d.Params, d.Question, decide)
		}
	}
}
