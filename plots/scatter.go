package plots

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	"github.com/inferra/inferra"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// densityCells returns the columns and rows of the density grid for n
// points: about one column per two √n, from 40 to 160 columns, four rows
// to three columns, so that cells hold enough points to shade smoothly
// and a million points still resolve fine structure.
func densityCells(n int) (cols, rows int) {
	cols = min(160, max(40, int(math.Sqrt(float64(n))/2)))
	return cols, cols * 3 / 4
}

// Cloud says how the points of a scatter were drawn.
type Cloud struct {
	// Method is "points" (every point), "subsample" (a random subset of
	// Shown points, drawn with Seed) or "density" (every point counted
	// into a grid of DensityCells cells, coloured by log count).
	Method string `json:"method"`
	Shown  int    `json:"shown"`
	Seed   uint64 `json:"seed,omitempty"`
	// DensityCells is [columns, rows] of the density grid.
	DensityCells []int `json:"density_cells,omitempty"`
	// MaxCount is the largest count of one cell.
	MaxCount int `json:"max_count,omitempty"`
}

// GroupSize is the size of one hue group.
type GroupSize struct {
	Level string `json:"level"`
	N     int    `json:"n"`
}

// ScatterStats is what a scatter plot shows.
type ScatterStats struct {
	X   string `json:"x"`
	Y   string `json:"y"`
	Hue string `json:"hue,omitempty"`
	N   int    `json:"n"`
	// Groups lists the hue groups in group order.
	Groups []GroupSize `json:"groups,omitempty"`
	Cloud
}

