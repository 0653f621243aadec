package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestRunScoresACorpus(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"-items", "../../testdata/decisions/corpus.json", "-data", "../../testdata/decisions/data", "-misses"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"tune:", "holdout:", "all:", "decidable right", "must-decline decided"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestRunPrintsCalibration checks -calibration: a table of the decisions
// by confidence band, right and wrong in each, whose counts add up to the
// decisions made.
func TestRunPrintsCalibration(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"-items", "../../testdata/decisions/corpus.json", "-data", "../../testdata/decisions/data", "-calibration"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 8 || lines[0] != "confidence  right  wrong" {
		t.Fatalf("no calibration table:\n%s", out.String())
	}
	total := 0
	for _, l := range lines[1:7] {
		var lo, hi float64
		var right, wrong int
		if n, err := fmt.Sscanf(l, "[%f, %f) %d %d", &lo, &hi, &right, &wrong); n != 4 || err != nil {
			t.Fatalf("row %q: %v", l, err)
		}
		total += right + wrong
	}
	if total == 0 {
		t.Errorf("the table counts no decision:\n%s", out.String())
	}
}

func TestRunRefusesBadInput(t *testing.T) {
	for _, args := range [][]string{{"-items", "no-such-file.json"}, {"-bogus"}} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code == 0 {
			t.Errorf("run(%v) = 0, want a failure", args)
		}
	}
}
