package auth_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/auth"
)

const (
	testSecret = "super-secret-jwt-token-with-at-least-32-characters-long"
	userID     = "8f14e45f-ceea-467f-a8b4-1c2d3e4f5a6b"
	issuer     = "https://abcd.supabase.co/auth/v1"
)

// keys are the test's signing keys, made once: RSA generation is slow.
var keys = sync.OnceValue(func() (k struct {
	ec, ecOther   *ecdsa.PrivateKey
	rsa, rsaOther *rsa.PrivateKey
}) {
	var err error
	if k.ec, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		panic(err)
	}
	if k.ecOther, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		panic(err)
	}
	if k.rsa, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if k.rsaOther, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	return k
})

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func ecJWK(kid string, pub *ecdsa.PublicKey) map[string]any {
	b, err := pub.Bytes() // 0x04 || X || Y
	if err != nil {
		panic(err)
	}
	return map[string]any{"kty": "EC", "crv": "P-256", "kid": kid, "alg": "ES256", "use": "sig",
		"key_ops": []string{"verify"}, "x": b64(b[1:33]), "y": b64(b[33:])}
}

func rsaJWK(kid string, pub *rsa.PublicKey) map[string]any {
	return map[string]any{"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig",
		"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes())}
}

// jwksServer serves a JWKS document that the test may change, counting
// the fetches.
type jwksServer struct {
	*httptest.Server
	mu      sync.Mutex
	doc     []map[string]any
	raw     []byte // served instead of doc when set
	status  int
	fetches atomic.Int32
	gate    chan struct{} // when set, each fetch waits for it to close
}

func newJWKSServer(t *testing.T, doc ...map[string]any) *jwksServer {
	t.Helper()
	s := &jwksServer{doc: doc}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fetches.Add(1)
		s.mu.Lock()
		gate, raw, status := s.gate, s.raw, s.status
		body, _ := json.Marshal(map[string]any{"keys": s.doc})
		s.mu.Unlock()
		if gate != nil {
			<-gate
		}
		if status != 0 {
			w.WriteHeader(status)
			return
		}
		if raw != nil {
			body = raw
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jwksServer) set(doc ...map[string]any) {
	s.mu.Lock()
	s.doc = doc
	s.mu.Unlock()
}

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var t0 = time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)

func claims(mod func(jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{
		"sub":   userID,
		"aud":   "authenticated",
		"iss":   issuer,
		"exp":   t0.Add(time.Hour).Unix(),
		"iat":   t0.Add(-time.Minute).Unix(),
		"email": "ada@example.com",
		"role":  "authenticated",
	}
	if mod != nil {
		mod(c)
	}
	return c
}

func sign(t *testing.T, m jwt.SigningMethod, key any, kid string, c jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, c)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("signing a test token: %v", err)
	}
	return s
}

func pubPEM(t *testing.T, pub any) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func newVerifier(t *testing.T, cfg auth.Config) *auth.Verifier {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	v, err := auth.New(cfg)
	if err != nil {
		t.Fatalf("auth.New: %v", err)
	}
	return v
}

// wantCode checks that err is an *inferra.Error with code and a message
// containing msg.
func wantCode(t *testing.T, name string, err error, code, msg string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: accepted, want %s %q", name, code, msg)
		return
	}
	var ie *inferra.Error
	if !asError(err, &ie) {
		t.Errorf("%s: error %T %v, want *inferra.Error", name, err, err)
		return
	}
	if ie.Code != code || !strings.Contains(ie.Message, msg) {
		t.Errorf("%s: got %s %q, want %s containing %q", name, ie.Code, ie.Message, code, msg)
	}
}

func asError(err error, target **inferra.Error) bool {
	e, ok := err.(*inferra.Error)
	*target = e
	return ok
}

