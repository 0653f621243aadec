package plots

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// QQ is a probability plot: the ordered sample against the quantiles of a
// distribution, and the least-squares line through them.
type QQ struct {
	// Theoretical holds the quantiles of the distribution at Filliben's
	// estimates of the uniform order statistic medians, and Ordered the
	// sorted sample, pair by pair.
	Theoretical []float64 `json:"theoretical"`
	Ordered     []float64 `json:"ordered"`
	// Slope and Intercept are the least-squares line of Ordered on
	// Theoretical, and R their correlation.
	Slope     float64 `json:"slope"`
	Intercept float64 `json:"intercept"`
	R         float64 `json:"r"`
}

// ProbPlot computes the probability plot of x (no NaN, at least two values,
// not constant) against distribution dist, as scipy.stats.probplot(x,
// sparams, dist) with fit=True: the theoretical quantiles are dist's
// quantile function at Filliben's order statistic medians m₁ = 1 − 0.5^(1/n),
// mᵢ = (i − 0.3175)/(n + 0.365), mₙ = 0.5^(1/n), and the line is
// scipy.stats.linregress of the sorted sample on them. dist is "norm",
// "expon", "uniform" (each with location 0 and scale 1, so that the line's
// intercept and slope estimate the location and scale) or "gamma" with the
// given shape (scale 1). shape is ignored by the other distributions. x is
// not modified.
func ProbPlot(x []float64, dist string, shape float64) (QQ, error) {
	return probPlot(context.Background(), x, dist, shape)
}

// quantileChunk is how many quantiles a worker computes between checks
// of the context.
const quantileChunk = 1 << 14

// probPlot is ProbPlot, checking ctx between chunks of quantiles (a
// million gamma quantiles take seconds), which it spreads over the
// processors; each value is computed as alone, so the result does not
// depend on their number.
func probPlot(ctx context.Context, x []float64, dist string, shape float64) (QQ, error) {
	n := len(x)
	if n < 2 {
		return QQ{}, inferra.Errorf(inferra.EInvalid, "a probability plot needs at least 2 values, got %d", n)
	}
	ppf, err := quantileFunc(dist, shape)
	if err != nil {
		return QQ{}, err
	}
	q := QQ{Theoretical: make([]float64, n), Ordered: slices.Clone(x)}
	slices.Sort(q.Ordered)
	if q.Ordered[0] == q.Ordered[n-1] {
		return QQ{}, inferra.Errorf(inferra.EInvalid, "a probability plot needs a sample that varies, but every value is %s", fmtG(q.Ordered[0]))
	}
	last := math.Pow(0.5, 1/float64(n))
	fill := func(from, to int) {
		for i := from; i < to; i++ {
			var m float64
			switch i {
			case 0:
				m = 1 - last
			case n - 1:
				m = last
			default:
				m = (float64(i+1) - 0.3175) / (float64(n) + 0.365)
			}
			q.Theoretical[i] = ppf(m)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), n/quantileChunk)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				from := int(next.Add(quantileChunk)) - quantileChunk
				if from >= n {
					return
				}
				fill(from, min(from+quantileChunk, n))
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return QQ{}, err
	}
	q.Slope, q.Intercept, q.R = lineFit(q.Theoretical, q.Ordered)
	return q, nil
}

// quantileFunc returns the quantile function of the standard form of dist.
func quantileFunc(dist string, shape float64) (func(float64) float64, error) {
	switch dist {
	case "norm":
		return distuv.UnitNormal.Quantile, nil
	case "expon":
		return func(p float64) float64 { return -math.Log1p(-p) }, nil
	case "uniform":
		return func(p float64) float64 { return p }, nil
	case "gamma":
		if !(shape > 0) || math.IsInf(shape, 0) {
			return nil, inferra.Errorf(inferra.EInvalid, "a gamma probability plot needs a positive finite shape, got %g", shape)
		}
		lg, _ := math.Lgamma(shape)
		return func(p float64) float64 { return gammaQuantile(shape, p, lg) }, nil
	}
	return nil, inferra.Errorf(inferra.EInvalid, "a probability plot compares with %s, not %q",
		strings.Join(stats.KSDistributions, ", "), dist).WithDetail("param", "dist")
}

