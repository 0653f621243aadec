package stats_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// seq returns start, start+step, … (n values).
func seq(n int, start, step float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = start + step*float64(i)
	}
	return x
}

// TestMannWhitneyUScipy compares with scipy 1.10.1; each case names the
// exact call (x = [start + step*i for i in range(n)] where generated).
func TestMannWhitneyUScipy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		x, y   []float64
		u, p   float64
		method string
	}{
		// mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12]) (the scipy docs example)
		{"docs", []float64{19, 22, 16, 29, 24}, []float64{20, 11, 17, 12}, 17, 0.1111111111111111, "exact"},
		// mannwhitneyu([0.5+7*i for i in range(8)], list(range(60)))
		{"8v60", seq(8, 0.5, 7), seq(60, 0, 1), 204, 0.5063151339710188, "exact"},
		// mannwhitneyu(list(range(60)), [0.5+7*i for i in range(8)])
		{"60v8", seq(60, 0, 1), seq(8, 0.5, 7), 276, 0.5063151339710188, "exact"},
		// mannwhitneyu([-8+i for i in range(8)], list(range(200))): U = 0, p = 2/C(208, 8)
		{"8v200 U=0", seq(8, -8, 1), seq(200, 0, 1), 0, 2.6376801135834482e-14, "exact"},
		// mannwhitneyu([2.5*i-10.25 for i in range(8)], list(range(200)))
		{"8v200 tail", seq(8, -10.25, 2.5), seq(200, 0, 1), 16, 2.0969556902988415e-11, "exact"},
		// mannwhitneyu([61.5*i+3.25 for i in range(8)], list(range(500)))
		{"8v500", seq(8, 3.25, 61.5), seq(500, 0, 1), 1752, 0.5546710823005007, "exact"},
		// mannwhitneyu([10*i+0.5 for i in range(8)], list(range(500)))
		{"8v500 tail", seq(8, 0.5, 10), seq(500, 0, 1), 288, 9.159801819332246e-07, "exact"},
		// mannwhitneyu([10.5, 20.5, 95.5], list(range(100)))
		{"3v100", []float64{10.5, 20.5, 95.5}, seq(100, 0, 1), 128, 0.6900271980367655, "exact"},
		// mannwhitneyu([2.5], [0, 1, 2, 3, 4]): the centre, p clipped to 1
		{"1v5", []float64{2.5}, []float64{0, 1, 2, 3, 4}, 3, 1, "exact"},
		// mannwhitneyu([1, 1, 1], [1, 1, 1, 1]): all tied, asymptotic with zero variance
		{"all tied", []float64{1, 1, 1}, []float64{1, 1, 1, 1}, 6, 1, "asymptotic"},
	}
	for _, c := range cases {
		r, err := stats.MannWhitneyU(c.x, c.y)
		if err != nil {
			t.Fatalf("MannWhitneyU(%s): %v", c.name, err)
		}
		if r.Statistic != c.u || r.Method != c.method {
			t.Errorf("MannWhitneyU(%s) U = %g (%s), want %g (%s)", c.name, r.Statistic, r.Method, c.u, c.method)
		}
		if !scalar.EqualWithinRel(r.PValue, c.p, 1e-9) {
			t.Errorf("MannWhitneyU(%s) p = %.17g, want %.17g", c.name, r.PValue, c.p)
		}
	}
}

// TestMannWhitneyUExactCounts checks the exact p-value against the
// classical recursion f(m, n, k) = f(m−1, n, k−n) + f(m, n−1, k) in
// integers (exact here: C(208, 8) < 2⁶⁴), for every attainable U.
func TestMannWhitneyUExactCounts(t *testing.T) {
	t.Parallel()
	const m, n = 8, 200
	counts := mwuCounts(m, n)
	total := 0.0
	for _, c := range counts {
		total += float64(c)
	}
	y := seq(n, 0, 1)
	for k := 0; k <= m*n; k += 37 {
		// x_i lies between the y values q_i − 1 and q_i, so it exceeds q_i
		// of them; the offsets 0.01·i keep the x values distinct.
		x := make([]float64, m)
		rest := k
		for i := range x {
			q := min(rest, n)
			x[i] = float64(q) - 0.5 + 0.01*float64(i)
			rest -= q
		}
		r, err := stats.MannWhitneyU(x, y)
		if err != nil {
			t.Fatal(err)
		}
		if r.Statistic != float64(k) {
			t.Fatalf("constructed U1 = %g, want %d", r.Statistic, k)
		}
		lo := min(k, m*n-k)
		var cum uint64
		for j := 0; j <= lo; j++ {
			cum += counts[j]
		}
		want := math.Min(1, 2*float64(cum)/total)
		if !scalar.EqualWithinRel(r.PValue, want, 1e-13) {
			t.Errorf("MannWhitneyU(8 vs 200, U = %d) p = %.17g, want %.17g", k, r.PValue, want)
		}
	}
}

// mwuCounts returns the number of arrangements of samples of sizes m and n
// with U = k, k = 0 … m·n, by the recursion of Mann and Whitney (1947).
func mwuCounts(m, n int) []uint64 {
	// f[i][k] holds f(i, nn, k) for the current nn.
	f := make([][]uint64, m+1)
	for i := range f {
		f[i] = make([]uint64, m*n+1)
	}
	f[0][0] = 1 // nn = 0: only U = 0, for any i
	for i := 1; i <= m; i++ {
		f[i][0] = 1
	}
	for nn := 1; nn <= n; nn++ {
		// f(i, nn, k) = f(i−1, nn, k−nn) + f(i, nn−1, k): row i still holds
		// nn − 1, row i − 1 already holds nn.
		for i := 1; i <= m; i++ {
			for k := i * nn; k >= nn; k-- {
				f[i][k] += f[i-1][k-nn]
			}
		}
	}
	return f[m]
}

