package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/inferra/inferra"
)

// FOnewayResult is the result of a one-way analysis of variance.
type FOnewayResult struct {
	// Statistic is F = MS_between / MS_within and PValue is
	// P(F(DFBetween, DFWithin) ≥ F).
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	// DFBetween is k − 1 and DFWithin is N − k.
	DFBetween int `json:"df_between"`
	DFWithin  int `json:"df_within"`
	// N is the number of observations and K the number of groups.
	N int `json:"n"`
	K int `json:"k"`
	// EtaSquared is SS_between / SS_total, the share of the variance
	// explained by the groups in this sample.
	EtaSquared float64 `json:"eta_squared"`
	// OmegaSquared is (SS_between − DFBetween·MS_within) / (SS_total +
	// MS_within), a less biased estimate of the population share. It can
	// be negative when the groups differ less than chance would make them.
	OmegaSquared float64 `json:"omega_squared"`
	// Groups describes each group in argument order. FOneway names them
	// "1", "2", …; the f_oneway analysis by their levels. SD is NaN for a
	// group of one observation.
	Groups []GroupSummary `json:"groups"`
	// Welch is Welch's ANOVA, which does not assume equal variances; nil
	// when a group has fewer than two observations or no variance.
	Welch *WelchANOVAResult `json:"welch,omitempty"`
	// Kruskal is the Kruskal–Wallis test on the same groups; nil when it
	// is undefined (every value identical).
	Kruskal *DFTest `json:"kruskal,omitempty"`
	// Levene is the Brown–Forsythe test of equal variances; nil when it is
	// undefined.
	Levene *LeveneResult `json:"levene,omitempty"`
	// PostHoc says which pairs of groups differ, after a significant
	// ANOVA (p < .05) only; nil otherwise.
	PostHoc *ANOVAPostHoc `json:"posthoc,omitempty"`
}

// ANOVAPostHoc is the post-hoc block of a significant one-way ANOVA.
type ANOVAPostHoc struct {
	// Method is "tukey_hsd" when Levene's test does not reject equal
	// variances (p ≥ .05, or it is undefined), "games_howell" when it
	// does, since Tukey's test pools the variances and Games–Howell's
	// does not. Tukey's test also serves when a group has no variance,
	// which Games–Howell's cannot handle.
	Method string `json:"method"`
	// Reason says why Method was chosen.
	Reason string `json:"reason"`
	// Pairs are the pairs that differ at p < .05 (adjusted for all
	// k(k − 1)/2 comparisons), as the tukey_hsd or games_howell analysis
	// reports them; empty when none does.
	Pairs []PairComparison `json:"pairs"`
}

// WelchANOVAResult is the result of Welch's one-way ANOVA.
type WelchANOVAResult struct {
	// Statistic is Welch's F and PValue is P(F(DFBetween, DFWithin) ≥ F).
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	// DFBetween is k − 1; DFWithin is Welch's fractional denominator
	// degrees of freedom.
	DFBetween float64 `json:"df_between"`
	DFWithin  float64 `json:"df_within"`
}

// DFTest is a test statistic with its p-value and degrees of freedom,
// such as the Kruskal–Wallis H with its χ² degrees of freedom.
type DFTest struct {
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	DF        float64 `json:"df"`
}

