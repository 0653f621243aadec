package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/inferra/inferra"
)

// Defaults used when the matching Config field is zero.
const (
	// DefaultAudience is the audience Supabase puts in the tokens of
	// signed-in users.
	DefaultAudience = "authenticated"
	// DefaultLeeway is the clock skew tolerated on exp, nbf and iat.
	DefaultLeeway = 30 * time.Second
	// DefaultMaxTokenBytes caps the size of a token; longer ones are
	// refused before any parsing.
	DefaultMaxTokenBytes = 8 << 10
	// DefaultMaxJWKSBytes caps the size of a JWKS document.
	DefaultMaxJWKSBytes = 64 << 10
	// DefaultRefreshInterval is the least time between two fetches of the
	// JWKS document.
	DefaultRefreshInterval = 30 * time.Second
	// DefaultMaxKeyAge is how long fetched keys are trusted before the next
	// token makes the Verifier fetch the document again, so that a revoked
	// key stops being accepted.
	DefaultMaxKeyAge = 10 * time.Minute
	// DefaultFetchTimeout is the timeout of the HTTP client made when
	// Config.HTTPClient is nil.
	DefaultFetchTimeout = 5 * time.Second
)

// Config says which tokens a Verifier accepts. Its zero value accepts
// nothing: set Secret, JWKSURL or both (SupabaseConfig does it from the
// environment's values).
type Config struct {
	// Secret is the project's legacy shared JWT secret
	// (SUPABASE_JWT_SECRET). When set, HS256 tokens are verified with it;
	// when empty, HS256 tokens are refused.
	Secret string
	// JWKSURL is the address of the project's JSON Web Key Set
	// (SUPABASE_URL + "/auth/v1/.well-known/jwks.json"). When set, ES256
	// and RS256 tokens are verified with the key the document lists under
	// the token's kid; when empty, they are refused.
	JWKSURL string
	// Issuer is the iss every token must carry (SUPABASE_URL + "/auth/v1").
	// Empty skips the issuer check.
	Issuer string
	// Audience is the aud every token must carry (as a string or in an
	// array). Defaults to DefaultAudience, "authenticated".
	Audience string
	// Leeway is the clock skew tolerated on exp, nbf and iat. Defaults to
	// DefaultLeeway (30 s).
	Leeway time.Duration
	// MaxTokenBytes refuses longer tokens before parsing. Defaults to
	// DefaultMaxTokenBytes (8 KiB).
	MaxTokenBytes int
	// HTTPClient fetches the JWKS document. Defaults to a client with a
	// DefaultFetchTimeout (5 s) timeout; a client given here should have a
	// timeout too.
	HTTPClient *http.Client
	// MaxJWKSBytes caps the JWKS document. Defaults to DefaultMaxJWKSBytes
	// (64 KiB).
	MaxJWKSBytes int64
	// RefreshInterval is the least time between two JWKS fetches, however
	// many tokens name unknown keys. Defaults to DefaultRefreshInterval
	// (30 s).
	RefreshInterval time.Duration
	// MaxKeyAge is how long fetched keys are used before the document is
	// fetched again. Defaults to DefaultMaxKeyAge (10 min).
	MaxKeyAge time.Duration
	// Now returns the current time. Defaults to time.Now.
	Now func() time.Time
	// Logger receives JWKS fetch failures. Defaults to slog.Default().
	Logger *slog.Logger
}

// SupabaseConfig returns the Config for a Supabase project: projectURL is
// SUPABASE_URL (such as "https://abcd.supabase.co") and secret is
// SUPABASE_JWT_SECRET, which may be empty when the project signs with
// asymmetric keys only. An empty projectURL leaves JWKSURL and Issuer empty,
// so only HS256 tokens with any issuer are accepted.
func SupabaseConfig(projectURL, secret string) Config {
	c := Config{Secret: secret}
	if base := strings.TrimRight(strings.TrimSpace(projectURL), "/"); base != "" {
		c.Issuer = base + "/auth/v1"
		c.JWKSURL = base + "/auth/v1/.well-known/jwks.json"
	}
	return c
}

// String describes the Config without its secret.
func (c Config) String() string {
	secret := "none"
	if c.Secret != "" {
		secret = "[redacted]"
	}
	return fmt.Sprintf("auth.Config{Secret: %s, JWKSURL: %q, Issuer: %q, Audience: %q}",
		secret, c.JWKSURL, c.Issuer, c.Audience)
}

