package explain

import (
	"fmt"
	"strings"
)

func init() {
	register("boxplot", boxplot)
	register("histogram", histogram)
	register("kde", kde)
	register("scatter", scatter)
	register("regplot", regplot)
	register("residuals", residuals)
}

type cloud struct {
	Method       string `json:"method"`
	Shown        int    `json:"shown"`
	Seed         uint64 `json:"seed"`
	DensityCells []int  `json:"density_cells"`
	MaxCount     int    `json:"max_count"`
}

func (cl cloud) words(n int) string {
	switch cl.Method {
	case "density":
		cells := ""
		if len(cl.DensityCells) == 2 {
			cells = fmt.Sprintf(" (a grid of %d × %d cells, the fullest holding %s)", cl.DensityCells[0], cl.DensityCells[1], count(cl.MaxCount))
		}
		return fmt.Sprintf("the %s points are too many to draw one by one, so the shading shows how many fall in each region%s", count(n), cells)
	case "subsample":
		return fmt.Sprintf("a random %s of the %s points is drawn (seed %d)", count(cl.Shown), count(n), cl.Seed)
	}
	return "every point is drawn"
}

func boxplot(c *ctx) error {
	var r struct {
		Group string  `json:"group"`
		Value string  `json:"value"`
		N     int     `json:"n"`
		Whis  float64 `json:"whis"`
		Boxes []struct {
			Level       string  `json:"level"`
			N           int     `json:"n"`
			Q1          float64 `json:"q1"`
			Median      float64 `json:"median"`
			Q3          float64 `json:"q3"`
			WhiskerLow  float64 `json:"whisker_low"`
			WhiskerHigh float64 `json:"whisker_high"`
			Outliers    int     `json:"outliers"`
		} `json:"boxes"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Box plot"
	t := Table{Title: "Boxes: " + r.Value + " by " + r.Group, Columns: []string{"Group", "n", "Q1", "Median", "Q3", "Whiskers", "Outliers"}}
	outliers := 0
	hi, lo := 0, 0
	for i, b := range r.Boxes {
		t.Rows = append(t.Rows, []string{b.Level, count(b.N), num(b.Q1), num(b.Median), num(b.Q3), num(b.WhiskerLow) + " to " + num(b.WhiskerHigh), count(b.Outliers)})
		outliers += b.Outliers
		if b.Median > r.Boxes[hi].Median {
			hi = i
		}
		if b.Median < r.Boxes[lo].Median {
			lo = i
		}
	}
	t.Note = fmt.Sprintf("Each box spans the middle half of its group (Q1 to Q3) with a line at the median; whiskers reach the most extreme values within %g × IQR of the box; points beyond are drawn one by one.", r.Whis)
	s.Tables = append(s.Tables, t)
	if len(r.Boxes) == 0 {
		s.Meaning = "The box plot shows no group."
		return nil
	}
	s.Meaning = fmt.Sprintf("The box plot shows how %s is spread in each of the %d groups of %s (n = %s): medians range from %s (%s) to %s (%s), and %s %s beyond the whiskers.",
		r.Value, len(r.Boxes), r.Group, count(r.N), num(r.Boxes[lo].Median), r.Boxes[lo].Level, num(r.Boxes[hi].Median), r.Boxes[hi].Level,
		count(outliers), map[bool]string{true: "point lies", false: "points lie"}[outliers == 1])
	return nil
}

func histogram(c *ctx) error {
	var r struct {
		X      string    `json:"x"`
		N      int       `json:"n"`
		Rule   string    `json:"rule"`
		Bins   int       `json:"bins"`
		Edges  []float64 `json:"edges"`
		Counts []int     `json:"counts"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Histogram"
	if len(r.Edges) != len(r.Counts)+1 || len(r.Counts) == 0 {
		s.Meaning = fmt.Sprintf("The histogram counts the %s values of %s.", count(r.N), r.X)
		return nil
	}
	full := 0
	for i, k := range r.Counts {
		if k > r.Counts[full] {
			full = i
		}
	}
	rule := map[string]string{"auto": "chosen by the data's size and spread (the larger of the Sturges and Freedman–Diaconis counts)",
		"given": "as asked", "sturges": "by Sturges' rule (the spread-based rule asked for too many)"}[r.Rule]
	s.Meaning = fmt.Sprintf("The histogram counts the %s values of %s in %d bins of width %s from %s to %s (%s); the fullest bin, %s to %s, holds %s values.",
		count(r.N), r.X, r.Bins, precise(r.Edges[1]-r.Edges[0]), precise(r.Edges[0]), precise(r.Edges[len(r.Edges)-1]), rule,
		precise(r.Edges[full]), precise(r.Edges[full+1]), count(r.Counts[full]))
	if len(r.Counts) <= 40 {
		t := Table{Title: "Bins: " + r.X, Columns: []string{"From", "To", "Count"}}
		for i, k := range r.Counts {
			t.Rows = append(t.Rows, []string{precise(r.Edges[i]), precise(r.Edges[i+1]), count(k)})
		}
		t.Note = "Each bin holds its lower edge, not its upper one, except the last, which holds both."
		s.Tables = append(s.Tables, t)
	}
	return nil
}

func kde(c *ctx) error {
	var r struct {
		X      string    `json:"x"`
		Hue    string    `json:"hue"`
		N      int       `json:"n"`
		Grid   []float64 `json:"grid"`
		Curves []struct {
			Level     string    `json:"level"`
			N         int       `json:"n"`
			Bandwidth float64   `json:"bandwidth"`
			Density   []float64 `json:"density"`
		} `json:"curves"`
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Density curve"
	t := Table{Title: "Curves: " + r.X, Columns: []string{"Group", "n", "Bandwidth", "Peak near"}}
	var peaks []string
	for _, cv := range r.Curves {
		peak := 0
		for i, d := range cv.Density {
			if d > cv.Density[peak] {
				peak = i
			}
		}
		at := ""
		if peak < len(r.Grid) && len(cv.Density) > 0 {
			at = precise(r.Grid[peak])
		}
		level := cv.Level
		if level == "" {
			level = "all"
		} else {
			peaks = append(peaks, fmt.Sprintf("%s near %s", level, at))
		}
		t.Rows = append(t.Rows, []string{level, count(cv.N), precise(cv.Bandwidth), at})
		if cv.Level == "" {
			peaks = append(peaks, "near "+at)
		}
	}
	t.Note = "A smooth estimate of the distribution: a Gaussian bump of the given width (bandwidth) around every value, summed; each curve has area 1."
	s.Tables = append(s.Tables, t)
	if r.Hue != "" {
		s.Meaning = fmt.Sprintf("The density curves show how %s is distributed in each group of %s (n = %s); the curves peak %s.", r.X, r.Hue, count(r.N), list(peaks))
	} else {
		s.Meaning = fmt.Sprintf("The density curve is a smoothed histogram of %s (n = %s); it peaks %s.", r.X, count(r.N), list(peaks))
	}
	return nil
}

func scatter(c *ctx) error {
	var r struct {
		X      string `json:"x"`
		Y      string `json:"y"`
		Hue    string `json:"hue"`
		N      int    `json:"n"`
		Groups []struct {
			Level string `json:"level"`
			N     int    `json:"n"`
		} `json:"groups"`
		cloud
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Scatter plot"
	s.Meaning = fmt.Sprintf("The scatter plot shows %s (vertical) against %s (horizontal) for %s rows; %s.", r.Y, r.X, count(r.N), r.cloud.words(r.N))
	if r.Hue != "" {
		t := Table{Title: "Colours: " + r.Hue, Columns: []string{"Group", "n"}}
		var parts []string
		for _, g := range r.Groups {
			t.Rows = append(t.Rows, []string{g.Level, count(g.N)})
			parts = append(parts, g.Level)
		}
		s.Tables = append(s.Tables, t)
		s.Meaning += fmt.Sprintf(" Colours mark the groups of %s (%s).", r.Hue, strings.Join(parts, ", "))
	}
	s.Notes = append(s.Notes, "A picture, not a test: pearsonr, spearmanr or kendalltau measure the association.")
	return nil
}

func regplot(c *ctx) error {
	var r struct {
		X         string  `json:"x"`
		Y         string  `json:"y"`
		N         int     `json:"n"`
		Intercept float64 `json:"intercept"`
		Slope     float64 `json:"slope"`
		R         float64 `json:"r"`
		PValue    float64 `json:"p_value"`
		cloud
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Regression plot"
	e := effectR("Pearson's r", "r", r.R)
	s.Effect = e
	s.Significant = boolp(r.PValue < alpha)
	sign := "+"
	if r.Slope < 0 {
		sign = "−"
	}
	line := fmt.Sprintf("%s = %s %s %s × %s", r.Y, precise(r.Intercept), sign, precise(abs(r.Slope)), r.X)
	s.Tables = append(s.Tables, mainTable("Regression line: "+r.Y+" on "+r.X,
		testRow{test: "Pearson's r", statistic: unit(r.R), df: df(float64(r.N - 2)), p: r.PValue, hasP: true, effect: e.Size, n: r.N}))
	s.Tables[0].Note = "Line: " + line + " (least squares), with the 95% confidence band of the line."
	s.Meaning = fmt.Sprintf("The plot shows %s against %s with the least-squares line %s and its 95%% confidence band; %s. The correlation is %s.",
		r.Y, r.X, line, r.cloud.words(r.N), sizePhrase(e, r.PValue, unit, fmt.Sprintf("%s, n = %s", pIs(r.PValue), count(r.N))))
	return nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func residuals(c *ctx) error {
	var r struct {
		Formula    string  `json:"formula"`
		N          int     `json:"n"`
		R2         float64 `json:"r_squared"`
		ResidualSE float64 `json:"residual_std_error"`
		cloud
	}
	if err := c.decode(&r); err != nil {
		return err
	}
	s := c.s
	s.Title = "Residuals against fitted values"
	s.Meaning = fmt.Sprintf("The plot shows, for each of the %s rows of the model %s (R² = %s, residual standard error %s), how far the observed value lies from the fitted one; %s. Points should scatter evenly around zero: a curve suggests a missing term, a funnel unequal variances (use cov=HC3).",
		count(r.N), Formula(r.Formula), unit(r.R2), num(r.ResidualSE), r.cloud.words(r.N))
	return nil
}
