package stats_test

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/inferra/inferra/stats"
)

// linearSine returns x = 1…n and y = x + 3·sin(x).
func linearSine(n int) (x, y []float64) {
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = float64(i + 1)
		y[i] = x[i] + 3*math.Sin(x[i])
	}
	return x, y
}

func TestPearsonRSpotValues(t *testing.T) {
	t.Parallel()
	x, y := linearSine(40)
	r, err := stats.PearsonR(x, y)
	if err != nil {
		t.Fatal(err)
	}
	// scipy 1.10.1: i = np.arange(1, 41.); res = scipy.stats.pearsonr(i, i + 3*np.sin(i));
	// res.confidence_interval(0.95)
	for _, c := range []struct {
		name      string
		got, want float64
		rel       float64
	}{
		{"r", r.Statistic, 0.9832743329860578, 1e-13},
		{"p", r.PValue, 1.0249518017634989e-29, 1e-9},
		{"ci_low", r.CILow, 0.9683784897015004, 1e-13},
		{"ci_high", r.CIHigh, 0.9911846644049873, 1e-13},
	} {
		if !near(c.got, c.want, c.rel) {
			t.Errorf("PearsonR(linearSine(40)) %s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
}

func TestSpearmanRSpotValues(t *testing.T) {
	t.Parallel()
	x, _ := linearSine(40)
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = math.RoundToEven(3*math.Sin(v)) + v/8 // ties in the rounded part
	}
	r, err := stats.SpearmanR(x, y)
	if err != nil {
		t.Fatal(err)
	}
	// scipy 1.10.1: scipy.stats.spearmanr(i, np.round(3*np.sin(i)) + i/8), i = np.arange(1, 41.)
	if !near(r.Statistic, 0.525965197308758, 1e-13) || !near(r.PValue, 0.0004909524832232807, 1e-9) {
		t.Errorf("SpearmanR = %.17g, p = %.17g; want 0.525965197308758, 0.0004909524832232807", r.Statistic, r.PValue)
	}
}

// TestCorrelationInvariance: Pearson's r is unchanged by affine maps
// (sign flips with a negative slope), Spearman's by monotone ones, and a
// perfect monotone relation gives ρ = 1 with p = 0.
func TestCorrelationInvariance(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	n := 500
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = 0.3*x[i] + rng.NormFloat64()
	}
	base, err := stats.PearsonR(x, y)
	if err != nil {
		t.Fatal(err)
	}
	ax, ey := make([]float64, n), make([]float64, n)
	for i := range x {
		ax[i] = -2.5*x[i] + 1e4
		ey[i] = math.Exp(y[i])
	}
	r, err := stats.PearsonR(ax, y)
	if err != nil {
		t.Fatal(err)
	}
	if !near(r.Statistic, -base.Statistic, 1e-10) || !near(r.PValue, base.PValue, 1e-8) {
		t.Errorf("PearsonR(-2.5x + 1e4, y) = %.17g (p %g), want %.17g (p %g)", r.Statistic, r.PValue, -base.Statistic, base.PValue)
	}
	s1, err := stats.SpearmanR(x, y)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := stats.SpearmanR(x, ey)
	if err != nil {
		t.Fatal(err)
	}
	if s1.Statistic != s2.Statistic || s1.PValue != s2.PValue {
		t.Errorf("SpearmanR changed under exp(y): %g (p %g) vs %g (p %g)", s1.Statistic, s1.PValue, s2.Statistic, s2.PValue)
	}
	mono, err := stats.SpearmanR(x, ax) // strictly decreasing in x
	if err != nil {
		t.Fatal(err)
	}
	if mono.Statistic != -1 || mono.PValue != 0 {
		t.Errorf("SpearmanR of a decreasing transform = %g, p = %g; want -1, 0", mono.Statistic, mono.PValue)
	}
	perfect, err := stats.PearsonR(x, ax)
	if err != nil {
		t.Fatal(err)
	}
	if perfect.Statistic != -1 || perfect.PValue != 0 || perfect.CILow != -1 || perfect.CIHigh != -1 {
		t.Errorf("PearsonR of an exact line = %+v, want r = -1, p = 0, CI [-1, -1]", perfect)
	}
}

func TestCorrelationRun(t *testing.T) {
	t.Parallel()
	x, y := linearSine(12)
	ds := paramDS(t, paramNumeric("dose", x...), paramNumeric("response", y...))
	for _, c := range []struct {
		id   string
		want []string
	}{
		{"pearsonr", []string{"Pearson correlation", "dose and response were significantly positively correlated", "r(10) = .", "95% CI [."}},
		{"spearmanr", []string{"Spearman rank correlation", "significantly positively", "rs(10) = ."}},
	} {
		res, err := stats.Run(context.Background(), ds, c.id, map[string]string{"x": "dose", "y": "response"})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(res.Report, w) {
				t.Errorf("%s report %q does not contain %q", c.id, res.Report, w)
			}
		}
	}
}

func correlatedPairs(n int) (x, y []float64) {
	rng := rand.New(rand.NewPCG(11, 12))
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = 0.05*x[i] + rng.NormFloat64()
	}
	return x, y
}

func BenchmarkPearsonR1M(b *testing.B) {
	x, y := correlatedPairs(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.PearsonR(x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSpearmanR1M(b *testing.B) {
	x, y := correlatedPairs(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.SpearmanR(x, y); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSpearmanRPerfect checks that identical and mirrored rankings give
// exactly ±1 and p = 0, as scipy does, not 1 − 2ε with a p-value made of
// rounding.
func TestSpearmanRPerfect(t *testing.T) {
	cases := []struct {
		x, y []float64
		want float64
	}{
		// scipy.stats.spearmanr([1, 2, 3], [2, 4, 5]) = (1.0, 0.0)
		{[]float64{1, 2, 3}, []float64{2, 4, 5}, 1},
		// scipy.stats.spearmanr([1, 2, 2, 3], [9, 5, 5, 1]) = (-1.0, 0.0)
		{[]float64{1, 2, 2, 3}, []float64{9, 5, 5, 1}, -1},
		// scipy.stats.spearmanr([1, 2, 2, 3, 7], [9, 5, 5, 1, 0]) = (-1.0, 0.0)
		{[]float64{1, 2, 2, 3, 7}, []float64{9, 5, 5, 1, 0}, -1},
	}
	for _, c := range cases {
		r, err := stats.SpearmanR(c.x, c.y)
		if err != nil {
			t.Fatal(err)
		}
		if r.Statistic != c.want || r.PValue != 0 {
			t.Errorf("SpearmanR(%v, %v) = %v, p %v; want %v, p 0", c.x, c.y, r.Statistic, r.PValue, c.want)
		}
	}
}
