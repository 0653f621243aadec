package stats

import (
	"math"
)

// epsilon is the difference between 1 and the next float64.
const epsilon = 0x1p-52

// mean returns the arithmetic mean of x (len(x) > 0), using pairwise
// summation like numpy so that results agree to the last bits on large
// samples.
func mean(x []float64) float64 {
	return sum(x) / float64(len(x))
}

// sum returns the sum of x by numpy's pairwise summation (error
// O(log n · ε)), reproducing its order of additions: fewer than 8 values
// are added in turn; up to 128 go into eight interleaved partial sums that
// are then combined pairwise, the rest added in turn; larger inputs are
// split in two at a multiple of 8. Means then agree with numpy's to the
// last bit, which matters where a statistic subtracts nearly equal means.
func sum(x []float64) float64 {
	return shiftedSum(x, 0)
}

// shiftedSum returns the sum of x[i] − c in the order of sum, without
// allocating the shifted values.
func shiftedSum(x []float64, c float64) float64 {
	const block = 128
	n := len(x)
	switch {
	case n < 8:
		var s float64
		for _, v := range x {
			s += v - c
		}
		return s
	case n <= block:
		r0, r1, r2, r3 := x[0]-c, x[1]-c, x[2]-c, x[3]-c
		r4, r5, r6, r7 := x[4]-c, x[5]-c, x[6]-c, x[7]-c
		i := 8
		for ; i < n-n%8; i += 8 {
			r0 += x[i] - c
			r1 += x[i+1] - c
			r2 += x[i+2] - c
			r3 += x[i+3] - c
			r4 += x[i+4] - c
			r5 += x[i+5] - c
			r6 += x[i+6] - c
			r7 += x[i+7] - c
		}
		s := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			s += x[i] - c
		}
		return s
	}
	h := n / 2
	h -= h % 8
	return shiftedSum(x[:h], c) + shiftedSum(x[h:], c)
}

// meanVar returns the mean and the sample variance (ddof=1) of x by the
// two-pass algorithm. For len(x) < 2 the variance is NaN.
func meanVar(x []float64) (m, v float64) {
	m = mean(x)
	if len(x) < 2 {
		return m, math.NaN()
	}
	var ss, comp float64
	for _, xi := range x {
		d := xi - m
		ss += d * d
		comp += d
	}
	n := float64(len(x))
	return m, (ss - comp*comp/n) / (n - 1)
}

// isConstant reports whether every element of x equals the first.
func isConstant(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}
