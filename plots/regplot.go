package plots

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// BandSize is the number of points at which a regression plot evaluates
// its line and band, spanning the range of x, as seaborn's regplot.
const BandSize = 100

// Band is a fitted line with its 95% confidence band for the mean.
type Band struct {
	X    []float64 `json:"x"`
	Fit  []float64 `json:"fit"`
	Low  []float64 `json:"low"`
	High []float64 `json:"high"`
}

// RegplotStats is what a regression plot shows.
type RegplotStats struct {
	X string `json:"x"`
	Y string `json:"y"`
	N int    `json:"n"`
	// Intercept and Slope are the OLS fit of y on x over all N rows.
	Intercept float64 `json:"intercept"`
	Slope     float64 `json:"slope"`
	// R and PValue are Pearson's correlation and its two-sided p-value.
	R      float64 `json:"r"`
	PValue float64 `json:"p_value"`
	Band   Band    `json:"band"`
	Cloud
}

// RegBand fits y = a + b·x by ordinary least squares (x and y of equal
// length, at least three pairs, x not constant) and returns the fitted
// line at the points at with its 95% confidence band for the mean, as
// statsmodels' OLS(y, [1, x]).fit().get_prediction(at).conf_int():
// ŷ ± t₀.₉₇₅(n − 2) · s · √(1/n + (x₀ − x̄)²/Sxx). It is computed from the
// fit, not by bootstrap. Where x or y are so large or so small that their
// sums of squares would overflow or underflow, the fit is computed on them
// scaled by powers of two and scaled back, which changes no digit; a line
// or band beyond the largest float comes back infinite.
func RegBand(x, y, at []float64) (a, b float64, band Band) {
	sx, sy := powerScale(x), powerScale(y)
	n := float64(len(x))
	var sumX, sumY float64
	for i := range x {
		sumX += x[i] / sx
		sumY += y[i] / sy
	}
	mx, my := sumX/n, sumY/n
	var sxx, sxy float64
	for i := range x {
		dx := x[i]/sx - mx
		sxx += dx * dx
		sxy += dx * (y[i]/sy - my)
	}
	bs := sxy / sxx
	as := my - bs*mx
	var ssr float64
	for i := range x {
		e := y[i]/sy - as - bs*(x[i]/sx)
		ssr += e * e
	}
	s2 := ssr / (n - 2)
	t := stats.TQuantile(0.975, n-2)
	band = Band{X: at, Fit: make([]float64, len(at)), Low: make([]float64, len(at)), High: make([]float64, len(at))}
	for i, x0 := range at {
		fit := as + bs*(x0/sx)
		d := x0/sx - mx
		half := t * math.Sqrt(s2*(1/n+d*d/sxx))
		band.Fit[i], band.Low[i], band.High[i] = fit*sy, (fit-half)*sy, (fit+half)*sy
	}
	return as * sy, bs * sy / sx, band
}

// powerScale returns 1 for values whose squares and their sums stay within
// the normal floats, otherwise the power of two near the largest
// magnitude, dividing by which is exact (x holds finite values).
func powerScale(x []float64) float64 {
	var top float64
	for _, v := range x {
		top = math.Max(top, math.Abs(v))
	}
	if top == 0 || (top >= 0x1p-400 && top <= 0x1p400) {
		return 1
	}
	_, e := math.Frexp(top)
	return math.Ldexp(1, e-1)
}

func drawRegplot(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "regplot"
	f, err := readFrame(ds, id, params, true)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(f.x) < 3 {
		return nil, inferra.Errorf(inferra.EInvalid, "%s needs at least 3 rows with values of both %q and %q to fit a line, but has %d",
			id, f.xName, f.yName, len(f.x))
	}
	pr, err := stats.PearsonR(f.x, f.y)
	if err != nil {
		return nil, err
	}
	lo, hi := minMax(f.x)
	st := &RegplotStats{X: f.xName, Y: f.yName, N: len(f.x), R: pr.Statistic, PValue: pr.PValue}
	st.Intercept, st.Slope, st.Band = RegBand(f.x, f.y, linspace(lo, hi, BandSize))
	if !finite(st.Intercept, st.Slope) || !finite(st.Band.Fit...) || !finite(st.Band.Low...) || !finite(st.Band.High...) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s cannot draw the line of %q on %q: its intercept, slope or confidence band lies beyond the largest float (about 1.8e308); rescale the columns",
			id, f.yName, f.xName).WithDetail("column", f.yName)
	}

	p := newPlot(f.xName, f.yName, true)
	var how string
	st.Cloud, how = addCloud(p, f, opt, nil)
	if err := addBand(p, st.Band); err != nil {
		return nil, err
	}
	sub := fmt.Sprintf("r = %s, %s, n = %s · the best straight line, its likely range shaded (95%%) · %s",
		stats.FormatBounded(st.R), stats.FormatP(st.PValue), fmtInt(st.N), how)
	title := f.yName + " against " + f.xName
	pad(&p.X, true, true)
	pad(&p.Y, true, true)
	fig := &figure{plot: p, title: title, subtitle: sub}
	ch := &Chart{Title: title, Subtitle: sub, Stats: st, RowsUsed: st.N, RowsDropped: f.dropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	ch.Report = fmt.Sprintf("Regression plot of %s on %s: %s = %s %s %s × %s (r = %s, %s, n = %s). "+
		"The line is the least-squares (OLS) fit, shaded with its 95%% confidence band.",
		f.yName, f.xName, f.yName, fmtG(st.Intercept), sign(st.Slope), fmtG(math.Abs(st.Slope)), f.xName,
		stats.FormatBounded(st.R), stats.FormatP(st.PValue), fmtInt(st.N))
	return ch, nil
}

