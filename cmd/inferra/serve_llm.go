package main

import (
	"fmt"
	"log/slog"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/llm"
	"github.com/inferra/inferra/server"
)

// newLLMProxy returns the proxy of cfg, keeping its quota and call log in
// st, the server's job store (migrated; both stores implement
// server.ProxyStore); nil (and no error) when no LLM is
// configured, which the endpoint answers with 503 llm_not_configured, or
// on a worker, which serves no API.
func newLLMProxy(cfg serveConfig, st inferra.JobStore, log *slog.Logger) (server.LLMProxy, error) {
	if cfg.LLMAPIKey == "" || cfg.Role == "worker" {
		return nil, nil
	}
	ps, ok := st.(server.ProxyStore)
	if !ok {
		return nil, fmt.Errorf("the job store %T keeps no token quota", st)
	}
	client, err := llm.New(llm.Config{APIKey: cfg.LLMAPIKey, Endpoint: cfg.LLMEndpoint, Model: cfg.LLMModel, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("LLM_API_KEY / LLM_ENDPOINT / LLM_MODEL: %w", err)
	}
	p, err := server.NewLLMProxy(client, ps, cfg.LLMEndpoint, cfg.LLMDailyTokens, log)
	if err != nil {
		return nil, err
	}
	return p, nil
}
