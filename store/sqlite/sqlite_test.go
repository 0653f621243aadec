package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

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
