// Package server is Inferra's one HTTP API: the routes under /api/
// (analyze, decide, run, jobs with their plain-words summary, charts,
// verification script and reports, datasets, the LLM proxy, health,
// environment), /metrics, the OpenAPI document (/api/openapi.json) and its
// reader (/api/docs), and the built-in UI at /. Around the routes it
// gives every request an id, security headers, CORS for the configured
// origins, authentication, per-user rate and in-flight limits, a log line
// and its metrics, and it maps each error code to an HTTP status
// ([HTTPStatus]) in one error document.
//
// [New] builds it as an http.Handler from a [Config]: the job service
// (a *jobs.Service), an [Authenticator] (none: local mode), a [Limiter]
// and the limits. `inferra serve` constructs it from its environment; a
// Go program mounts the same API in its own http.ServeMux with its own
// authentication:
//
//	api, err := server.New(server.Config{Jobs: svc, Auth: server.AuthenticatorFunc(userOf)})
//	mux.Handle("/api/", api)
package server
