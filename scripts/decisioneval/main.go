// Command decisioneval scores the decision engine on labelled questions
// and prints the score per split: right, declined, decided wrongly,
// must-decline items decided, and the calibration of confident decisions.
//
//	go run ./scripts/decisioneval -items testdata/decisions/corpus.json -data testdata/decisions/data
//	go run ./scripts/decisioneval -items testdata/decisions/batches/blind1.json -data testdata/decisions/data -misses
//
// A blind batch is scored with this command before anyone looks at its
// items, and that figure is the one to report (see BENCHMARKS.md).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/decision/decisiontest"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("decisioneval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	items := fs.String("items", "testdata/decisions/corpus.json", "comma-separated JSON `files` of items")
	data := fs.String("data", "testdata/decisions/data", "the `directory` of the items' datasets")
	misses := fs.Bool("misses", false, "print every item not answered right")
	calib := fs.Bool("calibration", false, "print the decisions by confidence band: right and wrong in each")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var all []decisiontest.Item
	for _, f := range strings.Split(*items, ",") {
		its, err := decisiontest.ReadItems(f)
		if err != nil {
			fmt.Fprintln(stderr, "decisioneval:", err)
			return 1
		}
		all = append(all, its...)
	}
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		fmt.Fprintln(stderr, "decisioneval:", err)
		return 1
	}
	results, err := decisiontest.Run(context.Background(), e, all, *data)
	if err != nil {
		fmt.Fprintln(stderr, "decisioneval:", err)
		return 1
	}
	scores := map[string]*decisiontest.Score{}
	var total decisiontest.Score
	for _, r := range results {
		split := r.Item.Split
		if split == "" {
			split = "blind"
		}
		if scores[split] == nil {
			scores[split] = &decisiontest.Score{}
		}
		scores[split].Add(r)
		total.Add(r)
		if *misses && r.Outcome != decisiontest.Right {
			d := r.Decision
			got := d.Analysis + " " + fmt.Sprint(d.Params)
			if decision.IsNoDecision(d) {
				got = "declined: " + d.Question
			}
			want := "decline"
			if !r.Item.Expect.Decline {
				want = r.Item.Expect.Analysis + " " + fmt.Sprint(r.Item.Expect.Params)
			}
			fmt.Fprintf(stdout, "%s %s: %q\n    got  %s\n    want %s\n", r.Item.ID, []string{"right", "declined", "WRONG", "DECIDED"}[r.Outcome], r.Item.Prompt, got, want)
		}
	}
	if *calib {
		printCalibration(stdout, results)
	}
	var names []string
	for k := range scores {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(stdout, "%-8s %s\n", k+":", scores[k])
	}
	fmt.Fprintf(stdout, "%-8s %s\n", "all:", total)
	return 0
}

// printCalibration prints, per band of confidence, how many decisions were
// right and how many wrong (decided must-decline items count as wrong).
func printCalibration(w io.Writer, results []decisiontest.Result) {
	bands := []float64{0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01}
	right := make([]int, len(bands)-1)
	wrong := make([]int, len(bands)-1)
	for _, r := range results {
		if decision.IsNoDecision(r.Decision) {
			continue
		}
		for b := range right {
			if r.Decision.Confidence >= bands[b] && r.Decision.Confidence < bands[b+1] {
				if r.Outcome == decisiontest.Right {
					right[b]++
				} else {
					wrong[b]++
				}
			}
		}
	}
	fmt.Fprintln(w, "confidence  right  wrong")
	for b := range right {
		fmt.Fprintf(w, "[%.1f, %.1f)  %5d  %5d\n", bands[b], min(bands[b+1], 1), right[b], wrong[b])
	}
}
