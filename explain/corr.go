package explain

import (
	"fmt"
	"strings"
)

func init() {
	register("pearsonr", correlation("Pearson correlation", "Pearson's r", "r"))
	register("spearmanr", correlation("Spearman rank correlation", "Spearman's ρ", "ρ"))
	register("kendalltau", correlation("Kendall rank correlation", "Kendall's τb", "τb"))
	register("partial_corr", correlation("Partial correlation", "partial r", "r"))
}

// correlation summarises the correlations: a coefficient with its
// p-value, n and, where the result has one, its interval.
func correlation(title, measure, symbol string) summarizer {
	return func(c *ctx) error {
		var r struct {
			Statistic  float64  `json:"statistic"`
			PValue     float64  `json:"p_value"`
			N          int      `json:"n"`
			DF         *float64 `json:"df"`
			Method     string   `json:"method"`
			CILow      *float64 `json:"ci_low"`
			CIHigh     *float64 `json:"ci_high"`
			Covariates []string `json:"covariates"`
		}
		if err := c.decode(&r); err != nil {
			return err
		}
		x, y := c.param("x"), c.param("y")
		s := c.s
		s.Title = title
		var e *Effect
		if c.in.Analysis == "kendalltau" {
			e = effectTau(r.Statistic)
		} else {
			e = effectR(measure, symbol, r.Statistic)
		}
		if r.CILow != nil && r.CIHigh != nil {
			e.withCI(*r.CILow, *r.CIHigh)
		}
		s.Effect = e
		s.Significant = boolp(r.PValue < alpha)
		dfs := ""
		switch {
		case r.DF != nil:
			dfs = df(*r.DF)
		case c.in.Analysis != "kendalltau" && r.N > 2:
			dfs = df(float64(r.N - 2))
		}
		test := measure
		if r.Method != "" {
			test += " (" + r.Method + ")"
		}
		s.Tables = append(s.Tables, mainTable(title+": "+x+" and "+y,
			testRow{test: test, statistic: unit(r.Statistic), df: dfs, p: r.PValue, hasP: true,
				effect: e.Size, ci: effectCI(e, unit), n: r.N}))
		direction := "positive"
		if r.Statistic < 0 {
			direction = "negative"
		}
		if r.Statistic == 0 {
			direction = "zero"
		}
		control := ""
		if len(r.Covariates) > 0 {
			control = " once " + list(r.Covariates) + " " + isAre(len(r.Covariates)) + " held fixed"
			s.Tables[0].Note = "Controlling for " + list(r.Covariates) + ": the correlation of what x and y do not share with them (residuals of linear fits)."
		}
		interval := ""
		if e.CILow != nil {
			interval = ", 95% CI " + ci(*e.CILow, *e.CIHigh, unit)
		}
		tail := fmt.Sprintf("%s = %s%s, %s, n = %s", symbol, unit(r.Statistic), interval, pIs(r.PValue), count(r.N))
		switch {
		case r.PValue < alpha && e.Size == Negligible:
			s.Meaning = fmt.Sprintf("%s and %s have a statistically significant but negligible %s correlation%s (%s)",
				x, y, direction, control, tail)
			if r.N >= 1000 {
				s.Meaning += fmt.Sprintf(": with %s rows even a tiny correlation is detected, and this one explains %s%% of the variation", count(r.N), pct(r.Statistic*r.Statistic))
			}
			s.Meaning += "."
		case r.PValue < alpha:
			s.Meaning = fmt.Sprintf("%s and %s have a statistically significant %s %s correlation%s (%s): as one grows, the other tends to %s.",
				x, y, e.Size, direction, control, tail, map[bool]string{true: "grow", false: "shrink"}[r.Statistic > 0])
		default:
			s.Meaning = fmt.Sprintf("The correlation of %s and %s%s is not statistically significant (%s); its estimated size is %s.",
				x, y, control, tail, e.Size)
		}
		if c.in.Analysis == "kendalltau" {
			s.Tables[0].Note = "The size of τb is read on the scale of r after sin(π·τ/2)."
		}
		return nil
	}
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// pct formats a proportion as a percentage: "0.01", "64".
func pct(x float64) string {
	p := 100 * x
	switch {
	case p < 0.1:
		return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", p), "0"), ".")
	case p < 10:
		return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.1f", p), "0"), ".")
	}
	return fmt.Sprintf("%.0f", p)
}
