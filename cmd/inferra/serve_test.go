package main

import (
	"bytes"
	"context"
	"io"
	"maps"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/inferra/inferra/stats"
)

func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestServeConfigDefaults(t *testing.T) {
	t.Parallel()
	c, err := loadServeConfig(envOf(nil), "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8000" || c.DataDir != "./data" || c.Role != "all" || c.MaxUploadBytes != 50<<20 ||
		c.RateLimitPerMin != 600 || c.JobTimeout != time.Minute || c.PlotURLTTL != 15*time.Minute || c.authConfigured() ||
		c.LLMDailyTokens != 100_000 || c.MaxDesignCells != stats.DefaultMaxDesignCells {
		t.Errorf("defaults = %+v", c)
	}
	if c, err := loadServeConfig(envOf(map[string]string{"MAX_DESIGN_CELLS": "2000000"}), "", "", ""); err != nil || c.MaxDesignCells != 2_000_000 {
		t.Errorf("MAX_DESIGN_CELLS=2000000: %d, %v", c.MaxDesignCells, err)
	}
	if c, err := loadServeConfig(envOf(map[string]string{"LLM_DAILY_TOKENS": "0"}), "", "", ""); err != nil || c.LLMDailyTokens != 0 {
		t.Errorf("LLM_DAILY_TOKENS=0 (no quota): %d, %v", c.LLMDailyTokens, err)
	}
	c, err = loadServeConfig(envOf(map[string]string{"ADDR": "127.0.0.1:9000", "ROLE": "api"}), "127.0.0.1:9100", "", "worker")
	if err != nil || c.Addr != "127.0.0.1:9100" || c.Role != "worker" {
		t.Errorf("flags over env: %+v %v, want addr 127.0.0.1:9100 role worker", c, err)
	}
}

// TestServeConfigReportsEverything checks that every bad variable is
// reported at once, with what was expected, and no secret is echoed.
func TestServeConfigReportsEverything(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"ADDR":                "127.0.0.1:99999",
		"ROLE":                "boss",
		"DATABASE_URL":        "mysql://user:hunter2@db/x",
		"SUPABASE_URL":        "http://supabase.example.com",
		"SUPABASE_JWT_SECRET": "tooshort-s3cret",
		"FRONTEND_ORIGIN":     "https://ok.example.com, https://bad.example.com/path",
		"FRONTEND_DIR":        "/nonexistent",
		"LOG_LEVEL":           "loud",
		"MAX_UPLOAD_BYTES":    "lots",
		"RATE_LIMIT_PER_MIN":  "-1",
		"JOB_TIMEOUT":         "soon",
		"JOB_RESCUE_AFTER":    "0s",
		"MAX_DESIGN_CELLS":    "many",
		"DATASET_URL_ALLOW":   "https://x.org/",
		"LLM_API_KEY":         "k",
		"LLM_ENDPOINT":        "ftp://llm",
		"LLM_DAILY_TOKENS":    "-5",
		"HSTS_MAX_AGE":        "x",
		"PLOT_URL_KEY":        "abcd",
	}
	_, err := loadServeConfig(envOf(env), "", "", "")
	if err == nil {
		t.Fatal("no error for a bad configuration")
	}
	msg := err.Error()
	for name := range env {
		if name == "LLM_API_KEY" {
			continue
		}
		if !strings.Contains(msg, name+": want") {
			t.Errorf("the error does not report %s:\n%s", name, msg)
		}
	}
	for _, secret := range []string{"hunter2", "s3cret"} {
		if strings.Contains(msg, secret) {
			t.Errorf("the error shows a secret (%s):\n%s", secret, msg)
		}
	}
}

func TestServeConfigLoopbackOnlyWithoutAuth(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		addr, secret string
		ok           bool
	}{
		{"127.0.0.1:8000", "", true},
		{"localhost:8000", "", true},
		{"[::1]:8000", "", true},
		{"0.0.0.0:8000", "", false},
		{":8000", "", false},
		{"10.1.2.3:8000", "", false},
		{"0.0.0.0:8000", strings.Repeat("x", 40), true},
	} {
		_, err := loadServeConfig(envOf(map[string]string{"ADDR": tc.addr, "SUPABASE_JWT_SECRET": tc.secret}), "", "", "")
		if (err == nil) != tc.ok {
			t.Errorf("ADDR %s with secret %v: err %v, want ok %v", tc.addr, tc.secret != "", err, tc.ok)
		}
	}
	if s := (serveConfig{SupabaseJWTSecret: "top", DatabaseURL: "postgres://u:pw@h/db", LLMAPIKey: "sk-1"}).String(); strings.Contains(s, "top") ||
		strings.Contains(s, "pw@") || strings.Contains(s, "sk-1") {
		t.Errorf("String shows a secret: %s", s)
	}
}

func TestServeRefusesBadConfigBeforeListening(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	code := runServe(context.Background(), []string{"--addr", "0.0.0.0:0"}, envOf(map[string]string{"LOG_LEVEL": "x"}), &stderr,
		func(string) { t.Error("the server listened") })
	if code != exitUsage || !strings.Contains(stderr.String(), "ADDR") || !strings.Contains(stderr.String(), "LOG_LEVEL") {
		t.Errorf("exit %d, stderr %s; want 2 naming ADDR and LOG_LEVEL", code, stderr.String())
	}
}