// FOneway performs the classic one-way ANOVA of two or more independent
// groups, as scipy.stats.f_oneway(*groups), and adds the effect sizes η²
// and ω², group descriptives, Welch's ANOVA (see WelchANOVA), the
// Kruskal–Wallis test (see Kruskal) and Levene's test (see Levene). A
// companion test that is undefined for the data is left out (nil) rather
// than failing the ANOVA.
//
// It needs at least two non-empty groups, more observations than groups,
// and some variation within the groups.
func FOneway(groups ...[]float64) (*FOnewayResult, error) {
	k := len(groups)
	if k < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "a one-way ANOVA needs at least two groups, got %d", k)
	}
	for i, g := range groups {
		if len(g) == 0 {
			return nil, inferra.Errorf(inferra.EInvalid, "a one-way ANOVA needs at least one observation in each group, but group %d is empty", i+1)
		}
		if containsNaN(g) {
			return nil, inferra.Errorf(inferra.EInvalid, "group %d contains NaN; drop missing values before the ANOVA", i+1)
		}
	}
	for i, g := range groups {
		if containsInf(g) {
			return nil, inferra.Errorf(inferra.EInvalid, "group %d contains an infinite value; drop it before the ANOVA", i+1)
		}
	}
	// F, η², ω² and Welch's F do not change when every value is shifted
	// and scaled alike. Where the sums of squares would overflow (past
	// ~1e154) or underflow (below ~1e-154), the groups are measured from
	// the middle of their range in units of a power of two, and the
	// group means and deviations are scaled back.
	orig, centre, unit := groups, 0.0, 1.0
	if powerScale(groups...) != 1 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, g := range groups {
			for _, v := range g {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		centre = lo/2 + hi/2
		shifted := make([][]float64, k)
		for i, g := range groups {
			shifted[i] = shiftScale(g, centre, 1)
		}
		unit = powerScale(shifted...)
		for _, g := range shifted {
			for j := range g {
				g[j] /= unit
			}
		}
		groups = shifted
	}
	a := oneWayANOVA(groups)
	if a.n <= k {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a one-way ANOVA needs more observations than groups, got %d observations in %d groups", a.n, k)
	}
	if !(a.ssWithin > 0) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"a one-way ANOVA is undefined when every group is constant (no variation within the groups)")
	}
	dfb, dfw := k-1, a.n-k
	msw := a.ssWithin / float64(dfw)
	f := (a.ssBetween / float64(dfb)) / msw
	ssTotal := a.ssBetween + a.ssWithin
	r := &FOnewayResult{
		Statistic:    f,
		PValue:       fSurvival(f, float64(dfb), float64(dfw)),
		DFBetween:    dfb,
		DFWithin:     dfw,
		N:            a.n,
		K:            k,
		EtaSquared:   a.ssBetween / ssTotal,
		OmegaSquared: (a.ssBetween - float64(dfb)*msw) / (ssTotal + msw),
		Groups:       make([]GroupSummary, k),
	}
	for i, g := range groups {
		sd := math.NaN()
		if len(g) > 1 {
			sd = math.Sqrt(a.ss[i] / float64(len(g)-1))
		}
		r.Groups[i] = GroupSummary{Level: strconv.Itoa(i + 1), N: len(g), Mean: centre + a.means[i]*unit, SD: sd * unit}
	}
	if w, err := welchANOVA(groups, a); err == nil {
		r.Welch = w
	}
	// Levene's test runs on another core while Kruskal–Wallis ranks.
	var wg sync.WaitGroup
	levene := func() {
		if l, err := Levene(groups...); err == nil {
			r.Levene = l
		}
	}
	if a.n >= 1<<16 {
		wg.Go(levene)
	} else {
		levene()
	}
	if kw, err := Kruskal(orig...); err == nil {
		r.Kruskal = &DFTest{Statistic: kw.Statistic, PValue: kw.PValue, DF: float64(kw.DF)}
	}
	wg.Wait()
	if r.PValue < 0.05 {
		// On the values as given: the post-hoc tests scale by a power of
		// two themselves and report mean differences in the data's units.
		r.PostHoc = anovaPostHoc(orig, r.Levene)
	}
	return r, nil
}

// anovaPostHoc runs the post-hoc test that suits the variances and keeps
// the significant pairs; nil when neither test can run.
func anovaPostHoc(groups [][]float64, levene *LeveneResult) *ANOVAPostHoc {
	var ph *PostHocResult
	var err error
	b := &ANOVAPostHoc{Method: "tukey_hsd", Reason: "Levene's test does not reject equal variances (p ≥ .05)"}
	switch {
	case levene == nil:
		b.Reason = "Levene's test is undefined for these data; Tukey's HSD assumes equal variances"
	case levene.PValue < 0.05:
		b.Method, b.Reason = "games_howell", "Levene's test rejects equal variances (p < .05)"
		if ph, err = GamesHowell(groups...); err != nil {
			b.Method, b.Reason = "tukey_hsd", "Levene's test rejects equal variances, but a group has no variance, which the Games–Howell test cannot handle"
		}
	}
	if b.Method == "tukey_hsd" {
		if ph, err = TukeyHSD(groups...); err != nil {
			return nil
		}
	}
	b.Pairs = []PairComparison{}
	for _, p := range ph.Pairs {
		if p.PValue < 0.05 {
			b.Pairs = append(b.Pairs, p)
		}
	}
	return b
}

// WelchANOVA performs Welch's (1951) one-way ANOVA, which does not assume
// equal variances, as statsmodels' anova_oneway(data, groups,
// use_var="unequal", welch_correction=True): with weights wᵢ = nᵢ/sᵢ²,
//
//	F = Σ wᵢ (x̄ᵢ − x̄w)² / (k − 1) / (1 + 2(k − 2)·λ),
//	λ = Σ (1 − wᵢ/W)²/(nᵢ − 1) / (k² − 1),  df₂ = 1/(3λ).
//
// Every group needs at least two observations and a positive variance.
func WelchANOVA(groups ...[]float64) (*WelchANOVAResult, error) {
	if len(groups) < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "Welch's ANOVA needs at least two groups, got %d", len(groups))
	}
	for i, g := range groups {
		if len(g) < 2 {
			return nil, inferra.Errorf(inferra.EInvalid,
				"Welch's ANOVA needs at least two observations in each group, but group %d has %d", i+1, len(g))
		}
	}
	return welchANOVA(groups, oneWayANOVA(groups))
}

