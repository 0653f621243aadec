package plots

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxBars is the most bars a contingency chart draws, over all strata.
const maxBars = 120

// CountTable is the contingency table of one stratum (Level "" without
// strata): Counts[i][j] counts the rows with the i-th level of x and the
// j-th of y.
type CountTable struct {
	Level  string  `json:"level,omitempty"`
	N      int     `json:"n"`
	Counts [][]int `json:"counts"`
}

// CrosstabStats is what a contingency chart shows.
type CrosstabStats struct {
	// X, Y and Strata are the columns (Strata "" without strata), and N
	// the rows counted: those with a value in each.
	X      string `json:"x"`
	Y      string `json:"y"`
	Strata string `json:"strata,omitempty"`
	N      int    `json:"n"`
	// XLevels and YLevels are the levels with data, in the test's order.
	XLevels []string `json:"x_levels"`
	YLevels []string `json:"y_levels"`
	// Tables holds one table, or one per stratum.
	Tables []CountTable `json:"tables"`
	// Test is the analysis whose result the subtitle states
	// ("chi2_contingency", "fisher_exact", "mantel_haenszel"), and
	// Statistic and PValue its result; Statistic is null for Fisher's
	// test when the odds ratio is infinite.
	Test      string   `json:"test"`
	Statistic *float64 `json:"statistic"`
	PValue    float64  `json:"p_value"`
}

// crosstabTests are the tests whose companion is a contingency chart.
var crosstabTests = []string{"chi2_contingency", "fisher_exact", "mantel_haenszel"}

func drawCrosstab(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "crosstab"
	xName, err := stats.Param(id, params, "x")
	if err != nil {
		return nil, err
	}
	yName, err := stats.Param(id, params, "y")
	if err != nil {
		return nil, err
	}
	strata := strings.TrimSpace(params["strata"])
	test := strings.TrimSpace(params["test"])
	switch {
	case test == "" && strata != "":
		test = "mantel_haenszel"
	case test == "":
		test = "chi2_contingency"
	case !slices.Contains(crosstabTests, test):
		return nil, inferra.Errorf(inferra.EInvalid, "%s states the result of %s, not %q", id, strings.Join(crosstabTests, ", "), test).
			WithDetail("param", "test")
	case test == "mantel_haenszel" && strata == "":
		return nil, inferra.Errorf(inferra.EInvalid, "%s with test mantel_haenszel needs the strata column", id).WithDetail("param", "strata")
	case test != "mantel_haenszel" && strata != "":
		return nil, inferra.Errorf(inferra.EInvalid, "%s draws strata with test mantel_haenszel only, not %s", id, test).WithDetail("param", "strata")
	}
	tp := map[string]string{"x": xName, "y": yName}
	if strata != "" {
		tp["strata"] = strata
	}
	res, err := stats.Run(ctx, ds, test, tp)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := &CrosstabStats{X: xName, Y: yName, Strata: strata, Test: test}
	var verdict string
	switch r := res.Stats.(type) {
	case *stats.Chi2ContingencyResult:
		st.XLevels, st.YLevels, st.N = r.RowLevels, r.ColumnLevels, r.N
		st.Tables = []CountTable{{N: r.N, Counts: r.Observed}}
		st.Statistic, st.PValue = &r.Statistic, r.PValue
		verdict = fmt.Sprintf("χ²(%d) = %s, %s, Cramér's V = %s", r.DOF, stats.FormatNum(r.Statistic), stats.FormatP(r.PValue), stats.FormatBounded(r.CramersV))
		if r.Correction {
			verdict += " (Yates' correction)"
		}
	case *stats.FisherExactResult:
		st.XLevels, st.YLevels, st.N = r.RowLevels, r.ColumnLevels, r.N
		st.Tables = []CountTable{{N: r.N, Counts: r.Observed}}
		st.Statistic, st.PValue = r.Statistic, r.PValue
		or := "∞"
		if r.Statistic != nil {
			or = stats.FormatNum(*r.Statistic)
		}
		verdict = fmt.Sprintf("Fisher's exact test: odds ratio = %s, %s", or, stats.FormatP(r.PValue))
	case *stats.MantelHaenszelResult:
		st.XLevels, st.YLevels, st.N = r.RowLevels, r.ColumnLevels, r.N
		for _, s := range r.Strata {
			st.Tables = append(st.Tables, CountTable{Level: s.Level, N: s.N, Counts: s.Observed})
		}
		st.Statistic, st.PValue = &r.Statistic, r.PValue
		verdict = fmt.Sprintf("Cochran–Mantel–Haenszel χ²(1) = %s, %s, pooled odds ratio = %s [%s, %s]",
			stats.FormatNum(r.Statistic), stats.FormatP(r.PValue), stats.FormatNum(r.OddsRatio), stats.FormatNum(r.CILow), stats.FormatNum(r.CIHigh))
	default:
		return nil, fmt.Errorf("plots: %s gave %T", test, res.Stats)
	}
	if k := len(st.YLevels); k > len(palette) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s colours the levels of y, at most %d, but %q has %d; swap x and y or merge levels",
			id, len(palette), yName, k).WithDetail("column", yName).WithDetail("levels", k)
	}
	if bars := len(st.Tables) * len(st.XLevels) * len(st.YLevels); bars > maxBars {
		return nil, inferra.Errorf(inferra.EInvalid, "%s would draw %d bars, more than the %d that stay readable; merge levels",
			id, bars, maxBars)
	}

	bp := &barPlotter{tables: st.Tables, rows: len(st.XLevels), cols: len(st.YLevels)}
	p := newPlot(xName, "count", false)
	p.Add(bp)
	var names []string
	for range st.Tables {
		names = append(names, st.XLevels...)
	}
	p.NominalX(names...)
	p.X.Tick.Label.Font = p.Y.Tick.Label.Font
	p.X.Min, p.X.Max = -0.5, float64(bp.groups())-0.5
	if strata != "" {
		p.X.Max += float64(len(st.Tables) - 1)
		p.X.Tick.Marker = stratumTicks(names, st.Tables, strata, len(st.XLevels))
	}
	p.Y.Min = 0
	p.Y.Max = float64(bp.top()) * 1.1
	leg := newLegend()
	for j, l := range st.YLevels {
		leg.Add(l, bar(j))
	}
	sub := fmt.Sprintf("%s · n = %s", verdict, fmtInt(st.N))
	if strata != "" {
		sub += " in " + count(len(st.Tables), "stratum") + " of " + strata
		sub = strings.Replace(sub, "stratums", "strata", 1)
	}
	sub += fmt.Sprintf(" · each bar counts the rows with one level of %s and one of %s", xName, yName)
	title := fmt.Sprintf("%s by %s", yName, xName)
	if strata != "" {
		title += ", within " + strata
	}
	fig := &figure{plot: p, title: title, subtitle: sub, legend: leg, legendTitle: yName}
	ch := &Chart{Title: title, Subtitle: sub, Stats: st, RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	ch.Report = fmt.Sprintf("Bar chart of the counts of %s within each level of %s (n = %s%s): %s.",
		yName, xName, fmtInt(st.N), map[bool]string{true: ", one panel of bars per level of " + strata, false: ""}[strata != ""], verdict)
	return ch, nil
}

