package plots

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Whis is the whisker reach of a box plot in interquartile ranges, as
// matplotlib's and seaborn's default.
const Whis = 1.5

// Box is the summary a box plot draws for one group.
type Box struct {
	Level string `json:"level"`
	N     int    `json:"n"`
	// Q1, Median and Q3 are the quartiles by numpy's linear percentile.
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	// WhiskerLow and WhiskerHigh are the most extreme values within
	// Whis interquartile ranges of the box (Tukey's whiskers).
	WhiskerLow  float64 `json:"whisker_low"`
	WhiskerHigh float64 `json:"whisker_high"`
	// Outliers counts the values beyond the whiskers, each drawn as a
	// point.
	Outliers int `json:"outliers"`

	outliers []float64
}

// BoxplotStats is what a box plot shows.
type BoxplotStats struct {
	Group string `json:"group"`
	Value string `json:"value"`
	// N is the number of rows drawn, over all groups.
	N int `json:"n"`
	// Whis is the whisker reach in interquartile ranges.
	Whis float64 `json:"whis"`
	// Boxes has one box per level, in group order.
	Boxes []Box `json:"boxes"`
	// Test is the test whose result the subtitle states, when the chart
	// is drawn beside one (the test parameter).
	Test string `json:"test,omitempty"`
}

// BoxOf summarises x (no NaN, at least one value) as a box plot draws it:
// quartiles by numpy's linear percentile and Tukey's whiskers at the most
// extreme values within 1.5 interquartile ranges of the box, as
// matplotlib's boxplot (seaborn's boxplot) with whis=1.5. x is not
// modified.
func BoxOf(x []float64) Box {
	scratch := slices.Clone(x)
	q := quantiles(scratch, 0.25, 0.5, 0.75)
	b := Box{N: len(x), Q1: q[0], Median: q[1], Q3: q[2]}
	iqr := b.Q3 - b.Q1
	lowFence, highFence := b.Q1-Whis*iqr, b.Q3+Whis*iqr
	b.WhiskerLow, b.WhiskerHigh = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		if v < lowFence || v > highFence {
			b.outliers = append(b.outliers, v)
			continue
		}
		if v < b.WhiskerLow {
			b.WhiskerLow = v
		}
		if v > b.WhiskerHigh {
			b.WhiskerHigh = v
		}
	}
	// matplotlib: a whisker never reaches into the box.
	b.WhiskerLow = math.Min(b.WhiskerLow, b.Q1)
	b.WhiskerHigh = math.Max(b.WhiskerHigh, b.Q3)
	b.Outliers = len(b.outliers)
	return b
}

// boxplotTests are the tests whose result a box plot can state.
var boxplotTests = []string{"ttest_ind", "f_oneway", "kruskal", "mannwhitneyu"}

// boxplotVerdict runs test on group and value and states its result in a
// line: "Welch's t(35.6) = −2.55, p = .015".
func boxplotVerdict(ctx context.Context, ds *inferra.Dataset, test, group, value string) (string, error) {
	if !slices.Contains(boxplotTests, test) {
		return "", inferra.Errorf(inferra.EInvalid, "boxplot states the result of %s, not %q", strings.Join(boxplotTests, ", "), test).
			WithDetail("param", "test")
	}
	res, err := stats.Run(ctx, ds, test, map[string]string{"group": group, "value": value})
	if err != nil {
		return "", err
	}
	switch r := res.Stats.(type) {
	case *stats.TTestIndResult:
		return fmt.Sprintf("Welch's t(%s) = %s, %s", stats.FormatNum(r.DF), stats.FormatNum(r.Statistic), stats.FormatP(r.PValue)), nil
	case *stats.FOnewayResult:
		return fmt.Sprintf("ANOVA F(%d, %d) = %s, %s", r.DFBetween, r.DFWithin, stats.FormatNum(r.Statistic), stats.FormatP(r.PValue)), nil
	case *stats.KruskalResult:
		return fmt.Sprintf("Kruskal–Wallis H(%s) = %s, %s", stats.FormatNum(r.DF), stats.FormatNum(r.Statistic), stats.FormatP(r.PValue)), nil
	case *stats.MannWhitneyUResult:
		return fmt.Sprintf("Mann–Whitney U = %s, %s", stats.FormatNum(r.Statistic), stats.FormatP(r.PValue)), nil
	}
	return "", fmt.Errorf("plots: %s gave %T", test, res.Stats)
}

