package plots_test

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/plots"
)

var (
	bench1MOnce sync.Once
	bench1M     *inferra.Dataset
)

// workload1M builds in memory a dataset shaped like the benchmark workload
// of scripts/bench/gen.py (1,000,000 rows): dept with 8 levels, x1 normal,
// y linear in x1 plus noise by dept.
func workload1M(b *testing.B) *inferra.Dataset {
	b.Helper()
	bench1MOnce.Do(func() {
		const n = 1_000_000
		r := rand.New(rand.NewPCG(1, 2))
		dept := &inferra.Column{Name: "dept", Kind: inferra.Categorical, Codes: make([]int32, n),
			Levels: []string{"A", "B", "C", "D", "E", "F", "G", "H"}}
		x1 := &inferra.Column{Name: "x1", Kind: inferra.Numeric, Floats: make([]float64, n)}
		y := &inferra.Column{Name: "y", Kind: inferra.Numeric, Floats: make([]float64, n)}
		for i := range n {
			d := r.IntN(8)
			dept.Codes[i] = int32(d)
			x1.Floats[i] = r.NormFloat64()
			y.Floats[i] = 10 + 0.5*x1.Floats[i] + 0.2*float64(d) + r.NormFloat64()*math.Sqrt(2)
		}
		// arm (three levels, by row number, drawing nothing from r) is the
		// second factor of the contingency chart.
		arm := &inferra.Column{Name: "arm", Kind: inferra.Categorical, Codes: make([]int32, n), Levels: []string{"a", "b", "c"}}
		for i := range n {
			arm.Codes[i] = int32(i % 3)
		}
		ds, err := inferra.NewDataset([]*inferra.Column{dept, x1, y, arm})
		if err != nil {
			panic(err)
		}
		bench1M = ds
	})
	return bench1M
}

func BenchmarkRender1M(b *testing.B) {
	cases := []struct {
		id     string
		params map[string]string
	}{
		{"boxplot", map[string]string{"group": "dept", "value": "y"}},
		{"histogram", map[string]string{"x": "y"}},
		{"kde", map[string]string{"x": "y"}},
		{"scatter", map[string]string{"x": "x1", "y": "y"}},
		{"regplot", map[string]string{"x": "x1", "y": "y"}},
		{"crosstab", map[string]string{"x": "dept", "y": "arm"}},
		{"qqplot", map[string]string{"x": "y"}},
		{"qqplot_gamma", map[string]string{"x": "y", "dist": "gamma"}},
		{"ecdf", map[string]string{"x": "x1", "y": "y"}},
	}
	ds := workload1M(b)
	for _, c := range cases {
		id, _, _ := strings.Cut(c.id, "_")
		b.Run(c.id, func(b *testing.B) {
			for b.Loop() {
				if _, err := plots.Render(context.Background(), ds, id, c.params, plots.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
