package stats

import (
	"math"
)

// The null distribution of the two-sided one-sample Kolmogorov–Smirnov
// statistic Dₙ, computed as scipy.stats.kstwo does (Simard and L'Ecuyer,
// "Computing the two-sided Kolmogorov–Smirnov distribution", Journal of
// Statistical Software 39(11), 2011): exact formulas at the ends of the
// range, the Durbin matrix (Marsaglia, Tsang and Wang 2003) and twice the
// one-sided Smirnov tail where they are accurate, and the Pelz–Good
// expansion for large n where scipy uses it. The choice of method follows
// scipy's, so that the approximations agree where they are used.

// kolmogorovSF returns P(Dₙ ≥ d).
func kolmogorovSF(n int, d float64) float64 {
	nf := float64(n)
	switch {
	case d >= 1:
		return 0
	case d <= 0:
		return 1
	}
	t := nf * d
	if t <= 1 {
		// Ruben and Gambino: P(Dₙ < d) = n!/nⁿ (2t − 1)ⁿ for ½ ≤ t ≤ 1.
		if t <= 0.5 {
			return 1
		}
		var p float64
		if n <= 140 {
			p = 1
			for i := 1; i <= n; i++ {
				p *= float64(i) * (1 / nf) * (2*t - 1)
			}
		} else {
			p = math.Exp(logFactorialOverPower(nf) + nf*math.Log(2*t-1))
		}
		return clampP(1 - p)
	}
	if t >= nf-1 {
		return clampP(2 * math.Pow(1-d, nf))
	}
	if d >= 0.5 {
		return clampP(2 * smirnovSF(n, d))
	}
	nx2 := t * d
	if n <= 140 {
		// scipy uses the Durbin matrix up to nd² = 0.754693 and
		// Pomeranz's recursion up to 4; both are exact, and the Durbin
		// matrix serves for both here.
		if nx2 <= 4 {
			return clampP(1 - durbinCDF(n, d))
		}
		return clampP(2 * smirnovSF(n, d))
	}
	switch {
	case nx2 >= 370:
		return 0
	case nx2 >= 2.2:
		return clampP(2 * smirnovSF(n, d))
	case n <= 100000 && nf*math.Pow(d, 1.5) <= 1.4:
		return clampP(1 - durbinCDF(n, d))
	}
	return clampP(1 - pelzGoodCDF(nf, d))
}

// logFactorialOverPower returns ln(n!/nⁿ) by Stirling's series, as
// scipy's _log_nfactorial_div_n_pow_n.
func logFactorialOverPower(n float64) float64 {
	// Coefficients of the series in 1/n², highest order first.
	c := []float64{-2.955065359477124183e-2, 6.4102564102564102564e-3,
		-1.9175269175269175269e-3, 8.4175084175084175084e-4,
		-5.952380952380952381e-4, 7.9365079365079365079e-4,
		-2.7777777777777777778e-3, 8.3333333333333333333e-2}
	rn := 1 / n
	x := rn / n
	var p float64
	for _, v := range c {
		p = p*x + v
	}
	return math.Log(n)/2 - n + math.Log(2*math.Pi)/2 + rn*p
}

// smirnovSF returns P(Dₙ⁺ ≥ d), the one-sided Smirnov tail, by the
// Birnbaum–Tingey formula
//
//	d · Σⱼ C(n, j) (1 − d − j/n)ⁿ⁻ʲ (d + j/n)ʲ⁻¹,  j = 0 … ⌊n(1 − d)⌋,
//
// whose terms are all positive; each is computed through logarithms.
func smirnovSF(n int, d float64) float64 {
	if d <= 0 {
		return 1
	}
	if d >= 1 {
		return 0
	}
	nf := float64(n)
	nd := nf * d
	last := int(math.Floor(nf * (1 - d)))
	lgN, _ := math.Lgamma(nf + 1)
	var s float64
	for j := 0; j <= last; j++ {
		jf := float64(j)
		lower := (nf - jf - nd) / nf // 1 − d − j/n
		if lower <= 0 {
			continue
		}
		upper := (nd + jf) / nf // d + j/n
		lj, _ := math.Lgamma(jf + 1)
		lnj, _ := math.Lgamma(nf - jf + 1)
		s += math.Exp(lgN - lj - lnj + (nf-jf)*math.Log(lower) + (jf-1)*math.Log(upper))
	}
	return clampP(d * s)
}

