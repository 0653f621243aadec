package stats_test

import (
	"slices"
	"testing"

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
