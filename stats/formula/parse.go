package formula

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Formula is a parsed model formula: a response, whether the model has an
// intercept, and the terms on the right of ~.
type Formula struct {
	// Source is the formula as given.
	Source string
	// Response is the left-hand side, which is a single factor.
	Response *Factor
	// Intercept reports whether the model has a constant term: true unless
	// the formula says -1, +0 or 0 +.
	Intercept bool
	// Terms are the terms other than the intercept, in the order patsy's
	// ModelDesc lists them: as written, products and powers expanded in
	// place (a*b → a, b, a:b), duplicates and removed terms (- a) left out.
	// A model matrix orders them differently, by the numeric factors they
	// contain and then by degree; see stats.NewDesign.
	Terms []Term
}

// Term is the interaction of one or more factors (a, a:b, C(g):x). A
// factor appears in a term at most once.
type Term struct {
	Factors []*Factor
}

// Name returns the term's name as patsy writes it: its factors' names
// joined with ':'.
func (t Term) Name() string {
	names := make([]string, len(t.Factors))
	for i, f := range t.Factors {
		names[i] = f.Name
	}
	return strings.Join(names, ":")
}

// key identifies a term regardless of the order of its factors, as patsy's
// Term equality does.
func (t Term) key() string {
	names := make([]string, len(t.Factors))
	for i, f := range t.Factors {
		names[i] = f.Name
	}
	sort.Strings(names)
	return strings.Join(names, "\x00")
}

// Factor is one variable of a formula: a column, a transformed column or a
// categorical coding of a column. Two factors with the same Name are the
// same factor, and Parse returns one *Factor for both.
type Factor struct {
	// Name is the factor as patsy names it: its code with patsy's spacing
	// ("x", "C(g)", "Q('floor.area')", "I(x ** 2)", "np.log(x)").
	Name string
	// Expr computes the factor's value; for a C() factor it is the column
	// inside C().
	Expr *Expr
	// Categorical reports an explicit C(...). A bare non-numeric column is
	// categorical too, which only the data can tell.
	Categorical bool
	// Reference is the reference level given with
	// C(x, Treatment(reference=…)) or C(x, Treatment(…)), as written for a
	// number ("2", "-1") or unquoted for a string; HasReference says one
	// was given, ReferenceIsNumber that it was a number, which (as in
	// patsy) names a numeric level or, failing that, a level by index.
	Reference         string
	HasReference      bool
	ReferenceIsNumber bool
	// Pos is the byte offset of the factor in the formula.
	Pos int
}

// Columns returns the dataset columns f uses: the response's, then each
// term's, in order of first use.
func (f *Formula) Columns() []string {
	var cols []string
	seen := map[string]bool{}
	add := func(fa *Factor) {
		for _, c := range fa.Expr.Columns() {
			if !seen[c] {
				seen[c] = true
				cols = append(cols, c)
			}
		}
	}
	add(f.Response)
	for _, t := range f.Terms {
		for _, fa := range t.Factors {
			add(fa)
		}
	}
	return cols
}

