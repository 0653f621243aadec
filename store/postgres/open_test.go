package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store/postgres"
)

// TestOpenBadURLHidesPassword: a connection string that does not parse is
// an EInvalid error that names DATABASE_URL and never shows the password.
func TestOpenBadURLHidesPassword(t *testing.T) {
	for _, u := range []string{
		"postgres://u:s3cret@db.example.com:notaport/x",
		"postgres://u:s3cret@%zz/x",
		"host=db port=notaport user=u password=s3cret dbname=x",
		"host=db password='s3cret",
	} {
		s, err := postgres.Open(context.Background(), postgres.Config{URL: u})
		if s != nil || inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "bad DATABASE_URL") {
			t.Errorf("Open(%q) = %v, %v; want an EInvalid error about DATABASE_URL", u, s, err)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%q) error shows the password: %v", u, err)
		}
	}
}

// TestPgxInsideATransaction: Tx.Pgx, which River's InsertTx uses, is the
// transaction inside InTx and nil outside one.
func TestPgxInsideATransaction(t *testing.T) {
	s := openStore(t)
	if s.Tx.Pgx() != nil {
		t.Error("Pgx() outside a transaction is not nil")
	}
	err := s.InTx(context.Background(), func(tx inferra.JobTx) error {
		p := tx.(*postgres.Tx).Pgx()
		if p == nil {
			t.Fatal("Pgx() inside InTx is nil")
		}
		var one int
		return p.QueryRow(context.Background(), "select 1").Scan(&one)
	})
	if err != nil {
		t.Errorf("querying through Pgx() inside InTx: %v", err)
	}
}