// durbinCDF returns P(Dₙ < d) by Durbin's matrix formula, n!/nⁿ times the
// central element of Hⁿ, as Marsaglia, Tsang and Wang compute it: the
// powers are taken by squaring, with the exponent of 2 kept apart so
// that nothing overflows.
func durbinCDF(n int, d float64) float64 {
	nd := float64(n) * d
	if d >= 1 {
		return 1
	}
	if nd <= 0.5 {
		return 0
	}
	k := int(math.Ceil(nd))
	h := float64(k) - nd
	m := 2*k - 1
	hm := newMatrix(m)
	fact := make([]float64, m+1) // 1/j!
	fact[0] = 1
	for j := 1; j <= m; j++ {
		fact[j] = fact[j-1] / float64(j)
	}
	for r := 0; r < m; r++ {
		for c := 0; c < m; c++ {
			if r-c+1 >= 0 {
				hm[r][c] = fact[r-c+1]
			}
		}
	}
	for i := 0; i < m; i++ {
		v := (1 - math.Pow(h, float64(i+1))) * fact[i+1]
		hm[i][0] = v
		hm[m-1][m-1-i] = v
	}
	hm[m-1][0] = (1 - 2*math.Pow(h, float64(m)) + math.Pow(math.Max(2*h-1, 0), float64(m))) * fact[m]

	// Hⁿ by squaring; each matrix carries a power-of-two exponent.
	result := identity(m)
	resExp := 0
	base, baseExp := hm, 0
	for e := n; e > 0; e >>= 1 {
		if e&1 == 1 {
			result = matMul(result, base)
			resExp += baseExp
			resExp += rescale(result, k-1)
		}
		if e > 1 {
			base = matMul(base, base)
			baseExp *= 2
			baseExp += rescale(base, k-1)
		}
	}
	p := result[k-1][k-1]
	// Multiply by n!/nⁿ, keeping the exponent apart.
	for i := 1; i <= n; i++ {
		p = p * float64(i) / float64(n)
		if p != 0 && math.Abs(p) < 0x1p-128 {
			p *= 0x1p128
			resExp -= 128
		}
	}
	return clampP(math.Ldexp(p, resExp))
}

// rescale divides a by a power of two when its element (c, c) is large,
// and returns the exponent taken out.
func rescale(a [][]float64, c int) int {
	if math.Abs(a[c][c]) <= 0x1p128 {
		return 0
	}
	for _, row := range a {
		for j := range row {
			row[j] = math.Ldexp(row[j], -128)
		}
	}
	return 128
}

func newMatrix(m int) [][]float64 {
	a := make([][]float64, m)
	buf := make([]float64, m*m)
	for i := range a {
		a[i] = buf[i*m : (i+1)*m]
	}
	return a
}

func identity(m int) [][]float64 {
	a := newMatrix(m)
	for i := range a {
		a[i][i] = 1
	}
	return a
}

func matMul(a, b [][]float64) [][]float64 {
	m := len(a)
	c := newMatrix(m)
	for i := 0; i < m; i++ {
		for l := 0; l < m; l++ {
			ail := a[i][l]
			if ail == 0 {
				continue
			}
			bl := b[l]
			ci := c[i]
			for j := 0; j < m; j++ {
				ci[j] += ail * bl[j]
			}
		}
	}
	return c
}

