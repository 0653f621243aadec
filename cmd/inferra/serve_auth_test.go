package main

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/inferra/inferra"
	"github.com/inferra/inferra/server"
)

// TestRealAuthAndLimiter serves requests through the authenticator and
// limiter that serve builds from the environment: a Supabase token signed
// with SUPABASE_JWT_SECRET is accepted, forged or malformed ones are 401
// with the error document, and RATE_LIMIT_PER_MIN limits each user.
func TestRealAuthAndLimiter(t *testing.T) {
	t.Parallel()
	const secret = "a-test-secret-of-at-least-thirty-two-bytes"
	cfg := serveConfig{SupabaseJWTSecret: secret, RateLimitPerMin: 60}
	a, mode, err := newAuthenticator(cfg, nil)
	if err != nil || a == nil || !strings.Contains(mode, "shared secret") {
		t.Fatalf("newAuthenticator: %v, %q, %v", a, mode, err)
	}
	lim, err := newLimiter(cfg, nil)
	if err != nil || lim == nil {
		t.Fatalf("newLimiter: %v, %v", lim, err)
	}
	h, err := server.New(server.Config{Jobs: noJobs{}, Auth: a, Limit: lim})
	if err != nil {
		t.Fatal(err)
	}
	get := func(token string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/api/jobs", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}

	sign := func(method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
		tok, err := jwt.NewWithClaims(method, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	user := "6f1c2f7e-8a9b-4c3d-9e2f-1a2b3c4d5e6f"
	valid := jwt.MapClaims{"sub": user, "aud": "authenticated", "exp": time.Now().Add(time.Hour).Unix(), "role": "authenticated"}
	good := sign(jwt.SigningMethodHS256, []byte(secret), valid)
	if w := get(good); w.Code != 200 {
		t.Fatalf("a valid token: %d %s", w.Code, w.Body)
	}

	expired := jwt.MapClaims{"sub": user, "aud": "authenticated", "exp": time.Now().Add(-time.Hour).Unix()}
	wrongAud := jwt.MapClaims{"sub": user, "aud": "anon", "exp": time.Now().Add(time.Hour).Unix()}
	noExp := jwt.MapClaims{"sub": user, "aud": "authenticated"}
	for name, tok := range map[string]string{
		"wrong secret": sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-another"), valid),
		"alg none":     sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid),
		"expired":      sign(jwt.SigningMethodHS256, []byte(secret), expired),
		"wrong aud":    sign(jwt.SigningMethodHS256, []byte(secret), wrongAud),
		"no exp":       sign(jwt.SigningMethodHS256, []byte(secret), noExp),
		"dots":         strings.Repeat(".", 5000),
		"garbage":      "not-a-token",
	} {
		w := get(tok)
		if w.Code != 401 || inferra.ErrorCode(errorDoc(t, w)) != "unauthorized" {
			t.Errorf("%s: %d %s, want 401 unauthorized", name, w.Code, w.Body)
		}
	}

	// The burst is a tenth of the per-minute rate: 6 requests, and the
	// first was above.
	limited := false
	for range 10 {
		if w := get(good); w.Code == 429 {
			limited = w.Header().Get("Retry-After") != "" && inferra.ErrorCode(errorDoc(t, w)) == "rate_limited"
			break
		}
	}
	if !limited {
		t.Error("11 requests at 60 per minute were never refused with 429 and Retry-After")
	}
}

// errorDoc decodes the error document of an API response.
func errorDoc(t *testing.T, w *httptest.ResponseRecorder) error {
	t.Helper()
	var doc struct {
		Error *inferra.Error `json:"error"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || doc.Error == nil {
		t.Fatalf("not an error document: %d %s", w.Code, w.Body)
	}
	return doc.Error
}
