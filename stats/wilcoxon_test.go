package stats_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// TestWilcoxonScipy compares with scipy 1.10.1 stats.wilcoxon(x, y) at its
// defaults; each case names the data.
func TestWilcoxonScipy(t *testing.T) {
	t.Parallel()
	sin, cos := make([]float64, 51), make([]float64, 51)
	for i := range sin {
		sin[i], cos[i] = math.Sin(float64(i+1)), math.Cos(float64(i+1))
	}
	cases := []struct {
		name     string
		x, y     []float64
		stat, p  float64
		method   string
		nonzero  int
		medianXY float64
	}{
		// wilcoxon([1.83,0.50,1.62,2.48,1.68,1.88,1.55,3.06,1.30], [0.878,0.647,0.598,2.05,1.06,1.29,1.06,3.14,1.29])
		{"docs-like", []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30},
			[]float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29}, 5, 0.0390625, "exact", 9, 0.49},
		// wilcoxon([1,2,3,4,5,6], [0.5,1.5,3.5,3.5,6,7]): tied |d|, W+ = 7.5 is
		// truncated to 7 for the exact p-value
		{"ties exact", []float64{1, 2, 3, 4, 5, 6}, []float64{0.5, 1.5, 3.5, 3.5, 6, 7}, 7.5, 0.5625, "exact", 6, 0},
		// wilcoxon([1,2,3,4], [0,-2,5,7]): W+ = 5 is the centre, p = 1
		{"centre", []float64{1, 2, 3, 4}, []float64{0, -2, 5, 7}, 5, 1, "exact", 4, -0.5},
		// wilcoxon([1,2,3,4], [0,0,5,6])
		{"n4", []float64{1, 2, 3, 4}, []float64{0, 0, 5, 6}, 4, 0.875, "exact", 4, -0.5},
		// wilcoxon(list(range(1, 13)), [1,2,2.5,5,3,6,9,6,8,10,11.5,13]): zeros,
		// so the normal approximation on the 8 non-zero differences
		{"zeros", seq(12, 1, 1), []float64{1, 2, 2.5, 5, 3, 6, 9, 6, 8, 10, 11.5, 13}, 16.5, 0.8317967818365045, "approx", 8, 0},
		// wilcoxon(np.sin(np.arange(1, 52)), np.cos(np.arange(1, 52))): n = 51
		{"n51", sin, cos, 661, 0.985042987115864, "approx", 51, math.NaN()},
	}
	for _, c := range cases {
		r, err := stats.Wilcoxon(c.x, c.y)
		if err != nil {
			t.Fatalf("Wilcoxon(%s): %v", c.name, err)
		}
		if r.Statistic != c.stat || r.Method != c.method || r.NNonzero != c.nonzero || r.N != len(c.x) {
			t.Errorf("Wilcoxon(%s) = %g (%s, n %d, nonzero %d), want %g (%s, n %d, nonzero %d)",
				c.name, r.Statistic, r.Method, r.N, r.NNonzero, c.stat, c.method, len(c.x), c.nonzero)
		}
		if !scalar.EqualWithinRel(r.PValue, c.p, 1e-9) {
			t.Errorf("Wilcoxon(%s) p = %.17g, want %.17g", c.name, r.PValue, c.p)
		}
		if !math.IsNaN(c.medianXY) && !scalar.EqualWithinAbsOrRel(r.MedianDifference, c.medianXY, 1e-12, 1e-12) {
			t.Errorf("Wilcoxon(%s) median difference = %g, want %g", c.name, r.MedianDifference, c.medianXY)
		}
	}
}

// TestWilcoxonSymmetry: swapping x and y swaps W+ and W−, which leaves
// the two-sided statistic and p-value unchanged, by both methods.
func TestWilcoxonSymmetry(t *testing.T) {
	t.Parallel()
	for _, n := range []int{7, 30, 50, 51, 200} {
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = math.Round(10*math.Sin(float64(i)*1.7)) / 2
			y[i] = math.Round(10*math.Cos(float64(i)*0.9)) / 2
		}
		a, err := stats.Wilcoxon(x, y)
		if err != nil {
			t.Fatal(err)
		}
		b, err := stats.Wilcoxon(y, x)
		if err != nil {
			t.Fatal(err)
		}
		if a.Statistic != b.Statistic || a.Method != b.Method || !scalar.EqualWithinRel(a.PValue, b.PValue, 1e-12) {
			t.Errorf("n = %d: Wilcoxon(x, y) = %g, p %g (%s); Wilcoxon(y, x) = %g, p %g (%s)",
				n, a.Statistic, a.PValue, a.Method, b.Statistic, b.PValue, b.Method)
		}
		if a.MedianDifference != -b.MedianDifference {
			t.Errorf("n = %d: median differences %g and %g, want opposite", n, a.MedianDifference, b.MedianDifference)
		}
	}
}

func TestWilcoxonErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		x, y []float64
	}{
		{"no pairs", nil, nil},
		{"all differences zero", []float64{1, 2, 3}, []float64{1, 2, 3}},
		{"NaN", []float64{1, math.NaN(), 3}, []float64{0, 1, 2}},
		{"inf - inf", []float64{math.Inf(1), 1}, []float64{math.Inf(1), 0}},
	}
	for _, c := range cases {
		r, err := stats.Wilcoxon(c.x, c.y)
		if inferra.ErrorCode(err) != inferra.EInvalid || r != nil {
			t.Errorf("Wilcoxon(%s) = %v, %v; want an invalid_input error", c.name, r, err)
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("Wilcoxon of slices with different lengths did not panic")
		}
	}()
	stats.Wilcoxon([]float64{1, 2}, []float64{1})
}
