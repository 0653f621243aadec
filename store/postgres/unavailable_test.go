package postgres

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestUnavailable(t *testing.T) {
	for _, tc := range []struct {
		err           error
		down, missing bool
	}{
		{&pgconn.PgError{Code: "42P01"}, true, true},  // undefined_table: dropped, or a new database
		{&pgconn.PgError{Code: "3F000"}, true, true},  // invalid_schema_name
		{&pgconn.PgError{Code: "3D000"}, true, false}, // the database does not exist
		{&pgconn.PgError{Code: "08006"}, true, false}, // connection failure
		{&pgconn.PgError{Code: "57P01"}, true, false}, // admin shutdown
		{&pgconn.PgError{Code: "57P03"}, true, false}, // cannot connect now (starting up)
		{&pgconn.PgError{Code: "53300"}, true, false}, // too many connections
		{&pgconn.PgError{Code: "28P01"}, true, false}, // password refused
		{&pgconn.PgError{Code: "25006"}, true, false}, // read-only: a failover in progress
		{fmt.Errorf("dial: %w", syscall.ECONNREFUSED), true, false},
		{errors.New("conn closed"), true, false},
		{&pgconn.PgError{Code: "23505"}, false, false}, // unique violation
		{&pgconn.PgError{Code: "22021"}, false, false}, // bad text: the caller's
		{&pgconn.PgError{Code: "42601"}, false, false}, // syntax error: a bug
		{&pgconn.PgError{Code: "40001"}, false, false}, // serialization failure, retried
		{context.Canceled, false, false},
		{context.DeadlineExceeded, false, false},
		{nil, false, false},
	} {
		down, missing := unavailable(tc.err)
		if down != tc.down || missing != tc.missing {
			t.Errorf("unavailable(%v) = %v, %v; want %v, %v", tc.err, down, missing, tc.down, tc.missing)
		}
	}
}
