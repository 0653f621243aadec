package server

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
)

// Config configures the API. Jobs is required; the zero value of every
// other field is its default, as written in its comment.
type Config struct {
	// Jobs runs and stores the jobs: a *jobs.Service, or a stand-in.
	Jobs JobService
	// Auth turns a request's credentials into a user id. Defaults to local
	// mode: every request is the user LocalUserID.
	Auth Authenticator
	// Limit is the per-user rate limit. Defaults to none.
	Limit Limiter
	// Logger receives a line per request and the handlers' errors.
	// Defaults to discarding them.
	Logger *slog.Logger
	// Version is the version recorded in the provenance of the decisions
	// that POST /api/decide makes and reported by /api/health. Defaults
	// to "devel".
	Version string
	// MaxUploadBytes caps every request body. Defaults to 50 MiB.
	MaxUploadBytes int64
	// MaxInflight bounds the API requests served at once; more get 503.
	// Defaults to 256.
	MaxInflight int
	// MaxInflightPerUser bounds one user's API requests served at once;
	// more get 429. Defaults to 64.
	MaxInflightPerUser int
	// AllowedOrigins are the exact origins (scheme://host[:port]) that
	// may call the API from a browser. Defaults to none.
	AllowedOrigins []string
	// FrontendDir, when set, is served at / instead of the built-in UI.
	FrontendDir string
	// FrontendCSP is the Content-Security-Policy of FrontendDir's pages.
	// Defaults to defaultFrontendCSP.
	FrontendCSP string
	// HSTSMaxAge, when positive, sends Strict-Transport-Security with this
	// max-age in seconds (only behind TLS).
	HSTSMaxAge int
	// Role is all, api or worker; a worker serves only health and
	// metrics. Defaults to all.
	Role string
	// AuthMode is "local" or the name of the configured authentication,
	// reported by /api/health. Defaults to "local".
	AuthMode string
	// Engine decides POST /api/decide; defaults to the rules alone. serve
	// passes the engine the job service uses, with the LLM fallback when
	// one is configured.
	Engine *decision.Engine
	// LLMModel is the configured LLM model, "" when no LLM is configured.
	LLMModel string
	// SyncTimeout bounds how long a sync request waits for its job; the
	// job service then answers with the job still running (202). Defaults
	// to none (the service's own bound).
	SyncTimeout time.Duration
	// PlotKey signs plot URLs. Defaults to 32 random bytes.
	PlotKey []byte
	// PlotURLTTL is how long a signed plot URL is valid. Defaults to 15
	// minutes.
	PlotURLTTL time.Duration
	// LLMProxy answers POST /api/llm-proxy. Defaults to none: the
	// endpoint answers 503 llm_not_configured.
	LLMProxy LLMProxy
	// Now returns the current time. Defaults to time.Now.
	Now func() time.Time
}

// server is the HTTP API and the front end, an ordinary http.Handler.
type server struct {
	svc     JobService
	auth    Authenticator
	limit   Limiter
	engine  *decision.Engine
	log     *slog.Logger
	opt     Config
	mux     *http.ServeMux
	metrics *metrics
	signer  *plotSigner
	slots   *slots
	// receiving bounds the request bodies being read, apart from slots,
	// so that slow uploads cannot hold the slots of requests being served.
	receiving *slots
	static    http.Handler
	datasets  datasetCache
}

