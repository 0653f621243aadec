package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
	"github.com/inferra/inferra/store/sqlite"
	"github.com/inferra/inferra/store/storetest"
)

func open(t *testing.T) inferra.JobStore {
	t.Helper()
	s, err := sqlite.Open(context.Background(), sqlite.Config{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		s.Close()
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, open)
}

func TestReopenKeepsJobs(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	s, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	j := &inferra.Job{ID: "6f1c1f4e-3d2b-4c1a-9f0e-0a1b2c3d4e5f", UserID: "u", Status: inferra.JobQueued}
	if err := s.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetJob(ctx, "u", j.ID); err != nil {
		t.Errorf("GetJob after reopening: %v", err)
	}
}

// TestBusyIsTransient holds the write lock in one store and writes from a
// second one on the same file: the second waits its busy timeout, fails
// with SQLITE_BUSY, and that failure counts as transient (retried), unlike
// a constraint violation.
func TestBusyIsTransient(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	a, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := sqlite.Open(ctx, sqlite.Config{Path: path, BusyTimeout: 50 * time.Millisecond, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tx, err := a.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "insert into inferra_migrations (version, name, applied_at) values (999, 'lock', 0)"); err != nil {
		t.Fatal(err)
	}
	err = b.CreateJob(ctx, &inferra.Job{ID: "6f1c1f4e-3d2b-4c1a-9f0e-0a1b2c3d4e50", UserID: "u", Status: inferra.JobQueued})
	if err == nil || !sqlite.Transient(err) {
		t.Errorf("write while another store holds the lock: %v, want a transient busy error", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	j := &inferra.Job{ID: "6f1c1f4e-3d2b-4c1a-9f0e-0a1b2c3d4e51", UserID: "u", Status: inferra.JobQueued}
	if err := b.CreateJob(ctx, j); err != nil {
		t.Fatalf("write after the lock is released: %v", err)
	}
	if err := b.CreateJob(ctx, j); err == nil || sqlite.Transient(err) {
		t.Errorf("duplicate job: %v, want a permanent error", err)
	}
}

// dropAllTables drops every table of the database, Inferra's and River's,
// as an operator's mistake or a restore into an empty file would leave it.
func dropAllTables(t *testing.T, db *sql.DB) {
	t.Helper()
	rows, err := db.Query("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	if _, err := db.Exec("pragma foreign_keys = off"); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, err := db.Exec(`drop table "` + n + `"`); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec("pragma foreign_keys = on"); err != nil {
		t.Fatal(err)
	}
}

// TestTablesDroppedIsAnOutageThatHeals drops every table under an open
// store: its calls fail with EUnavailable and a fixed message (the cause,
// naming the table, only in the error's chain for the log), and the store
// applies its migrations again by itself, without being reopened.
func TestTablesDroppedIsAnOutageThatHeals(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, sqlite.Config{Dir: t.TempDir(), RemigrateEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	j := &inferra.Job{ID: "6f1c1f4e-3d2b-4c1a-9f0e-0a1b2c3d4e52", UserID: "u", Status: inferra.JobQueued}
	if err := s.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	dropAllTables(t, s.DB())
	_, err = s.GetJob(ctx, "u", j.ID)
	if inferra.ErrorCode(err) != inferra.EUnavailable || inferra.ErrorMessage(err) != store.UnavailableMessage ||
		!strings.Contains(err.Error(), "no such table") {
		t.Fatalf("GetJob with the tables dropped = %v (code %s, message %q), want EUnavailable with the fixed message and the cause in the chain",
			err, inferra.ErrorCode(err), inferra.ErrorMessage(err))
	}
	deadline := time.Now().Add(time.Minute) // a safety net: healing takes milliseconds
	for {
		err = s.Ping(ctx)
		if err == nil {
			break
		}
		if inferra.ErrorCode(err) != inferra.EUnavailable {
			t.Fatalf("Ping while healing = %v, want EUnavailable", err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the store did not heal: Ping = %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// The tables are back (empty: the jobs went with them).
	if _, err := s.GetJob(ctx, "u", j.ID); inferra.ErrorCode(err) != inferra.ENotFound {
		t.Errorf("GetJob after healing = %v, want ENotFound", err)
	}
	if err := s.CreateJob(ctx, j); err != nil {
		t.Errorf("CreateJob after healing: %v", err)
	}
}

// TestFileGoneIsUnavailable: Ping reports a database file that was
// deleted under the store as EUnavailable, not ok.
func TestFileGoneIsUnavailable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, sqlite.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if err := os.Remove(s.Path()); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(ctx); inferra.ErrorCode(err) != inferra.EUnavailable {
		t.Errorf("Ping with the file gone = %v, want EUnavailable", err)
	}
}

// TestLockedIsUnavailable: a write that waits out the busy timeout and
// its retries is EUnavailable (503), not an internal error.
func TestLockedIsUnavailable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "locked.db")
	a, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := sqlite.Open(ctx, sqlite.Config{Path: path, BusyTimeout: 20 * time.Millisecond, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tx, err := a.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // the test's lock
	if _, err := tx.ExecContext(ctx, "insert into inferra_migrations (version, name, applied_at) values (998, 'lock', 0)"); err != nil {
		t.Fatal(err)
	}
	err = b.CreateJob(ctx, &inferra.Job{ID: "6f1c1f4e-3d2b-4c1a-9f0e-0a1b2c3d4e53", UserID: "u", Status: inferra.JobQueued})
	if inferra.ErrorCode(err) != inferra.EUnavailable || !sqlite.Transient(err) {
		t.Errorf("write while locked = %v (code %s), want EUnavailable keeping the busy error", err, inferra.ErrorCode(err))
	}
	err = b.InTx(ctx, func(tx inferra.JobTx) error {
		return tx.CreateJob(ctx, &inferra.Job{ID: "6f1c1f4e-3d2b-4c1a-9f0e-0a1b2c3d4e54", UserID: "u", Status: inferra.JobQueued})
	})
	if inferra.ErrorCode(err) != inferra.EUnavailable {
		t.Errorf("transaction while locked = %v (code %s), want EUnavailable", err, inferra.ErrorCode(err))
	}
}