// gammaQuantile returns the p-quantile of the gamma distribution with
// shape a (scale 1), whose log-gamma is lg. Below the median it refines
// gonum's GammaIncRegInv by Newton's method on ln P(a, x) over ln x, which
// stays accurate where that answers 0 or loses digits (small shapes and
// small p: x = 2.5e-110 for a = 0.05, p = 3.4e-6), and agrees with scipy's
// gammaincinv to about 1e-13.
func gammaQuantile(a, p, lg float64) float64 {
	x := mathext.GammaIncRegInv(a, p)
	if p >= 0.5 {
		return x
	}
	lp := math.Log(p)
	u := math.Log(x)
	if !(x > 0) || math.IsInf(x, 0) {
		// P(a, x) ≈ x^a / Γ(a + 1) for small x.
		la1, _ := math.Lgamma(a + 1)
		u = (lp + la1) / a
	}
	for range 60 {
		x = math.Exp(u)
		px := mathext.GammaIncReg(a, x)
		if !(px > 0) {
			u++
			continue
		}
		lpx := math.Log(px)
		// d ln P / d ln x = x · f(x) / P, f the density.
		step := (lpx - lp) / math.Exp(a*u-x-lg-lpx)
		u -= step
		if !(math.Abs(step) > 1e-15*math.Max(1, math.Abs(u))) {
			break
		}
	}
	return math.Exp(u)
}

// lineFit returns the least-squares line of y on x and their correlation,
// as scipy.stats.linregress, from centred sums; y is scaled by a power of
// two first where its squares would overflow or underflow (x, quantiles of
// a standard distribution, never need it).
func lineFit(x, y []float64) (slope, intercept, r float64) {
	s := powerScale(y)
	n := float64(len(x))
	var sx, sy float64
	for i := range x {
		sx += x[i]
		sy += y[i] / s
	}
	mx, my := sx/n, sy/n
	var sxx, syy, sxy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]/s-my
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	slope = sxy / sxx
	intercept = (my - slope*mx) * s
	r = sxy / math.Sqrt(sxx*syy)
	if r > 1 {
		r = 1
	}
	return slope * s, intercept, r
}

// QQStats is what a Q-Q plot shows.
type QQStats struct {
	// X is the column and N its values drawn (the missing left out).
	X string `json:"x"`
	N int    `json:"n"`
	// Dist is the distribution compared with ("norm", "expon", "gamma",
	// "uniform") and Shape its fitted shape (gamma only).
	Dist  string   `json:"dist"`
	Shape *float64 `json:"shape,omitempty"`
	// Slope, Intercept and R are those of ProbPlot over all N values.
	Slope     float64 `json:"slope"`
	Intercept float64 `json:"intercept"`
	R         float64 `json:"r"`
	// Theoretical and Ordered are the points drawn: every one up to
	// Options.MaxPoints, else the 100 lowest, the 100 highest and evenly
	// spaced ranks between (Shown says how many).
	Theoretical []float64 `json:"theoretical"`
	Ordered     []float64 `json:"ordered"`
	Shown       int       `json:"shown"`
	// Test is the analysis whose result the subtitle states ("shapiro",
	// "anderson", "lilliefors", "kstest"), and Statistic and PValue its
	// result (no p-value for anderson).
	Test      string   `json:"test"`
	Statistic float64  `json:"statistic"`
	PValue    *float64 `json:"p_value,omitempty"`
	// FitLoc and FitScale are kstest's fitted location and scale, drawn as
	// the line loc + scale · quantile beside the least-squares line.
	FitLoc   *float64 `json:"fit_loc,omitempty"`
	FitScale *float64 `json:"fit_scale,omitempty"`
}

// qqTests are the tests whose companion is a Q-Q plot.
var qqTests = []string{"shapiro", "anderson", "lilliefors", "kstest"}

var distTitles = map[string]string{"norm": "Normal", "expon": "Exponential", "gamma": "Gamma", "uniform": "Uniform"}

// distAdjectives describe data that follow each distribution, for the
// subtitle's "points near the line mean … data".
var distAdjectives = map[string]string{"norm": "normal", "expon": "exponential", "gamma": "gamma-shaped", "uniform": "uniform"}

