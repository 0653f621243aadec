// Package formula parses model formulas in the syntax of patsy, the
// library behind statsmodels' formula API, so that a model written for
// statsmodels.formula.api.ols means the same thing here:
//
//	y ~ x1 + x2 + C(dept, Treatment(reference='sales')) + np.log(income) + x1:x2
//
// # What a formula says
//
// Left of ~ is the response, a single variable. Right of ~ are terms joined
// with +. A term is one factor or an interaction of factors (a:b); a*b is
// short for a + b + a:b, (a + b + c)**2 for every term up to two-way, a/b
// for a + a:b, and "- a" removes a term. The intercept is implicit: -1, +0
// or 0 + remove it, +1 puts it back.
//
// A factor is a column (x, x_1, or Q('floor.area') for a name that is not
// a Python identifier), a categorical coding C(g) or
// C(g, Treatment(reference='b')), or a numeric transform: I(x**2),
// I(x/2 + 1), np.log(x), log(x), np.sqrt, np.exp, np.log10, np.log2,
// np.log1p, abs. Expressions inside I() and the functions follow Python's
// arithmetic (** binds tighter than unary minus and associates to the right)
// and numpy's float semantics (log of a negative number is NaN).
//
// # Names
//
// Every factor is named exactly as patsy names it, because the names are
// the coefficient labels users compare with statsmodels: patsy rewrites the
// factor's code with its own spacing, so I(x**2) is "I(x ** 2)",
// np.log( x ) is "np.log(x)" and C(g,Treatment('b')) is
// "C(g, Treatment('b'))". Factors with the same name are the same factor.
// Terms come in patsy's ModelDesc order; the order of the columns of a
// model matrix, and their coding, depend on the data and are the business
// of stats.NewDesign.
//
// # Errors
//
// A formula that cannot be parsed is an *Error carrying the byte offset of
// the offending token, which unwraps to an inferra.Error with code
// invalid_input. Only the functions above can be called: a formula is never
// evaluated as code.
//
// See ExampleParse.
package formula
