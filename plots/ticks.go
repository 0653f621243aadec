package plots

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// niceTicks labels an axis at 4 to 8 round values (steps of 1, 2, 2.5 or
// 5 times a power of ten), with unlabelled ticks halfway, and writes
// thousands with separators: more labels than gonum's default, which
// often shows only two or three.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	if !(hi > lo) || !finite(lo, hi, span) {
		// No round values to find: an empty or reversed range, or one
		// wider than a float holds (the charts refuse those first).
		return nil
	}
	raw := span / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	first := math.Ceil(lo/step-1e-9) * step
	if raw < 0x1p-960 || !finite(step, first) || first+step == first {
		// Ranges near the subnormals, where a sixth of the range or its
		// power of ten loses its digits, and ranges below the resolution
		// of their values: label the ends.
		return []plot.Tick{{Value: lo, Label: fmtG(lo)}, {Value: hi, Label: fmtG(hi)}}
	}
	label := fixedLabel(step)
	if math.Max(math.Abs(lo), math.Abs(hi)) >= 1e15 || step < 1e-9 {
		label = sciLabel(lo, hi, step)
	}
	var ticks []plot.Tick
	// About six steps span the range; the bound only guards the loop
	// against a rounding surprise.
	for i := -1; i < 64; i++ {
		v := first + float64(i)*step
		if v > hi+step*1e-9 {
			break
		}
		if half := v - step/2; half >= lo && half <= hi {
			ticks = append(ticks, plot.Tick{Value: half})
		}
		if v >= lo-step*1e-9 {
			ticks = append(ticks, plot.Tick{Value: v, Label: label(v)})
		}
	}
	return ticks
}

// fixedLabel returns the labeller of ticks step apart: fixed decimals, as
// few as the step needs.
func fixedLabel(step float64) func(float64) string {
	decimals := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	// A step of 2.5 times a power of ten needs one more decimal when its
	// 5 falls after the point (0.25, 2.5), not for 25 or 250.
	if mag := math.Floor(math.Log10(step) + 1e-9); mag <= 0 && step/math.Pow(10, mag) == 2.5 {
		decimals++
	}
	return func(v float64) string { return tickLabel(v, decimals) }
}

// sciLabel returns the labeller of ticks step apart between lo and hi for
// magnitudes where fixed decimals would run to dozens of digits: a
// mantissa with as many digits as tell neighbouring ticks apart, and a
// power of ten ("2.5e+300").
func sciLabel(lo, hi, step float64) func(float64) string {
	top := math.Floor(math.Log10(math.Max(math.Abs(lo), math.Abs(hi))))
	digits := int(top - math.Floor(math.Log10(step)+1e-9))
	digits = min(max(digits+1, 1), 17)
	return func(v float64) string {
		if math.Abs(v) < step*1e-9 {
			return "0"
		}
		s := strconv.FormatFloat(math.Abs(v), 'e', digits, 64)
		m, e, _ := strings.Cut(s, "e")
		if strings.Contains(m, ".") {
			m = strings.TrimRight(strings.TrimRight(m, "0"), ".")
		}
		s = m + "e" + e
		if v < 0 {
			return "−" + s
		}
		return s
	}
}

// tickLabel formats v with the given decimals, a true minus sign, and
// separators of thousands.
func tickLabel(v float64, decimals int) string {
	if math.Abs(v) < 1e-12*math.Max(1, math.Abs(v)) {
		v = 0
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	if s == strconv.FormatFloat(0, 'f', decimals, 64) {
		return s
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) > 4 {
		whole = groupThousands(whole)
	}
	if frac != "" {
		whole += "." + frac
	}
	if v < 0 {
		return "−" + whole
	}
	return whole
}
