package explain_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/explain"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// FromResult puts a result of stats.Run in plain words.
func ExampleFromResult() {
	csv := `fertiliser,yield
new,5.9
new,6.1
new,6.6
new,6.3
new,6.8
old,5.1
old,5.6
old,5.0
old,5.8
old,NA
`
	ds, err := load.ReadCSV(strings.NewReader(csv), load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := &inferra.Decision{Analysis: "ttest_ind", Params: map[string]string{"group": "fertiliser", "value": "yield"}}
	res, err := stats.Run(context.Background(), ds, d.Analysis, d.Params)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := explain.FromResult(res, d, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Meaning)
	fmt.Println(s.Rows.Text)
	fmt.Println(s.AssumptionsLine)
	fmt.Println(s.Tables[0].Columns)
	fmt.Println(s.Tables[0].Rows[0])
	// scipy: mean difference 0.965, d 2.580, Welch p .0078, Student p
	// .0063, Levene p .685, smallest Shapiro–Wilk p .408.

	// Output:
	// The mean of yield is higher in new (M = 6.34, SD = 0.36, n = 5) than in old (M = 5.38, SD = 0.39, n = 4), by 0.97 (95% CI [0.36, 1.57]). The difference is statistically significant and large (d = 2.58; Welch's t(6.4) = 3.82, p = .008).
	// 9 of 10 rows were used; 1 was left out because a value of fertiliser or yield is missing in them (listwise deletion over the columns the analysis uses).
	// Variances are similar (Levene p = .685): Welch's and Student's tests both apply (Student's p = .006); normal in each group tested (Shapiro–Wilk p ≥ .408).
	// [Test Statistic df p Effect size 95% CI n]
	// [Welch's t 3.82 6.4 .008 d = 2.58 [0.81, 4.35] 9]
}

// Term makes regression terms readable.
func ExampleTerm() {
	ref := map[string]string{"region": "central"}
	for _, t := range []string{"Q('floor.area')", "region[T.south]", "C(treat, Treatment(reference='b'))[T.a]", "np.log(price)", "garage[T.True]:age"} {
		fmt.Println(explain.Term(t, func(col string) string { return ref[col] }))
	}
	// Output:
	// floor.area
	// region: south vs central
	// treat: a vs b
	// log(price)
	// garage: True vs False × age
}
