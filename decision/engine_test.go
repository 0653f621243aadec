package decision_test

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
)

func f64(v float64) *float64 { return &v }

// plantsSchema is a small schema with awkward names.
func plantsSchema() inferra.Schema {
	num := func(name string, mean float64) inferra.ColumnSchema {
		return inferra.ColumnSchema{Name: name, Kind: inferra.Numeric, Count: 30, Distinct: 30,
			Min: f64(mean - 5.5), Max: f64(mean + 5.25), Mean: f64(mean), SD: f64(2)}
	}
	return inferra.Schema{Rows: 30, Columns: []inferra.ColumnSchema{
		{Name: "Plant ID", Kind: inferra.Categorical, Count: 30, Distinct: 30, Identifier: true},
		{Name: "species", Kind: inferra.Categorical, Count: 30, Distinct: 3, Levels: []string{"fern", "ivy", "moss"}, LevelCounts: []int{10, 10, 10}},
		num("Body.Mass", 40), num("Leaf Width (cm)", 3), num("Temp", 21), num("hours_slept", 7), num("yield", 12),
		{Name: "dose", Kind: inferra.Numeric, Count: 30, Distinct: 3, Levels: []string{"1", "2", "3"}, LevelCounts: []int{10, 10, 10},
			Min: f64(1), Max: f64(3), Mean: f64(2), IntegerCoded: true},
	}}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	s := plantsSchema()
	cases := []struct {
		prompt string
		want   []string
	}{
		{"plot body mass against temperature", []string{"Body.Mass", "Temp"}},
		{"histogram of hours slept", []string{"hours_slept"}},
		{`histogram of "Leaf Width (cm)"`, []string{"Leaf Width (cm)"}},
		{"leaf widths by species", []string{"Leaf Width (cm)", "species"}},
		{"does the yield depend on the doses?", []string{"yield", "dose"}},
		{"how tall is a plant?", nil},
		{"plant id against temp", []string{"Plant ID", "Temp"}},
	}
	for _, c := range cases {
		var got []string
		for _, m := range decision.Resolve(c.prompt, s) {
			got = append(got, strings.Join(m.Columns, "|"))
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Resolve(%q) = %q, want %q", c.prompt, got, c.want)
		}
	}
	ms := decision.Resolve("plant id against temp", s)
	if !ms[0].Identifier || ms[1].Identifier {
		t.Errorf("Resolve(plant id against temp) identifiers = %v, %v; want true, false", ms[0].Identifier, ms[1].Identifier)
	}
	if ms := decision.Resolve("regress yield on Temp treating dose as a factor", s); len(ms) != 3 || !ms[2].Factor || ms[1].Factor {
		t.Errorf("Resolve(... treating dose as a factor) = %+v, want dose as factor", ms)
	}
}

func TestDecideFormula(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ prompt, want string }{
		{"predict yield from body mass and temperature", "Q('yield') ~ Q('Body.Mass') + Temp"},
		{"regress leaf width on temp, treating dose as a factor", "Q('Leaf Width (cm)') ~ Temp + C(dose)"},
		{"model hours slept as a function of temperature and body mass", "hours_slept ~ Temp + Q('Body.Mass')"},
		{"regression: the effect of temp on hours slept", "hours_slept ~ Temp"},
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), c.prompt, plantsSchema())
		if err != nil {
			t.Fatal(err)
		}
		if d.Analysis != "ols" || d.Params["formula"] != c.want {
			t.Errorf("Decide(%q) = %s %v (question %q), want ols %s", c.prompt, d.Analysis, d.Params, d.Question, c.want)
		}
	}
}

func TestDecideAxes(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ prompt, analysis, x, y string }{
		{"plot body mass against temperature", "scatter", "Temp", "Body.Mass"},
		{"scatter plot of hours slept over temp", "scatter", "Temp", "hours_slept"},
		{"Temp vs leaf width with a fitted line", "regplot", "Leaf Width (cm)", "Temp"},
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), c.prompt, plantsSchema())
		if err != nil {
			t.Fatal(err)
		}
		if d.Analysis != c.analysis || d.Params["x"] != c.x || d.Params["y"] != c.y {
			t.Errorf("Decide(%q) = %s %v (question %q), want %s x=%s y=%s", c.prompt, d.Analysis, d.Params, d.Question, c.analysis, c.x, c.y)
		}
	}
}

