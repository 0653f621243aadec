package main

import (
	"errors"
	"fmt"
	"log"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

func main() {
	control := []float64{4.1, 3.8, 4.4, 4.0, 3.9, 4.2, 4.3, 3.7}
	treated := []float64{5.0, 4.7, 5.3, 4.9, 5.1, 4.8, 4.4, 5.2}
	placebo := []float64{4.0, 4.3, 3.9, 4.5, 4.1, 3.6, 4.2, 4.4}

	// Welch's t-test: scipy.stats.ttest_ind(treated, control, equal_var=False).
	t, err := stats.TTestInd(treated, control)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Welch t = %.4f, df = %.3f, p = %.3g, difference %.3f [%.3f, %.3f], Hedges' g = %.3f\n",
		t.Statistic, t.DF, t.PValue, t.MeanDifference, t.CILow, t.CIHigh, t.HedgesG)
	fmt.Printf("Student t = %.4f, df = %.0f\n", t.Student.Statistic, t.Student.DF)

	// One-way ANOVA: scipy.stats.f_oneway(control, treated, placebo).
	f, err := stats.FOneway(control, treated, placebo)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("ANOVA F = %.4f, p = %.3g\n", f.Statistic, f.PValue)

	// Pearson's r with Fisher's z interval: scipy.stats.pearsonr(x, y).
	dose := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	r, err := stats.PearsonR(dose, treated)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Pearson r = %.4f, p = %.4f, 95%% CI [%.3f, %.3f]\n", r.Statistic, r.PValue, r.CILow, r.CIHigh)

	// Data a test cannot use is an *inferra.Error, never a NaN or a panic.
	_, err = stats.TTestInd([]float64{1, 1, 1}, []float64{1, 1, 1})
	var e *inferra.Error
	if errors.As(err, &e) {
		fmt.Printf("constant data: %s: %s\n", e.Code, e.Message)
	}
}
