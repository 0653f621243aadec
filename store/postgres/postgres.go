package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// SupabaseRLS is the SQL of supabase/rls.sql: Row Level Security so that a
// front end reading Supabase directly sees only its own rows. Apply it
// after Migrate; see the file for the roles it expects.
//
//go:embed supabase/rls.sql
var SupabaseRLS string

// Config configures a Store.
type Config struct {
	// URL is the connection string (DATABASE_URL), a postgres:// URL or a
	// keyword/value string. Required.
	URL string
	// Schema, when set, is the schema the store's tables (and River's)
	// live in: it is created by Migrate and put first on the search path.
	// Tests use it to isolate themselves. Defaults to the server's search
	// path (public).
	Schema string
	// MaxConns bounds the connection pool, which River shares. Defaults
	// to 20.
	MaxConns int32
	// Attempts is how many times an operation that fails transiently is
	// tried. Defaults to 5.
	Attempts int
	// RemigrateEvery is the least time between two automatic runs of the
	// migrations, which the store starts when it finds its tables missing
	// (the database or the schema was dropped and created again).
	// Defaults to 5 seconds.
	RemigrateEvery time.Duration
	// Logger logs those runs. Defaults to slog.Default().
	Logger *slog.Logger
}

// Store is the PostgreSQL JobStore.
//
// When the database cannot be reached or used, the store's errors are
// EUnavailable (see store.Unavailable), with the cause kept for the log.
// pgxpool reconnects by itself once the server is back; when the tables
// are missing (the database was dropped and created again), the store
// applies its migrations again in the background, so no restart is
// needed.
type Store struct {
	Tx
	pool   *pgxpool.Pool
	cfg    Config
	simple bool
	latest int // the newest migration's version
	remig  *store.Remigrator
}

var _ inferra.JobStore = (*Store)(nil)

// Open connects to the database. It does not migrate: call Migrate.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, inferra.Errorf(inferra.EInvalid, "postgres: bad DATABASE_URL: %v", redact(err))
	}
	if cfg.Schema != "" {
		pc.ConnConfig.RuntimeParams["search_path"] = cfg.Schema
	}
	pc.MaxConns = cfg.MaxConns
	if pc.MaxConns <= 0 {
		pc.MaxConns = 20
	}
	ms, err := store.Migrations(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s := &Store{pool: pool, cfg: cfg, simple: pc.ConnConfig.DefaultQueryExecMode == pgx.QueryExecModeSimpleProtocol,
		latest: ms[len(ms)-1].Version}
	s.remig = &store.Remigrator{Migrate: s.Migrate, Every: cfg.RemigrateEvery, Logger: cfg.Logger}
	s.Tx = Tx{q: pool, retry: cfg.Attempts, st: s}
	if s.Tx.retry <= 0 {
		s.Tx.retry = 5
	}
	return s, nil
}

// check marks an error that means the database cannot be reached or used
// as store.Unavailable, and starts the migrations again when it says
// tables are missing.
func (s *Store) check(err error) error {
	down, missing := unavailable(err)
	if !down {
		return err
	}
	if missing {
		s.remig.Trigger(err)
	}
	return store.Unavailable(err)
}

// unavailable reports whether err means the database cannot be reached or
// used now, rather than a bug or a bad request: no connection (refused,
// lost, the server shutting down or full, authentication refused), no
// such database, a read-only server (a failover in progress), or no such
// table or schema; missing is set for the last two, which the migrations
// repair.
func unavailable(err error) (down, missing bool) {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false, false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "42P01" || pe.Code == "3F000": // undefined_table, invalid_schema_name
			return true, true
		case strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "53"), strings.HasPrefix(pe.Code, "57P"),
			strings.HasPrefix(pe.Code, "28"), pe.Code == "3D000", pe.Code == "25006":
			return true, false
		}
		return false, false
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || Transient(err) {
		return true, false
	}
	return false, false
}

// redact keeps a password out of a connection string parse error.
func redact(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "://"); i >= 0 {
		return "cannot parse the connection string"
	}
	return msg
}

// Pool returns the connection pool, for River's driver.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// SimpleProtocol reports whether the connection string asks for the simple
// query protocol (default_query_exec_mode=simple_protocol), as a
// transaction pooler such as Supabase's needs; LISTEN/NOTIFY does not
// work through such a pooler either, so River should then poll.
func (s *Store) SimpleProtocol() bool { return s.simple }

