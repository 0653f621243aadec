package stats

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/inferra/inferra"
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

// Description holds the descriptive statistics of one numeric sample, with
// pandas' conventions: the standard deviation and variance with ddof = 1,
// quartiles by linear interpolation (Series.quantile), and the
// bias-corrected skewness and excess kurtosis of Series.skew and
// Series.kurt. A statistic the sample is too small for is left out: std,
// var and sem need two values, skewness three, kurtosis four.
type Description struct {
	// N counts the values present and Missing the values missing.
	N       int      `json:"n"`
	Missing int      `json:"missing"`
	Mean    float64  `json:"mean"`
	Std     *float64 `json:"std,omitempty"`
	Var     *float64 `json:"var,omitempty"`
	// SEM is the standard error of the mean, Std/√N.
	SEM    *float64 `json:"sem,omitempty"`
	Min    float64  `json:"min"`
	Q1     float64  `json:"q1"`
	Median float64  `json:"median"`
	Q3     float64  `json:"q3"`
	Max    float64  `json:"max"`
	Range  float64  `json:"range"`
	IQR    float64  `json:"iqr"`
	// Mode lists every value that occurs most often, ascending, as
	// Series.mode: when no value repeats, every value is a mode.
	// ModeCount is how often each of them occurs.
	Mode      []float64 `json:"mode"`
	ModeCount int       `json:"mode_count"`
	// Skewness is G1 = √(n(n−1))/(n−2) · m3/m2^1.5 and Kurtosis the excess
	// kurtosis G2, both 0 for a constant sample, as pandas.
	Skewness *float64 `json:"skewness,omitempty"`
	Kurtosis *float64 `json:"kurtosis,omitempty"`
}

// Describe returns the descriptive statistics of x, whose NaN values are
// counted as missing. It needs at least one value that is not NaN.
func Describe(x []float64) (*Description, error) {
	v := make([]float64, 0, len(x))
	for _, xi := range x {
		if !math.IsNaN(xi) {
			v = append(v, xi)
		}
	}
	if len(v) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "describe needs at least one value that is not missing, got %d missing", len(x))
	}
	d := describeSorted(v)
	d.Missing = len(x) - len(v)
	return d, nil
}

// describeSorted describes the values of v (no NaN, len(v) > 0), which it
// sorts in place.
func describeSorted(v []float64) *Description {
	n := len(v)
	nf := float64(n)
	m := mean(v) // before sorting: numpy sums in the data's order
	d := &Description{N: n, Mean: m}
	if n >= 2 {
		_, variance := meanVar(v)
		sd := math.Sqrt(variance)
		sem := sd / math.Sqrt(nf)
		d.Var, d.Std, d.SEM = &variance, &sd, &sem
	}
	if n >= 3 {
		// pandas nanskew and nankurt: central moment sums, with sums
		// below 1e-14 taken as rounding noise (zero).
		var m2, m3, m4 float64
		for _, xi := range v {
			a := xi - m
			a2 := a * a
			m2 += a2
			m3 += a2 * a
			m4 += a2 * a2
		}
		m2, m3 = zeroFPErr(m2), zeroFPErr(m3)
		skew := 0.0
		if m2 != 0 {
			skew = nf * math.Sqrt(nf-1) / (nf - 2) * (m3 / math.Pow(m2, 1.5))
		}
		d.Skewness = &skew
		if n >= 4 {
			num := zeroFPErr(nf * (nf + 1) * (nf - 1) * m4)
			den := zeroFPErr((nf - 2) * (nf - 3) * m2 * m2)
			kurt := 0.0
			if den != 0 {
				kurt = num/den - 3*(nf-1)*(nf-1)/((nf-2)*(nf-3))
			}
			d.Kurtosis = &kurt
		}
	}
	slices.Sort(v)
	d.Min, d.Max = v[0], v[n-1]
	d.Range = d.Max - d.Min
	d.Q1, d.Q3 = quantileSorted(v, 0.25), quantileSorted(v, 0.75)
	d.IQR = d.Q3 - d.Q1
	if n%2 == 1 {
		d.Median = v[n/2]
	} else {
		d.Median = (v[n/2-1] + v[n/2]) / 2
	}
	for i := 0; i < n; {
		j := i + 1
		for j < n && v[j] == v[i] {
			j++
		}
		switch c := j - i; {
		case c > d.ModeCount:
			d.ModeCount, d.Mode = c, append(d.Mode[:0], v[i])
		case c == d.ModeCount:
			d.Mode = append(d.Mode, v[i])
		}
		i = j
	}
	return d
}

// zeroFPErr is pandas' _zero_out_fperr: magnitudes below 1e-14 are zero.
func zeroFPErr(x float64) float64 {
	if math.Abs(x) < 1e-14 {
		return 0
	}
	return x
}

// quantileSorted returns the q-quantile of the sorted v by linear
// interpolation between the order statistics at (n−1)·q, with numpy's
// lerp (which interpolates from the nearer end).
func quantileSorted(v []float64, q float64) float64 {
	h := float64(len(v)-1) * q
	lo := math.Floor(h)
	i := int(lo)
	if i >= len(v)-1 {
		return v[len(v)-1]
	}
	g := h - lo
	a, b := v[i], v[i+1]
	diff := b - a
	if g >= 0.5 {
		return b - diff*(1-g)
	}
	return a + diff*g
}