// syncBuffer is a bytes.Buffer safe for the server's log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeDrainsOnShutdown starts inferra serve, begins an upload, asks
// the server to stop in the middle of it, and checks that the upload
// still completes before the server exits.
func TestServeDrainsOnShutdown(t *testing.T) {
	t.Parallel()
	addr, logs, stop, done := startServe(t, map[string]string{"LOG_LEVEL": "debug"})
	if res, err := http.Get("http://" + addr + "/api/health"); err != nil || res.StatusCode != 200 {
		t.Fatalf("health: %v %v", res, err)
	}

	pr, pw := io.Pipe()
	type result struct {
		status int
		err    error
	}
	resc := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest("POST", "http://"+addr+"/api/datasets?name=p.csv", pr)
		req.Header.Set("Content-Type", "text/csv")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			resc <- result{err: err}
			return
		}
		res.Body.Close()
		resc <- result{status: res.StatusCode}
	}()
	plants, err := os.ReadFile("../../testdata/data/plants.csv")
	if err != nil {
		t.Fatal(err)
	}
	csv := string(plants)
	_, _ = io.WriteString(pw, csv[:100])
	time.Sleep(100 * time.Millisecond) // the request is being read
	stop()                             // SIGTERM, as far as serve is concerned
	time.Sleep(100 * time.Millisecond)
	_, _ = io.WriteString(pw, csv[100:])
	pw.Close()
	r := <-resc
	if r.err != nil || r.status != http.StatusCreated {
		t.Errorf("the upload in progress at shutdown: %d %v, want 201", r.status, r.err)
	}
	if code := <-done; code != exitOK {
		t.Errorf("serve exited with %d, want 0: %s", code, logs.String())
	}
	for _, want := range []string{`"msg":"shutting down`, `"route":"POST /api/datasets"`, `"user_id":"local"`, `"request_id":`, `"latency_ms":`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %s:\n%s", want, logs.String())
		}
	}
}

// TestEnvExampleListsEveryVariable checks .env.example against the
// configuration: it names every variable read, no other, and its values
// are the defaults.
func TestEnvExampleListsEveryVariable(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	example := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			example[k] = v
		}
	}
	read := map[string]bool{}
	defaults, err := loadServeConfig(func(k string) string { read[k] = true; return "" }, "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	for k := range read {
		if _, ok := example[k]; !ok {
			t.Errorf(".env.example lacks %s", k)
		}
	}
	for k := range example {
		if !read[k] {
			t.Errorf(".env.example lists %s, which the server does not read", k)
		}
	}
	fromExample, err := loadServeConfig(envOf(example), "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if fromExample.String() != defaults.String() || fromExample.MaxInflight != defaults.MaxInflight ||
		fromExample.JobRescueAfter != defaults.JobRescueAfter || fromExample.ShutdownTimeout != defaults.ShutdownTimeout {
		t.Errorf(".env.example's values are not the defaults:\n%s\n%s", fromExample, defaults)
	}
}

// TestReadyLine checks the line serve writes for a person: the address it
// listens on, with the port bound for ":0", and 127.0.0.1 in place of an
// unspecified host, which a browser cannot open.
func TestReadyLine(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ addr, role, want string }{
		{"127.0.0.1:8000", "all", "Inferra is ready: open http://127.0.0.1:8000 (Ctrl-C stops it)"},
		{"0.0.0.0:41234", "api", "Inferra is ready: open http://127.0.0.1:41234 (Ctrl-C stops it)"},
		{"[::]:8000", "all", "Inferra is ready: open http://127.0.0.1:8000 (Ctrl-C stops it)"},
		{"[::1]:8000", "all", "Inferra is ready: open http://[::1]:8000 (Ctrl-C stops it)"},
		{"10.0.0.5:9000", "worker", "Inferra worker is running: its health is at http://10.0.0.5:9000/api/health (Ctrl-C stops it)"},
		{"not an address", "all", "Inferra is ready: open http://not an address (Ctrl-C stops it)"},
	} {
		if got := readyLine(tt.addr, tt.role); got != tt.want {
			t.Errorf("readyLine(%q, %q) = %q, want %q", tt.addr, tt.role, got, tt.want)
		}
	}

	// serve on 127.0.0.1:0 says the port it bound, after it listens.
	addr, logs, stop, done := startServe(t, nil)
	stop()
	<-done
	want := "\nInferra is ready: open http://" + addr + " (Ctrl-C stops it)\n"
	if strings.HasSuffix(addr, ":0") || !strings.Contains(logs.String(), want) {
		t.Errorf("serve on 127.0.0.1:0 (bound to %s) did not write %q:\n%s", addr, want, logs.String())
	}
}

// startServe runs inferra serve on 127.0.0.1:0 with a temporary data
// directory and env besides, and returns the address it listens on, its
// stderr, the function that asks it to stop (as SIGTERM would) and its exit
// status to come.
func startServe(t *testing.T, env map[string]string) (addr string, logs *syncBuffer, stop context.CancelFunc, done <-chan int) {
	t.Helper()
	vars := map[string]string{"ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir()}
	maps.Copy(vars, env)
	ctx, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	addrc := make(chan string, 1)
	exit := make(chan int, 1)
	logs = &syncBuffer{}
	go func() { exit <- runServe(ctx, nil, envOf(vars), logs, func(a string) { addrc <- a }) }()
	select {
	case addr = <-addrc:
	case code := <-exit:
		t.Fatalf("serve exited with %d: %s", code, logs.String())
	}
	return addr, logs, stop, exit
}
