package stats_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// TestOLSExact compares ill-conditioned fits with the exact least-squares
// solution, computed in rational arithmetic by testdata/reference_exact.py
// (statsmodels' own answers are off there: its pseudo-inverse loses a
// 1e-5 signal on a 1e9 offset and drops a column scaled 1e-8 beside one
// scaled 1e8).
func TestOLSExact(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(referenceDir, "reference_exact.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		ID        string    `json:"id"`
		Dataset   string    `json:"dataset"`
		Formula   string    `json:"formula"`
		Terms     []string  `json:"terms"`
		Estimates []float64 `json:"estimates"`
		RSquared  float64   `json:"r_squared"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases in reference_exact.json")
	}
	for _, c := range cases {
		ds, err := load.File(filepath.Join(referenceDir, c.Dataset), load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := stats.Run(context.Background(), ds, "ols", map[string]string{"formula": c.Formula})
		if err != nil {
			t.Errorf("%s: %v", c.ID, err)
			continue
		}
		fit := res.Stats.(*stats.OLSResult)
		for i, want := range c.Estimates {
			co := fit.Coefficients[i]
			if co.Term != c.Terms[i] || math.Abs(co.Estimate-want) > 1e-8*math.Abs(want) {
				t.Errorf("%s: %s = %.17g, want %s = %.17g (exact)", c.ID, co.Term, co.Estimate, c.Terms[i], want)
			}
		}
		if math.Abs(fit.RSquared-c.RSquared) > 1e-9*c.RSquared {
			t.Errorf("%s: R² = %.17g, want %.17g (exact)", c.ID, fit.RSquared, c.RSquared)
		}
	}
}