// Parse parses a patsy/statsmodels formula such as
// "y ~ x + C(g, Treatment('b')) + np.log(z) + a:b". Errors are *Error,
// which carries the position of the offending token.
func Parse(s string) (*Formula, error) {
	f, err := parse(s)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func parse(s string) (*Formula, *Error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &parser{s: s, toks: toks, factors: map[string]*Factor{}}
	if toks[0].kind == tEOF {
		return nil, p.errAt(0, "the formula is empty; write it as response ~ terms, such as y ~ x")
	}
	if p.peek().text == "~" && p.peek().kind == tOp {
		return nil, p.errAt(p.peek().pos, "a response is needed before ~")
	}
	lhs, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); !p.isOp("~") {
		if t.kind == tEOF {
			return nil, p.errAt(t.pos, "expected ~ between the response and the terms")
		}
		return nil, p.unexpected(t)
	}
	tilde := p.next()
	if p.peek().kind == tEOF {
		return nil, p.errAt(p.peek().pos, "expected a term")
	}
	rhs, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if p.isOp("~") {
			return nil, p.errAt(t.pos, "~ can only be used once")
		}
		return nil, p.unexpected(t)
	}

	left, err := p.eval(lhs)
	if err != nil {
		return nil, err
	}
	if left.intercept || len(left.terms) != 1 || len(left.terms[0].Factors) != 1 {
		return nil, p.errAt(toks[0].pos, "the response must be a single variable, such as y or np.log(y)")
	}
	right, err := p.eval(rhs)
	if err != nil {
		return nil, err
	}
	f := &Formula{
		Source:    s,
		Response:  left.terms[0].Factors[0],
		Intercept: !right.removed,
		Terms:     right.terms,
	}
	if f.Response.Categorical {
		return nil, p.errAt(f.Response.Pos, "the response cannot be C(…); it must be numeric")
	}
	if !f.Intercept && len(f.Terms) == 0 {
		return nil, p.errAt(tilde.pos, "the model has no terms and no intercept")
	}
	return f, nil
}

// node is a formula-level syntax tree node: an operator over args, or an
// atom (0, 1, another number, a factor).
type node struct {
	op     string // "~", "+", "-", "*", "/", ":", "**", "neg", "pos"; "" for an atom
	args   []*node
	pos    int
	atom   atomKind
	text   string // a number's text
	factor *Factor
}

type atomKind int

const (
	aNone atomKind = iota
	aZero
	aOne
	aNumber
	aFactor
)

var precedence = map[string]int{"+": 100, "-": 100, "*": 200, "/": 200, ":": 300, "**": 500}

type parser struct {
	s       string
	toks    []token
	i       int
	factors map[string]*Factor
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) isOp(op string) bool {
	t := p.toks[p.i]
	return t.kind == tOp && t.text == op
}

func (p *parser) errAt(pos int, format string, args ...any) *Error {
	return &Error{Formula: p.s, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) unexpected(t token) *Error {
	switch {
	case t.kind == tEOF:
		return p.errAt(t.pos, "unexpected end of formula")
	case t.kind == tOp && t.text == ")":
		return p.errAt(t.pos, "unmatched )")
	case t.kind == tOp:
		return p.errAt(t.pos, "unexpected %q", t.text)
	}
	return p.errAt(t.pos, "expected an operator before %q", t.text)
}

// expr parses a formula expression whose binary operators bind at least as
// tightly as minPrec. All binary operators are left-associative, as in
// patsy's infix parser.
func (p *parser) expr(minPrec int) (*node, *Error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		prec, ok := precedence[t.text]
		if t.kind != tOp || !ok || prec < minPrec {
			return left, nil
		}
		p.next()
		right, err := p.expr(prec + 1)
		if err != nil {
			return nil, err
		}
		left = &node{op: t.text, args: []*node{left, right}, pos: t.pos}
	}
}

func (p *parser) unary() (*node, *Error) {
	if p.isOp("+") || p.isOp("-") {
		t := p.next()
		arg, err := p.expr(101)
		if err != nil {
			return nil, err
		}
		op := "pos"
		if t.text == "-" {
			op = "neg"
		}
		return &node{op: op, args: []*node{arg}, pos: t.pos}, nil
	}
	return p.atom()
}

