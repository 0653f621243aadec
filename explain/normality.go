package explain

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/inferra/inferra/stats"
)

func init() {
	register("shapiro", normalityTest)
	register("lilliefors", normalityTest)
	register("anderson", anderson)
	register("kstest", ksTest)
	register("ks_2samp", ks2Samp)
}

// unit3 formats a statistic bounded by 0 and 1 (W, D) with three
// decimals and no leading zero: ".981".
func unit3(x float64) string {
	return minus(strings.Replace(strconv.FormatFloat(x, 'f', 3, 64), "0.", ".", 1))
}

// points formats a difference of two proportions in percentage points:
// "8.1".
func points(d float64) string {
	return strconv.FormatFloat(100*d, 'f', 1, 64)
}

// value formats a value of the data or a fitted parameter: four
// significant digits ("2.462", "0.05312"), or two decimals with thousands
// separators from 1,000 on ("23,760.50").
func value(x float64) string {
	if a := math.Abs(x); a >= 1000 && a < 1e15 {
		return num(x)
	}
	return precise(x)
}

// sampleTable describes the one column a normality test reads.
func sampleTable(x string, n int, mean, sd float64) Table {
	return Table{Title: "Sample: " + x, Columns: []string{"n", "Mean", "SD"},
		Rows: [][]string{{count(n), num(mean), num(sd)}}}
}

// lillieforsP formats the p-value of the Lilliefors test, which the table
// of critical values bounds to [.001, .99], for a cell and a sentence.
func lillieforsP(p float64) (cell, text string) {
	switch {
	case p <= 0.001:
		return "≤ .001", "p ≤ .001"
	case p >= 0.99:
		return "≥ .990", "p ≥ .99"
	}
	return pText(p), pIs(p)
}

// normalityTest summarises shapiro and lilliefors.
func normalityTest(c *ctx) error {
	var r stats.NormalityResult
	if err := c.decode(&r); err != nil {
		return err
	}
	if r.N == 0 {
		return generic(c)
	}
	x := c.param("x")
	s := c.s
	s.Significant = boolp(r.PValue < alpha)
	var row testRow
	var test string
	if c.in.Analysis == "shapiro" {
		s.Title = "Shapiro–Wilk test of normality"
		row = testRow{test: "Shapiro–Wilk W", statistic: unit3(r.Statistic), p: r.PValue, hasP: true, n: r.N}
		test = fmt.Sprintf("Shapiro–Wilk W = %s, %s", unit3(r.Statistic), pIs(r.PValue))
	} else {
		s.Title = "Lilliefors test of normality"
		row = testRow{test: "Lilliefors D", statistic: unit3(r.Statistic), n: r.N, effect: "D = " + unit3(r.Statistic)}
		_, text := lillieforsP(r.PValue)
		test = fmt.Sprintf("Lilliefors D = %s, %s", unit3(r.Statistic), text)
	}
	s.Tables = append(s.Tables, mainTable(s.Title+": "+x, row), sampleTable(x, r.N, r.Mean, r.SD))
	if c.in.Analysis == "lilliefors" {
		// The p column says the table's bound ("≤ .001"), which
		// mainTable's format cannot.
		s.Tables[0].Rows[0][3], _ = lillieforsP(r.PValue)
		s.Tables[0].Note = "D is the largest distance between the cumulative distribution of the data and that of the normal with their mean and SD; p is interpolated in statsmodels' table of critical values, so it lies between .001 and .99."
	}
	verdict := "does not depart significantly from a normal distribution"
	if r.PValue < alpha {
		verdict = "departs significantly from a normal distribution"
	}
	s.Meaning = fmt.Sprintf("The distribution of %s (M = %s, SD = %s, n = %s) %s (%s).",
		x, num(r.Mean), num(r.SD), count(r.N), verdict, test)
	if c.in.Analysis == "lilliefors" {
		s.Meaning += fmt.Sprintf(" At its furthest, the share of values below a point differs by %s percentage points from what the normal predicts.", points(r.Statistic))
	}
	s.Meaning += normalityAdvice(r.PValue < alpha, r.N)
	if c.in.Analysis == "shapiro" && r.N > 5000 {
		s.Notes = append(s.Notes, "Royston's approximation of the Shapiro–Wilk p-value was validated up to n = 5,000.")
	}
	return nil
}

