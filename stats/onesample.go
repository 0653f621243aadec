package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
)

// TTest1SampResult is the result of TTest1Samp.
type TTest1SampResult struct {
	// Statistic is t = (Mean − PopMean)/(SD/√N) and PValue its two-sided
	// p-value from Student's t with DF = N − 1 degrees of freedom.
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	DF        float64 `json:"df"`
	N         int     `json:"n"`
	// Mean and SD (ddof = 1) describe the sample; PopMean is the
	// hypothesised mean and MeanDifference = Mean − PopMean.
	Mean           float64 `json:"mean"`
	SD             float64 `json:"sd"`
	PopMean        float64 `json:"popmean"`
	MeanDifference float64 `json:"mean_difference"`
	// CILow and CIHigh bound the 95% confidence interval of the mean,
	// Mean ∓ t₀.₉₇₅(DF)·SD/√N.
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
	// CohensD is MeanDifference/SD.
	CohensD float64 `json:"cohens_d"`
}

// TTest1Samp tests whether the mean of x equals popmean, as
// scipy.stats.ttest_1samp(x, popmean) (two-sided), with the 95%
// confidence interval of the mean and Cohen's d. x needs at least two
// values, not all equal, and no NaN.
func TTest1Samp(x []float64, popmean float64) (*TTest1SampResult, error) {
	n := len(x)
	if n < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "a one-sample t-test needs at least two observations, got %d", n)
	}
	if containsNaN(x) {
		return nil, inferra.Errorf(inferra.EInvalid, "a one-sample t-test needs data without NaN; drop missing values first")
	}
	if math.IsNaN(popmean) || math.IsInf(popmean, 0) {
		return nil, inferra.Errorf(inferra.EInvalid, "a one-sample t-test needs a finite hypothesised mean, got %g", popmean)
	}
	m, v := meanVar(x)
	if !(v > 0) {
		return nil, inferra.Errorf(inferra.EInvalid, "a one-sample t-test is undefined when every value is the same (%g)", x[0])
	}
	sd := math.Sqrt(v)
	nf := float64(n)
	se := sd / math.Sqrt(nf)
	df := nf - 1
	t := (m - popmean) / se
	h := tQuantile(0.975, df) * se
	return &TTest1SampResult{Statistic: t, PValue: tTwoSided(t, df), DF: df, N: n, Mean: m, SD: sd, PopMean: popmean,
		MeanDifference: m - popmean, CILow: m - h, CIHigh: m + h, CohensD: (m - popmean) / sd}, nil
}

// runTTest1Samp is the ttest_1samp analysis.
func runTTest1Samp(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "ttest_1samp"
	xn, err := param(id, params, "x")
	if err != nil {
		return nil, err
	}
	ps, err := param(id, params, "popmean")
	if err != nil {
		return nil, err
	}
	popmean, perr := strconv.ParseFloat(strings.TrimSpace(ps), 64)
	if perr != nil || math.IsNaN(popmean) || math.IsInf(popmean, 0) {
		return nil, inferra.Errorf(inferra.EInvalid, "%s needs a number for popmean (the hypothesised mean, such as 0 or 100), not %q", id, ps).
			WithDetail("param", "popmean")
	}
	xc, err := numericColumn(ds, id, "x", xn)
	if err != nil {
		return nil, err
	}
	x := make([]float64, 0, len(xc.Floats))
	for _, v := range xc.Floats {
		if !math.IsNaN(v) {
			x = append(x, v)
		}
	}
	if len(x) < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "%s needs at least two values of %q, but %d of %d rows have one",
			id, xn, len(x), ds.Rows()).WithDetail("rows_used", len(x))
	}
	if isConstant(x) {
		return nil, inferra.Errorf(inferra.EInvalid, "%s needs %q to vary, but all %d of its values are %g; the t statistic is undefined",
			id, xn, len(x), x[0]).WithDetail("column", xn)
	}
	r, err := TTest1Samp(x, popmean)
	if err != nil {
		return nil, err
	}
	var claim string
	pm := strconv.FormatFloat(popmean, 'g', -1, 64)
	switch {
	case r.PValue >= 0.05:
		claim = fmt.Sprintf("the mean of %s did not differ significantly from %s", xn, pm)
	case r.MeanDifference > 0:
		claim = fmt.Sprintf("the mean of %s was significantly higher than %s", xn, pm)
	default:
		claim = fmt.Sprintf("the mean of %s was significantly lower than %s", xn, pm)
	}
	report := fmt.Sprintf("One-sample t-test: %s (M = %s, SD = %s, n = %d), t(%s) = %s, %s, d = %s. The 95%% CI of the mean is [%s, %s].",
		claim, fmtNum(r.Mean), fmtNum(r.SD), r.N, fmtDF(r.DF), fmtNum(r.Statistic), fmtP(r.PValue), fmtNum(r.CohensD),
		fmtNum(r.CILow), fmtNum(r.CIHigh))
	return &inferra.Result{Stats: r, Report: report, RowsUsed: len(x), RowsDropped: ds.Rows() - len(x)}, nil
}
