package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// doseResponse is the new rule. Its analysis must be allow-listed
// (decision.Analyses) and its param_map must fill every parameter.
const doseResponse = `{
  "id": "lab.dose_response",
  "analysis": "spearmanr",
  "library": "stats",
  "function": "SpearmanR",
  "explanation": "Measures whether {y} rises or falls steadily with {x} (a dose-response), with Spearman's rank correlation.",
  "match_terms": [
    {"phrase": "dose-response", "weight": 4, "synonyms": ["dose response", "dose–response"]}
  ],
  "required_schema": {
    "roles": {
      "x": {"kinds": ["numeric", "integer_coded"]},
      "y": {"kinds": ["numeric", "integer_coded"]}
    }
  },
  "param_map": {"x": {"role": "x"}, "y": {"role": "y"}}
}`

const csv = `amount_mg,recovery_days
5,14
5,15
10,12
10,13
20,11
20,12
40,9
40,11
80,8
80,7
`

func main() {
	ctx := context.Background()
	ds, err := load.ParseCSV([]byte(csv), load.Options{})
	if err != nil {
		log.Fatal(err)
	}
	prompt := "Is there a dose-response between amount_mg and recovery_days?"

	// The default rules, then the same rules with ours appended.
	fmt.Println("default rules:", decide(ctx, decision.DefaultRules(), prompt, ds))
	rules, err := withRule(decision.DefaultRules(), doseResponse)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("with lab.dose_response:", decide(ctx, rules, prompt, ds))
}

// withRule returns base with rule appended, loaded (and so validated) as
// a rules file.
func withRule(base *decision.Rules, rule string) (*decision.Rules, error) {
	var file map[string]any
	b, err := json.Marshal(base)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &file); err != nil {
		return nil, err
	}
	var r any
	if err := json.Unmarshal([]byte(rule), &r); err != nil {
		return nil, err
	}
	file["rules"] = append(file["rules"].([]any), r)
	// rules_version (YYYY.MM.N) is recorded in every decision's
	// provenance: a rule set kept in a file of its own should carry a
	// version of its own.
	if b, err = json.Marshal(file); err != nil {
		return nil, err
	}
	return decision.LoadRules(bytes.NewReader(b))
}

// decide runs the engine with rules on prompt and, when it decides, the
// analysis; it describes what happened in one line.
func decide(ctx context.Context, rules *decision.Rules, prompt string, ds *inferra.Dataset) string {
	engine, err := decision.New(decision.Config{Rules: rules})
	if err != nil {
		log.Fatal(err)
	}
	d, err := engine.Decide(ctx, prompt, ds.Schema())
	if err != nil {
		log.Fatal(err)
	}
	if decision.IsNoDecision(d) {
		return "no decision: " + d.Question
	}
	res, err := stats.Run(ctx, ds, d.Analysis, d.Params)
	if err != nil {
		log.Fatal(err)
	}
	return fmt.Sprintf("%s by rule %s\n  %s", d.Analysis, d.RuleID, res.Report)
}
