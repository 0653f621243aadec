package formula_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats/formula"
)

func termNames(f *formula.Formula) []string {
	var names []string
	if f.Intercept {
		names = append(names, "Intercept")
	}
	for _, t := range f.Terms {
		names = append(names, t.Name())
	}
	return names
}

// TestParseTerms compares the terms with patsy 0.5.3's ModelDesc:
//
//	d = patsy.ModelDesc.from_formula(formula)
//	[t.name() for t in d.lhs_termlist], [t.name() for t in d.rhs_termlist]
func TestParseTerms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		formula  string
		response string
		terms    []string
	}{
		{"y ~ x", "y", []string{"Intercept", "x"}},
		{"y ~ a*b*c", "y", []string{"Intercept", "a", "b", "a:b", "c", "a:c", "b:c", "a:b:c"}},
		{"y ~ a*b*c - a:b:c", "y", []string{"Intercept", "a", "b", "a:b", "c", "a:c", "b:c"}},
		{"y ~ (a + b + c)**2", "y", []string{"Intercept", "a", "b", "c", "a:b", "a:c", "b:c"}},
		{"y ~ a/b", "y", []string{"Intercept", "a", "a:b"}},
		{"y ~ (a + b)/c", "y", []string{"Intercept", "a", "b", "a:b:c"}},
		{"y ~ c:b + a + b:c", "y", []string{"Intercept", "c:b", "a"}},
		{"y ~ a:a:b", "y", []string{"Intercept", "a:b"}},
		{"y ~ b:a + a:b", "y", []string{"Intercept", "b:a"}},
		{"y ~ (x + z):w", "y", []string{"Intercept", "x:w", "z:w"}},
		{"y ~ x + z - x", "y", []string{"Intercept", "z"}},
		{"y ~ -1 + x", "y", []string{"x"}},
		{"y ~ x + 0", "y", []string{"x"}},
		{"y ~ x - 0", "y", []string{"Intercept", "x"}},
		{"y ~ 0 + x - 0", "y", []string{"Intercept", "x"}},
		{"y ~ x + -1", "y", []string{"Intercept", "x"}}, // patsy keeps the intercept here
		{"y ~ x - 1 + 1", "y", []string{"Intercept", "x"}},
		{"y ~ 1", "y", []string{"Intercept"}},
		{"y ~ C(g) + C( g )", "y", []string{"Intercept", "C(g)"}},
		{"y ~ I(x**2)+I(2*x)+I(x/2 + 1)+I(-x**2)+I(x**-1)+I((x+1)*(z-1))", "y",
			[]string{"Intercept", "I(x ** 2)", "I(2 * x)", "I(x / 2 + 1)", "I(-x ** 2)", "I(x ** -1)", "I((x + 1) * (z - 1))"}},
		{"y ~ np.log( x )+np.sqrt(x)+np.exp(x)+np.log10(x)+log(x)+numpy.log(x)+abs(x)+np.abs(x)", "y",
			[]string{"Intercept", "np.log(x)", "np.sqrt(x)", "np.exp(x)", "np.log10(x)", "log(x)", "numpy.log(x)", "abs(x)", "np.abs(x)"}},
		{`y ~ Q('floor.area') + Q("weird name") + Q('it\'s')`, "y",
			[]string{"Intercept", "Q('floor.area')", `Q("weird name")`, `Q('it\'s')`}},
		{"y ~ C(g,Treatment( reference = 'b' ))+C(k,Treatment(-1))+C(k, Treatment(reference=2.5))", "y",
			[]string{"Intercept", "C(g, Treatment(reference='b'))", "C(k, Treatment(-1))", "C(k, Treatment(reference=2.5))"}},
		{"y ~ I(x*1e3) + I(x + .5) + I(x*2.)", "y", []string{"Intercept", "I(x * 1e3)", "I(x + .5)", "I(x * 2.)"}},
		{"np.log(y) ~ x", "np.log(y)", []string{"Intercept", "x"}},
		{"y ~ I(x - - 1) + I(x+ +1) + I(-(x))", "y", []string{"Intercept", "I(x - -1)", "I(x + +1)", "I(-(x))"}},
		{"y ~ C(g, Treatment) + C(h, Treatment())", "y", []string{"Intercept", "C(g, Treatment)", "C(h, Treatment())"}},
		{"y ~ x_1 + Body_mass", "y", []string{"Intercept", "x_1", "Body_mass"}},
	}
	for _, tt := range tests {
		f, err := formula.Parse(tt.formula)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.formula, err)
			continue
		}
		if f.Response.Name != tt.response {
			t.Errorf("Parse(%q) response = %q, want %q", tt.formula, f.Response.Name, tt.response)
		}
		if got := termNames(f); !reflect.DeepEqual(got, tt.terms) {
			t.Errorf("Parse(%q) terms = %q, want %q", tt.formula, got, tt.terms)
		}
	}
}

