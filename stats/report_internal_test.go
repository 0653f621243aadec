package stats

import "testing"

func TestReportFormats(t *testing.T) {
	nums := map[float64]string{2.414: "2.41", -0.625: "-0.62", 0: "0.00", -0.001: "-1.00e-03",
		1.234e-9: "1.23e-09", 4.567e12: "4.57e+12", 999999.994: "999999.99", 0.005: "0.01"}
	for x, want := range nums {
		if got := fmtNum(x); got != want {
			t.Errorf("fmtNum(%g) = %q, want %q", x, got, want)
		}
	}
	ps := map[float64]string{0.019: "p = .019", 0.0004: "p < .001", 0.9996: "p > .999", 0.05: "p = .050"}
	for p, want := range ps {
		if got := fmtP(p); got != want {
			t.Errorf("fmtP(%g) = %q, want %q", p, got, want)
		}
	}
	dfs := map[float64]string{57.83: "57.8", 59: "59"}
	for df, want := range dfs {
		if got := fmtDF(df); got != want {
			t.Errorf("fmtDF(%g) = %q, want %q", df, got, want)
		}
	}
	if got := fmtBounded(0.543); got != ".54" {
		t.Errorf("fmtBounded(.543) = %q, want .54", got)
	}
	if got := fmtBounded(0.001); got != ".00" {
		t.Errorf("fmtBounded(.001) = %q, want .00", got)
	}
	if got := fmtBounded(-0.08); got != "-.08" {
		t.Errorf("fmtBounded(-.08) = %q, want -.08", got)
	}
}
