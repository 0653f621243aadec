package server

import (
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
)

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkDecideHandlerReal measures the server side of POST /api/decide
// on an uploaded dataset (no network), with the request log on, on the
// product's job service (SQLite in a temporary directory): the dataset's schema read
// from the store and the decision logged.
func BenchmarkDecideHandlerReal(b *testing.B) {
	svc := newRealService(b)
	s, err := newServer(Config{Jobs: svc, Logger: slog.New(slog.NewJSONHandler(discard{}, nil))})
	if err != nil {
		b.Fatal(err)
	}
	info, err := svc.PutDescribedDataset(b.Context(), LocalUserID, "plants.csv", []byte(plantsCSV(b)), nil)
	if err != nil {
		b.Fatal(err)
	}
	body := `{"prompt":"Does treatment change yield?","dataset":{"id":"` + info.ID + `"}}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/decide", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%d %s", w.Code, w.Body.String())
		}
	}
}
