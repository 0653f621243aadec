package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// FileName is the database file Open creates under Config.Dir.
const FileName = "inferra.db"

// Config configures a Store.
type Config struct {
	// Dir is the data directory (DATA_DIR); the database is the file
	// FileName in it, created with the directory if missing. Defaults to
	// "./data".
	Dir string
	// Path, when set, is the database file itself, and Dir is ignored.
	Path string
	// BusyTimeout is how long a writer waits for another process's lock
	// before failing with SQLITE_BUSY. Defaults to 10 seconds.
	BusyTimeout time.Duration
	// Readers bounds the read-only connection pool. Defaults to 4.
	Readers int
	// Attempts is how many times an operation that fails transiently is
	// tried. Defaults to 5.
	Attempts int
	// RemigrateEvery is the least time between two automatic runs of the
	// migrations, which the store starts when it finds its tables missing.
	// Defaults to 5 seconds.
	RemigrateEvery time.Duration
	// Logger logs those runs. Defaults to slog.Default().
	Logger *slog.Logger
}

// Store is the SQLite JobStore: one write connection (SQLite has one
// writer at a time; River shares it) and a pool of read-only connections,
// over a file in WAL mode.
//
// When the database cannot be used (its file cannot be opened, is locked
// past the busy timeout, or is gone), the store's errors are EUnavailable
// (see store.Unavailable), with the cause kept for the log; when its tables
// are missing, the store applies its migrations again in the background.
type Store struct {
	Tx
	write, read *sql.DB
	path        string
	attempts    int
	latest      int // the newest migration's version
	remig       *store.Remigrator
}

var _ inferra.JobStore = (*Store)(nil)

// Open opens (creating if needed) the database file. It does not migrate:
// call Migrate.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	path := cfg.Path
	if path == "" {
		dir := cfg.Dir
		if dir == "" {
			dir = "./data"
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("sqlite: creating the data directory: %w", err)
		}
		path = filepath.Join(dir, FileName)
	}
	busy := cfg.BusyTimeout
	if busy <= 0 {
		busy = 10 * time.Second
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	write, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	write.SetConnMaxLifetime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	q.Del("_txlock")
	q.Add("_pragma", "query_only(1)")
	read, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	readers := cfg.Readers
	if readers <= 0 {
		readers = 4
	}
	read.SetMaxOpenConns(readers)
	attempts := cfg.Attempts
	if attempts <= 0 {
		attempts = 5
	}
	ms, err := store.Migrations(migrationFS, "migrations")
	if err != nil {
		return nil, errors.Join(err, read.Close(), write.Close())
	}
	s := &Store{write: write, read: read, path: path, attempts: attempts, latest: ms[len(ms)-1].Version}
	s.remig = &store.Remigrator{Migrate: s.Migrate, Every: cfg.RemigrateEvery, Logger: cfg.Logger}
	s.Tx = Tx{w: write, r: read, retry: attempts, st: s}
	return s, nil
}

// check marks an error that means the database cannot be used as
// store.Unavailable, and starts the migrations again when it says tables
// are missing.
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

// unavailable reports whether err means the database cannot be used now:
// busy or locked past the busy timeout and the retries, a file that cannot
// be opened, read or written (gone, moved, read-only, a full disk), or no
// such table; missing is set for the last, which the migrations repair.
func unavailable(err error) (down, missing bool) {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false, false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR,
		sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_NOTADB:
		return true, false
	case sqlite3.SQLITE_ERROR:
		if strings.Contains(se.Error(), "no such table") {
			return true, true
		}
	}
	return false, false
}

// DB returns the write connection pool (of one connection), for River's
// driver.
func (s *Store) DB() *sql.DB { return s.write }

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Close closes both pools, after any migrations the store started itself.
func (s *Store) Close() error {
	s.remig.Close()
	return errors.Join(s.read.Close(), s.write.Close())
}