func TestQuoteName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"age": "age", "Body.Mass": "Q('Body.Mass')", "yield": "Q('yield')", "Leaf Width (cm)": "Q('Leaf Width (cm)')", "x1": "x1", "1x": "Q('1x')"} {
		if got := decision.QuoteName(in); got != want {
			t.Errorf("QuoteName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecideDeclines(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"help", "cluster the plants", "correlate plant id with temp", "compare fern and ivy body mass", `histogram of "root length"`} {
		d, err := e.Decide(context.Background(), p, plantsSchema())
		if err != nil {
			t.Fatal(err)
		}
		if !decision.IsNoDecision(d) || d.Question == "" || d.Source != inferra.SourceRules {
			t.Errorf("Decide(%q) = %s %v, want a no-decision with a question", p, d.Analysis, d.Params)
		}
	}
	// A prompt about a column the dataset lacks says which.
	for p, missing := range map[string]string{
		"Is blood sugar related to body mass?":      "blood sugar",
		"Does rainfall affect leaf width?":          "rainfall",
		"Compare body mass between wild and farmed": "wild",
	} {
		d, err := e.Decide(context.Background(), p, plantsSchema())
		if err != nil {
			t.Fatal(err)
		}
		if !decision.IsNoDecision(d) || !strings.Contains(d.Question, fmt.Sprintf("no column for %q", missing)) {
			t.Errorf("Decide(%q) = %s %v, question %q; want a no-decision naming %q", p, d.Analysis, d.Params, d.Question, missing)
		}
	}
}

type countingFallback struct {
	mu sync.Mutex
	n  int
}

func (f *countingFallback) Decide(context.Context, string, inferra.Schema) (*inferra.Decision, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	return &inferra.Decision{Analysis: "histogram", Params: map[string]string{"x": "Temp"}, Source: inferra.SourceLLM, Confidence: 0.95}, nil
}

func TestDecideFallbackAndCache(t *testing.T) {
	t.Parallel()
	fb := &countingFallback{}
	e, err := decision.New(decision.Config{Fallback: fb, CacheSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			d, err := e.Decide(ctx, "histogram of temp", plantsSchema())
			if err != nil || d.Analysis != "histogram" || d.Source != inferra.SourceRules || d.Params["x"] != "Temp" {
				t.Errorf("Decide(histogram of temp) = %+v, %v", d, err)
			}
			d.Params["x"] = "changed by the caller"
		})
	}
	wg.Wait()
	d, _ := e.Decide(ctx, "help", plantsSchema())
	if d.Source != inferra.SourceLLM || fb.n != 1 || d.Confidence != 0.6 || d.Function != "Histogram" {
		t.Errorf("Decide(help) source = %q, confidence %g, function %q after %d fallback calls; want llm, 0.6, Histogram after 1",
			d.Source, d.Confidence, d.Function, fb.n)
	}
	d, _ = e.Decide(ctx, "histogram of temp", plantsSchema())
	if d.Params["x"] != "Temp" {
		t.Errorf("cached decision was changed by a caller: %v", d.Params)
	}
}

