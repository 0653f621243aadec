package decision_test

import (
	"context"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
)

// TestConceptRings checks the rings of rules.json's concepts: a prompt
// phrase that no column has is read as the phrase of its ring that a
// column has, and a ring whose phrases two columns have changes nothing.
// The default rules' glossary has the ring; a rule set without rings
// declines.
func TestConceptRings(t *testing.T) {
	t.Parallel()
	prompt := "Is horsepower correlated with weight?"
	rules := decision.DefaultRules()
	rules.Vocabulary.Concepts = nil
	plain, err := decision.New(decision.Config{Rules: rules, CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := plain.Decide(context.Background(), prompt, abbrevSchemaWith("hp"))
	if err != nil {
		t.Fatal(err)
	}
	if !decision.IsNoDecision(d) {
		t.Fatalf("without a ring, Decide(%q) = %s %v: the test does not need the ring", prompt, d.Analysis, d.Params)
	}
	def, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	d, err = def.Decide(context.Background(), prompt, abbrevSchemaWith("hp"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Analysis != "pearsonr" {
		t.Errorf("with the default glossary, Decide(%q) = %s %v (%s), want pearsonr of hp and wt", prompt, d.Analysis, d.Params, d.Question)
	}
	rules.Vocabulary.Concepts = [][]string{{"horsepower", "hp", "engine power"}}
	e, err := decision.New(decision.Config{Rules: rules, CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	d, err = e.Decide(context.Background(), prompt, abbrevSchemaWith("hp"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Analysis != "pearsonr" || !(d.Params["x"] == "hp" && d.Params["y"] == "wt" || d.Params["x"] == "wt" && d.Params["y"] == "hp") {
		t.Errorf("with the ring, Decide(%q) = %s %v (%s), want pearsonr of hp and wt", prompt, d.Analysis, d.Params, d.Question)
	}
	// Two columns with two phrases of the ring: which one is meant is
	// not known, so the prompt is left as it is and the engine declines.
	d, err = e.Decide(context.Background(), prompt, abbrevSchemaWith("hp", "engine_power"))
	if err != nil {
		t.Fatal(err)
	}
	if !decision.IsNoDecision(d) {
		t.Errorf("with hp and engine_power, Decide(%q) = %s %v, want a no-decision", prompt, d.Analysis, d.Params)
	}
}

// abbrevSchemaWith is abbrevSchema with more numeric columns.
func abbrevSchemaWith(names ...string) inferra.Schema {
	s := abbrevSchema()
	for i, n := range names {
		mean := 100 + float64(i)*10
		s.Columns = append(s.Columns, inferra.ColumnSchema{Name: n, Kind: inferra.Numeric, Count: 40, Distinct: 40,
			Min: f64(mean - 10.5), Max: f64(mean + 9.25), Mean: f64(mean), SD: f64(3)})
	}
	return s
}