func TestVerifyForgedAndValidTokens(t *testing.T) {
	k := keys()
	srv := newJWKSServer(t, ecJWK("ec1", &k.ec.PublicKey), rsaJWK("rsa1", &k.rsa.PublicKey))
	clk := &clock{t: t0}
	cfg := auth.SupabaseConfig("https://abcd.supabase.co", testSecret)
	cfg.JWKSURL = srv.URL
	cfg.Now = clk.Now
	v := newVerifier(t, cfg)

	hs := func(c jwt.MapClaims) string { return sign(t, jwt.SigningMethodHS256, []byte(testSecret), "", c) }
	es := func(c jwt.MapClaims) string { return sign(t, jwt.SigningMethodES256, k.ec, "ec1", c) }
	rs := func(c jwt.MapClaims) string { return sign(t, jwt.SigningMethodRS256, k.rsa, "rsa1", c) }
	none := sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "", claims(nil))
	// The classic confusion attack: HS256 keyed with the public key's bytes,
	// in the hope that the verifier feeds its "key" to HMAC.
	rsaConfused := sign(t, jwt.SigningMethodHS256, pubPEM(t, &k.rsa.PublicKey), "rsa1", claims(nil))
	ecConfused := sign(t, jwt.SigningMethodHS256, pubPEM(t, &k.ec.PublicKey), "ec1", claims(nil))
	ecDER, _ := x509.MarshalPKIXPublicKey(&k.ec.PublicKey)
	ecConfusedDER := sign(t, jwt.SigningMethodHS256, ecDER, "ec1", claims(nil))

	tests := []struct {
		name  string
		token string
		msg   string // "" means accepted
	}{
		{"valid HS256", hs(claims(nil)), ""},
		{"valid ES256", es(claims(nil)), ""},
		{"valid RS256", rs(claims(nil)), ""},
		{"aud as array", es(claims(func(c jwt.MapClaims) { c["aud"] = []string{"other", "authenticated"} })), ""},
		{"expired within leeway", hs(claims(func(c jwt.MapClaims) { c["exp"] = t0.Add(-20 * time.Second).Unix() })), ""},
		{"nbf within leeway", hs(claims(func(c jwt.MapClaims) { c["nbf"] = t0.Add(20 * time.Second).Unix() })), ""},

		{"alg none", none, "algorithm"},
		{"alg none, no signature part", strings.TrimSuffix(none, "."), "malformed"},
		{"HS256 keyed with RSA public key PEM", rsaConfused, "signature is invalid"},
		{"HS256 keyed with EC public key PEM", ecConfused, "signature is invalid"},
		{"HS256 keyed with EC public key DER", ecConfusedDER, "signature is invalid"},
		{"HS512 with the secret", sign(t, jwt.SigningMethodHS512, []byte(testSecret), "", claims(nil)), "algorithm"},
		{"PS256", sign(t, jwt.SigningMethodPS256, k.rsa, "rsa1", claims(nil)), "algorithm"},
		{"HS256 wrong secret", sign(t, jwt.SigningMethodHS256, []byte("not-the-secret-not-the-secret-not"), "", claims(nil)), "signature is invalid"},
		{"ES256 wrong key, known kid", sign(t, jwt.SigningMethodES256, k.ecOther, "ec1", claims(nil)), "signature is invalid"},
		{"RS256 wrong key, known kid", sign(t, jwt.SigningMethodRS256, k.rsaOther, "rsa1", claims(nil)), "signature is invalid"},
		{"RS256 naming the EC key", sign(t, jwt.SigningMethodRS256, k.rsa, "ec1", claims(nil)), "does not match"},
		{"ES256 without kid", sign(t, jwt.SigningMethodES256, k.ec, "", claims(nil)), "kid"},
		{"signature stripped", strings.Join(strings.Split(es(claims(nil)), ".")[:2], ".") + ".", "signature is invalid"},
		{"claims swapped under a valid signature", swapPayload(t, es(claims(nil)), claims(func(c jwt.MapClaims) { c["sub"] = "00000000-0000-0000-0000-000000000000" })), "signature is invalid"},
		{"expired", hs(claims(func(c jwt.MapClaims) { c["exp"] = t0.Add(-31 * time.Second).Unix() })), "expired"},
		{"no exp", hs(claims(func(c jwt.MapClaims) { delete(c, "exp") })), "no expiry"},
		{"wrong aud", hs(claims(func(c jwt.MapClaims) { c["aud"] = "anon" })), "audience"},
		{"wrong aud array", hs(claims(func(c jwt.MapClaims) { c["aud"] = []string{"anon", "service"} })), "audience"},
		{"missing aud", hs(claims(func(c jwt.MapClaims) { delete(c, "aud") })), "no audience"},
		{"future nbf", hs(claims(func(c jwt.MapClaims) { c["nbf"] = t0.Add(time.Minute).Unix() })), "not valid yet"},
		{"future iat", hs(claims(func(c jwt.MapClaims) { c["iat"] = t0.Add(time.Minute).Unix() })), "issued in the future"},
		{"wrong issuer", hs(claims(func(c jwt.MapClaims) { c["iss"] = "https://evil.supabase.co/auth/v1" })), "another project"},
		{"missing issuer", hs(claims(func(c jwt.MapClaims) { delete(c, "iss") })), "no issuer"},
		{"empty sub", hs(claims(func(c jwt.MapClaims) { c["sub"] = "" })), "names no user"},
		{"missing sub", hs(claims(func(c jwt.MapClaims) { delete(c, "sub") })), "names no user"},
		{"sub not a UUID", hs(claims(func(c jwt.MapClaims) { c["sub"] = "admin" })), "not a UUID"},
		{"sub as a number", hs(claims(func(c jwt.MapClaims) { c["sub"] = 42 })), "malformed"},
		{"exp as a string", hs(claims(func(c jwt.MapClaims) { c["exp"] = "tomorrow" })), "malformed"},
		{"unknown kid", sign(t, jwt.SigningMethodES256, k.ecOther, "ec-unknown", claims(nil)), "does not list"},
		{"thousands of dots", strings.Repeat(".", 5000), "malformed"},
		{"too long", strings.Repeat("a", 8<<10+1), "longer than 8192 bytes"},
		{"garbage base64", "!!!!.@@@@.####", "malformed"},
		{"header not JSON", b64([]byte("nope")) + "." + b64([]byte("{}")) + ".c2ln", "malformed"},
		{"empty", "", "malformed"},
		{"two parts", "eyJhbGciOiJIUzI1NiJ9.e30", "malformed"},
	}
	for _, tt := range tests {
		c, err := v.Verify(context.Background(), tt.token)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("%s: Verify error %v, want accepted", tt.name, err)
			} else if c.UserID != userID {
				t.Errorf("%s: UserID = %q, want %q", tt.name, c.UserID, userID)
			}
			continue
		}
		wantCode(t, tt.name, err, inferra.EUnauthorized, tt.msg)
	}
}

