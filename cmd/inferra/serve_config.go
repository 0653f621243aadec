package main

import (
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/inferra/inferra/llm"
	"github.com/inferra/inferra/stats"
)

// serveConfig is the configuration of inferra serve, read from the
// environment (and the --addr, --data-dir and --role flags, which win).
// Every default is written beside its field and in .env.example.
type serveConfig struct {
	Addr              string        // ADDR, default 127.0.0.1:8000
	DataDir           string        // DATA_DIR, default ./data
	Role              string        // ROLE: all, api or worker; default all
	DatabaseURL       string        // DATABASE_URL (secret); empty: SQLite under DATA_DIR
	SupabaseURL       string        // SUPABASE_URL
	SupabaseKey       string        // SUPABASE_KEY (secret), not used by the server
	SupabaseJWTSecret string        // SUPABASE_JWT_SECRET (secret)
	FrontendOrigins   []string      // FRONTEND_ORIGIN, comma-separated exact origins
	FrontendDir       string        // FRONTEND_DIR; empty: the built-in UI
	FrontendCSP       string        // FRONTEND_CSP; the CSP of FRONTEND_DIR's pages
	LogLevel          slog.Level    // LOG_LEVEL: debug, info, warn, error; default info
	MaxUploadBytes    int64         // MAX_UPLOAD_BYTES, default 52428800 (50 MiB)
	RateLimitPerMin   int           // RATE_LIMIT_PER_MIN per user, default 600; 0 turns it off
	MaxInflight       int           // MAX_INFLIGHT, default 256
	MaxInflightUser   int           // MAX_INFLIGHT_PER_USER, default 64
	JobTimeout        time.Duration // JOB_TIMEOUT, default 60s
	JobRescueAfter    time.Duration // JOB_RESCUE_AFTER, default 1m
	MaxDesignCells    int           // MAX_DESIGN_CELLS, default 50000000 (stats.DefaultMaxDesignCells)
	DatasetURLAllow   []string      // DATASET_URL_ALLOW, comma-separated hosts; empty: no URL datasets
	LLMAPIKey         string        // LLM_API_KEY (secret); empty: no LLM fallback
	LLMEndpoint       string        // LLM_ENDPOINT, default https://api.x.ai/v1
	LLMModel          string        // LLM_MODEL, default grok-4 (llm.DefaultModel)
	LLMDailyTokens    int           // LLM_DAILY_TOKENS per user per UTC day on /api/llm-proxy, default 100000; 0 turns the quota off
	HSTSMaxAge        int           // HSTS_MAX_AGE seconds; 0 (default) sends no HSTS
	PlotURLKey        []byte        // PLOT_URL_KEY (secret), hex, ≥ 32 bytes; default random per process
	PlotURLTTL        time.Duration // PLOT_URL_TTL, default 15m
	ShutdownTimeout   time.Duration // SHUTDOWN_TIMEOUT, default 30s
}

// authConfigured reports whether requests are authenticated (not local
// mode).
func (c serveConfig) authConfigured() bool {
	return c.SupabaseJWTSecret != "" || c.SupabaseURL != ""
}

// String describes the configuration with every secret redacted.
func (c serveConfig) String() string {
	red := func(s string) string {
		if s == "" {
			return `""`
		}
		return "[redacted]"
	}
	return fmt.Sprintf("addr=%s data_dir=%s role=%s database_url=%s supabase_url=%q supabase_jwt_secret=%s llm_api_key=%s llm_endpoint=%s llm_model=%s llm_daily_tokens=%d frontend_origin=%v frontend_dir=%q max_upload_bytes=%d rate_limit_per_min=%d job_timeout=%s",
		c.Addr, c.DataDir, c.Role, red(c.DatabaseURL), c.SupabaseURL, red(c.SupabaseJWTSecret), red(c.LLMAPIKey),
		c.LLMEndpoint, c.LLMModel, c.LLMDailyTokens, c.FrontendOrigins, c.FrontendDir, c.MaxUploadBytes, c.RateLimitPerMin, c.JobTimeout)
}

// configErrors collects every problem of a configuration, so that all are
// reported at once.
type configErrors []string

func (e *configErrors) add(name, format string, args ...any) {
	*e = append(*e, name+": "+fmt.Sprintf(format, args...))
}

// Error implements error: one problem a line.
func (e configErrors) Error() string {
	return "the configuration is not valid:\n  " + strings.Join(e, "\n  ")
}