func (p *parser) atom() (*node, *Error) {
	t := p.peek()
	switch {
	case t.kind == tOp && t.text == "(":
		p.next()
		inner, err := p.expr(0)
		if err != nil {
			return nil, err
		}
		if !p.isOp(")") {
			u := p.peek()
			if u.kind == tEOF || (u.kind == tOp && u.text == "~") {
				return nil, p.errAt(t.pos, "unclosed (")
			}
			return nil, p.unexpected(u)
		}
		p.next()
		return inner, nil
	case t.kind == tNumber:
		p.next()
		n := &node{pos: t.pos, text: t.text, atom: aNumber}
		switch t.text {
		case "0":
			n.atom = aZero
		case "1":
			n.atom = aOne
		}
		return n, nil
	case t.kind == tName || t.kind == tString:
		f, err := p.factor()
		if err != nil {
			return nil, err
		}
		return &node{pos: t.pos, atom: aFactor, factor: f}, nil
	}
	if t.kind == tOp && t.text == ")" {
		return nil, p.errAt(t.pos, "expected a term before )")
	}
	return nil, p.errAt(t.pos, "expected a term")
}

// factor parses one factor at formula level and names it.
func (p *parser) factor() (*Factor, *Error) {
	start := p.i
	t := p.peek()
	f := &Factor{Pos: t.pos}
	if t.kind == tName && t.text == "C" && p.toks[p.i+1].kind == tOp && p.toks[p.i+1].text == "(" {
		if err := p.categorical(f); err != nil {
			return nil, err
		}
	} else {
		e, err := p.primary()
		if err != nil {
			return nil, err
		}
		if t.kind == tNumber {
			return nil, p.errAt(t.pos, "a number can only be 0 or 1 here")
		}
		if len(e.Columns()) == 0 {
			return nil, p.errAt(t.pos, "%s uses no column", untokenize(p.toks[start:p.i]))
		}
		f.Expr = e
	}
	f.Name = untokenize(p.toks[start:p.i])
	if prev, ok := p.factors[f.Name]; ok {
		return prev, nil
	}
	p.factors[f.Name] = f
	return f, nil
}

// categorical parses C(column[, Treatment(...)]).
func (p *parser) categorical(f *Factor) *Error {
	p.next() // C
	p.next() // (
	f.Categorical = true
	argPos := p.peek().pos
	e, err := p.sum()
	if err != nil {
		return err
	}
	if e.Op != OpColumn {
		return p.errAt(argPos, "C() takes a column, such as C(group) or C(Q('group name'))")
	}
	f.Expr = e
	if p.isOp(",") {
		p.next()
		if !p.isOp(")") {
			if err := p.contrast(f); err != nil {
				return err
			}
			if p.isOp(",") {
				p.next()
			}
		}
	}
	return p.close("C(")
}

// contrast parses Treatment, Treatment(), Treatment(ref) or
// Treatment(reference=ref).
func (p *parser) contrast(f *Factor) *Error {
	t := p.peek()
	if t.kind != tName {
		return p.errAt(t.pos, "expected a coding such as Treatment(reference='b')")
	}
	name := p.dotted()
	switch name {
	case "Treatment":
	case "Sum", "Poly", "Helmert", "Diff", "Deviation", "Sum2":
		return p.errAt(t.pos, "only Treatment coding is supported, not %s", name)
	default:
		if p.isOp("=") {
			return p.errAt(t.pos, "C() has no option %q; write C(x, Treatment(reference='b'))", name)
		}
		return p.errAt(t.pos, "unknown coding %q; write C(x, Treatment(reference='b'))", name)
	}
	if !p.isOp("(") {
		return nil
	}
	p.next()
	if p.isOp(")") {
		p.next()
		return nil
	}
	if k := p.peek(); k.kind == tName {
		if k.text != "reference" || p.toks[p.i+1].text != "=" {
			return p.errAt(k.pos, "Treatment() takes reference=, such as Treatment(reference='b')")
		}
		p.next()
		p.next()
	}
	v := p.peek()
	neg := false
	if v.kind == tOp && v.text == "-" {
		neg = true
		p.next()
		v = p.peek()
	}
	switch {
	case v.kind == tString && !neg:
		f.Reference = unquote(v.text)
	case v.kind == tNumber:
		f.Reference = v.text
		if neg {
			f.Reference = "-" + v.text
		}
		f.ReferenceIsNumber = true
		if _, err := strconv.ParseFloat(strings.ReplaceAll(f.Reference, "_", ""), 64); err != nil {
			return p.errAt(v.pos, "malformed number")
		}
	default:
		return p.errAt(v.pos, "the reference level must be a quoted string or a number")
	}
	f.HasReference = true
	p.next()
	if p.isOp(",") {
		p.next()
	}
	return p.close("Treatment(")
}