func BenchmarkDecide50Columns(b *testing.B) {
	s := inferra.Schema{Rows: 100}
	for i := range 45 {
		s.Columns = append(s.Columns, inferra.ColumnSchema{Name: fmt.Sprintf("measure_%02d_value", i), Kind: inferra.Numeric,
			Count: 100, Distinct: 100, Min: f64(0.5), Max: f64(99.5), Mean: f64(50), SD: f64(10)})
	}
	for i := range 5 {
		s.Columns = append(s.Columns, inferra.ColumnSchema{Name: fmt.Sprintf("group_%d", i), Kind: inferra.Categorical,
			Count: 100, Distinct: 3, Levels: []string{"a", "b", "c"}, LevelCounts: []int{30, 30, 40}})
	}
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := e.Decide(ctx, "Does measure 07 value differ across group 3?", s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestVocabularyIsData checks that the word lists of a rule set, not Go
// code, decide what is out of scope, what abbreviates what and which
// columns pair up.
func TestVocabularyIsData(t *testing.T) {
	t.Parallel()
	s := schemaOf(t, "arm,sbp_start,sbp_end\nA,120,118\nB,130,121\nA,125,119\nB,140,130\nA,118,117\nB,135,126\n")
	ctx := context.Background()

	def, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := def.Decide(ctx, "Run a sankey diagram of systolic blood pressure", s)
	if err != nil {
		t.Fatal(err)
	}
	if decision.IsNoDecision(d) && strings.Contains(d.Question, "sankey") {
		t.Fatalf("the default rules already decline sankey: %q", d.Question)
	}

	rs := decision.DefaultRules()
	rs.Vocabulary.OutOfScope = append(rs.Vocabulary.OutOfScope, decision.OutOfScope{Phrase: "sankey", Reason: "Flow diagrams are not among the charts."})
	rs.Vocabulary.PairedMarkers = append(rs.Vocabulary.PairedMarkers, decision.MarkerPair{First: "start", Second: "end"})
	rs.Vocabulary.Abbreviations = append(rs.Vocabulary.Abbreviations, decision.Abbreviation{Long: "systolic blood pressure", Short: "sbp"})
	e, err := decision.New(decision.Config{Rules: rs, CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	d, err = e.Decide(ctx, "Run a sankey diagram of systolic blood pressure", s)
	if err != nil {
		t.Fatal(err)
	}
	if !decision.IsNoDecision(d) || !strings.Contains(d.Question, "Flow diagrams are not among the charts.") {
		t.Errorf("with sankey out of scope: analysis %q, question %q; want a decline giving the reason", d.Analysis, d.Question)
	}
	d, err = e.Decide(ctx, "Did systolic blood pressure change from start to end? paired t-test", s)
	if err != nil {
		t.Fatal(err)
	}
	if d.Analysis != "ttest_rel" || d.Params["x"] != "sbp_start" || d.Params["y"] != "sbp_end" {
		t.Errorf("with start/end markers and the sbp abbreviation: %s %v (question %q), want ttest_rel x=sbp_start y=sbp_end", d.Analysis, d.Params, d.Question)
	}
}

type scriptedFallback struct{ d *inferra.Decision }

func (f scriptedFallback) Decide(context.Context, string, inferra.Schema) (*inferra.Decision, error) {
	return f.d, nil
}

// TestFallbackIsChecked feeds the engine fallback answers that must be
// refused: whatever the fallback says, only an allow-listed analysis on
// existing columns of the right kind is ever returned.
func TestFallbackIsChecked(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		d    *inferra.Decision
		want string // substring of the refusal in the evidence
	}{
		{"not on the allow-list", &inferra.Decision{Analysis: "exec_python", Params: map[string]string{"code": "import os"}}, "not an analysis"},
		{"unknown column", &inferra.Decision{Analysis: "pearsonr", Params: map[string]string{"x": "Temp", "y": "rainfall"}}, `no column "rainfall"`},
		{"missing parameter", &inferra.Decision{Analysis: "pearsonr", Params: map[string]string{"x": "Temp"}}, `parameter "y"`},
		{"unknown parameter", &inferra.Decision{Analysis: "histogram", Params: map[string]string{"x": "Temp", "shell": "rm"}}, `no parameter "shell"`},
		{"measure as group", &inferra.Decision{Analysis: "f_oneway", Params: map[string]string{"group": "Temp", "value": "yield"}}, "not a column of groups"},
		{"three groups for a t-test", &inferra.Decision{Analysis: "ttest_ind", Params: map[string]string{"group": "species", "value": "yield"}}, "compares two groups"},
		{"identifier", &inferra.Decision{Analysis: "histogram", Params: map[string]string{"x": "Plant ID"}}, "identifies rows"},
		{"text as measure", &inferra.Decision{Analysis: "histogram", Params: map[string]string{"x": "species"}}, "not a numeric measure"},
		{"bad formula", &inferra.Decision{Analysis: "ols", Params: map[string]string{"formula": "yield ~ ~"}}, "formula"},
		{"formula with unknown column", &inferra.Decision{Analysis: "ols", Params: map[string]string{"formula": "Q('yield') ~ Temp + soil"}}, `no column "soil"`},
		{"same column twice", &inferra.Decision{Analysis: "pearsonr", Params: map[string]string{"x": "Temp", "y": "Temp"}}, "same column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := decision.New(decision.Config{Fallback: scriptedFallback{tt.d}, CacheSize: -1})
			if err != nil {
				t.Fatal(err)
			}
			d, err := e.Decide(context.Background(), "help", plantsSchema())
			if err != nil {
				t.Fatal(err)
			}
			if !decision.IsNoDecision(d) || d.Question == "" {
				t.Fatalf("fallback %s %v was accepted: %+v", tt.d.Analysis, tt.d.Params, d)
			}
			if ev := strings.Join(d.Evidence, "; "); !strings.Contains(ev, tt.want) {
				t.Errorf("evidence %q does not say %q", ev, tt.want)
			}
		})
	}
	ok := &inferra.Decision{Analysis: "ols", Params: map[string]string{"formula": "Q('yield') ~ Temp + C(species)"}, Confidence: 1}
	e, err := decision.New(decision.Config{Fallback: scriptedFallback{ok}, CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Decide(context.Background(), "help", plantsSchema())
	if err != nil || d.Analysis != "ols" || d.Source != inferra.SourceLLM || d.Confidence != 0.6 {
		t.Errorf("a valid fallback plan: %+v, %v; want ols from llm with confidence 0.6", d, err)
	}
}

// TestColumnNamedTwice: a column named twice in one prompt is one column,
// not the two of a correlation.
func TestColumnNamedTwice(t *testing.T) {
	t.Parallel()
	s := schemaOf(t, "patient,dose_mg,recovery_days\n1,10,12\n2,20,10\n3,30,9\n4,40,7\n5,50,6\n6,60,6\n7,70,5\n8,80,4\n")
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Decide(context.Background(), "Does the dose matter? Correlation between dose_mg and recovery_days", s)
	if err != nil {
		t.Fatal(err)
	}
	if d.Analysis != "pearsonr" || d.Params["x"] != "dose_mg" || d.Params["y"] != "recovery_days" {
		t.Errorf("Decide = %s %v (question %q), want pearsonr x=dose_mg y=recovery_days", d.Analysis, d.Params, d.Question)
	}
}

// TestDecideIssue17 checks that the rules of the variance, normality and
// post-hoc analyses are reachable by their names.
func TestDecideIssue17(t *testing.T) {
	t.Parallel()
	e, err := decision.New(decision.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		prompt, analysis string
		params           map[string]string
	}{
		{"Levene's test: is the variance of yield the same for every species?", "levene", map[string]string{"group": "species", "value": "yield"}},
		{"is yield normally distributed? Shapiro-Wilk", "shapiro", map[string]string{"x": "yield"}},
		{"Anderson-Darling test of temp", "anderson", map[string]string{"x": "Temp"}},
		{"Kolmogorov-Smirnov test of hours slept", "kstest", map[string]string{"x": "hours_slept", "dist": "norm"}},
		{"Tukey's HSD: which species differ in yield?", "tukey_hsd", map[string]string{"group": "species", "value": "yield"}},
		{"Games-Howell post-hoc comparison of yield between species", "games_howell", map[string]string{"group": "species", "value": "yield"}},
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), c.prompt, plantsSchema())
		if err != nil {
			t.Fatal(err)
		}
		if d.Analysis != c.analysis || !maps.Equal(d.Params, c.params) {
			t.Errorf("Decide(%q) = %s %v (question %q), want %s %v", c.prompt, d.Analysis, d.Params, d.Question, c.analysis, c.params)
		}
		if err := decision.Validate(d, plantsSchema()); err != nil {
			t.Errorf("Validate(Decide(%q)): %v", c.prompt, err)
		}
	}
}
