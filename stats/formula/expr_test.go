package formula

import (
	"math"
	"testing"
)

// TestCompileAgreesWithEval checks the compiled form of every operator and
// function against the tree-walking evaluator, row by row.
func TestCompileAgreesWithEval(t *testing.T) {
	f, err := Parse("np.log(y) ~ I(x ** 2 - 3 * z / 2) + I(-x + 1) + np.sqrt(z) + np.exp(x) + np.abs(x) + np.log10(z) + np.log2(z) + np.log1p(z) + I(x * z) + I(x / z)")
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string][]float64{
		"x": {-2, -0.5, 0, 1.5, 3},
		"y": {1, 2, 0.5, 4, 8},
		"z": {0.25, 1, 2, 0, 9},
	}
	col := func(name string) func(int) float64 {
		v := cols[name]
		return func(i int) float64 { return v[i] }
	}
	factors := []*Factor{f.Response}
	for _, term := range f.Terms {
		factors = append(factors, term.Factors...)
	}
	if len(factors) != 11 {
		t.Fatalf("parsed %d factors, want 11", len(factors))
	}
	for _, fac := range factors {
		compiled := fac.Expr.Compile(col)
		for i := range 5 {
			want := fac.Expr.Eval(func(name string) float64 { return cols[name][i] })
			got := compiled(i)
			if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("%s row %d: Compile gives %v, Eval %v", fac.Name, i, got, want)
			}
		}
	}
	// A spot check of Eval itself: I(x ** 2 - 3 * z / 2) at x = 3, z = 9.
	if got := factors[1].Expr.Eval(func(name string) float64 { return cols[name][4] }); got != 9-13.5 {
		t.Errorf("I(x ** 2 - 3 * z / 2) at row 4 = %v, want -4.5", got)
	}
}

func TestColumnPos(t *testing.T) {
	src := "y ~ x + C(g) + Q('floor.area') + I(x * z)"
	f, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"y": 0, "x": 4, "g": 10, "floor.area": 15, "z": 39, "missing": -1} {
		if got := f.ColumnPos(name); got != want {
			t.Errorf("ColumnPos(%q) = %d, want %d (%q)", name, got, want, src[max(got, 0):])
		}
	}
}
