package server

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestUploadDialects uploads the CSV files a spreadsheet writes and the
// files people pick by mistake: a European CSV (';' and decimal commas)
// and a '|' file load with their columns and numbers; a column of mostly
// numbers read as text comes with a warning naming it; a binary file (an
// Excel workbook, a PNG) is a 422 "not a text file", as text/csv or as
// multipart. Every response matches the OpenAPI document.
func TestUploadDialects(t *testing.T) {
	t.Parallel()
	c := newOpenAPIChecker(t)
	ts := newTS(t, nil, nil, Config{})
	post := func(name, body string, multipartForm bool) *httptest.ResponseRecorder {
		t.Helper()
		var req *http.Request
		if multipartForm {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", name)
			_, _ = fw.Write([]byte(body))
			_ = mw.Close()
			req = httptest.NewRequest("POST", "/api/datasets", &buf)
			req.Header.Set("Content-Type", mw.FormDataContentType())
		} else {
			req = httptest.NewRequest("POST", "/api/datasets?name="+name, strings.NewReader(body))
			req.Header.Set("Content-Type", "text/csv")
		}
		w := httptest.NewRecorder()
		ts.srv.ServeHTTP(w, req)
		c.check("POST", "/api/datasets", w)
		return w
	}
	type column struct{ name, kind string }
	columns := func(w *httptest.ResponseRecorder) (cols []column, warnings []string) {
		t.Helper()
		s := decode(t, w)["schema"].(map[string]any)
		for _, c := range s["columns"].([]any) {
			m := c.(map[string]any)
			cols = append(cols, column{m["name"].(string), m["kind"].(string)})
		}
		list, _ := s["warnings"].([]any)
		for _, w := range list {
			warnings = append(warnings, w.(string))
		}
		return cols, warnings
	}
	for _, tt := range []struct {
		name, csv string
		want      []column
		warning   string
	}{
		{"european.csv", "site;rain;temp\nA;1,5;12,25\nB;2,75;-3,5\nC;3;1.234,5\n",
			[]column{{"site", "categorical"}, {"rain", "numeric"}, {"temp", "numeric"}}, ""},
		{"pipes.csv", "id|group|score\n1|a|1.5\n2|b|2.5\n",
			[]column{{"id", "numeric"}, {"group", "categorical"}, {"score", "numeric"}}, ""},
		{"typo.csv", "plot,yield\n1,4.1\n2,5.3\n3,12..5\n",
			[]column{{"plot", "numeric"}, {"yield", "categorical"}}, `column "yield" is mostly numbers but was read as text: line 4 has "12..5"`},
	} {
		w := post(tt.name, tt.csv, false)
		if w.Code != http.StatusCreated {
			t.Fatalf("upload %s: %d %s", tt.name, w.Code, w.Body.String())
		}
		cols, warnings := columns(w)
		if len(cols) != len(tt.want) {
			t.Errorf("upload %s: columns %v, want %v", tt.name, cols, tt.want)
			continue
		}
		for i := range cols {
			if cols[i] != tt.want[i] {
				t.Errorf("upload %s: column %d is %v, want %v", tt.name, i+1, cols[i], tt.want[i])
			}
		}
		if tt.warning == "" && len(warnings) > 0 || tt.warning != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tt.warning)) {
			t.Errorf("upload %s: warnings %q, want %q", tt.name, warnings, tt.warning)
		}
	}
	for _, tt := range []struct{ name, data, fragment string }{
		{"book.xlsx", "PK\x03\x04\x14\x00\x06\x00[Content_Types].xml\x00xl/workbook.xml", "Excel workbook (.xlsx), not a text file"},
		{"chart.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\"\"", "PNG image, not a text file"},
	} {
		for _, mp := range []bool{false, true} {
			w := post(tt.name, tt.data, mp)
			if w.Code != http.StatusUnprocessableEntity || errCode(t, w) != "unsupported" || !strings.Contains(w.Body.String(), tt.fragment) || strings.Contains(w.Body.String(), "quote") {
				t.Errorf("upload %s (multipart %v): %d %s, want 422 unsupported with %q", tt.name, mp, w.Code, w.Body.String(), tt.fragment)
			}
		}
	}
}
