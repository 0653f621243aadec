package stats_test

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
	"github.com/inferra/inferra/stats/formula"
)

// patsyFrame is the data behind the expected names below, the same
// columns as this pandas DataFrame (24 rows):
//
//	df = pd.DataFrame({'y': normal, 'x': normal + 5, 'z': normal + 5, 'w': normal + 2,
//	    'g': ['a','b','c']*8, 'h': ['u','u','v','v']*6, 'k': [1,2,3,4]*6,
//	    'dose': [0.5,1.0,2.5]*8, 'flag': [True,False,False]*8,
//	    'floor.area': normal + 9, 'x_1': normal, 'Body_mass': normal + 3})
func patsyFrame(t testing.TB) *inferra.Dataset {
	n := 24
	num := func(name string, f func(i int) float64) *inferra.Column {
		v := make([]float64, n)
		for i := range v {
			v[i] = f(i)
		}
		return paramNumeric(name, v...)
	}
	cat := func(name string, cycle ...string) *inferra.Column {
		l := make([]string, n)
		for i := range l {
			l[i] = cycle[i%len(cycle)]
		}
		return paramCategorical(name, l...)
	}
	flag := cat("flag", "true", "false", "false")
	flag.Kind = inferra.Boolean
	k := num("k", func(i int) float64 { return float64(i%4 + 1) })
	k.IntegerText = true // written 1, 2, 3, 4: int64 in pandas
	return paramDS(t,
		num("y", func(i int) float64 { return math.Sin(float64(i)) }),
		num("x", func(i int) float64 { return 5 + math.Cos(float64(i)) }),
		num("z", func(i int) float64 { return 5 + math.Sin(float64(3*i)) }),
		num("w", func(i int) float64 { return 2 + math.Cos(float64(5*i)) }),
		cat("g", "a", "b", "c"),
		cat("h", "u", "u", "v", "v"),
		k,
		num("dose", func(i int) float64 { return []float64{0.5, 1, 2.5}[i%3] }),
		flag,
		num("floor.area", func(i int) float64 { return 9 + math.Sin(float64(7*i)) }),
		num("x_1", func(i int) float64 { return math.Cos(float64(2 * i)) }),
		num("Body_mass", func(i int) float64 { return 3 + math.Cos(float64(11*i)) }),
	)
}

