package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store/sqlite"
)

// TestPathAndSQL: a store opened on a data directory that does not exist
// yet creates it and keeps its database at Dir/FileName; Tx.SQL, which
// River's InsertTx uses, is the transaction inside InTx and nil outside.
func TestPathAndSQL(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "new", "data")
	s, err := sqlite.Open(ctx, sqlite.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, sqlite.FileName); s.Path() != want {
		t.Errorf("Path() = %q, want %q", s.Path(), want)
	}
	if _, err := os.Stat(s.Path()); err != nil {
		t.Errorf("the database file: %v", err)
	}
	if s.Tx.SQL() != nil {
		t.Error("SQL() outside a transaction is not nil")
	}
	err = s.InTx(ctx, func(tx inferra.JobTx) error {
		q := tx.(*sqlite.Tx).SQL()
		if q == nil {
			t.Fatal("SQL() inside InTx is nil")
		}
		var n int
		return q.QueryRowContext(ctx, "select count(*) from analysis_jobs").Scan(&n)
	})
	if err != nil {
		t.Errorf("querying through SQL() inside InTx: %v", err)
	}
}
