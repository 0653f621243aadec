package llmtest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/inferra/inferra/llm/llmtest"
)

// TestProvider checks the provider's answers: a completion with the
// key, 404 without it or on another path, and the bodies it keeps.
func TestProvider(t *testing.T) {
	p := llmtest.NewProvider(t, 3, 4)
	if p.LastBody() != "" || p.Hits() != 0 {
		t.Fatalf("a new provider has body %q and %d hits", p.LastBody(), p.Hits())
	}
	post := func(path, key, body string) int {
		req, _ := http.NewRequest("POST", p.Endpoint+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := post("/chat/completions", llmtest.APIKey, `{"n":1}`); code != 200 {
		t.Errorf("with the key: %d, want 200", code)
	}
	if code := post("/chat/completions", "wrong", `{"n":2}`); code != 404 {
		t.Errorf("with another key: %d, want 404", code)
	}
	if code := post("/models", llmtest.APIKey, `{"n":3}`); code != 404 {
		t.Errorf("on another path: %d, want 404", code)
	}
	if p.Hits() != 3 || p.LastBody() != `{"n":3}` {
		t.Errorf("%d hits, last body %q; want 3 and the last request's", p.Hits(), p.LastBody())
	}
}
