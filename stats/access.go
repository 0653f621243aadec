package stats

import "github.com/inferra/inferra"

// The functions below expose the column access, the number formats and the
// distributions that the analyses use, so that the charts of package plots
// read columns, reject bad input and write their subtitles the same way.

// CheckParams returns an EInvalid error naming the parameters of params
// that analysis id neither requires nor accepts (listing what it takes),
// or nil: the check Run makes before an analysis.
func CheckParams(id string, required, optional []string, params map[string]string) error {
	return checkParams(id, required, optional, params)
}

// Param returns params[name], or an EInvalid error saying that analysis
// needs the parameter.
func Param(analysis string, params map[string]string, name string) (string, error) {
	return param(analysis, params, name)
}

// NumericColumn returns the column of ds called name, which analysis uses
// in the given role ("x", "value"). An unknown name is an EInvalid error
// naming the closest columns; a column that is not numeric is one that
// says what it holds, and for a mostly numeric column, which value at
// which line is not a number.
func NumericColumn(ds *inferra.Dataset, analysis, role, name string) (*inferra.Column, error) {
	return numericColumn(ds, analysis, role, name)
}

// PairedColumns returns the numeric columns named by params "x" and "y",
// without the rows where either is missing, and how many rows it dropped.
// The slices may be the columns' own storage: they must not be modified.
func PairedColumns(ds *inferra.Dataset, analysis string, params map[string]string) (x, y []float64, dropped int, err error) {
	p, err := pairedColumns(ds, analysis, params)
	if err != nil {
		return nil, nil, 0, err
	}
	return p.x, p.y, p.dropped, nil
}

// GroupedColumns returns the numeric column named by params "value" split
// by the levels of the column named by params "group", in group order
// (ascending; numeric order for numeric codes), without rows where either
// is missing and without levels left empty; and how many rows it dropped.
// A numeric group column that looks continuous is an EInvalid error.
// The value slices must not be modified.
func GroupedColumns(ds *inferra.Dataset, analysis string, params map[string]string) (levels []string, values [][]float64, dropped int, err error) {
	g, err := groupedColumns(ds, analysis, params)
	if err != nil {
		return nil, nil, 0, err
	}
	return g.levels, g.values, g.dropped, nil
}

// FormatNum formats a statistic for a report: two decimals, or three
// significant digits for magnitudes two decimals cannot show.
func FormatNum(x float64) string { return fmtNum(x) }

// FormatBounded formats a quantity bounded by one (a correlation) with two
// decimals and no leading zero: ".54".
func FormatBounded(x float64) string { return fmtBounded(x) }

// FormatP formats a p-value as APA does: "p = .019", "p < .001".
func FormatP(p float64) string { return fmtP(p) }

// TQuantile returns the p-quantile of Student's t distribution with df
// degrees of freedom.
func TQuantile(p, df float64) float64 { return tQuantile(p, df) }

// SelectKth reorders s (no NaN) so that s[k] is the value it would have if
// s were sorted, with nothing greater before it and nothing smaller after
// it, and returns s[k]: quickselect, linear in expected time.
func SelectKth(s []float64, k int) float64 { return selectKth(s, k) }

// MeanVar returns the mean of x (numpy's pairwise summation) and its
// sample variance (ddof = 1; NaN for fewer than two values).
func MeanVar(x []float64) (mean, variance float64) { return meanVar(x) }
