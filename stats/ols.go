package stats

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/mem"
	"gonum.org/v1/gonum/mat"
)

// OLSOptions configures OLS. The zero value is the classic fit.
type OLSOptions struct {
	// Cov is the covariance of the estimates: "nonrobust" (the classic
	// σ²(XᵀX)⁻¹) or "HC3" (MacKinnon and White's heteroscedasticity-robust
	// estimate), case-insensitive. Defaults to "nonrobust".
	Cov string
}

// OLSResult is an ordinary least-squares fit, with the fields and
// definitions of statsmodels' OLS results (docs/RESULTS.md, "ols").
type OLSResult struct {
	// Formula is the formula as given; Dependent the response as patsy
	// names it.
	Formula   string `json:"formula"`
	Dependent string `json:"dependent"`
	// CovType is "nonrobust" or "HC3".
	CovType string `json:"cov_type"`
	// N is the number of observations used.
	N int `json:"n"`
	// DFModel is the number of coefficients not counting the constant
	// (statsmodels' df_model); DFResid is N minus the number of
	// coefficients.
	DFModel int `json:"df_model"`
	DFResid int `json:"df_resid"`
	// Coefficients are the estimates in model-matrix order.
	Coefficients []Coefficient `json:"coefficients"`
	// RSquared and AdjRSquared are centered when the model has a constant
	// (explicit or implied by its columns), uncentered otherwise, as
	// statsmodels' rsquared and rsquared_adj.
	RSquared    float64 `json:"r_squared"`
	AdjRSquared float64 `json:"adj_r_squared"`
	// FStatistic tests that every coefficient but the constant is zero,
	// with DFModel and DFResid degrees of freedom; with HC3 it is the Wald
	// F test with the robust covariance, as statsmodels' fvalue. Both are
	// nil where the test is undefined: with HC3 when the constant is only
	// implied by the columns (a full set of dummies), where statsmodels
	// reports NaN.
	FStatistic *float64 `json:"f_statistic,omitempty"`
	FPValue    *float64 `json:"f_p_value,omitempty"`
	// LogLikelihood is the Gaussian log-likelihood at the estimates; AIC
	// and BIC count the coefficients (not the variance).
	LogLikelihood float64 `json:"log_likelihood"`
	AIC           float64 `json:"aic"`
	BIC           float64 `json:"bic"`
	// ResidualStdError is √(SSR / DFResid).
	ResidualStdError float64 `json:"residual_std_error"`
	// DurbinWatson is Σ(e_i − e_{i−1})² / Σe_i² over the residuals in row
	// order: near 2 without serial correlation.
	DurbinWatson float64 `json:"durbin_watson"`
	// JarqueBera tests the residuals' skewness and kurtosis against the
	// normal's.
	JarqueBera JarqueBeraTest `json:"jarque_bera"`
	// Omnibus is D'Agostino and Pearson's K² test of normality of the
	// residuals (scipy's normaltest); nil with fewer than 8 observations.
	Omnibus *Test `json:"omnibus,omitempty"`
	// ConditionNumber is the ratio of the largest to the smallest
	// singular value of the model matrix.
	ConditionNumber float64 `json:"condition_number"`
	// ANOVA is the type-II analysis of variance of the classic fit (also
	// with HC3, where statsmodels' anova_lm would turn to robust Wald
	// tests): one row per term but the intercept, in model-matrix order,
	// then the residual row.
	ANOVA []ANOVATerm `json:"anova"`
	// VIF holds the variance inflation factor of each column but the
	// intercept; nil for a model without an intercept.
	VIF []VIFTerm `json:"vif,omitempty"`
	// Fitted and Residuals are the fitted values and residuals of the N
	// observations, for plots.
	Fitted    []float64 `json:"-"`
	Residuals []float64 `json:"-"`
}

