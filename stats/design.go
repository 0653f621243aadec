package stats

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats/formula"
)

// Design is the model matrix of a formula on a dataset, after listwise
// deletion of rows with a missing value in any column the formula uses.
// Rows are produced on demand by Row, so that a million-row model never
// needs its whole matrix in memory.
type Design struct {
	// Formula is the formula as given.
	Formula string
	// Response is the left-hand side as patsy names it ("y", "np.log(y)").
	Response string
	// Columns are the model matrix's column names as patsy writes them
	// ("Intercept", "x", "C(g)[T.b]", "a:b"), in patsy's order.
	Columns []string
	// Terms are the formula's terms in order, each with its span of
	// Columns; the intercept, when present, is a term named "Intercept".
	Terms []DesignTerm
	// Intercept reports whether the model has a constant column (first).
	Intercept bool
	// Y holds the response for the N rows used.
	Y []float64
	// N is the number of rows used; RowsDropped the rows left out for
	// missing values.
	N, RowsDropped int

	row func(i int, dst []float64)
}

// DesignTerm is one term of a formula and its columns [Start, End) in the
// model matrix.
type DesignTerm struct {
	Name       string
	Start, End int
}

// Row fills dst, of length len(d.Columns), with row i (0 ≤ i < N) of the
// model matrix.
func (d *Design) Row(i int, dst []float64) {
	d.row(i, dst)
}

// DenseDesign returns a Design over explicit columns: cols[j] is model
// matrix column names[j] over all rows, y the response. terms gives the
// spans of the columns; intercept says the first column is the constant.
// It is for models built outside formulas, and for tests.
func DenseDesign(response string, names []string, terms []DesignTerm, intercept bool, cols [][]float64, y []float64) *Design {
	if len(cols) != len(names) {
		panic("stats: DenseDesign: one column per name")
	}
	for _, c := range cols {
		if len(c) != len(y) {
			panic("stats: DenseDesign: columns and response differ in length")
		}
	}
	return &Design{
		Response:  response,
		Columns:   names,
		Terms:     terms,
		Intercept: intercept,
		Y:         y,
		N:         len(y),
		row: func(i int, dst []float64) {
			for j, c := range cols {
				dst[j] = c[i]
			}
		},
	}
}

// NewDesign builds the model matrix of formula on ds the way patsy does
// for statsmodels.formula.api.ols: the same columns, named and ordered as
// patsy names and orders them.
//
// A numeric column is a numeric factor; a categorical, boolean or text
// column used bare (g) or any column inside C() is categorical, with
// Treatment (dummy) coding whose reference is the first level unless
// C(g, Treatment(reference=…)) names another. Levels are sorted (numeric
// codes numerically) and named as pandas prints them: g[T.b],
// flag[T.True], C(k)[T.2] for a column of whole numbers, C(dose)[T.2.5]
// otherwise. Which categorical factors of a term get full-rank coding
// follows patsy's rule (redundancy.py), so C(g) - 1 gives C(g)[a], C(g)[b],
// …, and C(g):x without C(g) gives a slope per level.
//
// Rows with a missing value in any column the formula uses (response
// included) are dropped and counted in RowsDropped; levels left without
// rows are dropped too (patsy would keep them as all-zero columns). A
// transform that gives NaN or an infinity on a kept row (np.log of a
// negative number) is an error naming the factor and the row, never a
// silent drop. All errors are *inferra.Error with code invalid_input.
//
// A design larger than DefaultMaxDesignCells is refused with ETooLarge
// (see Options.MaxDesignCells); NewDesignContext takes another limit.
func NewDesign(ds *inferra.Dataset, formulaText string) (*Design, error) {
	return NewDesignContext(context.Background(), ds, formulaText, Options{})
}

// NewDesignContext is NewDesign under ctx, whose end stops the work with
// an error that wraps ctx.Err() (and reads as ECanceled or ETimeout), and
// with the size limit of opt.
func NewDesignContext(ctx context.Context, ds *inferra.Dataset, formulaText string, opt Options) (*Design, error) {
	f, err := formula.Parse(formulaText)
	if err != nil {
		return nil, err
	}
	b := &designBuilder{ctx: ctx, maxCells: opt.maxDesignCells(), ds: ds, f: f, cols: map[string]*inferra.Column{}}
	return b.build()
}

// FormulaColumns returns the dataset columns that formula uses, response
// first, so that a loader can load only those.
func FormulaColumns(formulaText string) ([]string, error) {
	f, err := formula.Parse(formulaText)
	if err != nil {
		return nil, err
	}
	return f.Columns(), nil
}

