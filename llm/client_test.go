package llm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/llm"
)

const testKey = "xai-test-SECRET-0123456789"

// okBody is a chat completion with usage and xAI's cost field.
func okBody(content string) string {
	c, _ := json.Marshal(content)
	return `{"id":"c1","object":"chat.completion","model":"grok-test","choices":[{"index":0,"message":{"role":"assistant","content":` +
		string(c) + `},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"cost_in_usd_ticks":37756000}}`
}

// script is an httptest server that answers request n with steps[n] (the
// last step repeats) and records the requests.
type script struct {
	srv    *httptest.Server
	mu     sync.Mutex
	bodies []string
	hits   atomic.Int32
}

type step func(w http.ResponseWriter, r *http.Request)

func reply(status int, body string, header ...string) step {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func newScript(t *testing.T, steps ...step) *script {
	t.Helper()
	s := &script{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.bodies = append(s.bodies, string(b))
		s.mu.Unlock()
		n := int(s.hits.Add(1)) - 1
		steps[min(n, len(steps)-1)](w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *script) body(i int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bodies[i]
}

// sleeps records the client's waits instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func newClient(t *testing.T, url string, cfg llm.Config) (*llm.Client, *sleeps) {
	t.Helper()
	sl := &sleeps{}
	cfg.Endpoint = url
	if cfg.APIKey == "" {
		cfg.APIKey = testKey
	}
	cfg.Sleep = sl.sleep
	c, err := llm.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, sl
}

func ask(text string) inferra.ChatRequest {
	return inferra.ChatRequest{Messages: []inferra.ChatMessage{{Role: inferra.RoleUser, Content: text}}}
}

func TestCompleteSendsOpenAIRequest(t *testing.T) {
	t.Parallel()
	var got *http.Request
	s := newScript(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		reply(200, okBody("hello"))(w, r)
	})
	temp := 0.3
	c, _ := newClient(t, s.srv.URL+"/v1/", llm.Config{Model: "grok-x", Temperature: &temp, MaxTokens: 99})
	req := ask("hi")
	req.Schema = &inferra.JSONSchema{Name: "s", Schema: json.RawMessage(`{"type":"object"}`), Strict: true}
	r, err := c.Complete(context.Background(), req)
	if err != nil {
		t.Fatalf("Complete: %v", err)
	}
	if got.Method != http.MethodPost || got.URL.Path != "/v1/chat/completions" {
		t.Errorf("request = %s %s, want POST /v1/chat/completions", got.Method, got.URL.Path)
	}
	if h := got.Header.Get("Authorization"); h != "Bearer "+testKey {
		t.Errorf("Authorization = %q, want the bearer key", h)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(s.body(0)), &body); err != nil {
		t.Fatalf("request body is not JSON: %v", err)
	}
	if body["model"] != "grok-x" || body["temperature"] != 0.3 || body["max_tokens"] != 99.0 {
		t.Errorf("body model/temperature/max_tokens = %v/%v/%v, want grok-x/0.3/99", body["model"], body["temperature"], body["max_tokens"])
	}
	rf, _ := body["response_format"].(map[string]any)
	if rf["type"] != "json_schema" || rf["json_schema"].(map[string]any)["strict"] != true {
		t.Errorf("response_format = %v, want a strict json_schema", body["response_format"])
	}
	want := inferra.Usage{PromptTokens: 12, CompletionTokens: 5, TotalTokens: 17, CostUSDTicks: 37756000}
	if r.Content != "hello" || r.Model != "grok-test" || r.Usage != want || r.Cached || r.FinishReason != "stop" {
		t.Errorf("response = %+v, want hello from grok-test with usage %+v", r, want)
	}
	if r.Latency <= 0 {
		t.Errorf("Latency = %v, want > 0", r.Latency)
	}
}

func TestRetryAfter429ThenSuccess(t *testing.T) {
	t.Parallel()
	s := newScript(t, reply(429, `{"error":{"message":"slow down"}}`, "Retry-After", "2"), reply(200, okBody("ok")))
	c, sl := newClient(t, s.srv.URL, llm.Config{})
	r, err := c.Complete(context.Background(), ask("q"))
	if err != nil {
		t.Fatalf("Complete: %v", err)
	}
	if r.Content != "ok" || s.hits.Load() != 2 {
		t.Errorf("got %q after %d requests, want ok after 2", r.Content, s.hits.Load())
	}
	if len(sl.d) != 1 || sl.d[0] != 2*time.Second {
		t.Errorf("waits = %v, want [2s] from Retry-After", sl.d)
	}
}

func TestRetryAfterFormats(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		header, value string
		want          time.Duration
	}{
		{"Retry-After-Ms", "1500", 1500 * time.Millisecond},
		{"Retry-After", "0.25", 250 * time.Millisecond},
		{"Retry-After", now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second},
	} {
		s := newScript(t, reply(503, `{}`, tc.header, tc.value), reply(200, okBody("ok")))
		c, sl := newClient(t, s.srv.URL, llm.Config{Now: func() time.Time { return now }})
		if _, err := c.Complete(context.Background(), ask("q")); err != nil {
			t.Fatalf("%s: %s: Complete: %v", tc.header, tc.value, err)
		}
		if len(sl.d) != 1 || sl.d[0] != tc.want {
			t.Errorf("%s: %s: waits = %v, want [%v]", tc.header, tc.value, sl.d, tc.want)
		}
	}
}

