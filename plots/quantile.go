package plots

import (
	"math"
	"slices"

	"github.com/inferra/inferra/stats"
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
		stats.SelectKth(x[start:], k-start)
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
