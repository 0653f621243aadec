package stats

import (
	"math"

	"github.com/inferra/inferra/internal/mem"
)

// Sums of squares overflow past |x| ≈ 1e154 and lose their digits to
// underflow below |x| ≈ 1e-154, where squares leave the normal floats;
// Welch's degrees of freedom square variances, so fourth powers overflow
// past 1e77. Values whose largest magnitude lies outside [2^-150, 2^150]
// (about 1e-45 to 1e45) are first scaled by a power of two, which is
// exact: within these bounds fourth powers of centred deviations (at
// least an ulp of the largest value) stay normal numbers, and n of them
// sum far below the largest float for any n a dataset can have.
const safeLow, safeHigh = 0x1p-150, 0x1p150

// powerScale returns 1 when the largest magnitude in xs lies between the
// safe bounds (or every value is zero), and otherwise the power of two s
// with that magnitude in [s, 2s), at most 2^1023 so that it never
// overflows. Dividing by s is exact but for values so far below the
// largest that they underflow, which changes no sum with the largest.
// The values must be finite.
func powerScale(xs ...[]float64) float64 {
	var top float64
	for _, x := range xs {
		for _, v := range x {
			top = math.Max(top, math.Abs(v))
		}
	}
	if top == 0 || (top >= safeLow && top <= safeHigh) {
		return 1
	}
	_, e := math.Frexp(top) // top = f·2^e, f in [½, 1)
	return math.Ldexp(1, e-1)
}

// unitScale returns x divided by powerScale(x), a copy unless the scale is
// 1 (then x itself, so that ordinary data give the same bits as before),
// and the scale.
func unitScale(x []float64) (scaled []float64, s float64) {
	s = powerScale(x)
	if s == 1 {
		return x, 1
	}
	scaled = mem.Floats(len(x))
	for i, v := range x {
		scaled[i] = v / s
	}
	return scaled, s
}

// shiftScale returns (x − c)/s in a new slice.
func shiftScale(x []float64, c, s float64) []float64 {
	out := mem.Floats(len(x))
	for i, v := range x {
		out[i] = (v - c) / s
	}
	return out
}

// scaledMean returns the mean of x (finite values) without overflow: the
// mean of x/s, times s.
func scaledMean(x []float64) float64 {
	u, s := unitScale(x)
	return mean(u) * s
}