// New returns the HTTP API and the front end as one http.Handler: the
// routes under /api/ (described by /api/openapi.json and /api/docs),
// /metrics and the built-in UI at /, behind request ids, security headers,
// CORS, authentication, rate and in-flight limits, a log line and metrics
// per request. Mount it at the root of a mux ("/"): its routes are
// absolute paths.
func New(cfg Config) (http.Handler, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// newServer builds the server of New.
func newServer(opt Config) (*server, error) {
	if opt.Jobs == nil {
		return nil, errors.New("server: Config.Jobs is required")
	}
	svc, auth, limit, log := opt.Jobs, opt.Auth, opt.Limit, opt.Logger
	if opt.Version == "" {
		opt.Version = "devel"
	}
	if opt.MaxUploadBytes <= 0 {
		opt.MaxUploadBytes = 50 << 20
	}
	if opt.MaxInflight <= 0 {
		opt.MaxInflight = 256
	}
	if opt.MaxInflightPerUser <= 0 {
		opt.MaxInflightPerUser = 64
	}
	if opt.Role == "" {
		opt.Role = "all"
	}
	if opt.AuthMode == "" {
		opt.AuthMode = "local"
	}
	if opt.FrontendCSP == "" {
		opt.FrontendCSP = defaultFrontendCSP
	}
	if opt.PlotURLTTL <= 0 {
		opt.PlotURLTTL = 15 * time.Minute
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if len(opt.PlotKey) == 0 {
		opt.PlotKey = make([]byte, 32)
		_, _ = rand.Read(opt.PlotKey) // crypto/rand.Read never fails on supported platforms
	}
	if auth == nil {
		auth = localAuth{}
	}
	if limit == nil {
		limit = noLimit{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	engine := opt.Engine
	if engine == nil {
		var err error
		if engine, err = decision.New(decision.Config{}); err != nil {
			return nil, fmt.Errorf("serve: the decision engine: %w", err)
		}
	}
	static, err := newStatic(opt.FrontendDir)
	if err != nil {
		return nil, err
	}
	s := &server{
		svc: svc, auth: auth, limit: limit, engine: engine, log: log, opt: opt,
		mux:       http.NewServeMux(),
		metrics:   newMetrics(),
		signer:    &plotSigner{key: opt.PlotKey, ttl: opt.PlotURLTTL, now: opt.Now},
		slots:     newSlots(opt.MaxInflight, opt.MaxInflightPerUser, "requests in progress"),
		receiving: newSlots(opt.MaxInflight, opt.MaxInflightPerUser, "request bodies being received"),
		static:    static,
	}
	s.routes()
	return s, nil
}

// routes registers every endpoint; openapi.json describes each of them.
func (s *server) routes() {
	m := s.mux
	m.HandleFunc("GET /api/health", s.handleHealth)
	m.HandleFunc("GET /metrics", s.handleMetrics)
	m.HandleFunc("GET /api/openapi.json", handleOpenAPI)
	m.HandleFunc("GET /api/docs", handleDocs)
	m.HandleFunc("GET /api/docs.js", handleDocsAsset("ui/docs.js", "text/javascript; charset=utf-8"))
	m.HandleFunc("GET /api/docs.css", handleDocsAsset("ui/app.css", "text/css; charset=utf-8"))
	m.HandleFunc("GET /api/environment", s.handleEnvironment)
	// The icon browsers ask for: the built-in UI's, as SVG.
	m.HandleFunc("GET /favicon.ico", handleDocsAsset("ui/favicon.svg", "image/svg+xml"))
	m.HandleFunc("/api/", s.handleAPINotFound)
	m.HandleFunc("/", s.handleStatic)
	if s.opt.Role == "worker" {
		return
	}
	m.Handle("POST /api/analyze", s.authed(s.handleAnalyze))
	m.Handle("POST /api/decide", s.authed(s.handleDecide))
	m.Handle("POST /api/run", s.authed(s.handleRun))
	m.Handle("GET /api/jobs", s.authed(s.handleListJobs))
	m.Handle("GET /api/jobs/{id}", s.authed(s.handleGetJob))
	m.Handle("DELETE /api/jobs/{id}", s.authed(s.handleDeleteJob))
	m.Handle("POST /api/jobs/{id}/cancel", s.authed(s.handleCancelJob))
	m.Handle("GET /api/jobs/{id}/plots/{name}", s.authedOrSigned(s.handlePlot))
	m.Handle("GET /api/jobs/{id}/reproduce.py", s.authed(s.handleReproduce))
	m.Handle("GET /api/jobs/{id}/report.html", s.authed(s.handleReport(false)))
	m.Handle("GET /api/jobs/{id}/report.md", s.authed(s.handleReport(true)))
	m.Handle("POST /api/datasets", s.authed(s.handlePutDataset))
	m.Handle("GET /api/datasets/{id}", s.authed(s.handleGetDataset))
	m.Handle("POST /api/llm-proxy", s.authed(s.handleLLMProxy))
}

// ServeHTTP implements http.Handler: request id, security headers, CORS,
// routing, then a structured log line and the metrics.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	info := &reqInfo{id: incomingRequestID(r), log: s.log}
	r = r.WithContext(withReqInfo(r.Context(), info))
	rec := &statusWriter{ResponseWriter: w}
	rec.Header().Set("X-Request-Id", info.id)
	s.securityHeaders(rec.Header(), r.URL.Path)
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "request_id", info.id, "panic", fmt.Sprint(v))
			if !rec.wrote {
				writeError(rec, r, fmt.Errorf("panic: %v", v))
			}
		}
		s.observe(r, rec, info, time.Since(start))
	}()
	if s.cors(rec, r) {
		return
	}
	s.mux.ServeHTTP(rec, r)
}

// observe logs the request and counts it in the metrics.
func (s *server) observe(r *http.Request, rec *statusWriter, info *reqInfo, d time.Duration) {
	route := r.Pattern
	if route == "" || route == "/" {
		route = "static"
		if strings.HasPrefix(r.URL.Path, "/api/") {
			route = "unmatched"
		}
	}
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	s.metrics.observe(route, status, d)
	level := slog.LevelInfo
	switch {
	case status >= 500:
		level = slog.LevelError
	case route == "static" || route == "GET /api/health" || route == "GET /metrics":
		level = slog.LevelDebug
	}
	s.log.LogAttrs(r.Context(), level, "request",
		slog.String("request_id", info.id),
		slog.String("user_id", info.user),
		slog.String("method", r.Method),
		slog.String("route", route),
		slog.String("path", r.URL.Path), // never the query: signed URLs carry a signature
		slog.Int("status", status),
		slog.Int64("bytes", rec.bytes),
		slog.Float64("latency_ms", float64(d.Microseconds())/1000),
	)
}

// handleAPINotFound answers /api/ paths no endpoint matches: 405 with
// Allow when the path exists for other methods, 404 otherwise.
func (s *server) handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host}
		if _, p := s.mux.Handler(probe); p != "" && p != "/api/" && p != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, r, &apiError{status: http.StatusMethodNotAllowed,
			err: inferra.Errorf(inferra.EInvalid, "%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allow, " or "))})
		return
	}
	writeError(w, r, inferra.Errorf(inferra.ENotFound, "no API endpoint at %s; see /api/docs", r.URL.Path))
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

// WriteHeader implements http.ResponseWriter.
func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
