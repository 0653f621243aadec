package stats

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/inferra/inferra"
)

// Spec describes one analysis that Run can perform.
type Spec struct {
	// ID is the analysis id of ARCHITECTURE.md, such as "ttest_ind".
	ID string `json:"id"`
	// Function is the Go function in this package that computes it.
	Function string `json:"function"`
	// Params are the parameter names the analysis requires.
	Params []string `json:"params"`
	// Optional are the parameter names the analysis also accepts.
	Optional []string `json:"optional,omitempty"`
	// Forms, when set, are alternative sets of parameters of which exactly
	// one must be given in full, such as {x, y} (two columns) or {group,
	// value} (one column split by groups) for the variance tests. Their
	// names are listed in Optional too, so a caller that knows nothing of
	// forms still accepts them; Run checks the forms.
	Forms [][]string `json:"forms,omitempty"`
	// Summary says in a few words what the analysis does.
	Summary string `json:"summary"`
	// Result is the Go type of the analysis's result: Run returns a
	// pointer to one as inferra.Result.Stats, which a job document shows
	// as its "result". The OpenAPI document's result schemas are
	// generated from it.
	Result reflect.Type `json:"-"`

	run func(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error)
	// long, when set instead of run, is an analysis whose work can take
	// long: it checks ctx as it goes and honours the limits of opt.
	long func(ctx context.Context, ds *inferra.Dataset, params map[string]string, opt Options) (*inferra.Result, error)
	// columns, when set, lists the dataset columns the analysis reads;
	// otherwise they are the values of Params.
	columns func(params map[string]string) []string
}

