package stats

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/inferra/inferra"
	"gonum.org/v1/gonum/mathext"
)

// VarianceComparison is the result of the variance analyses levene,
// bartlett, mood and f_test: the test, and the samples it compared.
type VarianceComparison struct {
	// Statistic and PValue are the test's: Levene's W, Bartlett's T,
	// Mood's z or the variance ratio F.
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	// DF1 and DF2 are the degrees of freedom of the F distribution of
	// levene and f_test, DF those of bartlett's χ²; each is left out
	// where it does not apply (mood's z is normal).
	DF1 int `json:"df1,omitempty"`
	DF2 int `json:"df2,omitempty"`
	DF  int `json:"df,omitempty"`
	// Center is "median" for levene (the Brown–Forsythe variant).
	Center string `json:"center,omitempty"`
	// N is the number of observations and K the number of samples.
	N int `json:"n"`
	K int `json:"k"`
	// Groups describes each sample: the levels of group in order, or the
	// columns x and y.
	Groups []GroupSummary `json:"groups"`
}

// Bartlett performs Bartlett's test that two or more normal samples have
// equal variances, as scipy.stats.bartlett(*groups):
//
//	T = ((N − k) ln s²ₚ − Σ (nᵢ − 1) ln s²ᵢ) / (1 + (Σ 1/(nᵢ − 1) − 1/(N − k)) / (3(k − 1)))
//
// with the pooled variance s²ₚ, and P(χ²(k − 1) ≥ T). It is sensitive to
// departures from normality; Levene's test is the robust alternative.
//
// It needs at least two groups of at least two observations, each with
// some variance.
func Bartlett(groups ...[]float64) (*DFTest, error) {
	k := len(groups)
	if k < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "Bartlett's test needs at least two groups, got %d", k)
	}
	var n, sumInv, pooled, sumLog float64
	vars := make([]float64, k)
	for i, g := range groups {
		if len(g) < 2 {
			return nil, inferra.Errorf(inferra.EInvalid,
				"Bartlett's test needs at least two observations in each group, but group %d has %d", i+1, len(g))
		}
		if containsNaN(g) {
			return nil, inferra.Errorf(inferra.EInvalid, "Bartlett's test needs data without NaN; drop missing values first")
		}
		_, v := meanVar(g)
		if !(v > 0) {
			return nil, inferra.Errorf(inferra.EInvalid,
				"Bartlett's test is undefined when a group has no variance (every value of group %d is %g)", i+1, g[0])
		}
		vars[i] = v
		ni := float64(len(g))
		n += ni
		sumInv += 1 / (ni - 1)
	}
	for i, g := range groups {
		pooled += (float64(len(g)) - 1) * vars[i]
		sumLog += (float64(len(g)) - 1) * math.Log(vars[i])
	}
	kf := float64(k)
	pooled /= n - kf
	numer := (n-kf)*math.Log(pooled) - sumLog
	denom := 1 + (sumInv-1/(n-kf))/(3*(kf-1))
	t := numer / denom
	return &DFTest{Statistic: t, PValue: chi2Survival(t, kf-1), DF: kf - 1}, nil
}

