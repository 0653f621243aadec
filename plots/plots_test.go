package plots_test

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
	"github.com/inferra/inferra/stats"
)

func column(name string, v ...float64) *inferra.Column {
	return &inferra.Column{Name: name, Kind: inferra.Numeric, Floats: v}
}

func mustDataset(t *testing.T, cols ...*inferra.Column) *inferra.Dataset {
	t.Helper()
	ds, err := inferra.NewDataset(cols)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	ds := mustDataset(t,
		column("a", 1, 2, 3, 4, 5),
		column("empty", nan, nan, nan, nan, nan),
		column("same", 7, 7, 7, nan, 7),
		&inferra.Column{Name: "label", Kind: inferra.Categorical, Codes: []int32{0, 1, 0, 1, 0}, Levels: []string{"x", "y"}},
		&inferra.Column{Name: "typo", Kind: inferra.Categorical, Codes: []int32{0, 1, 2, 3, 4},
			Levels: []string{"1", "2", "3", "4", "4..5"}, NonNumeric: &inferra.Cell{Value: "4..5", Line: 6}},
	)
	cases := []struct {
		id     string
		params map[string]string
		code   string
		want   string
	}{
		{"histogram", map[string]string{"x": "empty"}, inferra.EInvalid, "no row has a value"},
		{"kde", map[string]string{"x": "same"}, inferra.EInvalid, "every value of \"same\" is 7"},
		{"histogram", map[string]string{"x": "label"}, inferra.EInvalid, "needs a numeric column"},
		{"scatter", map[string]string{"x": "a", "y": "typo"}, inferra.EInvalid, `"4..5" at line 6`},
		{"regplot", map[string]string{"x": "a", "y": "aa"}, inferra.EInvalid, `did you mean "a"`},
		{"boxplot", map[string]string{"group": "label", "value": "empty"}, inferra.EInvalid, "nothing to draw"},
		{"boxplot", map[string]string{"group": "label", "value": "same"}, inferra.EInvalid, "every value of \"same\" is 7"},
		{"boxplot", map[string]string{"group": "label"}, inferra.EInvalid, `needs the parameter "value"`},
		{"histogram", map[string]string{"x": "a", "bins": "many"}, inferra.EInvalid, "whole number"},
		{"histogram", map[string]string{"x": "a", "color": "red"}, inferra.EInvalid, "not color"},
		{"scatter", map[string]string{"x": "a", "y": "a"}, inferra.EInvalid, "two different columns"},
		{"pie", map[string]string{"x": "a"}, inferra.EUnsupported, "unknown chart"},
		{"residuals", map[string]string{"formula": "a ~ same"}, inferra.EInvalid, ""},
		{"qqplot", map[string]string{"x": "same"}, inferra.EInvalid, "every value of \"same\" is 7"},
		{"qqplot", map[string]string{"x": "a", "dist": "cauchy"}, inferra.EInvalid, "not \"cauchy\""},
		{"qqplot", map[string]string{"x": "a", "dist": "expon", "test": "shapiro"}, inferra.EInvalid, "dist is for kstest"},
		{"qqplot", map[string]string{"x": "a", "test": "ttest_ind"}, inferra.EInvalid, "not \"ttest_ind\""},
		{"ecdf", map[string]string{"x": "a"}, inferra.EInvalid, ""},
		{"ecdf", map[string]string{"group": "label", "value": "empty"}, inferra.EInvalid, ""},
		{"crosstab", map[string]string{"x": "label", "y": "label"}, inferra.EInvalid, "got \"label\" twice"},
		{"crosstab", map[string]string{"x": "label", "y": "typo", "test": "mantel_haenszel"}, inferra.EInvalid, "needs the strata column"},
		{"crosstab", map[string]string{"x": "label", "y": "typo", "strata": "label", "test": "fisher_exact"}, inferra.EInvalid, "mantel_haenszel only"},
	}
	for _, c := range cases {
		ch, err := plots.Render(context.Background(), ds, c.id, c.params, plots.Options{})
		if err == nil {
			t.Errorf("Render(%s, %v) = %s, want an error", c.id, c.params, ch.Subtitle)
			continue
		}
		if got := inferra.ErrorCode(err); got != c.code || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Render(%s, %v) error = %s %q, want %s containing %q", c.id, c.params, got, err, c.code, c.want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	for _, c := range goldenCases {
		a, err := plots.Render(context.Background(), dataset(t, c.data), c.id, c.params, plots.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := plots.Render(context.Background(), dataset(t, c.data), c.id, c.params, plots.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.PNG, b.PNG) || !bytes.Equal(a.SVG, b.SVG) {
			t.Errorf("%s: two renderings differ", c.name)
		}
	}
}

// TestShapes checks what each chart shows: one box per level in group
// order, the bins' counts adding up, one curve per hue level, the cloud's
// method by size, and the subtitle's statistics.
func TestShapes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	render := func(data, id string, params map[string]string) *plots.Chart {
		t.Helper()
		ch, err := plots.Render(ctx, dataset(t, data), id, params, plots.Options{})
		if err != nil {
			t.Fatalf("Render(%s, %v): %v", id, params, err)
		}
		return ch
	}
	box := render("coded.csv", "boxplot", map[string]string{"group": "group", "value": "response"}).Stats.(*plots.BoxplotStats)
	var levels []string
	for _, b := range box.Boxes {
		levels = append(levels, b.Level)
	}
	if !slices.Equal(levels, []string{"1", "2", "3"}) {
		t.Errorf("boxplot levels = %v, want 1, 2, 3 in numeric order", levels)
	}

	h := render("houses.csv", "histogram", map[string]string{"x": "age", "bins": "8"})
	hs := h.Stats.(*plots.HistogramStats)
	total := 0
	for _, c := range hs.Counts {
		total += c
	}
	if hs.Bins != 8 || len(hs.Counts) != 8 || len(hs.Edges) != 9 || total != hs.N || h.RowsUsed != hs.N {
		t.Errorf("histogram: %d bins, %d counts summing to %d, %d edges; want 8, 8 summing to n = %d, 9", hs.Bins, len(hs.Counts), total, len(hs.Edges), hs.N)
	}

	k := render("trial.csv", "kde", map[string]string{"x": "response", "hue": "treat"}).Stats.(*plots.KDEStats)
	if len(k.Curves) != 3 {
		t.Errorf("kde with hue: %d curves, want 3", len(k.Curves))
	}
	for _, c := range k.Curves {
		// Each curve integrates to about 1 over the grid (trapezoids).
		area := 0.0
		for i := 1; i < len(k.Grid); i++ {
			area += (k.Grid[i] - k.Grid[i-1]) * (c.Density[i] + c.Density[i-1]) / 2
		}
		if math.Abs(area-1) > 0.01 {
			t.Errorf("kde curve %s has area %g, want 1", c.Level, area)
		}
	}

	small := render("houses.csv", "scatter", map[string]string{"x": "floor.area", "y": "price"}).Stats.(*plots.ScatterStats)
	big := render("large.csv", "scatter", map[string]string{"x": "x", "y": "y"}).Stats.(*plots.ScatterStats)
	hue := render("large.csv", "scatter", map[string]string{"x": "x", "y": "y", "hue": "group"}).Stats.(*plots.ScatterStats)
	if small.Method != "points" || small.Shown != small.N || big.Method != "density" || big.Shown != big.N ||
		hue.Method != "subsample" || hue.Shown != 5000 || hue.Seed != 1 {
		t.Errorf("clouds = %+v, %+v, %+v; want points, density and a 5000-point subsample", small.Cloud, big.Cloud, hue.Cloud)
	}

	r := render("houses.csv", "regplot", map[string]string{"x": "floor.area", "y": "price"})
	if !strings.HasPrefix(r.Subtitle, "r = .69, p < .001, n = 157") {
		t.Errorf("regplot subtitle = %q, want it to start with r = .69, p < .001, n = 157", r.Subtitle)
	}
	if b := render("plants.csv", "boxplot", map[string]string{"group": "treatment", "value": "yield"}); !strings.Contains(b.Subtitle, "(29, 32)") {
		t.Errorf("boxplot subtitle = %q, want the group sizes (29, 32)", b.Subtitle)
	}
}

