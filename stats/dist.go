package stats

import (
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// The tails below are written with the regularized incomplete beta and
// gamma functions directly, never as 1 − CDF, so that p-values as small as
// 1e-300 keep their relative accuracy (as scipy's stdtr, fdtrc and chdtrc
// do).

// tTwoSided returns P(|T| ≥ |t|) for Student's t with df degrees of freedom.
func tTwoSided(t, df float64) float64 {
	if math.IsInf(t, 0) {
		return 0
	}
	x := df / (df + t*t)
	return clampP(mathext.RegIncBeta(df/2, 0.5, x))
}

// tQuantile returns the p-quantile of Student's t with df degrees of freedom.
func tQuantile(p, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

// fSurvival returns P(F ≥ f) for the F distribution with (d1, d2) degrees
// of freedom.
func fSurvival(f, d1, d2 float64) float64 {
	if f <= 0 {
		return 1
	}
	if math.IsInf(f, 1) {
		return 0
	}
	return clampP(mathext.RegIncBeta(d2/2, d1/2, d2/(d2+d1*f)))
}

// chi2Survival returns P(X ≥ x) for the chi-squared distribution with k
// degrees of freedom.
func chi2Survival(x, k float64) float64 {
	if x <= 0 {
		return 1
	}
	if math.IsInf(x, 1) {
		return 0
	}
	return clampP(mathext.GammaIncRegComp(k/2, x/2))
}

// normSurvival returns P(Z ≥ z) for the standard normal.
func normSurvival(z float64) float64 {
	return 0.5 * math.Erfc(z/math.Sqrt2)
}

// normCDF returns P(Z ≤ z) for the standard normal.
func normCDF(z float64) float64 {
	return 0.5 * math.Erfc(-z/math.Sqrt2)
}

// normQuantile returns the p-quantile of the standard normal.
func normQuantile(p float64) float64 {
	return distuv.UnitNormal.Quantile(p)
}

// clampP keeps a probability inside [0, 1] against rounding.
func clampP(p float64) float64 {
	return math.Max(0, math.Min(1, p))
}
