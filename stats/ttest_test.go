package stats_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
	"gonum.org/v1/gonum/floats/scalar"
)

// paramNumeric builds a numeric column.
func paramNumeric(name string, v ...float64) *inferra.Column {
	return &inferra.Column{Name: name, Kind: inferra.Numeric, Floats: v}
}

// paramCategorical builds a categorical column from labels ("" is
// missing), with levels in byte-wise order as the loaders make them.
func paramCategorical(name string, labels ...string) *inferra.Column {
	var levels []string
	for _, l := range labels {
		if l != "" && !slices.Contains(levels, l) {
			levels = append(levels, l)
		}
	}
	slices.Sort(levels)
	codes := make([]int32, len(labels))
	for i, l := range labels {
		codes[i] = inferra.Missing
		if l != "" {
			codes[i] = int32(slices.Index(levels, l))
		}
	}
	return &inferra.Column{Name: name, Kind: inferra.Categorical, Codes: codes, Levels: levels}
}

func paramDS(t testing.TB, cols ...*inferra.Column) *inferra.Dataset {
	t.Helper()
	ds, err := inferra.NewDataset(cols)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// Small samples shared by the spot checks.
var (
	sampleA = []float64{5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3}
	sampleB = []float64{4.1, 4.5, 5.0, 4.8, 3.9, 4.4}
	sampleC = []float64{5.6, 6.4, 5.9, 7.1, 6.6}
)

func near(got, want, rel float64) bool {
	return scalar.EqualWithinAbsOrRel(got, want, 1e-300, rel)
}

func TestTTestIndSpotValues(t *testing.T) {
	t.Parallel()
	r, err := stats.TTestInd(sampleA, sampleB)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		rel       float64
	}{
		// scipy 1.10.1: scipy.stats.ttest_ind(a, b, equal_var=False)
		{"welch t", r.Statistic, 4.41440035138294, 1e-12},
		{"welch p", r.PValue, 0.0010392019157286123, 1e-9},
		// scipy.stats.ttest_ind(a, b, equal_var=True)
		{"student t", r.Student.Statistic, 4.3606548555498845, 1e-12},
		{"student p", r.Student.PValue, 0.0011350567678128924, 1e-9},
		// scipy.stats.levene(a, b, center='median')
		{"levene W", r.Levene.Statistic, 0.2814934274586175, 1e-12},
		{"levene p", r.Levene.PValue, 0.6062691744232864, 1e-9},
	} {
		if !near(c.got, c.want, c.rel) {
			t.Errorf("TTestInd(sampleA, sampleB) %s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
	if r.Method != "welch" || r.Welch != r.TTest || r.N != 13 || r.Student.DF != 11 {
		t.Errorf("TTestInd: method %q, welch block %+v vs top %+v, n %d, student df %g", r.Method, r.Welch, r.TTest, r.N, r.Student.DF)
	}
}

// TestTTestRelInterval checks the t quantile behind every interval: the
// half-width divided by the standard error must be t₀.₉₇₅(7), here from an
// independent inversion, sqrt(df·(1−x)/x) with
// x = scipy.special.betaincinv(3.5, 0.5, 0.05) (scipy 1.10.1), which is
// exact to 1e-15; scipy.stats.t.ppf(0.975, 7) itself is off by 2.5e-10.
func TestTTestRelInterval(t *testing.T) {
	t.Parallel()
	x := []float64{5.2, 6.1, 4.8, 7.3, 5.9, 6.6, 5.0, 6.9}
	y := []float64{4.9, 5.2, 5.0, 6.0, 4.7, 6.1, 5.4, 5.8}
	r, err := stats.TTestRel(x, y)
	if err != nil {
		t.Fatal(err)
	}
	// scipy.stats.ttest_rel(x, y)
	if !near(r.Statistic, 2.568980061698617, 1e-12) || !near(r.PValue, 0.03706296657215047, 1e-9) || r.DF != 7 {
		t.Errorf("TTestRel t = %.17g, p = %.17g, df = %g; want 2.568980061698617, 0.03706296657215047, 7", r.Statistic, r.PValue, r.DF)
	}
	se := r.MeanDifference / r.Statistic
	q := (r.CIHigh - r.MeanDifference) / se
	const want = 2.364624251592785 // t₀.₉₇₅(7), see above; mpmath agrees to 16 digits
	if !near(q, want, 1e-13) {
		t.Errorf("TTestRel interval uses t quantile %.17g, want %.17g", q, want)
	}
	if !near(r.MeanDifference-r.CILow, r.CIHigh-r.MeanDifference, 1e-13) {
		t.Errorf("TTestRel interval [%g, %g] is not symmetric about %g", r.CILow, r.CIHigh, r.MeanDifference)
	}
}

// TestStudentEqualsANOVA checks t² = F for two groups, and Welch's df
// bounds.
func TestStudentEqualsANOVA(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		n1, n2 := 2+rng.IntN(30), 2+rng.IntN(30)
		a, b := make([]float64, n1), make([]float64, n2)
		for i := range a {
			a[i] = rng.NormFloat64()*(1+rng.Float64()*5) + 3
		}
		for i := range b {
			b[i] = rng.NormFloat64() * (1 + rng.Float64())
		}
		tt, err := stats.TTestInd(a, b)
		if err != nil {
			t.Fatal(err)
		}
		f, err := stats.FOneway(a, b)
		if err != nil {
			t.Fatal(err)
		}
		ts := tt.Student.Statistic
		if !near(ts*ts, f.Statistic, 1e-12) || !near(tt.Student.PValue, f.PValue, 1e-10) {
			t.Errorf("trial %d: Student t² = %.17g (p %g), F = %.17g (p %g)", trial, ts*ts, tt.Student.PValue, f.Statistic, f.PValue)
		}
		if w := tt.Welch; w.DF < float64(min(n1, n2)-1)*(1-1e-12) || w.DF > float64(n1+n2-2)*(1+1e-12) {
			t.Errorf("trial %d: Welch df = %g outside [%d, %d]", trial, w.DF, min(n1, n2)-1, n1+n2-2)
		}
		// The two-group Welch ANOVA is Welch's t-test squared.
		if ws := tt.Welch.Statistic; f.Welch == nil || !near(ws*ws, f.Welch.Statistic, 1e-12) || !near(tt.Welch.DF, f.Welch.DFWithin, 1e-12) {
			t.Errorf("trial %d: Welch t² = %g (df %g), Welch ANOVA %+v", trial, ws*ws, tt.Welch.DF, f.Welch)
		}
	}
}

// TestTTestIndOneConstantGroup: only one group varying is fine (Welch's df
// is then that group's n − 1) and nothing is NaN.
func TestTTestIndOneConstantGroup(t *testing.T) {
	t.Parallel()
	ds := paramDS(t,
		paramCategorical("g", "a", "a", "a", "b", "b", "b", "b"),
		paramNumeric("v", 2, 2, 2, 1, 3, 4, 6))
	res, err := stats.Run(context.Background(), ds, "ttest_ind", map[string]string{"group": "g", "value": "v"})
	if err != nil {
		t.Fatalf("Run(ttest_ind) with one constant group: %v", err)
	}
	r := res.Stats.(*stats.TTestIndResult)
	if r.DF != 3 || r.Groups[0].SD != 0 {
		t.Errorf("Welch df = %g, sd of constant group = %g; want 3 and 0", r.DF, r.Groups[0].SD)
	}
}

func TestTTestIndRun(t *testing.T) {
	t.Parallel()
	labels := []string{"control", "treatment", "control", "treatment", "", "control", "treatment", "control", "treatment", "treatment"}
	vals := []float64{4.1, 6.2, 3.9, 5.8, 5, 4.4, math.NaN(), 4.0, 6.1, 5.9}
	ds := paramDS(t, paramCategorical("arm", labels...), paramNumeric("score", vals...))
	res, err := stats.Run(context.Background(), ds, "ttest_ind", map[string]string{"group": "arm", "value": "score"})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Stats.(*stats.TTestIndResult)
	if res.RowsUsed != 8 || res.RowsDropped != 2 {
		t.Errorf("rows used/dropped = %d/%d, want 8/2", res.RowsUsed, res.RowsDropped)
	}
	if r.Groups[0].Level != "control" || r.Groups[1].Level != "treatment" || r.MeanDifference >= 0 {
		t.Errorf("groups %+v, mean difference %g: want control first, negative difference", r.Groups, r.MeanDifference)
	}
	for _, want := range []string{"Welch's t-test", "significantly lower for control", "treatment", "t(", "p ", "d = -"} {
		if !strings.Contains(res.Report, want) {
			t.Errorf("report %q does not contain %q", res.Report, want)
		}
	}
}

func TestParamErrors(t *testing.T) {
	t.Parallel()
	ds := paramDS(t,
		paramCategorical("diet", "a", "b", "c", "a", "b", "c", "a"),
		paramCategorical("arm", "x", "y", "x", "y", "x", "y", "x"),
		paramCategorical("single", "x", "y", "x", "x", "x", "x", "x"),
		paramNumeric("yield", 1, 2, 3, 4, 5, 6, 7),
		paramNumeric("flat", 3, 5, 3, 5, 3, 5, 3),
		paramNumeric("const", 2, 2, 2, 2, 2, 2, 2),
		paramNumeric("shift", 3, 4, 5, 6, 7, 8, 9),
		paramNumeric("sparse", 1, math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), 2),
		paramNumeric("lone", math.NaN(), math.NaN(), 4, math.NaN(), math.NaN(), math.NaN(), math.NaN()),
	)
	cases := []struct {
		analysis string
		params   map[string]string
		want     []string
	}{
		{"ttest_ind", map[string]string{"group": "diet", "value": "yield"}, []string{"exactly two groups", `"diet" has 3`}},
		{"ttest_ind", map[string]string{"group": "arm", "value": "diet"}, []string{"numeric", `"diet"`}},
		{"ttest_ind", map[string]string{"group": "arm", "value": "flat"}, []string{`every value of "flat" is the same in both groups`, "x: all 3", "y: all 5"}},
		{"ttest_ind", map[string]string{"group": "single", "value": "yield"}, []string{`group "y"`, "has 1"}},
		{"ttest_ind", map[string]string{"group": "arm", "value": "yeild"}, []string{`"yeild" does not exist`, `"yield"`}},
		{"ttest_rel", map[string]string{"x": "yield", "y": "shift"}, []string{"differs by exactly -2"}},
		{"ttest_rel", map[string]string{"x": "lone", "y": "yield"}, []string{"1 of 7 rows"}},
		{"f_oneway", map[string]string{"group": "single", "value": "yield"}, []string{`group "y"`, "has 1"}},
		{"f_oneway", map[string]string{"group": "arm", "value": "flat"}, []string{"F statistic is undefined"}},
		{"f_oneway", map[string]string{"group": "diet", "value": "sheft"}, []string{`did you mean "shift"`}},
		{"pearsonr", map[string]string{"x": "const", "y": "yield"}, []string{`"const"`, "constant"}},
		{"pearsonr", map[string]string{"x": "yield", "y": "const"}, []string{`"const"`}},
		{"spearmanr", map[string]string{"x": "yield", "y": "sparse"}, []string{"at least three rows", "2 of 7"}},
		{"spearmanr", map[string]string{"x": "const", "y": "yield"}, []string{`"const"`}},
	}
	for _, c := range cases {
		_, err := stats.Run(context.Background(), ds, c.analysis, c.params)
		if err == nil {
			t.Errorf("Run(%s, %v) succeeded, want an error", c.analysis, c.params)
			continue
		}
		if code := inferra.ErrorCode(err); code != inferra.EInvalid {
			t.Errorf("Run(%s, %v) error code %q, want %q (%v)", c.analysis, c.params, code, inferra.EInvalid, err)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Run(%s, %v) error %q, want it to mention %q", c.analysis, c.params, err, w)
			}
		}
	}
}

