package plots

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MaxBins is the most bins a histogram draws. numpy's auto rule can ask
// for more when a few far outliers stretch the range of data with a small
// interquartile range; the chart then falls back to Sturges' rule and
// says so.
const MaxBins = 1000

// HistogramStats is what a histogram shows.
type HistogramStats struct {
	X string `json:"x"`
	N int    `json:"n"`
	// Rule is how the bins were chosen: "auto" (numpy's rule), "sturges"
	// (the fallback past MaxBins) or "given".
	Rule string `json:"rule"`
	// Bins is the number of bins; Edges their Bins+1 edges and Counts
	// their counts (each bin is half-open but the last, as numpy's).
	Bins   int       `json:"bins"`
	Edges  []float64 `json:"edges"`
	Counts []int     `json:"counts"`
}

// AutoBins returns the number of equal-width bins numpy's
// histogram_bin_edges(x, "auto") gives x (no NaN, two distinct values):
// the bin width is the smaller of Sturges' (range / (log₂ n + 1)) and
// Freedman and Diaconis' (2 IQR n^(−1/3), unless the IQR is zero), and
// the count is the range over the width, rounded up. That is the larger
// of the two rules' bin counts. A count past math.MaxInt32 (an
// interquartile range hundreds of orders of magnitude below the range, or a
// width that underflows) is returned as math.MaxInt32.
func AutoBins(x []float64) int {
	lo, hi := minMax(x)
	n := float64(len(x))
	width := (hi - lo) / (math.Log2(n) + 1)
	q := quantiles(slices.Clone(x), 0.25, 0.75)
	if fd := 2 * (q[1] - q[0]) * math.Pow(n, -1.0/3); fd > 0 {
		width = math.Min(width, fd)
	}
	bins := math.Ceil((hi - lo) / width)
	if !(bins < math.MaxInt32) {
		return math.MaxInt32
	}
	return int(bins)
}

// sturgesBins is Sturges' bin count, numpy's "sturges".
func sturgesBins(n int) int {
	return int(math.Ceil(math.Log2(float64(n)) + 1))
}

// HistogramEdges returns the bins+1 edges of bins equal-width bins
// spanning x's range, as numpy.linspace(min, max, bins+1).
func HistogramEdges(x []float64, bins int) []float64 {
	lo, hi := minMax(x)
	edges := make([]float64, bins+1)
	step := (hi - lo) / float64(bins)
	for i := range edges {
		edges[i] = lo + float64(i)*step
	}
	edges[bins] = hi
	return edges
}

// HistogramCounts counts x in the equal-width bins with the given edges as
// numpy.histogram does: each value goes to the bin whose edges enclose it,
// the last bin closed, values outside the edges ignored.
func HistogramCounts(x, edges []float64) []int {
	bins := len(edges) - 1
	counts := make([]int, bins)
	lo, hi := edges[0], edges[bins]
	// (v − lo)/(hi − lo) stays within [0, 1] for any finite range, where
	// bins/(hi − lo) overflows for a subnormal one.
	span, fb := hi-lo, float64(bins)
	for _, v := range x {
		if v < lo || v > hi {
			continue
		}
		i := min(int((v-lo)/span*fb), bins-1)
		// The scaled index can be off by one from the edges' rounding.
		if i > 0 && v < edges[i] {
			i--
		} else if i < bins-1 && v >= edges[i+1] {
			i++
		}
		counts[max(i, 0)]++
	}
	return counts
}

// Histogram computes the histogram of x (no NaN, two distinct values) in
// bins bins, or by numpy's auto rule when bins is 0.
func Histogram(x []float64, bins int) *HistogramStats {
	st := &HistogramStats{N: len(x), Rule: "given", Bins: bins}
	if bins <= 0 {
		st.Rule, st.Bins = "auto", AutoBins(x)
		if st.Bins > MaxBins {
			st.Rule, st.Bins = "sturges", sturgesBins(len(x))
		}
	}
	st.Edges = HistogramEdges(x, st.Bins)
	st.Counts = HistogramCounts(x, st.Edges)
	return st
}