// Close closes the pool, after any migrations the store started itself.
func (s *Store) Close() error {
	s.remig.Close()
	s.pool.Close()
	return nil
}

// Ping checks that the database answers and that its schema is the one
// Migrate makes: tables missing or older start the migrations again.
func (s *Store) Ping(ctx context.Context) error {
	var version int
	err := store.Retry(ctx, s.retry, Transient, func() error {
		return s.pool.QueryRow(ctx, "select coalesce(max(version), 0) from inferra_migrations").Scan(&version)
	})
	if err != nil {
		return s.check(err)
	}
	if version < s.latest {
		err := fmt.Errorf("postgres: the schema is at migration %d, want %d", version, s.latest)
		s.remig.Trigger(err)
		return store.Unavailable(err)
	}
	return nil
}

// CountJobs implements inferra.JobStore.
func (s *Store) CountJobs(ctx context.Context) (map[inferra.JobState]int64, error) {
	var out map[inferra.JobState]int64
	err := store.Retry(ctx, s.retry, Transient, func() error {
		rows, err := s.pool.Query(ctx, store.CountJobsQuery)
		if err != nil {
			return err
		}
		defer rows.Close()
		out, err = store.CountByState(rows)
		return err
	})
	return out, s.check(err)
}

// InTx runs fn in a transaction, again if it fails transiently.
func (s *Store) InTx(ctx context.Context, fn func(tx inferra.JobTx) error) error {
	return s.check(store.Retry(ctx, s.retry, Transient, func() error {
		return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			return fn(&Tx{q: tx, tx: tx})
		})
	}))
}

// Migrate creates or updates Inferra's tables and River's, under an
// advisory lock so that several processes starting at once take turns.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := store.Migrations(migrationFS, "migrations")
	if err != nil {
		return err
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Release()
	const lockKey = 0x1f5e77a // any constant shared by every Inferra process
	if _, err := conn.Exec(ctx, "select pg_advisory_lock($1)", lockKey); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "select pg_advisory_unlock($1)", lockKey) //nolint:errcheck // the lock also ends with the session
	if s.cfg.Schema != "" {
		if _, err := conn.Exec(ctx, "create schema if not exists "+pgx.Identifier{s.cfg.Schema}.Sanitize()); err != nil {
			return fmt.Errorf("postgres: migrate: %w", err)
		}
	}
	if _, err := conn.Exec(ctx, `create table if not exists inferra_migrations (
		version integer primary key, name text not null, applied_at timestamptz not null default now())`); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	for _, m := range ms {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			var done bool
			if err := tx.QueryRow(ctx, "select exists (select 1 from inferra_migrations where version = $1)", m.Version).Scan(&done); err != nil || done {
				return err
			}
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "insert into inferra_migrations (version, name) values ($1, $2)", m.Version, m.Name)
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: migration %04d_%s: %w", m.Version, m.Name, err)
		}
	}
	migrator, err := rivermigrate.New(riverpgxv5.New(s.pool), &rivermigrate.Config{Schema: s.cfg.Schema})
	if err != nil {
		return fmt.Errorf("postgres: river migrations: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("postgres: river migrations: %w", err)
	}
	return nil
}

// Transient reports whether err is worth retrying: a lost or refused
// connection, a serialization failure or deadlock, a server shutting down
// or out of connections, or a pooler dropping the session.
func Transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01", "57P01", "57P02", "57P03", "53300", "53400", "08000", "08003", "08006", "08001", "08004":
			return true
		}
		return false
	}
	if pgconn.SafeToRetry(err) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "connection reset") || strings.Contains(msg, "unexpected EOF")
}

// querier is what a pool and a transaction share.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Tx is the store's operations on a pool (each retried on transient
// failure) or inside a transaction (retried as a whole by InTx).
type Tx struct {
	q     querier
	tx    pgx.Tx
	retry int    // attempts outside a transaction; 0 inside one
	st    *Store // outside a transaction: classifies the errors
}

var _ inferra.JobTx = (*Tx)(nil)

// Pgx returns the transaction, for River's InsertTx; nil outside one.
func (t *Tx) Pgx() pgx.Tx { return t.tx }

func (t *Tx) do(ctx context.Context, op func() error) error {
	if t.retry == 0 {
		return op() // InTx classifies the transaction's error
	}
	return t.st.check(store.Retry(ctx, t.retry, Transient, op))
}

