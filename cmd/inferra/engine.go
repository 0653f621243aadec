package main

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/llm"
)

// newEngine builds the rule engine with the LLM fallback planner when an
// LLM is configured (LLM_API_KEY or LLM_ENDPOINT); without one the rules
// decide alone. A badly formed LLM setting is an error, not a silent
// fallback to rules only.
func newEngine(cacheSize int, logger *slog.Logger) (*decision.Engine, error) {
	cfg := decision.Config{CacheSize: cacheSize}
	lc, err := llm.ConfigFromEnv(nil)
	var client *llm.Client
	if err == nil {
		lc.Logger = logger
		client, err = llm.New(lc)
	}
	switch {
	case errors.Is(err, llm.ErrNotConfigured):
	case err != nil:
		return nil, fmt.Errorf("LLM settings: %w", err)
	default:
		cfg.Fallback = llm.NewPlanner(client, llm.PlannerConfig{Logger: logger})
	}
	return decision.New(cfg)
}
