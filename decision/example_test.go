package decision_test

import (
	"fmt"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
)

func ExampleDefaultRules() {
	rules := decision.DefaultRules()
	r := rules.ForAnalysis("ttest_rel")[0]
	fmt.Println(r.ID, "→", r.Library+"."+r.Function)
	fmt.Println("paired:", r.RequiredSchema.Paired)
	fmt.Println("first term:", r.MatchTerms[0].Forms()[:2])
	// Output:
	// ttest_rel.paired → stats.TTestRel
	// paired: true
	// first term: [before and after before/after]
}

func ExampleLoadRules() {
	const file = `{
  "rules_version": "2026.11.1",
  "rules": [{
    "id": "hist",
    "analysis": "histgram",
    "library": "plots",
    "function": "Histogram",
    "explanation": "Draws a histogram of {x}.",
    "match_terms": [{"phrase": "histogram"}],
    "required_schema": {"roles": {"x": {"kinds": ["numeric"]}}},
    "param_map": {"x": {"role": "x"}, "colour": {"value": "red"}}
  }]
}`
	_, err := decision.LoadRules(strings.NewReader(file))
	fmt.Println(inferra.ErrorCode(err))
	for _, p := range inferra.AsError(err).Details["problems"].([]decision.Problem) {
		fmt.Printf("%s: %.40s…\n", p.Pointer, p.Message)
	}

	fixed := strings.Replace(file, `"histgram"`, `"histogram"`, 1)
	_, err = decision.LoadRules(strings.NewReader(fixed))
	fmt.Println(err)
	// Output:
	// invalid_input
	// /rules/0/analysis: value must be one of "ttest_ind", "ttest…
	// invalid rules file (1 problem): /rules/0/param_map/colour: histogram has no parameter "colour"; its parameters are x, bins
}

func ExampleAssess() {
	const csv = `subject,diet,score_before,score_after,age
1,keto,71.5,69.2,34
2,vegan,80.1,77.9,29
3,keto,65.3,64.8,41
4,vegan,90.4,86.0,52
5,keto,77.0,75.1,38
6,vegan,68.2,67.5,45
`
	ds, err := load.ReadCSV(strings.NewReader(csv), load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := decision.Assess(ds.Schema())
	for _, c := range a.Columns {
		fmt.Printf("%-12s group=%-5v measure=%-5v identifier=%v\n", c.Name, c.Group, c.Measure, c.Identifier)
	}
	for _, p := range a.Pairs {
		fmt.Printf("pair %s, %s: %s\n", p.X, p.Y, p.Reason)
	}
	// Output:
	// subject      group=false measure=false identifier=true
	// diet         group=true  measure=false identifier=false
	// score_before group=false measure=true  identifier=false
	// score_after  group=false measure=true  identifier=false
	// age          group=false measure=true  identifier=false
	// pair score_before, score_after: before/after of "score"; means 75.42 and 73.42 are on the same scale
}