func TestRetry500ThenSuccessWithBackoff(t *testing.T) {
	t.Parallel()
	s := newScript(t, reply(500, `oops`), reply(502, `bad gateway`), reply(200, okBody("ok")))
	c, sl := newClient(t, s.srv.URL, llm.Config{})
	r, err := c.Complete(context.Background(), ask("q"))
	if err != nil {
		t.Fatalf("Complete: %v", err)
	}
	if r.Content != "ok" || s.hits.Load() != 3 {
		t.Errorf("got %q after %d requests, want ok after 3", r.Content, s.hits.Load())
	}
	// 0.5 s·2ⁿ less up to a quarter: [375 ms, 500 ms], then [750 ms, 1 s].
	if len(sl.d) != 2 || sl.d[0] < 375*time.Millisecond || sl.d[0] > 500*time.Millisecond ||
		sl.d[1] < 750*time.Millisecond || sl.d[1] > time.Second {
		t.Errorf("waits = %v, want one in [375ms,500ms] then one in [750ms,1s]", sl.d)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	s := newScript(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	c, sl := newClient(t, s.srv.URL, llm.Config{Timeout: 50 * time.Millisecond, MaxRetries: 1})
	_, err := c.Complete(context.Background(), ask("q"))
	if !errors.Is(err, llm.ErrUnavailable) || inferra.ErrorCode(err) != inferra.EUnavailable {
		t.Fatalf("err = %v (code %s), want ErrUnavailable with code %s", err, inferra.ErrorCode(err), inferra.EUnavailable)
	}
	if !strings.Contains(err.Error(), "within 50ms") {
		t.Errorf("err = %q, want it to say no reply within 50ms", err)
	}
	var le *llm.Error
	if !errors.As(err, &le) || le.Attempts != 2 || len(sl.d) != 1 {
		t.Errorf("attempts = %d, waits = %v; want 2 attempts (timeouts are retried) and 1 wait", le.Attempts, sl.d)
	}
}

func TestCanceledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	s := newScript(t, func(w http.ResponseWriter, r *http.Request) {
		cancel()
		<-r.Context().Done()
	})
	c, _ := newClient(t, s.srv.URL, llm.Config{})
	_, err := c.Complete(ctx, ask("q"))
	if !errors.Is(err, context.Canceled) || inferra.ErrorCode(err) != inferra.ECanceled {
		t.Errorf("err = %v (code %s), want context.Canceled with code %s", err, inferra.ErrorCode(err), inferra.ECanceled)
	}
	if s.hits.Load() != 1 {
		t.Errorf("requests = %d, want 1 (no retry after cancel)", s.hits.Load())
	}
}

func TestFailures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		steps    []step
		kind     error
		code     string
		attempts int
	}{
		{"malformed body", []step{reply(200, `{"choices": [`)}, llm.ErrInvalidResponse, inferra.EUnavailable, 1},
		{"not JSON", []step{reply(200, `<html>gateway</html>`)}, llm.ErrInvalidResponse, inferra.EUnavailable, 1},
		{"no choices", []step{reply(200, `{"choices":[]}`)}, llm.ErrInvalidResponse, inferra.EUnavailable, 1},
		{"null content", []step{reply(200, `{"choices":[{"message":{"content":null},"finish_reason":"length"}]}`)}, llm.ErrInvalidResponse, inferra.EUnavailable, 1},
		{"refusal", []step{reply(200, `{"choices":[{"message":{"content":null,"refusal":"no"}}]}`)}, llm.ErrInvalidResponse, inferra.EUnavailable, 1},
		{"unauthorized", []step{reply(401, `{"error":"Incorrect API key provided"}`)}, llm.ErrUnauthorized, inferra.EUnavailable, 1},
		{"forbidden", []step{reply(403, `{}`)}, llm.ErrUnauthorized, inferra.EUnavailable, 1},
		{"context too long", []step{reply(400, `{"error":{"message":"This model's maximum context length is 131072 tokens"}}`)}, llm.ErrContextTooLong, inferra.ETooLarge, 1},
		{"entity too large", []step{reply(413, ``)}, llm.ErrContextTooLong, inferra.ETooLarge, 1},
		{"unknown model", []step{reply(404, `{"code":"Some requested entity was not found","error":"The model grok-9 does not exist"}`)}, llm.ErrRejected, inferra.EInternal, 1},
		{"always 429", []step{reply(429, `{}`)}, llm.ErrRateLimited, inferra.ERateLimited, 3},
		{"always 503", []step{reply(503, `{}`)}, llm.ErrUnavailable, inferra.EUnavailable, 3},
		{"408 then 409", []step{reply(408, ``), reply(409, ``), reply(409, ``)}, llm.ErrUnavailable, inferra.EUnavailable, 3},
	} {
		s := newScript(t, tc.steps...)
		c, _ := newClient(t, s.srv.URL, llm.Config{})
		_, err := c.Complete(context.Background(), ask("q"))
		if !errors.Is(err, tc.kind) || inferra.ErrorCode(err) != tc.code {
			t.Errorf("%s: err = %v (code %s), want %v with code %s", tc.name, err, inferra.ErrorCode(err), tc.kind, tc.code)
		}
		if int(s.hits.Load()) != tc.attempts {
			t.Errorf("%s: %d requests, want %d", tc.name, s.hits.Load(), tc.attempts)
		}
	}
}