// TestDesignNames compares column names and order with patsy 0.5.3:
//
//	y, X = patsy.dmatrices(formula, df); X.design_info.column_names
//
// on the frame described at patsyFrame.
func TestDesignNames(t *testing.T) {
	t.Parallel()
	ds := patsyFrame(t)
	tests := []struct {
		formula string
		names   []string
	}{
		{"y ~ x", []string{"Intercept", "x"}},
		{"y ~ x + z", []string{"Intercept", "x", "z"}},
		{"y ~ x + C(g)", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x"}},
		{"y ~ C(g) + x", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x"}},
		{"y ~ g", []string{"Intercept", "g[T.b]", "g[T.c]"}},
		{"y ~ g + h", []string{"Intercept", "g[T.b]", "g[T.c]", "h[T.v]"}},
		{"y ~ g:h", []string{"Intercept", "h[T.v]", "g[T.b]:h[u]", "g[T.c]:h[u]", "g[T.b]:h[v]", "g[T.c]:h[v]"}},
		{"y ~ g*h", []string{"Intercept", "g[T.b]", "g[T.c]", "h[T.v]", "g[T.b]:h[T.v]", "g[T.c]:h[T.v]"}},
		{"y ~ C(g)*C(h)", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "C(h)[T.v]", "C(g)[T.b]:C(h)[T.v]", "C(g)[T.c]:C(h)[T.v]"}},
		{"y ~ C(g):x", []string{"Intercept", "C(g)[a]:x", "C(g)[b]:x", "C(g)[c]:x"}},
		{"y ~ C(g)*x", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x", "C(g)[T.b]:x", "C(g)[T.c]:x"}},
		{"y ~ x*C(g)", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x", "x:C(g)[T.b]", "x:C(g)[T.c]"}},
		{"y ~ x + C(g):x", []string{"Intercept", "x", "C(g)[T.b]:x", "C(g)[T.c]:x"}},
		{"y ~ C(g) - 1", []string{"C(g)[a]", "C(g)[b]", "C(g)[c]"}},
		{"y ~ C(g) + 0", []string{"C(g)[a]", "C(g)[b]", "C(g)[c]"}},
		{"y ~ 0 + C(g) + C(h)", []string{"C(g)[a]", "C(g)[b]", "C(g)[c]", "C(h)[T.v]"}},
		{"y ~ x:z + x", []string{"Intercept", "x:z", "x"}},
		{"y ~ x*z", []string{"Intercept", "x", "z", "x:z"}},
		{"y ~ x*z*w", []string{"Intercept", "x", "z", "x:z", "w", "x:w", "z:w", "x:z:w"}},
		{"y ~ (x + z):w", []string{"Intercept", "x:w", "z:w"}},
		{"y ~ (x + z)*w", []string{"Intercept", "x", "z", "w", "x:w", "z:w"}},
		{"y ~ x + z - x", []string{"Intercept", "z"}},
		{"y ~ C(g, Treatment(reference='b'))", []string{"Intercept", "C(g, Treatment(reference='b'))[T.a]", "C(g, Treatment(reference='b'))[T.c]"}},
		{"y ~ C(g, Treatment('c'))", []string{"Intercept", "C(g, Treatment('c'))[T.a]", "C(g, Treatment('c'))[T.b]"}},
		{`y ~ C(g,Treatment(reference="b"))`, []string{"Intercept", `C(g, Treatment(reference="b"))[T.a]`, `C(g, Treatment(reference="b"))[T.c]`}},
		{"y ~ C(k, Treatment(reference=2))", []string{"Intercept", "C(k, Treatment(reference=2))[T.1]", "C(k, Treatment(reference=2))[T.3]", "C(k, Treatment(reference=2))[T.4]"}},
		{"y ~ C(k)", []string{"Intercept", "C(k)[T.2]", "C(k)[T.3]", "C(k)[T.4]"}},
		{"y ~ C(dose)", []string{"Intercept", "C(dose)[T.1.0]", "C(dose)[T.2.5]"}},
		{"y ~ flag", []string{"Intercept", "flag[T.True]"}},
		{"y ~ C(flag)", []string{"Intercept", "C(flag)[T.True]"}},
		{"y ~ Q('floor.area')", []string{"Intercept", "Q('floor.area')"}},
		{`y ~ Q("floor.area")`, []string{"Intercept", `Q("floor.area")`}},
		{"y ~ x_1 + Body_mass", []string{"Intercept", "x_1", "Body_mass"}},
		{"y ~ I(x**2)", []string{"Intercept", "I(x ** 2)"}},
		{"y ~ I(x*z)", []string{"Intercept", "I(x * z)"}},
		{"y ~ I(x/2 + 1)", []string{"Intercept", "I(x / 2 + 1)"}},
		{"y ~ np.log( x )", []string{"Intercept", "np.log(x)"}},
		{"y ~ np.sqrt(x) + np.exp(z)", []string{"Intercept", "np.sqrt(x)", "np.exp(z)"}},
		{"y ~ I(x ** 2) + I(x**2)", []string{"Intercept", "I(x ** 2)"}},
		{"y ~ -1 + x", []string{"x"}},
		{"y ~ C(g):C(h) - 1", []string{"C(g)[a]:C(h)[u]", "C(g)[b]:C(h)[u]", "C(g)[c]:C(h)[u]", "C(g)[a]:C(h)[v]", "C(g)[b]:C(h)[v]", "C(g)[c]:C(h)[v]"}},
		{"y ~ C(g):C(h) + C(g)", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "C(g)[a]:C(h)[T.v]", "C(g)[b]:C(h)[T.v]", "C(g)[c]:C(h)[T.v]"}},
		{"y ~ C(g):C(h):x + C(g)", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "C(g)[a]:C(h)[u]:x", "C(g)[b]:C(h)[u]:x", "C(g)[c]:C(h)[u]:x", "C(g)[a]:C(h)[v]:x", "C(g)[b]:C(h)[v]:x", "C(g)[c]:C(h)[v]:x"}},
		{"y ~ g + h + g:h:x", []string{"Intercept", "g[T.b]", "g[T.c]", "h[T.v]", "g[a]:h[u]:x", "g[b]:h[u]:x", "g[c]:h[u]:x", "g[a]:h[v]:x", "g[b]:h[v]:x", "g[c]:h[v]:x"}},
		{"y ~ I(-x) + I(x - -1) + I(2*x**2) + I((x+1)**2) + I(x**-1)", []string{"Intercept", "I(-x)", "I(x - -1)", "I(2 * x ** 2)", "I((x + 1) ** 2)", "I(x ** -1)"}},
		{"y ~ x:g", []string{"Intercept", "x:g[a]", "x:g[b]", "x:g[c]"}},
		{"y ~ x:z:g + g", []string{"Intercept", "g[T.b]", "g[T.c]", "x:z:g[a]", "x:z:g[b]", "x:z:g[c]"}},
		{"y ~ x + C(g) - 1", []string{"C(g)[a]", "C(g)[b]", "C(g)[c]", "x"}},
		{"y ~ C(g):C(h):C(k)", []string{"Intercept", "C(g)[T.b]:C(h)[u]", "C(g)[T.c]:C(h)[u]", "C(g)[T.b]:C(h)[v]", "C(g)[T.c]:C(h)[v]",
			"C(g)[a]:C(k)[T.2]", "C(g)[b]:C(k)[T.2]", "C(g)[c]:C(k)[T.2]", "C(g)[a]:C(k)[T.3]", "C(g)[b]:C(k)[T.3]", "C(g)[c]:C(k)[T.3]",
			"C(g)[a]:C(k)[T.4]", "C(g)[b]:C(k)[T.4]", "C(g)[c]:C(k)[T.4]", "C(h)[T.v]:C(k)[1]", "C(h)[T.v]:C(k)[2]", "C(h)[T.v]:C(k)[3]", "C(h)[T.v]:C(k)[4]",
			"C(g)[T.b]:C(h)[T.v]:C(k)[T.2]", "C(g)[T.c]:C(h)[T.v]:C(k)[T.2]", "C(g)[T.b]:C(h)[T.v]:C(k)[T.3]", "C(g)[T.c]:C(h)[T.v]:C(k)[T.3]",
			"C(g)[T.b]:C(h)[T.v]:C(k)[T.4]", "C(g)[T.c]:C(h)[T.v]:C(k)[T.4]"}},
		{"y ~ C(g)*C(h)*x", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "C(h)[T.v]", "C(g)[T.b]:C(h)[T.v]", "C(g)[T.c]:C(h)[T.v]",
			"x", "C(g)[T.b]:x", "C(g)[T.c]:x", "C(h)[T.v]:x", "C(g)[T.b]:C(h)[T.v]:x", "C(g)[T.c]:C(h)[T.v]:x"}},
		{"y ~ x:C(g) + C(h):x + x", []string{"Intercept", "x", "x:C(g)[T.b]", "x:C(g)[T.c]", "C(h)[T.v]:x"}},
		{"y ~ C(k, Treatment(-1)) + C(g, Treatment(1))", []string{"Intercept", "C(k, Treatment(-1))[T.1]", "C(k, Treatment(-1))[T.2]", "C(k, Treatment(-1))[T.3]", "C(g, Treatment(1))[T.a]", "C(g, Treatment(1))[T.c]"}},
		{"y ~ C(dose, Treatment(reference=1))", []string{"Intercept", "C(dose, Treatment(reference=1))[T.0.5]", "C(dose, Treatment(reference=1))[T.2.5]"}},
		{"y ~ C(h)*C(g) - C(h)", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "C(h)[T.v]:C(g)[a]", "C(h)[T.v]:C(g)[b]", "C(h)[T.v]:C(g)[c]"}},
		{"y ~ (C(g) + C(h))**2 - 1", []string{"C(g)[a]", "C(g)[b]", "C(g)[c]", "C(h)[T.v]", "C(g)[T.b]:C(h)[T.v]", "C(g)[T.c]:C(h)[T.v]"}},
		{"y ~ x*z - 1", []string{"x", "z", "x:z"}},
		{"y ~ np.log(x) + np.log(x):C(h)", []string{"Intercept", "np.log(x)", "np.log(x):C(h)[T.v]"}},
	}
	for _, tt := range tests {
		d, err := stats.NewDesign(ds, tt.formula)
		if err != nil {
			t.Errorf("NewDesign(%q): %v", tt.formula, err)
			continue
		}
		if !reflect.DeepEqual(d.Columns, tt.names) {
			t.Errorf("NewDesign(%q) columns = %q, want %q", tt.formula, d.Columns, tt.names)
			continue
		}
		// The terms tile the columns, each named by its columns' prefix.
		end := 0
		for _, term := range d.Terms {
			if term.Start != end || term.End <= term.Start {
				t.Errorf("NewDesign(%q) term %q spans [%d, %d), want to start at %d", tt.formula, term.Name, term.Start, term.End, end)
			}
			end = term.End
		}
		if end != len(d.Columns) {
			t.Errorf("NewDesign(%q) terms end at %d, want %d", tt.formula, end, len(d.Columns))
		}
		if d.Intercept != (d.Columns[0] == "Intercept") || d.N != 24 || d.RowsDropped != 0 || d.Response != "y" {
			t.Errorf("NewDesign(%q) = intercept %v, N %d, dropped %d, response %q", tt.formula, d.Intercept, d.N, d.RowsDropped, d.Response)
		}
	}
}

