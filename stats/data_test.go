package stats_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// TestGroupingMessages checks the messages for grouping columns that
// cannot group: a level that lost all its values to missing data, and a
// numeric column that is a measurement, not codes.
func TestGroupingMessages(t *testing.T) {
	t.Parallel()
	var cont strings.Builder
	cont.WriteString("g,v\n")
	for i := range 40 {
		fmt.Fprintf(&cont, "%d.%d,%d\n", i, i%7, i%5)
	}
	cases := []struct {
		name, csv, analysis string
		want                []string
	}{
		{"level emptied, two-group test", "g,v\na,1\na,2\nb,NA\nb,\n", "ttest_ind", []string{`"b"`, "no non-missing values"}},
		{"level emptied, k-group test", "g,v\na,1\na,2\nb,NA\n", "f_oneway", []string{`"b"`, "no non-missing values"}},
		{"level emptied, kruskal", "g,v\na,1\na,2\nb,NA\n", "kruskal", []string{`"b"`, "no non-missing values"}},
		{"three levels", "g,v\na,1\na,2\nb,3\nb,4\nc,5\nc,6\n", "mannwhitneyu", []string{"exactly two", "f_oneway or kruskal"}},
		{"continuous group", cont.String(), "f_oneway", []string{"looks continuous", "pearsonr"}},
	}
	for _, c := range cases {
		ds, err := load.ReadCSV(strings.NewReader(c.csv), load.Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		_, err = stats.Run(context.Background(), ds, c.analysis, map[string]string{"group": "g", "value": "v"})
		if inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("%s: error %v, want invalid_input", c.name, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: message %q lacks %q", c.name, err, w)
			}
		}
	}
}

// TestNonNumericValueNamed checks that a typo in a numeric column is named
// with its line, rather than the column being described as categorical.
func TestNonNumericValueNamed(t *testing.T) {
	t.Parallel()
	ds, err := load.ReadCSV(strings.NewReader("g,v\na,1\na,2\nb,12..5\nb,4\nb,5\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = stats.Run(context.Background(), ds, "ttest_ind", map[string]string{"group": "g", "value": "v"})
	if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), `"12..5"`) || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("error %v, want invalid_input naming \"12..5\" on line 4", err)
	}
}