// Ping checks that the database file is there and answers, and that its
// schema is the one Migrate makes: tables missing or older start the
// migrations again.
func (s *Store) Ping(ctx context.Context) error {
	if _, err := os.Stat(s.path); err != nil {
		return store.Unavailable(fmt.Errorf("sqlite: the database file: %w", err))
	}
	var version int
	err := store.Retry(ctx, s.attempts, Transient, func() error {
		return s.read.QueryRowContext(ctx, "select coalesce(max(version), 0) from inferra_migrations").Scan(&version)
	})
	if err != nil {
		return s.check(err)
	}
	if version < s.latest {
		err := fmt.Errorf("sqlite: the schema is at migration %d, want %d", version, s.latest)
		s.remig.Trigger(err)
		return store.Unavailable(err)
	}
	return nil
}

// CountJobs implements inferra.JobStore.
func (s *Store) CountJobs(ctx context.Context) (map[inferra.JobState]int64, error) {
	var out map[inferra.JobState]int64
	err := store.Retry(ctx, s.attempts, Transient, func() error {
		rows, err := s.read.QueryContext(ctx, store.CountJobsQuery)
		if err != nil {
			return err
		}
		defer rows.Close()
		out, err = store.CountByState(rows)
		return err
	})
	return out, s.check(err)
}

// InTx runs fn in an immediate (write-locking) transaction, again if it
// fails transiently.
func (s *Store) InTx(ctx context.Context, fn func(tx inferra.JobTx) error) error {
	return s.check(store.Retry(ctx, s.attempts, Transient, func() error {
		tx, err := s.write.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := fn(&Tx{w: tx, r: tx, tx: tx}); err != nil {
			_ = tx.Rollback()
			return err
		}
		return tx.Commit()
	}))
}

// Migrate creates or updates Inferra's tables and River's.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := store.Migrations(migrationFS, "migrations")
	if err != nil {
		return err
	}
	if _, err := s.write.ExecContext(ctx, `create table if not exists inferra_migrations (
		version integer primary key, name text not null, applied_at integer not null)`); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	for _, m := range ms {
		err := s.InTx(ctx, func(jt inferra.JobTx) error {
			tx := jt.(*Tx).tx
			var n int
			if err := tx.QueryRowContext(ctx, "select count(*) from inferra_migrations where version = ?", m.Version).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "insert into inferra_migrations (version, name, applied_at) values (?, ?, ?)", m.Version, m.Name, store.Now().UnixMicro())
			return err
		})
		if err != nil {
			return fmt.Errorf("sqlite: migration %04d_%s: %w", m.Version, m.Name, err)
		}
	}
	migrator, err := rivermigrate.New(riversqlite.New(s.write), nil)
	if err != nil {
		return fmt.Errorf("sqlite: river migrations: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("sqlite: river migrations: %w", err)
	}
	return nil
}