// close consumes the ) that ends what opened with what.
func (p *parser) close(what string) *Error {
	if p.isOp(")") {
		p.next()
		return nil
	}
	t := p.peek()
	if t.kind == tEOF {
		return p.errAt(t.pos, "expected ) to close %s", what)
	}
	return p.errAt(t.pos, "expected ) to close %s, found %q", what, t.text)
}

// dotted reads NAME(.NAME)*.
func (p *parser) dotted() string {
	name := p.next().text
	for p.isOp(".") && p.toks[p.i+1].kind == tName {
		p.next()
		name += "." + p.next().text
	}
	return name
}

// sum parses a Python arithmetic expression: a sum of products.
func (p *parser) sum() (*Expr, *Error) {
	left, err := p.product()
	if err != nil {
		return nil, err
	}
	for p.isOp("+") || p.isOp("-") {
		t := p.next()
		right, err := p.product()
		if err != nil {
			return nil, err
		}
		op := OpAdd
		if t.text == "-" {
			op = OpSub
		}
		left = &Expr{Op: op, Args: []*Expr{left, right}, Pos: t.pos}
	}
	return left, nil
}

func (p *parser) product() (*Expr, *Error) {
	left, err := p.signed()
	if err != nil {
		return nil, err
	}
	for p.isOp("*") || p.isOp("/") {
		t := p.next()
		right, err := p.signed()
		if err != nil {
			return nil, err
		}
		op := OpMul
		if t.text == "/" {
			op = OpDiv
		}
		left = &Expr{Op: op, Args: []*Expr{left, right}, Pos: t.pos}
	}
	return left, nil
}

// signed parses Python's unary minus and plus, which bind less tightly
// than ** on their right: -x ** 2 is -(x ** 2).
func (p *parser) signed() (*Expr, *Error) {
	if p.isOp("-") || p.isOp("+") {
		t := p.next()
		arg, err := p.signed()
		if err != nil {
			return nil, err
		}
		if t.text == "+" {
			return arg, nil
		}
		return &Expr{Op: OpNeg, Args: []*Expr{arg}, Pos: t.pos}, nil
	}
	base, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.isOp("**") {
		t := p.next()
		exp, err := p.signed()
		if err != nil {
			return nil, err
		}
		return &Expr{Op: OpPow, Args: []*Expr{base, exp}, Pos: t.pos}, nil
	}
	return base, nil
}

