// Command mountapi puts Inferra's whole HTTP API — the one `inferra serve`
// serves, from package server: analyses, decisions, jobs, datasets,
// charts, /api/openapi.json, /api/docs and the metrics — inside an
// existing HTTP server. The host's http.ServeMux keeps its own routes and
// hands /api/ to the API; the host's own authentication (here, a stand-in
// reading X-User) says who the user is, through server.AuthenticatorFunc.
// The job service runs on the embedded SQLite store in a temporary
// directory.
//
//	go run ./examples/mountapi           # exercises the routes and exits
//	go run ./examples/mountapi -serve    # serves on 127.0.0.1:8080 until Ctrl-C
package main
