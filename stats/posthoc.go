package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
)

// PairComparison compares the means of two groups after an ANOVA.
type PairComparison struct {
	// A and B name the groups (TukeyHSD and GamesHowell number them "1",
	// "2", …; the analyses use the levels), A before B in group order.
	A string `json:"a"`
	B string `json:"b"`
	// MeanDifference is mean(A) − mean(B) and StdError its standard
	// error: √(MSE·(1/nA + 1/nB)) for Tukey, √(s²A/nA + s²B/nB) for
	// Games–Howell.
	MeanDifference float64 `json:"mean_difference"`
	StdError       float64 `json:"std_error"`
	// Statistic is the studentized range statistic
	// q = √2·|MeanDifference|/StdError, DF the degrees of freedom of its
	// distribution, and PValue = P(Q(k, DF) ≥ q), adjusted for the k(k−1)/2
	// comparisons.
	Statistic float64 `json:"statistic"`
	DF        float64 `json:"df"`
	PValue    float64 `json:"p_value"`
	// T is the Welch t statistic MeanDifference/StdError (Games–Howell
	// only, pingouin's T).
	T *float64 `json:"t,omitempty"`
	// CILow and CIHigh bound the simultaneous 95% confidence interval of
	// the difference, MeanDifference ∓ q₀.₉₅(k, DF)·StdError/√2 (Tukey
	// only, as scipy gives it).
	CILow  *float64 `json:"ci_low,omitempty"`
	CIHigh *float64 `json:"ci_high,omitempty"`
}

// PostHocResult is the result of TukeyHSD and GamesHowell.
type PostHocResult struct {
	// Method is "tukey_hsd" or "games_howell".
	Method string `json:"method"`
	// K is the number of groups and N of observations.
	K int `json:"k"`
	N int `json:"n"`
	// Pairs compares every pair of groups, in group order: (1, 2),
	// (1, 3), …, (2, 3), ….
	Pairs []PairComparison `json:"pairs"`
}

// TukeyHSD performs Tukey's honestly significant difference test of every
// pair of two or more groups, as scipy.stats.tukey_hsd(*groups) with its
// confidence_interval(0.95): the pooled within-group variance MSE with
// N − k degrees of freedom, q = |x̄ᵢ − x̄ⱼ| / √(MSE/2·(1/nᵢ + 1/nⱼ)) (the
// Tukey–Kramer form for unequal groups), and p = P(Q(k, N − k) ≥ q) by the
// studentized range distribution. The p-values are integrated directly in
// the upper tail, so they keep their relative accuracy where scipy's
// (1 − CDF, to an absolute 1e-11) do not.
//
// It needs at least two groups of at least two observations (as scipy)
// and some variation within the groups.
func TukeyHSD(groups ...[]float64) (*PostHocResult, error) {
	k, n, err := checkPostHoc("Tukey's HSD test", groups, 2)
	if err != nil {
		return nil, err
	}
	if err := checkSpan("Tukey's HSD test", groups); err != nil {
		return nil, err
	}
	groups, e := scaleGroups(groups)
	means := make([]float64, k)
	var ss float64
	for i, g := range groups {
		m, v := meanVar(g)
		means[i] = m
		ss += v * float64(len(g)-1)
	}
	df := float64(n - k)
	mse := ss / df
	if !(mse > 0) {
		return nil, inferra.Errorf(inferra.EInvalid, "Tukey's HSD test is undefined when no group varies")
	}
	crit := studentizedRangeISF(0.05, k, df)
	r := &PostHocResult{Method: "tukey_hsd", K: k, N: n}
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			se := math.Sqrt(mse * (1/float64(len(groups[i])) + 1/float64(len(groups[j]))))
			md := means[i] - means[j]
			q := math.Sqrt2 * math.Abs(md) / se
			h := crit * se / math.Sqrt2
			lo, hi := md-h, md+h
			r.Pairs = append(r.Pairs, PairComparison{
				A: strconv.Itoa(i + 1), B: strconv.Itoa(j + 1), MeanDifference: md, StdError: se,
				Statistic: q, DF: df, PValue: studentizedRangeSF(q, k, df), CILow: &lo, CIHigh: &hi,
			})
		}
	}
	return r, r.unscale(e)
}

