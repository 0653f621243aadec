package main

import (
	"context"
	"fmt"
	"log/slog"
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
// mode for /api/health; nil means local mode.
func newAuthenticator(cfg serveConfig) (authenticator, string, error) {
	if !cfg.authConfigured() {
		return nil, "local", nil
	}
	return nil, "", fmt.Errorf("SUPABASE_JWT_SECRET / SUPABASE_URL: JWT verification is %w", errNotWired)
}

// newLimiter returns the per-user rate limiter for cfg; nil means none.
func newLimiter(cfg serveConfig, log *slog.Logger) (limiter, error) {
	if cfg.RateLimitPerMin > 0 {
		log.Warn("RATE_LIMIT_PER_MIN is set but the rate limiter is not wired into this build; requests are not rate limited")
	}
	return nil, nil
}
