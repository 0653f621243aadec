package stats

import (
	"fmt"
	"math"
	"strconv"

	"github.com/inferra/inferra"
)

// The methods of the rank tests: how the p-value was computed.
const (
	MethodExact      = "exact"
	MethodAsymptotic = "asymptotic"
	// MethodApprox is Wilcoxon's name (scipy's) for its normal
	// approximation.
	MethodApprox = "approx"
)

// MannWhitneyUResult is the result of the Mann–Whitney U test.
type MannWhitneyUResult struct {
	// Test holds U of the first sample, the two-sided p-value and the
	// method, MethodExact or MethodAsymptotic.
	Test
	// N is n1 + n2.
	N int `json:"n"`
	// Groups gives the size and median of x and of y, in that order.
	// MannWhitneyU names them "x" and "y"; the mannwhitneyu analysis
	// names them by their group levels.
	Groups []GroupMedian `json:"groups"`
	// RankBiserial is 2U/(n1·n2) − 1, in [−1, 1]: positive when x tends to
	// be larger than y.
	RankBiserial float64 `json:"rank_biserial"`
}

// MannWhitneyU performs the two-sided Mann–Whitney U test that x and y
// come from the same distribution, as scipy.stats.mannwhitneyu(x, y) with
// its defaults (method='auto', use_continuity=True).
//
// The statistic is U of x: the number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties
// counting one half. The p-value is exact when either sample has at most
// eight observations and the pooled data have no ties; otherwise it comes
// from the normal approximation with the tie-corrected variance and a
// continuity correction of one half. The exact distribution is computed
// from the generating function of U in O(min(n1,n2)·U) time, so a sample of
// 8 against one of 100 000 is still fast.
//
// Both samples need at least one observation and no NaN. When every value
// is the same, U = n1·n2/2 and p = 1, as in scipy.
func MannWhitneyU(x, y []float64) (*MannWhitneyUResult, error) {
	if len(x) == 0 || len(y) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the Mann–Whitney U test needs at least one observation in each sample, got %d and %d", len(x), len(y))
	}
	if hasNaN(x) || hasNaN(y) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the samples contain NaN; drop missing values before the Mann–Whitney U test")
	}
	n1, n2 := len(x), len(y)
	rs := rankGroups([][]float64{x, y})
	fn1, fn2 := float64(n1), float64(n2)
	u1 := rs.rankSums[0] - fn1*(fn1+1)/2
	u2 := fn1*fn2 - u1
	u := math.Max(u1, u2)

	res := &MannWhitneyUResult{
		N: n1 + n2,
		Groups: []GroupMedian{
			{Level: "x", N: n1, Median: rs.medians[0]},
			{Level: "y", N: n2, Median: rs.medians[1]},
		},
		RankBiserial: 2*u1/(fn1*fn2) - 1,
	}
	var p float64
	if (n1 <= 8 || n2 <= 8) && rs.tieTerm == 0 {
		res.Method = MethodExact
		// P(U ≥ u) = P(U ≤ n1·n2 − u) by symmetry, summed from the left as
		// scipy does.
		p = 2 * mwuExactCDF(int(fn1*fn2-u), n1, n2)
	} else {
		res.Method = MethodAsymptotic
		p = 2 * normSurvival(mwuZ(u, n1, n2, rs.tieTerm))
	}
	res.Statistic = u1
	res.PValue = clampP(p)
	return res, nil
}

// mwuZ standardizes U (the larger of U1 and U2) with the tie-corrected
// standard deviation and the continuity correction, as scipy's _get_mwu_z.
// When every value is tied the deviation is zero and z is −∞ (p = 1).
func mwuZ(u float64, n1, n2 int, tieTerm float64) float64 {
	fn1, fn2 := float64(n1), float64(n2)
	n := fn1 + fn2
	mu := fn1 * fn2 / 2
	v := fn1 * fn2 / 12 * ((n + 1) - tieTerm/(n*(n-1)))
	num := u - mu - 0.5
	if !(v > 0) {
		return math.Inf(-1)
	}
	return num / math.Sqrt(v)
}

