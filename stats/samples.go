package stats

import (
	"math"
	"strconv"

	"github.com/inferra/inferra"

	"github.com/inferra/inferra/internal/mem"
)

// sampleForms are the two ways of naming independent samples: two
// numeric columns, or one numeric column split by the levels of another.
var sampleForms = [][]string{{"x", "y"}, {"group", "value"}}

// samples returns the independent samples an analysis with sampleForms
// compares. With x and y, they are the two columns, each without its own
// missing values (the samples are independent, so a value is not dropped
// because the other column is missing on its row), levels named by the
// columns; rowsUsed then counts the rows with at least one value. With
// group and value, they are groupedColumns'.
func samples(ds *inferra.Dataset, analysis string, params map[string]string) (*grouped, error) {
	if params["x"] == "" && params["y"] == "" {
		return groupedColumns(ds, analysis, params)
	}
	xn, yn, xc, yc, err := twoNumericColumns(ds, analysis, params)
	if err != nil {
		return nil, err
	}
	g := &grouped{levels: []string{xn, yn}, columns: true}
	for _, c := range []*inferra.Column{xc, yc} {
		n := 0
		for _, v := range c.Floats {
			if !math.IsNaN(v) {
				n++
			}
		}
		s := mem.Floats(n)[:0]
		for _, v := range c.Floats {
			if !math.IsNaN(v) {
				s = append(s, v)
			}
		}
		g.values = append(g.values, s)
	}
	for i, v := range xc.Floats {
		if math.IsNaN(v) && math.IsNaN(yc.Floats[i]) {
			g.dropped++
		}
	}
	g.rows = len(xc.Floats) - g.dropped
	for i, s := range g.values {
		if len(s) == 0 {
			return nil, inferra.Errorf(inferra.EInvalid, "%s needs values in column %q, but every value is missing", analysis, g.levels[i]).
				WithDetail("column", g.levels[i])
		}
	}
	return g, nil
}

// rowsUsed is the number of rows the samples come from.
func (g *grouped) rowsUsed() int {
	if g.columns {
		return g.rows
	}
	return g.n()
}

// label names sample i in a report sentence: the column for the x, y
// form, else as levelLabel.
func (g *grouped) label(i int) string {
	if g.columns {
		return g.levels[i]
	}
	return levelLabel(g, g.levels[i])
}

// what names the samples in a report sentence: "x and y", or "the 3
// groups of region" ("the groups A and B of region" for two).
func (g *grouped) what() string {
	switch {
	case g.columns:
		return g.levels[0] + " and " + g.levels[1]
	case len(g.levels) == 2:
		return "the groups " + g.label(0) + " and " + g.label(1) + " of " + g.groupName
	}
	return "the " + strconv.Itoa(len(g.levels)) + " groups of " + g.groupName
}

// exactlyTwo checks that the samples are two (always so for x and y);
// more is an error that names the analyses for k groups (alternatives).
func (g *grouped) exactlyTwo(analysis, alternatives string) error {
	if g.columns || len(g.levels) == 2 {
		return nil
	}
	hint := g.levelNote()
	if len(g.levels) > 2 {
		hint = "; use " + alternatives + " for more than two"
	}
	return inferra.Errorf(inferra.EInvalid,
		"%s compares exactly two samples, but %q has %d groups with values of %q (%s)%s",
		analysis, g.groupName, len(g.levels), g.valueName, describeLevels(g.levels), hint).
		WithDetail("column", g.groupName).WithDetail("levels", len(g.levels))
}

// minEach checks that every sample has at least k observations.
func (g *grouped) minEach(analysis string, k int) error {
	if !g.columns {
		return g.minPerGroup(analysis, k)
	}
	for i, v := range g.values {
		if len(v) < k {
			return inferra.Errorf(inferra.EInvalid,
				"%s needs at least %d values in each column, but %q has %d", analysis, k, g.levels[i], len(v)).
				WithDetail("column", g.levels[i])
		}
	}
	return nil
}
