package explain

import (
	"fmt"
	"math"
	"slices"

	"github.com/inferra/inferra/stats"
)

func init() {
	register("tukey_hsd", postHocAnalysis)
	register("games_howell", postHocAnalysis)
}

// PostHoc lists pairwise comparisons of groups and which differ: those of
// a tukey_hsd or games_howell result, or the post-hoc block of a
// significant one-way ANOVA.
type PostHoc struct {
	// Method names the procedure ("Games–Howell", "Tukey's HSD").
	Method string `json:"method"`
	// Reason says why the method was chosen, after an ANOVA.
	Reason string `json:"reason,omitempty"`
	// Compared is the number of pairs compared, k(k − 1)/2; the p-values
	// are adjusted for all of them.
	Compared int `json:"compared"`
	// Differ is the number of pairs that differ at the 5% level.
	Differ int `json:"differ"`
	// Pairs are the comparisons the result lists, in its order: every
	// pair for tukey_hsd and games_howell, only those that differ after
	// an ANOVA.
	Pairs []Pair `json:"pairs"`
	// Text says which pairs differ, by how much.
	Text string `json:"text"`
}

// Pair is one pairwise comparison.
type Pair struct {
	A              string   `json:"a"`
	B              string   `json:"b"`
	MeanDifference float64  `json:"mean_difference"`
	PValue         float64  `json:"p_value"`
	CILow          *float64 `json:"ci_low,omitempty"`
	CIHigh         *float64 `json:"ci_high,omitempty"`
	Significant    bool     `json:"significant"`
}

// methodName names a post-hoc method id in words.
func methodName(id string) string {
	if id == "tukey_hsd" {
		return "Tukey's HSD"
	}
	return "Games–Howell"
}

// postHoc builds the PostHoc of pairs among k groups, with the sentence
// that says which differ: at most six, the smallest p-values first, each
// with the higher group and the size of the difference in the units of
// the value.
func postHoc(c *ctx, method string, k int, pairs []stats.PairComparison) *PostHoc {
	ph := &PostHoc{Method: methodName(method), Compared: k * (k - 1) / 2, Pairs: []Pair{}}
	var differ []stats.PairComparison
	for _, p := range pairs {
		pair := Pair{A: p.A, B: p.B, MeanDifference: p.MeanDifference, PValue: p.PValue, CILow: p.CILow, CIHigh: p.CIHigh,
			Significant: p.PValue < alpha}
		ph.Pairs = append(ph.Pairs, pair)
		if pair.Significant {
			differ = append(differ, p)
		}
	}
	ph.Differ = len(differ)
	slices.SortStableFunc(differ, func(a, b stats.PairComparison) int {
		switch {
		case a.PValue < b.PValue:
			return -1
		case a.PValue > b.PValue:
			return 1
		}
		return 0
	})
	var words []string
	for i, p := range differ {
		if i == 6 {
			words = append(words, fmt.Sprintf("%d more", len(differ)-6))
			break
		}
		hi, lo := c.sampleLabel(p.A), c.sampleLabel(p.B)
		if p.MeanDifference < 0 {
			hi, lo = lo, hi
		}
		words = append(words, fmt.Sprintf("%s is higher than %s by %s (%s)", hi, lo, num(math.Abs(p.MeanDifference)), pIs(p.PValue)))
	}
	pool := "which pool the variances of the groups"
	if method == "games_howell" {
		pool = "which do not assume equal variances"
	}
	pairWord := plural(ph.Compared, "pair")
	switch {
	case len(differ) == 0:
		ph.Text = fmt.Sprintf("%s comparisons (%s) find no pair of groups that differs significantly once the p-values are adjusted for the %d %s compared.",
			ph.Method, pool, ph.Compared, pairWord)
	case ph.Compared == 1:
		ph.Text = fmt.Sprintf("%s comparisons (%s): %s.", ph.Method, pool, words[0])
	default:
		verb := "differ"
		if len(differ) == 1 {
			verb = "differs"
		}
		ph.Text = fmt.Sprintf("%s comparisons (%s) find that %d of the %d pairs %s, p-values adjusted for all %d: %s.",
			ph.Method, pool, len(differ), ph.Compared, verb, ph.Compared, list(words))
	}
	return ph
}

