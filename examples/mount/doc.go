// Command mount puts Inferra's job service inside an existing HTTP
// server: the host's http.ServeMux keeps its own routes and gains
// /analysis/ routes that submit and read jobs. The job service runs on
// the embedded SQLite store in a temporary directory.
//
// The JSON API of `inferra serve` (auth, limits, OpenAPI, UI) lives in
// package main of cmd/inferra and is not importable; this program writes
// the small handler it needs on top of jobs.Service, whose methods carry
// all the behaviour (deciding, running, storing, per-user scoping).
//
//	go run ./examples/mount           # exercises the routes and exits
//	go run ./examples/mount -serve    # serves on 127.0.0.1:8080 until Ctrl-C
package main
