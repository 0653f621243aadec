package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/inferra/inferra"
)

// publicKey is one usable key of the JWKS document: the parsed key and the
// one algorithm it may verify.
type publicKey struct {
	key any // *ecdsa.PublicKey or *rsa.PublicKey
	alg string
}

// keySet caches the JWKS document's keys by kid. A kid it does not know
// makes it fetch the document again, but never sooner than interval after
// the previous attempt, and concurrent lookups share one fetch.
type keySet struct {
	url      string
	client   *http.Client
	maxBytes int64
	interval time.Duration
	maxAge   time.Duration
	now      func() time.Time
	log      *slog.Logger

	mu        sync.Mutex
	keys      map[string]publicKey
	fetchedAt time.Time     // last successful fetch
	attemptAt time.Time     // start of the last attempt
	lastErr   error         // result of the last attempt
	inflight  chan struct{} // closed when the running fetch ends; nil if none
}

func newKeySet(cfg Config, now func() time.Time) (*keySet, error) {
	u, err := url.Parse(cfg.JWKSURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("auth: JWKS URL %q is not an http(s) URL", cfg.JWKSURL)
	}
	ks := &keySet{
		url:      u.String(),
		client:   cfg.HTTPClient,
		maxBytes: cfg.MaxJWKSBytes,
		interval: cfg.RefreshInterval,
		maxAge:   cfg.MaxKeyAge,
		now:      now,
		log:      cfg.Logger,
	}
	if ks.client == nil {
		ks.client = &http.Client{Timeout: DefaultFetchTimeout}
	}
	if ks.maxBytes <= 0 {
		ks.maxBytes = DefaultMaxJWKSBytes
	}
	if ks.interval <= 0 {
		ks.interval = DefaultRefreshInterval
	}
	if ks.maxAge <= 0 {
		ks.maxAge = DefaultMaxKeyAge
	}
	if ks.log == nil {
		ks.log = slog.Default()
	}
	return ks, nil
}

// lookup returns the key named kid, fetching the document when the key is
// unknown or the cache is older than maxAge, within the rate bound.
func (ks *keySet) lookup(ctx context.Context, kid string) (publicKey, error) {
	ks.mu.Lock()
	now := ks.now()
	k, ok := ks.keys[kid]
	if ok && !ks.fetchedAt.IsZero() && now.Sub(ks.fetchedAt) < ks.maxAge {
		ks.mu.Unlock()
		return k, nil
	}
	if wait := ks.inflight; wait != nil {
		// Someone is fetching: share the result rather than fetch again.
		ks.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return publicKey{}, inferra.Errorf(inferra.ECanceled, "the request was canceled while the sign-in keys were fetched")
		}
		ks.mu.Lock()
		k, ok = ks.keys[kid]
		err := ks.lastErr
		ks.mu.Unlock()
		return k, missing(ok, err)
	}
	if !ks.attemptAt.IsZero() && now.Sub(ks.attemptAt) < ks.interval {
		// Too soon to fetch again: answer from the cache, stale or not.
		err := ks.lastErr
		ks.mu.Unlock()
		return k, missing(ok, err)
	}
	done := make(chan struct{})
	ks.inflight, ks.attemptAt = done, now
	ks.mu.Unlock()

	// The fetch outlives a canceled caller: others may be waiting on it.
	keys, err := ks.fetch(context.WithoutCancel(ctx))

	ks.mu.Lock()
	if err == nil {
		ks.keys, ks.fetchedAt = keys, ks.now()
	} else {
		ks.log.Warn("auth: fetching the JWKS document failed", "url", ks.url, "err", err)
	}
	ks.lastErr = err
	ks.inflight = nil
	close(done)
	k, ok = ks.keys[kid]
	ks.mu.Unlock()
	return k, missing(ok, err)
}

// missing returns nil when the key was found, EUnavailable when it was not
// and the last fetch failed, and EUnauthorized otherwise.
func missing(found bool, fetchErr error) error {
	switch {
	case found:
		return nil
	case fetchErr != nil:
		return inferra.Errorf(inferra.EUnavailable, "the sign-in keys cannot be fetched right now; try again shortly")
	}
	return unauthorized("the token is signed with a key this project does not list")
}

// fetch downloads and parses the JWKS document.
func (ks *keySet) fetch(ctx context.Context) (map[string]publicKey, error) {
	if ks.client.Timeout <= 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultFetchTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ks.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := ks.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("JWKS answered %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, ks.maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > ks.maxBytes {
		return nil, fmt.Errorf("JWKS document is larger than %d bytes", ks.maxBytes)
	}
	return parseJWKS(body)
}

// jwkJSON is one entry of a JWKS document (RFC 7517), with the members
// that EC and RSA public keys use.
type jwkJSON struct {
	Kty    string   `json:"kty"`
	Kid    string   `json:"kid"`
	Alg    string   `json:"alg"`
	Use    string   `json:"use"`
	KeyOps []string `json:"key_ops"`
	Crv    string   `json:"crv"`
	X      string   `json:"x"`
	Y      string   `json:"y"`
	N      string   `json:"n"`
	E      string   `json:"e"`
}

// parseJWKS returns the document's usable signature-verification keys by
// kid. Entries that are not EC P-256 or RSA public keys for signatures
// (symmetric "oct" keys above all) are skipped, as is any later entry with
// a kid already seen; a document that is not JSON is an error.
func parseJWKS(body []byte) (map[string]publicKey, error) {
	var doc struct {
		Keys []jwkJSON `json:"keys"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("JWKS document: %w", err)
	}
	keys := make(map[string]publicKey, len(doc.Keys))
	for _, j := range doc.Keys {
		if j.Kid == "" || (j.Use != "" && j.Use != "sig") ||
			(j.KeyOps != nil && !slices.Contains(j.KeyOps, "verify")) {
			continue
		}
		if _, dup := keys[j.Kid]; dup {
			continue
		}
		k, err := j.publicKey()
		if err != nil {
			continue
		}
		keys[j.Kid] = k
	}
	return keys, nil
}

var errUnusableKey = errors.New("unusable key")

func (j jwkJSON) publicKey() (publicKey, error) {
	switch {
	case j.Kty == "EC" && j.Crv == "P-256" && (j.Alg == "" || j.Alg == "ES256"):
		x, err1 := base64.RawURLEncoding.DecodeString(j.X)
		y, err2 := base64.RawURLEncoding.DecodeString(j.Y)
		if err1 != nil || err2 != nil || len(x) != 32 || len(y) != 32 {
			return publicKey{}, errUnusableKey
		}
		point := append(append([]byte{4}, x...), y...)
		pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), point)
		if err != nil {
			return publicKey{}, errUnusableKey
		}
		return publicKey{key: pub, alg: "ES256"}, nil
	case j.Kty == "RSA" && (j.Alg == "" || j.Alg == "RS256"):
		n, err1 := base64.RawURLEncoding.DecodeString(j.N)
		e, err2 := base64.RawURLEncoding.DecodeString(j.E)
		if err1 != nil || err2 != nil || len(e) == 0 || len(e) > 4 {
			return publicKey{}, errUnusableKey
		}
		mod := new(big.Int).SetBytes(n)
		exp := int(new(big.Int).SetBytes(e).Int64())
		// Keys under 2048 bits are weak; over 8192 bits they only make
		// verification slow.
		if bits := mod.BitLen(); bits < 2048 || bits > 8192 || exp < 3 || exp%2 == 0 {
			return publicKey{}, errUnusableKey
		}
		return publicKey{key: &rsa.PublicKey{N: mod, E: exp}, alg: "RS256"}, nil
	}
	return publicKey{}, errUnusableKey
}
