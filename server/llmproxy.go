package server

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
)

// This file builds the LLM proxy behind POST /api/llm-proxy on an llm
// client: its daily token quota and call log on the database (both stores
// implement ProxyStore), so that the quota holds across restarts and
// across every process on one database.

// ProxyStore is what the proxy needs of a job store: the token counts of
// the llm_token_usage table and the llm_call_logs table. *postgres.Store
// and *sqlite.Store implement it.
type ProxyStore interface {
	ReserveTokens(ctx context.Context, userID string, day time.Time, tokens, limit int) (int, error)
	ConsumeTokens(ctx context.Context, userID string, day time.Time, reserved, used int) error
	LogLLMCall(ctx context.Context, l *inferra.LLMCallLog) error
}

// storeQuota adapts a ProxyStore to llm.QuotaStore: package store does not
// depend on llm, so its sentinel is mapped here.
type storeQuota struct{ st ProxyStore }

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

// storeCallLogger adapts a ProxyStore to llm.CallLogger: each proxied call
// becomes a row of llm_call_logs.
type storeCallLogger struct {
	st       ProxyStore
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

// NewLLMProxy returns the proxy that calls client (at endpoint, as the
// call log records it), with its quota of daily tokens per user (0: none)
// and its call log on st; Config.LLMProxy takes it.
func NewLLMProxy(client inferra.LLMClient, st ProxyStore, endpoint string, daily int, log *slog.Logger) (*llm.Proxy, error) {
	if daily <= 0 {
		daily = -1 // llm.ProxyConfig: negative turns the quota off
	}
	return llm.NewProxy(client, llm.ProxyConfig{
		Quota: storeQuota{st}, DailyTokens: daily,
		Calls: storeCallLogger{st: st, endpoint: endpoint}, Logger: log,
	})
}