func drawHistogram(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "histogram"
	bins := 0
	if s := strings.TrimSpace(params["bins"]); s != "" {
		b, err := strconv.Atoi(s)
		if err != nil || b < 1 || b > MaxBins {
			return nil, inferra.Errorf(inferra.EInvalid, "%s takes bins as a whole number from 1 to %d, not %q", id, MaxBins, s).
				WithDetail("param", "bins")
		}
		bins = b
	}
	f, err := readFrame(ds, id, params, false)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := Histogram(f.x, bins)
	st.X = f.xName
	for i := 1; i < len(st.Edges); i++ {
		if !(st.Edges[i] > st.Edges[i-1]) {
			return nil, inferra.Errorf(inferra.EInvalid,
				"%s cannot draw %q in %d bins: its range, %s to %s, is too narrow for that many distinct bin edges at its magnitude; ask for fewer bins or rescale the column",
				id, f.xName, st.Bins, fmtG(st.Edges[0]), fmtG(st.Edges[st.Bins])).WithDetail("column", f.xName)
		}
	}

	p := newPlot(f.xName, "count", false)
	p.Add(&barsPlotter{edges: st.Edges, counts: st.Counts})
	// The subtitle says what a reader sees; the rule that chose the bins
	// is named in the report's second sentence.
	width := st.Edges[1] - st.Edges[0]
	sub := fmt.Sprintf("n = %s · %d bins of width %s", fmtInt(st.N), st.Bins, fmtG(width))
	if st.Rule == "given" {
		sub += ", as asked"
	}
	rule := map[string]string{
		"auto":    "The number of bins follows numpy's auto rule (the larger of the Sturges and Freedman–Diaconis counts).",
		"sturges": fmt.Sprintf("The number of bins follows Sturges' rule: numpy's auto rule asked for more than %d.", MaxBins),
		"given":   "The number of bins is the one asked for.",
	}[st.Rule]
	pad(&p.X, true, true)
	pad(&p.Y, false, true)
	fig := &figure{plot: p, title: "Distribution of " + f.xName, subtitle: sub}
	ch := &Chart{Title: fig.title, Subtitle: sub, Stats: st, RowsUsed: st.N, RowsDropped: f.dropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	mode := 0
	for i, c := range st.Counts {
		if c > st.Counts[mode] {
			mode = i
		}
	}
	ch.Report = fmt.Sprintf("Histogram of %s (n = %s) in %d bins of width %s from %s to %s; the fullest bin, [%s, %s), holds %s values. %s",
		f.xName, fmtInt(st.N), st.Bins, fmtG(width), fmtG(st.Edges[0]), fmtG(st.Edges[st.Bins]),
		fmtG(st.Edges[mode]), fmtG(st.Edges[mode+1]), fmtInt(st.Counts[mode]), rule)
	return ch, nil
}

// barsPlotter draws a histogram as one filled outline, so that its cost
// and file size do not grow with the number of bins, with the bins'
// separations drawn as thin white lines where they are wide enough to see.
type barsPlotter struct {
	edges  []float64
	counts []int
}

func (bp *barsPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	top := 0
	for _, c := range bp.counts {
		top = max(top, c)
	}
	return bp.edges[0], bp.edges[len(bp.edges)-1], 0, float64(top)
}

func (bp *barsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	base := trY(0)
	pts := []vg.Point{{X: trX(bp.edges[0]), Y: base}}
	for i, n := range bp.counts {
		y := trY(float64(n))
		pts = append(pts, vg.Point{X: trX(bp.edges[i]), Y: y}, vg.Point{X: trX(bp.edges[i+1]), Y: y})
	}
	pts = append(pts, vg.Point{X: trX(bp.edges[len(bp.edges)-1]), Y: base})
	c.FillPolygon(colour(0, 0.75), pts)
	if w := trX(bp.edges[1]) - trX(bp.edges[0]); w >= vg.Points(4) {
		sep := draw.LineStyle{Color: color.White, Width: vg.Points(0.8)}
		var lines [][]vg.Point
		for i := 1; i < len(bp.counts); i++ {
			top := trY(float64(max(bp.counts[i-1], bp.counts[i])))
			lines = append(lines, []vg.Point{{X: trX(bp.edges[i]), Y: base}, {X: trX(bp.edges[i]), Y: top}})
		}
		c.StrokeLines(sep, lines...)
	}
	c.StrokeLines(draw.LineStyle{Color: colour(0, 1), Width: vg.Points(1)}, pts)
}
