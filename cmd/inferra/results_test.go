package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/inferra/inferra/internal/pythontest"
)

// TestAnalyzeOutResults checks the summary block of inferra analyze and
// the files --out writes beside the charts: reproduce.py (run with
// Debian's python3 against the dataset: exit 0), report.html (no
// external URL; the question, the decision, the summary's sentence and
// the dataset's hash) and report.md.
func TestAnalyzeOutResults(t *testing.T) {
	t.Parallel()
	data, _ := filepath.Abs("../../testdata/data/houses.csv")
	dir := t.TempDir()
	code, job, stderr := runCLI(t, "analyze", "--data", data,
		"--prompt", "does price depend on floor.area and region", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit status %d; stderr %s", code, stderr)
	}
	sum, ok := job["summary"].(map[string]any)
	if !ok || sum["analysis"] != "ols" {
		t.Fatalf("summary = %v, want the OLS summary", job["summary"])
	}
	meaning := sum["meaning"].(string)
	if !strings.Contains(meaning, "floor.area") || strings.Contains(meaning, "Q(") {
		t.Errorf("meaning = %q, want floor.area named as it reads", meaning)
	}
	for _, f := range []string{"reproduce.py", "report.html", "report.md", "residuals.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--out did not write %s: %v", f, err)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`).Find(page); m != nil {
		t.Errorf("report.html refers to an external URL: %q", m)
	}
	sha := job["dataset"].(map[string]any)["sha256"].(string)
	for _, want := range []string{"does price depend on floor.area and region", "ols", sha, strings.Join(strings.Fields(meaning)[:5], " ")} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}

	// Without --out: the same summary, and no files.
	_, plain, _ := runCLI(t, "analyze", "--data", data, "--prompt", "does price depend on floor.area and region")
	if plain["summary"].(map[string]any)["meaning"] != meaning {
		t.Errorf("the summary differs without --out")
	}

	python := pythontest.Need(t)
	if out, err := exec.Command(python, filepath.Join(dir, "reproduce.py"), data).CombinedOutput(); err != nil {
		t.Errorf("python3 reproduce.py houses.csv: %v\n%s", err, out)
	}
}

// TestDecideHasNoSummary: a decision without a run has no result to put
// in words.
func TestDecideHasNoSummary(t *testing.T) {
	t.Parallel()
	_, job, _ := runCLI(t, "decide", "--data", "../../testdata/data/houses.csv", "--prompt", "does price depend on region")
	if _, ok := job["summary"]; ok {
		t.Errorf("decide printed a summary: %v", job["summary"])
	}
}
