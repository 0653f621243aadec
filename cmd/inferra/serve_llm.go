package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/llm"
	"github.com/inferra/inferra/store"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/sqlite"
)

// This file builds the LLM proxy behind POST /api/llm-proxy: the llm
// client from the configuration, and its daily token quota and call log
// on the database (both stores implement proxyStore), so that the quota
// holds across restarts and across every process on one database.

// proxyStore is what the proxy needs of a job store: the token counts of
// the llm_token_usage table and the llm_call_logs table. *postgres.Store
// and *sqlite.Store implement it.
type proxyStore interface {
	ReserveTokens(ctx context.Context, userID string, day time.Time, tokens, limit int) (int, error)
	ConsumeTokens(ctx context.Context, userID string, day time.Time, reserved, used int) error
	LogLLMCall(ctx context.Context, l *inferra.LLMCallLog) error
}

// storeQuota adapts a proxyStore to llm.QuotaStore: package store does not
// depend on llm, so its sentinel is mapped here.
type storeQuota struct{ st proxyStore }

var _ llm.QuotaStore = storeQuota{}

// Reserve implements llm.QuotaStore.
func (q storeQuota) Reserve(ctx context.Context, userID string, day time.Time, tokens, limit int) (int, error) {
	used, err := q.st.ReserveTokens(ctx, userID, day, tokens, limit)
	if errors.Is(err, store.ErrQuotaExceeded) {
		err = llm.ErrQuotaExceeded
	}
	return used, err
}

// Consume implements llm.QuotaStore.
func (q storeQuota) Consume(ctx context.Context, userID string, day time.Time, reserved, used int) error {
	return q.st.ConsumeTokens(ctx, userID, day, reserved, used)
}

// storeCallLogger adapts a proxyStore to llm.CallLogger: each proxied call
// becomes a row of llm_call_logs.
type storeCallLogger struct {
	st       proxyStore
	endpoint string
}

var _ llm.CallLogger = storeCallLogger{}

// callRequest and callResponse are the request and response columns of a
// proxied call's log row.
type callRequest struct {
	Prompt   string         `json:"prompt"`
	Reasons  []string       `json:"reasons,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

type callResponse struct {
	Response string        `json:"response"`
	Usage    inferra.Usage `json:"usage"`
	Cached   bool          `json:"cached"`
}

// LogCall implements llm.CallLogger. The log's status is the call's
// outcome (ok, cached, too_large, injection, quota_exceeded, invalid,
// error) and its error the inferra error code.
func (l storeCallLogger) LogCall(ctx context.Context, c llm.CallLog) error {
	req, err := json.Marshal(callRequest{Prompt: c.Prompt, Reasons: c.Reasons, Metadata: c.Metadata})
	if err != nil {
		return fmt.Errorf("llm call log: encoding the request: %w", err)
	}
	req = noNUL(req)
	row := &inferra.LLMCallLog{
		UserID: c.UserID, Model: c.Model, Endpoint: l.endpoint,
		PromptTokens: c.Usage.PromptTokens, CompletionTokens: c.Usage.CompletionTokens, LatencyMS: c.LatencyMS,
		Status: c.Outcome, Error: c.ErrorCode, Request: req, CreatedAt: store.Normalize(c.Time),
	}
	if c.Outcome == llm.OutcomeOK || c.Outcome == llm.OutcomeCached {
		if row.Response, err = json.Marshal(callResponse{Response: c.Response, Usage: c.Usage, Cached: c.Cached}); err != nil {
			return fmt.Errorf("llm call log: encoding the response: %w", err)
		}
		row.Response = noNUL(row.Response)
	}
	return l.st.LogLLMCall(ctx, row)
}

// noNUL replaces the escaped NUL characters of a JSON document, which
// PostgreSQL's jsonb refuses, with U+FFFD, so that a prompt holding one
// is still logged.
func noNUL(doc []byte) []byte {
	return bytes.ReplaceAll(doc, []byte(`\u0000`), []byte(`\ufffd`))
}

// buildLLMProxy returns the proxy that calls client, with its quota of
// daily tokens per user (0: none) and its call log on st.
func buildLLMProxy(client inferra.LLMClient, st proxyStore, endpoint string, daily int, log *slog.Logger) (*llm.Proxy, error) {
	if daily <= 0 {
		daily = -1 // llm.ProxyConfig: negative turns the quota off
	}
	return llm.NewProxy(client, llm.ProxyConfig{
		Quota: storeQuota{st}, DailyTokens: daily,
		Calls: storeCallLogger{st: st, endpoint: endpoint}, Logger: log,
	})
}

// newLLMProxy returns the proxy of cfg and a function that closes what it
// opened; a nil proxy (and no error) when no LLM is configured, which the
// endpoint answers with 503 llm_not_configured. It opens and migrates
// the job store (DATABASE_URL, else SQLite under DATA_DIR) for the quota
// and the call log; a server that already holds its store may call
// buildLLMProxy with it instead.
func newLLMProxy(ctx context.Context, cfg serveConfig, log *slog.Logger) (llmProxy, func() error, error) {
	noop := func() error { return nil }
	if cfg.LLMAPIKey == "" || cfg.Role == "worker" {
		return nil, noop, nil
	}
	client, err := llm.New(llm.Config{APIKey: cfg.LLMAPIKey, Endpoint: cfg.LLMEndpoint, Model: cfg.LLMModel, Logger: log})
	if err != nil {
		return nil, nil, fmt.Errorf("LLM_API_KEY / LLM_ENDPOINT / LLM_MODEL: %w", err)
	}
	st, ps, where, err := openProxyStore(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("the LLM proxy's store: %w", err)
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("the LLM proxy's store: %s: %w", where, err)
	}
	p, err := buildLLMProxy(client, ps, cfg.LLMEndpoint, cfg.LLMDailyTokens, log)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return p, st.Close, nil
}

// openProxyStore opens the job store of cfg with a small pool of its own
// (the proxy makes two short statements a call): PostgreSQL with
// DATABASE_URL, else the SQLite file under DATA_DIR. It does not migrate.
func openProxyStore(ctx context.Context, cfg serveConfig) (inferra.JobStore, proxyStore, string, error) {
	if cfg.DatabaseURL != "" {
		pg, err := postgres.Open(ctx, postgres.Config{URL: cfg.DatabaseURL, MaxConns: 4})
		if err != nil {
			return nil, nil, "", err
		}
		return pg, pg, "PostgreSQL database " + pg.Pool().Config().ConnConfig.Database, nil
	}
	lite, err := sqlite.Open(ctx, sqlite.Config{Dir: cfg.DataDir, Readers: 1})
	if err != nil {
		return nil, nil, "", err
	}
	return lite, lite, "SQLite store " + lite.Path(), nil
}

// joinClose returns a function that runs both closers and joins their
// errors.
func joinClose(a, b func() error) func() error {
	return func() error { return errors.Join(a(), b()) }
}