// GamesHowell performs the Games–Howell test of every pair of two or more
// groups, which does not assume equal variances. scipy has no function
// for it; it follows the textbook definition as pingouin's
// pairwise_gameshowell computes it: t = (x̄ᵢ − x̄ⱼ)/√(s²ᵢ/nᵢ + s²ⱼ/nⱼ),
// the Welch–Satterthwaite degrees of freedom, and p = P(Q(k, df) ≥ √2·|t|)
// by the studentized range distribution.
//
// Every group needs at least two observations and some variation.
func GamesHowell(groups ...[]float64) (*PostHocResult, error) {
	k, n, err := checkPostHoc("the Games–Howell test", groups, 2)
	if err != nil {
		return nil, err
	}
	if err := checkSpan("the Games–Howell test", groups); err != nil {
		return nil, err
	}
	orig := groups
	groups, e := scaleGroups(groups)
	means := make([]float64, k)
	vn := make([]float64, k) // s²/n
	for i, g := range groups {
		m, v := meanVar(g)
		if !(v > 0) {
			return nil, inferra.Errorf(inferra.EInvalid,
				"the Games–Howell test needs some variation in each group, but every value of group %d is %g", i+1, orig[i][0])
		}
		means[i], vn[i] = m, v/float64(len(g))
	}
	r := &PostHocResult{Method: "games_howell", K: k, N: n}
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			se := math.Sqrt(vn[i] + vn[j])
			md := means[i] - means[j]
			t := md / se
			df := (vn[i] + vn[j]) * (vn[i] + vn[j]) /
				(vn[i]*vn[i]/float64(len(groups[i])-1) + vn[j]*vn[j]/float64(len(groups[j])-1))
			q := math.Sqrt2 * math.Abs(t)
			r.Pairs = append(r.Pairs, PairComparison{
				A: strconv.Itoa(i + 1), B: strconv.Itoa(j + 1), MeanDifference: md, StdError: se,
				Statistic: q, DF: df, PValue: studentizedRangeSF(q, k, df), T: &t,
			})
		}
	}
	return r, r.unscale(e)
}

// scaleGroups returns the groups times the power of two 2^-e that brings
// their largest magnitude into [0.5, 1), and e: the statistics, degrees of
// freedom and p-values do not change, and sums of squares neither
// overflow (1e308) nor underflow (subnormals).
func scaleGroups(groups [][]float64) ([][]float64, int) {
	m := 0.0
	for _, g := range groups {
		for _, v := range g {
			m = math.Max(m, math.Abs(v))
		}
	}
	if m == 0 || math.IsInf(m, 0) || m >= 1 && m < 1<<20 {
		// Ordinary magnitudes stay as they are, digit for digit.
		return groups, 0
	}
	_, e := math.Frexp(m)
	out := make([][]float64, len(groups))
	for i, g := range groups {
		out[i] = make([]float64, len(g))
		for j, v := range g {
			out[i][j] = math.Ldexp(v, -e)
		}
	}
	return out, e
}