// describeStats are the names the stat parameter of describe takes, and
// the aliases it also accepts.
var describeStats = []string{"n", "missing", "mean", "std", "var", "sem", "min", "q1", "median", "q3", "max",
	"range", "iqr", "mode", "skewness", "kurtosis", "quartiles"}

var describeAliases = map[string]string{
	"count": "n", "average": "mean", "sd": "std", "stdev": "std", "standard deviation": "std",
	"variance": "var", "minimum": "min", "maximum": "max", "25%": "q1", "50%": "median", "75%": "q3",
	"q2": "median", "skew": "skewness", "kurt": "kurtosis", "se": "sem", "quartile": "quartiles",
}

// value returns the statistic name of d, and whether d has it (mode gives
// its smallest value).
func (d *Description) value(name string) (float64, bool) {
	opt := func(p *float64) (float64, bool) {
		if p == nil {
			return 0, false
		}
		return *p, true
	}
	switch name {
	case "n":
		return float64(d.N), true
	case "missing":
		return float64(d.Missing), true
	case "mean":
		return d.Mean, true
	case "std":
		return opt(d.Std)
	case "var":
		return opt(d.Var)
	case "sem":
		return opt(d.SEM)
	case "min":
		return d.Min, true
	case "q1":
		return d.Q1, true
	case "median":
		return d.Median, true
	case "q3":
		return d.Q3, true
	case "max":
		return d.Max, true
	case "range":
		return d.Range, true
	case "iqr":
		return d.IQR, true
	case "mode":
		return d.Mode[0], true
	case "skewness":
		return opt(d.Skewness)
	case "kurtosis":
		return opt(d.Kurtosis)
	}
	return 0, false
}

// describeMinN is the smallest sample that has the statistic name.
func describeMinN(name string) int {
	switch name {
	case "std", "var", "sem":
		return 2
	case "skewness":
		return 3
	case "kurtosis":
		return 4
	}
	return 1
}

// GroupDescription describes one group of the describe analysis.
type GroupDescription struct {
	Level string `json:"level"`
	Description
	// Value repeats the statistic the stat parameter asked for.
	Value *float64 `json:"value,omitempty"`
}

// DescribeResult is the result of the describe analysis: the statistics
// of the column over every row, and per group when a group column is
// given.
type DescribeResult struct {
	Description
	// Variable is the described column, Group the grouping column.
	Variable string `json:"variable"`
	Group    string `json:"group,omitempty"`
	// Stat is the statistic the stat parameter asked for, by its
	// canonical name, and Value its value over every row (for mode, the
	// smallest mode).
	Stat  string   `json:"stat,omitempty"`
	Value *float64 `json:"value,omitempty"`
	// Groups describes each level of Group, in group order.
	Groups []GroupDescription `json:"groups,omitempty"`
}

// DescribeStat returns the canonical name of a statistic that describe's
// stat parameter accepts ("skew" is skewness, "sd" is std), or an error
// with code EInvalid naming the statistics it takes.
func DescribeStat(s string) (string, error) { return describeStat(s) }

// describeStat returns the canonical name of the stat parameter.
func describeStat(s string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	if a, ok := describeAliases[k]; ok {
		k = a
	}
	if !slices.Contains(describeStats, k) {
		return "", inferra.Errorf(inferra.EInvalid, "describe has no statistic %q; stat is one of %s",
			s, strings.Join(describeStats, ", ")).WithDetail("param", "stat")
	}
	return k, nil
}

// runDescribe is the describe analysis.
func runDescribe(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "describe"
	xn, err := param(id, params, "x")
	if err != nil {
		return nil, err
	}
	xc, err := numericColumn(ds, id, "x", xn)
	if err != nil {
		return nil, err
	}
	stat := ""
	if s, ok := params["stat"]; ok {
		if stat, err = describeStat(s); err != nil {
			return nil, err
		}
	}
	all, err := Describe(xc.Floats)
	if err != nil {
		return nil, inferra.Errorf(inferra.EInvalid, "describe needs values of %q, but all %d rows are missing", xn, ds.Rows()).
			WithDetail("column", xn)
	}
	r := &DescribeResult{Description: *all, Variable: xn, Stat: stat}
	used, dropped := all.N, all.Missing
	if gn, ok := params["group"]; ok {
		if r.Groups, used, err = describeGroups(ds, id, xn, gn, xc.Floats); err != nil {
			return nil, err
		}
		r.Group = gn
		dropped = ds.Rows() - used
	}
	if stat != "" && stat != "quartiles" {
		// The quartiles are three values, q1, median and q3, which the
		// description holds; the others are one, repeated as Value.
		if v, ok := all.value(stat); ok {
			r.Value = &v
		}
		for i := range r.Groups {
			if v, ok := r.Groups[i].value(stat); ok {
				r.Groups[i].Value = &v
			}
		}
		if r.Value == nil && r.Groups == nil {
			return nil, inferra.Errorf(inferra.EInvalid, "describe: the %s of %q needs at least %d values, but it has %d",
				stat, xn, describeMinN(stat), all.N).WithDetail("column", xn)
		}
	}
	return &inferra.Result{Stats: r, Report: describeReport(r), RowsUsed: used, RowsDropped: dropped}, nil
}

