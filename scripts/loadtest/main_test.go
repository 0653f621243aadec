package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestRunRejectsBadArguments(t *testing.T) {
	for _, tc := range []struct {
		base, clients string
		d             time.Duration
		want          string
	}{
		{"http://203.0.113.7:8000", "1", time.Second, "only sent to loopback addresses"},
		{"http://example.org", "1", time.Second, "only sent to loopback addresses"},
		{"http://127.0.0.1:1", "1", 0, "-duration must be in (0, 60s]"},
		{"http://127.0.0.1:1", "1", 2 * time.Minute, "-duration must be in (0, 60s]"},
		{"http://127.0.0.1:1", "1,x", time.Second, `-clients: want numbers from 1 to 512, got "x"`},
		{"http://127.0.0.1:1", "513", time.Second, "want numbers from 1 to 512"},
		{"://bad", "1", time.Second, "missing protocol scheme"},
	} {
		if err := run(tc.base, tc.clients, tc.d, 10, ""); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q, %q, %v) = %v, want an error containing %q", tc.base, tc.clients, tc.d, err, tc.want)
		}
	}
}

func TestDataset(t *testing.T) {
	b := dataset(20)
	if !bytes.Equal(b, dataset(20)) {
		t.Error("dataset is not deterministic")
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) != 21 || strings.Join(recs[0], ",") != "id,group,score,age" {
		t.Fatalf("dataset(20): %d records, header %v, %v", len(recs), recs[0], err)
	}
	groups := map[string]int{}
	for _, r := range recs[1:] {
		groups[r[1]]++
	}
	if groups["control"] != 10 || groups["treated"] != 10 {
		t.Errorf("groups %v, want 10 control and 10 treated", groups)
	}
}

func TestQuantile(t *testing.T) {
	if q := (result{}).quantile(0.5); q != 0 {
		t.Errorf("quantile of no latencies = %v, want 0", q)
	}
	r := result{lat: []time.Duration{1 * time.Millisecond, 2 * time.Millisecond, 3 * time.Millisecond, 4 * time.Millisecond}}
	if q := r.quantile(0.5); q != 3*time.Millisecond {
		t.Errorf("p50 of 1..4 ms = %v, want 3ms", q)
	}
	if q := r.quantile(0.99); q != 4*time.Millisecond {
		t.Errorf("p99 of 1..4 ms = %v, want the largest, 4ms", q)
	}
}

// fakeServer answers as inferra serve does: an upload returns 201 with
// the dataset's id; /api/decide answers 200; /api/analyze answers 500
// every other time. It checks the bearer token on every request.
func fakeServer(t *testing.T, token string) (*httptest.Server, *atomic.Int64) {
	var analyze atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		body, _ := io.ReadAll(r.Body)
		time.Sleep(2 * time.Millisecond) // as a server's work; keeps the loop from spinning
		switch r.URL.Path {
		case "/api/datasets":
			if r.Header.Get("Content-Type") != "text/csv" || !bytes.HasPrefix(body, []byte("id,group,score,age\n")) {
				http.Error(w, "bad upload", http.StatusBadRequest)
				return
			}
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"id":"ds-1"}`))
		case "/api/decide":
			if !bytes.Contains(body, []byte(`"dataset":{"id":"ds-1"}`)) {
				http.Error(w, "wrong dataset", http.StatusBadRequest)
				return
			}
			_, _ = w.Write([]byte(`{}`))
		case "/api/analyze":
			if analyze.Add(1)%2 == 0 {
				http.Error(w, "overloaded", http.StatusInternalServerError)
				return
			}
			_, _ = w.Write([]byte(`{}`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &analyze
}

func TestUploadAndHammer(t *testing.T) {
	srv, analyze := fakeServer(t, "tok")
	c := srv.Client()
	id, err := upload(c, srv.URL, "tok", dataset(10))
	if err != nil || id != "ds-1" {
		t.Fatalf("upload = %q, %v; want ds-1", id, err)
	}
	if _, err := upload(c, srv.URL, "wrong", dataset(10)); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("upload refused by the server = %v, want an error with its status", err)
	}
	r := hammer(c, srv.URL+"/api/decide", "tok", []byte(`{"dataset":{"id":"ds-1"}}`), 2, 100*time.Millisecond)
	if r.count == 0 || r.errors != 0 || len(r.lat) != r.count || r.elapsed < 100*time.Millisecond {
		t.Errorf("hammer on /api/decide: %d requests, %d errors, %d latencies in %v", r.count, r.errors, len(r.lat), r.elapsed)
	}
	for i := 1; i < len(r.lat); i++ {
		if r.lat[i] < r.lat[i-1] {
			t.Fatal("latencies are not sorted")
		}
	}
	r = hammer(c, srv.URL+"/api/analyze", "tok", []byte(`{}`), 1, 100*time.Millisecond)
	if n := analyze.Load(); r.count != int(n) || r.errors != int(n/2) {
		t.Errorf("hammer on /api/analyze: %d requests and %d errors, want %d and %d (every other one fails)", r.count, r.errors, n, n/2)
	}
}

func TestRunPrintsATable(t *testing.T) {
	srv, _ := fakeServer(t, "tok")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	err = run(srv.URL, "1,2", 50*time.Millisecond, 10, "tok")
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[0], "dataset: 10 rows; 50ms per scenario") || !strings.HasPrefix(lines[1], "scenario") {
		t.Fatalf("run printed:\n%s\nwant a title, a header and 4 rows", out)
	}
	for i, want := range []string{"POST /api/decide", "POST /api/decide", "POST /api/analyze (sync)", "POST /api/analyze (sync)"} {
		f := strings.Fields(strings.TrimPrefix(lines[2+i], want))
		if !strings.HasPrefix(lines[2+i], want) || len(f) != 8 || f[0] != []string{"1", "2"}[i%2] {
			t.Errorf("row %d = %q, want %s with %d clients and 7 figures (requests, ok/s, p50, p99, 429, 503, other)", i, lines[2+i], want, i%2+1)
		}
	}
	if err := run(srv.URL, "1", 50*time.Millisecond, 10, "bad"); err == nil || !strings.Contains(err.Error(), "upload") {
		t.Errorf("run with a refused upload = %v, want the upload's error", err)
	}
}

// TestCLI runs the command as scripts/load.sh does: a token signed with
// the server's secret, one scenario chosen.
func TestCLI(t *testing.T) {
	const secret = "a-load-test-secret-of-32-bytes-at-least"
	fixed := time.Now()
	clock = func() time.Time { return fixed }
	defer func() { clock = time.Now }()
	tok, err := signToken(secret, fixed)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := jwt.Parse(tok, func(*jwt.Token) (any, error) { return []byte(secret), nil },
		jwt.WithAudience("authenticated"), jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired())
	if err != nil || !parsed.Valid {
		t.Fatalf("the signed token does not verify: %v", err)
	}
	srv, analyze := fakeServer(t, tok)
	defer func() { scenarioSet = nil }()
	if err := cli([]string{"-url", srv.URL, "-clients", "1", "-duration", "50ms", "-rows", "10", "-jwt-secret", secret, "-scenarios", "decide"}); err != nil {
		t.Fatal(err)
	}
	if n := analyze.Load(); n != 0 {
		t.Errorf("-scenarios decide sent %d analyze requests", n)
	}
	if err := cli([]string{"-url", "http://10.0.0.1:8000", "-duration", "50ms"}); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("a non-loopback URL: %v, want refused", err)
	}
	if err := cli([]string{"-no-such-flag"}); err == nil {
		t.Error("an unknown flag was accepted")
	}
}