// Coefficient is one estimated coefficient. With the HC3 covariance T is
// a z statistic and PValue and the interval come from the standard normal
// (statsmodels' default for robust covariances); otherwise from Student's
// t with DFResid degrees of freedom.
type Coefficient struct {
	// Term is the model-matrix column as patsy names it.
	Term     string  `json:"term"`
	Estimate float64 `json:"estimate"`
	StdError float64 `json:"std_error"`
	T        float64 `json:"t"`
	PValue   float64 `json:"p_value"`
	CILow    float64 `json:"ci_low"`
	CIHigh   float64 `json:"ci_high"`
}

// JarqueBeraTest is the Jarque–Bera test of normality with the sample
// skewness and kurtosis (not in excess: 3 for the normal) it is built on.
type JarqueBeraTest struct {
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	Skew      float64 `json:"skew"`
	Kurtosis  float64 `json:"kurtosis"`
}

// ANOVATerm is one row of a type-II ANOVA table. The residual row, named
// "Residual", has no F or PValue.
type ANOVATerm struct {
	Term   string   `json:"term"`
	SumSq  float64  `json:"sum_sq"`
	DF     int      `json:"df"`
	F      *float64 `json:"f,omitempty"`
	PValue *float64 `json:"p_value,omitempty"`
}

// VIFTerm is the variance inflation factor 1/(1 − R²) of one model-matrix
// column, R² from its regression on the other columns.
type VIFTerm struct {
	Term string  `json:"term"`
	VIF  float64 `json:"vif"`
}

// olsFit holds what the first pass over the rows yields.
type olsFit struct {
	p, w    int
	r       []float64 // R | Qᵀy, rows of stride w
	rinv    []float64 // R⁻¹, p×p
	beta    []float64
	ssr     float64
	kConst  int // statsmodels' k_constant
	constAt int // the constant column, or -1 (none, or implicit)
}

// OLS fits the linear model d by ordinary least squares, as statsmodels'
// OLS(y, X).fit() (with cov_type="HC3" when opt.Cov is "HC3"), and adds
// the type-II ANOVA table (always of the classic fit) and the variance
// inflation factors.
//
// The model matrix's rows are read twice through d.Row, each time by up to
// GOMAXPROCS goroutines at once, so Row must be safe for concurrent use:
// once for a Householder QR that keeps only a p×p triangle (the normal
// equations are never formed), once for the residuals.
//
// The fit needs more observations than coefficients, columns that are not
// collinear (the error names them), a response that is not constant and
// residuals that are not all zero.
func OLS(d *Design, opt OLSOptions) (*OLSResult, error) {
	return OLSContext(context.Background(), d, opt)
}

