package llm_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/llm"
)

// leakKey is a 29-character key, the length of the one seen in the logs.
const leakKey = "xai-Zq8LmN3vR7tY1pK5wX9cB2dF6"

// leaked returns the first piece of leakKey of 8 or more characters found
// in text, or "". Any longer piece contains one of 8, so those are all
// that need looking for.
func leaked(text string) string {
	for i := 0; i+8 <= len(leakKey); i++ {
		if strings.Contains(text, leakKey[i:i+8]) {
			return leakKey[i : i+8]
		}
	}
	return ""
}

// longText is a provider's or a user's text of well over 300 characters
// (the provider excerpt) and 120 (the call log's cut in this test), with
// multi-byte characters so that a cut by bytes would show.
func longText() []rune {
	return []rune(strings.Repeat("The request failed: état incorrect, 请重试. ", 12))
}

// withKeyAt puts leakKey into text at rune offset i.
func withKeyAt(text []rune, i int) string {
	return string(text[:i]) + leakKey + string(text[i:])
}

// roundTrip answers every request with one scripted response.
type roundTrip func(*http.Request) *http.Response

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return f(r), nil
}

func respond(status int, body string) roundTrip {
	return func(*http.Request) *http.Response {
		return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body))}
	}
}

// lockedBuffer collects log output from concurrent writers.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// keyClient is a client holding leakKey whose provider answers rt, logging
// at debug level into logs.
func keyClient(t *testing.T, rt roundTrip, logs io.Writer) *llm.Client {
	t.Helper()
	c, err := llm.New(llm.Config{APIKey: leakKey, Endpoint: "https://llm.invalid/v1", MaxRetries: 1, CacheSize: -1,
		HTTPClient: &http.Client{Transport: rt}, Sleep: func(context.Context, time.Duration) error { return nil },
		Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func quoted(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestKeyNeverLeaksAtAnyOffset puts the key at every offset of a long
// message, in every place a provider's or a user's text reaches an error or
// a log: the key was once cut with the message (cut first, redacted after)
// and survived in part when it began near character 270.
func TestKeyNeverLeaksAtAnyOffset(t *testing.T) {
	t.Parallel()
	text := longText()
	schema, _ := trialSchema(t)
	ctx := context.Background()
	for i := 0; i <= len(text); i++ {
		msg := withKeyAt(text, i)
		// What the provider answers, and what the client makes of it.
		provider := map[string]roundTrip{
			"500, retried":            respond(500, `{"error":{"message":`+quoted(msg)+`}}`),
			"400 rejected":            respond(400, `{"error":`+quoted(msg)+`}`),
			"429 message":             respond(429, `{"message":`+quoted(msg)+`}`),
			"503 not JSON":            respond(503, msg),
			"200 not JSON":            respond(200, msg),
			"200 refusal":             respond(200, `{"choices":[{"message":{"content":null,"refusal":`+quoted(msg)+`}}]}`),
			"200 plan asks question":  respond(200, okBody(planReply("", nil, msg))),
			"200 plan with reasoning": respond(200, okBody(`{"analysis":"","params":{},"explanation":`+quoted(msg)+`,"question":"Which?"}`)),
		}
		for name, rt := range provider {
			var logs lockedBuffer
			c := keyClient(t, rt, &logs)
			var texts []string
			if _, err := c.Complete(ctx, ask("q")); err != nil {
				texts = append(texts, err.Error())
			}
			// The planner logs the client's failure, and keeps the model's
			// question and explanation in the decision.
			p := llm.NewPlanner(c, llm.PlannerConfig{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
			if d, err := p.Decide(ctx, "does diet change weight?", schema); d != nil {
				texts = append(texts, d.Question, d.Explanation)
			} else if err != nil {
				texts = append(texts, err.Error())
			}
			texts = append(texts, logs.String())
			for _, s := range texts {
				if piece := leaked(s); piece != "" {
					t.Fatalf("%s, key at %d: %q shows %q", name, i, s, piece)
				}
			}
		}

		// The LLM proxy: the user's prompt and the model's reply, both cut
		// for the call log.
		var logs lockedBuffer
		c := keyClient(t, respond(200, okBody(msg)), &logs)
		calls := &callLog{}
		px, err := llm.NewProxy(c, llm.ProxyConfig{Calls: calls, LogTextLen: 120, DailyTokens: -1,
			Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := px.Do(ctx, "u1", llm.ProxyRequest{Prompt: msg})
		if err != nil {
			t.Fatalf("key at %d: proxy: %v", i, err)
		}
		entry := calls.last(t)
		for what, s := range map[string]string{"prompt": entry.Prompt, "response": entry.Response, "reply": resp.Response, "logs": logs.String()} {
			if piece := leaked(s); piece != "" {
				t.Fatalf("proxy %s, key at %d: %q shows %q", what, i, s, piece)
			}
		}
	}
}

// TestExcerptKeepsWholeCharacters checks that a provider's long message is
// shortened between characters, not inside one.
func TestExcerptKeepsWholeCharacters(t *testing.T) {
	t.Parallel()
	msg := strings.Repeat("é", 299) + "请请请"
	c := keyClient(t, respond(400, `{"error":`+quoted(msg)+`}`), io.Discard)
	_, err := c.Complete(context.Background(), ask("q"))
	var le *llm.Error
	if err == nil || !errors.As(err, &le) {
		t.Fatalf("Complete = %v, want an *llm.Error", err)
	}
	want := strings.Repeat("é", 299) + "请…"
	if le.Message != want {
		t.Errorf("message = %q, want the first 300 characters and an ellipsis", le.Message)
	}
	if inferra.ErrorCode(err) != inferra.EInternal {
		t.Errorf("code = %s, want internal for a rejected request", inferra.ErrorCode(err))
	}
}