// rows returns the whole model matrix of d.
func rows(d *stats.Design) [][]float64 {
	m := make([][]float64, d.N)
	for i := range m {
		m[i] = make([]float64, len(d.Columns))
		for j := range m[i] {
			m[i][j] = math.NaN() // Row must write every entry
		}
		d.Row(i, m[i])
	}
	return m
}

// TestDesignRows checks rows worked out by hand; the g:h and
// x:C(h, Treatment('v')):g matrices were also confirmed with patsy 0.5.3 on
// the kept rows (patsy.dmatrices(formula, df)[1]).
func TestDesignRows(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	ds := paramDS(t,
		paramNumeric("y", 1, 2, 3, nan, 5, 6, 7),
		paramNumeric("x", 1, 2, 4, 8, nan, nan, 3),
		paramCategorical("g", "a", "b", "c", "a", "b", "", "c"),
		paramCategorical("h", "u", "v", "u", "v", "", "v", "v"),
		paramNumeric("k", 2, 1, 2, 1, nan, nan, 3),
	)
	// Kept: rows 1, 2, 3, 7 by every formula below (row 4 lacks y, rows 5
	// and 6 lack x and k, and h or g).
	tests := []struct {
		formula string
		names   []string
		want    [][]float64
	}{
		{"y ~ x + C(g)", []string{"Intercept", "C(g)[T.b]", "C(g)[T.c]", "x"}, [][]float64{
			{1, 0, 0, 1}, {1, 1, 0, 2}, {1, 0, 1, 4}, {1, 0, 1, 3}}},
		{"y ~ C(g):x - 1", []string{"C(g)[a]:x", "C(g)[b]:x", "C(g)[c]:x"}, [][]float64{
			{1, 0, 0}, {0, 2, 0}, {0, 0, 4}, {0, 0, 3}}},
		{"y ~ g*h", []string{"Intercept", "g[T.b]", "g[T.c]", "h[T.v]", "g[T.b]:h[T.v]", "g[T.c]:h[T.v]"}, [][]float64{
			{1, 0, 0, 0, 0, 0}, {1, 1, 0, 1, 1, 0}, {1, 0, 1, 0, 0, 0}, {1, 0, 1, 1, 0, 1}}},
		{"y ~ g:h", []string{"Intercept", "h[T.v]", "g[T.b]:h[u]", "g[T.c]:h[u]", "g[T.b]:h[v]", "g[T.c]:h[v]"}, [][]float64{
			{1, 0, 0, 0, 0, 0}, {1, 1, 0, 0, 1, 0}, {1, 0, 0, 1, 0, 0}, {1, 1, 0, 0, 0, 1}}},
		{"y ~ C(k, Treatment(reference=2)) + I(x**2) + np.log(x)", []string{"Intercept",
			"C(k, Treatment(reference=2))[T.1.0]", "C(k, Treatment(reference=2))[T.3.0]", "I(x ** 2)", "np.log(x)"}, [][]float64{ // k has missing values: float64 in pandas
			{1, 0, 0, 1, 0}, {1, 1, 0, 4, math.Log(2)}, {1, 0, 0, 16, math.Log(4)}, {1, 0, 1, 9, math.Log(3)}}},
		{"y ~ x:C(h, Treatment('v')):g", []string{"Intercept", "x:C(h, Treatment('v'))[u]:g[a]", "x:C(h, Treatment('v'))[v]:g[a]",
			"x:C(h, Treatment('v'))[u]:g[b]", "x:C(h, Treatment('v'))[v]:g[b]", "x:C(h, Treatment('v'))[u]:g[c]", "x:C(h, Treatment('v'))[v]:g[c]"}, [][]float64{
			{1, 1, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 2, 0, 0}, {1, 0, 0, 0, 0, 4, 0}, {1, 0, 0, 0, 0, 0, 3}}},
	}
	for _, tt := range tests {
		d, err := stats.NewDesign(ds, tt.formula)
		if err != nil {
			t.Errorf("NewDesign(%q): %v", tt.formula, err)
			continue
		}
		if !reflect.DeepEqual(d.Columns, tt.names) {
			t.Errorf("NewDesign(%q) columns = %q, want %q", tt.formula, d.Columns, tt.names)
			continue
		}
		if d.N != 4 || d.RowsDropped != 3 || !reflect.DeepEqual(d.Y, []float64{1, 2, 3, 7}) {
			t.Errorf("NewDesign(%q) N = %d, dropped %d, Y = %v; want 4, 3, [1 2 3 7]", tt.formula, d.N, d.RowsDropped, d.Y)
		}
		if got := rows(d); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("NewDesign(%q) rows = %v, want %v", tt.formula, got, tt.want)
		}
	}
}

