package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/inferra/inferra"

	"github.com/inferra/inferra/internal/mem"
)

// param returns the named parameter or an EInvalid error that says which
// parameter the analysis needs.
func param(analysis string, params map[string]string, name string) (string, error) {
	v, ok := params[name]
	if !ok || strings.TrimSpace(v) == "" {
		return "", inferra.Errorf(inferra.EInvalid, "%s needs the parameter %q", analysis, name).
			WithDetail("param", name)
	}
	return v, nil
}

// numericColumn returns the named column, which must be numeric.
func numericColumn(ds *inferra.Dataset, analysis, role, name string) (*inferra.Column, error) {
	c, err := ds.Column(name)
	if err != nil {
		return nil, err
	}
	if c.Kind != inferra.Numeric && c.NonNumeric != nil {
		// Mostly numbers: point at the value that is not one.
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s needs a numeric column for %q, but %q has the value %q at line %d, which is not a number; correct or remove it",
			analysis, role, name, c.NonNumeric.Value, c.NonNumeric.Line).
			WithDetail("column", name).WithDetail("line", c.NonNumeric.Line).WithDetail("value", c.NonNumeric.Value)
	}
	if c.Kind != inferra.Numeric {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s needs a numeric column for %q, but %q is %s (%s)",
			analysis, role, name, c.Kind, describeLevels(c.Levels)).
			WithDetail("column", name).WithDetail("kind", string(c.Kind))
	}
	return c, nil
}

func describeLevels(levels []string) string {
	const show = 4
	var b strings.Builder
	if len(levels) == 0 {
		return "no values"
	}
	b.WriteString("values such as ")
	for i, l := range levels {
		if i == show {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(l))
	}
	return b.String()
}

// pairs holds two numeric columns after listwise deletion.
type pairs struct {
	x, y    []float64
	dropped int
}

// pairedColumns extracts params x and y as numeric columns, dropping any row
// where either is missing.
func pairedColumns(ds *inferra.Dataset, analysis string, params map[string]string) (*pairs, error) {
	_, _, xc, yc, err := twoNumericColumns(ds, analysis, params)
	if err != nil {
		return nil, err
	}
	missing := 0
	for i, xv := range xc.Floats {
		if math.IsNaN(xv) || math.IsNaN(yc.Floats[i]) {
			missing++
		}
	}
	if missing == 0 {
		// Nothing to drop: the analyses only read their inputs, so the
		// columns serve as they are.
		return &pairs{x: xc.Floats, y: yc.Floats}, nil
	}
	n := len(xc.Floats) - missing
	p := &pairs{x: mem.Floats(n)[:0], y: mem.Floats(n)[:0]}
	for i, xv := range xc.Floats {
		yv := yc.Floats[i]
		if math.IsNaN(xv) || math.IsNaN(yv) {
			p.dropped++
			continue
		}
		p.x = append(p.x, xv)
		p.y = append(p.y, yv)
	}
	return p, nil
}

// grouped holds a numeric column split by the levels of a grouping column,
// after listwise deletion. Levels with no remaining observations are left
// out.
type grouped struct {
	groupName, valueName string
	levels               []string
	values               [][]float64
	dropped              int
	// emptied lists the levels that occur in the group column but lost
	// every row to missing values of the value column.
	emptied []string
	// columns is true when the samples are two columns x and y (see
	// samples): levels are then the column names, and rows counts the
	// rows with a value in either.
	columns bool
	rows    int
}

func (g *grouped) n() int {
	n := 0
	for _, v := range g.values {
		n += len(v)
	}
	return n
}

