package explain

import (
	"fmt"
	"math"
	"strings"
)

func init() {
	register("describe", describe)
	register("chi2_contingency", chi2)
	register("fisher_exact", fisher)
	register("mantel_haenszel", mantelHaenszel)
}

type description struct {
	Level    string    `json:"level"`
	N        int       `json:"n"`
	Missing  int       `json:"missing"`
	Mean     float64   `json:"mean"`
	Std      *float64  `json:"std"`
	Var      *float64  `json:"var"`
	Sem      *float64  `json:"sem"`
	Min      float64   `json:"min"`
	Q1       float64   `json:"q1"`
	Median   float64   `json:"median"`
	Q3       float64   `json:"q3"`
	Max      float64   `json:"max"`
	Range    float64   `json:"range"`
	IQR      float64   `json:"iqr"`
	Mode     []float64 `json:"mode"`
	ModeN    int       `json:"mode_count"`
	Skewness *float64  `json:"skewness"`
	Kurtosis *float64  `json:"kurtosis"`
	Value    *float64  `json:"value"`
}

func optNum(p *float64) string {
	if p == nil {
		return "—"
	}
	return num(*p)
}

func modeText(d description) string {
	if len(d.Mode) == 0 {
		return "—"
	}
	if d.ModeN <= 1 {
		return "none (no value repeats)"
	}
	parts := make([]string, 0, 3)
	for i, m := range d.Mode {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("… (%d modes)", len(d.Mode)))
			break
		}
		parts = append(parts, precise(m))
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" (%d times)", d.ModeN)
}

// skewWords names the shape of a distribution by its skewness (Bulmer
// 1979: beyond ±1 highly skewed, beyond ±0.5 moderately).
func skewWords(sk float64) string {
	a := math.Abs(sk)
	side := "right (a longer tail of high values)"
	if sk < 0 {
		side = "left (a longer tail of low values)"
	}
	switch {
	case a < 0.5:
		return "roughly symmetric"
	case a < 1:
		return "moderately skewed to the " + side
	}
	return "highly skewed to the " + side
}

