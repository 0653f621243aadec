package stats_test

import (
	"context"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// TestDistBadInput checks that the analyses of issue 17 answer data they
// cannot use with an EInvalid error that says why, never a panic or NaN.
func TestDistBadInput(t *testing.T) {
	csv := "g,v,c,k,z,three,neg\n" +
		"a,1,5,1,2,x,-1\n" +
		"a,2,5,2,2,x,2\n" +
		"b,3,5,1,2,y,3\n" +
		"b,5,5,2,2,y,4\n" +
		"b,4,5,1,,z,5\n" +
		"a,9,5,2,,z,6\n"
	ds, err := load.ReadCSV(strings.NewReader(csv), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id     string
		params map[string]string
		want   string
	}{
		{"bartlett", map[string]string{"group": "g", "value": "c"}, "no variance"},
		{"f_test", map[string]string{"x": "v", "y": "c"}, "no variance"},
		{"mood", map[string]string{"group": "three", "value": "v"}, "use levene or bartlett"},
		{"f_test", map[string]string{"group": "three", "value": "v"}, "exactly two samples"},
		{"mood", map[string]string{"group": "g", "value": "c"}, "every value is the same"},
		{"levene", map[string]string{"x": "v", "y": "v"}, "two different columns"},
		{"shapiro", map[string]string{"x": "c"}, "constant sample"},
		{"anderson", map[string]string{"x": "z"}, "constant sample"},
		{"lilliefors", map[string]string{"x": "c"}, "constant sample"},
		{"kstest", map[string]string{"x": "v", "dist": "cauchy"}, "norm, expon, gamma, uniform"},
		{"kstest", map[string]string{"x": "neg", "dist": "gamma"}, "positive data"},
		{"kstest", map[string]string{"x": "c", "dist": "expon"}, "constant sample"},
		{"ks_2samp", map[string]string{"group": "three", "value": "v"}, "exactly two samples"},
		{"tukey_hsd", map[string]string{"group": "g", "value": "c"}, "no group varies"},
		{"games_howell", map[string]string{"group": "g", "value": "c"}, "variation in each group"},
		{"games_howell", map[string]string{"group": "three", "value": "z"}, "variation in each group"},
	}
	for _, c := range cases {
		res, err := stats.Run(context.Background(), ds, c.id, c.params)
		if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Run(%s, %v) = %v, %v; want an EInvalid error containing %q", c.id, c.params, res, err, c.want)
		}
	}
}

// TestFOnewayPostHocReport checks that a significant ANOVA names the pairs
// that differ, and a non-significant one adds no post-hoc block.
func TestFOnewayPostHocReport(t *testing.T) {
	a := []float64{1, 2, 3, 2, 1.5}
	b := []float64{1.2, 2.1, 2.9, 2.4, 1.4}
	c := []float64{6, 7, 8, 7.5, 6.5}
	r, err := stats.FOneway(a, b, c)
	if err != nil {
		t.Fatal(err)
	}
	if r.PostHoc == nil || r.PostHoc.Method != "tukey_hsd" || len(r.PostHoc.Pairs) != 2 {
		t.Fatalf("FOneway(...).PostHoc = %+v, want Tukey with the two pairs involving group 3", r.PostHoc)
	}
	for _, p := range r.PostHoc.Pairs {
		if p.B != "3" || !(p.PValue < 0.05) {
			t.Errorf("significant pair %+v, want (1|2, 3) with p < .05", p)
		}
	}
	if r, _ := stats.FOneway(a, b); r.PostHoc != nil {
		t.Errorf("FOneway(a, b).PostHoc = %+v, want nil (p = %g)", r.PostHoc, r.PValue)
	}
	ds, err := load.ReadCSV(strings.NewReader("g,v\na,1\na,2\na,3\na,2\nb,1.2\nb,2.1\nb,2.9\nb,2.4\nc,6\nc,7\nc,8\nc,7.5\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := stats.Run(context.Background(), ds, "f_oneway", map[string]string{"group": "g", "value": "v"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Report, "Tukey's HSD comparisons: a − c = ") {
		t.Errorf("report %q does not name the differing pairs", res.Report)
	}
}
