package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/inferra/inferra/internal/auth"
	"github.com/inferra/inferra/internal/ratelimit"
)

// This file is where the real implementations are wired in: package jobs
// for the job service, internal/auth for Supabase JWT verification and
// internal/ratelimit for the per-user limit. Until they are, the job
// service is the in-memory memService, and a configuration that asks for
// what this build lacks is refused rather than silently ignored.
//
// Wiring them is meant to be mechanical:
//
//   - jobs: a small type holding *jobs.Service whose methods convert
//     svcSubmit, svcDatasetInput and svcListFilter to jobs.SubmitRequest,
//     jobs.DatasetInput and jobs.ListFilter field by field (the names are
//     the same), jobs.DatasetInfo to svcDataset, and the health report to
//     svcHealth; LogDecision records a decide-only job cheaply.
//   - auth: the internal/auth verifier has Authenticate(*http.Request)
//     (string, error) and satisfies authenticator as it is.
//   - rate limit: the internal/ratelimit limiter has Allow(userID)
//     (bool, time.Duration) and satisfies limiter as it is, built with
//     cfg.RateLimitPerMin.

// newJobService returns the job service for cfg and a function that
// closes it after the server has drained.
func newJobService(_ context.Context, cfg serveConfig, _ *slog.Logger) (jobService, func() error, error) {
	if cfg.DatabaseURL != "" {
		return nil, nil, fmt.Errorf("DATABASE_URL: the Postgres job store is %w", errNotWired)
	}
	svc, err := newMemService(cfg.Role)
	if err != nil {
		return nil, nil, err
	}
	return svc, func() error { return nil }, nil
}

// newAuthenticator returns the authenticator for cfg and the name of its
// mode for /api/health; nil means local mode. SUPABASE_URL gives the
// project's signing keys (JWKS) and issuer, SUPABASE_JWT_SECRET the legacy
// shared secret; either or both may be set.
func newAuthenticator(cfg serveConfig) (authenticator, string, error) {
	if !cfg.authConfigured() {
		return nil, "local", nil
	}
	ac := auth.SupabaseConfig(cfg.SupabaseURL, cfg.SupabaseJWTSecret)
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
func newLimiter(cfg serveConfig, _ *slog.Logger) (limiter, error) {
	if cfg.RateLimitPerMin <= 0 {
		return nil, nil
	}
	// A burst of a tenth of a minute's allowance absorbs a page load's
	// parallel requests without letting a client exceed the rate for long.
	return ratelimit.New(cfg.RateLimitPerMin, max(cfg.RateLimitPerMin/10, 1)), nil
}
