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
package main