// TestMannWhitneyUInvariants checks properties that hold whatever the
// data: U1 + U2 = n1·n2 (swapping the samples), an unchanged p-value, the
// rank-biserial correlation changing sign, and exact and asymptotic
// p-values agreeing for moderate samples.
func TestMannWhitneyUInvariants(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 50; trial++ {
		n1, n2 := 1+rng.IntN(12), 1+rng.IntN(40)
		x, y := make([]float64, n1), make([]float64, n2)
		for i := range x {
			x[i] = math.Round(rng.NormFloat64()*4) / 2 // ties likely
		}
		for i := range y {
			y[i] = math.Round(rng.NormFloat64()*4+1) / 2
		}
		a, err := stats.MannWhitneyU(x, y)
		if err != nil {
			t.Fatal(err)
		}
		b, err := stats.MannWhitneyU(y, x)
		if err != nil {
			t.Fatal(err)
		}
		if a.Statistic+b.Statistic != float64(n1*n2) {
			t.Errorf("U1 + U2 = %g + %g, want n1·n2 = %d", a.Statistic, b.Statistic, n1*n2)
		}
		if !scalar.EqualWithinRel(a.PValue, b.PValue, 1e-12) || a.Method != b.Method {
			t.Errorf("p(x, y) = %g (%s), p(y, x) = %g (%s), want equal", a.PValue, a.Method, b.PValue, b.Method)
		}
		if !scalar.EqualWithinAbs(a.RankBiserial, -b.RankBiserial, 1e-15) {
			t.Errorf("rank-biserial %g and %g, want opposite", a.RankBiserial, b.RankBiserial)
		}
		if a.PValue < 0 || a.PValue > 1 || a.N != n1+n2 {
			t.Errorf("p = %g, n = %d for sizes %d, %d", a.PValue, a.N, n1, n2)
		}
	}

	// Without ties, 8 against 40: the exact p-value and the normal
	// approximation (with continuity correction) agree to a few percent.
	y := seq(40, 0, 1)
	for shift := 0.45; shift < 30; shift += 3 {
		x := seq(8, shift, 1.3) // never an integer: no ties with y
		exact, err := stats.MannWhitneyU(x, y)
		if err != nil {
			t.Fatal(err)
		}
		if exact.Method != "exact" {
			t.Fatalf("method %s, want exact", exact.Method)
		}
		u := math.Max(exact.Statistic, 8*40-exact.Statistic)
		z := (u - 8*40/2 - 0.5) / math.Sqrt(8*40*(48+1)/12.0)
		approx := math.Min(1, math.Erfc(z/math.Sqrt2))
		if math.Abs(exact.PValue-approx) > 0.01+0.1*exact.PValue {
			t.Errorf("shift %g: exact p = %g, normal approximation %g", shift, exact.PValue, approx)
		}
	}
}

// TestMannWhitneyUSmallVersusHuge: scipy picks the exact method whenever
// one sample has at most 8 values; that must stay fast with a huge other
// sample and agree with the normal approximation there.
func TestMannWhitneyUSmallVersusHuge(t *testing.T) {
	t.Parallel()
	const n2 = 200_000
	y := seq(n2, 0, 1)
	x := []float64{5e4 + 0.5, 7e4 + 0.5, 9e4 + 0.5, 1e5 + 0.5, 1.1e5 + 0.5, 1.2e5 + 0.5, 1.25e5 + 0.5, 1.5e5 + 0.5}
	start := time.Now()
	r, err := stats.MannWhitneyU(x, y)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("MannWhitneyU(8 vs %d) took %v", n2, d)
	}
	if r.Method != "exact" {
		t.Fatalf("method %s, want exact", r.Method)
	}
	n := float64(8 + n2)
	u := math.Max(r.Statistic, 8*n2-r.Statistic)
	z := (u - 8*n2/2 - 0.5) / math.Sqrt(8*n2*(n+1)/12)
	approx := math.Erfc(z / math.Sqrt2)
	if !scalar.EqualWithinRel(r.PValue, approx, 0.05) {
		t.Errorf("8 vs %d: exact p = %g, normal approximation %g", n2, r.PValue, approx)
	}
}

func TestMannWhitneyUErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		x, y []float64
	}{
		{"empty x", nil, []float64{1, 2}},
		{"empty y", []float64{1, 2}, []float64{}},
		{"NaN", []float64{1, math.NaN()}, []float64{1, 2}},
	}
	for _, c := range cases {
		r, err := stats.MannWhitneyU(c.x, c.y)
		if inferra.ErrorCode(err) != inferra.EInvalid || r != nil {
			t.Errorf("MannWhitneyU(%s) = %v, %v; want an invalid_input error", c.name, r, err)
		}
	}
}

func BenchmarkMannWhitneyU1M(b *testing.B) {
	rng := rand.New(rand.NewPCG(2024, 11))
	x, y := make([]float64, 400_000), make([]float64, 600_000)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	for i := range y {
		y[i] = rng.NormFloat64() + 0.01
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.MannWhitneyU(x, y); err != nil {
			b.Fatal(err)
		}
	}
}
