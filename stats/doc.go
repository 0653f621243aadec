// Package stats holds Inferra's analyses: Student's and Welch's t-tests,
// the paired t-test, one-way ANOVA (classic and Welch's), Levene's test,
// Pearson and Spearman correlations, the Mann–Whitney U, Wilcoxon
// signed-rank and Kruskal–Wallis tests, the Shapiro–Wilk test of
// normality, and linear regression from patsy/statsmodels formulas.
//
// # Two ways in
//
// Go programs can call the functions on plain slices:
//
//	r, err := stats.TTestInd(control, treatment)
//	fmt.Printf("t(%.1f) = %.2f, p = %.3f\n", r.DF, r.Statistic, r.PValue)
//
// or run an analysis by its id on a dataset, as the command line and the
// job service do; parameters name columns by role, missing values are
// dropped listwise and counted, and the result carries an APA-style report:
//
//	res, err := stats.Run(ctx, ds, "f_oneway", map[string]string{"group": "shift", "value": "sleep"})
//
// [Specs] lists the analyses with their parameters; the result fields of
// each are documented in docs/RESULTS.md.
//
// # Regression
//
// [NewDesign] turns a formula in the syntax statsmodels users already write
// (y ~ x1 + C(region) + np.log(area) + a:b, parsed by package
// stats/formula) into a model matrix whose columns patsy would name the
// same way, and [OLS] fits it by a streaming Householder QR, never the
// normal equations, with everything statsmodels' summary reports, HC3
// standard errors, a type-II ANOVA table and variance inflation factors:
//
//	d, err := stats.NewDesign(ds, "price ~ Q('floor.area') + age + C(region)")
//	fit, err := stats.OLS(d, stats.OLSOptions{Cov: "HC3"})
//
// The fitted values and residuals stay in the result for charts. See
// [ExampleOLS].
//
// # Limits and cancellation
//
// A regression on thousands of columns is seconds to minutes of work, so
// every long step of [OLSContext] and [NewDesignContext] (the pass over
// the rows, the singular values, the inverse of the triangle, the HC3 pass,
// the ANOVA) checks its context at short intervals: [Run]'s ctx ending
// stops the computation itself, with an error that wraps ctx.Err() and
// reads as code canceled (timeout for a deadline). A design larger than
// [Options].MaxDesignCells is refused with code too_large before it is
// built.
//
// # Accuracy
//
// Every result field is compared in the tests with values computed by scipy
// and statsmodels (testdata/reference.py): statistics to a relative 1e-9,
// p-values to 1e-6. Tail probabilities come from the regularized incomplete
// beta and gamma functions, never as 1 − CDF, so tiny p-values keep their
// digits. Group levels are ordered ascending (numerically for numeric
// codes), and a two-group difference is the first level minus the second.
//
// # Errors
//
// Data an analysis cannot use (a constant column, a group with a single
// observation, a two-group test on three groups) is an *inferra.Error with
// code invalid_input and a message that says what to change. No result
// ever contains NaN or an infinity.
package stats
