package stats

import (
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

// The studentized range distribution: Q = R/S, the range R of k
// independent standard normals over an independent S with νS² ~ χ²(ν).
// scipy.stats.studentized_range integrates its CDF numerically to an
// absolute 1e-11 and takes the survival function as 1 − CDF, which leaves
// small p-values with few correct digits. Here the survival function is
// integrated directly:
//
//	P(Q ≥ q) = ∫ f_S(s) · P(R ≥ q·s) ds,
//	P(R ≥ w) = k ∫ φ(z) (Φ(z)^{k−1} − (Φ(z) − Φ(z − w))^{k−1}) dz,
//
// the outer by adaptive Gauss–Kronrod quadrature to a relative 1e-12 over
// u = ln s, where the integrand is smooth and its width is about
// 1/√(2ν) whatever q is, the inner by Gauss–Legendre rules on a fixed
// partition, checked against adaptive quadrature to 1e-13 for k up to
// 100 (TestRangeSFQuadrature). For ν ≥ 100,000 S is taken as 1, as scipy does.

// studentizedRangeSF returns P(Q ≥ q) for k ≥ 2 groups and ν > 0 degrees
// of freedom (fractional ν, as in Games–Howell, is allowed).
func studentizedRangeSF(q float64, k int, df float64) float64 {
	if q <= 0 {
		return 1
	}
	if math.IsInf(q, 1) {
		return 0
	}
	if k == 2 {
		// The range of two normals is |Z₁ − Z₂| ~ √2·|Z|: Q/√2 is |T(ν)|.
		if df >= 1e5 {
			return math.Erfc(q / 2)
		}
		return tTwoSided(q/math.Sqrt2, df)
	}
	if df >= 1e5 {
		return clampP(rangeSF(q, k))
	}
	logc := math.Ln2 + df/2*math.Log(df/2)
	lg, _ := math.Lgamma(df / 2)
	logc -= lg
	f := func(u float64) float64 {
		s := math.Exp(u)
		d := logc + df*u - df*s*s/2
		if d < -745 {
			return 0
		}
		return math.Exp(d) * rangeSF(q*s, k)
	}
	// Where the integrand peaks for large q (ln R ≈ −w²/4), and its width.
	uStar := 0.5 * math.Log(df/(df+q*q/2))
	sigma := 1 / math.Sqrt(2*df)
	lo := uStar - 10*sigma - 42/df
	hi := 10*sigma + 0.5
	pieces := min(max(int(math.Ceil((hi-lo)/sigma/3)), 4), 8)
	return clampP(integrate(f, lo, hi, pieces, 1e-10))
}

// rangeSF returns P(R ≥ w) for the range R of k standard normals.
func rangeSF(w float64, k int) float64 {
	if w <= 0 {
		return 1
	}
	m := float64(k - 1)
	kf := float64(k)
	f := func(z float64) float64 {
		a := ndtr(z)
		if a == 0 {
			return 0
		}
		// b = Φ(z − w) and c = Φ(z) − Φ(z − w), each from the tail
		// where it is small.
		b := ndtr(z - w)
		c := a - b
		if z-w > 0 {
			c = ndtr(w-z) - ndtr(-z)
		}
		var diff float64
		if r := b / a; r < 0.5 {
			diff = -math.Expm1(m * math.Log1p(-r))
		} else {
			diff = -math.Expm1(m * math.Log(c/a))
		}
		return kf * math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) * math.Pow(a, m) * diff
	}
	// The integrand is negligible (below e^{−81} of the integral) more
	// than 9 from w/2; it is smooth on the scale of 1, sharper as k grows.
	return fixedLegendre(f, w/2-9, w/2+9, 6+k/3)
}

// legendre20 holds the 20-point Gauss–Legendre nodes and weights on
// [−1, 1].
var legendre20 = func() (nw [2][20]float64) {
	quad.Legendre{}.FixedLocations(nw[0][:], nw[1][:], -1, 1)
	return nw
}()

// fixedLegendre integrates f over [a, b] split into pieces equal parts by
// the 20-point Gauss–Legendre rule on each.
func fixedLegendre(f func(float64) float64, a, b float64, pieces int) float64 {
	w := (b - a) / float64(pieces)
	var total float64
	for i := 0; i < pieces; i++ {
		c, h := a+(float64(i)+0.5)*w, w/2
		var s float64
		for j, x := range legendre20[0] {
			s += legendre20[1][j] * f(c+h*x)
		}
		total += s * h
	}
	return total
}