// describeGroups describes x per level of the column gn; rows whose group
// is missing are left out, and so are levels without a value of x.
func describeGroups(ds *inferra.Dataset, id, xn, gn string, x []float64) ([]GroupDescription, int, error) {
	if gn == xn {
		return nil, 0, inferra.Errorf(inferra.EInvalid, "%s needs different columns for x and group, got %q twice", id, gn)
	}
	gc, err := ds.Column(gn)
	if err != nil {
		return nil, 0, err
	}
	codes, levels := gc.Groups()
	vals := make([][]float64, len(levels))
	missing := make([]int, len(levels))
	nonMissing := 0
	for i, c := range codes {
		if c == inferra.Missing {
			continue
		}
		nonMissing++
		if math.IsNaN(x[i]) {
			missing[c]++
		} else {
			vals[c] = append(vals[c], x[i])
		}
	}
	if gc.Kind == inferra.Text || (gc.Kind == inferra.Numeric && looksContinuous(levels, nonMissing)) {
		return nil, 0, inferra.Errorf(inferra.EInvalid,
			"%s needs a grouping column for %q, but %q has %d distinct values such as %s; group by a column with a few levels",
			id, "group", gn, len(levels), strings.Join(levels[:min(3, len(levels))], ", ")).
			WithDetail("column", gn).WithDetail("levels", len(levels))
	}
	var out []GroupDescription
	used := 0
	for l, v := range vals {
		if len(v) == 0 {
			continue
		}
		used += len(v)
		d := describeSorted(v)
		d.Missing = missing[l]
		out = append(out, GroupDescription{Level: levels[l], Description: *d})
	}
	if len(out) == 0 {
		return nil, 0, inferra.Errorf(inferra.EInvalid, "%s: no row has both %q and %q", id, xn, gn)
	}
	return out, used, nil
}

// describeReport summarises the description: the statistic asked for, or
// the mean, SD, median and range, overall and per group.
func describeReport(r *DescribeResult) string {
	one := func(d *Description, v *float64) string {
		if r.Stat != "" {
			switch {
			case r.Stat == "mode" && len(d.Mode) > 1 && d.ModeCount > 1:
				return fmt.Sprintf("modes %s (each %d times, n = %d)", fmtList(d.Mode), d.ModeCount, d.N)
			case r.Stat == "mode" && d.ModeCount == 1:
				return fmt.Sprintf("no repeated value (n = %d)", d.N)
			case r.Stat == "mode":
				return fmt.Sprintf("mode = %s (%d times, n = %d)", fmtNum(d.Mode[0]), d.ModeCount, d.N)
			case r.Stat == "quartiles":
				return fmt.Sprintf("Q1 = %s, median = %s, Q3 = %s (n = %d)", fmtNum(d.Q1), fmtNum(d.Median), fmtNum(d.Q3), d.N)
			case v == nil:
				return fmt.Sprintf("no %s (n = %d is too few)", r.Stat, d.N)
			case r.Stat == "n" || r.Stat == "missing":
				return fmt.Sprintf("%s = %d", r.Stat, int(*v))
			}
			return fmt.Sprintf("%s = %s (n = %d)", r.Stat, fmtNum(*v), d.N)
		}
		s := fmt.Sprintf("M = %s", fmtNum(d.Mean))
		if d.Std != nil {
			s += fmt.Sprintf(", SD = %s", fmtNum(*d.Std))
		}
		return s + fmt.Sprintf(", Mdn = %s, range %s to %s, n = %d", fmtNum(d.Median), fmtNum(d.Min), fmtNum(d.Max), d.N)
	}
	s := fmt.Sprintf("Descriptive statistics of %s: %s", r.Variable, one(&r.Description, r.Value))
	if r.Missing > 0 {
		s += fmt.Sprintf(", %d missing", r.Missing)
	}
	s += "."
	if len(r.Groups) > 0 {
		parts := make([]string, len(r.Groups))
		for i := range r.Groups {
			g := &r.Groups[i]
			parts[i] = fmt.Sprintf("%s: %s", levelName(r.Group, g.Level), one(&g.Description, g.Value))
		}
		s += fmt.Sprintf(" By %s: %s.", r.Group, strings.Join(parts, "; "))
	}
	return s
}

// fmtList formats a few numbers for a report, "1.00, 2.00 and 3.00", and
// says how many more there are.
func fmtList(x []float64) string {
	const show = 5
	parts := make([]string, 0, show)
	for i, v := range x {
		if i == show {
			break
		}
		parts = append(parts, fmtNum(v))
	}
	if len(x) > show {
		return strings.Join(parts, ", ") + fmt.Sprintf(" and %d more", len(x)-show)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