// TestBinnedDensity measures the error of the binned estimate against
// the exact sum on samples too large for the exact path.
func TestBinnedDensity(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for _, shape := range []string{"normal", "bimodal", "skewed"} {
		x := make([]float64, 50000)
		for i := range x {
			switch shape {
			case "normal":
				x[i] = r.NormFloat64()
			case "bimodal":
				x[i] = r.NormFloat64()*0.3 + float64(r.IntN(2))*4
			case "skewed":
				x[i] = math.Exp(r.NormFloat64())
			}
		}
		h := plots.ScottBandwidth(x)
		lo, hi := slices.Min(x), slices.Max(x)
		grid := make([]float64, plots.GridSize)
		for i := range grid {
			grid[i] = lo - 3*h + float64(i)*(hi-lo+6*h)/float64(plots.GridSize-1)
		}
		got, method := plots.Density(x, grid, h)
		if method != "binned" {
			t.Fatalf("method = %s, want binned for 50,000 points", method)
		}
		peak, worst := 0.0, 0.0
		norm := 1 / (float64(len(x)) * h * math.Sqrt(2*math.Pi))
		for i, g := range grid {
			var s float64
			for _, v := range x {
				d := (g - v) / h
				s += math.Exp(-d * d / 2)
			}
			want := s * norm
			peak = math.Max(peak, want)
			worst = math.Max(worst, math.Abs(got[i]-want))
		}
		if worst > 1e-4*peak {
			t.Errorf("%s: binned density is off by %g, %.2g of the peak; want under 1e-4", shape, worst, worst/peak)
		}
	}
}

