package server

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// TestDictionary checks the column descriptions through the API: inline
// with a CSV (POST /api/decide and /api/analyze), with a multipart upload
// (stored in the schema, read again by the worker that runs a job on the
// uploaded dataset), and the errors that keep them from being lost.
func TestDictionary(t *testing.T) {
	t.Parallel()
	ts := newTS(t, nil, nil, Config{})
	cars, err := os.ReadFile("../testdata/data/cars.csv")
	if err != nil {
		t.Fatal(err)
	}
	dictJSON, err := os.ReadFile("../testdata/data/cars.dictionary.json")
	if err != nil {
		t.Fatal(err)
	}
	dict := map[string]any{"columns": map[string]any{
		"hp": map[string]any{"description": "gross horsepower"},
		"am": map[string]any{"description": "transmission", "levels": map[string]string{"0": "automatic", "1": "manual"}},
	}}
	// "gross power" names hp only through its description.
	prompt := "Is gross power correlated with weight?"
	decided := func(m map[string]any) (string, map[string]any) {
		d, _ := m["decision"].(map[string]any)
		p, _ := d["params"].(map[string]any)
		a, _ := d["analysis"].(string)
		return a, p
	}
	w := ts.do("POST", "/api/decide", "", map[string]any{"prompt": prompt, "dataset": map[string]any{"csv": string(cars)}})
	if a, _ := decided(decode(t, w)); a != "" {
		t.Fatalf("without descriptions: decided %s; the test needs the dictionary", a)
	}
	w = ts.do("POST", "/api/decide", "", map[string]any{"prompt": prompt, "dataset": map[string]any{"csv": string(cars), "dictionary": dict}})
	if a, p := decided(decode(t, w)); a != "pearsonr" || (p["x"] != "hp" && p["y"] != "hp") {
		t.Fatalf("decide with an inline dictionary: %d %s", w.Code, w.Body.String())
	}
	var fileDict map[string]any
	if err := json.Unmarshal(dictJSON, &fileDict); err != nil {
		t.Fatal(err)
	}
	w = ts.do("POST", "/api/analyze", "", map[string]any{"prompt": "Do manual cars get better fuel economy than automatic ones?",
		"dataset": map[string]any{"csv": string(cars), "dictionary": fileDict}})
	if a, p := decided(decode(t, w)); w.Code != 200 || a != "ttest_ind" || p["group"] != "am" {
		t.Fatalf("analyze with an inline dictionary: %d %s", w.Code, w.Body.String())
	}
	// The same bytes inline with other descriptions: the stored dataset
	// keeps the first ones, so the request is refused, not half obeyed.
	w = ts.do("POST", "/api/analyze", "", map[string]any{"prompt": prompt, "dataset": map[string]any{"csv": string(cars), "dictionary": dict}})
	if w.Code != 422 || errCode(t, w) != "invalid_input" {
		t.Errorf("inline bytes again with other descriptions: %d %s, want 422", w.Code, w.Body.String())
	}

	upload := func(dict []byte) *httptest.ResponseRecorder {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		if dict != nil {
			pw, _ := mw.CreateFormField("dictionary")
			_, _ = pw.Write(dict)
		}
		fw, _ := mw.CreateFormFile("file", "cars.csv")
		_, _ = fw.Write(cars)
		_ = mw.Close()
		req := httptest.NewRequest("POST", "/api/datasets", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		rec := httptest.NewRecorder()
		ts.srv.ServeHTTP(rec, req)
		return rec
	}
	w = upload(dictJSON)
	info := decode(t, w)
	if w.Code != 201 {
		t.Fatalf("upload with a dictionary: %d %s", w.Code, w.Body.String())
	}
	id := info["id"].(string)
	got := decode(t, ts.do("GET", "/api/datasets/"+id, "", nil))
	described := false
	for _, c := range got["schema"].(map[string]any)["columns"].([]any) {
		col := c.(map[string]any)
		if col["name"] == "am" && col["description"] == "transmission" && col["level_labels"].(map[string]any)["1"] == "manual" {
			described = true
		}
	}
	if !described {
		t.Errorf("GET /api/datasets/%s: the schema does not carry am's description and labels: %v", id, got["schema"])
	}
	// A job on the uploaded dataset, run by the worker from the stored
	// bytes, reads the stored descriptions.
	w = ts.do("POST", "/api/analyze", "", map[string]any{"prompt": "Do manual cars get better fuel economy than automatic ones?",
		"dataset": map[string]any{"id": id}})
	if a, p := decided(decode(t, w)); w.Code != 200 || a != "ttest_ind" || p["group"] != "am" {
		t.Fatalf("analyze on the described upload: %d %s", w.Code, w.Body.String())
	}
	w = ts.do("POST", "/api/analyze", "", map[string]any{"prompt": "Do manual cars get better fuel economy than automatic ones?",
		"dataset": map[string]any{"id": id}, "mode": "async"})
	job := decode(t, w)
	if w.Code != 202 {
		t.Fatalf("async analyze: %d %s", w.Code, w.Body.String())
	}
	var done map[string]any
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		done = decode(t, ts.do("GET", "/api/jobs/"+job["job_id"].(string), "", nil))
		if done["status"] == "succeeded" || done["status"] == "failed" || time.Now().After(deadline) {
			break
		}
	}
	if a, p := decided(done); a != "ttest_ind" || p["group"] != "am" {
		t.Errorf("async job on the described upload: %v", done)
	}

	// The same bytes with other descriptions: refused, not silently kept.
	if w = upload([]byte(`{"columns": {"am": {"description": "gearbox"}}}`)); w.Code != 422 || errCode(t, w) != "invalid_input" {
		t.Errorf("re-upload with other descriptions: %d %s, want 422", w.Code, w.Body.String())
	}
	// A dictionary with a stored dataset's id: refused.
	w = ts.do("POST", "/api/analyze", "", map[string]any{"prompt": prompt, "dataset": map[string]any{"id": id, "dictionary": dict}})
	if w.Code != 422 || errCode(t, w) != "invalid_input" {
		t.Errorf("id with a dictionary: %d %s, want 422", w.Code, w.Body.String())
	}
	// A dictionary naming a column the data lacks, or malformed.
	bad := map[string]any{"columns": map[string]any{"horsepower": map[string]any{"description": "x"}}}
	if w = ts.do("POST", "/api/decide", "", map[string]any{"prompt": prompt, "dataset": map[string]any{"csv": string(cars), "dictionary": bad}}); w.Code == 200 || w.Code >= 500 {
		t.Errorf("unknown column in the dictionary: %d %s", w.Code, w.Body.String())
	}
	if w = upload([]byte(`{"columns": 3}`)); w.Code != 422 {
		t.Errorf("malformed dictionary part: %d %s", w.Code, w.Body.String())
	}
}