// mwuExactCDF returns P(U ≤ k) under the null hypothesis for samples of
// sizes m and n without ties.
//
// The number of arrangements with U = j is the coefficient of qʲ in the
// Gaussian binomial [m+n choose m] = Π_{i=1..m} (1 − q^(n+i)) / (1 − q^i),
// with m the smaller size. Dividing by (1 − qⁱ) is a running sum with
// stride i and multiplying by (1 − q^(n+i)) one subtraction per
// coefficient, so the first k+1 coefficients cost O(m·k). The divisions
// come first, so the only subtractions act on partition counts that exceed
// the result by a small factor (under 10 for m ≤ 8 up to the centre), and
// the counts, at most C(m+n, m), stay far below the float64 range for
// m ≤ 8, the only case the automatic method calls exact.
func mwuExactCDF(k, m, n int) float64 {
	if m > n {
		m, n = n, m
	}
	if k < 0 {
		return 0
	}
	if k >= m*n {
		return 1
	}
	c := make([]float64, k+1)
	c[0] = 1
	for i := 1; i <= m && i <= k; i++ {
		for j := i; j <= k; j++ {
			c[j] += c[j-i]
		}
	}
	for i := 1; i <= m; i++ {
		s := n + i
		for j := k; j >= s; j-- {
			c[j] -= c[j-s]
		}
	}
	total := binomial(m+n, m)
	var cdf float64
	for _, v := range c {
		cdf += v / total
	}
	return cdf
}

// binomial returns C(n, k) in floating point.
func binomial(n, k int) float64 {
	if k > n-k {
		k = n - k
	}
	b := 1.0
	for i := 1; i <= k; i++ {
		b = b * float64(n-k+i) / float64(i)
	}
	return b
}

// runMannWhitneyU is the mannwhitneyu analysis: params group and value.
func runMannWhitneyU(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "mannwhitneyu"
	g, err := groupedColumns(ds, id, params)
	if err != nil {
		return nil, err
	}
	if err := g.twoGroups(id); err != nil {
		return nil, err
	}
	if err := g.minPerGroup(id, 1); err != nil {
		return nil, err
	}
	r, err := MannWhitneyU(g.values[0], g.values[1])
	if err != nil {
		return nil, err
	}
	r.Groups[0].Level, r.Groups[1].Level = g.levels[0], g.levels[1]
	return &inferra.Result{
		Stats:       r,
		Report:      mannWhitneyReport(g, r),
		RowsUsed:    g.n(),
		RowsDropped: g.dropped,
	}, nil
}

// mannWhitneyReport writes, for example, "Mann–Whitney U test: yield was
// higher for treatment (Mdn = 5.10, n = 12) than for control (Mdn = 4.20,
// n = 11), U = 98.0, p = .012, rank-biserial r = .36."
func mannWhitneyReport(g *grouped, r *MannWhitneyUResult) string {
	a, b := r.Groups[0], r.Groups[1]
	if r.RankBiserial < 0 {
		a, b = b, a
	}
	desc := func(gm GroupMedian) string {
		return fmt.Sprintf("%s (Mdn = %s, n = %d)", levelName(g.groupName, gm.Level), fmtNum(gm.Median), gm.N)
	}
	var what string
	if r.PValue < 0.05 && r.RankBiserial != 0 {
		what = fmt.Sprintf("%s was higher for %s than for %s", g.valueName, desc(a), desc(b))
	} else {
		what = fmt.Sprintf("%s did not differ significantly between %s and %s",
			g.valueName, desc(r.Groups[0]), desc(r.Groups[1]))
	}
	exact := ""
	if r.Method == MethodExact {
		exact = "exact "
	}
	return fmt.Sprintf("Mann–Whitney U test: %s, U = %s, %s%s, rank-biserial r = %s.",
		what, fmtHalf(r.Statistic), exact, fmtP(r.PValue), fmtBounded(r.RankBiserial))
}

// levelName names a group in a sentence: by its level ("placebo"), or by
// the grouping column and the level when the level is a numeric code
// ("dose 2.5").
func levelName(column, level string) string {
	if _, err := strconv.ParseFloat(level, 64); err == nil {
		return column + " " + level
	}
	return level
}

// fmtHalf formats a rank statistic, a multiple of one half, with one
// decimal ("98.0", "656.5").
func fmtHalf(x float64) string {
	return strconv.FormatFloat(x, 'f', 1, 64)
}
