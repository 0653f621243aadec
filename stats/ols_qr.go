package stats

import (
	"context"
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/floats"
)

// The least-squares fit never forms XᵀX (whose condition number is the
// square of X's). Rows stream in chunks through a Householder QR that keeps
// only the p×p triangle R, the top p entries of Qᵀb for each right-hand
// side b, and the sum of squares of the rest of Qᵀb (the residual part):
// each chunk is stacked under the running R and triangularized again
// (TSQR). Memory is O(chunk·p) beyond the data; the rows of two halves of
// the data are factored concurrently and the two triangles merged by one
// more QR.

// qrChunk is the number of rows factored at a time: a chunk of 14
// columns stays within a 64 KiB L2 slice.
const qrChunk = 512

// qrAcc is a streaming QR factorization of [X | B] with X of p columns and
// B of m right-hand sides.
type qrAcc struct {
	p, m int
	// r is p rows of p+m entries: R in the first p columns (upper
	// triangular), the top of QᵀB in the last m.
	r []float64
	// ss[j] is the sum of squares of the residual part of QᵀB's column j.
	ss []float64
}

func newQRAcc(p, m int) *qrAcc {
	return &qrAcc{p: p, m: m, r: make([]float64, p*(p+m)), ss: make([]float64, m)}
}

// absorb factors nb rows held column by column in buf (column j at
// buf[j*stride : j*stride+nb], for the p+m columns of [X | B]) into the
// running triangle. buf is overwritten. It returns false, leaving the
// triangle half-updated, when ctx ends first (checked every column: a
// column costs O(nb·p)).
func (a *qrAcc) absorb(ctx context.Context, buf []float64, stride, nb int) bool {
	p, w := a.p, a.p+a.m
	col := func(j int) []float64 { return buf[j*stride : j*stride+nb] }
	for k := 0; k < p; k++ {
		if ctx.Err() != nil {
			return false
		}
		x := col(k)
		xnorm2 := floats.Dot(x, x)
		if xnorm2 == 0 {
			continue // the chunk's column is already zero: H = I
		}
		rk := a.r[k*w : (k+1)*w]
		alpha := rk[k]
		beta := -math.Copysign(math.Hypot(alpha, math.Sqrt(xnorm2)), alpha)
		tau := (beta - alpha) / beta
		floats.Scale(1/(alpha-beta), x) // v = [1; x/(α−β)]
		for j := k + 1; j < w; j++ {
			cj := col(j)
			s := tau * (rk[j] + floats.Dot(x, cj))
			rk[j] -= s
			floats.AddScaled(cj, -s, x)
		}
		rk[k] = beta
	}
	for j := 0; j < a.m; j++ {
		c := col(p + j)
		a.ss[j] += floats.Dot(c, c)
	}
	return true
}

// merge absorbs the factorization o (of other rows) into a; false when
// ctx ended first.
func (a *qrAcc) merge(ctx context.Context, o *qrAcc) bool {
	p, w := a.p, a.p+a.m
	buf := make([]float64, p*w)
	for i := 0; i < p; i++ {
		for j := 0; j < w; j++ {
			buf[j*p+i] = o.r[i*w+j]
		}
	}
	if !a.absorb(ctx, buf, p, p) {
		return false
	}
	for j := range a.ss {
		a.ss[j] += o.ss[j]
	}
	return true
}

