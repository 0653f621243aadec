package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/sqlite"
	"github.com/inferra/inferra/store/storetest"
)

// storeConfig names the store of a test's job service: PostgreSQL at
// DatabaseURL, else SQLite under DataDir.
type storeConfig struct {
	DataDir, DatabaseURL string
	// JobTimeout defaults to a minute.
	JobTimeout time.Duration
	// Role defaults to all; MaxQueuedPerUser to the service's default.
	Role             string
	MaxQueuedPerUser int
}

// serviceOn starts the product's job service (package jobs, with the
// charts of package plots) on the store cfg names, migrated, stopped and
// closed at the end of the test.
func serviceOn(t testing.TB, cfg storeConfig, log *slog.Logger) (JobService, inferra.JobStore) {
	t.Helper()
	ctx := context.Background()
	if cfg.JobTimeout == 0 {
		cfg.JobTimeout = time.Minute
	}
	if cfg.Role == "" {
		cfg.Role = "all"
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var st inferra.JobStore
	var err error
	if cfg.DatabaseURL != "" {
		st, err = postgres.Open(ctx, postgres.Config{URL: cfg.DatabaseURL, Logger: log})
	} else {
		st, err = sqlite.Open(ctx, sqlite.Config{Dir: cfg.DataDir, Logger: log})
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		t.Fatal(err)
	}
	svc, err := jobs.New(ctx, jobs.Config{Store: st, Role: cfg.Role, MaxQueuedPerUser: cfg.MaxQueuedPerUser, JobTimeout: cfg.JobTimeout, RescueAfter: time.Minute,
		Charts: jobs.DrawCharts, Logger: log, Load: load.Options{MaxBytes: 50 << 20},
		Fetch: func(context.Context, string) ([]byte, error) {
			return nil, inferra.Errorf(inferra.EUnsupported, "datasets by URL are not enabled on this server")
		}})
	if err == nil {
		err = svc.Start(ctx)
	}
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := svc.Stop(sctx); err != nil {
			t.Errorf("stopping the job service: %v", err)
		}
		if err := st.Close(); err != nil {
			t.Errorf("closing the store: %v", err)
		}
	})
	return svc, st
}

// storeConfigs are the two stores the server tests run on.
func storeConfigs(t *testing.T) map[string]func(t *testing.T) storeConfig {
	return map[string]func(t *testing.T) storeConfig{
		"sqlite":   func(t *testing.T) storeConfig { return storeConfig{DataDir: t.TempDir()} },
		"postgres": func(t *testing.T) storeConfig { return storeConfig{DatabaseURL: storetest.PostgresDatabase(t)} },
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
			s, err := newServer(Config{Jobs: svc, Auth: bearerAuth{}})
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
	logs, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	svc, st := serviceOn(t, storeConfig{DataDir: t.TempDir()}, slog.New(slog.NewJSONHandler(logs, nil)))
	// The store refuses one prompt, as PostgreSQL refused a NUL.
	if _, err := st.(*sqlite.Store).DB().Exec(`create trigger poison before insert on decision_logs
		when new.prompt like 'Poison%' begin select raise(abort, 'poisoned'); end`); err != nil {
		t.Fatal(err)
	}
	s, err := newServer(Config{Jobs: svc, Auth: bearerAuth{}})
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
	logged, _ := os.ReadFile(logs.Name())
	if !strings.Contains(string(logged), `"level":"ERROR","msg":"jobs: decision log entries could not be written"`) {
		t.Errorf("no ERROR line for the lost entry:\n%s", logged)
	}
}
