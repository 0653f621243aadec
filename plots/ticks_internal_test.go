package plots

import (
	"math"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
)

// TestTicksTerminate labels axes whose ranges made the tick loop spin for
// ever (issue 14: a range wider than a float holds gave a NaN first tick;
// a subnormal range a zero step), and checks a handful of labelled ticks
// come back, none of them NaN or infinite.
func TestTicksTerminate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		lo, hi    float64
		minLabels int
	}{
		{-1e308, 1e308, 0}, // wider than a float: no ticks
		{-math.MaxFloat64, math.MaxFloat64, 0},
		{0, 5e-324, 2},
		{5e-324, 4e-323, 2},
		{1e-308, 6.5e-308, 2},
		{1.5e308, 1.7e308, 4},
		{-1.7e308, -1.5e308, 4},
		{-8.9e307, 8.9e307, 3},
		{1e16, 1e16 + 2, 2},
		{1, math.Nextafter(1, 2), 2},
		{1e300, 6.5e300, 4},
		{1e-300, 1e300, 4},
		{0, 10, 4},
	}
	for _, c := range cases {
		done := make(chan []plot.Tick, 1)
		go func() { done <- niceTicks{}.Ticks(c.lo, c.hi) }()
		var ticks []plot.Tick
		select {
		case ticks = <-done:
		case <-time.After(time.Minute):
			t.Fatalf("Ticks(%g, %g) still running after a minute", c.lo, c.hi)
		}
		labels := 0
		for _, tk := range ticks {
			if !finite(tk.Value) || strings.Contains(tk.Label, "NaN") || strings.Contains(tk.Label, "Inf") {
				t.Errorf("Ticks(%g, %g) has tick %v", c.lo, c.hi, tk)
			}
			if tk.Label != "" {
				labels++
				if len(tk.Label) > 24 {
					t.Errorf("Ticks(%g, %g) label %q is too long to show", c.lo, c.hi, tk.Label)
				}
			}
		}
		if labels < c.minLabels || len(ticks) > 40 {
			t.Errorf("Ticks(%g, %g) = %d ticks, %d labelled, want at least %d labelled and at most 40", c.lo, c.hi, len(ticks), labels, c.minLabels)
		}
	}
}