func TestDesignLevels(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	ds := paramDS(t,
		paramNumeric("y", 1, 2, nan, 4, 5, 6),
		paramCategorical("g", "a", "b", "c", "a", "b", "a"),
		paramNumeric("dose", 0.5, 1, 2, 1, 1e-5, 0.5),
		paramNumeric("k", 1, 2, 3, 2, 1, nan),
	)
	tests := []struct {
		formula string
		names   []string
	}{
		// Level c only occurs where y is missing: dropped with the row.
		{"y ~ g", []string{"Intercept", "g[T.b]"}},
		{"y ~ C(g, Treatment(-1))", []string{"Intercept", "C(g, Treatment(-1))[T.a]"}},
		// Floats print as Python floats (1e-05 is the reference here); a
		// column with a missing value is float64 in pandas.
		{"y ~ C(dose)", []string{"Intercept", "C(dose)[T.0.5]", "C(dose)[T.1.0]"}},
		{"y ~ C(k)", []string{"Intercept", "C(k)[T.2.0]"}},
	}
	for _, tt := range tests {
		d, err := stats.NewDesign(ds, tt.formula)
		if err != nil {
			t.Errorf("NewDesign(%q): %v", tt.formula, err)
			continue
		}
		if !reflect.DeepEqual(d.Columns, tt.names) {
			t.Errorf("NewDesign(%q) columns = %q, want %q", tt.formula, d.Columns, tt.names)
		}
	}
	d, err := stats.NewDesign(paramDS(t, paramNumeric("y", 1, 2, 3, 4), paramNumeric("d", 1e-5, 2.5, 1e16, 123456789)), "y ~ C(d)")
	if err != nil {
		t.Fatal(err)
	}
	// patsy: ['Intercept', 'C(d)[T.2.5]', 'C(d)[T.123456789.0]', 'C(d)[T.1e+16]']
	if want := []string{"Intercept", "C(d)[T.2.5]", "C(d)[T.123456789.0]", "C(d)[T.1e+16]"}; !reflect.DeepEqual(d.Columns, want) {
		t.Errorf("NewDesign(y ~ C(d)) columns = %q, want %q", d.Columns, want)
	}
}

