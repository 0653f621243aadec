package explain_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/inferra/inferra/explain"
)

// The summaries of the variance, normality, distribution and post-hoc
// analyses, against scipy's and statsmodels' numbers in
// testdata/reference_dist.json (testdata/reference_dist.py).

// unit3 formats a statistic bounded by 1 as the summaries do: ".096".
func unit3(x any) string {
	return strings.Replace(fmt.Sprintf("%.3f", x.(float64)), "0.", ".", 1)
}

// sig4 formats a value with four significant digits, as the summaries
// write data values below 1,000.
func sig4(x any) string {
	return strconv.FormatFloat(x.(float64), 'g', 4, 64)
}

func TestVarianceTests(t *testing.T) {
	c := reference(t, "levene/spread-lab")
	e := c.Expected
	s := summarize(t, c)
	b, cc := groupAt(e, 1), groupAt(e, 2) // B has the largest SD, C the smallest
	vr := (b["sd"].(float64) / cc["sd"].(float64)) * (b["sd"].(float64) / cc["sd"].(float64))
	contains(t, "Meaning", s.Meaning,
		"Comparing the spread of reading across the 3 groups of lab",
		"the largest variance, in B (SD = "+f2(b["sd"])+", n = 16), is "+f2(vr)+" times the smallest, in C (SD = "+f2(cc["sd"])+", n = 13)",
		"statistically significant (W(2, 45) = "+f2(e["statistic"])+", "+pAPA(e["p_value"])+")",
		"use Welch's ANOVA")
	if got, want := cell(s.Tables[0], 0, "Effect size"), "VR = "+f2(vr); got != want {
		t.Errorf("effect cell = %q, want %q", got, want)
	}
	if got, want := cell(s.Tables[0], 0, "df"), "2, 45"; got != want {
		t.Errorf("df cell = %q, want %q", got, want)
	}
	if !*s.Significant || len(s.Tables[1].Rows) != 3 {
		t.Errorf("significant %v, %d sample rows; want true and 3", *s.Significant, len(s.Tables[1].Rows))
	}

	// The two-column form: the rows left out are those missing both.
	c = reference(t, "levene/spread-left-right")
	e = c.Expected
	s = summarize(t, c)
	l, r := groupAt(e, 0), groupAt(e, 1)
	vr = (r["sd"].(float64) / l["sd"].(float64)) * (r["sd"].(float64) / l["sd"].(float64))
	contains(t, "Meaning", s.Meaning, "Comparing the spread of left and right: the variance of right (SD = "+f2(r["sd"])+", n = 21) is "+f2(vr)+" times that of left",
		"not statistically significant (W(1, 49) = "+f2(e["statistic"])+", "+pAPA(e["p_value"])+")")
	contains(t, "Rows", s.Rows.Text, fmt.Sprintf("%d of %d rows were used; %d were left out because both left and right are missing", c.RowsUsed, c.RowsUsed+c.RowsDropped, c.RowsDropped))
	if *s.Significant || s.Tables[1].Columns[0] != "Column" {
		t.Errorf("significant %v, first column %q; want false and Column", *s.Significant, s.Tables[1].Columns[0])
	}

	c = reference(t, "f_test/welch")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "the variance of big (SD = "+f2(groupAt(e, 0)["sd"])+", n = 40) is "+f2(e["statistic"])+" times that of small",
		"F(39, 11) = "+f2(e["statistic"])+", p < .001", "Welch's t-test")
	contains(t, "Note", s.Tables[0].Note, "F is the variance of big over that of small")
	contains(t, "Notes", strings.Join(s.Notes, " "), "sensitive to non-normality")

	c = reference(t, "mood/spread-arm-ties")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "scale (spread) of score between control and treated", "z = "+f2(c.Expected["statistic"])+", "+pAPA(c.Expected["p_value"]))

	c = reference(t, "bartlett/balanced")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, fmt.Sprintf("χ²(%v) = %s, %s", e["df"], f2(e["statistic"]), pAPA(e["p_value"])))
	contains(t, "Notes", strings.Join(s.Notes, " "), "Bartlett's test assumes normal samples")
}

