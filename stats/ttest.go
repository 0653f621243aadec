package stats

import (
	"fmt"
	"math"
	"strconv"
	"sync"

	"github.com/inferra/inferra"

	"github.com/inferra/inferra/internal/mem"
)

// TTest is a two-sided t-test of a mean difference with its 95%
// confidence interval.
type TTest struct {
	// Statistic is t = MeanDifference / standard error, and PValue is
	// P(|T| ≥ |t|) for Student's t with DF degrees of freedom.
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	DF        float64 `json:"df"`
	// MeanDifference is the estimate; CILow and CIHigh bound its 95%
	// confidence interval, MeanDifference ∓ t₀.₉₇₅(DF) · standard error.
	MeanDifference float64 `json:"mean_difference"`
	CILow          float64 `json:"ci_low"`
	CIHigh         float64 `json:"ci_high"`
}

// newTTest builds the test of the estimate md with standard error se.
func newTTest(md, se, df float64) TTest {
	t := md / se
	h := tQuantile(0.975, df) * se
	return TTest{Statistic: t, PValue: tTwoSided(t, df), DF: df, MeanDifference: md, CILow: md - h, CIHigh: md + h}
}

// scale multiplies the estimate and its interval by s, a power of two:
// the test was computed on the data divided by s.
func (t *TTest) scale(s float64) {
	t.MeanDifference *= s
	t.CILow *= s
	t.CIHigh *= s
}

// finite reports whether every value is a finite number.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// containsInf reports whether x holds an infinity.
func containsInf(x []float64) bool {
	for _, v := range x {
		if math.IsInf(v, 0) {
			return true
		}
	}
	return false
}

// TTestIndResult is the result of TTestInd. The embedded TTest is Welch's
// test, which does not assume equal variances.
type TTestIndResult struct {
	TTest
	// Method is "welch": the top-level test is Welch's.
	Method string `json:"method"`
	// N is the number of observations in both groups.
	N int `json:"n"`
	// Student is Student's t-test, which pools the variances
	// (df = n₁ + n₂ − 2).
	Student TTest `json:"student"`
	// Welch repeats the top-level test.
	Welch TTest `json:"welch"`
	// Groups describes the two groups. TTestInd names them "1" and "2";
	// the ttest_ind analysis by their levels.
	Groups []GroupSummary `json:"groups"`
	// CohensD is the mean difference over the pooled standard deviation,
	// and HedgesG corrects it for small samples with the exact factor
	// J = Γ(m/2) / (√(m/2) Γ((m−1)/2)), m = n₁ + n₂ − 2.
	CohensD float64 `json:"cohens_d"`
	HedgesG float64 `json:"hedges_g"`
	// Levene is the Brown–Forsythe test of equal variances; nil when it
	// is undefined for the data.
	Levene *LeveneResult `json:"levene,omitempty"`
	// MannWhitneyU is the rank-based alternative (statistic, p_value and
	// method of MannWhitneyU); nil when it could not be computed.
	MannWhitneyU *Test `json:"mannwhitneyu,omitempty"`
	// Normality holds the Shapiro–Wilk test of each group with 3 to 5000
	// observations.
	Normality []GroupNormality `json:"normality" optional:"entries"`
}

// GroupNormality is the Shapiro–Wilk test of one group.
type GroupNormality struct {
	Level     string  `json:"level"`
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
}

// Shapiro–Wilk is reported for samples of this size only, as scipy warns
// that its p-value may be inaccurate beyond 5000.
const minShapiro, maxShapiro = 3, 5000

// TTestInd compares the means of two independent samples, a minus b. The
// result holds Welch's t-test (scipy.stats.ttest_ind(a, b,
// equal_var=False)) at the top level and in Welch, Student's t-test
// (equal_var=True) in Student, both with 95% confidence intervals for the
// difference, the group descriptives, Cohen's d and Hedges' g, and the
// companion tests a report usually wants: Levene's test of equal
// variances, the Mann–Whitney U test, and Shapiro–Wilk per group. A
// companion test that fails is left out rather than failing the t-test.
//
// Each sample needs at least two observations, and at least one of them
// must vary.
func TTestInd(a, b []float64) (*TTestIndResult, error) {
	return tTestInd(a, b, "1", "2")
}

