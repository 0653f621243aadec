// Package postgres is the PostgreSQL job store (DATABASE_URL), on
// github.com/jackc/pgx/v5: the system of record in production, Supabase
// included.
//
// # Connecting through a pooler
//
// Supabase's transaction pooler (Supavisor, port 6543) hands each
// transaction to any server connection, so named prepared statements do
// not survive between statements. Add default_query_exec_mode to the URL:
//
//	postgres://postgres.PROJECT:PASSWORD@aws-0-REGION.pooler.supabase.com:6543/postgres?default_query_exec_mode=simple_protocol
//
// pgx then sends every query with the simple protocol and prepares
// nothing; [Store.SimpleProtocol] reports it, and the job service then has
// River poll for jobs, since LISTEN/NOTIFY does not cross such a pooler
// either. exec and cache_describe also avoid named statements. The direct
// connection (port 5432) or the session pooler need nothing.
//
// # Transient errors
//
// Lost connections, serialization failures and deadlocks, a server
// shutting down or out of connections are transient ([Transient]): the
// store retries the statement — or InTx the whole transaction — with
// backoff. Other errors are returned at once.
//
// # Row Level Security
//
// The server scopes every query by user id itself. When a front end reads
// Supabase directly, apply supabase/rls.sql ([SupabaseRLS]) after
// migrating: each table's rows are then visible only to their user
// ((select auth.uid())::text = user_id), with the policies forced; the
// server must connect as a role that bypasses RLS (postgres or
// service_role on Supabase).
//
//	st, err := postgres.Open(ctx, postgres.Config{URL: os.Getenv("DATABASE_URL")})
//	if err != nil {
//		return err
//	}
//	defer st.Close()
//	err = st.Migrate(ctx) // under an advisory lock: processes may race
//
// See [Example].
package postgres