// nullable returns nil for "" so that an empty id is SQL NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func jsonArg(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

const jobColumns = `id::text, user_id, status, progress, prompt, coalesce(dataset_id::text, ''), dataset_name, dataset_sha256,
	dataset_rows, dataset_columns, decision::text, result::text, report, provenance::text, error::text, attempt,
	coalesce(queue_job_id, 0), created_at, started_at, finished_at`

func scanJob(row pgx.Row) (*inferra.Job, error) {
	j := new(inferra.Job)
	var dec, res, prov, jerr *string
	err := row.Scan(&j.ID, &j.UserID, &j.Status, &j.Progress, &j.Prompt, &j.Dataset.ID, &j.Dataset.Name, &j.Dataset.SHA256,
		&j.Dataset.Rows, &j.Dataset.Columns, &dec, &res, &j.Report, &prov, &jerr, &j.Attempt,
		&j.QueueID, &j.CreatedAt, &j.StartedAt, &j.FinishedAt)
	if err != nil {
		return nil, err
	}
	j.CreatedAt = j.CreatedAt.UTC()
	if j.StartedAt != nil {
		*j.StartedAt = j.StartedAt.UTC()
	}
	if j.FinishedAt != nil {
		*j.FinishedAt = j.FinishedAt.UTC()
	}
	b := func(s *string) []byte {
		if s == nil {
			return nil
		}
		return []byte(*s)
	}
	return j, store.DecodeJob(j, store.JobJSON{Decision: b(dec), Result: b(res), Provenance: b(prov), Error: b(jerr)})
}

func timeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return store.Normalize(*t)
}