// specs is the allow-list of analyses, in the order of ARCHITECTURE.md.
var specs = []Spec{
	{ID: "ttest_ind", Result: reflect.TypeFor[TTestIndResult](), Function: "TTestInd", Params: []string{"group", "value"},
		Summary: "compare the means of two independent groups (Welch's and Student's t)", run: runTTestInd},
	{ID: "ttest_rel", Result: reflect.TypeFor[TTestRelResult](), Function: "TTestRel", Params: []string{"x", "y"},
		Summary: "compare paired measurements in two numeric columns", run: runTTestRel},
	{ID: "f_oneway", Result: reflect.TypeFor[FOnewayResult](), Function: "FOneway", Params: []string{"group", "value"},
		Summary: "compare the means of two or more groups (one-way ANOVA)", run: runFOneway},
	{ID: "pearsonr", Result: reflect.TypeFor[PearsonRResult](), Function: "PearsonR", Params: []string{"x", "y"},
		Summary: "linear correlation between two numeric columns", run: runPearsonR},
	{ID: "spearmanr", Result: reflect.TypeFor[SpearmanRResult](), Function: "SpearmanR", Params: []string{"x", "y"},
		Summary: "rank (monotonic) correlation between two numeric columns", run: runSpearmanR},
	{ID: "mannwhitneyu", Result: reflect.TypeFor[MannWhitneyUResult](), Function: "MannWhitneyU", Params: []string{"group", "value"},
		Summary: "rank-based comparison of two independent groups", run: runMannWhitneyU},
	{ID: "kruskal", Result: reflect.TypeFor[KruskalResult](), Function: "Kruskal", Params: []string{"group", "value"},
		Summary: "rank-based comparison of two or more groups", run: runKruskal},
	{ID: "wilcoxon", Result: reflect.TypeFor[WilcoxonResult](), Function: "Wilcoxon", Params: []string{"x", "y"},
		Summary: "rank-based comparison of paired measurements", run: runWilcoxon},
	{ID: "ols", Result: reflect.TypeFor[OLSResult](), Function: "OLS", Params: []string{"formula"}, Optional: []string{"cov"},
		Summary: "linear regression from a formula such as y ~ x1 + C(group) (cov=HC3 for robust errors)",
		long:    runOLS, columns: formulaColumns},
	// Issue 17: descriptives, tables of counts, Kendall and partial
	// correlation, the one-sample t-test.
	{ID: "describe", Result: reflect.TypeFor[DescribeResult](), Function: "Describe", Params: []string{"x"}, Optional: []string{"group", "stat"},
		Summary: "descriptive statistics of a numeric column, overall and per group (stat names one)",
		run:     runDescribe, columns: describeColumns},
	{ID: "chi2_contingency", Result: reflect.TypeFor[Chi2ContingencyResult](), Function: "Chi2Contingency", Params: []string{"x", "y"},
		Summary: "chi-square test of independence of two categorical columns", run: runChi2Contingency},
	{ID: "fisher_exact", Result: reflect.TypeFor[FisherExactResult](), Function: "FisherExact", Params: []string{"x", "y"},
		Summary: "Fisher's exact test of a 2×2 table of two categorical columns", run: runFisherExact},
	{ID: "mantel_haenszel", Result: reflect.TypeFor[MantelHaenszelResult](), Function: "MantelHaenszel", Params: []string{"x", "y", "strata"},
		Summary: "Cochran–Mantel–Haenszel test and pooled odds ratio of 2×2 tables across strata", run: runMantelHaenszel},
	{ID: "kendalltau", Result: reflect.TypeFor[KendallTauResult](), Function: "KendallTau", Params: []string{"x", "y"},
		Summary: "Kendall's tau-b rank correlation between two columns", run: runKendallTau},
	{ID: "partial_corr", Result: reflect.TypeFor[PartialCorrResult](), Function: "PartialCorr", Params: []string{"x", "y", "covar"},
		Summary: "correlation of two numeric columns controlling for covariates (covar: names separated by commas)",
		run:     runPartialCorr, columns: partialColumns},
	{ID: "ttest_1samp", Result: reflect.TypeFor[TTest1SampResult](), Function: "TTest1Samp", Params: []string{"x", "popmean"},
		Summary: "compare the mean of a numeric column with a given value (popmean)",
		run:     runTTest1Samp, columns: xColumn},

	// Variances, normality and distributions, post-hoc comparisons
	// (issue 17). The two-sample analyses take x and y (two columns) or
	// group and value (see Spec.Forms).
	{ID: "levene", Result: reflect.TypeFor[VarianceComparison](), Function: "Levene", Params: []string{}, Optional: sampleParams, Forms: sampleForms,
		Summary: "equal variances of two or more samples, robust to non-normal data (Levene's test, centred on the median)", run: runLevene},
	{ID: "bartlett", Result: reflect.TypeFor[VarianceComparison](), Function: "Bartlett", Params: []string{}, Optional: sampleParams, Forms: sampleForms,
		Summary: "equal variances of two or more normal samples (Bartlett's test)", run: runBartlett},
	{ID: "mood", Result: reflect.TypeFor[VarianceComparison](), Function: "Mood", Params: []string{}, Optional: sampleParams, Forms: sampleForms,
		Summary: "equal scale of two samples, rank-based (Mood's test)", run: runMood},
	{ID: "f_test", Result: reflect.TypeFor[VarianceComparison](), Function: "FTest", Params: []string{}, Optional: sampleParams, Forms: sampleForms,
		Summary: "equal variances of two normal samples (F test of the variance ratio)", run: runFTest},
	{ID: "shapiro", Result: reflect.TypeFor[NormalityResult](), Function: "ShapiroWilk", Params: []string{"x"},
		Summary: "is a numeric column normally distributed (Shapiro–Wilk)", run: runShapiro},
	{ID: "anderson", Result: reflect.TypeFor[AndersonResult](), Function: "AndersonDarling", Params: []string{"x"},
		Summary: "is a numeric column normally distributed (Anderson–Darling, critical values)", run: runAnderson},
	{ID: "lilliefors", Result: reflect.TypeFor[NormalityResult](), Function: "Lilliefors", Params: []string{"x"},
		Summary: "is a numeric column normally distributed (Lilliefors' Kolmogorov–Smirnov test)", run: runLilliefors},
	{ID: "kstest", Result: reflect.TypeFor[KSTestResult](), Function: "KSTest", Params: []string{"x"}, Optional: []string{"dist"},
		Summary: "does a numeric column follow a fitted distribution (dist=norm, expon, gamma or uniform; Kolmogorov–Smirnov)", run: runKSTest},
	{ID: "ks_2samp", Result: reflect.TypeFor[KS2SampAnalysis](), Function: "KS2Samp", Params: []string{}, Optional: sampleParams, Forms: sampleForms,
		Summary: "do two samples come from the same distribution (two-sample Kolmogorov–Smirnov)", run: runKS2Samp},
	{ID: "tukey_hsd", Result: reflect.TypeFor[PostHocAnalysis](), Function: "TukeyHSD", Params: []string{"group", "value"},
		Summary: "which pairs of groups differ in mean, equal variances (Tukey's HSD)", run: runTukeyHSD},
	{ID: "games_howell", Result: reflect.TypeFor[PostHocAnalysis](), Function: "GamesHowell", Params: []string{"group", "value"},
		Summary: "which pairs of groups differ in mean, unequal variances (Games–Howell)", run: runGamesHowell},
}

