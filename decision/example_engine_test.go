package decision_test

import (
	"context"
	"fmt"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
)

func ExampleEngine_Decide() {
	f := func(v float64) *float64 { return &v }
	schema := inferra.Schema{Rows: 40, Columns: []inferra.ColumnSchema{
		{Name: "fertiliser", Kind: inferra.Categorical, Count: 40, Distinct: 2, Levels: []string{"new", "old"}, LevelCounts: []int{20, 20}},
		{Name: "yield_kg", Kind: inferra.Numeric, Count: 40, Distinct: 40, Min: f(2.1), Max: f(9.7), Mean: f(5.4), SD: f(1.6)},
	}}
	e, err := decision.New(decision.Config{})
	if err != nil {
		panic(err)
	}
	d, _ := e.Decide(context.Background(), "t-test of yield by fertiliser", schema)
	fmt.Println(d.Analysis, d.Params["group"], d.Params["value"], d.RuleID)
	fmt.Println(d.Explanation)

	d, _ = e.Decide(context.Background(), "what's going on with my fields?", schema)
	fmt.Println(decision.IsNoDecision(d), d.Question)
	// Output:
	// ttest_ind fertiliser yield_kg ttest_ind.two_groups
	// Compares the mean of yield_kg between the two groups of fertiliser with an independent-samples t-test (Welch's, which does not assume equal variances).
	// true What would you like to find out, and which columns of the dataset does it involve?
}