// OLSContext is OLS under ctx: every long step (the passes over the rows,
// the factorizations of the p×p triangle, the ANOVA) checks ctx at short
// intervals, and its end stops the fit with an error that wraps ctx.Err()
// (and reads as an *inferra.Error with code ECanceled, or ETimeout for a
// deadline).
func OLSContext(ctx context.Context, d *Design, opt OLSOptions) (*OLSResult, error) {
	covType, err := olsCovType(opt.Cov)
	if err != nil {
		return nil, err
	}
	p, n := len(d.Columns), d.N
	if p == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "the model has no coefficients to estimate; add a predictor")
	}
	if n <= p {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a linear regression needs more observations (%d) than coefficients (%d)", n, p).
			WithDetail("n", n).WithDetail("coefficients", p)
	}
	var ymax float64
	for i, v := range d.Y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, inferra.Errorf(inferra.EInvalid, "the response %s has the value %v in row %d", d.Response, v, i+1)
		}
		ymax = math.Max(ymax, math.Abs(v))
	}
	if err := checkMagnitudes(ctx, d); err != nil {
		return nil, err
	}
	// With an intercept, fit y − ȳ instead: slopes, residuals and every
	// statistic are the same, and a response far from zero (1e9 + 1e-5·z)
	// keeps its digits, since y − ȳ is exact for values within a factor of
	// two of ȳ. The intercept and the fitted values get ȳ back.
	var shift float64
	if d.Intercept {
		if shift = mean(d.Y); shift != 0 {
			y := mem.Floats(n)
			for i, v := range d.Y {
				y[i] = v - shift
			}
			shifted := *d
			shifted.Y = y
			d = &shifted
		}
	}
	f, sv, err := fitQR(ctx, d)
	if err != nil {
		return nil, err
	}
	dfResid := n - p
	dfModel := p - f.kConst
	if dfModel == 0 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the model has no predictors besides the constant, so there is nothing to test; add a predictor to the formula")
	}
	res := &OLSResult{
		Formula: d.Formula, Dependent: d.Response, CovType: covType,
		N: n, DFModel: dfModel, DFResid: dfResid,
		ConditionNumber: sv[0] / sv[len(sv)-1],
	}

	// Sums of squares. With the intercept as first column, the centered
	// explained sum of squares is exactly Σ_{k≥1} (Qᵀy)_k².
	var tss, ess float64
	var uss float64
	for _, v := range d.Y {
		uss += v * v
	}
	if f.kConst == 1 && isConstant(d.Y) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the response %s is constant (every value is %v), so there is no variation to explain", d.Response, d.Y[0]+shift).
			WithDetail("column", d.Response)
	}
	if uss == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "the response %s is zero in every row, so there is nothing to explain", d.Response).
			WithDetail("column", d.Response)
	}
	// An exact fit leaves residuals at the rounding level of y itself; real
	// noise, however small beside a large offset (1e9 + 1e-5·z), does not.
	if rms := math.Sqrt(f.ssr / float64(d.N)); rms <= 8*epsilon*ymax {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the model fits exactly (every residual is zero): %s is an exact linear function of the predictors, so standard errors and tests are undefined; check that the response is not also among the predictors",
			d.Response)
	}
	switch {
	case f.constAt == 0:
		for k := 1; k < p; k++ {
			c := f.r[k*f.w+p]
			ess += c * c
		}
		tss = ess + f.ssr
	case f.kConst == 1:
		m := mean(d.Y)
		for _, v := range d.Y {
			tss += (v - m) * (v - m)
		}
		ess = tss - f.ssr
	default:
		for k := 0; k < p; k++ {
			c := f.r[k*f.w+p]
			ess += c * c
		}
		tss = uss
	}
	nf := float64(n)
	res.RSquared = 1 - f.ssr/tss
	res.AdjRSquared = 1 - (nf-float64(f.kConst))/float64(dfResid)*(1-res.RSquared)
	scale := f.ssr / float64(dfResid)
	res.ResidualStdError = math.Sqrt(scale)
	res.LogLikelihood = -nf/2*math.Log(2*math.Pi) - nf/2*math.Log(f.ssr/nf) - nf/2
	k := float64(dfModel + f.kConst)
	res.AIC = -2*res.LogLikelihood + 2*k
	res.BIC = -2*res.LogLikelihood + math.Log(nf)*k

	hc3 := covType == "HC3"
	pass, err := residualPass(ctx, d, f, hc3)
	if err != nil {
		return nil, err
	}
	if shift != 0 {
		for i := range pass.fitted {
			pass.fitted[i] += shift
		}
	}
	res.Fitted, res.Residuals = pass.fitted, pass.resid
	res.DurbinWatson, res.JarqueBera, res.Omnibus = residualTests(pass.resid)

	// Covariance of the estimates.
	cov := make([]float64, p*p)
	if hc3 {
		// R⁻¹ S R⁻ᵀ, S = Σ e_i²/(1−h_i)² z_i z_iᵀ with z_i = R⁻ᵀx_i.
		s := pass.meat
		for a := 0; a < p; a++ {
			for b := 0; b < a; b++ {
				s[a*p+b] = s[b*p+a]
			}
		}
		t := make([]float64, p*p)
		for i := 0; i < p; i++ {
			if err := stopped(ctx); err != nil {
				return nil, err
			}
			for j := 0; j < p; j++ {
				var v float64
				for l := i; l < p; l++ {
					v += f.rinv[i*p+l] * s[l*p+j]
				}
				t[i*p+j] = v
			}
		}
		for i := 0; i < p; i++ {
			if err := stopped(ctx); err != nil {
				return nil, err
			}
			for j := 0; j < p; j++ {
				var v float64
				for l := j; l < p; l++ {
					v += t[i*p+l] * f.rinv[j*p+l]
				}
				cov[i*p+j] = v
			}
		}
	} else {
		for i := 0; i < p; i++ {
			if err := stopped(ctx); err != nil {
				return nil, err
			}
			for j := i; j < p; j++ {
				var v float64
				for l := j; l < p; l++ {
					v += f.rinv[i*p+l] * f.rinv[j*p+l]
				}
				cov[i*p+j], cov[j*p+i] = scale*v, scale*v
			}
		}
	}

	q := tQuantile(0.975, float64(dfResid))
	if hc3 {
		q = -normQuantile(0.025)
	}
	res.Coefficients = make([]Coefficient, p)
	for j := range p {
		se := math.Sqrt(cov[j*p+j])
		est := f.beta[j]
		if j == 0 && d.Intercept {
			est += shift
		}
		t := est / se
		pv := tTwoSided(t, float64(dfResid))
		if hc3 {
			pv = clampP(2 * normSurvival(math.Abs(t)))
		}
		res.Coefficients[j] = Coefficient{Term: d.Columns[j], Estimate: est, StdError: se, T: t, PValue: pv,
			CILow: est - q*se, CIHigh: est + q*se}
	}

	switch {
	case hc3 && f.kConst == 1 && f.constAt < 0:
		// No robust test of "all but the constant" exists when the
		// constant is a combination of columns: leave F out.
	case hc3:
		var idx []int
		for j := range p {
			if j != f.constAt {
				idx = append(idx, j)
			}
		}
		w, err := waldChi2(cov, p, f.beta, idx)
		if err != nil {
			return nil, err
		}
		fs := w / float64(len(idx))
		fp := fSurvival(fs, float64(len(idx)), float64(dfResid))
		res.FStatistic, res.FPValue = &fs, &fp
	default:
		fs := (ess / float64(dfModel)) / scale
		fp := fSurvival(fs, float64(dfModel), float64(dfResid))
		res.FStatistic, res.FPValue = &fs, &fp
	}

	if res.ANOVA, err = anovaType2(ctx, d, f, dfResid); err != nil {
		return nil, err
	}
	if d.Intercept {
		res.VIF = vifs(d, f)
	}
	return res, nil
}

