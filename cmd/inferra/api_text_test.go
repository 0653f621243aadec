package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store/sqlite"
	"github.com/inferra/inferra/store/storetest"
)

// serviceOn starts the product's job service on the store cfg names
// (DatabaseURL, else DataDir), stopped and closed at the end of the test.
func serviceOn(t *testing.T, cfg serveConfig, log *slog.Logger) (jobService, inferra.JobStore) {
	t.Helper()
	cfg.Role, cfg.MaxUploadBytes, cfg.ShutdownTimeout = "all", 50<<20, 30*time.Second
	if cfg.JobTimeout == 0 {
		cfg.JobTimeout, cfg.JobRescueAfter = time.Minute, time.Minute
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	st, err := openJobStore(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	svc, stop, err := newJobService(context.Background(), cfg, st, nil, log)
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stopping the job service: %v", err)
		}
		if err := st.Close(); err != nil {
			t.Errorf("closing the store: %v", err)
		}
	})
	return svc, st
}

// pgDatabase creates a database of its own on TEST_DATABASE_URL's server
// and returns its URL; it is dropped at the end of the test.
func pgDatabase(t *testing.T) string {
	t.Helper()
	admin := storetest.PostgresURL(t)
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "inferra_t_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	exec := func(sql string) error {
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec("create database " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := exec("drop database if exists " + name + " with (force)"); err != nil {
			t.Errorf("dropping database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// storeConfigs are the two stores the server tests run on.
func storeConfigs(t *testing.T) map[string]func(t *testing.T) serveConfig {
	return map[string]func(t *testing.T) serveConfig{
		"sqlite":   func(t *testing.T) serveConfig { return serveConfig{DataDir: t.TempDir()} },
		"postgres": func(t *testing.T) serveConfig { return serveConfig{DatabaseURL: pgDatabase(t)} },
	}
}

// TestTextIsText sends text PostgreSQL cannot keep in every place a
// request has some, on both stores: each is refused alike (400 naming the
// field for the request's own fields, 422 naming the line and column for
// the CSV file's contents), nothing is stored, and a decision is not
// answered 200 with its log entry silently lost.
func TestTextIsText(t *testing.T) {
	t.Parallel()
	plants := plantsCSV(t)
	for kind, cfg := range storeConfigs(t) {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			svc, _ := serviceOn(t, cfg(t), nil)
			s, err := newServer(svc, bearerAuth{}, nil, nil, serverOptions{})
			if err != nil {
				t.Fatal(err)
			}
			ts := &testServer{t: t, srv: s, svc: svc}
			csvDS := func(c string) map[string]string { return map[string]string{"csv": c} }
			for _, tc := range []struct {
				name, method, target string
				body                 any
				status               int
				want                 string
			}{
				{"analyze prompt", "POST", "/api/analyze", map[string]any{"prompt": "Does treatment\x00 change yield?", "dataset": csvDS(plants)},
					400, "prompt: contains a NUL character"},
				{"analyze dataset name", "POST", "/api/analyze", map[string]any{"prompt": "Does treatment change yield?",
					"dataset": map[string]string{"csv": plants, "name": "p\x00.csv"}}, 400, "dataset.name: contains a NUL character"},
				{"analyze parameter value", "POST", "/api/analyze", map[string]any{"analysis": "ttest_ind",
					"params": map[string]string{"group": "treatment\x00", "value": "yield"}, "dataset": csvDS(plants)}, 400, "contains a NUL character"},
				{"analyze parameter name", "POST", "/api/analyze", map[string]any{"analysis": "ttest_ind",
					"params": map[string]string{"gro\x00up": "treatment"}, "dataset": csvDS(plants)}, 400, "contains a NUL character"},
				{"run parameter", "POST", "/api/run", map[string]any{"decision": map[string]any{"analysis": "ttest_ind",
					"params": map[string]string{"group": "treatment", "value": "yield\x00"}}, "dataset": csvDS(plants)}, 400, "contains a NUL character"},
				{"decide prompt", "POST", "/api/decide", map[string]any{"prompt": "Does treatment change yield?\x00", "dataset": csvDS(plants)},
					400, "prompt: contains a NUL character"},
				{"analyze CSV header", "POST", "/api/analyze", map[string]any{"prompt": "Does g change v?", "dataset": csvDS("g\x00,v\na,1\nb,2\n")},
					422, "line 1, column \"g\ufffd\": the column name contains a NUL character"},
				{"analyze CSV cell", "POST", "/api/analyze", map[string]any{"analysis": "boxplot", "params": map[string]string{"group": "g", "value": "v"},
					"dataset": csvDS("g,v\na,1\na,2\nb\x00,3\nb,4\n")}, 422, "line 4, column \"g\": the value contains a NUL character"},
				{"decide CSV header", "POST", "/api/decide", map[string]any{"prompt": "Does g change v?", "dataset": csvDS("g,v\x00\na,1\nb,2\n")},
					422, "line 1, column \"v\ufffd\": the column name contains a NUL character"},
			} {
				w := ts.do(tc.method, tc.target, "ann", tc.body)
				if e := errorOf(t, w); w.Code != tc.status || e.Code != inferra.EInvalid || !strings.Contains(e.Message, tc.want) {
					t.Errorf("%s: %d %s, want %d invalid_input with %q", tc.name, w.Code, w.Body.String(), tc.status, tc.want)
				}
			}
			for _, tc := range []struct {
				name, query, body, want string
				status                  int
			}{
				{"upload name NUL", "?name=p%00.csv", plants, "name: contains a NUL character", 400},
				{"upload name Latin-1", "?name=M%FCller.csv", plants, "name: is not valid UTF-8 text", 400},
				{"upload CSV cell", "?name=p.csv", "g,v\na,1\nb,2\nc\xff,3\n", "line 4, column \"g\": the value is not valid UTF-8 text", 422},
			} {
				req := httptest.NewRequest("POST", "/api/datasets"+tc.query, strings.NewReader(tc.body))
				req.Header.Set("Content-Type", "text/csv")
				req.Header.Set("Authorization", "Bearer ann")
				w := httptest.NewRecorder()
				ts.srv.ServeHTTP(w, req)
				if e := errorOf(t, w); w.Code != tc.status || e.Code != inferra.EInvalid || !strings.Contains(e.Message, tc.want) {
					t.Errorf("%s: %d %s, want %d invalid_input with %q", tc.name, w.Code, w.Body.String(), tc.status, tc.want)
				}
			}
			w := ts.do("GET", "/api/jobs", "ann", nil)
			if w.Code != 200 || !strings.Contains(w.Body.String(), `"jobs":[]`) {
				t.Errorf("jobs after refused requests: %d %s, want none", w.Code, w.Body.String())
			}
			// Storable odd text still works: a prompt with a tab and an
			// emoji, a dataset name with a U+FFFD.
			w = ts.do("POST", "/api/analyze", "ann", map[string]any{"prompt": "Does treatment\tchange yield? 🌱",
				"dataset": map[string]string{"csv": plants, "name": "pl\ufffdnts.csv"}})
			if w.Code != 200 || decode(t, w)["status"] != "succeeded" {
				t.Errorf("analyze with odd but storable text: %d %s", w.Code, w.Body.String())
			}
		})
	}
}

// TestDecisionLogErrorsInMetrics: POST /api/decide answers at once and
// logs its decision later; an entry the store refuses is counted in
// /metrics (inferra_decision_log_errors_total) and logged at ERROR level.
func TestDecisionLogErrorsInMetrics(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	svc, st := serviceOn(t, serveConfig{DataDir: t.TempDir()}, slog.New(slog.NewJSONHandler(logs, nil)))
	// The store refuses one prompt, as PostgreSQL refused a NUL.
	if _, err := st.(*sqlite.Store).DB().Exec(`create trigger poison before insert on decision_logs
		when new.prompt like 'Poison%' begin select raise(abort, 'poisoned'); end`); err != nil {
		t.Fatal(err)
	}
	s, err := newServer(svc, bearerAuth{}, nil, nil, serverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, srv: s, svc: svc}
	metric := func() string {
		w := ts.do("GET", "/metrics", "", nil)
		b, _ := io.ReadAll(w.Body)
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "inferra_decision_log_errors_total "); ok {
				return v
			}
		}
		return "(missing)"
	}
	if m := metric(); m != "0" {
		t.Fatalf("inferra_decision_log_errors_total = %s before any failure, want 0", m)
	}
	w := ts.do("POST", "/api/decide", "ann", map[string]any{"prompt": "Poison: does treatment change yield?", "dataset": map[string]string{"csv": plantsCSV(t)}})
	if w.Code != http.StatusOK {
		t.Fatalf("decide: %d %s", w.Code, w.Body.String())
	}
	deadline := time.Now().Add(30 * time.Second)
	for metric() == "0" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if m := metric(); m != "1" {
		t.Errorf("inferra_decision_log_errors_total = %s after a refused entry, want 1", m)
	}
	if !strings.Contains(logs.String(), `"level":"ERROR","msg":"jobs: decision log entries could not be written"`) {
		t.Errorf("no ERROR line for the lost entry:\n%s", logs.String())
	}
}
