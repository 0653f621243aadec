package llm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/inferra/inferra"
)

// Client completes chats with an OpenAI-compatible chat completions
// endpoint. It is safe for concurrent use.
type Client struct {
	cfg   Config
	url   string
	http  *http.Client
	log   *slog.Logger
	cache *cache
}

var _ inferra.LLMClient = (*Client)(nil)

// New returns a Client for cfg, filling in its defaults. It returns
// ErrNotConfigured when cfg names neither a key nor an endpoint, and an
// EInvalid error for an endpoint that is not an http(s) URL.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" && cfg.Endpoint == "" {
		return nil, ErrNotConfigured
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = DefaultEndpoint
	}
	cfg.Endpoint = strings.TrimRight(cfg.Endpoint, "/")
	if !strings.HasPrefix(cfg.Endpoint, "http://") && !strings.HasPrefix(cfg.Endpoint, "https://") {
		return nil, inferra.Errorf(inferra.EInvalid, "LLM_ENDPOINT %q is not an http or https URL", cfg.Endpoint)
	}
	if cfg.Model == "" {
		cfg.Model = DefaultModel
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = 2
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = 30 * time.Second
	}
	if cfg.CacheSize == 0 {
		cfg.CacheSize = 256
	}
	if cfg.CacheTTL <= 0 {
		cfg.CacheTTL = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	c := &Client{cfg: cfg, url: cfg.Endpoint + "/chat/completions", http: cfg.HTTPClient, log: cfg.Logger}
	if c.http == nil {
		c.http = &http.Client{}
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if cfg.CacheSize > 0 {
		c.cache = newCache(cfg.CacheSize, cfg.CacheTTL)
	}
	return c, nil
}

// Model returns the model asked when a request names none.
func (c *Client) Model() string { return c.cfg.Model }

// String describes the client with its key redacted.
func (c *Client) String() string { return "llm.Client{" + c.cfg.String() + "}" }

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// wireRequest is the body of POST /chat/completions.
type wireRequest struct {
	Model          string                `json:"model"`
	Messages       []inferra.ChatMessage `json:"messages"`
	Temperature    *float64              `json:"temperature,omitempty"`
	MaxTokens      int                   `json:"max_tokens,omitempty"`
	ResponseFormat *wireFormat           `json:"response_format,omitempty"`
}

type wireFormat struct {
	Type       string              `json:"type"`
	JSONSchema *inferra.JSONSchema `json:"json_schema"`
}

// wireResponse is the part of a chat completion the client reads.
type wireResponse struct {
	Model   string `json:"model"`
	Choices []struct {
		Message struct {
			Content *string `json:"content"`
			Refusal *string `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
	Usage *inferra.Usage `json:"usage"`
}

// maxBody bounds the reply read from the provider.
const maxBody = 8 << 20

// Complete sends req and returns the reply. Connection errors, timeouts,
// 408, 409, 429 and 5xx are retried up to MaxRetries times with exponential
// backoff (0.5 s·2ⁿ, at most 8 s, less up to a quarter at random), or after
// the server's Retry-After when it gives one. Failures are *Error values;
// when ctx ends the error wraps ctx.Err() and has code ECanceled.
func (c *Client) Complete(ctx context.Context, req inferra.ChatRequest) (*inferra.ChatResponse, error) {
	start := c.cfg.Now()
	if len(req.Messages) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "llm: a chat request needs at least one message")
	}
	wr := wireRequest{Model: req.Model, Messages: req.Messages, Temperature: req.Temperature, MaxTokens: req.MaxTokens}
	if wr.Model == "" {
		wr.Model = c.cfg.Model
	}
	if wr.Temperature == nil {
		wr.Temperature = c.cfg.Temperature
	}
	if wr.MaxTokens <= 0 {
		wr.MaxTokens = c.cfg.MaxTokens
	}
	if req.Schema != nil {
		wr.ResponseFormat = &wireFormat{Type: "json_schema", JSONSchema: req.Schema}
	}
	body, err := json.Marshal(wr)
	if err != nil {
		return nil, inferra.Errorf(inferra.EInvalid, "llm: the request does not encode as JSON: %v", err)
	}
	var key [32]byte
	if c.cache != nil {
		key = sha256.Sum256(body)
		if r, ok := c.cache.get(key, start); ok {
			r.Cached = true
			r.Latency = c.cfg.Now().Sub(start)
			c.log.DebugContext(ctx, "llm: cached reply", "model", r.Model)
			return r, nil
		}
	}
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, canceled(err)
		}
		r, failure := c.attempt(ctx, body, attempt)
		if failure == nil {
			r.Latency = c.cfg.Now().Sub(start)
			if c.cache != nil {
				c.cache.put(key, *r, c.cfg.Now())
			}
			return r, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, canceled(err)
		}
		failure.err.Attempts = attempt + 1
		if !failure.retry || attempt >= c.cfg.MaxRetries {
			return nil, failure.err
		}
		wait := backoff(attempt)
		if failure.err.RetryAfter > 0 {
			wait = failure.err.RetryAfter
		}
		if wait > c.cfg.MaxRetryWait {
			return nil, failure.err
		}
		c.log.WarnContext(ctx, "llm: retrying", "attempt", attempt+1, "status", failure.err.Status,
			"error", failure.err.Error(), "wait", wait)
		if err := c.cfg.Sleep(ctx, wait); err != nil {
			return nil, canceled(err)
		}
	}
}

// canceled wraps a context's error as ECanceled.
func canceled(err error) error {
	return fmt.Errorf("llm: %w (%w)", err, inferra.Errorf(inferra.ECanceled, "the request to the language model was canceled"))
}

// backoff is the wait before retry n+1 without a Retry-After: 0.5 s·2ⁿ, at
// most 8 s, less up to a quarter at random so that clients that failed
// together do not retry together.
func backoff(n int) time.Duration {
	d := 8 * time.Second
	if n < 4 {
		d = 500 * time.Millisecond << n
	}
	return time.Duration(float64(d) * (1 - 0.25*rand.Float64()))
}

type failure struct {
	err   *Error
	retry bool
}

func (c *Client) attempt(ctx context.Context, body []byte, n int) (*inferra.ChatResponse, *failure) {
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(actx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, &failure{err: &Error{Kind: ErrRejected, Message: "cannot build the request"}}
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	if c.cfg.APIKey != "" {
		hreq.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	t0 := c.cfg.Now()
	resp, err := c.http.Do(hreq)
	if err != nil {
		msg := "cannot reach " + c.cfg.Endpoint
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			msg = fmt.Sprintf("no reply from %s within %s", c.cfg.Endpoint, c.cfg.Timeout)
		}
		c.log.DebugContext(ctx, "llm: attempt failed", "attempt", n+1, "error", c.Redact(err.Error()))
		return nil, &failure{err: &Error{Kind: ErrUnavailable, Message: msg}, retry: true}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	c.log.DebugContext(ctx, "llm: attempt", "attempt", n+1, "status", resp.StatusCode, "latency", c.cfg.Now().Sub(t0))
	if err != nil {
		msg := "the reply from " + c.cfg.Endpoint + " was cut off"
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			msg = fmt.Sprintf("no complete reply from %s within %s", c.cfg.Endpoint, c.cfg.Timeout)
		}
		return nil, &failure{err: &Error{Kind: ErrUnavailable, Status: resp.StatusCode, Message: msg}, retry: true}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, c.statusFailure(resp, data)
	}
	r, ferr := c.parse(data)
	if ferr != nil {
		return nil, &failure{err: ferr}
	}
	return r, nil
}

func (c *Client) parse(data []byte) (*inferra.ChatResponse, *Error) {
	var wr wireResponse
	if err := json.Unmarshal(data, &wr); err != nil {
		return nil, &Error{Kind: ErrInvalidResponse, Status: http.StatusOK, Message: "the reply is not JSON: " + excerpt(c.Redact(string(data)))}
	}
	if len(wr.Choices) == 0 {
		return nil, &Error{Kind: ErrInvalidResponse, Status: http.StatusOK, Message: "the reply has no choices"}
	}
	ch := wr.Choices[0]
	if ch.Message.Content == nil || *ch.Message.Content == "" {
		msg := "the reply has no content"
		if ch.Message.Refusal != nil && *ch.Message.Refusal != "" {
			msg = "the model refused: " + excerpt(c.Redact(*ch.Message.Refusal))
		} else if ch.FinishReason == "length" {
			msg = "the reply was cut off at the token limit before any content"
		}
		return nil, &Error{Kind: ErrInvalidResponse, Status: http.StatusOK, Message: msg}
	}
	r := &inferra.ChatResponse{Content: *ch.Message.Content, Model: wr.Model, FinishReason: ch.FinishReason}
	if r.Model == "" {
		r.Model = c.cfg.Model
	}
	if wr.Usage != nil {
		r.Usage = *wr.Usage
		if r.Usage.TotalTokens == 0 {
			r.Usage.TotalTokens = r.Usage.PromptTokens + r.Usage.CompletionTokens
		}
	}
	return r, nil
}

// contextPhrases are what providers say when a conversation exceeds the
// model's context window.
var contextPhrases = []string{"context length", "context_length", "context window", "maximum context",
	"too many tokens", "prompt is too long", "maximum prompt length", "reduce the length"}

func (c *Client) statusFailure(resp *http.Response, data []byte) *failure {
	msg := excerpt(c.Redact(providerMessage(data)))
	e := &Error{Status: resp.StatusCode, Message: msg}
	retry := false
	switch s := resp.StatusCode; {
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		e.Kind = ErrUnauthorized
	case s == http.StatusTooManyRequests:
		e.Kind, retry = ErrRateLimited, true
	case s == http.StatusRequestTimeout || s == http.StatusConflict || s >= 500:
		e.Kind, retry = ErrUnavailable, true
	case s == http.StatusRequestEntityTooLarge:
		e.Kind = ErrContextTooLong
	case mentionsContext(msg):
		e.Kind = ErrContextTooLong
	default:
		e.Kind = ErrRejected
	}
	if retry {
		e.RetryAfter = retryAfter(resp.Header, c.cfg.Now())
	}
	return &failure{err: e, retry: retry}
}

func mentionsContext(msg string) bool {
	m := strings.ToLower(msg)
	for _, p := range contextPhrases {
		if strings.Contains(m, p) {
			return true
		}
	}
	return false
}

// retryAfter reads retry-after-ms (milliseconds, OpenAI's) or Retry-After
// (seconds or an HTTP date); 0 when neither is usable.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if v := h.Get("Retry-After-Ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s > 0 {
			return time.Duration(s * float64(time.Second))
		}
		return 0
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// providerMessage finds the error message in a provider's error body:
// {"error": {"message": …}}, {"error": "…"} or {"message": …}; otherwise
// the whole body. It is whole, not shortened, so that the key can be
// redacted before excerpt shortens it: shortening first could cut the key
// in two, and a part of a key is not found by looking for the key.
func providerMessage(data []byte) string {
	var v struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
	}
	if json.Unmarshal(data, &v) == nil {
		var nested struct {
			Message string `json:"message"`
		}
		var s string
		switch {
		case json.Unmarshal(v.Error, &nested) == nil && nested.Message != "":
			return nested.Message
		case json.Unmarshal(v.Error, &s) == nil && s != "":
			return s
		case v.Message != "":
			return v.Message
		}
	}
	return string(data)
}

// excerptLen is how many characters of a provider's text an error keeps.
const excerptLen = 300

// excerpt shortens a provider's text for an error message, to excerptLen
// characters (runes, so that no character is cut in two). Redact the text
// first: see providerMessage.
func excerpt(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= excerptLen {
		return s
	}
	return string([]rune(s)[:excerptLen]) + "…"
}

// Redact returns s with every occurrence of the client's key replaced by
// [REDACTED], for text that came back from the provider (which may echo
// the request) or that a user sent. Redact whole texts, before any
// shortening: a key cut in two is no longer found. Keys shorter than 4
// bytes are not looked for.
func (c *Client) Redact(s string) string {
	if len(c.cfg.APIKey) < 4 {
		return s
	}
	return strings.ReplaceAll(s, c.cfg.APIKey, "[REDACTED]")
}

// redactor is a client that knows a secret to keep out of logs: *Client.
type redactor interface {
	Redact(s string) string
}

// redactFunc returns client's Redact when it has one, else a function that
// returns its text unchanged.
func redactFunc(client inferra.LLMClient) func(string) string {
	if c, ok := client.(*Client); ok && c == nil {
		return func(s string) string { return s }
	}
	if r, ok := client.(redactor); ok {
		return r.Redact
	}
	return func(s string) string { return s }
}
