package plots_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
)

// extremeSets are columns of extreme magnitudes: the largest floats,
// ranges wider than a float holds, subnormals, values whose squares
// overflow or underflow, ranges below the resolution of their values.
// Each is drawn by every chart in TestExtremeValues.
var extremeSets = []struct {
	name string
	v    []float64
}{
	{"issue14", []float64{1e308, -1e308, 1, 2, 3, 4}},
	{"max", []float64{math.MaxFloat64, math.MaxFloat64 / 2, 1, 2, 3, 4}},
	{"near max span", []float64{8.9e307, -8.9e307, 1, 2, 3, 4}},
	{"all near max", []float64{1.7e308, 1.6e308, 1.5e308, 1.69e308, 1.65e308, 1.62e308}},
	{"all near -max", []float64{-1.7e308, -1.6e308, -1.5e308, -1.69e308, -1.65e308, -1.62e308}},
	{"1e300", []float64{1e300, 2e300, 3e300, 4e300, 5e300, 6.5e300}},
	{"1e200", []float64{1e200, 2e200, 3e200, 4e200, 5e200, 6.5e200}},
	{"1e160", []float64{1e160, 2e160, 3e160, 4e160, 5e160, 6.5e160}},
	{"1e-160", []float64{1e-160, 2e-160, 3e-160, 4e-160, 5e-160, 6.5e-160}},
	{"1e-308", []float64{1e-308, 2e-308, 3e-308, 4e-308, 5e-308, 6.5e-308}},
	{"subnormal", []float64{5e-324, 1e-323, 1.5e-323, 2e-323, 2.5e-323, 4e-323}},
	{"subnormal pair", []float64{0, 5e-324, 0, 5e-324, 0, 5e-324}},
	{"1e-300 to 1e300", []float64{1e-300, 2e-300, 3e-300, 4e-300, 5e-300, 1e300}},
	{"tiny relative range", []float64{1e16, 1e16 + 2, 1e16 + 4, 1e16 + 2, 1e16, 1e16 + 6}},
	{"one ulp", []float64{1, math.Nextafter(1, 2), 1, math.Nextafter(1, 2), 1, 1}},
	{"40 rows", forty()},
}

// forty is a 40-row column in the shape of the issue's trigger.
func forty() []float64 {
	v := make([]float64, 40)
	for i := range v {
		v[i] = float64(i % 7)
	}
	v[3], v[17] = 1e308, -1e308
	return v
}

