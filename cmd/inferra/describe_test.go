package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecideWithDescriptions checks --describe: the data dictionary lets
// the rule engine read "manual cars" and "fuel economy"; without it the
// engine asks; a dictionary naming a column the data lacks is bad input.
func TestDecideWithDescriptions(t *testing.T) {
	t.Parallel()
	const data, dict = "../../testdata/data/cars.csv", "../../testdata/data/cars.dictionary.json"
	prompt := "Do manual cars get better fuel economy than automatic ones?"
	code, job, stderr := runCLI(t, "decide", "--data", data, "--describe", dict, "--prompt", prompt)
	if code != exitOK {
		t.Fatalf("with --describe: exit %d, stderr %s", code, stderr)
	}
	d := job["decision"].(map[string]any)
	p := d["params"].(map[string]any)
	if d["analysis"] != "ttest_ind" || p["group"] != "am" || p["value"] != "mpg" {
		t.Errorf("with --describe: decision %v, want ttest_ind group=am value=mpg", d)
	}
	if code, _, _ := runCLI(t, "decide", "--data", data, "--prompt", prompt); code != exitNoDecision {
		t.Errorf("without --describe: exit %d, want %d (the engine asks)", code, exitNoDecision)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"columns": {"mgp": {"description": "typo"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, job, _ = runCLI(t, "decide", "--data", data, "--describe", bad, "--prompt", prompt)
	if code != exitUsage || !strings.Contains(job["error"].(map[string]any)["message"].(string), `did you mean "mpg"`) {
		t.Errorf("a dictionary naming no column: exit %d, error %v; want %d and a suggestion", code, job["error"], exitUsage)
	}
}

// TestDecideApplicable checks that the decision of inferra decide carries
// the analyses that apply on the data (package applicable): a 2×3 table
// gets the chi-square test and not Fisher's exact test.
func TestDecideApplicable(t *testing.T) {
	t.Parallel()
	code, job, stderr := runCLI(t, "decide", "--data", "../../testdata/data/applicable.csv",
		"--prompt", "is sex independent of region? chi-square test")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	d := job["decision"].(map[string]any)
	apps, _ := d["applicable"].([]any)
	var got []string
	for _, a := range apps {
		got = append(got, a.(map[string]any)["analysis"].(string))
	}
	if d["analysis"] != "chi2_contingency" || strings.Join(got, ",") != "chi2_contingency" {
		t.Errorf("decision %v with applicable %v; want chi2_contingency alone", d["analysis"], got)
	}
}
