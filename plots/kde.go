package plots

import (
	"context"
	"fmt"
	"gonum.org/v1/plot"
	"math"
	"slices"
	"sort"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// KDE evaluation: the grid and the bandwidth follow scipy's gaussian_kde
// and seaborn's kdeplot; large samples are binned first.
const (
	// GridSize is the number of points at which a density is evaluated,
	// spanning the data's range widened by Cut bandwidths each side.
	GridSize = 200
	// Cut is how many bandwidths the grid reaches past the data.
	Cut = 3
	// exactLimit is the largest sample whose density is summed point by
	// point at every grid point; larger ones are binned.
	exactLimit = 10000
	// kernelReach is where the Gaussian kernel is cut off, in bandwidths:
	// e^(−32) ≈ 1e-14 of the peak is lost.
	kernelReach = 8
	// binsPerBandwidth is the fine grid's resolution for binning.
	binsPerBandwidth = 32
	// maxFine caps the fine grid.
	maxFine = 1 << 17
)

// Curve is one estimated density.
type Curve struct {
	// Level is the hue level, "" without hue.
	Level string `json:"level,omitempty"`
	N     int    `json:"n"`
	// Bandwidth is the kernel's standard deviation: the sample standard
	// deviation times Scott's factor n^(−1/5), as gaussian_kde.
	Bandwidth float64 `json:"bandwidth"`
	// Density holds the estimate at the grid points of KDEStats.Grid.
	Density []float64 `json:"density"`
	// Method is "exact" (a sum over every point) or "binned" (linear
	// binning onto a fine grid, then a discrete convolution).
	Method string `json:"method"`
}

// KDEStats is what a density chart shows.
type KDEStats struct {
	X   string `json:"x"`
	Hue string `json:"hue,omitempty"`
	N   int    `json:"n"`
	// Grid holds the GridSize points of evaluation.
	Grid   []float64 `json:"grid"`
	Curves []Curve   `json:"curves"`
}

// ScottBandwidth returns the bandwidth scipy's gaussian_kde gives x with
// the default bw_method="scott": the sample standard deviation (ddof = 1)
// times n^(−1/5). Values whose squares would overflow or underflow are
// scaled by a power of two first, which changes no digit.
func ScottBandwidth(x []float64) float64 {
	s := powerScale(x)
	if s != 1 {
		scaled := make([]float64, len(x))
		for i, v := range x {
			scaled[i] = v / s
		}
		x = scaled
	}
	_, v := stats.MeanVar(x)
	return math.Sqrt(v) * s * math.Pow(float64(len(x)), -0.2)
}

// Density returns the Gaussian kernel density estimate of x with
// bandwidth h (a standard deviation) at the grid points, and the method
// used. Up to 10,000 points the sum is exact (scipy's gaussian_kde);
// beyond, x is linearly binned onto a fine grid of 32 points per
// bandwidth aligned with grid (which must be equally spaced and
// ascending), and the counts are convolved with the kernel: the error is
// that of widening the kernel's variance by a 1/6144 part, far below what
// a picture shows (TestBinnedDensity measures it).
func Density(x, grid []float64, h float64) ([]float64, string) {
	d, method, _ := densityCtx(context.Background(), x, grid, h)
	return d, method
}

// densityCtx is Density checking ctx at every grid point, the unit of work
// that grows with the sample; it returns ctx.Err() if it ends first.
func densityCtx(ctx context.Context, x, grid []float64, h float64) ([]float64, string, error) {
	if len(x) <= exactLimit || len(grid) < 2 {
		d, err := exactDensity(ctx, x, grid, h)
		return d, "exact", err
	}
	step := grid[1] - grid[0]
	m := int(math.Ceil(step / (h / binsPerBandwidth)))
	fine := (len(grid)-1)*m + 1
	if fine > maxFine {
		d, err := truncatedDensity(ctx, x, grid, h)
		return d, "exact", err
	}
	delta := step / float64(m)
	a := grid[0]
	counts := make([]float64, fine)
	for _, v := range x {
		t := (v - a) / delta
		j := int(math.Floor(t))
		if j < 0 || j >= fine-1 {
			if j == fine-1 && t == float64(j) {
				counts[j]++
			}
			continue // outside the grid: the grid spans the data, so never
		}
		w := t - float64(j)
		counts[j] += 1 - w
		counts[j+1] += w
	}
	taps := int(math.Ceil(kernelReach * h / delta))
	kern := make([]float64, taps+1)
	norm := 1 / (float64(len(x)) * h * math.Sqrt(2*math.Pi))
	for k := range kern {
		d := float64(k) * delta / h
		kern[k] = norm * math.Exp(-d*d/2)
	}
	out := make([]float64, len(grid))
	for g := range grid {
		if err := ctx.Err(); err != nil {
			return nil, "", err
		}
		c := g * m
		s := counts[c] * kern[0]
		for k := 1; k <= taps; k++ {
			if c-k >= 0 {
				s += counts[c-k] * kern[k]
			}
			if c+k < fine {
				s += counts[c+k] * kern[k]
			}
		}
		out[g] = s
	}
	return out, "binned", nil
}

// exactDensity sums the kernel over every point at every grid point.
func exactDensity(ctx context.Context, x, grid []float64, h float64) ([]float64, error) {
	norm := 1 / (float64(len(x)) * h * math.Sqrt(2*math.Pi))
	out := make([]float64, len(grid))
	for g, at := range grid {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var s float64
		for _, v := range x {
			d := (at - v) / h
			s += math.Exp(-d * d / 2)
		}
		out[g] = s * norm
	}
	return out, nil
}

// truncatedDensity sums the kernel over the points within kernelReach
// bandwidths of each grid point, found in a sorted copy: exact to 1e-14,
// for data so spread out that a fine grid would be too large.
func truncatedDensity(ctx context.Context, x, grid []float64, h float64) ([]float64, error) {
	s := slices.Clone(x)
	slices.Sort(s)
	norm := 1 / (float64(len(x)) * h * math.Sqrt(2*math.Pi))
	out := make([]float64, len(grid))
	for g, at := range grid {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		i := sort.SearchFloat64s(s, at-kernelReach*h)
		var sum float64
		for ; i < len(s) && s[i] <= at+kernelReach*h; i++ {
			d := (at - s[i]) / h
			sum += math.Exp(-d * d / 2)
		}
		out[g] = sum * norm
	}
	return out, nil
}

// linspace returns n equally spaced points from a to b, as numpy.linspace.
func linspace(a, b float64, n int) []float64 {
	out := make([]float64, n)
	step := (b - a) / float64(n-1)
	for i := range out {
		out[i] = a + float64(i)*step
	}
	out[n-1] = b
	return out
}

func drawKDE(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "kde"
	f, err := readFrame(ds, id, params, false)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := &KDEStats{X: f.xName, Hue: f.hueName, N: len(f.x)}
	// The samples: all of x, or one per hue level with values.
	type sample struct {
		level string
		x     []float64
	}
	samples := []sample{{x: f.x}}
	if f.hue != nil {
		parts := make([][]float64, len(f.levels))
		for i, c := range f.hue {
			parts[c] = append(parts[c], f.x[i])
		}
		samples = samples[:0]
		for l, part := range parts {
			if len(part) > 0 {
				samples = append(samples, sample{f.levels[l], part})
			}
		}
	}
	hs := make([]float64, len(samples))
	hmax := 0.0
	for i, s := range samples {
		if len(s.x) < 2 {
			return nil, inferra.Errorf(inferra.EInvalid, "%s needs at least two values per curve, but %q = %q has %d",
				id, f.hueName, s.level, len(s.x)).WithDetail("level", s.level)
		}
		hs[i] = ScottBandwidth(s.x)
		if hs[i] == 0 || !finite(hs[i]) {
			what := fmt.Sprintf("%q", f.xName)
			if s.level != "" {
				what += fmt.Sprintf(" where %s is %q", f.hueName, s.level)
			}
			return nil, inferra.Errorf(inferra.EInvalid, "%s needs a spread of values, but every value of %s is the same", id, what).
				WithDetail("column", f.xName)
		}
		hmax = math.Max(hmax, hs[i])
	}
	lo, hi := minMax(f.x)
	if a, b := lo-Cut*hmax, hi+Cut*hmax; !finite(a, b, b-a) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s cannot draw %q: the density reaches %d bandwidths (%s) past the data, beyond the largest float (about 1.8e308); rescale the column",
			id, f.xName, Cut, fmtG(hmax)).WithDetail("column", f.xName)
	}
	st.Grid = linspace(lo-Cut*hmax, hi+Cut*hmax, GridSize)

	p := newPlot(f.xName, "density", true)
	// Areas first, then the lines over all of them, so no fill hides a
	// curve.
	var lines []*plotter.Line
	var leg *plot.Legend // the groups' key, beside the plot
	for i, s := range samples {
		d, method, err := densityCtx(ctx, s.x, st.Grid, hs[i])
		if err != nil {
			return nil, err
		}
		if !finite(d...) {
			return nil, inferra.Errorf(inferra.EInvalid,
				"%s cannot draw %q: with a bandwidth of %s its density is beyond the largest float; rescale the column (multiply it by a power of ten)",
				id, f.xName, fmtG(hs[i])).WithDetail("column", f.xName)
		}
		st.Curves = append(st.Curves, Curve{Level: s.level, N: len(s.x), Bandwidth: hs[i], Density: d, Method: method})
		xys := make(plotter.XYs, len(d))
		for j := range d {
			xys[j] = plotter.XY{X: st.Grid[j], Y: d[j]}
		}
		area := append(plotter.XYs{{X: st.Grid[0], Y: 0}}, xys...)
		area = append(area, plotter.XY{X: st.Grid[len(d)-1], Y: 0})
		poly, err := plotter.NewPolygon(area)
		if err != nil {
			return nil, fmt.Errorf("plots: kde area: %w", err)
		}
		poly.Color = colour(i, 0.18)
		poly.LineStyle.Width = 0
		ln, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("plots: kde line: %w", err)
		}
		ln.Color, ln.Width = colour(i, 1), vg.Points(2)
		p.Add(poly)
		lines = append(lines, ln)
		if s.level != "" {
			if leg == nil {
				leg = newLegend()
			}
			leg.Add(fmt.Sprintf("%s (n = %s)", s.level, fmtInt(len(s.x))), ln)
		}
	}
	for _, ln := range lines {
		p.Add(ln)
	}
	p.Y.Min = 0

	var sub string
	if f.hue == nil {
		sub = fmt.Sprintf("n = %s · a smoothed histogram (area 1) · smoothing width %s", fmtInt(st.N), fmtG(hs[0]))
	} else {
		sub = fmt.Sprintf("n = %s in %d groups of %s · smoothed histograms (each of area 1)",
			fmtInt(st.N), len(samples), f.hueName)
	}
	title := "Density of " + f.xName
	if f.hue != nil {
		title += " by " + f.hueName
	}
	pad(&p.Y, false, true)
	fig := &figure{plot: p, title: title, subtitle: sub}
	if leg != nil {
		fig.legend, fig.legendTitle = leg, f.hueName
	}
	ch := &Chart{Title: title, Subtitle: sub, Stats: st, RowsUsed: st.N, RowsDropped: f.dropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	peak := 0
	for j, v := range st.Curves[0].Density {
		if v > st.Curves[0].Density[peak] {
			peak = j
		}
	}
	if f.hue == nil {
		ch.Report = fmt.Sprintf("Smoothed histogram of %s (n = %s, smoothing width %s); the density peaks near %s. "+
			"It is a Gaussian kernel density estimate with Scott's bandwidth, %s.",
			f.xName, fmtInt(st.N), fmtG(hs[0]), fmtG(st.Grid[peak]), fmtG(hs[0]))
	} else {
		ch.Report = fmt.Sprintf("Smoothed histograms of %s for %d groups of %s (n = %s), each of area 1. "+
			"They are Gaussian kernel density estimates with Scott's bandwidth in each group.",
			f.xName, len(samples), f.hueName, fmtInt(st.N))
	}
	return ch, nil
}
