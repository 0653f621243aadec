package stats_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// FuzzOLS runs formulas through the whole regression path (parse, model
// matrix, fit, diagnostics) on a small dataset with numeric, string,
// boolean and missing values: nothing may panic, every failure must be a
// user-facing error (never "internal"), and a success has a report.
func FuzzOLS(f *testing.F) {
	ds, err := load.File(filepath.Join(referenceDir, "data", "houses.csv"), load.Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"price ~ age",
		"price ~ Q('floor.area') * region + garage",
		"np.log(price) ~ I(age ** 2) + C(region, Treatment(reference='north')) - 1",
		"price ~ age:region + C(garage)",
		"price ~ (age + region):garage + 0",
		"price ~ I(age / 0)",
		"age ~ age",
		"price ~ 1",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, formula string, hc3 bool) {
		params := map[string]string{"formula": formula}
		if hc3 {
			params["cov"] = "HC3"
		}
		res, err := stats.Run(context.Background(), ds, "ols", params)
		if err != nil {
			if code := inferra.ErrorCode(err); code == inferra.EInternal || code == "" {
				t.Fatalf("formula %q: error %v has code %q, want a user-facing code", formula, err, code)
			}
			return
		}
		if res.Report == "" || res.RowsUsed == 0 {
			t.Fatalf("formula %q: empty report or no rows used", formula)
		}
	})
}
