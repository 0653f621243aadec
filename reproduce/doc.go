// Package reproduce writes, for a finished job, the program that checks
// it outside Inferra: reproduce.py, a standalone Python 3 program using
// only numpy, pandas, scipy and statsmodels.
//
//	script, err := reproduce.Script(job) // EUnsupported for an analysis not covered yet
//	os.WriteFile(filepath.Join(dir, "reproduce.py"), script, 0o644)
//	// then, anywhere: python3 reproduce.py data.csv
//
// # What the program does
//
// It takes the CSV as its one argument and checks the file's SHA-256
// against the job's; it reads the file as Inferra's loader does
// (pandas.read_csv with the NA tokens NA, NaN, null, N/A and ".", pandas'
// own defaults and round-trip float parsing: testdata/README.md, "Loading
// conventions"); it drops rows missing a value in a column the analysis
// uses, orders group levels as Inferra does (numbers numerically, text
// byte-wise), fits the same formula, and recomputes every number of the
// job's result with the scipy or statsmodels call docs/RESULTS.md names,
// and the job's rows used and dropped. It prints Inferra's value and its
// own side by side and exits 0 when all agree, 1 when one differs, when
// Inferra reported a number it did not compute (or left out one it did),
// or when the file is not the job's; 2 when called without the file.
//
// # Tolerances
//
// Relative, with an absolute floor of 1e-12 for values near zero:
// statistics and estimates 1e-9, p-values 1e-6, regression coefficients
// 1e-8 (as the reference tests of package stats); Shapiro–Wilk 2e-6
// absolute on its statistic and 1e-3 relative on its p-value (scipy
// computes it in single precision); the OLS condition number 1e-6;
// densities 1e-12 of their curve's peak (1e-4 for curves binned over
// 10,000 points). Text and counts must be equal. Confidence intervals
// use the t quantile from inverting the incomplete beta function, since
// scipy 1.10's t.ppf is a root search with tolerance 1e-8.
//
// Post-hoc comparisons (tukey_hsd, games_howell and the posthoc block of
// f_oneway) take their p-values from scipy's studentized_range.sf (by way
// of tukey_hsd for Tukey), which is 1 − cdf with the cdf integrated to an
// absolute 1e-11: with more than two groups they are held to 1e-6
// relative or 1e-9 absolute, the one looser tolerance, so a p-value far
// below 1e-5 is checked only to be tiny. With two groups Q/√2 is |T|, so
// the script takes p from scipy's t distribution and holds it to 1e-6
// relative. Tukey's interval bounds (tukey_hsd's confidence_interval) are
// held to 1e-9 relative or 1e-9 of the interval's half-width, since a
// bound near zero is the difference of two larger numbers.
//
// # Safety
//
// The job enters the program as one JSON text inside a Python string
// literal, written by encoding/json, so a column name or a level (or
// anything a user typed) stays data and never becomes code; the prompt is
// not included. The program reads nothing but the CSV it is given.
//
// # Coverage
//
// Analyses lists what Script covers: every analysis of package stats —
// the seed analyses; the issue-17 ones, among them the variance tests in
// both sample forms (two columns, or a value split by a group), the
// normality tests (Lilliefors by statsmodels' lilliefors), kstest with
// the distribution fitted by scipy's dist.fit (gamma with floc=0, as
// Inferra documents), ks_2samp, Tukey's HSD and Games–Howell (as
// pingouin computes it: Welch's t and df, scipy's studentized range), and
// f_oneway's post-hoc block, whose method is chosen again from Levene's
// test — and the charts (box statistics, bins, densities, the
// regression band and how points are drawn; the contingency counts of
// crosstab, scipy's probplot behind qqplot, the empirical CDFs and D of
// ecdf, each with the result of the test it accompanies). TestScriptsAgree runs the program of
// one job per analysis with Debian's python3-scipy and
// python3-statsmodels and requires exit 0; it skips when they are
// missing, except when INFERRA_CI=1 or CI=true. TestSupported fails for a
// registered analysis that Script does not cover, so a new one shows up.
package reproduce
