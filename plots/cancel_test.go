package plots_test

import (
	"context"
	"errors"
	"math"
	"sync/atomic"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/plots"
)

// endingCtx is a context that ends after its first n calls to Err: a
// deadline that passes while a chart is being drawn, without timing.
type endingCtx struct {
	context.Context
	left atomic.Int64
}

func (c *endingCtx) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestRenderStopsWhenCanceled ends the context after the check Render
// makes before drawing, as a JOB_TIMEOUT or a cancel would while a chart
// is computed: every chart must notice and return the context's error
// instead of finishing the work (issue 14, deliver 1).
func TestRenderStopsWhenCanceled(t *testing.T) {
	t.Parallel()
	n := 20000 // past the exact KDE limit, and drawn as a density
	x, y := make([]float64, n), make([]float64, n)
	g, h := make([]int32, n), make([]int32, n)
	for i := range x {
		x[i] = math.Sin(float64(i))
		y[i] = x[i] + math.Cos(float64(3*i))
		g[i] = int32(i % 3)
		h[i] = int32(i % 7 % 2)
	}
	ds := mustDataset(t, column("x", x...), column("y", y...),
		&inferra.Column{Name: "g", Kind: inferra.Categorical, Codes: g, Levels: []string{"a", "b", "c"}},
		&inferra.Column{Name: "h", Kind: inferra.Categorical, Codes: h, Levels: []string{"u", "v"}})
	for _, c := range []struct {
		id     string
		params map[string]string
	}{
		{"boxplot", map[string]string{"group": "g", "value": "y"}},
		{"histogram", map[string]string{"x": "x"}},
		{"kde", map[string]string{"x": "x"}},
		{"kde", map[string]string{"x": "x", "hue": "g"}},
		{"scatter", map[string]string{"x": "x", "y": "y"}},
		{"regplot", map[string]string{"x": "x", "y": "y"}},
		{"residuals", map[string]string{"formula": "y ~ x"}},
		{"crosstab", map[string]string{"x": "g", "y": "h"}},
		{"qqplot", map[string]string{"x": "x"}},
		{"qqplot", map[string]string{"x": "y", "dist": "uniform"}},
		{"ecdf", map[string]string{"x": "x", "y": "y"}},
		{"ecdf", map[string]string{"group": "h", "value": "y"}},
	} {
		for _, allowed := range []int64{1, 2, 3} {
			ctx := &endingCtx{Context: context.Background()}
			ctx.left.Store(allowed)
			ch, err := plots.Render(ctx, ds, c.id, c.params, plots.Options{})
			if allowed == 1 && !errors.Is(err, context.Canceled) {
				t.Errorf("Render(%s, %v) with the context ending after Render's first check = %v, %v; want context.Canceled",
					c.id, c.params, ch != nil, err)
			}
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("Render(%s, %v) = %v, want a chart or context.Canceled", c.id, c.params, err)
			}
		}
	}
}

// TestDensityStopsWhenCanceled: the KDE checks the context at every grid
// point, so a context ending mid-curve stops it there.
func TestDensityStopsWhenCanceled(t *testing.T) {
	t.Parallel()
	n := 20000
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Sin(float64(i)) * 3
	}
	ds := mustDataset(t, column("x", x...))
	// Render's check, readFrame's, then a few grid points.
	ctx := &endingCtx{Context: context.Background()}
	ctx.left.Store(5)
	if _, err := plots.Render(ctx, ds, "kde", map[string]string{"x": "x"}, plots.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Render(kde) with the context ending mid-curve = %v, want context.Canceled", err)
	}
}
