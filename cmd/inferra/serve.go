package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/inferra/inferra/server"
)

// runServe is the serve command: it checks the whole configuration before
// anything listens, serves until SIGINT or SIGTERM, then drains the
// requests in progress (up to SHUTDOWN_TIMEOUT) and closes the service.
// ready, when not nil, is called with the address once listening. Every
// line it writes on stderr is a JSON object (logs.go), complaints about
// the flags and the configuration included, but two: --help prints text,
// and once listening it says in one plain line, for the person who
// started it, where to open the UI (readyLine).
func runServe(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, ready func(addr string)) int {
	early := newServeLogger(stderr, slog.LevelInfo, nil)
	var usage bytes.Buffer
	fs := flag.NewFlagSet("inferra serve", flag.ContinueOnError)
	fs.SetOutput(&usage)
	addr := fs.String("addr", "", "listen `address` host:port (env ADDR, default 127.0.0.1:8000)")
	dataDir := fs.String("data-dir", "", "`directory` for the embedded store and uploads (env DATA_DIR, default ./data)")
	role := fs.String("role", "", "process role: all, api or worker (env ROLE, default all)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			_, _ = stderr.Write(usage.Bytes())
			return exitOK
		}
		early.Error("inferra serve: bad usage", "err", err.Error(), "usage", strings.TrimSpace(usage.String()))
		return exitUsage
	}
	if fs.NArg() > 0 {
		early.Error(fmt.Sprintf("inferra serve: unexpected argument %q", fs.Arg(0)))
		return exitUsage
	}
	cfg, err := loadServeConfig(getenv, *addr, *dataDir, *role)
	if err != nil {
		var problems configErrors
		if errors.As(err, &problems) {
			early.Error("inferra serve: the configuration is not valid", "problems", []string(problems))
		} else {
			early.Error("inferra serve: the configuration is not valid", "err", err.Error())
		}
		return exitUsage
	}
	log := newServeLogger(stderr, cfg.LogLevel, cfg.secrets())
	defer captureStdLogs(log)()
	if err := serve(ctx, cfg, log, stderr, ready); err != nil {
		log.Error("serve", "err", err.Error())
		return exitFailed
	}
	return exitOK
}

// serve builds the server for cfg and runs it until ctx ends or a signal
// comes; once it listens, it writes readyLine to person.
func serve(ctx context.Context, cfg serveConfig, log *slog.Logger, person io.Writer, ready func(string)) error {
	auth, mode, err := newAuthenticator(cfg, log)
	if err != nil {
		return err
	}
	if auth == nil {
		log.Warn("no authentication configured: local mode, every request is the one local user, loopback addresses only")
	}
	lim, err := newLimiter(cfg, log)
	if err != nil {
		return err
	}
	engine, err := newEngine(0, log)
	if err != nil {
		return err
	}
	st, err := openJobStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	svc, stopSvc, err := newJobService(ctx, cfg, st, engine, log)
	if err != nil {
		return errors.Join(err, st.Close())
	}
	closeSvc := func() error { return errors.Join(stopSvc(), st.Close()) }
	proxy, err := newLLMProxy(cfg, st, log)
	if err != nil {
		return errors.Join(err, closeSvc())
	}
	llmModel := ""
	if cfg.LLMAPIKey != "" {
		llmModel = cfg.LLMModel
	}
	handler, err := server.New(server.Config{
		Jobs: svc, Auth: auth, Limit: lim, Logger: log, Version: inferraVersion(),
		MaxUploadBytes: cfg.MaxUploadBytes, MaxInflight: cfg.MaxInflight, MaxInflightPerUser: cfg.MaxInflightUser,
		AllowedOrigins: cfg.FrontendOrigins, FrontendDir: cfg.FrontendDir, FrontendCSP: cfg.FrontendCSP,
		HSTSMaxAge: cfg.HSTSMaxAge, Role: cfg.Role, AuthMode: mode, LLMModel: llmModel, Engine: engine,
		PlotKey: cfg.PlotURLKey, PlotURLTTL: cfg.PlotURLTTL, SyncTimeout: cfg.JobTimeout + 5*time.Second,
		LLMProxy: proxy,
	})
	if err != nil {
		return errors.Join(err, closeSvc())
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return errors.Join(err, closeSvc())
	}
	hs := newHTTPServer(cfg, handler, log)
	sigCtx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "config", cfg.String())
	_, _ = io.WriteString(person, readyLine(ln.Addr().String(), cfg.Role)+"\n")
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-served:
		return errors.Join(err, closeSvc())
	case <-sigCtx.Done():
	}
	log.Info("shutting down: draining requests in progress", "timeout", cfg.ShutdownTimeout.String())
	shCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	err = hs.Shutdown(shCtx)
	if err != nil {
		err = fmt.Errorf("draining: %w", err)
	}
	return errors.Join(err, closeSvc())
}

// newHTTPServer returns the http.Server of handler, with serve's timeouts;
// its complaints (a TLS handshake that failed, a handler that wrote its
// header twice) are warnings of log, JSON like every other line.
func newHTTPServer(cfg serveConfig, handler http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a 50 MiB upload on a slow link
		WriteTimeout:      cfg.JobTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// readyLine is the line serve writes for a person once it listens on
// addr (the bound address, so that the port of ":0" is the real one):
// where to open the UI, or for a worker where its health is served. An
// unspecified host (0.0.0.0, ::) is opened as 127.0.0.1.
func readyLine(addr, role string) string {
	host, port, err := net.SplitHostPort(addr)
	if err == nil {
		if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
			host = "127.0.0.1"
		}
		addr = net.JoinHostPort(host, port)
	}
	if role == "worker" {
		return "Inferra worker is running: its health is at http://" + addr + "/api/health (Ctrl-C stops it)"
	}
	return "Inferra is ready: open http://" + addr + " (Ctrl-C stops it)"
}
