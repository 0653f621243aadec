// Package applicable decides which analyses answer a decision's question
// on the data at hand: the decided analysis and the others of its family
// (the correlation coefficients, the variance tests, the normality tests,
// the tests of a table of counts, the comparisons of groups), each kept
// only when its conditions hold on the data — normality by
// Anderson–Darling at 5 %, expected counts for the chi-square test, a
// 2×2 table for Fisher's exact test, binary strata for Mantel–Haenszel,
// sample sizes.
//
// The rule engine (package decision) reads only the schema, so it cannot
// make these checks; this package reads the data through package stats:
//
//	d, _ := engine.Decide(ctx, prompt, ds.Schema())
//	applicable.Apply(ctx, ds, d) // d.Applicable, and a primary that applies
//
// The conditions follow the applicability scripts of the StatQA benchmark
// (HKUSTDial, NeurIPS 2024): Pearson's and Spearman's coefficients for 50
// pairs or more and Kendall's tau at any size; Mood's test always, Levene's
// for more than two observations a sample, Bartlett's and the F test only
// for normal samples; Anderson–Darling and Kolmogorov–Smirnov always,
// Shapiro–Wilk under 50 observations and Lilliefors over 50; the
// chi-square test with no expected count below 1 and at most a fifth
// below 5; Fisher's exact test on a 2×2 table.
package applicable

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats"
)

// candidate is one analysis of a family and the verdict of its checks.
type candidate struct {
	analysis string
	params   map[string]string
	ok       bool
	// reason says why it applies (ok) or why not (a sentence naming
	// the analysis, such as "Bartlett's test does not apply: …").
	reason string
	checks []string
}

// For returns the analyses that answer d's question on ds: the decided
// analysis and the others of its family whose conditions hold, each with
// its reason and the checks that decided it, the decided one first when
// it applies. A no-decision has none. When the decided analysis fails its
// own conditions it is left out (Apply then replaces it by the first that
// applies); when no analysis of the family applies, or the data cannot be
// read, the list holds the decided analysis alone, its reason saying why.
func For(ctx context.Context, ds *inferra.Dataset, d *inferra.Decision) []inferra.Applicable {
	apply, _ := assess(ctx, ds, d)
	return apply
}

// Apply sets d.Applicable to For(ctx, ds, d) and adds to d.Evidence why
// the other analyses of the family do not apply ("Bartlett's test does not
// apply: `Salary` is not normal …; use Levene's or Mood's test"). When the
// decided analysis does not apply and another does, that one becomes the
// decision's analysis (with its parameters and function), and the evidence
// says so. A no-decision is left as it is.
func Apply(ctx context.Context, ds *inferra.Dataset, d *inferra.Decision) {
	if d == nil || d.Analysis == "" {
		return
	}
	apply, notes := assess(ctx, ds, d)
	d.Applicable = apply
	d.Evidence = append(d.Evidence, notes...)
	if len(apply) == 0 || apply[0].Analysis == d.Analysis && maps.Equal(apply[0].Params, d.Params) {
		return
	}
	if slices.ContainsFunc(apply, func(a inferra.Applicable) bool { return a.Analysis == d.Analysis }) {
		return
	}
	was := d.Analysis
	d.Analysis, d.Params = apply[0].Analysis, maps.Clone(apply[0].Params)
	if spec, ok := stats.Lookup(d.Analysis); ok {
		d.Function = spec.Function
	}
	d.Evidence = append(d.Evidence, fmt.Sprintf("%s replaces %s, whose conditions do not hold on this data", d.Analysis, was))
	d.Explanation = strings.TrimSpace(fmt.Sprintf("%s %s does not apply to this data, so %s is used instead.",
		d.Explanation, upper(name(was)), name(d.Analysis)))
}

