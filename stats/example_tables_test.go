package stats_test

import (
	"fmt"

	"github.com/inferra/inferra/stats"
)

// The 2×3 table below has expected counts of 20 in every cell, so
// χ² = (10² + 0 + 10²)·2/20 = 20 with (2 − 1)(3 − 1) = 2 degrees of freedom,
// as scipy.stats.chi2_contingency.
func ExampleChi2Contingency() {
	r, err := stats.Chi2Contingency([][]int{{10, 20, 30}, {30, 20, 10}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("chi2(%d) = %.1f, p = %.3g, V = %.3f, Yates: %v\n", r.DOF, r.Statistic, r.PValue, r.CramersV, r.Correction)
	// Output:
	// chi2(2) = 20.0, p = 4.54e-05, V = 0.408, Yates: false
}

// Fisher's exact test of [[3, 1], [1, 3]]: odds ratio 3·3/(1·1) = 9, and the
// two-sided p-value 34/70 sums the hypergeometric probabilities of the
// tables no more likely than this one.
func ExampleFisherExact() {
	r, err := stats.FisherExact([2][2]int{{3, 1}, {1, 3}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("odds ratio = %g, p = %.4f\n", *r.Statistic, r.PValue)
	// Output:
	// odds ratio = 9, p = 0.4857
}

// Kendall's tau-b of two rankings that disagree on one pair out of ten:
// (9 − 1)/10 = 0.8, with scipy's exact p-value for n = 5 without ties.
func ExampleKendallTau() {
	r, err := stats.KendallTau([]float64{1, 2, 3, 4, 5}, []float64{1, 3, 2, 4, 5})
	if err != nil {
		panic(err)
	}
	fmt.Printf("tau = %.1f, p = %.4f (%s)\n", r.Statistic, r.PValue, r.Method)
	// Output:
	// tau = 0.8, p = 0.0833 (exact)
}

// A one-sample t-test against 2.5 of a sample whose mean is 2.5: t = 0.
func ExampleTTest1Samp() {
	r, err := stats.TTest1Samp([]float64{1, 2, 3, 4}, 2.5)
	if err != nil {
		panic(err)
	}
	fmt.Printf("t(%g) = %g, p = %g, mean %g\n", r.DF, r.Statistic, r.PValue, r.Mean)
	// Output:
	// t(3) = 0, p = 1, mean 2.5
}

// Describe follows pandas: the quartiles interpolate linearly, and every
// most frequent value is a mode.
func ExampleDescribe() {
	d, err := stats.Describe([]float64{1, 2, 2, 3, 3, 10})
	if err != nil {
		panic(err)
	}
	fmt.Printf("n = %d, median = %g, q1 = %g, q3 = %g, modes %v\n", d.N, d.Median, d.Q1, d.Q3, d.Mode)
	// Output:
	// n = 6, median = 2.5, q1 = 2, q3 = 3, modes [2 3]
}
