package stats

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/inferra/inferra"
	"gonum.org/v1/gonum/mathext"
)

// KSDistributions are the distributions KSTest fits and tests against.
var KSDistributions = []string{"norm", "expon", "gamma", "uniform"}

// KSTestResult is the result of the one-sample Kolmogorov–Smirnov test
// against a fitted distribution.
type KSTestResult struct {
	// Statistic is D = sup |Fₙ − F| and PValue is P(Dₙ ≥ D) by the
	// exact distribution of Dₙ (scipy's kstwo), as if the parameters
	// had not been estimated from the data; Method is "exact".
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	Method    string  `json:"method"`
	// Dist is the distribution ("norm", "expon", "gamma", "uniform") and
	// Fit the scipy call whose estimates Loc, Scale and, for gamma, Shape
	// (a) are.
	Dist  string   `json:"dist"`
	Fit   string   `json:"fit"`
	Shape *float64 `json:"shape,omitempty"`
	Loc   float64  `json:"loc"`
	Scale float64  `json:"scale"`
	// StatisticLocation is the observation where the distance is largest
	// and StatisticSign +1 when the empirical CDF lies above the fitted
	// one there, −1 when below (scipy's statistic_location and
	// statistic_sign).
	StatisticLocation float64 `json:"statistic_location"`
	StatisticSign     int     `json:"statistic_sign"`
	// N is the number of observations.
	N int `json:"n"`
}

// KSTest fits the distribution dist to x by maximum likelihood as scipy's
// dist.fit(x) does, and tests x against it as scipy.stats.kstest(x, dist,
// args=fitted) (two-sided, method 'auto', which is exact for one sample):
//
//   - norm: loc = mean, scale = the standard deviation with ddof = 0;
//   - expon: loc = min, scale = mean − min;
//   - uniform: loc = min, scale = max − min;
//   - gamma: scipy's gamma.fit(x, floc=0), the shape a solving
//     ln a − ψ(a) = ln x̄ − mean(ln x) and scale = x̄/a, with the
//     location fixed at 0. scipy's default gamma.fit frees the location
//     and maximizes the likelihood by a Nelder–Mead search whose answer
//     depends on the optimizer's tolerance (and whose likelihood is
//     unbounded when the shape falls below 1), so it is no reproducible
//     reference; the fixed location is the usual gamma model of positive
//     data.
//
// Estimating the parameters from the data makes the p-value conservative
// (too large); Lilliefors' test corrects for it for the normal.
//
// It needs at least 2 observations, no NaN, a sample that is not
// constant, and positive values for gamma.
func KSTest(x []float64, dist string) (*KSTestResult, error) {
	if !slices.Contains(KSDistributions, dist) {
		return nil, inferra.Errorf(inferra.EInvalid, "kstest tests against %s, not %q", strings.Join(KSDistributions, ", "), dist).
			WithDetail("param", "dist")
	}
	n := len(x)
	if n < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "the Kolmogorov–Smirnov test needs at least 2 observations, got %d", n)
	}
	if containsNaN(x) {
		return nil, inferra.Errorf(inferra.EInvalid, "the sample contains NaN; drop missing values before the Kolmogorov–Smirnov test")
	}
	if isConstant(x) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a %s distribution cannot be fitted to a constant sample (all %d values are %g)", dist, n, x[0])
	}
	y := slices.Clone(x)
	slices.Sort(y)
	r := &KSTestResult{Method: "exact", Dist: dist, N: n}
	var cdf func(float64) float64
	switch dist {
	case "norm":
		r.Fit = "scipy.stats.norm.fit(x)"
		r.Loc = mean(x)
		sq := make([]float64, n)
		for i, v := range x {
			d := v - r.Loc
			sq[i] = d * d
		}
		r.Scale = math.Sqrt(sum(sq) / float64(n))
		cdf = ndtr
	case "expon":
		r.Fit = "scipy.stats.expon.fit(x)"
		r.Loc = y[0]
		r.Scale = mean(x) - r.Loc
		cdf = func(t float64) float64 {
			if t <= 0 {
				return 0
			}
			return -math.Expm1(-t)
		}
	case "uniform":
		r.Fit = "scipy.stats.uniform.fit(x)"
		r.Loc = y[0]
		r.Scale = y[n-1] - y[0]
		cdf = func(t float64) float64 { return min(max(t, 0), 1) }
	case "gamma":
		r.Fit = "scipy.stats.gamma.fit(x, floc=0)"
		if y[0] <= 0 {
			return nil, inferra.Errorf(inferra.EInvalid,
				"a gamma distribution (location 0) fits positive data only, but the sample has the value %g", y[0])
		}
		a, scale := gammaFit(x)
		r.Shape, r.Scale = &a, scale
		cdf = func(t float64) float64 {
			if t <= 0 {
				return 0
			}
			return mathext.GammaIncReg(a, t)
		}
	}
	if !(r.Scale > 0) || math.IsInf(r.Scale, 0) {
		return nil, inferra.Errorf(inferra.EInvalid, "the fitted %s distribution has no positive finite scale (%g)", dist, r.Scale)
	}
	vals := make([]float64, n)
	for i, v := range y {
		vals[i] = cdf((v - r.Loc) / r.Scale)
	}
	d, at, sign := ksDistance(vals)
	r.Statistic, r.StatisticLocation, r.StatisticSign = d, y[at], sign
	r.PValue = kolmogorovSF(n, d)
	return r, nil
}