// loadServeConfig reads the configuration from getenv and the flag values
// (an empty flag leaves the variable in force) and checks all of it.
func loadServeConfig(getenv func(string) string, addrFlag, dataDirFlag, roleFlag string) (serveConfig, error) {
	var errs configErrors
	env := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	c := serveConfig{
		Addr:              cmpOr(addrFlag, env("ADDR", "127.0.0.1:8000")),
		DataDir:           cmpOr(dataDirFlag, env("DATA_DIR", "./data")),
		Role:              cmpOr(roleFlag, env("ROLE", "all")),
		DatabaseURL:       env("DATABASE_URL", ""),
		SupabaseURL:       env("SUPABASE_URL", ""),
		SupabaseKey:       env("SUPABASE_KEY", ""),
		SupabaseJWTSecret: env("SUPABASE_JWT_SECRET", ""),
		FrontendDir:       env("FRONTEND_DIR", ""),
		FrontendCSP:       env("FRONTEND_CSP", ""),
		LLMAPIKey:         env("LLM_API_KEY", ""),
		LLMEndpoint:       env("LLM_ENDPOINT", "https://api.x.ai/v1"),
		LLMModel:          env("LLM_MODEL", llm.DefaultModel),
	}

	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		errs.add("ADDR", "want host:port such as 127.0.0.1:8000, got %q", c.Addr)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		errs.add("ADDR", "want a port from 0 to 65535, got %q", port)
	} else if !c.authConfigured() && !isLoopback(host) {
		errs.add("ADDR", "%q is not a loopback address, and no authentication is configured: set SUPABASE_JWT_SECRET (or SUPABASE_URL) to serve other hosts, or listen on 127.0.0.1", c.Addr)
	}
	switch c.Role {
	case "all", "api", "worker":
	default:
		errs.add("ROLE", "want all, api or worker, got %q", c.Role)
	}
	if c.DataDir == "" {
		errs.add("DATA_DIR", "want a directory")
	}
	if c.DatabaseURL != "" {
		if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			errs.add("DATABASE_URL", "want a postgres:// or postgresql:// URL with a host (the value is not shown)")
		}
	}
	if c.SupabaseURL != "" {
		checkURL(&errs, "SUPABASE_URL", c.SupabaseURL)
	}
	if s := c.SupabaseJWTSecret; s != "" && len(s) < 32 {
		errs.add("SUPABASE_JWT_SECRET", "want the project's JWT secret, at least 32 characters (got %d)", len(s))
	}
	for _, o := range splitList(env("FRONTEND_ORIGIN", "")) {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil {
			errs.add("FRONTEND_ORIGIN", "want comma-separated origins such as https://app.example.com (scheme, host and port only), got %q", o)
			continue
		}
		c.FrontendOrigins = append(c.FrontendOrigins, o)
	}
	if c.FrontendDir != "" {
		if st, err := os.Stat(filepath.Join(c.FrontendDir, "index.html")); err != nil || !st.Mode().IsRegular() {
			errs.add("FRONTEND_DIR", "want a directory holding index.html, got %q", c.FrontendDir)
		}
	}
	if err := c.LogLevel.UnmarshalText([]byte(env("LOG_LEVEL", "info"))); err != nil {
		errs.add("LOG_LEVEL", "want debug, info, warn or error, got %q", getenv("LOG_LEVEL"))
	}
	c.MaxUploadBytes = int64(envInt(&errs, env, "MAX_UPLOAD_BYTES", 50<<20, 1024, 1<<34))
	c.RateLimitPerMin = envInt(&errs, env, "RATE_LIMIT_PER_MIN", 600, 0, 1_000_000)
	c.MaxInflight = envInt(&errs, env, "MAX_INFLIGHT", 256, 1, 100_000)
	c.MaxInflightUser = envInt(&errs, env, "MAX_INFLIGHT_PER_USER", 64, 1, 100_000)
	c.LLMDailyTokens = envInt(&errs, env, "LLM_DAILY_TOKENS", 100_000, 0, 1<<31-1)
	c.HSTSMaxAge = envInt(&errs, env, "HSTS_MAX_AGE", 0, 0, 1<<31-1)
	c.JobTimeout = envDuration(&errs, env, "JOB_TIMEOUT", time.Minute)
	c.JobRescueAfter = envDuration(&errs, env, "JOB_RESCUE_AFTER", time.Minute)
	c.MaxDesignCells = envInt(&errs, env, "MAX_DESIGN_CELLS", stats.DefaultMaxDesignCells, 1000, 1<<40)
	c.PlotURLTTL = envDuration(&errs, env, "PLOT_URL_TTL", 15*time.Minute)
	c.ShutdownTimeout = envDuration(&errs, env, "SHUTDOWN_TIMEOUT", 30*time.Second)
	for _, h := range splitList(env("DATASET_URL_ALLOW", "")) {
		if strings.ContainsAny(h, "/:@ ") {
			errs.add("DATASET_URL_ALLOW", "want comma-separated host names such as data.example.org or *.example.org, got %q", h)
			continue
		}
		c.DatasetURLAllow = append(c.DatasetURLAllow, strings.ToLower(h))
	}
	if c.LLMAPIKey != "" {
		checkURL(&errs, "LLM_ENDPOINT", c.LLMEndpoint)
	}
	if k := env("PLOT_URL_KEY", ""); k != "" {
		b, err := hex.DecodeString(k)
		if err != nil || len(b) < 32 {
			errs.add("PLOT_URL_KEY", "want at least 32 bytes as hex (64 hex digits; the value is not shown)")
		}
		c.PlotURLKey = b
	}
	if len(errs) > 0 {
		return c, errs
	}
	return c, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func envInt(errs *configErrors, env func(string, string) string, name string, def, lo, hi int) int {
	v := env(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		errs.add(name, "want an integer from %d to %d, got %q", lo, hi, v)
		return def
	}
	return n
}

func envDuration(errs *configErrors, env func(string, string) string, name string, def time.Duration) time.Duration {
	v := env(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		errs.add(name, "want a positive duration such as 30s or 10m, got %q", v)
		return def
	}
	return d
}

func checkURL(errs *configErrors, name, v string) {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname()))) {
		errs.add(name, "want an https:// URL (http:// only on loopback), got %q", v)
	}
}

// isLoopback reports whether host is a loopback name or address.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