// TestExtremeValues draws every chart of every extreme column and asserts
// that each either succeeds with finite numbers or refuses with an
// EInvalid error: none hangs (a generous deadline is the safety net, so
// a regression fails instead of blocking the run) and none panics.
func TestExtremeValues(t *testing.T) {
	t.Parallel()
	for _, set := range extremeSets {
		n := len(set.v)
		g := make([]int32, n)
		x := make([]float64, n)
		for i := range g {
			g[i] = int32(i % 2)
			x[i] = float64(i) + float64(i%3)/2
		}
		ds := mustDataset(t,
			&inferra.Column{Name: "g", Kind: inferra.Categorical, Codes: g, Levels: []string{"a", "b"}},
			column("v", set.v...), column("x", x...))
		charts := []struct {
			id     string
			params map[string]string
			opt    plots.Options
		}{
			{"boxplot", map[string]string{"group": "g", "value": "v"}, plots.Options{}},
			{"histogram", map[string]string{"x": "v"}, plots.Options{}},
			{"histogram", map[string]string{"x": "v", "bins": "1000"}, plots.Options{}},
			{"kde", map[string]string{"x": "v"}, plots.Options{}},
			{"kde", map[string]string{"x": "v", "hue": "g"}, plots.Options{}},
			{"scatter", map[string]string{"x": "x", "y": "v"}, plots.Options{}},
			{"scatter", map[string]string{"x": "v", "y": "x"}, plots.Options{MaxPoints: 2}},
			{"scatter", map[string]string{"x": "v", "y": "x", "hue": "g"}, plots.Options{MaxPoints: 2}},
			{"regplot", map[string]string{"x": "x", "y": "v"}, plots.Options{}},
			{"regplot", map[string]string{"x": "v", "y": "x"}, plots.Options{MaxPoints: 2}},
			{"residuals", map[string]string{"formula": "v ~ x"}, plots.Options{}},
			{"qqplot", map[string]string{"x": "v"}, plots.Options{}},
			{"qqplot", map[string]string{"x": "v", "test": "anderson"}, plots.Options{}},
			{"qqplot", map[string]string{"x": "v", "dist": "expon"}, plots.Options{}},
			{"qqplot", map[string]string{"x": "v", "dist": "uniform"}, plots.Options{}},
			{"qqplot", map[string]string{"x": "v", "dist": "gamma"}, plots.Options{}},
			{"qqplot", map[string]string{"x": "v"}, plots.Options{MaxPoints: 2}},
			{"ecdf", map[string]string{"x": "x", "y": "v"}, plots.Options{}},
			{"ecdf", map[string]string{"group": "g", "value": "v"}, plots.Options{}},
			{"crosstab", map[string]string{"x": "g", "y": "v"}, plots.Options{}},
		}
		for _, c := range charts {
			name := fmt.Sprintf("%s/%s%v", set.name, c.id, c.params)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				ch, err := renderWithin(t, ds, c.id, c.params, c.opt)
				if err != nil {
					if code := inferra.ErrorCode(err); code != inferra.EInvalid {
						t.Fatalf("Render(%s) error %q has code %s, want %s", name, err, code, inferra.EInvalid)
					}
					t.Logf("REFUSED %s: %v", name, err)
					return
				}
				if _, err := json.Marshal(ch.Stats); err != nil {
					t.Errorf("Render(%s) stats are not finite: %v", name, err)
				}
				if len(ch.PNG) == 0 || len(ch.SVG) == 0 {
					t.Errorf("Render(%s) drew no picture", name)
				}
				if strings.Contains(ch.Report, "NaN") || strings.Contains(ch.Report, "Inf") {
					t.Errorf("Render(%s) report %q", name, ch.Report)
				}
			})
		}
	}
}

// renderWithin renders in a goroutine, recovering a panic as an error,
// and fails the test if the chart is not done within a minute: the
// safety net that turns a hang into a failure.
func renderWithin(t *testing.T, ds *inferra.Dataset, id string, params map[string]string, opt plots.Options) (*plots.Chart, error) {
	t.Helper()
	type answer struct {
		ch  *plots.Chart
		err error
	}
	done := make(chan answer, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- answer{err: fmt.Errorf("panic: %v", r)}
			}
		}()
		ch, err := plots.Render(context.Background(), ds, id, params, opt)
		done <- answer{ch, err}
	}()
	select {
	case a := <-done:
		return a.ch, a.err
	case <-time.After(time.Minute):
		t.Fatalf("Render(%s, %v) still running after a minute", id, params)
		return nil, nil
	}
}

// TestIssue14Trigger runs the six-row CSV of issue 14 through the box plot
// and through the tests whose companion is a box plot: the tick loop of
// the value axis never ended on a range wider than a float holds. Each
// must now end with the box plot refused as EInvalid.
func TestIssue14Trigger(t *testing.T) {
	t.Parallel()
	ds, err := load.ParseCSV([]byte("g,v\na,1e308\na,-1e308\na,1\nb,2\nb,3\nb,4\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"group": "g", "value": "v"}
	for _, analysis := range []string{"boxplot", "mannwhitneyu", "kruskal", "ttest_ind", "f_oneway"} {
		done := make(chan error, 1)
		go func() {
			_, err := plots.ForJob(context.Background(), ds, analysis, params, plots.Options{})
			done <- err
		}()
		select {
		case err := <-done:
			if code := inferra.ErrorCode(err); code != inferra.EInvalid || !strings.Contains(err.Error(), "span more than a float") {
				t.Errorf("ForJob(%s) = %v (code %q), want an EInvalid error about the span", analysis, err, code)
			}
		case <-time.After(time.Minute):
			t.Fatalf("ForJob(%s) still running after a minute", analysis)
		}
	}
}