func drawQQ(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "qqplot"
	name, err := stats.Param(id, params, "x")
	if err != nil {
		return nil, err
	}
	dist := strings.TrimSpace(params["dist"])
	test := strings.TrimSpace(params["test"])
	switch {
	case test == "" && (dist == "" || dist == "norm"):
		test = "shapiro"
	case test == "":
		test = "kstest"
	case !slices.Contains(qqTests, test):
		return nil, inferra.Errorf(inferra.EInvalid, "%s states the result of %s, not %q", id, strings.Join(qqTests, ", "), test).
			WithDetail("param", "test")
	}
	if dist == "" {
		dist = "norm"
	}
	if test != "kstest" && dist != "norm" {
		return nil, inferra.Errorf(inferra.EInvalid, "%s tests normality, so its Q-Q plot compares with the normal, not %q; dist is for kstest",
			test, dist).WithDetail("param", "dist")
	}
	col, err := stats.NumericColumn(ds, id, "x", name)
	if err != nil {
		return nil, err
	}
	x := make([]float64, 0, len(col.Floats))
	for _, v := range col.Floats {
		if !math.IsNaN(v) {
			x = append(x, v)
		}
	}
	dropped := len(col.Floats) - len(x)
	if len(x) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "%s has nothing to draw: every value of %q is missing", id, name).WithDetail("column", name)
	}
	if err := spread(id, name, x); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tp := map[string]string{"x": name}
	if test == "kstest" {
		tp["dist"] = dist
	}
	res, err := stats.Run(ctx, ds, test, tp)
	if err != nil {
		return nil, err
	}
	st := &QQStats{X: name, N: len(x), Dist: dist, Test: test}
	var verdict string
	switch r := res.Stats.(type) {
	case *stats.NormalityResult:
		st.Statistic, st.PValue = r.Statistic, &r.PValue
		if test == "shapiro" {
			verdict = fmt.Sprintf("Shapiro–Wilk W = %s, %s", fmt3(r.Statistic), stats.FormatP(r.PValue))
		} else {
			verdict = fmt.Sprintf("Lilliefors D = %s, %s", fmt3(r.Statistic), tableP(r.PValue))
		}
	case *stats.AndersonResult:
		st.Statistic = r.Statistic
		verdict = fmt.Sprintf("Anderson–Darling A² = %s (critical value %s at 5%%)", stats.FormatNum(r.Statistic), stats.FormatNum(r.CriticalValues[2]))
	case *stats.KSTestResult:
		st.Statistic, st.PValue = r.Statistic, &r.PValue
		st.Shape = r.Shape
		loc, scale := r.Loc, r.Scale
		st.FitLoc, st.FitScale = &loc, &scale
		verdict = fmt.Sprintf("Kolmogorov–Smirnov D = %s, %s against the fitted %s", fmt3(r.Statistic), stats.FormatP(r.PValue), strings.ToLower(distTitles[dist]))
	default:
		return nil, fmt.Errorf("plots: %s gave %T", test, res.Stats)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	shape := 0.0
	if st.Shape != nil {
		shape = *st.Shape
	}
	q, err := probPlot(ctx, x, dist, shape)
	if err != nil {
		return nil, err
	}
	st.Slope, st.Intercept, st.R = q.Slope, q.Intercept, q.R
	qlo, qhi := q.Theoretical[0], q.Theoretical[len(x)-1]
	line := [2]float64{q.Intercept + q.Slope*qlo, q.Intercept + q.Slope*qhi}
	if !finite(st.Slope, st.Intercept, st.R, line[0], line[1]) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s cannot draw the line of %q: its slope or intercept lies beyond the largest float (about 1.8e308); rescale the column",
			id, name).WithDetail("column", name)
	}
	keep := thinRanks(len(x), opt.MaxPoints)
	st.Shown = len(keep)
	st.Theoretical, st.Ordered = make([]float64, len(keep)), make([]float64, len(keep))
	pts := make(plotter.XYs, len(keep))
	for i, k := range keep {
		st.Theoretical[i], st.Ordered[i] = q.Theoretical[k], q.Ordered[k]
		pts[i] = plotter.XY{X: q.Theoretical[k], Y: q.Ordered[k]}
	}

	xlabel := "theoretical quantiles of the standard " + strings.ToLower(distTitles[dist])
	if dist == "gamma" {
		xlabel = fmt.Sprintf("theoretical quantiles of the gamma (shape %s, scale 1)", fmtG(shape))
	}
	p := newPlot(xlabel, "ordered values of "+name, true)
	leg := newLegend()
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, fmt.Errorf("plots: Q-Q points: %w", err)
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: colour(0, 0.75), Radius: vg.Points(2.4), Shape: draw.CircleGlyph{}}
	ls, err := plotter.NewLine(plotter.XYs{{X: qlo, Y: line[0]}, {X: qhi, Y: line[1]}})
	if err != nil {
		return nil, fmt.Errorf("plots: Q-Q line: %w", err)
	}
	ls.Color, ls.Width = accent, vg.Points(2)
	p.Add(sc, ls)
	padAxes(p, pts)
	leg.Add("sample (n = "+fmtInt(st.N)+")", sc)
	leg.Add("least-squares line", ls)
	if st.FitLoc != nil {
		ends := plotter.XYs{{X: qlo, Y: *st.FitLoc + *st.FitScale*qlo}, {X: qhi, Y: *st.FitLoc + *st.FitScale*qhi}}
		if !finite(ends[0].Y, ends[1].Y) {
			return nil, inferra.Errorf(inferra.EInvalid, "%s cannot draw the fitted %s of %q: it lies beyond the largest float (about 1.8e308); rescale the column",
				id, dist, name).WithDetail("column", name)
		}
		fl, err := plotter.NewLine(ends)
		if err != nil {
			return nil, fmt.Errorf("plots: fitted line: %w", err)
		}
		fl.Color, fl.Width = palette[2], vg.Points(1.6)
		fl.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		p.Add(fl)
		leg.Add("fitted (loc "+minus(fmtG(*st.FitLoc))+", scale "+fmtG(*st.FitScale)+")", fl)
	}
	how := "every point drawn"
	if st.Shown < st.N {
		how = fmt.Sprintf("%s of the %s points drawn (the 100 at each end all drawn)", fmtInt(st.Shown), fmtInt(st.N))
	}
	// The line's intercept and slope are in the report; the subtitle says
	// how to read the picture.
	sub := fmt.Sprintf("%s · n = %s · points near the line mean %s data (r = %s) · %s", verdict, fmtInt(st.N),
		distAdjectives[dist], fmt3(st.R), how)
	title := distTitles[dist] + " Q-Q plot of " + name
	pad(&p.X, true, true)
	pad(&p.Y, true, true)
	fig := &figure{plot: p, title: title, subtitle: sub, legend: leg, legendTitle: name}
	ch := &Chart{Title: title, Subtitle: sub, Stats: st, RowsUsed: st.N, RowsDropped: dropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	ch.Report = fmt.Sprintf("%s Q-Q plot of %s (n = %s): the ordered values against the %s quantiles lie along a line with r = %s (%s); "+
		"points bending away from it at the ends show heavier or lighter tails, a curve skewness. The least-squares line has intercept %s and slope %s.",
		distTitles[dist], name, fmtInt(st.N), strings.ToLower(distTitles[dist]), fmt3(st.R), verdict,
		minus(fmtG(st.Intercept)), minus(fmtG(st.Slope)))
	return ch, nil
}

