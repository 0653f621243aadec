package decision_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/stats"
)

func TestDefaultRulesValidate(t *testing.T) {
	t.Parallel()
	f, err := os.Open("rules.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := decision.LoadRules(f)
	if err != nil {
		t.Fatalf("LoadRules(rules.json): %v", err)
	}
	if rs.Version == "" {
		t.Error("rules.json has no rules_version")
	}
	if got := decision.DefaultRules(); got.Version != rs.Version || len(got.Rules) != len(rs.Rules) {
		t.Errorf("DefaultRules() = %s with %d rules, want %s with %d", got.Version, len(got.Rules), rs.Version, len(rs.Rules))
	}
}

func TestEveryAnalysisHasARule(t *testing.T) {
	t.Parallel()
	rs := decision.DefaultRules()
	for _, a := range decision.Analyses() {
		if len(rs.ForAnalysis(a.ID)) == 0 {
			t.Errorf("no rule chooses %s", a.ID)
		}
	}
	for _, r := range rs.Rules {
		for _, term := range append(slices.Clone(r.MatchTerms), r.NegativeTerms...) {
			if term.Weight <= 0 {
				t.Errorf("rule %s term %q weight = %g, want > 0", r.ID, term.Phrase, term.Weight)
			}
			for _, form := range term.Forms() {
				if form != strings.ToLower(form) {
					t.Errorf("rule %s term %q is not lower case", r.ID, form)
				}
			}
		}
	}
}

// TestAllowListMatchesStats keeps the allow-list in step with the stats
// registry, which decision does not import.
func TestAllowListMatchesStats(t *testing.T) {
	t.Parallel()
	for _, spec := range stats.Specs() {
		a, ok := decision.LookupAnalysis(spec.ID)
		if !ok {
			t.Errorf("stats analysis %s is not allow-listed", spec.ID)
			continue
		}
		if a.Library != "stats" || a.Function != spec.Function || !slices.Equal(a.Params, spec.Params) || !slices.Equal(a.Optional, spec.Optional) {
			t.Errorf("LookupAnalysis(%s) = %+v, want stats.%s with params %v optional %v", spec.ID, a, spec.Function, spec.Params, spec.Optional)
		}
	}
	want := []string{"ttest_ind", "ttest_rel", "f_oneway", "pearsonr", "spearmanr", "ols", "mannwhitneyu",
		"kruskal", "wilcoxon", "boxplot", "scatter", "regplot", "histogram", "kde",
		"describe", "chi2_contingency", "fisher_exact", "mantel_haenszel", "kendalltau", "partial_corr", "ttest_1samp",
		"levene", "bartlett", "mood", "f_test", "shapiro", "anderson", "lilliefors",
		"kstest", "ks_2samp", "tukey_hsd", "games_howell"}
	var got []string
	for _, a := range decision.Analyses() {
		got = append(got, a.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Analyses() = %v, want %v", got, want)
	}
}

// TestSchemaEnumMatchesAllowList checks that rules.schema.json lists the
// same analyses as the Go allow-list.
func TestSchemaEnumMatchesAllowList(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("rules.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs struct {
			Rule struct {
				Properties struct {
					Analysis struct {
						Enum []string `json:"enum"`
					} `json:"analysis"`
				} `json:"properties"`
			} `json:"rule"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range decision.Analyses() {
		ids = append(ids, a.ID)
	}
	if got := s.Defs.Rule.Properties.Analysis.Enum; !slices.Equal(got, ids) {
		t.Errorf("schema analysis enum = %v, want %v", got, ids)
	}
}

// validRule is a minimal valid rule as a generic JSON value.
func validRule(id string) map[string]any {
	return map[string]any{
		"id": id, "analysis": "histogram", "library": "plots", "function": "Histogram",
		"explanation": "Draws a histogram of {x}.",
		"match_terms": []any{map[string]any{"phrase": "histogram"}},
		"required_schema": map[string]any{
			"roles": map[string]any{"x": map[string]any{"kinds": []any{"numeric"}}},
		},
		"param_map": map[string]any{"x": map[string]any{"role": "x"}},
	}
}

func rulesDoc(rules ...map[string]any) map[string]any {
	list := make([]any, len(rules))
	for i, r := range rules {
		list[i] = r
	}
	return map[string]any{"rules_version": "2026.11.1", "rules": list}
}

func TestLoadRulesInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		doc     func() any
		pointer string
		message string // a substring of the problem's message
	}{
		{"wrong type of weight", func() any {
			r := validRule("a")
			r["match_terms"] = []any{map[string]any{"phrase": "histogram", "weight": "heavy"}}
			return rulesDoc(r)
		}, "/rules/0/match_terms/0/weight", "expected number"},
		{"rules not an array", func() any {
			return map[string]any{"rules_version": "2026.11.1", "rules": map[string]any{}}
		}, "/rules", "expected array"},
		{"unknown analysis", func() any {
			return rulesDoc(validRule("a"), validRule("b"), validRule("c"), func() map[string]any {
				r := validRule("d")
				r["analysis"] = "chisquare"
				return r
			}())
		}, "/rules/3/analysis", "value must be one of"},
		{"missing field", func() any {
			r := validRule("a")
			delete(r, "explanation")
			return rulesDoc(r)
		}, "/rules/0/explanation", "required property is missing"},
		{"missing version", func() any {
			d := rulesDoc(validRule("a"))
			delete(d, "rules_version")
			return d
		}, "/rules_version", "required property is missing"},
		{"bad version", func() any {
			d := rulesDoc(validRule("a"))
			d["rules_version"] = "latest"
			return d
		}, "/rules_version", "does not match pattern"},
		{"unknown property", func() any {
			r := validRule("a")
			r["priority"] = 3
			return rulesDoc(r)
		}, "/rules/0", "priority"},
		{"unknown kind", func() any {
			r := validRule("a")
			r["required_schema"] = map[string]any{"roles": map[string]any{"x": map[string]any{"kinds": []any{"text"}}}}
			return rulesDoc(r)
		}, "/rules/0/required_schema/roles/x/kinds/0", "value must be one of"},
		{"vocabulary: out-of-scope request without a reason", func() any {
			d := rulesDoc(validRule("a"))
			d["vocabulary"] = map[string]any{"out_of_scope": []any{map[string]any{"phrase": "chi square"}}}
			return d
		}, "/vocabulary/out_of_scope/0/reason", "required property is missing"},
		{"vocabulary: marker that is not one word", func() any {
			d := rulesDoc(validRule("a"))
			d["vocabulary"] = map[string]any{"paired_markers": []any{map[string]any{"first": "Before", "second": "after"}}}
			return d
		}, "/vocabulary/paired_markers/0/first", "does not match pattern"},
		{"vocabulary: unknown list", func() any {
			d := rulesDoc(validRule("a"))
			d["vocabulary"] = map[string]any{"synonyms": []any{}}
			return d
		}, "/vocabulary", "synonyms"},
		{"duplicate id", func() any {
			return rulesDoc(validRule("a"), validRule("b"), validRule("a"))
		}, "/rules/2/id", `duplicate rule id "a" (first used at /rules/0/id)`},
		{"unknown role", func() any {
			r := validRule("a")
			r["param_map"] = map[string]any{"x": map[string]any{"role": "x"}, "group": map[string]any{"role": "x"}}
			return rulesDoc(r)
		}, "/rules/0/param_map/group", `histogram has no parameter "group"`},
		{"param from unknown role", func() any {
			r := validRule("a")
			r["param_map"] = map[string]any{"x": map[string]any{"role": "measure"}}
			return rulesDoc(r)
		}, "/rules/0/param_map/x/role", `role "measure" is not in required_schema.roles`},
		{"unmapped parameter", func() any {
			r := validRule("a")
			r["analysis"], r["function"], r["library"] = "pearsonr", "PearsonR", "stats"
			return rulesDoc(r)
		}, "/rules/0/param_map", `parameter "y" of pearsonr is not mapped`},
		{"wrong function", func() any {
			r := validRule("a")
			r["function"] = "Hist"
			return rulesDoc(r)
		}, "/rules/0/function", "computed by plots.Histogram"},
		{"unknown placeholder", func() any {
			r := validRule("a")
			r["explanation"] = "Draws {value}."
			return rulesDoc(r)
		}, "/rules/0/explanation", "placeholder {value}"},
		{"levels reversed", func() any {
			r := validRule("a")
			r["required_schema"] = map[string]any{"roles": map[string]any{"x": map[string]any{"kinds": []any{"numeric"}, "min_levels": 5, "max_levels": 3}}}
			return rulesDoc(r)
		}, "/rules/0/required_schema/roles/x/max_levels", "less than min_levels"},
		{"not JSON", func() any { return json.RawMessage(`{"rules": [`) }, "", "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data, err := json.Marshal(tt.doc())
			if raw, ok := tt.doc().(json.RawMessage); ok {
				data, err = raw, nil
			}
			if err != nil {
				t.Fatal(err)
			}
			_, err = decision.LoadRules(strings.NewReader(string(data)))
			var e *inferra.Error
			if !errors.As(err, &e) || e.Code != inferra.EInvalid {
				t.Fatalf("LoadRules error = %v (code %q), want an %s *inferra.Error", err, inferra.ErrorCode(err), inferra.EInvalid)
			}
			problems, _ := e.Details["problems"].([]decision.Problem)
			for _, p := range problems {
				if p.Pointer == tt.pointer && strings.Contains(p.Message, tt.message) {
					if want := tt.pointer + ": "; tt.pointer != "" && !strings.Contains(e.Message, want) {
						t.Errorf("message %q does not name %s", e.Message, tt.pointer)
					}
					return
				}
			}
			t.Errorf("LoadRules problems = %+v, want one at %q containing %q", problems, tt.pointer, tt.message)
		})
	}
}

func TestLoadRulesDefaultWeight(t *testing.T) {
	t.Parallel()
	data, _ := json.Marshal(rulesDoc(validRule("a")))
	rs, err := decision.LoadRules(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if w := rs.Rules[0].MatchTerms[0].Weight; w != 1 {
		t.Errorf("default weight = %g, want 1", w)
	}
}

func TestLoadRulesFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := decision.LoadRulesFile(filepath.Join(dir, "none.json")); inferra.ErrorCode(err) != inferra.ENotFound {
		t.Errorf("LoadRulesFile(missing) error = %v, want %s", err, inferra.ENotFound)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"rules_version": "2026.11.1", "rules": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := decision.LoadRulesFile(bad)
	if inferra.ErrorCode(err) != inferra.EInvalid || !strings.HasPrefix(inferra.ErrorMessage(err), bad+": ") {
		t.Errorf("LoadRulesFile(bad) error = %v, want %s starting with the path", err, inferra.EInvalid)
	}
	rs, err := decision.LoadRulesFile("rules.json")
	if err != nil || len(rs.Rules) == 0 {
		t.Errorf("LoadRulesFile(rules.json) = %v, %v", rs, err)
	}
}
