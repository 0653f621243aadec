package stats

import (
	"math"
	"slices"

	"github.com/inferra/inferra/internal/mem"
)

// argsort returns the permutation that sorts x ascending (stable). x must
// not contain NaN. Large inputs use a least-significant-digit radix sort on
// the order-preserving bit pattern of each float, which is several times
// faster than a comparison sort at a million values.
func argsort(x []float64) []int32 {
	n := len(x)
	idx := mem.Int32s(n)
	for i := range idx {
		idx[i] = int32(i)
	}
	if n < 2048 {
		slices.SortStableFunc(idx, func(a, b int32) int {
			switch {
			case x[a] < x[b]:
				return -1
			case x[a] > x[b]:
				return 1
			}
			return 0
		})
		return idx
	}
	keys := mem.Uint64s(n)
	for i, v := range x {
		keys[i] = sortableBits(v)
	}
	tmpIdx := mem.Int32s(n)
	tmpKeys := mem.Uint64s(n)
	var count [1 << 16]int
	for shift := uint(0); shift < 64; shift += 16 {
		clear(count[:])
		for _, k := range keys {
			count[(k>>shift)&0xffff]++
		}
		if count[(keys[0]>>shift)&0xffff] == n {
			continue // every key shares this digit: the pass would be a copy
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for i, k := range keys {
			d := (k >> shift) & 0xffff
			p := count[d]
			count[d]++
			tmpKeys[p] = k
			tmpIdx[p] = idx[i]
		}
		keys, tmpKeys = tmpKeys, keys
		idx, tmpIdx = tmpIdx, idx
	}
	return idx
}

// sortableBits maps a float64 to a uint64 whose unsigned order is the
// float's numeric order (with -0 folded into +0).
func sortableBits(v float64) uint64 {
	if v == 0 {
		v = 0
	}
	b := math.Float64bits(v)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// rankAverage returns the ranks of x (1-based), tied values sharing the
// average of the ranks they span, as scipy.stats.rankdata's default. It
// also returns the tie term Σ(t³ − t) over groups of t tied values, which
// tie corrections need. x must not contain NaN.
func rankAverage(x []float64) (ranks []float64, tieTerm float64) {
	n := len(x)
	ranks = mem.Floats(n)
	order := argsort(x)
	for i := 0; i < n; {
		j := i + 1
		for j < n && x[order[j]] == x[order[i]] {
			j++
		}
		// Positions i..j-1 (0-based) hold ranks i+1..j; their mean is (i+1+j)/2.
		r := float64(i+1+j) / 2
		for k := i; k < j; k++ {
			ranks[order[k]] = r
		}
		if t := float64(j - i); t > 1 {
			tieTerm += t*t*t - t
		}
		i = j
	}
	return ranks, tieTerm
}
