package stats_test

import (
	"fmt"

	"github.com/inferra/inferra/stats"
)

// Diagnosis ages of men and women, the example of scipy's mannwhitneyu
// documentation. With nine observations and no ties the p-value is exact.
func ExampleMannWhitneyU() {
	men := []float64{19, 22, 16, 29, 24}
	women := []float64{20, 11, 17, 12}
	r, err := stats.MannWhitneyU(men, women)
	if err != nil {
		panic(err)
	}
	fmt.Printf("U = %.1f, p = %.4f (%s), rank-biserial r = %.2f\n", r.Statistic, r.PValue, r.Method, r.RankBiserial)
	fmt.Printf("medians %g and %g\n", r.Groups[0].Median, r.Groups[1].Median)
	// Output:
	// U = 17.0, p = 0.1111 (exact), rank-biserial r = 0.70
	// medians 22 and 14.5
}

// Paired measurements before and after a treatment (scipy.stats.wilcoxon
// gives the same T and p).
func ExampleWilcoxon() {
	before := []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	after := []float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29}
	r, err := stats.Wilcoxon(before, after)
	if err != nil {
		panic(err)
	}
	fmt.Printf("T = %.1f, p = %.4f (%s), median difference %.2f over %d pairs\n",
		r.Statistic, r.PValue, r.Method, r.MedianDifference, r.N)
	// Output:
	// T = 5.0, p = 0.0391 (exact), median difference 0.49 over 9 pairs
}

// Three groups (scipy.stats.kruskal gives the same H and p); H is corrected for ties and referred to χ² with k − 1
// degrees of freedom.
func ExampleKruskal() {
	a := []float64{2.9, 3.0, 2.5, 2.6, 3.2}
	b := []float64{3.8, 2.7, 4.0, 2.4}
	c := []float64{2.8, 3.4, 3.7, 2.2, 2.0}
	r, err := stats.Kruskal(a, b, c)
	if err != nil {
		panic(err)
	}
	fmt.Printf("H(%g) = %.3f, p = %.3f\n", r.DF, r.Statistic, r.PValue)
	// Output:
	// H(2) = 0.771, p = 0.680
}

// A right-skewed sample: scipy.stats.shapiro gives W = 0.78881, p = 0.0067.
func ExampleShapiroWilk() {
	x := []float64{148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236}
	r, err := stats.ShapiroWilk(x)
	if err != nil {
		panic(err)
	}
	fmt.Printf("W = %.3f, p = %.4f\n", r.Statistic, r.PValue)
	// Output:
	// W = 0.789, p = 0.0067
}
