package stats

import (
	"strings"
	"testing"
)

// TestSumOrder checks that sum adds in numpy's pairwise order, on inputs
// where another order gives another result. The expected values are
// numpy 1.24.2's numpy.add.reduce of the same arrays.
func TestSumOrder(t *testing.T) {
	cases := []struct {
		x    []float64
		want float64
	}{
		// np.add.reduce(np.array([1e16, 1, 1, 1, 1, 1, 1, 1, 1, -1e16])) = 8.0
		// (a left-to-right sum gives 0).
		{[]float64{1e16, 1, 1, 1, 1, 1, 1, 1, 1, -1e16}, 8},
		// np.add.reduce(np.array([1.0]*7 + [1e16, -1e16])) = 6.0
		{[]float64{1, 1, 1, 1, 1, 1, 1, 1e16, -1e16}, 6},
		// np.add.reduce(np.array([1e16] + [1.0]*6)) = 1e16 (fewer than 8: in turn)
		{[]float64{1e16, 1, 1, 1, 1, 1, 1}, 1e16},
	}
	for _, c := range cases {
		if got := sum(c.x); got != c.want {
			t.Errorf("sum(%v) = %g, want %g as numpy", c.x, got, c.want)
		}
	}
	// Past 128 values the input is split at a multiple of 8:
	// x = np.ones(300); x[0] = 1e16; x[150] = -1e16; np.add.reduce(x) = 280.0
	x := make([]float64, 300)
	for i := range x {
		x[i] = 1
	}
	x[0], x[150] = 1e16, -1e16
	if got := sum(x); got != 280 {
		t.Errorf("sum of 300 values = %g, want 280 as numpy", got)
	}
}

// TestDescribeQuartiles checks stat=quartiles: the three quartiles of the
// description, named in the report, and no single Value.
func TestDescribeQuartiles(t *testing.T) {
	for _, name := range []string{"quartiles", "quartile", " Quartiles "} {
		got, err := describeStat(name)
		if err != nil || got != "quartiles" {
			t.Fatalf("describeStat(%q) = %q, %v; want quartiles", name, got, err)
		}
	}
	r := &DescribeResult{Description: Description{N: 5, Q1: 2, Median: 3, Q3: 4}, Variable: "x", Stat: "quartiles"}
	if rep := describeReport(r); !strings.Contains(rep, "Q1 = 2.00, median = 3.00, Q3 = 4.00 (n = 5)") {
		t.Errorf("report %q does not give the three quartiles", rep)
	}
}
