package explain

import (
	"fmt"
	"math"
	"strconv"

	"github.com/inferra/inferra/stats"
)

func init() {
	register("levene", varianceTest)
	register("bartlett", varianceTest)
	register("mood", varianceTest)
	register("f_test", varianceTest)
}

// varianceInfo names a variance test and its statistic.
var varianceInfo = map[string]struct{ title, test, symbol string }{
	"levene":   {"Levene's test of equal variances", "Levene's W (median-centred)", "W"},
	"bartlett": {"Bartlett's test of equal variances", "Bartlett's χ²", "χ²"},
	"mood":     {"Mood's test of equal scale", "Mood's z (rank-based)", "z"},
	"f_test":   {"F test of equal variances", "F (variance ratio)", "F"},
}

// varianceTest summarises levene, bartlett, mood and f_test: the test, the
// samples' spreads, and the ratio of the largest variance to the smallest
// in words.
func varianceTest(c *ctx) error {
	var r stats.VarianceComparison
	if err := c.decode(&r); err != nil {
		return err
	}
	if len(r.Groups) < 2 {
		return generic(c)
	}
	info := varianceInfo[c.in.Analysis]
	s := c.s
	s.Title = info.title
	s.Significant = boolp(r.PValue < alpha)
	levels := make([]string, len(r.Groups))
	for i, g := range r.Groups {
		levels[i] = g.Level
	}
	what := c.samplesWhat(levels)

	var dfs, testText string
	switch c.in.Analysis {
	case "levene", "f_test":
		dfs = fmt.Sprintf("%d, %d", r.DF1, r.DF2)
		testText = fmt.Sprintf("%s(%s) = %s, %s", info.symbol, dfs, num(r.Statistic), pIs(r.PValue))
	case "bartlett":
		dfs = strconv.Itoa(r.DF)
		testText = fmt.Sprintf("χ²(%s) = %s, %s", dfs, num(r.Statistic), pIs(r.PValue))
	default:
		testText = fmt.Sprintf("z = %s, %s", num(r.Statistic), pIs(r.PValue))
	}
	hi, lo := 0, 0
	for i, g := range r.Groups {
		if g.SD > r.Groups[hi].SD {
			hi = i
		}
		if g.SD < r.Groups[lo].SD {
			lo = i
		}
	}
	ratio := math.Inf(1)
	if lo := r.Groups[lo].SD; lo > 0 {
		ratio = (r.Groups[hi].SD / lo) * (r.Groups[hi].SD / lo)
	}
	effect := ""
	if !math.IsInf(ratio, 0) {
		effect = "VR = " + num(ratio)
	}
	s.Tables = append(s.Tables, mainTable(info.title+": "+what,
		testRow{test: info.test, statistic: num(r.Statistic), df: dfs, p: r.PValue, hasP: true, effect: effect, n: r.N}))
	s.Tables[0].Note = "VR is the variance ratio, the largest sample variance over the smallest (1 when the spreads are equal)."
	if c.in.Analysis == "f_test" {
		s.Tables[0].Note = fmt.Sprintf("F is the variance of %s over that of %s; VR is the larger variance over the smaller.",
			c.sampleLabel(levels[0]), c.sampleLabel(levels[1]))
	}
	s.Tables = append(s.Tables, spreadTable(c, r.Groups))

	h, l := r.Groups[hi], r.Groups[lo]
	var spread string
	switch {
	case math.IsInf(ratio, 0):
		spread = fmt.Sprintf("%s has no spread at all (every value is %s), while %s has SD = %s",
			c.sampleLabel(l.Level), num(l.Mean), c.sampleLabel(h.Level), num(h.SD))
	case len(r.Groups) == 2:
		spread = fmt.Sprintf("the variance of %s (SD = %s, n = %s) is %s times that of %s (SD = %s, n = %s)",
			c.sampleLabel(h.Level), num(h.SD), count(h.N), num(ratio), c.sampleLabel(l.Level), num(l.SD), count(l.N))
	default:
		spread = fmt.Sprintf("the largest variance, in %s (SD = %s, n = %s), is %s times the smallest, in %s (SD = %s, n = %s)",
			c.sampleLabel(h.Level), num(h.SD), count(h.N), num(ratio), c.sampleLabel(l.Level), num(l.SD), count(l.N))
	}
	noun := "spread"
	if c.in.Analysis == "mood" {
		noun = "scale (spread)"
	}
	s.Meaning = fmt.Sprintf("Comparing the %s of %s: %s. The difference in %s is %s (%s).",
		noun, what, spread, noun, significance(r.PValue), testText)

	pair := "Welch's t-test (ttest_ind), which does not assume equal variances"
	if len(r.Groups) > 2 {
		pair = "Welch's ANOVA (part of f_oneway) and Games–Howell comparisons (games_howell), which do not assume equal variances"
	}
	if r.PValue < alpha {
		s.Meaning += " To compare the means, use " + pair + "."
	} else {
		s.Notes = append(s.Notes, "A test that does not reject equal variances does not prove them equal, least of all in small samples; Welch's tests are safe either way.")
	}
	switch c.in.Analysis {
	case "bartlett":
		s.Notes = append(s.Notes, "Bartlett's test assumes normal samples and reacts to non-normality as well as to unequal variances; Levene's test (levene) is the robust alternative.")
	case "f_test":
		s.Notes = append(s.Notes, "The F test of variances assumes normal samples and is very sensitive to non-normality; Levene's test (levene) is the robust alternative.")
	case "mood":
		s.Notes = append(s.Notes, "Mood's test compares the spread of the ranks around the middle of the pooled sample, so it assumes the two samples have the same centre (median); a shift in location shows up as a difference in scale.")
	case "levene":
		s.Notes = append(s.Notes, "Centred on the median (the Brown–Forsythe variant), Levene's test does not assume normal samples.")
	}
	return nil
}

// spreadTable lists the samples of a variance test with their spread.
func spreadTable(c *ctx, groups []stats.GroupSummary) Table {
	title := "Samples: " + c.param("value")
	first := "Group"
	if c.columnsForm() {
		title, first = "Samples", "Column"
	}
	t := Table{Title: title, Columns: []string{first, "n", "Mean", "SD", "Variance"}}
	for _, g := range groups {
		t.Rows = append(t.Rows, []string{g.Level, count(g.N), num(g.Mean), num(g.SD), num(g.SD * g.SD)})
	}
	return t
}