// stratumTicks places the levels of x at their bar groups, which leave a
// gap of one group between strata, and each stratum's name on a second
// line at the middle of its groups.
func stratumTicks(names []string, tables []CountTable, strata string, perStratum int) plot.ConstantTicks {
	ticks := make(plot.ConstantTicks, 0, len(names)+len(tables))
	for i, n := range names {
		ticks = append(ticks, plot.Tick{Value: float64(i + i/perStratum), Label: n})
	}
	for s, t := range tables {
		mid := float64(s*(perStratum+1)) + float64(perStratum-1)/2
		ticks = append(ticks, plot.Tick{Value: mid, Label: "\n" + strata + " = " + t.Level})
	}
	return ticks
}

// bar is the legend thumbnail of level j's bars.
type bar int

func (b bar) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	c.FillPolygon(colour(int(b), 0.85), []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}

// barPlotter draws grouped bars: a group per level of x (per stratum, a
// gap between strata), a bar per level of y, with its count above it when
// there is room.
type barPlotter struct {
	tables     []CountTable
	rows, cols int
}

func (bp *barPlotter) groups() int { return len(bp.tables) * bp.rows }

func (bp *barPlotter) top() int {
	t := 1
	for _, tab := range bp.tables {
		for _, row := range tab.Counts {
			t = max(t, slices.Max(row))
		}
	}
	return t
}

func (bp *barPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(bp.groups()+len(bp.tables)-1) - 0.5, 0, float64(bp.top())
}

func (bp *barPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	unit := trX(1) - trX(0)
	width := unit * 0.8 / vg.Length(bp.cols)
	label := style(sans, 9, softInk)
	label.XAlign = draw.XCenter
	y0 := trY(0)
	for s, tab := range bp.tables {
		for i, row := range tab.Counts {
			centre := trX(float64(s*(bp.rows+1) + i))
			left := centre - unit*0.4
			for j, n := range row {
				x0 := left + vg.Length(j)*width
				y1 := trY(float64(n))
				pts := []vg.Point{{X: x0, Y: y0}, {X: x0 + width, Y: y0}, {X: x0 + width, Y: y1}, {X: x0, Y: y1}}
				c.FillPolygon(colour(j, 0.85), pts)
				c.StrokeLines(draw.LineStyle{Color: ink, Width: vg.Points(0.5)}, append(pts, pts[0]))
				text := strconv.Itoa(n)
				if label.Width(text) <= width*1.1 {
					c.FillText(label, vg.Point{X: x0 + width/2, Y: y1 + vg.Points(2)}, text)
				}
			}
		}
	}
}

var (
	_ plot.DataRanger  = (*barPlotter)(nil)
	_ plot.Thumbnailer = bar(0)
)