// swapPayload replaces a signed token's payload, keeping header and
// signature.
func swapPayload(t *testing.T, token string, c jwt.MapClaims) string {
	t.Helper()
	p, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(token, ".")
	return parts[0] + "." + b64(p) + "." + parts[2]
}

func TestAlgorithmsFollowConfiguration(t *testing.T) {
	k := keys()
	srv := newJWKSServer(t, ecJWK("ec1", &k.ec.PublicKey), rsaJWK("rsa1", &k.rsa.PublicKey))
	clk := &clock{t: t0}
	hs := sign(t, jwt.SigningMethodHS256, []byte(testSecret), "", claims(nil))
	es := sign(t, jwt.SigningMethodES256, k.ec, "ec1", claims(nil))
	confused := sign(t, jwt.SigningMethodHS256, pubPEM(t, &k.rsa.PublicKey), "rsa1", claims(nil))

	jwksOnly := newVerifier(t, auth.Config{JWKSURL: srv.URL, Issuer: issuer, Now: clk.Now})
	if _, err := jwksOnly.Verify(context.Background(), es); err != nil {
		t.Errorf("JWKS-only verifier refused ES256: %v", err)
	}
	wantCode(t, "JWKS-only verifier, HS256", verifyErr(jwksOnly, hs), inferra.EUnauthorized, "algorithm")
	wantCode(t, "JWKS-only verifier, HS256 keyed with the public key", verifyErr(jwksOnly, confused), inferra.EUnauthorized, "algorithm")

	secretOnly := newVerifier(t, auth.Config{Secret: testSecret, Now: clk.Now})
	if _, err := secretOnly.Verify(context.Background(), hs); err != nil {
		t.Errorf("secret-only verifier refused HS256: %v", err)
	}
	wantCode(t, "secret-only verifier, ES256", verifyErr(secretOnly, es), inferra.EUnauthorized, "algorithm")

	// A symmetric key published in the JWKS is never used, even for a
	// token naming it.
	oct := map[string]any{"kty": "oct", "kid": "oct1", "alg": "HS256", "k": b64([]byte("published-secret"))}
	srv.set(oct, ecJWK("ec1", &k.ec.PublicKey))
	octV := newVerifier(t, auth.Config{JWKSURL: srv.URL, Now: clk.Now})
	octTok := sign(t, jwt.SigningMethodHS256, []byte("published-secret"), "oct1", claims(nil))
	wantCode(t, "HS256 with a JWKS oct key", verifyErr(octV, octTok), inferra.EUnauthorized, "algorithm")

	if _, err := auth.New(auth.SupabaseConfig("", "")); err != auth.ErrNotConfigured {
		t.Errorf("New(SupabaseConfig(\"\", \"\")) error = %v, want ErrNotConfigured", err)
	}
	if _, err := auth.New(auth.Config{JWKSURL: "file:///etc/jwks.json"}); err == nil {
		t.Error("New with a file: JWKS URL succeeded, want an error")
	}
}