// TestDesignLevelText checks that levels of a numeric column are named
// from how the CSV wrote them, as pandas types the column: int64 only when
// every value is an integer literal and none is missing. The names are
// patsy 0.5.3's on pandas.read_csv of the same text.
func TestDesignLevelText(t *testing.T) {
	t.Parallel()
	const csv = `y,kf,kd,ks,ke,kq,kn,d,z
1,1.0,1,+1,1e0,"1",1,-0.0,0
2,2.0,2,2,2,"2",2,1e-05,0.0
3,3.0,3,-3,3,"3",,123456789.0,1
4,1.0,1,+1,1,"1",1,1e16,1
5,2.0,2,2,2,"2",2,2.5,2
6,3.0,3,-3,3,"3",3,2.0,2
`
	ds, err := load.ParseCSV([]byte(csv), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		formula string
		names   []string
	}{
		// 1.0/2.0/3.0 is float64 in pandas, 1/2/3 int64.
		{"y ~ C(kf) + C(kd)", []string{"Intercept", "C(kf)[T.2.0]", "C(kf)[T.3.0]", "C(kd)[T.2]", "C(kd)[T.3]"}},
		// Signs and quotes keep an integer literal; an exponent does not.
		{"y ~ C(ks)", []string{"Intercept", "C(ks)[T.1]", "C(ks)[T.2]"}},
		{"y ~ C(ke)", []string{"Intercept", "C(ke)[T.2.0]", "C(ke)[T.3.0]"}},
		{"y ~ C(kq)", []string{"Intercept", "C(kq)[T.2]", "C(kq)[T.3]"}},
		// A missing value makes the column float64, in every row kept.
		{"y ~ C(kn)", []string{"Intercept", "C(kn)[T.2.0]", "C(kn)[T.3.0]"}},
		// Python's float repr.
		{"y ~ C(d)", []string{"Intercept", "C(d)[T.1e-05]", "C(d)[T.2.0]", "C(d)[T.2.5]", "C(d)[T.123456789.0]", "C(d)[T.1e+16]"}},
		// One column mixing 0 and 0.0 is float64.
		{"y ~ C(z)", []string{"Intercept", "C(z)[T.1.0]", "C(z)[T.2.0]"}},
	}
	for _, tt := range tests {
		d, err := stats.NewDesign(ds, tt.formula)
		if err != nil {
			t.Errorf("NewDesign(%q): %v", tt.formula, err)
			continue
		}
		if !reflect.DeepEqual(d.Columns, tt.names) {
			t.Errorf("NewDesign(%q) columns = %q, want %q", tt.formula, d.Columns, tt.names)
		}
	}
}

