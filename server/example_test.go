package server_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/server"
	"github.com/inferra/inferra/store/sqlite"
)

// A Go program mounts the API in its own mux, next to its own routes,
// with its own authentication: here the user is the X-User header.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "inferra-example")
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
	svc, err := jobs.New(ctx, jobs.Config{Store: st})
	if err != nil {
		log.Fatal(err)
	}
	if err := svc.Start(ctx); err != nil {
		log.Fatal(err)
	}
	defer svc.Stop(ctx)

	userOf := func(r *http.Request) (string, error) {
		if u := r.Header.Get("X-User"); u != "" {
			return u, nil
		}
		return "", inferra.Errorf(inferra.EUnauthorized, "sign in first")
	}
	api, err := server.New(server.Config{Jobs: svc, Auth: server.AuthenticatorFunc(userOf)})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "hello from the host") })
	mux.Handle("/api/", api)

	call := func(method, path, user, body string) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if user != "" {
			req.Header.Set("X-User", user)
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req)
		b, _ := io.ReadAll(w.Body)
		fmt.Println(method, path, w.Code, len(b) > 0)
	}
	call("GET", "/hello", "", "")
	call("GET", "/api/jobs", "", "")
	call("GET", "/api/jobs", "alice", "")
	call("POST", "/api/decide", "alice", `{"prompt": "Does yield differ by fertiliser?", "dataset": {"csv": "fertiliser,yield\nold,4.1\nold,3.8\nnew,5.0\nnew,4.7\n"}}`)
	// Output:
	// GET /hello 200 true
	// GET /api/jobs 401 true
	// GET /api/jobs 200 true
	// POST /api/decide 200 true
}
