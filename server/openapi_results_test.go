package server

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/inferra/inferra/internal/openapigen"
)

// TestOpenAPIResultsGenerated fails when the committed openapi.json
// differs from what the generator writes from the Go result types, so the
// result schemas cannot drift from the results.
func TestOpenAPIResultsGenerated(t *testing.T) {
	t.Parallel()
	want, err := openapigen.Generate(openAPIDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, openAPIDoc) {
		t.Fatal("server/openapi.json is not what the generator writes from the result types; run `go generate ./server` and commit it")
	}
	var doc struct {
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	for _, a := range openapigen.Analyses() {
		if _, ok := doc.Components.Schemas["Result_"+a.ID]; !ok {
			t.Errorf("openapi.json has no Result_%s", a.ID)
		}
	}
}

// TestTypedJobResults runs a t-test and a regression through the API and
// validates the job documents against the typed Job schema; the same
// documents with their results swapped, or a field renamed, fail it.
func TestTypedJobResults(t *testing.T) {
	t.Parallel()
	c := newOpenAPIChecker(t)
	ts := newTS(t, bearerAuth{}, nil, Config{})
	csv := plantsCSV(t)
	run := func(analysis string, params map[string]string) map[string]any {
		t.Helper()
		w := ts.do("POST", "/api/analyze", "ann", map[string]any{"analysis": analysis, "params": params, "dataset": map[string]string{"csv": csv}})
		c.check("POST", "/api/analyze", w)
		job := decode(t, w)
		if job["status"] != "succeeded" {
			t.Fatalf("%s: %s", analysis, w.Body.String())
		}
		return job
	}
	ttest := run("ttest_ind", map[string]string{"group": "treatment", "value": "yield"})
	ols := run("ols", map[string]string{"formula": "Q('yield') ~ height + C(treatment)"})
	if _, ok := ttest["result"].(map[string]any)["p_value"].(float64); !ok {
		t.Errorf("the t-test's result has no p_value: %v", ttest["result"])
	}
	if _, ok := ols["result"].(map[string]any)["coefficients"].([]any)[0].(map[string]any)["estimate"].(float64); !ok {
		t.Errorf("the regression's result has no coefficients[0].estimate: %v", ols["result"])
	}

	sch, err := c.compiler.Compile("mem://openapi.json#/components/schemas/Job")
	if err != nil {
		t.Fatal(err)
	}
	validate := func(job map[string]any) error {
		var v any
		b, _ := json.Marshal(job)
		_ = json.Unmarshal(b, &v)
		return sch.Validate(v)
	}
	for name, job := range map[string]map[string]any{"ttest_ind": ttest, "ols": ols} {
		if err := validate(job); err != nil {
			t.Errorf("the %s job does not match the Job schema: %v", name, err)
		}
	}
	swapped := map[string]any{}
	for k, v := range ttest {
		swapped[k] = v
	}
	swapped["result"] = ols["result"]
	if validate(swapped) == nil {
		t.Error("a ttest_ind job with an OLS result matches the Job schema")
	}
	renamed := map[string]any{}
	for k, v := range ttest["result"].(map[string]any) {
		renamed[strings.Replace(k, "p_value", "pvalue", 1)] = v
	}
	swapped["result"] = renamed
	if validate(swapped) == nil {
		t.Error("a ttest_ind result without p_value matches the Job schema")
	}
}
