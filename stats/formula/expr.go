package formula

import (
	"math"
)

// Op is the kind of an Expr node.
type Op int

// The kinds of expression nodes.
const (
	// OpColumn reads a dataset column (Expr.Column).
	OpColumn Op = iota
	// OpNumber is a number literal (Expr.Value).
	OpNumber
	// OpNeg is unary minus of Args[0]; unary plus is dropped when parsed.
	OpNeg
	// OpAdd, OpSub, OpMul, OpDiv and OpPow combine Args[0] and Args[1].
	OpAdd
	OpSub
	OpMul
	OpDiv
	OpPow
	// OpCall applies the function Expr.Func to Args[0].
	OpCall
)

// Expr is a numeric expression over dataset columns: the inside of I(),
// np.log() and the like, or a bare column. Build one with Parse.
type Expr struct {
	Op Op
	// Column is the column an OpColumn reads.
	Column string
	// Value is an OpNumber's value.
	Value float64
	// Func is an OpCall's function, without its module prefix: one of
	// log, log10, log2, log1p, exp, sqrt, abs.
	Func string
	// Args are the operands.
	Args []*Expr
	// Pos is the byte offset of the expression in the formula.
	Pos int
}

// ColumnPos returns the byte offset of the first reference to column name
// in f (response first, then the terms), or -1.
func (f *Formula) ColumnPos(name string) int {
	var walk func(e *Expr) int
	walk = func(e *Expr) int {
		if e == nil {
			return -1
		}
		if e.Op == OpColumn && e.Column == name {
			return e.Pos
		}
		for _, a := range e.Args {
			if p := walk(a); p >= 0 {
				return p
			}
		}
		return -1
	}
	if f.Response != nil {
		if p := walk(f.Response.Expr); p >= 0 {
			return p
		}
	}
	for _, t := range f.Terms {
		for _, fa := range t.Factors {
			if p := walk(fa.Expr); p >= 0 {
				return p
			}
		}
	}
	return -1
}

// funcs are the functions a formula may call, by their canonical name.
var funcs = map[string]func(float64) float64{
	"log":   math.Log,
	"log10": math.Log10,
	"log2":  math.Log2,
	"log1p": math.Log1p,
	"exp":   math.Exp,
	"sqrt":  math.Sqrt,
	"abs":   math.Abs,
}

// funcName maps a function as written (np.log, numpy.log, log) to its
// canonical name, or "" for an unknown function.
func funcName(dotted string) string {
	for _, prefix := range []string{"np.", "numpy.", ""} {
		if len(dotted) > len(prefix) && dotted[:len(prefix)] == prefix {
			if _, ok := funcs[dotted[len(prefix):]]; ok {
				return dotted[len(prefix):]
			}
		}
	}
	return ""
}

// Columns returns the columns e reads, in order of first use.
func (e *Expr) Columns() []string {
	var cols []string
	seen := map[string]bool{}
	e.walk(func(x *Expr) {
		if x.Op == OpColumn && !seen[x.Column] {
			seen[x.Column] = true
			cols = append(cols, x.Column)
		}
	})
	return cols
}

func (e *Expr) walk(f func(*Expr)) {
	f(e)
	for _, a := range e.Args {
		a.walk(f)
	}
}

// IsColumn reports whether e is a bare column, such as x or Q('a.b').
func (e *Expr) IsColumn() bool { return e.Op == OpColumn }

// Eval evaluates e with numpy's float semantics: log of a negative number
// is NaN, division by zero ±Inf. get returns a column's value.
func (e *Expr) Eval(get func(col string) float64) float64 {
	switch e.Op {
	case OpColumn:
		return get(e.Column)
	case OpNumber:
		return e.Value
	case OpNeg:
		return -e.Args[0].Eval(get)
	case OpAdd:
		return e.Args[0].Eval(get) + e.Args[1].Eval(get)
	case OpSub:
		return e.Args[0].Eval(get) - e.Args[1].Eval(get)
	case OpMul:
		return e.Args[0].Eval(get) * e.Args[1].Eval(get)
	case OpDiv:
		return e.Args[0].Eval(get) / e.Args[1].Eval(get)
	case OpPow:
		return math.Pow(e.Args[0].Eval(get), e.Args[1].Eval(get))
	case OpCall:
		return funcs[e.Func](e.Args[0].Eval(get))
	}
	panic("formula: unknown Op")
}

// Compile returns a function computing e on row i, given each column as a
// function of the row. It avoids Eval's per-call column lookup.
func (e *Expr) Compile(col func(name string) func(i int) float64) func(i int) float64 {
	switch e.Op {
	case OpColumn:
		return col(e.Column)
	case OpNumber:
		v := e.Value
		return func(int) float64 { return v }
	case OpCall:
		f, a := funcs[e.Func], e.Args[0].Compile(col)
		return func(i int) float64 { return f(a(i)) }
	case OpNeg:
		a := e.Args[0].Compile(col)
		return func(i int) float64 { return -a(i) }
	}
	a, b := e.Args[0].Compile(col), e.Args[1].Compile(col)
	switch e.Op {
	case OpAdd:
		return func(i int) float64 { return a(i) + b(i) }
	case OpSub:
		return func(i int) float64 { return a(i) - b(i) }
	case OpMul:
		return func(i int) float64 { return a(i) * b(i) }
	case OpDiv:
		return func(i int) float64 { return a(i) / b(i) }
	case OpPow:
		return func(i int) float64 { return math.Pow(a(i), b(i)) }
	}
	panic("formula: unknown Op")
}
