package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// A dataset the host service already holds: blood pressure under two diets.
const csv = `diet,systolic
usual,132
usual,128
usual,141
usual,135
usual,138
usual,130
usual,136
low_salt,124
low_salt,121
low_salt,130
low_salt,126
low_salt,119
low_salt,127
low_salt,123
`

func main() {
	ctx := context.Background()

	// 1. The dataset: parsed, typed and described (its schema).
	ds, err := load.ParseCSV([]byte(csv), load.Options{})
	if err != nil {
		log.Fatal(err)
	}

	// 2. The decision: the deterministic rules choose the analysis and
	//    its columns from the question, or decline with a question back.
	engine, err := decision.New(decision.Config{})
	if err != nil {
		log.Fatal(err)
	}
	prompt := "Does a low-salt diet lower systolic blood pressure?"
	d, err := engine.Decide(ctx, prompt, ds.Schema())
	if err != nil {
		log.Fatal(err)
	}
	if decision.IsNoDecision(d) {
		fmt.Println("no decision:", d.Question)
		os.Exit(3)
	}
	fmt.Printf("decision: %s %v (rule %s)\n", d.Analysis, d.Params, d.RuleID)

	// 3. The analysis: the same code the CLI and the server run.
	res, err := stats.Run(ctx, ds, d.Analysis, d.Params)
	if err != nil {
		// A user mistake is an *inferra.Error with a code and a message
		// saying what to fix.
		log.Fatalf("%s: %v", inferra.ErrorCode(err), err)
	}
	fmt.Println("report:", res.Report)

	// res.Stats marshals to the job document's "result" (docs/RESULTS.md).
	b, err := json.Marshal(res.Stats)
	if err != nil {
		log.Fatal(err)
	}
	var fields struct {
		Statistic float64 `json:"statistic"`
		PValue    float64 `json:"p_value"`
		DF        float64 `json:"df"`
	}
	if err := json.Unmarshal(b, &fields); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("t = %.3f, df = %.2f, p = %.5f, rows used = %d\n", fields.Statistic, fields.DF, fields.PValue, res.RowsUsed)
}