// Claims are the verified contents of a token that Inferra uses.
type Claims struct {
	// UserID is the token's sub: the Supabase user's UUID.
	UserID string
	// Email is the user's e-mail address, when the token carries one.
	Email string
	// Role is the Postgres role Supabase assigned ("authenticated").
	Role string
	// SessionID is Supabase's session_id, when present.
	SessionID string
	// Anonymous reports Supabase's is_anonymous claim.
	Anonymous bool
	// Issuer is the token's iss.
	Issuer string
	// Audience is the token's aud, always as a list.
	Audience []string
	// ExpiresAt is the token's exp.
	ExpiresAt time.Time
	// IssuedAt is the token's iat, zero when absent.
	IssuedAt time.Time
	// Algorithm is the alg the token was verified with: HS256, ES256 or
	// RS256.
	Algorithm string
	// KeyID is the kid of the key that verified the token; empty for HS256.
	KeyID string
}

// tokenClaims is the JSON shape of a Supabase access token's payload.
type tokenClaims struct {
	jwt.RegisteredClaims
	Email       string `json:"email,omitempty"`
	Role        string `json:"role,omitempty"`
	SessionID   string `json:"session_id,omitempty"`
	IsAnonymous bool   `json:"is_anonymous,omitempty"`
}

// Verifier checks Supabase access tokens. It is safe for concurrent use;
// make one with New and share it.
type Verifier struct {
	secret   []byte
	audience string
	issuer   string
	maxToken int
	now      func() time.Time
	parser   *jwt.Parser
	keys     *keySet // nil without JWKSURL
}

// ErrNotConfigured is returned by New for a Config that could accept no
// token: neither Secret nor JWKSURL is set. A server takes it to mean
// local mode.
var ErrNotConfigured = errors.New("auth: neither a JWT secret nor a JWKS URL is configured")

// New returns a Verifier for cfg. It fails with ErrNotConfigured when cfg
// accepts no token at all, and with another error when JWKSURL is not an
// http(s) URL. It does not fetch the JWKS document: the first token that
// needs it does.
func New(cfg Config) (*Verifier, error) {
	if cfg.Secret == "" && cfg.JWKSURL == "" {
		return nil, ErrNotConfigured
	}
	v := &Verifier{
		secret:   []byte(cfg.Secret),
		audience: cfg.Audience,
		issuer:   cfg.Issuer,
		maxToken: cfg.MaxTokenBytes,
		now:      cfg.Now,
	}
	if v.audience == "" {
		v.audience = DefaultAudience
	}
	if v.maxToken <= 0 {
		v.maxToken = DefaultMaxTokenBytes
	}
	if v.now == nil {
		v.now = time.Now
	}
	leeway := cfg.Leeway
	if leeway <= 0 {
		leeway = DefaultLeeway
	}
	var methods []string
	if len(v.secret) > 0 {
		methods = append(methods, jwt.SigningMethodHS256.Alg())
	}
	if cfg.JWKSURL != "" {
		ks, err := newKeySet(cfg, v.now)
		if err != nil {
			return nil, err
		}
		v.keys = ks
		methods = append(methods, jwt.SigningMethodES256.Alg(), jwt.SigningMethodRS256.Alg())
	}
	opts := []jwt.ParserOption{
		jwt.WithValidMethods(methods),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithAudience(v.audience),
		jwt.WithLeeway(leeway),
		jwt.WithTimeFunc(v.now),
		jwt.WithStrictDecoding(),
	}
	if v.issuer != "" {
		opts = append(opts, jwt.WithIssuer(v.issuer))
	}
	v.parser = jwt.NewParser(opts...)
	return v, nil
}

// Authenticate verifies the bearer token in r's Authorization header and
// returns the user id (the token's sub). Every failure is an
// *inferra.Error with code EUnauthorized, with two exceptions: a JWKS
// document that cannot be fetched when a key is needed gives EUnavailable
// (the client should retry, not sign out), and r's context ending while
// the Verifier waits for that fetch gives ECanceled.
func (v *Verifier) Authenticate(r *http.Request) (userID string, err error) {
	token, err := bearerToken(r.Header)
	if err != nil {
		return "", err
	}
	c, err := v.Verify(r.Context(), token)
	if err != nil {
		return "", err
	}
	return c.UserID, nil
}

func bearerToken(h http.Header) (string, error) {
	values := h.Values("Authorization")
	switch {
	case len(values) == 0 || strings.TrimSpace(values[0]) == "":
		return "", unauthorized("sign in first: the request has no 'Authorization: Bearer <token>' header")
	case len(values) > 1:
		return "", unauthorized("the request has more than one Authorization header")
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", unauthorized("the Authorization header must read 'Bearer <token>'")
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return "", unauthorized("the Authorization header has no token after 'Bearer'")
	}
	return token, nil
}