func drawScatter(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "scatter"
	f, err := readFrame(ds, id, params, true)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := &ScatterStats{X: f.xName, Y: f.yName, Hue: f.hueName, N: len(f.x)}
	p := newPlot(f.xName, f.yName, true)
	var how string
	var leg *plot.Legend
	if f.hue != nil {
		leg = newLegend()
	}
	st.Cloud, how = addCloud(p, f, opt, leg)
	if f.hue != nil {
		counts := make([]int, len(f.levels))
		for _, c := range f.hue {
			counts[c]++
		}
		for l, n := range counts {
			if n > 0 {
				st.Groups = append(st.Groups, GroupSize{f.levels[l], n})
			}
		}
	}
	sub := fmt.Sprintf("n = %s · %s", fmtInt(st.N), how)
	title := f.yName + " against " + f.xName
	if f.hue != nil {
		title += " by " + f.hueName
	}
	pad(&p.X, true, true)
	pad(&p.Y, true, true)
	fig := &figure{plot: p, title: title, subtitle: sub}
	if leg != nil {
		// The colours' key beside the plot, titled, where it hides no
		// point.
		fig.legend, fig.legendTitle = leg, f.hueName
	}
	ch := &Chart{Title: title, Subtitle: sub, Stats: st, RowsUsed: st.N, RowsDropped: f.dropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	ch.Report = fmt.Sprintf("Scatter plot of %s against %s (n = %s; %s).", f.yName, f.xName, fmtInt(st.N), how)
	return ch, nil
}

// addCloud adds the points of f to p: every point when there are at most
// opt.MaxPoints; otherwise, without hue, the density of every point, and
// with hue a seeded random subsample of opt.MaxPoints. The hue levels go
// to leg (drawn beside the plot), when f has a hue. It returns how, in
// words for the subtitle.
func addCloud(p *plot.Plot, f *frame, opt Options, leg *plot.Legend) (Cloud, string) {
	n := len(f.x)
	if n > opt.MaxPoints && f.hue == nil {
		d := newDensity(f.x, f.y)
		d.dpi = opt.DPI
		p.Add(d)
		return Cloud{Method: "density", Shown: n, DensityCells: []int{d.cols, d.rows}, MaxCount: d.max},
			fmt.Sprintf("too many points to draw: the darker a cell, the more points in it (%d × %d cells, 1 to %s points each, log scale)", d.cols, d.rows, fmtInt(d.max))
	}
	cl := Cloud{Method: "points", Shown: n}
	how := "every point drawn"
	idx := []int(nil)
	if n > opt.MaxPoints {
		idx = subsample(n, opt.MaxPoints, opt.Seed)
		cl = Cloud{Method: "subsample", Shown: len(idx), Seed: opt.Seed}
		how = fmt.Sprintf("a random %s of the %s points drawn (seed %d)", fmtInt(len(idx)), fmtInt(n), opt.Seed)
	}
	// Smaller, fainter points as they get many.
	alpha, radius := 0.75, vg.Points(3)
	if cl.Shown > 500 {
		alpha, radius = 0.4, vg.Points(2)
	}
	groups := 1
	if f.hue != nil {
		groups = len(f.levels)
	}
	xys := make([]plotter.XYs, groups)
	add := func(i int) {
		g := 0
		if f.hue != nil {
			g = int(f.hue[i])
		}
		xys[g] = append(xys[g], plotter.XY{X: f.x[i], Y: f.y[i]})
	}
	if idx == nil {
		for i := range n {
			add(i)
		}
	} else {
		for _, i := range idx {
			add(i)
		}
	}
	for g, pts := range xys {
		if len(pts) == 0 {
			continue
		}
		s, err := plotter.NewScatter(pts)
		if err != nil {
			continue // the frame holds finite values only
		}
		s.GlyphStyle = draw.GlyphStyle{Color: colour(g, alpha), Radius: radius, Shape: draw.CircleGlyph{}}
		p.Add(s)
		if f.hue != nil && leg != nil {
			leg.Add(f.levels[g], s)
		}
	}
	return cl, how
}

// subsample returns k of the indices 0..n−1, chosen uniformly without
// replacement by selection sampling (Knuth's algorithm S) from a PCG
// seeded with seed, in ascending order: the same call gives the same
// indices on every platform.
func subsample(n, k int, seed uint64) []int {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	out := make([]int, 0, k)
	for i := 0; i < n && len(out) < k; i++ {
		if r.IntN(n-i) < k-len(out) {
			out = append(out, i)
		}
	}
	return out
}

// density counts points into a grid over their range and draws the grid
// as an image, one pixel per device pixel, so that cells stay crisp.
type density struct {
	counts                 []int // row-major, row 0 at the bottom
	cols, rows             int
	xmin, xmax, ymin, ymax float64
	max                    int
	// dpi is the resolution of the PNG, which the image matches.
	dpi int
}

func newDensity(x, y []float64) *density {
	cols, rows := densityCells(len(x))
	d := &density{cols: cols, rows: rows, counts: make([]int, cols*rows)}
	d.xmin, d.xmax = minMax(x)
	d.ymin, d.ymax = minMax(y)
	// Divide by the range first: (v − min)/range stays within [0, 1],
	// where cells/range overflows for a subnormal range.
	wx, wy := d.xmax-d.xmin, d.ymax-d.ymin
	fc, fr := float64(cols), float64(rows)
	for i, xv := range x {
		c := min(int((xv-d.xmin)/wx*fc), cols-1)
		r := min(int((y[i]-d.ymin)/wy*fr), rows-1)
		d.counts[r*cols+c]++
	}
	for _, c := range d.counts {
		d.max = max(d.max, c)
	}
	return d
}

func (d *density) DataRange() (xmin, xmax, ymin, ymax float64) {
	return d.xmin, d.xmax, d.ymin, d.ymax
}

// shade maps a count to a colour: white for none, then from a pale to a
// dark blue by log count (a sequential ramp of one hue, readable without
// colour vision).
func (d *density) shade(n int) color.NRGBA {
	if n == 0 {
		return color.NRGBA{}
	}
	t := 1.0
	if d.max > 1 {
		t = math.Log(float64(n)) / math.Log(float64(d.max))
	}
	lo := [3]float64{0xc6, 0xdb, 0xef}
	hi := [3]float64{0x08, 0x30, 0x6b}
	var c [3]uint8
	for i := range c {
		c[i] = uint8(lo[i] + (hi[i]-lo[i])*t + 0.5)
	}
	return color.NRGBA{R: c[0], G: c[1], B: c[2], A: 0xff}
}

func (d *density) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	x0, x1 := trX(d.xmin), trX(d.xmax)
	y0, y1 := trY(d.ymin), trY(d.ymax)
	// One image pixel per PNG pixel; SVG viewers scale it.
	w := int(math.Ceil((x1 - x0).Dots(float64(d.dpi))))
	h := int(math.Ceil((y1 - y0).Dots(float64(d.dpi))))
	if w <= 0 || h <= 0 {
		return
	}
	shades := make([]color.NRGBA, len(d.counts))
	for i, n := range d.counts {
		shades[i] = d.shade(n)
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for py := range h {
		r := min(d.rows-1, (h-1-py)*d.rows/h)
		for px := range w {
			col := min(d.cols-1, px*d.cols/w)
			img.SetNRGBA(px, py, shades[r*d.cols+col])
		}
	}
	c.DrawImage(vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}, img)
}
