package stats

import (
	"math"

	"github.com/inferra/inferra"
)

// ShapiroWilk performs the Shapiro–Wilk test of normality by Royston's
// algorithm AS R94 (1995), as scipy.stats.shapiro: W is the squared
// correlation between the ordered sample and approximate normal scores,
// and the p-value comes from Royston's normalizing transformations (exact
// for n = 3).
//
// scipy runs the Fortran routine in single precision, and its rounding
// moves the p-value by up to 1% at n = 5000 (W by about 1e-6), more than
// the difference between two correct implementations should be.
// ShapiroWilk therefore repeats the routine's single-precision arithmetic
// operation by operation, and agrees with scipy to the last bit or two of
// a float32 rather than to whatever double precision would give.
//
// It needs at least three observations, no NaN, and a sample that is not
// constant. For n > 5000 the p-value is computed as scipy does, but
// Royston validated his approximation only up to 5000.
func ShapiroWilk(x []float64) (*Test, error) {
	n := len(x)
	if n < 3 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the Shapiro–Wilk test needs at least 3 observations, got %d", n)
	}
	if hasNaN(x) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the sample contains NaN; drop missing values before the Shapiro–Wilk test")
	}
	// As scipy: centre on the median in double precision, sort, and hand
	// the routine single-precision values.
	order := argsort(x)
	var med float64
	if n%2 == 1 {
		med = x[order[n/2]]
	} else {
		med = (x[order[n/2-1]] + x[order[n/2]]) / 2
	}
	y := make([]float32, n)
	for i, o := range order {
		y[i] = float32(x[o] - med)
	}
	w, p, ok := swilk(y)
	if !ok {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the Shapiro–Wilk test is undefined for a constant sample (all %d values are %g)", n, x[0])
	}
	return &Test{Statistic: float64(w), PValue: clampP(float64(p))}, nil
}

// swilk is the complete-sample path of AS R94's SWILK (N1 = N, INIT
// false) for sorted y, in the Fortran's REAL arithmetic: every constant is
// a float32 and every product that feeds a sum is converted explicitly, so
// that no compiler fuses it into a multiply-add the Fortran does not do.
// ok is false when y has zero range.
func swilk(y []float32) (w, pw float32, ok bool) {
	const (
		sqrth float32 = 0.70711
		small float32 = 1e-19
		pi6   float32 = 0.1909859e1
		stqr  float32 = 0.1047198e1
		th    float32 = 0.375
		qtr   float32 = 0.25
	)
	c1 := []float32{0.0, 0.221157, -0.147981, -0.207119e1, 0.4434685e1, -0.2706056e1}
	c2 := []float32{0.0, 0.42981e-1, -0.293762, -0.1752461e1, 0.5682633e1, -0.3582633e1}
	c3 := []float32{0.5440, -0.39978, 0.25054e-1, -0.6714e-3}
	c4 := []float32{0.13822e1, -0.77857, 0.62767e-1, -0.20322e-2}
	c5 := []float32{-0.15861e1, -0.31082, -0.83751e-1, 0.38915e-2}
	c6 := []float32{-0.4803, -0.82676e-1, 0.30302e-2}
	g := []float32{-0.2273e1, 0.459}

	n := len(y)
	an := float32(n)
	nn2 := n / 2
	a := make([]float32, nn2+1) // 1-based, as in the Fortran
	if n == 3 {
		a[1] = sqrth
	} else {
		an25 := an + qtr
		var summ2 float32
		for i := 1; i <= nn2; i++ {
			a[i] = ppnd((float32(i) - th) / an25)
			summ2 += float32(a[i] * a[i])
		}
		summ2 *= 2
		ssumm2 := sqrt32(summ2)
		rsn := 1 / sqrt32(an)
		a1 := poly(c1, rsn) - a[1]/ssumm2
		var i1 int
		var fac float32
		if n > 5 {
			i1 = 3
			a2 := -a[2]/ssumm2 + poly(c2, rsn)
			num := summ2 - float32(2*float32(a[1]*a[1])) - float32(2*float32(a[2]*a[2]))
			den := 1 - float32(2*float32(a1*a1)) - float32(2*float32(a2*a2))
			fac = sqrt32(num / den)
			a[1], a[2] = a1, a2
		} else {
			i1 = 2
			num := summ2 - float32(2*float32(a[1]*a[1]))
			den := 1 - float32(2*float32(a1*a1))
			fac = sqrt32(num / den)
			a[1] = a1
		}
		for i := i1; i <= nn2; i++ {
			a[i] = -a[i] / fac
		}
	}

	rng := y[n-1] - y[0]
	if rng < small {
		return 1, 1, false
	}
	// The coefficient of the i-th order statistic (1-based) is
	// sign(i − j)·a(min(i, j)) with j = n + 1 − i, and zero at the centre.
	coef := func(i int) float32 {
		switch j := n + 1 - i; {
		case i < j:
			return -a[i]
		case i > j:
			return a[j]
		}
		return 0
	}
	sx := y[0] / rng
	sa := -a[1]
	for i := 2; i <= n; i++ {
		sx += y[i-1] / rng
		if i != n+1-i {
			sa += coef(i)
		}
	}
	sa /= an
	sx /= an
	var ssa, ssx, sax float32
	for i := 1; i <= n; i++ {
		asa := coef(i) - sa
		xsx := y[i-1]/rng - sx
		ssa += float32(asa * asa)
		ssx += float32(xsx * xsx)
		sax += float32(asa * xsx)
	}
	// w1 = 1 − W, computed so as to keep its digits when W is near 1.
	ssassx := sqrt32(float32(ssa * ssx))
	w1 := float32((ssassx-sax)*(ssassx+sax)) / float32(ssa*ssx)
	w = 1 - w1

	if n == 3 {
		return w, pi6 * (float32(math.Asin(float64(sqrt32(w)))) - stqr), true
	}
	yy := log32(w1)
	xx := log32(an)
	var m, s float32
	if n <= 11 {
		gamma := poly(g, an)
		if yy >= gamma {
			return w, small, true
		}
		yy = -log32(gamma - yy)
		m = poly(c3, an)
		s = float32(math.Exp(float64(poly(c4, an))))
	} else {
		m = poly(c5, xx)
		s = float32(math.Exp(float64(poly(c6, xx))))
	}
	return w, float32(alnormUpper(float64((yy - m) / s))), true
}

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
func log32(x float32) float32  { return float32(math.Log(float64(x))) }