// studentizedRangeISF returns the q with P(Q ≥ q) = p (0 < p < 1): the
// critical value of Tukey's and Games–Howell's intervals. The root is
// found by the secant method on ln P(Q ≥ q), kept inside a bracket.
func studentizedRangeISF(p float64, k int, df float64) float64 {
	if k == 2 {
		if df >= 1e5 {
			return math.Sqrt2 * normQuantile(1-p/2)
		}
		return math.Sqrt2 * tQuantile(1-p/2, df)
	}
	target := math.Log(p)
	g := func(q float64) float64 { return math.Log(studentizedRangeSF(q, k, df)) - target }
	// A start from the normal range (df = ∞) scaled as the t quantile
	// scales the normal one.
	lo, hi := 0.0, math.Inf(1)
	q0 := 3.0
	if df < 1e5 {
		q0 *= tQuantile(1-p/2, df) / normQuantile(1-p/2)
	}
	q1 := q0 * 1.05
	g0, g1 := g(q0), g(q1)
	for range 100 {
		if g0 > 0 {
			lo = max(lo, q0)
		} else {
			hi = min(hi, q0)
		}
		if g1 > 0 {
			lo = max(lo, q1)
		} else {
			hi = min(hi, q1)
		}
		if g1 == 0 {
			return q1
		}
		next := q1 - g1*(q1-q0)/(g1-g0)
		if !(next > lo && next < hi) || math.IsNaN(next) {
			if math.IsInf(hi, 1) {
				next = 2 * max(q1, lo)
			} else {
				next = (lo + hi) / 2
			}
		}
		if math.Abs(next-q1) <= 1e-14*q1 {
			return next
		}
		q0, g0 = q1, g1
		q1, g1 = next, g(next)
	}
	return q1
}

// Gauss–Kronrod 7–15 nodes and weights on [−1, 1] (the positive half;
// the rule is symmetric).
var (
	gkNodes = [8]float64{
		0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
		0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
		0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
		0.207784955007898467600689403773245, 0,
	}
	gkWeights = [8]float64{
		0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
		0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
		0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
		0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
	}
	// The Gauss weights of the 7-point rule, at the odd Kronrod nodes
	// 1, 3, 5 and the centre.
	gWeights = [4]float64{
		0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
		0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
	}
)

// gk15 returns the Kronrod estimate of ∫ f over [a, b] and QUADPACK's
// estimate of its error, from the difference to the Gauss estimate.
func gk15(f func(float64) float64, a, b float64) (k, err float64) {
	c, h := (a+b)/2, (b-a)/2
	var fv [15]float64
	fv[7] = f(c)
	k = gkWeights[7] * fv[7]
	g := gWeights[3] * fv[7]
	for i := 0; i < 7; i++ {
		x := h * gkNodes[i]
		fv[i], fv[14-i] = f(c-x), f(c+x)
		s := fv[i] + fv[14-i]
		k += gkWeights[i] * s
		if i%2 == 1 {
			g += gWeights[i/2] * s
		}
	}
	mid := k / 2
	asc := gkWeights[7] * math.Abs(fv[7]-mid)
	for i := 0; i < 7; i++ {
		asc += gkWeights[i] * (math.Abs(fv[i]-mid) + math.Abs(fv[14-i]-mid))
	}
	err = math.Abs(k-g) * h
	if asc *= h; asc != 0 && err != 0 {
		err = asc * math.Min(1, math.Pow(200*err/asc, 1.5))
	}
	return k * h, err
}

// integrate returns ∫ f over [a, b], first split into pieces equal parts;
// then the part with the largest error estimate is bisected until the
// estimates add up to less than rel times the integral (or rounding level),
// or the parts number 64 more than at the start.
func integrate(f func(float64) float64, a, b float64, pieces int, rel float64) float64 {
	type part struct{ a, b, k, err float64 }
	parts := make([]part, 0, pieces+64)
	w := (b - a) / float64(pieces)
	for i := 0; i < pieces; i++ {
		lo, hi := a+float64(i)*w, a+float64(i+1)*w
		if i == pieces-1 {
			hi = b
		}
		k, e := gk15(f, lo, hi)
		parts = append(parts, part{lo, hi, k, e})
	}
	for range 64 {
		var total, abs, errSum float64
		worst := 0
		for i, p := range parts {
			total += p.k
			abs += math.Abs(p.k)
			errSum += p.err
			if p.err > parts[worst].err {
				worst = i
			}
		}
		if errSum <= max(rel*math.Abs(total), 50*epsilon*abs) {
			break
		}
		p := parts[worst]
		m := (p.a + p.b) / 2
		k1, e1 := gk15(f, p.a, m)
		k2, e2 := gk15(f, m, p.b)
		parts[worst] = part{p.a, m, k1, e1}
		parts = append(parts, part{m, p.b, k2, e2})
	}
	var total float64
	for _, p := range parts {
		total += p.k
	}
	return total
}
