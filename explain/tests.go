package explain

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

func init() {
	register("ttest_ind", ttestInd)
	register("ttest_rel", ttestRel)
	register("ttest_1samp", ttest1Samp)
	register("mannwhitneyu", mannWhitney)
	register("wilcoxon", wilcoxon)
}

type testBlock struct {
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	Method    string  `json:"method"`
}

type tBlock struct {
	Statistic      float64 `json:"statistic"`
	PValue         float64 `json:"p_value"`
	DF             float64 `json:"df"`
	MeanDifference float64 `json:"mean_difference"`
	CILow          float64 `json:"ci_low"`
	CIHigh         float64 `json:"ci_high"`
}

type groupMean struct {
	Level string  `json:"level"`
	N     int     `json:"n"`
	Mean  float64 `json:"mean"`
	SD    float64 `json:"sd"`
}

type groupMedian struct {
	Level  string  `json:"level"`
	N      int     `json:"n"`
	Median float64 `json:"median"`
}

type leveneBlock struct {
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	DF1       float64 `json:"df1"`
	DF2       float64 `json:"df2"`
}

type shapiroEntry struct {
	Level     string  `json:"level"`
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
}

func groupsTable(value string, groups []groupMean) Table {
	t := Table{Title: "Groups: " + value, Columns: []string{"Group", "n", "Mean", "SD"}}
	for _, g := range groups {
		t.Rows = append(t.Rows, []string{g.Level, count(g.N), num(g.Mean), num(g.SD)})
	}
	return t
}

func mediansTable(value string, groups []groupMedian) Table {
	t := Table{Title: "Groups: " + value, Columns: []string{"Group", "n", "Median"}}
	for _, g := range groups {
		t.Rows = append(t.Rows, []string{g.Level, count(g.N), num(g.Median)})
	}
	return t
}

// agreement says whether a companion test reaches the same verdict at the
// 5% level as the main one.
func agreement(mainP, otherP float64) string {
	if (mainP < alpha) == (otherP < alpha) {
		return "agrees"
	}
	return "disagrees"
}

// higherLower returns "higher" or "lower" by the sign of d.
func higherLower(d float64) string {
	if d < 0 {
		return "lower"
	}
	return "higher"
}

