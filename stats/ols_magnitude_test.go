package stats_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// TestOLSMagnitudes checks that a regression on values beyond 1e150, or
// below 1e-150, is refused with a message that names the column and the
// range (it used to say "not a finite number" or "zero in every row"), and
// that 1e100 still fits.
func TestOLSMagnitudes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		scale float64
		fits  bool
	}{{1e170, false}, {1e300, false}, {1e-200, false}, {1e-308, false}, {1e100, true}, {1e-100, true}} {
		var b strings.Builder
		b.WriteString("y,x\n")
		for i := range 30 {
			x := float64(i) + float64(i%7)/7
			fmt.Fprintf(&b, "%g,%g\n", (2*x+float64(i%5)-2)*c.scale, x*c.scale)
		}
		ds, err := load.ParseCSV([]byte(b.String()), load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = stats.Run(context.Background(), ds, "ols", map[string]string{"formula": "y ~ x"})
		switch {
		case c.fits && err != nil:
			t.Errorf("ols at %g: %v, want a fit", c.scale, err)
		case !c.fits && (inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "1e-150 to 1e150")):
			t.Errorf("ols at %g: %v, want an invalid-input error naming the range", c.scale, err)
		}
	}
}

// TestANOVAPostHocUnits checks that the post-hoc block of an ANOVA on
// values near 1e200 reports mean differences in the data's units.
func TestANOVAPostHocUnits(t *testing.T) {
	t.Parallel()
	groups := [][]float64{{1e200, 1.1e200, 0.9e200, 1.05e200}, {5e200, 5.2e200, 4.9e200, 5.1e200}, {9e200, 9.1e200, 8.8e200, 9.3e200}}
	r, err := stats.FOneway(groups...)
	if err != nil {
		t.Fatal(err)
	}
	if r.PostHoc == nil || len(r.PostHoc.Pairs) == 0 {
		t.Fatalf("no post-hoc pairs: %+v", r.PostHoc)
	}
	for _, p := range r.PostHoc.Pairs {
		if d := p.MeanDifference; d > -1e200 && d < 1e200 {
			t.Errorf("pair %s-%s: mean difference %g, want the data's units (about ±4e200)", p.A, p.B, d)
		}
	}
}
