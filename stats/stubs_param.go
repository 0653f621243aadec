package stats

// Placeholders replaced by the parametric tests (ttest.go, anova.go, corr.go).

import "github.com/inferra/inferra"

func notYet(id string) (*inferra.Result, error) {
	return nil, inferra.Errorf(inferra.EUnsupported, "%s is not implemented yet", id)
}

func runTTestInd(ds *inferra.Dataset, p map[string]string) (*inferra.Result, error) {
	return notYet("ttest_ind")
}
func runTTestRel(ds *inferra.Dataset, p map[string]string) (*inferra.Result, error) {
	return notYet("ttest_rel")
}
func runFOneway(ds *inferra.Dataset, p map[string]string) (*inferra.Result, error) {
	return notYet("f_oneway")
}
func runPearsonR(ds *inferra.Dataset, p map[string]string) (*inferra.Result, error) {
	return notYet("pearsonr")
}
func runSpearmanR(ds *inferra.Dataset, p map[string]string) (*inferra.Result, error) {
	return notYet("spearmanr")
}
