package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
	"github.com/inferra/inferra/store/sqlite"
	"github.com/inferra/inferra/store/storetest"
)

// outageCase is one way of taking the store away under a running server
// and giving it back, with the words the cause names (which the log may
// show and no answer may).
type outageCase struct {
	cfg      func(t *testing.T) storeConfig
	breakIt  func(t *testing.T, cfg storeConfig, st inferra.JobStore)
	repairIt func(t *testing.T, cfg storeConfig)
	secrets  func(cfg storeConfig) []string
	// lasting is set when the outage lasts until repairIt; otherwise the
	// first call that meets it starts the healing, which may be done by
	// the next call.
	lasting bool
}

func pgAdmin(t *testing.T, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func dbName(cfg storeConfig) string {
	u, _ := url.Parse(cfg.DatabaseURL)
	return strings.TrimPrefix(u.Path, "/")
}

var outageCases = map[string]outageCase{
	// The database is dropped (its connections cut) and created again,
	// empty: pgxpool must reconnect and the store migrate again.
	"postgres drop database": {
		cfg: func(t *testing.T) storeConfig { return storeConfig{DatabaseURL: storetest.PostgresDatabase(t)} },
		breakIt: func(t *testing.T, cfg storeConfig, _ inferra.JobStore) {
			pgAdmin(t, "drop database "+dbName(cfg)+" with (force)")
		},
		repairIt: func(t *testing.T, cfg storeConfig) { pgAdmin(t, "create database "+dbName(cfg)) },
		lasting:  true,
		secrets: func(cfg storeConfig) []string {
			u, _ := url.Parse(cfg.DatabaseURL)
			return []string{dbName(cfg), u.Hostname(), u.Port(), "user=", "analysis_jobs", "SQLSTATE"}
		},
	},
	// Every table is dropped under the open file: the store migrates
	// again.
	"sqlite drop tables": {
		cfg: func(t *testing.T) storeConfig { return storeConfig{DataDir: t.TempDir()} },
		breakIt: func(t *testing.T, _ storeConfig, st inferra.JobStore) {
			db := st.(*sqlite.Store).DB()
			var names []string
			rows, err := db.Query("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var n string
				_ = rows.Scan(&n)
				names = append(names, n)
			}
			rows.Close()
			mustExec(t, db, "pragma foreign_keys = off")
			for _, n := range names {
				mustExec(t, db, `drop table "`+n+`"`)
			}
			mustExec(t, db, "pragma foreign_keys = on")
		},
		repairIt: func(*testing.T, storeConfig) {},
		secrets:  func(cfg storeConfig) []string { return []string{cfg.DataDir, "no such table", "analysis_jobs"} },
	},
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestOutageIs503ThenHeals takes the store away under a running server:
// API calls answer 503 unavailable with Retry-After and a fixed message,
// /api/health answers 503 with store.ok false and a fixed message, the
// cause (database, host, port, tables) reaching the log only; once the
// database is back, the same process answers again, its tables migrated
// anew, without a restart.
func TestOutageIs503ThenHeals(t *testing.T) {
	t.Parallel()
	for name, oc := range outageCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := oc.cfg(t)
			logs := newFileLog(t)
			log := slog.New(slog.NewJSONHandler(logs.f, nil))
			svc, st := serviceOn(t, cfg, log)
			s, err := newServer(Config{Jobs: svc, Auth: bearerAuth{}, Logger: log})
			if err != nil {
				t.Fatal(err)
			}
			ts := &testServer{t: t, srv: s, svc: svc}
			analyze := map[string]any{"prompt": "Does treatment change yield?", "dataset": map[string]string{"csv": plantsCSV(t)}}
			if w := ts.do("POST", "/api/analyze", "ann", analyze); w.Code != http.StatusOK {
				t.Fatalf("analyze before the outage: %d %s", w.Code, w.Body.String())
			}

			oc.breakIt(t, cfg, st)
			noSecrets := func(what string, w *httptest.ResponseRecorder) {
				t.Helper()
				for _, s := range oc.secrets(cfg) {
					if s != "" && strings.Contains(w.Body.String(), s) {
						t.Errorf("%s echoes %q: %s", what, s, w.Body.String())
					}
				}
			}
			for _, req := range []struct {
				method, target string
				body           any
			}{
				{"GET", "/api/jobs", nil},
				{"POST", "/api/analyze", analyze},
				{"POST", "/api/analyze", map[string]any{"prompt": "Does treatment change yield?", "mode": "async", "dataset": map[string]string{"csv": plantsCSV(t)}}},
				{"GET", "/api/jobs/6f1c1f4e-3d2b-4c1a-9f0e-0a1b2c3d4e5f", nil},
			} {
				if !oc.lasting && req.target != "/api/jobs" {
					break
				}
				w := ts.do(req.method, req.target, "ann", req.body)
				e := errorOf(t, w)
				if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" ||
					e.Code != inferra.EUnavailable || e.Message != store.UnavailableMessage {
					t.Errorf("%s %s during the outage: %d (Retry-After %q) %s; want 503 unavailable with Retry-After and the fixed message",
						req.method, req.target, w.Code, w.Header().Get("Retry-After"), w.Body.String())
				}
				noSecrets(req.method+" "+req.target, w)
			}
			w := ts.do("GET", "/api/health", "", nil)
			var h health
			if err := json.Unmarshal(w.Body.Bytes(), &h); err != nil {
				t.Fatal(err)
			}
			if oc.lasting && (w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || h.Status != "unavailable" ||
				h.Store.OK || h.Store.Error != healthStoreDown) {
				t.Errorf("health during the outage: %d %s; want 503 with store.ok false and %q", w.Code, w.Body.String(), healthStoreDown)
			}
			noSecrets("/api/health", w)
			if oc.lasting && !logLine(logs.String(), "health: the store is unavailable", oc.secrets(cfg)[0]) {
				t.Errorf("the log lacks the cause (%q):\n%s", oc.secrets(cfg)[0], logs.String())
			}

			oc.repairIt(t, cfg)
			deadline := time.Now().Add(time.Minute) // a safety net: healing takes a moment
			for {
				w = ts.do("GET", "/api/health", "", nil)
				if w.Code == http.StatusOK {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the server did not heal: health %d %s", w.Code, w.Body.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			if w := ts.do("POST", "/api/analyze", "ann", analyze); w.Code != http.StatusOK || decode(t, w)["status"] != "succeeded" {
				t.Errorf("analyze after healing: %d %s", w.Code, w.Body.String())
			}
			if w := ts.do("GET", "/api/jobs", "ann", nil); w.Code != http.StatusOK {
				t.Errorf("jobs after healing: %d %s", w.Code, w.Body.String())
			}
			if !logLine(logs.String(), "store: the migrations are applied again") {
				t.Errorf("the log does not say the migrations ran again:\n%s", logs.String())
			}
		})
	}
}

// logLine reports whether one line of logs holds every one of words.
func logLine(logs string, words ...string) bool {
	for _, line := range strings.Split(logs, "\n") {
		all := true
		for _, w := range words {
			all = all && strings.Contains(line, w)
		}
		if all {
			return true
		}
	}
	return false
}

// fileLog is a log written to a file, safe for concurrent writers.
type fileLog struct{ f *os.File }

func newFileLog(t *testing.T) fileLog {
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	return fileLog{f}
}

// String returns what has been logged so far.
func (l fileLog) String() string {
	b, _ := os.ReadFile(l.f.Name())
	return string(b)
}