// CreateJob inserts a job.
func (t *Tx) CreateJob(ctx context.Context, j *inferra.Job) error {
	if err := store.CheckJob(j); err != nil {
		return err
	}
	if j.CreatedAt.IsZero() {
		j.CreatedAt = store.Now()
	}
	j.CreatedAt = store.Normalize(j.CreatedAt)
	c, err := store.EncodeJob(j)
	if err != nil {
		return err
	}
	return t.do(ctx, func() error {
		_, err := t.q.Exec(ctx, `insert into analysis_jobs (id, user_id, status, progress, prompt, dataset_id, dataset_name,
			dataset_sha256, dataset_rows, dataset_columns, decision, result, report, provenance, error, attempt, queue_job_id,
			created_at, started_at, finished_at)
			values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
			j.ID, j.UserID, string(j.Status), j.Progress, j.Prompt, nullable(j.Dataset.ID), j.Dataset.Name, j.Dataset.SHA256,
			j.Dataset.Rows, j.Dataset.Columns, jsonArg(c.Decision), jsonArg(c.Result), j.Report, jsonArg(c.Provenance),
			jsonArg(c.Error), j.Attempt, queueArg(j.QueueID), j.CreatedAt, timeArg(j.StartedAt), timeArg(j.FinishedAt))
		return err
	})
}

func queueArg(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// GetJob returns a job and the names of its plots.
func (t *Tx) GetJob(ctx context.Context, userID, id string) (*inferra.Job, error) {
	if !store.ValidID(id) {
		return nil, store.NotFound("job", id)
	}
	var j *inferra.Job
	err := t.do(ctx, func() error {
		var err error
		j, err = scanJob(t.q.QueryRow(ctx, "select "+jobColumns+" from analysis_jobs where id = $1 and user_id = $2", id, userID))
		if errors.Is(err, pgx.ErrNoRows) {
			return store.NotFound("job", id)
		}
		if err != nil {
			return err
		}
		rows, err := t.q.Query(ctx, "select name, content_type from analysis_plots where job_id = $1 and user_id = $2 order by name", id, userID)
		if err != nil {
			return err
		}
		j.Plots, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (inferra.Plot, error) {
			var p inferra.Plot
			return p, r.Scan(&p.Name, &p.ContentType)
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	if j.Plots == nil {
		j.Plots = []inferra.Plot{}
	}
	return j, nil
}

// ListJobs returns a page of jobs, newest first.
func (t *Tx) ListJobs(ctx context.Context, userID string, f inferra.JobFilter) ([]*inferra.Job, string, error) {
	p, err := store.ParseFilter(f)
	if err != nil {
		return nil, "", err
	}
	var b strings.Builder
	args := []any{userID}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	b.WriteString("select " + jobColumns + " from analysis_jobs where user_id = $1")
	if len(p.Status) > 0 {
		ss := make([]string, len(p.Status))
		for i, s := range p.Status {
			ss[i] = string(s)
		}
		b.WriteString(" and status = any(" + arg(ss) + "::text[])")
	}
	if !p.Since.IsZero() {
		b.WriteString(" and created_at >= " + arg(store.Normalize(p.Since)))
	}
	if !p.Until.IsZero() {
		b.WriteString(" and created_at < " + arg(store.Normalize(p.Until)))
	}
	if p.After {
		b.WriteString(" and (created_at, id) < (" + arg(p.AfterTime) + ", " + arg(p.AfterID) + "::uuid)")
	}
	b.WriteString(" order by created_at desc, id desc limit " + arg(p.Limit+1))
	var jobs []*inferra.Job
	err = t.do(ctx, func() error {
		rows, err := t.q.Query(ctx, b.String(), args...)
		if err != nil {
			return err
		}
		jobs, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (*inferra.Job, error) { return scanJob(r) })
		return err
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(jobs) > p.Limit {
		jobs = jobs[:p.Limit]
		next = store.Cursor(jobs[len(jobs)-1])
	}
	return jobs, next, nil
}

// UpdateJob writes a job's mutable fields if it is in one of the states
// from.
func (t *Tx) UpdateJob(ctx context.Context, j *inferra.Job, from ...inferra.JobState) error {
	if !store.ValidID(j.ID) {
		return store.NotFound("job", j.ID)
	}
	if !j.Status.Valid() {
		return inferra.Errorf(inferra.EInvalid, "store: unknown job status %q", j.Status)
	}
	c, err := store.EncodeJob(j)
	if err != nil {
		return err
	}
	ss := make([]string, len(from))
	for i, s := range from {
		ss[i] = string(s)
	}
	return t.do(ctx, func() error {
		tag, err := t.q.Exec(ctx, `update analysis_jobs set status = $3, progress = $4, dataset_id = $5, dataset_name = $6,
			dataset_sha256 = $7, dataset_rows = $8, dataset_columns = $9, decision = $10, result = $11, report = $12,
			provenance = $13, error = $14, attempt = $15, queue_job_id = $16, started_at = $17, finished_at = $18
			where id = $1 and user_id = $2 and status = any($19::text[])`,
			j.ID, j.UserID, string(j.Status), j.Progress, nullable(j.Dataset.ID), j.Dataset.Name, j.Dataset.SHA256,
			j.Dataset.Rows, j.Dataset.Columns, jsonArg(c.Decision), jsonArg(c.Result), j.Report, jsonArg(c.Provenance),
			jsonArg(c.Error), j.Attempt, queueArg(j.QueueID), timeArg(j.StartedAt), timeArg(j.FinishedAt), ss)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 1 {
			return nil
		}
		var exists bool
		if err := t.q.QueryRow(ctx, "select exists (select 1 from analysis_jobs where id = $1 and user_id = $2)", j.ID, j.UserID).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return store.NotFound("job", j.ID)
		}
		return store.Conflict(j.ID, from)
	})
}

// SetProgress records the stage of a running job.
func (t *Tx) SetProgress(ctx context.Context, userID, id, stage string) error {
	if !store.ValidID(id) {
		return store.NotFound("job", id)
	}
	return t.do(ctx, func() error {
		_, err := t.q.Exec(ctx, "update analysis_jobs set progress = $3 where id = $1 and user_id = $2 and status = 'running'", id, userID, stage)
		return err
	})
}

// DeleteJob deletes a job; its plots go with it.
func (t *Tx) DeleteJob(ctx context.Context, userID, id string) error {
	if !store.ValidID(id) {
		return store.NotFound("job", id)
	}
	return t.do(ctx, func() error {
		tag, err := t.q.Exec(ctx, "delete from analysis_jobs where id = $1 and user_id = $2", id, userID)
		if err == nil && tag.RowsAffected() == 0 {
			return store.NotFound("job", id)
		}
		return err
	})
}

// PutPlot stores or replaces a chart of a job.
func (t *Tx) PutPlot(ctx context.Context, userID, jobID string, p inferra.PlotData) error {
	if !store.ValidID(jobID) {
		return store.NotFound("job", jobID)
	}
	return t.do(ctx, func() error {
		tag, err := t.q.Exec(ctx, `insert into analysis_plots (job_id, user_id, name, content_type, data)
			select id, user_id, $3, $4, $5 from analysis_jobs where id = $1 and user_id = $2
			on conflict (job_id, name) do update set content_type = excluded.content_type, data = excluded.data`,
			jobID, userID, p.Name, p.ContentType, p.Data)
		if err == nil && tag.RowsAffected() == 0 {
			return store.NotFound("job", jobID)
		}
		return err
	})
}

// GetPlot returns a chart of a job.
func (t *Tx) GetPlot(ctx context.Context, userID, jobID, name string) (*inferra.PlotData, error) {
	if !store.ValidID(jobID) {
		return nil, store.NotFound("job", jobID)
	}
	p := &inferra.PlotData{Name: name}
	err := t.do(ctx, func() error {
		err := t.q.QueryRow(ctx, "select content_type, data from analysis_plots where job_id = $1 and user_id = $2 and name = $3",
			jobID, userID, name).Scan(&p.ContentType, &p.Data)
		if errors.Is(err, pgx.ErrNoRows) {
			return store.NotFound("plot", name)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// PutDataset stores a dataset, or finds the user's identical one.
func (t *Tx) PutDataset(ctx context.Context, d *inferra.StoredDataset) error {
	schema, err := store.PrepareDataset(d)
	if err != nil {
		return err
	}
	return t.do(ctx, func() error {
		// One round trip: the stored row if there is one, else the new one.
		err := t.q.QueryRow(ctx, `with found as (select id, created_at from datasets where user_id = $2 and sha256 = $4),
			ins as (insert into datasets (id, user_id, name, sha256, size, schema, content, created_at)
				select $1, $2, $3, $4, $5, $6, $7, $8 where not exists (select 1 from found)
				on conflict (user_id, sha256) do nothing returning id, created_at)
			select id::text, created_at from found union all select id::text, created_at from ins`,
			d.ID, d.UserID, d.Name, d.SHA256, d.Size, string(schema), d.Content, d.CreatedAt).Scan(&d.ID, &d.CreatedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			// Another transaction stored the same bytes meanwhile.
			err = t.q.QueryRow(ctx, "select id::text, created_at from datasets where user_id = $1 and sha256 = $2", d.UserID, d.SHA256).Scan(&d.ID, &d.CreatedAt)
		}
		d.CreatedAt = d.CreatedAt.UTC()
		return err
	})
}

// GetDataset returns a dataset.
func (t *Tx) GetDataset(ctx context.Context, userID, id string, withContent bool) (*inferra.StoredDataset, error) {
	if !store.ValidID(id) {
		return nil, store.NotFound("dataset", id)
	}
	content := "''::bytea"
	if withContent {
		content = "content"
	}
	d := &inferra.StoredDataset{}
	err := t.do(ctx, func() error {
		var schema []byte
		err := t.q.QueryRow(ctx, "select id::text, user_id, name, sha256, size, schema::text::bytea, "+content+", created_at from datasets where id = $1 and user_id = $2",
			id, userID).Scan(&d.ID, &d.UserID, &d.Name, &d.SHA256, &d.Size, &schema, &d.Content, &d.CreatedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			return store.NotFound("dataset", id)
		}
		if err != nil {
			return err
		}
		d.CreatedAt = d.CreatedAt.UTC()
		return json.Unmarshal(schema, &d.Schema)
	})
	if err != nil {
		return nil, err
	}
	if !withContent {
		d.Content = nil
	}
	return d, nil
}

// LogDecision appends a decision to the log.
func (t *Tx) LogDecision(ctx context.Context, l *inferra.DecisionLog) error {
	d, err := store.PrepareDecisionLog(l)
	if err != nil {
		return err
	}
	return t.do(ctx, func() error {
		_, err := t.q.Exec(ctx, `insert into decision_logs (id, user_id, job_id, prompt, source, analysis, decision, created_at)
			values ($1, $2, $3, $4, $5, $6, $7, $8)`,
			l.ID, l.UserID, nullable(l.JobID), l.Prompt, l.Source, l.Analysis, string(d), l.CreatedAt)
		return err
	})
}

// LogLLMCall appends an LLM call to the log.
func (t *Tx) LogLLMCall(ctx context.Context, l *inferra.LLMCallLog) error {
	if err := store.PrepareLLMCallLog(l); err != nil {
		return err
	}
	return t.do(ctx, func() error {
		_, err := t.q.Exec(ctx, `insert into llm_call_logs (id, user_id, job_id, model, endpoint, prompt_tokens,
			completion_tokens, latency_ms, status, error, request, response, created_at)
			values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			l.ID, l.UserID, nullable(l.JobID), l.Model, l.Endpoint, l.PromptTokens, l.CompletionTokens, l.LatencyMS,
			l.Status, l.Error, jsonArg(l.Request), jsonArg(l.Response), l.CreatedAt)
		return err
	})
}

