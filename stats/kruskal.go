package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/inferra/inferra"

	"github.com/inferra/inferra/internal/mem"
)

// KruskalResult is the result of the Kruskal–Wallis H test.
type KruskalResult struct {
	// Test holds H (tie-corrected) and its p-value from the χ²
	// distribution with DF degrees of freedom; Method is empty.
	Test
	// DF is k − 1.
	DF float64 `json:"df"`
	// N is the number of observations in all groups.
	N int `json:"n"`
	// K is the number of groups.
	K int `json:"k"`
	// Groups gives the size and median of each group, in argument order.
	// Kruskal names them "1", "2", …; the kruskal analysis by their levels.
	Groups []GroupMedian `json:"groups"`
}

// Kruskal performs the Kruskal–Wallis H test that two or more independent
// samples come from the same distribution, as scipy.stats.kruskal: ranks
// of the pooled data (averaged over ties), H divided by the tie correction
// 1 − Σ(t³ − t)/(N³ − N), and the p-value P(χ²(k−1) ≥ H).
//
// It needs at least two groups, each with at least one observation, no
// NaN, and not every value identical (H is then undefined). Ranking uses a
// radix sort, so a million observations take tens of milliseconds.
func Kruskal(groups ...[]float64) (*KruskalResult, error) {
	if len(groups) < 2 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the Kruskal–Wallis test needs at least two groups, got %d", len(groups))
	}
	for i, g := range groups {
		if len(g) == 0 {
			return nil, inferra.Errorf(inferra.EInvalid,
				"the Kruskal–Wallis test needs at least one observation in each group, but group %d is empty", i+1)
		}
		if hasNaN(g) {
			return nil, inferra.Errorf(inferra.EInvalid,
				"group %d contains NaN; drop missing values before the Kruskal–Wallis test", i+1)
		}
	}
	rs := rankGroups(groups)
	totalN := float64(rs.n)
	ties := 1.0
	if rs.n >= 2 {
		ties = 1 - rs.tieTerm/(totalN*totalN*totalN-totalN)
	}
	if ties <= 0 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the Kruskal–Wallis test is undefined when all %d values are identical (%g)", rs.n, groups[0][0])
	}
	// The same operations in the same order as scipy, so that H, a
	// difference of two large numbers when the effect is small, rounds
	// the same way.
	var ssbn float64
	for i, g := range groups {
		s := rs.rankSums[i]
		ssbn += s * s / float64(len(g))
	}
	h := 12.0/(totalN*(totalN+1))*ssbn - 3*(totalN+1)
	h /= ties
	df := float64(len(groups) - 1)
	res := &KruskalResult{
		Test:   Test{Statistic: h, PValue: chi2Survival(h, df)},
		DF:     df,
		N:      rs.n,
		K:      len(groups),
		Groups: make([]GroupMedian, len(groups)),
	}
	for i, g := range groups {
		res.Groups[i] = GroupMedian{Level: strconv.Itoa(i + 1), N: len(g), Median: rs.medians[i]}
	}
	return res, nil
}

// runKruskal is the kruskal analysis: params group and value.
func runKruskal(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "kruskal"
	g, err := groupedColumns(ds, id, params)
	if err != nil {
		return nil, err
	}
	if err := g.atLeastTwoGroups(id); err != nil {
		return nil, err
	}
	if err := g.minPerGroup(id, 1); err != nil {
		return nil, err
	}
	r, err := Kruskal(g.values...)
	if err != nil {
		if allEqual(g.values) {
			return nil, inferra.Errorf(inferra.EInvalid,
				"kruskal is undefined because every value of %q is %g; there is nothing to rank",
				g.valueName, g.values[0][0]).WithDetail("column", g.valueName)
		}
		return nil, err
	}
	for i := range r.Groups {
		r.Groups[i].Level = g.levels[i]
	}
	return &inferra.Result{
		Stats:       r,
		Report:      kruskalReport(g, r),
		RowsUsed:    g.n(),
		RowsDropped: g.dropped,
	}, nil
}