func ttestInd(c *ctx) error {
	var r struct {
		tBlock
		N            int            `json:"n"`
		Student      *tBlock        `json:"student"`
		Groups       []groupMean    `json:"groups"`
		CohensD      float64        `json:"cohens_d"`
		HedgesG      float64        `json:"hedges_g"`
		Levene       *leveneBlock   `json:"levene"`
		MannWhitneyU *testBlock     `json:"mannwhitneyu"`
		Normality    []shapiroEntry `json:"normality"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	if len(r.Groups) != 2 {
		return generic(c)
	}
	g1, g2 := r.Groups[0], r.Groups[1]
	value := c.param("value")
	s := c.s
	s.Title = "Independent-samples t-test"
	n1, n2 := float64(g1.N), float64(g2.N)
	e := effectD("Cohen's d", "d", r.CohensD).withCI(dCI(r.CohensD, math.Sqrt((n1+n2)/(n1*n2)+r.CohensD*r.CohensD/(2*(n1+n2)))))
	e.CIMethod = approxD
	s.Effect = e
	s.Significant = boolp(r.PValue < alpha)
	rows := []testRow{{test: "Welch's t", statistic: num(r.Statistic), df: df(r.DF), p: r.PValue, hasP: true,
		effect: effectCell(e, num), ci: effectCI(e, num), n: r.N}}
	if r.Student != nil {
		rows = append(rows, testRow{test: "Student's t", statistic: num(r.Student.Statistic), df: df(r.Student.DF),
			p: r.Student.PValue, hasP: true, effect: "g = " + num(r.HedgesG), n: r.N})
	}
	if r.MannWhitneyU != nil && g1.N > 0 && g2.N > 0 {
		rb := 2*r.MannWhitneyU.Statistic/(n1*n2) - 1
		rows = append(rows, testRow{test: "Mann–Whitney U", statistic: num(r.MannWhitneyU.Statistic),
			p: r.MannWhitneyU.PValue, hasP: true, effect: "r = " + unit(rb), n: r.N})
	}
	s.Tables = append(s.Tables, mainTable("Independent-samples t-test: "+value+" by "+c.param("group"), rows...))
	s.Tables[0].Note = fmt.Sprintf("Differences are %s − %s; mean difference %s, 95%% CI %s (Welch). Hedges' g corrects d for small samples.",
		g1.Level, g2.Level, num(r.MeanDifference), ci(r.CILow, r.CIHigh, num))
	s.Tables = append(s.Tables, groupsTable(value, r.Groups))

	hi, lo := g1, g2
	if r.MeanDifference < 0 {
		hi, lo = g2, g1
	}
	test := fmt.Sprintf("Welch's t(%s) = %s, %s", df(r.DF), num(r.Statistic), pIs(r.PValue))
	s.Meaning = fmt.Sprintf("The mean of %s is higher in %s (M = %s, SD = %s, n = %s) than in %s (M = %s, SD = %s, n = %s), by %s (95%% CI %s). The difference is %s.",
		value, hi.Level, num(hi.Mean), num(hi.SD), count(hi.N), lo.Level, num(lo.Mean), num(lo.SD), count(lo.N),
		num(math.Abs(r.MeanDifference)), ci(r.CILow, r.CIHigh, num), sizePhrase(e, r.PValue, num, test))
	if r.MeanDifference == 0 {
		s.Meaning = fmt.Sprintf("The means of %s are equal in %s and %s (M = %s). The difference is %s.",
			value, g1.Level, g2.Level, num(g1.Mean), sizePhrase(e, r.PValue, num, test))
	}

	if r.Levene != nil {
		lv := r.Levene
		ck := Check{Name: "Levene's test (equal variances, median-centred)", Statistic: fp(lv.Statistic), PValue: fp(lv.PValue), Met: lv.PValue >= alpha}
		if lv.PValue < alpha {
			ck.Text = fmt.Sprintf("variances differ (Levene %s): Welch's test, which does not assume equal variances, is used", pIs(lv.PValue))
		} else if r.Student != nil {
			ck.Text = fmt.Sprintf("variances are similar (Levene %s): Welch's and Student's tests both apply (Student's %s)", pIs(lv.PValue), pIs(r.Student.PValue))
		}
		s.Assumptions = append(s.Assumptions, ck)
	}
	s.Assumptions = append(s.Assumptions, normalityCheck(r.Normality, []string{g1.Level, g2.Level}, 5000, r.PValue, "Mann–Whitney", r.MannWhitneyU))
	return nil
}

// normalityCheck puts Shapiro–Wilk per group in one check, with what the
// rank test says when a group is not normal.
func normalityCheck(entries []shapiroEntry, levels []string, maxN int, mainP float64, rankName string, rank *testBlock) Check {
	ck := Check{Name: "Shapiro–Wilk (normality per group)", Met: true}
	var bad []string
	minP := math.Inf(1)
	for _, e := range entries {
		minP = math.Min(minP, e.PValue)
		if e.PValue < alpha {
			bad = append(bad, fmt.Sprintf("%s (Shapiro–Wilk %s)", e.Level, pIs(e.PValue)))
		}
	}
	var untested []string
	for _, l := range levels {
		if !slices.ContainsFunc(entries, func(e shapiroEntry) bool { return e.Level == l }) {
			untested = append(untested, l)
		}
	}
	rankText := ""
	if rank != nil {
		rankText = fmt.Sprintf(": the rank test (%s %s) %s", rankName, pIs(rank.PValue), agreement(mainP, rank.PValue))
	}
	switch {
	case len(bad) > 0:
		ck.Met = false
		ck.PValue = fp(minP)
		ck.Text = "not normal in " + list(bad) + rankText
	case len(entries) > 0:
		ck.PValue = fp(minP)
		ck.Text = fmt.Sprintf("normal in each group tested (Shapiro–Wilk p ≥ %s)", strings.TrimPrefix(pText(minP), "< "))
	default:
		ck.Text = "normality not tested"
	}
	if len(untested) > 0 {
		ck.Text += fmt.Sprintf(" (not tested in %s: Shapiro–Wilk needs 3 to %s values; the t-test is robust to non-normality in large groups)", list(untested), count(maxN))
	}
	return ck
}

func ttestRel(c *ctx) error {
	var r struct {
		tBlock
		N            int        `json:"n"`
		MeanX        float64    `json:"mean_x"`
		MeanY        float64    `json:"mean_y"`
		SDDifference float64    `json:"sd_difference"`
		CohensDz     float64    `json:"cohens_dz"`
		Wilcoxon     *testBlock `json:"wilcoxon"`
		Normality    *testBlock `json:"normality"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	x, y := c.param("x"), c.param("y")
	s := c.s
	s.Title = "Paired-samples t-test"
	n := float64(r.N)
	e := effectD("Cohen's dz", "dz", r.CohensDz).withCI(dCI(r.CohensDz, math.Sqrt(1/n+r.CohensDz*r.CohensDz/(2*n))))
	e.CIMethod = approxD
	s.Effect = e
	s.Significant = boolp(r.PValue < alpha)
	rows := []testRow{{test: "Paired t", statistic: num(r.Statistic), df: df(r.DF), p: r.PValue, hasP: true,
		effect: effectCell(e, num), ci: effectCI(e, num), n: r.N}}
	if r.Wilcoxon != nil {
		rows = append(rows, testRow{test: "Wilcoxon signed-rank", statistic: num(r.Wilcoxon.Statistic), p: r.Wilcoxon.PValue, hasP: true, n: r.N})
	}
	s.Tables = append(s.Tables, mainTable("Paired-samples t-test: "+x+" vs "+y, rows...))
	s.Tables[0].Note = fmt.Sprintf("Differences are %s − %s: mean %s (SD %s), 95%% CI %s; means %s and %s.",
		x, y, num(r.MeanDifference), num(r.SDDifference), ci(r.CILow, r.CIHigh, num), num(r.MeanX), num(r.MeanY))
	s.Meaning = fmt.Sprintf("Over %s pairs, %s is on average %s than %s by %s (95%% CI %s; means %s vs %s). The difference is %s.",
		count(r.N), x, higherLower(r.MeanDifference), y, num(math.Abs(r.MeanDifference)), ci(r.CILow, r.CIHigh, num),
		num(r.MeanX), num(r.MeanY), sizePhrase(e, r.PValue, num, fmt.Sprintf("t(%s) = %s, %s", df(r.DF), num(r.Statistic), pIs(r.PValue))))
	ck := Check{Name: "Shapiro–Wilk (normality of the differences)", Met: true}
	switch {
	case r.Normality == nil:
		ck.Text = "normality of the differences not tested (Shapiro–Wilk needs 3 to 5,000 pairs)"
	case r.Normality.PValue < alpha:
		ck.Met, ck.Statistic, ck.PValue = false, fp(r.Normality.Statistic), fp(r.Normality.PValue)
		ck.Text = fmt.Sprintf("the differences are not normal (Shapiro–Wilk %s)", pIs(r.Normality.PValue))
		if r.Wilcoxon != nil {
			ck.Text += fmt.Sprintf(": the rank test (Wilcoxon %s) %s", pIs(r.Wilcoxon.PValue), agreement(r.PValue, r.Wilcoxon.PValue))
		}
	default:
		ck.Statistic, ck.PValue = fp(r.Normality.Statistic), fp(r.Normality.PValue)
		ck.Text = fmt.Sprintf("the differences look normal (Shapiro–Wilk %s)", pIs(r.Normality.PValue))
	}
	s.Assumptions = append(s.Assumptions, ck)
	return nil
}

func ttest1Samp(c *ctx) error {
	var r struct {
		Statistic      float64 `json:"statistic"`
		PValue         float64 `json:"p_value"`
		DF             float64 `json:"df"`
		N              int     `json:"n"`
		Mean           float64 `json:"mean"`
		SD             float64 `json:"sd"`
		Popmean        float64 `json:"popmean"`
		MeanDifference float64 `json:"mean_difference"`
		CILow          float64 `json:"ci_low"`
		CIHigh         float64 `json:"ci_high"`
		CohensD        float64 `json:"cohens_d"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	x := c.param("x")
	s := c.s
	s.Title = "One-sample t-test"
	n := float64(r.N)
	e := effectD("Cohen's d", "d", r.CohensD).withCI(dCI(r.CohensD, math.Sqrt(1/n+r.CohensD*r.CohensD/(2*n))))
	e.CIMethod = approxD
	s.Effect = e
	s.Significant = boolp(r.PValue < alpha)
	s.Tables = append(s.Tables, mainTable(fmt.Sprintf("One-sample t-test: %s against %s", x, num(r.Popmean)),
		testRow{test: "One-sample t", statistic: num(r.Statistic), df: df(r.DF), p: r.PValue, hasP: true,
			effect: effectCell(e, num), ci: effectCI(e, num), n: r.N}))
	s.Tables[0].Note = fmt.Sprintf("Mean %s (SD %s), 95%% CI of the mean %s; difference from %s: %s.",
		num(r.Mean), num(r.SD), ci(r.CILow, r.CIHigh, num), num(r.Popmean), num(r.MeanDifference))
	s.Meaning = fmt.Sprintf("The mean of %s, %s (95%% CI %s, n = %s), is %s than %s by %s. The difference is %s.",
		x, num(r.Mean), ci(r.CILow, r.CIHigh, num), count(r.N), higherLower(r.MeanDifference), num(r.Popmean),
		num(math.Abs(r.MeanDifference)), sizePhrase(e, r.PValue, num, fmt.Sprintf("t(%s) = %s, %s", df(r.DF), num(r.Statistic), pIs(r.PValue))))
	s.Notes = append(s.Notes, "No normality check is part of this result; with small samples, look at a histogram of "+x+".")
	return nil
}

func mannWhitney(c *ctx) error {
	var r struct {
		testBlock
		N            int           `json:"n"`
		Groups       []groupMedian `json:"groups"`
		RankBiserial float64       `json:"rank_biserial"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	if len(r.Groups) != 2 {
		return generic(c)
	}
	value := c.param("value")
	s := c.s
	s.Title = "Mann–Whitney U test"
	e := effectR("rank-biserial correlation", "r", r.RankBiserial)
	s.Effect = e
	s.Significant = boolp(r.PValue < alpha)
	s.Tables = append(s.Tables, mainTable("Mann–Whitney U test: "+value+" by "+c.param("group"),
		testRow{test: "Mann–Whitney U (" + r.Method + ")", statistic: num(r.Statistic), p: r.PValue, hasP: true,
			effect: effectCell(e, unit), n: r.N}))
	g1, g2 := r.Groups[0], r.Groups[1]
	s.Tables[0].Note = fmt.Sprintf("U is that of %s; the rank-biserial r is positive when %s tends to be larger.", g1.Level, g1.Level)
	s.Tables = append(s.Tables, mediansTable(value, r.Groups))
	hi, lo := g1, g2
	if r.RankBiserial < 0 {
		hi, lo = g2, g1
	}
	test := fmt.Sprintf("U = %s, %s", num(r.Statistic), pIs(r.PValue))
	s.Meaning = fmt.Sprintf("Values of %s tend to be higher in %s (median %s, n = %s) than in %s (median %s, n = %s). The difference is %s.",
		value, hi.Level, num(hi.Median), count(hi.N), lo.Level, num(lo.Median), count(lo.N), sizePhrase(e, r.PValue, unit, test))
	if r.RankBiserial == 0 {
		s.Meaning = fmt.Sprintf("Neither group tends to have higher values of %s (medians %s in %s, %s in %s). The difference is %s.",
			value, num(g1.Median), g1.Level, num(g2.Median), g2.Level, sizePhrase(e, r.PValue, unit, test))
	}
	return nil
}

func wilcoxon(c *ctx) error {
	var r struct {
		testBlock
		N                int     `json:"n"`
		NNonzero         int     `json:"n_nonzero"`
		MedianDifference float64 `json:"median_difference"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	x, y := c.param("x"), c.param("y")
	s := c.s
	s.Title = "Wilcoxon signed-rank test"
	s.Significant = boolp(r.PValue < alpha)
	var e *Effect
	if m := float64(r.NNonzero); m > 0 {
		total := m * (m + 1) / 2
		e = effectR("matched-pairs rank-biserial correlation (magnitude)", "|r|", (total-2*r.Statistic)/total)
		s.Effect = e
	}
	row := testRow{test: "Wilcoxon signed-rank (" + r.Method + ")", statistic: num(r.Statistic), p: r.PValue, hasP: true, n: r.N}
	if e != nil {
		row.effect = effectCell(e, unit)
	}
	s.Tables = append(s.Tables, mainTable("Wilcoxon signed-rank test: "+x+" vs "+y, row))
	s.Tables[0].Note = fmt.Sprintf("The statistic is the smaller of the signed-rank sums; %s of %s pairs with no difference were left out of the ranking. |r| = (W+ + W− − 2T)/(W+ + W−).",
		count(r.N-r.NNonzero), count(r.N))
	dir := fmt.Sprintf("The median difference %s − %s is %s over %s pairs", x, y, num(r.MedianDifference), count(r.N))
	if e == nil {
		s.Meaning = dir + fmt.Sprintf("; every pair is tied, so there is no difference (T = %s, %s).", num(r.Statistic), pIs(r.PValue))
		return nil
	}
	s.Meaning = dir + fmt.Sprintf(". The difference is %s.", sizePhrase(e, r.PValue, unit, fmt.Sprintf("T = %s, %s", num(r.Statistic), pIs(r.PValue))))
	return nil
}
