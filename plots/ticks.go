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
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	raw := (hi - lo) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	decimals := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	if s := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9)); s == 2.5 {
		decimals++
	}
	var ticks []plot.Tick
	first := math.Ceil(lo/step-1e-9) * step
	for i := -1; ; i++ {
		v := first + float64(i)*step
		if v > hi+step*1e-9 {
			break
		}
		if half := v - step/2; half >= lo && half <= hi {
			ticks = append(ticks, plot.Tick{Value: half})
		}
		if v >= lo-step*1e-9 {
			ticks = append(ticks, plot.Tick{Value: v, Label: tickLabel(v, decimals)})
		}
	}
	return ticks
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
