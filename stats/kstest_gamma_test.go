package stats_test

import (
	"math"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// TestKSTestGammaNearConstant fits a gamma to samples whose values differ
// only in their last digits, where ln x̄ − mean(ln x) rounds to zero or
// below: the fit never ended (Newton's method ran to negative shapes).
// Each must end, with a fit or an EInvalid error.
func TestKSTestGammaNearConstant(t *testing.T) {
	t.Parallel()
	for _, x := range [][]float64{
		{1, math.Nextafter(1, 2), 1, math.Nextafter(1, 2), 1, 1},
		{1e16, 1e16 + 2, 1e16 + 4, 1e16 + 2, 1e16, 1e16 + 6},
		{3, 3, 3, math.Nextafter(3, 4)},
	} {
		done := make(chan error, 1)
		go func() {
			_, err := stats.KSTest(x, "gamma")
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil && inferra.ErrorCode(err) != inferra.EInvalid {
				t.Errorf("KSTest(%v, gamma) = %v, want a fit or an EInvalid error", x, err)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("KSTest(%v, gamma) still running after 30 s", x)
		}
	}
}