func verifyErr(v *auth.Verifier, token string) error {
	_, err := v.Verify(context.Background(), token)
	return err
}

func TestUnknownKidRefreshIsRateBounded(t *testing.T) {
	k := keys()
	srv := newJWKSServer(t, ecJWK("ec1", &k.ec.PublicKey))
	clk := &clock{t: t0}
	v := newVerifier(t, auth.Config{JWKSURL: srv.URL, Now: clk.Now, RefreshInterval: 30 * time.Second})
	good := sign(t, jwt.SigningMethodES256, k.ec, "ec1", claims(nil))
	rotated := sign(t, jwt.SigningMethodES256, k.ecOther, "ec2", claims(nil))

	if err := verifyErr(v, good); err != nil {
		t.Fatalf("valid token refused: %v", err)
	}
	if n := srv.fetches.Load(); n != 1 {
		t.Fatalf("fetches after first token = %d, want 1", n)
	}
	// A flood of unknown kids within the interval fetches nothing more.
	for i := range 50 {
		forged := sign(t, jwt.SigningMethodES256, k.ecOther, "kid-"+string(rune('a'+i%26)), claims(nil))
		wantCode(t, "unknown kid", verifyErr(v, forged), inferra.EUnauthorized, "does not list")
	}
	if n := srv.fetches.Load(); n != 1 {
		t.Errorf("fetches after 50 unknown kids within 30 s = %d, want 1", n)
	}
	// The project rotates to a new key: it is picked up once the interval
	// has passed, with one fetch.
	srv.set(ecJWK("ec1", &k.ec.PublicKey), ecJWK("ec2", &k.ecOther.PublicKey))
	clk.Add(10 * time.Second)
	wantCode(t, "rotated kid 10 s after the last fetch", verifyErr(v, rotated), inferra.EUnauthorized, "does not list")
	clk.Add(21 * time.Second)
	if err := verifyErr(v, rotated); err != nil {
		t.Errorf("rotated kid 31 s after the last fetch refused: %v", err)
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Errorf("fetches after rotation = %d, want 2", n)
	}
	// Known keys need no fetch.
	for range 10 {
		if err := verifyErr(v, good); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Errorf("fetches after known kids = %d, want 2", n)
	}
	// A revoked key disappears from the document: once the cache is older
	// than MaxKeyAge the next token refetches and is refused.
	srv.set(ecJWK("ec2", &k.ecOther.PublicKey))
	clk.Add(auth.DefaultMaxKeyAge)
	wantCode(t, "revoked key", verifyErr(v, good), inferra.EUnauthorized, "does not list")
	if n := srv.fetches.Load(); n != 3 {
		t.Errorf("fetches after the cache aged = %d, want 3", n)
	}
}

