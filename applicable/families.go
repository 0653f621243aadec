package applicable

import (
	"fmt"
	"math"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// Thresholds of the checks.
const (
	// minCorrPairs is the sample size from which Pearson's and Spearman's
	// coefficients are offered beside Kendall's tau, as StatQA has it.
	minCorrPairs = 50
	// shapiroBelow and lillieforsAbove split the normality tests by
	// sample size: Shapiro–Wilk for small samples, Lilliefors for large.
	shapiroBelow    = 50
	lillieforsAbove = 50
	// cltSize is the sample size from which a t-test or ANOVA is kept on
	// a sample that is not normal: its mean is close to normal anyway.
	cltSize = 30
)

// correlation: Kendall's tau at any size, Pearson's and Spearman's from
// minCorrPairs complete pairs.
func correlation(ds *inferra.Dataset, p map[string]string) ([]candidate, error) {
	x, _, _, err := stats.PairedColumns(ds, "pearsonr", p)
	if err != nil {
		return nil, err
	}
	n := len(x)
	pr := withParams(p, "x", p["x"], "y", p["y"])
	size := fmt.Sprintf("%d complete pairs of `%s` and `%s`", n, p["x"], p["y"])
	big := n >= minCorrPairs
	cands := []candidate{
		{analysis: "pearsonr", params: pr, ok: big, checks: []string{size}},
		{analysis: "spearmanr", params: pr, ok: big, checks: []string{size}},
		{analysis: "kendalltau", params: pr, ok: n >= 2, checks: []string{size}},
	}
	if big {
		cands[0].reason = "linear correlation of two numeric columns, on a sample of " + fmt.Sprint(n) + " pairs"
		cands[1].reason = "rank correlation, robust to outliers and to non-linear monotone relations"
	} else {
		why := fmt.Sprintf("only %d pairs; with fewer than %d Kendall's tau is the coefficient to use", n, minCorrPairs)
		cands[0].reason, cands[1].reason = why, why
	}
	cands[2].reason = "rank correlation (tau-b), valid at any sample size and with ties"
	if n < 2 {
		cands[2].reason = fmt.Sprintf("only %d complete pairs", n)
	}
	notApply(cands)
	return cands, nil
}

// samplesOf returns the samples a two-sample or k-sample analysis
// compares: the columns x and y over the rows where both are present (as
// StatQA compares two columns of a table), or value split by group.
func samplesOf(ds *inferra.Dataset, analysis string, p map[string]string) (labels []string, values [][]float64, err error) {
	if p["x"] != "" || p["y"] != "" {
		x, y, _, err := stats.PairedColumns(ds, analysis, p)
		if err != nil {
			return nil, nil, err
		}
		return []string{"`" + p["x"] + "`", "`" + p["y"] + "`"}, [][]float64{x, y}, nil
	}
	levels, values, _, err := stats.GroupedColumns(ds, analysis, p)
	if err != nil {
		return nil, nil, err
	}
	for _, l := range levels {
		labels = append(labels, fmt.Sprintf("`%s` = %s", p["group"], l))
	}
	return labels, values, nil
}

// normalAll checks every sample for normality; it returns whether all are
// normal and a check per sample.
func normalAll(labels []string, values [][]float64) (bool, []string, []string) {
	all := true
	var checks, bad []string
	for i, v := range values {
		ok, check := adNormal(labels[i], v)
		checks = append(checks, check)
		if !ok {
			all = false
			bad = append(bad, check)
		}
	}
	return all, checks, bad
}

// variance: Mood's test for two samples, Levene's for more than two
// observations a sample, Bartlett's and the F test (two samples) only when
// every sample is normal.
func variance(ds *inferra.Dataset, primary string, p map[string]string) ([]candidate, error) {
	labels, values, err := samplesOf(ds, primary, p)
	if err != nil {
		return nil, err
	}
	k := len(values)
	minN := math.MaxInt
	var sizes []string
	for i, v := range values {
		minN = min(minN, len(v))
		sizes = append(sizes, fmt.Sprintf("%s: n = %d", labels[i], len(v)))
	}
	normal, normChecks, bad := normalAll(labels, values)
	pr := withParams(p)
	sizeCheck := strings.Join(sizes, ", ")
	cands := []candidate{
		{analysis: "levene", params: pr, ok: minN > 2, checks: []string{sizeCheck},
			reason: "compares spreads without assuming normal samples (centred on the median)"},
		{analysis: "mood", params: pr, ok: k == 2 && minN >= 1, checks: []string{sizeCheck},
			reason: "a rank test of equal scale of two samples, without assuming normality"},
		{analysis: "bartlett", params: pr, ok: normal, checks: normChecks,
			reason: "every sample is normal, which Bartlett's test needs"},
		{analysis: "f_test", params: pr, ok: normal && k == 2, checks: normChecks,
			reason: "two normal samples, which the F test of the variance ratio needs"},
	}
	if minN <= 2 {
		cands[0].reason = "a sample has 2 observations or fewer (" + sizeCheck + ")"
	}
	if k != 2 {
		cands[1].reason = fmt.Sprintf("it compares two samples, here there are %d", k)
		cands[3].reason = cands[1].reason
	}
	if !normal {
		cands[2].reason = strings.Join(bad, "; ")
		if k == 2 {
			cands[3].reason = cands[2].reason
		}
	}
	notApply(cands)
	return cands, nil
}

// normality: Anderson–Darling and Kolmogorov–Smirnov at any size,
// Shapiro–Wilk under shapiroBelow observations, Lilliefors over
// lillieforsAbove.
func normality(ds *inferra.Dataset, primary string, p map[string]string) ([]candidate, error) {
	c, err := stats.NumericColumn(ds, primary, "x", p["x"])
	if err != nil {
		return nil, err
	}
	n := 0
	for _, f := range c.Floats {
		if !math.IsNaN(f) {
			n++
		}
	}
	x := map[string]string{"x": p["x"]}
	size := fmt.Sprintf("`%s`: n = %d", p["x"], n)
	cands := []candidate{
		{analysis: "anderson", params: x, ok: n >= 4, reason: "tests normality at any sample size, weighting the tails"},
		{analysis: "shapiro", params: x, ok: n >= 3 && n < shapiroBelow,
			reason: fmt.Sprintf("the test of normality for small samples (n < %d)", shapiroBelow)},
		{analysis: "kstest", params: withParams(x, "dist", "norm"), ok: n >= 2,
			reason: "Kolmogorov–Smirnov distance to the normal fitted to the data, at any sample size"},
		{analysis: "lilliefors", params: x, ok: n > lillieforsAbove && n >= 4,
			reason: fmt.Sprintf("the Kolmogorov–Smirnov test with estimated parameters, for samples over %d", lillieforsAbove)},
	}
	for i := range cands {
		cands[i].checks = []string{size}
	}
	if n < 4 {
		cands[0].reason = fmt.Sprintf("it needs at least 4 observations, `%s` has %d", p["x"], n)
	}
	if !cands[1].ok {
		cands[1].reason = fmt.Sprintf("it is kept for samples under %d observations, `%s` has %d", shapiroBelow, p["x"], n)
	}
	if !cands[2].ok {
		cands[2].reason = fmt.Sprintf("`%s` has %d observations", p["x"], n)
	}
	if !cands[3].ok {
		cands[3].reason = fmt.Sprintf("it is kept for samples over %d observations, `%s` has %d", lillieforsAbove, p["x"], n)
	}
	notApply(cands)
	return cands, nil
}

// table is a contingency table of two categorical columns over the rows
// where both are present, with only the levels that occur there.
func table(ds *inferra.Dataset, a, b string) ([][]int, error) {
	ca, err := ds.Column(a)
	if err != nil {
		return nil, err
	}
	cb, err := ds.Column(b)
	if err != nil {
		return nil, err
	}
	return crossTab(ca, cb, nil, -1), nil
}

// crossTab counts the rows where a and b are present (and, with sc, whose
// stratum code is s), over the levels that occur among them.
func crossTab(a, b *inferra.Column, sc []int32, s int32) [][]int {
	ac, _ := a.Groups()
	bc, _ := b.Groups()
	ra, rb := map[int32]int{}, map[int32]int{}
	type cell struct{ i, j int32 }
	counts := map[cell]int{}
	var ka, kb []int32
	for r := range ac {
		if ac[r] == inferra.Missing || bc[r] == inferra.Missing || sc != nil && sc[r] != s {
			continue
		}
		if _, ok := ra[ac[r]]; !ok {
			ra[ac[r]] = 0
			ka = append(ka, ac[r])
		}
		if _, ok := rb[bc[r]]; !ok {
			rb[bc[r]] = 0
			kb = append(kb, bc[r])
		}
		counts[cell{ac[r], bc[r]}]++
	}
	t := make([][]int, len(ka))
	for i, x := range ka {
		t[i] = make([]int, len(kb))
		for j, y := range kb {
			t[i][j] = counts[cell{x, y}]
		}
	}
	return t
}

// contingency: the chi-square test when no expected count is below 1 and
// at most a fifth are below 5; Fisher's exact test on a 2×2 table.
func contingency(ds *inferra.Dataset, p map[string]string) ([]candidate, error) {
	t, err := table(ds, p["x"], p["y"])
	if err != nil {
		return nil, err
	}
	r := len(t)
	c := 0
	if r > 0 {
		c = len(t[0])
	}
	shape := fmt.Sprintf("%d×%d table of `%s` by `%s`", r, c, p["x"], p["y"])
	pr := map[string]string{"x": p["x"], "y": p["y"]}
	low1, low5, cells := expectedLow(t)
	exp := fmt.Sprintf("%d of %d expected counts below 5, %d below 1", low5, cells, low1)
	chiOK := r >= 2 && c >= 2 && low1 == 0 && float64(low5) <= 0.2*float64(cells)
	cands := []candidate{
		{analysis: "chi2_contingency", params: pr, ok: chiOK, checks: []string{shape, exp},
			reason: "no expected count below 1 and at most a fifth below 5, as the chi-square approximation needs"},
		{analysis: "fisher_exact", params: pr, ok: r == 2 && c == 2, checks: []string{shape},
			reason: "a 2×2 table, on which Fisher's test is exact"},
	}
	switch {
	case r < 2 || c < 2:
		cands[0].reason = "the " + shape + " needs at least two levels each way"
	case low1 > 0:
		cands[0].reason = fmt.Sprintf("%d expected counts are below 1 in the %s", low1, shape)
	case !chiOK:
		cands[0].reason = fmt.Sprintf("%s (more than a fifth) in the %s", exp, shape)
	}
	if !cands[1].ok {
		cands[1].reason = "it needs a 2×2 table, this is a " + shape
	}
	notApply(cands)
	return cands, nil
}

// expectedLow counts the cells of t whose expected count under
// independence is below 1 and below 5.
func expectedLow(t [][]int) (low1, low5, cells int) {
	if len(t) == 0 {
		return 0, 0, 0
	}
	rows := make([]float64, len(t))
	cols := make([]float64, len(t[0]))
	total := 0.0
	for i, row := range t {
		for j, v := range row {
			rows[i] += float64(v)
			cols[j] += float64(v)
			total += float64(v)
		}
	}
	for i := range rows {
		for j := range cols {
			e := rows[i] * cols[j] / total
			cells++
			if e < 1 {
				low1++
			}
			if e < 5 {
				low5++
			}
		}
	}
	return low1, low5, cells
}

// mantelHaenszel: x, y and strata binary, and at least one stratum whose
// table of x by y is 2×2.
func mantelHaenszel(ds *inferra.Dataset, p map[string]string) ([]candidate, error) {
	var cols []*inferra.Column
	var checks, bad []string
	for _, role := range []string{"x", "y", "strata"} {
		c, err := ds.Column(p[role])
		if err != nil {
			return nil, err
		}
		cols = append(cols, c)
		codes, _ := c.Groups()
		seen := map[int32]bool{}
		for _, v := range codes {
			if v != inferra.Missing {
				seen[v] = true
			}
		}
		checks = append(checks, fmt.Sprintf("`%s` has %d levels", p[role], len(seen)))
		if len(seen) != 2 {
			bad = append(bad, fmt.Sprintf("`%s` has %d levels, not 2", p[role], len(seen)))
		}
	}
	full := 0
	if len(bad) == 0 {
		sc, _ := cols[2].Groups()
		for s := int32(0); s < 2; s++ {
			t := crossTab(cols[0], cols[1], sc, s)
			if len(t) == 2 && len(t[0]) == 2 {
				full++
			}
		}
		checks = append(checks, fmt.Sprintf("%d strata with a 2×2 table", full))
		if full == 0 {
			bad = append(bad, "no stratum has a 2×2 table")
		}
	}
	cand := candidate{analysis: "mantel_haenszel", params: map[string]string{"x": p["x"], "y": p["y"], "strata": p["strata"]},
		ok: len(bad) == 0, checks: checks,
		reason: "two binary columns within the strata of a third, each stratum a 2×2 table"}
	if !cand.ok {
		cand.reason = "The Mantel–Haenszel test does not apply: " + strings.Join(bad, "; ")
	}
	return []candidate{cand}, nil
}

// groups: the t-test and ANOVA when every group is normal or has at least
// cltSize observations; Mann–Whitney and Kruskal–Wallis always; the
// two-group tests only for two groups.
func groups(ds *inferra.Dataset, primary string, p map[string]string) ([]candidate, error) {
	levels, values, _, err := stats.GroupedColumns(ds, primary, p)
	if err != nil {
		return nil, err
	}
	var labels []string
	minN := math.MaxInt
	for i, l := range levels {
		labels = append(labels, fmt.Sprintf("`%s` = %s", p["group"], l))
		minN = min(minN, len(values[i]))
	}
	k := len(values)
	normal, checks, bad := normalAll(labels, values)
	means := normal || minN >= cltSize
	meanWhy := "every group is normal"
	if !normal && means {
		meanWhy = fmt.Sprintf("every group has at least %d observations, so its mean is close to normal", cltSize)
	}
	notNormal := strings.Join(bad, "; ") + fmt.Sprintf(", and a group has fewer than %d observations", cltSize)
	pr := map[string]string{"group": p["group"], "value": p["value"]}
	cands := []candidate{
		{analysis: "ttest_ind", params: pr, ok: k == 2 && means, checks: checks, reason: meanWhy},
		{analysis: "mannwhitneyu", params: pr, ok: k == 2, checks: checks, reason: "compares two groups by ranks, without assuming normality"},
		{analysis: "f_oneway", params: pr, ok: k >= 2 && means, checks: checks, reason: meanWhy},
		{analysis: "kruskal", params: pr, ok: k >= 2, checks: checks, reason: "compares groups by ranks, without assuming normality"},
	}
	two := fmt.Sprintf("it compares two groups, `%s` has %d", p["group"], k)
	for _, i := range []int{0, 2} {
		if !means {
			cands[i].reason = notNormal
		}
	}
	if k != 2 {
		cands[0].reason, cands[1].reason = two, two
	}
	notApply(cands)
	return cands, nil
}

// paired: the paired t-test when the differences are normal or number at
// least cltSize; the Wilcoxon signed-rank test always.
func paired(ds *inferra.Dataset, p map[string]string) ([]candidate, error) {
	x, y, _, err := stats.PairedColumns(ds, "ttest_rel", p)
	if err != nil {
		return nil, err
	}
	diff := make([]float64, len(x))
	for i := range x {
		diff[i] = x[i] - y[i]
	}
	normal, check := adNormal(fmt.Sprintf("the differences `%s` − `%s`", p["x"], p["y"]), diff)
	ok := normal || len(diff) >= cltSize
	pr := map[string]string{"x": p["x"], "y": p["y"]}
	cands := []candidate{
		{analysis: "ttest_rel", params: pr, ok: ok, checks: []string{check}, reason: "the differences are normal, or many enough for their mean to be"},
		{analysis: "wilcoxon", params: pr, ok: len(diff) >= 1, checks: []string{check}, reason: "compares paired measurements by signed ranks, without assuming normality"},
	}
	if !ok {
		cands[0].reason = fmt.Sprintf("%s, and there are fewer than %d pairs", check, cltSize)
	}
	if !cands[1].ok {
		cands[1].reason = "there are no complete pairs"
	}
	notApply(cands)
	return cands, nil
}

// posthoc: Games–Howell always; Tukey's HSD when Levene's test does not
// reject equal variances at 5 %.
func posthoc(ds *inferra.Dataset, primary string, p map[string]string) ([]candidate, error) {
	_, values, _, err := stats.GroupedColumns(ds, primary, p)
	if err != nil {
		return nil, err
	}
	pr := map[string]string{"group": p["group"], "value": p["value"]}
	lev, err := stats.Levene(values...)
	equal, check := false, "Levene's test could not be run"
	if err == nil {
		equal = lev.PValue >= 0.05
		verdict := "equal variances not rejected"
		if !equal {
			verdict = "the variances differ"
		}
		check = fmt.Sprintf("Levene's test of `%s` by `%s`: %s (%s)", p["value"], p["group"], verdict, stats.FormatP(lev.PValue))
	}
	cands := []candidate{
		{analysis: "tukey_hsd", params: pr, ok: equal, checks: []string{check}, reason: "the groups have equal variances, as Tukey's HSD assumes"},
		{analysis: "games_howell", params: pr, ok: true, checks: []string{check}, reason: "pairwise comparisons that allow unequal variances and group sizes"},
	}
	if !equal {
		cands[0].reason = check
	}
	notApply(cands)
	return cands, nil
}

// single is a family of one: the decided analysis, with the sizes of the
// columns named by roles as its checks.
func single(ds *inferra.Dataset, d *inferra.Decision, reason string, roles []string) ([]candidate, error) {
	var checks []string
	for _, role := range roles {
		c, err := ds.Column(d.Params[role])
		if err != nil {
			return nil, err
		}
		n := 0
		for i := 0; i < c.Len(); i++ {
			if !c.IsMissing(i) {
				n++
			}
		}
		checks = append(checks, fmt.Sprintf("`%s`: n = %d", c.Name, n))
	}
	return []candidate{{analysis: d.Analysis, params: withParams(d.Params), ok: true, reason: reason, checks: checks}}, nil
}

// adNormal tests x for normality by Anderson–Darling at 5 %, as StatQA
// does before Bartlett's and the F test; the check names the sample by
// label and gives A², the 5 % critical value and an approximate p-value.
func adNormal(label string, x []float64) (bool, string) {
	r, err := stats.AndersonDarling(x)
	if err != nil {
		return false, fmt.Sprintf("%s: normality cannot be checked (%d observations%s)", label, len(x), constNote(x))
	}
	crit := r.CriticalValues[2] // 5 %
	p := adPValue(r.Statistic, r.N)
	if r.Statistic > crit {
		return false, fmt.Sprintf("%s is not normal (Anderson–Darling A² = %s > %s, the 5%% critical value; %s)",
			label, stats.FormatNum(r.Statistic), stats.FormatNum(crit), stats.FormatP(p))
	}
	return true, fmt.Sprintf("%s is normal (Anderson–Darling A² = %s ≤ %s, the 5%% critical value; %s)",
		label, stats.FormatNum(r.Statistic), stats.FormatNum(crit), stats.FormatP(p))
}

// constNote says ", all equal" for a constant sample.
func constNote(x []float64) string {
	for _, v := range x[min(1, len(x)):] {
		if v != x[0] {
			return ""
		}
	}
	if len(x) < 2 {
		return ""
	}
	return ", all equal"
}

// adPValue approximates the p-value of the Anderson–Darling statistic a2
// of n observations against a normal with estimated parameters, by
// D'Agostino and Stephens' (1986, table 4.9) formulas for the modified
// statistic A²(1 + 0.75/n + 2.25/n²). It is for the wording of a check;
// the verdict uses scipy's critical value.
func adPValue(a2 float64, n int) float64 {
	nf := float64(n)
	a := a2 * (1 + 0.75/nf + 2.25/nf/nf)
	var p float64
	switch {
	case a < 0.2:
		p = 1 - math.Exp(-13.436+101.14*a-223.73*a*a)
	case a < 0.34:
		p = 1 - math.Exp(-8.318+42.796*a-59.938*a*a)
	case a < 0.6:
		p = math.Exp(0.9177 - 4.279*a - 1.38*a*a)
	case a < 10:
		p = math.Exp(1.2937 - 5.709*a + 0.0186*a*a)
	default:
		p = 0
	}
	return math.Max(0, math.Min(1, p))
}
