package explain

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/inferra/inferra"
)

func init() { register("ols", ols) }

type coefficient struct {
	Term     string  `json:"term"`
	Estimate float64 `json:"estimate"`
	SE       float64 `json:"std_error"`
	T        float64 `json:"t"`
	PValue   float64 `json:"p_value"`
	CILow    float64 `json:"ci_low"`
	CIHigh   float64 `json:"ci_high"`
}

func ols(c *ctx) error {
	var r struct {
		Formula      string        `json:"formula"`
		Dependent    string        `json:"dependent"`
		CovType      string        `json:"cov_type"`
		N            int           `json:"n"`
		DFModel      float64       `json:"df_model"`
		DFResid      float64       `json:"df_resid"`
		Coefficients []coefficient `json:"coefficients"`
		R2           float64       `json:"r_squared"`
		AdjR2        float64       `json:"adj_r_squared"`
		F            *float64      `json:"f_statistic"`
		FP           *float64      `json:"f_p_value"`
		ResidualSE   float64       `json:"residual_std_error"`
		DurbinWatson float64       `json:"durbin_watson"`
		JarqueBera   *testBlock    `json:"jarque_bera"`
		Anova        []struct {
			Term   string   `json:"term"`
			SumSq  float64  `json:"sum_sq"`
			DF     float64  `json:"df"`
			F      *float64 `json:"f"`
			PValue *float64 `json:"p_value"`
		} `json:"anova"`
		VIF []struct {
			Term string  `json:"term"`
			VIF  float64 `json:"vif"`
		} `json:"vif"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Linear regression"
	name := func(t string) string { return Term(t, c.reference) }
	y := Term(r.Dependent, nil)
	robust := strings.EqualFold(r.CovType, "HC3")
	e := effectR2(r.R2)
	s.Effect = e
	row := testRow{test: "F test of the model", df: df(r.DFModel) + ", " + df(r.DFResid),
		effect: fmt.Sprintf("R² = %s (adj. %s)", unit(r.R2), unit(r.AdjR2)), n: r.N}
	if r.F != nil && r.FP != nil {
		row.statistic, row.p, row.hasP = num(*r.F), *r.FP, true
		if robust {
			row.test = "Wald F test of the model (HC3)"
		}
		s.Significant = boolp(*r.FP < alpha)
	}
	s.Tables = append(s.Tables, mainTable("Linear regression: "+Formula(r.Formula), row))
	s.Tables[0].Note = fmt.Sprintf("Residual standard error %s on %s degrees of freedom.", num(r.ResidualSE), df(r.DFResid))

	stat := "t"
	if robust {
		stat = "z"
	}
	ct := Table{Title: "Coefficients", Columns: []string{"Term", "Estimate", "SE", stat, "p", "95% CI"}}
	for _, k := range r.Coefficients {
		ct.Rows = append(ct.Rows, []string{name(k.Term), num(k.Estimate), num(k.SE), num(k.T), pText(k.PValue), ci(k.CILow, k.CIHigh, num)})
	}
	if robust {
		ct.Note = "Robust (HC3) standard errors; z statistics and normal intervals."
	}
	s.Tables = append(s.Tables, ct)
	if len(r.Anova) > 0 {
		at := Table{Title: "Analysis of variance (type II)", Columns: []string{"Term", "Sum of squares", "df", "F", "p"}}
		for _, a := range r.Anova {
			f, p := "", ""
			if a.F != nil {
				f = num(*a.F)
			}
			if a.PValue != nil {
				p = pText(*a.PValue)
			}
			at.Rows = append(at.Rows, []string{name(a.Term), num(a.SumSq), df(a.DF), f, p})
		}
		s.Tables = append(s.Tables, at)
	}

	if r.F != nil && r.FP != nil {
		verdict := significance(*r.FP)
		if *r.FP < alpha && e.Size == Negligible {
			verdict = "statistically significant but negligible"
		}
		s.Meaning = fmt.Sprintf("The model explains %s%% of the variance of %s (R² = %s, adjusted R² = %s), a %s effect; the fit is %s (F(%s, %s) = %s, %s).",
			pct(r.R2), y, unit(r.R2), unit(r.AdjR2), e.Size, verdict, df(r.DFModel), df(r.DFResid), num(*r.F), pIs(*r.FP))
	} else {
		s.Meaning = fmt.Sprintf("The model explains %s%% of the variance of %s (R² = %s, adjusted R² = %s, a %s effect).",
			pct(r.R2), y, unit(r.R2), unit(r.AdjR2), e.Size)
	}
	var terms []coefficient
	for _, k := range r.Coefficients {
		if k.Term != "Intercept" && k.PValue < alpha {
			terms = append(terms, k)
		}
	}
	slices.SortStableFunc(terms, func(a, b coefficient) int { return cmp.Compare(math.Abs(b.T), math.Abs(a.T)) })
	others := len(r.Coefficients) - len(terms)
	if slices.ContainsFunc(r.Coefficients, func(k coefficient) bool { return k.Term == "Intercept" }) {
		others--
	}
	switch {
	case len(terms) == 0:
		s.Meaning += " No term is statistically significant on its own."
	default:
		shown := terms[:min(3, len(terms))]
		parts := make([]string, len(shown))
		for i, k := range shown {
			parts[i] = c.coefficientWords(k, y) + fmt.Sprintf(" (95%% CI %s, %s)", ci(k.CILow, k.CIHigh, num), pIs(k.PValue))
		}
		s.Meaning += " Holding the other terms fixed, " + strings.Join(parts, "; ") + "."
		if more := len(terms) - len(shown); more > 0 {
			s.Meaning += fmt.Sprintf(" %d more %s significant.", more, map[bool]string{true: "term is", false: "terms are"}[more == 1])
		}
		if others > 0 {
			s.Meaning += fmt.Sprintf(" %d %s not significant.", others, map[bool]string{true: "term is", false: "terms are"}[others == 1])
		}
	}

	if jb := r.JarqueBera; jb != nil {
		ck := Check{Name: "Jarque–Bera (normal residuals)", Statistic: fp(jb.Statistic), PValue: fp(jb.PValue), Met: jb.PValue >= alpha}
		if jb.PValue < alpha {
			ck.Text = fmt.Sprintf("the residuals are not normal (Jarque–Bera %s): with few rows, intervals and p-values may be off", pIs(jb.PValue))
			if r.N >= 100 {
				ck.Text = fmt.Sprintf("the residuals are not normal (Jarque–Bera %s); with %s rows the estimates and tests remain usable", pIs(jb.PValue), count(r.N))
			}
		} else {
			ck.Text = fmt.Sprintf("the residuals look normal (Jarque–Bera %s)", pIs(jb.PValue))
		}
		s.Assumptions = append(s.Assumptions, ck)
	}
	if r.DurbinWatson > 0 {
		dw := r.DurbinWatson
		ck := Check{Name: "Durbin–Watson (independent residuals)", Statistic: fp(dw), Met: dw >= 1.5 && dw <= 2.5}
		if ck.Met {
			ck.Text = fmt.Sprintf("no sign of autocorrelation in row order (Durbin–Watson %s)", num(dw))
		} else {
			ck.Text = fmt.Sprintf("residuals next to each other in the file are correlated (Durbin–Watson %s, outside 1.5–2.5): if the rows are in time order, the standard errors are too small", num(dw))
		}
		s.Assumptions = append(s.Assumptions, ck)
	}
	if len(r.VIF) > 0 {
		worst := slices.MaxFunc(r.VIF, func(a, b struct {
			Term string  `json:"term"`
			VIF  float64 `json:"vif"`
		}) int {
			return cmp.Compare(a.VIF, b.VIF)
		})
		ck := Check{Name: "Variance inflation factors (collinearity)", Statistic: fp(worst.VIF), Met: worst.VIF < 5}
		switch {
		case worst.VIF >= 10:
			ck.Text = fmt.Sprintf("strong collinearity (largest VIF %s, %s): its coefficient is unstable", num(worst.VIF), name(worst.Term))
		case worst.VIF >= 5:
			ck.Text = fmt.Sprintf("moderate collinearity (largest VIF %s, %s)", num(worst.VIF), name(worst.Term))
		default:
			ck.Text = fmt.Sprintf("no worrying collinearity (largest VIF %s)", num(worst.VIF))
		}
		s.Assumptions = append(s.Assumptions, ck)
	}
	if robust {
		s.Notes = append(s.Notes, "Standard errors are robust to unequal variances (HC3).")
	}
	return nil
}

// reference names the reference level of a factor from the schema: the
// first level in group order, as patsy's treatment coding takes it. A
// boolean column's levels read True and False in patsy's names, which
// Term knows without the schema.
func (c *ctx) reference(column string) string {
	if c.in.Schema == nil {
		return ""
	}
	col, ok := c.in.Schema.Column(column)
	if !ok || len(col.Levels) == 0 || col.Kind == inferra.Boolean {
		return ""
	}
	return col.Levels[0]
}

// coefficientWords says what one coefficient means.
func (c *ctx) coefficientWords(k coefficient, y string) string {
	term := Term(k.Term, c.reference)
	up := "higher"
	if k.Estimate < 0 {
		up = "lower"
	}
	parts := splitTop(k.Term, ':')
	switch {
	case len(parts) == 1 && strings.Contains(term, " vs "):
		factor, levels, _ := strings.Cut(term, ": ")
		level, ref, _ := strings.Cut(levels, " vs ")
		if ref == "the reference level" {
			return fmt.Sprintf("%s is %s %s with %s = %s than at the reference level", y, num(math.Abs(k.Estimate)), up, factor, level)
		}
		return fmt.Sprintf("%s is %s %s with %s = %s than with %s = %s", y, num(math.Abs(k.Estimate)), up, factor, level, factor, ref)
	case len(parts) == 1 && !strings.Contains(term, ": "):
		return fmt.Sprintf("%s is %s %s for each unit more of %s", y, num(math.Abs(k.Estimate)), up, term)
	}
	return fmt.Sprintf("the term %s has b = %s", term, num(k.Estimate))
}