// pythonKeywords cannot be column names without Q().
var pythonKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// primary parses a number, a parenthesized expression, a column, Q('…'),
// I(…) or a function call.
func (p *parser) primary() (*Expr, *Error) {
	t := p.peek()
	switch {
	case t.kind == tNumber:
		p.next()
		v, err := strconv.ParseFloat(strings.ReplaceAll(t.text, "_", ""), 64)
		if err != nil {
			return nil, p.errAt(t.pos, "malformed number")
		}
		return &Expr{Op: OpNumber, Value: v, Pos: t.pos}, nil
	case t.kind == tOp && t.text == "(":
		p.next()
		e, err := p.sum()
		if err != nil {
			return nil, err
		}
		return e, p.close("(")
	case t.kind == tString:
		return nil, p.errAt(t.pos, "a quoted name must be inside Q(), such as Q(%s)", t.text)
	case t.kind != tName:
		if t.kind == tEOF {
			return nil, p.errAt(t.pos, "expected a value")
		}
		if t.kind == tOp && t.text == ")" {
			return nil, p.errAt(t.pos, "expected a value before )")
		}
		return nil, p.errAt(t.pos, "expected a value, found %q", t.text)
	}
	name := p.dotted()
	if !p.isOp("(") {
		if strings.Contains(name, ".") {
			return nil, p.errAt(t.pos, "unknown name %q; quote a column name with dots as Q('%s')", name, name)
		}
		if pythonKeywords[name] {
			return nil, p.errAt(t.pos, "%q is a Python keyword; quote the column as Q('%s')", name, name)
		}
		return &Expr{Op: OpColumn, Column: name, Pos: t.pos}, nil
	}
	open := p.next()
	switch name {
	case "Q":
		s := p.peek()
		if s.kind != tString {
			return nil, p.errAt(s.pos, "Q() takes a quoted column name, such as Q('floor.area')")
		}
		p.next()
		return &Expr{Op: OpColumn, Column: unquote(s.text), Pos: t.pos}, p.close("Q(")
	case "I":
		if p.isOp(")") {
			return nil, p.errAt(p.peek().pos, "I() needs an expression")
		}
		e, err := p.sum()
		if err != nil {
			return nil, err
		}
		return e, p.close("I(")
	case "C":
		return nil, p.errAt(t.pos, "C() cannot be used inside an expression")
	}
	fn := funcName(name)
	if fn == "" {
		return nil, p.errAt(t.pos, "unknown function %q; the functions are I, Q, C, log, log10, log2, log1p, exp, sqrt and abs (also as np.log …)", name)
	}
	if p.isOp(")") {
		return nil, p.errAt(open.pos, "%s() needs an argument", name)
	}
	arg, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.isOp(",") {
		return nil, p.errAt(p.peek().pos, "%s() takes one argument", name)
	}
	return &Expr{Op: OpCall, Func: fn, Args: []*Expr{arg}, Pos: t.pos}, p.close(name + "(")
}

// iexpr is patsy's IntermediateExpr: the value of a formula subexpression.
type iexpr struct {
	intercept bool
	removed   bool
	terms     []Term
	pos       int // where the intercept came from
}

func newIexpr(intercept, removed bool, pos int, terms []Term) *iexpr {
	seen := map[string]bool{}
	var uniq []Term
	for _, t := range terms {
		if k := t.key(); !seen[k] {
			seen[k] = true
			uniq = append(uniq, t)
		}
	}
	return &iexpr{intercept: intercept, removed: removed, pos: pos, terms: uniq}
}

func newTerm(factors []*Factor) Term {
	var fs []*Factor
	for _, f := range factors {
		dup := false
		for _, g := range fs {
			if g == f {
				dup = true
			}
		}
		if !dup {
			fs = append(fs, f)
		}
	}
	return Term{Factors: fs}
}

// maxTerms bounds the expansion of products and powers, so that a formula
// like (a+b+…)**20 is an error rather than a machine-filling expansion.
const maxTerms = 4096