func TestRetryAfterBeyondCapGivesUp(t *testing.T) {
	t.Parallel()
	s := newScript(t, reply(429, `{}`, "Retry-After", "120"))
	c, sl := newClient(t, s.srv.URL, llm.Config{MaxRetryWait: 10 * time.Second})
	_, err := c.Complete(context.Background(), ask("q"))
	var le *llm.Error
	if !errors.As(err, &le) || le.RetryAfter != 120*time.Second || len(sl.d) != 0 || s.hits.Load() != 1 {
		t.Fatalf("err = %v, waits %v, %d requests; want a rate-limited error with RetryAfter 2m0s, no wait, 1 request", err, sl.d, s.hits.Load())
	}
	if d := inferra.AsError(err).Details["retry_after_seconds"]; d != 120 {
		t.Errorf("details retry_after_seconds = %v, want 120", d)
	}
}

func TestCache(t *testing.T) {
	t.Parallel()
	s := newScript(t, reply(200, okBody("a")))
	c, _ := newClient(t, s.srv.URL, llm.Config{CacheSize: 2})
	ctx := context.Background()
	first, err := c.Complete(ctx, ask("one"))
	if err != nil || first.Cached {
		t.Fatalf("first call: %v, cached %v; want a fresh reply", err, first.Cached)
	}
	again, err := c.Complete(ctx, ask("one"))
	if err != nil || !again.Cached || again.Content != "a" || again.Usage != first.Usage || s.hits.Load() != 1 {
		t.Fatalf("identical call: cached %v, %d requests, err %v; want cached with the same usage and 1 request", again.Cached, s.hits.Load(), err)
	}
	temp := 1.0
	other := ask("one")
	other.Temperature = &temp
	if r, _ := c.Complete(ctx, other); r.Cached {
		t.Errorf("a request with another temperature was answered from the cache")
	}
	// The cache holds two replies: "one" is now the oldest and gone.
	c.Complete(ctx, ask("two"))
	if r, _ := c.Complete(ctx, ask("one")); r.Cached {
		t.Errorf("the least recently used reply outlived a cache of 2")
	}
}

func TestCacheExpires(t *testing.T) {
	t.Parallel()
	s := newScript(t, reply(200, okBody("a")))
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c, _ := newClient(t, s.srv.URL, llm.Config{CacheTTL: time.Minute, Now: func() time.Time { return now }})
	c.Complete(context.Background(), ask("q"))
	now = now.Add(61 * time.Second)
	if r, _ := c.Complete(context.Background(), ask("q")); r.Cached || s.hits.Load() != 2 {
		t.Errorf("a reply older than CacheTTL was served from the cache")
	}
}

func TestErrorsAreNotCached(t *testing.T) {
	t.Parallel()
	s := newScript(t, reply(400, `{"error":{"message":"bad"}}`), reply(200, okBody("fine")))
	c, _ := newClient(t, s.srv.URL, llm.Config{})
	if _, err := c.Complete(context.Background(), ask("q")); !errors.Is(err, llm.ErrRejected) {
		t.Fatalf("first call err = %v, want ErrRejected", err)
	}
	r, err := c.Complete(context.Background(), ask("q"))
	if err != nil || r.Content != "fine" || r.Cached {
		t.Errorf("after an error the same request gave %+v, %v; want a fresh reply", r, err)
	}
}

