package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/internal/auth"
	"github.com/inferra/inferra/internal/ratelimit"
	"github.com/inferra/inferra/internal/safefetch"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/server"
)

// This file wires the real implementations behind the API's
// interfaces (package server): package jobs (on the SQLite or PostgreSQL store) for the job
// service, internal/auth for Supabase JWT verification, internal/ratelimit
// for the per-user limit, internal/safefetch for datasets given by URL and
// package plots for the charts.

// openJobStore opens the store (PostgreSQL with DATABASE_URL, else SQLite
// under DATA_DIR) and brings its schema up to date: once, at start-up,
// for the job service and the LLM proxy alike.
func openJobStore(ctx context.Context, cfg serveConfig, log *slog.Logger) (inferra.JobStore, error) {
	st, where, err := openStore(ctx, cfg.DatabaseURL, cfg.DataDir, log)
	if err != nil {
		return nil, fmt.Errorf("opening the job store: %w", err)
	}
	if err := st.Migrate(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("migrating %s: %w", where, err), st.Close())
	}
	log.Info("job store ready", "store", where)
	return st, nil
}

// newJobService starts the job service on st with engine deciding. The
// returned function stops the service, draining its running jobs; the
// caller closes st after it.
func newJobService(ctx context.Context, cfg serveConfig, st inferra.JobStore, engine *decision.Engine, log *slog.Logger) (*jobs.Service, func() error, error) {
	jc := jobs.Config{
		Store: st, Role: cfg.Role, JobTimeout: cfg.JobTimeout, RescueAfter: cfg.JobRescueAfter,
		MaxDesignCells: cfg.MaxDesignCells,
		Engine:         engine, Charts: jobs.DrawCharts, Logger: log,
		Load: load.Options{MaxBytes: cfg.MaxUploadBytes}, MaxQueuedPerUser: cfg.MaxQueuedPerUser,
	}
	if cfg.MaxQueuedPerUser == 0 {
		jc.MaxQueuedPerUser = -1 // MAX_QUEUED_PER_USER=0: no cap
	}
	if len(cfg.DatasetURLAllow) > 0 {
		f := &safefetch.Fetcher{Allow: cfg.DatasetURLAllow, MaxBytes: cfg.MaxUploadBytes}
		jc.Fetch = f.Fetch
	} else {
		jc.Fetch = func(context.Context, string) ([]byte, error) {
			return nil, inferra.Errorf(inferra.EUnsupported, "datasets by URL are not enabled on this server (DATASET_URL_ALLOW names no host)")
		}
	}
	svc, err := jobs.New(ctx, jc)
	if err != nil {
		return nil, nil, err
	}
	if err := svc.Start(ctx); err != nil {
		return nil, nil, err
	}
	stop := func() error {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
		defer cancel()
		return svc.Stop(sctx)
	}
	return svc, stop, nil
}

// newAuthenticator returns the authenticator for cfg and the name of its
// mode for /api/health; nil means local mode. SUPABASE_URL gives the
// project's signing keys (JWKS) and issuer, SUPABASE_JWT_SECRET the legacy
// shared secret; either or both may be set.
func newAuthenticator(cfg serveConfig, log *slog.Logger) (server.Authenticator, string, error) {
	if !cfg.authConfigured() {
		return nil, "local", nil
	}
	ac := auth.SupabaseConfig(cfg.SupabaseURL, cfg.SupabaseJWTSecret)
	ac.Logger = log
	v, err := auth.New(ac)
	if err != nil {
		return nil, "", fmt.Errorf("SUPABASE_URL / SUPABASE_JWT_SECRET: %w", err)
	}
	mode := "supabase"
	switch {
	case cfg.SupabaseURL != "" && cfg.SupabaseJWTSecret != "":
		mode = "supabase (signing keys and shared secret)"
	case cfg.SupabaseURL != "":
		mode = "supabase (signing keys)"
	default:
		mode = "supabase (shared secret)"
	}
	return v, mode, nil
}

// newLimiter returns the per-user rate limiter for cfg; nil means none.
func newLimiter(cfg serveConfig, _ *slog.Logger) (server.Limiter, error) {
	if cfg.RateLimitPerMin <= 0 {
		return nil, nil
	}
	// A burst of a tenth of a minute's allowance absorbs a page load's
	// parallel requests without letting a client exceed the rate for long.
	return ratelimit.New(cfg.RateLimitPerMin, max(cfg.RateLimitPerMin/10, 1)), nil
}
