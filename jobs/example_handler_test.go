package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/store/sqlite"
)

// ExampleHandler mounts the job API in a program's own mux, under
// /analysis/, with the program's idea of who the user is.
func ExampleHandler() {
	dir, err := os.MkdirTemp("", "inferra-handler")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Dir: dir})
	if err != nil {
		panic(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		panic(err)
	}
	svc, err := jobs.New(ctx, jobs.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		panic(err)
	}
	if err := svc.Start(ctx); err != nil {
		panic(err)
	}
	defer svc.Stop(ctx)

	user := func(r *http.Request) (string, error) {
		if u := r.Header.Get("X-User"); u != "" {
			return u, nil
		}
		return "", inferra.Errorf(inferra.EUnauthorized, "sign in first")
	}
	mux := http.NewServeMux()
	mux.Handle("/analysis/", http.StripPrefix("/analysis", jobs.Handler(svc, user)))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	body, _ := json.Marshal(map[string]any{
		"prompt":  "Does the new fertiliser change crop yield?",
		"dataset": map[string]string{"csv": string(crops)},
	})
	req, _ := http.NewRequest("POST", srv.URL+"/analysis/jobs", strings.NewReader(string(body)))
	req.Header.Set("X-User", "alice")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var job inferra.Job
	if err := json.NewDecoder(resp.Body).Decode(&job); err != nil {
		panic(err)
	}
	fmt.Println(resp.StatusCode, job.Status, job.Decision.Analysis)

	resp2, err := http.Get(srv.URL + "/analysis/jobs/" + job.ID)
	if err != nil {
		panic(err)
	}
	resp2.Body.Close()
	fmt.Println("without a user:", resp2.StatusCode)
	// Output:
	// 200 succeeded ttest_ind
	// without a user: 401
}