// unscale brings the mean differences, standard errors and intervals of
// r, computed on data scaled by 2^-e, back to the data's units, or says
// that they are beyond the largest float.
func (r *PostHocResult) unscale(e int) error {
	up := func(v float64) float64 { return math.Ldexp(v, e) }
	for i := range r.Pairs {
		p := &r.Pairs[i]
		p.MeanDifference, p.StdError = up(p.MeanDifference), up(p.StdError)
		if p.CILow != nil {
			lo, hi := up(*p.CILow), up(*p.CIHigh)
			p.CILow, p.CIHigh = &lo, &hi
		}
		for _, v := range []float64{p.MeanDifference, p.StdError, deref(p.CILow), deref(p.CIHigh)} {
			if math.IsInf(v, 0) {
				return inferra.Errorf(inferra.EInvalid, "a mean difference between groups or its interval is beyond the largest number a float holds (about 1.8e308); rescale the values")
			}
		}
	}
	return nil
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

// checkPostHoc checks the groups of a post-hoc test and returns their
// number and size.
func checkPostHoc(test string, groups [][]float64, minEach int) (k, n int, err error) {
	k = len(groups)
	if k < 2 {
		return 0, 0, inferra.Errorf(inferra.EInvalid, "%s compares at least two groups, got %d", test, k)
	}
	for i, g := range groups {
		if len(g) < minEach {
			return 0, 0, inferra.Errorf(inferra.EInvalid, "%s needs at least %d observations in each group, but group %d has %d", test, minEach, i+1, len(g))
		}
		if containsNaN(g) {
			return 0, 0, inferra.Errorf(inferra.EInvalid, "%s needs data without NaN; drop missing values first", test)
		}
		n += len(g)
	}
	return k, n, nil
}

// PostHocAnalysis is the result of the tukey_hsd and games_howell
// analyses: the comparisons, with the groups they compare.
type PostHocAnalysis struct {
	PostHocResult
	// Groups describes each group in order.
	Groups []GroupSummary `json:"groups"`
}

func runTukeyHSD(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	return runPostHoc(ds, "tukey_hsd", params)
}

func runGamesHowell(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	return runPostHoc(ds, "games_howell", params)
}

func runPostHoc(ds *inferra.Dataset, id string, params map[string]string) (*inferra.Result, error) {
	g, err := groupedColumns(ds, id, params)
	if err != nil {
		return nil, err
	}
	if err := g.atLeastTwoGroups(id); err != nil {
		return nil, err
	}
	if err := g.minPerGroup(id, 2); err != nil {
		return nil, err
	}
	var r *PostHocResult
	if id == "tukey_hsd" {
		r, err = TukeyHSD(g.values...)
	} else {
		r, err = GamesHowell(g.values...)
	}
	if err != nil {
		return nil, err
	}
	relabel(r, g.levels)
	a := &PostHocAnalysis{PostHocResult: *r}
	scaled, e := scaleGroups(g.values)
	for i, v := range scaled {
		m, s2 := meanVar(v)
		a.Groups = append(a.Groups, GroupSummary{Level: g.levels[i], N: len(v), Mean: math.Ldexp(m, e), SD: math.Ldexp(math.Sqrt(s2), e)})
	}
	return &inferra.Result{Stats: a, Report: postHocReport(g, r), RowsUsed: g.n(), RowsDropped: g.dropped}, nil
}

// relabel names the pairs of r by the levels instead of group numbers.
func relabel(r *PostHocResult, levels []string) {
	for i := range r.Pairs {
		a, _ := strconv.Atoi(r.Pairs[i].A)
		b, _ := strconv.Atoi(r.Pairs[i].B)
		r.Pairs[i].A, r.Pairs[i].B = levels[a-1], levels[b-1]
	}
}

// postHocName is the test's name in a sentence.
func postHocName(method string) string {
	if method == "tukey_hsd" {
		return "Tukey's HSD"
	}
	return "Games–Howell"
}

// postHocReport lists the pairs that differ at the 5% level.
func postHocReport(g *grouped, r *PostHocResult) string {
	sig := significantPairs(g, r)
	head := fmt.Sprintf("%s comparisons of the mean of %s between the %d groups of %s (%d pairs, p-values adjusted for all of them): ",
		postHocName(r.Method), g.valueName, r.K, g.groupName, len(r.Pairs))
	if len(sig) == 0 {
		return head + "no pair differed significantly."
	}
	return head + fmt.Sprintf("%d differed significantly: %s.", len(sig), strings.Join(sig, "; "))
}

// significantPairs describes the pairs with p < .05, at most six, the
// smallest p-values first.
func significantPairs(g *grouped, r *PostHocResult) []string {
	var idx []int
	for i, p := range r.Pairs {
		if p.PValue < 0.05 {
			idx = append(idx, i)
		}
	}
	sortByP := func(a, b int) bool { return r.Pairs[a].PValue < r.Pairs[b].PValue }
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && sortByP(idx[j], idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	var out []string
	for n, i := range idx {
		if n == 6 {
			out = append(out, fmt.Sprintf("and %d more", len(idx)-6))
			break
		}
		p := r.Pairs[i]
		out = append(out, fmt.Sprintf("%s − %s = %s, %s", levelLabel(g, p.A), levelLabel(g, p.B), fmtNum(p.MeanDifference), fmtP(p.PValue)))
	}
	return out
}

// checkSpan refuses groups whose magnitudes are too far apart for one
// computation in floats: scaled so that the largest value stays finite, a
// group whose values are all more than 2^970 smaller would keep too few
// digits, or none (1e-300 beside 1e300).
func checkSpan(test string, groups [][]float64) error {
	top := 0.0
	maxes := make([]float64, len(groups))
	for i, g := range groups {
		for _, v := range g {
			maxes[i] = math.Max(maxes[i], math.Abs(v))
		}
		top = math.Max(top, maxes[i])
	}
	for _, m := range maxes {
		if m > 0 && math.Log2(top)-math.Log2(m) > 970 {
			return inferra.Errorf(inferra.EInvalid,
				"%s cannot compare groups whose values are more than 10^290 apart (largest values %g and %g) in one computation; rescale or transform them (a logarithm, for example)", test, m, top)
		}
	}
	return nil
}
