package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/storetest"
)

// adminExec runs one statement over a connection of its own to the
// server of TEST_DATABASE_URL.
func adminExec(t *testing.T, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// TestDatabaseDroppedIsAnOutageThatHeals drops the store's whole database
// under it and creates it again, empty: meanwhile every call is
// EUnavailable with a fixed message (the cause, naming the database, only
// in the error's chain for the log); afterwards the store reconnects and
// applies its migrations again by itself, without being reopened.
func TestDatabaseDroppedIsAnOutageThatHeals(t *testing.T) {
	ctx := context.Background()
	u, err := url.Parse(storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "inferra_t_" + hex.EncodeToString(b[:])
	adminExec(t, "create database "+name)
	t.Cleanup(func() { adminExec(t, "drop database if exists "+name+" with (force)") })
	u.Path = "/" + name
	s, err := postgres.Open(ctx, postgres.Config{URL: u.String(), RemigrateEvery: 10 * time.Millisecond, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	j := &inferra.Job{ID: store.NewID(), UserID: "u", Status: inferra.JobQueued}
	if err := s.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}

	adminExec(t, "drop database "+name+" with (force)")
	unavailable := func(what string, err error) {
		t.Helper()
		if inferra.ErrorCode(err) != inferra.EUnavailable || inferra.ErrorMessage(err) != store.UnavailableMessage {
			t.Errorf("%s during the outage = %v (code %s, message %q), want EUnavailable with the fixed message",
				what, err, inferra.ErrorCode(err), inferra.ErrorMessage(err))
		}
	}
	_, err = s.GetJob(ctx, "u", j.ID)
	unavailable("GetJob", err)
	// The first call may meet a connection the drop cut (57P01), later
	// ones the missing database (3D000): either way the cause is kept.
	if !strings.HasPrefix(err.Error(), "store unavailable: ") || len(err.Error()) <= len("store unavailable: ") {
		t.Errorf("the cause is lost: %v", err)
	}
	for range 20 { // past the pool's cut connections
		_, err = s.GetJob(ctx, "u", j.ID)
		unavailable("GetJob again", err)
		if strings.Contains(err.Error(), name) {
			break
		}
	}
	if !strings.Contains(err.Error(), name) {
		t.Errorf("the cause does not name the missing database: %v", err)
	}
	unavailable("CreateJob", s.CreateJob(ctx, &inferra.Job{ID: store.NewID(), UserID: "u", Status: inferra.JobQueued}))
	unavailable("InTx", s.InTx(ctx, func(tx inferra.JobTx) error { _, err := tx.GetJob(ctx, "u", j.ID); return err }))
	unavailable("Ping", s.Ping(ctx))
	_, err = s.CountJobs(ctx)
	unavailable("CountJobs", err)

	adminExec(t, "create database "+name)
	deadline := time.Now().Add(time.Minute) // a safety net: healing takes a moment
	for {
		err = s.Ping(ctx)
		if err == nil {
			break
		}
		unavailable("Ping while healing", err)
		if time.Now().After(deadline) {
			t.Fatalf("the store did not heal: Ping = %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := s.GetJob(ctx, "u", j.ID); inferra.ErrorCode(err) != inferra.ENotFound {
		t.Errorf("GetJob after healing = %v, want ENotFound (a new, empty database)", err)
	}
	if err := s.CreateJob(ctx, j); err != nil {
		t.Errorf("CreateJob after healing: %v", err)
	}
}

// TestSchemaDroppedHealsOnFirstUse: with the store's schema dropped, the
// first call that finds its tables missing is EUnavailable and starts the
// migrations; calls succeed again soon after, with no Ping in between.
func TestSchemaDroppedHealsOnFirstUse(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	schema := storetest.SchemaName()
	s, err := postgres.Open(ctx, postgres.Config{URL: url, Schema: schema, RemigrateEvery: 10 * time.Millisecond})
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
	dropSchema(t, url, schema)
	j := &inferra.Job{ID: store.NewID(), UserID: "u", Status: inferra.JobQueued}
	err = s.CreateJob(ctx, j)
	if inferra.ErrorCode(err) != inferra.EUnavailable || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("CreateJob with the schema dropped = %v, want EUnavailable (relation does not exist)", err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		err = s.CreateJob(ctx, j)
		if err == nil {
			break
		}
		if inferra.ErrorCode(err) != inferra.EUnavailable || time.Now().After(deadline) {
			t.Fatalf("CreateJob while healing = %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := s.GetJob(ctx, "u", j.ID); err != nil {
		t.Errorf("GetJob after healing: %v", err)
	}
}
