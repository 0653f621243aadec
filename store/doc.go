// Package store holds what the job stores share: retries with backoff for
// transient database errors, list filters and their page cursors, the
// encoding of a job's JSON columns, and versioned migrations.
//
// The stores themselves are in store/sqlite (the embedded default, a file
// under DATA_DIR) and store/postgres (DATABASE_URL, Supabase included);
// both implement inferra.JobStore and pass the one conformance suite in
// store/storetest.
//
// # Tables
//
// Both databases hold the same tables, with PostgreSQL's types mapped to
// SQLite's (uuid and jsonb to text, timestamptz to Unix microseconds,
// bytea to blob):
//
//	analysis_jobs   id, user_id, status, progress, prompt, dataset (id, name,
//	                sha256, rows, columns), decision, result, report,
//	                provenance, error, attempt, queue_job_id, created_at,
//	                started_at, finished_at
//	analysis_plots  job_id, user_id, name, content_type, data
//	datasets        id, user_id, name, sha256, size, schema, content, created_at
//	decision_logs   id, user_id, job_id, prompt, source, analysis, decision
//	llm_call_logs   id, user_id, job_id, model, endpoint, tokens, latency,
//	                status, error, request, response
//	llm_token_usage user_id, day (the UTC date), used: the LLM proxy's
//	                daily token quota, counted by ReserveTokens and
//	                ConsumeTokens in one atomic statement each, so that
//	                it holds across restarts and processes
//
// plus River's queue tables. Migrations are SQL files embedded in each
// store (migrations/NNNN_name.sql), recorded in inferra_migrations and run
// by Migrate — by `inferra migrate` and at start-up — any number of times.
//
// # Retries
//
// [Retry] runs an operation again when the store's classifier calls its
// error transient, waiting 20 ms, 40 ms, … (capped at 1 s, with jitter):
//
//	err := store.Retry(ctx, 5, postgres.Transient, func() error {
//		return pool.Ping(ctx)
//	})
//
// Each store method outside a transaction is retried this way, and InTx
// retries its whole function; permanent errors (a constraint, a syntax
// error) are returned at once.
//
// # Text
//
// PostgreSQL keeps only UTF-8 text without NUL characters (in text and in
// jsonb); SQLite keeps anything. So that the two behave alike, both stores
// refuse other text with an EInvalid error naming the field ([CheckText],
// [CheckJSON]), and the job service checks requests and datasets the same
// way before storing anything ([CheckDataset] names the line and column).
//
// # Outages
//
// An error that means the database cannot be reached or used is
// [Unavailable]: code EUnavailable (503 with Retry-After), a fixed
// message, and the cause kept for the log only. A store that finds its
// tables missing runs its migrations again in the background
// ([Remigrator]), so it heals after its database is recreated without a
// restart.
package store
