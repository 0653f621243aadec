// Package auth verifies the Supabase access tokens that come with API
// requests and tells the server which user sent them.
//
// # Two kinds of key
//
// A Supabase project signs its users' tokens either with the legacy shared
// secret (SUPABASE_JWT_SECRET, algorithm HS256) or with asymmetric signing
// keys (ES256 or RS256) whose public halves it publishes as a JSON Web Key
// Set at SUPABASE_URL/auth/v1/.well-known/jwks.json. A [Verifier] accepts
// either, as configured, and ties each algorithm to its kind of key: HS256
// is checked only against the secret, ES256 and RS256 only against a
// published key of the same type. That closes the old trick of an HS256
// token "signed" with the bytes of a public key, and alg "none" is never
// accepted.
//
// # Keys by kid, fetched sparingly
//
// Asymmetric tokens name their key with the kid header. Keys are cached;
// a kid the cache does not hold, or a cache older than ten minutes, makes
// the Verifier fetch the document again, at most once per 30 seconds
// however many forged kids arrive, and concurrent requests share the one
// fetch. The fetch uses the configured *http.Client (with a timeout) and
// refuses documents over 64 KiB; symmetric ("oct") entries in it are
// ignored.
//
// # Claims
//
// Beyond the signature a token must carry exp (30 s of clock skew are
// tolerated on exp, nbf and iat), the audience "authenticated", the
// project's issuer when one is configured, and a UUID in sub, which is the
// user id. Tokens over 8 KiB are refused before any parsing.
//
//	v, err := auth.New(auth.SupabaseConfig(os.Getenv("SUPABASE_URL"), os.Getenv("SUPABASE_JWT_SECRET")))
//	if err != nil {
//		return err // nothing configured
//	}
//	userID, err := v.Authenticate(r) // "Authorization: Bearer <token>"
//	if err != nil {
//		return err // *inferra.Error, code unauthorized: "the token has expired; sign in again"
//	}
//
// # Errors
//
// Every refusal is an *inferra.Error with code EUnauthorized and a message
// that says what is wrong with the token without echoing it. The one
// exception is a key server that cannot be reached when a key is needed:
// that is EUnavailable, so that clients retry rather than sign out.
//
// See ExampleVerifier_Verify and ExampleVerifier_Authenticate.
package auth
