package decision_test

import (
	"context"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
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
