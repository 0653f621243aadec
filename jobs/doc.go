// Package jobs is the job service: it takes analysis requests, runs them
// (now, or through a queue that several processes share) and keeps their
// results.
//
// A [Service] stands on a job store — store/sqlite, the embedded default,
// or store/postgres — and executes jobs through River
// (github.com/riverqueue/river), whose tables live in the same database:
// riverpgxv5 on PostgreSQL, riversqlite on SQLite.
//
//	st, _ := sqlite.Open(ctx, sqlite.Config{Dir: "./data"})
//	_ = st.Migrate(ctx)
//	svc, _ := jobs.New(ctx, jobs.Config{Store: st})
//	_ = svc.Start(ctx)
//	defer svc.Stop(ctx)
//	job, err := svc.Submit(ctx, jobs.SubmitRequest{
//		UserID: "alice", Prompt: "Does the new fertiliser change crop yield?",
//		Dataset: jobs.DatasetInput{CSV: csv},
//	})
//
// # The pipeline
//
// [Pipeline] is the one run of a job — decide, check the decision
// against the data, run the analysis or draw the chart, draw the
// companion chart, seal the job with its result and provenance — that
// the service's workers and sync requests, `inferra analyze` and
// `inferra decide`, and POST /api/decide all go through.
// [GivenDecision] builds the decision of an analysis named by the caller.
//
// # Over HTTP
//
// Package server serves the one HTTP API over a Service (the API of
// `inferra serve`: routes, authentication, limits, OpenAPI, the UI); a
// program with its own mux and its own authentication mounts it with
// server.New.
//
// # The lifecycle
//
// A job is queued, then running, then succeeded, failed, canceled or
// no_decision (the rules could not choose, and the job carries the
// candidates and a question). inferra.JobState documents the transitions
// and the stores enforce them: every update names the states it moves
// from, so a job that has ended never changes again and never gets a
// second result. A running job shows its stage in Progress (loading,
// deciding, analysing, plotting, saving) for polling clients; stages of a
// job that takes under 50 ms are not written.
//
// Every read and write is scoped by the user id: another user's job,
// chart or dataset is inferra.ENotFound, the same as one that does not
// exist.
//
// # Submitting
//
// Submit validates the request (a user, exactly one dataset, a prompt or
// an allow-listed analysis), parses the dataset — bad CSV is an
// inferra.EInvalid error and creates no job — and stores the bytes once
// per user and SHA-256.
//
// An async request stores the job and its River job in one transaction
// and returns it queued. SubmitTx does the same inside the caller's own
// transaction, so that a rolled-back transaction leaves no job behind.
//
// A sync request runs in the process that received it: the job is stored
// running, executed at once, and its result written in one transaction.
// This keeps a sync request off the queue's fetch loop — on SQLite River
// polls, having no LISTEN/NOTIFY, and a sync request must not wait out a
// poll interval — so a small sync job takes a few milliseconds on either
// store (see BENCHMARKS.md). It is not exempt from the no-job-lost rule:
// the same transaction that stores it also inserts a River job scheduled
// after JobTimeout + RescueAfter, as a safety net. If the process dies
// mid-job, a worker runs the job from that entry later; if the job
// finishes, the transaction that writes the result deletes the entry.
// Submit waits up to SyncWait and then returns the job still running; it
// goes on and finishes in the background. With RoleAPI, a sync request is
// queued and Submit polls the job until it ends.
//
// # Execution
//
// A queued job is worked by River: the worker claims the job (queued or
// running → running, one attempt more), loads the stored dataset, decides
// the analysis with the rule engine unless one was given, runs stats.Run —
// or the Config.Charts hook for the chart analyses — and then, in one
// transaction, writes the result, the charts, the decision log entry and
// River's completion (river.JobCompleteTx). Every decision, by the rules,
// the LLM fallback or the user, is logged to decision_logs with its
// evidence when its job ends.
//
// Failures of the analysis (a missing column, too few rows) are the job's
// result: it fails with the error, and is not retried. A job that runs
// past JobTimeout fails with an inferra.ETimeout error; a regression whose
// design exceeds MaxDesignCells fails at once with inferra.ETooLarge. A
// panic in the analysis fails the job with inferra.EInternal (logged with
// its stack), neither crashing the process nor being retried. Failures of the
// infrastructure are retried: the stores retry transient database errors
// (a reset connection, a serialization failure, a pooler dropping the
// session, SQLite's busy) with backoff, and a job whose store still fails
// transiently goes back to River, which retries it after 1 s, 2 s, 4 s …
// up to MaxAttempts; a permanent database error fails the job at once.
//
// # Stopping, and ending always
//
// The timeout and a cancel stop the work itself, not only the wait for it:
// the analysis checks its context (see stats.Run). Cancel stops an
// execution in its own process at once; an execution in another process
// notices within PollInterval, as it re-reads its job's row (a sync job
// runs outside River, whose cancel cannot reach it). An execution never
// runs beside an earlier one of the same job in one process: River's rescue
// of a job it thinks stuck waits until the earlier execution has returned.
// Health.Running counts the executions of the process.
//
// Every job ends: a job left queued or running whose River entry was
// discarded (its last attempt died or hung past RescueAfter), canceled
// outside the service, completed or deleted is failed with
// inferra.EInternal (canceled, for a canceled entry) by Reconcile, which
// Start runs once and then every ReconcileEvery.
//
// # Several processes
//
// Several processes on one PostgreSQL database share the queue: each job
// is worked once, by whichever process fetches it. Role selects what a
// process does: RoleAll (submit and work, the default), RoleAPI (submit
// and read, work nothing) or RoleWorker. A worker that dies mid-job — a
// crash, kill -9, a lost machine — leaves its job running; after
// RescueAfter River's rescuer, run by the elected leader, makes it
// available again and another process finishes it, with Attempt 2 and one
// result. The rescuer runs every 30 s and leadership passes on within
// about 15 s of a leader's death, so a stuck job restarts between
// RescueAfter and RescueAfter + 45 s. Two processes on one SQLite file
// also work (the tests do it), with one writer at a time.
//
// Behind a transaction pooler (Supabase's, port 6543), give the URL
// default_query_exec_mode=simple_protocol: pgx then uses no named prepared
// statements, and the service has River poll instead of LISTEN.
//
// See [Example] and [ExampleService_Submit_async].
package jobs