// describeColumns lists the columns of describe: x and the optional
// group.
func describeColumns(params map[string]string) []string {
	if params["x"] == "" {
		return nil
	}
	if g := params["group"]; g != "" && g != params["x"] {
		return []string{params["x"], g}
	}
	return []string{params["x"]}
}

// xColumn lists the column x, for analyses whose other parameters are not
// columns.
func xColumn(params map[string]string) []string {
	if params["x"] == "" {
		return nil
	}
	return []string{params["x"]}
}

// sampleParams are the parameters of the analyses with sampleForms.
var sampleParams = []string{"x", "y", "group", "value"}

// formulaColumns lists the columns of params["formula"], or nil when it
// does not parse (Run then reports the error).
func formulaColumns(params map[string]string) []string {
	cols, err := FormulaColumns(params["formula"])
	if err != nil {
		return nil
	}
	return cols
}

// Specs returns the analyses this package performs.
func Specs() []Spec {
	return slices.Clone(specs)
}

// Lookup returns the analysis with the given id.
func Lookup(id string) (Spec, bool) {
	for _, s := range specs {
		if s.ID == id {
			return s, true
		}
	}
	return Spec{}, false
}

// Columns returns the names of the columns that the analysis id reads with
// these parameters, so that a loader can leave the others out
// (load.Options.Columns). It returns nil when it cannot tell (an
// unknown analysis, a missing parameter): load every column then, and Run
// reports the problem.
func Columns(id string, params map[string]string) []string {
	spec, ok := Lookup(id)
	if !ok {
		return nil
	}
	if spec.columns != nil {
		return spec.columns(params)
	}
	names := spec.Params
	if len(spec.Forms) > 0 {
		form := givenForm(spec.Forms, params)
		if form == nil {
			return nil
		}
		names = append(slices.Clone(names), form...)
	}
	var cols []string
	for _, p := range names {
		name := params[p]
		if name == "" {
			return nil
		}
		if !slices.Contains(cols, name) {
			cols = append(cols, name)
		}
	}
	return cols
}

// Run performs the analysis id on ds with the given parameters (column
// names by role, as in ARCHITECTURE.md). Unknown analyses are EUnsupported;
// missing or unknown parameters, unknown columns and data the analysis
// cannot use are EInvalid errors whose message says what to change.
//
// The end of ctx stops the work, also midway through a long computation
// (a regression on thousands of columns), with an error that wraps
// ctx.Err() and reads as an *inferra.Error with code ECanceled, or
// ETimeout for a deadline. Run applies the default Options; RunWith takes
// others.
func Run(ctx context.Context, ds *inferra.Dataset, id string, params map[string]string) (*inferra.Result, error) {
	return RunWith(ctx, ds, id, params, Options{})
}