func tTestInd(a, b []float64, levelA, levelB string) (r *TTestIndResult, err error) {
	if len(a) < 2 || len(b) < 2 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a two-sample t-test needs at least two observations in each group, got %d and %d", len(a), len(b))
	}
	if containsNaN(a) || containsNaN(b) {
		return nil, inferra.Errorf(inferra.EInvalid, "a two-sample t-test needs data without NaN; drop missing values first")
	}
	if containsInf(a) || containsInf(b) {
		return nil, inferra.Errorf(inferra.EInvalid, "a two-sample t-test needs finite values; drop the infinite ones first")
	}
	n1, n2 := float64(len(a)), float64(len(b))
	// Both groups are measured from one centre c, the middle of their
	// range, and in units of a power of two s: the deviations x − c are
	// small where the groups sit far from zero (two means near 1e9 keep
	// the digits of their difference, as a regression on the group does),
	// and x − c is finite while its sums of squares neither overflow
	// (1e170 and beyond) nor underflow (1e-160 and below). Every
	// statistic is computed in these units; the mean difference and its
	// interval are scaled back at the end.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, g := range [][]float64{a, b} {
		for _, v := range g {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	c := lo/2 + hi/2
	da, db := shiftScale(a, c, 1), shiftScale(b, c, 1)
	sc := powerScale(da, db)
	if sc != 1 {
		for _, d := range [][]float64{da, db} {
			for i := range d {
				d[i] /= sc
			}
		}
	}
	m1, v1 := meanVar(da)
	m2, v2 := meanVar(db)
	if !(v1 > 0) && !(v2 > 0) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a two-sample t-test is undefined when neither group varies (every value is %g in the first group and %g in the second)", a[0], b[0])
	}
	md := m1 - m2

	dfs := n1 + n2 - 2
	sp2 := ((n1-1)*v1 + (n2-1)*v2) / dfs
	student := newTTest(md, math.Sqrt(sp2*(1/n1+1/n2)), dfs)

	vn1, vn2 := v1/n1, v2/n2
	dfw := (vn1 + vn2) * (vn1 + vn2) / (vn1*vn1/(n1-1) + vn2*vn2/(n2-1))
	welch := newTTest(md, math.Sqrt(vn1+vn2), dfw)
	student.scale(sc)
	welch.scale(sc)
	if !finite(welch.MeanDifference, welch.CILow, welch.CIHigh, student.CILow, student.CIHigh) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a two-sample t-test cannot report these groups: the mean difference or its confidence interval lies beyond the largest float (about 1.8e308); rescale the values")
	}

	d := md / math.Sqrt(sp2)
	r = &TTestIndResult{
		TTest:   welch,
		Method:  "welch",
		N:       len(a) + len(b),
		Student: student,
		Welch:   welch,
		Groups: []GroupSummary{
			{Level: levelA, N: len(a), Mean: c + m1*sc, SD: math.Sqrt(v1) * sc},
			{Level: levelB, N: len(b), Mean: c + m2*sc, SD: math.Sqrt(v2) * sc},
		},
		CohensD:   d,
		HedgesG:   d * hedgesJ(dfs),
		Normality: []GroupNormality{},
	}
	// Levene's test is invariant to the centre and the scale: it sees
	// the data as they are unless they had to be scaled.
	la, lb := a, b
	if powerScale(a, b) != 1 {
		la, lb = da, db
	}
	// The companion tests are independent: on large samples Levene's
	// test runs on another core while the Mann–Whitney test ranks.
	var wg sync.WaitGroup
	levene := func() {
		if l, err := Levene(la, lb); err == nil {
			r.Levene = l
		}
	}
	if r.N >= 1<<16 {
		wg.Go(levene)
	} else {
		levene()
	}
	if u, err := MannWhitneyU(a, b); err == nil {
		r.MannWhitneyU = &Test{Statistic: u.Statistic, PValue: u.PValue, Method: u.Method}
	}
	wg.Wait()
	for i, g := range [][]float64{a, b} {
		if len(g) < minShapiro || len(g) > maxShapiro {
			continue
		}
		if s, err := ShapiroWilk(g); err == nil {
			r.Normality = append(r.Normality, GroupNormality{Level: r.Groups[i].Level, Statistic: s.Statistic, PValue: s.PValue})
		}
	}
	return r, nil
}

