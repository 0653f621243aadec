package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// waitFor polls cond until it holds; the deadline only guards against a
// hang, nothing is timed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestSlowUploadHoldsNoInflightSlot trickles an upload into a server with
// one in-flight slot in all: while its body is still arriving, another
// user's request and the uploader's own are served (the slot used to be
// taken before the body was read, so a slow client locked everyone out for
// the server's ReadTimeout), and a second upload meets the bound on bodies
// being received instead.
func TestSlowUploadHoldsNoInflightSlot(t *testing.T) {
	t.Parallel()
	ts := newTS(t, bearerAuth{}, nil, Config{MaxInflight: 1, MaxInflightPerUser: 1})
	srv := httptest.NewServer(ts.srv)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	send := func(method, path, user string, body io.Reader) (int, string) {
		req, _ := http.NewRequestWithContext(ctx, method, srv.URL+path, body)
		req.Header.Set("Authorization", "Bearer "+user)
		if body != nil {
			req.Header.Set("Content-Type", "text/csv")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("%s %s: %v", method, path, err)
			return 0, ""
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}

	csv := plantsCSV(t)
	pr, pw := io.Pipe()
	uploaded := make(chan int, 1)
	go func() {
		code, _ := send("POST", "/api/datasets?name=slow.csv", "ann", pr)
		uploaded <- code
	}()
	if _, err := io.WriteString(pw, csv[:100]); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the server to be reading the slow body", func() bool { return ts.srv.receiving.held() == 1 })

	if code, body := send("GET", "/api/jobs", "bob", nil); code != http.StatusOK {
		t.Errorf("another user's request during a slow upload: %d %s, want 200", code, body)
	}
	if code, body := send("GET", "/api/jobs", "ann", nil); code != http.StatusOK {
		t.Errorf("the uploader's own request during her slow upload: %d %s, want 200", code, body)
	}
	if code, body := send("POST", "/api/datasets?name=b.csv", "bob", strings.NewReader(csv)); code != http.StatusServiceUnavailable ||
		!strings.Contains(body, "bodies being received") {
		t.Errorf("a second upload beyond the bound on bodies being received: %d %s, want 503 naming the bound", code, body)
	}
	if n := ts.srv.slots.held(); n != 0 {
		t.Errorf("%d in-flight slots held while the body arrives, want 0", n)
	}

	if _, err := io.WriteString(pw, csv[100:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if code := <-uploaded; code != http.StatusCreated {
		t.Errorf("the slow upload: %d, want 201", code)
	}
	if r, s := ts.srv.receiving.held(), ts.srv.slots.held(); r != 0 || s != 0 {
		t.Errorf("after the upload %d receiving and %d in-flight slots are held, want none", r, s)
	}
}

// TestBodyOverLimitIs413 checks the cap still holds with the body read
// before the handler: a body longer than MaxUploadBytes, with or without a
// Content-Length, is 413.
func TestBodyOverLimitIs413(t *testing.T) {
	t.Parallel()
	ts := newTS(t, bearerAuth{}, nil, Config{MaxUploadBytes: 1024})
	srv := httptest.NewServer(ts.srv)
	defer srv.Close()
	big := strings.Repeat("a,b\n", 1000)
	for _, chunked := range []bool{false, true} {
		var body io.Reader = strings.NewReader(big)
		if chunked {
			body = io.MultiReader(strings.NewReader(big)) // no length known: sent chunked
		}
		req, _ := http.NewRequest("POST", srv.URL+"/api/datasets?name=big.csv", body)
		req.Header.Set("Authorization", "Bearer ann")
		req.Header.Set("Content-Type", "text/csv")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked %v: %d, want 413", chunked, res.StatusCode)
		}
	}
	if r, s := ts.srv.receiving.held(), ts.srv.slots.held(); r != 0 || s != 0 {
		t.Errorf("%d receiving and %d in-flight slots still held, want none", r, s)
	}
}

// TestFrontendDirStaysInside puts symbolic links in FRONTEND_DIR that lead
// out of it, to a file and to a directory: neither is served (they were
// followed), while a link that stays inside still works.
func TestFrontendDirStaysInside(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("TOP-SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range map[string]string{"index.html": "<p>app</p>", "real.txt": "inside"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"leak.txt": filepath.Join(outside, "secret.txt"), // absolute
		"rel.txt":  filepath.Join("..", filepath.Base(outside), "secret.txt"),
		"out":      outside, // a directory
		"ok.txt":   "real.txt",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	ts := newTS(t, nil, nil, Config{FrontendDir: dir})
	for _, p := range []string{"/leak.txt", "/rel.txt", "/out/secret.txt", "/out"} {
		w := ts.do("GET", p, "", nil)
		if strings.Contains(w.Body.String(), "TOP-SECRET") {
			t.Errorf("%s serves the file outside FRONTEND_DIR: %d %q", p, w.Code, w.Body.String())
		}
		if w.Code != http.StatusNotFound && w.Body.String() != "<p>app</p>" {
			t.Errorf("%s: %d %q, want 404 or the app's page", p, w.Code, w.Body.String())
		}
	}
	if w := ts.do("GET", "/ok.txt", "", nil); w.Code != 200 || w.Body.String() != "inside" {
		t.Errorf("a link inside FRONTEND_DIR: %d %q, want 200 inside", w.Code, w.Body.String())
	}
}

// TestQueuedPerUserIs429 fills a user's queue through the API of a process
// that runs no jobs (role api): the next analysis is 429 rate_limited with
// Retry-After and a message that says why, and another user is served.
func TestQueuedPerUserIs429(t *testing.T) {
	t.Parallel()
	svc, _ := serviceOn(t, storeConfig{DataDir: t.TempDir(), Role: "api", MaxQueuedPerUser: 2}, nil)
	s, err := newServer(Config{Jobs: svc, Auth: bearerAuth{}})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, srv: s, svc: svc}
	req := map[string]any{"prompt": "Does treatment change yield?", "dataset": map[string]string{"csv": plantsCSV(t)}, "mode": "async"}
	for i := range 2 {
		if w := ts.do("POST", "/api/analyze", "ann", req); w.Code != http.StatusAccepted {
			t.Fatalf("job %d: %d %s, want 202", i+1, w.Code, w.Body.String())
		}
	}
	w := ts.do("POST", "/api/analyze", "ann", req)
	if w.Code != http.StatusTooManyRequests || errCode(t, w) != "rate_limited" || w.Header().Get("Retry-After") != "10" ||
		!strings.Contains(w.Body.String(), "2 analyses queued or running") {
		t.Errorf("a third job over a cap of 2: %d Retry-After %q %s; want 429, Retry-After 10 and why", w.Code, w.Header().Get("Retry-After"), w.Body.String())
	}
	if w := ts.do("POST", "/api/analyze", "bob", req); w.Code != http.StatusAccepted {
		t.Errorf("another user's job: %d %s, want 202", w.Code, w.Body.String())
	}
}