func TestPureFunctionErrors(t *testing.T) {
	t.Parallel()
	calls := map[string]func() error{
		"TTestInd n=1":        func() error { _, err := stats.TTestInd([]float64{1}, []float64{1, 2}); return err },
		"TTestInd constant":   func() error { _, err := stats.TTestInd([]float64{1, 1}, []float64{2, 2}); return err },
		"TTestRel n=1":        func() error { _, err := stats.TTestRel([]float64{1}, []float64{2}); return err },
		"TTestRel constant d": func() error { _, err := stats.TTestRel([]float64{1, 2}, []float64{0, 1}); return err },
		"FOneway one group":   func() error { _, err := stats.FOneway([]float64{1, 2}); return err },
		"FOneway constant":    func() error { _, err := stats.FOneway([]float64{1, 1}, []float64{2, 2}); return err },
		"WelchANOVA n=1":      func() error { _, err := stats.WelchANOVA([]float64{1}, []float64{2, 3}); return err },
		"Levene n=2 each":     func() error { _, err := stats.Levene([]float64{1, 2}, []float64{5, 9}); return err },
		"PearsonR n=2":        func() error { _, err := stats.PearsonR([]float64{1, 2}, []float64{2, 1}); return err },
		"PearsonR constant":   func() error { _, err := stats.PearsonR([]float64{1, 2, 3}, []float64{2, 2, 2}); return err },
		"TTestInd NaN":        func() error { _, err := stats.TTestInd([]float64{1, math.NaN()}, []float64{1, 2}); return err },
		"FOneway NaN":         func() error { _, err := stats.FOneway([]float64{1, 2}, []float64{math.NaN(), 2}); return err },
		"SpearmanR NaN":       func() error { _, err := stats.SpearmanR([]float64{1, 2, math.NaN()}, []float64{2, 1, 3}); return err },
	}
	for name, call := range calls {
		if err := call(); inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("%s: error %v, want an %s error", name, err, inferra.EInvalid)
		}
	}
}