// thinRanks returns the ranks (0 to n − 1) of the points drawn: all of
// them up to limit, else the 100 lowest, the 100 highest and limit − 200
// evenly spaced between.
func thinRanks(n, limit int) []int {
	const tail = 100
	if n <= max(limit, 2*tail+2) {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := make([]int, 0, max(limit, 2*tail+2))
	for i := range tail {
		out = append(out, i)
	}
	mid := max(limit-2*tail, 2)
	for j := range mid {
		k := tail + int(math.Round(float64(j)*float64(n-2*tail-1)/float64(mid-1)))
		if k > out[len(out)-1] {
			out = append(out, k)
		}
	}
	for i := n - tail; i < n; i++ {
		if i > out[len(out)-1] {
			out = append(out, i)
		}
	}
	return out
}

// fmt3 writes a statistic bounded by one with three decimals and no
// leading zero: ".981".
func fmt3(x float64) string {
	s := fmt.Sprintf("%.3f", x)
	if strings.HasPrefix(s, "0.") {
		return s[1:]
	}
	if strings.HasPrefix(s, "-0.") {
		return "−" + s[2:]
	}
	return s
}

// tableP writes a p-value interpolated in a table, which is bounded by the
// table's 0.001 and 0.99.
func tableP(p float64) string {
	switch {
	case p <= 0.001:
		return "p ≤ .001"
	case p >= 0.99:
		return "p ≥ .99"
	}
	return stats.FormatP(p)
}

// minus writes a leading minus sign as a true minus: "−5176".
func minus(s string) string {
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return s
}

// padAxes widens both axes by 3% of the points' range each side, so that
// no point sits on the frame (when the widened range stays finite).
func padAxes(p *plot.Plot, pts plotter.XYs) {
	xlo, xhi, ylo, yhi := plotter.XYRange(pts)
	for _, a := range []struct {
		axis   *plot.Axis
		lo, hi float64
	}{{&p.X, xlo, xhi}, {&p.Y, ylo, yhi}} {
		pad := (a.hi - a.lo) * 0.03
		lo, hi := math.Min(a.axis.Min, a.lo-pad), math.Max(a.axis.Max, a.hi+pad)
		if finite(pad, lo, hi, hi-lo) {
			a.axis.Min, a.axis.Max = lo, hi
		}
	}
}
