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
// scipy runs the Fortran routine in single precision; ShapiroWilk follows
// the same steps and constants in double precision, so the two agree to
// about 1e-6 in W and p, not to the last digit. It needs at least three
// observations, no NaN, and a sample that is not constant. For n > 5000
// the p-value is computed as scipy does, but Royston validated the
// approximation only up to 5000.
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
	// scipy centres on the median before sorting, which changes nothing
	// mathematically but keeps the scaled values small.
	order := argsort(x)
	var med float64
	if n%2 == 1 {
		med = x[order[n/2]]
	} else {
		med = (x[order[n/2-1]] + x[order[n/2]]) / 2
	}
	y := make([]float64, n)
	for i, o := range order {
		y[i] = x[o] - med
	}
	w, p, ok := swilk(y)
	if !ok {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the Shapiro–Wilk test is undefined for a constant sample (all %d values are %g)", n, x[0])
	}
	return &Test{Statistic: w, PValue: p}, nil
}

// swilk is the complete-sample part of AS R94 (SWILK with N1 = N and
// INIT false) for sorted y; ok is false when y has zero range.
func swilk(y []float64) (w, pw float64, ok bool) {
	const (
		sqrth = 0.70711 // the Fortran's rounded constants, kept for agreement
		small = 1e-19
		pi6   = 1.909859
		stqr  = 1.047198
	)
	c1 := []float64{0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056}
	c2 := []float64{0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633}
	c3 := []float64{0.5440, -0.39978, 0.025054, -6.714e-4}
	c4 := []float64{1.3822, -0.77857, 0.062767, -0.0020322}
	c5 := []float64{-1.5861, -0.31082, -0.083751, 0.0038915}
	c6 := []float64{-0.4803, -0.082676, 0.0030302}
	g := []float64{-2.273, 0.459}

	n := len(y)
	an := float64(n)
	nn2 := n / 2
	a := make([]float64, nn2+1) // 1-based, as in the Fortran
	if n == 3 {
		a[1] = sqrth
	} else {
		an25 := an + 0.25
		var summ2 float64
		for i := 1; i <= nn2; i++ {
			a[i] = ppnd((float64(i) - 0.375) / an25)
			summ2 += a[i] * a[i]
		}
		summ2 *= 2
		ssumm2 := math.Sqrt(summ2)
		rsn := 1 / math.Sqrt(an)
		a1 := poly(c1, rsn) - a[1]/ssumm2
		var i1 int
		var fac float64
		if n > 5 {
			i1 = 3
			a2 := -a[2]/ssumm2 + poly(c2, rsn)
			fac = math.Sqrt((summ2 - 2*a[1]*a[1] - 2*a[2]*a[2]) / (1 - 2*a1*a1 - 2*a2*a2))
			a[1], a[2] = a1, a2
		} else {
			i1 = 2
			fac = math.Sqrt((summ2 - 2*a[1]*a[1]) / (1 - 2*a1*a1))
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
	coef := func(i int) float64 {
		j := n + 1 - i
		switch {
		case i < j:
			return -a[i]
		case i > j:
			return a[j]
		}
		return 0
	}
	var sa, sx float64
	for i := 1; i <= n; i++ {
		sx += y[i-1] / rng
		sa += coef(i)
	}
	sa /= an
	sx /= an
	var ssa, ssx, sax float64
	for i := 1; i <= n; i++ {
		asa := coef(i) - sa
		xsx := y[i-1]/rng - sx
		ssa += asa * asa
		ssx += xsx * xsx
		sax += asa * xsx
	}
	// w1 = 1 − W, computed so as to keep its digits when W is near 1.
	ssassx := math.Sqrt(ssa * ssx)
	w1 := (ssassx - sax) * (ssassx + sax) / (ssa * ssx)
	w = 1 - w1

	if n == 3 {
		return w, clampP(pi6 * (math.Asin(math.Sqrt(w)) - stqr)), true
	}
	yy := math.Log(w1)
	xx := math.Log(an)
	var m, s float64
	if n <= 11 {
		gamma := poly(g, an)
		if yy >= gamma {
			return w, small, true
		}
		yy = -math.Log(gamma - yy)
		m = poly(c3, an)
		s = math.Exp(poly(c4, an))
	} else {
		m = poly(c5, xx)
		s = math.Exp(poly(c6, xx))
	}
	return w, clampP(alnormUpper((yy - m) / s)), true
}

// poly evaluates c[0] + c[1]·x + … (AS 181.2).
func poly(c []float64, x float64) float64 {
	var p float64
	for i := len(c) - 1; i >= 1; i-- {
		p = (p + c[i]) * x
	}
	return c[0] + p
}

// ppnd is the normal quantile of AS 111, the approximation swilk uses for
// its coefficients; it is accurate to about 1e-7, and using it rather than
// an exact quantile keeps W next to scipy's.
func ppnd(p float64) float64 {
	const (
		split = 0.42
		a0    = 2.50662823884
		a1    = -18.61500062529
		a2    = 41.39119773534
		a3    = -25.44106049637
		b1    = -8.47351093090
		b2    = 23.08336743743
		b3    = -21.06224101826
		b4    = 3.13082909833
		c0    = -2.78718931138
		c1    = -2.29796479134
		c2    = 4.85014127135
		c3    = 2.32121276858
		d1    = 3.54388924762
		d2    = 1.63706781897
	)
	q := p - 0.5
	if math.Abs(q) <= split {
		r := q * q
		return q * (((a3*r+a2)*r+a1)*r + a0) / ((((b4*r+b3)*r+b2)*r+b1)*r + 1)
	}
	r := p
	if q > 0 {
		r = 1 - p
	}
	if r <= 0 {
		return 0
	}
	r = math.Sqrt(-math.Log(r))
	v := (((c3*r+c2)*r+c1)*r + c0) / ((d2*r+d1)*r + 1)
	if q < 0 {
		v = -v
	}
	return v
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