// syntheticGroups returns n values split into k groups, deterministic.
func syntheticGroups(n, k int) [][]float64 {
	rng := rand.New(rand.NewPCG(42, 7))
	groups := make([][]float64, k)
	for i := range groups {
		groups[i] = make([]float64, 0, n/k+1)
	}
	for i := range n {
		g := i % k
		groups[g] = append(groups[g], 50+float64(g)*0.1+10*rng.NormFloat64())
	}
	return groups
}

func BenchmarkTTestInd1M(b *testing.B) {
	g := syntheticGroups(1_000_000, 2)
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.TTestInd(g[0], g[1]); err != nil {
			b.Fatal(err)
		}
	}
}

// syntheticPairs returns n paired measurements with a small shift, as a
// before/after layout.
func syntheticPairs(n int) (x, y []float64) {
	rng := rand.New(rand.NewPCG(11, 12))
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		base := 50 + 10*rng.NormFloat64()
		x[i] = base + rng.NormFloat64()
		y[i] = base + 0.05 + rng.NormFloat64()
	}
	return x, y
}

func BenchmarkTTestRel1M(b *testing.B) {
	x, y := syntheticPairs(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.TTestRel(x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWilcoxon1M(b *testing.B) {
	x, y := syntheticPairs(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.Wilcoxon(x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkShapiroWilk5000(b *testing.B) {
	x, _ := syntheticPairs(5000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.ShapiroWilk(x); err != nil {
			b.Fatal(err)
		}
	}
}