// gammaFit returns scipy's gamma.fit(x, floc=0) for positive x: the shape
// a solving ln a − ψ(a) = s, s = ln x̄ − mean(ln x), by Newton's method
// from Thom's approximation, and the scale x̄/a.
func gammaFit(x []float64) (a, scale float64) {
	xbar := mean(x)
	logs := make([]float64, len(x))
	for i, v := range x {
		logs[i] = math.Log(v)
	}
	s := math.Log(xbar) - mean(logs)
	if !(s > 0) {
		// Values equal to the last digits: the log of the mean and the
		// mean of the logs round to the same number, no shape solves the
		// equation, and Newton's steps would run off to negative shapes
		// (where trigamma's recurrence never ends). KSTest refuses the
		// NaN scale.
		return math.NaN(), math.NaN()
	}
	a = (3 - s + math.Sqrt((s-3)*(s-3)+24*s)) / (12 * s)
	for range 100 {
		f := math.Log(a) - mathext.Digamma(a) - s
		fp := 1/a - trigamma(a)
		step := f / fp
		next := a - step
		if next <= 0 {
			next = a / 2
		}
		done := math.Abs(next-a) <= 1e-15*a
		a = next
		if done {
			break
		}
	}
	return a, xbar / a
}

// trigamma returns ψ′(x) for x > 0: the recurrence ψ′(x) = ψ′(x + 1) +
// 1/x² up to x ≥ 8, then the asymptotic series.
func trigamma(x float64) float64 {
	var acc float64
	for x < 8 {
		acc += 1 / (x * x)
		x++
	}
	x2 := 1 / (x * x)
	return acc + 1/x + x2/2 + (1.0/6-x2*(1.0/30-x2*(1.0/42-x2*(1.0/30))))*x2/x
}

// KS2SampResult is the result of the two-sample Kolmogorov–Smirnov test.
type KS2SampResult struct {
	// Statistic is D = max |F₁ − F₂| over the pooled values and PValue
	// P(D ≥ observed) by Method: "exact" when neither sample has more
	// than 10,000 observations (scipy's method='auto'), where D is then
	// the lattice value h/lcm(n₁, n₂) nearest the observed one, as scipy
	// reports it; otherwise "asymp", by the one-sample distribution with
	// n₁n₂/(n₁ + n₂) observations, rounded.
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	Method    string  `json:"method"`
	// StatisticLocation is the pooled value where the difference is
	// largest, and StatisticSign +1 when the first sample's empirical
	// CDF is the higher there, −1 when the second's is.
	StatisticLocation float64 `json:"statistic_location"`
	StatisticSign     int     `json:"statistic_sign"`
}

// KS2Samp performs the two-sided two-sample Kolmogorov–Smirnov test that
// x and y come from the same continuous distribution, as
// scipy.stats.ks_2samp(x, y) with its default method 'auto'.
//
// Each sample needs at least one observation and no NaN.
func KS2Samp(x, y []float64) (*KS2SampResult, error) {
	n1, n2 := len(x), len(y)
	if n1 == 0 || n2 == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "the two-sample Kolmogorov–Smirnov test needs two non-empty samples, got %d and %d", n1, n2)
	}
	if containsNaN(x) || containsNaN(y) {
		return nil, inferra.Errorf(inferra.EInvalid, "the two-sample Kolmogorov–Smirnov test needs data without NaN; drop missing values first")
	}
	a, b := slices.Clone(x), slices.Clone(y)
	slices.Sort(a)
	slices.Sort(b)
	// The pooled values in scipy's order (a, then b); the first largest
	// difference in that order is the one reported.
	pooled := append(slices.Clone(a), b...)
	maxS, minS := math.Inf(-1), math.Inf(1)
	var maxAt, minAt float64
	for _, v := range pooled {
		c1 := float64(upperBound(a, v)) / float64(n1)
		c2 := float64(upperBound(b, v)) / float64(n2)
		d := c1 - c2
		if d > maxS {
			maxS, maxAt = d, v
		}
		if d < minS {
			minS, minAt = d, v
		}
	}
	minS = min(max(-minS, 0), 1)
	r := &KS2SampResult{Statistic: maxS, StatisticLocation: maxAt, StatisticSign: 1}
	if minS > maxS {
		r.Statistic, r.StatisticLocation, r.StatisticSign = minS, minAt, -1
	}
	if max(n1, n2) <= 10000 {
		g := gcd(n1, n2)
		lcm := float64(n1/g) * float64(n2)
		h := int(math.RoundToEven(r.Statistic * lcm))
		r.Statistic = float64(h) / lcm
		r.Method = "exact"
		r.PValue = ksTwoSampleSF(n1, n2, h)
		return r, nil
	}
	m, n := float64(max(n1, n2)), float64(min(n1, n2))
	en := m * n / (m + n)
	r.Method = "asymp"
	r.PValue = kolmogorovSF(int(math.RoundToEven(en)), r.Statistic)
	return r, nil
}

