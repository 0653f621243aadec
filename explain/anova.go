package explain

import (
	"fmt"
	"strings"

	"github.com/inferra/inferra/stats"
)

func init() {
	register("f_oneway", fOneway)
	register("kruskal", kruskal)
}

func fOneway(c *ctx) error {
	var r struct {
		Statistic    float64             `json:"statistic"`
		PValue       float64             `json:"p_value"`
		DFBetween    float64             `json:"df_between"`
		DFWithin     float64             `json:"df_within"`
		N            int                 `json:"n"`
		K            int                 `json:"k"`
		EtaSquared   float64             `json:"eta_squared"`
		OmegaSquared float64             `json:"omega_squared"`
		Groups       []groupMean         `json:"groups"`
		Welch        *fBlock             `json:"welch"`
		Kruskal      *chiBlock           `json:"kruskal"`
		Levene       *leveneBlock        `json:"levene"`
		PostHoc      *stats.ANOVAPostHoc `json:"posthoc"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	group, value := c.param("group"), c.param("value")
	s := c.s
	s.Title = "One-way ANOVA"
	e := effectEta("η²", "η²", r.EtaSquared)
	s.Effect = e
	s.Significant = boolp(r.PValue < alpha)
	rows := []testRow{{test: "Fisher's F", statistic: num(r.Statistic), df: df(r.DFBetween) + ", " + df(r.DFWithin),
		p: r.PValue, hasP: true, effect: fmt.Sprintf("η² = %s, ω² = %s", unit(r.EtaSquared), unit(r.OmegaSquared)), n: r.N}}
	if r.Welch != nil {
		rows = append(rows, testRow{test: "Welch's F", statistic: num(r.Welch.Statistic),
			df: df(r.Welch.DFBetween) + ", " + df(r.Welch.DFWithin), p: r.Welch.PValue, hasP: true, n: r.N})
	}
	if r.Kruskal != nil && r.N > 1 {
		rows = append(rows, testRow{test: "Kruskal–Wallis H", statistic: num(r.Kruskal.Statistic), df: df(r.Kruskal.DF),
			p: r.Kruskal.PValue, hasP: true, effect: "ε² = " + unit(r.Kruskal.Statistic/float64(r.N-1)), n: r.N})
	}
	s.Tables = append(s.Tables, mainTable("One-way ANOVA: "+value+" by "+group, rows...))
	s.Tables = append(s.Tables, groupsTable(value, r.Groups))
	hi, lo := extremes(r.Groups)
	s.Meaning = fmt.Sprintf("The mean of %s across the %d groups of %s ranges from %s in %s to %s in %s. The differences are %s.",
		value, r.K, group, num(lo.Mean), lo.Level, num(hi.Mean), hi.Level,
		sizePhrase(e, r.PValue, unit, fmt.Sprintf("F(%s, %s) = %s, %s", df(r.DFBetween), df(r.DFWithin), num(r.Statistic), pIs(r.PValue))))

	if r.Levene != nil {
		lv := r.Levene
		ck := Check{Name: "Levene's test (equal variances, median-centred)", Statistic: fp(lv.Statistic), PValue: fp(lv.PValue), Met: lv.PValue >= alpha}
		switch {
		case lv.PValue < alpha && r.Welch != nil:
			ck.Text = fmt.Sprintf("variances differ (Levene %s): read Welch's ANOVA, F(%s, %s) = %s, %s, which %s",
				pIs(lv.PValue), df(r.Welch.DFBetween), df(r.Welch.DFWithin), num(r.Welch.Statistic), pIs(r.Welch.PValue), agreement(r.PValue, r.Welch.PValue))
		case lv.PValue < alpha:
			ck.Text = fmt.Sprintf("variances differ (Levene %s): the F test assumes equal variances, so read it with care", pIs(lv.PValue))
		default:
			ck.Text = fmt.Sprintf("variances are similar (Levene %s): the classic F test applies", pIs(lv.PValue))
		}
		s.Assumptions = append(s.Assumptions, ck)
	}
	if r.Kruskal != nil {
		s.Assumptions = append(s.Assumptions, Check{Name: "Kruskal–Wallis (rank test, no normality assumed)",
			Statistic: fp(r.Kruskal.Statistic), PValue: fp(r.Kruskal.PValue), Met: (r.PValue < alpha) == (r.Kruskal.PValue < alpha),
			Text: fmt.Sprintf("the rank test (Kruskal–Wallis %s) %s, so the verdict does not hang on normality", pIs(r.Kruskal.PValue), agreement(r.PValue, r.Kruskal.PValue))})
		if (r.PValue < alpha) != (r.Kruskal.PValue < alpha) {
			s.Assumptions[len(s.Assumptions)-1].Text = fmt.Sprintf("the rank test (Kruskal–Wallis %s) disagrees: the verdict may hang on normality or outliers; look at the box plot", pIs(r.Kruskal.PValue))
		}
	}

	switch {
	case r.PostHoc != nil:
		// The block lists only the pairs that differ, out of all k(k − 1)/2.
		ph := postHoc(c, r.PostHoc.Method, r.K, r.PostHoc.Pairs)
		ph.Reason = r.PostHoc.Reason
		s.PostHoc = ph
		t := pairsTable(fmt.Sprintf("Post hoc: %s, the pairs that differ", ph.Method), r.PostHoc.Method, r.PostHoc.Pairs)
		t.Note = fmt.Sprintf("%s was used because %s. Only the pairs with adjusted p < .05 are listed, out of %d; %s lists every pair. %s",
			ph.Method, lowerFirst(ph.Reason), ph.Compared, r.PostHoc.Method, t.Note)
		s.Tables = append(s.Tables, t)
		s.Meaning += " " + ph.Text
	case r.PValue < alpha && r.K > 2:
		s.Notes = append(s.Notes, "Which pairs of groups differ is not part of this result: run games_howell (unequal variances) or tukey_hsd on the same columns.")
	}
	return nil
}

// lowerFirst lower-cases the first letter of s unless it begins a name
// ("Levene's test" stays).
func lowerFirst(s string) string {
	if strings.HasPrefix(s, "Levene") || s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToLower(string(r[0])))[0]
	return string(r)
}

type fBlock struct {
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	DFBetween float64 `json:"df_between"`
	DFWithin  float64 `json:"df_within"`
}

type chiBlock struct {
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	DF        float64 `json:"df"`
}

func extremes(groups []groupMean) (hi, lo groupMean) {
	for i, g := range groups {
		if i == 0 || g.Mean > hi.Mean {
			hi = g
		}
		if i == 0 || g.Mean < lo.Mean {
			lo = g
		}
	}
	return hi, lo
}

func kruskal(c *ctx) error {
	var r struct {
		chiBlock
		N      int           `json:"n"`
		K      int           `json:"k"`
		Groups []groupMedian `json:"groups"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	group, value := c.param("group"), c.param("value")
	s := c.s
	s.Title = "Kruskal–Wallis test"
	s.Significant = boolp(r.PValue < alpha)
	var e *Effect
	row := testRow{test: "Kruskal–Wallis H", statistic: num(r.Statistic), df: df(r.DF), p: r.PValue, hasP: true, n: r.N}
	if r.N > 1 {
		e = effectEta("ε² (rank eta squared, H/(n − 1))", "ε²", r.Statistic/float64(r.N-1))
		s.Effect = e
		row.effect = effectCell(e, unit)
	}
	s.Tables = append(s.Tables, mainTable("Kruskal–Wallis test: "+value+" by "+group, row))
	s.Tables = append(s.Tables, mediansTable(value, r.Groups))
	var hi, lo groupMedian
	for i, g := range r.Groups {
		if i == 0 || g.Median > hi.Median {
			hi = g
		}
		if i == 0 || g.Median < lo.Median {
			lo = g
		}
	}
	test := fmt.Sprintf("H(%s) = %s, %s", df(r.DF), num(r.Statistic), pIs(r.PValue))
	verdict := fmt.Sprintf("The differences are %s (%s)", significance(r.PValue), test)
	if e != nil {
		verdict = "The differences are " + sizePhrase(e, r.PValue, unit, test)
	}
	s.Meaning = fmt.Sprintf("The median of %s across the %d groups of %s ranges from %s in %s to %s in %s. %s.",
		value, r.K, group, num(lo.Median), lo.Level, num(hi.Median), hi.Level, verdict)
	if r.PValue < alpha && r.K > 2 {
		s.Notes = append(s.Notes, "Which pairs of groups differ is not part of this result (a Dunn test would say).")
	}
	return nil
}