// groupedColumns extracts params group and value.
func groupedColumns(ds *inferra.Dataset, analysis string, params map[string]string) (*grouped, error) {
	gn, err := param(analysis, params, "group")
	if err != nil {
		return nil, err
	}
	vn, err := param(analysis, params, "value")
	if err != nil {
		return nil, err
	}
	gc, err := ds.Column(gn)
	if err != nil {
		return nil, err
	}
	vc, err := numericColumn(ds, analysis, "value", vn)
	if err != nil {
		return nil, err
	}
	if gn == vn {
		return nil, inferra.Errorf(inferra.EInvalid, "%s needs different columns for group and value, got %q twice", analysis, gn)
	}
	codes, levels := gc.Groups()
	counts := make([]int, len(levels))
	dropped := 0
	for i, c := range codes {
		if c == inferra.Missing || math.IsNaN(vc.Floats[i]) {
			dropped++
			continue
		}
		counts[c]++
	}
	// One buffer holds every group, level after level.
	buf := mem.Floats(len(codes) - dropped)
	values := make([][]float64, len(levels))
	off := 0
	for l, c := range counts {
		values[l] = buf[off : off : off+c]
		off += c
	}
	for i, c := range codes {
		if c == inferra.Missing {
			continue
		}
		if v := vc.Floats[i]; !math.IsNaN(v) {
			values[c] = append(values[c], v)
		}
	}
	g := &grouped{groupName: gn, valueName: vn, dropped: dropped}
	for l, v := range values {
		if len(v) > 0 {
			g.levels = append(g.levels, levels[l])
			g.values = append(g.values, v)
		}
	}
	if len(g.levels) < len(levels) {
		present := make([]bool, len(levels))
		for _, c := range codes {
			if c != inferra.Missing {
				present[c] = true
			}
		}
		for l, v := range values {
			if len(v) == 0 && present[l] {
				g.emptied = append(g.emptied, levels[l])
			}
		}
	}
	if gc.Kind == inferra.Numeric && looksContinuous(levels, len(codes)-dropped) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s needs a grouping column for %q, but %q looks continuous (%d distinct values such as %s); "+
				"group by a column with a few levels, or use pearsonr or spearmanr for two numeric columns",
			analysis, "group", gn, len(levels), strings.Join(levels[:min(3, len(levels))], ", ")).
			WithDetail("column", gn).WithDetail("levels", len(levels))
	}
	return g, nil
}

// looksContinuous reports whether a numeric column with these distinct
// values (formatted) over n observations is a measurement rather than
// codes: more than 50 distinct values, or more than 10 that are not all
// whole numbers, or as many distinct values as observations past 20.
func looksContinuous(levels []string, n int) bool {
	whole := true
	for _, l := range levels {
		if strings.ContainsAny(l, ".eE") {
			whole = false
			break
		}
	}
	k := len(levels)
	return k > 50 || (!whole && k > 10) || (k > 20 && k == n)
}

// levelNote explains levels lost to missing values, for error messages.
func (g *grouped) levelNote() string {
	if len(g.emptied) == 0 {
		return ""
	}
	return fmt.Sprintf("; %s had no non-missing values of %q", describeLevels(g.emptied), g.valueName)
}

// atLeastTwoGroups checks that g has two or more levels with values.
func (g *grouped) atLeastTwoGroups(analysis string) error {
	if len(g.levels) < 2 {
		return inferra.Errorf(inferra.EInvalid,
			"%s compares two or more groups, but %q has %d level with values of %q (%s)%s",
			analysis, g.groupName, len(g.levels), g.valueName, describeLevels(g.levels), g.levelNote()).
			WithDetail("column", g.groupName).WithDetail("levels", len(g.levels))
	}
	return nil
}

// twoGroups checks that g has exactly two levels.
func (g *grouped) twoGroups(analysis string) error {
	if len(g.levels) != 2 {
		hint := "; use f_oneway or kruskal for more than two"
		if len(g.levels) < 2 {
			hint = g.levelNote()
		}
		return inferra.Errorf(inferra.EInvalid,
			"%s compares exactly two groups, but %q has %d with values of %q (%s)%s",
			analysis, g.groupName, len(g.levels), g.valueName, describeLevels(g.levels), hint).
			WithDetail("column", g.groupName).WithDetail("levels", len(g.levels))
	}
	return nil
}

// minPerGroup checks that every group has at least k observations.
func (g *grouped) minPerGroup(analysis string, k int) error {
	for i, v := range g.values {
		if len(v) < k {
			return inferra.Errorf(inferra.EInvalid,
				"%s needs at least %d observations in each group, but group %q of %q has %d",
				analysis, k, g.levels[i], g.groupName, len(v)).
				WithDetail("column", g.groupName).WithDetail("level", g.levels[i])
		}
	}
	return nil
}

// twoNumericColumns returns params x and y, two different numeric columns
// of ds, with their names.
func twoNumericColumns(ds *inferra.Dataset, analysis string, params map[string]string) (xn, yn string, xc, yc *inferra.Column, err error) {
	if xn, err = param(analysis, params, "x"); err != nil {
		return
	}
	if yn, err = param(analysis, params, "y"); err != nil {
		return
	}
	if xc, err = numericColumn(ds, analysis, "x", xn); err != nil {
		return
	}
	if yc, err = numericColumn(ds, analysis, "y", yn); err != nil {
		return
	}
	if xn == yn {
		err = inferra.Errorf(inferra.EInvalid, "%s needs two different columns for x and y, got %q twice", analysis, xn)
	}
	return
}
