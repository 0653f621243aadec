package stats

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
)

// neumaier adds values with Neumaier's compensation, accurate to a few
// ulps whatever the count.
type neumaier struct{ s, c float64 }

func (k *neumaier) add(v float64) {
	t := k.s + v
	if math.Abs(k.s) >= math.Abs(v) {
		k.c += (k.s - t) + v
	} else {
		k.c += (v - t) + k.s
	}
	k.s = t
}

func (k *neumaier) sum() float64 { return k.s + k.c }

// residualTests returns the Durbin–Watson statistic, the Jarque–Bera test
// (statsmodels.stats.stattools) and the omnibus K² test (scipy's
// normaltest; nil for fewer than 8 residuals, where scipy's skewtest is
// undefined, or when kurtosistest's statistic is).
func residualTests(e []float64) (float64, JarqueBeraTest, *Test) {
	n := len(e)
	// Every statistic here is a ratio of moments: scaling the residuals
	// by a power of two changes no digit of them, and keeps fourth powers
	// finite at 1e100 and above zero at 1e-100.
	if m := maxAbs(e); m > 0 && (m > 1<<20 || m < 1) {
		_, ex := math.Frexp(m)
		scaled := make([]float64, n)
		for i, v := range e {
			scaled[i] = math.Ldexp(v, -ex)
		}
		e = scaled
	}
	var num, den neumaier
	for i, v := range e {
		den.add(v * v)
		if i > 0 {
			d := v - e[i-1]
			num.add(d * d)
		}
	}
	dw := num.sum() / den.sum()

	m := mean(e)
	var s2, s3, s4 neumaier
	for _, v := range e {
		d := v - m
		d2 := d * d
		s2.add(d2)
		s3.add(d2 * d)
		s4.add(d2 * d2)
	}
	nf := float64(n)
	m2, m3, m4 := s2.sum()/nf, s3.sum()/nf, s4.sum()/nf
	skew := m3 / math.Pow(m2, 1.5)
	kurt := m4 / (m2 * m2)
	jb := nf / 6 * (skew*skew + (kurt-3)*(kurt-3)/4)
	jbt := JarqueBeraTest{Statistic: jb, PValue: chi2Survival(jb, 2), Skew: skew, Kurtosis: kurt}
	if n < 8 {
		return dw, jbt, nil
	}
	zs := skewZ(skew, nf)
	zk := kurtosisZ(kurt, nf)
	if math.IsNaN(zs) || math.IsNaN(zk) {
		return dw, jbt, nil
	}
	k2 := zs*zs + zk*zk
	return dw, jbt, &Test{Statistic: k2, PValue: chi2Survival(k2, 2)}
}

// skewZ is scipy's skewtest statistic for sample skewness b2 of n values
// (D'Agostino 1970).
func skewZ(b2, n float64) float64 {
	y := b2 * math.Sqrt((n+1)*(n+3)/(6*(n-2)))
	beta2 := 3 * (n*n + 27*n - 70) * (n + 1) * (n + 3) / ((n - 2) * (n + 5) * (n + 7) * (n + 9))
	w2 := -1 + math.Sqrt(2*(beta2-1))
	delta := 1 / math.Sqrt(0.5*math.Log(w2))
	alpha := math.Sqrt(2 / (w2 - 1))
	if y == 0 {
		y = 1 // as scipy
	}
	return delta * math.Log(y/alpha+math.Sqrt((y/alpha)*(y/alpha)+1))
}

// kurtosisZ is scipy's kurtosistest statistic for sample kurtosis b2 (not
// in excess) of n values (Anscombe and Glynn 1983); NaN where undefined.
func kurtosisZ(b2, n float64) float64 {
	e := 3 * (n - 1) / (n + 1)
	varb2 := 24 * n * (n - 2) * (n - 3) / ((n + 1) * (n + 1) * (n + 3) * (n + 5))
	x := (b2 - e) / math.Sqrt(varb2)
	sqrtbeta1 := 6 * (n*n - 5*n + 2) / ((n + 7) * (n + 9)) * math.Sqrt(6*(n+3)*(n+5)/(n*(n-2)*(n-3)))
	a := 6 + 8/sqrtbeta1*(2/sqrtbeta1+math.Sqrt(1+4/(sqrtbeta1*sqrtbeta1)))
	term1 := 1 - 2/(9*a)
	denom := 1 + x*math.Sqrt(2/(a-4))
	if denom == 0 {
		return math.NaN()
	}
	term2 := math.Copysign(math.Pow((1-2/a)/math.Abs(denom), 1.0/3), denom)
	return (term1 - term2) / math.Sqrt(2/(9*a))
}

