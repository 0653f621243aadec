package plots

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// Chart is one rendered chart: its pictures, the facts it shows and a
// sentence about it.
type Chart struct {
	// Name is the chart id ("boxplot", "residuals", …), which names its
	// files: Name + ".png" and Name + ".svg".
	Name string
	// Title and Subtitle are the header drawn on the chart.
	Title, Subtitle string
	// PNG and SVG are the encoded pictures; the same input gives the same
	// bytes.
	PNG, SVG []byte
	// Stats holds what the chart computed, JSON-marshallable and free of
	// NaN: one of *BoxplotStats, *HistogramStats, *KDEStats,
	// *ScatterStats, *RegplotStats, *ResidualsStats, *CrosstabStats,
	// *QQStats, *ECDFStats.
	Stats any
	// Report is a plain sentence about the chart.
	Report string
	// RowsUsed and RowsDropped count rows after listwise deletion of
	// missing values over the columns the chart uses.
	RowsUsed, RowsDropped int
}

// Options sets the size of the pictures and how many points a scatter draws
// one by one. The zero value gives the defaults.
type Options struct {
	// Width and Height are the PNG's size in pixels. Default to 1000 and
	// 750.
	Width, Height int
	// DPI is the PNG's resolution, which scales text and lines with the
	// pixel size. Defaults to 125, so that the default picture is 8 by 6
	// inches.
	DPI int
	// MaxPoints is the largest number of points drawn one by one; above
	// it a scatter draws the density of all points (or, with hue, a
	// random subsample of MaxPoints, seeded by Seed). Defaults to 5000.
	MaxPoints int
	// Seed seeds the subsample. Defaults to 1.
	Seed uint64
}

