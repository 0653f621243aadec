package plots

import "testing"

// TestPlainFormula checks that a chart writes a formula's quoted names
// as the reader knows them.
func TestPlainFormula(t *testing.T) {
	for in, want := range map[string]string{
		"price ~ Q('floor.area') + age":   "price ~ floor.area + age",
		` Q("Weight (kg)") ~ C(region) `:  "Weight (kg) ~ C(region)",
		"np.log(Q('floor.area')) ~ x * z": "np.log(floor.area) ~ x * z",
		"y ~ x":                           "y ~ x",
	} {
		if got := plainFormula(in); got != want {
			t.Errorf("plainFormula(%q) = %q, want %q", in, got, want)
		}
	}
}
