package llm

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/inferra/inferra"
)

// Defaults of Config.
const (
	// DefaultEndpoint is xAI's OpenAI-compatible API.
	DefaultEndpoint = "https://api.x.ai/v1"
	// DefaultModel is the model asked when LLM_MODEL is not set.
	DefaultModel = "grok-4"
)

// ErrNotConfigured is returned by FromEnv, New and NewProxy when no
// language model is configured. Its code (inferra.ErrorCode),
// inferra.ELLMNotConfigured, maps to 503 in the server; rule-based analyses
// go on without a model.
var ErrNotConfigured error = notConfigured{}

// notConfigured is ErrNotConfigured's type. It unwraps to a fresh
// *inferra.Error each time, so that a caller adding details to one does
// not change the sentinel.
type notConfigured struct{}

const notConfiguredMessage = "No language model is configured: set LLM_API_KEY (and LLM_ENDPOINT for a server other than xAI)."

func (notConfigured) Error() string { return notConfiguredMessage }

func (notConfigured) Unwrap() error {
	return &inferra.Error{Code: inferra.ELLMNotConfigured, Message: notConfiguredMessage}
}

// Config configures a Client. The zero value, with an APIKey, talks to
// xAI's grok-4.
type Config struct {
	// APIKey is sent as a bearer token. It may be empty only for an
	// Endpoint other than the default (a local server without keys).
	APIKey string
	// Endpoint is the base URL; requests go to Endpoint + "/chat/completions".
	// Defaults to DefaultEndpoint.
	Endpoint string
	// Model is the model asked when a request names none. Defaults to
	// DefaultModel.
	Model string
	// Temperature is the sampling temperature when a request sets none.
	// Defaults to nil: the provider's default.
	Temperature *float64
	// MaxTokens limits the length of a reply when a request sets no limit.
	// Defaults to 0: the provider's default.
	MaxTokens int
	// Timeout bounds one attempt (not the retries together; bound those
	// with the context). Defaults to 60 s.
	Timeout time.Duration
	// MaxRetries is how many times a failed attempt is retried (connection
	// errors, timeouts, 408, 409, 429 and 5xx). Defaults to 2; a negative
	// value means no retries.
	MaxRetries int
	// MaxRetryWait caps one wait between attempts, including a server's
	// Retry-After: when the server asks for longer, the client gives up with
	// a rate-limited error that says when to come back. Defaults to 30 s.
	MaxRetryWait time.Duration
	// CacheSize is how many replies the client remembers; an identical
	// request is answered from the cache. Defaults to 256; a negative value
	// turns the cache off. Errors are never cached.
	CacheSize int
	// CacheTTL is how long a cached reply stays valid. Defaults to 1 h.
	CacheTTL time.Duration
	// HTTPClient sends the requests. Defaults to a client with no timeout
	// of its own (Timeout applies per attempt).
	HTTPClient *http.Client
	// Logger receives one line per attempt, never the key. Defaults to a
	// logger that discards.
	Logger *slog.Logger
	// Now is the clock for the cache and latencies. Defaults to time.Now.
	Now func() time.Time
	// Sleep waits between attempts, returning early with ctx's error.
	// Defaults to a timer; tests replace it to record the waits.
	Sleep func(ctx context.Context, d time.Duration) error
}

// String describes the configuration with the key redacted, so that a
// Config can be logged.
func (c Config) String() string {
	temp := "default"
	if c.Temperature != nil {
		temp = strconv.FormatFloat(*c.Temperature, 'g', -1, 64)
	}
	return fmt.Sprintf("llm.Config{Endpoint: %q, Model: %q, APIKey: %s, Temperature: %s, MaxTokens: %d, Timeout: %s, MaxRetries: %d, CacheSize: %d}",
		c.Endpoint, c.Model, redactKey(c.APIKey), temp, c.MaxTokens, c.Timeout, c.MaxRetries, c.CacheSize)
}

// GoString is String, so that %#v redacts the key too.
func (c Config) GoString() string { return c.String() }

// LogValue is String as a slog value, so that slog redacts the key too.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.String()) }

// redactKey shows whether a key is set, never any of it.
func redactKey(key string) string {
	if key == "" {
		return `""`
	}
	return "[REDACTED]"
}

// ConfigFromEnv reads LLM_API_KEY, LLM_ENDPOINT, LLM_MODEL, LLM_TIMEOUT (a
// Go duration such as 30s, or seconds), LLM_TEMPERATURE and LLM_MAX_TOKENS
// with getenv (os.Getenv when nil). It returns ErrNotConfigured when
// neither a key nor an endpoint is set, and an EInvalid error naming the
// variable when a value does not parse.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg := Config{
		APIKey:   strings.TrimSpace(getenv("LLM_API_KEY")),
		Endpoint: strings.TrimSpace(getenv("LLM_ENDPOINT")),
		Model:    strings.TrimSpace(getenv("LLM_MODEL")),
	}
	if cfg.APIKey == "" && cfg.Endpoint == "" {
		return Config{}, ErrNotConfigured
	}
	if v := strings.TrimSpace(getenv("LLM_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			secs, err2 := strconv.ParseFloat(v, 64)
			if err2 != nil {
				return Config{}, badEnv("LLM_TIMEOUT", v, "a duration such as 30s")
			}
			d = time.Duration(secs * float64(time.Second))
		}
		if d <= 0 {
			return Config{}, badEnv("LLM_TIMEOUT", v, "a positive duration such as 30s")
		}
		cfg.Timeout = d
	}
	if v := strings.TrimSpace(getenv("LLM_TEMPERATURE")); v != "" {
		t, err := strconv.ParseFloat(v, 64)
		if err != nil || t < 0 || t > 2 {
			return Config{}, badEnv("LLM_TEMPERATURE", v, "a number from 0 to 2")
		}
		cfg.Temperature = &t
	}
	if v := strings.TrimSpace(getenv("LLM_MAX_TOKENS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return Config{}, badEnv("LLM_MAX_TOKENS", v, "a positive whole number")
		}
		cfg.MaxTokens = n
	}
	return cfg, nil
}

func badEnv(name, value, want string) error {
	return inferra.Errorf(inferra.EInvalid, "%s=%q is not valid: want %s", name, value, want).
		WithDetail("variable", name)
}

// FromEnv builds a Client from the environment (see ConfigFromEnv). With no
// model configured it returns a nil client and ErrNotConfigured.
func FromEnv() (*Client, error) {
	cfg, err := ConfigFromEnv(nil)
	if err != nil {
		return nil, err
	}
	return New(cfg)
}
