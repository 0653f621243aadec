package plots_test

import (
	"context"
	"fmt"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
)

func ExampleRender() {
	ds, err := load.File("../testdata/data/plants.csv", load.Options{})
	if err != nil {
		panic(err)
	}
	ch, err := plots.Render(context.Background(), ds, "boxplot",
		map[string]string{"group": "treatment", "value": "yield"}, plots.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(ch.Name, "-", ch.Title)
	fmt.Println(ch.Subtitle)
	for _, b := range ch.Stats.(*plots.BoxplotStats).Boxes {
		fmt.Printf("%s: n = %d, median %.2f, whiskers %.2f to %.2f\n", b.Level, b.N, b.Median, b.WhiskerLow, b.WhiskerHigh)
	}
	// Output:
	// boxplot - yield by treatment
	// n = 61 in 2 groups (29, 32) · boxes hold the middle half, whiskers reach 1.5 box lengths · 0 points beyond them
	// Drug: n = 29, median 22.25, whiskers 14.95 to 29.49
	// placebo: n = 32, median 19.46, whiskers 15.05 to 24.47
}

func ExampleRender_error() {
	ds, err := load.File("../testdata/data/houses.csv", load.Options{})
	if err != nil {
		panic(err)
	}
	_, err = plots.Render(context.Background(), ds, "histogram", map[string]string{"x": "prize"}, plots.Options{})
	fmt.Println(inferra.ErrorCode(err), err)
	// Output:
	// invalid_input column "prize" does not exist; did you mean "price"?
}

func ExampleHistogram() {
	x := []float64{1, 2, 2, 3, 3, 3, 4, 4, 5, 9}
	h := plots.Histogram(x, 0) // numpy's auto rule
	fmt.Printf("%s %d %.4g %v\n", h.Rule, h.Bins, h.Edges, h.Counts)
	// Output:
	// auto 5 [1 2.6 4.2 5.8 7.4 9] [3 5 1 0 1]
}

// The numbers of the examples agree with numpy, statsmodels, scipy and
// matplotlib: np.histogram_bin_edges(x, "auto"), OLS(...).get_prediction()
// .conf_int(), gaussian_kde(x), cbook.boxplot_stats(x).

func ExampleBoxOf() {
	b := plots.BoxOf([]float64{1, 2, 3, 4, 5, 6, 7, 8, 30})
	fmt.Println(b.Q1, b.Median, b.Q3, b.WhiskerLow, b.WhiskerHigh, b.Outliers)
	// Output:
	// 3 5 7 1 8 1
}

func ExampleRegBand() {
	x := []float64{1, 2, 3, 4, 5}
	y := []float64{2.1, 3.9, 6.2, 7.8, 10.1}
	a, b, band := plots.RegBand(x, y, []float64{1, 3, 5})
	fmt.Printf("y = %.2f + %.2f x\n", a, b)
	for i := range band.X {
		fmt.Printf("x = %g: %.3f [%.3f, %.3f]\n", band.X[i], band.Fit[i], band.Low[i], band.High[i])
	}
	// Output:
	// y = 0.05 + 1.99 x
	// x = 1: 2.040 [1.574, 2.506]
	// x = 3: 6.020 [5.751, 6.289]
	// x = 5: 10.000 [9.534, 10.466]
}

func ExampleDensity() {
	x := []float64{-1, 0, 0.5, 1, 2}
	h := plots.ScottBandwidth(x)
	d, method := plots.Density(x, []float64{-1, 0, 1}, h)
	fmt.Printf("h = %.4f, %s: %.4f %.4f %.4f\n", h, method, d[0], d[1], d[2])
	// Output:
	// h = 0.8103, exact: 0.1670 0.2765 0.2765
}

func ExampleCompanion() {
	id, params, ok := plots.Companion("f_oneway", map[string]string{"group": "diet", "value": "weight_loss"})
	fmt.Println(id, params, ok)
	id, params, ok = plots.Companion("kstest", map[string]string{"x": "wait", "dist": "gamma"})
	fmt.Println(id, params, ok)
	// Output:
	// boxplot map[group:diet test:f_oneway value:weight_loss] true
	// qqplot map[dist:gamma test:kstest x:wait] true
}

// ProbPlot agrees with scipy.stats.probplot(x): the same quantiles and
// line.
func ExampleProbPlot() {
	q, err := plots.ProbPlot([]float64{4.2, 1.9, 3.1, 5.6, 2.7}, "norm", 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.4f\n%.4f\n", q.Theoretical, q.Ordered)
	fmt.Printf("slope %.4f intercept %.4f r %.4f\n", q.Slope, q.Intercept, q.R)
	// Output:
	// [-1.1290 -0.4857 0.0000 0.4857 1.1290]
	// [1.9000 2.7000 3.1000 4.2000 5.6000]
	// slope 1.6239 intercept 3.5000 r 0.9821
}

// EmpiricalCDF agrees with numpy.unique(x, return_counts=True) and the
// cumulative counts over len(x).
func ExampleEmpiricalCDF() {
	values, fractions := plots.EmpiricalCDF([]float64{3, 1, 2, 2, 5})
	fmt.Println(values, fractions)
	// Output:
	// [1 2 3 5] [0.2 0.6 0.8 1]
}
