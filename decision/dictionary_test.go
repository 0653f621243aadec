package decision_test

import (
	"context"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
)

// TestDictionaryNamesColumns checks that a column's description and its
// level labels, from the dataset's dictionary, name it in questions.
func TestDictionaryNamesColumns(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("mpg,am,wt,hp\n")
	for i := range 32 {
		b.WriteString(strings.Join([]string{
			[]string{"21.5", "18.25", "30.75", "15.5"}[i%4], []string{"0", "1"}[i%2],
			[]string{"2.62", "3.44", "1.84", "5.25"}[(i/2)%4], []string{"110", "175", "66", "245"}[(i/3)%4],
		}, ",") + "\n")
	}
	ds, err := load.ParseCSV([]byte(b.String()), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dict, err := inferra.ReadDictionary(strings.NewReader(`{"columns": {
		"mpg": {"description": "fuel economy in miles per gallon"},
		"am":  {"description": "transmission", "levels": {"0": "automatic", "1": "manual"}},
		"wt":  {"description": "weight in 1000 lbs"},
		"hp":  {"description": "gross horsepower"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		prompt, analysis string
		params           map[string]string
	}{
		{"Do manual cars have better fuel economy than automatic ones?", "ttest_ind", map[string]string{"group": "am", "value": "mpg"}},
		{"Is gross power correlated with weight?", "pearsonr", map[string]string{"x": "hp", "y": "wt"}},
		{"boxplot of fuel economy by transmission", "boxplot", map[string]string{"group": "am", "value": "mpg"}},
	}
	for _, described := range []bool{false, true} {
		if described {
			if err := ds.Describe(dict); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range cases {
			d, err := e.Decide(context.Background(), c.prompt, ds.Schema())
			if err != nil {
				t.Fatal(err)
			}
			right := d.Analysis == c.analysis
			for k, v := range c.params {
				if d.Params[k] != v && !(c.analysis == "pearsonr" && (d.Params["x"] == c.params["y"] && d.Params["y"] == c.params["x"])) {
					right = false
				}
			}
			if described && !right {
				t.Errorf("with the dictionary, Decide(%q) = %s %v (%s), want %s %v", c.prompt, d.Analysis, d.Params, d.Question, c.analysis, c.params)
			}
			if !described && right {
				t.Errorf("without the dictionary, Decide(%q) = %s %v: the test does not need the dictionary", c.prompt, d.Analysis, d.Params)
			}
		}
	}
	if err := ds.Describe(&inferra.Dictionary{Columns: map[string]inferra.ColumnLabel{"mgp": {Description: "typo"}}}); err == nil || !strings.Contains(err.Error(), `did you mean "mpg"`) {
		t.Errorf("Describe with an unknown column: %v, want an error suggesting mpg", err)
	}
}