// Mood performs Mood's two-sample test that x and y have the same scale,
// as scipy.stats.mood(x, y): the sum over x of the squared deviations of
// the pooled ranks from their mean, standardized to z, with the two-sided
// normal p-value. With ties, the ranks of a run of equal values share the
// mean of their squared deviations and the variance is corrected as
// Mielke (1967) shows (scipy's method since 1.9).
//
// It needs at least three observations in all and not every value equal.
func Mood(x, y []float64) (*Test, error) {
	n, m := len(x), len(y)
	if n == 0 || m == 0 || n+m < 3 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"Mood's test needs two non-empty samples with at least 3 observations in all, got %d and %d", n, m)
	}
	if containsNaN(x) || containsNaN(y) {
		return nil, inferra.Errorf(inferra.EInvalid, "Mood's test needs data without NaN; drop missing values first")
	}
	type obs struct {
		v   float64
		inX bool
	}
	all := make([]obs, 0, n+m)
	for _, v := range x {
		all = append(all, obs{v, true})
	}
	for _, v := range y {
		all = append(all, obs{v, false})
	}
	slices.SortFunc(all, func(a, b obs) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	N := float64(n + m)
	mid := (N + 1) / 2
	var t, correction float64
	for lo := 0; lo < len(all); {
		hi := lo + 1
		for hi < len(all) && all[hi].v == all[lo].v {
			hi++
		}
		// The run holds ranks lo+1 … hi; a of them are x's.
		var psi float64
		a := 0
		for r := lo + 1; r <= hi; r++ {
			d := float64(r) - mid
			psi += d * d
		}
		for _, o := range all[lo:hi] {
			if o.inX {
				a++
			}
		}
		tj := float64(hi - lo)
		t += psi / tj * float64(a)
		if tj > 1 {
			s := N - float64(hi) - float64(lo)
			correction += tj * (tj*tj - 1) * (tj*tj - 4 + 15*s*s)
		}
		lo = hi
	}
	nf, mf := float64(n), float64(m)
	mean := nf * (N*N - 1) / 12
	variance := mf*nf*(N+1)*(N*N-4)/180 - mf*nf/(180*N*(N-1))*correction
	if !(variance > 1e-9*mf*nf*(N+1)*(N*N-4)/180) {
		return nil, inferra.Errorf(inferra.EInvalid, "Mood's test is undefined when every value is the same (%g)", x[0])
	}
	z := (t - mean) / math.Sqrt(variance)
	return &Test{Statistic: z, PValue: clampP(2 * normSurvival(math.Abs(z)))}, nil
}

// FTestResult is the result of FTest.
type FTestResult struct {
	// Statistic is F = var(x) / var(y) and PValue is 2·min(P(F ≤ f),
	// P(F ≥ f)) for F(DF1, DF2).
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	// DF1 is len(x) − 1 and DF2 is len(y) − 1.
	DF1 int `json:"df1"`
	DF2 int `json:"df2"`
}

// FTest performs the two-sided F test that two normal samples have equal
// variances: the ratio of the sample variances (ddof = 1) against the F
// distribution with (n₁ − 1, n₂ − 1) degrees of freedom, p = 2·min(cdf,
// sf) as scipy.stats.f.cdf and f.sf give them. Like Bartlett's test it
// assumes normal data.
//
// Each sample needs at least two observations and some variance.
func FTest(x, y []float64) (*FTestResult, error) {
	if len(x) < 2 || len(y) < 2 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the F test needs at least two observations in each sample, got %d and %d", len(x), len(y))
	}
	if containsNaN(x) || containsNaN(y) {
		return nil, inferra.Errorf(inferra.EInvalid, "the F test needs data without NaN; drop missing values first")
	}
	_, vx := meanVar(x)
	_, vy := meanVar(y)
	if !(vx > 0) || !(vy > 0) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the F test of variances is undefined when a sample has no variance (variances %g and %g)", vx, vy)
	}
	f := vx / vy
	d1, d2 := float64(len(x)-1), float64(len(y)-1)
	p := 2 * math.Min(fCDF(f, d1, d2), fSurvival(f, d1, d2))
	return &FTestResult{Statistic: f, PValue: clampP(p), DF1: len(x) - 1, DF2: len(y) - 1}, nil
}

// fCDF returns P(F ≤ f) for the F distribution with (d1, d2) degrees of
// freedom, as scipy's fdtr: I_{d1·f/(d2 + d1·f)}(d1/2, d2/2).
func fCDF(f, d1, d2 float64) float64 {
	if f <= 0 {
		return 0
	}
	if math.IsInf(f, 1) {
		return 1
	}
	return clampP(mathext.RegIncBeta(d1/2, d2/2, d1*f/(d2+d1*f)))
}