// normalityAdvice says what a normality test implies, given its sample
// size: a large sample detects harmless departures, a small one misses
// large ones.
func normalityAdvice(departs bool, n int) string {
	switch {
	case departs && n >= 1000:
		return fmt.Sprintf(" With %s values even a slight departure is detected; look at a histogram or Q–Q plot to judge whether it matters (t-tests and ANOVA are robust to moderate non-normality in samples this large).", count(n))
	case departs:
		return " Tests that assume normal data (t-tests, ANOVA) are less trustworthy on such data unless the groups are large; rank tests (mannwhitneyu, wilcoxon, kruskal) do not assume it."
	case n < 30:
		return fmt.Sprintf(" With only %s values the test has little power, so this does not show that the data are normal.", count(n))
	}
	return " This does not prove the data normal, but nothing here speaks against tests that assume it."
}

// anderson summarises the Anderson–Darling test, which has critical
// values at five levels instead of a p-value.
func anderson(c *ctx) error {
	var r stats.AndersonResult
	if err := c.decode(&r); err != nil {
		return err
	}
	if len(r.CriticalValues) == 0 || len(r.CriticalValues) != len(r.SignificanceLevels) {
		return generic(c)
	}
	x := c.param("x")
	s := c.s
	s.Title = "Anderson–Darling test of normality"
	s.Significant = boolp(slices.Contains(r.RejectedAt, 5))
	s.Tables = append(s.Tables, mainTable(s.Title+": "+x,
		testRow{test: "Anderson–Darling A²", statistic: num(r.Statistic), n: r.N}))
	s.Tables[0].Note = "No p-value: as in scipy, A² is compared with critical values at five significance levels."
	crit := Table{Title: "Critical values of A²", Columns: []string{"Significance level", "Critical value", "Normality"}}
	for i, lv := range r.SignificanceLevels {
		verdict := "not rejected"
		if slices.Contains(r.RejectedAt, lv) {
			verdict = "rejected"
		}
		crit.Rows = append(crit.Rows, []string{percent(lv), strconv.FormatFloat(r.CriticalValues[i], 'f', 3, 64), verdict})
	}
	s.Tables = append(s.Tables, crit, sampleTable(x, r.N, r.Mean, r.SD))
	head := fmt.Sprintf("For %s (M = %s, SD = %s, n = %s), A² = %s", x, num(r.Mean), num(r.SD), count(r.N), num(r.Statistic))
	last := len(r.SignificanceLevels) - 1
	switch k := len(r.RejectedAt); {
	case k == 0:
		s.Meaning = fmt.Sprintf("%s is below the critical value at the %s level (%s): normality is not rejected at any tabulated level, so the distribution does not depart significantly from a normal one.",
			head, percent(r.SignificanceLevels[0]), strconv.FormatFloat(r.CriticalValues[0], 'f', 3, 64))
	case k > last:
		s.Meaning = fmt.Sprintf("%s exceeds the critical value even at the %s level (%s): normality is rejected at every tabulated level, so the distribution departs significantly from a normal one (p < .01).",
			head, percent(r.SignificanceLevels[last]), strconv.FormatFloat(r.CriticalValues[last], 'f', 3, 64))
	default:
		lv := r.RejectedAt[k-1]
		i := slices.Index(r.SignificanceLevels, lv)
		s.Meaning = fmt.Sprintf("%s exceeds the critical value at the %s level (%s) but not at %s (%s): normality is rejected at the %s level and above.",
			head, percent(lv), strconv.FormatFloat(r.CriticalValues[i], 'f', 3, 64), percent(r.SignificanceLevels[i+1]),
			strconv.FormatFloat(r.CriticalValues[i+1], 'f', 3, 64), percent(lv))
		if *s.Significant {
			s.Meaning += " The departure from a normal distribution is significant at 5%."
		} else {
			s.Meaning += " At the usual 5% level it is not."
		}
	}
	s.Meaning += normalityAdvice(*s.Significant, r.N)
	return nil
}

// percent formats a significance level given in percent: "2.5%".
func percent(lv float64) string {
	return strconv.FormatFloat(lv, 'f', -1, 64) + "%"
}

// distWords name kstest's distributions and their fitted parameters.
var distWords = map[string]struct{ name, loc, scale string }{
	"norm":    {"normal", "loc (the mean)", "scale (the SD with divisor n)"},
	"expon":   {"exponential", "loc (the minimum)", "scale (the mean minus the minimum)"},
	"uniform": {"uniform", "loc (the minimum)", "scale (the range)"},
	"gamma":   {"gamma", "loc (fixed at 0)", "scale"},
}

