package auth_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/auth"
)

// exampleToken signs the claims of a Supabase access token with secret, as
// Supabase Auth does for a project on the legacy shared secret.
func exampleToken(secret string, now time.Time, expiresIn time.Duration) string {
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub":  "8f14e45f-ceea-467f-a8b4-1c2d3e4f5a6b",
		"aud":  "authenticated",
		"iss":  "https://abcd.supabase.co/auth/v1",
		"role": "authenticated",
		"exp":  now.Add(expiresIn).Unix(),
	})
	s, err := tok.SignedString([]byte(secret))
	if err != nil {
		panic(err)
	}
	return s
}

func ExampleVerifier_Verify() {
	const secret = "super-secret-jwt-token-with-at-least-32-characters-long"
	now := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)

	cfg := auth.SupabaseConfig("https://abcd.supabase.co", secret)
	cfg.JWKSURL = ""                          // this project signs with the shared secret only
	cfg.Now = func() time.Time { return now } // a fixed clock, for the example
	v, err := auth.New(cfg)
	if err != nil {
		panic(err)
	}

	c, err := v.Verify(context.Background(), exampleToken(secret, now, time.Hour))
	fmt.Println(c.UserID, c.Role, c.Algorithm, err)

	_, err = v.Verify(context.Background(), exampleToken(secret, now, -time.Hour))
	fmt.Println(inferra.ErrorCode(err)+":", err)

	_, err = v.Verify(context.Background(), exampleToken("a guess at the secret, tried by a stranger", now, time.Hour))
	fmt.Println(inferra.ErrorCode(err)+":", err)
	// Output:
	// 8f14e45f-ceea-467f-a8b4-1c2d3e4f5a6b authenticated HS256 <nil>
	// unauthorized: the token has expired; sign in again
	// unauthorized: the token's signature is invalid
}

func ExampleVerifier_Authenticate() {
	const secret = "super-secret-jwt-token-with-at-least-32-characters-long"
	now := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)
	v, err := auth.New(auth.Config{Secret: secret, Now: func() time.Time { return now }})
	if err != nil {
		panic(err)
	}

	r := httptest.NewRequest("GET", "/api/jobs", nil)
	r.Header.Set("Authorization", "Bearer "+exampleToken(secret, now, time.Hour))
	fmt.Println(v.Authenticate(r))

	r.Header.Del("Authorization")
	_, err = v.Authenticate(r)
	fmt.Println(err)
	// Output:
	// 8f14e45f-ceea-467f-a8b4-1c2d3e4f5a6b <nil>
	// sign in first: the request has no 'Authorization: Bearer <token>' header
}
