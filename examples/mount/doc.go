// Command mount puts Inferra's job service inside an existing HTTP server:
// the host's http.ServeMux keeps its own routes and gains the job API of
// jobs.Handler under /analysis/ — submit a CSV file and a question, read,
// list and delete jobs, fetch their charts. The job service runs on the
// embedded SQLite store in a temporary directory, and the host's own
// authentication (here, a stand-in reading X-User) says who the user is.
//
// jobs.Handler is the job service's own small API. The full API of
// `inferra serve` (Supabase tokens, rate limits, CORS, OpenAPI, the UI)
// lives in package main of cmd/inferra and is not importable.
//
//	go run ./examples/mount           # exercises the routes and exits
//	go run ./examples/mount -serve    # serves on 127.0.0.1:8080 until Ctrl-C
package main