// poly evaluates c[0] + c[1]·x + … as AS 181.2 does, in single precision.
func poly(c []float32, x float32) float32 {
	if len(c) == 1 {
		return c[0]
	}
	p := float32(x * c[len(c)-1])
	for j := len(c) - 2; j >= 1; j-- {
		p = float32((p + c[j]) * x)
	}
	return c[0] + p
}

// ppnd is the normal quantile of AS 111 in single precision, the
// approximation swilk uses for its coefficients.
func ppnd(p float32) float32 {
	const (
		split float32 = 0.42
		a0    float32 = 2.50662823884
		a1    float32 = -18.61500062529
		a2    float32 = 41.39119773534
		a3    float32 = -25.44106049637
		b1    float32 = -8.47351093090
		b2    float32 = 23.08336743743
		b3    float32 = -21.06224101826
		b4    float32 = 3.13082909833
		c0    float32 = -2.78718931138
		c1    float32 = -2.29796479134
		c2    float32 = 4.85014127135
		c3    float32 = 2.32121276858
		d1    float32 = 3.54388924762
		d2    float32 = 1.63706781897
	)
	q := p - 0.5
	if abs32(q) <= split {
		r := float32(q * q)
		num := float32(q * (float32(float32(float32(float32(float32(a3*r)+a2)*r)+a1)*r) + a0))
		den := float32(float32(float32(float32(float32(float32(float32(b4*r)+b3)*r)+b2)*r)+b1)*r) + 1
		return num / den
	}
	r := p
	if q > 0 {
		r = 1 - p
	}
	if r <= 0 {
		return 0
	}
	r = sqrt32(-log32(r))
	v := (float32(float32(float32(float32(float32(c3*r)+c2)*r)+c1)*r) + c0) /
		(float32(float32(float32(d2*r)+d1)*r) + 1)
	if q < 0 {
		v = -v
	}
	return v
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// alnormUpper returns P(Z > z) by the standard normal, as swilk's ALNORM
// (AS 66) does with UPPER true.
func alnormUpper(z float64) float64 {
	const (
		ltone  = 7.0
		utzero = 38.0
		con    = 1.28
		a1     = 0.398942280444
		a2     = 0.399903438504
		a3     = 5.75885480458
		a4     = 29.8213557808
		a5     = 2.62433121679
		a6     = 48.6959930692
		a7     = 5.92885724438
		b1     = 0.398942280385
		b2     = 3.8052e-8
		b3     = 1.00000615302
		b4     = 3.98064794e-4
		b5     = 1.98615381364
		b6     = 0.151679116635
		b7     = 5.29330324926
		b8     = 4.8385912808
		b9     = 15.1508972451
		b10    = 0.742380924027
		b11    = 30.789933034
		b12    = 3.99019417011
	)
	up := true
	if z < 0 {
		up = false
		z = -z
	}
	var p float64
	switch {
	case !(z <= ltone || up && z <= utzero):
		p = 0
	case z <= con:
		y := 0.5 * z * z
		p = 0.5 - z*(a1-a2*y/(y+a3-a4/(y+a5+a6/(y+a7))))
	default:
		y := 0.5 * z * z
		p = b1 * math.Exp(-y) / (z - b2 + b3/(z+b4+b5/(z-b6+b7/(z+b8-b9/(z+b10+b11/(z+b12))))))
	}
	if !up {
		p = 1 - p
	}
	return p
}
