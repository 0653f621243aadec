package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/inferra/inferra"
)

// reqInfo is what the log line of a request needs from its handler, and
// the server's logger for the lines its handlers write.
type reqInfo struct {
	id   string
	user string
	log  *slog.Logger
}

type reqInfoKey struct{}

func withReqInfo(ctx context.Context, info *reqInfo) context.Context {
	return context.WithValue(ctx, reqInfoKey{}, info)
}

// requestID returns the request id of ctx, "" outside a request.
func requestID(ctx context.Context) string {
	if info, ok := ctx.Value(reqInfoKey{}).(*reqInfo); ok {
		return info.id
	}
	return ""
}

// logger returns the server's logger from a request's ctx; outside a
// request, slog.Default (which serve points at its own).
func logger(ctx context.Context) *slog.Logger {
	if info, ok := ctx.Value(reqInfoKey{}).(*reqInfo); ok && info.log != nil {
		return info.log
	}
	return slog.Default()
}

func setUser(ctx context.Context, user string) {
	if info, ok := ctx.Value(reqInfoKey{}).(*reqInfo); ok {
		info.user = user
	}
}

// incomingRequestID keeps a caller's X-Request-Id when it is short and
// plain, so that logs can be correlated across services; otherwise it
// makes a new one.
func incomingRequestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); id != "" && len(id) <= 64 && !strings.ContainsFunc(id, func(c rune) bool {
		return !(c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
	}) {
		return id
	}
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// The Content-Security-Policy headers. The built-in UI loads only its own
// files (no inline script or style); API responses load nothing.
const (
	uiCSP              = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	apiCSP             = "default-src 'none'; frame-ancestors 'none'"
	defaultFrontendCSP = "default-src 'self'; img-src 'self' data: blob: https:; connect-src 'self' https:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)

// securityHeaders sets the headers every response carries.
func (s *server) securityHeaders(h http.Header, path string) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	switch {
	case path == "/api/docs":
		h.Set("Content-Security-Policy", uiCSP)
	case strings.HasPrefix(path, "/api/") || path == "/metrics":
		h.Set("Content-Security-Policy", apiCSP)
	case s.opt.FrontendDir != "":
		h.Set("Content-Security-Policy", s.opt.FrontendCSP)
	default:
		h.Set("Content-Security-Policy", uiCSP)
	}
	if s.opt.HSTSMaxAge > 0 {
		h.Set("Strict-Transport-Security", "max-age="+strconv.Itoa(s.opt.HSTSMaxAge)+"; includeSubDomains")
	}
}

// cors adds the CORS headers for an allowed origin and answers its
// preflight requests; it reports whether it answered. Other origins get
// no CORS header, so browsers keep their pages out.
func (s *server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || !strings.HasPrefix(r.URL.Path, "/api/") {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	if !slices.Contains(s.opt.AllowedOrigins, origin) {
		return false
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Expose-Headers", "Location, Retry-After, X-Request-Id")
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		return false
	}
	h.Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
	h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE")
	h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}

// apiHandler is an endpoint: it serves one authenticated user and returns
// the error to report, if any.
type apiHandler func(w http.ResponseWriter, r *http.Request, user string) error

// authed wraps an endpoint with authentication, the rate limit, the body
// cap and the concurrency bounds.
func (s *server) authed(h apiHandler) http.Handler {
	return s.guard(h, false)
}

// authedOrSigned is authed for endpoints that a signed URL may also open
// (plots, loaded by <img> tags that cannot send a bearer token).
func (s *server) authedOrSigned(h apiHandler) http.Handler {
	return s.guard(h, true)
}

// guard serves h to an authenticated user within the limits. The body is
// read whole before the request takes its in-flight slot: a client that
// trickles its body (for up to the server's ReadTimeout) holds one of the
// slots bounding the bodies being received, not one of those bounding the
// requests being served, so it delays other uploads at most, never
// another user's reads, analyses or downloads.
func (s *server) guard(h apiHandler, signed bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, err := s.authenticate(r, signed)
		if err != nil {
			writeError(w, r, err)
			return
		}
		setUser(r.Context(), user)
		if ok, wait := s.limit.Allow(user); !ok {
			writeError(w, r, &apiError{status: http.StatusTooManyRequests, retryAfter: wait,
				err: inferra.Errorf(inferra.ERateLimited, "too many requests; retry after %s", wait.Round(time.Second))})
			return
		}
		if r.ContentLength > s.opt.MaxUploadBytes {
			writeError(w, r, &http.MaxBytesError{Limit: s.opt.MaxUploadBytes})
			return
		}
		if err := s.readBody(w, r, user); err != nil {
			writeError(w, r, err)
			return
		}
		release, err := s.slots.acquire(user)
		if err != nil {
			writeError(w, r, err)
			return
		}
		defer release()
		if err := h(w, r, user); err != nil {
			writeError(w, r, err)
		}
	})
}

