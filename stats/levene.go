package stats

import (
	"math"
	"math/bits"
	"slices"

	"github.com/inferra/inferra"

	"github.com/inferra/inferra/internal/mem"
)

// LeveneResult is the result of Levene's test for equal variances.
type LeveneResult struct {
	// Statistic is W, the one-way ANOVA F statistic of the absolute
	// deviations from the group centres.
	Statistic float64 `json:"statistic"`
	// PValue is P(F(DF1, DF2) ≥ W).
	PValue float64 `json:"p_value"`
	// DF1 is k − 1 and DF2 is N − k.
	DF1 int `json:"df1"`
	DF2 int `json:"df2"`
	// Center is "median": the Brown–Forsythe variant.
	Center string `json:"center"`
}

// Levene performs the Brown–Forsythe version of Levene's test that two or
// more groups have equal variances, as scipy.stats.levene(*groups,
// center='median'): the one-way ANOVA F statistic of |x − median of its
// group|. It is robust to non-normal data, which is why it is the default
// in scipy and R's car package.
//
// It needs at least two groups, N > k observations, and some spread of the
// absolute deviations within the groups (with two observations per group,
// for instance, both deviations are equal and W is undefined).
func Levene(groups ...[]float64) (*LeveneResult, error) {
	k, n := len(groups), 0
	for _, g := range groups {
		if len(g) == 0 {
			return nil, inferra.Errorf(inferra.EInvalid, "Levene's test needs at least one observation in each group")
		}
		if containsNaN(g) {
			return nil, inferra.Errorf(inferra.EInvalid, "Levene's test needs data without NaN; drop missing values first")
		}
		n += len(g)
	}
	if k < 2 || n <= k {
		return nil, inferra.Errorf(inferra.EInvalid,
			"Levene's test needs at least two groups and more observations than groups, got %d groups and %d observations", k, n)
	}
	// One buffer holds every group's absolute deviations, group after
	// group; it first serves as the scratch space for the median.
	buf := mem.Floats(n)
	dev := make([][]float64, k)
	off := 0
	for i, g := range groups {
		d := buf[off : off+len(g)]
		copy(d, g)
		med := medianInPlace(d)
		for j, v := range g {
			d[j] = math.Abs(v - med)
		}
		dev[i] = d
		off += len(g)
	}
	aov := oneWayANOVA(dev)
	// With two values in a group both lie at the same distance from its
	// median, so the spread within groups can be zero but for rounding;
	// a ratio of rounding errors is no statistic (scipy reports W ≈ 1e33).
	if !(aov.ssWithin > 64*epsilon*(aov.ssWithin+aov.ssBetween)) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"Levene's test is undefined here: within every group all values lie at the same distance from the group median")
	}
	df1, df2 := k-1, n-k
	w := (aov.ssBetween / float64(df1)) / (aov.ssWithin / float64(df2))
	return &LeveneResult{
		Statistic: w,
		PValue:    fSurvival(w, float64(df1), float64(df2)),
		DF1:       df1,
		DF2:       df2,
		Center:    "median",
	}, nil
}

// oneWaySS holds the group means and sums of squares of a one-way layout.
type oneWaySS struct {
	n     int
	means []float64
	// centered holds meanᵢ − offset computed from the shifted data, where
	// offset is the grand mean: differences between group means come from
	// it, because means of data such as 1e12 + small values are rounded
	// to the data's ulp and their differences would keep few digits.
	centered  []float64
	ss        []float64 // per group: Σ (x − meanᵢ)²
	ssBetween float64   // Σ nᵢ (meanᵢ − grand)²
	ssWithin  float64   // Σ ss
}

// oneWayANOVA computes group means and sums of squares by two passes over
// each group (no cancellation of large sums), with the grand mean
// subtracted first as scipy does, so that F, η² and ω² keep their digits
// when the groups differ little or sit far from zero. Groups must be
// non-empty.
func oneWayANOVA(groups [][]float64) (a oneWaySS) {
	k := len(groups)
	a.means = make([]float64, k)
	a.centered = make([]float64, k)
	a.ss = make([]float64, k)
	var total float64
	for i, g := range groups {
		s := sum(g)
		m := s / float64(len(g))
		var ss, comp float64
		for _, v := range g {
			d := v - m
			ss += d * d
			comp += d
		}
		a.means[i] = m
		a.ss[i] = ss - comp*comp/float64(len(g))
		a.ssWithin += a.ss[i]
		a.n += len(g)
		total += s
	}
	offset := total / float64(a.n)
	var grand float64 // mean of the shifted data
	for i, g := range groups {
		a.centered[i] = shiftedSum(g, offset) / float64(len(g))
		grand += a.centered[i] * float64(len(g))
	}
	grand /= float64(a.n)
	for i, g := range groups {
		d := a.centered[i] - grand
		a.ssBetween += float64(len(g)) * d * d
	}
	return a
}

// medianInPlace returns the median of s (len(s) > 0), reordering s. It
// runs in linear expected time by selection instead of sorting.
func medianInPlace(s []float64) float64 {
	n := len(s)
	h := n / 2
	upper := selectKth(s, h)
	if n%2 == 1 {
		return upper
	}
	lower := slices.Max(s[:h])
	if m := (lower + upper) / 2; !math.IsInf(m, 0) {
		return m
	}
	return lower/2 + upper/2 // the sum overflowed: halves first
}

// selectKth reorders s so that s[k] is the value it would have if s were
// sorted, everything before it is ≤ s[k] and everything after it ≥ s[k],
// and returns s[k]. It is Hoare's quickselect with a median-of-three
// pivot, falling back to sorting the remaining range if partitioning makes
// too little progress (so the worst case stays O(n log n)). s must not
// contain NaN.
func selectKth(s []float64, k int) float64 {
	lo, hi := 0, len(s)-1
	budget := 2 * bits.Len(uint(len(s)))
	for hi > lo {
		if budget == 0 {
			slices.Sort(s[lo : hi+1])
			return s[k]
		}
		budget--
		mid := lo + (hi-lo)/2
		if s[mid] < s[lo] {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if s[hi] < s[lo] {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if s[hi] < s[mid] {
			s[hi], s[mid] = s[mid], s[hi]
		}
		pivot := s[mid]
		i, j := lo, hi
		for i <= j {
			for s[i] < pivot {
				i++
			}
			for s[j] > pivot {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return s[k] // j < k < i: s[k] equals the pivot
		}
	}
	return s[k]
}
