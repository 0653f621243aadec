package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
)

// plantsCSV is a dataset whose prompt "Does treatment change yield?" the
// rules decide as ttest_ind.
func plantsCSV(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/data/plants.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newRealService is the product's job service on a SQLite store in a
// temporary directory, stopped at the end of the test.
func newRealService(t testing.TB) JobService {
	t.Helper()
	svc, _ := serviceOn(t, storeConfig{DataDir: t.TempDir()}, nil)
	return svc
}

// bearerAuth authenticates "Authorization: Bearer <user>" as that user.
type bearerAuth struct{}

func (bearerAuth) Authenticate(r *http.Request) (string, error) {
	user, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || user == "" || user == "bad" {
		return "", errors.New("no token")
	}
	return user, nil
}

// fixedLimiter lets every user make n requests, then asks to wait.
type fixedLimiter struct {
	mu   sync.Mutex
	n    int
	seen map[string]int
}

func (l *fixedLimiter) Allow(user string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen[user]++
	return l.seen[user] <= l.n, 7 * time.Second
}

// testServer is a server under test with its client helpers.
type testServer struct {
	t   *testing.T
	srv *server
	svc JobService
}

func newTS(t *testing.T, auth Authenticator, lim Limiter, opt Config) *testServer {
	t.Helper()
	svc := newRealService(t)
	opt.Jobs, opt.Auth, opt.Limit = svc, auth, lim
	s, err := newServer(opt)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{t: t, srv: s, svc: svc}
}

// do serves one request in-process; body may be a string (sent as JSON)
// or nil.
func (ts *testServer) do(method, target, user string, body any, hdr ...string) *httptest.ResponseRecorder {
	ts.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		r = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, target, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+user)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	ts.srv.ServeHTTP(w, req)
	return w
}

// decode decodes a JSON response into a map.
func decode(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("response is not JSON (%d): %v\n%s", w.Code, err, w.Body.String())
	}
	return m
}

// errCode returns the code of an error document, failing when the body
// is not one.
func errCode(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	m := decode(t, w)
	e, ok := m["error"].(map[string]any)
	if !ok || e["code"] == nil || e["message"] == nil {
		t.Fatalf("want an error document, got %d %s", w.Code, w.Body.String())
	}
	return e["code"].(string)
}

// upload stores plants.csv for user and returns its id.
func (ts *testServer) upload(user string) string {
	ts.t.Helper()
	req := httptest.NewRequest("POST", "/api/datasets?name=plants.csv", strings.NewReader(plantsCSV(ts.t)))
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+user)
	w := httptest.NewRecorder()
	ts.srv.ServeHTTP(w, req)
	if w.Code != http.StatusCreated {
		ts.t.Fatalf("upload: %d %s", w.Code, w.Body.String())
	}
	return decode(ts.t, w)["id"].(string)
}

// analyze runs the plants question for user and returns the job.
func (ts *testServer) analyze(user, dsID string) map[string]any {
	ts.t.Helper()
	w := ts.do("POST", "/api/analyze", user, map[string]any{"prompt": "Does treatment change yield?", "dataset": map[string]string{"id": dsID}})
	if w.Code != http.StatusOK {
		ts.t.Fatalf("analyze: %d %s", w.Code, w.Body.String())
	}
	return decode(ts.t, w)
}