// RunWith is Run with the limits of opt.
func RunWith(ctx context.Context, ds *inferra.Dataset, id string, params map[string]string, opt Options) (*inferra.Result, error) {
	spec, ok := Lookup(id)
	if !ok {
		ids := make([]string, len(specs))
		for i, s := range specs {
			ids[i] = s.ID
		}
		return nil, inferra.Errorf(inferra.EUnsupported, "unknown analysis %q; the statistical analyses are %s",
			id, strings.Join(ids, ", ")).WithDetail("analysis", id).WithDetail("known", ids)
	}
	if err := checkParams(id, spec.Params, spec.Optional, params); err != nil {
		return nil, err
	}
	if err := checkForms(id, spec.Forms, params); err != nil {
		return nil, err
	}
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	var res *inferra.Result
	var err error
	if spec.long != nil {
		res, err = spec.long(ctx, ds, params, opt)
	} else {
		res, err = spec.run(ds, params)
	}
	if err != nil {
		return nil, err
	}
	if reflect.TypeOf(res.Stats) != reflect.PointerTo(spec.Result) {
		return nil, fmt.Errorf("stats: %s returned a %T, not the *%v of its Spec", id, res.Stats, spec.Result)
	}
	res.Analysis = id
	if left := leaveOut(reflect.ValueOf(res.Stats), ""); len(left) > 0 {
		res.Report += fmt.Sprintf(" Left out, not finite numbers at these magnitudes: %s.", strings.Join(left, ", "))
	}
	if path := nonFinite(reflect.ValueOf(res.Stats), "result"); path != "" {
		return nil, inferra.Errorf(inferra.EInvalid, "%s is undefined for these data (%s is not a finite number)", id, path)
	}
	return res, nil
}

// Analyzer runs decisions with RunWith. It implements inferra.Analyzer.
type Analyzer struct {
	// Options bound the work of each analysis; the zero value takes the
	// defaults.
	Options Options
}

var _ inferra.Analyzer = Analyzer{}

// Analyze runs d.Analysis with d.Params on ds.
func (a Analyzer) Analyze(ctx context.Context, ds *inferra.Dataset, d *inferra.Decision) (*inferra.Result, error) {
	return RunWith(ctx, ds, d.Analysis, d.Params, a.Options)
}

// leaveOut removes from a result the optional blocks that hold a NaN or an
// infinity, and returns their paths ("levene", "normality[1]"). A block is
// optional when docs/RESULTS.md says it may be left out: a pointer or
// slice field tagged omitempty (the companion tests, Welch's ANOVA,
// the omnibus test, VIF), or an entry of a slice tagged
// `optional:"entries"` (Shapiro–Wilk per group). Such blocks overflow or
// underflow where the analysis itself does not (Shapiro–Wilk runs in
// single precision, as scipy's, so it fails past |x| ≈ 1e38), and the
// analysis stands without them.
func leaveOut(v reflect.Value, path string) []string {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var left []string
	t := v.Type()
	for i := 0; i < v.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")
		if !f.IsExported() || tag[0] == "-" {
			continue
		}
		name := tag[0]
		if name == "" {
			name = f.Name
		}
		if path != "" {
			name = path + "." + name
		}
		fv := v.Field(i)
		omitempty := slices.Contains(tag[1:], "omitempty")
		switch {
		case f.Anonymous:
			left = append(left, leaveOut(fv.Addr(), path)...)
		case omitempty && (fv.Kind() == reflect.Pointer || fv.Kind() == reflect.Slice) && !fv.IsNil():
			if _, bad := findNonFinite(fv); bad {
				fv.SetZero()
				left = append(left, name)
			}
		case f.Tag.Get("optional") == "entries" && fv.Kind() == reflect.Slice:
			kept := reflect.MakeSlice(fv.Type(), 0, fv.Len())
			for j := 0; j < fv.Len(); j++ {
				if _, bad := findNonFinite(fv.Index(j)); bad {
					entry := fmt.Sprintf("%s[%d]", name, j)
					if l := reflect.Indirect(fv.Index(j)).FieldByName("Level"); l.Kind() == reflect.String {
						entry = fmt.Sprintf("%s of %q", name, l.String())
					}
					left = append(left, entry)
					continue
				}
				kept = reflect.Append(kept, fv.Index(j))
			}
			fv.Set(kept)
		case fv.Kind() == reflect.Struct || fv.Kind() == reflect.Pointer:
			left = append(left, leaveOut(fv, name)...)
		}
	}
	return left
}

// nonFinite returns the path of the first NaN or infinite float in v, or
// "". It is the last guard that keeps a NaN out of a result document; it
// reads what JSON would show (fields tagged json:"-", such as fitted
// values kept for plots, are skipped) and builds a path only for a find.
func nonFinite(v reflect.Value, path string) string {
	if p, found := findNonFinite(v); found {
		return path + p
	}
	return ""
}