// Verify checks token's size, signature, algorithm and claims, and returns
// its claims. ctx bounds a JWKS fetch, if one is needed. Errors are as for
// Authenticate.
func (v *Verifier) Verify(ctx context.Context, token string) (Claims, error) {
	if len(token) > v.maxToken {
		return Claims{}, unauthorized("the token is longer than %d bytes", v.maxToken)
	}
	var tc tokenClaims
	var kid string
	tok, err := v.parser.ParseWithClaims(token, &tc, func(t *jwt.Token) (any, error) {
		var key any
		var err error
		key, kid, err = v.key(ctx, t)
		return key, err
	})
	if err != nil {
		return Claims{}, v.explain(err, &tc)
	}
	if !tok.Valid {
		return Claims{}, unauthorized("the token is not valid")
	}
	if !isUUID(tc.Subject) {
		if tc.Subject == "" {
			return Claims{}, unauthorized("the token names no user (its sub claim is empty)")
		}
		return Claims{}, unauthorized("the token's user id (sub) is not a UUID")
	}
	c := Claims{
		UserID:    tc.Subject,
		Email:     tc.Email,
		Role:      tc.Role,
		SessionID: tc.SessionID,
		Anonymous: tc.IsAnonymous,
		Issuer:    tc.Issuer,
		Audience:  []string(tc.Audience),
		Algorithm: tok.Method.Alg(),
		KeyID:     kid,
	}
	if tc.ExpiresAt != nil {
		c.ExpiresAt = tc.ExpiresAt.Time
	}
	if tc.IssuedAt != nil {
		c.IssuedAt = tc.IssuedAt.Time
	}
	return c, nil
}

// key is the jwt.Keyfunc: it returns the one key that may verify t. The
// parser has already refused any alg outside the allow-list, but the
// switch below is what ties each algorithm to its kind of key, so an HS256
// token is only ever checked against the shared secret, never against the
// bytes of a public key.
func (v *Verifier) key(ctx context.Context, t *jwt.Token) (key any, kid string, err error) {
	alg := t.Method.Alg()
	switch alg {
	case jwt.SigningMethodHS256.Alg():
		if len(v.secret) == 0 {
			return nil, "", algorithmRefused()
		}
		return v.secret, "", nil
	case jwt.SigningMethodES256.Alg(), jwt.SigningMethodRS256.Alg():
		if v.keys == nil {
			return nil, "", algorithmRefused()
		}
		kid, _ = t.Header["kid"].(string)
		if kid == "" {
			return nil, "", unauthorized("the token names no signing key (its kid header is missing)")
		}
		k, err := v.keys.lookup(ctx, kid)
		if err != nil {
			return nil, kid, err
		}
		if k.alg != alg {
			return nil, kid, unauthorized("the token's algorithm does not match its signing key")
		}
		return k.key, kid, nil
	}
	return nil, "", algorithmRefused()
}

func algorithmRefused() *inferra.Error {
	return unauthorized("the token is signed with an algorithm this server does not accept")
}

// explain turns a jwt parse error into the user-facing *inferra.Error.
func (v *Verifier) explain(err error, tc *tokenClaims) error {
	var ie *inferra.Error
	if errors.As(err, &ie) {
		return ie
	}
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		return unauthorized("the token is malformed")
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		return algorithmRefused()
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		// The parser reports an alg outside WithValidMethods this way too.
		if strings.Contains(err.Error(), "signing method") {
			return algorithmRefused()
		}
		return unauthorized("the token's signature is invalid")
	case errors.Is(err, jwt.ErrTokenExpired):
		return unauthorized("the token has expired; sign in again")
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return unauthorized("the token is not valid yet (nbf is in the future)")
	case errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return unauthorized("the token was issued in the future (check the clocks)")
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		switch {
		case tc.ExpiresAt == nil:
			return unauthorized("the token has no expiry time (exp)")
		case len(tc.Audience) == 0:
			return unauthorized("the token names no audience; want %q", v.audience)
		default:
			return unauthorized("the token names no issuer")
		}
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return unauthorized("the token is not meant for this service: its audience is not %q", v.audience)
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return unauthorized("the token was issued by another project")
	}
	return unauthorized("the token is not valid")
}

func unauthorized(format string, args ...any) *inferra.Error {
	return inferra.Errorf(inferra.EUnauthorized, format, args...)
}

// isUUID reports whether s is a UUID in its canonical text form
// (8-4-4-4-12 hexadecimal digits), as Supabase user ids are.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