func TestAnalyzeSyncAndAsync(t *testing.T) {
	t.Parallel()
	ts := newTS(t, bearerAuth{}, nil, Config{})
	id := ts.upload("ann")
	job := ts.analyze("ann", id)
	if job["status"] != "succeeded" {
		t.Fatalf("status = %v, want succeeded: %v", job["status"], job)
	}
	res := job["result"].(map[string]any)
	if p, ok := res["p_value"].(float64); !ok || p <= 0 || p >= 1 {
		t.Errorf("result p_value = %v, want a probability", res["p_value"])
	}
	plots := job["plots"].([]any)
	if len(plots) != 2 {
		t.Fatalf("plots = %v, want the boxplot as PNG and SVG", plots)
	}
	for i, want := range [][2]string{{"boxplot.png", "image/png"}, {"boxplot.svg", "image/svg+xml"}} {
		p := plots[i].(map[string]any)
		if p["name"] != want[0] || p["content_type"] != want[1] || !strings.Contains(p["url"].(string), "sig=") {
			t.Errorf("plot %d = %v, want %s (%s) with a signed url", i, p, want[0], want[1])
		}
		// The SVG may use its own inline styles (otherwise it draws black
		// when opened on its own); the PNG keeps the API's policy.
		g := ts.do("GET", p["url"].(string), "", nil)
		csp := g.Header().Get("Content-Security-Policy")
		if g.Code != 200 || (want[1] == "image/svg+xml") != strings.Contains(csp, "style-src 'unsafe-inline'") || strings.Contains(csp, "script-src") {
			t.Errorf("GET %s: %d, Content-Security-Policy %q", want[0], g.Code, csp)
		}
	}

	w := ts.do("POST", "/api/analyze", "ann", map[string]any{"analysis": "ttest_ind", "params": map[string]string{"group": "treatment", "value": "yield"},
		"dataset": map[string]string{"csv": plantsCSV(t)}, "mode": "async"})
	if w.Code != http.StatusAccepted {
		t.Fatalf("async analyze: %d %s, want 202", w.Code, w.Body.String())
	}
	jid := decode(t, w)["job_id"].(string)
	if loc := w.Header().Get("Location"); loc != "/api/jobs/"+jid {
		t.Errorf("Location = %q, want /api/jobs/%s", loc, jid)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		g := decode(t, ts.do("GET", "/api/jobs/"+jid, "ann", nil))
		if g["status"] == "succeeded" {
			break
		}
		if time.Now().After(deadline) || g["status"] == "failed" {
			t.Fatalf("async job did not succeed: %v", g)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDecide(t *testing.T) {
	t.Parallel()
	ts := newTS(t, bearerAuth{}, nil, Config{})
	id := ts.upload("ann")
	for _, tc := range []struct {
		name, prompt string
		dataset      map[string]string
		status       string
	}{
		{"uploaded", "Does treatment change yield?", map[string]string{"id": id}, "succeeded"},
		{"inline", "Does treatment change yield?", map[string]string{"csv": plantsCSV(t)}, "succeeded"},
		{"vague", "tell me something", map[string]string{"id": id}, "no_decision"},
	} {
		w := ts.do("POST", "/api/decide", "ann", map[string]any{"prompt": tc.prompt, "dataset": tc.dataset})
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", tc.name, w.Code, w.Body.String())
		}
		job := decode(t, w)
		if job["status"] != tc.status || job["result"] != nil {
			t.Errorf("%s: status %v result %v, want %s and null", tc.name, job["status"], job["result"], tc.status)
		}
		d := job["decision"].(map[string]any)
		if tc.status == "succeeded" && d["analysis"] != "ttest_ind" {
			t.Errorf("%s: analysis %v, want ttest_ind", tc.name, d["analysis"])
		}
		if tc.status == "no_decision" && d["question"] == "" {
			t.Errorf("%s: a no_decision without a question: %v", tc.name, d)
		}
	}
	// Every decision is logged (in batches, shortly after).
	deadline := time.Now().Add(10 * time.Second)
	for {
		logs, err := ts.svc.(*jobs.Service).DecisionLogs(context.Background(), "ann", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(logs) == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d decisions logged, want 3", len(logs))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRunGivenDecision(t *testing.T) {
	t.Parallel()
	ts := newTS(t, bearerAuth{}, nil, Config{})
	id := ts.upload("ann")
	w := ts.do("POST", "/api/run", "ann", map[string]any{"decision": map[string]any{"analysis": "mannwhitneyu", "params": map[string]string{"group": "treatment", "value": "yield"}},
		"dataset": map[string]string{"id": id}})
	job := decode(t, w)
	if w.Code != http.StatusOK || job["status"] != "succeeded" {
		t.Fatalf("run: %d %v", w.Code, job)
	}
	if d := job["decision"].(map[string]any); d["source"] != "user" || d["function"] != "MannWhitneyU" {
		t.Errorf("decision = %v, want source user, function MannWhitneyU", d)
	}
}

func TestRequestErrors(t *testing.T) {
	t.Parallel()
	ts := newTS(t, bearerAuth{}, nil, Config{MaxUploadBytes: 4096})
	big := `{"prompt":"x","dataset":{"csv":"` + strings.Repeat("a", 5000) + `"}}`
	for _, tc := range []struct {
		name, method, target, body string
		hdr                        []string
		status                     int
		code, field                string
	}{
		{"not json", "POST", "/api/analyze", `{"prompt":`, nil, 400, "invalid_input", ""},
		{"empty", "POST", "/api/analyze", ``, nil, 400, "invalid_input", ""},
		{"unknown field", "POST", "/api/analyze", `{"promt":"x","dataset":{"id":"1"}}`, nil, 400, "invalid_input", "promt"},
		{"no prompt", "POST", "/api/analyze", `{"dataset":{"id":"1"}}`, nil, 400, "invalid_input", "prompt"},
		{"two datasets", "POST", "/api/analyze", `{"prompt":"x","dataset":{"id":"1","csv":"a"}}`, nil, 400, "invalid_input", "dataset.csv"},
		{"no dataset", "POST", "/api/decide", `{"prompt":"x"}`, nil, 400, "invalid_input", "dataset"},
		{"bad mode", "POST", "/api/analyze", `{"prompt":"x","dataset":{"id":"1"},"mode":"later"}`, nil, 400, "invalid_input", "mode"},
		{"params without analysis", "POST", "/api/analyze", `{"prompt":"x","params":{"a":"b"},"dataset":{"id":"1"}}`, nil, 400, "invalid_input", "params"},
		{"wrong type", "POST", "/api/analyze", `{"prompt":3,"dataset":{"id":"1"}}`, nil, 400, "invalid_input", "prompt"},
		{"no decision", "POST", "/api/run", `{"dataset":{"id":"1"}}`, nil, 400, "invalid_input", "decision"},
		{"form body", "POST", "/api/analyze", `a=b`, []string{"Content-Type", "application/x-www-form-urlencoded"}, 400, "invalid_input", ""},
		{"too large", "POST", "/api/analyze", big, nil, 413, "too_large", ""},
		{"unknown dataset", "POST", "/api/analyze", `{"prompt":"x","dataset":{"id":"nope"}}`, nil, 404, "not_found", ""},
		{"bad csv", "POST", "/api/decide", `{"prompt":"x","dataset":{"csv":"a,b\n1"}}`, nil, 422, "invalid_input", ""},
		{"unknown analysis", "POST", "/api/run", `{"decision":{"analysis":"magic"},"dataset":{"csv":"a,b\n1,2\n3,4\n"}}`, nil, 422, "unsupported", ""},
		{"url dataset", "POST", "/api/analyze", `{"prompt":"x","dataset":{"url":"https://example.org/a.csv"}}`, nil, 422, "unsupported", ""},
		{"bad status", "GET", "/api/jobs?status=done&limit=0", ``, nil, 400, "invalid_input", "status"},
		{"no endpoint", "GET", "/api/nothing", ``, nil, 404, "not_found", ""},
		{"wrong method", "PUT", "/api/jobs/1", ``, nil, 405, "invalid_input", ""},
		{"csv as json", "POST", "/api/datasets", `x`, []string{"Content-Type", "application/json"}, 415, "unsupported", ""},
	} {
		var body any
		if tc.body != "" {
			body = tc.body
		}
		w := ts.do(tc.method, tc.target, "ann", body, tc.hdr...)
		if w.Code != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.name, w.Code, tc.status, w.Body.String())
			continue
		}
		if tc.code == "" {
			continue
		}
		if got := errCode(t, w); got != tc.code {
			t.Errorf("%s: code %q, want %q", tc.name, got, tc.code)
		}
		if tc.field == "" {
			continue
		}
		var doc struct {
			Error struct {
				Details struct{ Fields []fieldError } `json:"details"`
			} `json:"error"`
		}
		_ = json.Unmarshal(w.Body.Bytes(), &doc)
		found := false
		for _, f := range doc.Error.Details.Fields {
			found = found || f.Field == tc.field
		}
		if !found {
			t.Errorf("%s: details.fields = %+v, want one for %q", tc.name, doc.Error.Details.Fields, tc.field)
		}
	}
}

// TestIsolation checks that another user's job, plot or dataset is 404
// for every method, signed plot URLs included.
func TestIsolation(t *testing.T) {
	t.Parallel()
	ts := newTS(t, bearerAuth{}, nil, Config{})
	ds := ts.upload("ann")
	job := ts.analyze("ann", ds)
	jid := job["job_id"].(string)
	plotURL := job["plots"].([]any)[0].(map[string]any)["url"].(string)
	for _, tc := range []struct{ method, target, body string }{
		{"GET", "/api/jobs/" + jid, ""},
		{"DELETE", "/api/jobs/" + jid, ""},
		{"POST", "/api/jobs/" + jid + "/cancel", ""},
		{"GET", "/api/jobs/" + jid + "/plots/chart", ""},
		{"GET", "/api/datasets/" + ds, ""},
		{"POST", "/api/analyze", `{"prompt":"Does treatment change yield?","dataset":{"id":"` + ds + `"}}`},
		{"POST", "/api/decide", `{"prompt":"Does treatment change yield?","dataset":{"id":"` + ds + `"}}`},
		{"POST", "/api/run", `{"decision":{"analysis":"ttest_ind"},"dataset":{"id":"` + ds + `"}}`},
	} {
		var body any
		if tc.body != "" {
			body = tc.body
		}
		w := ts.do(tc.method, tc.target, "bob", body)
		if w.Code != http.StatusNotFound || errCode(t, w) != inferra.ENotFound {
			t.Errorf("bob %s %s: %d %s, want 404 not_found", tc.method, tc.target, w.Code, w.Body.String())
		}
	}
	if l := decode(t, ts.do("GET", "/api/jobs", "bob", nil)); len(l["jobs"].([]any)) != 0 {
		t.Errorf("bob lists ann's jobs: %v", l)
	}
	// ann's signed URL opens ann's plot without a token, and nothing else.
	if w := ts.do("GET", plotURL, "", nil); w.Code != 200 || w.Header().Get("Content-Type") != "image/png" {
		t.Errorf("signed plot URL: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	u, _ := url.Parse(plotURL)
	q := u.Query()
	q.Set("u", "bob")
	if w := ts.do("GET", u.Path+"?"+q.Encode(), "", nil); w.Code != 401 {
		t.Errorf("signed URL with another user: %d, want 401", w.Code)
	}
	if w := ts.do("GET", strings.Replace(u.Path, "boxplot.png", "boxplot.svg", 1)+"?"+u.RawQuery, "", nil); w.Code != 401 {
		t.Errorf("signed URL for another plot: %d, want 401", w.Code)
	}
	// ann still has everything.
	if w := ts.do("GET", "/api/jobs/"+jid, "ann", nil); w.Code != 200 {
		t.Errorf("ann's job after bob's attempts: %d", w.Code)
	}
	if w := ts.do("DELETE", "/api/jobs/"+jid, "ann", nil); w.Code != 204 {
		t.Errorf("ann deletes her job: %d", w.Code)
	}
	if w := ts.do("GET", "/api/jobs/"+jid, "ann", nil); w.Code != 404 {
		t.Errorf("deleted job: %d, want 404", w.Code)
	}
}

func TestSignedPlotURLExpires(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &plotSigner{key: []byte("k"), ttl: time.Minute, now: func() time.Time { return now }}
	u, _ := url.Parse(p.url("j", "boxplot", "ann"))
	if user, ok := p.verify("j", "boxplot", u.Query()); !ok || user != "ann" {
		t.Fatalf("fresh URL: %q %v, want ann true", user, ok)
	}
	now = now.Add(2 * time.Minute)
	if _, ok := p.verify("j", "boxplot", u.Query()); ok {
		t.Error("an expired URL verifies")
	}
}

func TestAuthAndLimits(t *testing.T) {
	t.Parallel()
	ts := newTS(t, bearerAuth{}, &fixedLimiter{n: 2, seen: map[string]int{}}, Config{})
	w := ts.do("GET", "/api/jobs", "", nil)
	if w.Code != 401 || errCode(t, w) != "unauthorized" || w.Header().Get("WWW-Authenticate") == "" {
		t.Errorf("no token: %d %v, want 401 with WWW-Authenticate", w.Code, w.Header())
	}
	if w := ts.do("GET", "/api/health", "", nil); w.Code != 200 {
		t.Errorf("health without a token: %d, want 200", w.Code)
	}
	for i := 0; i < 2; i++ {
		if w := ts.do("GET", "/api/jobs", "ann", nil); w.Code != 200 {
			t.Fatalf("request %d: %d", i, w.Code)
		}
	}
	w = ts.do("GET", "/api/jobs", "ann", nil)
	if w.Code != 429 || errCode(t, w) != "rate_limited" || w.Header().Get("Retry-After") != "7" {
		t.Errorf("third request: %d Retry-After %q, want 429 and 7", w.Code, w.Header().Get("Retry-After"))
	}
	if w := ts.do("GET", "/api/jobs", "bob", nil); w.Code != 200 {
		t.Errorf("another user is limited too: %d", w.Code)
	}
}

func TestSlots(t *testing.T) {
	t.Parallel()
	s := newSlots(3, 2, "requests in progress")
	r1, err1 := s.acquire("ann")
	_, err2 := s.acquire("ann")
	_, err3 := s.acquire("ann")
	if err1 != nil || err2 != nil || statusOfErr(err3) != 429 {
		t.Fatalf("ann's third slot: %v, want 429", err3)
	}
	if _, err := s.acquire("bob"); err != nil {
		t.Fatalf("bob's first slot: %v", err)
	}
	if _, err := s.acquire("cat"); statusOfErr(err) != 503 {
		t.Fatalf("fourth slot overall: %v, want 503", err)
	}
	r1()
	if _, err := s.acquire("cat"); err != nil {
		t.Fatalf("after a release: %v", err)
	}
}

func statusOfErr(err error) int {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.status
	}
	return 0
}

func TestCORS(t *testing.T) {
	t.Parallel()
	ts := newTS(t, nil, nil, Config{AllowedOrigins: []string{"https://app.example.com"}})
	w := ts.do("OPTIONS", "/api/analyze", "", nil, "Origin", "https://app.example.com", "Access-Control-Request-Method", "POST")
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != "https://app.example.com" ||
		!strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
	w = ts.do("GET", "/api/jobs", "", nil, "Origin", "https://app.example.com")
	if w.Header().Get("Access-Control-Allow-Origin") != "https://app.example.com" {
		t.Errorf("simple request from the origin lacks Access-Control-Allow-Origin: %v", w.Header())
	}
	for _, o := range []string{"https://evil.example.com", "https://app.example.com.evil.com", "http://app.example.com"} {
		w = ts.do("OPTIONS", "/api/analyze", "", nil, "Origin", o, "Access-Control-Request-Method", "POST")
		if v := w.Header().Get("Access-Control-Allow-Origin"); v != "" || w.Code == 204 {
			t.Errorf("origin %s: %d Allow-Origin %q, want no CORS", o, w.Code, v)
		}
	}
}

func TestSecurityHeadersAndStatic(t *testing.T) {
	t.Parallel()
	ts := newTS(t, nil, nil, Config{HSTSMaxAge: 600})
	for _, tc := range []struct {
		path, ctype, csp string
		status           int
	}{
		{"/", "text/html", "script-src 'self'", 200},
		{"/app.js", "text/javascript", "script-src 'self'", 200},
		{"/api/docs", "text/html", "script-src 'self'", 200},
		{"/api/docs.js", "text/javascript", "default-src 'none'", 200},
		{"/api/openapi.json", "application/json", "default-src 'none'", 200},
		{"/api/health", "application/json", "default-src 'none'", 200},
		{"/nope.html", "application/json", "script-src 'self'", 404},
	} {
		w := ts.do("GET", tc.path, "", nil)
		h := w.Header()
		if w.Code != tc.status || !strings.HasPrefix(h.Get("Content-Type"), tc.ctype) {
			t.Errorf("%s: %d %s, want %d %s", tc.path, w.Code, h.Get("Content-Type"), tc.status, tc.ctype)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), tc.csp) || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("Strict-Transport-Security") != "max-age=600; includeSubDomains" {
			t.Errorf("%s: security headers %v", tc.path, h)
		}
	}
	if b := ts.do("GET", "/", "", nil).Body.String(); strings.Contains(b, "<script>") || strings.Contains(b, "style=") {
		t.Error("the UI page has inline script or style, which its CSP forbids")
	}
}

func TestFrontendDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, body := range map[string]string{"index.html": "<p>app</p>", "assets/index-BwXk3Yv1.js": "1", "app.3f9a1c2b.css": "c", "my-component.js": "m", "robots.txt": "r", ".env": "SECRET"} {
		_ = os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ts := newTS(t, nil, nil, Config{FrontendDir: dir})
	for _, tc := range []struct{ path, body, cache string }{
		{"/", "<p>app</p>", "no-cache"},
		{"/jobs/123", "<p>app</p>", "no-cache"},
		{"/assets/index-BwXk3Yv1.js", "1", "public, max-age=31536000, immutable"},
		{"/robots.txt", "r", "public, max-age=300"},
		{"/app.3f9a1c2b.css", "c", "public, max-age=31536000, immutable"},
		{"/my-component.js", "m", "public, max-age=300"},
		{"/.env", "<p>app</p>", "no-cache"},
	} {
		w := ts.do("GET", tc.path, "", nil)
		if w.Code != 200 || w.Body.String() != tc.body || w.Header().Get("Cache-Control") != tc.cache {
			t.Errorf("%s: %d %q cache %q, want %q cache %q", tc.path, w.Code, w.Body.String(), w.Header().Get("Cache-Control"), tc.body, tc.cache)
		}
	}
	if w := ts.do("GET", "/assets/index-0ld0ld00.js", "", nil); w.Code != 404 {
		t.Errorf("a missing asset: %d, want 404 (not the app's page)", w.Code)
	}
	if w := ts.do("GET", "/api/unknown", "", nil); w.Code != 404 || errCode(t, w) != "not_found" {
		t.Errorf("unknown API path under FRONTEND_DIR: %d, want the 404 error document", w.Code)
	}
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	ts := newTS(t, nil, nil, Config{})
	ts.analyze("local", ts.upload("local"))
	ts.do("GET", "/api/jobs/missing", "", nil)
	body := ts.do("GET", "/metrics", "", nil).Body.String()
	for _, want := range []string{
		`inferra_http_requests_total{route="POST /api/analyze",status="200"} 1`,
		`inferra_http_requests_total{route="GET /api/jobs/{id}",status="404"} 1`,
		`inferra_http_request_duration_seconds_bucket{route="POST /api/analyze",status="200",le="+Inf"} 1`,
		`inferra_http_request_duration_seconds_count{route="POST /api/datasets",status="201"} 1`,
		`inferra_jobs{state="succeeded"} 1`,
		"inferra_queue_depth 0",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
}

func TestMultipartUploadAndList(t *testing.T) {
	t.Parallel()
	ts := newTS(t, nil, nil, Config{})
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "plants.csv")
	_, _ = io.WriteString(fw, plantsCSV(t))
	_ = mw.Close()
	req := httptest.NewRequest("POST", "/api/datasets", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	ts.srv.ServeHTTP(w, req)
	info := decode(t, w)
	if w.Code != 201 || info["name"] != "plants.csv" || info["schema"].(map[string]any)["rows"] != 64.0 {
		t.Fatalf("multipart upload: %d %v", w.Code, info)
	}
	if g := ts.do("GET", w.Header().Get("Location"), "", nil); g.Code != 200 {
		t.Errorf("GET Location: %d", g.Code)
	}
	for range 3 {
		ts.analyze("local", info["id"].(string))
	}
	page := decode(t, ts.do("GET", "/api/jobs?limit=2&status=succeeded", "", nil))
	if len(page["jobs"].([]any)) != 2 || page["next_cursor"] == "" {
		t.Fatalf("page 1: %v", page)
	}
	page = decode(t, ts.do("GET", "/api/jobs?limit=2&cursor="+page["next_cursor"].(string), "", nil))
	if len(page["jobs"].([]any)) != 1 || page["next_cursor"] != "" {
		t.Errorf("page 2: %d jobs, cursor %v; want 1 and none", len(page["jobs"].([]any)), page["next_cursor"])
	}
	if l := decode(t, ts.do("GET", "/api/jobs?status=failed", "", nil)); len(l["jobs"].([]any)) != 0 {
		t.Errorf("status=failed lists %v", l["jobs"])
	}
}

func TestInternalErrorsAreGeneric(t *testing.T) {
	t.Parallel()
	req := httptest.NewRequest("GET", "/", nil)
	req = req.WithContext(withReqInfo(context.Background(), &reqInfo{id: "r1"}))
	w := httptest.NewRecorder()
	writeError(w, req, errors.New("pq: password authentication failed for user admin"))
	if w.Code != 500 || strings.Contains(w.Body.String(), "password") {
		t.Errorf("internal error: %d %s, want 500 without the cause", w.Code, w.Body.String())
	}
}

func TestWorkerRoleServesOnlyOperations(t *testing.T) {
	t.Parallel()
	ts := newTS(t, nil, nil, Config{Role: "worker"})
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/api/health", 200},
		{"GET", "/metrics", 200},
		{"POST", "/api/analyze", 404},
		{"GET", "/api/jobs", 404},
		{"GET", "/", 404},
	} {
		if w := ts.do(tc.method, tc.path, "", nil); w.Code != tc.status {
			t.Errorf("worker %s %s: %d, want %d", tc.method, tc.path, w.Code, tc.status)
		}
	}
	if h := decode(t, ts.do("GET", "/api/health", "", nil)); h["role"] != "worker" {
		t.Errorf("health role = %v, want worker", h["role"])
	}
}

func TestPanicIsAnInternalErrorDocument(t *testing.T) {
	t.Parallel()
	s, err := newServer(Config{Jobs: &mockJobs{ListFn: func(context.Context, string, jobs.ListFilter) ([]*inferra.Job, string, error) {
		panic("boom")
	}}})
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/api/jobs", nil))
	if w.Code != 500 || errCode(t, w) != "internal" || strings.Contains(w.Body.String(), "boom") {
		t.Errorf("panic: %d %s, want 500 internal without the panic value", w.Code, w.Body.String())
	}
}

func TestHTTPStatus(t *testing.T) {
	want := map[string]int{
		inferra.EInvalid: 422, inferra.EUnsupported: 422, inferra.ENotFound: 404, inferra.EUnauthorized: 401,
		inferra.ETooLarge: 413, inferra.ERateLimited: 429, inferra.EUnavailable: 503, inferra.ECanceled: 409,
		inferra.ETimeout: 504, inferra.ELLMNotConfigured: 503,
		inferra.EInternal: 500, "no_such_code": 500,
	}
	for code, status := range want {
		if got := HTTPStatus(code); got != status {
			t.Errorf("HTTPStatus(%q) = %d, want %d", code, got, status)
		}
	}
}

// TestFavicon checks that the icon browsers ask for is served (it was a
// 404 in every tab's console).
func TestFavicon(t *testing.T) {
	t.Parallel()
	ts := newTS(t, nil, nil, Config{})
	w := ts.do("GET", "/favicon.ico", "", nil)
	if w.Code != 200 || w.Header().Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(w.Body.String(), "<svg") {
		t.Errorf("GET /favicon.ico: %d %s %.40q", w.Code, w.Header().Get("Content-Type"), w.Body.String())
	}
}