func TestKeyIsRedacted(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// The provider echoes the key in its error body.
	s := newScript(t, reply(500, `{"error":{"message":"bad key `+testKey+`"}}`))
	cfg := llm.Config{APIKey: testKey, Logger: logger, MaxRetries: 1}
	c, _ := newClient(t, s.srv.URL, cfg)
	_, err := c.Complete(context.Background(), ask("q"))
	logger.Info("config", "cfg", cfg)
	texts := map[string]string{
		"error": err.Error(), "logs": logs.String(), "String": cfg.String(), "Client.String": c.String(),
		"%v": fmt.Sprintf("%v", cfg), "%+v": fmt.Sprintf("%+v", cfg), "%#v": fmt.Sprintf("%#v", cfg), "%v client": fmt.Sprintf("%v", c),
	}
	for name, text := range texts {
		if strings.Contains(text, testKey) || strings.Contains(text, "SECRET") {
			t.Errorf("%s shows the key: %s", name, text)
		}
	}
	if !strings.Contains(cfg.String(), "[REDACTED]") {
		t.Errorf("String() = %s, want it to say the key is set and redacted", cfg.String())
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	if _, err := llm.ConfigFromEnv(env(nil)); !errors.Is(err, llm.ErrNotConfigured) || inferra.ErrorCode(err) != inferra.ELLMNotConfigured {
		t.Errorf("no key: err = %v, want ErrNotConfigured with code %s", err, inferra.ELLMNotConfigured)
	}
	inferra.AsError(llm.ErrNotConfigured).WithDetail("x", 1)
	if d := inferra.AsError(llm.ErrNotConfigured).Details; d != nil {
		t.Errorf("adding a detail to ErrNotConfigured's error changed the sentinel: %v", d)
	}
	cfg, err := llm.ConfigFromEnv(env(map[string]string{"LLM_API_KEY": "k", "LLM_MODEL": "m", "LLM_TIMEOUT": "15",
		"LLM_TEMPERATURE": "0.2", "LLM_MAX_TOKENS": "500"}))
	if err != nil || cfg.APIKey != "k" || cfg.Model != "m" || cfg.Timeout != 15*time.Second || *cfg.Temperature != 0.2 || cfg.MaxTokens != 500 {
		t.Errorf("ConfigFromEnv = %v, %v; want key k, model m, 15s, 0.2, 500", cfg, err)
	}
	cfg, err = llm.ConfigFromEnv(env(map[string]string{"LLM_ENDPOINT": "http://127.0.0.1:8080/v1", "LLM_TIMEOUT": "2m"}))
	if err != nil || cfg.APIKey != "" || cfg.Timeout != 2*time.Minute {
		t.Errorf("a keyless local endpoint: %v, %v; want it accepted with timeout 2m", cfg, err)
	}
	for _, bad := range []map[string]string{
		{"LLM_API_KEY": "k", "LLM_TIMEOUT": "soon"},
		{"LLM_API_KEY": "k", "LLM_TEMPERATURE": "hot"},
		{"LLM_API_KEY": "k", "LLM_TEMPERATURE": "3"},
		{"LLM_API_KEY": "k", "LLM_MAX_TOKENS": "-1"},
	} {
		if _, err := llm.ConfigFromEnv(env(bad)); inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("ConfigFromEnv(%v) err = %v, want %s", bad, err, inferra.EInvalid)
		}
	}
	if _, err := llm.New(llm.Config{Endpoint: "ftp://x"}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("New with an ftp endpoint: err = %v, want %s", err, inferra.EInvalid)
	}
}

func TestFromEnvNotConfigured(t *testing.T) {
	t.Setenv("LLM_API_KEY", "")
	t.Setenv("LLM_ENDPOINT", "")
	c, err := llm.FromEnv()
	if c != nil || !errors.Is(err, llm.ErrNotConfigured) {
		t.Errorf("FromEnv() = %v, %v; want nil, ErrNotConfigured", c, err)
	}
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	c, err := llm.New(llm.Config{APIKey: "k"})
	if err != nil || c.Model() != llm.DefaultModel || !strings.Contains(c.String(), llm.DefaultEndpoint) {
		t.Errorf("New(key only) = %v, %v; want %s at %s", c, err, llm.DefaultModel, llm.DefaultEndpoint)
	}
}