func TestConcurrentRefreshesCollapse(t *testing.T) {
	k := keys()
	srv := newJWKSServer(t, ecJWK("ec1", &k.ec.PublicKey))
	srv.gate = make(chan struct{})
	v := newVerifier(t, auth.Config{JWKSURL: srv.URL, Now: (&clock{t: t0}).Now})
	good := sign(t, jwt.SigningMethodES256, k.ec, "ec1", claims(nil))

	const n = 20
	errs := make(chan error, n)
	for range n {
		go func() { errs <- verifyErr(v, good) }()
	}
	// Wait for the one fetch to reach the server, give the others a moment
	// to queue behind it, then let it answer.
	for srv.fetches.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(srv.gate)
	for range n {
		if err := <-errs; err != nil {
			t.Errorf("concurrent verification: %v", err)
		}
	}
	if got := srv.fetches.Load(); got != 1 {
		t.Errorf("fetches for %d concurrent tokens = %d, want 1", n, got)
	}
}

func TestJWKSFailures(t *testing.T) {
	k := keys()
	es := sign(t, jwt.SigningMethodES256, k.ec, "ec1", claims(nil))
	tests := []struct {
		name   string
		raw    []byte
		status int
	}{
		{"server error", nil, http.StatusInternalServerError},
		{"not JSON", []byte("<html>maintenance</html>"), 0},
		{"too large", []byte(`{"keys":[],"pad":"` + strings.Repeat("x", 70<<10) + `"}`), 0},
	}
	for _, tt := range tests {
		srv := newJWKSServer(t)
		srv.raw, srv.status = tt.raw, tt.status
		v := newVerifier(t, auth.Config{JWKSURL: srv.URL, Now: (&clock{t: t0}).Now})
		wantCode(t, tt.name, verifyErr(v, es), inferra.EUnavailable, "cannot be fetched")
	}

	// A key server that never answers is cut off by the client's timeout.
	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(hang)
	v := newVerifier(t, auth.Config{JWKSURL: slow.URL, Now: (&clock{t: t0}).Now,
		HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}})
	wantCode(t, "hanging key server", verifyErr(v, es), inferra.EUnavailable, "cannot be fetched")

	// Malformed entries are skipped; the good one still verifies.
	bad := []map[string]any{
		{"kty": "EC", "crv": "P-256", "kid": "ec1", "x": "AAAA", "y": "AAAA"}, // not on the curve
		{"kty": "RSA", "kid": "small", "n": b64(big.NewInt(12345).Bytes()), "e": "AQAB"},
		{"kty": "EC", "crv": "P-384", "kid": "p384", "x": "AAAA", "y": "AAAA"},
		{"kty": "EC", "crv": "P-256", "kid": "enc", "use": "enc"},
	}
	srv := newJWKSServer(t, append(bad, ecJWK("ec1", &k.ec.PublicKey))...)
	v = newVerifier(t, auth.Config{JWKSURL: srv.URL, Now: (&clock{t: t0}).Now})
	if err := verifyErr(v, es); err != nil {
		t.Errorf("good key after malformed ones refused: %v", err)
	}
	small := sign(t, jwt.SigningMethodRS256, k.rsa, "small", claims(nil))
	wantCode(t, "512-bit RSA key", verifyErr(v, small), inferra.EUnauthorized, "does not list")
	srv2 := newJWKSServer(t, append([]map[string]any{ecJWK("ec1", &k.ec.PublicKey)}, bad...)...)
	v = newVerifier(t, auth.Config{JWKSURL: srv2.URL, Now: (&clock{t: t0}).Now})
	if err := verifyErr(v, es); err != nil {
		t.Errorf("good key among malformed ones refused: %v", err)
	}
}