// factorData is one factor evaluated on the dataset. A numeric factor is
// read from src by dataset row (a bare column) or from vals by design row
// (a transform, computed once). A categorical factor is read from codes by
// dataset row, remapped to the index of its level among the levels in use.
type factorData struct {
	f       *formula.Factor
	numeric bool
	src     []float64
	vals    []float64
	codes   []int32
	remap   []int32
	levels  []string
	ref     int
}

// catPlan is a categorical factor's part in a subterm: the column offset
// of level l is l·stride, and reduced-rank (Treatment) coding skips ref.
type catPlan struct {
	factor int
	stride int
	full   bool
}

// subtermPlan is one of patsy's subterms: columns [start, start+width) of
// the model matrix. At most one of them is non-zero in any row: the one
// picked by the row's levels, holding the product of the numeric factors.
type subtermPlan struct {
	start, width int
	cats         []catPlan
	nums         []int
}

type rowPlan struct {
	rows     []int32
	factors  []factorData
	subterms []subtermPlan
}

func (p *rowPlan) row(i int, dst []float64) {
	r := p.rows[i]
	for k := range p.subterms {
		st := &p.subterms[k]
		off, zero := 0, false
		for _, c := range st.cats {
			fd := &p.factors[c.factor]
			l := int(fd.remap[fd.codes[r]])
			if !c.full {
				if l == fd.ref {
					zero = true
					break
				}
				if l > fd.ref {
					l--
				}
			}
			off += l * c.stride
		}
		v := 1.0
		for _, n := range st.nums {
			fd := &p.factors[n]
			if fd.vals != nil {
				v *= fd.vals[i]
			} else {
				v *= fd.src[r]
			}
		}
		if st.width == 1 {
			if zero {
				v = 0
			}
			dst[st.start] = v
			continue
		}
		seg := dst[st.start : st.start+st.width]
		clear(seg)
		if !zero {
			seg[off] = v
		}
	}
}

type designBuilder struct {
	ctx      context.Context
	maxCells int
	ds       *inferra.Dataset
	f        *formula.Formula
	cols     map[string]*inferra.Column
	factors  []factorData
	index    map[*formula.Factor]int
	rows     []int32
}

func (b *designBuilder) errorf(format string, args ...any) *inferra.Error {
	return inferra.Errorf(inferra.EInvalid, "formula %q: "+format, append([]any{b.f.Source}, args...)...).
		WithDetail("formula", b.f.Source)
}

// errorAt is errorf for a problem at byte offset pos of the formula: the
// message ends with the character position, also in the details.
func (b *designBuilder) errorAt(pos int, format string, args ...any) *inferra.Error {
	at := formula.Position(b.f.Source, pos)
	return b.errorf(format+" (at position %d)", append(args, at)...).WithDetail("position", at)
}

func (b *designBuilder) build() (*Design, error) {
	f := b.f
	for _, name := range f.Columns() {
		c, err := b.ds.Column(name)
		if err != nil {
			e := b.errorAt(f.ColumnPos(name), "%s", inferra.ErrorMessage(err))
			for k, v := range inferra.AsError(err).Details {
				e.WithDetail(k, v)
			}
			return nil, e
		}
		b.cols[name] = c
	}

	// Which factors are categorical is up to the data.
	b.index = map[*formula.Factor]int{}
	add := func(fa *formula.Factor) error {
		if _, ok := b.index[fa]; ok {
			return nil
		}
		fd := factorData{f: fa, numeric: !fa.Categorical}
		if fd.numeric {
			if fa.Expr.IsColumn() {
				fd.numeric = b.cols[fa.Expr.Column].Kind == inferra.Numeric
			} else {
				for _, name := range fa.Expr.Columns() {
					if c := b.cols[name]; c.Kind != inferra.Numeric {
						return b.errorAt(fa.Pos, "%s needs numbers, but column %q is %s; use it bare or as C(%s) for dummy coding", fa.Name, name, c.Kind, fa.Expr.Columns()[0])
					}
				}
			}
		}
		b.index[fa] = len(b.factors)
		b.factors = append(b.factors, fd)
		return nil
	}
	if err := add(f.Response); err != nil {
		return nil, err
	}
	if !b.factors[0].numeric {
		return nil, b.errorAt(f.Response.Pos, "ols needs a numeric response, but %s is %s", f.Response.Name, b.cols[f.Response.Expr.Column].Kind).
			WithDetail("column", f.Response.Expr.Column)
	}
	for _, t := range f.Terms {
		for _, fa := range t.Factors {
			if err := add(fa); err != nil {
				return nil, err
			}
		}
	}

	// Listwise deletion over every column used.
	n := b.ds.Rows()
	b.rows = make([]int32, 0, n)
	used := make([]*inferra.Column, 0, len(b.cols))
	for _, name := range f.Columns() {
		used = append(used, b.cols[name])
	}
	for r := 0; r < n; r++ {
		if r%(1<<16) == 0 {
			if err := stopped(b.ctx); err != nil {
				return nil, err
			}
		}
		keep := true
		for _, c := range used {
			if c.IsMissing(r) {
				keep = false
				break
			}
		}
		if keep {
			b.rows = append(b.rows, int32(r))
		}
	}
	if len(b.rows) == 0 {
		return nil, b.errorf("no rows are left after dropping those with a missing value in %s", strings.Join(f.Columns(), ", "))
	}

	for i := range b.factors {
		if err := stopped(b.ctx); err != nil {
			return nil, err
		}
		var err error
		if b.factors[i].numeric {
			err = b.evalNumeric(&b.factors[i])
		} else {
			err = b.levels(&b.factors[i])
		}
		if err != nil {
			return nil, err
		}
	}

	d := &Design{
		Formula:     f.Source,
		Response:    f.Response.Name,
		Intercept:   f.Intercept,
		N:           len(b.rows),
		RowsDropped: n - len(b.rows),
	}
	if y := b.factors[0]; y.vals != nil {
		d.Y = y.vals
	} else {
		d.Y = make([]float64, len(b.rows))
		for i, r := range b.rows {
			d.Y[i] = y.src[r]
		}
	}
	plan := &rowPlan{rows: b.rows, factors: b.factors}
	if err := b.layout(d, plan); err != nil {
		return nil, err
	}
	d.row = plan.row
	return d, nil
}

