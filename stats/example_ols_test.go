package stats_test

import (
	"fmt"

	"github.com/inferra/inferra/stats"
)

// A regression of a test score on hours of study and a dose indicator.
// statsmodels agrees: smf.ols("score ~ hours + dose", df).fit() gives
// params 49.375, 1.925, 6.075, bse 0.6374, 0.0996, 0.5719, rsquared
// 0.98799, fvalue 287.85 and f_pvalue 1.9e-07.
func ExampleOLS() {
	hours := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	dose := []float64{0, 1, 0, 1, 0, 1, 0, 1, 0, 1}
	score := []float64{52, 58, 55, 63, 60, 68, 62, 71, 66, 75}
	ones := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	d := stats.DenseDesign("score", []string{"Intercept", "hours", "dose"}, nil, true,
		[][]float64{ones, hours, dose}, score)

	r, err := stats.OLS(d, stats.OLSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range r.Coefficients {
		fmt.Printf("%-9s %7.3f  SE %.4f  p = %.2g\n", c.Term, c.Estimate, c.StdError, c.PValue)
	}
	fmt.Printf("R² = %.5f, F(%d, %d) = %.2f, p = %.2g\n", r.RSquared, r.DFModel, r.DFResid, *r.FStatistic, *r.FPValue)
	// Output:
	// Intercept  49.375  SE 0.6374  p = 1.6e-11
	// hours       1.925  SE 0.0996  p = 2.5e-07
	// dose        6.075  SE 0.5719  p = 1.4e-05
	// R² = 0.98799, F(2, 7) = 287.85, p = 1.9e-07
}