// TestBoxOfSelection checks the quartiles found by selection against a
// full sort, on data with many ties and on distinct values.
func TestBoxOfSelection(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 2, 3, 4, 5, 17, 100, 1001, 50000} {
		for _, ties := range []bool{false, true} {
			x := make([]float64, n)
			for i := range x {
				x[i] = r.NormFloat64()
				if ties {
					x[i] = math.Round(x[i] * 3)
				}
			}
			s := slices.Clone(x)
			slices.Sort(s)
			q := func(p float64) float64 {
				h := float64(n-1) * p
				lo := int(math.Floor(h))
				if lo+1 >= n {
					return s[lo]
				}
				return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
			}
			b := plots.BoxOf(x)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"q1", b.Q1, q(0.25)}, {"median", b.Median, q(0.5)}, {"q3", b.Q3, q(0.75)}} {
				if math.Abs(c.got-c.want) > 1e-12*math.Max(1, math.Abs(c.want)) {
					t.Errorf("BoxOf(n=%d, ties=%v) %s = %g, want %g", n, ties, c.name, c.got, c.want)
				}
			}
		}
	}
}

func TestCompanion(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"ttest_ind": "boxplot", "f_oneway": "boxplot", "kruskal": "boxplot", "mannwhitneyu": "boxplot",
		"pearsonr": "regplot", "spearmanr": "scatter", "ttest_rel": "scatter", "wilcoxon": "scatter", "ols": "residuals",
		"chi2_contingency": "crosstab", "fisher_exact": "crosstab", "mantel_haenszel": "crosstab",
		"shapiro": "qqplot", "anderson": "qqplot", "lilliefors": "qqplot", "kstest": "qqplot", "ks_2samp": "ecdf",
	}
	for analysis, want := range cases {
		id, _, ok := plots.Companion(analysis, map[string]string{})
		if !ok || id != want || !plots.IsChart(id) {
			t.Errorf("Companion(%s) = %q, %v; want %q", analysis, id, ok, want)
		}
	}
	if _, _, ok := plots.Companion("histogram", nil); ok {
		t.Error("a chart has a companion")
	}
	charts, err := plots.ForJob(context.Background(), dataset(t, "houses.csv"), "ols",
		map[string]string{"formula": "price ~ age", "cov": "HC3"}, plots.Options{})
	if err != nil || len(charts) != 1 || charts[0].Name != "residuals" {
		t.Errorf("ForJob(ols) = %v, %v; want the residuals chart", charts, err)
	}
}

