package stats_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// moreData is a small dataset for the bad-input cases of the issue-17
// analyses: two-level a and b, three-level k, free-text id, a numeric
// code c, measures x and y, a constant column and a copy of x.
const moreData = `id,a,b,k,c,x,y,flat,x2,w
r1,p,u,k1,1,1.5,2.0,3,1.5,0.4
r2,p,v,k2,2,2.5,1.0,3,2.5,1.1
r3,q,u,k3,1,3.0,3.5,3,3.0,0.2
r4,q,v,k1,2,4.5,3.0,3,4.5,2.0
r5,p,u,k2,1,5.0,6.5,3,5.0,1.7
r6,q,v,k3,2,6.5,5.0,3,6.5,0.9
r7,p,u,k1,1,7.0,8.5,3,7.0,1.3
r8,q,v,k2,2,8.5,7.0,3,8.5,0.1
`

func moreDataset(t *testing.T) *inferra.Dataset {
	t.Helper()
	ds, err := load.ReadCSV(strings.NewReader(moreData), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestMoreBadInput checks that each issue-17 analysis refuses data it
// cannot use with an EInvalid error that says why.
func TestMoreBadInput(t *testing.T) {
	t.Parallel()
	ds := moreDataset(t)
	cases := []struct {
		analysis string
		params   map[string]string
		want     string
	}{
		{"describe", map[string]string{"x": "a"}, "numeric column"},
		{"describe", map[string]string{"x": "x", "stat": "average-ish"}, "no statistic"},
		{"describe", map[string]string{"x": "x", "group": "x"}, "different columns"},
		{"chi2_contingency", map[string]string{"x": "a", "y": "a"}, "different columns"},
		{"chi2_contingency", map[string]string{"x": "a", "y": "flat"}, "at least 2 levels"},
		{"fisher_exact", map[string]string{"x": "a", "y": "k"}, "exactly 2 levels"},
		{"fisher_exact", map[string]string{"x": "a"}, `needs the parameter "y"`},
		{"mantel_haenszel", map[string]string{"x": "a", "y": "b", "strata": "flat"}, "at least 2 levels"},
		{"mantel_haenszel", map[string]string{"x": "a", "y": "k", "strata": "c"}, "exactly 2 levels"},
		{"kendalltau", map[string]string{"x": "x", "y": "flat"}, "to vary"},
		{"kendalltau", map[string]string{"x": "x", "y": "a"}, "numeric column"},
		{"partial_corr", map[string]string{"x": "x", "y": "y", "covar": "x2"}, "explained exactly"},
		{"partial_corr", map[string]string{"x": "x", "y": "y", "covar": "flat"}, "constant"},
		{"partial_corr", map[string]string{"x": "x", "y": "y", "covar": "w, c, w"}, "appears twice"},
		{"partial_corr", map[string]string{"x": "x", "y": "y", "covar": "w,"}, "empty name"},
		{"partial_corr", map[string]string{"x": "x", "y": "y", "covar": "w, a"}, "numeric column"},
		{"partial_corr", map[string]string{"x": "x", "y": "y", "covar": "nope"}, "nope"},
		{"partial_corr", map[string]string{"x": "x", "y": "y", "covar": "w, c, k1, b1, z1, y1"}, ""},
		{"ttest_1samp", map[string]string{"x": "x", "popmean": "ten"}, "needs a number for popmean"},
		{"ttest_1samp", map[string]string{"x": "x", "popmean": "Inf"}, "needs a number for popmean"},
		{"ttest_1samp", map[string]string{"x": "flat", "popmean": "3"}, "to vary"},
		{"ttest_1samp", map[string]string{"x": "x"}, `needs the parameter "popmean"`},
	}
	for _, c := range cases {
		res, err := stats.Run(context.Background(), ds, c.analysis, c.params)
		var e *inferra.Error
		if !errors.As(err, &e) || e.Code != inferra.EInvalid {
			t.Errorf("Run(%s, %v) = %v, %v; want an EInvalid error", c.analysis, c.params, res, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Run(%s, %v) error %q does not say %q", c.analysis, c.params, err, c.want)
		}
	}
}

// TestMoreTooManyCategories: a continuous column or free text is not a
// table margin, and not a grouping column for describe.
func TestMoreTooManyCategories(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("id,a,b,x\n")
	for i := range 60 {
		b.WriteString("row" + strconv.Itoa(i) + "," + []string{"p", "q"}[i%2] + "," + []string{"u", "v"}[i%3%2] + ",")
		b.WriteString(strconv.FormatFloat(float64(i)*1.37, 'f', 2, 64) + "\n")
	}
	ds, err := load.ReadCSV(strings.NewReader(b.String()), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		analysis string
		params   map[string]string
	}{
		{"chi2_contingency", map[string]string{"x": "a", "y": "x"}},
		{"chi2_contingency", map[string]string{"x": "id", "y": "a"}},
		{"fisher_exact", map[string]string{"x": "a", "y": "x"}},
		{"mantel_haenszel", map[string]string{"x": "a", "y": "b", "strata": "x"}},
		{"describe", map[string]string{"x": "x", "group": "id"}},
	} {
		_, err := stats.Run(context.Background(), ds, c.analysis, c.params)
		if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "distinct values") {
			t.Errorf("Run(%s, %v) = %v, want an EInvalid error about too many distinct values", c.analysis, c.params, err)
		}
	}
}

// TestPartialCorrTooFewRows: k covariates need k + 3 complete rows.
func TestPartialCorrTooFewRows(t *testing.T) {
	t.Parallel()
	ds, err := load.ReadCSV(strings.NewReader("x,y,c1,c2\n1,2,3,1\n2,1,5,2\n3,5,4,4\n4,3,1,3\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = stats.Run(context.Background(), ds, "partial_corr", map[string]string{"x": "x", "y": "y", "covar": "c1,c2"})
	if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "at least 5 rows") {
		t.Errorf("partial_corr with 4 rows and 2 covariates: %v, want an EInvalid error asking for 5 rows", err)
	}
}

// TestMantelHaenszelSingleObservationStratum: a stratum of one row is
// refused with its name rather than turned into NaN.
func TestMantelHaenszelSingleObservationStratum(t *testing.T) {
	t.Parallel()
	_, err := stats.MantelHaenszel([][2][2]int{{{3, 2}, {1, 4}}, {{1, 0}, {0, 0}}})
	if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "stratum 2") {
		t.Errorf("MantelHaenszel with a one-row stratum: %v, want an EInvalid error naming stratum 2", err)
	}
	_, err = stats.MantelHaenszel([][2][2]int{{{3, 0}, {1, 4}}, {{2, 0}, {5, 1}}})
	if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "infinite") {
		t.Errorf("MantelHaenszel with b = 0 everywhere: %v, want an EInvalid error about an infinite odds ratio", err)
	}
}

// TestTypedFunctions runs the typed functions on hand-checkable inputs.
func TestTypedFunctions(t *testing.T) {
	t.Parallel()
	// The 2×2 table [[3, 1], [1, 3]]: odds ratio 9; the p-value sums the
	// hypergeometric probabilities 1/70 + 16/70 + 16/70 + 1/70 of the
	// tables as unlikely as or less likely than this one.
	f, err := stats.FisherExact([2][2]int{{3, 1}, {1, 3}})
	if err != nil || f.Statistic == nil || *f.Statistic != 9 || math.Abs(f.PValue-34.0/70) > 1e-12 {
		t.Errorf("FisherExact([[3 1] [1 3]]) = %+v, %v; want odds ratio 9, p = 34/70", f, err)
	}
	if _, err := stats.FisherExact([2][2]int{{0, 0}, {2, 3}}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("FisherExact with an empty row: %v, want EInvalid", err)
	}
	c, err := stats.Chi2Contingency([][]int{{10, 20, 30}, {30, 20, 10}})
	if err != nil || c.DOF != 2 || c.Correction || c.Warning != "" || c.N != 120 {
		t.Errorf("Chi2Contingency(2×3) = %+v, %v", c, err)
	}
	// Expected counts 20 everywhere: χ² = 2·(100+0+100)/20 = 20.
	if c != nil && math.Abs(c.Statistic-20) > 1e-12 {
		t.Errorf("Chi2Contingency(2×3) statistic = %g, want 20", c.Statistic)
	}
	if _, err := stats.Chi2Contingency([][]int{{1, 2}}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("Chi2Contingency(1×2): %v, want EInvalid", err)
	}
	k, err := stats.KendallTau([]float64{1, 2, 3, 4, 5}, []float64{5, 4, 3, 2, 1})
	if err != nil || math.Abs(k.Statistic+1) > 1e-15 || k.Method != "exact" || math.Abs(k.PValue-2.0/120) > 1e-15 {
		t.Errorf("KendallTau(reversed) = %+v, %v; want -1, exact p = 2/5!", k, err)
	}
	d, err := stats.Describe([]float64{3, math.NaN(), 1, 2, 2})
	if err != nil || d.N != 4 || d.Missing != 1 || d.Median != 2 || !slices.Equal(d.Mode, []float64{2}) || d.Kurtosis == nil {
		t.Errorf("Describe = %+v, %v", d, err)
	}
	if _, err := stats.Describe([]float64{math.NaN()}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("Describe(all NaN): %v, want EInvalid", err)
	}
	o, err := stats.TTest1Samp([]float64{1, 2, 3, 4}, 2.5)
	if err != nil || o.Statistic != 0 || o.PValue != 1 || o.CILow >= 2.5 || o.CIHigh <= 2.5 {
		t.Errorf("TTest1Samp(mean = popmean) = %+v, %v; want t = 0, p = 1", o, err)
	}
	p, err := stats.PartialCorr([]float64{1, 2, 3, 4, 5, 6}, []float64{2, 1, 5, 3, 4, 6}, []float64{1, 1, 2, 2, 3, 3})
	if err != nil || p.DF != 3 || !(p.Statistic > -1 && p.Statistic < 1) {
		t.Errorf("PartialCorr = %+v, %v", p, err)
	}
}

// TestDescribeStat checks that stat names one statistic, by its aliases
// too, and that the result says which.
func TestDescribeStat(t *testing.T) {
	t.Parallel()
	ds := moreDataset(t)
	for stat, canon := range map[string]string{"SD": "std", "median": "median", "skew": "skewness", "25%": "q1"} {
		res, err := stats.Run(context.Background(), ds, "describe", map[string]string{"x": "x", "group": "a", "stat": stat})
		if err != nil {
			t.Fatalf("describe stat=%s: %v", stat, err)
		}
		r := res.Stats.(*stats.DescribeResult)
		if r.Stat != canon || r.Value == nil || len(r.Groups) != 2 || r.Groups[0].Value == nil {
			t.Errorf("describe stat=%s: stat %q value %v, want %q with a value overall and per group", stat, r.Stat, r.Value, canon)
		}
		if !strings.Contains(res.Report, canon+" = ") {
			t.Errorf("describe stat=%s report %q does not give %s", stat, res.Report, canon)
		}
	}
}

// TestMoreColumns checks which columns the loader is asked for: popmean
// and stat are not columns, covar lists several.
func TestMoreColumns(t *testing.T) {
	t.Parallel()
	cases := []struct {
		id     string
		params map[string]string
		want   []string
	}{
		{"ttest_1samp", map[string]string{"x": "a", "popmean": "3"}, []string{"a"}},
		{"describe", map[string]string{"x": "a", "stat": "mean"}, []string{"a"}},
		{"describe", map[string]string{"x": "a", "group": "g"}, []string{"a", "g"}},
		{"partial_corr", map[string]string{"x": "a", "y": "b", "covar": "c, d"}, []string{"a", "b", "c", "d", "c, d"}},
		{"mantel_haenszel", map[string]string{"x": "a", "y": "b", "strata": "s"}, []string{"a", "b", "s"}},
	}
	for _, c := range cases {
		if got := stats.Columns(c.id, c.params); !slices.Equal(got, c.want) {
			t.Errorf("Columns(%s, %v) = %q, want %q", c.id, c.params, got, c.want)
		}
	}
}