// containsNaN reports whether x holds a NaN.
func containsNaN(x []float64) bool {
	for _, v := range x {
		if v != v {
			return true
		}
	}
	return false
}

// hedgesJ is the exact small-sample correction of Cohen's d,
// Γ(m/2) / (√(m/2) Γ((m−1)/2)), for m > 1 degrees of freedom.
func hedgesJ(m float64) float64 {
	return math.Exp(lnGammaHalfRatio((m-1)/2)) / math.Sqrt(m/2)
}

// runTTestInd is the ttest_ind analysis.
func runTTestInd(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "ttest_ind"
	g, err := groupedColumns(ds, id, params)
	if err != nil {
		return nil, err
	}
	if err := g.twoGroups(id); err != nil {
		return nil, err
	}
	if err := g.minPerGroup(id, 2); err != nil {
		return nil, err
	}
	if isConstant(g.values[0]) && isConstant(g.values[1]) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s needs %q to vary within at least one group, but every value of %q is the same in both groups of %q (%s); the t statistic is undefined",
			id, g.valueName, g.valueName, g.groupName, groupConstants(g)).
			WithDetail("column", g.valueName)
	}
	r, err := tTestInd(g.values[0], g.values[1], g.levels[0], g.levels[1])
	if err != nil {
		return nil, err
	}
	return &inferra.Result{Stats: r, Report: tTestIndReport(g, r), RowsUsed: g.n(), RowsDropped: g.dropped}, nil
}

// tTestIndReport states the direction and significance of the difference
// with Welch's t, p and Cohen's d.
func tTestIndReport(g *grouped, r *TTestIndResult) string {
	a, b := r.Groups[0], r.Groups[1]
	desc := func(s GroupSummary) string {
		return fmt.Sprintf("%s (M = %s, SD = %s, n = %d)", levelLabel(g, s.Level), fmtNum(s.Mean), fmtNum(s.SD), s.N)
	}
	var claim string
	switch {
	case r.PValue >= 0.05:
		claim = fmt.Sprintf("the mean of %s did not differ significantly between %s and %s", g.valueName, desc(a), desc(b))
	case r.MeanDifference > 0:
		claim = fmt.Sprintf("the mean of %s was significantly higher for %s than for %s", g.valueName, desc(a), desc(b))
	default:
		claim = fmt.Sprintf("the mean of %s was significantly lower for %s than for %s", g.valueName, desc(a), desc(b))
	}
	return fmt.Sprintf("Welch's t-test: %s, t(%s) = %s, %s, d = %s. The difference %s − %s is %s, 95%% CI [%s, %s].",
		claim, fmtDF(r.DF), fmtNum(r.Statistic), fmtP(r.PValue), fmtNum(r.CohensD),
		levelLabel(g, a.Level), levelLabel(g, b.Level), fmtNum(r.MeanDifference), fmtNum(r.CILow), fmtNum(r.CIHigh))
}

// TTestRelResult is the result of TTestRel. The embedded TTest is the
// paired t-test of the differences x − y.
type TTestRelResult struct {
	TTest
	// N is the number of pairs.
	N int `json:"n"`
	// MeanX and MeanY are the means of the two measurements and
	// SDDifference the standard deviation of x − y (ddof = 1).
	MeanX        float64 `json:"mean_x"`
	MeanY        float64 `json:"mean_y"`
	SDDifference float64 `json:"sd_difference"`
	// CohensDz is the mean difference over SDDifference.
	CohensDz float64 `json:"cohens_dz"`
	// Wilcoxon is the signed-rank alternative (statistic, p_value and
	// method of Wilcoxon); nil when it could not be computed.
	Wilcoxon *Test `json:"wilcoxon,omitempty"`
	// Normality is the Shapiro–Wilk test of the differences; nil for
	// fewer than 3 or more than 5000 pairs.
	Normality *Test `json:"normality,omitempty"`
}

