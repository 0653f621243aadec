package stats_test

// The printed values agree with scipy 1.10.1 and statsmodels 0.13.5
// (scipy.stats.ttest_ind, levene, f_oneway, pearsonr and its
// confidence_interval; statsmodels anova_oneway(use_var="unequal")).

import (
	"fmt"

	"github.com/inferra/inferra/stats"
)

func ExampleTTestInd() {
	treatment := []float64{5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3}
	control := []float64{4.1, 4.5, 5.0, 4.8, 3.9, 4.4}
	r, err := stats.TTestInd(treatment, control)
	if err != nil {
		panic(err)
	}
	fmt.Printf("Welch: t(%.1f) = %.2f, p = %.4f, difference %.2f [%.2f, %.2f]\n",
		r.DF, r.Statistic, r.PValue, r.MeanDifference, r.CILow, r.CIHigh)
	fmt.Printf("Student: t(%.0f) = %.2f, p = %.4f\n", r.Student.DF, r.Student.Statistic, r.Student.PValue)
	fmt.Printf("d = %.2f, g = %.2f, Levene p = %.3f\n", r.CohensD, r.HedgesG, r.Levene.PValue)
	// Output:
	// Welch: t(11.0) = 4.41, p = 0.0010, difference 1.09 [0.55, 1.64]
	// Student: t(11) = 4.36, p = 0.0011
	// d = 2.43, g = 2.26, Levene p = 0.606
}

func ExampleFOneway() {
	a := []float64{5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3}
	b := []float64{4.1, 4.5, 5.0, 4.8, 3.9, 4.4}
	c := []float64{5.6, 6.4, 5.9, 7.1, 6.6}
	r, err := stats.FOneway(a, b, c)
	if err != nil {
		panic(err)
	}
	fmt.Printf("F(%d, %d) = %.2f, p = %.2g, eta² = %.3f, omega² = %.3f\n",
		r.DFBetween, r.DFWithin, r.Statistic, r.PValue, r.EtaSquared, r.OmegaSquared)
	fmt.Printf("Welch: F(%.0f, %.2f) = %.2f, p = %.2g\n", r.Welch.DFBetween, r.Welch.DFWithin, r.Welch.Statistic, r.Welch.PValue)
	// Output:
	// F(2, 15) = 20.28, p = 5.4e-05, eta² = 0.730, omega² = 0.682
	// Welch: F(2, 9.04) = 19.28, p = 0.00055
}

func ExamplePearsonR() {
	hours := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	score := []float64{52, 55, 61, 60, 68, 70, 69, 78}
	r, err := stats.PearsonR(hours, score)
	if err != nil {
		panic(err)
	}
	fmt.Printf("r(%d) = %.3f, p = %.2g, 95%% CI [%.3f, %.3f]\n", r.N-2, r.Statistic, r.PValue, r.CILow, r.CIHigh)
	// Output:
	// r(6) = 0.968, p = 7.7e-05, 95% CI [0.830, 0.994]
}
