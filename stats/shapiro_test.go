package stats_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// TestShapiroWilkScipy compares with scipy 1.10.1 stats.shapiro(x). scipy
// computes in single precision; ShapiroWilk repeats that arithmetic and
// matches these values to the bit, but only agreement within what float32
// promises is required (W to 2e-6 absolute, p to 1e-3 relative or 2e-6
// absolute, the tolerances of the reference harness), so that a different
// libm rounding of a logarithm cannot fail the test.
func TestShapiroWilkScipy(t *testing.T) {
	t.Parallel()
	expSin := func(n int) []float64 { // numpy.exp(numpy.sin(numpy.arange(1, n+1)))
		x := make([]float64, n)
		for i := range x {
			x[i] = math.Exp(math.Sin(float64(i + 1)))
		}
		return x
	}
	skewedNormal := func(n int, c float64) []float64 { // z + c*z**2, z = ndtri((i-0.5)/n), i = 1…n
		x := make([]float64, n)
		for i := range x {
			z := distuv.UnitNormal.Quantile((float64(i) + 0.5) / float64(n))
			x[i] = z + c*z*z
		}
		return x
	}
	sinTrend := make([]float64, 100) // [np.sin(i)*3 + i*0.01 for i in range(1, 101)]
	for i := range sinTrend {
		sinTrend[i] = math.Sin(float64(i+1))*3 + float64(i+1)*0.01
	}
	cases := []struct {
		name string
		x    []float64
		w, p float64
	}{
		// shapiro([2.1, 3.4, 7.9]): n = 3, exact p
		{"n3", []float64{2.1, 3.4, 7.9}, 0.9078803658485413, 0.4110431969165802},
		// shapiro([1, 2, 3])
		{"n3 even", []float64{1, 2, 3}, 1.0, 0.999998927116394},
		// shapiro([0, 0, 1]): scipy returns p = -9.1e-7, a rounding below the
		// minimum W = 0.75; ShapiroWilk clamps it to 0
		{"n3 minimum", []float64{0, 0, 1}, 0.7500000596046448, 0},
		// shapiro([1.5, 2.5, 2.6, 9.0])
		{"n4", []float64{1.5, 2.5, 2.6, 9.0}, 0.7549530267715454, 0.04292891547083855},
		// shapiro([3.1, 2.2, 5.5, 4.0, 4.1])
		{"n5", []float64{3.1, 2.2, 5.5, 4.0, 4.1}, 0.976864755153656, 0.9171922206878662},
		// shapiro([1, 2, 2, 3, 3, 3]): ties
		{"n6 ties", []float64{1, 2, 2, 3, 3, 3}, 0.8216156959533691, 0.09113527834415436},
		// shapiro([1, 1, 1, 1, 1, 1, 1, 10])
		{"n8 outlier", []float64{1, 1, 1, 1, 1, 1, 1, 10}, 0.418398380279541, 1.0472282383489073e-06},
		{"n100", sinTrend, 0.9197860360145569, 1.3711725841858424e-05},
		// shapiro(np.exp(np.sin(np.arange(1, 1001))))
		{"n1000", expSin(1000), 0.8663168549537659, 2.33880358362768e-28},
		// shapiro([z + 0.02*z**2 for z in special.ndtri((np.arange(1, 5001) - 0.5)/5000)])
		{"n5000", skewedNormal(5000, 0.02), 0.9991946220397949, 0.020307285711169243},
		// the same with 0.03
		{"n5000 skew", skewedNormal(5000, 0.03), 0.9981992840766907, 1.600323048478458e-05},
	}
	for _, c := range cases {
		r, err := stats.ShapiroWilk(c.x)
		if err != nil {
			t.Fatalf("ShapiroWilk(%s): %v", c.name, err)
		}
		if math.Abs(r.Statistic-c.w) > 2e-6 {
			t.Errorf("ShapiroWilk(%s) W = %.17g, want %.17g", c.name, r.Statistic, c.w)
		}
		if d := math.Abs(r.PValue - c.p); d > 2e-6 && d > 1e-3*c.p {
			t.Errorf("ShapiroWilk(%s) p = %.17g, want %.17g", c.name, r.PValue, c.p)
		}
	}
}

func TestShapiroWilkErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		x    []float64
	}{
		{"two values", []float64{1, 2}},
		{"constant", []float64{5, 5, 5, 5}},
		{"NaN", []float64{1, 2, math.NaN(), 4}},
	}
	for _, c := range cases {
		r, err := stats.ShapiroWilk(c.x)
		if inferra.ErrorCode(err) != inferra.EInvalid || r != nil {
			t.Errorf("ShapiroWilk(%s) = %v, %v; want an invalid_input error", c.name, r, err)
		}
	}
}
