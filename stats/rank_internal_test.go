package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestArgsort checks the radix path against a comparison sort on values
// with negatives, zeros of both signs, ties and a wide range of magnitudes.
func TestArgsort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 2047, 2048, 5000, 100000} {
		x := make([]float64, n)
		for i := range x {
			switch rng.IntN(6) {
			case 0:
				x[i] = 0
			case 1:
				x[i] = math.Copysign(0, -1)
			case 2:
				x[i] = float64(rng.IntN(7) - 3)
			default:
				x[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
			}
		}
		got := argsort(x)
		want := make([]int32, n)
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortStableFunc(want, func(a, b int32) int {
			switch {
			case x[a] < x[b]:
				return -1
			case x[a] > x[b]:
				return 1
			}
			return 0
		})
		if !slices.Equal(got, want) {
			t.Errorf("argsort of %d values differs from a stable comparison sort", n)
		}
	}
}

func BenchmarkArgsort1M(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]float64, 1_000_000)
	for i := range x {
		x[i] = math.Round(rng.NormFloat64()*1e6) / 1e6
	}
	b.ResetTimer()
	for b.Loop() {
		argsort(x)
	}
}
