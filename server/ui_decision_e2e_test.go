package server

import (
	"strings"
	"testing"
)

// TestUIDecisionInWords checks the answer's decision line: a person reads
// which analysis was chosen by its name, who chose it and with what
// confidence, and why; the analysis id, the rule id, the parameters and
// the evidence the rule matched are behind the details toggle, not in the
// visible text.
func TestUIDecisionInWords(t *testing.T) {
	p := openUI(t, newRealService(t), 1280, 1400)
	p.upload("plants.csv")
	p.ask("Does the treatment change the yield?", `!!document.querySelector("#summary-tables table.summary-table") && document.querySelector("#decision").textContent !== ""`)
	p.shot("decision")

	// The answer as a person sees it: every part of it but the closed
	// details, as rendered.
	visible := uiEval[string](p, `[...document.querySelector("#answer").children].filter((e) => e.id !== "details").map((e) => e.innerText).join("\n")`)
	if want := "Chosen: Independent-samples t-test — by the rules (confidence 0."; !strings.Contains(visible, want) {
		t.Errorf("the answer reads %q, want it to hold %q", visible, want)
	}
	if !strings.Contains(visible, "Compares the mean of yield between the two groups of treatment") {
		t.Errorf("the answer reads %q, want the decision's explanation", visible)
	}
	var raws []string
	for _, raw := range []string{"ttest_ind", "rule ", "group = treatment", "value = yield", "→", "term:"} {
		if strings.Contains(visible, raw) {
			raws = append(raws, raw)
		}
	}
	if raws != nil {
		t.Errorf("the visible answer holds the raw decision %q, want it behind the details toggle", raws)
	}
	if uiEval[bool](p, `document.querySelector("#details").open`) {
		t.Error("the details toggle is open on a job with a summary, want it closed")
	}

	p.do("opening the details", js(`document.querySelector("#details").open = true`))
	raw := uiEval[string](p, `document.querySelector("#decision-raw").innerText`)
	for _, want := range []string{"ttest_ind", "rule ttest_ind.two_groups", "group = treatment; value = yield", "column treatment → group"} {
		if !strings.Contains(raw, want) {
			t.Errorf("the details' decision reads %q, want it to hold %q", raw, want)
		}
	}
}
