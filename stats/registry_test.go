package stats_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

func TestColumns(t *testing.T) {
	cases := []struct {
		id     string
		params map[string]string
		want   []string
	}{
		{"ttest_ind", map[string]string{"group": "g", "value": "v"}, []string{"g", "v"}},
		{"pearsonr", map[string]string{"x": "a", "y": "a"}, []string{"a"}},
		{"pearsonr", map[string]string{"x": "a"}, nil},
		{"ttest_ind", map[string]string{"group": "g", "value": "v", "extra": "z"}, []string{"g", "v"}},
		{"nope", map[string]string{"x": "a"}, nil},
	}
	for _, c := range cases {
		if got := stats.Columns(c.id, c.params); !slices.Equal(got, c.want) {
			t.Errorf("Columns(%s, %v) = %q, want %q", c.id, c.params, got, c.want)
		}
	}
}

// TestForms checks the analyses that take x and y or group and value:
// exactly one form, given in full, or an EInvalid error that says so.
func TestForms(t *testing.T) {
	ds, err := load.ReadCSV(strings.NewReader("g,v,a,b\np,1,2,3\np,2,3,5\np,4,1,2\nq,3,7,1\nq,8,2,9\nq,5,4,4\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		params map[string]string
		want   string // "" for success
	}{
		{map[string]string{"x": "a", "y": "b"}, ""},
		{map[string]string{"group": "g", "value": "v"}, ""},
		{map[string]string{}, "needs the parameters x and y, or group and value"},
		{map[string]string{"x": "a"}, `needs the parameter "y" too`},
		{map[string]string{"x": "a", "y": "b", "group": "g"}, "not both"},
		{map[string]string{"x": "a", "y": "b", "bins": "3"}, "not bins"},
	}
	for _, c := range cases {
		_, err := stats.Run(context.Background(), ds, "bartlett", c.params)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("Run(bartlett, %v): %v", c.params, err)
		case c.want != "" && (inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), c.want)):
			t.Errorf("Run(bartlett, %v) = %v, want an EInvalid error containing %q", c.params, err, c.want)
		}
	}
	if got := stats.Columns("levene", map[string]string{"x": "a", "y": "b"}); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Columns(levene, x, y) = %q", got)
	}
	if got := stats.Columns("levene", map[string]string{"x": "a", "group": "g"}); got != nil {
		t.Errorf("Columns(levene, x, group) = %q, want nil", got)
	}
}
