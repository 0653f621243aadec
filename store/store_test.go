package store_test

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
)

var errTransient = errors.New("connection reset")

func isTransient(err error) bool { return errors.Is(err, errTransient) }

func TestRetry(t *testing.T) {
	ctx := context.Background()
	calls := 0
	err := store.Retry(ctx, 5, isTransient, func() error {
		calls++
		if calls < 3 {
			return errTransient
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Errorf("Retry after two transient failures = %v after %d calls, want success after 3", err, calls)
	}
	calls = 0
	permanent := errors.New("syntax error")
	err = store.Retry(ctx, 5, isTransient, func() error { calls++; return permanent })
	if !errors.Is(err, permanent) || calls != 1 {
		t.Errorf("Retry of a permanent error = %v after %d calls, want it after 1", err, calls)
	}
	calls = 0
	err = store.Retry(ctx, 3, isTransient, func() error { calls++; return errTransient })
	if !errors.Is(err, errTransient) || calls != 3 {
		t.Errorf("Retry always transient = %v after %d calls, want the error after 3", err, calls)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	calls = 0
	err = store.Retry(cctx, 5, isTransient, func() error { calls++; return errTransient })
	if calls != 1 || err == nil {
		t.Errorf("Retry with an ended context ran %d times (%v), want once", calls, err)
	}
}

func TestParseFilter(t *testing.T) {
	p, err := store.ParseFilter(inferra.JobFilter{})
	if err != nil || p.Limit != store.DefaultLimit || p.After {
		t.Errorf("ParseFilter(zero) = %+v, %v", p, err)
	}
	if p, _ := store.ParseFilter(inferra.JobFilter{Limit: 10_000}); p.Limit != store.MaxLimit {
		t.Errorf("limit 10000 became %d, want %d", p.Limit, store.MaxLimit)
	}
	j := &inferra.Job{ID: store.NewID(), CreatedAt: time.Date(2026, 3, 4, 5, 6, 7, 891011000, time.UTC)}
	p, err = store.ParseFilter(inferra.JobFilter{Cursor: store.Cursor(j)})
	if err != nil || !p.After || !p.AfterTime.Equal(j.CreatedAt) || p.AfterID != j.ID {
		t.Errorf("cursor round trip = %+v, %v; want after %v %s", p, err, j.CreatedAt, j.ID)
	}
	for _, bad := range []inferra.JobFilter{
		{Cursor: "!!"}, {Cursor: "bm90LWEtY3Vyc29y"}, {Status: []inferra.JobState{"done"}},
		{Since: j.CreatedAt, Until: j.CreatedAt},
	} {
		if _, err := store.ParseFilter(bad); inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("ParseFilter(%+v) = %v, want EInvalid", bad, err)
		}
	}
}

func TestMigrations(t *testing.T) {
	fsys := fstest.MapFS{
		"m/0002_more.sql": {Data: []byte("b")},
		"m/0001_init.sql": {Data: []byte("a")},
		"m/README":        {Data: []byte("x")},
	}
	ms, err := store.Migrations(fsys, "m")
	if err != nil || len(ms) != 2 || ms[0].Version != 1 || ms[1].Name != "more" || ms[1].SQL != "b" {
		t.Errorf("Migrations = %+v, %v", ms, err)
	}
	for _, bad := range []fstest.MapFS{
		{"m/init.sql": {Data: []byte("a")}},
		{"m/0001_a.sql": {Data: []byte("a")}, "m/001_b.sql": {Data: []byte("b")}},
	} {
		if _, err := store.Migrations(bad, "m"); err == nil {
			t.Errorf("Migrations(%v) accepted badly named files", bad)
		}
	}
}
