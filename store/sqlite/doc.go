// Package sqlite is the embedded job store: one SQLite file (inferra.db
// under DATA_DIR, ./data by default) through modernc.org/sqlite, pure Go,
// so that Inferra runs on a fresh machine with nothing else installed.
//
// # One writer
//
// SQLite lets one connection write at a time. The store opens the file in
// WAL mode with two pools: a single write connection, which River's queue
// shares (River's SQLite driver asks for exactly that), and a few
// read-only connections, so that reads never wait for writes. Write
// transactions begin IMMEDIATE and wait up to BusyTimeout for another
// process's lock; a lock held longer is SQLITE_BUSY, which [Transient]
// calls transient and the store retries.
//
// Inside InTx the transaction is the only connection that may write, so
// code running in it uses the transaction it is given and nothing else.
//
//	st, err := sqlite.Open(ctx, sqlite.Config{Dir: "./data"})
//	if err != nil {
//		return err
//	}
//	defer st.Close()
//	if err := st.Migrate(ctx); err != nil { // Inferra's tables and River's
//		return err
//	}
//
// See [Example].
package sqlite