// olsCovType normalizes a covariance name.
func olsCovType(s string) (string, error) {
	switch strings.ToLower(s) {
	case "", "nonrobust":
		return "nonrobust", nil
	case "hc3":
		return "HC3", nil
	}
	return "", inferra.Errorf(inferra.EInvalid, "unknown covariance %q; use \"nonrobust\" or \"HC3\"", s).
		WithDetail("cov", s)
}

// fitQR runs the QR pass, checks the rank, finds the constant as
// statsmodels does, and solves for the coefficients. It returns the
// singular values of X in decreasing order.
func fitQR(ctx context.Context, d *Design) (*olsFit, []float64, error) {
	p, n := len(d.Columns), d.N
	acc, lo, hi, err := streamQR(ctx, d, !d.Intercept, !d.Intercept)
	if err != nil {
		return nil, nil, err
	}
	w := p + acc.m
	for _, v := range acc.r {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil, inferra.Errorf(inferra.EInvalid, "the model matrix has a value that is not a finite number")
		}
	}
	f := &olsFit{p: p, w: w, r: acc.r, ssr: acc.ss[0], constAt: -1}

	// Rank: singular values of R with its columns scaled to unit norm,
	// so that the units of a column do not matter. A singular value below
	// max(n, p)·ε of the largest (numpy's matrix_rank) means collinearity;
	// its singular vector names the columns involved.
	norms := make([]float64, p)
	scaled := make([]float64, p*p)
	for j := range p {
		var s float64
		for i := 0; i <= j; i++ {
			s += acc.r[i*w+j] * acc.r[i*w+j]
		}
		norms[j] = math.Sqrt(s)
		if norms[j] == 0 {
			return nil, nil, inferra.Errorf(inferra.EInvalid, "the column %q is zero in every row, so its coefficient cannot be estimated; remove it", d.Columns[j]).
				WithDetail("columns", []string{d.Columns[j]})
		}
		for i := 0; i <= j; i++ {
			scaled[i*p+j] = acc.r[i*w+j] / norms[j]
		}
	}
	vals, ok, err := singularValues(ctx, slices.Clone(scaled), p)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, inferra.Errorf(inferra.EInvalid, "the model matrix could not be factored")
	}
	tol := float64(max(n, p)) * epsilon * vals[0]
	if vals[p-1] <= tol {
		return nil, nil, collinear(d, scaled, p, tol)
	}
	upper := make([]float64, p*p)
	for i := range p {
		copy(upper[i*p+i:(i+1)*p], acc.r[i*w+i:i*w+p])
	}
	sv, ok, err := singularValues(ctx, upper, p)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, inferra.Errorf(inferra.EInvalid, "the model matrix could not be factored")
	}

	// The constant, as statsmodels' _handle_constant: an explicit column
	// with a single nonzero value, else ones in the span of the columns.
	switch {
	case d.Intercept:
		f.kConst, f.constAt = 1, 0
	default:
		var consts []int
		for j := range p {
			if lo[j] == hi[j] && lo[j] != 0 {
				consts = append(consts, j)
			}
		}
		if len(consts) == 1 {
			f.kConst, f.constAt = 1, consts[0]
		} else if math.Sqrt(acc.ss[1]) <= float64(max(n, p+1))*epsilon*max(math.Sqrt(float64(n)), sv[0]) {
			f.kConst = 1
		}
	}

	if f.rinv, err = upperInverse(ctx, acc.r, p, w); err != nil {
		return nil, nil, err
	}
	f.beta = make([]float64, p)
	for i := p - 1; i >= 0; i-- {
		s := acc.r[i*w+p]
		for k := i + 1; k < p; k++ {
			s -= acc.r[i*w+k] * f.beta[k]
		}
		f.beta[i] = s / acc.r[i*w+i]
	}
	return f, sv, nil
}

