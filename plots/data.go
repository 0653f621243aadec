package plots

import (
	"math"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// maxHue is the most levels a hue column may have: the palette's size.
const maxHue = 8

// frame holds the columns a chart reads, after listwise deletion.
type frame struct {
	xName, yName, hueName string
	x, y                  []float64
	// hue holds each row's level index into levels; nil without hue.
	hue     []int32
	levels  []string
	dropped int
}

// readFrame reads the numeric columns named by params "x" (and "y" when
// withY) and the optional grouping column "hue", dropping rows where any
// is missing. Each numeric column must keep two distinct values.
func readFrame(ds *inferra.Dataset, id string, params map[string]string, withY bool) (*frame, error) {
	f := &frame{}
	var err error
	if f.xName, err = stats.Param(id, params, "x"); err != nil {
		return nil, err
	}
	xc, err := stats.NumericColumn(ds, id, "x", f.xName)
	if err != nil {
		return nil, err
	}
	cols := []*inferra.Column{xc}
	if withY {
		if f.yName, err = stats.Param(id, params, "y"); err != nil {
			return nil, err
		}
		yc, err := stats.NumericColumn(ds, id, "y", f.yName)
		if err != nil {
			return nil, err
		}
		if f.yName == f.xName {
			return nil, inferra.Errorf(inferra.EInvalid, "%s needs two different columns for x and y, got %q twice", id, f.xName)
		}
		cols = append(cols, yc)
	}
	var codes []int32
	if h := strings.TrimSpace(params["hue"]); h != "" {
		f.hueName = h
		hc, err := ds.Column(h)
		if err != nil {
			return nil, err
		}
		if h == f.xName || h == f.yName {
			return nil, inferra.Errorf(inferra.EInvalid, "%s needs a hue column other than x and y, got %q", id, h)
		}
		codes, f.levels = hc.Groups()
		if len(f.levels) > maxHue {
			return nil, inferra.Errorf(inferra.EInvalid,
				"%s can colour by at most %d groups, but %q has %d distinct values; choose a column with fewer levels",
				id, maxHue, h, len(f.levels)).WithDetail("column", h).WithDetail("levels", len(f.levels))
		}
	}
	n := ds.Rows()
	keep := func(i int) bool {
		for _, c := range cols {
			if math.IsNaN(c.Floats[i]) {
				return false
			}
		}
		return codes == nil || codes[i] != inferra.Missing
	}
	missing := 0
	for i := 0; i < n; i++ {
		if !keep(i) {
			missing++
		}
	}
	f.dropped = missing
	if missing == 0 {
		f.x = xc.Floats
		if withY {
			f.y = cols[1].Floats
		}
		f.hue = codes
	} else {
		m := n - missing
		f.x = make([]float64, 0, m)
		if withY {
			f.y = make([]float64, 0, m)
		}
		if codes != nil {
			f.hue = make([]int32, 0, m)
		}
		for i := 0; i < n; i++ {
			if !keep(i) {
				continue
			}
			f.x = append(f.x, xc.Floats[i])
			if withY {
				f.y = append(f.y, cols[1].Floats[i])
			}
			if codes != nil {
				f.hue = append(f.hue, codes[i])
			}
		}
	}
	used := []string{f.xName, f.yName, f.hueName}
	if len(f.x) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "%s has nothing to draw: no row has a value in every one of %s",
			id, quoteList(used)).WithDetail("rows_dropped", f.dropped)
	}
	if err := spread(id, f.xName, f.x); err != nil {
		return nil, err
	}
	if withY {
		if err := spread(id, f.yName, f.y); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// spread returns an EInvalid error when x holds a single distinct value
// (or infinities, which no axis can show).
func spread(id, name string, x []float64) error {
	lo, hi := minMax(x)
	return checkRange(id, name, lo, hi)
}

// checkRange returns an EInvalid error when the values of column name,
// from lo to hi, cannot make an axis: a single value, an infinity, or a
// range wider than the largest float (1e308 and −1e308), on which no
// scale or round tick values can be computed.
func checkRange(id, name string, lo, hi float64) error {
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return inferra.Errorf(inferra.EInvalid, "%s cannot draw %q: it holds an infinite value", id, name).WithDetail("column", name)
	}
	if math.IsInf(hi-lo, 0) {
		return inferra.Errorf(inferra.EInvalid, "%s cannot draw %q: its values span more than a float can hold (%s to %s)",
			id, name, fmtG(lo), fmtG(hi)).WithDetail("column", name)
	}
	if lo == hi {
		return inferra.Errorf(inferra.EInvalid,
			"%s needs a spread of values, but every value of %q is %s; choose a column that varies",
			id, name, fmtG(lo)).WithDetail("column", name)
	}
	return nil
}

func minMax(x []float64) (lo, hi float64) {
	// Plain comparisons: the values hold no NaN, and math.Min's care for
	// NaN and signed zeros costs a third of a chart's time on a million.
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	return lo, hi
}

// quoteList quotes the non-empty names and joins them with commas and
// "and".
func quoteList(names []string) string {
	var q []string
	for _, n := range names {
		if n != "" {
			q = append(q, strconv.Quote(n))
		}
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// fmtInt writes n with separators of thousands: 1,000,000.
func fmtInt(n int) string {
	if n < 0 {
		return "-" + groupThousands(strconv.Itoa(-n))
	}
	return groupThousands(strconv.Itoa(n))
}

// groupThousands puts commas between the groups of three digits of a
// string of digits.
func groupThousands(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// count writes n and the noun, plural unless n is 1: "1 outlier",
// "6,803 outliers".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmtInt(n) + " " + noun + "s"
}

// fmtG writes x with four significant digits, without trailing zeros.
func fmtG(x float64) string {
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}