// evalNumeric reads a bare numeric column in place, or computes a
// transform on the kept rows, refusing NaN and infinities.
func (b *designBuilder) evalNumeric(fd *factorData) error {
	e := fd.f.Expr
	if e.IsColumn() {
		fd.src = b.cols[e.Column].Floats
		return nil
	}
	var r int32
	fn := e.Compile(func(name string) func(int) float64 {
		src := b.cols[name].Floats
		return func(int) float64 { return src[r] }
	})
	fd.vals = make([]float64, len(b.rows))
	for i, row := range b.rows {
		r = row
		v := fn(i)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			var inputs []string
			for _, name := range e.Columns() {
				inputs = append(inputs, name+" = "+strconv.FormatFloat(b.cols[name].Floats[row], 'g', -1, 64))
			}
			what := "NaN"
			if math.IsInf(v, 0) {
				what = "infinite"
			}
			return b.errorAt(fd.f.Pos, "%s is %s at data row %d (%s); transform only values it is defined for, or leave the row out of the data", fd.f.Name, what, row+1, strings.Join(inputs, ", ")).
				WithDetail("factor", fd.f.Name).WithDetail("row", int(row)+1)
		}
		fd.vals[i] = v
	}
	return nil
}

// levels codes a categorical factor: its levels in sorted order, named as
// patsy and pandas print them, keeping only those present in the kept
// rows, and its Treatment reference.
func (b *designBuilder) levels(fd *factorData) error {
	c := b.cols[fd.f.Expr.Column]
	codes, names := c.Groups()
	var values []float64 // numeric value of each level, when it has one
	switch c.Kind {
	case inferra.Numeric:
		// pandas reads a column as int64 when every value is written as
		// an integer literal and none is missing (NaN makes it float64).
		whole := c.IntegerText
		for _, v := range c.Floats {
			if !whole {
				break
			}
			whole = !math.IsNaN(v) && v == math.Trunc(v)
		}
		values = make([]float64, len(names))
		renamed := make([]string, len(names))
		for i, s := range names {
			values[i], _ = strconv.ParseFloat(s, 64)
			renamed[i] = pandasNumber(values[i], whole)
		}
		names = renamed
	case inferra.Boolean:
		values = make([]float64, len(names))
		renamed := make([]string, len(names))
		for i, s := range names {
			if s == "true" {
				values[i], renamed[i] = 1, "True"
			} else {
				values[i], renamed[i] = 0, "False"
			}
		}
		names = renamed
	}
	present := make([]bool, len(names))
	for _, r := range b.rows {
		present[codes[r]] = true
	}
	fd.codes = codes
	fd.remap = make([]int32, len(names))
	var vals []float64
	for i, ok := range present {
		fd.remap[i] = -1
		if ok {
			fd.remap[i] = int32(len(fd.levels))
			fd.levels = append(fd.levels, names[i])
			if values != nil {
				vals = append(vals, values[i])
			}
		}
	}
	if !fd.f.HasReference {
		return nil
	}
	ref := referenceIndex(fd.f, fd.levels, vals)
	if ref < 0 {
		return b.errorAt(fd.f.Pos, "the reference level %s of %s is not among its levels in the rows used (%s)", refText(fd.f), fd.f.Name, strings.Join(fd.levels, ", ")).
			WithDetail("levels", fd.levels)
	}
	fd.ref = ref
	return nil
}

