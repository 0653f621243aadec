package stats

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/inferra/inferra"
)

// PartialCorrResult is the result of PartialCorr.
type PartialCorrResult struct {
	// Statistic is the partial correlation of x and y given the
	// covariates, and PValue its two-sided p-value from
	// t = r·√(DF/(1 − r²)) with DF = n − 2 − k degrees of freedom.
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	N         int     `json:"n"`
	DF        int     `json:"df"`
	// Covariates names the k covariates (the analysis's covar; "1", "2", …
	// for PartialCorr).
	Covariates []string `json:"covariates"`
	// CILow and CIHigh bound the 95% confidence interval from Fisher's z
	// with standard error 1/√(n − k − 3), as pingouin; [−1, 1] when
	// n − k ≤ 3.
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
}

// PartialCorr returns the partial (Pearson) correlation of x and y
// controlling for the covariates: the correlation of the residuals of x
// and of y after least-squares regression on the covariates with an
// intercept, which is what pingouin.partial_corr(method="pearson")
// computes from the inverse covariance matrix, with its p-value and 95%
// confidence interval.
//
// Every slice must have the same length (it panics otherwise), without
// NaN; it needs at least k + 3 observations for k covariates, covariates
// that are not collinear, and x and y that the covariates do not explain
// exactly.
func PartialCorr(x, y []float64, covariates ...[]float64) (*PartialCorrResult, error) {
	names := make([]string, len(covariates))
	for i := range names {
		names[i] = fmt.Sprint(i + 1)
	}
	return partialCorr(x, y, covariates, names)
}

func partialCorr(x, y []float64, covs [][]float64, names []string) (*PartialCorrResult, error) {
	n, k := len(x), len(covs)
	if len(y) != n {
		panic("stats: PartialCorr: x and y have different lengths")
	}
	for _, c := range covs {
		if len(c) != n {
			panic("stats: PartialCorr: a covariate has a different length")
		}
	}
	if k == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "a partial correlation needs at least one covariate; use pearsonr without")
	}
	if n < k+3 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a partial correlation with %d covariates needs at least %d observations, got %d", k, k+3, n)
	}
	for _, v := range append([][]float64{x, y}, covs...) {
		if containsNaN(v) {
			return nil, inferra.Errorf(inferra.EInvalid, "a partial correlation needs data without NaN; drop missing values first")
		}
	}
	// A partial correlation does not change when a variable is scaled:
	// bring each to a largest magnitude in [0.5, 1) by a power of two, so
	// that sums of squares neither overflow (1e300) nor underflow
	// (subnormals), and no digit changes.
	x, y = scaledPow2(x), scaledPow2(y)
	scaled := make([][]float64, k)
	for j, c := range covs {
		scaled[j] = scaledPow2(c)
	}
	covs = scaled
	// Orthonormal basis of the centred covariates (the intercept is the
	// centring), by modified Gram–Schmidt with one reorthogonalisation.
	basis := make([][]float64, 0, k)
	for j, c := range covs {
		q := centred(c)
		norm0 := math.Sqrt(dot(q, q))
		for range 2 {
			for _, b := range basis {
				axpy(-dot(b, q), b, q)
			}
		}
		norm := math.Sqrt(dot(q, q))
		if !(norm > 1e-10*norm0) {
			what := "constant"
			if norm0 > 0 {
				what = "a linear combination of the other covariates"
			}
			return nil, inferra.Errorf(inferra.EInvalid,
				"covariate %q is %s, so the partial correlation cannot separate its effect; leave it out", names[j], what).
				WithDetail("column", names[j])
		}
		for i := range q {
			q[i] /= norm
		}
		basis = append(basis, q)
	}
	resid := func(v []float64, role string) ([]float64, error) {
		r := centred(v)
		norm0 := math.Sqrt(dot(r, r))
		for range 2 {
			for _, b := range basis {
				axpy(-dot(b, r), b, r)
			}
		}
		if !(math.Sqrt(dot(r, r)) > 1e-10*norm0) {
			what := "constant"
			if norm0 > 0 {
				what = "explained exactly by the covariates"
			}
			return nil, inferra.Errorf(inferra.EInvalid, "%s is %s, so its partial correlation is undefined", role, what)
		}
		return r, nil
	}
	rx, err := resid(x, "x")
	if err != nil {
		return nil, err
	}
	ry, err := resid(y, "y")
	if err != nil {
		return nil, err
	}
	r := correlation(rx, ry)
	df := n - 2 - k
	res := &PartialCorrResult{Statistic: r, N: n, DF: df, Covariates: names, CILow: -1, CIHigh: 1}
	if math.Abs(r) < 1 {
		t := r * math.Sqrt(float64(df)/(1-r*r))
		res.PValue = tTwoSided(t, float64(df))
	}
	if n-k > 3 {
		z := math.Atanh(r)
		h := normQuantile(0.975) / math.Sqrt(float64(n-k-3))
		res.CILow, res.CIHigh = math.Tanh(z-h), math.Tanh(z+h)
	}
	return res, nil
}