func TestParseFactors(t *testing.T) {
	t.Parallel()
	f, err := formula.Parse(`np.log(y) ~ C(g, Treatment(reference='b')) + C(k, Treatment(-1)) + Q('a.b') + I(x**2 - z/2) + C(Q("h h")) + g`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Columns(), []string{"y", "g", "k", "a.b", "x", "z", "h h"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Columns() = %q, want %q", got, want)
	}
	g := f.Terms[0].Factors[0]
	if !g.Categorical || !g.HasReference || g.Reference != "b" || g.ReferenceIsNumber || g.Expr.Column != "g" {
		t.Errorf("C(g, Treatment(reference='b')) = %+v", g)
	}
	k := f.Terms[1].Factors[0]
	if !k.HasReference || k.Reference != "-1" || !k.ReferenceIsNumber {
		t.Errorf("C(k, Treatment(-1)) = %+v", k)
	}
	if q := f.Terms[2].Factors[0]; q.Categorical || !q.Expr.IsColumn() || q.Expr.Column != "a.b" {
		t.Errorf("Q('a.b') = %+v", q)
	}
	i := f.Terms[3].Factors[0]
	vals := map[string]float64{"x": 3, "z": 4}
	if got := i.Expr.Eval(func(c string) float64 { return vals[c] }); got != 7 {
		t.Errorf("I(x**2 - z/2) at x=3, z=4 = %g, want 7", got)
	}
	if got := f.Response.Expr.Eval(func(string) float64 { return 1 }); got != 0 {
		t.Errorf("np.log(y) at y=1 = %g, want 0", got)
	}
	if h := f.Terms[4].Factors[0]; h.Name != `C(Q("h h"))` || h.Expr.Column != "h h" {
		t.Errorf(`C(Q("h h")) = %+v`, h)
	}
}

func TestExprEval(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		want float64
	}{
		{"I(-x**2)", -4},
		{"I((-x)**2)", 4},
		{"I(x**-1)", 0.5},
		{"I(x**3**2)", 512}, // right-associative, as in Python
		{"I(x - z - 1)", -2},
		{"I(x / z * 2)", 4.0 / 3},
		{"np.sqrt(I(x*8))", 4},
		{"np.exp(0*x)", 1},
		{"abs(x - z)", 1},
		{"np.log10(x*50)", 2},
		{"np.log2(x)", 1},
	}
	for _, tt := range tests {
		f, err := formula.Parse("y ~ " + tt.expr)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.expr, err)
			continue
		}
		got := f.Terms[0].Factors[0].Expr.Eval(func(c string) float64 { return map[string]float64{"x": 2, "z": 3}[c] })
		if d := got - tt.want; d > 1e-12 || d < -1e-12 {
			t.Errorf("%s at x=2, z=3 = %g, want %g", tt.expr, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		formula string
		pos     int
		msg     string
	}{
		{"", 0, "empty"},
		{"   ", 0, "empty"},
		{"y ~ x +", 7, "expected a term"},
		{"y ~", 3, "expected a term"},
		{"~ x", 0, "response"},
		{"y", 1, "expected ~"},
		{"y ~ x ~ z", 6, "once"},
		{"y ~ (x + z", 4, "unclosed ("},
		{"y ~ x + z)", 9, "unmatched )"},
		{"y ~ np.log(x", 12, "expected )"},
		{"y ~ foo(x)", 4, `unknown function "foo"`},
		{"y ~ np.foo(x)", 4, `unknown function "np.foo"`},
		{"y ~ I(x) + np.log(bar(x))", 18, `unknown function "bar"`},
		{"y ~ x + 2", 8, "numbers other than 0 and 1"},
		{"y ~ -x", 4, "unary minus"},
		{"y + z ~ x", 0, "single variable"},
		{"1 ~ x", 0, "single variable"},
		{"y ~ 0", 2, "no terms and no intercept"},
		{"y ~ x - 1 - x", 2, "no terms and no intercept"},
		{"y ~ C(g, Sum)", 9, "only Treatment"},
		{"y ~ C(g, Treatment(ref='b'))", 19, "reference="},
		{"y ~ C(g, Treatment(reference=b))", 29, "quoted string or a number"},
		{"y ~ C(np.log(x))", 6, "C() takes a column"},
		{"y ~ Q(x)", 6, "quoted column name"},
		{"y ~ Q('x", 6, "unclosed string"},
		{"y ~ 'x'", 4, "Q("},
		{"y ~ x # comment", 6, "comments"},
		{"y ~ x $ z", 6, "unexpected character"},
		{"y ~ x z", 6, "expected an operator"},
		{"y ~ (x + 1):z", 9, "intercept cannot interact"},
		{"y ~ (x + z)**0", 13, "positive integer"},
		{"y ~ a.b", 4, "Q('a.b')"},
		{"y ~ lambda", 4, "keyword"},
		{"y ~ I()", 6, "needs an expression"},
		{"y ~ np.log(x, 2)", 12, "one argument"},
		{"y ~ I(3)", 4, "uses no column"},
		{"C(y) ~ x", 0, "numeric"},
		{"y ~ x + 1e", 8, "malformed number"},
		{"y ~ x + I(x *)", 13, "expected a value"},
	}
	for _, tt := range tests {
		_, err := formula.Parse(tt.formula)
		var fe *formula.Error
		if !errors.As(err, &fe) {
			t.Errorf("Parse(%q) error = %v, want a *formula.Error", tt.formula, err)
			continue
		}
		if fe.Pos != tt.pos || !strings.Contains(fe.Msg, tt.msg) {
			t.Errorf("Parse(%q) = %q at %d, want %q at %d", tt.formula, fe.Msg, fe.Pos, tt.msg, tt.pos)
		}
		if code := inferra.ErrorCode(err); code != inferra.EInvalid {
			t.Errorf("Parse(%q) error code = %q, want %q", tt.formula, code, inferra.EInvalid)
		}
	}
	_, err := formula.Parse("y ~ x +")
	if want := `formula "y ~ x +": expected a term at position 7`; err == nil || err.Error() != want {
		t.Errorf("Parse(%q) error = %v, want %s", "y ~ x +", err, want)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"y ~ x", "y ~ C(g, Treatment(reference='b')) * x - 1", "np.log(y) ~ I(x**2) + Q('a.b'):z",
		"y ~ (a + b + c)**2 - a:b", "y ~ a/b + 0", "y ~ C(k, Treatment(-1))", "y ~ x +", "y ~ (x",
		"y ~ I(-x ** -2 / (z - 1))", "y ~ np.sqrt(abs(x))", `y ~ Q("it\"s")`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := formula.Parse(s)
		if err != nil {
			var fe *formula.Error
			if !errors.As(err, &fe) {
				t.Fatalf("Parse(%q) error %v is not a *formula.Error", s, err)
			}
			if fe.Pos < 0 || fe.Pos > len(s) {
				t.Fatalf("Parse(%q) error position %d outside [0, %d]", s, fe.Pos, len(s))
			}
			if inferra.ErrorCode(err) != inferra.EInvalid {
				t.Fatalf("Parse(%q) error code %q", s, inferra.ErrorCode(err))
			}
			return
		}
		if m.Response == nil || (!m.Intercept && len(m.Terms) == 0) {
			t.Fatalf("Parse(%q) = %+v without error", s, m)
		}
		// A factor's name is itself a formula piece that parses to the same name.
		for _, term := range m.Terms {
			for _, fa := range term.Factors {
				g, err := formula.Parse("y ~ " + fa.Name)
				if err != nil {
					t.Fatalf("Parse(%q): factor %q does not parse again: %v", s, fa.Name, err)
				}
				if got := g.Terms[0].Factors[0].Name; got != fa.Name {
					t.Fatalf("Parse(%q): factor %q parses again as %q", s, fa.Name, got)
				}
			}
		}
	})
}

// TestErrorPositionInCharacters checks that messages count characters, not
// bytes, so a caret placed by them lands on the offending one.
func TestErrorPositionInCharacters(t *testing.T) {
	_, err := formula.Parse("y ~ größe $ x")
	var fe *formula.Error
	if !errors.As(err, &fe) {
		t.Fatalf("Parse: %v, want a *formula.Error", err)
	}
	if got := formula.Position(fe.Formula, fe.Pos); got != 10 || !strings.Contains(err.Error(), "position 10") {
		t.Errorf("error %q (character %d), want the '$' at position 10", err, got)
	}
}
