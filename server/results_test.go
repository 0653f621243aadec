package server

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/inferra/inferra/internal/pythontest"
	"github.com/inferra/inferra/report"
)

// uploadFile uploads a testdata dataset for user and returns its id.
func (ts *testServer) uploadFile(user, name string) string {
	ts.t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "data", name))
	if err != nil {
		ts.t.Fatal(err)
	}
	w := ts.do("POST", "/api/datasets?name="+name, user, b, "Content-Type", "text/csv")
	if w.Code != http.StatusCreated {
		ts.t.Fatalf("upload %s: %d %s", name, w.Code, w.Body.String())
	}
	return decode(ts.t, w)["id"].(string)
}

// summaryOf returns the summary block of a job document.
func summaryOf(t *testing.T, job map[string]any) map[string]any {
	t.Helper()
	s, ok := job["summary"].(map[string]any)
	if !ok {
		t.Fatalf("job %v (%v) has no summary block", job["job_id"], job["status"])
	}
	return s
}

// TestSummaryReproduceAndReport runs one job per analysis family and
// checks its summary block (the same in the sync response and in GET
// /api/jobs/{id}), its reproduce.py (run with python3 against the
// dataset: exit 0) and its reports, and that another user gets 404.
func TestSummaryReproduceAndReport(t *testing.T) {
	python := pythontest.Need(t)
	ts := newTS(t, bearerAuth{}, nil, Config{})
	dsID := ts.uploadFile("ann", "houses.csv")
	csvPath, _ := filepath.Abs(filepath.Join("..", "testdata", "data", "houses.csv"))
	for _, tc := range []struct {
		analysis string
		params   map[string]string
		check    func(t *testing.T, s map[string]any)
	}{
		{"ttest_ind", map[string]string{"group": "garage", "value": "price"}, func(t *testing.T, s map[string]any) {
			if s["effect"].(map[string]any)["symbol"] != "d" {
				t.Errorf("t-test effect = %v, want Cohen's d", s["effect"])
			}
			if cols := s["tables"].([]any)[0].(map[string]any)["columns"]; !reflect.DeepEqual(cols, []any{"Test", "Statistic", "df", "p", "Effect size", "95% CI", "n"}) {
				t.Errorf("t-test table columns = %v", cols)
			}
		}},
		{"f_oneway", map[string]string{"group": "region", "value": "price"}, func(t *testing.T, s map[string]any) {
			ph, ok := s["post_hoc"].(map[string]any)
			if !ok || len(ph["pairs"].([]any)) == 0 {
				t.Fatalf("a significant ANOVA has no post-hoc pairs: %v", s["post_hoc"])
			}
			if !strings.Contains(s["meaning"].(string), "central is higher than south") {
				t.Errorf("the ANOVA's meaning does not say which pairs differ: %s", s["meaning"])
			}
		}},
		{"pearsonr", map[string]string{"x": "floor.area", "y": "price"}, func(t *testing.T, s map[string]any) {
			if size := s["effect"].(map[string]any)["size"]; size == "" {
				t.Errorf("correlation without a size in words: %v", s["effect"])
			}
		}},
		{"ols", map[string]string{"formula": "price ~ Q('floor.area') + region"}, func(t *testing.T, s map[string]any) {
			raw, _ := json.Marshal(s)
			if strings.Contains(string(raw), "Q(") {
				t.Errorf("the OLS summary names a term Q(…): %s", raw)
			}
			coef := s["tables"].([]any)[1].(map[string]any)
			var terms []string
			for _, r := range coef["rows"].([]any) {
				terms = append(terms, r.([]any)[0].(string))
			}
			if !strings.Contains(strings.Join(terms, "|"), "floor.area") || !strings.Contains(strings.Join(terms, "|"), "region: south vs central") {
				t.Errorf("coefficient terms = %q, want floor.area and region: south vs central", terms)
			}
		}},
		{"chi2_contingency", map[string]string{"x": "region", "y": "garage"}, nil},
		{"boxplot", map[string]string{"group": "region", "value": "price"}, nil},
	} {
		t.Run(tc.analysis, func(t *testing.T) {
			w := ts.do("POST", "/api/run", "ann", map[string]any{"prompt": "What does " + strings.ReplaceAll(tc.analysis, "_", " ") + " say about the houses?",
				"decision": map[string]any{"analysis": tc.analysis, "params": tc.params}, "dataset": map[string]string{"id": dsID}})
			if w.Code != http.StatusOK {
				t.Fatalf("run: %d %s", w.Code, w.Body.String())
			}
			job := decode(t, w)
			id := job["job_id"].(string)
			sum := summaryOf(t, job)
			if m, _ := sum["meaning"].(string); m == "" || sum["analysis"] != tc.analysis {
				t.Fatalf("summary = %v", sum)
			}
			got := ts.do("GET", "/api/jobs/"+id, "ann", nil)
			if !reflect.DeepEqual(summaryOf(t, decode(t, got)), sum) {
				t.Errorf("GET /api/jobs/{id} has another summary than the sync response")
			}
			if tc.check != nil {
				tc.check(t, sum)
			}

			// reproduce.py: served as a Python attachment, exits 0.
			w = ts.do("GET", "/api/jobs/"+id+"/reproduce.py", "ann", nil)
			if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/x-python") ||
				!strings.Contains(w.Header().Get("Content-Disposition"), `attachment; filename="reproduce.py"`) {
				t.Fatalf("reproduce.py: %d %v %s", w.Code, w.Header(), w.Body.String())
			}
			dir := t.TempDir()
			script := filepath.Join(dir, "reproduce.py")
			if err := os.WriteFile(script, w.Body.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(python, script, csvPath).CombinedOutput(); err != nil {
				t.Errorf("python3 reproduce.py houses.csv: %v\n%s", err, out)
			}

			// report.html: self-contained, with its CSP.
			w = ts.do("GET", "/api/jobs/"+id+"/report.html", "ann", nil)
			if w.Code != http.StatusOK || w.Header().Get("Content-Security-Policy") != report.CSP {
				t.Fatalf("report.html: %d, CSP %q", w.Code, w.Header().Get("Content-Security-Policy"))
			}
			checkReport(t, w.Body.String(), job, sum, true)
			w = ts.do("GET", "/api/jobs/"+id+"/report.md", "ann", nil)
			if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/markdown") {
				t.Fatalf("report.md: %d %s", w.Code, w.Body.String())
			}
			checkReport(t, w.Body.String(), job, sum, false)

			// Another user's job is not found.
			for _, file := range []string{"reproduce.py", "report.html", "report.md"} {
				if w := ts.do("GET", "/api/jobs/"+id+"/"+file, "bob", nil); w.Code != http.StatusNotFound {
					t.Errorf("bob GET %s of ann's job: %d, want 404", file, w.Code)
				}
			}
		})
	}
}