// collinearSVDColumns is the most columns for which a collinear design's
// columns are named from the full SVD of its scaled triangle, which no
// context can stop (about a second of work at this size).
const collinearSVDColumns = 1000

// collinear returns the error of a rank-deficient design, naming the
// columns involved: those with weight in a right singular vector of a
// singular value at most tol of the scaled triangle (p×p, row-major).
// Above collinearSVDColumns it names instead the columns whose scaled
// diagonal entry is that small: each is a combination of the columns
// before it.
func collinear(d *Design, scaled []float64, p int, tol float64) error {
	var names []string
	if p > collinearSVDColumns {
		for j := range p {
			if math.Abs(scaled[j*p+j]) <= tol {
				names = append(names, d.Columns[j])
			}
		}
		if len(names) > 0 {
			return inferra.Errorf(inferra.EInvalid,
				"the terms %s are each a linear combination of the columns before them in the model matrix; remove them", quoteList(names)).
				WithDetail("columns", names)
		}
		return inferra.Errorf(inferra.EInvalid, "the model's %d columns are collinear (one is a linear combination of the others); remove some", p)
	}
	var svd mat.SVD
	if !svd.Factorize(mat.NewDense(p, p, scaled), mat.SVDFull) {
		return inferra.Errorf(inferra.EInvalid, "the model matrix could not be factored")
	}
	vals := svd.Values(nil)
	var v mat.Dense
	svd.VTo(&v)
	weight := make([]float64, p)
	for c := range p {
		if vals[c] <= tol {
			for j := range p {
				weight[j] = max(weight[j], math.Abs(v.At(j, c)))
			}
		}
	}
	for j := range p {
		if weight[j] > 1e-6 {
			names = append(names, d.Columns[j])
		}
	}
	return inferra.Errorf(inferra.EInvalid,
		"the terms %s are collinear (one is a linear combination of the others); remove one", quoteList(names)).
		WithDetail("columns", names)
}

