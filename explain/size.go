package explain

import (
	"fmt"
	"math"
)

// Effect is the size of an effect, by a named measure, in words.
type Effect struct {
	// Measure names the measure ("Cohen's d", "Cramér's V").
	Measure string `json:"measure"`
	// Symbol is its short name in tables and sentences ("d", "V").
	Symbol string `json:"symbol"`
	// Value is the effect size.
	Value float64 `json:"value"`
	// CILow and CIHigh are its 95% confidence interval, when known.
	CILow  *float64 `json:"ci_low,omitempty"`
	CIHigh *float64 `json:"ci_high,omitempty"`
	// CIMethod says how the interval was obtained when it is not part of
	// the analysis's result (an approximation).
	CIMethod string `json:"ci_method,omitempty"`
	// Size is "negligible", "small", "medium" or "large".
	Size string `json:"size"`
	// Convention states the thresholds used, with their source.
	Convention string `json:"convention"`
}

// The sizes of an effect, in increasing order.
const (
	Negligible = "negligible"
	Small      = "small"
	Medium     = "medium"
	Large      = "large"
)

// Convention is a rule of thumb that names the size of an effect: values
// (in absolute value, after Transform where one is stated) below Small
// are negligible, below Medium small, below Large medium, and large from
// Large on.
type Convention struct {
	// Measure is the effect-size measure the thresholds apply to.
	Measure string `json:"measure"`
	// Small, Medium and Large are the thresholds.
	Small  float64 `json:"small"`
	Medium float64 `json:"medium"`
	Large  float64 `json:"large"`
	// Transform, when set, says how a value is brought to the scale of
	// the thresholds first.
	Transform string `json:"transform,omitempty"`
	// Source is the reference the thresholds come from.
	Source string `json:"source"`
	// Used lists the analyses whose summaries use it.
	Used []string `json:"used"`
}

// The conventions, by measure. Cohen (1988) is Statistical Power Analysis
// for the Behavioral Sciences, 2nd ed.; Chen, Cohen and Chen (2010) is
// "How big is a big odds ratio?", Communications in Statistics; Greiner's
// relation r = sin(πτ/2) brings Kendall's τ to the scale of r.
var (
	convD = Convention{Measure: "Cohen's d (also dz, Hedges' g)", Small: 0.2, Medium: 0.5, Large: 0.8,
		Source: "Cohen (1988)", Used: []string{"ttest_ind", "ttest_rel", "ttest_1samp"}}
	convR = Convention{Measure: "correlation r (Pearson, Spearman, partial, rank-biserial)", Small: 0.1, Medium: 0.3, Large: 0.5,
		Source: "Cohen (1988)", Used: []string{"pearsonr", "spearmanr", "partial_corr", "mannwhitneyu", "wilcoxon", "regplot"}}
	convTau = Convention{Measure: "Kendall's τb", Small: 0.1, Medium: 0.3, Large: 0.5,
		Transform: "r = sin(π·τ/2) (Greiner's relation), then the thresholds of r",
		Source:    "Cohen (1988); Greiner (1909)", Used: []string{"kendalltau"}}
	convEta = Convention{Measure: "η² (also ε² of Kruskal–Wallis)", Small: 0.01, Medium: 0.06, Large: 0.14,
		Source: "Cohen (1988)", Used: []string{"f_oneway", "kruskal"}}
	convR2 = Convention{Measure: "R² of a regression", Small: 0.02, Medium: 0.13, Large: 0.26,
		Transform: "equivalent to Cohen's f² = R²/(1 − R²) of .02, .15, .35",
		Source:    "Cohen (1988)", Used: []string{"ols"}}
	convV = Convention{Measure: "Cramér's V", Small: 0.1, Medium: 0.3, Large: 0.5,
		Transform: "thresholds divided by √df*, df* = min(rows, columns) − 1 (Cohen's w)",
		Source:    "Cohen (1988)", Used: []string{"chi2_contingency"}}
	convOR = Convention{Measure: "odds ratio", Small: 1.68, Medium: 3.47, Large: 6.71,
		Transform: "max(OR, 1/OR), so that 0.5 and 2 are the same size",
		Source:    "Chen, Cohen & Chen (2010)", Used: []string{"fisher_exact", "mantel_haenszel"}}
)

// Conventions returns the rules of thumb the summaries use to put the
// size of an effect in words.
func Conventions() []Convention {
	return []Convention{convD, convR, convTau, convEta, convR2, convV, convOR}
}

func (c Convention) words() string {
	s := fmt.Sprintf("%s (%s): below %g negligible, below %g small, below %g medium, otherwise large",
		c.Measure, c.Source, c.Small, c.Medium, c.Large)
	if c.Transform != "" {
		s += "; " + c.Transform
	}
	return s
}

// sizeOf names a magnitude by thresholds.
func sizeOf(a, small, medium, large float64) string {
	switch {
	case a < small:
		return Negligible
	case a < medium:
		return Small
	case a < large:
		return Medium
	}
	return Large
}

func effect(c Convention, measure, symbol string, v float64) *Effect {
	return &Effect{Measure: measure, Symbol: symbol, Value: v, Size: sizeOf(math.Abs(v), c.Small, c.Medium, c.Large),
		Convention: c.words()}
}

func effectD(measure, symbol string, d float64) *Effect { return effect(convD, measure, symbol, d) }

func effectR(measure, symbol string, r float64) *Effect { return effect(convR, measure, symbol, r) }

func effectTau(tau float64) *Effect {
	e := effect(convTau, "Kendall's τb", "τb", tau)
	e.Size = sizeOf(math.Abs(math.Sin(math.Pi*tau/2)), convTau.Small, convTau.Medium, convTau.Large)
	return e
}

func effectEta(measure, symbol string, v float64) *Effect { return effect(convEta, measure, symbol, v) }

func effectR2(r2 float64) *Effect { return effect(convR2, "R²", "R²", r2) }

func effectV(v float64, rows, cols int) *Effect {
	k := float64(min(rows, cols) - 1)
	if k < 1 {
		k = 1
	}
	s := math.Sqrt(k)
	e := effect(convV, "Cramér's V", "V", v)
	e.Size = sizeOf(math.Abs(v), convV.Small/s, convV.Medium/s, convV.Large/s)
	if k > 1 {
		e.Convention += fmt.Sprintf(" (here df* = %g: %.3g, %.3g, %.3g)", k, convV.Small/s, convV.Medium/s, convV.Large/s)
	}
	return e
}

func effectOR(or float64) *Effect {
	e := effect(convOR, "odds ratio", "OR", or)
	a := or
	if a > 0 && a < 1 {
		a = 1 / a
	}
	if or == 0 {
		a = math.Inf(1)
	}
	e.Size = sizeOf(a, convOR.Small, convOR.Medium, convOR.Large)
	return e
}

// withCI sets the interval of e (left unset when not finite).
func (e *Effect) withCI(lo, hi float64) *Effect {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return e
	}
	e.CILow, e.CIHigh = &lo, &hi
	return e
}

// dCI is the normal-approximation 95% interval of a standardized mean
// difference with standard error se (Hedges & Olkin 1985).
func dCI(d, se float64) (lo, hi float64) {
	return d - z975*se, d + z975*se
}

// z975 is the 0.975 quantile of the standard normal distribution.
const z975 = 1.959963984540054

const approxD = "normal approximation, d ± 1.96·SE (Hedges & Olkin 1985)"
