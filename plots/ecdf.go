package plots

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxSteps is the most steps an empirical CDF keeps in its Stats and draws:
// beyond, a step every 1/maxSteps of the sample, which moves the curve by
// less than a pixel.
const maxSteps = 2000

// Steps is an empirical distribution function: F[i] is the fraction of
// the sample at or below X[i].
type Steps struct {
	// Level names the sample: a level of group, or a column.
	Level string `json:"level"`
	// N is the sample's size.
	N int `json:"n"`
	// X holds the values where the function steps up, ascending, and F
	// its height from each on.
	X []float64 `json:"x"`
	F []float64 `json:"f"`
	// Distinct is the number of distinct values; when it exceeds the
	// steps kept (2,000), X holds the values where F crosses each 1/2,000
	// of the sample, and the first and last.
	Distinct int `json:"distinct"`
}

// EmpiricalCDF returns the empirical distribution function of x (no NaN):
// its distinct values in ascending order and, for each, the fraction of x
// at or below it, as numpy's unique(x, return_counts=True) with the
// cumulative counts over len(x). x is not modified.
func EmpiricalCDF(x []float64) (values, fractions []float64) {
	s := slices.Clone(x)
	slices.Sort(s)
	values, fractions, _ = steps(s, 0)
	return values, fractions
}

// steps returns the steps of the empirical CDF of the sorted sample s, and
// its number of distinct values: all of them when limit is 0 or they are
// no more than limit, else the first, the last and each where F crosses a
// multiple of 1/limit (which moves the drawn curve by less than a pixel
// for a limit of 2,000).
func steps(s []float64, limit int) (x, f []float64, distinct int) {
	n := len(s)
	for i := range s {
		if i+1 == n || s[i+1] != s[i] {
			distinct++
		}
	}
	thin := limit > 0 && distinct > limit
	size := distinct
	if thin {
		size = limit + 2
	}
	x, f = make([]float64, 0, size), make([]float64, 0, size)
	last := -1.0
	for i, v := range s {
		if i+1 < n && s[i+1] == v {
			continue
		}
		fi := float64(i+1) / float64(n)
		if thin {
			bucket := math.Floor(fi * float64(limit))
			if len(x) > 0 && i+1 < n && bucket <= last {
				continue
			}
			last = bucket
		}
		x, f = append(x, v), append(f, fi)
	}
	return x, f, distinct
}

// ECDFStats is what a chart of two empirical CDFs shows.
type ECDFStats struct {
	// Group and Value name the columns of the {group, value} form; X and
	// Y those of the {x, y} form.
	Group string `json:"group,omitempty"`
	Value string `json:"value,omitempty"`
	X     string `json:"x,omitempty"`
	Y     string `json:"y,omitempty"`
	N     int    `json:"n"`
	// Curves are the two samples' empirical CDFs, in the test's order.
	Curves []Steps `json:"curves"`
	// Statistic, PValue and Method are scipy's ks_2samp; Location is the
	// value where the CDFs are furthest apart (statistic_location) and
	// Sign +1 when the first sample's CDF is the higher there.
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	Method    string  `json:"method"`
	Location  float64 `json:"location"`
	Sign      int     `json:"sign"`
	// FirstAt and SecondAt are the two CDFs at Location: the ends of the
	// segment marking D.
	FirstAt  float64 `json:"first_at"`
	SecondAt float64 `json:"second_at"`
}

