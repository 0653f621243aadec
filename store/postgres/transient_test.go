package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/inferra/inferra/store/postgres"
)

func TestTransient(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&pgconn.PgError{Code: "40001"}, true}, // serialization failure
		{&pgconn.PgError{Code: "40P01"}, true}, // deadlock
		{&pgconn.PgError{Code: "57P01"}, true}, // admin shutdown
		{&pgconn.PgError{Code: "53300"}, true}, // too many connections (a pooler at its limit)
		{&pgconn.PgError{Code: "08006"}, true}, // connection failure
		{fmt.Errorf("query: %w", syscall.ECONNRESET), true},
		{io.ErrUnexpectedEOF, true},
		{errors.New("conn closed"), true},
		{&pgconn.PgError{Code: "23505"}, false}, // unique violation
		{&pgconn.PgError{Code: "42601"}, false}, // syntax error
		{&pgconn.PgError{Code: "42501"}, false}, // RLS violation
		{context.Canceled, false},
		{context.DeadlineExceeded, false},
		{errors.New("column does not exist"), false},
	} {
		if got := postgres.Transient(tc.err); got != tc.want {
			t.Errorf("Transient(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestConfigStringHidesPassword(t *testing.T) {
	for _, u := range []string{
		"postgres://postgres.abc:s3cret@pooler.example.com:6543/postgres?default_query_exec_mode=simple_protocol",
		"host=db user=u password=s3cret dbname=x",
		"postgres://u:s3cret@%zz",
	} {
		if s := (postgres.Config{URL: u}).String(); strings.Contains(s, "s3cret") {
			t.Errorf("Config.String() = %s, shows the password", s)
		}
	}
	if s := fmt.Sprint(postgres.Config{URL: "postgres://u@h/db"}); !strings.Contains(s, "postgres://u@h/db") {
		t.Errorf("Config without a password = %s, want the URL", s)
	}
}