func sign(x float64) string {
	if x < 0 {
		return "−"
	}
	return "+"
}

// addBand adds the band as a translucent area and the line over it.
func addBand(p *plot.Plot, band Band) error {
	n := len(band.X)
	area := make(plotter.XYs, 0, 2*n)
	line := make(plotter.XYs, n)
	for i := range n {
		area = append(area, plotter.XY{X: band.X[i], Y: band.High[i]})
		line[i] = plotter.XY{X: band.X[i], Y: band.Fit[i]}
	}
	for i := n - 1; i >= 0; i-- {
		area = append(area, plotter.XY{X: band.X[i], Y: band.Low[i]})
	}
	poly, err := plotter.NewPolygon(area)
	if err != nil {
		return fmt.Errorf("plots: confidence band: %w", err)
	}
	poly.Color = withAlpha(accent, 0.25)
	poly.LineStyle.Width = 0
	ln, err := plotter.NewLine(line)
	if err != nil {
		return fmt.Errorf("plots: fitted line: %w", err)
	}
	ln.Color, ln.Width = accent, vg.Points(2.2)
	p.Add(poly, ln)
	return nil
}

// ResidualsStats is what a residuals chart shows.
type ResidualsStats struct {
	Formula string `json:"formula"`
	N       int    `json:"n"`
	// RSquared and ResidualStdError are those of the fit.
	RSquared         float64 `json:"r_squared"`
	ResidualStdError float64 `json:"residual_std_error"`
	Cloud
}

func drawResiduals(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error) {
	const id = "residuals"
	formula, err := stats.Param(id, params, "formula")
	if err != nil {
		return nil, err
	}
	d, err := stats.NewDesign(ds, formula)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fit, err := stats.OLS(d, stats.OLSOptions{})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !finite(fit.RSquared, fit.ResidualStdError) || !finite(fit.Fitted...) || !finite(fit.Residuals...) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"%s cannot be drawn for %q: its fitted values, residuals or R² are not finite numbers at these magnitudes (sums of squares beyond the largest float); rescale the columns",
			id, formula)
	}
	f := &frame{xName: "fitted " + fit.Dependent, yName: "residual", x: fit.Fitted, y: fit.Residuals, dropped: d.RowsDropped}
	st := &ResidualsStats{Formula: formula, N: fit.N, RSquared: fit.RSquared, ResidualStdError: fit.ResidualStdError}
	p := newPlot(f.xName, f.yName, true)
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 0}})
	if err != nil {
		return nil, fmt.Errorf("plots: zero line: %w", err)
	}
	lo, hi := minMax(f.x)
	if lo == hi {
		return nil, inferra.Errorf(inferra.EInvalid, "%s has nothing to show: every fitted value of %q is %s", id, formula, fmtG(lo))
	}
	zero.XYs[0].X, zero.XYs[1].X = lo, hi
	zero.Color, zero.Width = accent, vg.Points(1.5)
	zero.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
	var how string
	st.Cloud, how = addCloud(p, f, opt, nil)
	p.Add(zero)
	sub := fmt.Sprintf("%s · n = %s · R² = %s · a residual is typically ±%s · %s · a good fit scatters evenly around 0",
		plainFormula(formula), fmtInt(st.N), stats.FormatBounded(st.RSquared), fmtG(st.ResidualStdError), how)
	title := "Residuals against fitted values"
	pad(&p.X, true, true)
	pad(&p.Y, true, true)
	fig := &figure{plot: p, title: title, subtitle: sub}
	ch := &Chart{Title: title, Subtitle: sub, Stats: st, RowsUsed: st.N, RowsDropped: d.RowsDropped}
	if ch.PNG, ch.SVG, err = fig.encode(ctx, opt); err != nil {
		return nil, err
	}
	ch.Report = fmt.Sprintf("Residuals against fitted values of %s (n = %s): look for curvature or a funnel, signs that the linear model or its constant variance do not fit. "+
		"R² = %s; the residual standard error is %s.",
		strings.TrimSpace(formula), fmtInt(st.N), stats.FormatBounded(st.RSquared), fmtG(st.ResidualStdError))
	return ch, nil
}

// quotedName is a column name quoted for a formula: Q('floor.area').
var quotedName = regexp.MustCompile(`Q\((?:'([^']*)'|"([^"]*)")\)`)

// plainFormula is a formula as a reader writes it: floor.area, not
// Q('floor.area').
func plainFormula(f string) string {
	return quotedName.ReplaceAllString(strings.TrimSpace(f), "$1$2")
}
