package stats

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
)

// NormalityResult is the result of the shapiro and lilliefors analyses.
type NormalityResult struct {
	// Statistic is the test's (Shapiro–Wilk's W, Lilliefors' D) and
	// PValue its p-value.
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	// Method is "table" for lilliefors: the p-value is interpolated in
	// a table of critical values, and so is never below 0.001 or above
	// 0.99.
	Method string `json:"method,omitempty"`
	// N is the number of observations; Mean and SD (ddof = 1) describe them.
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// AndersonResult is the result of the Anderson–Darling test for normality.
// It has no p-value: scipy gives the statistic and the critical values at
// five significance levels, and so does Inferra.
type AndersonResult struct {
	// Statistic is A².
	Statistic float64 `json:"statistic"`
	// CriticalValues[i] is the critical value of A² at
	// SignificanceLevels[i] percent (15, 10, 5, 2.5, 1).
	CriticalValues     []float64 `json:"critical_values"`
	SignificanceLevels []float64 `json:"significance_levels"`
	// RejectedAt lists the significance levels (percent) at which
	// normality is rejected: those whose critical value A² exceeds.
	RejectedAt []float64 `json:"rejected_at"`
	// N is the number of observations; Mean and SD (ddof = 1) are the
	// fitted normal's parameters.
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// andersonNormA are Stephens' critical values of A² for the normal with
// estimated mean and variance at 15, 10, 5, 2.5 and 1 percent, before the
// small-sample adjustment (scipy's _Avals_norm).
var andersonNormA = []float64{0.576, 0.656, 0.787, 0.918, 1.092}

// AndersonDarling performs the Anderson–Darling test that x comes from a
// normal distribution with unknown mean and variance, as
// scipy.stats.anderson(x, dist='norm'): with w the sorted data
// standardized by the mean and the sample SD (ddof = 1),
//
//	A² = −n − Σᵢ (2i − 1)/n · (ln Φ(wᵢ) + ln(1 − Φ(w₍ₙ₊₁₋ᵢ₎)))
//
// and the critical values 0.576, 0.656, 0.787, 0.918, 1.092 divided by
// 1 + 4/n − 25/n², rounded to three decimals.
//
// It needs at least 4 observations (below, the adjusted critical values
// are negative), no NaN, and a sample that is not constant.
func AndersonDarling(x []float64) (*AndersonResult, error) {
	n := len(x)
	if n < 4 {
		return nil, inferra.Errorf(inferra.EInvalid, "the Anderson–Darling test needs at least 4 observations, got %d", n)
	}
	if containsNaN(x) {
		return nil, inferra.Errorf(inferra.EInvalid, "the sample contains NaN; drop missing values before the Anderson–Darling test")
	}
	m, v := meanVar(x)
	s := math.Sqrt(v)
	if !(s > 0) {
		return nil, inferra.Errorf(inferra.EInvalid, "the Anderson–Darling test is undefined for a constant sample (all %d values are %g)", n, x[0])
	}
	y := slices.Clone(x)
	slices.Sort(y)
	nf := float64(n)
	lcdf := make([]float64, n)
	lsf := make([]float64, n)
	for i, v := range y {
		w := (v - m) / s
		lcdf[i] = logNdtr(w)
		lsf[i] = logNdtr(-w)
	}
	terms := make([]float64, n)
	for i := range terms {
		terms[i] = (2*float64(i+1) - 1) / nf * (lcdf[i] + lsf[n-1-i])
	}
	a2 := -nf - sum(terms)
	r := &AndersonResult{
		Statistic:          a2,
		SignificanceLevels: []float64{15, 10, 5, 2.5, 1},
		RejectedAt:         []float64{},
		N:                  n,
		Mean:               m,
		SD:                 s,
	}
	adj := 1 + 4/nf - 25/nf/nf
	for i, a := range andersonNormA {
		c := math.RoundToEven(a/adj*1000) / 1000
		r.CriticalValues = append(r.CriticalValues, c)
		if a2 > c {
			r.RejectedAt = append(r.RejectedAt, r.SignificanceLevels[i])
		}
	}
	return r, nil
}

// Lilliefors performs the Lilliefors test that x comes from a normal
// distribution with unknown mean and variance, as
// statsmodels.stats.diagnostic.lilliefors(x, dist='norm',
// pvalmethod='table'): the Kolmogorov–Smirnov distance D between the
// sample standardized by its mean and SD (ddof = 1) and the standard
// normal, and a p-value interpolated linearly in statsmodels' table of
// simulated critical values (linearly in n between the table's sizes,
// by its fitted asymptote beyond 1600). The table spans significance
// levels from 0.001 to 0.99, so the p-value is clipped to that range.
//
// It needs at least 4 observations, no NaN, and a sample that is not
// constant.
func Lilliefors(x []float64) (*Test, error) {
	n := len(x)
	if n < 4 {
		return nil, inferra.Errorf(inferra.EInvalid, "the Lilliefors test needs at least 4 observations, got %d", n)
	}
	if containsNaN(x) {
		return nil, inferra.Errorf(inferra.EInvalid, "the sample contains NaN; drop missing values before the Lilliefors test")
	}
	m, v := meanVar(x)
	s := math.Sqrt(v)
	if !(s > 0) {
		return nil, inferra.Errorf(inferra.EInvalid, "the Lilliefors test is undefined for a constant sample (all %d values are %g)", n, x[0])
	}
	z := make([]float64, n)
	for i, v := range x {
		z[i] = (v - m) / s
	}
	slices.Sort(z)
	cdf := make([]float64, n)
	for i, w := range z {
		cdf[i] = ndtr(w)
	}
	d, _, _ := ksDistance(cdf)
	return &Test{Statistic: d, PValue: lillieforsP(d, n), Method: "table"}, nil
}

// lillieforsP interpolates the p-value of D for n observations in the
// table as statsmodels' TableDist.prob does.
func lillieforsP(d float64, n int) float64 {
	nf := float64(n)
	crit := make([]float64, len(lillieforsAlpha))
	if maxSize := lillieforsSizes[len(lillieforsSizes)-1]; nf > maxSize {
		ln := math.Log(nf)
		for j, p := range lillieforsAsymp {
			crit[j] = math.Exp(p[0] + p[1]*ln + p[2]*ln*ln)
		}
	} else {
		col := make([]float64, len(lillieforsSizes))
		for j := range crit {
			for i, row := range lillieforsCrit {
				col[i] = row[j]
			}
			crit[j] = interpLinear(lillieforsSizes, col, nf)
		}
	}
	// The critical values fall as alpha rises: interpolate alpha over
	// them in ascending order.
	alpha := slices.Clone(lillieforsAlpha)
	slices.Reverse(crit)
	slices.Reverse(alpha)
	switch {
	case d < crit[0]:
		return alpha[0]
	case d > crit[len(crit)-1]:
		return alpha[len(alpha)-1]
	}
	return interpLinear(crit, alpha, d)
}

// interpLinear interpolates y over ascending xs at x (within the range of
// xs) in the arithmetic of scipy's interp1d(kind='linear').
func interpLinear(xs, ys []float64, x float64) float64 {
	hi := sort.SearchFloat64s(xs, x) // first xs[i] >= x, as searchsorted
	hi = min(max(hi, 1), len(xs)-1)
	lo := hi - 1
	slope := (ys[hi] - ys[lo]) / (xs[hi] - xs[lo])
	return slope*(x-xs[lo]) + ys[lo]
}

// ksDistance returns the two-sided Kolmogorov–Smirnov distance between the
// empirical distribution of n sorted values and a distribution whose CDF
// at them is cdf, the index of the value where it is reached, and its
// sign: +1 when the empirical CDF lies above (D⁺ ≥ D⁻, as scipy breaks the
// tie), −1 below.
func ksDistance(cdf []float64) (d float64, at, sign int) {
	n := float64(len(cdf))
	dPlus, dMinus := math.Inf(-1), math.Inf(-1)
	var iPlus, iMinus int
	for i, c := range cdf {
		if v := float64(i+1)/n - c; v > dPlus {
			dPlus, iPlus = v, i
		}
		if v := c - float64(i)/n; v > dMinus {
			dMinus, iMinus = v, i
		}
	}
	if dPlus > dMinus {
		return dPlus, iPlus, 1
	}
	return dMinus, iMinus, -1
}

// ndtr returns the standard normal CDF as scipy's ndtr (cephes) computes
// it, through erf near the centre and erfc in the tails.
func ndtr(a float64) float64 {
	x := a * (math.Sqrt2 / 2)
	z := math.Abs(x)
	if z < math.Sqrt2/2 {
		return 0.5 + 0.5*math.Erf(x)
	}
	y := 0.5 * math.Erfc(z)
	if x > 0 {
		y = 1 - y
	}
	return y
}

// logNdtr returns ln Φ(a), accurate in both tails as scipy's log_ndtr: as
// ln(1 − erfc(a/√2)/2) from a = −1 up, and from erfc (or, where it
// underflows, its asymptotic series) below.
func logNdtr(a float64) float64 {
	t := a * (math.Sqrt2 / 2)
	if a >= -1 {
		return math.Log1p(-math.Erfc(t) / 2)
	}
	u := -t
	if u < 25 {
		return math.Log(math.Erfc(u) / 2)
	}
	// erfc(u) = e^{−u²}/(u√π) · (1 − 1/(2u²) + 3/(2u²)² − …)
	s, term := 1.0, 1.0
	for k := 1; k < 30; k++ {
		term *= -float64(2*k-1) / (2 * u * u)
		s += term
		if math.Abs(term) < 1e-17 {
			break
		}
	}
	return -u*u - math.Log(u*math.Sqrt(math.Pi)) + math.Log(s) - math.Ln2
}

// runShapiro is the shapiro analysis.
func runShapiro(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	return runNormality(ds, "shapiro", params)
}

// runLilliefors is the lilliefors analysis.
func runLilliefors(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	return runNormality(ds, "lilliefors", params)
}

func runNormality(ds *inferra.Dataset, id string, params map[string]string) (*inferra.Result, error) {
	name, x, dropped, err := oneColumn(ds, id, params)
	if err != nil {
		return nil, err
	}
	var t *Test
	if id == "shapiro" {
		t, err = ShapiroWilk(x)
	} else {
		t, err = Lilliefors(x)
	}
	if err != nil {
		return nil, err
	}
	m, v := meanVar(x)
	r := &NormalityResult{Statistic: t.Statistic, PValue: t.PValue, Method: t.Method, N: len(x), Mean: m, SD: math.Sqrt(v)}
	return &inferra.Result{Stats: r, Report: normalityReport(id, name, r), RowsUsed: len(x), RowsDropped: dropped}, nil
}

// runAnderson is the anderson analysis.
func runAnderson(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "anderson"
	name, x, dropped, err := oneColumn(ds, id, params)
	if err != nil {
		return nil, err
	}
	r, err := AndersonDarling(x)
	if err != nil {
		return nil, err
	}
	return &inferra.Result{Stats: r, Report: andersonReport(name, r), RowsUsed: len(x), RowsDropped: dropped}, nil
}

// oneColumn returns the numeric column named by params "x" without its
// missing values, and how many it dropped.
func oneColumn(ds *inferra.Dataset, analysis string, params map[string]string) (name string, x []float64, dropped int, err error) {
	name, err = param(analysis, params, "x")
	if err != nil {
		return "", nil, 0, err
	}
	c, err := numericColumn(ds, analysis, "x", name)
	if err != nil {
		return "", nil, 0, err
	}
	x = make([]float64, 0, len(c.Floats))
	for _, v := range c.Floats {
		if math.IsNaN(v) {
			dropped++
			continue
		}
		x = append(x, v)
	}
	return name, x, dropped, nil
}

// normalityReport states whether the data depart from a normal
// distribution.
func normalityReport(id, name string, r *NormalityResult) string {
	verdict := "did not depart significantly from a normal distribution"
	if r.PValue < 0.05 {
		verdict = "departed significantly from a normal distribution"
	}
	switch id {
	case "shapiro":
		return fmt.Sprintf("Shapiro–Wilk test: %s (M = %s, SD = %s, n = %d) %s, W = %s, %s.",
			name, fmtNum(r.Mean), fmtNum(r.SD), r.N, verdict, fmtBounded3(r.Statistic), fmtP(r.PValue))
	}
	p := fmtP(r.PValue)
	switch {
	case r.PValue <= 0.001:
		p = "p ≤ .001"
	case r.PValue >= 0.99:
		p = "p ≥ .99"
	}
	return fmt.Sprintf("Lilliefors test: %s (M = %s, SD = %s, n = %d) %s, D = %s, %s (interpolated in the table of critical values).",
		name, fmtNum(r.Mean), fmtNum(r.SD), r.N, verdict, fmtBounded3(r.Statistic), p)
}

// andersonReport states the levels at which normality is rejected.
func andersonReport(name string, r *AndersonResult) string {
	head := fmt.Sprintf("Anderson–Darling test: for %s (M = %s, SD = %s, n = %d), A² = %s",
		name, fmtNum(r.Mean), fmtNum(r.SD), r.N, fmtNum(r.Statistic))
	if len(r.RejectedAt) == 0 {
		return fmt.Sprintf("%s, below the critical value at the 15%% level (%s): normality is not rejected at any of the tabulated levels.",
			head, fmtNum(r.CriticalValues[0]))
	}
	levels := make([]string, len(r.RejectedAt))
	for i, l := range r.RejectedAt {
		levels[i] = strconv.FormatFloat(l, 'f', -1, 64) + "%"
	}
	last := len(r.RejectedAt) - 1
	tail := "."
	if last+1 < len(r.SignificanceLevels) {
		tail = fmt.Sprintf(", but not at %s%% (critical value %s).",
			strconv.FormatFloat(r.SignificanceLevels[last+1], 'f', -1, 64), fmtNum(r.CriticalValues[last+1]))
	}
	return fmt.Sprintf("%s, above the critical value %s at the %s level: normality is rejected at %s%s",
		head, fmtNum(r.CriticalValues[last]), levels[last], strings.Join(levels, ", "), tail)
}

// fmtBounded3 formats a statistic in [0, 1] with three decimals and no
// leading zero (".981"), as W and D are usually reported.
func fmtBounded3(x float64) string {
	return dropLeadingZero(strconv.FormatFloat(x, 'f', 3, 64))
}