// quoteList writes names as `"a"`, `"a" and "b"`, `"a", "b" and "c"`.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, s := range names {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// olsPass is what the residual pass yields.
type olsPass struct {
	fitted, resid []float64
	// meat is the upper triangle of Σ e_i²/(1−h_i)² z_i z_iᵀ (HC3 only).
	meat []float64
}

// residualPass computes the fitted values and residuals and, for HC3,
// the leverages h_i = ‖R⁻ᵀx_i‖² and the robust "meat" matrix.
func residualPass(ctx context.Context, d *Design, f *olsFit, hc3 bool) (*olsPass, error) {
	p, n := f.p, d.N
	out := &olsPass{fitted: make([]float64, n), resid: make([]float64, n)}
	workers := olsWorkers(n)
	meats := make([][]float64, workers)
	bad := make([]int, workers)
	rt := make([]float64, p*p) // Rᵀ, row-major
	for i := range p {
		for j := i; j < p; j++ {
			rt[j*p+i] = f.r[i*f.w+j]
		}
	}
	var wg sync.WaitGroup
	for w := range workers {
		start, end := w*n/workers, (w+1)*n/workers
		bad[w] = -1
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := make([]float64, p)
			var z, meat []float64
			if hc3 {
				z, meat = make([]float64, p), make([]float64, p*p)
			}
			for i := start; i < end; i++ {
				// Every row costs O(p²) with HC3, O(p) without.
				if (hc3 || i%4096 == 0) && ctx.Err() != nil {
					return
				}
				d.Row(i, x)
				var fit float64
				for j, v := range x {
					fit += v * f.beta[j]
				}
				e := d.Y[i] - fit
				out.fitted[i], out.resid[i] = fit, e
				if !hc3 {
					continue
				}
				var h float64
				for j := range p {
					s := x[j]
					row := rt[j*p : j*p+j]
					for k, v := range row {
						s -= v * z[k]
					}
					z[j] = s / rt[j*p+j]
					h += z[j] * z[j]
				}
				if 1-h <= 1e-12 {
					if bad[w] < 0 {
						bad[w] = i
					}
					continue
				}
				u := e / (1 - h)
				u *= u
				for a := range p {
					ua := u * z[a]
					m := meat[a*p : a*p+p]
					for b := a; b < p; b++ {
						m[b] += ua * z[b]
					}
				}
			}
			meats[w] = meat
		}()
	}
	wg.Wait()
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	for _, b := range bad {
		if b >= 0 {
			return nil, inferra.Errorf(inferra.EInvalid,
				"HC3 standard errors are undefined: observation %d has leverage 1 (the model fits it exactly whatever its value); use cov=nonrobust or remove the observation", b+1).
				WithDetail("row", b+1)
		}
	}
	if hc3 {
		out.meat = meats[0]
		for _, m := range meats[1:] {
			for i := range m {
				out.meat[i] += m[i]
			}
		}
	}
	return out, nil
}

