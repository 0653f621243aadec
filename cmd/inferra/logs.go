package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"log/slog"
	"strings"
)

// serve writes one JSON object a line on stderr, and nothing else: its own
// lines, River's, the HTTP server's (http.Server.ErrorLog), those of code
// that logs through slog.Default or the standard log package, and the
// complaints about its configuration. Every line passes through a
// redactingHandler first, so that no configured secret reaches the log
// whatever text carried it there.

// newServeLogger returns serve's logger: JSON lines on w from level up,
// with every secret removed from the message and the attributes.
func newServeLogger(w io.Writer, level slog.Leveler, secrets []string) *slog.Logger {
	return slog.New(newRedactingHandler(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}), secrets))
}

// redactingHandler replaces each secret by [REDACTED] in a record's
// message and attributes (strings, errors, Stringers, and other values as
// their JSON) before next handles it. It sees the whole text: whoever
// shortens text for a log must redact it first, since a secret cut in two
// is no longer found.
type redactingHandler struct {
	next    slog.Handler
	secrets []string
}

// newRedactingHandler wraps next. Secrets shorter than 4 bytes are left
// out: replacing them would mangle ordinary text and hide nothing.
func newRedactingHandler(next slog.Handler, secrets []string) slog.Handler {
	var keep []string
	for _, s := range secrets {
		if len(s) >= 4 {
			keep = append(keep, s)
		}
	}
	if len(keep) == 0 {
		return next
	}
	return &redactingHandler{next: next, secrets: keep}
}

// Enabled implements slog.Handler.
func (h *redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

// Handle implements slog.Handler.
func (h *redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

// WithAttrs implements slog.Handler.
func (h *redactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = h.attr(a)
	}
	return &redactingHandler{next: h.next.WithAttrs(red), secrets: h.secrets}
}

// WithGroup implements slog.Handler.
func (h *redactingHandler) WithGroup(name string) slog.Handler {
	return &redactingHandler{next: h.next.WithGroup(name), secrets: h.secrets}
}

func (h *redactingHandler) redact(s string) string {
	for _, secret := range h.secrets {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, "[REDACTED]")
		}
	}
	return s
}

func (h *redactingHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.redact(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, ga := range g {
			red[i] = h.attr(ga)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, h.redact(x.Error()))
		case fmt.Stringer:
			return slog.String(a.Key, h.redact(x.String()))
		}
		// Other values are written as JSON: if theirs holds a secret,
		// the redacted JSON text is written instead.
		if b, err := json.Marshal(v.Any()); err == nil {
			if s := string(b); h.redact(s) != s {
				return slog.String(a.Key, h.redact(s))
			}
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// captureStdLogs routes slog.Default and the standard log package to
// logger until the function it returns is called, so that a library (or
// code without a logger) writes JSON lines like the rest. It changes
// process-wide state: serve owns the process's logs while it runs.
func captureStdLogs(logger *slog.Logger) (restore func()) {
	prev, out, flags, prefix := slog.Default(), log.Writer(), log.Flags(), log.Prefix()
	slog.SetDefault(logger) // also points the log package at logger
	return func() {
		slog.SetDefault(prev)
		log.SetOutput(out)
		log.SetFlags(flags)
		log.SetPrefix(prefix)
	}
}