// designTerms returns d's terms in model-matrix order, one per column when
// d names none.
func designTerms(d *Design) []DesignTerm {
	if len(d.Terms) == 0 {
		t := make([]DesignTerm, len(d.Columns))
		for j, c := range d.Columns {
			t[j] = DesignTerm{Name: c, Start: j, End: j + 1}
		}
		if d.Intercept {
			t[0].Name = "Intercept"
		}
		return t
	}
	t := slices.Clone(d.Terms)
	sort.SliceStable(t, func(a, b int) bool { return t[a].Start < t[b].Start })
	return t
}

// termFactors splits a term name such as "C(g):x" into its factors at the
// colons outside parentheses, brackets and quotes.
func termFactors(name string) []string {
	var out []string
	depth, start := 0, 0
	var quote rune
	for i, c := range name {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == ':' && depth == 0:
			out = append(out, strings.TrimSpace(name[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(name[start:]))
}

// contains reports whether term a contains term b in patsy's sense: a's
// factors are a proper superset of b's.
func contains(a, b []string) bool {
	if len(a) <= len(b) {
		return false
	}
	for _, f := range b {
		if !slices.Contains(a, f) {
			return false
		}
	}
	return true
}

// anovaType2 is statsmodels' anova_lm(fit, typ=2) of the classic
// (nonrobust) fit. For each term T with the terms C that contain it and K
// the other columns, the sum of squares is SSR(K) − SSR(K ∪ T): R's
// columns ordered K, T, C are triangularized again with Qᵀy, and the sum of
// squares of the new Qᵀy over T's rows is the difference, without
// subtracting two residual sums and without another pass over the rows.
func anovaType2(ctx context.Context, d *Design, f *olsFit, dfResid int) ([]ANOVATerm, error) {
	p, w := f.p, f.w
	terms := designTerms(d)
	factors := make([][]string, len(terms))
	for i, t := range terms {
		factors[i] = termFactors(t.Name)
	}
	scale := f.ssr / float64(dfResid)
	var out []ANOVATerm
	a := make([]float64, p*(p+1))
	for i, t := range terms {
		if t.Name == "Intercept" || t.End <= t.Start {
			continue
		}
		var mid, top []int // T's columns, the containing terms' columns
		for j := t.Start; j < t.End; j++ {
			mid = append(mid, j)
		}
		for o, u := range terms {
			if o != i && contains(factors[o], factors[i]) {
				for j := u.Start; j < u.End; j++ {
					top = append(top, j)
				}
			}
		}
		df := len(mid)
		var order []int
		for j := range p {
			if !slices.Contains(mid, j) && !slices.Contains(top, j) {
				order = append(order, j)
			}
		}
		k := len(order)
		order = append(append(order, mid...), top...)
		for r := range p {
			for c, j := range order {
				a[r*(p+1)+c] = f.r[r*w+j]
			}
			a[r*(p+1)+p] = f.r[r*w+p]
		}
		if err := householderQR(ctx, a, p, p+1, p); err != nil {
			return nil, err
		}
		var ss float64
		for r := k; r < k+df; r++ {
			ss += a[r*(p+1)+p] * a[r*(p+1)+p]
		}
		fv := ss / float64(df) / scale
		pv := fSurvival(fv, float64(df), float64(dfResid))
		out = append(out, ANOVATerm{Term: t.Name, SumSq: ss, DF: df, F: &fv, PValue: &pv})
	}
	return append(out, ANOVATerm{Term: "Residual", SumSq: f.ssr, DF: dfResid}), nil
}

// vifs returns statsmodels' variance_inflation_factor of each column but
// the intercept (the first): 1/(1 − R²_j) = [(XᵀX)⁻¹]_jj · Σ(x_ij − x̄_j)²,
// with [(XᵀX)⁻¹]_jj the squared norm of row j of R⁻¹ and the centered sum
// of squares of column j the squared norm of R's column j below row 0 (row
// 0 is its projection on the constant).
func vifs(d *Design, f *olsFit) []VIFTerm {
	p, w := f.p, f.w
	out := make([]VIFTerm, 0, p-1)
	for j := 1; j < p; j++ {
		var css, inv float64
		for i := 1; i <= j; i++ {
			css += f.r[i*w+j] * f.r[i*w+j]
		}
		for k := j; k < p; k++ {
			inv += f.rinv[j*p+k] * f.rinv[j*p+k]
		}
		out = append(out, VIFTerm{Term: d.Columns[j], VIF: css * inv})
	}
	return out
}

// maxAbs returns the largest magnitude in v.
func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}
