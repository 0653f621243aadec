package stats

import (
	"math"
	"testing"
)

// TestRangeSFQuadrature holds the fixed Gauss–Legendre partition of
// rangeSF to adaptive quadrature of the same integrand, over the k and w
// the post-hoc tests meet.
func TestRangeSFQuadrature(t *testing.T) {
	for _, k := range []int{3, 4, 6, 10, 30, 100} {
		for _, w := range []float64{0.01, 0.3, 1, 2, 3.5, 5, 8, 12, 20, 35} {
			m, kf := float64(k-1), float64(k)
			f := func(z float64) float64 {
				a, b := ndtr(z), ndtr(z-w)
				if a == 0 {
					return 0
				}
				c := a - b
				if z > w {
					c = ndtr(w-z) - ndtr(-z)
				}
				d := -math.Expm1(m * math.Log(c/a))
				if b/a < 0.5 {
					d = -math.Expm1(m * math.Log1p(-b/a))
				}
				return kf * math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) * math.Pow(a, m) * d
			}
			want := integrate(f, w/2-12, w/2+12, 48, 1e-14)
			if got := rangeSF(w, k); math.Abs(got-want) > 1e-12*want {
				t.Errorf("rangeSF(%g, %d) = %.17g, adaptive quadrature %.17g", w, k, got, want)
			}
		}
	}
}

// TestStudentizedRangeTwoGroups checks the k = 2 shortcut (|T|·√2)
// against the general integral.
func TestStudentizedRangeTwoGroups(t *testing.T) {
	for _, df := range []float64{3, 17.5, 200} {
		for _, q := range []float64{0.5, 2.8, 6} {
			got := studentizedRangeSF(q, 2, df)
			// the general path, by hand for k = 2
			logc := math.Ln2 + df/2*math.Log(df/2)
			lg, _ := math.Lgamma(df / 2)
			f := func(u float64) float64 {
				s := math.Exp(u)
				return math.Exp(logc-lg+df*u-df*s*s/2) * rangeSF(q*s, 2)
			}
			want := integrate(f, -10, 3, 32, 1e-13)
			if math.Abs(got-want) > 1e-9*want {
				t.Errorf("studentizedRangeSF(%g, 2, %g) = %.17g, integral %.17g", q, df, got, want)
			}
		}
	}
}