// TestSpecsAgreeWithDecision checks that every chart the rule engine may
// choose is one Render draws, with the same function and parameters.
func TestSpecsAgreeWithDecision(t *testing.T) {
	t.Parallel()
	specs := map[string]plots.Spec{}
	for _, s := range plots.Specs() {
		specs[s.ID] = s
	}
	n := 0
	for _, a := range decision.Analyses() {
		if a.Library != "plots" {
			continue
		}
		n++
		s, ok := specs[a.ID]
		if !ok || s.Companion || s.Function != a.Function || !slices.Equal(s.Params, a.Params) {
			t.Errorf("decision allows %s (%s, %v); plots has %+v", a.ID, a.Function, a.Params, s)
		}
		for _, o := range a.Optional {
			if !slices.Contains(s.Optional, o) {
				t.Errorf("decision allows %s the parameter %s, which Render refuses", a.ID, o)
			}
		}
	}
	if n != 5 {
		t.Errorf("decision allows %d charts, want the 5 of ARCHITECTURE.md", n)
	}
}

// TestFarOutliers checks the charts of data whose range is huge next to
// its spread: the histogram falls back to Sturges' rule rather than ask
// for millions of bins, and the density sums exactly rather than build a
// fine grid of millions of points.
func TestFarOutliers(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 8))
	// A few far outliers inflate the standard deviation by √n at most,
	// so the range spans about n^0.7 bandwidths: past the fine grid's
	// 4096 from n ≈ 150,000.
	x := make([]float64, 200000)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	x[0], x[1] = 1e6, -1e6
	ds := mustDataset(t, column("x", x...), column("wide", append([]float64{-1e308, 1e308}, x[2:]...)...))
	ctx := context.Background()
	ch, err := plots.Render(ctx, ds, "histogram", map[string]string{"x": "x"}, plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h := ch.Stats.(*plots.HistogramStats); h.Rule != "sturges" || h.Bins != 19 {
		t.Errorf("histogram rule %s with %d bins, want sturges with 19", h.Rule, h.Bins)
	}
	ch, err = plots.Render(ctx, ds, "kde", map[string]string{"x": "x"}, plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ks := ch.Stats.(*plots.KDEStats)
	c := ks.Curves[0]
	if c.Method != "exact" {
		t.Errorf("kde method %s, want exact for a grid too fine to bin", c.Method)
	}
	// The sum over the points near each grid point is the whole sum, but
	// for what lies past 8 bandwidths: under 1e-14 of the peak.
	peak := slices.Max(c.Density)
	for i, d := range c.Density {
		if d == 0 && i%20 != 0 {
			continue
		}
		var s float64
		for _, v := range x {
			z := (ks.Grid[i] - v) / c.Bandwidth
			s += math.Exp(-z * z / 2)
		}
		want := s / (float64(len(x)) * c.Bandwidth * math.Sqrt(2*math.Pi))
		if math.Abs(d-want) > 1e-12*peak {
			t.Errorf("kde at %g = %g, want %g", ks.Grid[i], d, want)
		}
	}
	_, err = plots.Render(ctx, ds, "histogram", map[string]string{"x": "wide"}, plots.Options{})
	if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "span more than") {
		t.Errorf("histogram of a column spanning ±1e308: %v, want an invalid_input error", err)
	}
}

// TestSVGPortable checks what strict SVG renderers need: an embedded
// image declared as the PNG it is, and a generic family after the font.
func TestSVGPortable(t *testing.T) {
	t.Parallel()
	ch, err := plots.Render(context.Background(), dataset(t, "large.csv"), "scatter", map[string]string{"x": "x", "y": "y"}, plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svg := string(ch.SVG)
	if !strings.Contains(svg, "data:image/png;base64,") || strings.Contains(svg, "image/jpg") {
		t.Error("the density's image is not declared as image/png")
	}
	if !strings.Contains(svg, "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;") || strings.Contains(svg, "font-family:Liberation Sans;") {
		t.Error("SVG text lacks a fallback font family")
	}
}

// TestBoxplotStatesTheTest checks that a box plot drawn beside a test
// states the test's result in its subtitle, and refuses a test it cannot
// state.
func TestBoxplotStatesTheTest(t *testing.T) {
	t.Parallel()
	ds, err := load.File("../testdata/data/plants.csv", load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ test, want string }{
		{"ttest_ind", "Welch's t("},
		{"mannwhitneyu", "Mann–Whitney U = "},
	} {
		ch, err := plots.Render(context.Background(), ds, "boxplot", map[string]string{"group": "treatment", "value": "yield", "test": c.test}, plots.Options{})
		if err != nil {
			t.Fatalf("boxplot with test %s: %v", c.test, err)
		}
		res, err := stats.Run(context.Background(), ds, c.test, map[string]string{"group": "treatment", "value": "yield"})
		if err != nil {
			t.Fatal(err)
		}
		p := 0.0
		switch r := res.Stats.(type) {
		case *stats.TTestIndResult:
			p = r.PValue
		case *stats.MannWhitneyUResult:
			p = r.PValue
		}
		if !strings.HasPrefix(ch.Subtitle, c.want) || !strings.Contains(ch.Subtitle, stats.FormatP(p)) {
			t.Errorf("subtitle %q, want it to start %q and give %s", ch.Subtitle, c.want, stats.FormatP(p))
		}
	}
	_, err = plots.Render(context.Background(), ds, "boxplot", map[string]string{"group": "treatment", "value": "yield", "test": "pearsonr"}, plots.Options{})
	if inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("boxplot with test pearsonr: %v, want EInvalid", err)
	}
}

