package stats_test

import (
	"context"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

func TestFOnewaySpotValues(t *testing.T) {
	t.Parallel()
	r, err := stats.FOneway(sampleA, sampleB, sampleC)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		rel       float64
	}{
		// scipy 1.10.1: scipy.stats.f_oneway(a, b, c)
		{"F", r.Statistic, 20.28090183234021, 1e-12},
		{"p", r.PValue, 5.430776457776507e-05, 1e-9},
		// statsmodels 0.13.5: anova_oneway(values, labels, use_var='unequal', welch_correction=True)
		{"Welch F", r.Welch.Statistic, 19.27681694283121, 1e-12},
		{"Welch p", r.Welch.PValue, 0.0005480177632896554, 1e-9},
		{"Welch df2", r.Welch.DFWithin, 9.043062272675204, 1e-12},
		// scipy.stats.levene(a, b, c, center='median')
		{"Levene W", r.Levene.Statistic, 0.30035694921380723, 1e-12},
		{"Levene p", r.Levene.PValue, 0.7449050181143508, 1e-9},
	} {
		if !near(c.got, c.want, c.rel) {
			t.Errorf("FOneway(sampleA, sampleB, sampleC) %s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
	if r.DFBetween != 2 || r.DFWithin != 15 || r.N != 18 || r.K != 3 || r.Levene.DF1 != 2 || r.Levene.DF2 != 15 {
		t.Errorf("FOneway df = (%d, %d), n = %d, k = %d, Levene df (%d, %d); want (2, 15), 18, 3, (2, 15)",
			r.DFBetween, r.DFWithin, r.N, r.K, r.Levene.DF1, r.Levene.DF2)
	}
	if !(r.OmegaSquared < r.EtaSquared && r.EtaSquared < 1 && r.OmegaSquared > 0) {
		t.Errorf("FOneway η² = %g, ω² = %g; want 0 < ω² < η² < 1", r.EtaSquared, r.OmegaSquared)
	}
}

// TestFOnewayShiftInvariance: adding a constant to every value changes no
// statistic; this is where a one-pass sum of squares would lose digits.
func TestFOnewayShiftInvariance(t *testing.T) {
	t.Parallel()
	base, err := stats.FOneway(sampleA, sampleB, sampleC)
	if err != nil {
		t.Fatal(err)
	}
	shift := func(x []float64) []float64 {
		out := make([]float64, len(x))
		for i, v := range x {
			out[i] = v + 1e6
		}
		return out
	}
	r, err := stats.FOneway(shift(sampleA), shift(sampleB), shift(sampleC))
	if err != nil {
		t.Fatal(err)
	}
	if !near(r.Statistic, base.Statistic, 1e-8) || !near(r.Welch.Statistic, base.Welch.Statistic, 1e-8) || !near(r.Levene.Statistic, base.Levene.Statistic, 1e-8) {
		t.Errorf("FOneway after shifting by 1e6: F %g, Welch %g, Levene %g; before: %g, %g, %g",
			r.Statistic, r.Welch.Statistic, r.Levene.Statistic, base.Statistic, base.Welch.Statistic, base.Levene.Statistic)
	}
}

// TestFOnewayConstantGroup: one constant group still gives an ANOVA, but
// Welch's weights are infinite, so its block is left out.
func TestFOnewayConstantGroup(t *testing.T) {
	t.Parallel()
	r, err := stats.FOneway([]float64{1, 2, 3}, []float64{4, 4, 4})
	if err != nil {
		t.Fatal(err)
	}
	if r.Welch != nil {
		t.Errorf("FOneway with a constant group: Welch = %+v, want nil", r.Welch)
	}
}

func TestFOnewayRun(t *testing.T) {
	t.Parallel()
	labels := []string{"west", "east", "north", "west", "east", "north", "west", "east", "north", "west"}
	vals := []float64{3, 1, 5, 4, 2, 5, 3, 1, 4, 2}
	ds := paramDS(t, paramCategorical("region", labels...), paramNumeric("score", vals...))
	res, err := stats.Run(context.Background(), ds, "f_oneway", map[string]string{"group": "region", "value": "score"})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Stats.(*stats.FOnewayResult)
	if got := []string{r.Groups[0].Level, r.Groups[1].Level, r.Groups[2].Level}; strings.Join(got, ",") != "east,north,west" {
		t.Errorf("levels %v, want east, north, west", got)
	}
	for _, want := range []string{"One-way ANOVA", "differed significantly", "F(2, 7) = ", "η² = .", "highest mean was in north"} {
		if !strings.Contains(res.Report, want) {
			t.Errorf("report %q does not contain %q", res.Report, want)
		}
	}
}

func BenchmarkFOneway1M(b *testing.B) {
	g := syntheticGroups(1_000_000, 4)
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.FOneway(g...); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLeveneUndefinedWithPairs checks that Levene's test is refused, not
// reported as W ≈ 1e33, when every group has two values: their distances
// from the group median are equal, so there is no spread within groups.
func TestLeveneUndefinedWithPairs(t *testing.T) {
	_, err := stats.Levene([]float64{-0.834, -0.058}, []float64{2.861, -1.616})
	if inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("Levene of two pairs: error %v, want invalid_input", err)
	}
	r, err := stats.TTestInd([]float64{-0.834, -0.058}, []float64{2.861, -1.616})
	if err != nil {
		t.Fatal(err)
	}
	if r.Levene != nil {
		t.Errorf("TTestInd of two pairs reports Levene %+v, want it left out", r.Levene)
	}
}
