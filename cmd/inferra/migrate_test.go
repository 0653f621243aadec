package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMigrateSQLite(t *testing.T) {
	dir := t.TempDir()
	for range 2 { // idempotent
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{"migrate", "--database-url", "", "--data-dir", dir}, &out, &errb)
		if code != exitOK || !strings.Contains(out.String(), "up to date") {
			t.Fatalf("migrate = %d, stdout %q, stderr %q", code, out.String(), errb.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "inferra.db")); err != nil {
		t.Errorf("no database file: %v", err)
	}
}

func TestMigratePostgres(t *testing.T) {
	url := os.Getenv("TEST_DATABASE_URL")
	if url == "" {
		if os.Getenv("CI") == "true" || os.Getenv("INFERRA_CI") == "1" {
			t.Fatal("TEST_DATABASE_URL is not set, and CI must run the PostgreSQL tests")
		}
		t.Skip("TEST_DATABASE_URL is not set")
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"migrate", "--database-url", url}, &out, &errb)
	if code != exitOK || !strings.Contains(out.String(), "PostgreSQL database") {
		t.Fatalf("migrate = %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	if strings.Contains(out.String(), "password") {
		t.Errorf("migrate printed a secret: %q", out.String())
	}
}

func TestMigrateUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"migrate", "extra"}, &out, &errb); code != exitUsage {
		t.Errorf("migrate extra = %d, want %d", code, exitUsage)
	}
	if code := run(context.Background(), []string{"migrate", "--database-url", "postgres://%zz"}, &out, &errb); code != exitFailed {
		t.Errorf("migrate with a bad URL = %d, want %d (stderr %q)", code, exitFailed, errb.String())
	}
}

func TestJobsConfigFromEnv(t *testing.T) {
	env := map[string]string{"JOB_TIMEOUT": "90s", "JOB_RESCUE_AFTER": "2m"}
	cfg, err := jobsConfigFromEnv(func(k string) string { return env[k] })
	if err != nil || cfg.JobTimeout != 90*time.Second || cfg.RescueAfter != 2*time.Minute {
		t.Errorf("jobsConfigFromEnv = %v %v, %v", cfg.JobTimeout, cfg.RescueAfter, err)
	}
	env["JOB_TIMEOUT"] = "soon"
	if _, err := jobsConfigFromEnv(func(k string) string { return env[k] }); err == nil {
		t.Error("JOB_TIMEOUT=soon was accepted")
	}
}
