package stats_test

// The printed values agree with scipy 1.10.1 (ttest_rel and its
// confidence_interval, spearmanr, levene with center='median') and
// statsmodels 0.13.5 (anova_oneway with use_var="unequal").

import (
	"fmt"

	"github.com/inferra/inferra/stats"
)

func ExampleTTestRel() {
	before := []float64{72.1, 80.4, 68.9, 75.2, 90.3, 77.7, 83.0, 70.5}
	after := []float64{70.3, 78.1, 69.4, 72.0, 86.9, 75.8, 80.2, 69.9}
	r, err := stats.TTestRel(before, after)
	if err != nil {
		panic(err)
	}
	fmt.Printf("t(%.0f) = %.3f, p = %.4f, difference %.4f [%.4f, %.4f], dz = %.3f\n",
		r.DF, r.Statistic, r.PValue, r.MeanDifference, r.CILow, r.CIHigh, r.CohensDz)
	// Output:
	// t(7) = 4.124, p = 0.0044, difference 1.9375 [0.8267, 3.0483], dz = 1.458
}

func ExampleSpearmanR() {
	hours := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	score := []float64{52, 55, 61, 60, 68, 70, 69, 78}
	r, err := stats.SpearmanR(hours, score)
	if err != nil {
		panic(err)
	}
	fmt.Printf("rho = %.4f, p = %.3g\n", r.Statistic, r.PValue)
	// Output:
	// rho = 0.9524, p = 0.00026
}

func ExampleLevene() {
	a := []float64{5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3}
	b := []float64{4.1, 4.5, 5.0, 4.8, 3.9, 4.4}
	c := []float64{5.6, 6.4, 5.9, 7.1, 6.6}
	r, err := stats.Levene(a, b, c)
	if err != nil {
		panic(err)
	}
	fmt.Printf("W(%d, %d) = %.4f, p = %.4f\n", r.DF1, r.DF2, r.Statistic, r.PValue)
	// Output:
	// W(2, 15) = 0.3004, p = 0.7449
}

func ExampleWelchANOVA() {
	a := []float64{5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3}
	b := []float64{4.1, 4.5, 5.0, 4.8, 3.9, 4.4}
	c := []float64{5.6, 6.4, 5.9, 7.1, 6.6}
	r, err := stats.WelchANOVA(a, b, c)
	if err != nil {
		panic(err)
	}
	fmt.Printf("F(%.0f, %.3f) = %.3f, p = %.3g\n", r.DFBetween, r.DFWithin, r.Statistic, r.PValue)
	// Output:
	// F(2, 9.043) = 19.277, p = 0.000548
}

func ExampleSpecs() {
	for _, s := range stats.Specs() {
		fmt.Println(s.ID, s.ParamSummary())
	}
	// Output:
	// ttest_ind group,value
	// ttest_rel x,y
	// f_oneway group,value
	// pearsonr x,y
	// spearmanr x,y
	// mannwhitneyu group,value
	// kruskal group,value
	// wilcoxon x,y
	// ols formula[,cov]
	// describe x[,group,stat]
	// chi2_contingency x,y
	// fisher_exact x,y
	// mantel_haenszel x,y,strata
	// kendalltau x,y
	// partial_corr x,y,covar
	// ttest_1samp x,popmean
	// levene x,y|group,value
	// bartlett x,y|group,value
	// mood x,y|group,value
	// f_test x,y|group,value
	// shapiro x
	// anderson x
	// lilliefors x
	// kstest x[,dist]
	// ks_2samp x,y|group,value
	// tukey_hsd group,value
	// games_howell group,value
}
