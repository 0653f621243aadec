package stats

import (
	"context"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/gonum"
)

// singularValues returns the singular values of the p×p row-major matrix
// a, in decreasing order, as LAPACK's dgesvd computes them without
// vectors: a blocked Householder bidiagonalization (dgebrd), then the
// singular values of the bidiagonal matrix (dbdsqr). The reduction is
// written out block by block, as dgebrd does it, so that ctx is checked
// between blocks: for thousands of columns it is seconds of work that a
// timeout must be able to stop. a is overwritten. ok is false when the
// iteration did not converge.
func singularValues(ctx context.Context, a []float64, p int) (sv []float64, ok bool, err error) {
	const (
		nb = 32  // dgebrd's block size (ilaenv)
		nx = 128 // below this many columns left, the unblocked code
	)
	impl := gonum.Implementation{}
	bi := blas64.Implementation()
	d, e := make([]float64, p), make([]float64, p)
	tauQ, tauP := make([]float64, p), make([]float64, p)
	x, y := make([]float64, p*nb), make([]float64, p*nb)
	i := 0
	for ; i < p-nx; i += nb {
		if err := stopped(ctx); err != nil {
			return nil, false, err
		}
		m := p - i
		impl.Dlabrd(m, m, nb, a[i*p+i:], p, d[i:], e[i:], tauQ[i:], tauP[i:], x, nb, y, nb)
		// A[i+nb:, i+nb:] -= V·Yᵀ + X·Uᵀ
		bi.Dgemm(blas.NoTrans, blas.Trans, m-nb, m-nb, nb,
			-1, a[(i+nb)*p+i:], p, y[nb*nb:], nb,
			1, a[(i+nb)*p+i+nb:], p)
		bi.Dgemm(blas.NoTrans, blas.NoTrans, m-nb, m-nb, nb,
			-1, x[nb*nb:], nb, a[i*p+i+nb:], p,
			1, a[(i+nb)*p+i+nb:], p)
		for j := i; j < i+nb; j++ {
			a[j*p+j] = d[j]
			a[j*p+j+1] = e[j]
		}
	}
	if err := stopped(ctx); err != nil {
		return nil, false, err
	}
	work := make([]float64, 4*p)
	impl.Dgebd2(p-i, p-i, a[i*p+i:], p, d[i:], e[i:], tauQ[i:], tauP[i:], work)
	ok = impl.Dbdsqr(blas.Upper, p, 0, 0, 0, d, e, nil, 1, nil, 1, nil, 1, work)
	return d, ok, nil
}
