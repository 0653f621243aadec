// Command inferra answers questions about tabular data with deterministic,
// explainable statistics.
//
// # Usage
//
//	inferra analyze --data FILE --analysis ID [--param name=value]... [--out DIR]
//	inferra analyses
//	inferra migrate [--database-url URL] [--data-dir DIR]
//	inferra version
//
// analyze loads FILE (CSV with a header row, or a JSON array of records),
// runs the analysis ID with its parameters naming columns by role, and
// prints the job document as JSON on standard output:
//
//	inferra analyze --data crops.csv --analysis ttest_ind \
//		--param group=fertiliser --param value=yield
//
// A chart (boxplot, scatter, regplot, histogram, kde) is an analysis too:
// its result holds the numbers behind the picture. With --out DIR the chart
// is written as DIR/NAME.png and DIR/NAME.svg and listed in the document's
// "plots"; a test run with --out also draws the chart that goes with it (a
// box plot beside a group comparison, a regression plot beside pearsonr,
// residuals against fitted values beside ols):
//
//	inferra analyze --data crops.csv --analysis boxplot \
//		--param group=fertiliser --param value=yield --out charts
//
// The exit status is 0 when the job succeeded, 1 when it failed for an
// internal reason, 2 for bad usage or bad input (the job document then has
// "status": "failed" and an "error" with a code and a message that says
// what to fix) and 3 when no analysis could be decided.
//
// migrate creates or updates the job store's tables (and River's queue
// tables): PostgreSQL when --database-url or DATABASE_URL is set, else the
// embedded SQLite file under --data-dir (DATA_DIR, default ./data). It is
// idempotent, and safe when several processes run it at once.
//
// analyses lists the analysis ids with their parameters; version prints the
// version of the binary and of Go.
//
// # The server
//
//	inferra serve [--addr 127.0.0.1:8000] [--data-dir ./data] [--role all|api|worker]
//
// serve puts the same job document behind the HTTP API and web UI of
// package server (which other Go programs can mount too). The
// configuration comes from the environment (.env.example lists every
// variable with its default) and is checked whole before anything
// listens. The endpoints, described by the OpenAPI 3.1 document at
// /api/openapi.json and rendered at /api/docs:
//
//	POST   /api/analyze                 decide (or take "analysis") and run; sync 200, async 202
//	POST   /api/decide                  the decision only
//	POST   /api/run                     run a given decision
//	GET    /api/jobs                    the caller's jobs (status, since, until, limit, cursor)
//	GET    /api/jobs/{id}               one job; DELETE removes it; POST …/cancel stops it
//	GET    /api/jobs/{id}/plots/{name}  a chart (bearer token or signed URL)
//	POST   /api/datasets                upload a CSV file (text/csv or multipart)
//	GET    /api/datasets/{id}           an upload and its schema
//	POST   /api/llm-proxy               ask the language model, within a daily token quota
//	GET    /api/health, /api/environment, /metrics
//
// Every error is {"error": {"code", "message", "details"}} with the codes
// of the root package mapped to HTTP statuses by package server (server.HTTPStatus). Requests
// are authenticated with Supabase access tokens; without them configured
// the server runs in local mode (one user, loopback addresses only). Each
// user sees only their own jobs, plots and datasets: anything else is 404.
// Bodies are capped, requests bounded per user and overall, and the rate
// limited per user; responses carry a strict Content-Security-Policy, and
// each request is logged as one JSON line with its id, user, status and
// latency. SIGINT or SIGTERM drains the requests in progress before exit.
//
// POST /api/llm-proxy sends a prompt to the configured language model
// (LLM_API_KEY; without one it answers 503 llm_not_configured) through
// llm.Proxy: oversized prompts and likely injections are refused, each
// user's tokens per UTC day are counted against LLM_DAILY_TOKENS in the
// job store's llm_token_usage table (one atomic upsert per reservation,
// so the quota holds across restarts and processes), and every call is
// written to llm_call_logs.
//
// Without FRONTEND_DIR, / serves a built-in UI (plain HTML, CSS and
// JavaScript embedded in the binary): upload or paste a CSV file, see its
// schema, ask a question, read the decision, the result, the report and
// the charts, pick among candidates when the question is ambiguous, and
// browse or delete past jobs.
package main