func describe(c *ctx) error {
	var r struct {
		description
		Variable string        `json:"variable"`
		Group    string        `json:"group"`
		Groups   []description `json:"groups"`
		Stat     string        `json:"stat"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	x := r.Variable
	if x == "" {
		x = c.param("x")
	}
	s := c.s
	s.Title = "Descriptive statistics"
	cols := []description{r.description}
	head := []string{"Statistic", "All"}
	for _, g := range r.Groups {
		cols = append(cols, g)
		head = append(head, g.Level)
	}
	t := Table{Title: "Descriptive statistics: " + x, Columns: head}
	if r.Group != "" {
		t.Title += " by " + r.Group
	}
	line := func(name string, f func(d description) string) {
		row := []string{name}
		for _, d := range cols {
			row = append(row, f(d))
		}
		t.Rows = append(t.Rows, row)
	}
	line("n", func(d description) string { return count(d.N) })
	line("Missing", func(d description) string { return count(d.Missing) })
	line("Mean", func(d description) string { return num(d.Mean) })
	line("SD", func(d description) string { return optNum(d.Std) })
	line("SE of the mean", func(d description) string { return optNum(d.Sem) })
	line("Minimum", func(d description) string { return num(d.Min) })
	line("25th percentile", func(d description) string { return num(d.Q1) })
	line("Median", func(d description) string { return num(d.Median) })
	line("75th percentile", func(d description) string { return num(d.Q3) })
	line("Maximum", func(d description) string { return num(d.Max) })
	line("IQR", func(d description) string { return num(d.IQR) })
	line("Mode", modeText)
	line("Skewness", func(d description) string { return optNum(d.Skewness) })
	line("Excess kurtosis", func(d description) string { return optNum(d.Kurtosis) })
	t.Note = "SD with n − 1; percentiles by linear interpolation (pandas); skewness and kurtosis bias-corrected."
	s.Tables = append(s.Tables, t)

	d := r.description
	if r.Stat != "" && r.Value != nil {
		s.Meaning = fmt.Sprintf("The %s of %s is %s; n = %s, %s missing.", statName(r.Stat), x, statValue(r.Stat, d), count(d.N), count(d.Missing))
		if len(r.Groups) > 0 {
			var parts []string
			for _, g := range r.Groups {
				if g.Value != nil {
					parts = append(parts, fmt.Sprintf("%s %s", g.Level, statValue(r.Stat, g)))
				}
			}
			s.Meaning += fmt.Sprintf(" By %s: %s.", r.Group, strings.Join(parts, ", "))
		}
		return nil
	}
	s.Meaning = fmt.Sprintf("%s has mean %s", x, num(d.Mean))
	if d.Std != nil {
		s.Meaning += fmt.Sprintf(" (SD %s)", num(*d.Std))
	}
	s.Meaning += fmt.Sprintf(" and median %s, from %s to %s (n = %s, %s missing).", num(d.Median), num(d.Min), num(d.Max), count(d.N), count(d.Missing))
	if d.Skewness != nil {
		s.Meaning += fmt.Sprintf(" The distribution is %s (skewness %s).", skewWords(*d.Skewness), num(*d.Skewness))
	}
	if len(r.Groups) > 1 {
		hi, lo := r.Groups[0], r.Groups[0]
		for _, g := range r.Groups {
			if g.Mean > hi.Mean {
				hi = g
			}
			if g.Mean < lo.Mean {
				lo = g
			}
		}
		s.Meaning += fmt.Sprintf(" By %s, the mean is highest in %s (%s) and lowest in %s (%s).", r.Group, hi.Level, num(hi.Mean), lo.Level, num(lo.Mean))
	}
	return nil
}

func statName(stat string) string {
	switch stat {
	case "std":
		return "standard deviation"
	case "var":
		return "variance"
	case "sem":
		return "standard error of the mean"
	case "q1":
		return "25th percentile"
	case "q3":
		return "75th percentile"
	case "iqr":
		return "interquartile range"
	case "min":
		return "minimum"
	case "max":
		return "maximum"
	case "n":
		return "number of values"
	case "missing":
		return "number of missing values"
	}
	return stat
}

func statValue(stat string, d description) string {
	if d.Value == nil {
		return "—"
	}
	switch stat {
	case "mode":
		if d.ModeN <= 1 {
			return precise(*d.Value) + " (no value repeats; this is the smallest)"
		}
		return fmt.Sprintf("%s, taken by %d of %s values", precise(*d.Value), d.ModeN, count(d.N))
	case "n", "missing":
		return count(int(*d.Value))
	}
	return num(*d.Value)
}

func chi2(c *ctx) error {
	var r struct {
		Statistic   float64     `json:"statistic"`
		PValue      float64     `json:"p_value"`
		DoF         float64     `json:"dof"`
		N           int         `json:"n"`
		Correction  bool        `json:"correction"`
		CramersV    float64     `json:"cramers_v"`
		RowVar      string      `json:"row_variable"`
		ColVar      string      `json:"column_variable"`
		RowLevels   []string    `json:"row_levels"`
		ColLevels   []string    `json:"column_levels"`
		Observed    [][]float64 `json:"observed"`
		Expected    [][]float64 `json:"expected"`
		Residuals   [][]float64 `json:"residuals"`
		MinExpected float64     `json:"min_expected"`
		LowExpected int         `json:"low_expected"`
		Warning     string      `json:"warning"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Chi-square test of independence"
	e := effectV(r.CramersV, len(r.RowLevels), len(r.ColLevels))
	s.Effect = e
	s.Significant = boolp(r.PValue < alpha)
	test := "Pearson's χ²"
	if r.Correction {
		test += " (Yates' correction)"
	}
	s.Tables = append(s.Tables, mainTable("Chi-square test: "+r.RowVar+" by "+r.ColVar,
		testRow{test: test, statistic: num(r.Statistic), df: df(r.DoF), p: r.PValue, hasP: true, effect: effectCell(e, unit), n: r.N}))
	ct := Table{Title: "Observed (expected) counts", Columns: append([]string{r.RowVar + " \\ " + r.ColVar}, r.ColLevels...)}
	for i, lv := range r.RowLevels {
		row := []string{lv}
		for j := range r.ColLevels {
			cell := ""
			if i < len(r.Observed) && j < len(r.Observed[i]) {
				cell = fmt.Sprintf("%.0f", r.Observed[i][j])
			}
			if i < len(r.Expected) && j < len(r.Expected[i]) {
				cell += fmt.Sprintf(" (%.1f)", r.Expected[i][j])
			}
			row = append(row, cell)
		}
		ct.Rows = append(ct.Rows, row)
	}
	ct.Note = "Adjusted standardized residuals beyond ±1.96 mark the cells that depart from independence."
	s.Tables = append(s.Tables, ct)
	s.Meaning = fmt.Sprintf("The association between %s and %s is %s.", r.RowVar, r.ColVar,
		sizePhrase(e, r.PValue, unit, fmt.Sprintf("χ²(%s, N = %s) = %s, %s", df(r.DoF), count(r.N), num(r.Statistic), pIs(r.PValue))))
	if r.PValue < alpha {
		bi, bj, best := -1, -1, 0.0
		for i, row := range r.Residuals {
			for j, v := range row {
				if math.Abs(v) > math.Abs(best) && i < len(r.RowLevels) && j < len(r.ColLevels) {
					bi, bj, best = i, j, v
				}
			}
		}
		if bi >= 0 && math.Abs(best) > 1.96 {
			more := "more"
			if best < 0 {
				more = "fewer"
			}
			s.Meaning += fmt.Sprintf(" The largest departure: %s = %s with %s = %s, %.0f observed against %.1f expected (%s than independence predicts; adjusted residual %s).",
				r.RowVar, r.RowLevels[bi], r.ColVar, r.ColLevels[bj], r.Observed[bi][bj], r.Expected[bi][bj], more, num(best))
		}
	}
	ck := Check{Name: "Expected counts of at least 5", Met: r.LowExpected == 0}
	cells := len(r.RowLevels) * len(r.ColLevels)
	if r.LowExpected == 0 {
		ck.Text = fmt.Sprintf("every expected count is at least 5 (smallest %s): the chi-square approximation holds", num(r.MinExpected))
	} else {
		ck.Text = fmt.Sprintf("%d of %d expected counts are below 5 (smallest %s): the p-value may be inaccurate", r.LowExpected, cells, num(r.MinExpected))
		if len(r.RowLevels) == 2 && len(r.ColLevels) == 2 {
			ck.Text += "; fisher_exact gives an exact one"
		} else {
			ck.Text += "; consider merging sparse levels"
		}
	}
	s.Assumptions = append(s.Assumptions, ck)
	if r.Warning != "" {
		s.Notes = append(s.Notes, r.Warning)
	}
	return nil
}

// oddsPhrase says what an odds ratio of rows (x) by columns (y) means:
// the odds of the second column level in the second row level against
// the first.
func oddsPhrase(or string, rowVar, colVar string, rows, cols []string) string {
	if len(rows) != 2 || len(cols) != 2 {
		return "the odds ratio is " + or
	}
	return fmt.Sprintf("the odds of %s = %s are %s times as high with %s = %s as with %s = %s",
		colVar, cols[1], or, rowVar, rows[1], rowVar, rows[0])
}

func fisher(c *ctx) error {
	var r struct {
		Statistic *float64    `json:"statistic"`
		PValue    float64     `json:"p_value"`
		N         int         `json:"n"`
		Infinite  bool        `json:"odds_ratio_infinite"`
		RowVar    string      `json:"row_variable"`
		ColVar    string      `json:"column_variable"`
		RowLevels []string    `json:"row_levels"`
		ColLevels []string    `json:"column_levels"`
		Observed  [][]float64 `json:"observed"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Fisher's exact test"
	s.Significant = boolp(r.PValue < alpha)
	row := testRow{test: "Fisher's exact", p: r.PValue, hasP: true, n: r.N}
	var e *Effect
	orText := "infinite"
	switch {
	case r.Statistic != nil:
		e = effectOR(*r.Statistic)
		s.Effect = e
		orText = num(*r.Statistic)
		row.statistic = "OR = " + orText
		row.effect = e.Size
	default:
		row.statistic = "OR = ∞"
		row.effect = "large"
	}
	s.Tables = append(s.Tables, mainTable("Fisher's exact test: "+r.RowVar+" by "+r.ColVar, row))
	s.Tables[0].Note = "The odds ratio is the sample one, (a·d)/(b·c)."
	ct := Table{Title: "Observed counts", Columns: append([]string{r.RowVar + " \\ " + r.ColVar}, r.ColLevels...)}
	for i, lv := range r.RowLevels {
		line := []string{lv}
		for j := range r.ColLevels {
			if i < len(r.Observed) && j < len(r.Observed[i]) {
				line = append(line, fmt.Sprintf("%.0f", r.Observed[i][j]))
			}
		}
		ct.Rows = append(ct.Rows, line)
	}
	s.Tables = append(s.Tables, ct)
	what := oddsPhrase(orText, r.RowVar, r.ColVar, r.RowLevels, r.ColLevels)
	if e != nil {
		s.Meaning = fmt.Sprintf("In this table, %s. The association is %s.", what,
			sizePhrase(e, r.PValue, num, fmt.Sprintf("Fisher's exact %s, N = %s", pIs(r.PValue), count(r.N))))
	} else {
		s.Meaning = fmt.Sprintf("In this table the odds ratio is infinite (a cell of the off-diagonal is empty). The association is %s (Fisher's exact %s, N = %s).", significance(r.PValue), pIs(r.PValue), count(r.N))
	}
	return nil
}

func mantelHaenszel(c *ctx) error {
	var r struct {
		Statistic  float64   `json:"statistic"`
		PValue     float64   `json:"p_value"`
		N          int       `json:"n"`
		K          int       `json:"k"`
		OddsRatio  float64   `json:"odds_ratio"`
		CILow      float64   `json:"ci_low"`
		CIHigh     float64   `json:"ci_high"`
		BreslowDay *chiBlock `json:"breslow_day"`
		RowVar     string    `json:"row_variable"`
		ColVar     string    `json:"column_variable"`
		StrataVar  string    `json:"strata_variable"`
		RowLevels  []string  `json:"row_levels"`
		ColLevels  []string  `json:"column_levels"`
		Strata     []struct {
			Level    string      `json:"level"`
			N        int         `json:"n"`
			Observed [][]float64 `json:"observed"`
		} `json:"strata"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Cochran–Mantel–Haenszel test"
	e := effectOR(r.OddsRatio).withCI(r.CILow, r.CIHigh)
	e.Measure = "pooled odds ratio (Mantel–Haenszel)"
	s.Effect = e
	s.Significant = boolp(r.PValue < alpha)
	rows := []testRow{{test: "Cochran–Mantel–Haenszel χ²", statistic: num(r.Statistic), df: "1", p: r.PValue, hasP: true,
		effect: effectCell(e, num), ci: effectCI(e, num), n: r.N}}
	if r.BreslowDay != nil {
		rows = append(rows, testRow{test: "Breslow–Day (equal odds ratios)", statistic: num(r.BreslowDay.Statistic),
			df: df(r.BreslowDay.DF), p: r.BreslowDay.PValue, hasP: true})
	}
	s.Tables = append(s.Tables, mainTable(fmt.Sprintf("Cochran–Mantel–Haenszel: %s by %s, stratified by %s", r.RowVar, r.ColVar, r.StrataVar), rows...))
	st := Table{Title: "Strata", Columns: []string{r.StrataVar, "n", "Observed (rows " + r.RowVar + ", columns " + r.ColVar + ")", "Odds ratio"}}
	for _, x := range r.Strata {
		cells, or := "", ""
		if len(x.Observed) == 2 && len(x.Observed[0]) == 2 && len(x.Observed[1]) == 2 {
			o := x.Observed
			cells = fmt.Sprintf("%.0f %.0f / %.0f %.0f", o[0][0], o[0][1], o[1][0], o[1][1])
			if den := o[0][1] * o[1][0]; den > 0 {
				or = num(o[0][0] * o[1][1] / den)
			} else {
				or = "∞"
			}
		}
		st.Rows = append(st.Rows, []string{x.Level, count(x.N), cells, or})
	}
	s.Tables = append(s.Tables, st)
	s.Meaning = fmt.Sprintf("Pooled over the %d strata of %s, %s (95%% CI %s). The association is %s.",
		r.K, r.StrataVar, oddsPhrase(num(r.OddsRatio), r.RowVar, r.ColVar, r.RowLevels, r.ColLevels), ci(r.CILow, r.CIHigh, num),
		sizePhrase(e, r.PValue, num, fmt.Sprintf("CMH χ²(1, N = %s) = %s, %s", count(r.N), num(r.Statistic), pIs(r.PValue))))
	if bd := r.BreslowDay; bd != nil {
		ck := Check{Name: "Breslow–Day (homogeneous odds ratios)", Statistic: fp(bd.Statistic), PValue: fp(bd.PValue), Met: bd.PValue >= alpha}
		if bd.PValue < alpha {
			ck.Text = fmt.Sprintf("the odds ratios differ across strata (Breslow–Day %s): the pooled odds ratio hides these differences; look at each stratum", pIs(bd.PValue))
		} else {
			ck.Text = fmt.Sprintf("the odds ratios are consistent across strata (Breslow–Day %s): the pooled odds ratio summarises them", pIs(bd.PValue))
		}
		s.Assumptions = append(s.Assumptions, ck)
	}
	return nil
}
