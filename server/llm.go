package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/llm"
)

// maxLLMProxyBody caps the body of POST /api/llm-proxy. The proxy itself
// refuses a prompt and context over 32 KiB with a 413 that says their
// size; this cap only stops a client from making the server read more.
const maxLLMProxyBody = 256 << 10

// llmProxyRequest is the body of POST /api/llm-proxy.
type llmProxyRequest struct {
	Prompt   string          `json:"prompt" validate:"required"`
	Context  json.RawMessage `json:"context"`
	Metadata map[string]any  `json:"metadata" validate:"omitempty,max=32,dive,keys,min=1,max=64,endkeys"`
}

// handleLLMProxy answers POST /api/llm-proxy: the user's prompt (and
// optional context) to the configured language model, within the user's
// daily token quota, every call logged. Without an LLM it answers 503
// llm_not_configured.
func (s *server) handleLLMProxy(w http.ResponseWriter, r *http.Request, user string) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxLLMProxyBody)
	var req llmProxyRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if s.opt.LLMProxy == nil {
		return llm.ErrNotConfigured
	}
	resp, err := s.opt.LLMProxy.Do(r.Context(), user, llm.ProxyRequest{Prompt: req.Prompt, Context: req.Context, Metadata: req.Metadata})
	if err != nil {
		return quotaRetry(err, s.opt.Now())
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// quotaRetry gives a rate_limited error its Retry-After: until the quota
// renews when the user's daily quota is spent (details.resets_at), what
// the provider asked when the model is rate limited
// (details.retry_after_seconds). Other errors pass.
func quotaRetry(err error, now time.Time) error {
	var e *inferra.Error
	if !errors.As(err, &e) || e.Code != inferra.ERateLimited {
		return err
	}
	var wait time.Duration
	if s, ok := e.Details["resets_at"].(string); ok {
		if resets, perr := time.Parse(time.RFC3339, s); perr == nil {
			wait = resets.Sub(now)
		}
	}
	if n, ok := e.Details["retry_after_seconds"].(int); ok {
		wait = time.Duration(n) * time.Second
	}
	if wait <= 0 {
		return err
	}
	return &apiError{status: http.StatusTooManyRequests, retryAfter: wait, err: e}
}
