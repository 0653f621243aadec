package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/sqlite"
)

// runMigrate is the migrate command: it brings the job store's schema (and
// River's) up to date and says which store it migrated.
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inferra migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("database-url", os.Getenv("DATABASE_URL"), "PostgreSQL `URL` (default $DATABASE_URL; without one, the SQLite file under --data-dir)")
	dataDir := fs.String("data-dir", envOr("DATA_DIR", "./data"), "`DIR` of the embedded SQLite store (default $DATA_DIR or ./data)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "inferra migrate: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	st, where, err := openStore(ctx, *dbURL, *dataDir, nil)
	if err != nil {
		fmt.Fprintf(stderr, "inferra migrate: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		fmt.Fprintf(stderr, "inferra migrate: %s: %v\n", where, err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "inferra migrate: %s is up to date\n", where)
	return exitOK
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// openStore opens the PostgreSQL store when databaseURL is set and the
// SQLite store under dataDir otherwise; where describes it without
// secrets. It does not migrate. log (nil: slog.Default()) hears of the
// migrations the store runs again by itself after finding its tables
// missing.
func openStore(ctx context.Context, databaseURL, dataDir string, log *slog.Logger) (st inferra.JobStore, where string, err error) {
	if databaseURL != "" {
		pg, err := postgres.Open(ctx, postgres.Config{URL: databaseURL, Logger: log})
		if err != nil {
			return nil, "", err
		}
		cc := pg.Pool().Config().ConnConfig
		return pg, fmt.Sprintf("PostgreSQL database %s on %s", cc.Database, cc.Host), nil
	}
	lite, err := sqlite.Open(ctx, sqlite.Config{Dir: dataDir, Logger: log})
	if err != nil {
		return nil, "", err
	}
	return lite, "SQLite store " + lite.Path(), nil
}

// jobsConfigFromEnv reads the job service's settings from the
// environment: JOB_TIMEOUT (default 60s) and JOB_RESCUE_AFTER (default
// 1m), as Go durations ("90s", "2m").
func jobsConfigFromEnv(getenv func(string) string) (jobs.Config, error) {
	var cfg jobs.Config
	for _, v := range []struct {
		name string
		dst  *time.Duration
	}{{"JOB_TIMEOUT", &cfg.JobTimeout}, {"JOB_RESCUE_AFTER", &cfg.RescueAfter}} {
		s := getenv(v.name)
		if s == "" {
			continue
		}
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("%s=%q is not a positive duration such as 60s or 2m", v.name, s)
		}
		*v.dst = d
	}
	return cfg, nil
}
