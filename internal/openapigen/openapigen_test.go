package openapigen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/openapigen"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
	"github.com/inferra/inferra/stats"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// resultSchemas compiles the Result_<id> schemas of the committed
// server/openapi.json.
func resultSchemas(t *testing.T) func(id string) *jsonschema.Schema {
	t.Helper()
	doc, err := os.ReadFile("../../server/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource("mem://openapi.json", bytes.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	return func(id string) *jsonschema.Schema {
		t.Helper()
		s, err := c.Compile("mem://openapi.json#/components/schemas/Result_" + id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

// validate checks the JSON encoding of a result against the schema of its
// analysis.
func validate(t *testing.T, s *jsonschema.Schema, result any) {
	t.Helper()
	b, err := json.Marshal(result)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("the result does not match its schema: %#v\n%s", err, b)
	}
}

// TestReferenceResultsMatchSchemas runs every case of the statistical
// reference values (testdata/reference*.json, which cover every analysis)
// and validates each result against its generated schema.
func TestReferenceResultsMatchSchemas(t *testing.T) {
	t.Parallel()
	schema := resultSchemas(t)
	seen := map[string]bool{}
	datasets := map[string]*inferra.Dataset{}
	files, _ := filepath.Glob("../../testdata/reference*.json")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cases []struct {
			ID       string            `json:"id"`
			Dataset  string            `json:"dataset"`
			Analysis string            `json:"analysis"`
			Params   map[string]string `json:"params"`
		}
		if json.Unmarshal(raw, &cases) != nil {
			continue // not a list of analysis cases (the charts' file)
		}
		for _, c := range cases {
			if _, ok := stats.Lookup(c.Analysis); !ok || c.Dataset == "" {
				continue
			}
			ds := datasets[c.Dataset]
			if ds == nil {
				if ds, err = load.File(filepath.Join("../../testdata", c.Dataset), load.Options{}); err != nil {
					t.Fatalf("%s: %v", c.ID, err)
				}
				datasets[c.Dataset] = ds
			}
			res, err := stats.Run(context.Background(), ds, c.Analysis, c.Params)
			if err != nil {
				continue // the cases of errors
			}
			seen[c.Analysis] = true
			t.Run(c.ID, func(t *testing.T) { validate(t, schema(c.Analysis), res.Stats) })
		}
	}
	for _, s := range stats.Specs() {
		if !seen[s.ID] {
			t.Errorf("no reference case ran %s", s.ID)
		}
	}
}

// TestChartResultsMatchSchemas draws every chart on a small dataset and
// validates what it computed against its generated schema.
func TestChartResultsMatchSchemas(t *testing.T) {
	t.Parallel()
	schema := resultSchemas(t)
	var csv strings.Builder
	csv.WriteString("g,h,x,y\n")
	for i := range 40 {
		x := float64(i)
		fmt.Fprintf(&csv, "%c,%c,%g,%g\n", "ab"[i%2], "uv"[i/3%2], x, 2*x+5*math.Sin(x))
	}
	ds, err := load.ParseCSV([]byte(csv.String()), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]map[string]string{
		"boxplot":   {"group": "g", "value": "y"},
		"scatter":   {"x": "x", "y": "y", "hue": "g"},
		"regplot":   {"x": "x", "y": "y"},
		"histogram": {"x": "y"},
		"kde":       {"x": "y", "hue": "g"},
		"residuals": {"formula": "y ~ x"},
		"crosstab":  {"x": "g", "y": "h"},
		"qqplot":    {"x": "y"},
		"ecdf":      {"group": "g", "value": "y"},
	}
	for _, s := range plots.Specs() {
		p, ok := params[s.ID]
		if !ok {
			t.Errorf("no parameters to draw %s with", s.ID)
			continue
		}
		t.Run(s.ID, func(t *testing.T) {
			ch, err := plots.Render(context.Background(), ds, s.ID, p, plots.Options{Width: 200, Height: 150})
			if err != nil {
				t.Fatal(err)
			}
			validate(t, schema(s.ID), ch.Stats)
		})
	}
}

// TestGenerateKeepsTheRest checks that Generate writes only the
// generated schemas: the document without them round-trips to the same
// bytes, and a hand-written schema after them is refused.
func TestGenerateKeepsTheRest(t *testing.T) {
	t.Parallel()
	doc := []byte(`{
  "openapi": "3.1.0",
  "components": {
    "schemas": {
      "Hand": {"type": "string"}
    }
  },
  "paths": {}
}
`)
	out, err := openapigen.Generate(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte(`{
  "openapi": "3.1.0",
  "components": {
    "schemas": {
      "Hand": {"type": "string"},
      "Result_ttest_ind": {`)) || !bytes.HasSuffix(out, []byte("\n    }\n  },\n  \"paths\": {}\n}\n")) {
		t.Errorf("Generate changed the hand-written part:\n%.300s\n…\n%s", out, out[len(out)-200:])
	}
	again, err := openapigen.Generate(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, out) {
		t.Error("Generate is not idempotent")
	}
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("Generate wrote invalid JSON: %v", err)
	}
	late := bytes.Replace(out, []byte("\n    }\n  },\n  \"paths\""), []byte(",\n      \"Late\": {}\n    }\n  },\n  \"paths\""), 1)
	if _, err := openapigen.Generate(late); err == nil || !strings.Contains(err.Error(), "Late") {
		t.Errorf("a hand-written schema after the generated ones: err = %v", err)
	}
	if _, err := openapigen.Generate([]byte(`{"openapi": "3.1.0"}`)); err == nil {
		t.Error("a document without components.schemas: no error")
	}
}