// DecisionLogs returns a job's decision log, oldest first.
func (t *Tx) DecisionLogs(ctx context.Context, userID, jobID string) ([]*inferra.DecisionLog, error) {
	if jobID != "" && !store.ValidID(jobID) {
		return nil, nil
	}
	var out []*inferra.DecisionLog
	err := t.do(ctx, func() error {
		rows, err := t.q.Query(ctx, `select id::text, user_id, coalesce(job_id::text, ''), prompt, source, analysis, decision::text::bytea, created_at
			from decision_logs where job_id is not distinct from nullif($1, '')::uuid and user_id = $2 order by created_at, id`, jobID, userID)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (*inferra.DecisionLog, error) {
			l := &inferra.DecisionLog{}
			var d []byte
			if err := r.Scan(&l.ID, &l.UserID, &l.JobID, &l.Prompt, &l.Source, &l.Analysis, &d, &l.CreatedAt); err != nil {
				return nil, err
			}
			l.CreatedAt = l.CreatedAt.UTC()
			return l, json.Unmarshal(d, &l.Decision)
		})
		return err
	})
	return out, err
}

// Schema returns the configured schema, "" for the search path's.
func (s *Store) Schema() string { return s.cfg.Schema }

// String describes the configuration with the password hidden, so that it
// can be logged.
func (c Config) String() string {
	u := c.URL
	if parsed, err := url.Parse(c.URL); err == nil && parsed.User != nil {
		if _, has := parsed.User.Password(); has {
			parsed.User = url.UserPassword(parsed.User.Username(), "xxxxx")
		}
		u = parsed.String()
	} else if err != nil || strings.Contains(u, "password=") {
		u = "(connection string hidden)"
	}
	return fmt.Sprintf("postgres.Config{URL: %s, Schema: %q, MaxConns: %d, Attempts: %d}", u, c.Schema, c.MaxConns, c.Attempts)
}