// runVariance runs one of the variance analyses on its samples.
func runVariance(ds *inferra.Dataset, id string, params map[string]string) (*inferra.Result, error) {
	g, err := samples(ds, id, params)
	if err != nil {
		return nil, err
	}
	switch id {
	case "mood", "f_test":
		if err := g.exactlyTwo(id, "levene or bartlett"); err != nil {
			return nil, err
		}
	default:
		if err := g.atLeastTwoGroups(id); err != nil {
			return nil, err
		}
	}
	// Every sample needs two observations: one value has no spread (and
	// no SD to report).
	if err := g.minEach(id, 2); err != nil {
		return nil, err
	}
	r := &VarianceComparison{N: g.n(), K: len(g.values), Groups: make([]GroupSummary, len(g.values))}
	// The tests' statistics do not change when every value is scaled by
	// one power of two: computing on values whose largest magnitude is
	// in [0.5, 1) keeps sums of squares finite (1e300) and non-zero
	// (subnormals). Means and SDs are scaled back.
	if err := checkSpan(id, g.values); err != nil {
		return nil, err
	}
	scaled, e := scaleGroups(g.values)
	for i, v := range scaled {
		m, s2 := meanVar(v)
		r.Groups[i] = GroupSummary{Level: g.levels[i], N: len(v), Mean: math.Ldexp(m, e), SD: math.Ldexp(math.Sqrt(s2), e)}
	}
	g.values = scaled
	switch id {
	case "levene":
		l, err := Levene(g.values...)
		if err != nil {
			return nil, err
		}
		r.Statistic, r.PValue, r.DF1, r.DF2, r.Center = l.Statistic, l.PValue, l.DF1, l.DF2, l.Center
	case "bartlett":
		b, err := Bartlett(g.values...)
		if err != nil {
			return nil, err
		}
		r.Statistic, r.PValue, r.DF = b.Statistic, b.PValue, int(b.DF)
	case "mood":
		mt, err := Mood(g.values[0], g.values[1])
		if err != nil {
			return nil, err
		}
		r.Statistic, r.PValue = mt.Statistic, mt.PValue
	case "f_test":
		f, err := FTest(g.values[0], g.values[1])
		if err != nil {
			return nil, err
		}
		r.Statistic, r.PValue, r.DF1, r.DF2 = f.Statistic, f.PValue, f.DF1, f.DF2
	}
	return &inferra.Result{Stats: r, Report: varianceReport(id, g, r), RowsUsed: g.rowsUsed(), RowsDropped: g.dropped}, nil
}

func runLevene(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	return runVariance(ds, "levene", params)
}

func runBartlett(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	return runVariance(ds, "bartlett", params)
}

func runMood(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	return runVariance(ds, "mood", params)
}

func runFTest(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	return runVariance(ds, "f_test", params)
}

// varianceReport says whether the spreads differ, with the test's
// statistic and p, and the samples with the largest and smallest SD.
func varianceReport(id string, g *grouped, r *VarianceComparison) string {
	subject := "the variances of " + g.valueName
	if g.columns {
		subject = "the variances of " + g.what()
	}
	verb := "did not differ significantly"
	if r.PValue < 0.05 {
		verb = "differed significantly"
	}
	across := " across " + g.what()
	if g.columns {
		across = ""
	}
	var b strings.Builder
	switch id {
	case "levene":
		fmt.Fprintf(&b, "Levene's test (centred on the median): %s %s%s, W(%d, %d) = %s, %s.",
			subject, verb, across, r.DF1, r.DF2, fmtNum(r.Statistic), fmtP(r.PValue))
	case "bartlett":
		fmt.Fprintf(&b, "Bartlett's test: %s %s%s, χ²(%d) = %s, %s.",
			subject, verb, across, r.DF, fmtNum(r.Statistic), fmtP(r.PValue))
	case "mood":
		subject = "the scale (spread) of " + g.valueName
		if g.columns {
			subject = "the scale (spread) of " + g.what()
		}
		fmt.Fprintf(&b, "Mood's test: %s %s%s, z = %s, %s.",
			subject, verb, across, fmtNum(r.Statistic), fmtP(r.PValue))
	case "f_test":
		fmt.Fprintf(&b, "F test of equal variances: %s %s%s, F(%d, %d) = %s, %s; the variance of %s is %s times that of %s.",
			subject, verb, across, r.DF1, r.DF2, fmtNum(r.Statistic), fmtP(r.PValue), g.label(0), fmtNum(r.Statistic), g.label(1))
	}
	if id != "f_test" {
		hi, lo := 0, 0
		for i, s := range r.Groups {
			if s.SD > r.Groups[hi].SD {
				hi = i
			}
			if s.SD < r.Groups[lo].SD {
				lo = i
			}
		}
		fmt.Fprintf(&b, " The largest SD was in %s (SD = %s, n = %d), the smallest in %s (SD = %s, n = %d).",
			g.label(hi), fmtNum(r.Groups[hi].SD), r.Groups[hi].N, g.label(lo), fmtNum(r.Groups[lo].SD), r.Groups[lo].N)
	}
	return b.String()
}