// ksTest summarises the one-sample Kolmogorov–Smirnov test against a
// fitted distribution; D, the largest gap between the cumulative
// distributions, is put in percentage points.
func ksTest(c *ctx) error {
	var r stats.KSTestResult
	if err := c.decode(&r); err != nil {
		return err
	}
	w, ok := distWords[r.Dist]
	if !ok || r.N == 0 {
		return generic(c)
	}
	x := c.param("x")
	s := c.s
	s.Title = "Kolmogorov–Smirnov test against a fitted " + w.name + " distribution"
	s.Significant = boolp(r.PValue < alpha)
	s.Tables = append(s.Tables, mainTable(s.Title+": "+x,
		testRow{test: "Kolmogorov–Smirnov D (" + r.Method + ")", statistic: unit3(r.Statistic), p: r.PValue, hasP: true,
			effect: "D = " + unit3(r.Statistic), n: r.N}))
	s.Tables[0].Note = "D is the largest distance between the cumulative distribution of the data and that of the fitted distribution."
	params := Table{Title: "Fitted " + w.name + " distribution", Columns: []string{"Parameter", "Value"}}
	if r.Shape != nil {
		params.Rows = append(params.Rows, []string{"shape (a)", value(*r.Shape)})
	}
	params.Rows = append(params.Rows, []string{w.loc, value(r.Loc)}, []string{w.scale, value(r.Scale)})
	params.Note = "Maximum-likelihood fit: " + r.Fit + "."
	s.Tables = append(s.Tables, params)

	verdict := "does not depart significantly from"
	if r.PValue < alpha {
		verdict = "departs significantly from"
	}
	side := "more"
	if r.StatisticSign < 0 {
		side = "fewer"
	}
	s.Meaning = fmt.Sprintf("The distribution of %s (n = %s) %s the %s distribution fitted to it (D = %s, %s). "+
		"The two cumulative distributions are furthest apart at %s = %s, where %s percentage points %s of the values lie at or below it than the fitted distribution predicts.",
		x, count(r.N), verdict, w.name, unit3(r.Statistic), pIs(r.PValue), x, value(r.StatisticLocation), points(r.Statistic), side)
	note := "The parameters were estimated from the same data, which makes the p-value conservative (too large): a real departure is harder to detect."
	if r.Dist == "norm" {
		note += " For the normal distribution, Lilliefors' test (lilliefors) corrects for this."
	}
	s.Notes = append(s.Notes, note)
	return nil
}

// ks2Samp summarises the two-sample Kolmogorov–Smirnov test; D is put in
// percentage points at the value where the samples differ most.
func ks2Samp(c *ctx) error {
	var r stats.KS2SampAnalysis
	if err := c.decode(&r); err != nil {
		return err
	}
	if len(r.Groups) != 2 {
		return generic(c)
	}
	a, b := r.Groups[0], r.Groups[1]
	what := c.samplesWhat([]string{a.Level, b.Level})
	s := c.s
	s.Title = "Two-sample Kolmogorov–Smirnov test"
	s.Significant = boolp(r.PValue < alpha)
	method := r.Method
	if method == "asymp" {
		method = "asymptotic"
	}
	s.Tables = append(s.Tables, mainTable(s.Title+": "+what,
		testRow{test: "Kolmogorov–Smirnov D (" + method + ")", statistic: unit3(r.Statistic), p: r.PValue, hasP: true,
			effect: "D = " + unit3(r.Statistic), n: r.N}))
	s.Tables[0].Note = "D is the largest distance between the cumulative distributions of the two samples."
	medians := Table{Title: "Samples", Columns: []string{"Column", "n", "Median"}}
	if !c.columnsForm() {
		medians = Table{Title: "Groups: " + c.param("value"), Columns: []string{"Group", "n", "Median"}}
	}
	for _, g := range r.Groups {
		medians.Rows = append(medians.Rows, []string{g.Level, count(g.N), num(g.Median)})
	}
	s.Tables = append(s.Tables, medians)

	first, second := c.sampleLabel(a.Level), c.sampleLabel(b.Level)
	if r.StatisticSign < 0 {
		first, second = second, first
	}
	verdict := "do not differ significantly"
	if r.PValue < alpha {
		verdict = "differ significantly"
	}
	subject := "The distributions of " + what
	if !c.columnsForm() {
		subject = fmt.Sprintf("The distributions of %s in %s and %s", c.param("value"), c.sampleLabel(a.Level), c.sampleLabel(b.Level))
	}
	s.Meaning = fmt.Sprintf("%s (medians %s and %s, n = %s and %s) %s (D = %s, %s). "+
		"They are furthest apart at %s, where the share of values at or below it is %s percentage points higher in %s than in %s.",
		subject, num(a.Median), num(b.Median), count(a.N), count(b.N), verdict, unit3(r.Statistic), pIs(r.PValue),
		value(r.StatisticLocation), points(r.Statistic), first, second)
	if r.PValue < alpha {
		s.Meaning += " The test reacts to any difference of shape, spread or location; the medians and a box plot show which."
	}
	return nil
}
