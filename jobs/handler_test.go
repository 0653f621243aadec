package jobs_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/store"
)

// handlerServer mounts jobs.Handler under /analysis/ of a host mux, with
// the user taken from X-User, as a host program would.
func handlerServer(t *testing.T, cfg jobs.Config) (*httptest.Server, *jobs.Service) {
	t.Helper()
	svc := newService(t, newBackend(t, "sqlite"), cfg)
	user := func(r *http.Request) (string, error) {
		if u := r.Header.Get("X-User"); u != "" {
			return u, nil
		}
		if r.Header.Get("X-Forbidden") != "" {
			return "", inferra.Errorf(inferra.ERateLimited, "slow down")
		}
		if r.Header.Get("X-Down") != "" {
			return "", store.Unavailable(errors.New("dial tcp db.internal:5432: connection refused"))
		}
		return "", errors.New("no session")
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "host") })
	mux.Handle("/analysis/", http.StripPrefix("/analysis", jobs.Handler(svc, user)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, svc
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) errorCode(t *testing.T) string {
	t.Helper()
	var doc struct {
		Error *inferra.Error `json:"error"`
	}
	if err := json.Unmarshal(r.body, &doc); err != nil || doc.Error == nil {
		t.Fatalf("not an error document (%d): %s", r.status, r.body)
	}
	return doc.Error.Code
}

func do(t *testing.T, srv *httptest.Server, method, path, user string, body string, hdr ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.Header.Set("X-User", user)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

func submitBody(t *testing.T, v map[string]any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandlerSyncJobLifecycle(t *testing.T) {
	srv, _ := handlerServer(t, jobs.Config{})
	if r := do(t, srv, "GET", "/hello", "", ""); r.status != 200 || string(r.body) != "host" {
		t.Fatalf("the host's own route: %d %s", r.status, r.body)
	}

	body := submitBody(t, map[string]any{
		"prompt":  "Does the diet change weight_loss?",
		"dataset": map[string]string{"csv": string(dietCSV(40)), "name": "diet.csv"},
	})
	r := do(t, srv, "POST", "/analysis/jobs", "alice", body)
	if r.status != http.StatusOK {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	var job inferra.Job
	if err := json.Unmarshal(r.body, &job); err != nil {
		t.Fatal(err)
	}
	if job.Status != inferra.JobSucceeded || job.Decision == nil || job.Decision.Analysis != "ttest_ind" || len(job.Result) == 0 || job.Report == "" {
		t.Fatalf("job = %s", r.body)
	}
	if job.Dataset.Name != "diet.csv" || job.Dataset.Rows != 40 {
		t.Errorf("dataset = %+v", job.Dataset)
	}

	// Read back, listed, the companion chart, scoped to alice.
	if r := do(t, srv, "GET", "/analysis/jobs/"+job.ID, "alice", ""); r.status != 200 || !strings.Contains(string(r.body), job.ID) {
		t.Errorf("get: %d %s", r.status, r.body)
	}
	r = do(t, srv, "GET", "/analysis/jobs", "alice", "")
	var list struct {
		Jobs []inferra.Job `json:"jobs"`
	}
	if err := json.Unmarshal(r.body, &list); err != nil || r.status != 200 || len(list.Jobs) != 1 || list.Jobs[0].ID != job.ID {
		t.Errorf("list: %d %s", r.status, r.body)
	}
	r = do(t, srv, "GET", "/analysis/jobs/"+job.ID+"/plots/boxplot", "alice", "")
	if r.status != 200 || r.header.Get("Content-Type") != "image/png" || !strings.HasPrefix(string(r.body), "\x89PNG") {
		t.Errorf("plot: %d %q %q", r.status, r.header.Get("Content-Type"), r.body)
	}
	if r := do(t, srv, "GET", "/analysis/jobs/"+job.ID, "bob", ""); r.status != 404 || r.errorCode(t) != inferra.ENotFound {
		t.Errorf("bob reads alice's job: %d %s", r.status, r.body)
	}
	if r := do(t, srv, "GET", "/analysis/jobs/"+job.ID+"/plots/boxplot", "bob", ""); r.status != 404 {
		t.Errorf("bob reads alice's plot: %d", r.status)
	}
	r = do(t, srv, "GET", "/analysis/jobs", "bob", "")
	if r.status != 200 || !strings.Contains(string(r.body), `"jobs":[]`) {
		t.Errorf("bob's list: %d %s", r.status, r.body)
	}
	if r := do(t, srv, "DELETE", "/analysis/jobs/"+job.ID, "bob", ""); r.status != 404 {
		t.Errorf("bob deletes alice's job: %d %s", r.status, r.body)
	}

	if r := do(t, srv, "DELETE", "/analysis/jobs/"+job.ID, "alice", ""); r.status != http.StatusNoContent {
		t.Errorf("delete: %d %s", r.status, r.body)
	}
	if r := do(t, srv, "GET", "/analysis/jobs/"+job.ID, "alice", ""); r.status != 404 {
		t.Errorf("get after delete: %d %s", r.status, r.body)
	}
}

func TestHandlerAsyncLocation(t *testing.T) {
	srv, svc := handlerServer(t, jobs.Config{})
	body := submitBody(t, map[string]any{
		"analysis": "mannwhitneyu", "params": map[string]string{"group": "diet", "value": "weight_loss"},
		"dataset": map[string]string{"csv": string(dietCSV(30))}, "mode": "async",
	})
	r := do(t, srv, "POST", "/analysis/jobs", "alice", body)
	if r.status != http.StatusAccepted {
		t.Fatalf("async submit: %d %s", r.status, r.body)
	}
	var job inferra.Job
	if err := json.Unmarshal(r.body, &job); err != nil {
		t.Fatal(err)
	}
	if loc := r.header.Get("Location"); loc != "/analysis/jobs/"+job.ID {
		t.Errorf("Location = %q, want the job under the mount point", loc)
	}
	if got := waitFor(t, svc, "alice", job.ID, 30*time.Second); got.Status != inferra.JobSucceeded {
		t.Errorf("async job ended %s: %+v", got.Status, got.Error)
	}
}

func TestHandlerErrors(t *testing.T) {
	srv, _ := handlerServer(t, jobs.Config{Load: load.Options{MaxBytes: 4096}})
	csv := string(dietCSV(20))
	cases := []struct {
		name, method, path, user, body string
		hdr                            []string
		status                         int
		code                           string
	}{
		{"no user", "GET", "/analysis/jobs", "", "", nil, 401, inferra.EUnauthorized},
		{"user func's own code", "GET", "/analysis/jobs", "", "", []string{"X-Forbidden", "1"}, 429, inferra.ERateLimited},
		{"not JSON", "POST", "/analysis/jobs", "alice", "{", nil, 400, inferra.EInvalid},
		{"unknown field", "POST", "/analysis/jobs", "alice", `{"user_id": "mallory"}`, nil, 400, inferra.EInvalid},
		{"two values", "POST", "/analysis/jobs", "alice", `{} {}`, nil, 400, inferra.EInvalid},
		{"bad mode", "POST", "/analysis/jobs", "alice", `{"mode": "later", "dataset": {"csv": "a\n1\n"}}`, nil, 400, inferra.EInvalid},
		{"too large", "POST", "/analysis/jobs", "alice", `{"dataset": {"csv": "` + strings.Repeat("x", 5000) + `"}}`, nil, 413, inferra.ETooLarge},
		{"unknown column", "POST", "/analysis/jobs", "alice", submitBody(t, map[string]any{
			"analysis": "ttest_ind", "params": map[string]string{"group": "diet", "value": "wieght"},
			"dataset": map[string]string{"csv": csv}}), nil, 200, ""},
		{"unknown analysis", "POST", "/analysis/jobs", "alice", submitBody(t, map[string]any{
			"analysis": "anova3", "dataset": map[string]string{"csv": csv}}), nil, 422, inferra.EUnsupported},
		{"bad status filter", "GET", "/analysis/jobs?status=done", "alice", "", nil, 400, inferra.EInvalid},
		{"bad limit", "GET", "/analysis/jobs?limit=0", "alice", "", nil, 400, inferra.EInvalid},
		{"no such job", "GET", "/analysis/jobs/00000000-0000-0000-0000-000000000000", "alice", "", nil, 404, inferra.ENotFound},
		{"no such plot", "GET", "/analysis/jobs/00000000-0000-0000-0000-000000000000/plots/x", "alice", "", nil, 404, inferra.ENotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, srv, c.method, c.path, c.user, c.body, c.hdr...)
			switch {
			case c.status == 200:
				// A failed analysis is an answer: the job carries the error.
				var job inferra.Job
				if err := json.Unmarshal(r.body, &job); err != nil || r.status != 200 || job.Status != inferra.JobFailed || job.Error == nil || job.Error.Code != inferra.EInvalid {
					t.Errorf("%d %s", r.status, r.body)
				}
			default:
				if r.status != c.status || r.errorCode(t) != c.code {
					t.Errorf("got %d %s, want %d %s", r.status, r.body, c.status, c.code)
				}
				if c.status == 401 && r.header.Get("WWW-Authenticate") != "Bearer" {
					t.Errorf("401 without WWW-Authenticate")
				}
			}
		})
	}
}

func TestHTTPStatus(t *testing.T) {
	want := map[string]int{
		inferra.EInvalid: 422, inferra.EUnsupported: 422, inferra.ENotFound: 404, inferra.EUnauthorized: 401,
		inferra.ETooLarge: 413, inferra.ERateLimited: 429, inferra.EUnavailable: 503, inferra.ECanceled: 409,
		inferra.ETimeout:  504,
		inferra.EInternal: 500, "no_such_code": 500,
	}
	for code, status := range want {
		if got := jobs.HTTPStatus(code); got != status {
			t.Errorf("HTTPStatus(%q) = %d, want %d", code, got, status)
		}
	}
}

// TestHandlerOutageIs503: an outage answers 503 with Retry-After and the
// fixed message, never its cause.
func TestHandlerOutageIs503(t *testing.T) {
	srv, _ := handlerServer(t, jobs.Config{})
	r := do(t, srv, "GET", "/analysis/jobs", "", "", "X-Down", "1")
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || r.errorCode(t) != inferra.EUnavailable ||
		strings.Contains(string(r.body), "db.internal") || !strings.Contains(string(r.body), store.UnavailableMessage) {
		t.Errorf("outage: %d (Retry-After %q) %s; want 503 unavailable with Retry-After and the fixed message", r.status, r.header.Get("Retry-After"), r.body)
	}
}
