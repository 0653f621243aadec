package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/server"
	"github.com/inferra/inferra/store/sqlite"
)

func main() {
	serve := flag.Bool("serve", false, "serve on 127.0.0.1:8080 instead of exercising the routes")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	dir, err := os.MkdirTemp("", "inferra-mountapi")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, sqlite.Config{Dir: dir})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	svc, err := jobs.New(ctx, jobs.Config{Store: st, Charts: jobs.DrawCharts, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		log.Fatal(err)
	}
	if err := svc.Start(ctx); err != nil {
		log.Fatal(err)
	}
	defer svc.Stop(context.Background())

	// The API, authenticating with the host's own scheme.
	api, err := server.New(server.Config{Jobs: svc, Auth: server.AuthenticatorFunc(userFromHeader)})
	if err != nil {
		log.Fatal(err)
	}
	// The host application's mux, with a route of its own, and the API
	// under /api/ (its routes are absolute paths).
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "hello from the host") })
	mux.Handle("/api/", api)

	if *serve {
		srv := &http.Server{Addr: "127.0.0.1:8080", Handler: mux}
		go func() { <-ctx.Done(); srv.Shutdown(context.Background()) }()
		log.Printf("listening on http://%s", srv.Addr)
		if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
		return
	}
	exercise(mux)
}

// userFromHeader stands for the host's authentication: it returns the
// signed-in user of a request. Every job is scoped by it.
func userFromHeader(r *http.Request) (string, error) {
	if u := r.Header.Get("X-User"); u != "" {
		return u, nil
	}
	return "", inferra.Errorf(inferra.EUnauthorized, "sign in first")
}

// exercise calls the routes as a client would and prints what comes back.
func exercise(h http.Handler) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	call := func(method, path, user, body string) (int, []byte) {
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			log.Fatal(err)
		}
		if user != "" {
			req.Header.Set("X-User", user)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}

	code, body := call("GET", "/hello", "", "")
	fmt.Printf("GET /hello: %d %s", code, body)

	req, _ := json.Marshal(map[string]any{
		"prompt": "Does the new fertiliser change yield?",
		"dataset": map[string]string{"name": "crops.csv",
			"csv": "fertiliser,yield\nold,4.1\nold,3.8\nold,4.4\nold,4.0\nold,3.9\nnew,5.0\nnew,4.7\nnew,5.3\nnew,4.9\nnew,5.1\n"},
	})
	code, body = call("POST", "/api/analyze", "alice", string(req))
	var job inferra.Job
	if err := json.Unmarshal(body, &job); err != nil || job.Decision == nil {
		log.Fatalf("POST /api/analyze: %d %s", code, body)
	}
	fmt.Printf("POST /api/analyze: %d %s %s, %d charts\n  %s\n", code, job.Status, job.Decision.Analysis, len(job.Plots), job.Report)

	code, _ = call("GET", "/api/jobs/"+job.ID, "alice", "")
	fmt.Println("GET the job as alice:", code)
	code, body = call("GET", "/api/jobs/"+job.ID, "bob", "")
	fmt.Printf("GET the job as bob: %d %s", code, body)
	code, body = call("GET", "/api/jobs", "", "")
	fmt.Printf("GET /api/jobs signed out: %d %s", code, body)
	code, body = call("GET", "/api/openapi.json", "", "")
	fmt.Printf("GET /api/openapi.json: %d, %d bytes\n", code, len(body))
	code, _ = call("DELETE", "/api/jobs/"+job.ID, "alice", "")
	fmt.Println("DELETE the job:", code)
}