// TestPlainSubtitles checks that every chart's subtitle says what a
// reader sees in plain words, and keeps the names of rules and methods
// (numpy's auto rule, Scott's bandwidth, Tukey, OLS, the residual SE,
// the empirical CDF) for the report's second sentence. The tests' own
// results (Shapiro–Wilk W, χ², Kolmogorov–Smirnov D) stay: a statistician
// needs them on the chart.
func TestPlainSubtitles(t *testing.T) {
	t.Parallel()
	jargon := []string{"numpy", "Scott", "Sturges", "Tukey", "IQR", "OLS", "residual SE", "order statistic", "CDF", "bandwidth", "kernel", "log scale, 1 to"}
	want := map[string][2]string{
		// subtitle fragment, report fragment
		"histogram_houses": {"n = 158 · 10 bins of width 39.94", "numpy's auto rule"},
		"histogram_bins":   {"8 bins of width", "asked for"},
		"kde_houses":       {"n = 158 · a smoothed histogram (area 1) · smoothing width", "Scott's bandwidth"},
		"kde_hue":          {"n = 95 in 3 groups of treat · smoothed histograms (each of area 1)", "Scott's bandwidth in each group"},
		"boxplot_plants":   {"n = 61 in 2 groups (29, 32) · boxes hold the middle half, whiskers reach 1.5 box lengths · 0 points beyond them", "Tukey's rule (1.5 IQR)"},
		"scatter_density":  {"the darker a cell, the more points in it", "the darker a cell"},
		"regplot_houses":   {"r = .69, p < .001, n = 157 · the best straight line, its likely range shaded (95%)", "least-squares (OLS) fit"},
		"residuals_houses": {"a residual is typically ±", "residual standard error"},
		"crosstab_survey":  {"each bar counts the rows with one level of region and one of age_group", "Bar chart of the counts"},
		"qqplot_shapes":    {"points near the line mean normal data (r = ", "intercept"},
		"qqplot_gamma":     {"points near the line mean gamma-shaped data", "slope"},
		"qqplot_thinned":   {"the 100 at each end all drawn", "least-squares line"},
		"ecdf_groups":      {"largest gap between the curves D = ", "empirical CDFs"},
	}
	for _, c := range goldenCases {
		ch, err := plots.Render(context.Background(), dataset(t, c.data), c.id, c.params, plots.Options{})
		if err != nil {
			t.Fatalf("Render(%s, %v): %v", c.id, c.params, err)
		}
		for _, j := range jargon {
			if strings.Contains(ch.Subtitle, j) {
				t.Errorf("%s subtitle %q names %q; want plain words", c.name, ch.Subtitle, j)
			}
		}
		if w, ok := want[c.name]; ok {
			if !strings.Contains(ch.Subtitle, w[0]) {
				t.Errorf("%s subtitle = %q, want it to hold %q", c.name, ch.Subtitle, w[0])
			}
			if !strings.Contains(ch.Report, w[1]) {
				t.Errorf("%s report = %q, want it to hold %q", c.name, ch.Report, w[1])
			}
		}
	}
}