func TestAuthenticate(t *testing.T) {
	clk := &clock{t: t0}
	v := newVerifier(t, auth.Config{Secret: testSecret, Issuer: issuer, Now: clk.Now})
	tok := sign(t, jwt.SigningMethodHS256, []byte(testSecret), "", claims(nil))
	tests := []struct {
		name    string
		headers []string
		msg     string
	}{
		{"Bearer", []string{"Bearer " + tok}, ""},
		{"lower-case scheme", []string{"bearer " + tok}, ""},
		{"no header", nil, "no 'Authorization: Bearer <token>' header"},
		{"empty header", []string{""}, "no 'Authorization"},
		{"Basic", []string{"Basic dXNlcjpwYXNz"}, "must read 'Bearer <token>'"},
		{"bare token", []string{tok}, "must read 'Bearer <token>'"},
		{"Bearer alone", []string{"Bearer "}, "must read"},
		{"two headers", []string{"Bearer " + tok, "Bearer " + tok}, "more than one"},
		{"bad token", []string{"Bearer abc.def.ghi"}, "malformed"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "/api/jobs", nil)
		for _, h := range tt.headers {
			r.Header.Add("Authorization", h)
		}
		id, err := v.Authenticate(r)
		if tt.msg == "" {
			if err != nil || id != userID {
				t.Errorf("%s: Authenticate = %q, %v; want %q, nil", tt.name, id, err, userID)
			}
			continue
		}
		wantCode(t, tt.name, err, inferra.EUnauthorized, tt.msg)
	}
}

func TestClaimsAndConfigString(t *testing.T) {
	clk := &clock{t: t0}
	v := newVerifier(t, auth.Config{Secret: testSecret, Issuer: issuer, Now: clk.Now})
	tok := sign(t, jwt.SigningMethodHS256, []byte(testSecret), "", claims(func(c jwt.MapClaims) {
		c["session_id"] = "s1"
		c["is_anonymous"] = true
	}))
	c, err := v.Verify(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.Email != "ada@example.com" || c.Role != "authenticated" || c.SessionID != "s1" || !c.Anonymous ||
		c.Issuer != issuer || len(c.Audience) != 1 || c.Audience[0] != "authenticated" ||
		!c.ExpiresAt.Equal(t0.Add(time.Hour)) || !c.IssuedAt.Equal(t0.Add(-time.Minute)) || c.Algorithm != "HS256" {
		t.Errorf("claims = %+v", c)
	}
	cfg := auth.SupabaseConfig("https://abcd.supabase.co/", testSecret)
	if cfg.Issuer != issuer || cfg.JWKSURL != issuer+"/.well-known/jwks.json" {
		t.Errorf("SupabaseConfig = %+v", cfg)
	}
	if s := cfg.String(); strings.Contains(s, testSecret) || !strings.Contains(s, "[redacted]") {
		t.Errorf("Config.String() = %q, want the secret redacted", s)
	}
}

func BenchmarkVerify(b *testing.B) {
	k := keys()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"keys": []any{ecJWK("ec1", &k.ec.PublicKey), rsaJWK("rsa1", &k.rsa.PublicKey)}})
	}))
	defer srv.Close()
	clk := &clock{t: t0}
	v, err := auth.New(auth.Config{Secret: testSecret, JWKSURL: srv.URL, Issuer: issuer, Now: clk.Now})
	if err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		alg string
		m   jwt.SigningMethod
		key any
		kid string
	}{
		{"HS256", jwt.SigningMethodHS256, []byte(testSecret), ""},
		{"ES256", jwt.SigningMethodES256, k.ec, "ec1"},
		{"RS256", jwt.SigningMethodRS256, k.rsa, "rsa1"},
	} {
		tok := jwt.NewWithClaims(bb.m, claims(nil))
		if bb.kid != "" {
			tok.Header["kid"] = bb.kid
		}
		s, err := tok.SignedString(bb.key)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bb.alg, func(b *testing.B) {
			for b.Loop() {
				if _, err := v.Verify(context.Background(), s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
