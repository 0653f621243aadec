package explain

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

func init() {
	register("f_oneway", fOneway)
	register("kruskal", kruskal)
	// The post-hoc analyses of issue 17 (being added to package stats):
	// their results are pairs, as the post-hoc block of f_oneway.
	register("tukey_hsd", postHocAnalysis("Tukey's HSD"))
	register("games_howell", postHocAnalysis("Games–Howell"))
}

// PostHoc lists pairwise comparisons of groups and which differ.
type PostHoc struct {
	// Method names the procedure ("Games–Howell", "Tukey's HSD").
	Method string `json:"method"`
	// Pairs are the comparisons, in the result's order.
	Pairs []Pair `json:"pairs"`
	// Text says which pairs differ.
	Text string `json:"text"`
}

// Pair is one pairwise comparison.
type Pair struct {
	A              string   `json:"a"`
	B              string   `json:"b"`
	MeanDifference *float64 `json:"mean_difference,omitempty"`
	PValue         float64  `json:"p_value"`
	CILow          *float64 `json:"ci_low,omitempty"`
	CIHigh         *float64 `json:"ci_high,omitempty"`
	Significant    bool     `json:"significant"`
}

func fOneway(c *ctx) error {
	var r struct {
		Statistic    float64      `json:"statistic"`
		PValue       float64      `json:"p_value"`
		DFBetween    float64      `json:"df_between"`
		DFWithin     float64      `json:"df_within"`
		N            int          `json:"n"`
		K            int          `json:"k"`
		EtaSquared   float64      `json:"eta_squared"`
		OmegaSquared float64      `json:"omega_squared"`
		Groups       []groupMean  `json:"groups"`
		Welch        *fBlock      `json:"welch"`
		Kruskal      *chiBlock    `json:"kruskal"`
		Levene       *leveneBlock `json:"levene"`
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

	ph, err := findPostHoc(c.raw)
	if err != nil {
		return err
	}
	switch {
	case ph != nil:
		s.PostHoc = ph
		s.Tables = append(s.Tables, pairsTable(ph))
		if r.PValue < alpha {
			s.Meaning += " " + ph.Text
		}
	case r.PValue < alpha && r.K > 2:
		s.Notes = append(s.Notes, "Which pairs of groups differ is not part of this result: run games_howell (unequal variances) or tukey_hsd on the same columns.")
	}
	return nil
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

// postHocKeys are the names a post-hoc block of an f_oneway result may
// have; the block is being added by issue 17's post-hoc work.
var postHocKeys = []string{"post_hoc", "posthoc", "games_howell", "tukey_hsd", "tukey", "pairs"}

// findPostHoc reads the pairwise comparisons of an ANOVA result, or nil
// when it has none. A block is a list of pairs, or an object with a
// "pairs" list and an optional "method".
func findPostHoc(raw json.RawMessage) (*PostHoc, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, nil
	}
	for _, k := range postHocKeys {
		b, ok := m[k]
		if !ok || string(b) == "null" {
			continue
		}
		method := map[string]string{"games_howell": "Games–Howell", "tukey_hsd": "Tukey's HSD", "tukey": "Tukey's HSD"}[k]
		if ph := readPairs(b, method); ph != nil {
			return ph, nil
		}
	}
	return nil, nil
}

func readPairs(b json.RawMessage, method string) *PostHoc {
	var block struct {
		Method string            `json:"method"`
		Pairs  []json.RawMessage `json:"pairs"`
	}
	var entries []json.RawMessage
	if err := json.Unmarshal(b, &entries); err != nil {
		if err := json.Unmarshal(b, &block); err != nil || block.Pairs == nil {
			return nil
		}
		entries = block.Pairs
		if block.Method != "" {
			method = methodName(block.Method)
		}
	}
	if method == "" {
		method = "pairwise comparisons"
	}
	ph := &PostHoc{Method: method, Pairs: []Pair{}}
	for _, e := range entries {
		var p map[string]any
		if json.Unmarshal(e, &p) != nil {
			return nil
		}
		a, b := str(p, "a", "group1", "level_a", "group_a"), str(p, "b", "group2", "level_b", "group_b")
		pv, ok := p["p_value"].(float64)
		if !ok || a == "" || b == "" {
			return nil
		}
		pair := Pair{A: a, B: b, PValue: pv, Significant: pv < alpha}
		for _, k := range []string{"mean_difference", "difference", "statistic"} {
			if v, ok := p[k].(float64); ok {
				pair.MeanDifference = fp(v)
				break
			}
		}
		if lo, ok := p["ci_low"].(float64); ok {
			if hi, ok := p["ci_high"].(float64); ok {
				pair.CILow, pair.CIHigh = fp(lo), fp(hi)
			}
		}
		ph.Pairs = append(ph.Pairs, pair)
	}
	var differ []string
	for _, p := range ph.Pairs {
		if p.Significant {
			differ = append(differ, fmt.Sprintf("%s and %s (%s)", p.A, p.B, pIs(p.PValue)))
		}
	}
	switch {
	case len(differ) == 0:
		ph.Text = fmt.Sprintf("%s: no pair of groups differs significantly once the comparisons are adjusted for their number.", method)
	case len(differ) == len(ph.Pairs):
		ph.Text = fmt.Sprintf("%s: every pair of groups differs (%s).", method, list(differ))
	default:
		ph.Text = fmt.Sprintf("%s: %s differ; the other %d %s do not.", method, list(differ), len(ph.Pairs)-len(differ), plural(len(ph.Pairs)-len(differ), "pair"))
	}
	return ph
}

func methodName(m string) string {
	switch strings.ToLower(strings.ReplaceAll(m, "-", "_")) {
	case "games_howell":
		return "Games–Howell"
	case "tukey_hsd", "tukey":
		return "Tukey's HSD"
	}
	return m
}

func str(m map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case string:
			return v
		case float64:
			return df(v)
		}
	}
	return ""
}

func pairsTable(ph *PostHoc) Table {
	t := Table{Title: "Post hoc: " + ph.Method, Columns: []string{"Pair", "Mean difference", "95% CI", "p", ""}}
	for _, p := range ph.Pairs {
		d, interval, mark := "", "", ""
		if p.MeanDifference != nil {
			d = num(*p.MeanDifference)
		}
		if p.CILow != nil {
			interval = ci(*p.CILow, *p.CIHigh, num)
		}
		if p.Significant {
			mark = "differ"
		}
		t.Rows = append(t.Rows, []string{p.A + " − " + p.B, d, interval, pText(p.PValue), mark})
	}
	t.Note = "p-values adjusted for the number of comparisons."
	return t
}

// postHocAnalysis summarises a post-hoc analysis whose result is a list
// of pairs (or holds one under "pairs").
func postHocAnalysis(method string) summarizer {
	return func(c *ctx) error {
		ph := readPairs(c.raw, method)
		if ph == nil {
			ph, _ = findPostHoc(c.raw)
		}
		if ph == nil {
			return generic(c)
		}
		c.s.Title = method + " pairwise comparisons"
		c.s.PostHoc = ph
		c.s.Tables = append(c.s.Tables, pairsTable(ph))
		c.s.Meaning = fmt.Sprintf("Comparing the groups of %s pair by pair on %s — %s", c.param("group"), c.param("value"),
			strings.TrimPrefix(ph.Text, method+": "))
		c.s.Significant = boolp(slices.ContainsFunc(ph.Pairs, func(p Pair) bool { return p.Significant }))
		return nil
	}
}
