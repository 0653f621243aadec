package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/inferra/inferra"
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
