package main

import (
	"bytes"
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

func TestRunRefusesBadInput(t *testing.T) {
	for _, args := range [][]string{{"-items", "no-such-file.json"}, {"-bogus"}} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code == 0 {
			t.Errorf("run(%v) = 0, want a failure", args)
		}
	}
}