func TestNormalityTests(t *testing.T) {
	c := reference(t, "shapiro/shapes-income")
	e := c.Expected
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning, "The distribution of income (M = 29,034.35, SD = 25,659.89, n = 60) departs significantly from a normal distribution",
		"Shapiro–Wilk W = "+unit3(e["statistic"])+", "+pAPA(e["p_value"]), "rank tests")
	if got, want := cell(s.Tables[0], 0, "Statistic"), unit3(e["statistic"]); got != want {
		t.Errorf("W cell = %q, want %q", got, want)
	}

	// statsmodels' table stops at .001: the summary says so.
	c = reference(t, "lilliefors/shapes-income")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "Lilliefors D = "+unit3(e["statistic"])+", p ≤ .001",
		fmt.Sprintf("differs by %.1f percentage points", 100*e["statistic"].(float64)))
	if got := cell(s.Tables[0], 0, "p"); got != "≤ .001" {
		t.Errorf("p cell = %q, want ≤ .001", got)
	}

	c = reference(t, "lilliefors/shapes-tiny")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "does not depart significantly", pAPA(c.Expected["p_value"]), "With only 4 values the test has little power")

	c = reference(t, "anderson/shapes-income")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "A² = "+f2(e["statistic"])+" exceeds the critical value even at the 1% level (1.030)", "rejected at every tabulated level")
	if !*s.Significant || cell(s.Tables[0], 0, "p") != "" || len(s.Tables[1].Rows) != 5 {
		t.Errorf("significant %v, p cell %q, %d critical values; want true, empty, 5", *s.Significant, cell(s.Tables[0], 0, "p"), len(s.Tables[1].Rows))
	}

	c = reference(t, "anderson/shapes-height")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "A² = "+f2(e["statistic"])+" is below the critical value at the 15% level (0.531)")
	if *s.Significant {
		t.Errorf("anderson height significant, want not")
	}

	// A stored result of another shape (no observations) is no normality
	// test to put in words: the generic summary, not "n = 0".
	for _, id := range []string{"shapiro", "lilliefors", "kstest"} {
		s, err := explain.Summarize(explain.Input{Analysis: id, Params: map[string]string{"x": "v"}, Result: json.RawMessage(`{"statistic": 0.5, "dist": "norm"}`)})
		if err != nil || !s.Generic {
			t.Errorf("%s without observations: generic = %v, err = %v; want the generic summary", id, s != nil && s.Generic, err)
		}
	}
}

func TestKSTests(t *testing.T) {
	c := reference(t, "kstest/shapes-wait-gamma")
	e := c.Expected
	s := summarize(t, c)
	contains(t, "Meaning", s.Meaning, "does not depart significantly from the gamma distribution fitted to it (D = "+unit3(e["statistic"])+", "+pAPA(e["p_value"])+")",
		"furthest apart at wait = "+sig4(e["statistic_location"])+fmt.Sprintf(", where %.1f percentage points fewer", 100*e["statistic"].(float64)))
	params := s.Tables[1]
	if got, want := params.Rows[0][1], sig4(e["shape"]); got != want {
		t.Errorf("shape = %q, want %q", got, want)
	}
	contains(t, "params note", params.Note, "scipy.stats.gamma.fit(x, floc=0)")
	contains(t, "Notes", strings.Join(s.Notes, " "), "conservative")

	// The first sample's distribution function is the lower at the
	// widest gap (statistic_sign −1): more of small lies below it.
	c = reference(t, "ks_2samp/welch")
	e = c.Expected
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "The distributions of strength in big and small", "differ significantly (D = "+unit3(e["statistic"])+", "+pAPA(e["p_value"])+")",
		"furthest apart at "+sig4(e["statistic_location"])+fmt.Sprintf(", where the share of values at or below it is %.1f percentage points higher in small than in big", 100*e["statistic"].(float64)))
	if got, want := cell(s.Tables[0], 0, "Effect size"), "D = "+unit3(e["statistic"]); got != want {
		t.Errorf("effect cell = %q, want %q", got, want)
	}

	c = reference(t, "ks_2samp/spread-left-right")
	s = summarize(t, c)
	contains(t, "Meaning", s.Meaning, "The distributions of left and right", "do not differ significantly")
	contains(t, "Rows", s.Rows.Text, "because both left and right are missing")
}