// kruskalReport writes, for example, "Kruskal–Wallis test: Yield_kg
// differed significantly across the 6 groups of site (medians from 48.10
// for Site-C to 55.72 for Site-A), H(5) = 16.66, p = .005."
func kruskalReport(g *grouped, r *KruskalResult) string {
	lo, hi := 0, 0
	for i, gm := range r.Groups {
		if gm.Median < r.Groups[lo].Median {
			lo = i
		}
		if gm.Median > r.Groups[hi].Median {
			hi = i
		}
	}
	verb := "differed significantly"
	if r.PValue >= 0.05 {
		verb = "did not differ significantly"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Kruskal–Wallis test: %s %s across the %d groups of %s ", g.valueName, verb, r.K, g.groupName)
	if lo == hi {
		fmt.Fprintf(&b, "(all medians %s)", fmtNum(r.Groups[lo].Median))
	} else {
		fmt.Fprintf(&b, "(medians from %s for %s to %s for %s)",
			fmtNum(r.Groups[lo].Median), levelName(g.groupName, r.Groups[lo].Level),
			fmtNum(r.Groups[hi].Median), levelName(g.groupName, r.Groups[hi].Level))
	}
	fmt.Fprintf(&b, ", H(%s) = %s, %s.", fmtDF(r.DF), fmtNum(r.Statistic), fmtP(r.PValue))
	return b.String()
}

// rankSummary is what the rank tests need from the pooled ranking of
// several samples.
type rankSummary struct {
	n        int       // pooled size
	rankSums []float64 // sum of the average ranks of each sample
	medians  []float64 // median of each sample, as numpy.median
	tieTerm  float64   // Σ(t³ − t) over groups of t tied values
}

// rankGroups ranks the pooled values of groups (1-based, ties averaged, as
// scipy.stats.rankdata) in one radix argsort, and reads off each group's
// rank sum and median in the same pass, so no group is sorted again.
// The groups must be non-empty and free of NaN.
func rankGroups(groups [][]float64) rankSummary {
	n := 0
	for _, g := range groups {
		n += len(g)
	}
	pooled := mem.Floats(n)[:0]
	label := mem.Int32s(n)[:0]
	for i, g := range groups {
		pooled = append(pooled, g...)
		for range g {
			label = append(label, int32(i))
		}
	}
	order := argsort(pooled)
	k := len(groups)
	rs := rankSummary{n: n, rankSums: make([]float64, k), medians: make([]float64, k)}
	seen := make([]int, k)
	lowVal := make([]float64, k)
	for i := 0; i < n; {
		v := pooled[order[i]]
		j := i + 1
		for j < n && pooled[order[j]] == v {
			j++
		}
		r := float64(i+1+j) / 2
		for p := i; p < j; p++ {
			gi := label[order[p]]
			rs.rankSums[gi] += r
			m := len(groups[gi])
			// numpy.median: the middle value, or the mean of the two
			// middle values, of the sorted sample.
			switch s := seen[gi]; {
			case s == (m-1)/2 && m%2 == 1:
				rs.medians[gi] = v
			case s == m/2-1 && m%2 == 0:
				lowVal[gi] = v
			case s == m/2 && m%2 == 0:
				rs.medians[gi] = (lowVal[gi] + v) / 2
			}
			seen[gi]++
		}
		if t := float64(j - i); t > 1 {
			rs.tieTerm += t*t*t - t
		}
		i = j
	}
	return rs
}

// hasNaN reports whether x contains a NaN.
func hasNaN(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) {
			return true
		}
	}
	return false
}

// allEqual reports whether every value of every group equals the first
// value of the first group.
func allEqual(groups [][]float64) bool {
	for _, g := range groups {
		for _, v := range g {
			if v != groups[0][0] {
				return false
			}
		}
	}
	return true
}