func TestDesignErrors(t *testing.T) {
	t.Parallel()
	ds := paramDS(t,
		paramNumeric("y", 1, 2, 3, 4),
		paramNumeric("x", 1, -2, 0, 4),
		paramCategorical("g", "a", "b", "a", "b"),
		paramCategorical("one", "a", "a", "a", "a"),
	)
	tests := []struct {
		formula string
		msg     string
	}{
		{"y ~ xx", `column "xx" does not exist; did you mean "x"`},
		{"g ~ x", "ols needs a numeric response"},
		{"y ~ np.log(g)", `np.log(g) needs numbers, but column "g" is categorical`},
		{"y ~ I(g*2)", `I(g * 2) needs numbers`},
		{"y ~ np.log(x)", "np.log(x) is NaN at data row 2 (x = -2)"},
		{"y ~ I(1/x)", "I(1 / x) is infinite at data row 3 (x = 0)"},
		{"np.log(x) ~ y", "np.log(x) is NaN at data row 2"},
		{"y ~ C(g, Treatment('c'))", `the reference level "c" of C(g, Treatment('c')) is not among its levels in the rows used (a, b)`},
		{"y ~ C(g, Treatment(5))", "the reference level 5"},
		{"y ~ one", "term one has no columns"},
		{"y ~ x +", "expected a term at position 7"},
	}
	for _, tt := range tests {
		_, err := stats.NewDesign(ds, tt.formula)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("NewDesign(%q) error = %v, want one containing %q", tt.formula, err, tt.msg)
			continue
		}
		if code := inferra.ErrorCode(err); code != inferra.EInvalid {
			t.Errorf("NewDesign(%q) error code = %q, want %q", tt.formula, code, inferra.EInvalid)
		}
	}
	var fe *formula.Error
	if _, err := stats.NewDesign(ds, "y ~ (x"); !errors.As(err, &fe) || fe.Pos != 4 {
		t.Errorf("NewDesign(y ~ (x) error = %v, want a *formula.Error at 4", err)
	}
	nan := math.NaN()
	empty := paramDS(t, paramNumeric("y", nan, 1), paramNumeric("x", 1, nan))
	if _, err := stats.NewDesign(empty, "y ~ x"); err == nil || !strings.Contains(err.Error(), "no rows are left") {
		t.Errorf("NewDesign on no complete rows error = %v", err)
	}
}

