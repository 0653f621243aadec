package stats_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// countdownCtx is a context whose Err reports err from its (left+1)-th
// call on, so that a test can end it at any of the checks a computation
// makes, without timing; it counts the calls made after that.
type countdownCtx struct {
	context.Context
	left  atomic.Int64
	calls atomic.Int64 // every Err call
	after atomic.Int64 // Err calls that reported err
	err   error
}

func newCountdown(left int64, err error) *countdownCtx {
	c := &countdownCtx{Context: context.Background(), err: err}
	c.left.Store(left)
	return c
}

func (c *countdownCtx) Err() error {
	c.calls.Add(1)
	if c.left.Add(-1) < 0 {
		c.after.Add(1)
		return c.err
	}
	return nil
}

// levelsCSV is a response, a numeric predictor and a factor of levels
// levels over n rows.
func levelsCSV(n, levels int) []byte {
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	b.WriteString("y,x,lvl\n")
	for i := range n {
		fmt.Fprintf(&b, "%.6f,%.6f,L%d\n", r.NormFloat64(), r.NormFloat64(), i%levels)
	}
	return []byte(b.String())
}

// TestOLSStopsWhenItsContextEnds ends the context of a regression on 150
// columns at checks spread over the whole fit (the QR pass, the singular
// values, the inverse, the HC3 pass and covariance, the ANOVA): each time
// the fit returns the context's error as ECanceled (ETimeout for a
// deadline) and no result, having checked the context at most a few more
// times (once per goroutine) after it ended: the work itself stops.
func TestOLSStopsWhenItsContextEnds(t *testing.T) {
	t.Parallel()
	ds, err := load.ParseCSV(levelsCSV(600, 150), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"formula": "y ~ C(lvl) + x", "cov": "HC3"}
	count := newCountdown(1<<62, nil)
	if _, err := stats.Run(count, ds, "ols", params); err != nil {
		t.Fatal(err)
	}
	total := count.calls.Load()
	if total < 50 {
		t.Fatalf("the fit checked its context %d times, want it checked throughout", total)
	}
	maxAfter := int64(runtime.GOMAXPROCS(0) + 4)
	for i := range 12 {
		left := total * int64(i) / 12
		for _, cause := range []error{context.Canceled, context.DeadlineExceeded} {
			ctx := newCountdown(left, cause)
			res, err := stats.Run(ctx, ds, "ols", params)
			want := inferra.ECanceled
			if cause == context.DeadlineExceeded {
				want = inferra.ETimeout
			}
			if res != nil || !errors.Is(err, cause) || inferra.ErrorCode(err) != want {
				t.Fatalf("Run ended at check %d of %d (%v) = %v, %v; want no result and a %s error wrapping the context's", left+1, total, cause, res, err, want)
			}
			if n := ctx.after.Load(); n > maxAfter {
				t.Errorf("Run ended at check %d of %d went on checking %d times after, want at most %d", left+1, total, n, maxAfter)
			}
		}
	}
}

// TestDesignTooLarge: a design beyond the limit is refused with ETooLarge
// naming the limit, before its columns are built: an interaction of two
// 3000-level factors (9 million columns, whose names alone would take
// hundreds of MB) allocates next to nothing.
func TestDesignTooLarge(t *testing.T) {
	t.Parallel()
	ds, err := load.ParseCSV(levelsCSV(3000, 3000), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = stats.RunWith(context.Background(), ds, "ols", map[string]string{"formula": "y ~ C(lvl)"}, stats.Options{MaxDesignCells: 1_000_000})
	e := inferra.AsError(err)
	if e == nil || e.Code != inferra.ETooLarge || e.Details["max_cells"] != 1_000_000 || !strings.Contains(e.Message, "C(lvl)") {
		t.Errorf("ols on 3000 rows × 3000 columns with a limit of 1e6 cells: %+v, want ETooLarge naming the term and the limit", e)
	}
	if _, err := stats.RunWith(context.Background(), ds, "ols", map[string]string{"formula": "y ~ x"}, stats.Options{MaxDesignCells: 1_000_000}); err != nil {
		t.Errorf("ols on 3000 rows × 2 columns with a limit of 1e6 cells: %v, want a fit", err)
	}

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = stats.NewDesign(ds, "y ~ C(lvl):C(x)")
	runtime.ReadMemStats(&after)
	if inferra.ErrorCode(err) != inferra.ETooLarge {
		t.Errorf("NewDesign(C(lvl):C(x)) on 3000 levels each = %v, want ETooLarge under the default limit", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
		t.Errorf("refusing a 9-million-column design allocated %d MB, want it refused before the columns are built", grew>>20)
	}
}

// TestCollinearManyColumns: past 1000 columns a collinear design is
// refused without the full SVD (which no context stops), naming the
// column that is a combination of those before it.
func TestCollinearManyColumns(t *testing.T) {
	if testing.Short() {
		t.Skip("fits 1,003 columns")
	}
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	var b strings.Builder
	b.WriteString("y,x,x2,lvl\n")
	for i := range 2200 {
		x := r.NormFloat64()
		fmt.Fprintf(&b, "%.6f,%v,%v,L%d\n", r.NormFloat64(), x, 2*x, i%1001)
	}
	ds, err := load.ParseCSV([]byte(b.String()), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = stats.Run(context.Background(), ds, "ols", map[string]string{"formula": "y ~ C(lvl) + x + x2"})
	e := inferra.AsError(err)
	if e == nil || e.Code != inferra.EInvalid || fmt.Sprint(e.Details["columns"]) != "[x2]" {
		t.Errorf("ols with x2 = 2x beside 1000 dummies: %+v, want EInvalid naming x2", e)
	}
}
