package plots_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/inferra/inferra/plots"
)

// refCase is one case of testdata/reference_plots.json, written by
// testdata/reference_plots.py with numpy, scipy, statsmodels and
// matplotlib; each names the call that produced it.
type refCase struct {
	Data     string            `json:"data"`
	Chart    string            `json:"chart"`
	Params   map[string]string `json:"params"`
	Call     string            `json:"call"`
	Expected json.RawMessage   `json:"expected"`
}

func loadReference(t *testing.T, path string) []refCase {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []refCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) == 0 {
		t.Fatal("no reference cases")
	}
	return doc.Cases
}

// close reports whether got is within rel of want (absolutely within rel
// near zero).
func close(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(1, math.Abs(want))
}

// renderCase draws the chart of a reference case and returns it with the
// comparison its checks use.
func renderCase(t *testing.T, c refCase) (*plots.Chart, func(what string, got, want, rel float64)) {
	t.Helper()
	ch, err := plots.Render(context.Background(), dataset(t, c.Data), c.Chart, c.Params, plots.Options{})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return ch, func(what string, got, want, rel float64) {
		t.Helper()
		if !close(got, want, rel) {
			t.Errorf("%s = %.17g, want %.17g (%s)", what, got, want, c.Call)
		}
	}
}

func TestReference(t *testing.T) {
	t.Parallel()
	for _, c := range loadReference(t, "../testdata/reference_plots.json") {
		t.Run(fmt.Sprintf("%s/%s/%v", c.Chart, c.Data, c.Params), func(t *testing.T) {
			t.Parallel()
			ch, check := renderCase(t, c)
			switch st := ch.Stats.(type) {
			case *plots.BoxplotStats:
				var want plots.BoxplotStats
				mustDecode(t, c.Expected, &want)
				if st.N != want.N || len(st.Boxes) != len(want.Boxes) {
					t.Fatalf("n = %d with %d boxes, want %d with %d", st.N, len(st.Boxes), want.N, len(want.Boxes))
				}
				for i, w := range want.Boxes {
					g := st.Boxes[i]
					if g.Level != w.Level || g.N != w.N || g.Outliers != w.Outliers {
						t.Errorf("box %d = %s n=%d outliers=%d, want %s n=%d outliers=%d", i, g.Level, g.N, g.Outliers, w.Level, w.N, w.Outliers)
					}
					check(w.Level+" q1", g.Q1, w.Q1, 1e-12)
					check(w.Level+" median", g.Median, w.Median, 1e-12)
					check(w.Level+" q3", g.Q3, w.Q3, 1e-12)
					check(w.Level+" whisker_low", g.WhiskerLow, w.WhiskerLow, 0)
					check(w.Level+" whisker_high", g.WhiskerHigh, w.WhiskerHigh, 0)
				}
			case *plots.HistogramStats:
				var want plots.HistogramStats
				mustDecode(t, c.Expected, &want)
				if st.N != want.N || st.Bins != want.Bins {
					t.Fatalf("n = %d, bins = %d; want %d, %d (%s)", st.N, st.Bins, want.N, want.Bins, c.Call)
				}
				for i := range want.Edges {
					check(fmt.Sprintf("edge %d", i), st.Edges[i], want.Edges[i], 1e-14)
				}
				for i := range want.Counts {
					if st.Counts[i] != want.Counts[i] {
						t.Errorf("count %d = %d, want %d", i, st.Counts[i], want.Counts[i])
					}
				}
			case *plots.KDEStats:
				var want plots.KDEStats
				mustDecode(t, c.Expected, &want)
				if st.N != want.N || len(st.Curves) != len(want.Curves) || len(st.Grid) != len(want.Grid) {
					t.Fatalf("n = %d, %d curves on %d points; want %d, %d on %d", st.N, len(st.Curves), len(st.Grid), want.N, len(want.Curves), len(want.Grid))
				}
				for i := range want.Grid {
					check(fmt.Sprintf("grid %d", i), st.Grid[i], want.Grid[i], 1e-12)
				}
				for k, w := range want.Curves {
					g := st.Curves[k]
					check(w.Level+" bandwidth", g.Bandwidth, w.Bandwidth, 1e-12)
					// Exact sums agree to rounding; a binned estimate (more
					// than 10,000 points) to a small part of the peak.
					peak := 0.0
					for _, d := range w.Density {
						peak = math.Max(peak, d)
					}
					tol := 1e-12 * peak
					if g.Method == "binned" {
						tol = 1e-4 * peak
					}
					for i := range w.Density {
						if math.Abs(g.Density[i]-w.Density[i]) > tol {
							t.Errorf("%s density at %g = %g, want %g (%s, %s)", w.Level, st.Grid[i], g.Density[i], w.Density[i], g.Method, c.Call)
							break
						}
					}
				}
			case *plots.RegplotStats:
				var want plots.RegplotStats
				mustDecode(t, c.Expected, &want)
				if st.N != want.N {
					t.Fatalf("n = %d, want %d", st.N, want.N)
				}
				check("intercept", st.Intercept, want.Intercept, 1e-10)
				check("slope", st.Slope, want.Slope, 1e-10)
				check("r", st.R, want.R, 1e-12)
				if !close(st.PValue, want.PValue, 1e-6) && math.Abs(st.PValue-want.PValue) > 1e-6*want.PValue {
					t.Errorf("p = %g, want %g", st.PValue, want.PValue)
				}
				for i := range want.Band.X {
					check(fmt.Sprintf("band x %d", i), st.Band.X[i], want.Band.X[i], 1e-14)
					check(fmt.Sprintf("band fit %d", i), st.Band.Fit[i], want.Band.Fit[i], 1e-10)
					check(fmt.Sprintf("band low %d", i), st.Band.Low[i], want.Band.Low[i], 1e-9)
					check(fmt.Sprintf("band high %d", i), st.Band.High[i], want.Band.High[i], 1e-9)
				}
			default:
				t.Fatalf("unexpected stats %T", ch.Stats)
			}
		})
	}
}

func mustDecode(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
}
