package plots

import (
	"math"
	"slices"
)

// quantiles returns the p-quantiles of x (each p in [0, 1], ascending) by
// numpy's default linear interpolation, reordering x in place: order
// statistics come from selection, not a full sort, which makes quartiles
// of a million values a few milliseconds.
func quantiles(x []float64, ps ...float64) []float64 {
	n := len(x)
	// The order statistics needed, ascending and distinct.
	var ks []int
	for _, p := range ps {
		lo := int(math.Floor(float64(n-1) * p))
		ks = append(ks, lo)
		if lo+1 < n {
			ks = append(ks, lo+1)
		}
	}
	slices.Sort(ks)
	ks = slices.Compact(ks)
	start := 0
	for _, k := range ks {
		selectK(x[start:], k-start)
		start = k + 1
	}
	out := make([]float64, len(ps))
	for i, p := range ps {
		h := float64(n-1) * p
		lo := int(math.Floor(h))
		if lo+1 >= n {
			out[i] = x[lo]
			continue
		}
		out[i] = lerp(x[lo], x[lo+1], h-float64(lo))
	}
	return out
}

// lerp interpolates as numpy's percentile does, from the nearer end.
func lerp(a, b, t float64) float64 {
	d := b - a
	if t >= 0.5 {
		return b - d*(1-t)
	}
	return a + d*t
}

// selectK reorders x so that x[k] is the value a sort would put there, with
// nothing greater before it and nothing smaller after it. It is Hoare's
// quickselect with a median-of-three pivot, and sorts outright a range
// that shrinks too slowly, so it never goes quadratic.
func selectK(x []float64, k int) {
	lo, hi := 0, len(x)-1
	budget := 2 * (bitsLen(len(x)) + 1)
	for hi-lo > 16 {
		if budget == 0 {
			slices.Sort(x[lo : hi+1])
			return
		}
		budget--
		mid := lo + (hi-lo)/2
		// Median of three to x[mid].
		if x[mid] < x[lo] {
			x[mid], x[lo] = x[lo], x[mid]
		}
		if x[hi] < x[lo] {
			x[hi], x[lo] = x[lo], x[hi]
		}
		if x[hi] < x[mid] {
			x[hi], x[mid] = x[mid], x[hi]
		}
		pivot := x[mid]
		i, j := lo, hi
		for i <= j {
			for x[i] < pivot {
				i++
			}
			for x[j] > pivot {
				j--
			}
			if i <= j {
				x[i], x[j] = x[j], x[i]
				i++
				j--
			}
		}
		// Now x[lo..j] ≤ pivot ≤ x[i..hi], and j < i.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
	slices.Sort(x[lo : hi+1])
}

func bitsLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}
