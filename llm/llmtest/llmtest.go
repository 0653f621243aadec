package llmtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// APIKey is the key the Provider accepts, and Model the model it names.
const (
	APIKey = "test-key"
	Model  = "fake-1"
)

// Provider is an OpenAI-compatible provider that answers the n-th chat
// completion with "answer n" and reports PromptTokens and
// CompletionTokens of usage. It refuses (404) a request with another path
// or key than Endpoint's and APIKey.
type Provider struct {
	// Endpoint is the base URL to give llm.Config.Endpoint (it ends in
	// /v1).
	Endpoint string

	srv    *httptest.Server
	hits   atomic.Int32
	mu     sync.Mutex
	bodies []string
}

// NewProvider starts a Provider that reports the given token counts; it
// stops at the end of the test.
func NewProvider(t testing.TB, promptTokens, completionTokens int) *Provider {
	t.Helper()
	p := Start(promptTokens, completionTokens)
	t.Cleanup(p.Close)
	return p
}

// Start starts a Provider that reports the given token counts; Close
// stops it.
func Start(promptTokens, completionTokens int) *Provider {
	p := &Provider{}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		p.mu.Lock()
		p.bodies = append(p.bodies, string(b))
		p.mu.Unlock()
		n := p.hits.Add(1)
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer "+APIKey {
			http.Error(w, `{"error":{"message":"wrong path or key"}}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"c%d","object":"chat.completion","model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":"answer %d"},"finish_reason":"stop"}],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}`,
			n, Model, n, promptTokens, completionTokens, promptTokens+completionTokens)
	}))
	p.Endpoint = p.srv.URL + "/v1"
	return p
}

// Close stops the provider.
func (p *Provider) Close() { p.srv.Close() }

// Hits returns the number of requests the provider has received.
func (p *Provider) Hits() int { return int(p.hits.Load()) }

// LastBody returns the body of the provider's latest request, "" before
// the first.
func (p *Provider) LastBody() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.bodies) == 0 {
		return ""
	}
	return p.bodies[len(p.bodies)-1]
}