// streamQR factors the model matrix of d with the right-hand sides y and,
// when ones is set, a column of ones (to detect an implicit constant).
// When track is set it also returns each column's minimum and maximum.
// The end of ctx stops every goroutine within a column's work and returns
// a canceledError.
func streamQR(ctx context.Context, d *Design, ones, track bool) (acc *qrAcc, lo, hi []float64, err error) {
	p := len(d.Columns)
	m := 1
	if ones {
		m = 2
	}
	workers := olsWorkers(d.N)
	accs := make([]*qrAcc, workers)
	los := make([][]float64, workers)
	his := make([][]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		start, end := w*d.N/workers, (w+1)*d.N/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newQRAcc(p, m)
			row := make([]float64, p)
			buf := make([]float64, (p+m)*qrChunk)
			var l, h []float64
			if track {
				l, h = make([]float64, p), make([]float64, p)
				for j := range l {
					l[j], h[j] = math.Inf(1), math.Inf(-1)
				}
			}
			for c := start; c < end; c += qrChunk {
				nb := min(qrChunk, end-c)
				for i := range nb {
					d.Row(c+i, row)
					for j, v := range row {
						buf[j*qrChunk+i] = v
					}
					buf[p*qrChunk+i] = d.Y[c+i]
					if ones {
						buf[(p+1)*qrChunk+i] = 1
					}
					if track {
						for j, v := range row {
							l[j] = min(l[j], v)
							h[j] = max(h[j], v)
						}
					}
				}
				if !a.absorb(ctx, buf, qrChunk, nb) {
					return
				}
			}
			accs[w], los[w], his[w] = a, l, h
		}()
	}
	wg.Wait()
	if err := stopped(ctx); err != nil {
		return nil, nil, nil, err
	}
	acc = accs[0]
	for _, o := range accs[1:] {
		if !acc.merge(ctx, o) {
			return nil, nil, nil, stopped(ctx)
		}
	}
	if track {
		lo, hi = los[0], his[0]
		for w := 1; w < workers; w++ {
			for j := range lo {
				lo[j] = min(lo[j], los[w][j])
				hi[j] = max(hi[j], his[w][j])
			}
		}
	}
	return acc, lo, hi, nil
}

// olsWorkers is the number of goroutines that share the rows of an n-row
// pass: one per CPU, but no fewer than 32768 rows each.
func olsWorkers(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/32768))
}

// upperInverse returns the inverse of the p×p upper-triangular matrix held
// in the first p columns of the rows of r (row stride w), as a dense
// row-major p×p upper-triangular matrix, or a canceledError when ctx
// ends first.
func upperInverse(ctx context.Context, r []float64, p, w int) ([]float64, error) {
	inv := make([]float64, p*p)
	for j := p - 1; j >= 0; j-- {
		if err := stopped(ctx); err != nil {
			return nil, err
		}
		inv[j*p+j] = 1 / r[j*w+j]
		for i := j - 1; i >= 0; i-- {
			var s float64
			for k := i + 1; k <= j; k++ {
				s += r[i*w+k] * inv[k*p+j]
			}
			inv[i*p+j] = -s / r[i*w+i]
		}
	}
	return inv, nil
}

// householderQR triangularizes the n×w row-major matrix a in place by
// Householder reflections on its first k columns, applying them to all w
// columns. Below the diagonal of those k columns a holds garbage after.
// It returns a canceledError, with a half-triangularized, when ctx ends
// first.
func householderQR(ctx context.Context, a []float64, n, w, k int) error {
	for c := 0; c < k && c < n; c++ {
		if err := stopped(ctx); err != nil {
			return err
		}
		var xnorm2 float64
		for i := c + 1; i < n; i++ {
			xnorm2 += a[i*w+c] * a[i*w+c]
		}
		if xnorm2 == 0 {
			continue
		}
		alpha := a[c*w+c]
		beta := -math.Copysign(math.Hypot(alpha, math.Sqrt(xnorm2)), alpha)
		tau := (beta - alpha) / beta
		scale := 1 / (alpha - beta)
		for i := c + 1; i < n; i++ {
			a[i*w+c] *= scale
		}
		for j := c + 1; j < w; j++ {
			s := a[c*w+j]
			for i := c + 1; i < n; i++ {
				s += a[i*w+c] * a[i*w+j]
			}
			s *= tau
			a[c*w+j] -= s
			for i := c + 1; i < n; i++ {
				a[i*w+j] -= s * a[i*w+c]
			}
		}
		a[c*w+c] = beta
	}
	return nil
}
