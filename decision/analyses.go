package decision

import "slices"

// Analysis is an allow-listed analysis: its id, the Go function that runs
// it and its parameter names, as in ARCHITECTURE.md. The rules, the LLM
// fallback and the user may only ever name these.
type Analysis struct {
	// ID is the analysis id, such as "ttest_ind".
	ID string `json:"id"`
	// Library is "stats" or "plots"; Function is the exported function of
	// that package, such as "TTestInd".
	Library  string `json:"library"`
	Function string `json:"function"`
	// Params are the required parameters, Optional the accepted ones.
	Params   []string `json:"params"`
	Optional []string `json:"optional,omitempty"`
}

// analyses is the allow-list, in the order of ARCHITECTURE.md. The stats
// entries agree with stats.Specs (a test checks it); decision does not
// import stats, so that it depends on the root package only.
var analyses = []Analysis{
	{ID: "ttest_ind", Library: "stats", Function: "TTestInd", Params: []string{"group", "value"}},
	{ID: "ttest_rel", Library: "stats", Function: "TTestRel", Params: []string{"x", "y"}},
	{ID: "f_oneway", Library: "stats", Function: "FOneway", Params: []string{"group", "value"}},
	{ID: "pearsonr", Library: "stats", Function: "PearsonR", Params: []string{"x", "y"}},
	{ID: "spearmanr", Library: "stats", Function: "SpearmanR", Params: []string{"x", "y"}},
	{ID: "ols", Library: "stats", Function: "OLS", Params: []string{"formula"}, Optional: []string{"cov"}},
	{ID: "mannwhitneyu", Library: "stats", Function: "MannWhitneyU", Params: []string{"group", "value"}},
	{ID: "kruskal", Library: "stats", Function: "Kruskal", Params: []string{"group", "value"}},
	{ID: "wilcoxon", Library: "stats", Function: "Wilcoxon", Params: []string{"x", "y"}},
	{ID: "boxplot", Library: "plots", Function: "Boxplot", Params: []string{"group", "value"}},
	{ID: "scatter", Library: "plots", Function: "Scatter", Params: []string{"x", "y"}, Optional: []string{"hue"}},
	{ID: "regplot", Library: "plots", Function: "Regplot", Params: []string{"x", "y"}},
	{ID: "histogram", Library: "plots", Function: "Histogram", Params: []string{"x"}, Optional: []string{"bins"}},
	{ID: "kde", Library: "plots", Function: "KDE", Params: []string{"x"}, Optional: []string{"hue"}},
	// Issue 17: descriptives, tables of counts, Kendall and partial
	// correlation, the one-sample t-test.
	{ID: "describe", Library: "stats", Function: "Describe", Params: []string{"x"}, Optional: []string{"group", "stat"}},
	{ID: "chi2_contingency", Library: "stats", Function: "Chi2Contingency", Params: []string{"x", "y"}},
	{ID: "fisher_exact", Library: "stats", Function: "FisherExact", Params: []string{"x", "y"}},
	{ID: "mantel_haenszel", Library: "stats", Function: "MantelHaenszel", Params: []string{"x", "y", "strata"}},
	{ID: "kendalltau", Library: "stats", Function: "KendallTau", Params: []string{"x", "y"}},
	{ID: "partial_corr", Library: "stats", Function: "PartialCorr", Params: []string{"x", "y", "covar"}},
	{ID: "ttest_1samp", Library: "stats", Function: "TTest1Samp", Params: []string{"x", "popmean"}},
	// Issue 17: variances, normality and distributions, post-hoc tests.
	// The two-sample ones take x and y or group and value (stats.Spec.Forms).
	{ID: "levene", Library: "stats", Function: "Levene", Params: []string{}, Optional: sampleParams},
	{ID: "bartlett", Library: "stats", Function: "Bartlett", Params: []string{}, Optional: sampleParams},
	{ID: "mood", Library: "stats", Function: "Mood", Params: []string{}, Optional: sampleParams},
	{ID: "f_test", Library: "stats", Function: "FTest", Params: []string{}, Optional: sampleParams},
	{ID: "shapiro", Library: "stats", Function: "ShapiroWilk", Params: []string{"x"}},
	{ID: "anderson", Library: "stats", Function: "AndersonDarling", Params: []string{"x"}},
	{ID: "lilliefors", Library: "stats", Function: "Lilliefors", Params: []string{"x"}},
	{ID: "kstest", Library: "stats", Function: "KSTest", Params: []string{"x"}, Optional: []string{"dist"}},
	{ID: "ks_2samp", Library: "stats", Function: "KS2Samp", Params: []string{}, Optional: sampleParams},
	{ID: "tukey_hsd", Library: "stats", Function: "TukeyHSD", Params: []string{"group", "value"}},
	{ID: "games_howell", Library: "stats", Function: "GamesHowell", Params: []string{"group", "value"}},
}

// categorical lists the analyses whose x and y (and strata) are columns
// of categories rather than measures, with the number of levels each must
// have (0: two or more).
var categorical = map[string]int{"chi2_contingency": 0, "fisher_exact": 2, "mantel_haenszel": 2}

// sampleParams are the parameters of the analyses that compare two or more
// samples given as two columns (x, y) or as one split by groups (group,
// value); stats.Run checks that exactly one form is given.
var sampleParams = []string{"x", "y", "group", "value"}

// Analyses returns the allow-list of analyses.
func Analyses() []Analysis {
	out := make([]Analysis, len(analyses))
	for i, a := range analyses {
		a.Params = slices.Clone(a.Params)
		a.Optional = slices.Clone(a.Optional)
		out[i] = a
	}
	return out
}

// LookupAnalysis returns the allow-listed analysis with the given id.
func LookupAnalysis(id string) (Analysis, bool) {
	for _, a := range analyses {
		if a.ID == id {
			a.Params = slices.Clone(a.Params)
			a.Optional = slices.Clone(a.Optional)
			return a, true
		}
	}
	return Analysis{}, false
}

func analysisIDs() []string {
	ids := make([]string, len(analyses))
	for i, a := range analyses {
		ids[i] = a.ID
	}
	return ids
}