// readBody reads r's body whole, up to MaxUploadBytes, under the bound on
// bodies being received, and puts it back as a reader over the bytes.
func (s *server) readBody(w http.ResponseWriter, r *http.Request, user string) error {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	release, err := s.receiving.acquire(user)
	if err != nil {
		return err
	}
	defer release()
	body := http.MaxBytesReader(w, r.Body, s.opt.MaxUploadBytes)
	var buf bytes.Buffer // grown as bytes arrive, not as Content-Length promises
	_, err = buf.ReadFrom(body)
	_ = body.Close()
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return err
	case err != nil:
		return badRequest(inferra.Errorf(inferra.EInvalid, "the request body could not be read: %v", err))
	}
	r.Body = &receivedBody{Reader: bytes.NewReader(buf.Bytes()), b: buf.Bytes()}
	return nil
}

// receivedBody is a body guard has read: a reader over its bytes, which
// bodyBytes hands out without a copy.
type receivedBody struct {
	*bytes.Reader
	b []byte
}

// Close implements io.Closer.
func (*receivedBody) Close() error { return nil }

// bodyBytes returns the rest of r's body: without a copy when guard has
// read it.
func bodyBytes(r *http.Request) ([]byte, error) {
	if rb, ok := r.Body.(*receivedBody); ok && rb.Len() == len(rb.b) {
		_, _ = rb.Seek(0, io.SeekEnd)
		return rb.b, nil
	}
	return io.ReadAll(r.Body)
}

// authenticate returns the user of r: from a valid plot-URL signature
// when signed allows it and the URL carries one, else from the
// authenticator.
func (s *server) authenticate(r *http.Request, signed bool) (string, error) {
	if q := r.URL.Query(); signed && q.Has("sig") && r.Header.Get("Authorization") == "" {
		user, ok := s.signer.verify(r.PathValue("id"), r.PathValue("name"), q)
		if !ok {
			return "", inferra.Errorf(inferra.EUnauthorized, "the plot link has expired or is not valid; reload the job to get a new one")
		}
		return user, nil
	}
	user, err := s.auth.Authenticate(r)
	if err != nil {
		e := inferra.AsError(err)
		if e.Code != inferra.EUnauthorized {
			e = inferra.Errorf(inferra.EUnauthorized, "missing or invalid credentials: send Authorization: Bearer <access token>")
		}
		return "", e
	}
	if user == "" {
		return "", inferra.Errorf(inferra.EUnauthorized, "the credentials name no user")
	}
	return user, nil
}

// slots bounds the requests served at once (or the bodies being
// received), globally and per user, without queueing: a full bound
// answers at once (503 or 429).
type slots struct {
	global  chan struct{}
	perUser int
	what    string // "requests in progress", for the messages
	mu      sync.Mutex
	users   map[string]int
}

func newSlots(global, perUser int, what string) *slots {
	return &slots{global: make(chan struct{}, global), perUser: perUser, what: what, users: map[string]int{}}
}

// acquire takes a slot for user and returns its release.
func (s *slots) acquire(user string) (func(), error) {
	s.mu.Lock()
	if s.users[user] >= s.perUser {
		s.mu.Unlock()
		return nil, &apiError{status: http.StatusTooManyRequests, retryAfter: time.Second,
			err: inferra.Errorf(inferra.ERateLimited, "too many of your %s (at most %d at once); retry when one finishes", s.what, s.perUser)}
	}
	s.users[user]++
	s.mu.Unlock()
	select {
	case s.global <- struct{}{}:
	default:
		s.leave(user)
		return nil, &apiError{status: http.StatusServiceUnavailable, retryAfter: time.Second,
			err: inferra.Errorf(inferra.EUnavailable, "the server is busy (too many %s); retry in a moment", s.what)}
	}
	return func() {
		<-s.global
		s.leave(user)
	}, nil
}

// held returns how many slots are taken, all users together.
func (s *slots) held() int { return len(s.global) }

func (s *slots) leave(user string) {
	s.mu.Lock()
	if s.users[user]--; s.users[user] <= 0 {
		delete(s.users, user)
	}
	s.mu.Unlock()
}