func refText(f *formula.Factor) string {
	if f.ReferenceIsNumber {
		return f.Reference
	}
	return strconv.Quote(f.Reference)
}

// referenceIndex finds a Treatment reference among levels the way patsy's
// _get_level does: a level equal to it, else, for an integer, a level by
// index (negative from the end). values holds the levels' numeric values,
// nil for string levels. It returns -1 when there is none.
func referenceIndex(f *formula.Factor, levels []string, values []float64) int {
	if !f.ReferenceIsNumber {
		return slices.Index(levels, f.Reference)
	}
	ref, err := strconv.ParseFloat(strings.ReplaceAll(f.Reference, "_", ""), 64)
	if err != nil {
		return -1
	}
	if i := slices.Index(values, ref); i >= 0 {
		return i
	}
	if strings.ContainsAny(f.Reference, ".eE") {
		return -1
	}
	i := int(ref)
	if i < 0 {
		i += len(levels)
	}
	if i < 0 || i >= len(levels) {
		return -1
	}
	return i
}

// pandasNumber prints a numeric level as pandas does: an int64 column
// (integer literals, no missing values) as "2", a float64 column as
// Python's repr ("2.0", "2.5", "1e-05", "1e+16").
func pandasNumber(v float64, whole bool) string {
	if whole {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	s := strconv.FormatFloat(v, 'e', -1, 64)
	exp, _ := strconv.Atoi(s[strings.IndexByte(s, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return s
	}
	s = strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// designTerm is a term of the model matrix: its factors (indices into
// factors), numeric or not.
type designTerm struct {
	name    string
	factors []int
}

// efactor is one of patsy's _ExpandedFactor: a categorical factor coded
// with (full) or without (reduced) the intercept's column.
type efactor struct {
	factor int
	full   bool
}

// layout orders the terms and picks each categorical factor's coding in
// each term with patsy's algorithm (build.py _make_subterm_infos and
// redundancy.py pick_contrasts_for_term), then names the columns.
func (b *designBuilder) layout(d *Design, plan *rowPlan) error {
	var terms []designTerm
	if b.f.Intercept {
		terms = append(terms, designTerm{name: "Intercept"})
	}
	for _, t := range b.f.Terms {
		dt := designTerm{name: t.Name()}
		for _, fa := range t.Factors {
			dt.factors = append(dt.factors, b.index[fa])
		}
		terms = append(terms, dt)
	}
	// Bucket the terms by the set of numeric factors they contain, buckets
	// in order of first appearance except that the bucket without numeric
	// factors comes first; within a bucket, by degree (stably).
	bucketOf := func(t designTerm) string {
		var names []string
		for _, i := range t.factors {
			if b.factors[i].numeric {
				names = append(names, b.factors[i].f.Name)
			}
		}
		slices.Sort(names)
		return strings.Join(names, "\x00")
	}
	var order []string
	buckets := map[string][]designTerm{}
	for _, t := range terms {
		k := bucketOf(t)
		if _, ok := buckets[k]; !ok {
			order = append(order, k)
		}
		buckets[k] = append(buckets[k], t)
	}
	if i := slices.Index(order, ""); i > 0 {
		order = append([]string{""}, slices.Delete(order, i, i+1)...)
	}
	for _, k := range order {
		bt := buckets[k]
		slices.SortStableFunc(bt, func(x, y designTerm) int { return len(x.factors) - len(y.factors) })
		used := map[string]bool{}
		for _, t := range bt {
			start := len(d.Columns)
			for _, coding := range b.pickContrasts(t, used) {
				if err := b.addSubterm(d, plan, t, coding); err != nil {
					return err
				}
			}
			if len(d.Columns) == start {
				return b.errorf("term %s has no columns: a categorical factor in it has a single level in the rows used", t.name)
			}
			d.Terms = append(d.Terms, DesignTerm{Name: t.name, Start: start, End: len(d.Columns)})
		}
	}
	return nil
}

func subtermKey(s []efactor) string {
	parts := make([]string, len(s))
	for i, e := range s {
		parts[i] = strconv.Itoa(e.factor)
		if e.full {
			parts[i] += "+"
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// pickContrasts returns the subterms of a term as codings: for each
// categorical factor included, whether it is coded full-rank.
func (b *designBuilder) pickContrasts(t designTerm, used map[string]bool) []map[int]bool {
	var cats []int
	for _, i := range t.factors {
		if !b.factors[i].numeric {
			cats = append(cats, i)
		}
	}
	// Every subset of the categorical factors, shortest first, then in
	// lexicographic order of their positions in the term.
	var subsets [][]int
	for mask := 0; mask < 1<<len(cats); mask++ {
		var s []int
		for j := range cats {
			if mask&(1<<j) != 0 {
				s = append(s, j)
			}
		}
		subsets = append(subsets, s)
	}
	slices.SortStableFunc(subsets, func(x, y []int) int {
		if len(x) != len(y) {
			return len(x) - len(y)
		}
		return slices.Compare(x, y)
	})
	var subterms [][]efactor
	for _, s := range subsets {
		st := make([]efactor, len(s))
		for i, j := range s {
			st[i] = efactor{factor: cats[j]}
		}
		if k := subtermKey(st); !used[k] {
			subterms = append(subterms, st)
		}
	}
	for _, st := range subterms {
		used[subtermKey(st)] = true
	}
	// Simplify greedily from the left: a-:b- absorbs a- into a-:b+.
	for simplified := true; simplified; {
		simplified = false
	search:
		for si, short := range subterms {
			for li := si + 1; li < len(subterms); li++ {
				long := subterms[li]
				if len(long)-len(short) != 1 || !containsAll(long, short) {
					continue
				}
				var diff efactor
				for _, e := range long {
					if !slices.Contains(short, e) {
						diff = e
					}
				}
				merged := append(slices.Clone(short), efactor{factor: diff.factor, full: true})
				subterms[li] = merged
				subterms = slices.Delete(subterms, si, si+1)
				simplified = true
				break search
			}
		}
	}
	codings := make([]map[int]bool, len(subterms))
	for i, st := range subterms {
		codings[i] = map[int]bool{}
		for _, e := range st {
			codings[i][e.factor] = e.full
		}
	}
	return codings
}

func containsAll(set, sub []efactor) bool {
	for _, e := range sub {
		if !slices.Contains(set, e) {
			return false
		}
	}
	return true
}

// addSubterm appends a subterm's columns, named as patsy names them: the
// first factor varies fastest. A subterm that would take the design past
// the size limit is refused before its columns are named.
func (b *designBuilder) addSubterm(d *Design, plan *rowPlan, t designTerm, coding map[int]bool) error {
	st := subtermPlan{start: len(d.Columns), width: 1}
	type part struct {
		name   string
		labels []string // nil for a numeric factor
	}
	var parts []part
	for _, i := range t.factors {
		fd := &b.factors[i]
		if fd.numeric {
			st.nums = append(st.nums, i)
			parts = append(parts, part{name: fd.f.Name})
			continue
		}
		full, ok := coding[i]
		if !ok {
			continue
		}
		var labels []string
		for l, level := range fd.levels {
			switch {
			case full:
				labels = append(labels, "["+level+"]")
			case l != fd.ref:
				labels = append(labels, "[T."+level+"]")
			}
		}
		st.cats = append(st.cats, catPlan{factor: i, stride: st.width, full: full})
		st.width = min(st.width*len(labels), b.maxCells+1) // saturates: no overflow
		parts = append(parts, part{name: fd.f.Name, labels: labels})
	}
	if st.width == 0 {
		return nil
	}
	if p := len(d.Columns) + st.width; designCells(d.N, p) > b.maxCells {
		return inferra.Errorf(inferra.ETooLarge,
			"the model matrix of formula %q is too large: with %d rows and at least %d columns (%d from the term %s) it exceeds the limit of %d cells, counted as (rows + 8 × columns) × columns; use a factor with fewer levels, fewer interactions or fewer rows",
			b.f.Source, d.N, p, st.width, t.name, b.maxCells).
			WithDetail("formula", b.f.Source).WithDetail("rows", d.N).WithDetail("columns", p).
			WithDetail("term", t.name).WithDetail("max_cells", b.maxCells)
	}
	for c := 0; c < st.width; c++ {
		if len(parts) == 0 {
			d.Columns = append(d.Columns, "Intercept")
			continue
		}
		names := make([]string, len(parts))
		rest := c
		for j, p := range parts {
			names[j] = p.name
			if p.labels != nil {
				names[j] += p.labels[rest%len(p.labels)]
				rest /= len(p.labels)
			}
		}
		d.Columns = append(d.Columns, strings.Join(names, ":"))
	}
	plan.subterms = append(plan.subterms, st)
	return nil
}
