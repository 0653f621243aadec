package stats

import (
	"fmt"
	"math"
	"slices"

	"github.com/inferra/inferra"
)

// KendallTauResult is the result of KendallTau.
type KendallTauResult struct {
	// Statistic is Kendall's tau-b, (concordant − discordant) /
	// √((pairs − ties in x)(pairs − ties in y)), and PValue its two-sided
	// p-value.
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	// Method is "exact" (the permutation distribution, without ties) or
	// "asymptotic" (the normal approximation with the tie-corrected
	// variance), chosen as scipy's method="auto".
	Method string `json:"method"`
	// N is the number of pairs.
	N int `json:"n"`
}

// KendallTau returns Kendall's tau-b of x and y with its two-sided
// p-value, as scipy.stats.kendalltau(x, y) in scipy 1.10: the exact
// distribution when neither variable has ties and n ≤ 33 (or the pairs
// are all concordant or discordant but one), the normal approximation
// otherwise. Pairs are counted by a merge sort, in O(n log n).
//
// x and y must have the same length (it panics otherwise), at least three
// pairs, no NaN, and neither may be constant.
func KendallTau(x, y []float64) (*KendallTauResult, error) {
	if len(x) != len(y) {
		panic("stats: KendallTau: x and y have different lengths")
	}
	if err := checkCorr("Kendall", x, y); err != nil {
		return nil, err
	}
	n := len(x)
	// Sort the pairs by x, then y; count the ties in x, in y and in both.
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		case y[a] < y[b]:
			return -1
		case y[a] > y[b]:
			return 1
		}
		return 0
	})
	ys := make([]float64, n)
	for i, k := range idx {
		ys[i] = y[k]
	}
	var xtie, ntie int64
	var x0, x1 float64
	for i := 0; i < n; {
		j := i + 1
		for j < n && x[idx[j]] == x[idx[i]] {
			j++
		}
		xtie, x0, x1 = addTies(j-i, xtie, x0, x1)
		for a := i; a < j; {
			b := a + 1
			for b < j && ys[b] == ys[a] {
				b++
			}
			t := int64(b - a)
			ntie += t * (t - 1) / 2
			a = b
		}
		i = j
	}
	sorted := slices.Clone(ys)
	slices.Sort(sorted)
	var ytie int64
	var y0, y1 float64
	for i := 0; i < n; {
		j := i + 1
		for j < n && sorted[j] == sorted[i] {
			j++
		}
		ytie, y0, y1 = addTies(j-i, ytie, y0, y1)
		i = j
	}
	dis := countInversions(ys, make([]float64, n))
	tot := int64(n) * int64(n-1) / 2
	conMinusDis := float64(tot - xtie - ytie + ntie - 2*dis)
	tau := conMinusDis / math.Sqrt(float64(tot-xtie)) / math.Sqrt(float64(tot-ytie))
	tau = math.Max(-1, math.Min(1, tau))
	res := &KendallTauResult{Statistic: tau, N: n}
	if xtie == 0 && ytie == 0 && (n <= 33 || min(dis, tot-dis) <= 1) {
		res.Method = "exact"
		res.PValue = kendallExactP(n, tot-dis)
	} else {
		res.Method = "asymptotic"
		nf := float64(n)
		m := nf * (nf - 1)
		v := (m*(2*nf+5)-x1-y1)/18 + 2*float64(xtie)*float64(ytie)/m + x0*y0/(9*m*(nf-2))
		res.PValue = clampP(2 * normSurvival(math.Abs(conMinusDis/math.Sqrt(v))))
	}
	return res, nil
}

// addTies adds a group of t tied values to the tie counts of scipy's
// kendalltau: pairs t(t−1)/2, Σ t(t−1)(t−2) and Σ t(t−1)(2t+5).
func addTies(t int, pairs int64, s0, s1 float64) (int64, float64, float64) {
	if t < 2 {
		return pairs, s0, s1
	}
	tf := float64(t)
	return pairs + int64(t)*int64(t-1)/2, s0 + tf*(tf-1)*(tf-2), s1 + tf*(tf-1)*(2*tf+5)
}

// countInversions returns the number of pairs i < j with v[i] > v[j]
// (strictly), sorting v; buf is scratch space of the same length.
func countInversions(v, buf []float64) int64 {
	n := len(v)
	if n < 2 {
		return 0
	}
	h := n / 2
	inv := countInversions(v[:h], buf[:h]) + countInversions(v[h:], buf[h:])
	i, j, k := 0, h, 0
	for i < h && j < n {
		if v[j] < v[i] {
			inv += int64(h - i)
			buf[k] = v[j]
			j++
		} else {
			buf[k] = v[i]
			i++
		}
		k++
	}
	k += copy(buf[k:], v[i:h])
	copy(buf[k:], v[j:])
	copy(v, buf)
	return inv
}

// kendallExactP is the two-sided exact p-value of Kendall's tau without
// ties for n pairs of which c are concordant, computed as scipy 1.10's
// _kendall_p_exact: the counts of permutations with at most c inversions,
// built up one element at a time (Kendall, Rank Correlation Methods).
func kendallExactP(n int, c int64) float64 {
	tot := int64(n) * int64(n-1) / 2
	c = min(c, tot-c)
	switch {
	case n <= 2:
		return 1
	case c == 0:
		if n >= 171 {
			return 0
		}
		return 2 / factorial(n)
	case c == 1:
		if n >= 172 {
			return 0
		}
		return 2 / factorial(n-1)
	case 4*c == int64(n)*int64(n-1):
		return 1
	}
	cnt := make([]float64, c+1)
	prev := make([]float64, c+1)
	cnt[0], cnt[1] = 1, 1
	for j := 3; j <= n; j++ {
		// cumulative sum, then subtract the sum shifted by j
		s := 0.0
		for i := range cnt {
			s += cnt[i]
			cnt[i] = s
		}
		if n >= 171 {
			for i := range cnt {
				cnt[i] /= float64(j)
			}
		}
		if int64(j) <= c {
			copy(prev, cnt)
			for i := int64(j); i <= c; i++ {
				cnt[i] -= prev[i-int64(j)]
			}
		}
	}
	if n >= 171 {
		return clampP(sum(cnt))
	}
	return clampP(2 * sum(cnt) / factorial(n))
}

// factorial returns n! as a float64 (n ≤ 170).
func factorial(n int) float64 {
	f := 1.0
	for i := 2; i <= n; i++ {
		f *= float64(i)
	}
	return f
}

// runKendallTau is the kendalltau analysis.
func runKendallTau(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	p, err := corrPairs(ds, "kendalltau", params)
	if err != nil {
		return nil, err
	}
	r, err := KendallTau(p.x, p.y)
	if err != nil {
		return nil, err
	}
	exact := ""
	if r.Method == "exact" {
		exact = "exact "
	}
	report := fmt.Sprintf("Kendall rank correlation: %s, τb = %s, %s%s (n = %d).",
		corrClaim(params["x"], params["y"], r.Statistic, r.PValue), fmtBounded(r.Statistic), exact, fmtP(r.PValue), r.N)
	return &inferra.Result{Stats: r, Report: report, RowsUsed: len(p.x), RowsDropped: p.dropped}, nil
}
