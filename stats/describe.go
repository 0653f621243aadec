package stats

import (
	"math"
	"slices"
)

// mean returns the arithmetic mean of x (len(x) > 0), using pairwise
// summation like numpy so that results agree to the last bits on large
// samples.
func mean(x []float64) float64 {
	return sum(x) / float64(len(x))
}

// sum returns the sum of x by pairwise summation (error O(log n · ε)).
func sum(x []float64) float64 {
	const block = 128
	if len(x) <= block {
		// Eight partial sums, as numpy's pairwise kernel does for its
		// base case; the exact grouping matters little, the bound does.
		var s float64
		for _, v := range x {
			s += v
		}
		return s
	}
	h := len(x) / 2
	h -= h % 8
	return sum(x[:h]) + sum(x[h:])
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

// median returns the median of x (len(x) > 0) without modifying x.
func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
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