func drawBoxplot(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "boxplot"
	levels, values, dropped, err := stats.GroupedColumns(ds, id, params)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	group, value := params["group"], params["value"]
	if len(levels) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "%s has nothing to draw: no row has values of both %q and %q",
			id, group, value).WithDetail("rows_dropped", dropped)
	}
	st := &BoxplotStats{Group: group, Value: value, Whis: Whis}
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for i, v := range values {
		b := BoxOf(v)
		b.Level = levels[i]
		st.Boxes = append(st.Boxes, b)
		st.N += b.N
		l, h := minMax(v)
		vmin, vmax = math.Min(vmin, l), math.Max(vmax, h)
	}
	if err := checkRange(id, value, vmin, vmax); err != nil {
		return nil, err
	}

	p := newPlot(group, value, false)
	names := make([]string, len(st.Boxes))
	sizes := make([]string, len(st.Boxes))
	outliers := 0
	for i, b := range st.Boxes {
		names[i] = b.Level + "\nn = " + fmtInt(b.N)
		sizes[i] = fmtInt(b.N)
		outliers += b.Outliers
	}
	p.Add(&boxPlotter{boxes: st.Boxes})
	p.NominalX(names...)
	p.X.Tick.Label.Font = p.Y.Tick.Label.Font

	groups := fmt.Sprintf("%d groups (%s)", len(st.Boxes), strings.Join(sizes, ", "))
	if len(st.Boxes) == 1 {
		groups = "1 group"
	}
	// In words: the box holds the middle half of the values, the whiskers
	// reach the furthest within 1.5 box lengths (Tukey's rule, named in
	// the report), and points beyond are drawn one by one.
	sub := fmt.Sprintf("n = %s in %s · boxes hold the middle half, whiskers reach %.1f box lengths · %s beyond them",
		fmtInt(st.N), groups, Whis, count(outliers, "point"))
	if test := strings.TrimSpace(params["test"]); test != "" {
		// Beside a test, the chart states its result, as regplot does.
		verdict, err := boxplotVerdict(ctx, ds, test, group, value)
		if err != nil {
			return nil, err
		}
		st.Test = test
		sub = verdict + " · " + sub
	}
	pad(&p.Y, true, true)
	fig := &figure{plot: p, title: value + " by " + group, subtitle: sub}
	ch := &Chart{Title: fig.title, Subtitle: sub, Stats: st, RowsUsed: st.N, RowsDropped: dropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	hi, lo := st.Boxes[0], st.Boxes[0]
	for _, b := range st.Boxes {
		if b.Median > hi.Median {
			hi = b
		}
		if b.Median < lo.Median {
			lo = b
		}
	}
	ch.Report = fmt.Sprintf("Box plot of %s in %d groups of %s (n = %s); medians range from %s (%s) to %s (%s). "+
		"Each box spans the quartiles and its whiskers follow Tukey's rule (%.1f IQR); outliers beyond them: %s.",
		value, len(st.Boxes), group, fmtInt(st.N), fmtG(lo.Median), lo.Level, fmtG(hi.Median), hi.Level, Whis, fmtInt(outliers))
	return ch, nil
}

// boxPlotter draws boxes at x = 0, 1, …: a filled box from Q1 to Q3 with
// the median across it, whiskers with caps, and each outlier as a small
// ring. Outliers that would land on the same spot (within half a point,
// an eighth of a ring's width) are drawn once: a million-row box may have thousands, and
// drawing a ring twice in one place changes nothing but the file size.
type boxPlotter struct {
	boxes []Box
}

func (bp *boxPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, b := range bp.boxes {
		ymin = math.Min(ymin, b.WhiskerLow)
		ymax = math.Max(ymax, b.WhiskerHigh)
		for _, o := range b.outliers {
			ymin = math.Min(ymin, o)
			ymax = math.Max(ymax, o)
		}
	}
	return -0.5, float64(len(bp.boxes)) - 0.5, ymin, ymax
}

func (bp *boxPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	step := c.Size().X / vg.Length(len(bp.boxes))
	half := step * 0.3
	line := draw.LineStyle{Color: ink, Width: vg.Points(1.1)}
	whisk := draw.LineStyle{Color: softInk, Width: vg.Points(1)}
	ring := draw.GlyphStyle{Color: softInk, Radius: vg.Points(2), Shape: draw.RingGlyph{}}
	for i, b := range bp.boxes {
		x := trX(float64(i))
		q1, q3, med := trY(b.Q1), trY(b.Q3), trY(b.Median)
		lo, hi := trY(b.WhiskerLow), trY(b.WhiskerHigh)
		fill := colour(i, 0.55)
		box := []vg.Point{{X: x - half, Y: q1}, {X: x + half, Y: q1}, {X: x + half, Y: q3}, {X: x - half, Y: q3}}
		c.FillPolygon(fill, box)
		c.StrokeLines(whisk, []vg.Point{{X: x, Y: q3}, {X: x, Y: hi}}, []vg.Point{{X: x, Y: q1}, {X: x, Y: lo}},
			[]vg.Point{{X: x - half/2, Y: hi}, {X: x + half/2, Y: hi}}, []vg.Point{{X: x - half/2, Y: lo}, {X: x + half/2, Y: lo}})
		c.StrokeLines(line, append(box, box[0]))
		c.StrokeLine2(draw.LineStyle{Color: ink, Width: vg.Points(2)}, x-half, med, x+half, med)
		ys := make([]vg.Length, len(b.outliers))
		for j, o := range b.outliers {
			ys[j] = vg.Length(math.Round(float64(trY(o)) * 2))
		}
		slices.Sort(ys)
		for _, y := range slices.Compact(ys) {
			c.DrawGlyph(ring, vg.Point{X: x, Y: y / 2})
		}
	}
}

var _ plot.DataRanger = (*boxPlotter)(nil)