// waldChi2 returns the Wald statistic bᵀV⁻¹b of the coefficients idx,
// computed as ‖L⁻¹b‖² with L the Cholesky factor of V on idx.
func waldChi2(cov []float64, p int, beta []float64, idx []int) (float64, error) {
	order := idx
	m := len(order)
	v := mat.NewSymDense(m, nil)
	b := mat.NewVecDense(m, nil)
	for i, a := range order {
		b.SetVec(i, beta[a])
		for j := i; j < m; j++ {
			v.SetSym(i, j, cov[a*p+order[j]])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(v) {
		return 0, inferra.Errorf(inferra.EInvalid, "the robust covariance of the estimates is singular, so the Wald test is undefined; use cov=nonrobust")
	}
	var l mat.TriDense
	ch.LTo(&l)
	var z mat.VecDense
	if err := z.SolveVec(&l, b); err != nil {
		return 0, inferra.Errorf(inferra.EInvalid, "the robust covariance of the estimates is singular, so the Wald test is undefined; use cov=nonrobust")
	}
	var s float64
	for i := range m {
		s += z.AtVec(i) * z.AtVec(i)
	}
	return s, nil
}

// runOLS is the ols analysis.
func runOLS(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*inferra.Result, error) {
	const id = "ols"
	formula, err := param(id, params, "formula")
	if err != nil {
		return nil, err
	}
	cov, err := olsCovType(params["cov"])
	if err != nil {
		return nil, err
	}
	d, err := NewDesignContext(ctx, ds, formula, opt)
	if err != nil {
		return nil, err
	}
	r, err := OLSContext(ctx, d, OLSOptions{Cov: cov})
	if err != nil {
		return nil, err
	}
	return &inferra.Result{Stats: r, Report: olsReport(d, r), RowsUsed: d.N, RowsDropped: d.RowsDropped}, nil
}

// olsReport says how much of the response the model explains, with the F
// test, and names the coefficient with the largest |t|.
func olsReport(d *Design, r *OLSResult) string {
	var names []string
	for _, t := range designTerms(d) {
		if t.Name != "Intercept" {
			names = append(names, t.Name)
		}
	}
	on := strings.Join(names, ", ")
	if len(names) > 1 {
		on = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Linear regression of %s on %s", r.Dependent, on)
	switch {
	case !d.Intercept && r.DFModel == len(d.Columns):
		b.WriteString(" (no intercept; R² uncentered)")
	case r.CovType == "HC3":
		b.WriteString(" (HC3 robust standard errors)")
	}
	fmt.Fprintf(&b, ": R² = %s, adjusted R² = %s", fmtBounded(r.RSquared), fmtBounded(r.AdjRSquared))
	if r.FStatistic != nil {
		fmt.Fprintf(&b, ", F(%d, %d) = %s, %s", r.DFModel, r.DFResid, fmtNum(*r.FStatistic), fmtP(*r.FPValue))
	}
	b.WriteString(".")
	best := -1
	for j, c := range r.Coefficients {
		if d.Intercept && j == 0 {
			continue
		}
		if best < 0 || math.Abs(c.T) > math.Abs(r.Coefficients[best].T) {
			best = j
		}
	}
	if best >= 0 && r.Coefficients[best].PValue < 0.05 {
		c := r.Coefficients[best]
		stat := fmt.Sprintf("t(%d)", r.DFResid)
		if r.CovType == "HC3" {
			stat = "z"
		}
		fmt.Fprintf(&b, " The coefficient largest relative to its standard error is %s: b = %s (SE = %s), %s = %s, %s.",
			c.Term, fmtNum(c.Estimate), fmtNum(c.StdError), stat, fmtNum(c.T), fmtP(c.PValue))
	}
	return b.String()
}

// olsMagnitude bounds the magnitudes a regression takes: squares and their
// sums over many rows stay finite and above the smallest normal float
// between 1e-150 and 1e150, so a fit outside it would report false
// collinearity or zero columns.
const olsMagnitude = 1e150

// checkMagnitudes refuses a response or a model-matrix column with values
// beyond 1e150 or, other than zero, below 1e-150, naming it.
func checkMagnitudes(ctx context.Context, d *Design) error {
	check := func(name string, v float64) error {
		a := math.Abs(v)
		if a > olsMagnitude || a != 0 && a < 1/olsMagnitude {
			return inferra.Errorf(inferra.EInvalid,
				"%s has the value %g; a regression here takes magnitudes from 1e-150 to 1e150 (their squares and sums must stay finite and not vanish): rescale it, dividing or multiplying by a power of ten", name, v).
				WithDetail("column", name)
		}
		return nil
	}
	for _, v := range d.Y {
		if err := check("the response "+d.Response, v); err != nil {
			return err
		}
	}
	row := make([]float64, len(d.Columns))
	for i := range d.N {
		if i%4096 == 0 {
			if err := stopped(ctx); err != nil {
				return err
			}
		}
		d.Row(i, row)
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue // the fit reports it
			}
			if err := check(fmt.Sprintf("the column %q", d.Columns[j]), v); err != nil {
				return err
			}
		}
	}
	return nil
}
