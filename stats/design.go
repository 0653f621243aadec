package stats

import (
	"github.com/inferra/inferra"
)

// Design is the model matrix of a formula on a dataset, after listwise
// deletion of rows with a missing value in any column the formula uses.
// Rows are produced on demand by Row, so that a million-row model never
// needs its whole matrix in memory.
type Design struct {
	// Formula is the formula as given.
	Formula string
	// Response is the left-hand side as patsy names it ("y", "np.log(y)").
	Response string
	// Columns are the model matrix's column names as patsy writes them
	// ("Intercept", "x", "C(g)[T.b]", "a:b"), in patsy's order.
	Columns []string
	// Terms are the formula's terms in order, each with its span of
	// Columns; the intercept, when present, is a term named "Intercept".
	Terms []DesignTerm
	// Intercept reports whether the model has a constant column (first).
	Intercept bool
	// Y holds the response for the N rows used.
	Y []float64
	// N is the number of rows used; RowsDropped the rows left out for
	// missing values.
	N, RowsDropped int

	row func(i int, dst []float64)
}

// DesignTerm is one term of a formula and its columns [Start, End) in the
// model matrix.
type DesignTerm struct {
	Name       string
	Start, End int
}

// Row fills dst, of length len(d.Columns), with row i (0 ≤ i < N) of the
// model matrix.
func (d *Design) Row(i int, dst []float64) {
	d.row(i, dst)
}

// DenseDesign returns a Design over explicit columns: cols[j] is model
// matrix column names[j] over all rows, y the response. terms gives the
// spans of the columns; intercept says the first column is the constant.
// It is for models built outside formulas, and for tests.
func DenseDesign(response string, names []string, terms []DesignTerm, intercept bool, cols [][]float64, y []float64) *Design {
	if len(cols) != len(names) {
		panic("stats: DenseDesign: one column per name")
	}
	for _, c := range cols {
		if len(c) != len(y) {
			panic("stats: DenseDesign: columns and response differ in length")
		}
	}
	return &Design{
		Response:  response,
		Columns:   names,
		Terms:     terms,
		Intercept: intercept,
		Y:         y,
		N:         len(y),
		row: func(i int, dst []float64) {
			for j, c := range cols {
				dst[j] = c[i]
			}
		},
	}
}

// NewDesign builds the model matrix of formula on ds.
func NewDesign(ds *inferra.Dataset, formula string) (*Design, error) {
	return nil, inferra.Errorf(inferra.EUnsupported, "formulas are not implemented yet")
}

// FormulaColumns returns the dataset columns that formula uses.
func FormulaColumns(formula string) ([]string, error) {
	return nil, inferra.Errorf(inferra.EUnsupported, "formulas are not implemented yet")
}