func TestFormulaColumns(t *testing.T) {
	t.Parallel()
	cols, err := stats.FormulaColumns("np.log(y) ~ C(g)*x + Q('a.b') + I(z**2) - x")
	if want := []string{"y", "g", "x", "a.b", "z"}; err != nil || !reflect.DeepEqual(cols, want) {
		t.Errorf("FormulaColumns = %q, %v; want %q", cols, err, want)
	}
	if _, err := stats.FormulaColumns("y ~"); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("FormulaColumns(y ~) error = %v, want invalid input", err)
	}
}

func ExampleNewDesign() {
	ds, err := load.ParseCSV([]byte("price,area,dept\n310,70,north\n405,95,south\n280,,north\n520,120,west\n350,80,south\n"), load.Options{})
	if err != nil {
		panic(err)
	}
	d, err := stats.NewDesign(ds, "np.log(price) ~ C(dept, Treatment('south')) + area")
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Response, "n =", d.N, "dropped =", d.RowsDropped)
	fmt.Println(d.Columns)
	row := make([]float64, len(d.Columns))
	for i := 0; i < d.N; i++ {
		d.Row(i, row)
		fmt.Printf("%.3f %v\n", d.Y[i], row)
	}
	// Output:
	// np.log(price) n = 4 dropped = 1
	// [Intercept C(dept, Treatment('south'))[T.north] C(dept, Treatment('south'))[T.west] area]
	// 5.737 [1 1 0 70]
	// 6.004 [1 0 0 95]
	// 6.254 [1 0 1 120]
	// 5.858 [1 0 0 80]
}

// BenchmarkDesignRows1M reads every row of y ~ x1 + x2 + x3 + C(dept) at
// a million rows, as the OLS fit does.
func BenchmarkDesignRows1M(b *testing.B) {
	const n = 1_000_000
	cols := []*inferra.Column{}
	for j, name := range []string{"y", "x1", "x2", "x3"} {
		v := make([]float64, n)
		for i := range v {
			v[i] = math.Sin(float64(i*(j+1)) * 0.37)
		}
		cols = append(cols, paramNumeric(name, v...))
	}
	codes := make([]int32, n)
	for i := range codes {
		codes[i] = int32(i * 7 % 5)
	}
	cols = append(cols, &inferra.Column{Name: "dept", Kind: inferra.Categorical, Codes: codes, Levels: []string{"a", "b", "c", "d", "e"}})
	ds := paramDS(b, cols...)
	d, err := stats.NewDesign(ds, "y ~ x1 + x2 + x3 + C(dept)")
	if err != nil {
		b.Fatal(err)
	}
	row := make([]float64, len(d.Columns))
	b.ResetTimer()
	for b.Loop() {
		for i := 0; i < d.N; i++ {
			d.Row(i, row)
		}
	}
}
