package plots_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/inferra/inferra/plots"
)

// TestReferenceCharts compares the numbers behind the companion charts of
// issue 17 with testdata/reference_charts.json, written by
// testdata/reference_charts.py with pandas and scipy: the contingency
// counts, scipy.stats.probplot's points and line, and the empirical CDFs
// and D of scipy.stats.ks_2samp.
func TestReferenceCharts(t *testing.T) {
	t.Parallel()
	cases := loadReference(t, "../testdata/reference_charts.json")
	if len(cases) < 19 {
		t.Fatalf("%d reference cases, want the 19 of reference_charts.py", len(cases))
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%s/%v", c.Chart, c.Data, c.Params), func(t *testing.T) {
			t.Parallel()
			if c.Chart == "probplot" {
				checkProbPlot(t, c)
				return
			}
			ch, check := renderCase(t, c)
			switch st := ch.Stats.(type) {
			case *plots.CrosstabStats:
				var want plots.CrosstabStats
				mustDecode(t, c.Expected, &want)
				if st.N != want.N || !slices.Equal(st.XLevels, want.XLevels) || !slices.Equal(st.YLevels, want.YLevels) {
					t.Fatalf("n = %d, levels %v × %v; want %d, %v × %v", st.N, st.XLevels, st.YLevels, want.N, want.XLevels, want.YLevels)
				}
				if len(st.Tables) != len(want.Tables) {
					t.Fatalf("%d tables, want %d", len(st.Tables), len(want.Tables))
				}
				for k, w := range want.Tables {
					g := st.Tables[k]
					if g.Level != w.Level || g.N != w.N || !slices.EqualFunc(g.Counts, w.Counts, slices.Equal) {
						t.Errorf("table %d = %q n=%d %v, want %q n=%d %v", k, g.Level, g.N, g.Counts, w.Level, w.N, w.Counts)
					}
				}
			case *plots.QQStats:
				var want struct {
					N                    int
					Dist                 string
					Shape                *float64
					Slope, Intercept, R  float64
					Theoretical, Ordered []float64
					TheoreticalHead      []float64 `json:"theoretical_head"`
					OrderedHead          []float64 `json:"ordered_head"`
					TheoreticalTail      []float64 `json:"theoretical_tail"`
					OrderedTail          []float64 `json:"ordered_tail"`
				}
				mustDecode(t, c.Expected, &want)
				if st.N != want.N || st.Dist != want.Dist {
					t.Fatalf("n = %d, dist %s; want %d, %s", st.N, st.Dist, want.N, want.Dist)
				}
				// Quantiles of the normal, exponential and uniform agree
				// with scipy's to rounding. The gamma's shape is fitted by
				// Newton's method to convergence, scipy's by a root finder
				// that stops about 1e-10 (relative) short; the quantiles
				// and the line move by as much. At scipy's own shape,
				// ProbPlot's gamma quantiles agree to 1e-12.
				qtol := 1e-13
				if want.Dist == "gamma" {
					qtol = 1e-8
					if st.Shape == nil || want.Shape == nil {
						t.Fatalf("shape %v, want %v", st.Shape, want.Shape)
					}
					check("shape", *st.Shape, *want.Shape, 1e-9)
					q, err := plots.ProbPlot(st.Ordered, "gamma", *want.Shape)
					if err != nil {
						t.Fatal(err)
					}
					for i := range want.Theoretical {
						check(fmt.Sprintf("gamma quantile %d at scipy's shape", i), q.Theoretical[i], want.Theoretical[i], 1e-12)
					}
					check("slope at scipy's shape", q.Slope, want.Slope, 1e-12)
					check("intercept at scipy's shape", q.Intercept, want.Intercept, 1e-12)
					check("r at scipy's shape", q.R, want.R, 1e-12)
				}
				check("slope", st.Slope, want.Slope, qtol)
				check("intercept", st.Intercept, want.Intercept, qtol)
				check("r", st.R, want.R, max(1e-12, qtol))
				type pair struct{ got, want []float64 }
				var theo, ord []pair
				if want.Theoretical != nil {
					if st.Shown != st.N {
						t.Fatalf("%d of %d points drawn, want all", st.Shown, st.N)
					}
					theo = []pair{{st.Theoretical, want.Theoretical}}
					ord = []pair{{st.Ordered, want.Ordered}}
				} else {
					k := len(want.TheoreticalHead)
					if st.Shown >= st.N || st.Shown < 2*k {
						t.Fatalf("%d of %d points drawn, want a thinned set with both tails", st.Shown, st.N)
					}
					theo = []pair{{st.Theoretical[:k], want.TheoreticalHead}, {st.Theoretical[st.Shown-k:], want.TheoreticalTail}}
					ord = []pair{{st.Ordered[:k], want.OrderedHead}, {st.Ordered[st.Shown-k:], want.OrderedTail}}
				}
				for _, p := range theo {
					for i := range p.want {
						check(fmt.Sprintf("theoretical %d", i), p.got[i], p.want[i], qtol)
					}
				}
				for _, p := range ord {
					for i := range p.want {
						check(fmt.Sprintf("ordered %d", i), p.got[i], p.want[i], 0)
					}
				}
			case *plots.ECDFStats:
				var want plots.ECDFStats
				mustDecode(t, c.Expected, &want)
				check("D", st.Statistic, want.Statistic, 1e-14)
				if !close(st.PValue, want.PValue, 1e-6) && math.Abs(st.PValue-want.PValue) > 1e-6*want.PValue {
					t.Errorf("p = %g, want %g", st.PValue, want.PValue)
				}
				check("location", st.Location, want.Location, 0)
				check("first_at", st.FirstAt, want.FirstAt, 1e-15)
				check("second_at", st.SecondAt, want.SecondAt, 1e-15)
				if st.Sign != want.Sign || len(st.Curves) != 2 {
					t.Fatalf("sign %d with %d curves, want %d with 2", st.Sign, len(st.Curves), want.Sign)
				}
				for k, w := range want.Curves {
					g := st.Curves[k]
					if g.Level != w.Level || g.N != w.N || g.Distinct != w.Distinct {
						t.Errorf("curve %d = %s n=%d distinct=%d, want %s n=%d distinct=%d", k, g.Level, g.N, g.Distinct, w.Level, w.N, w.Distinct)
						continue
					}
					if w.X == nil {
						if len(g.X) > 2100 || g.F[len(g.F)-1] != 1 {
							t.Errorf("curve %d keeps %d steps ending at %g, want about 2,000 ending at 1", k, len(g.X), g.F[len(g.F)-1])
						}
						continue
					}
					if len(g.X) != len(w.X) {
						t.Fatalf("curve %d has %d steps, want %d", k, len(g.X), len(w.X))
					}
					for i := range w.X {
						check(fmt.Sprintf("curve %d x %d", k, i), g.X[i], w.X[i], 0)
						check(fmt.Sprintf("curve %d f %d", k, i), g.F[i], w.F[i], 1e-15)
					}
				}
			default:
				t.Fatalf("unexpected stats %T", ch.Stats)
			}
		})
	}
}

// checkProbPlot compares ProbPlot of a case's sample with scipy's probplot
// against the gamma of the case's shape: small shapes put the lower
// quantiles far below 1e-100, where gonum's inverse incomplete gamma
// function alone answers 0.
func checkProbPlot(t *testing.T, c refCase) {
	var want struct {
		Values, Theoretical []float64
		Slope, Intercept, R float64
	}
	mustDecode(t, c.Expected, &want)
	shape, err := strconv.ParseFloat(c.Params["shape"], 64)
	if err != nil {
		t.Fatal(err)
	}
	q, err := plots.ProbPlot(want.Values, c.Params["dist"], shape)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want, rel float64) {
		t.Helper()
		if math.Abs(got-want) > rel*math.Abs(want) {
			t.Errorf("%s = %.17g, want %.17g (%s)", what, got, want, c.Call)
		}
	}
	for i, w := range want.Theoretical {
		check(fmt.Sprintf("theoretical %d", i), q.Theoretical[i], w, 1e-12)
	}
	check("slope", q.Slope, want.Slope, 1e-12)
	check("intercept", q.Intercept, want.Intercept, 1e-12)
	check("r", q.R, want.R, 1e-12)
}