// Transient reports whether err is SQLite's "busy" or "locked": another
// writer held the database longer than the busy timeout.
func Transient(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is the store's operations outside a transaction (writes on the write
// connection, reads on the read pool, each retried on transient failure)
// or inside one (both on the transaction).
type Tx struct {
	w, r  querier
	tx    *sql.Tx
	retry int
	st    *Store // outside a transaction: classifies the errors
}

var _ inferra.JobTx = (*Tx)(nil)

// SQL returns the transaction, for River's InsertTx; nil outside one.
func (t *Tx) SQL() *sql.Tx { return t.tx }

func (t *Tx) do(ctx context.Context, op func() error) error {
	if t.retry == 0 {
		return op() // InTx classifies the transaction's error
	}
	return t.st.check(store.Retry(ctx, t.retry, Transient, op))
}

func micros(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMicro()
}

func fromMicros(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := time.UnixMicro(n.Int64).UTC()
	return &t
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func text(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

func queueArg(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const jobColumns = `id, user_id, status, progress, prompt, coalesce(dataset_id, ''), dataset_name, dataset_sha256,
	dataset_rows, dataset_columns, decision, result, report, provenance, error, attempt,
	coalesce(queue_job_id, 0), created_at, started_at, finished_at`

type scanner interface{ Scan(dest ...any) error }

func scanJob(row scanner) (*inferra.Job, error) {
	j := new(inferra.Job)
	var dec, res, prov, jerr sql.NullString
	var created int64
	var started, finished sql.NullInt64
	err := row.Scan(&j.ID, &j.UserID, &j.Status, &j.Progress, &j.Prompt, &j.Dataset.ID, &j.Dataset.Name, &j.Dataset.SHA256,
		&j.Dataset.Rows, &j.Dataset.Columns, &dec, &res, &j.Report, &prov, &jerr, &j.Attempt,
		&j.QueueID, &created, &started, &finished)
	if err != nil {
		return nil, err
	}
	j.CreatedAt = time.UnixMicro(created).UTC()
	j.StartedAt, j.FinishedAt = fromMicros(started), fromMicros(finished)
	b := func(s sql.NullString) []byte {
		if !s.Valid {
			return nil
		}
		return []byte(s.String)
	}
	return j, store.DecodeJob(j, store.JobJSON{Decision: b(dec), Result: b(res), Provenance: b(prov), Error: b(jerr)})
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
		_, err := t.w.ExecContext(ctx, `insert into analysis_jobs (id, user_id, status, progress, prompt, dataset_id, dataset_name,
			dataset_sha256, dataset_rows, dataset_columns, decision, result, report, provenance, error, attempt, queue_job_id,
			created_at, started_at, finished_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			j.ID, j.UserID, string(j.Status), j.Progress, j.Prompt, nullable(j.Dataset.ID), j.Dataset.Name, j.Dataset.SHA256,
			j.Dataset.Rows, j.Dataset.Columns, text(c.Decision), text(c.Result), j.Report, text(c.Provenance),
			text(c.Error), j.Attempt, queueArg(j.QueueID), j.CreatedAt.UnixMicro(), micros(j.StartedAt), micros(j.FinishedAt))
		if isConstraint(err) {
			return inferra.Errorf(inferra.EInvalid, "store: job %s already exists", j.ID)
		}
		return err
	})
}

func isConstraint(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// GetJob returns a job and the names of its plots.
func (t *Tx) GetJob(ctx context.Context, userID, id string) (*inferra.Job, error) {
	var j *inferra.Job
	err := t.do(ctx, func() error {
		var err error
		j, err = scanJob(t.r.QueryRowContext(ctx, "select "+jobColumns+" from analysis_jobs where id = ? and user_id = ?", id, userID))
		if errors.Is(err, sql.ErrNoRows) {
			return store.NotFound("job", id)
		}
		if err != nil {
			return err
		}
		rows, err := t.r.QueryContext(ctx, "select name, content_type from analysis_plots where job_id = ? and user_id = ? order by name", id, userID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p inferra.Plot
			if err := rows.Scan(&p.Name, &p.ContentType); err != nil {
				return err
			}
			j.Plots = append(j.Plots, p)
		}
		return rows.Err()
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
	b.WriteString("select " + jobColumns + " from analysis_jobs where user_id = ?")
	if len(p.Status) > 0 {
		b.WriteString(" and status in (?" + strings.Repeat(", ?", len(p.Status)-1) + ")")
		for _, s := range p.Status {
			args = append(args, string(s))
		}
	}
	if !p.Since.IsZero() {
		b.WriteString(" and created_at >= ?")
		args = append(args, store.Normalize(p.Since).UnixMicro())
	}
	if !p.Until.IsZero() {
		b.WriteString(" and created_at < ?")
		args = append(args, store.Normalize(p.Until).UnixMicro())
	}
	if p.After {
		b.WriteString(" and (created_at, id) < (?, ?)")
		args = append(args, p.AfterTime.UnixMicro(), p.AfterID)
	}
	b.WriteString(" order by created_at desc, id desc limit ?")
	args = append(args, p.Limit+1)
	var jobs []*inferra.Job
	err = t.do(ctx, func() error {
		jobs = jobs[:0]
		rows, err := t.r.QueryContext(ctx, b.String(), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			j, err := scanJob(rows)
			if err != nil {
				return err
			}
			jobs = append(jobs, j)
		}
		return rows.Err()
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
	if !j.Status.Valid() {
		return inferra.Errorf(inferra.EInvalid, "store: unknown job status %q", j.Status)
	}
	c, err := store.EncodeJob(j)
	if err != nil {
		return err
	}
	args := []any{string(j.Status), j.Progress, nullable(j.Dataset.ID), j.Dataset.Name, j.Dataset.SHA256,
		j.Dataset.Rows, j.Dataset.Columns, text(c.Decision), text(c.Result), j.Report, text(c.Provenance),
		text(c.Error), j.Attempt, queueArg(j.QueueID), micros(j.StartedAt), micros(j.FinishedAt), j.ID, j.UserID}
	in := "''"
	if len(from) > 0 {
		in = "?" + strings.Repeat(", ?", len(from)-1)
	}
	for _, s := range from {
		args = append(args, string(s))
	}
	return t.do(ctx, func() error {
		res, err := t.w.ExecContext(ctx, `update analysis_jobs set status = ?, progress = ?, dataset_id = ?, dataset_name = ?,
			dataset_sha256 = ?, dataset_rows = ?, dataset_columns = ?, decision = ?, result = ?, report = ?,
			provenance = ?, error = ?, attempt = ?, queue_job_id = ?, started_at = ?, finished_at = ?
			where id = ? and user_id = ? and status in (`+in+`)`, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var n int
		if err := t.w.QueryRowContext(ctx, "select count(*) from analysis_jobs where id = ? and user_id = ?", j.ID, j.UserID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return store.NotFound("job", j.ID)
		}
		return store.Conflict(j.ID, from)
	})
}

// SetProgress records the stage of a running job.
func (t *Tx) SetProgress(ctx context.Context, userID, id, stage string) error {
	return t.do(ctx, func() error {
		_, err := t.w.ExecContext(ctx, "update analysis_jobs set progress = ? where id = ? and user_id = ? and status = 'running'", stage, id, userID)
		return err
	})
}

// DeleteJob deletes a job; its plots go with it.
func (t *Tx) DeleteJob(ctx context.Context, userID, id string) error {
	return t.do(ctx, func() error {
		res, err := t.w.ExecContext(ctx, "delete from analysis_jobs where id = ? and user_id = ?", id, userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmpErr(err, store.NotFound("job", id))
		}
		return nil
	})
}

// cmpErr returns err if not nil, otherwise alt.
func cmpErr(err error, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// PutPlot stores or replaces a chart of a job.
func (t *Tx) PutPlot(ctx context.Context, userID, jobID string, p inferra.PlotData) error {
	return t.do(ctx, func() error {
		res, err := t.w.ExecContext(ctx, `insert into analysis_plots (job_id, user_id, name, content_type, data, created_at)
			select id, user_id, ?, ?, ?, ? from analysis_jobs where id = ? and user_id = ?
			on conflict (job_id, name) do update set content_type = excluded.content_type, data = excluded.data`,
			p.Name, p.ContentType, p.Data, store.Now().UnixMicro(), jobID, userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmpErr(err, store.NotFound("job", jobID))
		}
		return nil
	})
}

// GetPlot returns a chart of a job.
func (t *Tx) GetPlot(ctx context.Context, userID, jobID, name string) (*inferra.PlotData, error) {
	p := &inferra.PlotData{Name: name}
	err := t.do(ctx, func() error {
		err := t.r.QueryRowContext(ctx, "select content_type, data from analysis_plots where job_id = ? and user_id = ? and name = ?",
			jobID, userID, name).Scan(&p.ContentType, &p.Data)
		if errors.Is(err, sql.ErrNoRows) {
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
		_, err := t.w.ExecContext(ctx, `insert into datasets (id, user_id, name, sha256, size, schema, content, created_at)
			values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (user_id, sha256) do nothing`,
			d.ID, d.UserID, d.Name, d.SHA256, d.Size, string(schema), d.Content, d.CreatedAt.UnixMicro())
		if err != nil {
			return err
		}
		var created int64
		err = t.w.QueryRowContext(ctx, "select id, created_at from datasets where user_id = ? and sha256 = ?", d.UserID, d.SHA256).Scan(&d.ID, &created)
		d.CreatedAt = time.UnixMicro(created).UTC()
		return err
	})
}

// GetDataset returns a dataset.
func (t *Tx) GetDataset(ctx context.Context, userID, id string, withContent bool) (*inferra.StoredDataset, error) {
	content := "x''"
	if withContent {
		content = "content"
	}
	d := &inferra.StoredDataset{}
	err := t.do(ctx, func() error {
		var schema []byte
		var created int64
		err := t.r.QueryRowContext(ctx, "select id, user_id, name, sha256, size, schema, "+content+", created_at from datasets where id = ? and user_id = ?",
			id, userID).Scan(&d.ID, &d.UserID, &d.Name, &d.SHA256, &d.Size, &schema, &d.Content, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return store.NotFound("dataset", id)
		}
		if err != nil {
			return err
		}
		d.CreatedAt = time.UnixMicro(created).UTC()
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
		_, err := t.w.ExecContext(ctx, `insert into decision_logs (id, user_id, job_id, prompt, source, analysis, decision, created_at)
			values (?, ?, ?, ?, ?, ?, ?, ?)`,
			l.ID, l.UserID, nullable(l.JobID), l.Prompt, l.Source, l.Analysis, string(d), l.CreatedAt.UnixMicro())
		return err
	})
}

// LogLLMCall appends an LLM call to the log.
func (t *Tx) LogLLMCall(ctx context.Context, l *inferra.LLMCallLog) error {
	if err := store.PrepareLLMCallLog(l); err != nil {
		return err
	}
	return t.do(ctx, func() error {
		_, err := t.w.ExecContext(ctx, `insert into llm_call_logs (id, user_id, job_id, model, endpoint, prompt_tokens,
			completion_tokens, latency_ms, status, error, request, response, created_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			l.ID, l.UserID, nullable(l.JobID), l.Model, l.Endpoint, l.PromptTokens, l.CompletionTokens, l.LatencyMS,
			l.Status, l.Error, text(l.Request), text(l.Response), l.CreatedAt.UnixMicro())
		return err
	})
}

// DecisionLogs returns a job's decision log, oldest first.
func (t *Tx) DecisionLogs(ctx context.Context, userID, jobID string) ([]*inferra.DecisionLog, error) {
	var out []*inferra.DecisionLog
	err := t.do(ctx, func() error {
		out = out[:0]
		rows, err := t.r.QueryContext(ctx, `select id, user_id, coalesce(job_id, ''), prompt, source, analysis, decision, created_at
			from decision_logs where job_id is nullif(?, '') and user_id = ? order by created_at, id`, jobID, userID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			l := &inferra.DecisionLog{}
			var d []byte
			var created int64
			if err := rows.Scan(&l.ID, &l.UserID, &l.JobID, &l.Prompt, &l.Source, &l.Analysis, &d, &created); err != nil {
				return err
			}
			l.CreatedAt = time.UnixMicro(created).UTC()
			if err := json.Unmarshal(d, &l.Decision); err != nil {
				return err
			}
			out = append(out, l)
		}
		return rows.Err()
	})
	return out, err
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
		// DO UPDATE every later one; no row back means refused. Both run
		// on the one write connection, so they see the latest count.
		err := t.w.QueryRowContext(ctx, `insert into llm_token_usage (user_id, day, used)
			select ?1, ?2, ?3 where ?3 <= ?4
			on conflict (user_id, day) do update set used = used + excluded.used
			where used + excluded.used <= ?4
			returning used`, userID, d, tokens, limit).Scan(&used)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		used = 0
		err = t.w.QueryRowContext(ctx, `select used from llm_token_usage where user_id = ? and day = ?`, userID, d).Scan(&used)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
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
		_, err := t.w.ExecContext(ctx, `insert into llm_token_usage (user_id, day, used) values (?1, ?2, max(0, ?3))
			on conflict (user_id, day) do update set used = max(0, used + ?3)`,
			userID, store.QuotaDay(day), used-reserved)
		return err
	})
}
