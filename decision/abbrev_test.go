package decision_test

import (
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
)

// abbrevSchema has columns named the way people shorten names.
func abbrevSchema() inferra.Schema {
	num := func(name string, mean float64) inferra.ColumnSchema {
		return inferra.ColumnSchema{Name: name, Kind: inferra.Numeric, Count: 40, Distinct: 40,
			Min: f64(mean - 10.5), Max: f64(mean + 9.25), Mean: f64(mean), SD: f64(3)}
	}
	return inferra.Schema{Rows: 40, Columns: []inferra.ColumnSchema{
		num("chol", 200), num("hgt_cm", 170), num("wt", 70), num("inc", 50000), num("yrs_exp", 8),
		num("qty", 12), num("bmi", 24), num("mpg", 30), num("hr", 72),
		{Name: "smoker", Kind: inferra.Categorical, Count: 40, Distinct: 2, Levels: []string{"no", "yes"}, LevelCounts: []int{20, 20}},
	}}
}

// TestResolveAbbreviations checks the matching algorithms: a prefix, a
// consonant skeleton, an initialism, inflections; and what must not match.
func TestResolveAbbreviations(t *testing.T) {
	t.Parallel()
	s := abbrevSchema()
	cases := []struct {
		prompt string
		want   []string
	}{
		{"does cholesterol rise with income?", []string{"chol", "inc"}},
		{"height against weight", []string{"hgt_cm", "wt"}},
		{"does quantity depend on years of experience", []string{"qty", "yrs_exp"}},
		{"body mass index and miles per gallon", []string{"bmi", "mpg"}},
		{"do smokers have a higher heart rate?", []string{"smoker", "hr"}},
		{"smoking and body weight", []string{"smoker", "wt"}},
		// Common words abbreviate nothing; hours is not hr.
		{"what is the total for hours worked?", nil},
		{"which is the most of the index?", nil},
	}
	for _, c := range cases {
		var got []string
		for _, m := range decision.Resolve(c.prompt, s) {
			got = append(got, strings.Join(m.Columns, "|"))
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Resolve(%q) = %v, want %v", c.prompt, got, c.want)
		}
	}
}

// TestResolvePlainNames checks that columns named by common words (group,
// score) are found.
func TestResolvePlainNames(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 30, Columns: []inferra.ColumnSchema{
		{Name: "group", Kind: inferra.Categorical, Count: 30, Distinct: 2, Levels: []string{"a", "b"}, LevelCounts: []int{15, 15}},
		{Name: "score", Kind: inferra.Numeric, Count: 30, Distinct: 30, Min: f64(1), Max: f64(9.5), Mean: f64(5), SD: f64(2)},
	}}
	var got []string
	for _, m := range decision.Resolve("Does group change score?", s) {
		got = append(got, strings.Join(m.Columns, "|"))
	}
	if strings.Join(got, ",") != "group,score" {
		t.Errorf("Resolve(Does group change score?) = %v, want [group score]", got)
	}
}
