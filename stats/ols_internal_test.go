package stats

import (
	"context"
	"strings"
	"testing"

	"github.com/inferra/inferra"
)

func TestOLSReport(t *testing.T) {
	t.Parallel()
	ones := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	hours := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	dose := []float64{0, 1, 0, 1, 0, 1, 0, 1, 0, 1}
	score := []float64{52, 58, 55, 63, 60, 68, 62, 71, 66, 75}
	d := DenseDesign("score", []string{"Intercept", "hours", "C(dose)[T.1]"},
		[]DesignTerm{{"Intercept", 0, 1}, {"hours", 1, 2}, {"C(dose)", 2, 3}}, true,
		[][]float64{ones, hours, dose}, score)
	r, err := OLS(d, OLSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// statsmodels: rsquared 0.98799, rsquared_adj 0.98455, fvalue 287.85,
	// hours t = 19.34 (the largest), p = 2.5e-07.
	want := "Linear regression of score on hours and C(dose): R² = .99, adjusted R² = .98, F(2, 7) = 287.85, p < .001. " +
		"The coefficient largest relative to its standard error is hours: b = 1.93 (SE = 0.10), t(7) = 19.34, p < .001."
	if got := olsReport(d, r); got != want {
		t.Errorf("olsReport = %q, want %q", got, want)
	}
	r, err = OLS(d, OLSOptions{Cov: "HC3"})
	if err != nil {
		t.Fatal(err)
	}
	if got := olsReport(d, r); !strings.Contains(got, "(HC3 robust standard errors)") || !strings.Contains(got, ", z = ") {
		t.Errorf("olsReport with HC3 = %q, want it to name HC3 and z", got)
	}
}

func TestRunOLSParams(t *testing.T) {
	t.Parallel()
	ds := &inferra.Dataset{}
	for _, tc := range []struct {
		params map[string]string
		want   string
	}{
		{map[string]string{}, `ols needs the parameter "formula"`},
		{map[string]string{"formula": "y ~ x", "cov": "HC0"}, `unknown covariance "HC0"`},
	} {
		_, err := runOLS(context.Background(), ds, tc.params, Options{})
		if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("runOLS(%v) error = %v, want EInvalid saying %q", tc.params, err, tc.want)
		}
	}
}