// externalURL finds a src or href that leaves the page.
var externalURL = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`)

// checkReport checks that a report holds the question, the decision,
// the summary's sentence and the dataset's hash and, for HTML, loads
// nothing from elsewhere.
func checkReport(t *testing.T, page string, job, sum map[string]any, html bool) {
	t.Helper()
	if html {
		if m := externalURL.FindString(page); m != "" {
			t.Errorf("report.html refers to an external URL: %q", m)
		}
		if strings.Contains(page, "<script") {
			t.Errorf("report.html has a script")
		}
	}
	decision := job["decision"].(map[string]any)
	sha := job["dataset"].(map[string]any)["sha256"].(string)
	for _, want := range []string{job["prompt"].(string), decision["analysis"].(string), sha} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// The sentence, as the page escapes it: compare its words.
	meaning := sum["meaning"].(string)
	words := strings.Fields(meaning)
	if len(words) > 6 {
		words = words[:6]
	}
	if !strings.Contains(page, strings.Join(words[:3], " ")) {
		t.Errorf("the report lacks the summary sentence %q", meaning)
	}
}

// TestReproduceNotSucceeded answers 409 for a job that has no result.
func TestReproduceNotSucceeded(t *testing.T) {
	ts := newTS(t, bearerAuth{}, nil, Config{})
	w := ts.do("POST", "/api/analyze", "ann", map[string]any{"prompt": "Does treatment change yield?",
		"dataset": map[string]string{"csv": plantsCSV(t)}, "decision_only": true})
	if w.Code != http.StatusOK {
		t.Fatalf("analyze: %d %s", w.Code, w.Body.String())
	}
	job := decode(t, w)
	if _, ok := job["summary"]; ok {
		t.Errorf("a decision without a result has a summary: %v", job["summary"])
	}
	for _, file := range []string{"reproduce.py", "report.html", "report.md"} {
		w := ts.do("GET", "/api/jobs/"+job["job_id"].(string)+"/"+file, "ann", nil)
		if w.Code != http.StatusConflict || errCode(t, w) != "invalid_input" {
			t.Errorf("GET %s of a decision-only job: %d %s, want 409", file, w.Code, w.Body.String())
		}
	}
}
