package decision_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/decision/decisiontest"
)

// The corpus is testdata/decisions/corpus.json (the first, hand-written
// items) and the blind batches in testdata/decisions/batches/, each
// written by someone who had not seen the engine and scored before anyone
// tuned on it (the figures are in BENCHMARKS.md). Items of split "tune"
// may be developed against; items of split "holdout" are never looked at
// one by one. blind12, blind16 and blind17, the latest batches, were held
// back and scored by an engine none of them was tuned on (BENCHMARKS.md);
// they are in testdata and scored by decisioneval, and join this test
// when the engine has been worked on them.
//
// The floors below are ratchets at what the engine has reached: raise them
// as it improves, never lower them. Issue 15's targets are higher (no
// more than 1% of the holdout's decidable items decided wrongly, 92%
// right); the test reports the distance.
var corpusFiles = []string{"corpus.json", "batches/blind1.json", "batches/blind2.json", "batches/blind3.json", "batches/blind4.json", "batches/blind5.json", "batches/blind6.json", "batches/blind7.json", "batches/blind8.json", "batches/blind9.json", "batches/blind10.json", "batches/blind11.json", "batches/blind13.json", "batches/blind14.json", "batches/blind15.json", "batches/holdout2.json"}

const (
	// minTuneAccuracy and minHoldoutAccuracy are the least shares of
	// decidable items decided right.
	minTuneAccuracy    = 0.85
	minHoldoutAccuracy = 0.77
	// maxTuneWrongRate is the most the tune split may decide wrongly
	// (0.005 before blind6, 0.009 before blind8 and 0.010 before blind10,
	// whose pre-tuning wrong decisions joined it; 0.011 from blind10 to
	// rules 2026.12.34, 0.010 to 2026.12.37, 0.009 to 2026.12.47, before
	// blind11, blind13, blind14 and blind15 joined with 23 wrong decisions
	// that remain, and minTuneAccuracy 0.86 before they did).
	maxTuneWrongRate = 0.017
	// maxHoldoutWrongRate is the most the holdout may decide wrongly, and
	// maxHoldoutDecided the most must-decline holdout items it may decide.
	// (0.036 for rules 2026.12.36 and .37, whose glossary of names,
	// written by a session that never saw the engine or the corpus,
	// decided 11 more holdout items right and one more wrongly.)
	maxHoldoutWrongRate = 0.031
	maxHoldoutDecided   = 1
)

func TestCorpus(t *testing.T) {
	dir := filepath.Join("..", "testdata", "decisions")
	var items []decisiontest.Item
	for _, f := range corpusFiles {
		its, err := decisiontest.ReadItems(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, its...)
	}
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	results, err := decisiontest.Run(context.Background(), e, items, filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	scores := map[string]*decisiontest.Score{"tune": {}, "holdout": {}}
	for _, r := range results {
		sc := scores[r.Item.Split]
		if sc == nil {
			t.Fatalf("%s: split %q, want tune or holdout", r.Item.ID, r.Item.Split)
		}
		sc.Add(r)
		if r.Outcome == decisiontest.Decided && r.Item.Split == "tune" {
			// Never: a must-decline item decided is a confident wrong
			// answer to a question that has none.
			t.Errorf("%s: must-decline item decided as %s %v: %q", r.Item.ID, r.Decision.Analysis, r.Decision.Params, r.Item.Prompt)
		}
		// Holdout items are scored, never shown.
		if r.Outcome != decisiontest.Right && r.Item.Split == "tune" && testing.Verbose() {
			t.Logf("tune miss %s: %q → %s %v (q: %s)", r.Item.ID, r.Item.Prompt, r.Decision.Analysis, r.Decision.Params, r.Decision.Question)
		}
	}
	tu, ho := scores["tune"], scores["holdout"]
	t.Logf("tune:    %s", tu)
	t.Logf("holdout: %s", ho)
	if a := tu.Accuracy(); a < minTuneAccuracy {
		t.Errorf("tune accuracy = %.3f, want ≥ %.2f", a, minTuneAccuracy)
	}
	if a := ho.Accuracy(); a < minHoldoutAccuracy {
		t.Errorf("holdout accuracy = %.3f, want ≥ %.2f", a, minHoldoutAccuracy)
	}
	if ho.Decided > maxHoldoutDecided {
		// Counted, never shown: the holdout is not tuned on.
		t.Errorf("holdout must-decline items decided = %d, want ≤ %d (issue 15's target: 0)", ho.Decided, maxHoldoutDecided)
	}
	if w := ho.WrongRate(); w > maxHoldoutWrongRate {
		t.Errorf("holdout decided wrongly = %.3f of decidable items, want ≤ %.3f (issue 15's target: 0.01)", w, maxHoldoutWrongRate)
	}
	if w := tu.WrongRate(); w > maxTuneWrongRate {
		t.Errorf("tune decided wrongly = %.4f of decidable items, want ≤ %.3f", w, maxTuneWrongRate)
	}
}