func (o Options) withDefaults() Options {
	if o.Width <= 0 {
		o.Width = 1000
	}
	if o.Height <= 0 {
		o.Height = 750
	}
	if o.DPI <= 0 {
		o.DPI = 125
	}
	if o.MaxPoints <= 0 {
		o.MaxPoints = 5000
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Spec describes one chart that Render draws.
type Spec struct {
	// ID is the analysis id, such as "boxplot".
	ID string `json:"id"`
	// Function is the function of this package that draws it.
	Function string `json:"function"`
	// Params are the required parameters, Optional the accepted ones.
	Params   []string `json:"params"`
	Optional []string `json:"optional,omitempty"`
	// Summary says in a few words what the chart shows.
	Summary string `json:"summary"`
	// Companion is true for a chart that accompanies a test rather than
	// answering a question alone ("residuals"); the rule engine never
	// chooses it.
	Companion bool `json:"companion,omitempty"`
	// Result is the Go type of what the chart computed: Render returns a
	// pointer to one as Chart.Stats, which the job document of a chart
	// analysis shows as its "result". The OpenAPI document's result
	// schemas are generated from it.
	Result reflect.Type `json:"-"`

	draw func(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*Chart, error)
}

var specs = []Spec{
	{ID: "boxplot", Result: reflect.TypeFor[BoxplotStats](), Function: "Boxplot", Params: []string{"group", "value"}, Optional: []string{"test"},
		Summary: "box plot of a numeric column by group (Tukey whiskers, outliers)", draw: drawBoxplot},
	{ID: "scatter", Result: reflect.TypeFor[ScatterStats](), Function: "Scatter", Params: []string{"x", "y"}, Optional: []string{"hue"},
		Summary: "scatter plot of two numeric columns (hue: colour by a grouping column)", draw: drawScatter},
	{ID: "regplot", Result: reflect.TypeFor[RegplotStats](), Function: "Regplot", Params: []string{"x", "y"},
		Summary: "scatter plot with the OLS line and its 95% confidence band", draw: drawRegplot},
	{ID: "histogram", Result: reflect.TypeFor[HistogramStats](), Function: "Histogram", Params: []string{"x"}, Optional: []string{"bins"},
		Summary: "histogram of a numeric column (bins: numpy's auto rule unless given)", draw: drawHistogram},
	{ID: "kde", Result: reflect.TypeFor[KDEStats](), Function: "KDE", Params: []string{"x"}, Optional: []string{"hue"},
		Summary: "Gaussian kernel density estimate, Scott's bandwidth (hue: one curve per group)", draw: drawKDE},
	{ID: "residuals", Result: reflect.TypeFor[ResidualsStats](), Function: "Residuals", Params: []string{"formula"},
		Summary: "residuals against fitted values of an OLS formula", draw: drawResiduals, Companion: true},
	{ID: "crosstab", Result: reflect.TypeFor[CrosstabStats](), Function: "Crosstab", Params: []string{"x", "y"}, Optional: []string{"strata", "test"},
		Summary: "grouped bars of the contingency table of two categorical columns (strata: one group of bars per stratum; test: chi2_contingency, fisher_exact or mantel_haenszel, whose result the subtitle states)",
		draw:    drawCrosstab, Companion: true},
	{ID: "qqplot", Result: reflect.TypeFor[QQStats](), Function: "QQPlot", Params: []string{"x"}, Optional: []string{"dist", "test"},
		Summary: "Q-Q plot of a numeric column against the normal (dist: norm, expon, gamma, uniform, fitted as kstest) with the least-squares line (test: shapiro, anderson, lilliefors or kstest)",
		draw:    drawQQ, Companion: true},
	{ID: "ecdf", Result: reflect.TypeFor[ECDFStats](), Function: "ECDF", Params: []string{}, Optional: []string{"x", "y", "group", "value"},
		Summary: "empirical CDFs of two samples ({x, y} or {group, value}) with the largest distance D of ks_2samp marked",
		draw:    drawECDF, Companion: true},
}

// Specs returns the charts this package draws, in the order of
// ARCHITECTURE.md, then the companion charts.
func Specs() []Spec {
	out := slices.Clone(specs)
	for i := range out {
		out[i].Params = slices.Clone(out[i].Params)
		out[i].Optional = slices.Clone(out[i].Optional)
	}
	return out
}

// IsChart reports whether id is a chart that Render draws.
func IsChart(id string) bool {
	_, ok := lookup(id)
	return ok
}

func lookup(id string) (Spec, bool) {
	for _, s := range specs {
		if s.ID == id {
			return s, true
		}
	}
	return Spec{}, false
}

// Columns returns the dataset columns that chart id reads with these
// parameters, or nil when it cannot tell (then load every column).
func Columns(id string, params map[string]string) []string {
	s, ok := lookup(id)
	if !ok || id == "residuals" {
		return nil
	}
	var cols []string
	for _, p := range append(slices.Clone(s.Params), s.Optional...) {
		name := params[p]
		if p == "bins" || p == "test" || p == "dist" || (name == "" && slices.Contains(s.Optional, p)) {
			continue
		}
		if name == "" {
			return nil
		}
		if !slices.Contains(cols, name) {
			cols = append(cols, name)
		}
	}
	return cols
}

// Render draws chart id of ds with the given parameters (column names by
// role, as in ARCHITECTURE.md, and the optional hue and bins). An unknown
// id is EUnsupported; a missing or unknown parameter, an unknown or
// non-numeric column, a column with no values or a single distinct value
// is an EInvalid error whose message says what to change. Render checks
// ctx between its stages (reading the columns, computing, each density
// curve and every few grid points of it, before rendering) and returns
// ctx.Err() once it is done, so a deadline or a cancel stops the work
// itself.
func Render(ctx context.Context, ds *inferra.Dataset, id string, params map[string]string, opt Options) (*Chart, error) {
	s, ok := lookup(id)
	if !ok {
		ids := make([]string, len(specs))
		for i, s := range specs {
			ids[i] = s.ID
		}
		return nil, inferra.Errorf(inferra.EUnsupported, "unknown chart %q; the charts are %s",
			id, strings.Join(ids, ", ")).WithDetail("analysis", id).WithDetail("known", ids)
	}
	if err := stats.CheckParams(id, s.Params, s.Optional, params); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ch, err := s.draw(ctx, ds, params, opt.withDefaults())
	if err != nil {
		return nil, err
	}
	if reflect.TypeOf(ch.Stats) != reflect.PointerTo(s.Result) {
		return nil, fmt.Errorf("plots: %s computed a %T, not the *%v of its Spec", id, ch.Stats, s.Result)
	}
	ch.Name = id
	return ch, nil
}

// Companion tells which chart goes beside a statistical analysis and with
// which parameters: a box plot beside a comparison of groups, a regression
// plot beside Pearson's correlation, a scatter plot beside Spearman's and
// the paired tests (y against x), a residuals chart beside a regression,
// grouped bars of the table beside chi2_contingency, fisher_exact and
// mantel_haenszel, a Q-Q plot beside shapiro, anderson, lilliefors and
// kstest (against kstest's dist), and the two empirical CDFs beside
// ks_2samp. ok is false for an analysis without a companion (including the charts
// themselves).
func Companion(analysis string, params map[string]string) (id string, p map[string]string, ok bool) {
	pick := func(keys ...string) map[string]string {
		m := make(map[string]string, len(keys))
		for _, k := range keys {
			m[k] = params[k]
		}
		return m
	}
	switch analysis {
	case "ttest_ind", "f_oneway", "kruskal", "mannwhitneyu":
		p := pick("group", "value")
		p["test"] = analysis
		return "boxplot", p, true
	case "pearsonr":
		return "regplot", pick("x", "y"), true
	case "spearmanr", "ttest_rel", "wilcoxon":
		return "scatter", pick("x", "y"), true
	case "ols":
		return "residuals", pick("formula"), true
	case "chi2_contingency", "fisher_exact":
		p := pick("x", "y")
		p["test"] = analysis
		return "crosstab", p, true
	case "mantel_haenszel":
		p := pick("x", "y", "strata")
		p["test"] = analysis
		return "crosstab", p, true
	case "shapiro", "anderson", "lilliefors":
		p := pick("x")
		p["test"] = analysis
		return "qqplot", p, true
	case "kstest":
		p := pick("x")
		p["test"], p["dist"] = analysis, params["dist"]
		if p["dist"] == "" {
			p["dist"] = "norm"
		}
		return "qqplot", p, true
	case "ks_2samp":
		var p map[string]string
		if params["x"] != "" || params["y"] != "" {
			p = pick("x", "y")
		} else {
			p = pick("group", "value")
		}
		return "ecdf", p, true
	}
	return "", nil, false
}

// ForJob returns the charts a job shows: for a chart analysis, the chart
// itself; for a statistical analysis, its companion chart (none when it
// has no companion). A job service calls it after the analysis succeeded,
// so a companion that cannot be drawn is an error the caller may log and
// ignore; for a chart analysis the error is the job's.
func ForJob(ctx context.Context, ds *inferra.Dataset, analysis string, params map[string]string, opt Options) ([]*Chart, error) {
	id, p := analysis, params
	if !IsChart(analysis) {
		var ok bool
		if id, p, ok = Companion(analysis, params); !ok {
			return nil, nil
		}
	}
	ch, err := Render(ctx, ds, id, p, opt)
	if err != nil {
		return nil, err
	}
	return []*Chart{ch}, nil
}

// finite reports whether every value is a finite number.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