// centred returns v minus its mean, in a new slice.
func centred(v []float64) []float64 {
	m := mean(v)
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x - m
	}
	return out
}

func dot(a, b []float64) float64 {
	var s float64
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// axpy sets y += a·x.
func axpy(a float64, x, y []float64) {
	for i, v := range x {
		y[i] += a * v
	}
}

// covarNames splits the covar parameter: the name of one column, or
// names separated by commas.
func covarNames(ds *inferra.Dataset, s string) []string {
	s = strings.TrimSpace(s)
	if slices.Contains(ds.Names(), s) {
		return []string{s}
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// partialColumns lists the columns of partial_corr, or nil when a
// parameter is missing.
func partialColumns(params map[string]string) []string {
	x, y, c := params["x"], params["y"], params["covar"]
	if x == "" || y == "" || strings.TrimSpace(c) == "" {
		return nil
	}
	cols := []string{x, y}
	for _, p := range strings.Split(c, ",") {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(cols, p) {
			cols = append(cols, p)
		}
	}
	if t := strings.TrimSpace(c); !slices.Contains(cols, t) {
		cols = append(cols, t) // a single column whose name has a comma
	}
	return cols
}

// runPartialCorr is the partial_corr analysis.
func runPartialCorr(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "partial_corr"
	cv, err := param(id, params, "covar")
	if err != nil {
		return nil, err
	}
	// x and y: present, numeric and different.
	if _, err := pairedColumns(ds, id, params); err != nil {
		return nil, err
	}
	xn, yn := params["x"], params["y"]
	names := covarNames(ds, cv)
	cols := make([][]float64, len(names))
	for i, name := range names {
		if name == "" {
			return nil, inferra.Errorf(inferra.EInvalid, "%s: covar %q has an empty name; separate the covariates by commas", id, cv).
				WithDetail("param", "covar")
		}
		if name == xn || name == yn || slices.Index(names, name) < i {
			return nil, inferra.Errorf(inferra.EInvalid, "%s: %q appears twice among x, y and covar; each column may play one part", id, name).
				WithDetail("column", name)
		}
		c, err := numericColumn(ds, id, "covar", name)
		if err != nil {
			return nil, err
		}
		cols[i] = c.Floats
	}
	// Listwise deletion over x, y and every covariate.
	xc, _ := ds.Column(xn)
	yc, _ := ds.Column(yn)
	var x, y []float64
	covs := make([][]float64, len(names))
	for r := range ds.Rows() {
		ok := !math.IsNaN(xc.Floats[r]) && !math.IsNaN(yc.Floats[r])
		for _, c := range cols {
			ok = ok && !math.IsNaN(c[r])
		}
		if !ok {
			continue
		}
		x = append(x, xc.Floats[r])
		y = append(y, yc.Floats[r])
		for i, c := range cols {
			covs[i] = append(covs[i], c[r])
		}
	}
	k := len(names)
	if len(x) < k+3 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s with %d covariates needs at least %d rows with %q, %q and every covariate present, but %d of %d rows have them",
			id, k, k+3, xn, yn, len(x), ds.Rows()).WithDetail("rows_used", len(x))
	}
	for _, c := range []struct {
		name string
		v    []float64
	}{{xn, x}, {yn, y}} {
		if isConstant(c.v) {
			return nil, inferra.Errorf(inferra.EInvalid, "%s needs %q to vary, but all %d of its values used are %g",
				id, c.name, len(c.v), c.v[0]).WithDetail("column", c.name)
		}
	}
	r, err := partialCorr(x, y, covs, names)
	if err != nil {
		return nil, inferra.Errorf(inferra.EInvalid, "%s: %s", id, strings.NewReplacer(`x is`, fmt.Sprintf("%q is", xn),
			`y is`, fmt.Sprintf("%q is", yn)).Replace(inferra.ErrorMessage(err))).WithDetail("param", "covar")
	}
	controlling := quoteList(names)
	controlling = strings.ReplaceAll(controlling, `"`, "")
	report := fmt.Sprintf("Partial correlation controlling for %s: %s, r(%d) = %s, 95%% CI [%s, %s], %s.",
		controlling, corrClaim(xn, yn, r.Statistic, r.PValue), r.DF,
		fmtBounded(r.Statistic), fmtBounded(r.CILow), fmtBounded(r.CIHigh), fmtP(r.PValue))
	return &inferra.Result{Stats: r, Report: report, RowsUsed: len(x), RowsDropped: ds.Rows() - len(x)}, nil
}

// scaledPow2 returns v times the power of two that brings its largest
// magnitude into [0.5, 1), or v itself when it is all zeros.
func scaledPow2(v []float64) []float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	if m == 0 || math.IsInf(m, 0) || math.IsNaN(m) {
		return v
	}
	_, e := math.Frexp(m)
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Ldexp(x, -e)
	}
	return out
}