func findNonFinite(v reflect.Value) (string, bool) {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		return "", math.IsNaN(f) || math.IsInf(f, 0)
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return findNonFinite(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("json"), ",")[0]
			if !f.IsExported() || tag == "-" {
				continue
			}
			p, found := findNonFinite(v.Field(i))
			if !found {
				continue
			}
			if f.Anonymous {
				return p, true
			}
			name := f.Name
			if tag != "" {
				name = tag
			}
			return "." + name + p, true
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if p, found := findNonFinite(v.Index(i)); found {
				return fmt.Sprintf("[%d]%s", i, p), true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if p, found := findNonFinite(iter.Value()); found {
				return fmt.Sprintf(".%v%s", iter.Key(), p), true
			}
		}
	}
	return "", false
}

// checkParams returns an EInvalid error naming the parameters of params
// that analysis id neither requires nor accepts, or nil.
func checkParams(id string, required, optional []string, params map[string]string) error {
	var unknown []string
	for k := range params {
		if !slices.Contains(required, k) && !slices.Contains(optional, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	takes := strings.Join(required, " and ")
	switch {
	case len(required) == 0:
		takes = strings.Join(optional, ", ")
	case len(optional) > 0:
		takes += " (optionally " + strings.Join(optional, ", ") + ")"
	}
	return inferra.Errorf(inferra.EInvalid, "%s takes the parameters %s, not %s",
		id, takes, strings.Join(unknown, ", ")).WithDetail("unknown_params", unknown)
}

// ParamSummary describes the parameters of the analysis for a listing:
// "group,value", "x,y|group,value" for alternative forms, optional ones
// in brackets ("formula[,cov]").
func (s Spec) ParamSummary() string {
	var alts []string
	for _, f := range s.Forms {
		alts = append(alts, strings.Join(append(slices.Clone(s.Params), f...), ","))
	}
	if len(alts) == 0 {
		alts = []string{strings.Join(s.Params, ",")}
	}
	text := strings.Join(alts, "|")
	var extra []string
	for _, o := range s.Optional {
		inForm := false
		for _, f := range s.Forms {
			inForm = inForm || slices.Contains(f, o)
		}
		if !inForm {
			extra = append(extra, o)
		}
	}
	if len(extra) > 0 {
		text += "[," + strings.Join(extra, ",") + "]"
	}
	return text
}

// givenForm returns the one form of forms whose parameters params gives,
// all of them, when no parameter of another form is given; else nil.
func givenForm(forms [][]string, params map[string]string) []string {
	var found []string
	for _, f := range forms {
		n := 0
		for _, p := range f {
			if strings.TrimSpace(params[p]) != "" {
				n++
			}
		}
		switch {
		case n == 0:
			continue
		case n < len(f) || found != nil:
			return nil
		}
		found = f
	}
	return found
}

// checkForms returns an EInvalid error unless params gives exactly one of
// the alternative forms of analysis id in full (nil when it has no
// forms). The message says which parameters to give.
func checkForms(id string, forms [][]string, params map[string]string) error {
	if len(forms) == 0 || givenForm(forms, params) != nil {
		return nil
	}
	alts := make([]string, len(forms))
	for i, f := range forms {
		alts[i] = strings.Join(f, " and ")
	}
	var partial, used []string
	for _, f := range forms {
		var given, missing []string
		for _, p := range f {
			if strings.TrimSpace(params[p]) != "" {
				given = append(given, p)
			} else {
				missing = append(missing, p)
			}
		}
		if len(given) > 0 {
			used = append(used, strings.Join(f, " and "))
			if len(missing) > 0 {
				partial = append(partial, missing...)
			}
		}
	}
	either := strings.Join(alts, ", or ")
	switch {
	case len(used) > 1:
		return inferra.Errorf(inferra.EInvalid, "%s takes either %s, not both", id, either).
			WithDetail("forms", forms)
	case len(partial) > 0:
		return inferra.Errorf(inferra.EInvalid, "%s needs the parameter %q too (it takes %s)", id, partial[0], either).
			WithDetail("param", partial[0]).WithDetail("forms", forms)
	}
	return inferra.Errorf(inferra.EInvalid, "%s needs the parameters %s", id, either).WithDetail("forms", forms)
}
