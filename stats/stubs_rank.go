package stats

// Placeholders replaced by the rank-based tests (mannwhitney.go,
// wilcoxon.go, kruskal.go, shapiro.go).

import "github.com/inferra/inferra"

// MannWhitneyUResult is a placeholder.
type MannWhitneyUResult struct{ Test }

// WilcoxonResult is a placeholder.
type WilcoxonResult struct{ Test }

// KruskalResult is a placeholder.
type KruskalResult struct {
	Test
	DF float64 `json:"df"`
}

// MannWhitneyU is a placeholder.
func MannWhitneyU(x, y []float64) (*MannWhitneyUResult, error) { return nil, errStub }

// Wilcoxon is a placeholder.
func Wilcoxon(x, y []float64) (*WilcoxonResult, error) { return nil, errStub }

// Kruskal is a placeholder.
func Kruskal(groups ...[]float64) (*KruskalResult, error) { return nil, errStub }

// ShapiroWilk is a placeholder.
func ShapiroWilk(x []float64) (*Test, error) { return nil, errStub }

var errStub = inferra.Errorf(inferra.EUnsupported, "not implemented yet")

func runMannWhitneyU(ds *inferra.Dataset, p map[string]string) (*inferra.Result, error) {
	return nil, errStub
}
func runWilcoxon(ds *inferra.Dataset, p map[string]string) (*inferra.Result, error) {
	return nil, errStub
}
func runKruskal(ds *inferra.Dataset, p map[string]string) (*inferra.Result, error) {
	return nil, errStub
}
