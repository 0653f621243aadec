// Package plots draws the charts of Inferra with gonum/plot: box plots,
// scatter plots, histograms, kernel density estimates and regression plots,
// and the charts that go beside tests (residuals, contingency bars, Q-Q
// plots, empirical CDFs), each as a PNG and an SVG, with the numbers it
// shows.
//
// # Charts are analyses
//
// A chart has an analysis id and parameters like a test (ARCHITECTURE.md):
//
//	boxplot    group, value   one box per level, in group order; Tukey whiskers
//	scatter    x, y [hue]     every point, or the density of all points when many
//	regplot    x, y           scatter, OLS line, 95% confidence band of the line
//	histogram  x [bins]       numpy's "auto" bins unless bins is given
//	kde        x [hue]        Gaussian kernel, Scott's bandwidth (scipy's gaussian_kde)
//	residuals  formula        residuals against fitted values of an OLS fit
//	crosstab   x, y [strata, test]
//	                          grouped bars of the contingency table, a group of
//	                          bars per level of x (and per stratum), a colour per
//	                          level of y; the subtitle states test's result
//	qqplot     x [dist, test] ordered values against a distribution's quantiles
//	                          (scipy's probplot) with the least-squares line; for
//	                          kstest also the fitted distribution's line
//	ecdf       x, y or group, value
//	                          the two empirical CDFs, the largest distance D of
//	                          ks_2samp marked where it lies
//
// Render draws one and returns a Chart: the PNG and SVG bytes, the title
// and subtitle drawn on it, a sentence for the job's report, and Stats,
// the numbers behind the picture (box statistics, bin edges and counts,
// the density grid and bandwidths, the fitted line and its band, how the
// points were drawn), which a job document carries as its result.
//
//	ch, err := plots.Render(ctx, ds, "regplot", map[string]string{"x": "dose", "y": "response"}, plots.Options{})
//	if err != nil {
//		return err // an *inferra.Error: unknown column, not numeric, no values, no spread…
//	}
//	os.WriteFile("regplot.png", ch.PNG, 0o644)
//	fmt.Println(ch.Subtitle) // r = .54, p < .001, n = 120 · the best straight line, its likely range shaded (95%) · every point drawn
//
// # Charts beside tests
//
// Companion names the chart that shows the data of a test: a box plot
// beside ttest_ind, f_oneway, kruskal and mannwhitneyu, a regression plot
// beside pearsonr, a scatter plot beside spearmanr, ttest_rel and wilcoxon
// (y against x), the residuals chart beside ols, the contingency bars
// beside chi2_contingency, fisher_exact and mantel_haenszel (one group of
// bars per stratum), a Q-Q plot beside shapiro, anderson and lilliefors
// (against the normal) and kstest (against the distribution it fitted:
// norm, expon and uniform in their standard form, gamma with the fitted
// shape, and the fitted loc + scale · quantile drawn beside the
// least-squares line), and the two empirical CDFs beside ks_2samp. The
// companion's test parameter names the test, whose statistic and p-value
// the subtitle states. Its legend stands beside the plot, with a title,
// where it covers no data. docs/screenshots/crosstab.png, qqplot.png and
// ecdf.png show one of each. ForJob returns the
// charts a job shows, the chart itself for a chart analysis and the
// companion for a test; it is what a job service calls after the analysis
// has run. `inferra analyze --out DIR` writes them as NAME.png and
// NAME.svg and lists them in the job's plots.
//
// # The numbers agree with numpy, scipy, statsmodels and matplotlib
//
// The bins are numpy's histogram_bin_edges(x, "auto") and the counts
// numpy.histogram's; the boxes are matplotlib's boxplot_stats with
// whis=1.5 (what seaborn draws), with quartiles by numpy's linear
// percentile; the densities are scipy's gaussian_kde on seaborn's grid; the
// regression band is statsmodels' get_prediction().conf_int(), computed
// from the fit rather than by bootstrap. testdata/reference_plots.py
// computes them and the tests compare (BoxOf, Histogram, Density,
// RegBand expose the computations). The companion charts' numbers are
// scipy's: ProbPlot is scipy.stats.probplot (Filliben's order statistic
// medians, the least-squares line and r), EmpiricalCDF numpy's unique
// counts, D and where it lies scipy.stats.ks_2samp's, the counts
// pandas.crosstab's; testdata/reference_charts.py computes them.
//
// # A million rows
//
// Every chart analysis of a million rows renders in a small fraction of a
// second (see BENCHMARKS.md, "Charts"); the companion charts of the
// issue-17 tests also run their test, and take up to a second, except a
// Q-Q plot against a fitted gamma, whose million inverse incomplete gamma
// functions take seconds (checking the context as they go). Quartiles come from selection, not a
// sort; a histogram is one outline, whatever its bin count; a density of
// more than 10,000 points is binned onto a fine grid and convolved (the
// error is measured against the exact sum in the tests); coincident
// outliers are drawn once. A scatter or regression plot of more than
// Options.MaxPoints points draws the density of all of them on a grid of
// cells shaded by log count, which hides no outlier; with hue it draws a
// seeded random subsample. The subtitle says which. The regression line is
// always fitted on every row. A Q-Q plot of more than Options.MaxPoints
// values draws both tails' 100 points and evenly spaced ranks between (its
// line is fitted on all); an empirical CDF keeps a step where it crosses
// each 1/2,000 of the sample.
//
// # Same input, same bytes
//
// The fonts are the Liberation fonts embedded in gonum/plot, nothing
// depends on map order, time or the machine, and the subsample's seed is
// fixed, so a chart's bytes depend on its input only. Golden images in
// testdata/golden guard the looks; after a deliberate change, look at the
// new pictures and run
//
//	go test ./plots -update
//
// See the examples for each entry point.
package plots
