package stats_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// TestRunLeavesColumnsAlone checks that no analysis modifies the dataset:
// columns without missing values are handed to the analyses as they are,
// so an analysis that sorted its input in place would corrupt the next one.
func TestRunLeavesColumnsAlone(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var b strings.Builder
	b.WriteString("g,k,h,z,x,y\n")
	for i := 0; i < 300; i++ {
		b.WriteString([]string{"a", "b"}[i%2] + "," + []string{"p", "q", "r"}[i%3] + "," + []string{"u", "v"}[i%5%2] + ",")
		b.WriteString(strconv.FormatFloat(rng.NormFloat64(), 'f', 3, 64) + ",")
		b.WriteString(strconv.FormatFloat(rng.NormFloat64(), 'f', 4, 64) + ",")
		b.WriteString(strconv.FormatFloat(float64(rng.IntN(20)), 'f', -1, 64) + "\n")
	}
	ds, err := load.ReadCSV(strings.NewReader(b.String()), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := map[string][]float64{}
	for _, c := range ds.Columns {
		if c.Kind == inferra.Numeric {
			before[c.Name] = slices.Clone(c.Floats)
		}
	}
	for _, s := range stats.Specs() {
		params := map[string]string{"group": "g", "value": "x", "x": "x", "y": "y", "formula": "y ~ x + np.log(y + 1) + C(k)"}
		if s.ID == "f_oneway" || s.ID == "kruskal" || s.ID == "tukey_hsd" || s.ID == "games_howell" {
			params["group"] = "k"
		}
		switch s.ID {
		case "chi2_contingency":
			params["x"], params["y"] = "g", "k"
		case "fisher_exact", "mantel_haenszel":
			params["x"], params["y"], params["strata"] = "g", "h", "k"
		case "partial_corr":
			params["covar"] = "z"
		case "ttest_1samp":
			params["popmean"] = "0.1"
		}
		p := map[string]string{}
		names := s.Params
		if len(s.Forms) > 0 {
			names = s.Forms[len(s.Forms)-1] // group and value
		}
		for _, name := range names {
			p[name] = params[name]
		}
		if s.ID == "mood" || s.ID == "f_test" || s.ID == "ks_2samp" {
			p["group"] = "g"
		}
		if _, err := stats.Run(context.Background(), ds, s.ID, p); err != nil {
			t.Fatalf("Run(%s): %v", s.ID, err)
		}
		for name, want := range before {
			c, _ := ds.Column(name)
			if !slices.Equal(c.Floats, want) {
				t.Fatalf("Run(%s) modified column %q", s.ID, name)
			}
		}
	}
}
