package stats_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// referenceCase is one case of testdata/reference.json, written by
// testdata/reference.py from scipy and statsmodels (see testdata/README.md).
type referenceCase struct {
	ID          string            `json:"id"`
	Dataset     string            `json:"dataset"`
	Analysis    string            `json:"analysis"`
	Params      map[string]string `json:"params"`
	Calls       []string          `json:"calls"`
	Expected    map[string]any    `json:"expected"`
	RowsUsed    int               `json:"rows_used"`
	RowsDropped int               `json:"rows_dropped"`
}

// Tolerances of the reference comparison (issues 3 and 4): statistics and
// estimates to relative 1e-9, p-values to relative 1e-6; regression
// coefficients (estimates, standard errors, t, intervals) to 1e-8, since
// statsmodels solves by a pseudo-inverse and Inferra by QR. scipy's
// Shapiro–Wilk runs in single precision, so fields under "normality" are
// held to what float32 arithmetic can promise.
const (
	relCoef      = 1e-8
	relStat      = 1e-9
	relP         = 1e-6
	absFloor     = 1e-12
	shapiroStat  = 2e-6 // absolute
	shapiroPRel  = 1e-3
	shapiroPAbs  = 2e-6
	referenceDir = "../testdata"
)

func loadReference(t *testing.T) []referenceCase {
	t.Helper()
	var all []referenceCase
	for _, f := range []struct {
		name string
		min  int
	}{{"reference.json", 35}, {"reference_ols.json", 12}, {"reference_more.json", 30}, {"reference_dist.json", 45}} {
		raw, err := os.ReadFile(filepath.Join(referenceDir, f.name))
		if err != nil {
			t.Fatalf("reading the reference values: %v", err)
		}
		var cases []referenceCase
		if err := json.Unmarshal(raw, &cases); err != nil {
			t.Fatalf("decoding %s: %v", f.name, err)
		}
		if len(cases) < f.min {
			t.Fatalf("%s has %d cases, want at least %d", f.name, len(cases), f.min)
		}
		all = append(all, cases...)
	}
	return all
}

// TestReference runs every case of testdata/reference.json through
// stats.Run and compares every field of the result, in both directions: a
// field we report that the reference lacks fails too, so nothing we print
// goes unchecked.
func TestReference(t *testing.T) {
	cases := loadReference(t)
	datasets := map[string]*inferra.Dataset{}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.Analysis] = true
		t.Run(c.ID, func(t *testing.T) {
			ds, ok := datasets[c.Dataset]
			if !ok {
				var err error
				ds, err = load.File(filepath.Join(referenceDir, c.Dataset), load.Options{})
				if err != nil {
					t.Fatalf("loading %s: %v", c.Dataset, err)
				}
				datasets[c.Dataset] = ds
			}
			res, err := stats.Run(context.Background(), ds, c.Analysis, c.Params)
			if err != nil {
				t.Fatalf("Run(%s, %v): %v", c.Analysis, c.Params, err)
			}
			raw, err := json.Marshal(res.Stats)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			// The shapiro analysis is scipy's single-precision Shapiro–Wilk.
			for _, d := range compareJSON("result", got, c.Expected, c.Analysis == "shapiro") {
				t.Errorf("%s (reference: %s)", d, strings.Join(c.Calls, "; "))
			}
			if res.RowsUsed != c.RowsUsed || res.RowsDropped != c.RowsDropped {
				t.Errorf("rows used/dropped = %d/%d, want %d/%d", res.RowsUsed, res.RowsDropped, c.RowsUsed, c.RowsDropped)
			}
			if res.Report == "" {
				t.Errorf("empty report")
			}
		})
	}
	for _, s := range stats.Specs() {
		if !seen[s.ID] {
			t.Errorf("analysis %s has no reference case", s.ID)
		}
	}
}

// compareJSON returns a description of every difference between got and
// want, decoded JSON values, at path.
func compareJSON(path string, got, want any, shapiro bool) []string {
	var diffs []string
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s = %v, want an object", path, got)}
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			wv, inWant := w[k]
			gv, inGot := g[k]
			switch {
			case !inGot:
				diffs = append(diffs, fmt.Sprintf("%s.%s missing, want %v", path, k, wv))
			case !inWant:
				diffs = append(diffs, fmt.Sprintf("%s.%s = %v has no reference value", path, k, gv))
			default:
				diffs = append(diffs, compareJSON(path+"."+k, gv, wv, shapiro || k == "normality")...)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s = %v, want %v", path, got, want)}
		}
		for i := range w {
			diffs = append(diffs, compareJSON(fmt.Sprintf("%s[%d]", path, i), g[i], w[i], shapiro)...)
		}
	case float64:
		g, ok := got.(float64)
		if !ok {
			return []string{fmt.Sprintf("%s = %v, want %v", path, got, w)}
		}
		if !closeEnough(path, g, w, shapiro) {
			rel := math.Abs(g-w) / math.Max(math.Abs(w), absFloor)
			diffs = append(diffs, fmt.Sprintf("%s = %.17g, want %.17g (rel. diff %.2g)", path, g, w, rel))
		}
	default:
		if got != want {
			diffs = append(diffs, fmt.Sprintf("%s = %v, want %v", path, got, want))
		}
	}
	return diffs
}

func closeEnough(path string, got, want float64, shapiro bool) bool {
	isP := strings.HasSuffix(path, "p_value")
	diff := math.Abs(got - want)
	switch {
	case shapiro && isP:
		return diff <= shapiroPAbs || diff <= shapiroPRel*math.Abs(want)
	case shapiro && strings.HasSuffix(path, "statistic"):
		return diff <= shapiroStat
	case isP:
		return diff <= absFloor*1e-300 || diff <= relP*math.Abs(want)
	case strings.Contains(path, ".coefficients["):
		return diff <= absFloor || diff <= relCoef*math.Abs(want)
	}
	return diff <= absFloor || diff <= relStat*math.Abs(want)
}

// TestCompareJSONFindsDifferences keeps the comparison honest: it must
// report a changed, a missing and an unreferenced field.
func TestCompareJSONFindsDifferences(t *testing.T) {
	want := map[string]any{"statistic": 2.0, "p_value": 0.05, "groups": []any{map[string]any{"n": 3.0}}}
	cases := []struct {
		name string
		got  map[string]any
		n    int
	}{
		{"equal", map[string]any{"statistic": 2.0, "p_value": 0.05, "groups": []any{map[string]any{"n": 3.0}}}, 0},
		{"stat off by 1e-8", map[string]any{"statistic": 2.00000002, "p_value": 0.05, "groups": []any{map[string]any{"n": 3.0}}}, 1},
		{"p off by 1e-5", map[string]any{"statistic": 2.0, "p_value": 0.0500005, "groups": []any{map[string]any{"n": 3.0}}}, 1},
		{"missing and extra", map[string]any{"statistic": 2.0, "pvalue": 0.05, "groups": []any{map[string]any{"n": 3.0}}}, 2},
		{"nested", map[string]any{"statistic": 2.0, "p_value": 0.05, "groups": []any{map[string]any{"n": 4.0}}}, 1},
	}
	for _, c := range cases {
		if d := compareJSON("result", c.got, want, false); len(d) != c.n {
			t.Errorf("%s: compareJSON found %d differences %q, want %d", c.name, len(d), d, c.n)
		}
	}
}
