// Command inferra answers questions about tabular data with deterministic,
// explainable statistics.
//
// # Usage
//
//	inferra analyze --data FILE --analysis ID [--param name=value]... [--out DIR]
//	inferra analyses
//	inferra version
//
// analyze loads FILE (CSV with a header row, or a JSON array of records),
// runs the analysis ID with its parameters naming columns by role, and
// prints the job document as JSON on standard output:
//
//	inferra analyze --data crops.csv --analysis ttest_ind \
//		--param group=fertiliser --param value=yield
//
// A chart (boxplot, scatter, regplot, histogram, kde) is an analysis too:
// its result holds the numbers behind the picture. With --out DIR the chart
// is written as DIR/NAME.png and DIR/NAME.svg and listed in the document's
// "plots"; a test run with --out also draws the chart that goes with it (a
// box plot beside a group comparison, a regression plot beside pearsonr,
// residuals against fitted values beside ols):
//
//	inferra analyze --data crops.csv --analysis boxplot \
//		--param group=fertiliser --param value=yield --out charts
//
// The exit status is 0 when the job succeeded, 1 when it failed for an
// internal reason, 2 for bad usage or bad input (the job document then has
// "status": "failed" and an "error" with a code and a message that says
// what to fix) and 3 when no analysis could be decided.
//
// analyses lists the analysis ids with their parameters; version prints the
// version of the binary and of Go.
package main