// pelzGoodCDF returns the Pelz–Good (1976) approximation of P(Dₙ ≤ x):
// Li-Chien's and Korolyuk's expansion K₀(z) + K₁(z)/√n + K₂(z)/n +
// K₃(z)/n^{3/2} in z = x√n, with each Kᵢ written through Jacobi theta
// functions so that it converges for small z, in the form scipy evaluates.
func pelzGoodCDF(n, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	const pi2 = math.Pi * math.Pi
	const pi4 = pi2 * pi2
	const pi6 = pi4 * pi2
	sqrt2pi := math.Sqrt(2 * math.Pi)
	z := math.Sqrt(n) * x
	z2 := z * z
	z3, z4 := z2*z, z2*z2
	z6 := z4 * z2
	qlog := -pi2 / 8 / z2
	if qlog < -708 {
		return 0
	}
	q := math.Exp(qlog)
	k1a, k1b := -z2, pi2/4
	k2a := 6*z6 + 2*z4
	k2b := (2*z4 - 5*z2) * pi2 / 4
	k2c := pi4 * (1 - 2*z2) / 16
	k3d := pi6 * (5 - 30*z2) / 64
	k3c := pi4 * (-60*z2 + 212*z4) / 16
	k3b := pi2 * (135*z4 - 96*z6) / 4
	k3a := -30*z6 - 90*z4*z4
	var kk [4]float64
	maxk := int(math.Ceil(16 * z / math.Pi))
	for k := maxk; k >= 1; k-- {
		m := float64(2*k - 1)
		m2 := m * m
		m4 := m2 * m2
		m6 := m4 * m2
		qp := math.Pow(q, float64(8*k))
		c := [4]float64{1, k1a + k1b*m2, k2a + k2b*m2 + k2c*m4, k3a + k3b*m2 + k3c*m4 + k3d*m6}
		for i := range kk {
			kk[i] = kk[i]*qp + c[i]
		}
	}
	div := [4]float64{z, 6 * z4, 72 * z4 * z3, 6480 * z6 * z4}
	for i := range kk {
		kk[i] = kk[i] * q * sqrt2pi / div[i]
	}
	q = math.Exp(-pi2 / 2 / z2)
	var k2extra, k3extra float64
	s3z := math.Sqrt(3) * z
	for k := maxk; k >= 1; k-- {
		kf := float64(k)
		qk := math.Pow(q, kf*kf)
		k2extra += kf * kf * qk
		kpi := math.Pi * kf
		k3extra += (s3z + kpi) * (s3z - kpi) * kf * kf * qk
	}
	kk[2] += k2extra * pi2 * sqrt2pi / (-36 * z3)
	kk[3] += k3extra * pi2 * sqrt2pi / (216 * z6)
	return kk[0] + kk[1]/math.Sqrt(n) + kk[2]/n + kk[3]/(n*math.Sqrt(n))
}

// ksTwoSampleSF returns the exact P(D ≥ h/lcm(m, n)) for the two-sided
// two-sample Kolmogorov–Smirnov statistic of samples of sizes m and n
// (Hodges 1958; the recursion for the complement, Viehmann 2021, as scipy
// computes it): the share of the lattice paths from (0, 0) to (m, n) that
// reach |x/m − y/n| ≥ h/lcm, weighted as under the null. Each cell holds
// that share for the paths ending there, a weighted mean of its two
// predecessors, so that every number stays in [0, 1] and small p-values
// keep their relative accuracy.
func ksTwoSampleSF(m, n, h int) float64 {
	if h <= 0 {
		return 1
	}
	if m < n {
		m, n = n, m
	}
	g := gcd(m, n)
	mg, ng := int64(m/g), int64(n/g)
	hh := int64(h)
	// For column x, the cells y with |x·ng − y·mg| < h are inside.
	window := func(x int64) (lo, hi int64) {
		lo = floorDiv(x*ng-hh, mg) + 1
		hi = ceilDiv(x*ng+hh, mg) - 1
		return max(lo, 0), min(hi, int64(n))
	}
	a := make([]float64, n+1)
	for y := range a {
		a[y] = 1
	}
	lo, hi := window(0)
	for y := lo; y <= hi; y++ {
		a[y] = 0
	}
	for x := int64(1); x <= int64(m); x++ {
		newLo, newHi := window(x)
		if newLo > newHi {
			return 1
		}
		for y := lo; y < newLo && y <= int64(n); y++ {
			a[y] = 1
		}
		xf := float64(x)
		prev := 1.0 // the cell below the window is outside
		for y := newLo; y <= newHi; y++ {
			yf := float64(y)
			v := (xf*a[y] + yf*prev) / (xf + yf)
			a[y] = v
			prev = v
		}
		lo, hi = newLo, newHi
	}
	_ = hi
	return clampP(a[n])
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 {
	return -floorDiv(-a, b)
}