func drawECDF(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "ecdf"
	tp := map[string]string{}
	for _, k := range []string{"x", "y", "group", "value"} {
		if v, ok := params[k]; ok {
			tp[k] = v
		}
	}
	res, err := stats.Run(ctx, ds, "ks_2samp", tp)
	if err != nil {
		return nil, err
	}
	r, ok := res.Stats.(*stats.KS2SampAnalysis)
	if !ok {
		return nil, fmt.Errorf("plots: ks_2samp gave %T", res.Stats)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := &ECDFStats{N: r.N, Statistic: r.Statistic, PValue: r.PValue, Method: r.Method, Location: r.StatisticLocation, Sign: r.StatisticSign}
	var samples [][]float64
	var legendTitle, what, xlabel string
	if tp["x"] != "" || tp["y"] != "" {
		st.X, st.Y = tp["x"], tp["y"]
		for _, name := range []string{st.X, st.Y} {
			c, err := stats.NumericColumn(ds, id, "x", name)
			if err != nil {
				return nil, err
			}
			s := make([]float64, 0, len(c.Floats))
			for _, v := range c.Floats {
				if !math.IsNaN(v) {
					s = append(s, v)
				}
			}
			samples = append(samples, s)
		}
		legendTitle, what, xlabel = "column", st.X+" and "+st.Y, "value"
	} else {
		st.Group, st.Value = tp["group"], tp["value"]
		_, values, _, err := stats.GroupedColumns(ds, id, tp)
		if err != nil {
			return nil, err
		}
		samples = values
		legendTitle, what, xlabel = st.Group, st.Value+" by "+st.Group, st.Value
	}
	if len(samples) != 2 || len(r.Groups) != 2 {
		return nil, fmt.Errorf("plots: ks_2samp compared %d samples", len(samples))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, s := range samples {
		// One sample may be constant (a single step); none may hold an
		// infinity or span more than a float holds.
		l, h := minMax(s)
		if l != h || math.IsInf(l, 0) {
			if err := checkRange(id, r.Groups[i].Level, l, h); err != nil {
				return nil, err
			}
		}
		lo, hi = math.Min(lo, l), math.Max(hi, h)
		sorted := slices.Clone(s)
		slices.Sort(sorted)
		cdf := float64(upperBound(sorted, st.Location)) / float64(len(sorted))
		if i == 0 {
			st.FirstAt = cdf
		} else {
			st.SecondAt = cdf
		}
		v, f, distinct := steps(sorted, maxSteps)
		st.Curves = append(st.Curves, Steps{Level: r.Groups[i].Level, N: len(s), X: v, F: f, Distinct: distinct})
	}
	if err := checkRange(id, what, lo, hi); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	p := newPlot(xlabel, "cumulative fraction", true)
	p.Y.Min, p.Y.Max = -0.025, 1.025
	pad := (hi - lo) * 0.03
	if !finite(lo-pad, hi+pad, hi-lo+2*pad) {
		pad = 0
	}
	leg := newLegend()
	for i, c := range st.Curves {
		pts := make(plotter.XYs, 0, 2*len(c.X)+2)
		pts = append(pts, plotter.XY{X: lo - pad, Y: 0})
		prev := 0.0
		for k, v := range c.X {
			pts = append(pts, plotter.XY{X: v, Y: prev}, plotter.XY{X: v, Y: c.F[k]})
			prev = c.F[k]
		}
		pts = append(pts, plotter.XY{X: hi + pad, Y: 1})
		ln, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("plots: empirical CDF: %w", err)
		}
		ln.Color, ln.Width = palette[i], vg.Points(2)
		if i == 1 {
			ln.Dashes = []vg.Length{vg.Points(7), vg.Points(3)}
		}
		p.Add(ln)
		leg.Add(fmt.Sprintf("%s (n = %s)", c.Level, fmtInt(c.N)), ln)
	}
	d, err := plotter.NewLine(plotter.XYs{{X: st.Location, Y: st.FirstAt}, {X: st.Location, Y: st.SecondAt}})
	if err != nil {
		return nil, fmt.Errorf("plots: D: %w", err)
	}
	d.Color, d.Width = ink, vg.Points(1.6)
	ends, err := plotter.NewScatter(plotter.XYs{{X: st.Location, Y: st.FirstAt}, {X: st.Location, Y: st.SecondAt}})
	if err != nil {
		return nil, fmt.Errorf("plots: D: %w", err)
	}
	ends.GlyphStyle = draw.GlyphStyle{Color: ink, Radius: vg.Points(2.6), Shape: draw.CircleGlyph{}}
	p.Add(d, ends)
	leg.Add("D = "+fmt3(st.Statistic)+" at "+fmtG(st.Location), d, ends)

	// In words: each curve rises by the share of its values at or below
	// x, and the test's D is the widest vertical gap between them. The
	// test's name stays, as a statistician reads it.
	sub := fmt.Sprintf("largest gap between the curves D = %s at %s, %s (two-sample Kolmogorov–Smirnov, %s) · n = %s and %s · each curve: the share of values at or below x",
		fmt3(st.Statistic), fmtG(st.Location), stats.FormatP(st.PValue), st.Method, fmtInt(st.Curves[0].N), fmtInt(st.Curves[1].N))
	title := "Empirical CDFs of " + what
	fig := &figure{plot: p, title: title, subtitle: sub, legend: leg, legendTitle: legendTitle}
	ch := &Chart{Title: title, Subtitle: sub, Stats: st, RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	higher := st.Curves[0].Level
	if st.Sign < 0 {
		higher = st.Curves[1].Level
	}
	ch.Report = fmt.Sprintf("The shares of values at or below each x in %s and %s (n = %s and %s) are furthest apart at %s, where that of %s is the higher by D = %s (%s). "+
		"The curves are the empirical CDFs, and D is the two-sample Kolmogorov–Smirnov statistic (%s).",
		st.Curves[0].Level, st.Curves[1].Level, fmtInt(st.Curves[0].N), fmtInt(st.Curves[1].N), fmtG(st.Location), higher,
		fmt3(st.Statistic), stats.FormatP(st.PValue), st.Method)
	return ch, nil
}

// upperBound returns the number of values of sorted s at or below v
// (numpy's searchsorted(s, v, side="right")).
func upperBound(s []float64, v float64) int {
	return sort.Search(len(s), func(k int) bool { return s[k] > v })
}