func welchANOVA(groups [][]float64, a oneWaySS) (*WelchANOVAResult, error) {
	k := len(groups)
	w := make([]float64, k)
	var wsum, wmean float64
	for i, g := range groups {
		if len(g) < 2 || !(a.ss[i] > 0) {
			return nil, inferra.Errorf(inferra.EInvalid,
				"Welch's ANOVA needs at least two observations and some variation in each group (group %d)", i+1)
		}
		n := float64(len(g))
		w[i] = n / (a.ss[i] / (n - 1))
		wsum += w[i]
	}
	for i := range groups {
		wmean += w[i] / wsum * a.centered[i]
	}
	var num, lambda float64
	for i, g := range groups {
		d := a.centered[i] - wmean
		num += w[i] * d * d
		h := 1 - w[i]/wsum
		lambda += h * h / float64(len(g)-1)
	}
	kf := float64(k)
	lambda /= kf*kf - 1
	f := num / (kf - 1) / (1 + 2*(kf-2)*lambda)
	dfw := 1 / (3 * lambda)
	return &WelchANOVAResult{
		Statistic: f,
		PValue:    fSurvival(f, kf-1, dfw),
		DFBetween: kf - 1,
		DFWithin:  dfw,
	}, nil
}

// runFOneway is the f_oneway analysis.
func runFOneway(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "f_oneway"
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
	allConstant := true
	for _, v := range g.values {
		if !isConstant(v) {
			allConstant = false
			break
		}
	}
	if allConstant {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s needs %q to vary within the groups of %q, but every group has a single repeated value (%s); the F statistic is undefined",
			id, g.valueName, g.groupName, groupConstants(g)).
			WithDetail("column", g.valueName)
	}
	r, err := FOneway(g.values...)
	if err != nil {
		return nil, err
	}
	for i := range r.Groups {
		r.Groups[i].Level = g.levels[i]
	}
	if r.PostHoc != nil {
		relabel(&PostHocResult{Pairs: r.PostHoc.Pairs}, g.levels)
	}
	return &inferra.Result{Stats: r, Report: fOnewayReport(g, r), RowsUsed: g.n(), RowsDropped: g.dropped}, nil
}

// levelLabel names a group in a report sentence: the level itself
// ("placebo"), or with the column name when the level is a number
// ("dose 2.5" reads better than "2.5").
func levelLabel(g *grouped, level string) string {
	if _, err := strconv.ParseFloat(level, 64); err == nil {
		return g.groupName + " " + level
	}
	return level
}

// groupConstants lists "level: all v" for up to four groups.
func groupConstants(g *grouped) string {
	var parts []string
	for i, v := range g.values {
		if i == 4 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s: all %s", g.levels[i], strconv.FormatFloat(v[0], 'g', -1, 64)))
	}
	return strings.Join(parts, "; ")
}

// fOnewayReport says whether the means differ, with F, p and η², Welch's
// F, and the groups with the highest and lowest means.
func fOnewayReport(g *grouped, r *FOnewayResult) string {
	verb := "did not differ significantly"
	if r.PValue < 0.05 {
		verb = "differed significantly"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "One-way ANOVA: the mean of %s %s across the %d groups of %s, F(%d, %d) = %s, %s, η² = %s",
		g.valueName, verb, r.K, g.groupName, r.DFBetween, r.DFWithin, fmtNum(r.Statistic), fmtP(r.PValue), fmtBounded(r.EtaSquared))
	if r.Welch != nil {
		fmt.Fprintf(&b, " (Welch's F(%s, %s) = %s, %s)", fmtDF(r.Welch.DFBetween), fmtDF(r.Welch.DFWithin),
			fmtNum(r.Welch.Statistic), fmtP(r.Welch.PValue))
	}
	hi, lo := 0, 0
	for i, s := range r.Groups {
		if s.Mean > r.Groups[hi].Mean {
			hi = i
		}
		if s.Mean < r.Groups[lo].Mean {
			lo = i
		}
	}
	fmt.Fprintf(&b, ". The highest mean was in %s (M = %s, SD = %s), the lowest in %s (M = %s, SD = %s).",
		levelLabel(g, r.Groups[hi].Level), fmtNum(r.Groups[hi].Mean), fmtNum(r.Groups[hi].SD),
		levelLabel(g, r.Groups[lo].Level), fmtNum(r.Groups[lo].Mean), fmtNum(r.Groups[lo].SD))
	if ph := r.PostHoc; ph != nil {
		sig := significantPairs(g, &PostHocResult{Pairs: ph.Pairs})
		if len(sig) == 0 {
			fmt.Fprintf(&b, " %s comparisons found no single pair that differed significantly.", postHocName(ph.Method))
		} else {
			fmt.Fprintf(&b, " %s comparisons: %s.", postHocName(ph.Method), strings.Join(sig, "; "))
		}
	}
	return b.String()
}
