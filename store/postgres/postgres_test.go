package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/storetest"
)

// open returns a migrated store in a fresh schema, dropped at the end.
func open(t *testing.T) inferra.JobStore {
	t.Helper()
	return openStore(t)
}

func openStore(t *testing.T) *postgres.Store {
	t.Helper()
	return openURL(t, storetest.PostgresURL(t))
}

// openURL opens a migrated store at url in a fresh schema, dropped at the
// end of the test.
func openURL(t *testing.T, url string) *postgres.Store {
	t.Helper()
	ctx := context.Background()
	schema := storetest.SchemaName()
	s, err := postgres.Open(ctx, postgres.Config{URL: url, Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		dropSchema(t, url, schema)
	})
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, open)
}

// dropSchema drops a test's schema over a connection of its own (the
// store may be closed by then).
func dropSchema(t *testing.T, url, schema string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Errorf("dropping schema %s: %v", schema, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "drop schema if exists "+pgx.Identifier{schema}.Sanitize()+" cascade"); err != nil {
		t.Errorf("dropping schema %s: %v", schema, err)
	}
}

// TestConformanceSimpleProtocol runs the suite as through a transaction
// pooler: default_query_exec_mode=simple_protocol, no prepared statements.
func TestConformanceSimpleProtocol(t *testing.T) {
	url := storetest.PostgresURL(t)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	url += sep + "default_query_exec_mode=simple_protocol"
	storetest.Run(t, func(t *testing.T) inferra.JobStore {
		s := openURL(t, url)
		if !s.SimpleProtocol() {
			t.Error("SimpleProtocol() = false for a simple_protocol URL")
		}
		return s
	})
}