// upperBound returns the number of elements of sorted s that are ≤ v
// (numpy's searchsorted(s, v, side='right')).
func upperBound(s []float64, v float64) int {
	return sort.Search(len(s), func(i int) bool { return s[i] > v })
}

// KS2SampAnalysis is the result of the ks_2samp analysis.
type KS2SampAnalysis struct {
	KS2SampResult
	// N is the number of observations in both samples.
	N int `json:"n"`
	// Groups describes the two samples: the levels of group, or the
	// columns x and y.
	Groups []GroupMedian `json:"groups"`
}

// runKSTest is the kstest analysis.
func runKSTest(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "kstest"
	dist := strings.TrimSpace(params["dist"])
	if dist == "" {
		dist = "norm"
	}
	if !slices.Contains(KSDistributions, dist) {
		return nil, inferra.Errorf(inferra.EInvalid, "%s tests against %s, not %q", id, strings.Join(KSDistributions, ", "), dist).
			WithDetail("param", "dist")
	}
	name, x, dropped, err := oneColumn(ds, id, params)
	if err != nil {
		return nil, err
	}
	r, err := KSTest(x, dist)
	if err != nil {
		return nil, err
	}
	return &inferra.Result{Stats: r, Report: ksTestReport(name, r), RowsUsed: len(x), RowsDropped: dropped}, nil
}

// runKS2Samp is the ks_2samp analysis.
func runKS2Samp(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "ks_2samp"
	g, err := samples(ds, id, params)
	if err != nil {
		return nil, err
	}
	if err := g.exactlyTwo(id, "kruskal"); err != nil {
		return nil, err
	}
	k, err := KS2Samp(g.values[0], g.values[1])
	if err != nil {
		return nil, err
	}
	r := &KS2SampAnalysis{KS2SampResult: *k, N: g.n()}
	for i, v := range g.values {
		s := slices.Clone(v)
		r.Groups = append(r.Groups, GroupMedian{Level: g.levels[i], N: len(v), Median: medianInPlace(s)})
	}
	return &inferra.Result{Stats: r, Report: ks2SampReport(g, r), RowsUsed: g.rowsUsed(), RowsDropped: g.dropped}, nil
}

var distNames = map[string]string{"norm": "normal", "expon": "exponential", "gamma": "gamma", "uniform": "uniform"}

// ksTestReport states whether the data depart from the fitted
// distribution.
func ksTestReport(name string, r *KSTestResult) string {
	verdict := "did not depart significantly from it"
	if r.PValue < 0.05 {
		verdict = "departed significantly from it"
	}
	params := fmt.Sprintf("loc = %s, scale = %s", fmtNum(r.Loc), fmtNum(r.Scale))
	if r.Shape != nil {
		params = fmt.Sprintf("shape = %s, scale = %s, loc fixed at 0", fmtNum(*r.Shape), fmtNum(r.Scale))
	}
	return fmt.Sprintf("One-sample Kolmogorov–Smirnov test against the %s distribution fitted to %s (%s, n = %d): %s %s, D = %s, %s. "+
		"The parameters were estimated from the same data, which makes the p-value conservative.",
		distNames[r.Dist], name, params, r.N, name, verdict, fmtBounded3(r.Statistic), fmtP(r.PValue))
}

// ks2SampReport states whether the two distributions differ.
func ks2SampReport(g *grouped, r *KS2SampAnalysis) string {
	subject := "the distribution of " + g.valueName
	if g.columns {
		subject = "the distributions of " + g.what()
	}
	verb := "did not differ significantly"
	if r.PValue < 0.05 {
		verb = "differed significantly"
	}
	between := " between " + g.label(0) + " and " + g.label(1)
	if g.columns {
		between = ""
	}
	higher := g.label(0)
	if r.StatisticSign < 0 {
		higher = g.label(1)
	}
	return fmt.Sprintf("Two-sample Kolmogorov–Smirnov test (%s): %s %s%s (medians %s and %s; n = %d and %d), D = %s, %s. "+
		"The empirical CDFs are furthest apart at %s, where that of %s is the higher.",
		r.Method, subject, verb, between, fmtNum(r.Groups[0].Median), fmtNum(r.Groups[1].Median), r.Groups[0].N, r.Groups[1].N,
		fmtBounded3(r.Statistic), fmtP(r.PValue), fmtNum(r.StatisticLocation), higher)
}
