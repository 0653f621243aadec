package inferra_test

import (
	"fmt"
	"testing"

	"github.com/inferra/inferra"
)

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"yield", "yield", 0},
		{"yield", "yeild", 1},
		{"yield", "yeld", 1},
		{"yield", "yields", 1},
		{"yield", "yiald", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // no substring is edited twice
		{"dose", "sode", 2},
		{"treatment", "tretament", 1},
	} {
		if got := inferra.EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := inferra.EditDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (symmetry)", tc.b, tc.a, got, tc.want)
		}
	}
}

// TestEditDistanceOneSlip checks every single slip of a word (a byte
// deleted, inserted, replaced or swapped with its neighbour) is at
// distance 1, unless it leaves the word unchanged.
func TestEditDistanceOneSlip(t *testing.T) {
	const w = "regression"
	var slips []string
	for i := range len(w) + 1 {
		if i < len(w) {
			slips = append(slips, w[:i]+w[i+1:], w[:i]+"x"+w[i+1:])
		}
		if i+1 < len(w) {
			slips = append(slips, w[:i]+w[i+1:i+2]+w[i:i+1]+w[i+2:])
		}
		slips = append(slips, w[:i]+"e"+w[i:])
	}
	for _, s := range slips {
		want := 1
		if s == w {
			want = 0
		}
		if got := inferra.EditDistance(w, s); got != want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", w, s, got, want)
		}
	}
}

func ExampleEditDistance() {
	fmt.Println(inferra.EditDistance("yield", "yeild"))
	fmt.Println(inferra.EditDistance("kitten", "sitting"))
	// Output:
	// 1
	// 3
}
