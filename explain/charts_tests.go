package explain

import (
	"fmt"
	"strings"
)

// The companion charts of the tests of issue 17: the contingency table as
// bars, the Q-Q plot, the two empirical CDFs.
func init() {
	register("crosstab", crosstab)
	register("qqplot", qqplot)
	register("ecdf", ecdf)
}

var chartTests = map[string]string{
	"chi2_contingency": "the chi-square test of independence", "fisher_exact": "Fisher's exact test",
	"mantel_haenszel": "the Cochran–Mantel–Haenszel test", "shapiro": "the Shapiro–Wilk test",
	"anderson": "the Anderson–Darling test", "lilliefors": "the Lilliefors test", "kstest": "the Kolmogorov–Smirnov test",
}

func crosstab(c *ctx) error {
	var r struct {
		X       string   `json:"x"`
		Y       string   `json:"y"`
		Strata  string   `json:"strata"`
		N       int      `json:"n"`
		XLevels []string `json:"x_levels"`
		YLevels []string `json:"y_levels"`
		Tables  []struct {
			Level  string  `json:"level"`
			N      int     `json:"n"`
			Counts [][]int `json:"counts"`
		} `json:"tables"`
		Test   string  `json:"test"`
		PValue float64 `json:"p_value"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Bar chart of a contingency table"
	for _, tab := range r.Tables {
		title := "Counts: " + r.X + " × " + r.Y
		if tab.Level != "" {
			title += " (" + r.Strata + " = " + tab.Level + ")"
		}
		t := Table{Title: title, Columns: append([]string{r.X}, r.YLevels...)}
		for i, row := range tab.Counts {
			cells := []string{""}
			if i < len(r.XLevels) {
				cells[0] = r.XLevels[i]
			}
			for _, k := range row {
				cells = append(cells, count(k))
			}
			t.Rows = append(t.Rows, cells)
		}
		s.Tables = append(s.Tables, t)
	}
	within := ""
	if r.Strata != "" {
		within = fmt.Sprintf(", in %d groups of bars, one per level of %s", len(r.Tables), r.Strata)
	}
	verdict := "significant"
	if r.PValue >= alpha {
		verdict = "not significant"
	}
	s.Meaning = fmt.Sprintf("The bars count the %s rows by %s (along the axis) and %s (by colour)%s. The association is %s by %s (%s): compare the bars' proportions within each group, not their heights across groups of different sizes.",
		count(r.N), r.X, r.Y, within, verdict, chartTests[r.Test], pIs(r.PValue))
	return nil
}

func qqplot(c *ctx) error {
	var r struct {
		X         string   `json:"x"`
		N         int      `json:"n"`
		Dist      string   `json:"dist"`
		Shape     *float64 `json:"shape"`
		Slope     float64  `json:"slope"`
		Intercept float64  `json:"intercept"`
		R         float64  `json:"r"`
		Shown     int      `json:"shown"`
		Test      string   `json:"test"`
		Statistic float64  `json:"statistic"`
		PValue    *float64 `json:"p_value"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Q-Q plot"
	dist := map[string]string{"norm": "normal", "expon": "exponential", "gamma": "gamma", "uniform": "uniform"}[r.Dist]
	if r.Shape != nil {
		dist += fmt.Sprintf(" (shape %s)", value(*r.Shape))
	}
	t := Table{Title: "Least-squares line: ordered " + r.X + " on the " + dist + " quantiles", Columns: []string{"Intercept", "Slope", "r", "n"},
		Rows: [][]string{{precise(r.Intercept), precise(r.Slope), unit3(r.R), count(r.N)}}}
	t.Note = "As scipy.stats.probplot: the quantiles at Filliben's order statistic medians."
	if r.Shown < r.N {
		t.Note += fmt.Sprintf(" %s of the %s points are drawn: both tails' 100 and evenly spaced ranks between.", count(r.Shown), count(r.N))
	}
	s.Tables = append(s.Tables, t)
	test := chartTests[r.Test]
	if r.PValue != nil {
		test += " (" + pIs(*r.PValue) + ")"
	}
	s.Meaning = fmt.Sprintf("The plot sets each of the %s values of %s, in order, against the value a %s distribution would put at that rank; on the line they would follow that distribution. Here r = %s; points bending away at the ends mean heavier or lighter tails, a curve means skewness. The plot goes with %s.",
		count(r.N), r.X, dist, unit3(r.R), test)
	return nil
}

func ecdf(c *ctx) error {
	var r struct {
		Group, Value, X, Y string
		Curves             []struct {
			Level string `json:"level"`
			N     int    `json:"n"`
		} `json:"curves"`
		Statistic float64 `json:"statistic"`
		PValue    float64 `json:"p_value"`
		Method    string  `json:"method"`
		Location  float64 `json:"location"`
		Sign      int     `json:"sign"`
		FirstAt   float64 `json:"first_at"`
		SecondAt  float64 `json:"second_at"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Empirical distribution functions"
	if len(r.Curves) != 2 {
		s.Meaning = "The chart shows the empirical distribution functions of two samples."
		return nil
	}
	a, b := r.Curves[0], r.Curves[1]
	t := Table{Title: "Largest distance between the curves", Columns: []string{"D", "At", "F(" + a.Level + ")", "F(" + b.Level + ")", "p"},
		Rows: [][]string{{unit3(r.Statistic), value(r.Location), unit3(r.FirstAt), unit3(r.SecondAt), pText(r.PValue)}}}
	t.Note = "The two-sample Kolmogorov–Smirnov test (" + r.Method + ") asks whether a distance this large could arise by chance."
	s.Tables = append(s.Tables, t)
	higher, lower := a.Level, b.Level
	if r.Sign < 0 {
		higher, lower = lower, higher
	}
	what := strings.TrimSpace(r.Value)
	if what == "" {
		what = "the values"
	}
	s.Meaning = fmt.Sprintf("Each curve climbs from 0 to 1 as %s grows: its height is the share of the sample (%s: %s values, %s: %s values) at or below that point. The curves lie furthest apart at %s, where %s of %s and %s of %s lie at or below it (D = %s, %s): there %s has more of its values lower down than %s.",
		what, a.Level, count(a.N), b.Level, count(b.N), value(r.Location), pct(r.FirstAt)+"%", a.Level, pct(r.SecondAt)+"%", b.Level,
		unit3(r.Statistic), pIs(r.PValue), higher, lower)
	return nil
}