// TTestRel performs the paired t-test of x against y, as
// scipy.stats.ttest_rel(x, y): a one-sample t-test of d = x − y with
// n − 1 degrees of freedom, and the 95% confidence interval of the mean
// difference. It adds the descriptives, Cohen's dz, the Wilcoxon
// signed-rank test and the Shapiro–Wilk test of the differences; a
// companion test that fails is left out.
//
// x and y must have the same length (it panics otherwise); it needs at
// least two pairs whose differences are not all equal.
func TTestRel(x, y []float64) (*TTestRelResult, error) {
	if len(x) != len(y) {
		panic("stats: TTestRel: x and y have different lengths")
	}
	n := len(x)
	if n < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "a paired t-test needs at least two pairs, got %d", n)
	}
	d := mem.Floats(n)
	for i := range x {
		d[i] = x[i] - y[i]
	}
	if containsNaN(d) {
		return nil, inferra.Errorf(inferra.EInvalid, "a paired t-test needs data without NaN; drop missing values first")
	}
	if containsInf(d) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a paired t-test needs finite differences, but some x − y is infinite (an infinite value, or a difference beyond the largest float, about 1.8e308); rescale the values")
	}
	// The test is computed on the differences in units of a power of two
	// where their squares would overflow or underflow; the mean
	// difference and its interval are scaled back.
	ds, sc := unitScale(d)
	md, vd := meanVar(ds)
	if !(vd > 0) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a paired t-test is undefined when every difference is the same (%g)", d[0])
	}
	nf := float64(n)
	r := &TTestRelResult{
		TTest:        newTTest(md, math.Sqrt(vd/nf), nf-1),
		N:            n,
		MeanX:        scaledMean(x),
		MeanY:        scaledMean(y),
		SDDifference: math.Sqrt(vd) * sc,
		CohensDz:     md / math.Sqrt(vd),
	}
	r.scale(sc)
	if !finite(r.CILow, r.CIHigh) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a paired t-test cannot report these pairs: the confidence interval of the mean difference lies beyond the largest float (about 1.8e308); rescale the values")
	}
	if w, err := Wilcoxon(x, y); err == nil {
		r.Wilcoxon = &Test{Statistic: w.Statistic, PValue: w.PValue, Method: w.Method}
	}
	if n >= minShapiro && n <= maxShapiro {
		if s, err := ShapiroWilk(d); err == nil {
			r.Normality = &Test{Statistic: s.Statistic, PValue: s.PValue}
		}
	}
	return r, nil
}

// runTTestRel is the ttest_rel analysis.
func runTTestRel(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "ttest_rel"
	p, err := pairedColumns(ds, id, params)
	if err != nil {
		return nil, err
	}
	xn, yn := params["x"], params["y"]
	if len(p.x) < 2 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s needs at least two rows with both %q and %q present, but %d of %d rows have both",
			id, xn, yn, len(p.x), ds.Rows()).WithDetail("rows_used", len(p.x))
	}
	constant := true
	d0 := p.x[0] - p.y[0]
	for i := range p.x {
		if p.x[i]-p.y[i] != d0 {
			constant = false
			break
		}
	}
	if constant {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s needs the differences %s − %s to vary, but every one of the %d pairs differs by exactly %s; the t statistic is undefined",
			id, xn, yn, len(p.x), strconv.FormatFloat(d0, 'g', -1, 64)).WithDetail("column", xn)
	}
	r, err := TTestRel(p.x, p.y)
	if err != nil {
		return nil, err
	}
	return &inferra.Result{Stats: r, Report: tTestRelReport(xn, yn, r), RowsUsed: len(p.x), RowsDropped: p.dropped}, nil
}

// tTestRelReport states the direction and significance of the paired
// difference with t, p and dz.
func tTestRelReport(xn, yn string, r *TTestRelResult) string {
	var claim string
	switch {
	case r.PValue >= 0.05:
		claim = fmt.Sprintf("%s and %s did not differ significantly", xn, yn)
	case r.MeanDifference > 0:
		claim = fmt.Sprintf("%s was significantly higher than %s", xn, yn)
	default:
		claim = fmt.Sprintf("%s was significantly lower than %s", xn, yn)
	}
	return fmt.Sprintf("Paired t-test: %s (M = %s vs %s, n = %d pairs), t(%s) = %s, %s, dz = %s. The mean difference %s − %s is %s, 95%% CI [%s, %s].",
		claim, fmtNum(r.MeanX), fmtNum(r.MeanY), r.N, fmtDF(r.DF), fmtNum(r.Statistic), fmtP(r.PValue), fmtNum(r.CohensDz),
		xn, yn, fmtNum(r.MeanDifference), fmtNum(r.CILow), fmtNum(r.CIHigh))
}