// assess runs the checks of d's family and returns the analyses that
// apply and the sentences saying why the others do not.
func assess(ctx context.Context, ds *inferra.Dataset, d *inferra.Decision) ([]inferra.Applicable, []string) {
	if d == nil || d.Analysis == "" || ds == nil {
		return nil, nil
	}
	if ctx.Err() != nil {
		return only(d, "the checks were not run: "+ctx.Err().Error()), nil
	}
	var (
		cands []candidate
		err   error
	)
	p := d.Params
	switch d.Analysis {
	case "pearsonr", "spearmanr", "kendalltau":
		cands, err = correlation(ds, p)
	case "levene", "bartlett", "mood", "f_test":
		cands, err = variance(ds, d.Analysis, p)
	case "shapiro", "anderson", "lilliefors":
		cands, err = normality(ds, d.Analysis, p)
	case "kstest":
		if dist := p["dist"]; dist == "" || dist == "norm" {
			cands, err = normality(ds, d.Analysis, p)
		} else {
			cands, err = single(ds, d, "Kolmogorov–Smirnov test against a fitted "+dist+" distribution", []string{"x"})
		}
	case "chi2_contingency", "fisher_exact":
		cands, err = contingency(ds, p)
	case "mantel_haenszel":
		cands, err = mantelHaenszel(ds, p)
	case "ttest_ind", "mannwhitneyu", "f_oneway", "kruskal":
		cands, err = groups(ds, d.Analysis, p)
	case "ttest_rel", "wilcoxon":
		cands, err = paired(ds, p)
	case "tukey_hsd", "games_howell":
		cands, err = posthoc(ds, d.Analysis, p)
	case "ks_2samp":
		cands, err = single(ds, d, "two-sample Kolmogorov–Smirnov test of equal distributions", nil)
	case "partial_corr":
		cands, err = single(ds, d, "partial correlation controlling for "+p["covar"], []string{"x", "y"})
	case "describe":
		cands, err = single(ds, d, "descriptive statistics", []string{"x"})
	default:
		return only(d, "the analysis the question asks for"), nil
	}
	if err != nil {
		return only(d, "the data could not be checked: "+err.Error()), nil
	}
	return settle(d, cands)
}

// only is the decided analysis alone, with reason.
func only(d *inferra.Decision, reason string) []inferra.Applicable {
	return []inferra.Applicable{{Analysis: d.Analysis, Params: maps.Clone(d.Params), Reason: reason}}
}

// settle orders the candidates that apply (the decided analysis first)
// and collects the reasons of those that do not.
func settle(d *inferra.Decision, cands []candidate) ([]inferra.Applicable, []string) {
	var apply []inferra.Applicable
	var notes []string
	for _, c := range cands {
		if !c.ok {
			notes = append(notes, c.reason)
			continue
		}
		a := inferra.Applicable{Analysis: c.analysis, Params: c.params, Reason: c.reason, Checks: c.checks}
		if c.analysis == d.Analysis {
			apply = append([]inferra.Applicable{a}, apply...)
		} else {
			apply = append(apply, a)
		}
	}
	if len(apply) == 0 {
		reason := "no analysis of its family passes its checks on this data"
		if len(notes) > 0 {
			reason += ": " + strings.Join(notes, "; ")
		}
		return only(d, reason), notes
	}
	return apply, notes
}

// withParams returns a copy of p with the given name set to value ("" deletes).
func withParams(p map[string]string, kv ...string) map[string]string {
	out := maps.Clone(p)
	if out == nil {
		out = map[string]string{}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(out, kv[i])
		} else {
			out[kv[i]] = kv[i+1]
		}
	}
	return out
}

// names lists analysis names for a sentence: "A", "A or B", "A, B or C".
func names(ns []string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " or " + ns[len(ns)-1]
}

// use is the advice of a sentence: "; use A or B", or "" when none applies.
func use(cands []candidate) string {
	var ns []string
	for _, c := range cands {
		if c.ok {
			ns = append(ns, title[c.analysis])
		}
	}
	if len(ns) == 0 {
		return ""
	}
	return "; use " + names(ns)
}

// title names each analysis in a sentence.
var title = map[string]string{
	"pearsonr": "Pearson's r", "spearmanr": "Spearman's rho", "kendalltau": "Kendall's tau",
	"levene": "Levene's test", "bartlett": "Bartlett's test", "mood": "Mood's test", "f_test": "the F test",
	"shapiro": "Shapiro–Wilk", "anderson": "Anderson–Darling", "lilliefors": "Lilliefors", "kstest": "Kolmogorov–Smirnov",
	"chi2_contingency": "the chi-square test", "fisher_exact": "Fisher's exact test",
	"ttest_ind": "the t-test", "mannwhitneyu": "Mann–Whitney U", "f_oneway": "one-way ANOVA", "kruskal": "Kruskal–Wallis",
	"ttest_rel": "the paired t-test", "wilcoxon": "the Wilcoxon signed-rank test",
	"tukey_hsd": "Tukey's HSD", "games_howell": "Games–Howell",
}

// notApply completes the reasons of the candidates that do not apply with
// the advice of those that do, as "X does not apply: why; use A or B".
func notApply(cands []candidate) {
	adv := use(cands)
	for i := range cands {
		if !cands[i].ok {
			cands[i].reason = upper(title[cands[i].analysis]) + " does not apply: " + cands[i].reason + adv
		}
	}
}

// name is how a sentence names analysis id: its title, or the id.
func name(id string) string {
	if t, ok := title[id]; ok {
		return t
	}
	return id
}

// upper capitalizes the first letter of s, for the start of a sentence.
func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