// eval evaluates the tree into terms with patsy's rules (desc.py).
func (p *parser) eval(n *node) (*iexpr, *Error) {
	switch n.op {
	case "":
		switch n.atom {
		case aZero:
			return newIexpr(false, true, 0, nil), nil
		case aOne:
			return newIexpr(true, false, n.pos, nil), nil
		case aNumber:
			return nil, p.errAt(n.pos, "numbers other than 0 and 1 are only allowed after **")
		}
		return newIexpr(false, false, 0, []Term{{Factors: []*Factor{n.factor}}}), nil
	case "pos":
		return p.eval(n.args[0])
	case "neg":
		switch n.args[0].atom {
		case aZero:
			if n.args[0].op == "" {
				return newIexpr(true, false, n.pos, nil), nil
			}
		case aOne:
			if n.args[0].op == "" {
				return newIexpr(false, true, 0, nil), nil
			}
		}
		return nil, p.errAt(n.pos, "unary minus can only be applied to 1 or 0")
	}
	left, err := p.eval(n.args[0])
	if err != nil {
		return nil, err
	}
	rn := n.args[1]
	isAtom := func(k atomKind) bool { return rn.op == "" && rn.atom == k }
	switch n.op {
	case "+":
		if isAtom(aZero) {
			return newIexpr(false, true, 0, left.terms), nil
		}
		right, err := p.eval(rn)
		if err != nil {
			return nil, err
		}
		terms := append(append([]Term{}, left.terms...), right.terms...)
		if right.intercept {
			return newIexpr(true, false, right.pos, terms), nil
		}
		return newIexpr(left.intercept, left.removed, left.pos, terms), nil
	case "-":
		if isAtom(aZero) {
			return newIexpr(true, false, rn.pos, left.terms), nil
		}
		if isAtom(aOne) {
			return newIexpr(false, true, 0, left.terms), nil
		}
		right, err := p.eval(rn)
		if err != nil {
			return nil, err
		}
		drop := map[string]bool{}
		for _, t := range right.terms {
			drop[t.key()] = true
		}
		var terms []Term
		for _, t := range left.terms {
			if !drop[t.key()] {
				terms = append(terms, t)
			}
		}
		if right.intercept {
			return newIexpr(false, true, 0, terms), nil
		}
		return newIexpr(left.intercept, left.removed, left.pos, terms), nil
	case "**":
		if err := p.interactable(left); err != nil {
			return nil, err
		}
		power := -1
		if rn.op == "" && (rn.atom == aOne || rn.atom == aNumber) {
			if v, err := strconv.Atoi(rn.text); err == nil {
				power = v
			}
		}
		if power < 1 {
			return nil, p.errAt(rn.pos, "** needs a positive integer")
		}
		power = min(power, len(left.terms))
		all, big := left.terms, left
		for i := 1; i < power; i++ {
			if big, err = p.interaction(left, big, n.pos); err != nil {
				return nil, err
			}
			all = append(append([]Term{}, all...), big.terms...)
		}
		return newIexpr(false, false, 0, all), nil
	}
	right, err := p.eval(rn)
	if err != nil {
		return nil, err
	}
	switch n.op {
	case ":":
		return p.interaction(left, right, n.pos)
	case "*":
		inter, err := p.interaction(left, right, n.pos)
		if err != nil {
			return nil, err
		}
		terms := append(append(append([]Term{}, left.terms...), right.terms...), inter.terms...)
		return newIexpr(false, false, 0, terms), nil
	case "/":
		if err := p.interactable(left); err != nil {
			return nil, err
		}
		var all []*Factor
		for _, t := range left.terms {
			all = append(all, t.Factors...)
		}
		combined := newIexpr(false, false, 0, []Term{newTerm(all)})
		inter, err := p.interaction(combined, right, n.pos)
		if err != nil {
			return nil, err
		}
		return newIexpr(false, false, 0, append(append([]Term{}, left.terms...), inter.terms...)), nil
	}
	return nil, p.errAt(n.pos, "unexpected %q", n.op)
}

func (p *parser) interactable(e *iexpr) *Error {
	if e.intercept {
		return p.errAt(e.pos, "the intercept cannot interact with anything else")
	}
	return nil
}

func (p *parser) interaction(left, right *iexpr, pos int) (*iexpr, *Error) {
	if err := p.interactable(left); err != nil {
		return nil, err
	}
	if err := p.interactable(right); err != nil {
		return nil, err
	}
	if len(left.terms)*len(right.terms) > maxTerms {
		return nil, p.errAt(pos, "the formula expands to more than %d terms", maxTerms)
	}
	var terms []Term
	for _, l := range left.terms {
		for _, r := range right.terms {
			terms = append(terms, newTerm(append(append([]*Factor{}, l.Factors...), r.Factors...)))
		}
	}
	return newIexpr(false, false, 0, terms), nil
}