// ReserveTokens adds tokens to userID's count for the UTC day of day,
// atomically and only when the new count is at most limit, and returns
// the new count; otherwise it changes nothing and returns the current
// count and store.ErrQuotaExceeded. It is llm.QuotaStore's Reserve.
func (t *Tx) ReserveTokens(ctx context.Context, userID string, day time.Time, tokens, limit int) (int, error) {
	d := store.QuotaDay(day)
	var used int
	err := t.do(ctx, func() error {
		// The WHERE of the SELECT guards a first reservation, the one of
		// DO UPDATE every later one; no row back means refused.
		err := t.q.QueryRow(ctx, `insert into llm_token_usage (user_id, day, used)
			select $1::text, $2::date, $3::integer where $3::integer <= $4::integer
			on conflict (user_id, day) do update set used = llm_token_usage.used + excluded.used
			where llm_token_usage.used + excluded.used <= $4::integer
			returning used`, userID, d, tokens, limit).Scan(&used)
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		used = 0
		err = t.q.QueryRow(ctx, `select used from llm_token_usage where user_id = $1 and day = $2::date`, userID, d).Scan(&used)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		return store.ErrQuotaExceeded
	})
	return used, err
}

// ConsumeTokens settles a reservation once the real cost is known: it
// adds used - reserved to userID's count for the UTC day of day, never
// below 0, even past the limit. It is llm.QuotaStore's Consume.
func (t *Tx) ConsumeTokens(ctx context.Context, userID string, day time.Time, reserved, used int) error {
	return t.do(ctx, func() error {
		_, err := t.q.Exec(ctx, `insert into llm_token_usage (user_id, day, used) values ($1, $2::date, greatest(0, $3::integer))
			on conflict (user_id, day) do update set used = greatest(0, llm_token_usage.used + $3::integer)`,
			userID, store.QuotaDay(day), used-reserved)
		return err
	})
}
