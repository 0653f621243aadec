// Package explain puts a result in plain words, from its numbers alone
// (never a language model): the labelled table a person reads in jamovi
// or JASP, one "what this means" sentence with the size of the effect in
// words, the rows left out and why, the assumption checks with what they
// imply, and, after a significant ANOVA, which pairs of groups differ.
// The job document carries it as its "summary" block.
//
//	res, err := stats.Run(ctx, ds, "ttest_ind", params)
//	…
//	schema := ds.Schema()
//	sum, err := explain.FromResult(res, decision, &schema)
//	fmt.Println(sum.Meaning)
//	// The mean of yield is higher in Drug (M = 22.16, SD = 3.61, n = 29) than in
//	// placebo (…), by 2.56 (95% CI [0.88, 4.24]). The difference is statistically
//	// significant and medium (d = 0.79; Welch's t(53.2) = 3.05, p = .004).
//
// A stored job, whose result is JSON, is summarised with FromJob; any
// result with Summarize.
//
// # Sizes in words
//
// Each analysis names the size of its effect by a published rule of
// thumb (Conventions lists them): Cohen's d, dz and Hedges' g at 0.2, 0.5
// and 0.8; correlations (Pearson, Spearman, partial, rank-biserial) at
// .1, .3 and .5, Kendall's τ after r = sin(πτ/2); η² and ε² at .01, .06
// and .14; R² at .02, .13 and .26 (Cohen's f² of .02, .15, .35); Cramér's
// V at .1, .3 and .5 divided by √(min(rows, columns) − 1); odds ratios at
// 1.68, 3.47 and 6.71 (Chen, Cohen & Chen 2010), in either direction. A
// test that is significant on an effect below the first threshold is
// called "statistically significant but negligible", as is the truth with
// a correlation of .05 on 20,000 rows. Intervals of d come from the
// analysis when it has them; otherwise from the normal approximation of
// Hedges and Olkin, and Effect.CIMethod says so.
//
// Where no such convention exists the size is said in the data's own
// terms instead, and Summary.Effect is left out: a variance test gives the
// variance ratio, the largest sample variance over the smallest ("the
// variance of big is 98.25 times that of small"); a Kolmogorov–Smirnov
// test its D, the largest gap between two cumulative distributions, in
// percentage points and where it lies; a post-hoc test the number of
// pairs that differ and by how much.
//
// # Tables
//
// The first table of a test has the columns Test, Statistic, df, p,
// Effect size, 95% CI and n, one row per test the result holds (Welch's
// and Student's t and the Mann–Whitney U of a t-test; Fisher's and
// Welch's F and Kruskal–Wallis of an ANOVA). Other tables follow: the
// groups, the coefficients of a regression with readable terms (Term:
// floor.area for Q('floor.area'), "region: south vs central" for
// region[T.south]), the contingency table, the post-hoc pairs, the
// critical values of the Anderson–Darling test, the fitted parameters of
// kstest.
//
// # Samples in two forms
//
// levene, bartlett, mood, f_test and ks_2samp take either two columns x
// and y or a value split by a group. With two columns each is a sample of
// its own and keeps every value it has, so the rows left out are only
// those missing both, and the summary says so.
//
// # Every analysis
//
// Every analysis of package stats and every chart of package plots has a
// summarizer of its own (TestEveryAnalysisHasItsOwnSummary fails when one
// is added without); those of the variance, normality, distribution and
// post-hoc analyses decode the result types of package stats themselves,
// so a change of their fields shows here. An analysis without one (a job
// of an analysis since removed, say) still gets a correct summary from
// the top-level statistic, df and p-value that every test result has
// (Summary.Generic is then true).
//
// # Which pairs differ
//
// A significant f_oneway result carries a posthoc block
// (stats.ANOVAPostHoc): the method, Tukey's HSD or Games–Howell as
// Levene's test decided, the reason, and only the pairs that differ. The
// summary says how many of the k(k − 1)/2 pairs differ and, for at most
// six, the smallest p-values first, which group is higher and by how much
// ("Site-A is higher than Site-E by 3.90 (p = .008)"); Summary.PostHoc
// holds the pairs, and a table lists them. The tukey_hsd and games_howell
// analyses are summarised the same way over every pair, Tukey's with a
// check of the groups' spreads (the largest SD under twice the smallest).
// A significant ANOVA without the block (neither test could run) gets a
// note naming games_howell and tukey_hsd.
//
// See ExampleFromResult and ExampleTerm.
package explain