// pairsTable lays out pairwise comparisons: the difference with its
// standard error, the studentized range statistic q with its df, the
// adjusted p, and Tukey's interval or Games–Howell's t.
func pairsTable(title, method string, pairs []stats.PairComparison) Table {
	last := "95% CI"
	if method == "games_howell" {
		last = "t"
	}
	t := Table{Title: title, Columns: []string{"Pair", "Mean difference", "SE", "q", "df", "p", last, ""}}
	for _, p := range pairs {
		extra := ""
		switch {
		case p.CILow != nil && p.CIHigh != nil:
			extra = ci(*p.CILow, *p.CIHigh, num)
		case p.T != nil:
			extra = num(*p.T)
		}
		mark := ""
		if p.PValue < alpha {
			mark = "differ"
		}
		t.Rows = append(t.Rows, []string{p.A + " − " + p.B, num(p.MeanDifference), num(p.StdError), num(p.Statistic),
			df(p.DF), pText(p.PValue), extra, mark})
	}
	t.Note = "Differences are the first group minus the second; p-values are adjusted for the number of comparisons (studentized range)."
	if method == "tukey_hsd" {
		t.Note += " The intervals are simultaneous 95% intervals."
	}
	return t
}

// postHocAnalysis summarises tukey_hsd and games_howell: every pair, which
// differ, and for Tukey's test whether the groups' spreads allow pooling.
func postHocAnalysis(c *ctx) error {
	var r stats.PostHocAnalysis
	if err := c.decode(&r); err != nil {
		return err
	}
	if len(r.Groups) < 2 {
		return generic(c)
	}
	group, value := c.param("group"), c.param("value")
	s := c.s
	ph := postHoc(c, r.Method, r.K, r.Pairs)
	s.Title = ph.Method + " pairwise comparisons"
	s.PostHoc = ph
	s.Significant = boolp(ph.Differ > 0)
	s.Tables = append(s.Tables, pairsTable(fmt.Sprintf("%s: %s by %s", ph.Method, value, group), r.Method, r.Pairs))
	groups := make([]groupMean, len(r.Groups))
	for i, g := range r.Groups {
		groups[i] = groupMean{Level: g.Level, N: g.N, Mean: g.Mean, SD: g.SD}
	}
	s.Tables = append(s.Tables, groupsTable(value, groups))
	hi, lo := extremes(groups)
	s.Meaning = fmt.Sprintf("The mean of %s across the %d groups of %s ranges from %s in %s to %s in %s. %s",
		value, r.K, group, num(lo.Mean), c.sampleLabel(lo.Level), num(hi.Mean), c.sampleLabel(hi.Level), ph.Text)

	if r.Method == "tukey_hsd" {
		s.Assumptions = append(s.Assumptions, spreadCheck(c, r.Groups))
		return nil
	}
	if slices.ContainsFunc(r.Groups, func(g stats.GroupSummary) bool { return g.N < 6 }) {
		s.Notes = append(s.Notes, "With groups of fewer than six values the Games–Howell test can be liberal (it finds a difference somewhat too often).")
	}
	return nil
}

// spreadCheck compares the largest and smallest group SD by the rule of
// thumb for tests that pool the variances (Moore & McCabe: the largest SD
// less than twice the smallest).
func spreadCheck(c *ctx, groups []stats.GroupSummary) Check {
	hi, lo := 0, 0
	for i, g := range groups {
		if g.SD > groups[hi].SD {
			hi = i
		}
		if g.SD < groups[lo].SD {
			lo = i
		}
	}
	h, l := groups[hi], groups[lo]
	ck := Check{Name: "Equal spreads (largest SD under twice the smallest, Moore & McCabe's rule of thumb)", Met: h.SD < 2*l.SD}
	if ck.Met {
		ck.Text = fmt.Sprintf("the group spreads are similar (SD from %s in %s to %s in %s): pooling the variances, as Tukey's HSD does, is reasonable",
			num(l.SD), c.sampleLabel(l.Level), num(h.SD), c.sampleLabel(h.Level))
		return ck
	}
	ck.Text = fmt.Sprintf("the group spreads differ (SD %s in %s against %s in %s): Tukey's HSD pools the variances, so prefer Games–Howell (games_howell)",
		num(h.SD), c.sampleLabel(h.Level), num(l.SD), c.sampleLabel(l.Level))
	return ck
}
