package stats

import (
	"fmt"
	"math"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/mem"
)

// WilcoxonResult is the result of the Wilcoxon signed-rank test.
type WilcoxonResult struct {
	// Test holds min(W+, W−), the two-sided p-value and the method,
	// MethodExact or MethodApprox.
	Test
	// N is the number of pairs.
	N int `json:"n"`
	// NNonzero is the number of pairs whose difference is not zero.
	NNonzero int `json:"n_nonzero"`
	// MedianDifference is the median of x − y over all pairs.
	MedianDifference float64 `json:"median_difference"`

	wPlus, wMinus float64 // rank sums of the positive and negative differences
}

// Wilcoxon performs the two-sided Wilcoxon signed-rank test that the
// differences x − y are symmetric about zero, as scipy.stats.wilcoxon(x, y)
// with its defaults (zero_method='wilcox', correction=False, mode='auto').
//
// The absolute differences are ranked (ties averaged) and the statistic is
// the smaller of the rank sums of the positive and the negative
// differences. With at most 50 pairs and no zero difference the p-value is
// exact, from the distribution of W+ (with tied differences scipy still
// uses it, truncating W+ to an integer, and so does Wilcoxon). Otherwise
// zero differences are dropped and the p-value comes from the normal
// approximation with the tie-corrected variance, without continuity
// correction.
//
// x and y must have the same length (it panics otherwise), at least one
// pair, no NaN, and at least one non-zero difference.
func Wilcoxon(x, y []float64) (*WilcoxonResult, error) {
	if len(x) != len(y) {
		panic("stats: Wilcoxon of slices with different lengths")
	}
	if len(x) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "the Wilcoxon signed-rank test needs at least one pair, got none")
	}
	d := mem.Floats(len(x))
	for i := range x {
		d[i] = x[i] - y[i]
	}
	if hasNaN(d) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"x − y is undefined for some pairs (NaN or infinite values); drop them before the Wilcoxon signed-rank test")
	}
	n := len(d)
	// Nothing below depends on the order of the differences, so d is
	// reordered by the median's selection and then compacted in place to
	// the non-zero differences.
	medianDiff := medianInPlace(d)
	nz := d[:0]
	for _, v := range d {
		if v != 0 {
			nz = append(nz, v)
		}
	}
	if len(nz) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the Wilcoxon signed-rank test is undefined when every difference x − y is zero (all %d pairs are equal)", n)
	}
	res := &WilcoxonResult{N: n, NNonzero: len(nz), MedianDifference: medianDiff}
	exact := n <= 50 && len(nz) == n

	abs := mem.Floats(len(nz))
	for i, v := range nz {
		abs[i] = math.Abs(v)
	}
	ranks, tieTerm := rankAverage(abs)
	for i, v := range nz {
		if v > 0 {
			res.wPlus += ranks[i]
		} else {
			res.wMinus += ranks[i]
		}
	}
	t := math.Min(res.wPlus, res.wMinus)
	res.Statistic = t
	if exact {
		res.Method = MethodExact
		res.PValue = wilcoxonExactP(len(nz), res.wPlus)
		return res, nil
	}
	res.Method = MethodApprox
	c := float64(len(nz))
	mn := c * (c + 1) * 0.25
	se := c * (c + 1) * (2*c + 1)
	se -= 0.5 * tieTerm
	se = math.Sqrt(se / 24)
	z := (t - mn) / se
	res.PValue = clampP(2 * normSurvival(math.Abs(z)))
	return res, nil
}

// wilcoxonExactP returns the exact two-sided p-value of W+ = wPlus for n
// non-zero differences, as scipy 1.10: W+ is truncated to an integer
// (it is a half-integer when differences tie), the centre of the
// distribution has p = 1, and otherwise p = 2·min(P(W ≤ W+), P(W ≥ W+)).
func wilcoxonExactP(n int, wPlus float64) float64 {
	pmf := wilcoxonPMF(n)
	r := int(wPlus)
	if r == (len(pmf)-1)/2 {
		return 1
	}
	var less, greater float64
	for _, p := range pmf[:r+1] {
		less += p
	}
	for _, p := range pmf[r:] {
		greater += p
	}
	return clampP(2 * math.Min(less, greater))
}

// wilcoxonPMF returns P(W+ = r) for r = 0 … n(n+1)/2 under the null
// hypothesis: each rank k joins W+ with probability one half, so the
// distribution for k ranks is the average of the one for k − 1 shifted by
// 0 and by k (scipy's _get_wilcoxon_distr, in the same arithmetic).
func wilcoxonPMF(n int) []float64 {
	c := []float64{1}
	for k := 1; k <= n; k++ {
		next := make([]float64, k*(k+1)/2+1)
		m := len(c)
		for i, v := range c {
			next[i] = v * 0.5
		}
		off := len(next) - m
		for i, v := range c {
			next[off+i] += v * 0.5
		}
		c = next
	}
	return c
}

// runWilcoxon is the wilcoxon analysis: params x and y.
func runWilcoxon(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "wilcoxon"
	p, err := pairedColumns(ds, id, params)
	if err != nil {
		return nil, err
	}
	if len(p.x) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"wilcoxon needs at least one row where both %q and %q are present, but there is none",
			params["x"], params["y"])
	}
	if allZero(p.x, p.y) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"wilcoxon is undefined because %q equals %q in every one of the %d rows; there is no difference to test",
			params["x"], params["y"], len(p.x))
	}
	r, err := Wilcoxon(p.x, p.y)
	if err != nil {
		return nil, err
	}
	return &inferra.Result{
		Stats:       r,
		Report:      wilcoxonReport(params["x"], params["y"], r),
		RowsUsed:    len(p.x),
		RowsDropped: p.dropped,
	}, nil
}

// allZero reports whether x[i] − y[i] is zero for every i.
func allZero(x, y []float64) bool {
	for i := range x {
		if x[i]-y[i] != 0 {
			return false
		}
	}
	return true
}

// wilcoxonReport writes, for example, "Wilcoxon signed-rank test: Before
// was higher than After (median difference = 1.68, n = 50 pairs),
// T = 360.0, exact p = .007."
func wilcoxonReport(xName, yName string, r *WilcoxonResult) string {
	var what string
	switch {
	case r.PValue < 0.05 && r.wPlus > r.wMinus:
		what = fmt.Sprintf("%s was higher than %s", xName, yName)
	case r.PValue < 0.05 && r.wPlus < r.wMinus:
		what = fmt.Sprintf("%s was lower than %s", xName, yName)
	default:
		what = fmt.Sprintf("%s and %s did not differ significantly", xName, yName)
	}
	pairs := fmt.Sprintf("n = %d pairs", r.N)
	if z := r.N - r.NNonzero; z > 0 {
		pairs += fmt.Sprintf(", %d with no difference left out", z)
	}
	exact := ""
	if r.Method == MethodExact {
		exact = "exact "
	}
	return fmt.Sprintf("Wilcoxon signed-rank test: %s (median difference = %s, %s), T = %s, %s%s.",
		what, fmtNum(r.MedianDifference), pairs, fmtHalf(r.Statistic), exact, fmtP(r.PValue))
}
