package stats_test

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// TestKruskalScipy compares with scipy 1.10.1 stats.kruskal(*groups).
func TestKruskalScipy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		groups  [][]float64
		h, p    float64
		medians []float64
	}{
		// kruskal([2.9,3.0,2.5,2.6,3.2], [3.8,2.7,4.0,2.4], [2.8,3.4,3.7,2.2,2.0])
		{"three", [][]float64{{2.9, 3.0, 2.5, 2.6, 3.2}, {3.8, 2.7, 4.0, 2.4}, {2.8, 3.4, 3.7, 2.2, 2.0}},
			0.7714285714285722, 0.6799647735788936, []float64{2.9, 3.25, 2.8}},
		// kruskal([1,2,2,3], [2,3,3,4,4], [1,1,2]): tie-corrected
		{"ties", [][]float64{{1, 2, 2, 3}, {2, 3, 3, 4, 4}, {1, 1, 2}}, 6.306117353308373, 0.04272125631439174, []float64{2, 3, 1}},
		// kruskal([1.1,2.2,3.3,4.4,5.5,6.6], [2.5,3.5,7.5,8.5,9.5])
		{"two", [][]float64{{1.1, 2.2, 3.3, 4.4, 5.5, 6.6}, {2.5, 3.5, 7.5, 8.5, 9.5}}, 2.13333333333334, 0.14412703481601052, []float64{3.85, 7.5}},
	}
	for _, c := range cases {
		r, err := stats.Kruskal(c.groups...)
		if err != nil {
			t.Fatalf("Kruskal(%s): %v", c.name, err)
		}
		if !scalar.EqualWithinRel(r.Statistic, c.h, 1e-12) || !scalar.EqualWithinRel(r.PValue, c.p, 1e-9) {
			t.Errorf("Kruskal(%s) = H %.17g, p %.17g; want %.17g, %.17g", c.name, r.Statistic, r.PValue, c.h, c.p)
		}
		if r.DF != float64(len(c.groups)-1) || r.K != len(c.groups) {
			t.Errorf("Kruskal(%s) df = %g, k = %d", c.name, r.DF, r.K)
		}
		for i, m := range c.medians {
			if g := r.Groups[i]; !scalar.EqualWithinAbs(g.Median, m, 1e-12) || g.N != len(c.groups[i]) {
				t.Errorf("Kruskal(%s) group %d = %+v, want median %g, n %d", c.name, i, g, m, len(c.groups[i]))
			}
		}
	}
}

// TestKruskalTwoGroupsIsMannWhitneyZ: with two groups, H equals the square
// of Mann–Whitney's tie-corrected z without continuity correction,
// H = (U − n1n2/2)² / (n1n2/12 · ((N+1) − Σ(t³−t)/(N(N−1)))), an identity
// of the formulas, so it must hold to rounding.
func TestKruskalTwoGroupsIsMannWhitneyZ(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 30; trial++ {
		x, y := make([]float64, 2+rng.IntN(30)), make([]float64, 2+rng.IntN(30))
		for i := range x {
			x[i] = float64(rng.IntN(8))
		}
		for i := range y {
			y[i] = float64(rng.IntN(9))
		}
		k, err := stats.Kruskal(x, y)
		if err != nil {
			continue // all tied: covered elsewhere
		}
		m, err := stats.MannWhitneyU(x, y)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[float64]float64{}
		for _, v := range append(append([]float64{}, x...), y...) {
			counts[v]++
		}
		var tie float64
		for _, c := range counts {
			tie += c*c*c - c
		}
		n1, n2 := float64(len(x)), float64(len(y))
		n := n1 + n2
		d := m.Statistic - n1*n2/2
		z2 := d * d / (n1 * n2 / 12 * ((n + 1) - tie/(n*(n-1))))
		if !scalar.EqualWithinAbsOrRel(k.Statistic, z2, 1e-12, 1e-10) {
			t.Errorf("trial %d: H = %.17g, z² = %.17g", trial, k.Statistic, z2)
		}
	}
}

func TestKruskalErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		groups [][]float64
	}{
		{"one group", [][]float64{{1, 2, 3}}},
		{"empty group", [][]float64{{1, 2}, {}}},
		{"all identical", [][]float64{{4, 4}, {4}, {4, 4, 4}}},
		{"NaN", [][]float64{{1, math.NaN()}, {2, 3}}},
	}
	for _, c := range cases {
		r, err := stats.Kruskal(c.groups...)
		if inferra.ErrorCode(err) != inferra.EInvalid || r != nil {
			t.Errorf("Kruskal(%s) = %v, %v; want an invalid_input error", c.name, r, err)
		}
	}
}

// TestRankRunnersErrors runs the analyses through stats.Run on data they
// cannot use and checks for an invalid_input error that names the problem.
func TestRankRunnersErrors(t *testing.T) {
	t.Parallel()
	ds, err := inferra.NewDataset([]*inferra.Column{
		{Name: "arm", Kind: inferra.Categorical, Codes: []int32{0, 0, 1, 1, 2, 2}, Levels: []string{"a", "b", "c"}},
		{Name: "pair", Kind: inferra.Categorical, Codes: []int32{0, 0, 0, 1, inferra.Missing, 1}, Levels: []string{"p", "q"}},
		{Name: "one", Kind: inferra.Categorical, Codes: []int32{0, 0, 0, inferra.Missing, 0, 0}, Levels: []string{"only"}},
		{Name: "v", Kind: inferra.Numeric, Floats: []float64{1, 2, 3, 4, 5, 6}},
		{Name: "w", Kind: inferra.Numeric, Floats: []float64{1, 2, 3, 4, 5, 6}},
		{Name: "same", Kind: inferra.Numeric, Floats: []float64{3, 3, 3, 3, 3, 3}},
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		analysis string
		params   map[string]string
		mention  string
	}{
		{"mannwhitneyu", map[string]string{"group": "arm", "value": "v"}, "exactly two groups"},
		{"mannwhitneyu", map[string]string{"group": "one", "value": "v"}, "exactly two groups"},
		{"mannwhitneyu", map[string]string{"group": "pair", "value": "arm"}, "numeric"},
		{"mannwhitneyu", map[string]string{"group": "pair"}, `"value"`},
		{"kruskal", map[string]string{"group": "one", "value": "v"}, "two or more groups"},
		{"kruskal", map[string]string{"group": "arm", "value": "same"}, "every value"},
		{"wilcoxon", map[string]string{"x": "v", "y": "w"}, "every one of the 6 rows"},
		{"wilcoxon", map[string]string{"x": "v", "y": "nope"}, "does not exist"},
	}
	for _, c := range cases {
		_, err := stats.Run(context.Background(), ds, c.analysis, c.params)
		if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(inferra.ErrorMessage(err), c.mention) {
			t.Errorf("Run(%s, %v) error = %v, want invalid_input mentioning %q", c.analysis, c.params, err, c.mention)
		}
	}

	// The happy path counts rows: "pair" is missing in one row.
	res, err := stats.Run(context.Background(), ds, "mannwhitneyu", map[string]string{"group": "pair", "value": "v"})
	if err != nil {
		t.Fatal(err)
	}
	if res.RowsUsed != 5 || res.RowsDropped != 1 || !strings.HasPrefix(res.Report, "Mann–Whitney U test: ") {
		t.Errorf("rows %d/%d, report %q", res.RowsUsed, res.RowsDropped, res.Report)
	}
}

func BenchmarkKruskal1M(b *testing.B) {
	rng := rand.New(rand.NewPCG(2024, 12))
	groups := make([][]float64, 5)
	for g := range groups {
		groups[g] = make([]float64, 200_000)
		for i := range groups[g] {
			groups[g][i] = rng.NormFloat64() + 0.01*float64(g)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.Kruskal(groups...); err != nil {
			b.Fatal(err)
		}
	}
}
